//! Each of the six skills over the last played-out attempts: a labelled sparkline
//! (one bar per attempt, oldest on the left), its average, and which way it goes
//! in words, so the trend reads without colour.

use super::super::block;
use super::super::text::{truncate, width, wrap};
use super::super::theme::Theme;
use crate::progress::{SkillTrend, Stats};
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, SparklineBar, Widget};

/// Points a trend's later half must differ from its earlier half to count as a
/// change rather than noise.
const CHANGE: u32 = 5;

/// Which way a skill is going: its later attempts against its earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Rising,
    Falling,
    Steady,
}

pub fn direction(recent: &[u8]) -> Option<Direction> {
    if recent.len() < 2 {
        return None;
    }
    let half = recent.len() / 2;
    let mean = |part: &[u8]| part.iter().map(|&s| u32::from(s)).sum::<u32>() * 10 / part.len() as u32;
    let (before, after) = (mean(&recent[..half]), mean(&recent[recent.len() - half..]));
    Some(if after >= before + CHANGE * 10 {
        Direction::Rising
    } else if before >= after + CHANGE * 10 {
        Direction::Falling
    } else {
        Direction::Steady
    })
}

/// `avg  72 ▲ rising`, or `avg  72 ▲` when `short`.
fn figures(trend: &SkillTrend, short: bool) -> String {
    let average = trend.average.map_or_else(|| "  –".to_string(), |a| format!("{a:>3}"));
    let way = match direction(&trend.recent) {
        Some(Direction::Rising) if short => "▲",
        Some(Direction::Falling) if short => "▼",
        Some(Direction::Steady) if short => "=",
        Some(Direction::Rising) => "▲ rising",
        Some(Direction::Falling) => "▼ falling",
        Some(Direction::Steady) => "= steady",
        None => "",
    };
    format!("avg {average} {way}")
}

const FIGURES_WIDTH: u16 = 17;
/// The longest skill label, "First-contact resolution".
const LABEL_WIDTH: u16 = 24;

pub(super) fn render(theme: Theme, stats: &Stats, area: Rect, buf: &mut Buffer) {
    let played = stats.skills.iter().map(|s| s.recent.len()).max().unwrap_or(0);
    let titles = match played {
        0 => vec!["Skills".to_string()],
        1 => vec!["Skills · your one played-out attempt".to_string(), "Skills · 1 attempt".to_string()],
        n => vec![
            format!("Skills · last {n} played-out attempts, oldest → newest"),
            format!("Skills · last {n} attempts, oldest → newest"),
            format!("Skills · last {n}, oldest → newest"),
            format!("Skills · last {n}"),
        ],
    };
    // The longest that fits on the border, between its corners and spaces.
    let room = usize::from(area.width.saturating_sub(4));
    let title = titles.iter().find(|t| width(t) <= room).unwrap_or(&titles[titles.len() - 1]);
    let frame = block(theme, title);
    let inner = frame.inner(area).inner(Margin::new(1, 0));
    frame.render(area, buf);
    if played == 0 {
        let text = "No played-out attempts yet: finish a conversation to see your six skills move.";
        let lines: Vec<Line> = wrap(text, inner.width.into()).into_iter().map(Line::raw).collect();
        Paragraph::new(lines).style(theme.muted()).render(inner, buf);
        return;
    }
    let count = stats.skills.len().max(1) as u16;
    // Each skill gets the same height, with a blank line between skills when the
    // panel has room for one (the last skill needs none after it).
    let stride = (inner.height + 1) / count;
    let (stride, rows) = if stride >= 2 { (stride, stride - 1) } else { (1, 1) };
    for (i, trend) in stats.skills.iter().enumerate() {
        let top = inner.y + i as u16 * stride;
        if top >= inner.bottom() {
            break;
        }
        let rows = rows.min(inner.bottom() - top);
        render_skill(theme, trend, played, Rect::new(inner.x, top, inner.width, rows), buf);
    }
}

/// One skill: the label, its sparkline beside it and the figures on the right when
/// the label fits whole and the chart gets at least two columns per attempt that
/// way (or there is only one line); else the label and figures on a line above a
/// chart as wide as the panel.
fn render_skill(theme: Theme, trend: &SkillTrend, played: usize, area: Rect, buf: &mut Buffer) {
    // The words after the arrow go before the label is cut.
    let short = area.width < LABEL_WIDTH + 1 + FIGURES_WIDTH;
    let figures = figures(trend, short);
    let figures_width = width(&figures) as u16;
    let label_width = LABEL_WIDTH.min(area.width.saturating_sub(figures_width + 10));
    let beside = area.width.saturating_sub(label_width + figures_width + 2);
    // Beside the label only with the label whole and two columns per attempt.
    let roomy = label_width == LABEL_WIDTH && usize::from(beside) >= 2 * played;
    let side_by_side = area.height == 1 || roomy;
    let label_room = if side_by_side { label_width } else { area.width.saturating_sub(figures_width + 1) };
    let top = Rect::new(area.x, area.y, area.width, 1);
    Span::styled(truncate(trend.skill.label(), label_room.into()), theme.bold()).render(top, buf);
    Line::from(Span::styled(figures, theme.muted())).right_aligned().render(top, buf);
    let chart = if side_by_side {
        let left = area.x + label_width + 1;
        let right = area.right().saturating_sub(figures_width + 1);
        Rect::new(left, area.y, right.saturating_sub(left), area.height)
    } else {
        Rect::new(area.x + 2, area.y + 1, area.width.saturating_sub(2), area.height - 1)
    };
    render_sparkline(theme, &trend.recent, chart, buf);
}

/// One bar per attempt, widened to up to four columns each, scaled 0..=100, and
/// never a blank: a score too low for the smallest bar still shows as a floor, so
/// it does not look like no attempt at all.
fn render_sparkline(theme: Theme, scores: &[u8], area: Rect, buf: &mut Buffer) {
    if area.is_empty() || scores.is_empty() {
        return;
    }
    // Too narrow for them all: the newest are the ones to keep.
    let scores = &scores[scores.len().saturating_sub(area.width.into())..];
    let columns = (usize::from(area.width) / scores.len()).clamp(1, 4);
    let bars: Vec<SparklineBar> = scores
        .iter()
        .flat_map(|&s| std::iter::repeat_n(SparklineBar::from(u64::from(s)).style(Some(theme.score(s))), columns))
        .collect();
    let drawn = bars.len().min(usize::from(area.width)) as u16;
    Sparkline::default().data(bars).max(100).render(area, buf);
    let floor = area.bottom() - 1;
    for x in area.x..area.x + drawn {
        let cell = &mut buf[(x, floor)];
        if cell.symbol() == " " {
            cell.set_symbol(symbols::bar::ONE_EIGHTH);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_rises_falls_or_holds_by_its_halves() {
        assert_eq!(direction(&[]), None);
        assert_eq!(direction(&[50]), None);
        assert_eq!(direction(&[40, 60]), Some(Direction::Rising));
        assert_eq!(direction(&[90, 80, 60, 50]), Some(Direction::Falling));
        assert_eq!(direction(&[70, 72, 69, 73]), Some(Direction::Steady));
        // The middle of an odd-length trend belongs to neither half.
        assert_eq!(direction(&[50, 100, 52]), Some(Direction::Steady));
    }

    fn drawn(scores: &[u8], w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        render_sparkline(Theme::plain(), scores, area, &mut buf);
        buf.content.chunks(usize::from(w)).map(|row| row.iter().map(|c| c.symbol()).collect()).collect()
    }

    #[test]
    fn a_sparkline_shows_every_attempt_even_a_zero() {
        assert_eq!(drawn(&[0, 50, 100], 7, 1), ["▁▁▄▄██ "], "two columns per attempt, a floor for the zero");
        assert_eq!(drawn(&[0, 50, 100], 3, 2), ["  █", "▁██"], "the floor is on the bottom line only");
        assert_eq!(drawn(&[0, 0, 0, 100, 100], 2, 1), ["██"], "too narrow: the newest attempts are kept");
    }
}
