//! The end-of-run summary: ending, satisfaction, stars and a score per skill.

use super::rules::Skill;
use super::{MoodEvent, Run};
use crate::scenario::Ending;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkillScore {
    pub skill: Skill,
    /// 0..=100.
    pub score: u8,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Debrief {
    pub ending: Option<Ending>,
    pub start_mood: i32,
    pub final_mood: i32,
    /// 1..=5, the customer's satisfaction rating.
    pub satisfaction: u8,
    /// 0..=3.
    pub stars: u8,
    pub turns: u32,
    pub minutes: u32,
    pub first_contact: bool,
    pub skills: Vec<SkillScore>,
    pub events: Vec<MoodEvent>,
}

/// The 1–5 rating a customer with this final mood would give.
pub fn satisfaction(mood: i32) -> u8 {
    match mood {
        i32::MIN..=20 => 1,
        21..=40 => 2,
        41..=60 => 3,
        61..=80 => 4,
        _ => 5,
    }
}

/// Stars: a walkout earns none; three need the problem solved and a happy customer.
pub fn stars(ending: Option<Ending>, mood: i32) -> u8 {
    match ending {
        None | Some(Ending::Walkout) => 0,
        Some(Ending::Resolved) if mood >= 70 => 3,
        Some(Ending::Resolved) if mood >= 50 => 2,
        Some(Ending::Resolved) => 1,
        Some(_) if mood >= 40 => 1,
        Some(_) => 0,
    }
}

/// "1 reply", "3 replies".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn clamp_score(score: i64) -> u8 {
    score.clamp(0, 100) as u8
}

impl Debrief {
    pub fn of(run: &Run) -> Debrief {
        let state = run.state();
        let scenario = run.scenario();
        let rules = run.rules();
        let first_contact = state.ending == Some(Ending::Resolved) && !state.handed_off;

        let ack = match state.acknowledged_at {
            Some(t) if t <= rules.acknowledge.early_within => {
                (100, "You acknowledged the problem straight away.".to_string())
            }
            Some(t) if t <= rules.acknowledge.late_after => {
                (70, format!("You acknowledged it in reply {t}; the first reply is better."))
            }
            Some(t) => (40, format!("You only acknowledged it in reply {t}.")),
            None => (0, "The problem was never acknowledged.".to_string()),
        };
        let paid = i64::from(state.paid_apologies);
        let empty = i64::from(state.empty_empathy);
        let apology = (
            100 - 25 * paid - 15 * empty,
            match (paid, empty) {
                (0, 0) => "No apology went past the opening.".to_string(),
                (0, _) => format!("{} came with no action.", count(empty, "sympathetic line", "sympathetic lines")),
                _ => format!("{paid} apolog{} past the opening.", if paid == 1 { "y" } else { "ies" }),
            },
        );
        let target = scenario.options.len().min(rules.explore.range_min + 1);
        let explored = state.explored.len();
        let exploration = match (explored * 100).checked_div(target) {
            None => (100, "This scenario has no options to weigh.".to_string()),
            Some(share) => (share as i64, format!("Explored {explored} of {} options.", scenario.options.len())),
        };
        let fcr = match state.ending {
            Some(Ending::Resolved) if first_contact => (100, "Solved in this contact.".to_string()),
            Some(Ending::Resolved) => (50, "Solved, but only after a hand-off.".to_string()),
            Some(Ending::Callback | Ending::Transfer | Ending::Escalated) => {
                (25, "Handed on or put off, so not solved in this contact.".to_string())
            }
            _ => (0, "Not solved.".to_string()),
        };
        let slips = i64::from(state.tone_slips);
        let tone = (
            100 - 25 * slips,
            if slips == 0 {
                "Your tone matched the customer.".to_string()
            } else {
                format!("{} missed the customer's register.", count(slips, "reply", "replies"))
            },
        );
        let slow = i64::from(state.slow_replies);
        let responsive = (
            100 - 30 * slow,
            if slow == 0 {
                "Every reply came within the channel's expected time.".to_string()
            } else {
                format!("{} took longer than the channel allows.", count(slow, "reply", "replies"))
            },
        );
        let skills = Skill::ALL
            .iter()
            .zip([ack, apology, exploration, fcr, tone, responsive])
            .map(|(&skill, (score, comment))| SkillScore { skill, score: clamp_score(score), comment })
            .collect();
        Debrief {
            ending: state.ending,
            start_mood: run.start_mood(),
            final_mood: state.mood,
            satisfaction: satisfaction(state.mood),
            stars: stars(state.ending, state.mood),
            turns: state.turn,
            minutes: state.clock,
            first_contact,
            skills,
            events: run.events().to_vec(),
        }
    }

    pub fn skill(&self, skill: Skill) -> u8 {
        self.skills.iter().find(|s| s.skill == skill).map_or(0, |s| s.score)
    }
}
