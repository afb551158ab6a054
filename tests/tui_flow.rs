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
    assert!(attempts[0].passed(), "{:?}", attempts[0]);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Passed. This unlocks: “A late fee for a book never borrowed”."), "{text}");
    press(&mut app, &[KeyCode::Esc]);
    assert!(is_library(&app));
    press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
    assert!(matches!(app.screen(), Screen::Play(_)), "late-fee is unlocked: {:?}", app.status());
}

#[test]
fn a_finished_attempt_below_two_stars_unlocks_nothing() {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    press_reply(&mut app, "I am so sorry");
    press_reply(&mut app, "lend you the ebook");
    press_reply(&mut app, "Let's do the ebook");
    let Screen::Debrief(debrief) = app.screen() else { panic!("not at the debrief") };
    assert_eq!(debrief.debrief.stars, 1, "{:?}", debrief.debrief);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Not a pass yet: 2 stars in practice or test mode are a pass."), "{text}");
    assert!(!saved(&dir).profiles[0].attempts[0].passed());
    press(&mut app, &[KeyCode::Esc, KeyCode::Down, KeyCode::Enter]);
    assert!(is_library(&app), "late-fee stays locked");
    assert!(app.status().is_some_and(|s| s.contains("Locked: pass")), "{:?}", app.status());
}

#[test]
fn an_undo_in_mentor_mode_never_saves_another_attempt_or_a_best() {
    let (mut app, dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('m'), KeyCode::Enter]);
    play_to_debrief(&mut app);
    assert_eq!(saved(&dir).profiles[0].attempts.len(), 1);
    press(&mut app, &[KeyCode::Char('u')]);
    play_to_debrief(&mut app);
    press(&mut app, &[KeyCode::Char('u')]);
    play_to_debrief(&mut app);
    let save = saved(&dir);
    let attempts = &save.profiles[0].attempts;
    assert_eq!(attempts.len(), 1, "one conversation, one attempt: {attempts:?}");
    assert_eq!(attempts[0].undos, 2);
    assert!(!attempts[0].passed(), "a coached attempt is not a pass");
    let summary = frontline::progress::peek(dir.path()).unwrap();
    assert!(summary.profiles[0].best("hold-shelf").is_none(), "nor the profile's best");
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("2 replies taken back"), "{text}");
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
    press(&mut app, &[KeyCode::F(1)]);
    assert!(app.help().is_some(), "F1 opens help over the name prompt");
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
        // Any reply but the one that ends the conversation.
        let Screen::Play(play) = app.screen() else { panic!("not playing") };
        let keep_talking = play.run.replies().iter().position(|r| !r.text.starts_with("Let's do")).expect("a reply");
        press(&mut app, &[KeyCode::Char(char::from(b'1' + keep_talking as u8))]);
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
    // Mentor mode lists each reply's time and mood changes, so the opening is two pages back.
    press(&mut app, &[KeyCode::PageUp, KeyCode::PageUp]);
    assert!(screen_text(&draw(&mut app, 60, 20)).contains(opening));
    press(&mut app, &[KeyCode::PageDown, KeyCode::PageDown]);
    assert!(!screen_text(&draw(&mut app, 60, 20)).contains(opening));
}

#[test]
fn the_help_lists_the_controls_and_every_scoring_principle() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('?')]);
    let text = screen_text(&draw(&mut app, 120, 100));
    for expected in ["1-9 pick a reply", "m mode", "n a note on this point", "u undo", "Ctrl-C"] {
        assert!(text.contains(expected), "{expected:?} missing in\n{text}");
    }
    use frontline::engine::RuleId;
    for rule in [RuleId::EarlyAcknowledgment, RuleId::ExtraApology, RuleId::RangeOfOptions, RuleId::SlowReply] {
        let start: String = rule.principle().split(' ').take(4).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&start), "{start:?} missing in\n{text}");
    }
}

/// Words on screen rows `rows`, box lines taken out, so wrapped text reads as one line.
fn words(text: &str, rows: std::ops::Range<usize>) -> String {
    let kept: Vec<&str> = text.lines().skip(rows.start).take(rows.len()).collect();
    kept.join(" ").replace(['│', '┌', '┐', '└', '┘', '─'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fact_texts(app: &App) -> Vec<String> {
    let Screen::Play(play) = app.screen() else { panic!("not playing") };
    play.run.known_facts().iter().map(|f| f.text.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// Presses the number of the shown reply containing `fragment` (replies are shuffled).
fn press_reply(app: &mut App, fragment: &str) -> u8 {
    let Screen::Play(play) = app.screen() else { panic!("not playing") };
    let n = play.run.replies().iter().position(|r| r.text.contains(fragment)).expect("the reply is offered") + 1;
    press(app, &[KeyCode::Char(char::from(b'0' + n as u8))]);
    n as u8
}

/// The desk scenario after looking up every fact: the hold record, the digital
/// copy, then the branch van (revealed last).
fn desk_with_every_fact() -> (App, tempfile::TempDir) {
    let (mut app, dir) = game_with(desk_library(), &["Ann"]);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1')]);
    press_reply(&mut app, "digital copy");
    press_reply(&mut app, "branch van");
    assert_eq!(fact_texts(&app).len(), 4, "every fact is known");
    (app, dir)
}

#[test]
fn the_fact_a_reply_just_revealed_is_shown_in_full_on_the_desk_at_80x24() {
    let (mut app, _dir) = desk_with_every_fact();
    let Screen::Play(play) = app.screen() else { panic!("not playing") };
    assert_eq!(play.new_facts, ["van"]);
    let text = screen_text(&draw(&mut app, 80, 24));
    // The desk is the right-hand column: read it alone.
    let desk: String = text.lines().map(|l| l.chars().skip(48).collect::<String>()).collect::<Vec<_>>().join("\n");
    let van = fact_texts(&app)[3].clone();
    assert!(words(&desk, 0..24).contains(&van), "the branch van fact is cut:\n{text}");
    assert!(desk.contains("all in full: d"), "the desk says where the cut facts are:\n{text}");
    assert!(text.contains("d desk"), "the footer names the desk key:\n{text}");
}

#[test]
fn every_known_fact_and_the_coach_note_can_be_read_in_full_with_d() {
    for (w, h) in [(80, 24), (60, 18), (100, 30)] {
        let (mut app, _dir) = desk_with_every_fact();
        press(&mut app, &[KeyCode::Char('d')]);
        let Screen::Play(play) = app.screen() else { panic!("not playing") };
        assert!(play.desk_view);
        let note = play.run.coach_note().expect("a coach note");
        // Page through the desk view with PgDn, putting each page's rows back where
        // they belong in the whole text.
        let mut text: Vec<Option<String>> = Vec::new();
        let mut pages = Vec::new();
        loop {
            let screen = screen_text(&draw(&mut app, w, h));
            let Screen::Play(play) = app.screen() else { panic!("not playing") };
            let rows: Vec<&str> = screen.lines().skip(2).take_while(|r| !r.starts_with('└')).collect();
            for (i, row) in rows.iter().enumerate() {
                let at = play.desk_scroll + i;
                text.resize(text.len().max(at + 1), None);
                text[at] = Some(row.trim_matches('│').to_string());
            }
            if pages.last() == Some(&screen) {
                break;
            }
            assert!(pages.len() < 20, "PgDn never reached the end");
            pages.push(screen);
            press(&mut app, &[KeyCode::PageDown]);
        }
        assert!(text.iter().all(Option::is_some), "{w}x{h}: PgDn skipped lines:\n{}", pages.join("\n\n"));
        let all = words(&text.into_iter().flatten().collect::<Vec<_>>().join("\n"), 0..usize::MAX);
        for fact in fact_texts(&app) {
            assert!(all.contains(&fact), "{w}x{h}: {fact:?} is not in the desk view:\n{}", pages.join("\n\n"));
        }
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(all.contains(&note), "{w}x{h}: the coach note is not in full:\n{}", pages.join("\n\n"));
        // The replies stay below the desk and still work; picking one shows the conversation again.
        press(&mut app, &[KeyCode::Char('d')]);
        assert!(matches!(app.screen(), Screen::Play(p) if !p.desk_view), "d goes back to the conversation");
        press(&mut app, &[KeyCode::Char('d'), KeyCode::Esc]);
        assert!(
            matches!(app.screen(), Screen::Play(p) if !p.desk_view && !p.confirm_leave),
            "Esc closes the desk view"
        );
        press(&mut app, &[KeyCode::Char('d')]);
        press_reply(&mut app, "disappointing");
        assert!(matches!(app.screen(), Screen::Play(p) if !p.desk_view), "a reply from the desk view");
        assert_eq!(picks(&app).len(), 4);
    }
}

#[test]
fn in_small_windows_every_reply_is_reachable_and_the_coach_note_is_never_cut_silently() {
    for (w, h) in [(40, 12), (50, 16), (60, 18), (60, 20), (72, 20), (80, 24)] {
        let (mut app, _dir) = game_with(desk_library(), &["Ann"]);
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('1')]);
        let text = screen_text(&draw(&mut app, w, h));
        assert!(
            text.contains("LAST-COACH-WORDS") || text.contains("more: press d") || text.contains("d coach note"),
            "{w}x{h}: the coach note is cut without saying so:\n{text}"
        );
        let Screen::Play(play) = app.screen() else { panic!("not playing") };
        assert_eq!(play.run.replies().len(), 6);
        let (last, index) = (play.run.replies()[5].text.clone(), play.run.replies()[5].index);
        let start: String = last.chars().take(20).collect();
        assert!(
            text.contains(&start) || text.contains("↓ 6") || text.contains("-6") || text.contains("↓ more"),
            "{w}x{h}: reply 6 is out of view without saying so:\n{text}"
        );
        // The number picks it even when it is out of view.
        press(&mut app, &[KeyCode::Char('6')]);
        let run = match app.screen() {
            Screen::Play(play) => &play.run,
            Screen::Debrief(debrief) => &debrief.run,
            other => panic!("{other:?}"),
        };
        assert_eq!(run.picks().last(), Some(&index), "{w}x{h}: 6 picks the sixth reply");
    }
}

#[test]
fn page_down_in_the_debrief_moves_a_whole_panel_and_home_and_end_jump() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Enter]);
    play_to_debrief(&mut app);
    let scroll = |app: &App| match app.screen() {
        Screen::Debrief(d) => d.scroll,
        other => panic!("no debrief: {other:?}"),
    };
    // 80×24: a 20-line panel (a header, a footer and two borders around it).
    let first = screen_text(&draw(&mut app, 80, 24));
    press(&mut app, &[KeyCode::End]);
    let max = scroll(&app);
    assert!(max >= 19, "the debrief is longer than two pages: {max}");
    press(&mut app, &[KeyCode::Home]);
    assert_eq!(scroll(&app), 0);
    press(&mut app, &[KeyCode::PageDown]);
    assert_eq!(scroll(&app), 19, "a page less one line of context");
    let second = screen_text(&draw(&mut app, 80, 24));
    let last_of_first = first.lines().nth(21).expect("row 21");
    assert_eq!(second.lines().nth(2), Some(last_of_first), "the last line of a page is the first of the next");
    press(&mut app, &[KeyCode::PageUp]);
    assert_eq!(scroll(&app), 0);
    press(&mut app, &[KeyCode::PageDown, KeyCode::PageDown, KeyCode::PageDown]);
    assert_eq!(scroll(&app), max, "PgDn stops at the end");
}

#[test]
fn the_library_header_says_first_contact_rate_in_plain_words() {
    let header = |app: &mut App| screen_text(&draw(app, 80, 24)).lines().next().unwrap_or_default().to_string();
    let (mut app, _dir) = game(&["Ann"]);
    assert!(header(&mut app).ends_with("Ann · Practice mode · no attempts yet"), "{}", header(&mut app));
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('q'), KeyCode::Char('y')]);
    assert!(header(&mut app).ends_with("· no finished attempts yet"), "{}", header(&mut app));
    press(&mut app, &[KeyCode::Enter]);
    play_to_debrief(&mut app);
    press(&mut app, &[KeyCode::Esc]);
    assert!(header(&mut app).ends_with("Ann · Practice mode · first-contact rate 100%"), "{}", header(&mut app));
}

#[test]
fn a_question_mark_is_typed_into_the_name_and_f1_opens_the_help() {
    let (mut app, _dir) = game(&[]);
    type_text(&mut app, "Who?");
    assert!(app.help().is_none(), "? is a character while typing");
    assert!(screen_text(&draw(&mut app, 80, 24)).contains("F1 help"), "the footer names F1");
    press(&mut app, &[KeyCode::F(1)]);
    assert!(app.help().is_some());
    press(&mut app, &[KeyCode::Esc, KeyCode::Enter]);
    assert_eq!(app.profile_name(), Some("Who?"));
}
