//! The library screen: moving through the scenarios, the mode, and starting one.

use super::{Action, App, PlayScreen, ProfileScreen, Screen, is_locked, locked_reason};
use crate::engine::Run;
use crate::progress::Mode;

impl App {
    pub(super) fn update_library(&mut self, action: Action) -> Screen {
        let last = self.order.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(5),
            Action::PageDown => self.selected = (self.selected + 5).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Select => return self.start_selected(),
            Action::Back | Action::Quit => self.running = false,
            Action::ToggleMode => {
                self.mode = match self.mode {
                    Mode::Practice => Mode::Mentor,
                    Mode::Mentor => Mode::Test,
                    Mode::Test => Mode::Practice,
                };
                self.status = Some(
                    match self.mode {
                        Mode::Mentor => "Mentor mode: every mood change is explained as it happens; u undoes a reply.",
                        Mode::Practice => "Practice mode: scoring stays hidden until the debrief.",
                        // Short enough for an 80-column footer.
                        Mode::Test => "Test mode: no undo, no coach's note, no live scoring: the trainee's own result.",
                    }
                    .to_string(),
                );
            }
            Action::Progress => return self.open_progress(),
            Action::SwitchProfile => {
                let current = self.profile.as_ref().and_then(|n| self.save.profiles.iter().position(|p| &p.name == n));
                return Screen::Profile(ProfileScreen::Pick { selected: current.unwrap_or(0) });
            }
            _ => {}
        }
        Screen::Library
    }

    fn start_selected(&mut self) -> Screen {
        let Some(&index) = self.order.get(self.selected) else {
            self.status = Some("There is no scenario to play.".to_string());
            return Screen::Library;
        };
        let scenario = &self.library.scenarios[index].scenario;
        if let Some(reason) = locked_reason(&self.library, scenario, self.profile()) {
            self.status = Some(reason);
            return Screen::Library;
        }
        let seed = self.seed.unwrap_or_else(rand::random);
        let run = Run::new(scenario.clone(), self.rules.clone(), seed);
        // Notices are shown once, until the first conversation starts.
        self.notices.clear();
        self.after_reply(PlayScreen::new(run))
    }

    /// The first scenario in display order the profile may play.
    pub(super) fn first_unlocked(&self) -> usize {
        let profile = self.profile();
        self.order.iter().position(|&i| !is_locked(&self.library.scenarios[i].scenario, profile)).unwrap_or(0)
    }
}
