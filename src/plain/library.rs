//! Choosing in plain mode: who plays (the only profile, or typed), and which
//! scenario (the library numbered by track, with locks and best results).

use super::Session;
use crate::app::{display_order, locked_reason, tracks};
use crate::progress::{MAX_NAME_CHARS, Mode, Profile, is_valid_profile_name, tidy_name};
use crate::scenario::Scenario;
use std::io::{BufRead, Write};

/// What the trainee chose in the library.
pub(super) enum Choice {
    Play(Box<Scenario>),
    Quit,
    InputEnded,
}

/// What a mode means, said when it is chosen.
pub(super) fn mode_text(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "Practice mode: the scoring stays hidden until the debrief.",
        Mode::Mentor => {
            "Mentor mode: every mood change is explained as it happens; u takes back a reply, n adds a note."
        }
        Mode::Test => "Test mode: no undo, no coach's notes, no live scoring; the result is the trainee's own.",
    }
}

/// The profile's record at a scenario, in a few words.
fn record(profile: Option<&Profile>, id: &str) -> String {
    let Some(profile) = profile else { return "Not played yet.".to_string() };
    let passed = if profile.has_passed(id) { " Passed." } else { "" };
    match profile.best(id) {
        Some(best) => format!("Best: {} stars of 3, final mood {}.{passed}", best.stars, best.final_mood),
        None if profile.attempts_at(id) > 0 => format!("Played, not finished yet.{passed}"),
        None => "Not played yet.".to_string(),
    }
}

impl<R: BufRead, W: Write> Session<R, W> {
    /// Settles who plays: the profile given, the only one there is, or one the
    /// trainee names (a number from the list, a name there, or a new name, which
    /// starts a profile). `None` when the input ended first.
    pub(super) fn choose_profile(&mut self) -> Option<String> {
        if let Some(name) = &self.profile {
            let name = name.clone();
            self.console.say(&format!("Playing as {name}."));
            return Some(name);
        }
        if let [only] = self.save.profiles.as_slice() {
            let name = only.name.clone();
            self.console.say(&format!("Playing as {name}."));
            self.profile = Some(name.clone());
            return Some(name);
        }
        let question = if self.save.profiles.is_empty() {
            "Your name, to start your profile:"
        } else {
            self.console.say("Profiles on this machine:");
            let names: Vec<String> = self.save.profiles.iter().map(|p| p.name.clone()).collect();
            for (i, name) in names.iter().enumerate() {
                self.console.say(&format!("{}. {name}", i + 1));
            }
            "Type a number, or your name (a new name starts a profile):"
        };
        loop {
            let typed = self.console.ask(question)?;
            match self.profile_named(&typed) {
                Ok(name) => {
                    self.console.say(&format!("Playing as {name}."));
                    self.profile = Some(name.clone());
                    return Some(name);
                }
                Err(refusal) => self.console.say(&refusal),
            }
        }
    }

    /// The profile `typed` names: a number in the list, a profile's name in any
    /// case or spacing (the same person), or a new profile made for it.
    fn profile_named(&mut self, typed: &str) -> Result<String, String> {
        let count = self.save.profiles.len();
        if let Ok(n) = typed.trim().parse::<usize>() {
            return match n.checked_sub(1).and_then(|i| self.save.profiles.get(i)) {
                Some(profile) => Ok(profile.name.clone()),
                None if count == 0 => Err("Type your name; it labels your saved progress.".to_string()),
                None => Err(format!("There is no profile {n}. Type a number from 1 to {count}, or a name.")),
            };
        }
        let name = tidy_name(typed);
        if name.is_empty() {
            return Err("Type a name first; it labels your saved progress.".to_string());
        }
        if !is_valid_profile_name(&name) {
            return Err(format!("A name is 1 to {MAX_NAME_CHARS} printable characters."));
        }
        if let Some(profile) = self.save.same_person_as(&name) {
            return Ok(profile.name.clone());
        }
        match self.store.create_profile(&mut self.save, &name) {
            Ok(()) => {}
            // Playing on without saving: the game has said why at the start.
            Err(crate::progress::ProgressError::ReadOnly(_)) => {}
            Err(e) => self.console.say(&format!("The new profile could not be saved: {e}")),
        }
        Ok(name)
    }

    /// Lists the library and asks for a scenario by number; `m` changes the mode.
    pub(super) fn choose_scenario(&mut self) -> Choice {
        let tracks = tracks(&self.library);
        let order = display_order(&tracks);
        if order.is_empty() {
            self.console.say("There is no scenario to play.");
            return Choice::Quit;
        }
        self.list(&tracks);
        loop {
            let question = format!("Scenario number, 1 to {}, m to change the mode, or q to quit:", order.len());
            let Some(typed) = self.console.ask(&question) else { return Choice::InputEnded };
            let typed = typed.trim().to_lowercase();
            match typed.as_str() {
                "q" | "quit" => return Choice::Quit,
                "m" | "mode" => {
                    self.mode = match self.mode {
                        Mode::Practice => Mode::Mentor,
                        Mode::Mentor => Mode::Test,
                        Mode::Test => Mode::Practice,
                    };
                    self.console.say(mode_text(self.mode));
                    continue;
                }
                "l" | "list" => {
                    self.list(&tracks);
                    continue;
                }
                "" => {
                    self.console.say("Type a scenario number, l to list them again, or q to quit.");
                    continue;
                }
                _ => {}
            }
            let Some(&index) = typed.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|n| order.get(n))
            else {
                self.console.say(&format!(
                    "\u{201c}{typed}\u{201d} is not a scenario number. Type 1 to {}, l to list them again, or q to quit.",
                    order.len()
                ));
                continue;
            };
            let scenario = &self.library.scenarios[index].scenario;
            let profile = self.profile.as_deref().and_then(|n| self.save.profile(n));
            match locked_reason(&self.library, scenario, profile) {
                Some(reason) => self.console.say(&reason),
                None => return Choice::Play(Box::new(scenario.clone())),
            }
        }
    }

    /// The library by track, numbered in playing order, with what is locked and the
    /// profile's best result at each.
    fn list(&mut self, tracks: &[crate::app::Track]) {
        let name = self.profile_name();
        self.console.gap();
        self.console.say(&format!("Scenarios for {name}, in {} mode:", self.mode.name()));
        let mut number = 0;
        for track in tracks {
            self.console.say(&format!("Track: {}.", track.name));
            for &index in &track.scenarios {
                number += 1;
                let scenario = &self.library.scenarios[index].scenario;
                let profile = self.save.profile(&name);
                let state = match locked_reason(&self.library, scenario, profile) {
                    Some(reason) => reason,
                    None => record(profile, &scenario.id),
                };
                self.console.say(&format!(
                    "{number}. {}. {}, difficulty {} of 5. {state}",
                    scenario.title,
                    scenario.channel.label(),
                    scenario.difficulty
                ));
            }
        }
    }
}
