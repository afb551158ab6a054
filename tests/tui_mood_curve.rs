//! The mood curve in the debrief: the mood over the conversation drawn as a chart,
//! the replies that moved it most marked and listed, at 80x24 and larger, with and
//! without colour; and the chart widget on its own (two curves, sparklines).
//! Snapshots in `tests/snapshots/tui_mood_curve__*`.

mod tui_support;

use frontline::app::{App, DebriefScreen, Screen};
use frontline::ui::theme::Theme;
use insta::assert_snapshot;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Rect, Size};
use ratatui::style::{Color, Modifier};
use tui_support::*;

fn snap(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

/// The screen with its colours: every cell's symbol, then each change of style.
fn snap_colours(app: &mut App, w: u16, h: u16) -> String {
    format!("{:?}", draw(app, w, h).backend().buffer())
}

/// Presses the number of the shown reply containing `fragment` (replies are shuffled).
fn press_reply(app: &mut App, fragment: &str) {
    let Screen::Play(play) = app.screen() else { panic!("not playing: {:?}", app.screen()) };
    let n = play.run.replies().iter().position(|r| r.text.contains(fragment)).expect("the reply is offered") + 1;
    press(app, &[KeyCode::Char(char::from(b'0' + n as u8))]);
}

fn debrief(app: &App) -> &DebriefScreen {
    match app.screen() {
        Screen::Debrief(debrief) => debrief,
        other => panic!("not at the debrief: {other:?}"),
    }
}

/// The hold-shelf chat played with an apology first, both options, then settled:
/// four replies that move the mood by -4, +2, +2 and +10.
fn debrief_after_four_replies(app: &mut App) {
    press(app, &[KeyCode::Enter]);
    for fragment in ["I am so sorry", "lend you the ebook", "collect it at Northgate", "Let's do the ebook"] {
        press_reply(app, fragment);
    }
    assert!(matches!(app.screen(), Screen::Debrief(_)));
}

/// The rows of the debrief's chart: from the scale's `100┤` to the `0┤`.
fn chart_rows(buffer: &Buffer) -> std::ops::RangeInclusive<u16> {
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect();
    let top = rows.iter().position(|r| r.contains("100┤")).expect("the chart's top") as u16;
    let bottom = rows.iter().position(|r| r.contains("  0┤")).expect("the chart's bottom") as u16;
    top..=bottom
}

#[test]
fn the_marked_turns_are_the_replies_that_moved_the_mood_most() {
    let (mut app, _dir) = game(&["Ann"]);
    debrief_after_four_replies(&mut app);
    // The moves, worked out from the replies' moods, not by the code under test.
    let d = &debrief(&app).debrief;
    let mut mood = d.start_mood;
    let mut moves: Vec<(i32, usize)> = Vec::new();
    for (i, step) in d.steps.iter().enumerate() {
        moves.push((step.mood_after - mood, i + 1));
        mood = step.mood_after;
    }
    assert_eq!(moves.iter().map(|m| m.0).collect::<Vec<_>>(), [-4, 2, 2, 10], "the path moved as planned");
    moves.sort_by_key(|&(delta, turn)| (-delta.abs(), turn));
    let largest: Vec<usize> = moves.iter().take(3).map(|m| m.1).collect();
    assert_eq!(largest, [4, 1, 2]);

    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&mut app, w, h);
        let buffer = terminal.backend().buffer();
        // Marks: the reply numbers in reverse video on the chart.
        let mut marked: Vec<usize> = Vec::new();
        for y in chart_rows(buffer) {
            for x in 0..w {
                let cell = &buffer[(x, y)];
                if cell.modifier.contains(Modifier::REVERSED) {
                    marked.push(cell.symbol().parse().expect("a mark is a reply number"));
                }
            }
        }
        marked.sort();
        let mut expected = largest.clone();
        expected.sort();
        assert_eq!(marked, expected, "{w}x{h}");
        // And listed under it, largest first, with the rules behind each (on a
        // taller screen: at 80x24 the list is on the next page).
        let text = screen_text(&draw(&mut app, w, 60));
        let listed: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.contains("Moved it most"))
            .skip(1)
            .take(3)
            .map(|l| l.trim_matches(['│', ' ']))
            .collect();
        assert_eq!(
            listed,
            [
                "Reply 4   +10  solved in one contact, settled promptly, range of options",
                "Reply 1    -4  extra apology",
                "Reply 2    +2  option explored",
            ],
            "{w}x{h}:\n{text}"
        );
    }
}

#[test]
fn the_curve_ends_higher_than_it_starts_as_the_mood_did() {
    let (mut app, _dir) = game(&["Ann"]);
    debrief_after_four_replies(&mut app);
    let (start, end) = {
        let d = &debrief(&app).debrief;
        (d.mood_curve()[0], d.final_mood)
    };
    assert!(end > start + 5, "the path ends well above its start: {start} → {end}");
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(&mut app, w, h);
        let buffer = terminal.backend().buffer();
        let rows = chart_rows(buffer);
        // The highest row the curve reaches in each column it crosses.
        let top_at = |x: u16| rows.clone().find(|&y| is_curve(buffer, x, y));
        let columns: Vec<u16> = (0..w).filter(|&x| top_at(x).is_some()).collect();
        assert!(columns.len() > usize::from(w) / 2, "{w}x{h}: the curve spans the chart: {columns:?}");
        let first = top_at(columns[0]).expect("a row");
        let last = top_at(*columns.last().expect("a column")).expect("a row");
        assert!(
            last < first,
            "{w}x{h}: rows count down; the curve should end higher ({last}) than it starts ({first})"
        );
    }
}

fn is_curve(buffer: &Buffer, x: u16, y: u16) -> bool {
    let c = buffer[(x, y)].symbol().chars().next().unwrap_or(' ');
    ('\u{2801}'..='\u{28ff}').contains(&c)
}

#[test]
fn the_chart_draws_two_curves_apart_without_colour_with_a_legend() {
    let theme = Theme::plain();
    let area = Rect::new(0, 0, 60, 12);
    let mut buffer = Buffer::empty(area);
    let first: &[i32] = &[50, 46, 48, 50, 60];
    let second: &[i32] = &[50, 56, 64, 70, 79];
    frontline::ui::mood_curve::render_mood_curves(
        &[("Ann, 2 Dec", first), ("Mentor", second)],
        &[1],
        area,
        &mut buffer,
        theme,
    );
    let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
    assert!(text.contains("⠤⠤⠤ Ann, 2 Dec") && text.contains("••• Mentor"), "a legend by shape:\n{text}");
    assert!(text.contains('•') && text.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)), "both lines");
    assert!(buffer.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "no colour at all");
    let marks = buffer.content.iter().filter(|c| c.modifier.contains(Modifier::REVERSED)).count();
    assert_eq!(marks, 2, "reply 1 is marked on both curves");
    assert_snapshot!("two_curves_60x12", format!("{buffer:?}"));
}

#[test]
fn a_chart_too_small_to_draw_becomes_sparklines() {
    let area = Rect::new(0, 0, 24, 2);
    let mut buffer = Buffer::empty(area);
    let moods: &[i32] = &[50, 46, 48, 50, 60];
    frontline::ui::mood_curve::render_mood_curves(
        &[("Ann", moods), ("Ben", &[50, 70])],
        &[4],
        area,
        &mut buffer,
        Theme::plain(),
    );
    let rows: Vec<String> =
        (0..2).map(|y| (0..24).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string()).collect();
    assert_eq!(rows, ["Ann ▅▄▄▅▅ 60", "Ben ▅▆ 70"]);
    assert!(buffer[(8, 0)].modifier.contains(Modifier::REVERSED), "reply 4 is marked");
}

#[test]
fn mood_curve_in_the_debrief() {
    let (mut app, _dir) = game(&["Ann"]);
    debrief_after_four_replies(&mut app);
    assert_snapshot!("debrief_curve_80x24", snap(&mut app, 80, 24));
    assert_snapshot!("debrief_curve_120x40", snap(&mut app, 120, 40));
    app.resize(Size::new(80, 24));
    press(&mut app, &[KeyCode::PageDown]);
    assert_snapshot!("debrief_curve_moves_80x24", snap(&mut app, 80, 24));

    let (mut app, _dir) = game_with_save_themed(library(), vec![person("Ann")], Theme::colored());
    debrief_after_four_replies(&mut app);
    assert_snapshot!("debrief_curve_colour_80x24", snap_colours(&mut app, 80, 24));
    assert_snapshot!("debrief_curve_colour_120x40", snap_colours(&mut app, 120, 40));
}
