//! The profile screen's state and keys: pick who plays, or type a new name.

use super::{Action, App, MAX_NAME_CHARS, Screen};

/// The profile screen: pick who plays, or type a new name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileScreen {
    /// Choose among the saved profiles; the row after the last profile is "new profile".
    Pick { selected: usize },
    /// Type a name for a new profile.
    Name { text: String, error: Option<String> },
}

impl App {
    pub(super) fn update_profile(&mut self, screen: ProfileScreen, action: Action) -> Screen {
        match screen {
            ProfileScreen::Pick { selected } => self.update_pick(selected, action),
            ProfileScreen::Name { text, error } => self.update_name(text, error, action),
        }
    }

    fn update_pick(&mut self, selected: usize, action: Action) -> Screen {
        // The last row is "new profile".
        let last = self.save.profiles.len();
        let selected = match action {
            Action::Up => selected.saturating_sub(1),
            Action::Down => (selected + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Select => {
                return match self.save.profiles.get(selected) {
                    Some(profile) => {
                        let name = profile.name.clone();
                        self.use_profile(name)
                    }
                    None => Screen::Profile(ProfileScreen::Name { text: String::new(), error: None }),
                };
            }
            Action::Back | Action::Quit => return self.leave_profile_screen(),
            _ => selected,
        };
        Screen::Profile(ProfileScreen::Pick { selected })
    }

    fn update_name(&mut self, mut text: String, mut error: Option<String>, action: Action) -> Screen {
        match action {
            Action::Input(c) => {
                // No leading space, and nothing that could not be shown safely.
                let leading_space = c == ' ' && text.is_empty();
                if !leading_space && text.chars().count() < MAX_NAME_CHARS {
                    text.push_str(&crate::ui::text::clean_line(&c.to_string()));
                }
                error = None;
            }
            Action::Erase => {
                text.pop();
                error = None;
            }
            Action::Select => {
                let name = text.trim().to_string();
                if name.is_empty() {
                    error = Some("Type a name first (it labels your saved progress).".to_string());
                } else {
                    self.save.profile_mut(&name);
                    if let Err(e) = self.store.save(&self.save) {
                        self.status = Some(format!("Could not save the new profile: {e}"));
                    }
                    return self.use_profile(name);
                }
            }
            Action::Back if self.save.profiles.is_empty() => self.running = false,
            Action::Back => return Screen::Profile(ProfileScreen::Pick { selected: self.save.profiles.len() }),
            _ => {}
        }
        Screen::Profile(ProfileScreen::Name { text, error })
    }

    fn leave_profile_screen(&mut self) -> Screen {
        if self.profile.is_some() {
            Screen::Library
        } else {
            self.running = false;
            Screen::Profile(ProfileScreen::Pick { selected: 0 })
        }
    }

    pub(super) fn use_profile(&mut self, name: String) -> Screen {
        self.profile = Some(name);
        self.selected = self.first_unlocked();
        Screen::Library
    }
}
