//! The search from one starting mood, kept whole (graph and memo) so a played run's
//! states can be looked up in it: what judging a run needs.

use super::{Graph, Seen, search};
use crate::analysis::Limits;
use crate::analysis::key::{Codec, Scratch};
use crate::engine::{Rules, RunState};
use crate::scenario::Scenario;

/// Every state reachable from one starting mood, with the memo of their keys, so a
/// played run's states can be found in it.
pub(in crate::analysis) struct Explored {
    codec: Codec,
    graph: Graph,
    seen: Seen,
}

impl Explored {
    pub fn from_start(scenario: &Scenario, rules: &Rules, mood: i32, limits: Limits) -> Explored {
        let codec = Codec::new(scenario, rules);
        let (graph, seen) = search(scenario, rules, &codec, limits, &[mood]);
        Explored { codec, graph, seen }
    }

    pub fn capped(&self) -> bool {
        self.graph.capped
    }

    /// The state id of `state`, if the search reached it.
    pub fn find(&self, state: &RunState) -> Option<usize> {
        let mut scratch = Scratch::default();
        self.codec.encode(state, self.codec.node(&state.node), &mut scratch);
        self.seen.get(&scratch.key).map(|id| id as usize)
    }

    /// The root: the state the conversation starts in.
    pub fn root(&self) -> Option<usize> {
        (self.graph.len() > 0).then_some(0)
    }

    /// Per state, the best final mood of a resolved ending reachable from it.
    pub fn best_resolved(&self) -> Vec<Option<i32>> {
        self.graph.best_resolved()
    }

    /// State `i`'s successors, as (reply index within its node, successor state).
    pub fn moves_from(&self, i: usize) -> Vec<(usize, usize)> {
        let g = &self.graph;
        if i >= g.complete() {
            return Vec::new();
        }
        (g.edge_start[i] as usize..g.edge_start[i + 1] as usize)
            .map(|e| (g.edge_reply[e] as usize, g.edges[e] as usize))
            .collect()
    }
}
