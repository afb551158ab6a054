//! A mentor's note being typed: a one-line field opened with `n` on the play
//! screen and the debrief (mentor mode), checked before it joins the attempt.

use super::Action;
use crate::progress::{MAX_NOTE_CHARS, is_valid_note};

/// The note being typed and, when the last Enter was refused, why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteField {
    pub text: String,
    pub error: Option<String>,
}

/// What a key did to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NoteEdit {
    /// Still typing.
    Typing,
    /// Esc: no note.
    Cancelled,
    /// Enter on a note worth keeping: its text, trimmed.
    Done(String),
}

impl NoteField {
    pub(super) fn update(&mut self, action: Action) -> NoteEdit {
        match action {
            Action::Input(c) => {
                self.error = None;
                let leading_space = c == ' ' && self.text.is_empty();
                if self.text.chars().count() >= MAX_NOTE_CHARS {
                    self.error = Some(format!("A note holds at most {MAX_NOTE_CHARS} characters."));
                } else if !leading_space {
                    // Nothing that could not be shown safely.
                    self.text.push_str(&crate::ui::text::clean_line(&c.to_string()));
                }
            }
            Action::Erase => {
                self.error = None;
                self.text.pop();
            }
            Action::Back => return NoteEdit::Cancelled,
            Action::Select => {
                let text = self.text.trim();
                if is_valid_note(text) {
                    return NoteEdit::Done(text.to_string());
                }
                self.error = Some("Type the note first, or Esc to leave it.".to_string());
            }
            _ => {}
        }
        NoteEdit::Typing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> NoteField {
        let mut field = NoteField::default();
        for c in text.chars() {
            field.update(Action::Input(c));
        }
        field
    }

    #[test]
    fn enter_keeps_the_trimmed_text() {
        let mut field = typed("  ask about the deadline  ");
        assert_eq!(field.text, "ask about the deadline  ", "no leading space");
        assert_eq!(field.update(Action::Select), NoteEdit::Done("ask about the deadline".to_string()));
    }

    #[test]
    fn a_blank_note_is_refused_and_esc_cancels() {
        let mut field = typed("   ");
        assert_eq!(field.update(Action::Select), NoteEdit::Typing);
        assert!(field.error.as_deref().is_some_and(|e| e.contains("Type the note")));
        field.update(Action::Input('a'));
        assert_eq!(field.error, None, "typing clears the refusal");
        assert_eq!(field.update(Action::Back), NoteEdit::Cancelled);
    }

    #[test]
    fn a_note_stops_at_its_longest_and_says_so() {
        let mut field = typed(&"x".repeat(MAX_NOTE_CHARS + 5));
        assert_eq!(field.text.chars().count(), MAX_NOTE_CHARS);
        assert!(field.error.is_some());
        field.update(Action::Erase);
        assert_eq!(field.text.chars().count(), MAX_NOTE_CHARS - 1);
        assert_eq!(field.error, None);
    }

    #[test]
    fn control_and_bidi_characters_never_reach_the_note() {
        let field = typed("a\u{202E}b\u{1b}c");
        assert_eq!(field.text, "abc");
    }
}
