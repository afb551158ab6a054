//! The customer's mood as a bar with its number and its word, so it never depends on
//! colour alone: `██████░░░░░░ 45 Uneasy (+6)`.

use super::text::{bar, width};
use super::theme::Theme;
use crate::engine::mood_word;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodGauge {
    mood: i32,
    delta: Option<i32>,
    theme: Theme,
}

impl MoodGauge {
    /// A gauge for `mood`, kept within 0..=100.
    pub fn new(mood: i32) -> MoodGauge {
        MoodGauge { mood: mood.clamp(0, 100), delta: None, theme: Theme::plain() }
    }

    /// The change the last reply made, shown after the word.
    pub fn delta(mut self, delta: Option<i32>) -> MoodGauge {
        self.delta = delta.filter(|d| *d != 0);
        self
    }

    pub fn theme(mut self, theme: Theme) -> MoodGauge {
        self.theme = theme;
        self
    }

    /// The text after the bar: `45 Uneasy (+6)`.
    pub fn label(&self) -> Vec<Span<'static>> {
        let mut spans =
            vec![Span::styled(format!("{} {}", self.mood, mood_word(self.mood)), self.theme.mood(self.mood).bold())];
        if let Some(d) = self.delta {
            spans.push(Span::styled(format!(" ({d:+})"), self.theme.delta(d)));
        }
        spans
    }
}

impl Widget for MoodGauge {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let label = self.label();
        let label_width: usize = label.iter().map(|s| width(&s.content)).sum();
        let cells = (area.width as usize).saturating_sub(label_width + 1).min(30);
        let mut spans = Vec::new();
        if cells >= 4 {
            let (full, empty) = bar(self.mood as u32, 100, cells);
            spans.push(Span::styled(full, self.theme.mood(self.mood)));
            spans.push(Span::styled(empty, self.theme.muted()));
            spans.push(Span::raw(" "));
        }
        spans.extend(label);
        Line::from(spans).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(gauge: MoodGauge, w: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, 1));
        gauge.render(buf.area, &mut buf);
        buf.content.iter().map(|c| c.symbol()).collect::<String>().trim_end().to_string()
    }

    #[test]
    fn shows_bar_number_and_word() {
        assert_eq!(rendered(MoodGauge::new(50), 20), "█████░░░░░ 50 Uneasy");
    }

    #[test]
    fn shows_the_last_change_with_its_sign() {
        assert_eq!(rendered(MoodGauge::new(41).delta(Some(-6)), 30), "██████░░░░░░░░░ 41 Uneasy (-6)");
        assert_eq!(rendered(MoodGauge::new(41).delta(Some(0)), 9), "41 Uneasy");
    }

    #[test]
    fn clamps_the_mood_and_drops_the_bar_when_narrow() {
        assert_eq!(rendered(MoodGauge::new(150), 13), "100 Delighted");
        assert_eq!(rendered(MoodGauge::new(-5), 7), "0 Gone");
    }
}
