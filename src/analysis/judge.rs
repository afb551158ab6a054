//! Judging a played run against what was possible from its own start: the best
//! resolved conversation (the yardstick for stars) and, at each reply that lowered
//! the best outcome still reachable, the reply that would have kept it.

use super::Limits;
use super::explore::Explored;
use crate::engine::{Better, Debrief, Judgement, Rules, Run, RunState, apply_reply_silently, enter_node};
use crate::scenario::Scenario;

/// The best final mood of a resolved conversation from `mood`, or `None` when no
/// resolved ending can be reached (or the analysis stopped at its limit).
pub fn best_possible(scenario: &Scenario, rules: &Rules, mood: i32) -> Option<i32> {
    let explored = Explored::from_start(scenario, rules, mood, Limits::default());
    if explored.capped() {
        return None;
    }
    explored.root().and_then(|root| explored.best_resolved()[root])
}

/// What the analysis says of `run`: the best possible from its start, and the better
/// reply wherever the one given lowered the best outcome still reachable.
pub fn judge(run: &Run) -> Judgement {
    let (scenario, rules) = (run.scenario(), run.rules());
    let explored = Explored::from_start(scenario, rules, run.start_mood(), Limits::default());
    if explored.capped() {
        return Judgement::default();
    }
    let best = explored.best_resolved();
    let mut state = RunState::start(scenario, run.start_mood());
    let _ = enter_node(scenario, rules, &mut state, &scenario.start);
    let mut better = Vec::with_capacity(run.turns().len());
    for turn in run.turns() {
        let verdict = explored.find(&state).and_then(|here| {
            let moves = explored.moves_from(here);
            let after = moves.iter().find(|(reply, _)| *reply == turn.index).and_then(|&(_, next)| best[next]);
            let (reply, value) = moves
                .iter()
                .filter_map(|&(reply, next)| best[next].map(|v| (reply, v)))
                // The highest outcome; among equals, the reply written first.
                .max_by_key(|&(reply, v)| (v, std::cmp::Reverse(reply)))?;
            let lowered = after.is_none_or(|after| after < value);
            let text = scenario.node(&state.node)?.replies.get(reply)?.text.clone();
            lowered.then_some(Better { index: reply, text, final_mood: value })
        });
        better.push(verdict);
        apply_reply_silently(scenario, rules, &mut state, turn.index);
    }
    Judgement { best_possible: explored.root().and_then(|root| best[root]), better }
}

/// The run's debrief, judged by the analysis.
pub fn debrief(run: &Run) -> Debrief {
    run.debrief(&judge(run))
}
