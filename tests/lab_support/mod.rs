//! Shared by the rule tests: rules without persona scaling, a reply builder, playing
//! picks by fragment, and the mood changes one rule made.
#![allow(dead_code)]

use frontline::engine::{MoodEvent, RuleId, Rules, Run};
use frontline::scenario::{Move, Reply, Scenario};

/// Rules without persona scaling, so each rule's own weight shows.
pub fn plain_rules() -> Rules {
    let mut rules = Rules::default();
    rules.traits.clear();
    rules
}

/// A reply with only text, moves and where it leads.
pub fn reply(text: &str, moves: Vec<Move>, next: &str) -> Reply {
    Reply {
        text: text.to_string(),
        moves,
        when: vec![],
        mood: 0,
        minutes: None,
        once: false,
        set: vec![],
        note: None,
        next: next.to_string(),
    }
}

/// Plays `picks` (text fragments) on seed 1.
pub fn play(scenario: Scenario, rules: Rules, picks: &[&str]) -> Run {
    let mut run = Run::new(scenario, rules, 1);
    for p in picks {
        run.pick(p).unwrap_or_else(|e| panic!("pick {p}: {e}"));
    }
    run
}

/// The mood changes `rule` made, in order.
pub fn deltas(run: &Run, rule: RuleId) -> Vec<i32> {
    run.events().iter().filter(|e: &&MoodEvent| e.change.rule == rule).map(|e| e.change.delta).collect()
}
