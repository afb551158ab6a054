//! Mentor sessions in the terminal UI: notes on turns and on the whole attempt,
//! saved with it, and test mode (no undo, no coach's note, no live scoring).
//! The debrief's mood curve is in `tui_mood_curve.rs`. Snapshots in
//! `tests/snapshots/tui_mentor__*`.

mod tui_support;

use frontline::app::{App, DebriefScreen, InputMode, Screen};
use frontline::progress::{Mode, Note};
use frontline::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Size;
use tui_support::*;

const DEADLINE: &str = "ask about their deadline before offering options";

fn snap(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

/// The screen with its colours: every cell's symbol, then each change of style.
fn snap_colours(app: &mut App, w: u16, h: u16) -> String {
    format!("{:?}", draw(app, w, h).backend().buffer())
}

fn colour_game(profiles: &[&str]) -> (App, tempfile::TempDir) {
    game_with_save_themed(library(), profiles.iter().map(|p| person(p)).collect(), Theme::colored())
}

/// Presses the number of the shown reply containing `fragment` (replies are shuffled).
fn press_reply(app: &mut App, fragment: &str) {
    let Screen::Play(play) = app.screen() else { panic!("not playing: {:?}", app.screen()) };
    let n = play.run.replies().iter().position(|r| r.text.contains(fragment)).expect("the reply is offered") + 1;
    press(app, &[KeyCode::Char(char::from(b'0' + n as u8))]);
}

fn picks(app: &App) -> usize {
    match app.screen() {
        Screen::Play(play) => play.run.picks().len(),
        Screen::Debrief(debrief) => debrief.run.picks().len(),
        other => panic!("not playing: {other:?}"),
    }
}

fn debrief(app: &App) -> &DebriefScreen {
    match app.screen() {
        Screen::Debrief(debrief) => debrief,
        other => panic!("not at the debrief: {other:?}"),
    }
}

/// Sets the mode by pressing `m` in the library until it is `mode`.
fn choose_mode(app: &mut App, mode: Mode) {
    for _ in 0..3 {
        if app.mode() == mode {
            return;
        }
        press(app, &[KeyCode::Char('m')]);
    }
    assert_eq!(app.mode(), mode);
}

fn write_note(app: &mut App, text: &str) {
    press(app, &[KeyCode::Char('n')]);
    assert_eq!(app.input_mode(), InputMode::Text, "n opens the note field");
    type_text(app, text);
    press(app, &[KeyCode::Enter]);
    assert_eq!(app.input_mode(), InputMode::Navigate, "Enter saves the note: {:?}", app.status());
}

/// Mentor mode in the hold-shelf chat: the apology-heavy opening, a note on it,
/// one option, a second note.
fn mentor_with_two_notes() -> (App, tempfile::TempDir) {
    let (mut app, dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Mentor);
    press(&mut app, &[KeyCode::Enter]);
    press_reply(&mut app, "I am so sorry");
    write_note(&mut app, "one apology was enough here");
    press_reply(&mut app, "lend you the ebook");
    write_note(&mut app, DEADLINE);
    (app, dir)
}

fn note(turn: usize, text: &str) -> Note {
    Note { turn, text: text.to_string() }
}

// Notes.

#[test]
fn notes_are_saved_with_the_attempt_at_the_turn_they_were_written() {
    let (mut app, dir) = mentor_with_two_notes();
    press_reply(&mut app, "Let's do the ebook");
    assert!(matches!(app.screen(), Screen::Debrief(_)));
    let attempts = &saved(&dir).profiles[0].attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].mode, Mode::Mentor);
    assert_eq!(attempts[0].notes, [note(1, "one apology was enough here"), note(2, DEADLINE)]);
}

#[test]
fn a_note_before_the_first_reply_is_at_turn_zero_and_leaving_saves_it_too() {
    let (mut app, dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Mentor);
    press(&mut app, &[KeyCode::Enter]);
    write_note(&mut app, "read the whole message first");
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    let attempts = &saved(&dir).profiles[0].attempts;
    assert_eq!(attempts[0].ending, None, "abandoned");
    assert_eq!(attempts[0].notes, [note(0, "read the whole message first")]);
}

#[test]
fn an_undo_keeps_the_notes() {
    let (mut app, dir) = mentor_with_two_notes();
    press(&mut app, &[KeyCode::Char('u')]);
    assert_eq!(picks(&app), 1);
    let Screen::Play(play) = app.screen() else { panic!("not playing") };
    assert_eq!(play.notes.len(), 2, "the undo keeps both notes");
    press_reply(&mut app, "lend you the ebook");
    press_reply(&mut app, "Let's do the ebook");
    // And from the debrief: back into the conversation, notes and all.
    press(&mut app, &[KeyCode::Char('u')]);
    let Screen::Play(play) = app.screen() else { panic!("u goes back into the conversation") };
    assert_eq!(play.notes.len(), 2);
    press_reply(&mut app, "collect it at Northgate");
    press_reply(&mut app, "Let's do the ebook");
    let attempts = &saved(&dir).profiles[0].attempts;
    assert_eq!(attempts.len(), 1, "one conversation, one attempt");
    assert_eq!(attempts[0].undos, 2);
    assert_eq!(attempts[0].notes, [note(1, "one apology was enough here"), note(2, DEADLINE)]);
}

#[test]
fn a_note_added_in_the_debrief_saves_the_same_attempt_again() {
    let (mut app, dir) = mentor_with_two_notes();
    press_reply(&mut app, "Let's do the ebook");
    let first = saved(&dir).profiles[0].attempts.clone();
    assert_eq!(first.len(), 1);
    write_note(&mut app, "good recovery after the apologies");
    assert_eq!(app.status(), Some("Note saved with the attempt."));
    let summary = frontline::progress::peek(dir.path()).expect("readable");
    assert_eq!(summary.profiles[0].attempts, 1, "still one attempt in the summary");
    let attempts = frontline::progress::attempts_of(dir.path(), &summary.profiles[0]).expect("readable");
    assert_eq!(attempts.len(), 1, "one attempt, not two: {attempts:?}");
    assert_eq!(attempts[0].id, first[0].id, "the same attempt");
    assert_eq!(attempts[0].date, first[0].date, "as it was played");
    assert_eq!(
        attempts[0].notes,
        [note(1, "one apology was enough here"), note(2, DEADLINE), note(3, "good recovery after the apologies")],
        "the whole attempt's note is at its last reply"
    );
    // A second one replaces it again.
    write_note(&mut app, "try it again next week");
    let attempts = &saved(&dir).profiles[0].attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].notes.len(), 4);
    assert_eq!(debrief(&app).attempt.notes.len(), 4);
}

#[test]
fn n_outside_mentor_mode_says_notes_are_for_mentor_mode() {
    for mode in [Mode::Practice, Mode::Test] {
        let (mut app, dir) = game(&["Ann"]);
        choose_mode(&mut app, mode);
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('n')]);
        assert_eq!(app.input_mode(), InputMode::Navigate, "{mode:?}: no field opens");
        assert_eq!(app.status(), Some("Notes are for mentor mode (press m in the library)."), "{mode:?}");
        press_reply(&mut app, "Sorry about that wasted trip");
        press_reply(&mut app, "lend you the ebook");
        press_reply(&mut app, "Let's do the ebook");
        press(&mut app, &[KeyCode::Char('n')]);
        assert_eq!(app.input_mode(), InputMode::Navigate, "{mode:?}: nor in the debrief");
        assert!(app.status().is_some_and(|s| s.contains("mentor mode")), "{:?}", app.status());
        assert!(saved(&dir).profiles[0].attempts[0].notes.is_empty());
    }
}

#[test]
fn letters_typed_into_a_note_are_not_commands_and_esc_cancels_it() {
    let (mut app, dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Mentor);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('1'), KeyCode::Char('n')]);
    type_text(&mut app, "qu1dmn?");
    assert!(app.is_running());
    assert_eq!(picks(&app), 1, "no reply was picked and none taken back");
    assert!(app.help().is_none(), "? is typed");
    let Screen::Play(play) = app.screen() else { panic!("still playing") };
    assert_eq!(play.note_field.as_ref().map(|f| f.text.as_str()), Some("qu1dmn?"));
    assert!(!play.desk_view && !play.confirm_leave);
    press(&mut app, &[KeyCode::Esc]);
    let Screen::Play(play) = app.screen() else { panic!("Esc closes the field, not the conversation") };
    assert!(play.note_field.is_none() && play.notes.is_empty() && !play.confirm_leave);
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    assert!(saved(&dir).profiles[0].attempts[0].notes.is_empty());
}

#[test]
fn f1_opens_the_help_while_typing_a_note_and_the_note_is_still_there_after() {
    let (mut app, _dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Mentor);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('n')]);
    type_text(&mut app, "half a tho");
    assert!(screen_text(&draw(&mut app, 80, 24)).contains("F1 help"), "the footer names F1");
    press(&mut app, &[KeyCode::F(1)]);
    assert!(app.help().is_some());
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.help().is_none());
    assert_eq!(app.input_mode(), InputMode::Text, "back in the note");
    type_text(&mut app, "ught");
    press(&mut app, &[KeyCode::Enter]);
    let Screen::Play(play) = app.screen() else { panic!("playing") };
    assert_eq!(play.notes, [note(0, "half a thought")]);
}

#[test]
fn a_blank_note_is_refused_and_says_why() {
    let (mut app, _dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Mentor);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('n')]);
    type_text(&mut app, "   ");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.input_mode(), InputMode::Text, "the field stays open");
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Type the note first, or Esc to leave it."), "{text}");
}

#[test]
fn notes_show_in_the_conversation_after_what_the_customer_said_and_in_the_debrief_at_their_reply() {
    let (mut app, _dir) = mentor_with_two_notes();
    let text = screen_text(&draw(&mut app, 100, 40));
    let row = |text: &str, needle: &str| text.lines().position(|l| l.contains(needle));
    let second_reply = row(&text, "You: It is at Northgate").expect("reply 2 in the log");
    let first_note = row(&text, "Note: one apology was enough here").expect("the first note in the log");
    let customer_again = row(&text, "Ruth: So where is it, then?").expect("the customer's answer");
    assert!(customer_again < first_note && first_note < second_reply, "{text}");
    assert!(text.contains("Note: ask about their deadline"), "{text}");
    press_reply(&mut app, "Let's do the ebook");
    app.resize(Size::new(100, 40));
    press(&mut app, &[KeyCode::End]);
    let text = screen_text(&draw(&mut app, 100, 40));
    let reply = |n: u32| row(&text, &format!("  Reply {n}  ·")).unwrap_or_else(|| panic!("reply {n}:\n{text}"));
    let first_note = row(&text, "Note: one apology was enough here").expect("the first note in the debrief");
    let second_note = row(&text, "Note: ask about their deadline").expect("the second note in the debrief");
    assert!(reply(1) < first_note && first_note < reply(2), "{text}");
    assert!(reply(2) < second_note && second_note < reply(3), "{text}");
}

// Test mode.

#[test]
fn test_mode_has_no_undo_no_coach_note_and_no_live_scoring() {
    let (mut app, dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Test);
    press(&mut app, &[KeyCode::Enter]);
    let Screen::Play(play) = app.screen() else { panic!("playing") };
    let coach = play.run.coach_note().expect("the opening has a coach's note");
    let coach_start: String = coach.split(' ').take(4).collect::<Vec<_>>().join(" ");
    for (w, h) in [(120, 40), (80, 24), (60, 20), (40, 12)] {
        let text = screen_text(&draw(&mut app, w, h));
        assert!(!text.contains(&coach_start) && !text.contains("Coach"), "{w}x{h}: a coach's note shows:\n{text}");
        assert!(text.contains("Test mode") || text.contains("Test"), "{w}x{h}: the header names the mode:\n{text}");
        assert!(!text.contains("u undo") && !text.contains("coach note"), "{w}x{h}: the footer:\n{text}");
    }
    press(&mut app, &[KeyCode::Char('d')]);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(!text.contains(&coach_start) && !text.contains("coach"), "the desk view keeps it hidden too:\n{text}");
    press(&mut app, &[KeyCode::Char('d')]);
    press_reply(&mut app, "I am so sorry");
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(!text.contains("Extra apology") && !text.contains("(-"), "no live scoring:\n{text}");
    press(&mut app, &[KeyCode::Char('u')]);
    assert_eq!(picks(&app), 1, "no undo in test mode");
    assert_eq!(app.status(), Some("No undo in test mode: every reply counts."));
    press_reply(&mut app, "lend you the ebook");
    press_reply(&mut app, "Let's do the ebook");
    press(&mut app, &[KeyCode::Char('u')]);
    assert!(matches!(app.screen(), Screen::Debrief(_)), "nor from the debrief");
    let text = screen_text(&draw(&mut app, 120, 60));
    assert!(text.contains("Extra apology") && text.contains("Skills"), "the debrief works as usual:\n{text}");
    let attempts = &saved(&dir).profiles[0].attempts;
    assert_eq!((attempts.len(), attempts[0].mode, attempts[0].undos), (1, Mode::Test, 0));
}

#[test]
fn a_test_mode_pass_counts_and_unlocks() {
    let (mut app, dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Test);
    press(&mut app, &[KeyCode::Enter]);
    for fragment in HOLD_BEST {
        press_reply(&mut app, fragment);
    }
    assert!(debrief(&app).passed);
    assert!(saved(&dir).profiles[0].attempts[0].passed());
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("Passed. This unlocks"), "{text}");
}

#[test]
fn the_library_cycles_practice_mentor_test_and_says_what_each_means() {
    let (mut app, _dir) = game(&["Ann"]);
    let mut seen = Vec::new();
    for _ in 0..3 {
        press(&mut app, &[KeyCode::Char('m')]);
        let status = app.status().unwrap_or_default().to_string();
        let footer = screen_text(&draw(&mut app, 80, 24)).lines().last().unwrap_or_default().trim_end().to_string();
        assert_eq!(footer, status, "the whole message fits an 80-column footer");
        seen.push((app.mode(), status.split(':').next().unwrap_or_default().to_string()));
    }
    assert_eq!(
        seen,
        [
            (Mode::Mentor, "Mentor mode".to_string()),
            (Mode::Test, "Test mode".to_string()),
            (Mode::Practice, "Practice mode".to_string())
        ]
    );
}

#[test]
fn every_mentor_screen_renders_at_every_size_without_panicking() {
    let (mut app, _dir) = mentor_with_two_notes();
    let mut states = Vec::new();
    let steps: [fn(&mut App); 4] = [
        |app| press(app, &[KeyCode::Char('n')]),
        |app| {
            press(app, &[KeyCode::Esc]);
            press_reply(app, "Let's do the ebook");
        },
        |app| press(app, &[KeyCode::Char('n')]),
        |app| press(app, &[KeyCode::F(1)]),
    ];
    for step in steps {
        step(&mut app);
        states.push(format!("{:?} {:?}", std::mem::discriminant(app.screen()), app.input_mode()));
        for w in [0, 1, 5, 12, 30, 39, 40, 41, 50, 60, 72, 80, 100, 200] {
            for h in [0, 1, 2, 5, 11, 12, 13, 16, 20, 24, 40, 60] {
                draw(&mut app, w, h);
            }
        }
    }
    assert!(matches!(app.screen(), Screen::Debrief(d) if d.note_field.is_some()) && app.help().is_some(), "{states:?}");
}

// Snapshots.

#[test]
fn test_mode_play_screen() {
    let (mut app, _dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Test);
    press(&mut app, &[KeyCode::Enter]);
    assert_snapshot!("test_mode_play_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("test_mode_play_60x20", snap(&mut app, 60, 20));
    press_reply(&mut app, "I am so sorry");
    press(&mut app, &[KeyCode::Char('u')]);
    assert_snapshot!("test_mode_no_undo_80x24", snap(&mut app, 80, 24));
}

#[test]
fn note_field_on_the_play_screen_and_the_debrief() {
    let (mut app, _dir) = game(&["Ann"]);
    choose_mode(&mut app, Mode::Mentor);
    press(&mut app, &[KeyCode::Enter]);
    press_reply(&mut app, "I am so sorry");
    press(&mut app, &[KeyCode::Char('n')]);
    type_text(&mut app, DEADLINE);
    assert_snapshot!("note_field_80x24", snap(&mut app, 80, 24));
    press(&mut app, &[KeyCode::Enter]);
    press_reply(&mut app, "lend you the ebook");
    press_reply(&mut app, "Let's do the ebook");
    press(&mut app, &[KeyCode::Char('n')]);
    type_text(&mut app, &"a long note that runs past the field ".repeat(3));
    assert_snapshot!("debrief_note_field_80x24", snap(&mut app, 80, 24));
}

#[test]
fn notes_on_the_play_screen() {
    let (mut app, _dir) = mentor_with_two_notes();
    assert_snapshot!("play_notes_80x24", snap(&mut app, 80, 24));
    let (mut app, _dir) = colour_game(&["Ann"]);
    choose_mode(&mut app, Mode::Mentor);
    press(&mut app, &[KeyCode::Enter]);
    press_reply(&mut app, "I am so sorry");
    write_note(&mut app, DEADLINE);
    assert_snapshot!("play_notes_colour_80x24", snap_colours(&mut app, 80, 24));
}

#[test]
fn notes_in_the_debrief() {
    let (mut app, _dir) = mentor_with_two_notes();
    press_reply(&mut app, "Let's do the ebook");
    write_note(&mut app, "good recovery after the apologies");
    app.resize(Size::new(80, 24));
    press(&mut app, &[KeyCode::End]);
    assert_snapshot!("debrief_notes_end_80x24", snap(&mut app, 80, 24));
}

#[test]
fn the_help_explains_notes_and_the_three_modes() {
    let (mut app, _dir) = game(&["Ann"]);
    press(&mut app, &[KeyCode::Char('?')]);
    let text = screen_text(&draw(&mut app, 120, 60));
    // The help box alone, its rows joined: wrapped text reads as one line.
    let rows: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| r.windows(6).position(|w| w.iter().collect::<String>() == "┌ Help").map(|x| (y, x)))
        .expect("the help box");
    let right = rows[top].iter().skip(left).position(|&c| c == '┐').expect("its corner") + left;
    let words = rows[top + 1..]
        .iter()
        .map(|r| r[left + 1..right].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "m mode (practice, mentor, test)",
        "n a note on this point of the conversation (mentor; Enter saves it, Esc cancels)",
        "n a note on the whole attempt (mentor)",
        "F1 while typing a name or a note",
        "Test no undo, no coach's note, no live scoring",
    ] {
        assert!(words.contains(expected), "{expected:?} missing in\n{text}");
    }
}
