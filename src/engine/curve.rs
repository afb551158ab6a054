//! The mood over a conversation, as a curve with a point per reply, and the
//! replies that moved it most: what the debrief's chart draws and marks, and what
//! a comparison of two attempts lays side by side.

use super::Debrief;
use super::rules::RuleId;

/// One reply's net effect on the mood, with the rules that pushed it that way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodMove {
    /// The reply's number, from 1.
    pub turn: u32,
    /// The mood after the reply less the mood before it.
    pub delta: i32,
    /// The rules whose changes went the same way as `delta`, largest first: why it moved.
    pub rules: Vec<RuleId>,
}

impl MoodMove {
    /// The rules behind the move in words, e.g. `extra apology, slow reply`.
    pub fn reason(&self) -> String {
        let labels: Vec<String> = self.rules.iter().map(|r| lower_first(r.label())).collect();
        labels.join(", ")
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The mood before the first reply: the starting mood and whatever the opening
/// (turn 0) did to it.
fn opening_mood(start: i32, events: &[super::MoodEvent]) -> i32 {
    let opening: i32 = events.iter().filter(|e| e.turn == 0).map(|e| e.change.delta).sum();
    (start + opening).clamp(0, 100)
}

impl super::Run {
    /// The mood the trainee faced before the first reply, then the mood after each
    /// reply: entry `n` is the mood after reply `n`. Cheap: no analysis, unlike
    /// the debrief's (which gives the same curve).
    pub fn mood_curve(&self) -> Vec<i32> {
        let mut curve = vec![opening_mood(self.start_mood(), self.events())];
        curve.extend(self.turns().iter().map(|t| t.mood_after));
        curve
    }
}

impl Debrief {
    /// The mood the trainee faced before the first reply (the starting mood and
    /// whatever the opening did to it), then the mood after each reply: entry `n`
    /// is the mood after reply `n`.
    pub fn mood_curve(&self) -> Vec<i32> {
        let mut curve = vec![opening_mood(self.start_mood, &self.events)];
        curve.extend(self.steps.iter().map(|s| s.mood_after));
        curve
    }

    /// The (at most) `n` replies that moved the mood most, largest change first
    /// and, among equal ones, the earlier first. Replies that left the mood where
    /// it was are never among them.
    pub fn largest_moves(&self, n: usize) -> Vec<MoodMove> {
        let curve = self.mood_curve();
        let mut moves: Vec<MoodMove> = self
            .steps
            .iter()
            .zip(curve.windows(2))
            .filter(|(_, pair)| pair[1] != pair[0])
            .map(|(step, pair)| {
                let delta = pair[1] - pair[0];
                let mut pushing: Vec<_> = step.events.iter().filter(|e| e.delta.signum() == delta.signum()).collect();
                pushing.sort_by_key(|e| std::cmp::Reverse(e.delta.abs()));
                let mut rules: Vec<RuleId> = Vec::new();
                for change in pushing {
                    if !rules.contains(&change.rule) {
                        rules.push(change.rule);
                    }
                }
                MoodMove { turn: step.turn, delta, rules }
            })
            .collect();
        moves.sort_by_key(|m| (std::cmp::Reverse(m.delta.abs()), m.turn));
        moves.truncate(n);
        moves
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{DebriefStep, MoodChange, MoodEvent};

    fn change(rule: RuleId, delta: i32) -> MoodChange {
        MoodChange { rule, delta, reason: String::new() }
    }

    fn step(turn: u32, mood_after: i32, events: Vec<MoodChange>) -> DebriefStep {
        DebriefStep { turn, reply: format!("reply {turn}"), mood_after, minutes: 1, events, better: None }
    }

    fn debrief(start: i32, opening: &[i32], steps: Vec<DebriefStep>) -> Debrief {
        Debrief {
            ending: None,
            start_mood: start,
            final_mood: steps.last().map_or(start, |s| s.mood_after),
            satisfaction: 3,
            stars: 0,
            best_possible: None,
            turns: steps.len() as u32,
            minutes: 0,
            first_contact: false,
            skills: Vec::new(),
            events: opening.iter().map(|&d| MoodEvent { turn: 0, change: change(RuleId::Scenario, d) }).collect(),
            steps,
        }
    }

    #[test]
    fn the_curve_starts_where_the_trainee_found_the_customer() {
        let d = debrief(50, &[-5], vec![step(1, 52, vec![]), step(2, 40, vec![])]);
        assert_eq!(d.mood_curve(), [45, 52, 40]);
        assert_eq!(debrief(60, &[], vec![]).mood_curve(), [60]);
    }

    #[test]
    fn the_largest_moves_come_first_whatever_their_sign_and_still_replies_are_left_out() {
        let d = debrief(
            50,
            &[],
            vec![
                step(1, 56, vec![change(RuleId::EarlyAcknowledgment, 6)]),
                step(2, 56, vec![]),
                step(3, 47, vec![change(RuleId::SlowReply, -3), change(RuleId::ExtraApology, -6)]),
                step(4, 56, vec![change(RuleId::OptionExplored, 9)]),
                step(5, 58, vec![change(RuleId::LookUp, 2)]),
            ],
        );
        let moves = d.largest_moves(3);
        let turns: Vec<(u32, i32)> = moves.iter().map(|m| (m.turn, m.delta)).collect();
        assert_eq!(turns, [(3, -9), (4, 9), (1, 6)], "ties go to the earlier reply");
        assert_eq!(moves[0].rules, [RuleId::ExtraApology, RuleId::SlowReply], "largest cause first");
        assert_eq!(moves[0].reason(), "extra apology, slow reply");
        assert_eq!(d.largest_moves(10).len(), 4, "reply 2 moved nothing");
    }

    #[test]
    fn a_reason_names_only_the_rules_that_pushed_the_way_the_mood_went() {
        let d = debrief(
            50,
            &[],
            vec![step(1, 46, vec![change(RuleId::OptionExplored, 4), change(RuleId::PoorOption, -8)])],
        );
        assert_eq!(d.largest_moves(1)[0].rules, [RuleId::PoorOption]);
    }
}
