//! Drawing. Every function here only reads the [`App`]; one module per screen, plus
//! the theme, text helpers and the mood gauge widget.

pub mod compare;
pub mod debrief;
pub mod help;
pub mod history;
pub mod library;
pub mod mood_curve;
pub mod mood_gauge;
pub mod notes;
pub mod play;
pub mod profile;
pub mod progress;
pub mod replay;
pub mod text;
pub mod theme;

use crate::app::{App, Screen};
use crate::progress::Mode;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use text::{clean_line, truncate, width};
use theme::Theme;

/// Below this size the game asks for a bigger terminal instead of drawing a screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self.theme(), area, buf);
            return;
        }
        match self.screen() {
            Screen::Profile(screen) => profile::render(self, screen, area, buf),
            Screen::Library => library::render(self, area, buf),
            Screen::Play(screen) => play::render(self, screen, area, buf),
            Screen::Debrief(screen) => debrief::render(self, screen, area, buf),
            Screen::Progress(screen) => progress::render(self, screen, area, buf),
            Screen::History(screen) => history::render(self, screen, area, buf),
            Screen::Replay(screen) => replay::render(self, screen, area, buf),
            Screen::Compare(screen) => compare::render(self, screen, area, buf),
        }
        if let Some(scroll) = self.help() {
            help::render(self, scroll, area, buf);
        }
    }
}

/// The three rows every screen has: a one-line header, the body, a one-line footer.
pub(crate) fn frame_areas(area: Rect) -> [Rect; 3] {
    area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]))
}

pub(crate) fn mode_label(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "Practice mode",
        Mode::Mentor => "Mentor mode",
        Mode::Test => "Test mode",
    }
}

/// `Frontline · <what>` on the left; the profile, the mode and `extra` on the right.
/// When space is short the right side drops `extra`, then the profile, but always
/// keeps the mode.
pub(crate) fn render_header(app: &App, what: &str, extra: Option<String>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let total = usize::from(area.width);
    let what = clean_line(what);
    let full = format!("Frontline · {what}");
    let mode = mode_label(app.mode());
    let name = app.profile_name().map(clean_line);
    let mut candidates = Vec::new();
    let with_name = |parts: &[&str]| -> String {
        name.iter().map(String::as_str).chain(parts.iter().copied()).collect::<Vec<_>>().join(" · ")
    };
    if let Some(extra) = &extra {
        candidates.push(with_name(&[mode, extra]));
    }
    candidates.push(with_name(&[mode]));
    candidates.push(mode.to_string());
    let left_min = width(&what).min(16);
    let right = candidates
        .into_iter()
        .find(|c| width(c) + 2 + left_min <= total)
        .unwrap_or_else(|| mode.split(' ').next().unwrap_or(mode).to_string());
    let room = total.saturating_sub(width(&right) + 2);
    let left = if width(&full) <= room { full } else { truncate(&what, room) };
    let [l, r] = area.layout(&Layout::horizontal([Constraint::Length(room as u16), Constraint::Min(0)]));
    Line::from(Span::styled(left, theme.title())).render(l, buf);
    Line::from(Span::styled(right, theme.bold())).right_aligned().render(r, buf);
}

/// Key hints (`key`, `what it does`), or the status message when there is one.
pub(crate) fn render_footer(app: &App, hints: &[(&str, &str)], area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    if let Some(status) = app.status() {
        Line::from(Span::styled(clean_line(status), theme.bold())).render(area, buf);
        return;
    }
    // Whole hints only: those that do not fit are left out, not cut mid-word.
    let mut used = 0;
    let fitting: Vec<(&str, &str)> = hints
        .iter()
        .copied()
        .take_while(|(key, what)| {
            used += width(key) + 1 + width(what) + if used == 0 { 0 } else { 2 };
            used <= usize::from(area.width)
        })
        .collect();
    hint_line(theme, &fitting).render(area, buf);
}

pub(crate) fn hint_line(theme: Theme, hints: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (key, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::styled(format!(" {what}"), theme.muted()));
    }
    Line::from(spans)
}

/// A bordered block with a bold title.
pub(crate) fn block(theme: Theme, title: &str) -> Block<'static> {
    Block::bordered()
        .border_style(theme.border())
        .title(Line::from(Span::styled(format!(" {} ", clean_line(title)), theme.heading())))
}

/// Renders `lines` in `frame` from line `scroll` on (held back so the panel stays
/// full), marking the bottom border with `below` when more lies below and with
/// `above`, if given, when more lies above. Debrief, desk view and help share it.
pub(crate) fn render_scrolled(
    theme: Theme,
    mut frame: Block<'static>,
    lines: Vec<Line<'_>>,
    scroll: usize,
    (below, above): (&str, Option<&str>),
    area: Rect,
    buf: &mut Buffer,
) {
    let height = usize::from(frame.inner(area).height);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    if scroll + height < lines.len() {
        frame = frame.title_bottom(Line::from(Span::styled(below.to_string(), theme.muted())));
    }
    if let Some(above) = above.filter(|_| scroll > 0) {
        frame = frame.title_bottom(Line::from(Span::styled(above.to_string(), theme.muted())).right_aligned());
    }
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    Paragraph::new(shown).block(frame).render(area, buf);
}

/// Wrapped lines of `text` in `style`, the first line starting with `first` and
/// later ones indented to line up under it.
pub(crate) fn hanging(first: Span<'static>, text: &str, style: Style, max: usize) -> Vec<Line<'static>> {
    let indent = width(&first.content);
    let body = text::wrap(&text::clean(text), max.saturating_sub(indent).max(1));
    let mut lines = Vec::with_capacity(body.len());
    for (i, part) in body.into_iter().enumerate() {
        let lead = if i == 0 { first.clone() } else { Span::raw(" ".repeat(indent)) };
        lines.push(Line::from(vec![lead, Span::styled(part, style)]));
    }
    lines
}

/// Notices from start-up (a save kept aside, scenario files with errors).
pub(crate) fn notices_height(app: &App, width: u16) -> u16 {
    if app.notices().is_empty() {
        return 0;
    }
    let inner = usize::from(width.saturating_sub(2));
    let lines: usize = app.notices().iter().map(|n| text::wrap(&text::clean(n), inner).len()).sum();
    (lines as u16 + 2).min(8)
}

pub(crate) fn render_notices(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let mut lines: Vec<Line> = app
        .notices()
        .iter()
        .flat_map(|n| hanging(Span::raw(""), n, theme.error(), usize::from(area.width.saturating_sub(2))))
        .collect();
    let room = usize::from(area.height.saturating_sub(2));
    if lines.len() > room && room > 0 {
        lines.truncate(room - 1);
        lines.push(Line::from(Span::styled("… and more: `frontline check` lists every problem.", theme.bold())));
    }
    Paragraph::new(lines).block(block(theme, "Notice")).render(area, buf);
}

fn too_small(theme: Theme, area: Rect, buf: &mut Buffer) {
    let size = format!("{}×{}: please resize to at least {MIN_WIDTH}×{MIN_HEIGHT}.", area.width, area.height);
    let parts =
        [("Terminal too small", theme.error()), (size.as_str(), Style::new()), ("Ctrl-C quits.", theme.muted())];
    let lines: Vec<Line> = parts
        .iter()
        .flat_map(|(part, style)| {
            text::wrap(part, usize::from(area.width)).into_iter().map(|l| Line::styled(l, *style))
        })
        .collect();
    let height = (lines.len() as u16).min(area.height);
    Paragraph::new(lines).centered().render(area.centered_vertically(Constraint::Length(height)), buf);
}

/// A rectangle of at most `w`×`h` in the middle of `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    area.centered(Constraint::Length(w.min(area.width)), Constraint::Length(h.min(area.height)))
}

/// `★★☆` for 2 of 3 stars.
pub(crate) fn stars(n: u8) -> String {
    let n = usize::from(n.min(3));
    format!("{}{}", "★".repeat(n), "☆".repeat(3 - n))
}
