//! The scenario library: tracks, scenarios with channel, level and best result, and
//! the selected scenario's summary.

use super::text::{clean, clean_line, truncate, wrap};
use super::{block, frame_areas, notices_height, render_footer, render_header, render_notices, stars};
use crate::app::{App, is_locked, locked_reason};
use crate::engine::mood_word;
use crate::progress::{Best, Profile};
use crate::scenario::Scenario;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let [header, body, footer] = frame_areas(area);
    render_header(app, "Library", Some(summary_text(app)), header, buf);

    let notices = notices_height(app, body.width);
    let details = details_lines(app, usize::from(body.width.saturating_sub(2)));
    let details_h = (details.len() as u16 + 2).min(body.height.saturating_sub(notices) / 2).max(3);
    let [list_area, details_area, notice_area] = body.layout(&Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(details_h),
        Constraint::Length(notices),
    ]));
    render_list(app, list_area, buf);
    let title = app.selected_scenario().map_or("Scenario".to_string(), |s| clean_line(&s.scenario.title));
    Paragraph::new(details).block(block(app.theme(), &title)).render(details_area, buf);
    render_notices(app, notice_area, buf);
    render_footer(
        app,
        &[
            ("↑↓", "select"),
            ("Enter", "play"),
            ("s", "progress"),
            ("m", "mode"),
            ("p", "profile"),
            ("?", "help"),
            ("q", "quit"),
        ],
        footer,
        buf,
    );
}

/// The first-contact rate, and the attempts waiting for the LRS when there are any.
fn summary_text(app: &App) -> String {
    let rate = rate_text(app.profile());
    match app.lrs_waiting() {
        Some((0, _)) | None => rate,
        Some((1, _)) => format!("{rate} · 1 attempt waiting for the LRS"),
        Some((n, _)) => format!("{rate} · {n} attempts waiting for the LRS"),
    }
}

/// The share of finished attempts solved in the first contact, in words a new hire
/// reads at a glance.
fn rate_text(profile: Option<&Profile>) -> String {
    match profile.and_then(Profile::first_contact_rate) {
        Some(rate) => format!("first-contact rate {rate}%"),
        None if profile.is_some_and(|p| p.attempts > 0) => "no finished attempts yet".to_string(),
        None => "no attempts yet".to_string(),
    }
}

/// `●●○○○` for difficulty 2.
fn level(difficulty: u8) -> String {
    let n = usize::from(difficulty.min(5));
    format!("{}{}", "●".repeat(n), "○".repeat(5 - n))
}

fn best<'a>(profile: Option<&'a Profile>, id: &str) -> Option<&'a Best> {
    profile?.best(id)
}

fn best_text(scenario: &Scenario, profile: Option<&Profile>, wide: bool) -> (String, bool) {
    if is_locked(scenario, profile) {
        return ((if wide { "🔒 locked" } else { "locked" }).to_string(), true);
    }
    match best(profile, &scenario.id) {
        Some(best) if wide => {
            (format!("{} {} {}", stars(best.stars), best.final_mood, mood_word(best.final_mood)), false)
        }
        Some(best) => (stars(best.stars), false),
        None if profile.is_some_and(|p| p.attempts_at(&scenario.id) > 0) => ("unfinished".to_string(), false),
        None => ("new".to_string(), false),
    }
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let scenarios_block = block(theme, "Scenarios");
    if app.library().scenarios.is_empty() {
        let text = "No scenarios are loaded. Check the notices, or add scenario folders with --scenarios.";
        let lines: Vec<Line> =
            wrap(text, usize::from(area.width.saturating_sub(2))).into_iter().map(Line::raw).collect();
        Paragraph::new(lines).block(scenarios_block).render(area, buf);
        return;
    }
    let profile = app.profile();
    let inner_width = area.width.saturating_sub(2);
    let wide = inner_width >= 64;
    let widths = if wide {
        vec![Constraint::Fill(1), Constraint::Length(7), Constraint::Length(5), Constraint::Length(17)]
    } else {
        vec![Constraint::Fill(1), Constraint::Length(5), Constraint::Length(8)]
    };
    // What the Fill column gets: the inner width less the highlight mark, the fixed
    // columns and the gaps between columns.
    let fixed: u16 = widths.iter().map(|c| if let Constraint::Length(n) = c { n + 1 } else { 0 }).sum();
    let title_width = usize::from(inner_width.saturating_sub(2 + fixed));
    let mut rows = Vec::new();
    let mut selected_row = None;
    let mut position = 0;
    for track in app.tracks() {
        let mut heading = clean_line(&track.name);
        if let Some(first) = heading.get(..1) {
            heading = first.to_uppercase() + &heading[1..];
        }
        rows.push(Row::new(vec![Cell::from(Span::styled(heading, theme.heading()))]));
        for &index in &track.scenarios {
            let scenario = &app.library().scenarios[index].scenario;
            if position == app.selected_position() {
                selected_row = Some(rows.len());
            }
            position += 1;
            let (best, locked) = best_text(scenario, profile, wide);
            let style = if locked { theme.muted() } else { Style::new() };
            let mut cells = vec![Cell::from(truncate(&clean_line(&scenario.title), title_width))];
            if wide {
                cells.push(Cell::from(scenario.channel.label()));
            }
            cells.push(Cell::from(level(scenario.difficulty)));
            cells.push(Cell::from(Span::styled(best, if locked { theme.muted() } else { theme.stars() })));
            rows.push(Row::new(cells).style(style));
        }
    }
    let header = if wide {
        Row::new(vec!["Scenario", "Channel", "Level", "Best"]).style(theme.bold())
    } else {
        Row::new(vec!["Scenario", "Level", "Best"]).style(theme.bold())
    };
    let table = Table::new(rows, widths)
        .header(header)
        .block(scenarios_block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::default().with_selected(selected_row);
    StatefulWidget::render(table, area, buf, &mut state);
}

/// The selected scenario: summary, facts about it, and why it is locked.
fn details_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let Some(loaded) = app.selected_scenario() else {
        return vec![Line::raw("Nothing selected.")];
    };
    let scenario = &loaded.scenario;
    let mut lines: Vec<Line> = wrap(&clean(&scenario.summary), width).into_iter().map(Line::raw).collect();
    let facts = format!(
        "{} · {} · level {}/5 · track {}",
        scenario.channel.label(),
        if loaded.bundled { "bundled" } else { "your scenario" },
        scenario.difficulty,
        clean_line(&scenario.track)
    );
    lines.push(Line::from(Span::styled(truncate(&facts, width), theme.muted())));
    let profile = app.profile();
    if let Some(reason) = locked_reason(app.library(), scenario, profile) {
        lines.extend(wrap(&reason, width).into_iter().map(|l| Line::from(Span::styled(l, theme.bold()))));
        return lines;
    }
    let attempts = profile.map_or(0, |p| p.attempts_at(&scenario.id));
    let best = match best(profile, &scenario.id) {
        Some(best) => format!(
            "Best: {} {} stars, final mood {} {} · {attempts} attempt{}",
            stars(best.stars),
            best.stars,
            best.final_mood,
            mood_word(best.final_mood),
            if attempts == 1 { "" } else { "s" }
        ),
        None if attempts > 0 => {
            format!("Not finished yet ({attempts} attempt{} left unfinished).", if attempts == 1 { "" } else { "s" })
        }
        None => "Not played yet. Press Enter to start.".to_string(),
    };
    lines.extend(wrap(&best, width).into_iter().map(Line::raw));
    lines
}
