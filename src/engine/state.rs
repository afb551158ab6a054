//! The state of one run of a scenario.

use crate::scenario::{Ending, Scenario};
use serde::Serialize;
use std::collections::BTreeSet;

/// A fact, option or flag id in a run's state: shared, so copying a state (which
/// the analysis does for every reply of every state) copies no text.
pub type Id = std::sync::Arc<str>;

/// Everything the rules and conditions read. Ordered sets keep runs reproducible.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RunState {
    pub node: String,
    pub mood: i32,
    /// Replies given so far.
    pub turn: u32,
    /// Simulated minutes since the conversation started.
    pub clock: u32,
    pub acknowledged_at: Option<u32>,
    pub apologies: u32,
    /// Apologies that were not the free one in the opening.
    pub paid_apologies: u32,
    pub explored: BTreeSet<Id>,
    pub committed: BTreeSet<Id>,
    pub facts: BTreeSet<Id>,
    /// Desk facts the agent has told the customer (`Tell`).
    pub told: BTreeSet<Id>,
    pub flags: BTreeSet<Id>,
    /// `once` replies already used, as (node, reply index).
    pub used_once: BTreeSet<(String, usize)>,
    /// Bit set of the one-time bonuses already paid.
    pub bonuses_paid: u8,
    /// A transfer or callback happened, so the case was not closed in one contact.
    pub handed_off: bool,
    pub tone_slips: u32,
    pub slow_replies: u32,
    pub empty_empathy: u32,
    pub ending: Option<Ending>,
}

impl RunState {
    /// The state before the first reply, with the given starting mood, not yet in any node.
    pub fn start(scenario: &Scenario, mood: i32) -> RunState {
        RunState {
            node: String::new(),
            mood: mood.clamp(1, 100),
            turn: 0,
            clock: 0,
            acknowledged_at: None,
            apologies: 0,
            paid_apologies: 0,
            explored: BTreeSet::new(),
            committed: BTreeSet::new(),
            facts: scenario.desk.iter().filter(|f| f.shown).map(|f| Id::from(f.id.as_str())).collect(),
            told: BTreeSet::new(),
            flags: BTreeSet::new(),
            used_once: BTreeSet::new(),
            bonuses_paid: 0,
            handed_off: false,
            tone_slips: 0,
            slow_replies: 0,
            empty_empathy: 0,
            ending: None,
        }
    }
}

/// The customer's mood in words, so it never depends on colour alone.
pub fn mood_word(mood: i32) -> &'static str {
    match mood {
        i32::MIN..=0 => "Gone",
        1..=19 => "Furious",
        20..=39 => "Upset",
        40..=59 => "Uneasy",
        60..=79 => "Satisfied",
        _ => "Delighted",
    }
}
