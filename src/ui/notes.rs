//! A mentor's notes as the screens show them, and the field a note is typed in.
//! Shared by every screen that shows an attempt: the conversation, the debrief,
//! and whatever shows a saved attempt again.

use super::text::{clean_line, width};
use super::theme::Theme;
use super::{block, hanging, hint_line};
use crate::app::NoteField;
use crate::progress::{MAX_NOTE_CHARS, Note};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Padding, Paragraph, Widget};

/// What starts a note's first line: `📝 Mentor: `, or without colour (where an
/// emoji's own colours would be out of place) a plain `Note: `.
pub fn note_lead(theme: Theme) -> Span<'static> {
    let text = if theme.has_color() { "📝 Mentor: " } else { "Note: " };
    Span::styled(text, theme.note().add_modifier(Modifier::BOLD))
}

/// The notes written at `turn` (the number of replies given when each was
/// written), in the order written, each wrapped to `width` under its lead.
pub fn note_lines(notes: &[Note], turn: usize, theme: Theme, width: usize) -> Vec<Line<'static>> {
    lines_where(notes, |n| n.turn == turn, theme, width)
}

/// The notes written at `turn` or later: at the end of a conversation, those on
/// replies since taken back as well.
pub fn notes_from(notes: &[Note], turn: usize, theme: Theme, width: usize) -> Vec<Line<'static>> {
    lines_where(notes, |n| n.turn >= turn, theme, width)
}

fn lines_where(notes: &[Note], keep: impl Fn(&Note) -> bool, theme: Theme, width: usize) -> Vec<Line<'static>> {
    chosen_lines(notes.iter().filter(|n| keep(n)), theme, width)
}

/// Notes already chosen (a replay step's, a compared side's), each wrapped to
/// `width` under its lead.
pub fn chosen_lines<'a>(notes: impl IntoIterator<Item = &'a Note>, theme: Theme, width: usize) -> Vec<Line<'static>> {
    notes.into_iter().flat_map(|n| hanging(note_lead(theme), &n.text, theme.note(), width)).collect()
}

/// `lines` moved right by `cols` columns.
pub fn indented(lines: Vec<Line<'static>>, cols: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|mut line| {
            line.spans.insert(0, Span::raw(" ".repeat(cols)));
            line
        })
        .collect()
}

/// The one-line field a note is typed in, in a box over the middle of `area`:
/// `title` on the box, a line saying where the note goes, the text (its end in
/// view), and the count of characters or why Enter was refused.
pub fn render_note_field(theme: Theme, (title, place): (&str, &str), field: &NoteField, area: Rect, buf: &mut Buffer) {
    let outer = area.width.saturating_sub(4).min(72);
    let inner = usize::from(outer.saturating_sub(4));
    let mut lines = hanging(Span::raw(""), place, theme.muted(), inner);
    let prompt = "› ";
    let text = clean_line(&field.text);
    // Keep the end of a long note in view, next to the cursor.
    let room = inner.saturating_sub(width(prompt) + 1);
    let mut shown: String = text.clone();
    while width(&shown) > room {
        shown.remove(0);
    }
    lines.push(Line::from(vec![
        Span::styled(prompt, theme.bold()),
        Span::raw(shown),
        Span::styled(" ", theme.selected()),
    ]));
    match &field.error {
        Some(error) => lines.extend(hanging(Span::raw(""), error, theme.error(), inner)),
        None => {
            let count = format!("{}/{MAX_NOTE_CHARS}", text.chars().count());
            lines.push(Line::from(Span::styled(count, theme.muted())).right_aligned());
        }
    }
    let mut keys = hint_line(theme, &[("Enter", "save"), ("Esc", "cancel")]);
    keys.spans.insert(0, Span::raw(" "));
    keys.spans.push(Span::raw(" "));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = area.centered(Constraint::Length(outer), Constraint::Length(height));
    Clear.render(popup, buf);
    let frame = block(theme, title).padding(Padding::horizontal(1)).title_bottom(keys.right_aligned());
    Paragraph::new(lines).block(frame).render(popup, buf);
}
