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

/// The desk scenario after every fact was looked up (the branch van last).
fn desk_full() -> (App, tempfile::TempDir) {
    let (mut app, dir) = game_with(desk_library(), &["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1')]);
    for fragment in ["digital copy", "branch van"] {
        let frontline::app::Screen::Play(play) = app.screen() else { panic!("not playing") };
        let n = play.run.replies().iter().position(|r| r.text.contains(fragment)).expect("offered") + 1;
        press(&mut app, &[KeyCode::Char(char::from(b'0' + n as u8))]);
    }
    (app, dir)
}

#[test]
fn play_with_a_full_desk() {
    let (mut app, _dir) = desk_full();
    assert_snapshot!("play_desk_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("play_desk_100x30", snap(&mut app, 100, 30));
    press(&mut app, &[KeyCode::Char('d')]);
    assert_snapshot!("play_desk_view_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("play_desk_view_60x18", snap(&mut app, 60, 18));
    press(&mut app, &[KeyCode::End]);
    assert_snapshot!("play_desk_view_end_60x18", snap(&mut app, 60, 18));
}

#[test]
fn play_with_many_replies_in_a_small_window() {
    let (mut app, _dir) = game_with(desk_library(), &["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1')]);
    assert_snapshot!("play_many_replies_60x18", snap(&mut app, 60, 18));
    assert_snapshot!("play_many_replies_40x12", snap(&mut app, 40, 12));
    for _ in 0..5 {
        press(&mut app, &[KeyCode::Down]);
    }
    assert_snapshot!("play_many_replies_last_60x18", snap(&mut app, 60, 18));
}

#[test]
fn debrief_one_page_down() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    for _ in 0..6 {
        press(&mut app, &[KeyCode::Char('1')]);
    }
    app.resize(ratatui::layout::Size::new(80, 24));
    press(&mut app, &[KeyCode::PageDown]);
    assert_snapshot!("debrief_page_down_80x24", snap(&mut app, 80, 24));
}
