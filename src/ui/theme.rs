//! Colours and emphasis in one place. With `NO_COLOR` set, only bold and reverse are
//! used, and nothing on screen depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub const fn colored() -> Theme {
        Theme { color: true }
    }

    /// Bold and reverse only.
    pub const fn plain() -> Theme {
        Theme { color: false }
    }

    pub const fn has_color(self) -> bool {
        self.color
    }

    fn fg(self, color: Color) -> Style {
        if self.color { Style::new().fg(color) } else { Style::new() }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row of a list.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// A key in the footer's key hints.
    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text: hints, locked rows, explanations.
    pub fn muted(self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn customer(self) -> Style {
        self.fg(Color::LightBlue).add_modifier(Modifier::BOLD)
    }

    pub fn agent(self) -> Style {
        self.fg(Color::LightGreen).add_modifier(Modifier::BOLD)
    }

    pub fn narrator(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    /// A reply quoted back in the debrief.
    pub fn quote(self) -> Style {
        self.fg(Color::LightGreen).add_modifier(Modifier::ITALIC)
    }

    pub fn coach(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// A curve on a mood chart: the first and second told apart by colour too
    /// (by their line's shape without colour).
    pub fn curve(self, index: usize) -> Style {
        self.fg(if index == 0 { Color::LightCyan } else { Color::LightMagenta })
    }

    /// A mentor's note: set apart from the conversation it annotates.
    pub fn note(self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::ITALIC)
    }

    pub fn error(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn stars(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// A mood change: gains green, losses red (the sign is always printed too).
    pub fn delta(self, delta: i32) -> Style {
        match delta {
            d if d > 0 => self.fg(Color::Green),
            d if d < 0 => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            _ => Style::new(),
        }
    }

    /// The mood gauge's colour follows the customer's mood band.
    pub fn mood(self, mood: i32) -> Style {
        match mood {
            i32::MIN..=29 => self.fg(Color::Red),
            30..=59 => self.fg(Color::Yellow),
            _ => self.fg(Color::Green),
        }
    }

    /// A skill score bar.
    pub fn score(self, score: u8) -> Style {
        match score {
            0..=49 => self.fg(Color::Red),
            50..=79 => self.fg(Color::Yellow),
            _ => self.fg(Color::Green),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_never_sets_a_colour() {
        let t = Theme::plain();
        let styles = [
            t.title(),
            t.heading(),
            t.selected(),
            t.border(),
            t.key(),
            t.muted(),
            t.customer(),
            t.agent(),
            t.narrator(),
            t.coach(),
            t.note(),
            t.curve(0),
            t.curve(1),
            t.error(),
            t.stars(),
            t.delta(-3),
            t.delta(3),
            t.mood(10),
            t.mood(90),
            t.score(10),
        ];
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }
}
