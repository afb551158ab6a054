//! The debrief screen: scrolling, a mentor's note on the whole attempt, and mentor
//! undo back into the conversation.

use super::notes::{NoteEdit, NoteField};
use super::{Action, App, PlayScreen, Screen, scroll_by};
use crate::engine::{Debrief, Run};
use crate::progress::{Attempt, Mode, Note};

/// The end of a conversation and what it taught.
#[derive(Debug, Clone)]
pub struct DebriefScreen {
    pub run: Run,
    pub debrief: Debrief,
    /// Why the attempt could not be saved, if it could not.
    pub save_error: Option<String>,
    /// First line of the debrief shown.
    pub scroll: usize,
    pub undos: u32,
    pub saved: Option<String>,
    /// When the conversation began, for the time played if it is resumed by an undo.
    pub started: std::time::Instant,
    /// Whether this attempt passed the scenario (see `Attempt::passed`).
    pub passed: bool,
    /// Titles of the scenarios this attempt's pass unlocked.
    pub unlocked: Vec<String>,
    /// The attempt as recorded (its id is `saved`'s), notes and all: a note added
    /// here is appended to it and the attempt recorded again in its place.
    pub attempt: Attempt,
    /// The note on the whole attempt being typed (`n`, mentor mode).
    pub note_field: Option<NoteField>,
}

impl App {
    pub(super) fn update_debrief(&mut self, mut screen: Box<DebriefScreen>, action: Action) -> Screen {
        if let Some(field) = screen.note_field.as_mut() {
            match field.update(action) {
                NoteEdit::Typing => {}
                NoteEdit::Cancelled => screen.note_field = None,
                NoteEdit::Done(text) => {
                    screen.note_field = None;
                    self.add_attempt_note(&mut screen, text);
                }
            }
            return Screen::Debrief(screen);
        }
        let max = crate::ui::debrief::max_scroll(self, &screen, self.size);
        let page = crate::ui::debrief::page(self.size);
        match action {
            Action::Back | Action::Quit | Action::Select => return Screen::Library,
            Action::Rewind if self.mode == Mode::Mentor && !screen.run.picks().is_empty() => {
                self.status = Some("Took back the last reply. Try another one.".to_string());
                let mut play = PlayScreen::new(screen.run.rewind());
                play.undos = screen.undos + 1;
                play.saved = screen.saved.clone();
                play.started = screen.started;
                play.notes = std::mem::take(&mut screen.attempt.notes);
                return Screen::Play(Box::new(play));
            }
            Action::New => screen.note_field = self.open_note(screen.attempt.notes.len()),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                screen.scroll = scroll_by(screen.scroll, action, page, max);
            }
            _ => {}
        }
        Screen::Debrief(screen)
    }

    /// Adds a note on the whole attempt (at its last reply) and records the attempt
    /// again in place of the one saved: still one attempt.
    fn add_attempt_note(&mut self, screen: &mut DebriefScreen, text: String) {
        let turn = screen.run.picks().len();
        screen.attempt.notes.push(Note { turn, text });
        match self.record(screen.attempt.clone(), screen.saved.clone()) {
            Ok(id) => {
                screen.saved = Some(id);
                screen.save_error = None;
                self.status = Some("Note saved with the attempt.".to_string());
            }
            Err((id, e)) => {
                screen.saved = id.or(screen.saved.take());
                self.status = Some(format!("The note is shown here but could not be saved: {e}"));
                screen.save_error = Some(e);
            }
        }
    }
}
