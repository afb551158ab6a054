//! One reply's effect on a run's state: the rules applied in a fixed order. Pure
//! logic shared by a played run and by the exhaustive analysis of `frontline check`.

use super::rules::{RuleId, Rules};
use super::state::{Id, RunState};
use crate::scenario::{Condition, Ending, Fit, Fluency, Move, Node, Register, Reply, Scenario};

/// One mood change and why it happened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MoodChange {
    pub rule: RuleId,
    /// The change actually applied, after keeping mood within 0..=100.
    pub delta: i32,
    pub reason: String,
}

/// Bonus moves that pay only the first time they are used in a run, so a loop
/// cannot farm mood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum OneTimeBonus {
    Probe = 1,
    Consult = 2,
    Personalize = 4,
    ExtraMile = 8,
}

pub fn conditions_hold(state: &RunState, conditions: &[Condition]) -> bool {
    conditions.iter().all(|c| match c {
        Condition::Knows(f) => state.facts.contains(f.as_str()),
        Condition::Explored(o) => state.explored.contains(o.as_str()),
        Condition::Flag(f) => state.flags.contains(f.as_str()),
        Condition::NotFlag(f) => !state.flags.contains(f.as_str()),
        Condition::MoodAtLeast(n) => state.mood >= *n,
        Condition::MoodBelow(n) => state.mood < *n,
        Condition::Told(f) => state.told.contains(f.as_str()),
    })
}

/// Whether reply `index` of the current node can be picked now.
pub fn reply_available(scenario: &Scenario, state: &RunState, index: usize) -> bool {
    scenario.node(&state.node).is_some_and(|node| reply_available_in(node, state, index))
}

/// `reply_available` for the node the state is at, already looked up (the analysis
/// asks this for every reply of every state).
pub fn reply_available_in(node: &Node, state: &RunState, index: usize) -> bool {
    let Some(reply) = node.replies.get(index) else { return false };
    state.ending.is_none()
        && conditions_hold(state, &reply.when)
        && !(reply.once && state.used_once.contains(&(state.node.clone(), index)))
}

struct Changes<'a> {
    rules: &'a Rules,
    scenario: &'a Scenario,
    state: &'a mut RunState,
    out: Vec<MoodChange>,
    /// Whether to write reasons (false for the analysis, which only needs the mood).
    explain: bool,
}

impl Changes<'_> {
    /// Applies `points` (already signed) scaled by the customer's values.
    fn apply(&mut self, rule: RuleId, points: i32, reason: impl FnOnce() -> String) {
        let scaled = self.rules.weight(rule, self.scenario.customer.values, points);
        self.raw(rule, scaled, reason);
    }

    /// Applies `points` as they are. The reason is only written when someone will
    /// read it: the exhaustive analysis runs millions of steps and needs none.
    fn raw(&mut self, rule: RuleId, points: i32, reason: impl FnOnce() -> String) {
        if points == 0 {
            return;
        }
        let before = self.state.mood;
        self.state.mood = (before + points).clamp(0, 100);
        if self.explain {
            // Listed even when the 0..=100 bounds swallow it: every skill score must be
            // explained by an event the debrief shows.
            let mut reason = reason();
            if self.state.mood == before {
                reason += &format!(" (No effect on the mood, which was already at {before}.)");
            }
            self.out.push(MoodChange { rule, delta: self.state.mood - before, reason });
        }
    }

    fn one_time(&mut self, bonus: OneTimeBonus, rule: RuleId, points: i32, reason: &str) {
        if self.state.bonuses_paid & bonus as u8 == 0 {
            self.state.bonuses_paid |= bonus as u8;
            self.apply(rule, points, || reason.to_string());
        }
    }
}

/// Applies reply `index` of the current node: its moves, the scenario's own mood
/// change, the clock, then moves on to the next node (or an ending).
pub fn apply_reply(scenario: &Scenario, rules: &Rules, state: &mut RunState, index: usize) -> Vec<MoodChange> {
    step(scenario, rules, state, index, true)
}

/// `apply_reply` without writing reasons: the same state, much less work.
pub fn apply_reply_silently(scenario: &Scenario, rules: &Rules, state: &mut RunState, index: usize) {
    step(scenario, rules, state, index, false);
}

fn step(scenario: &Scenario, rules: &Rules, state: &mut RunState, index: usize, explain: bool) -> Vec<MoodChange> {
    let Some(reply) = scenario.node(&state.node).and_then(|n| n.replies.get(index)) else {
        return Vec::new();
    };
    let turn = state.turn.saturating_add(1);
    let mut c = Changes { rules, scenario, state, out: Vec::new(), explain };
    let clock = rules.clock(scenario.channel);
    let mut minutes = reply.minutes.unwrap_or(clock.default_minutes);
    minutes = minutes.saturating_add(moves_effect(&mut c, reply, turn));

    if reply.mood != 0 {
        let reason = || reply.note.clone().unwrap_or_else(|| "This customer reacted to that reply.".to_string());
        c.raw(RuleId::Scenario, reply.mood, reason);
    }
    if minutes > clock.expected_minutes {
        c.state.slow_replies = c.state.slow_replies.saturating_add(1);
        c.apply(RuleId::SlowReply, -rules.slow_reply, || {
            format!(
                "That reply took {} where customers on {} expect an answer within {}.",
                minutes_text(minutes),
                scenario.channel.medium(),
                minutes_text(clock.expected_minutes)
            )
        });
    }
    let state = &mut *c.state;
    state.clock = state.clock.saturating_add(minutes);
    state.turn = turn;
    for flag in &reply.set {
        if !state.flags.contains(flag.as_str()) {
            state.flags.insert(Id::from(flag.as_str()));
        }
    }
    if reply.once {
        state.used_once.insert((state.node.clone(), index));
    }
    let mut out = c.out;
    if state.mood == 0 {
        state.ending = Some(Ending::Walkout);
        return out;
    }
    out.extend(enter(scenario, rules, state, &reply.next, explain));
    out
}

/// Moves to `node_id`, following branches, and applies the end-of-conversation
/// rules if it is an ending.
pub fn enter_node(scenario: &Scenario, rules: &Rules, state: &mut RunState, node_id: &str) -> Vec<MoodChange> {
    enter(scenario, rules, state, node_id, true)
}

fn enter(scenario: &Scenario, rules: &Rules, state: &mut RunState, node_id: &str, explain: bool) -> Vec<MoodChange> {
    let mut target = node_id;
    let mut arrived = scenario.node(target);
    // Branches are followed at most once per node, so a branch cycle cannot hang.
    for _ in 0..=scenario.nodes.len() {
        let Some(node) = arrived else { break };
        match node.branch.iter().find(|b| conditions_hold(state, &b.when)) {
            Some(branch) if branch.goto != target => {
                target = &branch.goto;
                arrived = scenario.node(target);
            }
            _ => break,
        }
    }
    // Reuses the string's buffer: the analysis enters millions of nodes.
    state.node.clear();
    state.node.push_str(target);
    let Some(ending) = arrived.and_then(|n| n.end) else {
        return Vec::new();
    };
    state.ending = Some(ending);
    let mut c = Changes { rules, scenario, state, out: Vec::new(), explain };
    if c.state.acknowledged_at.is_none() {
        c.apply(RuleId::NoAcknowledgment, -rules.acknowledge.never_penalty, || {
            "The conversation ended without the problem ever being acknowledged.".into()
        });
    }
    if ending == Ending::Resolved && !c.state.handed_off {
        c.apply(RuleId::FirstContactResolution, rules.first_contact_resolution, || {
            "Solved in this contact, with no transfer or callback.".into()
        });
    }
    c.out
}

/// Applies each move of a reply; returns extra minutes the moves wasted.
fn moves_effect(c: &mut Changes, reply: &Reply, turn: u32) -> u32 {
    let rules = c.rules;
    let customer = &c.scenario.customer;
    let mut wasted: u32 = 0;
    // A stock phrase is not heard as understanding or as a real question.
    let scripted = reply.moves.contains(&Move::Scripted);
    for mv in &reply.moves {
        match mv {
            Move::Acknowledge => {
                if c.state.acknowledged_at.is_none() && !scripted {
                    c.state.acknowledged_at = Some(turn);
                    let ack = &rules.acknowledge;
                    if turn <= ack.early_within {
                        c.apply(RuleId::EarlyAcknowledgment, ack.early_bonus, || {
                            "Acknowledged the problem in the first reply.".into()
                        });
                    } else if turn > ack.late_after {
                        c.apply(RuleId::LateAcknowledgment, -ack.late_penalty, || {
                            format!("The problem was only acknowledged in reply {turn}.")
                        });
                    }
                }
            }
            Move::Apologize => {
                c.state.apologies = c.state.apologies.saturating_add(1);
                let free = rules.apology.free_in_opening && turn == 1 && c.state.apologies == 1;
                if !free {
                    c.state.paid_apologies = c.state.paid_apologies.saturating_add(1);
                    let n = i32::try_from(c.state.paid_apologies).unwrap_or(i32::MAX);
                    let cost = rules.apology.first_cost.saturating_add(rules.apology.step.saturating_mul(n - 1));
                    wasted = wasted.saturating_add(rules.apology.wasted_minutes);
                    let apologies = c.state.apologies;
                    c.apply(RuleId::ExtraApology, -cost, || {
                        format!("Apology {apologies} went past the opening; each one costs more than the last.")
                    });
                }
            }
            Move::Empathize => {}
            Move::Probe if !scripted => {
                c.one_time(OneTimeBonus::Probe, RuleId::Probe, rules.probe, "A question that gets to the real need.")
            }
            Move::Probe => {}
            Move::Ask(fact) => {
                let scenario = c.scenario;
                let label = || scenario.fact(fact).map_or(fact.as_str(), |f| f.label.as_str()).to_string();
                if c.state.facts.contains(fact.as_str()) {
                    c.apply(RuleId::NeedlessQuestion, -rules.needless_question, || {
                        format!("Asked the customer for \"{}\", which the desk already shows.", label())
                    });
                } else {
                    c.state.facts.insert(Id::from(fact.as_str()));
                    if !scripted && c.state.bonuses_paid & OneTimeBonus::Probe as u8 == 0 {
                        c.state.bonuses_paid |= OneTimeBonus::Probe as u8;
                        c.apply(RuleId::Probe, rules.probe, || {
                            format!("Asked for \"{}\", which the desk could not show.", label())
                        });
                    }
                }
            }
            Move::Tell(fact) => {
                if c.state.facts.contains(fact.as_str()) && !c.state.told.contains(fact.as_str()) {
                    c.state.told.insert(Id::from(fact.as_str()));
                    let scenario = c.scenario;
                    c.apply(RuleId::KeptInformed, rules.tell, || {
                        let label = scenario.fact(fact).map_or(fact.as_str(), |f| f.label.as_str());
                        format!("Told the customer what the desk shows: \"{label}\".")
                    });
                }
            }
            Move::LookUp(fact) => {
                if !c.state.facts.contains(fact.as_str()) {
                    c.state.facts.insert(Id::from(fact.as_str()));
                    let scenario = c.scenario;
                    c.apply(RuleId::LookUp, rules.look_up, || {
                        let label = scenario.fact(fact).map_or(fact.as_str(), |f| f.label.as_str());
                        format!("Looked up \"{label}\" instead of guessing.")
                    });
                }
            }
            Move::Consult => c.one_time(
                OneTimeBonus::Consult,
                RuleId::Consult,
                rules.consult,
                "Asked a colleague rather than passing the customer on.",
            ),
            Move::Explore(option) => {
                if !c.state.explored.contains(option.as_str()) {
                    c.state.explored.insert(Id::from(option.as_str()));
                    let scenario = c.scenario;
                    let label = || scenario.option(option).map_or(option.as_str(), |o| o.label.as_str()).to_string();
                    if fit_of(scenario, option).counts() {
                        c.apply(RuleId::OptionExplored, rules.explore.per_option, || {
                            format!("Offered an option: {}.", label())
                        });
                    } else {
                        c.apply(RuleId::PoorOption, -rules.explore.poor_option, || {
                            format!("Offered something that doesn't help this customer: {}.", label())
                        });
                    }
                }
            }
            Move::Commit(option) => {
                let scenario = c.scenario;
                let fit = fit_of(scenario, option);
                if c.state.committed.is_empty() {
                    let n = fitting_explored(scenario, c.state);
                    let ex = &rules.explore;
                    if n >= ex.range_min {
                        let extra = i32::try_from(n - ex.range_min).unwrap_or(i32::MAX);
                        let bonus = ex.range_bonus.saturating_add(ex.per_extra_option.saturating_mul(extra));
                        c.apply(RuleId::RangeOfOptions, bonus, || {
                            format!("Weighed {n} options that fit before settling on one.")
                        });
                    }
                    if fit == Fit::Good && (1..=ex.prompt_within).contains(&n) {
                        c.apply(RuleId::PromptCommitment, ex.prompt_commit, || {
                            "Settled on an option that fits without a long list first.".to_string()
                        });
                    }
                }
                if fit == Fit::Poor {
                    c.apply(RuleId::PoorCommitment, -rules.explore.poor_commit, || {
                        let label = scenario.option(option).map_or(option.as_str(), |o| o.label.as_str());
                        format!("Settled on something that doesn't help this customer: {label}.")
                    });
                }
                if !c.state.committed.contains(option.as_str()) {
                    c.state.committed.insert(Id::from(option.as_str()));
                }
            }
            Move::Personalize => c.one_time(
                OneTimeBonus::Personalize,
                RuleId::Personalize,
                rules.personalize,
                "Spoke to the customer as a person.",
            ),
            Move::ExtraMile => c.one_time(
                OneTimeBonus::ExtraMile,
                RuleId::ExtraMile,
                rules.extra_mile,
                "Did more than the customer asked for.",
            ),
            Move::DeflectToCustomer => c.apply(RuleId::Deflect, -rules.deflect, || {
                "Asked the customer to do legwork the agent could do.".into()
            }),
            Move::Transfer => {
                c.state.handed_off = true;
                c.apply(RuleId::Transfer, -rules.transfer, || "Handed the customer on to someone else.".into());
            }
            Move::Callback => {
                c.state.handed_off = true;
                c.apply(RuleId::Callback, -rules.callback, || "Promised a callback instead of solving it now.".into());
            }
            Move::Escalate => {
                c.apply(RuleId::Escalate, -rules.escalate, || "Escalated rather than deciding on the spot.".into())
            }
            Move::Scripted => {
                c.state.tone_slips = c.state.tone_slips.saturating_add(1);
                if customer.register == Register::Casual {
                    c.apply(RuleId::ToneMismatch, -rules.scripted_to_casual, || {
                        "A stock phrase to a customer who talks casually.".into()
                    });
                } else {
                    c.apply(RuleId::Scripted, -rules.scripted, || "A stock phrase that sounds like a script.".into());
                }
            }
            Move::Slang => {
                if customer.fluency == Fluency::Learner {
                    c.state.tone_slips = c.state.tone_slips.saturating_add(1);
                    c.apply(RuleId::ToneMismatch, -rules.slang_to_learner, || {
                        "Slang to a customer still learning the language.".into()
                    });
                } else if customer.register == Register::Formal {
                    c.state.tone_slips = c.state.tone_slips.saturating_add(1);
                    c.apply(RuleId::ToneMismatch, -rules.slang_to_formal, || {
                        "Slang to a customer who writes formally.".into()
                    });
                }
            }
            Move::Close => {}
        }
    }
    let empathises = reply.moves.contains(&Move::Empathize);
    if empathises && turn > 1 && !reply.moves.iter().any(Move::is_action) {
        c.state.empty_empathy = c.state.empty_empathy.saturating_add(1);
        c.apply(RuleId::EmptyEmpathy, -rules.empathy_without_action, || "Sympathy with no next step attached.".into());
    }
    wasted
}

/// How well `option` fits this customer (`Good` for an id the scenario lacks).
pub fn fit_of(scenario: &Scenario, option: &str) -> Fit {
    // Most scenarios mark no fit at all: no need to look the option up by name (the
    // analysis asks this millions of times).
    if scenario.options.iter().all(|o| o.fit == Fit::Good) {
        return Fit::Good;
    }
    scenario.option(option).map_or(Fit::Good, |o| o.fit)
}

/// Options explored so far that fit the customer (`Good` or `Fair`).
pub fn fitting_explored(scenario: &Scenario, state: &RunState) -> usize {
    if scenario.options.iter().all(|o| o.fit.counts()) {
        return state.explored.len();
    }
    state.explored.iter().filter(|o| fit_of(scenario, o).counts()).count()
}

pub fn minutes_text(minutes: u32) -> String {
    match minutes {
        1 => "1 minute".into(),
        m if m < 120 => format!("{m} minutes"),
        m if m % 60 == 0 => format!("{} hours", m / 60),
        m => format!("{}h{:02}", m / 60, m % 60),
    }
}
