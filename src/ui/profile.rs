//! Who is playing: a name prompt on first start, a picker when several people share
//! the machine, with what can be done to a profile (new, rename, delete).

use super::text::{clean_line, truncate, width};
use super::{
    block, centered, frame_areas, hanging, hint_line, notices_height, render_footer, render_header, render_notices,
};
use crate::app::{App, ProfileScreen, attempts_text};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Widget};

pub fn render(app: &App, screen: &ProfileScreen, area: Rect, buf: &mut Buffer) {
    let [header, body, footer] = frame_areas(area);
    let notices = notices_height(app, body.width);
    let [body, notice_area] = body.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(notices)]));
    let first_start = app.save_file().profiles.is_empty();
    match screen {
        ProfileScreen::Name { text, error } => {
            render_header(app, "New profile", None, header, buf);
            let (title, intro) = if first_start {
                (
                    "Welcome to Frontline",
                    "Welcome! What is your name? Your profile keeps your scores and unlocks the next scenarios.",
                )
            } else {
                ("New profile", "What is the new player's name?")
            };
            render_name(app, (title, intro), text, error.as_deref(), body, buf);
            let back = if first_start { "quit" } else { "back" };
            render_footer(app, &[("Enter", "continue"), ("Esc", back), ("F1", "help")], footer, buf);
        }
        ProfileScreen::Rename { from, text, error, .. } => {
            render_header(app, "Rename profile", None, header, buf);
            let intro = format!("A new name for {}:", clean_line(from));
            render_name(app, ("Rename profile", &intro), text, error.as_deref(), body, buf);
            render_footer(app, &[("Enter", "rename"), ("Esc", "back"), ("F1", "help")], footer, buf);
        }
        ProfileScreen::Pick { selected } => {
            render_header(app, "Profiles", None, header, buf);
            render_pick(app, *selected, body, buf);
            render_footer(app, &pick_hints(app), footer, buf);
        }
        ProfileScreen::ConfirmDelete { name, attempts, .. } => {
            render_header(app, "Delete profile", None, header, buf);
            render_confirm_delete(app, name, *attempts, body, buf);
            render_footer(app, &[("y", "delete"), ("n or Esc", "keep it")], footer, buf);
        }
    }
    render_notices(app, notice_area, buf);
}

/// The picker's keys: choosing, then what can be done to the selected profile.
fn pick_hints(app: &App) -> Vec<(&'static str, &'static str)> {
    let back = if app.profile_name().is_some() { "back" } else { "quit" };
    vec![
        ("↑↓", "select"),
        ("Enter", "choose"),
        ("n", "new"),
        ("r", "rename"),
        ("x", "delete"),
        ("Esc", back),
        ("?", "help"),
    ]
}

fn render_name(app: &App, (title, intro): (&str, &str), text: &str, error: Option<&str>, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let inner = usize::from(area.width.min(64).saturating_sub(4));
    let mut lines = hanging(Span::raw(""), intro, Style::new(), inner);
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
        // On one line when it fits, spacing and all: the message may quote a name
        // whose extra spaces are the point.
        let error = clean_line(error);
        if width(&error) <= inner {
            lines.push(Line::from(Span::styled(error, theme.error())));
        } else {
            lines.extend(hanging(Span::raw(""), &error, theme.error(), inner));
        }
    }
    let box_area = centered(area, 64, lines.len() as u16 + 2);
    Paragraph::new(lines).block(block(theme, title).padding(Padding::horizontal(1))).render(box_area, buf);
}

/// "Delete Ann's profile and its 3 attempts?", naming what goes with it.
fn render_confirm_delete(app: &App, name: &str, attempts: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let inner = usize::from(area.width.min(60).saturating_sub(4));
    let name = clean_line(name);
    let (question, lost) = match attempts {
        0 => (format!("Delete {name}'s profile?"), "It has no attempts yet."),
        n => (
            format!("Delete {name}'s profile and {}?", attempts_text(n, "its")),
            "Their scores and what they unlocked go too: this cannot be undone.",
        ),
    };
    let mut lines = hanging(Span::raw(""), &question, theme.bold(), inner);
    lines.extend(hanging(Span::raw(""), lost, Style::new(), inner));
    lines.push(Line::raw(""));
    lines.push(hint_line(theme, &[("y", "delete"), ("n", "keep it")]));
    let box_area = centered(area, 60, lines.len() as u16 + 2);
    Paragraph::new(lines).block(block(theme, "Delete profile").padding(Padding::horizontal(1))).render(box_area, buf);
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
                let count = format!("{n} attempt{}", if n == 1 { "" } else { "s" });
                let playing = app.profile_name() == Some(p.name.as_str());
                (clean_line(&p.name), if playing { format!("playing · {count}") } else { count })
            }
            None => ("+ New profile".to_string(), String::new()),
        };
        let marker = if i == selected { "▶ " } else { "  " };
        let name_room = inner.saturating_sub(width(&detail) + 3);
        let name = truncate(&label, name_room);
        let gap = inner.saturating_sub(2 + width(&name) + width(&detail));
        let text = format!("{marker}{name}{}{detail}", " ".repeat(gap));
        let style = if i == selected { theme.selected() } else { Style::new() };
        lines.push(Line::from(Span::styled(text, style)));
    }
    // What can be done to the selected profile, on the box itself: the footer may
    // be showing a message instead of its hints.
    let mut actions = hint_line(theme, &[("n", "new"), ("r", "rename"), ("x", "delete")]);
    actions.spans.insert(0, Span::raw(" "));
    actions.spans.push(Span::raw(" "));
    let frame = block(theme, "Profiles").padding(Padding::horizontal(1)).title_bottom(actions.right_aligned());
    Paragraph::new(lines).block(frame).render(box_area, buf);
}
