//! The exhaustive search: every state a run can reach from the start, through the
//! engine's own `RunState::start`, `enter_node`, `reply_available` and `apply_reply_silently`.
//! States are memoised by the keys of `key.rs`, breadth first, so the first path
//! found to any state is a shortest one.

use super::key::{Codec, FxMap, Scratch, push_new};
use super::{Analysis, EndingReach, Finding, Limits, PLAY_COST, PathSummary, Place, Stopped, Trap, picks_text, short};
use crate::engine::{Rules, RunState, apply_reply_silently, conditions_hold, enter_node, reply_available_in};
use crate::scenario::{Ending, Node, Scenario};
use std::collections::{BTreeMap, VecDeque};

mod single;
pub(super) use single::Explored;

/// Explores every reachable state of `scenario`, from the base starting mood and
/// both ends of its jitter range.
pub fn analyze(scenario: &Scenario, rules: &Rules) -> Analysis {
    analyze_with(scenario, rules, Limits::default())
}

/// [`analyze`] with explicit bounds.
pub fn analyze_with(scenario: &Scenario, rules: &Rules, limits: Limits) -> Analysis {
    let codec = Codec::new(scenario, rules);
    let (graph, _) = search(scenario, rules, &codec, limits, &start_moods(scenario));
    summarise(scenario, &codec, &graph)
}

/// The explored state graph, states in breadth-first order (so index order is also
/// the order of path length).
struct Graph {
    parent: Vec<u32>,
    /// The reply (index within the parent's node) that led here.
    via: Vec<u32>,
    node: Vec<u32>,
    mood: Vec<i32>,
    ending: Vec<Option<Ending>>,
    /// Paid apologies on the path that first reached this state.
    paid: Vec<u32>,
    /// Which starting mood (index into the starts, 0 = the base mood) reached it first.
    start: Vec<u16>,
    /// `edges[edge_start[i]..edge_start[i + 1]]` are state i's successors, for the
    /// states fully expanded (the first `edge_start.len() - 1`).
    edge_start: Vec<u32>,
    edges: Vec<u32>,
    /// Per edge, the reply taken and how many paid apologies it added.
    edge_reply: Vec<u32>,
    edge_paid: Vec<u8>,
    /// Nodes the conversation arrived at / passed through by a branch.
    entered: Vec<bool>,
    shown: Vec<bool>,
    capped: bool,
    stopped: Option<Stopped>,
}

const ROOT: u32 = u32::MAX;

impl Graph {
    fn len(&self) -> usize {
        self.parent.len()
    }

    fn stop(&mut self, limit: &'static str, budget: &Budget) {
        self.capped = true;
        self.stopped = Some(Stopped { limit, states: self.len(), work: budget.work, bytes: budget.bytes });
    }

    fn complete(&self) -> usize {
        self.edge_start.len() - 1
    }

    fn push(&mut self, parent: u32, via: u32, node: u32, state: &RunState, start: u16) -> u32 {
        self.start.push(start);
        self.parent.push(parent);
        self.via.push(via);
        self.node.push(node);
        self.mood.push(state.mood);
        self.ending.push(state.ending);
        self.paid.push(state.paid_apologies);
        (self.parent.len() - 1) as u32
    }

    /// Per state, the best final mood of a resolved ending reachable from it.
    pub(super) fn best_resolved(&self) -> Vec<Option<i32>> {
        let n = self.len();
        let mut best: Vec<Option<i32>> =
            (0..n).map(|i| (self.ending[i] == Some(Ending::Resolved)).then_some(self.mood[i])).collect();
        let (rev_start, rev) = self.reverse_edges();
        // Values only rise and are bounded, so relaxing edges until nothing changes ends.
        let mut queue: VecDeque<usize> = (0..n).filter(|&i| best[i].is_some()).collect();
        while let Some(i) = queue.pop_front() {
            let value = best[i];
            for &p in &rev[rev_start[i] as usize..rev_start[i + 1] as usize] {
                let p = p as usize;
                if best[p] < value {
                    best[p] = value;
                    queue.push_back(p);
                }
            }
        }
        best
    }

    /// Predecessors of every state, as `rev[rev_start[i]..rev_start[i + 1]]`.
    fn reverse_edges(&self) -> (Vec<u32>, Vec<u32>) {
        let n = self.len();
        let mut rev_start = vec![0u32; n + 1];
        for &t in &self.edges {
            rev_start[t as usize + 1] += 1;
        }
        for i in 0..n {
            rev_start[i + 1] += rev_start[i];
        }
        let mut fill = rev_start.clone();
        let mut rev = vec![0u32; self.edges.len()];
        for from in 0..self.complete() {
            for &to in self.successors(from) {
                rev[fill[to as usize] as usize] = from as u32;
                fill[to as usize] += 1;
            }
        }
        (rev_start, rev)
    }

    fn successors(&self, i: usize) -> &[u32] {
        if i < self.complete() {
            &self.edges[self.edge_start[i] as usize..self.edge_start[i + 1] as usize]
        } else {
            &[]
        }
    }
}

/// Marks `from` (where a reply or the start sends the conversation) as entered, and
/// the branch hops between it and where the conversation landed.
fn mark_entered(s: &Scenario, codec: &Codec, from: &str, landed: &RunState, entered: &mut [bool]) {
    if from == landed.node {
        return;
    }
    let mut hops = vec![from];
    let mut target = from;
    for _ in 0..=s.nodes.len() {
        if target == landed.node {
            break;
        }
        let Some(node) = s.node(target) else { break };
        // The same choice `enter_node` makes; the state's facts, flags and mood are
        // the ones it saw unless end-of-conversation rules moved the mood since.
        match node.branch.iter().find(|b| conditions_hold(landed, &b.when)) {
            Some(b) if b.goto != target => {
                target = &b.goto;
                hops.push(target);
            }
            _ => break,
        }
    }
    let consistent = target == landed.node;
    for hop in if consistent { &hops[..] } else { &hops[..1] } {
        if let Some(seen) = entered.get_mut(codec.node(hop) as usize) {
            *seen = true;
        }
    }
}

/// Keys seen so far. Most keys are a few words; those are stored inline.
#[derive(Default)]
struct Seen {
    small: FxMap<[u64; SMALL], u32>,
    large: FxMap<Box<[u64]>, u32>,
}

const SMALL: usize = 4;

impl Seen {
    fn get(&self, key: &[u64]) -> Option<u32> {
        match Seen::small_key(key) {
            Some(small) => self.small.get(&small).copied(),
            None => self.large.get(key).copied(),
        }
    }

    fn insert(&mut self, key: &[u64], id: u32) {
        match Seen::small_key(key) {
            Some(small) => self.small.insert(small, id),
            None => self.large.insert(key.into(), id),
        };
    }

    /// Keys of one node always have the same length, and the node is in the key,
    /// so padding with zeros cannot make two keys equal.
    fn small_key(key: &[u64]) -> Option<[u64; SMALL]> {
        (key.len() <= SMALL).then(|| {
            let mut small = [0; SMALL];
            small[..key.len()].copy_from_slice(key);
            small
        })
    }
}

/// The starting moods explored: the base mood first, then both ends of the jitter
/// range. Rules add fixed amounts whatever the mood, so mood conditions are met
/// most easily at one end or the other: the lowest start finds what only an upset
/// customer reaches (an early walkout, a `MoodBelow` branch), the highest what
/// needs `MoodAtLeast`. The base is finished before the others start, so every
/// state it reaches keeps its path from it: the best, worst, research and apology
/// paths come from the base mood and replay exactly; reachability, endings and
/// traps cover all three.
fn start_moods(s: &Scenario) -> Vec<i32> {
    let base = s.customer.mood.clamp(1, 100);
    let jitter = s.customer.mood_jitter.max(0);
    let mut moods = vec![base];
    for end in [(base - jitter).max(1), (base + jitter).min(100)] {
        if !moods.contains(&end) {
            moods.push(end);
        }
    }
    moods
}

/// Estimated bytes a state keeps for good: its graph row and its memo entry,
/// doubled because growing vectors and tables can hold twice what they use
/// (calibrated against the peak resident size of real runs).
fn kept_bytes(key_words: usize) -> u64 {
    2 * (40 + 8 * key_words + 48) as u64
}

/// Estimated bytes of a state waiting in the queue, until it is expanded.
fn queued_bytes(state: &RunState) -> u64 {
    let sets = state.facts.len()
        + state.told.len()
        + state.explored.len()
        + state.committed.len()
        + state.flags.len()
        + state.used_once.len();
    (std::mem::size_of::<RunState>() + 48 * sets + state.node.len()) as u64
}

/// Bytes per edge: target, reply, apology count.
const EDGE_BYTES: u64 = 9;

/// The budget of one search, spent as it goes.
struct Budget {
    limits: Limits,
    work: u64,
    /// Estimated bytes in use now: the graph, the memo, and the queue.
    bytes: u64,
}

impl Budget {
    /// The limit just passed, if any.
    fn exceeded(&self, states: usize) -> Option<&'static str> {
        if states >= self.limits.max_states.max(1) {
            Some("states")
        } else if self.work > self.limits.max_work {
            Some("work")
        } else if self.bytes > self.limits.max_bytes {
            Some("memory")
        } else {
            None
        }
    }
}

fn search(s: &Scenario, rules: &Rules, codec: &Codec, limits: Limits, moods: &[i32]) -> (Graph, Seen) {
    let mut budget = Budget { limits, work: 0, bytes: 0 };
    let mut g = Graph {
        parent: Vec::new(),
        via: Vec::new(),
        node: Vec::new(),
        mood: Vec::new(),
        ending: Vec::new(),
        paid: Vec::new(),
        start: Vec::new(),
        edge_start: vec![0],
        edges: Vec::new(),
        edge_reply: Vec::new(),
        edge_paid: Vec::new(),
        entered: vec![false; codec.node_names.len()],
        shown: vec![false; codec.reply_count],
        capped: false,
        stopped: None,
    };
    let mut seen = Seen::default();
    let mut scratch = Scratch::default();
    let mut queue = VecDeque::new();
    let nodes: Vec<Option<&Node>> = codec.node_names.iter().map(|n| s.node(n)).collect();
    let mut available = Vec::new();
    'search: for (start, &mood) in moods.iter().enumerate() {
        let start = start as u16;
        let mut root = RunState::start(s, mood);
        let _ = enter_node(s, rules, &mut root, &s.start);
        mark_entered(s, codec, &s.start, &root, &mut g.entered);
        let root_ix = codec.node(&root.node);
        codec.encode(&root, root_ix, &mut scratch);
        if seen.get(&scratch.key).is_some() {
            continue;
        }
        if let Some(limit) = budget.exceeded(g.len()) {
            g.stop(limit, &budget);
            break;
        }
        budget.bytes += kept_bytes(scratch.key.len());
        let id = g.push(ROOT, 0, root_ix, &root, start);
        seen.insert(&scratch.key, id);
        codec.prune(&mut root, root_ix);
        budget.bytes += queued_bytes(&root);
        queue.push_back(root);
        while let Some(state) = queue.pop_front() {
            budget.bytes = budget.bytes.saturating_sub(queued_bytes(&state));
            let here = g.complete() as u32;
            // States are expanded in the order they were numbered.
            let nix = g.node[here as usize] as usize;
            if let (None, Some(Some(node))) = (state.ending, nodes.get(nix)) {
                available.clear();
                available.extend((0..node.replies.len()).filter(|&i| reply_available_in(node, &state, i)));
                budget.work += node.replies.len() as u64 + PLAY_COST * available.len() as u64;
                budget.bytes += EDGE_BYTES * available.len() as u64;
                if let Some(limit) = budget.exceeded(g.len()) {
                    g.stop(limit, &budget);
                    break 'search;
                }
                let mut state = Some(state);
                for (k, &i) in available.iter().enumerate() {
                    g.shown[codec.reply_base[nix] + i] = true;
                    let Some(current) = state.as_ref() else { break };
                    let before = current.paid_apologies;
                    // The last reply takes the state itself rather than a copy.
                    let mut next = if k + 1 < available.len() {
                        current.clone()
                    } else {
                        let Some(last) = state.take() else { break };
                        last
                    };
                    apply_reply_silently(s, rules, &mut next, i);
                    let next_ix = codec.node(&next.node);
                    let walked_out = next.ending == Some(Ending::Walkout)
                        && nodes.get(next_ix as usize).is_some_and(|n| n.is_some_and(|n| n.end.is_none()));
                    if !walked_out {
                        mark_entered(s, codec, &node.replies[i].next, &next, &mut g.entered);
                    }
                    codec.encode(&next, next_ix, &mut scratch);
                    let paid = next.paid_apologies.saturating_sub(before).min(255) as u8;
                    let id = match seen.get(&scratch.key) {
                        Some(id) => id,
                        None => {
                            if let Some(limit) = budget.exceeded(g.len()) {
                                g.stop(limit, &budget);
                                break 'search;
                            }
                            budget.bytes += kept_bytes(scratch.key.len());
                            let id = g.push(here, i as u32, next_ix, &next, start);
                            seen.insert(&scratch.key, id);
                            codec.prune(&mut next, next_ix);
                            budget.bytes += queued_bytes(&next);
                            queue.push_back(next);
                            id
                        }
                    };
                    g.edges.push(id);
                    g.edge_reply.push(i as u32);
                    g.edge_paid.push(paid);
                }
            }
            g.edge_start.push(g.edges.len() as u32);
        }
    }
    let complete_edges = *g.edge_start.last().unwrap_or(&0) as usize;
    g.edges.truncate(complete_edges);
    g.edge_reply.truncate(complete_edges);
    g.edge_paid.truncate(complete_edges);
    (g, seen)
}

/// The steps (state, reply) from the start to state `i`, following `back`; `None`
/// if `back` goes round in a circle.
fn steps_to(g: &Graph, i: usize, back: impl Fn(usize) -> Option<(usize, usize)>) -> Option<Vec<(usize, usize)>> {
    let mut steps = Vec::new();
    let mut at = i;
    while let Some((from, reply)) = back(at) {
        steps.push((from, reply));
        at = from;
        if steps.len() > g.len() {
            return None;
        }
    }
    steps.reverse();
    Some(steps)
}

fn bfs_back(g: &Graph) -> impl Fn(usize) -> Option<(usize, usize)> + '_ {
    |at| (g.parent[at] != ROOT).then(|| (g.parent[at] as usize, g.via[at] as usize))
}

/// The reply texts of a path, as written in the file.
fn pick_texts(s: &Scenario, codec: &Codec, g: &Graph, steps: &[(usize, usize)]) -> Vec<String> {
    steps
        .iter()
        .map(|&(state, reply)| {
            s.node(codec.name(g.node[state]))
                .and_then(|n| n.replies.get(reply))
                .map_or_else(String::new, |r| r.text.clone())
        })
        .collect()
}

/// The reply indices and texts of the shortest path to state `i`.
fn path_to(s: &Scenario, codec: &Codec, g: &Graph, i: usize) -> (Vec<usize>, Vec<String>) {
    let steps = steps_to(g, i, bfs_back(g)).unwrap_or_default();
    let picks = pick_texts(s, codec, g, &steps);
    (steps.into_iter().map(|(_, reply)| reply).collect(), picks)
}

fn summary(s: &Scenario, codec: &Codec, g: &Graph, i: usize) -> PathSummary {
    let (replies, picks) = path_to(s, codec, g, i);
    PathSummary {
        ending: g.ending[i].unwrap_or(Ending::Unresolved),
        node: codec.name(g.node[i]).to_string(),
        mood: g.mood[i],
        paid_apologies: g.paid[i],
        replies,
        picks,
    }
}

/// No edge: the step back is the breadth-first parent.
const PARENT: u32 = u32::MAX;

/// For each state, the most paid apologies of any path to it, and the edge that
/// path arrives by. Breadth-first parents are exact wherever the key keeps the paid
/// count; once no apology is reachable any more the key drops it and paths with
/// different counts merge, so the most any of them had is found by relaxing edges.
/// Counts stop rising at a bound, so a loop that apologises forever cannot hang.
fn most_paid(g: &Graph) -> (Vec<u32>, Vec<u32>) {
    let mut best = g.paid.clone();
    let mut by = vec![PARENT; g.len()];
    let bound = best.iter().copied().max().unwrap_or(0).saturating_add(64);
    let complete = g.complete();
    let mut queued = vec![true; complete];
    let mut queue: VecDeque<usize> = (0..complete).collect();
    while let Some(i) = queue.pop_front() {
        queued[i] = false;
        for e in g.edge_start[i] as usize..g.edge_start[i + 1] as usize {
            let j = g.edges[e] as usize;
            // A path stays with one starting mood, so it can be replayed from it.
            if g.start[i] != g.start[j] {
                continue;
            }
            let candidate = best[i].saturating_add(u32::from(g.edge_paid[e])).min(bound);
            if candidate > best[j] {
                best[j] = candidate;
                by[j] = e as u32;
                if j < complete && !queued[j] {
                    queued[j] = true;
                    queue.push_back(j);
                }
            }
        }
    }
    (best, by)
}

/// The path with the most paid apologies to state `i`, counted along the path itself.
fn most_paid_summary(s: &Scenario, codec: &Codec, g: &Graph, by: &[u32], i: usize) -> PathSummary {
    let edge_from = |e: usize| g.edge_start.partition_point(|&start| start as usize <= e) - 1;
    let back = |at: usize| match by[at] {
        PARENT => bfs_back(g)(at),
        e => Some((edge_from(e as usize), g.edge_reply[e as usize] as usize)),
    };
    let Some(steps) = steps_to(g, i, back) else {
        return summary(s, codec, g, i);
    };
    // Paid apologies along this very path: each step's edge, or its parent's difference.
    let mut paid = 0u32;
    let mut at = i;
    while let Some((from, _)) = back(at) {
        paid += match by[at] {
            PARENT => g.paid[at].saturating_sub(g.paid[from]),
            e => u32::from(g.edge_paid[e as usize]),
        };
        at = from;
    }
    PathSummary {
        ending: g.ending[i].unwrap_or(Ending::Unresolved),
        node: codec.name(g.node[i]).to_string(),
        mood: g.mood[i],
        paid_apologies: paid,
        replies: steps.iter().map(|&(_, reply)| reply).collect(),
        picks: pick_texts(s, codec, g, &steps),
    }
}

/// The first state (so the shortest path) maximising `score` among `candidates`.
fn first_best(candidates: impl Iterator<Item = usize>, score: impl Fn(usize) -> (i64, i64)) -> Option<usize> {
    let mut best: Option<(usize, (i64, i64))> = None;
    for i in candidates {
        let sc = score(i);
        if best.is_none_or(|(_, b)| sc > b) {
            best = Some((i, sc));
        }
    }
    best.map(|(i, _)| i)
}

fn summarise(s: &Scenario, codec: &Codec, g: &Graph) -> Analysis {
    let terminal = || (0..g.len()).filter(|&i| g.ending[i].is_some());
    // Paths are reported from the base starting mood, so `Run::replay` reproduces them.
    let from_base = || terminal().filter(|&i| g.start[i] == 0);
    let best = first_best(from_base(), |i| (i64::from(g.mood[i]), 0));
    let worst = first_best(from_base(), |i| (-i64::from(g.mood[i]), 0));
    let research = first_best(from_base().filter(|&i| g.paid[i] == 0), |i| (i64::from(g.mood[i]), 0));
    let (paid, by) = most_paid(g);
    let apology_heavy = first_best(from_base(), |i| (i64::from(paid[i]), i64::from(g.mood[i])));

    let mut endings: BTreeMap<(Ending, Option<u32>), EndingReach> = BTreeMap::new();
    for i in terminal() {
        let ending = g.ending[i].unwrap_or(Ending::Unresolved);
        let nix = g.node[i];
        let is_end_node = s.node(codec.name(nix)).is_some_and(|n| n.end.is_some());
        let node = is_end_node.then_some(nix);
        let reach = endings.entry((ending, node)).or_insert_with(|| EndingReach {
            ending,
            node: node.map(|n| codec.name(n).to_string()),
            best_mood: g.mood[i],
            worst_mood: g.mood[i],
            states: 0,
        });
        reach.best_mood = reach.best_mood.max(g.mood[i]);
        reach.worst_mood = reach.worst_mood.min(g.mood[i]);
        reach.states += 1;
    }

    // The best possible from each starting mood explored, read off the same graph:
    // the root of each start is the first state it pushed.
    let reachable = g.best_resolved();
    let moods = start_moods(s);
    let best_by_start = (0..g.len())
        .filter(|&i| g.parent[i] == ROOT)
        .filter_map(|i| moods.get(usize::from(g.start[i])).map(|&m| (m, if g.capped { None } else { reachable[i] })))
        .collect();
    let mut analysis = Analysis {
        states: g.len(),
        best_by_start,
        capped: g.capped,
        stopped: g.stopped.clone(),
        endings: endings.into_values().collect(),
        best: best.map(|i| summary(s, codec, g, i)),
        worst: worst.map(|i| summary(s, codec, g, i)),
        research: research.map(|i| summary(s, codec, g, i)),
        apology_heavy: apology_heavy.map(|i| most_paid_summary(s, codec, g, &by, i)),
        unreached_nodes: Vec::new(),
        passed_through_nodes: Vec::new(),
        unshown_replies: Vec::new(),
        traps: Vec::new(),
        findings: Vec::new(),
    };
    if g.capped {
        let stopped =
            g.stopped.as_ref().map_or_else(|| "the analysis stopped at its limit".to_string(), Stopped::describe);
        analysis.findings.push(Finding::warning(
            Place::Scenario,
            format!(
                "{stopped}, so unreachable nodes, never-shown replies and loops with no way out were not fully \
                 checked; simplify the scenario or split it"
            ),
        ));
        return analysis;
    }
    reachability(s, codec, g, &mut analysis);
    traps(s, codec, g, &mut analysis);
    analysis
}

fn reachability(s: &Scenario, codec: &Codec, g: &Graph, a: &mut Analysis) {
    let mut arrived = vec![false; codec.node_names.len()];
    for &n in &g.node {
        if let Some(seen) = arrived.get_mut(n as usize) {
            *seen = true;
        }
    }
    for (id, node) in &s.nodes {
        let nix = codec.node(id) as usize;
        let what = match node.end {
            Some(ending) => format!("ending \"{id}\" ({})", ending.label()),
            None => format!("node \"{id}\""),
        };
        if !arrived[nix] && !g.entered[nix] {
            a.unreached_nodes.push(id.clone());
            a.findings.push(Finding::error(
                Place::Node(id.clone()),
                format!(
                    "{what} is never reached: no sequence of replies from \"{}\" gets there \
                     (the replies and branches leading to it never apply; check their `when` and `once`)",
                    s.start
                ),
            ));
            continue;
        }
        if !arrived[nix] {
            a.passed_through_nodes.push(id.clone());
            a.findings.push(Finding::error(
                Place::Node(id.clone()),
                format!("{what} never speaks: whenever the conversation gets there, a `branch` moves it on at once"),
            ));
            continue;
        }
        for (r, reply) in node.replies.iter().enumerate() {
            if g.shown[codec.reply_base[nix] + r] {
                continue;
            }
            a.unshown_replies.push((id.clone(), r));
            let why = if reply.when.is_empty() {
                "it is never available when the conversation is there".to_string()
            } else {
                let conds: Vec<String> = reply.when.iter().map(|c| format!("{c:?}")).collect();
                format!("its `when: [{}]` never holds when the conversation is there", conds.join(", "))
            };
            a.findings.push(Finding::error(
                Place::Reply { node: id.clone(), index: r },
                format!("reply {} of node \"{id}\" (\"{}\") is never shown: {why}", r + 1, short(&reply.text)),
            ));
        }
    }
}

fn traps(s: &Scenario, codec: &Codec, g: &Graph, a: &mut Analysis) {
    let n = g.len();
    // Reverse edges, then walk back from every end state.
    let (rev_start, rev) = g.reverse_edges();
    let mut can_end = vec![false; n];
    let mut queue: VecDeque<usize> = (0..n).filter(|&i| g.ending[i].is_some() || i >= g.complete()).collect();
    for &i in &queue {
        can_end[i] = true;
    }
    while let Some(i) = queue.pop_front() {
        for &p in &rev[rev_start[i] as usize..rev_start[i + 1] as usize] {
            if !can_end[p as usize] {
                can_end[p as usize] = true;
                queue.push_back(p as usize);
            }
        }
    }
    // One report per node where a path first enters a trap, with the shortest such path.
    let mut entries: BTreeMap<u32, usize> = BTreeMap::new();
    for i in 0..n {
        let parent_trapped = g.parent[i] != ROOT && !can_end[g.parent[i] as usize];
        if !can_end[i] && !parent_trapped {
            entries.entry(g.node[i]).or_insert(i);
        }
    }
    for (nix, entry) in entries {
        let mut seen = vec![entry];
        let mut visited: std::collections::HashSet<usize> = seen.iter().copied().collect();
        let mut k = 0;
        let (mut stuck_at, mut loop_nodes) = (Vec::new(), Vec::new());
        while k < seen.len() {
            let i = seen[k];
            k += 1;
            let name = codec.name(g.node[i]);
            let succ = g.successors(i);
            if succ.is_empty() {
                push_new(&mut stuck_at, name);
            } else {
                push_new(&mut loop_nodes, name);
            }
            for &t in succ {
                if visited.insert(t as usize) {
                    seen.push(t as usize);
                }
            }
        }
        let node = codec.name(nix).to_string();
        let (_, picks) = path_to(s, codec, g, entry);
        let list = |names: &[String]| names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
        let why = if !stuck_at.is_empty() {
            format!("the conversation gets stuck at {} with no reply available", list(&stuck_at))
        } else {
            format!("the conversation can only go round {} with no way to an ending", list(&loop_nodes))
        };
        a.findings.push(Finding::error(
            Place::Node(node.clone()),
            format!(
                "loop with no way out: from node \"{node}\" ({}), no ending can be reached; {why}",
                if picks.is_empty() { "at the start".to_string() } else { format!("after {}", picks_text(&picks)) }
            ),
        ));
        a.traps.push(Trap { node, picks, stuck_at, loop_nodes });
    }
}
