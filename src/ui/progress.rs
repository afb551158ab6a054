//! The progress screen: a profile's history drawn rather than listed. Totals and
//! the first-contact rate at a glance, track completion as gauges, each skill's
//! trend as a sparkline, and a table of every scenario's best result and passes.
//! A large terminal shows it all at once; a smaller one in two or three tabs. Nothing depends
//! on colour: gauges and sparklines are shapes, and every figure is also written.

mod skills;

use super::text::{bar, clean_line, truncate, width, wrap};
use super::theme::Theme;
use super::{block, centered, frame_areas, render_footer, render_header, stars};
use crate::app::{App, ProgressScreen, ProgressTab};
use crate::engine::minutes_text;
use crate::progress::{ScenarioStats, Stats};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, LineGauge, Padding, Paragraph, Row, Table, Tabs, Widget};

/// From this size on, every panel is shown at once.
const WIDE_WIDTH: u16 = 100;
const WIDE_HEIGHT: u16 = 30;
/// The glance row: a border, a label line, a value line, a border.
const GLANCE_HEIGHT: u16 = 4;
/// The skills panel: a line per skill and its border.
const SKILLS_MIN: u16 = 8;

/// Where each panel goes; `None` for a panel not shown at this size and tab.
#[derive(Default)]
struct Panels {
    tabs: Option<Rect>,
    glance: Option<Rect>,
    tracks: Option<Rect>,
    skills: Option<Rect>,
    scenarios: Option<Rect>,
}

fn screen_area(size: Size) -> Rect {
    Rect::new(0, 0, size.width, size.height)
}

fn is_wide(area: Rect) -> bool {
    area.width >= WIDE_WIDTH && area.height >= WIDE_HEIGHT
}

fn tracks_height(stats: &Stats) -> u16 {
    stats.tracks.len() as u16 + 2
}

/// The tabs at this size, in order: none when every panel fits at once (or there
/// is nothing to show); the skills get a tab of their own when the overview
/// cannot hold them.
pub fn tabs(stats: &Stats, size: Size) -> Vec<ProgressTab> {
    let area = screen_area(size);
    if stats.attempts == 0 || is_wide(area) {
        return Vec::new();
    }
    let [_, body, _] = frame_areas(area);
    let content = body.height.saturating_sub(1);
    if content >= GLANCE_HEIGHT + tracks_height(stats) + SKILLS_MIN {
        vec![ProgressTab::Overview, ProgressTab::Scenarios]
    } else {
        vec![ProgressTab::Overview, ProgressTab::Skills, ProgressTab::Scenarios]
    }
}

/// The tab shown at this size: the one chosen, or the overview when the skills
/// are part of it. `None` when there are no tabs.
pub fn shown_tab(screen: &ProgressScreen, size: Size) -> Option<ProgressTab> {
    let tabs = tabs(&screen.stats, size);
    match tabs.contains(&screen.tab) {
        _ if tabs.is_empty() => None,
        true => Some(screen.tab),
        false => Some(ProgressTab::Overview),
    }
}

fn panels(stats: &Stats, tab: Option<ProgressTab>, area: Rect) -> Panels {
    let [_, body, _] = frame_areas(area);
    let Some(tab) = tab else {
        let [glance, rest] = body.layout(&Layout::vertical([Constraint::Length(GLANCE_HEIGHT), Constraint::Min(0)]));
        // The table as wide as its longest title needs, up to three fifths; the
        // charts get the rest.
        let table = (longest_title(stats) + TABLE_FIXED + 4) as u16;
        let table = table.clamp(body.width * 2 / 5, body.width * 3 / 5);
        let [left, right] = rest.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(table)]));
        let [tracks, skills] =
            left.layout(&Layout::vertical([Constraint::Length(tracks_height(stats)), Constraint::Min(SKILLS_MIN)]));
        return Panels {
            tabs: None,
            glance: Some(glance),
            tracks: Some(tracks),
            skills: Some(skills),
            scenarios: Some(right),
        };
    };
    let [tabs, content] = body.layout(&Layout::vertical([Constraint::Length(1), Constraint::Min(0)]));
    let tabs = Some(tabs);
    let [glance, tracks, rest] = content.layout(&Layout::vertical([
        Constraint::Length(GLANCE_HEIGHT),
        Constraint::Length(tracks_height(stats)),
        Constraint::Min(0),
    ]));
    match tab {
        ProgressTab::Overview if rest.height >= SKILLS_MIN => {
            Panels { tabs, glance: Some(glance), tracks: Some(tracks), skills: Some(rest), ..Panels::default() }
        }
        ProgressTab::Overview => Panels { tabs, glance: Some(glance), tracks: Some(tracks), ..Panels::default() },
        ProgressTab::Skills => Panels { tabs, skills: Some(content), ..Panels::default() },
        ProgressTab::Scenarios => Panels { tabs, scenarios: Some(content), ..Panels::default() },
    }
}

/// Scenario rows that fit in the table (inside its border, under its header),
/// whichever tab is shown.
fn visible_rows(stats: &Stats, size: Size) -> usize {
    let area = screen_area(size);
    let tab = (!is_wide(area)).then_some(ProgressTab::Scenarios);
    let table = panels(stats, tab, area).scenarios.unwrap_or_default();
    usize::from(table.height.saturating_sub(3)).max(1)
}

/// How far the scenario table can scroll at this terminal size.
pub fn max_scroll(screen: &ProgressScreen, size: Size) -> usize {
    table_length(&screen.stats).saturating_sub(visible_rows(&screen.stats, size))
}

/// How far PgUp/PgDn move the table: its height less one row.
pub fn page(screen: &ProgressScreen, size: Size) -> usize {
    visible_rows(&screen.stats, size).saturating_sub(1).max(1)
}

pub fn render(app: &App, screen: &ProgressScreen, area: Rect, buf: &mut Buffer) {
    let [header, body, footer] = frame_areas(area);
    let stats = &screen.stats;
    render_header(app, "Progress", None, header, buf);
    if stats.attempts == 0 {
        render_empty(app.theme(), body, buf);
        render_footer(app, &[("Esc", "back to the library"), ("?", "help")], footer, buf);
        return;
    }
    let theme = app.theme();
    let size = area.as_size();
    let shown = shown_tab(screen, size);
    let panels = panels(stats, shown, area);
    if let (Some(tab_area), Some(shown)) = (panels.tabs, shown) {
        render_tabs(theme, &tabs(stats, size), shown, tab_area, buf);
    }
    if let Some(glance) = panels.glance {
        render_glance(theme, stats, glance, buf);
    }
    if let Some(tracks) = panels.tracks {
        render_tracks(theme, stats, tracks, buf);
    }
    if let Some(area) = panels.skills {
        skills::render(theme, stats, area, buf);
    }
    if let Some(area) = panels.scenarios {
        render_scenarios(theme, stats, screen.scroll, area, buf);
    }
    let hints: &[(&str, &str)] = match shown {
        None => &[("↑↓", "scroll scenarios"), ("a", "all attempts"), ("Esc", "back"), ("?", "help")],
        Some(ProgressTab::Scenarios) => {
            &[("Tab", "next panel"), ("↑↓", "scroll"), ("a", "all attempts"), ("Esc", "back"), ("?", "help")]
        }
        Some(_) => &[("Tab", "next panel"), ("a", "all attempts"), ("Esc", "back"), ("?", "help")],
    };
    render_footer(app, hints, footer, buf);
}

/// A profile with no attempts: what will be here, and how to get it.
fn render_empty(theme: Theme, area: Rect, buf: &mut Buffer) {
    let inner = usize::from(area.width.min(64).saturating_sub(4));
    let mut lines = vec![Line::from(Span::styled("No attempts yet", theme.heading())), Line::raw("")];
    let text = "Play a scenario from the library and this page fills in: your best result and passes in each \
                scenario, how far along each track you are, and how each of the six skills moves from one \
                attempt to the next.";
    lines.extend(wrap(text, inner).into_iter().map(Line::raw));
    lines.push(Line::raw(""));
    lines.push(super::hint_line(theme, &[("Esc", "back to the library to pick a scenario")]));
    let box_area = centered(area, 64, lines.len() as u16 + 2);
    Paragraph::new(lines).block(block(theme, "Progress").padding(Padding::horizontal(1))).render(box_area, buf);
}

fn render_tabs(theme: Theme, tabs: &[ProgressTab], shown: ProgressTab, area: Rect, buf: &mut Buffer) {
    let selected = tabs.iter().position(|&t| t == shown);
    Tabs::new(tabs.iter().map(|t| t.label()))
        .select(selected)
        .style(theme.muted())
        .highlight_style(theme.selected())
        .render(area, buf);
}

/// Attempts, passes, the first-contact rate (a gauge), days in a row and time
/// practised, side by side.
fn render_glance(theme: Theme, stats: &Stats, area: Rect, buf: &mut Buffer) {
    // Which mode the attempts were played in, on the box's lower edge: a result in
    // test mode is the one a trainer trusts.
    let modes: Vec<String> = stats.modes.iter().map(|(mode, n)| format!("{n} {}", mode.name())).collect();
    let mut frame = block(theme, "At a glance");
    if !modes.is_empty() {
        let text = format!(" by mode: {} ", modes.join(" · "));
        frame = frame.title_bottom(Line::from(Span::styled(text, theme.muted())).right_aligned());
    }
    let inner = frame.inner(area);
    frame.render(area, buf);
    let columns: [Rect; 5] = inner.layout(&Layout::horizontal([Constraint::Fill(1); 5]).spacing(1));
    let days = match stats.streak_days {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    };
    let practised = match stats.practised_secs {
        0 => "none yet".to_string(),
        1..60 => "under a minute".to_string(),
        secs => minutes_text((secs / 60).min(u64::from(u32::MAX)) as u32),
    };
    let attempts = if usize::from(columns[0].width) >= 18 {
        format!("{} · {} played out", stats.attempts, stats.finished)
    } else {
        stats.attempts.to_string()
    };
    let narrow = columns[0].width < 13;
    let cells = [
        ("Attempts", Some(attempts)),
        ("Passes", Some(stats.passes.to_string())),
        (if narrow { "1st contact" } else { "First contact" }, None),
        (if narrow { "In a row" } else { "Days in a row" }, Some(days)),
        ("Practised", Some(practised)),
    ];
    for ((label, value), column) in cells.into_iter().zip(columns) {
        let [label_area, value_area] = column.layout(&Layout::vertical([Constraint::Length(1); 2]));
        Line::from(Span::styled(truncate(label, column.width.into()), theme.muted()))
            .centered()
            .render(label_area, buf);
        match value {
            Some(value) => Line::from(Span::styled(truncate(&value, column.width.into()), theme.bold()))
                .centered()
                .render(value_area, buf),
            None => render_first_contact(theme, stats.first_contact_rate, value_area, buf),
        }
    }
}

/// `60% ██████░░░░`: the share of played-out attempts solved in the first contact.
fn render_first_contact(theme: Theme, rate: Option<u8>, area: Rect, buf: &mut Buffer) {
    let Some(rate) = rate else {
        Line::from(Span::styled("none yet", theme.muted())).centered().render(area, buf);
        return;
    };
    gauge(theme, Line::from(Span::styled(format!("{rate:>3}%"), theme.bold())), u32::from(rate), 100).render(area, buf);
}

/// A one-line gauge drawn in blocks (`███░░`), so it reads without colour.
fn gauge(theme: Theme, label: Line<'static>, value: u32, max: u32) -> LineGauge<'static> {
    let ratio = if max == 0 { 0.0 } else { f64::from(value.min(max)) / f64::from(max) };
    let percent = (ratio * 100.0).round() as u8;
    LineGauge::default()
        .ratio(ratio)
        .label(label)
        .filled_symbol(symbols::block::FULL)
        .unfilled_symbol(symbols::shade::LIGHT)
        .filled_style(theme.score(percent))
        .unfilled_style(theme.muted())
}

/// One gauge per track: how many of its scenarios are passed.
fn render_tracks(theme: Theme, stats: &Stats, area: Rect, buf: &mut Buffer) {
    let frame = block(theme, "Tracks · scenarios passed");
    let inner = frame.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render(area, buf);
    let name_width = stats.tracks.iter().map(|t| width(&clean_line(&t.name))).max().unwrap_or(0).min(20);
    let rows = inner.layout_vec(&Layout::vertical(vec![Constraint::Length(1); stats.tracks.len()]));
    for (track, row) in stats.tracks.iter().zip(rows) {
        let name = truncate(&clean_line(&track.name), name_width);
        let pad = " ".repeat(name_width - width(&name));
        let label = Line::from(vec![
            Span::styled(format!("{name}{pad} "), theme.bold()),
            Span::raw(format!("{:>2} of {:<2}", track.passed, track.scenarios)),
        ]);
        gauge(theme, label, track.passed as u32, track.scenarios as u32).render(row, buf);
    }
}

/// A track's heading row, then one row per scenario: every row of the table.
fn table_rows(theme: Theme, stats: &Stats, title_width: usize, compact: bool) -> Vec<Row<'static>> {
    let mut rows = Vec::new();
    let mut track: Option<&str> = None;
    for scenario in &stats.scenarios {
        if track != Some(scenario.track.as_str()) {
            track = Some(&scenario.track);
            rows.push(Row::new(vec![Cell::from(Span::styled(clean_line(&scenario.track), theme.heading()))]));
        }
        rows.push(scenario_row(theme, scenario, title_width, compact));
    }
    rows
}

/// Width of the table's columns after the title, with the gaps between columns.
const TABLE_FIXED: usize = 4 + MOOD_COLUMN + 6 + 8 + 4;
/// The best mood column (a bar and its number), left out when space is short.
const MOOD_COLUMN: usize = 10;

/// The widest scenario title, with its indent under the track.
fn longest_title(stats: &Stats) -> usize {
    stats.scenarios.iter().map(|s| width(&clean_line(&s.title)) + 2).max().unwrap_or(0)
}

fn table_length(stats: &Stats) -> usize {
    let mut tracks: Vec<&str> = stats.scenarios.iter().map(|s| s.track.as_str()).collect();
    tracks.dedup();
    tracks.len() + stats.scenarios.len()
}

/// Title, best stars, best final mood (a bar and its number, unless `compact`),
/// passes, attempts.
fn scenario_row(theme: Theme, s: &ScenarioStats, title_width: usize, compact: bool) -> Row<'static> {
    let title = Cell::from(format!("  {}", truncate(&clean_line(&s.title), title_width.saturating_sub(2))));
    let (best, mood) = match (s.best_stars, s.best_mood) {
        (Some(n), Some(mood)) => {
            let (full, empty) = bar(mood.clamp(0, 100) as u32, 100, 5);
            let mood = Line::from(vec![
                Span::styled(full, theme.mood(mood)),
                Span::styled(empty, theme.muted()),
                Span::raw(format!("{mood:>4}")),
            ]);
            (Cell::from(Span::styled(stars(n), theme.stars())), Cell::from(mood))
        }
        _ if s.attempts > 0 => (Cell::from("–"), Cell::from(Span::styled("unfinished", theme.muted()))),
        _ => (Cell::from("–"), Cell::from(Span::styled("not played", theme.muted()))),
    };
    let passes = match s.passes {
        0 => Cell::from(Span::styled("0", theme.muted())),
        n => Cell::from(Span::styled(format!("✓ {n}"), theme.bold())),
    };
    let attempts = Cell::from(s.attempts.to_string());
    Row::new(if compact { vec![title, best, passes, attempts] } else { vec![title, best, mood, passes, attempts] })
}

fn render_scenarios(theme: Theme, stats: &Stats, scroll: usize, area: Rect, buf: &mut Buffer) {
    let mut frame = block(theme, "Scenarios · best result");
    let inner = frame.inner(area);
    let compact = usize::from(inner.width) < TABLE_FIXED + 20;
    let mut widths = vec![Constraint::Fill(1), Constraint::Length(4), Constraint::Length(MOOD_COLUMN as u16)];
    widths.extend([Constraint::Length(6), Constraint::Length(8)]);
    let mut header = vec!["Scenario", "Best", "Best mood", "Passes", "Attempts"];
    let mut fixed = TABLE_FIXED;
    if compact {
        widths.remove(2);
        header.remove(2);
        fixed -= MOOD_COLUMN + 1;
    }
    let title_width = usize::from(inner.width).saturating_sub(fixed);
    let rows = table_rows(theme, stats, title_width, compact);
    let visible = usize::from(inner.height.saturating_sub(1));
    let scroll = scroll.min(rows.len().saturating_sub(visible));
    if scroll + visible < rows.len() {
        frame = frame.title_bottom(Line::from(Span::styled(" ▼ more ", theme.muted())));
    }
    if scroll > 0 {
        frame = frame.title_bottom(Line::from(Span::styled(" ▲ more ", theme.muted())).right_aligned());
    }
    let header = Row::new(header).style(theme.bold());
    let shown: Vec<Row> = rows.into_iter().skip(scroll).take(visible).collect();
    Table::new(shown, widths).header(header).column_spacing(1).block(frame).render(area, buf);
}
