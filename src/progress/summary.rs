//! What a profile's attempts add up to, kept up to date one attempt at a time: the
//! library, unlocking and the progress screen read this, never the attempts.

use super::{Attempt, Mode, TREND_LENGTH, local_day};
use crate::engine::Skill;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The best played-out attempt at a scenario (see [`Profile::best`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Best {
    pub id: String,
    pub stars: u8,
    pub final_mood: i32,
    pub satisfaction: u8,
    pub date: String,
}

/// One scenario in a profile's history.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRecord {
    /// Every attempt, abandoned ones included.
    pub attempts: usize,
    pub passes: usize,
    /// Reached an ending other than the customer walking out, at least once.
    pub finished: bool,
    pub best: Option<Best>,
}

/// A profile and the sum of its attempts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// A UUID: names the profile's journal, and stays when the name changes.
    pub id: String,
    pub name: String,
    pub created: String,
    /// Every attempt, abandoned ones included.
    pub attempts: usize,
    /// Attempts played out (an ending was reached).
    pub finished: usize,
    pub first_contacts: usize,
    pub passes: usize,
    pub played_secs: u64,
    pub modes: BTreeMap<Mode, usize>,
    pub scenarios: BTreeMap<String, ScenarioRecord>,
    /// Skill scores of the last `TREND_LENGTH` played-out attempts, oldest first.
    pub recent: VecDeque<BTreeMap<Skill, u8>>,
    /// The trainee's local days with at least one attempt.
    pub days: BTreeSet<jiff::civil::Date>,
}

impl Profile {
    pub fn new(id: &str, name: &str, created: &str) -> Profile {
        Profile {
            id: id.to_string(),
            name: name.trim().to_string(),
            created: created.to_string(),
            attempts: 0,
            finished: 0,
            first_contacts: 0,
            passes: 0,
            played_secs: 0,
            modes: BTreeMap::new(),
            scenarios: BTreeMap::new(),
            recent: VecDeque::new(),
            days: BTreeSet::new(),
        }
    }

    /// Counts one more attempt in.
    pub fn add(&mut self, attempt: &Attempt) {
        self.attempts += 1;
        *self.modes.entry(attempt.mode).or_default() += 1;
        self.played_secs = self.played_secs.saturating_add(attempt.played_secs);
        if let Some(day) = local_day(&attempt.date) {
            self.days.insert(day);
        }
        let record = self.scenarios.entry(attempt.scenario.clone()).or_default();
        record.attempts += 1;
        record.finished |= attempt.finished();
        if attempt.passed() {
            record.passes += 1;
            self.passes += 1;
        }
        if attempt.ending.is_none() {
            return;
        }
        self.finished += 1;
        if attempt.first_contact() {
            self.first_contacts += 1;
        }
        self.recent.push_back(attempt.skills.clone());
        while self.recent.len() > TREND_LENGTH {
            self.recent.pop_front();
        }
        // Abandoned attempts never count as best (their mood is only where the
        // player stopped), nor coached ones; among equals the latest wins.
        let better =
            record.best.as_ref().is_none_or(|b| (attempt.stars, attempt.final_mood) >= (b.stars, b.final_mood));
        if attempt.unassisted() && better {
            record.best = Some(Best {
                id: attempt.id.clone(),
                stars: attempt.stars,
                final_mood: attempt.final_mood,
                satisfaction: attempt.satisfaction,
                date: attempt.date.clone(),
            });
        }
    }

    /// The best played-out attempt at a scenario: most stars, then highest final
    /// mood. Abandoned attempts and attempts with undos are left out.
    pub fn best(&self, scenario: &str) -> Option<&Best> {
        self.scenarios.get(scenario)?.best.as_ref()
    }

    /// Attempts at a scenario, abandoned ones included.
    pub fn attempts_at(&self, scenario: &str) -> usize {
        self.scenarios.get(scenario).map_or(0, |r| r.attempts)
    }

    pub fn has_finished(&self, scenario: &str) -> bool {
        self.scenarios.get(scenario).is_some_and(|r| r.finished)
    }

    /// Passed at least once (see [`Attempt::passed`]); what unlocks later scenarios.
    pub fn has_passed(&self, scenario: &str) -> bool {
        self.scenarios.get(scenario).is_some_and(|r| r.passes > 0)
    }

    /// Share of played-out attempts solved in the first contact, as a percentage.
    pub fn first_contact_rate(&self) -> Option<u8> {
        (self.finished > 0).then(|| (self.first_contacts * 100 / self.finished) as u8)
    }
}

/// Every profile on one machine, as the game holds them while it runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveFile {
    pub profiles: Vec<Profile>,
}

impl SaveFile {
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    pub(super) fn profile_mut(&mut self, name: &str) -> Option<&mut Profile> {
        self.profiles.iter_mut().find(|p| p.name == name)
    }

    /// The profile a name belongs to, whatever its case and spacing.
    pub fn same_person_as(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| super::same_person(&p.name, name))
    }
}
