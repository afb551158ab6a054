//! Looking back in the game: the history of a profile's attempts (from the
//! progress screen), replaying one step by step, refused when its scenario has
//! changed, and comparing two attempts at the same scenario.

mod tui_support;

use frontline::app::{App, CompareScreen, HistoryScreen, ReplayScreen, Screen};
use frontline::engine::mood_word;
use frontline::progress::{Attempt, LegacyProfile, Mode, Note, format_utc, local_time};
use frontline::scenario::{Library, LoadedScenario, parse_scenario};
use frontline::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use tui_support::*;

/// 2026-03-01 12:00 UTC; attempts are two days apart, so no two share a local day
/// in any time zone.
const FIRST_DAY: i64 = 1_772_366_400;

/// `attempt` as the `n`th played, with a date and an id of its own that do not
/// change from one test run to the next.
fn dated(mut attempt: Attempt, n: i64) -> Attempt {
    attempt.id = format!("{:08x}-5e55-4a1e-9c0d-{n:012x}", 0x3f2a_9c10 + n * 0x0101_1111);
    attempt.date = format_utc(jiff::Timestamp::from_second(FIRST_DAY + n * 2 * 86_400).expect("a date"));
    attempt
}

const BEST_NOTE: &str = "Good: the ebook first, then the print copy. Ask about Thursday before offering options.";

/// Ann's five attempts, oldest first: an apologetic one, a transfer, her best (a
/// mentor session with notes), a phone call left at once, and a test with one
/// option only.
fn ann(library: &Library) -> LegacyProfile {
    let mut ann = person("Ann");
    let mut best = played(library, "hold-shelf", HOLD_BEST, Mode::Mentor);
    best.notes = vec![
        Note { turn: 0, text: "Before the first reply: what does Ruth need by when?".to_string() },
        Note { turn: 2, text: BEST_NOTE.to_string() },
    ];
    let plan = [
        played(library, "hold-shelf", HOLD_APOLOGISING, Mode::Practice),
        played(library, "lighthouse", DESK_TRANSFER, Mode::Practice),
        best,
        played(library, "noisy-line", &[], Mode::Practice),
        played(library, "hold-shelf", HOLD_ONE_OPTION, Mode::Test),
    ];
    ann.attempts = plan.into_iter().enumerate().map(|(n, a)| dated(a, n as i64)).collect();
    ann
}

/// Ann's attempts saved, played on `library`.
fn game_of(library: Library, theme: Theme) -> (App, tempfile::TempDir, Vec<Attempt>) {
    let profile = ann(&full_library());
    let attempts = profile.attempts.clone();
    let (app, dir) = game_with_save_themed(library, vec![profile], theme);
    (app, dir, attempts)
}

/// In the library as Ann.
fn ann_game() -> (App, tempfile::TempDir, Vec<Attempt>) {
    game_of(full_library(), Theme::plain())
}

/// The rows of the history, newest first: where each of Ann's attempts is.
const ONE_OPTION_ROW: usize = 0;
const BEST_ROW: usize = 2;
const TRANSFER_ROW: usize = 3;

fn history(app: &App) -> &HistoryScreen {
    match app.screen() {
        Screen::History(screen) => screen,
        other => panic!("not on the history screen: {other:?}"),
    }
}

fn replay(app: &App) -> &ReplayScreen {
    match app.screen() {
        Screen::Replay(screen) => screen,
        other => panic!("not on the replay screen: {other:?}"),
    }
}

fn compare(app: &App) -> &CompareScreen {
    match app.screen() {
        Screen::Compare(screen) => screen,
        other => panic!("not on the compare screen: {other:?}"),
    }
}

fn open_history(app: &mut App) {
    press(app, &[KeyCode::Char('s'), KeyCode::Char('a')]);
    history(app);
}

/// Opens the history and moves to `row`.
fn select_row(app: &mut App, row: usize) {
    open_history(app);
    press(app, &[KeyCode::Home]);
    for _ in 0..row {
        press(app, &[KeyCode::Down]);
    }
}

/// The screen as text, with each attempt's local date (which depends on the
/// machine's time zone) written as `[date N · hh:mm]` or `[ date N ]`, keeping
/// the columns' widths.
fn shown(app: &mut App, attempts: &[Attempt], w: u16, h: u16) -> String {
    let mut text = draw(app, w, h).backend().to_string();
    for (n, attempt) in attempts.iter().enumerate() {
        let local = local_time(&attempt.date).expect("a saved date");
        text = text.replace(&local, &format!("[date {n} · hh:mm]"));
        text = text.replace(&local[..10], &format!("[ date {n} ]"));
    }
    text
}

#[test]
fn a_from_the_progress_screen_lists_every_attempt_newest_first() {
    let (mut app, dir, attempts) = ann_game();
    open_history(&mut app);
    let saved = &saved(&dir).profiles[0].attempts;
    let newest_first: Vec<&Attempt> = saved.iter().rev().collect();
    assert_eq!(history(&app).attempts.iter().collect::<Vec<_>>(), newest_first);
    assert_snapshot!("history_80x24", shown(&mut app, &attempts, 80, 24));
    assert_snapshot!("history_120x40", shown(&mut app, &attempts, 120, 40));
    let text = screen_text(&draw(&mut app, 120, 40));
    for attempt in &attempts {
        let row = text.lines().find(|l| l.contains(attempt.short_id())).expect("a row per attempt");
        assert!(row.contains(local_time(&attempt.date).unwrap().as_str()), "{row}");
        assert!(row.contains(attempt.mode.name()), "{row}");
        assert!(row.contains(&format!("{} {}", attempt.final_mood, mood_word(attempt.final_mood))), "{row}");
    }
    let best = text.lines().find(|l| l.contains(attempts[2].short_id())).unwrap();
    assert!(best.trim_end().trim_end_matches('│').trim_end().ends_with('2'), "two notes: {best}");
    press(&mut app, &[KeyCode::Esc]);
    assert!(matches!(app.screen(), Screen::Progress(_)), "Esc goes back to the progress screen");
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(matches!(app.screen(), Screen::Library));
}

#[test]
fn a_long_history_scrolls_at_80x24() {
    let library = full_library();
    let mut ann = person("Ann");
    for n in 0..40 {
        let fragments = if n % 2 == 0 { HOLD_BEST } else { HOLD_APOLOGISING };
        ann.attempts.push(dated(played(&library, "hold-shelf", fragments, Mode::Practice), n));
    }
    let (first, last) = (ann.attempts[0].short_id().to_string(), ann.attempts[39].short_id().to_string());
    let (mut app, _dir) = game_with_save(library, vec![ann]);
    app.resize(ratatui::layout::Size::new(80, 24));
    open_history(&mut app);
    let top = screen_text(&draw(&mut app, 80, 24));
    assert!(top.contains(&last) && !top.contains(&first) && top.contains("▼ more"), "{top}");
    press(&mut app, &[KeyCode::End]);
    let bottom = screen_text(&draw(&mut app, 80, 24));
    assert!(bottom.contains(&first) && !bottom.contains(&last) && bottom.contains("▲ more"), "{bottom}");
    assert_eq!(history(&app).selected, 39);
    let row = bottom.lines().find(|l| l.contains(&first)).unwrap();
    assert!(row.contains('▶'), "the oldest is highlighted: {row}");
    press(&mut app, &[KeyCode::PageUp]);
    let screen = history(&app);
    assert!(screen.selected < 39 && screen.selected >= screen.offset, "{}", screen.selected);
}

#[test]
fn enter_replays_the_attempt_and_steps_go_forward_and_back_to_its_saved_end() {
    let (mut app, _dir, attempts) = ann_game();
    let best = &attempts[2];
    select_row(&mut app, BEST_ROW);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(replay(&app).attempt, *best);
    assert_eq!(replay(&app).step, best.picks.len(), "opens at the end");
    press(&mut app, &[KeyCode::Home]);
    assert_eq!(replay(&app).step, 0);
    let mut moods = Vec::new();
    for step in 0..=best.picks.len() {
        assert_eq!(replay(&app).step, step);
        let text = screen_text(&draw(&mut app, 80, 24));
        let mood = replay(&app).mood_at(step).expect("a mood at every step");
        assert!(text.contains(&format!("{mood} {}", mood_word(mood))), "step {step}:\n{text}");
        moods.push(mood);
        press(&mut app, &[KeyCode::Right]);
    }
    assert_eq!(replay(&app).step, best.picks.len(), "→ stops at the end");
    assert_eq!(moods.last(), Some(&best.final_mood), "the replay ends where the attempt did");
    let end = screen_text(&draw(&mut app, 80, 24));
    assert!(end.contains(&format!("Reply {} of {}", best.picks.len(), best.picks.len())), "{end}");
    for step in (0..best.picks.len()).rev() {
        press(&mut app, &[KeyCode::Char('h')]);
        assert_eq!(replay(&app).step, step);
        assert_eq!(replay(&app).mood_at(step), Some(moods[step]));
    }
    press(&mut app, &[KeyCode::Left]);
    assert_eq!(replay(&app).step, 0, "← stops at the opening");
    press(&mut app, &[KeyCode::End, KeyCode::Char('l')]);
    assert_eq!(replay(&app).step, best.picks.len());
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(history(&app).selected, BEST_ROW, "back to the same place in the history");
}

#[test]
fn each_step_shows_the_conversation_so_far_its_mood_changes_and_its_notes() {
    let (mut app, _dir, attempts) = ann_game();
    select_row(&mut app, BEST_ROW);
    press(&mut app, &[KeyCode::Enter, KeyCode::Home, KeyCode::Right, KeyCode::Right]);
    assert_snapshot!("replay_step_2_80x24", shown(&mut app, &attempts, 80, 24));
    assert_snapshot!("replay_step_2_120x40", shown(&mut app, &attempts, 120, 40));
    let text = screen_text(&draw(&mut app, 120, 40));
    let run = replay(&app).run().expect("the attempt replays");
    // The second reply is there, the third not yet.
    assert!(text.contains("lend you the ebook copy right now"), "{text}");
    assert!(!text.contains("collect it at Northgate"), "{text}");
    let events: Vec<_> = run.events().iter().filter(|e| e.turn == 2).collect();
    assert!(!events.is_empty(), "the second reply moved the mood");
    for event in events {
        assert!(text.contains(event.change.rule.label()), "{:?}:\n{text}", event.change.rule);
    }
    assert!(text.contains("Ask about Thursday"), "the note written at reply 2:\n{text}");
    assert!(!text.contains("what does Ruth"), "the opening's note is not this step's:\n{text}");
    press(&mut app, &[KeyCode::Home]);
    let opening = screen_text(&draw(&mut app, 120, 40));
    assert!(opening.contains("what does Ruth") && !opening.contains("Ask about Thursday"), "{opening}");
    assert!(!opening.contains("You (1)"), "no reply yet at the opening:\n{opening}");
}

/// [`full_library`] with the book scenario edited since Ann played it.
fn library_with_changed_hold() -> Library {
    let mut library = full_library();
    let changed = HOLD.replace("Where is it?", "Where has it gone?");
    let (scenario, _) = parse_scenario("hold.ron", &changed).expect("still a scenario");
    let slot = library.scenarios.iter_mut().find(|s| s.scenario.id == "hold-shelf").expect("the book scenario");
    *slot = LoadedScenario { scenario, file: "hold.ron".to_string(), bundled: false };
    library
}

#[test]
fn a_changed_scenario_is_refused_and_the_attempt_shown_as_saved() {
    let (mut app, _dir, attempts) = game_of(library_with_changed_hold(), Theme::plain());
    let best = &attempts[2];
    select_row(&mut app, BEST_ROW);
    press(&mut app, &[KeyCode::Enter]);
    assert!(replay(&app).run().is_none(), "no replay of a different scenario");
    assert_snapshot!("replay_changed_80x24", shown(&mut app, &attempts, 80, 24));
    let text = screen_text(&draw(&mut app, 100, 30)).replace('\n', " ");
    let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("has changed since this attempt was played"), "{words}");
    assert!(words.contains(&local_time(&best.date).unwrap()), "{words}");
    assert!(words.contains(&format!("{} {}", best.final_mood, mood_word(best.final_mood))), "{words}");
    assert!(words.contains("Resolved") && words.contains(&format!("{} of 3", best.stars)), "{words}");
    assert!(words.contains("Ask about Thursday"), "the notes are still shown: {words}");
    press(&mut app, &[KeyCode::Right, KeyCode::Home, KeyCode::End]);
    assert_eq!(replay(&app).step, 0, "nothing to step through");
    // An attempt at an unchanged scenario still replays.
    press(&mut app, &[KeyCode::Esc, KeyCode::Down, KeyCode::Enter]);
    assert!(replay(&app).run().is_some(), "the lighthouse did not change");
}

#[test]
fn a_scenario_no_longer_in_the_library_is_said_to_be_gone() {
    let mut library = full_library();
    library.scenarios.retain(|s| s.scenario.id != "lighthouse");
    let (mut app, _dir, _) = game_of(library, Theme::plain());
    select_row(&mut app, TRANSFER_ROW);
    press(&mut app, &[KeyCode::Enter]);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("“lighthouse” is not in the library any more"), "{text}");
}

/// Marks Ann's best attempt and compares it with her later one-option test.
fn compare_best_with_one_option(app: &mut App) {
    select_row(app, BEST_ROW);
    press(app, &[KeyCode::Char('c')]);
    assert_eq!(history(app).marked, Some(BEST_ROW));
    for _ in 0..BEST_ROW - ONE_OPTION_ROW {
        press(app, &[KeyCode::Up]);
    }
    press(app, &[KeyCode::Char('c')]);
}

#[test]
fn c_on_two_attempts_at_one_scenario_compares_them_from_where_they_parted() {
    let (mut app, _dir, attempts) = ann_game();
    compare_best_with_one_option(&mut app);
    let screen = compare(&app);
    let (best, one_option) = (&attempts[2], &attempts[4]);
    assert_eq!(screen.sides[0].attempt, *best, "the older on the left");
    assert_eq!(screen.sides[1].attempt, *one_option);
    // Both acknowledged and offered the ebook; then one explored a second option.
    assert_eq!(screen.shared, 2);
    assert_eq!(screen.parted_at(), Some(3));
    for side in &screen.sides {
        assert_eq!(side.moods.last(), Some(&side.attempt.final_mood), "each curve ends at its saved mood");
        assert_eq!(side.moods.len(), side.attempt.picks.len() + 1);
    }
    assert_snapshot!("compare_80x24", shown(&mut app, &attempts, 80, 24));
    assert_snapshot!("compare_120x40", shown(&mut app, &attempts, 120, 40));
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("They parted at reply 3 after the same first 2 replies."), "{text}");
    assert!(text.contains("“Or you can collect it at Northgate"), "A's third reply:\n{text}");
    assert!(text.contains("“Let's do the ebook now"), "B's third reply:\n{text}");
    for side in &compare(&app).sides {
        let last = side.attempt.final_mood;
        assert!(text.contains(&format!("final mood {last} {}", mood_word(last))), "{text}");
    }
    for legend in ["• A", "× B", "┊ parted"] {
        assert!(text.contains(legend), "the legend names {legend}:\n{text}");
    }
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(history(&app).marked, None, "the pair was compared");
}

#[test]
fn compare_scrolls_both_sides_at_80x24() {
    let (mut app, _dir, _) = ann_game();
    app.resize(ratatui::layout::Size::new(80, 24));
    compare_best_with_one_option(&mut app);
    let mut seen = String::new();
    for _ in 0..20 {
        seen += &screen_text(&draw(&mut app, 80, 24));
        press(&mut app, &[KeyCode::Down]);
    }
    assert!(compare(&app).scroll > 0, "the two sides do not fit at once at 80x24");
    for needle in ["• A", "× B", "“Or you can collect it at Northgate", "“Let's do the ebook now"] {
        assert!(seen.contains(needle), "{needle} never shown:\n{seen}");
    }
    press(&mut app, &[KeyCode::Home]);
    assert_eq!(compare(&app).scroll, 0);
}

#[test]
fn without_colour_compare_draws_the_same_shapes() {
    let (mut plain, _a, attempts) = game_of(full_library(), Theme::plain());
    let (mut colored, _b, _) = game_of(full_library(), Theme::colored());
    compare_best_with_one_option(&mut plain);
    compare_best_with_one_option(&mut colored);
    assert_snapshot!("compare_no_color_100x30", shown(&mut plain, &attempts, 100, 30));
    for (w, h) in [(80, 24), (120, 40)] {
        let plain_frame = draw(&mut plain, w, h);
        for cell in &plain_frame.backend().buffer().content {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{w}x{h}: {cell:?}");
        }
        let colored_frame = draw(&mut colored, w, h);
        assert!(colored_frame.backend().buffer().content.iter().any(|c| c.fg != Color::Reset));
        assert_eq!(screen_text(&plain_frame), screen_text(&colored_frame), "{w}x{h}");
    }
}

#[test]
fn attempts_at_different_scenarios_are_not_compared() {
    let (mut app, _dir, _) = ann_game();
    select_row(&mut app, TRANSFER_ROW);
    press(&mut app, &[KeyCode::Char('c'), KeyCode::Up, KeyCode::Char('c')]);
    assert_eq!(history(&app).marked, Some(TRANSFER_ROW), "the first mark stays for another try");
    let marked = history(&app).attempts[TRANSFER_ROW].short_id().to_string();
    let status = app.status().expect("a word on why").to_string();
    assert!(status.contains("different scenarios"), "{status}");
    assert!(status.contains("The Lighthouse Keeper's Year") && status.contains("The book that was not"), "{status}");
    let text = screen_text(&draw(&mut app, 120, 40));
    let footer = text.lines().last().unwrap_or_default();
    assert!(footer.contains("different scenarios"), "said in the status line: {footer}");
    assert!(text.contains(&format!("◆ {marked} marked")), "{text}");
    let row = text.lines().find(|l| l.contains(&marked) && l.contains("Lighthouse")).expect("its row");
    assert!(row.contains(&format!("◆{marked}")), "the row is marked: {row}");
    // c on the marked one again unmarks it.
    press(&mut app, &[KeyCode::Down, KeyCode::Char('c')]);
    assert_eq!(history(&app).marked, None);
}

#[test]
fn the_help_lists_the_keys_of_history_replay_and_compare() {
    let (mut app, _dir, _) = ann_game();
    open_history(&mut app);
    press(&mut app, &[KeyCode::Char('?')]);
    let mut text = String::new();
    for _ in 0..8 {
        text += &screen_text(&draw(&mut app, 120, 40));
        press(&mut app, &[KeyCode::PageDown]);
    }
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in
        ["a every attempt (history)", "Enter replay the attempt", "c mark it", "→ or l the next step", "Compare"]
    {
        assert!(words.contains(needle), "{needle}: {words}");
    }
}

#[test]
fn every_review_screen_renders_at_every_size_without_panicking() {
    let (mut app, _dir, _) = game_of(library_with_changed_hold(), Theme::plain());
    let sizes = [0, 1, 5, 12, 13, 20, 24, 30, 40, 60];
    let widths = [0, 1, 10, 39, 40, 41, 60, 79, 80, 99, 100, 120, 200];
    let visit = |app: &mut App| {
        for w in widths {
            for h in sizes {
                app.resize(ratatui::layout::Size::new(w, h));
                draw(app, w, h);
                press(app, &[KeyCode::End, KeyCode::Up, KeyCode::PageDown, KeyCode::Left]);
            }
        }
    };
    open_history(&mut app);
    visit(&mut app);
    for row in [BEST_ROW, TRANSFER_ROW, 1] {
        press(&mut app, &[KeyCode::Home]);
        for _ in 0..row {
            press(&mut app, &[KeyCode::Down]);
        }
        press(&mut app, &[KeyCode::Enter]);
        assert!(matches!(app.screen(), Screen::Replay(_)));
        visit(&mut app);
        press(&mut app, &[KeyCode::Esc]);
    }
    // Both sides refused: the book scenario changed.
    press(&mut app, &[KeyCode::Esc, KeyCode::Esc]);
    compare_best_with_one_option(&mut app);
    assert!(compare(&app).sides.iter().all(|s| s.replay.is_err()));
    visit(&mut app);
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("Neither attempt can be replayed"), "{text}");
    // The empty history too.
    let (mut empty, _dir2) = game(&["Bo"]);
    open_history(&mut empty);
    visit(&mut empty);
    assert!(screen_text(&draw(&mut empty, 80, 24)).contains("No attempts yet"));
}

#[test]
fn an_attempt_saved_before_scenario_hashes_replays_but_says_it_is_unchecked() {
    let library = full_library();
    let mut ann = person("Ann");
    let mut old = dated(played(&library, "hold-shelf", HOLD_BEST, Mode::Practice), 0);
    old.content_hash.clear();
    ann.attempts.push(old);
    let (mut app, _dir) = game_with_save(library, vec![ann]);
    open_history(&mut app);
    press(&mut app, &[KeyCode::Enter]);
    assert!(replay(&app).run().is_some(), "nothing to check it against, so it replays");
    let text = screen_text(&draw(&mut app, 120, 40));
    assert!(text.contains("scenario unchecked (old save)"), "{text}");
}
