//! The debrief screen: scrolling, and mentor undo back into the conversation.

use super::{Action, App, PlayScreen, Screen, scroll_by};
use crate::engine::{Debrief, Run};
use crate::progress::Mode;

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
}

impl App {
    pub(super) fn update_debrief(&mut self, mut screen: Box<DebriefScreen>, action: Action) -> Screen {
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
                return Screen::Play(Box::new(play));
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                screen.scroll = scroll_by(screen.scroll, action, page, max);
            }
            _ => {}
        }
        Screen::Debrief(screen)
    }
}
