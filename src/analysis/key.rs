//! Memo keys for the analysis: a run state reduced to what can still change the
//! rest of the conversation, packed into a few words.
//!
//! Dropped outright: the clock and the debrief-only counters (tone slips, slow
//! replies, empty empathy, the apology total). Reduced: the turn is capped where no
//! rule reads it any more, and paid apologies where the next one costs 100 points
//! or more. Per node, by what any node still reachable from it can read: facts,
//! options, flags and `once` replies become a bit set of only the relevant ones; the
//! turn, the one-time bonuses, the exact paid-apology count, the first-commitment
//! flag and the hand-off flag are kept only if something ahead reads them. "Any paid
//! apology yet" is always kept, so the research lint can tell paths apart.
//!
//! This mirrors what `engine/step.rs` reads (moves, conditions, the end-of-conversation
//! rules). A new rule that reads more of the run state must widen these masks;
//! `tests/analysis_library.rs` replays reported paths and checks random play
//! against the analysis, which catches a key that merges states it should not.

use crate::engine::{RuleId, Rules, RunState};
use crate::scenario::{Condition, Ending, Move, Scenario};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast hasher for the state keys (the FxHash mix).
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

// The header words of a key.
const HEADER: usize = 3;
const NODE_BITS: u64 = 0xFFFF_FFFF;
const MOOD_BITS: u64 = 0xFF << 32;
const BONUS_BITS: u64 = 0xFF << 40;
const ACK_BIT: u64 = 1 << 48;
const COMMITTED_BIT: u64 = 1 << 49;
const HANDED_OFF_BIT: u64 = 1 << 50;
const ENDING_BITS: u64 = 0b111 << 51;
const PAID_BITS: u64 = 0x7FFF_FFFF;
const PAID_ANY_BIT: u64 = 1 << 31;
const TURN_BITS: u64 = 0xFFFF_FFFF << 32;
const EXPLORED_COUNT_BITS: u64 = 0xFFFF_FFFF;

fn index_of(names: &[String]) -> FxMap<String, u32> {
    names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect()
}

pub(super) fn push_new(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

fn ending_code(ending: Option<Ending>) -> u64 {
    match ending {
        None => 0,
        Some(Ending::Resolved) => 1,
        Some(Ending::Callback) => 2,
        Some(Ending::Transfer) => 3,
        Some(Ending::Escalated) => 4,
        Some(Ending::Walkout) => 5,
        Some(Ending::Unresolved) => 6,
    }
}

/// The number of paid apologies beyond which more make no difference: the next
/// apology costs the same whatever the count (no step, or a zero weight), or it
/// already costs 100 points or more, which takes any mood to 0.
fn paid_apology_cap(rules: &Rules, s: &Scenario) -> u32 {
    let a = &rules.apology;
    let cost = |paid: u32| -> i64 {
        let base = (i64::from(a.first_cost) + i64::from(a.step) * i64::from(paid)).min(1_000_000);
        i64::from(rules.weight(RuleId::ExtraApology, s.customer.values, -(base as i32))).abs()
    };
    if a.step == 0 || cost(0) == cost(1_000_000) {
        return 0;
    }
    (0..100_000).find(|&n| cost(n) >= 100).unwrap_or(100_000)
}

/// Turns run states into memo keys. Every id a state can hold is interned up front.
pub(super) struct Codec {
    pub node_names: Vec<String>,
    node_ix: FxMap<String, u32>,
    fact_ix: FxMap<String, u32>,
    option_ix: FxMap<String, u32>,
    /// Only flags some condition reads; the others cannot change the future.
    flag_ix: FxMap<String, u32>,
    /// Per node, per reply: its bit if the reply is `once`.
    once_bit: Vec<Vec<Option<u32>>>,
    /// Per node, the global index of its first reply.
    pub reply_base: Vec<usize>,
    pub reply_count: usize,
    /// Where each kind of id starts in the full bit set of a state.
    options_at: usize,
    flags_at: usize,
    once_at: usize,
    /// Where the "told the customer" bits start: one per fact, in fact order.
    told_at: usize,
    set_words: usize,
    /// Options that don't count toward the range (`fit: Poor`).
    poor_options: FxMap<String, ()>,
    turn_cap: u32,
    paid_cap: u32,
    /// Per node, header masks before and after the first commitment.
    header_masks: Vec<[[u64; HEADER]; 2]>,
    /// Per node, the positions in the full bit set that anything ahead can read.
    positions: Vec<Vec<u32>>,
    /// The same as a dense bit set per node (`set_words` words each).
    relevant: Vec<u64>,
    /// Per node, whether a first `Commit` can still come (it reads how many
    /// options were explored).
    commit_ahead: Vec<bool>,
    /// The header mask for a conversation that is over.
    over_mask: [u64; HEADER],
}

/// Reusable buffers for [`Codec::encode`].
#[derive(Default)]
pub(super) struct Scratch {
    full: Vec<u64>,
    pub key: Vec<u64>,
}

impl Codec {
    pub fn new(s: &Scenario, rules: &Rules) -> Codec {
        let mut node_names: Vec<String> = s.nodes.keys().cloned().collect();
        let mut facts: Vec<String> = s.desk.iter().map(|f| f.id.clone()).collect();
        let mut options: Vec<String> = s.options.iter().map(|o| o.id.clone()).collect();
        let mut flags: Vec<String> = Vec::new();
        push_new(&mut node_names, &s.start);
        for node in s.nodes.values() {
            let conds = node.branch.iter().flat_map(|b| &b.when).chain(node.replies.iter().flat_map(|r| &r.when));
            for cond in conds {
                match cond {
                    Condition::Knows(f) | Condition::Told(f) => push_new(&mut facts, f),
                    Condition::Explored(o) => push_new(&mut options, o),
                    Condition::Flag(f) | Condition::NotFlag(f) => push_new(&mut flags, f),
                    Condition::MoodAtLeast(_) | Condition::MoodBelow(_) => {}
                }
            }
            for mv in node.replies.iter().flat_map(|r| &r.moves) {
                match mv {
                    Move::LookUp(f) | Move::Tell(f) | Move::Ask(f) => push_new(&mut facts, f),
                    Move::Explore(o) | Move::Commit(o) => push_new(&mut options, o),
                    _ => {}
                }
            }
        }
        // Targets that name no node still become states (stuck ones), so intern them too.
        for node in s.nodes.values() {
            for target in node.replies.iter().map(|r| &r.next).chain(node.branch.iter().map(|b| &b.goto)) {
                if !s.nodes.contains_key(target) {
                    push_new(&mut node_names, target);
                }
            }
        }

        let mut once_count = 0u32;
        let mut once_bit = Vec::with_capacity(node_names.len());
        let mut reply_base = Vec::with_capacity(node_names.len());
        let mut reply_count = 0;
        for name in &node_names {
            let replies = s.node(name).map_or(&[][..], |n| &n.replies[..]);
            reply_base.push(reply_count);
            reply_count += replies.len();
            let bits = replies.iter().map(|r| {
                r.once.then(|| {
                    once_count += 1;
                    once_count - 1
                })
            });
            once_bit.push(bits.collect());
        }
        let options_at = facts.len();
        let flags_at = options_at + options.len();
        let once_at = flags_at + flags.len();
        let told_at = once_at + once_count as usize;
        let set_words = (told_at + facts.len()).div_ceil(64).max(1);
        let poor_options: FxMap<String, ()> =
            s.options.iter().filter(|o| !o.fit.counts()).map(|o| (o.id.clone(), ())).collect();

        let ack = &rules.acknowledge;
        let mut codec = Codec {
            node_ix: index_of(&node_names),
            node_names,
            fact_ix: index_of(&facts),
            option_ix: index_of(&options),
            flag_ix: index_of(&flags),
            once_bit,
            reply_base,
            reply_count,
            options_at,
            flags_at,
            once_at,
            told_at,
            set_words,
            poor_options,
            // `apply_reply` reads the turn for acknowledgment timing (early_within,
            // late_after) until the customer is acknowledged, and to tell the opening
            // reply (the free apology, empathy) from the rest.
            turn_cap: ack.early_within.max(ack.late_after).max(1),
            paid_cap: paid_apology_cap(rules, s),
            header_masks: Vec::new(),
            positions: Vec::new(),
            relevant: Vec::new(),
            commit_ahead: Vec::new(),
            over_mask: [NODE_BITS | MOOD_BITS | ENDING_BITS, PAID_ANY_BIT, 0],
        };
        codec.build_masks(s);
        codec
    }

    /// The interned index of a node name (`u32::MAX` if unknown, which no state has).
    pub fn node(&self, name: &str) -> u32 {
        self.node_ix.get(name).copied().unwrap_or(u32::MAX)
    }

    /// The name of an interned node (`?` for an index that is not one).
    pub fn name(&self, node: u32) -> &str {
        self.node_names.get(node as usize).map_or("?", String::as_str)
    }

    fn fact_bit(&self, f: &str) -> Option<usize> {
        self.fact_ix.get(f).map(|&i| i as usize)
    }

    fn told_bit(&self, f: &str) -> Option<usize> {
        self.fact_ix.get(f).map(|&i| self.told_at + i as usize)
    }

    /// Options explored that fit the customer: what a first `Commit` reads.
    fn fitting_explored(&self, s: &RunState) -> usize {
        if self.poor_options.is_empty() {
            return s.explored.len();
        }
        s.explored.iter().filter(|o| !self.poor_options.contains_key(&***o)).count()
    }

    fn option_bit(&self, o: &str) -> Option<usize> {
        self.option_ix.get(o).map(|&i| self.options_at + i as usize)
    }

    fn flag_bit(&self, f: &str) -> Option<usize> {
        self.flag_ix.get(f).map(|&i| self.flags_at + i as usize)
    }

    /// What each node itself reads (its replies' conditions and moves, its branches,
    /// its `once` replies, the end-of-conversation rules of an ending), then, through
    /// every node it can lead to, what anything after it can read.
    fn build_masks(&mut self, s: &Scenario) {
        let (n, w) = (self.node_names.len(), self.set_words);
        let mut header = vec![[0u64; HEADER]; n];
        let mut sets = vec![0u64; n * w];
        let mut commits = vec![false; n];
        let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
        for x in 0..n {
            let h = &mut header[x];
            h[0] = NODE_BITS | MOOD_BITS | ACK_BIT | ENDING_BITS;
            h[1] = PAID_ANY_BIT;
            let Some(node) = s.node(&self.node_names[x]) else { continue };
            let mut bits = Vec::new();
            let conds = node.branch.iter().flat_map(|b| &b.when).chain(node.replies.iter().flat_map(|r| &r.when));
            for cond in conds {
                bits.extend(match cond {
                    Condition::Knows(f) => self.fact_bit(f),
                    Condition::Told(f) => self.told_bit(f),
                    Condition::Explored(o) => self.option_bit(o),
                    Condition::Flag(f) | Condition::NotFlag(f) => self.flag_bit(f),
                    Condition::MoodAtLeast(_) | Condition::MoodBelow(_) => None,
                });
            }
            for (r, reply) in node.replies.iter().enumerate() {
                if let Some(Some(bit)) = self.once_bit[x].get(r) {
                    bits.push(self.once_at + *bit as usize);
                }
                for mv in &reply.moves {
                    match mv {
                        Move::LookUp(f) => bits.extend(self.fact_bit(f)),
                        // Telling reads whether the fact is known and was told already.
                        Move::Tell(f) => bits.extend(self.fact_bit(f).into_iter().chain(self.told_bit(f))),
                        // Asking reads whether the desk shows it, and the probe bonus.
                        Move::Ask(f) => {
                            bits.extend(self.fact_bit(f));
                            h[0] |= BONUS_BITS;
                        }
                        Move::Explore(o) => bits.extend(self.option_bit(o)),
                        Move::Commit(_) => {
                            commits[x] = true;
                            h[0] |= COMMITTED_BIT;
                        }
                        Move::Apologize => h[1] |= PAID_BITS | TURN_BITS,
                        Move::Acknowledge | Move::Empathize => h[1] |= TURN_BITS,
                        Move::Probe | Move::Consult | Move::Personalize | Move::ExtraMile => h[0] |= BONUS_BITS,
                        _ => {}
                    }
                }
            }
            if node.end == Some(Ending::Resolved) {
                h[0] |= HANDED_OFF_BIT;
            }
            for bit in bits {
                sets[x * w + bit / 64] |= 1 << (bit % 64);
            }
            succ[x] = node
                .replies
                .iter()
                .map(|r| r.next.as_str())
                .chain(node.branch.iter().map(|b| b.goto.as_str()))
                .filter_map(|t| self.node_ix.get(t).map(|&i| i as usize))
                .collect();
        }
        // Post-order, so that most nodes see their successors' final masks in one
        // pass; loops take a few more.
        let mut order = Vec::with_capacity(n);
        let mut visited = vec![false; n];
        for root in 0..n {
            if visited[root] {
                continue;
            }
            visited[root] = true;
            let mut stack = vec![(root, 0usize)];
            while let Some((x, k)) = stack.pop() {
                if let Some(&next) = succ[x].get(k) {
                    stack.push((x, k + 1));
                    if !visited[next] {
                        visited[next] = true;
                        stack.push((next, 0));
                    }
                } else {
                    order.push(x);
                }
            }
        }
        loop {
            let mut changed = false;
            for &x in &order {
                for &t in &succ[x] {
                    if commits[t] && !commits[x] {
                        commits[x] = true;
                        changed = true;
                    }
                    let ahead = header[t];
                    for (mine, theirs) in header[x].iter_mut().zip(ahead) {
                        changed |= *mine | theirs != *mine;
                        *mine |= theirs;
                    }
                    for i in 0..w {
                        let merged = sets[x * w + i] | sets[t * w + i];
                        changed |= merged != sets[x * w + i];
                        sets[x * w + i] = merged;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        self.header_masks = (0..n)
            .map(|x| {
                // Before the first commitment, a `Commit` reads how many options were explored.
                let mut uncommitted = header[x];
                if commits[x] {
                    uncommitted[2] |= EXPLORED_COUNT_BITS;
                }
                [uncommitted, header[x]]
            })
            .collect();
        self.positions = (0..n)
            .map(|x| {
                let words = &sets[x * w..(x + 1) * w];
                (0..w * 64).filter(|&b| words[b / 64] & (1 << (b % 64)) != 0).map(|b| b as u32).collect()
            })
            .collect();
        self.relevant = sets;
        self.commit_ahead = commits;
    }

    /// Drops from `s` the facts, flags, options and used `once` replies that nothing
    /// ahead can read. The key ignores them already; dropping them keeps the states
    /// waiting in the search small and cheap to copy.
    /// `node` is `self.node(&s.node)`, which the caller already knows.
    pub fn prune(&self, s: &mut RunState, node: u32) {
        let node = node as usize;
        if s.ending.is_some() || node >= self.node_names.len() {
            if s.ending.is_some() {
                s.facts.clear();
                s.told.clear();
                s.explored.clear();
                s.flags.clear();
                s.used_once.clear();
            }
            return;
        }
        let w = self.set_words;
        let relevant = &self.relevant[node * w..(node + 1) * w];
        let keep = |bit: Option<usize>| bit.is_some_and(|b| relevant[b / 64] & (1 << (b % 64)) != 0);
        s.facts.retain(|f| keep(self.fact_bit(f)));
        s.told.retain(|f| keep(self.told_bit(f)));
        s.flags.retain(|f| keep(self.flag_bit(f)));
        if !(s.committed.is_empty() && self.commit_ahead[node]) {
            s.explored.retain(|o| keep(self.option_bit(o)));
        }
        s.used_once.retain(|(n, r)| {
            let bit = self.node_ix.get(n.as_str()).and_then(|&n| self.once_bit[n as usize].get(*r).copied().flatten());
            keep(bit.map(|b| self.once_at + b as usize))
        });
    }

    /// Writes the memo key of `s` into `scratch.key`.
    /// `node` is `self.node(&s.node)`, which the caller already knows.
    pub fn encode(&self, s: &RunState, node: u32, scratch: &mut Scratch) {
        let key = &mut scratch.key;
        key.clear();
        let acknowledged = s.acknowledged_at.is_some();
        let turn = s.turn.min(if acknowledged { 1 } else { self.turn_cap });
        let paid = s.paid_apologies.min(self.paid_cap).min(PAID_BITS as u32);
        let header = [
            u64::from(node)
                | (s.mood.clamp(0, 255) as u64) << 32
                | u64::from(s.bonuses_paid) << 40
                | if acknowledged { ACK_BIT } else { 0 }
                | if s.committed.is_empty() { 0 } else { COMMITTED_BIT }
                | if s.handed_off { HANDED_OFF_BIT } else { 0 }
                | ending_code(s.ending) << 51,
            u64::from(paid) | if s.paid_apologies > 0 { PAID_ANY_BIT } else { 0 } | u64::from(turn) << 32,
            self.fitting_explored(s) as u64 & EXPLORED_COUNT_BITS,
        ];
        let (mask, positions) = if s.ending.is_some() {
            (&self.over_mask, &[][..])
        } else if let Some(masks) = self.header_masks.get(node as usize) {
            (&masks[usize::from(!s.committed.is_empty())], &self.positions[node as usize][..])
        } else {
            key.extend_from_slice(&header);
            return;
        };
        key.extend(header.iter().zip(mask).map(|(h, m)| h & m));
        if positions.is_empty() {
            return;
        }
        let full = &mut scratch.full;
        full.clear();
        full.resize(self.set_words, 0);
        let mut set = |bit: usize| full[bit / 64] |= 1 << (bit % 64);
        for f in &s.facts {
            if let Some(bit) = self.fact_bit(f) {
                set(bit);
            }
        }
        for o in &s.explored {
            if let Some(bit) = self.option_bit(o) {
                set(bit);
            }
        }
        for f in &s.told {
            if let Some(bit) = self.told_bit(f) {
                set(bit);
            }
        }
        for f in &s.flags {
            if let Some(bit) = self.flag_bit(f) {
                set(bit);
            }
        }
        for (n, r) in &s.used_once {
            let bit = self.node_ix.get(n.as_str()).and_then(|&n| self.once_bit[n as usize].get(*r).copied().flatten());
            if let Some(bit) = bit {
                set(self.once_at + bit as usize);
            }
        }
        let mut word = 0u64;
        for (j, &p) in positions.iter().enumerate() {
            if full[p as usize / 64] & (1 << (p % 64)) != 0 {
                word |= 1 << (j % 64);
            }
            if j % 64 == 63 {
                key.push(word);
                word = 0;
            }
        }
        if positions.len() % 64 != 0 {
            key.push(word);
        }
    }
}
