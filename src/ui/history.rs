//! The history screen: every attempt of the profile, newest first, one row each
//! (short id, local date, scenario, mode, ending, stars, final mood, pass, notes),
//! and the highlighted attempt in full below. Only the rows in view are built,
//! so a long history draws as fast as a short one.

use super::text::{clean_line, truncate, wrap};
use super::theme::Theme;
use super::{block, frame_areas, render_footer, render_header, stars};
use crate::app::{App, HistoryScreen};
use crate::engine::mood_word;
use crate::progress::{Attempt, local_time};
use crate::scenario::Ending;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

/// The highlighted attempt's box under the table: two lines and a border.
const DETAIL_HEIGHT: u16 = 4;
/// From this inner width on, dates carry the time and moods their word.
const WIDE: u16 = 100;
/// The mark of an attempt waiting to be compared.
pub const MARK: &str = "◆";

fn areas(area: Rect) -> [Rect; 2] {
    let [_, body, _] = frame_areas(area);
    body.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(DETAIL_HEIGHT)]))
}

/// Attempt rows that fit in the table at this terminal size.
pub fn visible_rows(size: Size) -> usize {
    let [table, _] = areas(Rect::new(0, 0, size.width, size.height));
    // Borders and the header row.
    usize::from(table.height.saturating_sub(3)).max(1)
}

/// An ending in one short word, for the table.
pub(crate) fn ending_word(ending: Option<Ending>) -> &'static str {
    match ending {
        Some(Ending::Resolved) => "resolved",
        Some(Ending::Callback) => "callback",
        Some(Ending::Transfer) => "transfer",
        Some(Ending::Escalated) => "escalated",
        Some(Ending::Walkout) => "walkout",
        Some(Ending::Unresolved) => "unsolved",
        None => "abandoned",
    }
}

/// When an attempt was played, on this machine's clock.
pub(crate) fn when(attempt: &Attempt) -> String {
    local_time(&attempt.date).unwrap_or_else(|| "unknown date".to_string())
}

pub fn render(app: &App, screen: &HistoryScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let [header, _, footer] = frame_areas(area);
    let count = match screen.attempts.len() {
        1 => "1 attempt".to_string(),
        n => format!("{n} attempts"),
    };
    render_header(app, "History", Some(count), header, buf);
    let [table, detail] = areas(area);
    if screen.attempts.is_empty() {
        let [_, body, _] = frame_areas(area);
        render_empty(theme, screen.error.as_deref(), body, buf);
        render_footer(app, &[("Esc", "back"), ("?", "help")], footer, buf);
        return;
    }
    render_table(app, screen, table, buf);
    render_detail(app, screen, detail, buf);
    let hints = [("↑↓", "select"), ("Enter", "replay"), ("c", "mark to compare"), ("Esc", "back"), ("?", "help")];
    render_footer(app, &hints, footer, buf);
}

fn render_empty(theme: Theme, error: Option<&str>, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width.saturating_sub(2));
    let (text, style) = match error {
        Some(e) => (e, theme.error()),
        None => ("No attempts yet: play a scenario from the library and it is listed here.", theme.muted()),
    };
    let lines: Vec<Line> = wrap(&clean_line(text), width).into_iter().map(|l| Line::styled(l, style)).collect();
    Paragraph::new(lines).block(block(theme, "Attempts")).render(area, buf);
}

fn render_table(app: &App, screen: &HistoryScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let mut frame = block(theme, "Attempts · newest first");
    let inner = frame.inner(area);
    let wide = inner.width >= WIDE;
    let date_w = if wide { 16 } else { 10 };
    let widths = [
        Constraint::Length(9),
        Constraint::Length(date_w),
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(5),
        Constraint::Length(if wide { 14 } else { 4 }),
        Constraint::Length(4),
        Constraint::Length(5),
    ];
    // The highlight mark, the fixed columns and a gap after each.
    let fixed: u16 = 2 + widths.iter().map(|c| if let Constraint::Length(n) = c { n + 1 } else { 0 }).sum::<u16>();
    let title_width = usize::from(inner.width.saturating_sub(fixed));
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    // The window kept by the screen, held within the list at this size.
    let offset = screen.offset.min(screen.selected).max((screen.selected + 1).saturating_sub(visible));
    let rows: Vec<Row> = screen
        .attempts
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, attempt)| attempt_row(app, attempt, screen.marked == Some(i), wide, title_width))
        .collect();
    if offset + visible < screen.attempts.len() {
        frame = frame.title_bottom(Line::from(Span::styled(" ▼ more ", theme.muted())));
    }
    if offset > 0 {
        frame = frame.title_bottom(Line::from(Span::styled(" ▲ more ", theme.muted())).right_aligned());
    }
    if let Some(marked) = screen.marked.and_then(|i| screen.attempts.get(i)) {
        let text = format!(" {MARK} {} marked ", marked.short_id());
        frame = frame.title(Line::from(Span::styled(text, theme.bold())).right_aligned());
    }
    let header =
        Row::new(["Id", "Date", "Scenario", "Mode", "Ending", "Stars", "Mood", "Pass", "Notes"]).style(theme.bold());
    let table = Table::new(rows, widths)
        .header(header)
        .block(frame)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(Some(screen.selected - offset));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn attempt_row(app: &App, attempt: &Attempt, marked: bool, wide: bool, title_width: usize) -> Row<'static> {
    let theme = app.theme();
    let mark = if marked { MARK } else { " " };
    let date = if wide { when(attempt) } else { when(attempt).chars().take(10).collect() };
    let title = app.library().get(&attempt.scenario).map_or(attempt.scenario.as_str(), |s| s.scenario.title.as_str());
    let ending = ending_word(attempt.ending);
    let mood = if wide {
        format!("{:>3} {}", attempt.final_mood, mood_word(attempt.final_mood))
    } else {
        format!("{:>3}", attempt.final_mood)
    };
    let notes = match attempt.notes.len() {
        0 => Span::styled("–", theme.muted()),
        n => Span::raw(n.to_string()),
    };
    Row::new(vec![
        Cell::from(Span::styled(format!("{mark}{}", attempt.short_id()), theme.bold())),
        Cell::from(date),
        Cell::from(truncate(&clean_line(title), title_width)),
        Cell::from(attempt.mode.name()),
        Cell::from(ending),
        Cell::from(Span::styled(stars(attempt.stars), theme.stars())),
        Cell::from(Span::styled(mood, theme.mood(attempt.final_mood))),
        Cell::from(if attempt.passed() {
            Span::styled("✓", theme.bold())
        } else {
            Span::styled("–", theme.muted())
        }),
        Cell::from(notes),
    ])
}

/// The highlighted attempt: its scenario in full and what it holds.
fn render_detail(app: &App, screen: &HistoryScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let Some(attempt) = screen.selected_attempt() else { return };
    let width = usize::from(area.width.saturating_sub(2));
    let title = app
        .library()
        .get(&attempt.scenario)
        .map_or_else(|| format!("{} (no longer in the library)", attempt.scenario), |s| s.scenario.title.clone());
    let replies = match attempt.picks.len() {
        1 => "1 reply".to_string(),
        n => format!("{n} replies"),
    };
    let ending = attempt.ending.map_or("left unfinished", |e| e.label());
    let mut facts = vec![
        replies,
        ending.to_string(),
        format!("final mood {} {}", attempt.final_mood, mood_word(attempt.final_mood)),
        format!("satisfaction {}/5", attempt.satisfaction),
        if attempt.passed() { "a pass".to_string() } else { "not a pass".to_string() },
    ];
    if attempt.undos > 0 {
        facts.push(format!("{} taken back", attempt.undos));
    }
    match attempt.notes.len() {
        0 => {}
        1 => facts.push("1 note".to_string()),
        n => facts.push(format!("{n} notes")),
    }
    let lines = vec![
        Line::from(Span::styled(truncate(&clean_line(&title), width), theme.bold())),
        Line::from(Span::styled(truncate(&clean_line(&facts.join(" · ")), width), theme.muted())),
    ];
    Paragraph::new(lines).block(block(theme, attempt.short_id())).render(area, buf);
}
