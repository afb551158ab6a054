//! Screen snapshots at 80×24, at a compact size and below the minimum size, on a
//! fixed library and seed. Review `tests/snapshots/` when they change.

mod tui_support;

use frontline::app::App;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn snap(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

/// In the library with one profile, after the first scenario was played once.
fn library_after_one_game() -> (App, tempfile::TempDir) {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    for _ in 0..6 {
        press(&mut app, &[KeyCode::Char('1')]);
    }
    press(&mut app, &[KeyCode::Esc]);
    (app, dir)
}

#[test]
fn name_prompt() {
    let (mut app, _dir) = game(&[]);
    type_text(&mut app, "Ann Lee");
    assert_snapshot!("name_prompt_80x24", snap(&mut app, 80, 24));
}

#[test]
fn profile_picker() {
    let (mut app, _dir) = game(&["Ann", "Ben"]);
    press(&mut app, &[KeyCode::Down]);
    assert_snapshot!("profile_picker_80x24", snap(&mut app, 80, 24));
}

#[test]
fn library_first_start() {
    let (mut app, _dir) = game(&["Ann"]);
    assert_snapshot!("library_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("library_30x8", snap(&mut app, 30, 8));
}

#[test]
fn library_with_a_best_result_and_an_unlocked_scenario() {
    let (mut app, _dir) = library_after_one_game();
    press(&mut app, &[KeyCode::Down]);
    assert_snapshot!("library_played_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("library_played_50x16", snap(&mut app, 50, 16));
}

#[test]
fn library_selecting_a_locked_scenario() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
    assert_snapshot!("library_locked_80x24", snap(&mut app, 80, 24));
}

#[test]
fn play_opening() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    assert_snapshot!("play_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("play_40x12", snap(&mut app, 40, 12));
    assert_snapshot!("play_30x8", snap(&mut app, 30, 8));
}

#[test]
fn play_in_mentor_mode_explains_each_change() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('m'), KeyCode::Enter, KeyCode::Char('1'), KeyCode::Char('1')]);
    assert_snapshot!("play_mentor_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("play_mentor_60x20", snap(&mut app, 60, 20));
}

#[test]
fn play_asking_to_leave() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1'), KeyCode::Char('q')]);
    assert_snapshot!("play_confirm_leave_80x24", snap(&mut app, 80, 24));
}

#[test]
fn debrief() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    for _ in 0..6 {
        press(&mut app, &[KeyCode::Char('1')]);
    }
    assert_snapshot!("debrief_80x24", snap(&mut app, 80, 24));
    press(&mut app, &[KeyCode::End]);
    assert_snapshot!("debrief_end_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("debrief_30x8", snap(&mut app, 30, 8));
}

#[test]
fn help_overlay() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('?')]);
    assert_snapshot!("help_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("help_30x8", snap(&mut app, 30, 8));
}

#[test]
fn start_up_notices_show_until_a_conversation_starts() {
    let notices = vec![
        "Your save could not be read (expected a version). It was kept as /data/progress.unreadable-1.ron and a fresh save was started.".to_string(),
        "trainer/broken.ron:3:7: unexpected end of file".to_string(),
    ];
    let (mut app, _dir) = game_full(library(), &["Ann"], SEED, notices);
    assert_snapshot!("library_notices_80x24", snap(&mut app, 80, 24));
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('q'), KeyCode::Char('y')]);
    assert!(app.notices().is_empty());
    assert!(!draw(&mut app, 80, 24).backend().to_string().contains("broken.ron"));
}

#[test]
fn mentor_mode_is_announced_in_the_header_and_footer() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('m')]);
    assert_snapshot!("library_mentor_72x14", snap(&mut app, 72, 14));
}
