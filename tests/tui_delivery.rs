//! The game delivers attempts to the LRS without waiting for it: each saved
//! attempt is queued in the outbox and sent on a thread; the library says how many
//! are waiting. Against a dead LRS (nothing lost) and the real Ralph `.ci/run`
//! starts (delivered, once).

mod lrs_support;
mod tui_support;

use frontline::app::{App, Screen};
use frontline::config::Config;
use lrs_support::{dead_endpoint, ralph, unique};
use ratatui::crossterm::event::KeyCode;
use std::time::Duration;
use tui_support::{draw, game, press, screen_text};

fn config_for(endpoint: &str, key: &str, secret: &str) -> Config {
    let (endpoint, key, secret) = (endpoint.to_string(), key.to_string(), secret.to_string());
    let env = move |name: &str| match name {
        "FRONTLINE_LRS_ENDPOINT" => Some(endpoint.clone()),
        "FRONTLINE_LRS_KEY" => Some(key.clone()),
        "FRONTLINE_LRS_SECRET" => Some(secret.clone()),
        _ => None,
    };
    let none = tempfile::tempdir().unwrap();
    Config::load_with(Some(none.path()), &env).expect("a configured LRS")
}

fn play_to_debrief(app: &mut App) {
    press(app, &[KeyCode::Enter]);
    for _ in 0..40 {
        press(app, &[KeyCode::Char('1')]);
        if matches!(app.screen(), Screen::Debrief(_)) {
            return;
        }
    }
    panic!("no debrief after 40 replies");
}

fn outbox_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("outbox"))
        .map(|entries| entries.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".json")).count())
        .unwrap_or(0)
}

#[test]
fn with_the_lrs_down_the_attempt_waits_in_the_outbox_and_the_library_says_so() {
    let (mut app, dir) = game(&["Ann"]);
    app.deliver_to(config_for(&dead_endpoint(), "key", "secret"), || {});
    play_to_debrief(&mut app);
    app.finish_delivery(Duration::from_secs(60));
    assert_eq!(outbox_files(dir.path()), 1, "queued, and kept when the LRS could not be reached");
    let (waiting, problem) = app.lrs_waiting().expect("an LRS is configured");
    assert_eq!(waiting, 1);
    assert!(problem.is_some_and(|p| p.contains("reach")), "{problem:?}");
    press(&mut app, &[KeyCode::Esc]);
    let text = screen_text(&draw(&mut app, 100, 24));
    assert!(text.contains("1 attempt waiting for the LRS"), "{text}");
}

#[test]
fn without_an_lrs_nothing_is_queued_or_shown() {
    let (mut app, dir) = game(&["Ann"]);
    app.deliver_to(Config::default(), || {});
    play_to_debrief(&mut app);
    app.finish_delivery(Duration::from_secs(5));
    assert_eq!(outbox_files(dir.path()), 0);
    assert_eq!(app.lrs_waiting(), None);
    press(&mut app, &[KeyCode::Esc]);
    assert!(!screen_text(&draw(&mut app, 100, 24)).contains("waiting for the LRS"));
}

#[test]
fn with_the_real_lrs_the_attempt_is_delivered_in_the_background() {
    let Some(lrs) = ralph() else { return };
    let name = unique("tui");
    let (mut app, dir) = game(&[&name]);
    app.deliver_to(config_for(lrs.endpoint(), lrs.key(), lrs.secret()), || {});
    play_to_debrief(&mut app);
    app.finish_delivery(Duration::from_secs(60));
    assert_eq!(app.lrs_waiting(), Some((0, None)), "delivered");
    assert_eq!(outbox_files(dir.path()), 0);
    let client = frontline::lrs::Client::new(&lrs, Duration::from_secs(10));
    let statements = client.fetch(None).expect("the LRS answers");
    let mine: Vec<_> = statements.iter().filter(|s| s["actor"]["account"]["name"] == name.as_str()).collect();
    assert_eq!(mine.len(), 1, "one statement for one attempt");
}
