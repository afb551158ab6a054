//! Profiles in the game: create, switch, rename and delete, each written to the
//! save at once; a name that differs from another only in case or spacing is the
//! same person, and the game says so instead of making a twin.

mod tui_support;

use frontline::app::{App, InputMode, ProfileScreen, Screen};
use frontline::progress::Mode;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn snap(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

fn names(save: &Saved) -> Vec<&str> {
    save.profiles.iter().map(|p| p.name.as_str()).collect()
}

fn is_library(app: &App) -> bool {
    matches!(app.screen(), Screen::Library)
}

/// Erases what the name field holds.
fn clear_field(app: &mut App) {
    for _ in 0..40 {
        press(app, &[KeyCode::Backspace]);
    }
}

/// Ana Lopez (three attempts, playing) and Ben, on the library.
fn ana_and_ben() -> (App, tempfile::TempDir) {
    let library = library();
    let mut ana = person("Ana Lopez");
    for fragments in [HOLD_APOLOGISING, HOLD_BEST, &HOLD_BEST[..1]] {
        ana.attempts.push(played(&library, "hold-shelf", fragments, Mode::Practice));
    }
    let ben = person("Ben");
    let (mut app, dir) = game_with_save(library, vec![ana, ben]);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.profile_name(), Some("Ana Lopez"));
    (app, dir)
}

#[test]
fn the_profile_list_shows_who_is_playing_and_what_can_be_done() {
    let (mut app, _dir) = ana_and_ben();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Down]);
    assert_snapshot!("profiles_with_actions_80x24", snap(&mut app, 80, 24));
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("playing · 3 attempts"), "{text}");
    assert!(text.contains("n new  r rename  x delete"), "the box names the actions:\n{text}");
}

#[test]
fn n_creates_a_profile_that_is_saved_and_played_at_once() {
    let (mut app, dir) = ana_and_ben();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('n')]);
    assert_eq!(app.input_mode(), InputMode::Text);
    type_text(&mut app, "Cy   Young ");
    press(&mut app, &[KeyCode::Enter]);
    assert!(is_library(&app));
    assert_eq!(app.profile_name(), Some("Cy Young"), "spacing is tidied");
    assert_eq!(names(&saved(&dir)), ["Ana Lopez", "Ben", "Cy Young"]);
}

#[test]
fn enter_switches_to_the_selected_profile() {
    let (mut app, _dir) = ana_and_ben();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Down, KeyCode::Enter]);
    assert!(is_library(&app));
    assert_eq!(app.profile_name(), Some("Ben"));
    let header = screen_text(&draw(&mut app, 80, 24)).lines().next().unwrap_or_default().to_string();
    assert!(header.contains("Ben · Practice mode · no attempts yet"), "{header}");
}

#[test]
fn a_name_that_differs_only_in_case_or_spacing_is_the_same_person() {
    let (mut app, dir) = ana_and_ben();
    let before = saved(&dir);
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('n')]);
    type_text(&mut app, "ana  lopez");
    press(&mut app, &[KeyCode::Enter]);
    match app.screen() {
        Screen::Profile(ProfileScreen::Name { text, error: Some(error) }) => {
            assert_eq!(error, "'ana  lopez' is Ana Lopez's profile — pick it from the list");
            assert_eq!(text, "ana  lopez", "what was typed stays, to be changed");
        }
        other => panic!("expected the name prompt with a message, got {other:?}"),
    }
    assert_snapshot!("same_person_80x24", snap(&mut app, 80, 24));
    assert_eq!(saved(&dir), before, "no twin is saved");
    assert_eq!(app.profile_name(), Some("Ana Lopez"), "and nobody is switched silently");

    // The very same name is no different.
    clear_field(&mut app);
    type_text(&mut app, "BEN");
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        matches!(app.screen(), Screen::Profile(ProfileScreen::Name { error: Some(e), .. }) if e == "'BEN' is Ben's profile — pick it from the list"),
        "{:?}",
        app.screen()
    );
    // Esc goes back to the list, where the profile is picked.
    press(&mut app, &[KeyCode::Esc, KeyCode::Up, KeyCode::Enter]);
    assert_eq!(app.profile_name(), Some("Ben"));
    assert_eq!(names(&saved(&dir)), ["Ana Lopez", "Ben"]);
}

#[test]
fn r_renames_the_selected_profile_and_keeps_its_attempts() {
    let (mut app, dir) = ana_and_ben();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('r')]);
    assert!(
        matches!(app.screen(), Screen::Profile(ProfileScreen::Rename { from, text, .. }) if from == "Ana Lopez" && text == "Ana Lopez"),
        "the field starts with the name: {:?}",
        app.screen()
    );
    assert_eq!(app.input_mode(), InputMode::Text);
    clear_field(&mut app);
    type_text(&mut app, "Ana García");
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { selected: 0 })), "{:?}", app.screen());
    assert_eq!(app.profile_name(), Some("Ana García"), "the player carries on under the new name");
    let save = saved(&dir);
    assert_eq!(names(&save), ["Ana García", "Ben"]);
    assert_eq!(save.profiles[0].attempts.len(), 3);
    assert!(app.status().is_some_and(|s| s.contains("Renamed Ana Lopez to Ana García")), "{:?}", app.status());
}

#[test]
fn a_rename_to_someone_else_is_refused_but_a_change_of_case_is_not() {
    let (mut app, dir) = ana_and_ben();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Down, KeyCode::Char('r')]);
    clear_field(&mut app);
    type_text(&mut app, " ANA lopez");
    press(&mut app, &[KeyCode::Enter]);
    match app.screen() {
        Screen::Profile(ProfileScreen::Rename { error: Some(error), .. }) => {
            assert_eq!(error, "'ANA lopez' is Ana Lopez's profile — choose another name");
        }
        other => panic!("expected the rename prompt with a message, got {other:?}"),
    }
    assert_eq!(names(&saved(&dir)), ["Ana Lopez", "Ben"]);
    // Ben may write his own name another way.
    clear_field(&mut app);
    type_text(&mut app, "BEN");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(names(&saved(&dir)), ["Ana Lopez", "BEN"]);
    // Esc leaves a rename without changing anything.
    press(&mut app, &[KeyCode::Char('r'), KeyCode::Char('x'), KeyCode::Esc]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { selected: 1 })));
    assert_eq!(names(&saved(&dir)), ["Ana Lopez", "BEN"]);
}

#[test]
fn x_asks_before_deleting_naming_the_profile_and_its_attempts() {
    let (mut app, dir) = ana_and_ben();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('x')]);
    assert_eq!(app.input_mode(), InputMode::Confirm);
    assert_snapshot!("delete_confirmation_80x24", snap(&mut app, 80, 24));
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Delete Ana Lopez's profile and its 3 attempts?"), "{text}");
    press(&mut app, &[KeyCode::Char('n')]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { selected: 0 })));
    press(&mut app, &[KeyCode::Delete, KeyCode::Esc]);
    assert_eq!(names(&saved(&dir)), ["Ana Lopez", "Ben"], "n and Esc keep it");

    press(&mut app, &[KeyCode::Char('x'), KeyCode::Char('y')]);
    assert_eq!(names(&saved(&dir)), ["Ben"]);
    assert_eq!(app.profile_name(), None, "the deleted profile was the one playing");
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { selected: 0 })));
    assert_eq!(app.status(), Some("Deleted Ana Lopez's profile and its 3 attempts."));
    // Someone must be chosen now: Enter plays as Ben.
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.profile_name(), Some("Ben"));
}

#[test]
fn deleting_the_last_profile_asks_for_a_name_as_on_a_first_start() {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('x')]);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Delete Ann's profile?") && text.contains("It has no attempts yet."), "{text}");
    press(&mut app, &[KeyCode::Char('y')]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Name { .. })));
    assert!(saved(&dir).profiles.is_empty());
    assert!(screen_text(&draw(&mut app, 80, 24)).contains("Welcome"));
}

#[test]
fn rename_and_delete_on_the_new_profile_row_say_what_to_select() {
    let (mut app, _dir) = game(&["Ann", "Ben"]);
    press(&mut app, &[KeyCode::End, KeyCode::Char('r')]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { selected: 2 })));
    assert!(app.status().is_some_and(|s| s.contains("Select a profile to rename")), "{:?}", app.status());
    press(&mut app, &[KeyCode::Char('x')]);
    assert!(app.status().is_some_and(|s| s.contains("Select a profile to delete")), "{:?}", app.status());
}

#[test]
fn a_save_that_fails_is_reported_for_every_profile_change() {
    let (mut app, dir) = ana_and_ben();
    std::fs::remove_dir_all(dir.path()).expect("remove data dir");
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('n')]);
    type_text(&mut app, "Cy");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.status().is_some_and(|s| s.starts_with("Could not save the new profile")), "{:?}", app.status());
    assert_eq!(app.profile_name(), Some("Cy"), "the game goes on with it");
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Home, KeyCode::Char('r'), KeyCode::Char('d'), KeyCode::Enter]);
    assert!(
        app.status().is_some_and(|s| s.contains("Renamed Ana Lopez to Ana Lopezd, but the save could not be written")),
        "{:?}",
        app.status()
    );
    press(&mut app, &[KeyCode::Char('x'), KeyCode::Char('y')]);
    assert!(
        app.status().is_some_and(|s| s.contains("Deleted Ana Lopezd's profile and its 3 attempts, but the save")),
        "{:?}",
        app.status()
    );
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Deleted Ana Lopezd's profile and its 3 attempts, but the save could not"), "{text}");
}

#[test]
fn the_help_lists_the_profile_and_progress_keys() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('?')]);
    let text = screen_text(&draw(&mut app, 120, 60));
    for expected in ["s your progress", "p profiles", "n new", "r rename", "x or Del delete (asks", "Tab or ←→"] {
        assert!(text.contains(expected), "{expected:?} missing in\n{text}");
    }
    let footer = |app: &mut App| screen_text(&draw(app, 80, 24)).lines().last().unwrap_or_default().to_string();
    press(&mut app, &[KeyCode::Esc]);
    assert!(footer(&mut app).contains("s progress"), "{}", footer(&mut app));
    press(&mut app, &[KeyCode::Char('p')]);
    assert!(footer(&mut app).contains("n new  r rename  x delete"), "{}", footer(&mut app));
}

#[test]
fn the_profile_given_on_the_command_line_starts_on_the_library_without_the_menu() {
    let start = |profile: Option<&str>| {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut store, mut save, _) = frontline::progress::Store::open(dir.path()).expect("open store");
        for name in ["Ana Lopez", "Ben"] {
            store.create_profile(&mut save, name).expect("a new profile");
        }
        let ctx = frontline::app::AppContext {
            library: library(),
            rules: frontline::engine::Rules::default(),
            store,
            save,
            notices: Vec::new(),
            seed: Some(SEED),
            profile: profile.map(String::from),
        };
        App::with_theme(ctx, frontline::ui::theme::Theme::plain())
    };
    let app = start(Some("Ben"));
    assert!(is_library(&app), "no profile menu: {:?}", app.screen());
    assert_eq!(app.profile_name(), Some("Ben"));
    // Without one, two profiles mean the menu, as before.
    let app = start(None);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { .. })), "{:?}", app.screen());
    // A name not in the save is not trusted: the menu again.
    let app = start(Some("Nobody"));
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { .. })), "{:?}", app.screen());
    assert_eq!(app.profile_name(), None);
}
