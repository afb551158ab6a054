//! The compare screen: two attempts at one scenario. Where they parted, both mood
//! curves on one chart, each side's final result and its replies from the parting
//! on with the mood after each. Side by side on a large terminal; stacked in one
//! scrolling panel on a smaller one.

pub mod curves;

use super::history::{ending_word, when};
use super::notes::chosen_lines;
use super::replay::sentence;
use super::text::{clean_line, truncate, wrap};
use super::theme::Theme;
use super::{block, frame_areas, hanging, render_footer, render_header, render_scrolled, stars};
use crate::app::{App, CompareScreen, CompareSide};
use crate::engine::mood_word;
use curves::{Curve, MARKERS};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// From this size on, the sides stand next to each other.
const WIDE_WIDTH: u16 = 100;
const WIDE_HEIGHT: u16 = 30;

const SIDE_NAMES: [&str; 2] = ["A", "B"];

struct Areas {
    summary: Rect,
    chart: Rect,
    /// One panel with both sides stacked, or one per side.
    sides: Vec<Rect>,
}

fn areas(area: Rect) -> Areas {
    let [_, body, _] = frame_areas(area);
    let wide = area.width >= WIDE_WIDTH && area.height >= WIDE_HEIGHT;
    let chart_height = if wide { body.height * 2 / 5 } else { body.height / 2 };
    let [summary, chart, rest] =
        body.layout(&Layout::vertical([Constraint::Length(2), Constraint::Length(chart_height), Constraint::Min(0)]));
    let sides = if wide {
        let [a, b] = rest.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]));
        vec![a, b]
    } else {
        vec![rest]
    };
    Areas { summary, chart, sides }
}

/// Each panel's lines at `width`: both sides in one, or a side each.
fn panel_lines(screen: &CompareScreen, theme: Theme, panels: usize, width: usize) -> Vec<Vec<Line<'static>>> {
    let sides: Vec<Vec<Line<'static>>> = (0..2).map(|i| side_lines(screen, i, theme, width, panels == 1)).collect();
    if panels == 2 {
        return sides;
    }
    let mut all = Vec::new();
    for (i, side) in sides.into_iter().enumerate() {
        if i > 0 {
            all.push(Line::raw(""));
        }
        all.extend(side);
    }
    vec![all]
}

fn scroll_room(screen: &CompareScreen, size: Size) -> (usize, usize) {
    let a = areas(Rect::new(0, 0, size.width, size.height));
    let inner = Block::bordered().inner(a.sides[0]);
    let longest = panel_lines(screen, Theme::plain(), a.sides.len(), usize::from(inner.width))
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    (longest, usize::from(inner.height))
}

/// How far the replies can scroll at this terminal size.
pub fn max_scroll(screen: &CompareScreen, size: Size) -> usize {
    let (lines, height) = scroll_room(screen, size);
    lines.saturating_sub(height)
}

/// How far PgUp/PgDn move: the panel's height less one line.
pub fn page(screen: &CompareScreen, size: Size) -> usize {
    scroll_room(screen, size).1.saturating_sub(1).max(1)
}

pub fn render(app: &App, screen: &CompareScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let [header, _, footer] = frame_areas(area);
    let ids = format!("{} vs {}", screen.sides[0].attempt.short_id(), screen.sides[1].attempt.short_id());
    render_header(app, &format!("Compare: {}", clean_line(&screen.title)), Some(ids), header, buf);
    let a = areas(area);
    let summary: Vec<Line> = wrap(&parting_text(screen), usize::from(a.summary.width))
        .into_iter()
        .take(2)
        .map(|l| Line::styled(l, theme.bold()))
        .collect();
    Paragraph::new(summary).render(a.summary, buf);
    render_chart(theme, screen, a.chart, buf);
    let inner_width = usize::from(Block::bordered().inner(a.sides[0]).width);
    let panels = panel_lines(screen, theme, a.sides.len(), inner_width);
    for (i, (lines, rect)) in panels.into_iter().zip(&a.sides).enumerate() {
        let title = if a.sides.len() == 1 { "Both attempts".to_string() } else { side_title(screen, i) };
        let marks = (" ▼ more: ↓ ", Some(" ▲ more: ↑ "));
        render_scrolled(theme, block(theme, &title), lines, screen.scroll, marks, *rect, buf);
    }
    render_footer(app, &[("↑↓ PgUp/PgDn", "scroll"), ("Esc", "history"), ("?", "help")], footer, buf);
}

/// Where the two went different ways, in words.
fn parting_text(screen: &CompareScreen) -> String {
    let [a, b] = &screen.sides;
    let (la, lb) = (a.attempt.picks.len(), b.attempt.picks.len());
    let shared = screen.shared;
    let same = match shared {
        0 => String::new(),
        1 => " after the same first reply".to_string(),
        n => format!(" after the same first {n} replies"),
    };
    match screen.parted_at() {
        None => format!("The same {la} replies in both attempts: they did not part."),
        Some(_) if shared == la || shared == lb => {
            let (stopped, went_on) = if la < lb { ("A", "B") } else { ("B", "A") };
            format!("They parted at reply {}{same}: {stopped} stopped there and {went_on} went on.", shared + 1)
        }
        Some(at) => format!("They parted at reply {at}{same}."),
    }
}

fn render_chart(theme: Theme, screen: &CompareScreen, area: Rect, buf: &mut Buffer) {
    let curves: Vec<Curve> = screen
        .sides
        .iter()
        .enumerate()
        .map(|(i, side)| Curve { name: format!("{} {}", SIDE_NAMES[i], side.attempt.short_id()), moods: &side.moods })
        .collect();
    if curves.iter().all(|c| c.moods.is_empty()) {
        let text = "Neither attempt can be replayed, so there are no mood curves to draw; see below why.";
        let lines: Vec<Line> =
            wrap(text, usize::from(area.width.saturating_sub(2))).into_iter().map(Line::raw).collect();
        Paragraph::new(lines).block(block(theme, "Mood, reply by reply")).render(area, buf);
        return;
    }
    let parted = screen.parted_at().map(|_| screen.shared);
    curves::render(theme, &curves, parted, area, buf);
}

/// `• A a1b2c3d4 · 2026-03-12 14:05 · practice`.
fn side_title(screen: &CompareScreen, i: usize) -> String {
    let attempt = &screen.sides[i].attempt;
    format!("{} {} {} · {} · {}", MARKERS[i], SIDE_NAMES[i], attempt.short_id(), when(attempt), attempt.mode.name())
}

/// One side: its heading (when stacked), its final result, then its replies from
/// the parting on, each with the mood after it and the notes written there.
fn side_lines(screen: &CompareScreen, i: usize, theme: Theme, width: usize, stacked: bool) -> Vec<Line<'static>> {
    let side: &CompareSide = &screen.sides[i];
    let attempt = &side.attempt;
    let mut lines = Vec::new();
    if stacked {
        lines.push(Line::styled(truncate(&side_title(screen, i), width), theme.heading()));
    }
    let mut result = vec![
        ending_word(attempt.ending).to_string(),
        stars(attempt.stars),
        format!("final mood {} {}", attempt.final_mood, mood_word(attempt.final_mood)),
        format!("{}/5", attempt.satisfaction),
    ];
    result.push(if attempt.passed() { "a pass".to_string() } else { "not a pass".to_string() });
    lines.extend(hanging(Span::styled("Result: ", theme.bold()), &result.join(" · "), Style::new(), width));
    let turns = match &side.replay {
        Ok(_) => side.turns(),
        Err(e) => {
            lines.extend(hanging(Span::raw(""), &sentence(&format!("cannot replay: {e}")), theme.error(), width));
            return lines;
        }
    };
    if turns.len() <= screen.shared {
        let text = match screen.parted_at() {
            None => "The same replies as the other attempt.".to_string(),
            Some(_) => format!("No replies after reply {}: the attempt ended there.", turns.len()),
        };
        lines.push(Line::styled(text, theme.muted()));
        return lines;
    }
    lines.push(Line::styled(format!("From reply {} on:", screen.shared + 1), theme.bold()));
    for (k, turn) in turns.iter().enumerate().skip(screen.shared) {
        let lead = Span::styled(format!("{:>3} ", k + 1), theme.bold());
        lines.extend(hanging(lead, &format!("\u{201c}{}\u{201d}", turn.text), theme.quote(), width));
        let before = side.moods.get(k).copied().unwrap_or(turn.mood_after);
        let delta = turn.mood_after - before;
        lines.push(Line::from(vec![
            Span::raw("    → "),
            Span::styled(
                format!("{} {}", turn.mood_after, mood_word(turn.mood_after)),
                theme.mood(turn.mood_after).bold(),
            ),
            Span::styled(format!(" ({delta:+})"), theme.delta(delta)),
        ]));
        let notes: Vec<_> = attempt.notes.iter().filter(|n| n.turn == k + 1).collect();
        lines.extend(chosen_lines(notes, theme, width.saturating_sub(4)).into_iter().map(|l| {
            let mut spans = vec![Span::raw("    ")];
            spans.extend(l.spans);
            Line::from(spans)
        }));
    }
    lines
}
