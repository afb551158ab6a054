//! Mood curves on one chart: each attempt's mood before the first reply and after
//! each, as a line of its own marker (`•`, `×`), so the curves are told apart
//! without colour, and a dotted upright where the attempts parted. The legend is
//! written on the chart's top border, where it never hides a point.

use super::super::block;
use super::super::text::width;
use super::super::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

/// One attempt's curve.
#[derive(Debug, Clone)]
pub struct Curve<'a> {
    /// The legend's words for it (`A 3f2a9c1d`), after its marker.
    pub name: String,
    /// Mood before the first reply, then after each.
    pub moods: &'a [i32],
}

/// The marker of each curve in turn: shapes, not colours, tell them apart.
pub const MARKERS: [char; 2] = ['•', '×'];
/// The upright drawn where the attempts parted.
pub const PARTED: char = '┊';

fn curve_style(theme: Theme, i: usize) -> Style {
    if !theme.has_color() {
        return Style::new();
    }
    Style::new().fg(if i == 0 { Color::Cyan } else { Color::Magenta })
}

/// The mood range shown: the curves' own, widened to tens and at least 20 apart,
/// so a small difference between two attempts is still visible.
fn mood_bounds(curves: &[Curve]) -> (i32, i32) {
    let all = curves.iter().flat_map(|c| c.moods.iter().copied());
    let (low, high) = all.fold((100, 0), |(lo, hi), m| (lo.min(m), hi.max(m)));
    if low > high {
        return (0, 100);
    }
    let mut low = (low.clamp(0, 100) / 10) * 10;
    let mut high = ((high.clamp(0, 100) + 9) / 10) * 10;
    if high - low < 20 {
        high = (low + 20).min(100);
        low = high - 20;
    }
    (low, high)
}

/// The legend: `• A 3f2a9c1d  × B 7be01d44  ┊ parted`, or as much as fits.
fn legend(theme: Theme, curves: &[Curve], parted: bool, room: usize) -> Line<'static> {
    let mut items: Vec<(String, Style)> = curves
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("{} {}", MARKERS[i % MARKERS.len()], c.name), curve_style(theme, i).bold()))
        .collect();
    if parted {
        items.push((format!("{PARTED} parted"), theme.muted()));
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 2;
    for (text, style) in items {
        if used + width(&text) + 2 > room {
            break;
        }
        used += width(&text) + 2;
        spans.push(Span::styled(text, style));
        spans.push(Span::raw("  "));
    }
    spans.pop();
    spans.push(Span::raw(" "));
    Line::from(spans).right_aligned()
}

/// Draws `curves` over the replies, with the upright after `parted` shared
/// replies when the attempts went different ways.
pub fn render(theme: Theme, curves: &[Curve], parted: Option<usize>, area: Rect, buf: &mut Buffer) {
    let frame = block(theme, "Mood, reply by reply");
    let inner_width = usize::from(frame.inner(area).width);
    let frame = frame.title(legend(theme, curves, parted.is_some(), inner_width.saturating_sub(24)));
    let replies = curves.iter().map(|c| c.moods.len().saturating_sub(1)).max().unwrap_or(0).max(1);
    let (low, high) = mood_bounds(curves);
    let points: Vec<Vec<(f64, f64)>> =
        curves.iter().map(|c| c.moods.iter().enumerate().map(|(x, &m)| (x as f64, f64::from(m))).collect()).collect();
    let upright: Vec<(f64, f64)> =
        parted.map(|x| vec![(x as f64, f64::from(low)), (x as f64, f64::from(high))]).unwrap_or_default();
    // The upright first, so the curves are drawn over it.
    let mut datasets = vec![
        Dataset::default()
            .name(format!("{PARTED} parted"))
            .marker(Marker::Custom(PARTED))
            .graph_type(GraphType::Line)
            .style(theme.muted())
            .data(&upright),
    ];
    for (i, (curve, data)) in curves.iter().zip(&points).enumerate() {
        datasets.push(
            Dataset::default()
                .name(format!("{} {}", MARKERS[i % MARKERS.len()], curve.name))
                .marker(Marker::Custom(MARKERS[i % MARKERS.len()]))
                .graph_type(GraphType::Line)
                .style(curve_style(theme, i))
                .data(data),
        );
    }
    let x_labels = vec![Span::raw("start"), Span::raw(format!("reply {replies}"))];
    let y_labels: Vec<Span> = [low, (low + high) / 2, high].iter().map(|m| Span::raw(format!("{m:>3}"))).collect();
    Chart::new(datasets)
        .block(frame)
        .legend_position(None)
        .x_axis(Axis::default().bounds([0.0, replies as f64]).labels(x_labels).style(theme.muted()))
        .y_axis(Axis::default().bounds([f64::from(low), f64::from(high)]).labels(y_labels).style(theme.muted()))
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(moods: &[i32]) -> Curve<'_> {
        Curve { name: "A".into(), moods }
    }

    #[test]
    fn the_range_is_the_curves_own_in_tens_and_at_least_twenty() {
        assert_eq!(mood_bounds(&[curve(&[52, 61, 84])]), (50, 90));
        assert_eq!(mood_bounds(&[curve(&[55, 57])]), (50, 70));
        assert_eq!(mood_bounds(&[curve(&[95, 99])]), (80, 100));
        assert_eq!(mood_bounds(&[curve(&[0, 3]), curve(&[])]), (0, 20));
        assert_eq!(mood_bounds(&[]), (0, 100));
    }

    #[test]
    fn each_curve_is_drawn_in_its_own_marker() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 14));
        let (a, b) = ([50, 60, 70], [50, 40, 30]);
        let curves = [curve(&a), Curve { name: "B".into(), moods: &b }];
        render(Theme::plain(), &curves, Some(0), buf.area, &mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        for mark in ["•", "×", "┊", "• A", "× B", "┊ parted"] {
            assert!(text.contains(mark), "{mark} missing");
        }
    }
}
