//! The progress screen: opened from the library with `s`, drawn from a history of
//! real runs, at 80×24 (in tabs) and larger (all at once), and empty.

mod tui_support;

use frontline::app::{App, ProgressTab, Screen};
use frontline::progress::{LegacyProfile, Mode, Stats, today};
use frontline::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use tui_support::*;

fn snap(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

fn save_of(profiles: Vec<LegacyProfile>) -> Vec<LegacyProfile> {
    profiles
}

/// In the library as Ann, with her fortnight of practice saved.
fn ann_with_history() -> (App, tempfile::TempDir) {
    let library = full_library();
    let save = save_of(vec![history(&library)]);
    game_with_save(library, save)
}

fn progress(app: &App) -> &frontline::app::ProgressScreen {
    match app.screen() {
        Screen::Progress(screen) => screen,
        other => panic!("not on the progress screen: {other:?}"),
    }
}

/// The text between a screen's first and last line.
fn body(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[1..lines.len() - 1].join("\n")
}

#[test]
fn progress_screen_with_a_history() {
    let (mut app, _dir) = ann_with_history();
    press(&mut app, &[KeyCode::Char('s')]);
    assert_snapshot!("progress_overview_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("progress_120x40", snap(&mut app, 120, 40));
    press(&mut app, &[KeyCode::Tab]);
    assert_snapshot!("progress_scenarios_80x24", snap(&mut app, 80, 24));
}

#[test]
fn the_figures_are_the_profiles_stats_worked_out_when_the_screen_opens() {
    let (mut app, _dir) = ann_with_history();
    press(&mut app, &[KeyCode::Char('s')]);
    let expected = Stats::of(app.profile().expect("Ann plays"), app.library(), today());
    let stats = progress(&app).stats.clone();
    assert_eq!(stats, expected);
    assert_eq!((stats.attempts, stats.finished, stats.streak_days), (13, 11, 3), "{stats:?}");
    // Every figure is written, not only drawn.
    let all = screen_text(&draw(&mut app, 120, 40));
    assert!(all.contains(&format!("{} · {} played out", stats.attempts, stats.finished)), "{all}");
    assert!(all.contains(&format!("{}%", stats.first_contact_rate.expect("a rate"))), "{all}");
    assert!(all.contains("3 days") && all.contains("38 minutes"), "{all}");
    for track in &stats.tracks {
        assert!(all.contains(&format!("{} of {}", track.passed, track.scenarios)), "{track:?}:\n{all}");
    }
    for skill in &stats.skills {
        let line = all.lines().find(|l| l.contains(skill.skill.label())).expect("each skill is labelled");
        assert!(line.contains(&format!("avg {:>3}", skill.average.expect("an average"))), "{line}");
    }
    let book = all.lines().find(|l| l.contains("The book that was not on the shelf")).expect("a row");
    let row = stats.scenarios.iter().find(|s| s.id == "hold-shelf").expect("stats for it");
    assert!(book.contains(&format!("✓ {}", row.passes)) && book.contains(&row.attempts.to_string()), "{book}");
}

#[test]
fn a_profile_with_no_attempts_gets_a_friendly_empty_page() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('s')]);
    assert_snapshot!("progress_empty_80x24", snap(&mut app, 80, 24));
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("No attempts yet") && !text.contains("Overview"), "no tabs for nothing:\n{text}");
}

#[test]
fn without_a_played_out_attempt_the_skills_say_what_to_do() {
    let library = full_library();
    let mut ann = person("Ann");
    ann.attempts.push(played(&library, "hold-shelf", &HOLD_BEST[..1], Mode::Practice));
    let (mut app, _dir) = game_with_save(library, save_of(vec![ann]));
    press(&mut app, &[KeyCode::Char('s')]);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("No played-out attempts yet: finish a conversation"), "{text}");
    assert!(text.contains("unfinished") || text.contains("none yet"), "{text}");
}

#[test]
fn esc_and_q_go_back_to_the_library() {
    let (mut app, _dir) = ann_with_history();
    for back in [KeyCode::Esc, KeyCode::Char('q')] {
        press(&mut app, &[KeyCode::Char('s')]);
        assert!(matches!(app.screen(), Screen::Progress(_)));
        press(&mut app, &[back]);
        assert!(matches!(app.screen(), Screen::Library), "{back:?}");
        assert!(app.is_running(), "q leaves the progress screen, not the game");
    }
}

#[test]
fn tab_and_the_side_arrows_move_between_panels_at_80x24() {
    let (mut app, _dir) = ann_with_history();
    app.resize(ratatui::layout::Size::new(80, 24));
    press(&mut app, &[KeyCode::Char('s')]);
    let shown = |app: &App| progress(app).tab;
    assert_eq!(shown(&app), ProgressTab::Overview);
    for (key, expected) in [
        (KeyCode::Tab, ProgressTab::Scenarios),
        (KeyCode::Tab, ProgressTab::Overview),
        (KeyCode::Right, ProgressTab::Scenarios),
        (KeyCode::Left, ProgressTab::Overview),
        (KeyCode::BackTab, ProgressTab::Scenarios),
        (KeyCode::Char('h'), ProgressTab::Overview),
    ] {
        press(&mut app, &[key]);
        assert_eq!(shown(&app), expected, "after {key:?}");
    }
    // The overview holds the skills at this size.
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("At a glance") && text.contains("Skills · last 11"), "{text}");
}

#[test]
fn a_small_terminal_gives_the_skills_a_tab_of_their_own() {
    let (mut app, _dir) = ann_with_history();
    app.resize(ratatui::layout::Size::new(60, 16));
    press(&mut app, &[KeyCode::Char('s')]);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let text = body(&screen_text(&draw(&mut app, 60, 16)));
        seen.push((progress(&app).tab, text.contains("At a glance"), text.contains("Skills · last")));
        press(&mut app, &[KeyCode::Tab]);
    }
    assert_eq!(
        seen,
        [
            (ProgressTab::Overview, true, false),
            (ProgressTab::Skills, false, true),
            (ProgressTab::Scenarios, false, false)
        ]
    );
    assert_eq!(progress(&app).tab, ProgressTab::Overview, "and round again");
}

#[test]
fn the_scenario_table_scrolls_to_every_bundled_scenario_at_80x24() {
    let library = frontline::scenario::load_library(&[]).library;
    let first = library.scenarios[0].scenario.id.clone();
    let mut ann = person("Ann");
    ann.attempts.push(played(&library, &first, &[], Mode::Practice));
    let titles: Vec<String> = library.scenarios.iter().map(|s| s.scenario.title.clone()).collect();
    let (mut app, _dir) = game_with_save(library, save_of(vec![ann]));
    app.resize(ratatui::layout::Size::new(80, 24));
    press(&mut app, &[KeyCode::Char('s'), KeyCode::Tab]);
    let mut shown = String::new();
    for _ in 0..10 {
        shown += &screen_text(&draw(&mut app, 80, 24));
        press(&mut app, &[KeyCode::PageDown]);
    }
    for title in &titles {
        assert!(shown.contains(title.as_str()), "{title:?} never shown:\n{shown}");
    }
    let bottom = progress(&app).scroll;
    assert!(bottom > 0, "16 scenarios in 4 tracks do not fit in 80x24");
    press(&mut app, &[KeyCode::Up]);
    assert_eq!(progress(&app).scroll, bottom - 1, "one step up moves at once");
    assert!(screen_text(&draw(&mut app, 80, 24)).contains("▲ more"));
    press(&mut app, &[KeyCode::Home]);
    assert_eq!(progress(&app).scroll, 0);
    assert!(screen_text(&draw(&mut app, 80, 24)).contains("▼ more"));
}

#[test]
fn without_colour_the_charts_draw_the_same_shapes() {
    let library = full_library();
    let save = save_of(vec![history(&library)]);
    let (mut plain, _a) = game_with_save_themed(library.clone(), save.clone(), Theme::plain());
    let (mut colored, _b) = game_with_save_themed(library, save, Theme::colored());
    for (w, h) in [(80, 24), (120, 40)] {
        press(&mut plain, &[KeyCode::Char('s')]);
        press(&mut colored, &[KeyCode::Char('s')]);
        let plain_frame = draw(&mut plain, w, h);
        for cell in &plain_frame.backend().buffer().content {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{w}x{h}: {cell:?}");
        }
        let colored_frame = draw(&mut colored, w, h);
        let colours = colored_frame.backend().buffer().content.iter().filter(|c| c.fg != Color::Reset).count();
        assert!(colours > 0, "the coloured theme colours something");
        assert_eq!(screen_text(&plain_frame), screen_text(&colored_frame), "{w}x{h}: the same symbols either way");
        press(&mut plain, &[KeyCode::Esc]);
        press(&mut colored, &[KeyCode::Esc]);
    }
}

#[test]
fn every_panel_renders_at_every_size_without_panicking() {
    let (mut app, _dir) = ann_with_history();
    press(&mut app, &[KeyCode::Char('s')]);
    for tab in 0..3 {
        for w in [0, 1, 5, 39, 40, 41, 50, 60, 79, 80, 99, 100, 101, 120, 200] {
            for h in [0, 1, 5, 11, 12, 13, 16, 20, 23, 24, 29, 30, 31, 40, 60] {
                app.resize(ratatui::layout::Size::new(w, h));
                draw(&mut app, w, h);
                press(&mut app, &[KeyCode::End, KeyCode::Up]);
            }
        }
        assert!(matches!(app.screen(), Screen::Progress(_)), "tab {tab}");
        press(&mut app, &[KeyCode::Tab]);
    }
}

#[test]
fn skill_labels_are_whole_from_80_columns_on() {
    let library = full_library();
    let mut short = history(&library);
    short.attempts.truncate(2);
    for profile in [history(&library), short] {
        let (mut app, _dir) = game_with_save(library.clone(), save_of(vec![profile]));
        press(&mut app, &[KeyCode::Char('s')]);
        for (w, h) in [(80, 24), (100, 30), (120, 40), (160, 50)] {
            let text = screen_text(&draw(&mut app, w, h));
            for skill in frontline::engine::Skill::ALL {
                assert!(text.contains(skill.label()), "{w}x{h}: {:?} is cut:\n{text}", skill.label());
            }
        }
    }
}

#[test]
fn the_glance_says_which_modes_the_attempts_were_played_in() {
    let library = full_library();
    let mut ann = person("Ann");
    ann.attempts.push(played(&library, "hold-shelf", HOLD_BEST, Mode::Practice));
    ann.attempts.push(played(&library, "hold-shelf", HOLD_BEST, Mode::Test));
    ann.attempts.push(played(&library, "hold-shelf", HOLD_ONE_OPTION, Mode::Test));
    let (mut app, _dir) = game_with_save(library, vec![ann]);
    press(&mut app, &[KeyCode::Char('s')]);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("by mode: 1 practice · 2 test"), "{text}");
}
