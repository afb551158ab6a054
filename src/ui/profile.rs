//! Who is playing: a name prompt on first start, a picker when several people share
//! the machine.

use super::text::{clean_line, truncate, width};
use super::{block, centered, frame_areas, hanging, notices_height, render_footer, render_header, render_notices};
use crate::app::{App, ProfileScreen};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget};

pub fn render(app: &App, screen: &ProfileScreen, area: Rect, buf: &mut Buffer) {
    let [header, body, footer] = frame_areas(area);
    let notices = notices_height(app, body.width);
    let [body, notice_area] = body.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(notices)]));
    match screen {
        ProfileScreen::Name { text, error } => {
            render_header(app, "New profile", None, header, buf);
            render_name(app, text, error.as_deref(), body, buf);
            let back = if app.save_file().profiles.is_empty() { "quit" } else { "back" };
            render_footer(app, &[("Enter", "continue"), ("Esc", back), ("F1", "help")], footer, buf);
        }
        ProfileScreen::Pick { selected } => {
            render_header(app, "Profiles", None, header, buf);
            render_pick(app, *selected, body, buf);
            let back = if app.profile_name().is_some() { "back" } else { "quit" };
            render_footer(app, &[("↑↓", "select"), ("Enter", "choose"), ("Esc", back), ("?", "help")], footer, buf);
        }
    }
    render_notices(app, notice_area, buf);
}

fn render_name(app: &App, text: &str, error: Option<&str>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let inner = usize::from(area.width.min(64).saturating_sub(4));
    let intro = if app.save_file().profiles.is_empty() {
        "Welcome! What is your name? Your profile keeps your scores and unlocks the next scenarios."
    } else {
        "What is the new player's name?"
    };
    let mut lines = hanging(Span::raw(""), intro, ratatui::style::Style::new(), inner);
    lines.push(Line::raw(""));
    let label = "Name: ";
    let shown = clean_line(text);
    // Keep the end of a long name visible next to the cursor.
    let room = inner.saturating_sub(width(label) + 1);
    let shown = if width(&shown) > room {
        let skip = shown.chars().count().saturating_sub(room);
        shown.chars().skip(skip).collect()
    } else {
        shown
    };
    lines.push(Line::from(vec![
        Span::styled(label, theme.bold()),
        Span::raw(shown),
        Span::styled(" ", theme.selected()),
    ]));
    if let Some(error) = error {
        lines.push(Line::raw(""));
        lines.extend(hanging(Span::raw(""), error, theme.error(), inner));
    }
    let title = if app.save_file().profiles.is_empty() { "Welcome to Frontline" } else { "New profile" };
    let box_area = centered(area, 64, lines.len() as u16 + 2);
    Paragraph::new(lines).block(block(theme, title).padding(Padding::horizontal(1))).render(box_area, buf);
}

fn render_pick(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let profiles = &app.save_file().profiles;
    let rows = profiles.len() + 1;
    let box_area = centered(area, 50, rows as u16 + 4);
    let inner = usize::from(box_area.width.saturating_sub(4));
    let visible = usize::from(box_area.height.saturating_sub(4)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let mut lines = vec![Line::from(Span::styled("Who is playing?", theme.bold())), Line::raw("")];
    for i in (first..rows).take(visible) {
        let (label, detail) = match profiles.get(i) {
            Some(p) => {
                let n = p.attempts;
                (clean_line(&p.name), format!("{n} attempt{}", if n == 1 { "" } else { "s" }))
            }
            None => ("+ New profile".to_string(), String::new()),
        };
        let marker = if i == selected { "▶ " } else { "  " };
        let name_room = inner.saturating_sub(width(&detail) + 3);
        let name = truncate(&label, name_room);
        let gap = inner.saturating_sub(2 + width(&name) + width(&detail));
        let text = format!("{marker}{name}{}{detail}", " ".repeat(gap));
        let style = if i == selected { theme.selected() } else { ratatui::style::Style::new() };
        lines.push(Line::from(Span::styled(text, style)));
    }
    Paragraph::new(lines).block(block(theme, "Profiles").padding(Padding::horizontal(1))).render(box_area, buf);
}
