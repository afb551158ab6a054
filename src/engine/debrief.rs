//! The end-of-run summary: ending, satisfaction, stars and a score per skill.

use super::rules::{RuleId, Skill};
use super::step::{MoodChange, fit_of};
use super::{MoodEvent, Run};
use crate::scenario::{Ending, Fit};
use serde::Serialize;

/// A reply the analysis found better than the one given, from the same state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Better {
    /// Index of the reply within its node.
    pub index: usize,
    pub text: String,
    /// The best final mood the conversation can still reach after this reply.
    pub final_mood: i32,
}

/// What the exhaustive analysis says was possible from this run's own start: the
/// yardstick for its stars, and the better reply at each turn where one existed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Judgement {
    /// The best final mood of a resolved conversation from this run's starting mood.
    pub best_possible: Option<i32>,
    /// Per reply given, the better reply from the same state, where the reply given
    /// lowered the best outcome still reachable.
    pub better: Vec<Option<Better>>,
}

/// One reply in the debrief: what was said, what it did, what would have done more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DebriefStep {
    pub turn: u32,
    pub reply: String,
    pub mood_after: i32,
    pub minutes: u32,
    pub events: Vec<MoodChange>,
    pub better: Option<Better>,
}

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
    /// 0..=3, measured against `best_possible`.
    pub stars: u8,
    /// The best final mood a resolved conversation could reach from this start.
    pub best_possible: Option<i32>,
    pub turns: u32,
    pub minutes: u32,
    pub first_contact: bool,
    pub skills: Vec<SkillScore>,
    pub events: Vec<MoodEvent>,
    pub steps: Vec<DebriefStep>,
}

/// The 1–5 rating a customer with this final mood would give. A problem left
/// unsolved rates 3 at most, however pleasant the conversation.
pub fn satisfaction(ending: Option<Ending>, mood: i32) -> u8 {
    let rating = match mood {
        i32::MIN..=20 => 1,
        21..=40 => 2,
        41..=60 => 3,
        61..=80 => 4,
        _ => 5,
    };
    if ending == Some(Ending::Resolved) { rating } else { rating.min(3) }
}

/// How far below the best possible a run may end and still earn 3 (or 2) stars.
pub const THREE_STAR_GAP: i32 = 10;
pub const TWO_STAR_GAP: i32 = 20;

/// Stars measure the trainee against the best conversation possible from the same
/// start, so the dice never decide them: 3 for a resolved conversation within
/// `THREE_STAR_GAP` mood points of the best, 2 within `TWO_STAR_GAP`, else 1. Any
/// other ending earns 1 at most (within `TWO_STAR_GAP`); a walkout none. Without a
/// best to compare with (the analysis stopped at its limit), fixed moods stand in.
pub fn stars(ending: Option<Ending>, mood: i32, best_possible: Option<i32>) -> u8 {
    let gap = best_possible.map(|best| best - mood);
    match (ending, gap) {
        (None | Some(Ending::Walkout), _) => 0,
        (Some(Ending::Resolved), Some(gap)) if gap <= THREE_STAR_GAP => 3,
        (Some(Ending::Resolved), Some(gap)) if gap <= TWO_STAR_GAP => 2,
        (Some(Ending::Resolved), Some(_)) => 1,
        (Some(Ending::Resolved), None) if mood >= 70 => 3,
        (Some(Ending::Resolved), None) if mood >= 50 => 2,
        (Some(Ending::Resolved), None) => 1,
        (Some(_), Some(gap)) => u8::from(gap <= TWO_STAR_GAP),
        (Some(_), None) => u8::from(mood >= 40),
    }
}

/// "“A”, “B” and “C”".
fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\u{201c}{i}\u{201d}")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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
    /// How the conversation ended, in words: a transfer or a walkout is never
    /// called solved.
    pub fn ending_text(&self) -> String {
        match self.ending {
            Some(e) if self.first_contact => format!("{}, in the first contact", e.label()),
            Some(Ending::Resolved) => "Resolved, after a hand-off".to_string(),
            Some(Ending::Walkout) => "The customer walked out: not solved".to_string(),
            Some(e) => format!("{}: not solved in this contact", e.label()),
            None => "Left unfinished".to_string(),
        }
    }

    pub fn of(run: &Run, judgement: &Judgement) -> Debrief {
        let state = run.state();
        let scenario = run.scenario();
        let rules = run.rules();
        let events = run.events();
        let fired = |rule: RuleId| events.iter().filter(|e| e.change.rule == rule).count() as i64;
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
        let fitting: Vec<_> = scenario.options.iter().filter(|o| o.fit.counts()).collect();
        // A customer who weighs a prompt commitment (speed, brevity) is best served
        // by fewer options than one who wants the whole range.
        let hurried = rules.weight(RuleId::PromptCommitment, scenario.customer.values, 100) > 100;
        let wanted = if hurried { rules.explore.prompt_within } else { rules.explore.range_min + 1 };
        let target = fitting.len().min(wanted.max(1));
        let explored = fitting.iter().filter(|o| state.explored.contains(o.id.as_str())).count();
        let missed: Vec<&str> =
            fitting.iter().filter(|o| !state.explored.contains(o.id.as_str())).map(|o| o.label.as_str()).collect();
        let poor: Vec<&str> = state
            .explored
            .iter()
            .filter(|o| fit_of(scenario, o) == Fit::Poor)
            .map(|o| scenario.option(o).map_or(&**o, |o| o.label.as_str()))
            .collect();
        let needless = fired(RuleId::NeedlessQuestion);
        let exploration = match (explored * 100).checked_div(target) {
            None => (100, "This scenario has no options to weigh.".to_string()),
            Some(share) => {
                let mut comment = format!("Explored {explored} of the {} options that fit.", fitting.len());
                if !missed.is_empty() {
                    comment += &format!(" Not offered: {}.", quoted_list(&missed));
                }
                if hurried && explored >= target {
                    comment += &format!(" A customer in a hurry needed no more than {target}.");
                }
                if !poor.is_empty() {
                    comment += &format!(" Offered what doesn't help this customer: {}.", quoted_list(&poor));
                }
                if needless > 0 {
                    comment += &format!(
                        " {} for what the desk already showed.",
                        count(needless, "question asked", "questions asked")
                    );
                }
                (
                    share.min(100) as i64 - 25 * poor.len() as i64 - 15 * fired(RuleId::PoorCommitment) - 15 * needless,
                    comment,
                )
            }
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
        let steps = run
            .turns()
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let turn = k as u32 + 1;
                DebriefStep {
                    turn,
                    reply: t.text.clone(),
                    mood_after: t.mood_after,
                    minutes: t.minutes,
                    events: events.iter().filter(|e| e.turn == turn).map(|e| e.change.clone()).collect(),
                    better: judgement.better.get(k).cloned().flatten(),
                }
            })
            .collect();
        Debrief {
            ending: state.ending,
            start_mood: run.start_mood(),
            final_mood: state.mood,
            satisfaction: satisfaction(state.ending, state.mood),
            stars: stars(state.ending, state.mood, judgement.best_possible),
            best_possible: judgement.best_possible,
            turns: state.turn,
            minutes: state.clock,
            first_contact,
            skills,
            events: events.to_vec(),
            steps,
        }
    }

    pub fn skill(&self, skill: Skill) -> u8 {
        self.skills.iter().find(|s| s.skill == skill).map_or(0, |s| s.score)
    }
}
