//! The customer's mood over a conversation, drawn as a chart: one curve per
//! attempt (the debrief draws one, a comparison two), the replies that moved it
//! most marked with their numbers. Nothing depends on colour: the first curve is
//! a fine line, the second a dotted one, and marks are numbers in reverse video.
//! Too small for a chart, each curve becomes a one-line sparkline.

use super::text::{clean_line, truncate, width};
use super::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as Segment, Points};

/// Columns for the mood scale on the left: `100┤`.
const SCALE: u16 = 4;
/// The fewest rows and columns a chart's plot needs; below that, sparklines.
const MIN_PLOT_HEIGHT: u16 = 3;
const MIN_PLOT_WIDTH: u16 = 8;

/// How the curve `index` is drawn: a fine line first, a dotted one second.
fn marker(index: usize) -> Marker {
    if index == 0 { Marker::Braille } else { Marker::Dot }
}

/// The legend's sample of curve `index`.
fn sample(index: usize) -> &'static str {
    if index == 0 { "⠤⠤⠤" } else { "•••" }
}

fn color(theme: Theme, index: usize) -> Color {
    theme.curve(index).fg.unwrap_or(Color::Reset)
}

/// Draws `curves` (a label and the mood before the first reply and after each,
/// see `Debrief::mood_curve`) into `area`: a mood scale of 0–100 on the left,
/// reply numbers underneath, a legend on top when there is more than one curve.
/// Each reply number in `marks` is marked on every curve that reaches it.
/// Below 4 rows or 12 columns, each curve is a sparkline instead.
pub fn render_mood_curves(curves: &[(&str, &[i32])], marks: &[usize], area: Rect, buf: &mut Buffer, theme: Theme) {
    let curves: Vec<(&str, &[i32])> = curves.iter().copied().filter(|(_, moods)| !moods.is_empty()).collect();
    if area.is_empty() || curves.is_empty() {
        return;
    }
    let legend = u16::from(curves.len() > 1);
    let plot = Rect {
        x: area.x + SCALE,
        y: area.y + legend,
        width: area.width.saturating_sub(SCALE),
        height: area.height.saturating_sub(legend + 1),
    };
    if plot.height < MIN_PLOT_HEIGHT || plot.width < MIN_PLOT_WIDTH {
        render_sparklines(&curves, marks, area, buf, theme);
        return;
    }
    if legend > 0 {
        render_legend(&curves, Rect { height: 1, ..area }, buf, theme);
    }
    let last = curves.iter().map(|(_, moods)| moods.len() - 1).max().unwrap_or(0).max(1);
    let grid = Grid { plot, last };
    Canvas::default()
        .x_bounds([0.0, last as f64])
        .y_bounds([0.0, 100.0])
        .marker(marker(0))
        .paint(|ctx| {
            for (index, (_, moods)) in curves.iter().enumerate() {
                if index > 0 {
                    ctx.marker(marker(index));
                }
                let color = color(theme, index);
                let mood = |t: usize| f64::from(moods[t].clamp(0, 100));
                if moods.len() == 1 {
                    ctx.draw(&Points::new(&[(0.0, mood(0))], color));
                }
                for t in 1..moods.len() {
                    ctx.draw(&Segment::new((t - 1) as f64, mood(t - 1), t as f64, mood(t), color));
                }
            }
        })
        .render(plot, buf);
    render_scale(&grid, area, buf, theme);
    render_turns(&grid, Rect { y: plot.bottom(), height: 1, ..area }, buf, theme);
    for (index, (_, moods)) in curves.iter().enumerate() {
        for &turn in marks.iter().filter(|&&t| t < moods.len()) {
            let (x, y) = grid.cell(index, turn, moods[turn]);
            let label = turn.to_string();
            let x = x.min(plot.right().saturating_sub(label.len() as u16)).max(plot.x);
            buf.set_string(x, y, label, theme.selected());
        }
    }
}

/// Where the plot is and how many replies its width spans: maps a point to the
/// cell the canvas draws it in.
struct Grid {
    plot: Rect,
    last: usize,
}

impl Grid {
    /// The cell of curve `index`'s point at reply `turn` with mood `mood`, as the
    /// canvas rounds it for that curve's marker (braille: 2×4 dots a cell).
    fn cell(&self, index: usize, turn: usize, mood: i32) -> (u16, u16) {
        let (dots_x, dots_y) = if marker(index) == Marker::Braille { (2.0, 4.0) } else { (1.0, 1.0) };
        let columns = f64::from(self.plot.width) * dots_x;
        let rows = f64::from(self.plot.height) * dots_y;
        let x = (turn as f64 * (columns - 1.0) / self.last as f64).round() / dots_x;
        let y = (f64::from(100 - mood.clamp(0, 100)) * (rows - 1.0) / 100.0).round() / dots_y;
        (self.plot.x + x as u16, self.plot.y + y as u16)
    }

    fn row_of(&self, mood: i32) -> u16 {
        self.cell(0, 0, mood).1
    }
}

/// `100┤`, ` 50┤` and `  0┤` beside the plot, a rule between them.
fn render_scale(grid: &Grid, area: Rect, buf: &mut Buffer, theme: Theme) {
    let plot = grid.plot;
    for y in plot.y..plot.bottom() {
        buf.set_string(area.x + SCALE - 1, y, "│", theme.border());
    }
    for mood in [100, 50, 0] {
        buf.set_string(area.x, grid.row_of(mood), format!("{mood:>3}┤"), theme.muted());
    }
}

/// The reply numbers under the plot, as many as fit with a space between, the
/// last one always.
fn render_turns(grid: &Grid, row: Rect, buf: &mut Buffer, theme: Theme) {
    let mut shown: Vec<(u16, String)> = Vec::new();
    for turn in 0..=grid.last {
        let label = turn.to_string();
        let len = label.len() as u16;
        let x = grid.cell(0, turn, 0).0.min(grid.plot.right().saturating_sub(len));
        if turn == grid.last {
            // The last reply is always named: make room for it.
            while shown.last().is_some_and(|(px, pl)| px + pl.len() as u16 + 1 > x) {
                shown.pop();
            }
        } else if shown.last().is_some_and(|(px, pl)| px + pl.len() as u16 + 1 > x) {
            continue;
        }
        shown.push((x, label));
    }
    for (x, label) in shown {
        buf.set_string(x, row.y, label, theme.muted());
    }
}

fn render_legend(curves: &[(&str, &[i32])], row: Rect, buf: &mut Buffer, theme: Theme) {
    let room = usize::from(row.width.saturating_sub(SCALE)) / curves.len();
    let mut spans = vec![Span::raw(" ".repeat(usize::from(SCALE)))];
    for (index, (label, _)) in curves.iter().enumerate() {
        let label = truncate(&clean_line(label), room.saturating_sub(6));
        spans.push(Span::styled(sample(index), Style::new().fg(color(theme, index))));
        spans.push(Span::styled(format!(" {label}   "), theme.bold()));
    }
    Line::from(spans).render(row, buf);
}

/// Each curve on one line: its label, a bar a reply, the last mood. Marked
/// replies' bars are in reverse video.
fn render_sparklines(curves: &[(&str, &[i32])], marks: &[usize], area: Rect, buf: &mut Buffer, theme: Theme) {
    const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    let label_width = curves.iter().map(|(label, _)| width(&clean_line(label))).max().unwrap_or(0).min(12);
    for (index, (label, moods)) in curves.iter().enumerate().take(usize::from(area.height)) {
        let mut spans = Vec::new();
        if label_width > 0 {
            spans.push(Span::styled(
                format!("{:<label_width$} ", truncate(&clean_line(label), label_width)),
                theme.bold(),
            ));
        }
        let last = moods.last().copied().unwrap_or(0);
        let room = usize::from(area.width).saturating_sub(label_width + 5);
        // The newest replies when not all fit.
        let skip = moods.len().saturating_sub(room);
        for (turn, &mood) in moods.iter().enumerate().skip(skip) {
            let bar = BARS[(mood.clamp(0, 100) as usize * 7 + 50) / 100];
            let style = if marks.contains(&turn) { theme.selected() } else { Style::new().fg(color(theme, index)) };
            spans.push(Span::styled(bar, style));
        }
        spans.push(Span::styled(format!(" {last}"), theme.bold()));
        Line::from(spans).render(Rect { y: area.y + index as u16, height: 1, ..area }, buf);
    }
}

/// The chart as lines of text `width`×`height`, to scroll with the text around it
/// (the debrief does). Drawn by [`render_mood_curves`].
pub fn mood_curve_lines(
    curves: &[(&str, &[i32])],
    marks: &[usize],
    width: u16,
    height: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    render_mood_curves(curves, marks, area, &mut buf, theme);
    (0..height)
        .map(|y| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut x = 0;
            while x < width {
                let cell = &buf[(x, y)];
                let symbol = cell.symbol().to_string();
                let style = cell.style();
                x += (super::text::width(&symbol) as u16).max(1);
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(&symbol),
                    _ => spans.push(Span::styled(symbol, style)),
                }
            }
            Line::from(spans)
        })
        .collect()
}
