//! The progress screen: opened from the library with `s`, drawn from a history of
//! real runs, at 80×24 (in tabs) and larger (all at once), and empty.

mod tui_support;

use frontline::app::App;
use frontline::progress::SaveFile;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn snap(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

/// In the library as Ann, with her month of practice saved.
fn ann_with_history() -> (App, tempfile::TempDir) {
    let library = full_library();
    let save = SaveFile { profiles: vec![history(&library)], ..SaveFile::default() };
    game_with_save(library, save)
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
