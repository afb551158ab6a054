//! The profile screen's state and keys: pick who plays, add, rename and delete
//! profiles. Every change to the profiles goes through the three methods at the
//! end of this file, the only ones here that write the save.

use super::{Action, App, MAX_NAME_CHARS, Screen};
use crate::progress::{is_valid_profile_name, same_person, tidy_name};

/// The profile screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileScreen {
    /// Choose among the saved profiles; the row after the last profile is "new profile".
    Pick { selected: usize },
    /// Type a name for a new profile.
    Name { text: String, error: Option<String> },
    /// Type a new name for the profile `from` (the picker's row `selected`).
    Rename { from: String, text: String, error: Option<String>, selected: usize },
    /// "Delete this profile and its attempts?" is being asked.
    ConfirmDelete { name: String, attempts: usize, selected: usize },
}

const BLANK_NAME: &str = "Type a name first (it labels your saved progress).";

impl App {
    pub(super) fn update_profile(&mut self, screen: ProfileScreen, action: Action) -> Screen {
        match screen {
            ProfileScreen::Pick { selected } => self.update_pick(selected, action),
            ProfileScreen::Name { text, error } => self.update_name(text, error, action),
            ProfileScreen::Rename { from, text, error, selected } => {
                self.update_rename(from, text, error, selected, action)
            }
            ProfileScreen::ConfirmDelete { name, attempts, selected } => {
                self.update_confirm_delete(name, attempts, selected, action)
            }
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
                    None => new_name_prompt(),
                };
            }
            Action::New => return new_name_prompt(),
            Action::Rename => match self.save.profiles.get(selected) {
                Some(profile) => {
                    let from = profile.name.clone();
                    return Screen::Profile(ProfileScreen::Rename { text: from.clone(), from, error: None, selected });
                }
                None => {
                    self.status = Some("Select a profile to rename it (↑↓), or n for a new one.".to_string());
                    selected
                }
            },
            Action::Delete => match self.save.profiles.get(selected) {
                Some(profile) => {
                    let (name, attempts) = (profile.name.clone(), profile.attempts);
                    return Screen::Profile(ProfileScreen::ConfirmDelete { name, attempts, selected });
                }
                None => {
                    self.status = Some("Select a profile to delete it (↑↓).".to_string());
                    selected
                }
            },
            Action::Back | Action::Quit => return self.leave_profile_screen(),
            _ => selected,
        };
        Screen::Profile(ProfileScreen::Pick { selected })
    }

    fn update_name(&mut self, mut text: String, mut error: Option<String>, action: Action) -> Screen {
        if edit_name(&mut text, action) {
            error = None;
        }
        match action {
            Action::Select => match self.create_profile(&text) {
                Ok(name) => return self.use_profile(name),
                Err(refusal) => error = Some(refusal),
            },
            Action::Back if self.save.profiles.is_empty() => self.running = false,
            Action::Back => return Screen::Profile(ProfileScreen::Pick { selected: self.save.profiles.len() }),
            _ => {}
        }
        Screen::Profile(ProfileScreen::Name { text, error })
    }

    fn update_rename(
        &mut self,
        from: String,
        mut text: String,
        mut error: Option<String>,
        selected: usize,
        action: Action,
    ) -> Screen {
        if edit_name(&mut text, action) {
            error = None;
        }
        match action {
            Action::Select => match self.rename_profile(&from, &text) {
                Ok(_) => return Screen::Profile(ProfileScreen::Pick { selected }),
                Err(refusal) => error = Some(refusal),
            },
            Action::Back => return Screen::Profile(ProfileScreen::Pick { selected }),
            _ => {}
        }
        Screen::Profile(ProfileScreen::Rename { from, text, error, selected })
    }

    fn update_confirm_delete(&mut self, name: String, attempts: usize, selected: usize, action: Action) -> Screen {
        match action {
            Action::Yes => {
                self.delete_profile(&name);
                if self.save.profiles.is_empty() {
                    return new_name_prompt();
                }
                Screen::Profile(ProfileScreen::Pick { selected: selected.min(self.save.profiles.len() - 1) })
            }
            Action::No => Screen::Profile(ProfileScreen::Pick { selected }),
            _ => Screen::Profile(ProfileScreen::ConfirmDelete { name, attempts, selected }),
        }
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

    /// Why `typed` cannot name a profile (other than `except`, the one being
    /// renamed): blank, not a name the save can hold, or someone's already (then
    /// with `advice`, what to do instead).
    fn name_refusal(&self, typed: &str, except: Option<&str>, advice: &str) -> Option<String> {
        let name = tidy_name(typed);
        if name.is_empty() {
            return Some(BLANK_NAME.to_string());
        }
        if !is_valid_profile_name(&name) {
            return Some(format!("A name is 1 to {MAX_NAME_CHARS} printable characters."));
        }
        let owner =
            self.save.profiles.iter().find(|p| Some(p.name.as_str()) != except && same_person(&p.name, &name))?;
        Some(format!("'{}' is {}'s profile — {advice}", typed.trim(), owner.name))
    }
}

/// The empty prompt for a new profile's name.
fn new_name_prompt() -> Screen {
    Screen::Profile(ProfileScreen::Name { text: String::new(), error: None })
}

/// Applies a key to a name being typed; whether it changed the text.
fn edit_name(text: &mut String, action: Action) -> bool {
    match action {
        Action::Input(c) => {
            // No leading space, and nothing that could not be shown safely.
            let leading_space = c == ' ' && text.is_empty();
            if !leading_space && text.chars().count() < MAX_NAME_CHARS {
                text.push_str(&crate::ui::text::clean_line(&c.to_string()));
            }
            true
        }
        Action::Erase => {
            text.pop();
            true
        }
        _ => false,
    }
}

/// Every change to the profiles: each applies it to the save in memory and writes
/// the save, reporting a failed write on screen (the change stays in memory).
impl App {
    /// Adds a profile named `typed` (spacing tidied) and returns its name. Refused,
    /// with the message to show, when the name is blank or someone's already: a
    /// name that differs from another only in case or spacing is the same person.
    pub(super) fn create_profile(&mut self, typed: &str) -> Result<String, String> {
        if let Some(refusal) = self.name_refusal(typed, None, "pick it from the list") {
            return Err(refusal);
        }
        let name = tidy_name(typed);
        if let Err(e) = self.store.create_profile(&mut self.save, &name) {
            self.status = Some(format!("Could not save the new profile: {e}"));
        }
        Ok(name)
    }

    /// Renames the profile `from` to `typed` (spacing tidied) and returns the new
    /// name; the game carries on with it if it was the one playing. Refused like
    /// [`App::create_profile`]; changing only the case of one's own name is fine.
    pub(super) fn rename_profile(&mut self, from: &str, typed: &str) -> Result<String, String> {
        if let Some(refusal) = self.name_refusal(typed, Some(from), "choose another name") {
            return Err(refusal);
        }
        let name = tidy_name(typed);
        if name == from {
            return Ok(name);
        }
        if self.save.profile(from).is_none() {
            return Err(format!("There is no profile called {from} any more."));
        }
        let written = self.store.rename_profile(&mut self.save, from, &name);
        if self.profile.as_deref() == Some(from) {
            self.profile = Some(name.clone());
        }
        self.status = Some(match written {
            Ok(()) => format!("Renamed {from} to {name}."),
            Err(e) => format!("Renamed {from} to {name}, but the save could not be written: {e}"),
        });
        Ok(name)
    }

    /// Deletes the profile `name` with all its attempts. If it was the one playing,
    /// nobody is until another is chosen.
    pub(super) fn delete_profile(&mut self, name: &str) {
        let Some(attempts) = self.save.profile(name).map(|p| p.attempts) else { return };
        let written = self.store.delete_profile(&mut self.save, name);
        if self.profile.as_deref() == Some(name) {
            self.profile = None;
        }
        let what = format!("{name}'s profile and {}", attempts_text(attempts, "its"));
        self.status = Some(match written {
            Ok(()) => format!("Deleted {what}."),
            Err(e) => format!("Deleted {what}, but the save could not be written: {e}"),
        });
    }
}

/// `its 3 attempts`, `its 1 attempt`, `no attempts`.
pub(crate) fn attempts_text(n: usize, its: &str) -> String {
    match n {
        0 => "no attempts".to_string(),
        1 => format!("{its} 1 attempt"),
        n => format!("{its} {n} attempts"),
    }
}
