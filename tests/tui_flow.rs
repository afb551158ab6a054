//! The game's screens as a state machine, driven by key presses without a terminal.

mod tui_support;

use frontline::app::{App, InputMode, ProfileScreen, Screen};
use frontline::progress::Mode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use tui_support::*;

fn is_library(app: &App) -> bool {
    matches!(app.screen(), Screen::Library)
}

fn selected_id(app: &App) -> String {
    app.selected_scenario().expect("a scenario is selected").scenario.id.clone()
}

fn picks(app: &App) -> Vec<usize> {
    match app.screen() {
        Screen::Play(play) => play.run.picks().to_vec(),
        other => panic!("not playing: {other:?}"),
    }
}

/// Presses 1 until the debrief shows; the number of presses it took.
fn play_to_debrief(app: &mut App) -> usize {
    for n in 1..=40 {
        press(app, &[KeyCode::Char('1')]);
        if matches!(app.screen(), Screen::Debrief(_)) {
            return n;
        }
    }
    panic!("no debrief after 40 presses of 1");
}

#[test]
fn first_start_asks_for_a_name_then_opens_the_library_on_the_first_unlocked_scenario() {
    let (mut app, dir) = game(&[]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Name { .. })));
    assert_eq!(app.input_mode(), InputMode::Text);
    type_text(&mut app, "Ann Lee");
    press(&mut app, &[KeyCode::Enter]);
    assert!(is_library(&app));
    assert_eq!(app.profile_name(), Some("Ann Lee"));
    assert_eq!(selected_id(&app), "hold-shelf");
    assert_eq!(saved(&dir).profiles[0].name, "Ann Lee", "the new profile is saved at once");
}

#[test]
fn letters_typed_into_the_name_are_not_commands() {
    let (mut app, _dir) = game(&[]);
    type_text(&mut app, "qmup");
    assert!(app.is_running());
    press(&mut app, &[KeyCode::Backspace, KeyCode::Enter]);
    assert_eq!(app.profile_name(), Some("qmu"));
}

#[test]
fn an_empty_name_is_refused_with_a_message() {
    let (mut app, _dir) = game(&[]);
    type_text(&mut app, "   ");
    press(&mut app, &[KeyCode::Enter]);
    match app.screen() {
        Screen::Profile(ProfileScreen::Name { error: Some(e), .. }) => assert!(e.contains("name"), "{e}"),
        other => panic!("expected the name prompt with an error, got {other:?}"),
    }
}

#[test]
fn esc_on_the_first_name_prompt_quits() {
    let (mut app, _dir) = game(&[]);
    press(&mut app, &[KeyCode::Esc]);
    assert!(!app.is_running());
}

#[test]
fn a_single_profile_is_used_without_asking() {
    let (app, _dir) = game(&["Ann"]);
    assert!(is_library(&app));
    assert_eq!(app.profile_name(), Some("Ann"));
}

#[test]
fn several_profiles_offer_a_picker_with_a_new_profile_row() {
    let (mut app, _dir) = game(&["Ann", "Ben"]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { selected: 0 })));
    press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
    assert_eq!(app.profile_name(), Some("Ben"));

    press(&mut app, &[KeyCode::Char('p')]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { selected: 1 })));
    press(&mut app, &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Name { .. })));
    press(&mut app, &[KeyCode::Esc]);
    assert!(matches!(app.screen(), Screen::Profile(ProfileScreen::Pick { .. })));
    press(&mut app, &[KeyCode::Esc]);
    assert!(is_library(&app));
    assert_eq!(app.profile_name(), Some("Ben"), "leaving the picker keeps the profile");
}

#[test]
fn the_library_lists_by_track_then_prerequisites_then_difficulty() {
    let (mut app, _dir) = game(&["Ann"]);
    let mut seen = vec![selected_id(&app)];
    for _ in 0..3 {
        press(&mut app, &[KeyCode::Char('j')]);
        seen.push(selected_id(&app));
    }
    assert_eq!(seen, ["hold-shelf", "late-fee", "noisy-line", "noisy-line"]);
    press(&mut app, &[KeyCode::Up, KeyCode::Char('k'), KeyCode::Char('k')]);
    assert_eq!(selected_id(&app), "hold-shelf");
}

#[test]
fn a_locked_scenario_does_not_start_and_says_what_to_finish() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
    assert!(is_library(&app));
    let status = app.status().expect("a message");
    assert!(status.contains("The book that was not on the shelf"), "{status}");
}

#[test]
fn finishing_a_scenario_saves_the_attempt_and_unlocks_the_next() {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen(), Screen::Play(_)));
    play_to_debrief(&mut app);
    let attempts = &saved(&dir).profiles[0].attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].scenario, "hold-shelf");
    assert_eq!(attempts[0].seed, SEED);
    assert!(attempts[0].ending.is_some());
    press(&mut app, &[KeyCode::Esc]);
    assert!(is_library(&app));
    press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
    assert!(matches!(app.screen(), Screen::Play(_)), "late-fee is unlocked: {:?}", app.status());
}

#[test]
fn number_keys_pick_the_reply_shown_under_that_number_and_others_do_nothing() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    let Screen::Play(play) = app.screen() else { panic!("not playing") };
    let second = play.run.replies()[1].index;
    press(&mut app, &[KeyCode::Char('9')]);
    assert!(picks(&app).is_empty(), "there is no reply 9");
    press(&mut app, &[KeyCode::Char('2')]);
    assert_eq!(picks(&app), [second]);
}

#[test]
fn arrows_and_enter_pick_the_highlighted_reply() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    let Screen::Play(play) = app.screen() else { panic!("not playing") };
    let second = play.run.replies()[1].index;
    press(&mut app, &[KeyCode::Down, KeyCode::Down, KeyCode::Up, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(picks(&app), [second]);
}

#[test]
fn leaving_a_conversation_asks_first_and_saves_it_as_abandoned() {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1'), KeyCode::Char('q')]);
    assert_eq!(app.input_mode(), InputMode::Confirm);
    press(&mut app, &[KeyCode::Char('n')]);
    assert_eq!(picks(&app).len(), 1, "n keeps playing");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('1')]);
    assert_eq!(picks(&app).len(), 1, "number keys do not answer the question");
    press(&mut app, &[KeyCode::Char('y')]);
    assert!(is_library(&app));
    let attempts = &saved(&dir).profiles[0].attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].ending, None);
    assert_eq!(attempts[0].picks.len(), 1);
}

#[test]
fn q_quits_from_the_library_and_esc_goes_back_from_the_debrief() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    play_to_debrief(&mut app);
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Char('1')]);
    assert!(matches!(app.screen(), Screen::Debrief(_)), "extra number keys do nothing on the debrief");
    // The smoke check's closing keys.
    press(&mut app, &[KeyCode::Esc]);
    assert!(is_library(&app));
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(!app.is_running());
}

#[test]
fn mentor_mode_rewinds_one_reply_and_practice_mode_does_not() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1'), KeyCode::Char('1'), KeyCode::Char('u')]);
    assert_eq!(picks(&app).len(), 2, "no undo in practice mode");
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y'), KeyCode::Char('m')]);
    assert_eq!(app.mode(), Mode::Mentor);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1'), KeyCode::Char('1')]);
    let before = picks(&app);
    press(&mut app, &[KeyCode::Char('u')]);
    assert_eq!(picks(&app), before[..1]);
    press(&mut app, &[KeyCode::Char('u'), KeyCode::Char('u')]);
    assert!(picks(&app).is_empty());
    assert!(matches!(app.screen(), Screen::Play(_)));
}

#[test]
fn mentor_mode_can_take_back_the_last_reply_from_the_debrief() {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('m'), KeyCode::Enter]);
    let presses = play_to_debrief(&mut app);
    press(&mut app, &[KeyCode::Char('u')]);
    assert_eq!(picks(&app).len(), presses - 1);
    assert_eq!(saved(&dir).profiles[0].attempts[0].mode, Mode::Mentor);
}

#[test]
fn help_opens_everywhere_and_swallows_keys_until_closed() {
    let (mut app, _dir) = game(&[]);
    press(&mut app, &[KeyCode::Char('?')]);
    assert!(app.help().is_some(), "help opens over the name prompt");
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.help().is_none());
    assert!(app.is_running());
    type_text(&mut app, "Ann");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('?'), KeyCode::Char('j')]);
    assert_eq!(app.help(), Some(1));
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.help().is_none() && app.is_running(), "q closes the help, it does not quit");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('?'), KeyCode::Char('1')]);
    assert!(picks(&app).is_empty(), "number keys do not pick behind the help");
    press(&mut app, &[KeyCode::Char('?')]);
    assert!(app.help().is_none());
}

#[test]
fn ctrl_c_mid_conversation_quits_and_keeps_the_attempt() {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1')]);
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(!app.is_running());
    assert_eq!(saved(&dir).profiles[0].attempts[0].ending, None);
}

#[test]
fn a_save_that_fails_is_reported_on_the_debrief_not_a_panic() {
    let (mut app, dir) = game(&["Ann"]);
    std::fs::remove_dir_all(dir.path()).expect("remove data dir");
    press(&mut app, &[KeyCode::Enter]);
    play_to_debrief(&mut app);
    let Screen::Debrief(debrief) = app.screen() else { panic!("no debrief") };
    assert!(debrief.save_error.is_some());
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("could not be saved"), "{text}");
}

#[test]
fn the_debrief_scrolls_within_its_length() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    play_to_debrief(&mut app);
    app.resize(ratatui::layout::Size::new(80, 24));
    for _ in 0..500 {
        press(&mut app, &[KeyCode::Down]);
    }
    let Screen::Debrief(debrief) = app.screen() else { panic!("no debrief") };
    let bottom = debrief.scroll;
    assert!(bottom > 0 && bottom < 100, "{bottom}");
    press(&mut app, &[KeyCode::Up]);
    let Screen::Debrief(debrief) = app.screen() else { panic!("no debrief") };
    assert_eq!(debrief.scroll, bottom - 1, "one step up moves at once, however far down was pressed");
}

#[test]
fn every_screen_renders_at_every_size_without_panicking() {
    let (mut app, _dir) = game(&["Ann"]);
    let mut screens = Vec::new();
    let steps: [&[KeyCode]; 5] = [
        &[],
        &[KeyCode::Enter, KeyCode::Char('1')],
        &[KeyCode::Char('q')],
        &[KeyCode::Char('n'), KeyCode::Char('1'), KeyCode::Char('1'), KeyCode::Char('1'), KeyCode::Char('1')],
        &[KeyCode::Char('?')],
    ];
    for step in steps {
        press(&mut app, step);
        screens.push(format!("{:?}", std::mem::discriminant(app.screen())));
        // Every size around the thresholds (too small, narrow, wide), and a spread beyond.
        let widths = [0, 1, 2, 5, 9, 30, 39, 40, 41, 49, 50, 63, 64, 66, 71, 72, 73, 74, 80, 100, 200];
        for w in widths {
            for h in [0, 1, 2, 5, 11, 12, 13, 16, 24, 60] {
                draw(&mut app, w, h);
            }
        }
    }
    assert!(matches!(app.screen(), Screen::Debrief(_)) && app.help().is_some(), "{screens:?}");
}

#[test]
fn the_plain_theme_draws_no_colour_at_all() {
    let (mut app, _dir) = game(&["Ann"]);
    let mut frames = vec![draw(&mut app, 80, 24)];
    press(&mut app, &[KeyCode::Char('m'), KeyCode::Enter, KeyCode::Char('1')]);
    frames.push(draw(&mut app, 80, 24));
    play_to_debrief(&mut app);
    frames.push(draw(&mut app, 80, 24));
    for terminal in frames {
        for cell in &terminal.backend().buffer().content {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
    }
}

#[test]
fn the_mood_is_shown_in_words_and_numbers() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    let Screen::Play(play) = app.screen() else { panic!("not playing") };
    let mood = play.run.state().mood;
    let expected = format!("{mood} {}", frontline::engine::mood_word(mood));
    for (w, h) in [(80, 24), (50, 16), (40, 12)] {
        let text = screen_text(&draw(&mut app, w, h));
        assert!(text.contains(&expected), "{w}x{h}: {expected:?} missing in\n{text}");
    }
}

#[test]
fn the_first_bundled_scenario_reaches_a_debrief_by_pressing_1() {
    // What the smoke check does, on the real library: whichever scenario is first.
    for seed in 1..=5 {
        let (mut app, dir) = game_seeded(frontline::scenario::load_library(&[]).library, &[], seed);
        type_text(&mut app, "Smoke Test");
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert!(matches!(app.screen(), Screen::Play(_)), "the first selected scenario starts");
        play_to_debrief(&mut app);
        let text = screen_text(&draw(&mut app, 100, 30));
        assert!(text.contains("Debrief") && text.contains("Final mood"), "{text}");
        let save = saved(&dir);
        assert_eq!(save.profiles[0].attempts.len(), 1);
        assert!(save.profiles[0].attempts[0].ending.is_some(), "seed {seed}");
    }
}

#[test]
fn the_newest_customer_line_is_always_in_view() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('m'), KeyCode::Enter]);
    for _ in 0..3 {
        press(&mut app, &[KeyCode::Char('2')]);
        let Screen::Play(play) = app.screen() else { panic!("not playing") };
        let last = play.run.transcript().last().expect("the customer spoke").text.clone();
        let first_words: String = last.split(' ').take(3).collect::<Vec<_>>().join(" ");
        for (w, h) in [(100, 30), (80, 24), (72, 20), (60, 20), (50, 16), (40, 12)] {
            let text = screen_text(&draw(&mut app, w, h));
            assert!(text.contains(&format!("Ruth: {first_words}")), "{w}x{h}: {last:?} not shown in\n{text}");
        }
    }
}

#[test]
fn page_up_scrolls_the_conversation_back_and_page_down_returns() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('m'), KeyCode::Enter, KeyCode::Char('2'), KeyCode::Char('1'), KeyCode::Char('1')]);
    let opening = "Ruth: Hi, the text said";
    assert!(!screen_text(&draw(&mut app, 60, 20)).contains(opening), "the opening has scrolled away");
    press(&mut app, &[KeyCode::PageUp]);
    assert!(screen_text(&draw(&mut app, 60, 20)).contains(opening));
    press(&mut app, &[KeyCode::PageDown]);
    assert!(!screen_text(&draw(&mut app, 60, 20)).contains(opening));
}

#[test]
fn the_help_lists_the_controls_and_every_scoring_principle() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('?')]);
    let text = screen_text(&draw(&mut app, 120, 60));
    for expected in ["1-9 pick a reply", "m practice/mentor mode", "u undo", "Ctrl-C"] {
        assert!(text.contains(expected), "{expected:?} missing in\n{text}");
    }
    use frontline::engine::RuleId;
    for rule in [RuleId::EarlyAcknowledgment, RuleId::ExtraApology, RuleId::RangeOfOptions, RuleId::SlowReply] {
        let start: String = rule.principle().split(' ').take(4).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&start), "{start:?} missing in\n{text}");
    }
}
