//! A run of one scenario: state, rules, scoring and the debrief. No terminal code.

mod curve;
mod debrief;
pub mod rules;
mod state;
mod step;

pub use curve::MoodMove;
pub use debrief::{
    Better, Debrief, DebriefStep, Judgement, SkillScore, THREE_STAR_GAP, TWO_STAR_GAP, satisfaction, stars,
};
pub use rules::{RuleId, Rules, RulesError, Skill};
pub use state::{Id, RunState, mood_word};
pub use step::{
    MoodChange, apply_reply, apply_reply_silently, conditions_hold, enter_node, fit_of, fitting_explored, minutes_text,
    reply_available, reply_available_in,
};

use crate::scenario::{Channel, Ending, Fact, MoodBand, Scenario, SolutionOption};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// Who said a line of the transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Speaker {
    Customer,
    Agent,
    /// The game itself: endings, walkouts.
    Narrator,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Utterance {
    pub speaker: Speaker,
    pub text: String,
}

/// A mood change with the reply (turn) it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MoodEvent {
    pub turn: u32,
    #[serde(flatten)]
    pub change: MoodChange,
}

/// One reply the player gave, as the debrief and `run --json` show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Turn {
    /// Index of the reply within its node.
    pub index: usize,
    pub text: String,
    pub mood_after: i32,
    /// Simulated minutes the reply took, including any it wasted.
    pub minutes: u32,
}

/// A reply as offered to the player: its index in the node and its filled-in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownReply {
    pub index: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PickError {
    #[error("the conversation is over")]
    Over,
    #[error("reply {0} is not available here")]
    Unavailable(usize),
    #[error("no available reply contains \"{fragment}\"; the replies are:\n{}", list(.available))]
    NoMatch { fragment: String, available: Vec<String> },
    #[error("\"{fragment}\" matches more than one reply; the replies are:\n{}", list(.available))]
    Ambiguous { fragment: String, available: Vec<String> },
}

fn list(replies: &[String]) -> String {
    replies.iter().map(|r| format!("  - {r}")).collect::<Vec<_>>().join("\n")
}

/// The scenario with `{name}` and `{first}` filled in wherever the run shows text:
/// what people say, coach notes, reply notes, desk facts and option labels.
fn with_customer_name(mut scenario: Scenario, name: &str) -> Scenario {
    let first = name.split_whitespace().next().unwrap_or(name).to_string();
    let fill = |text: &mut String| {
        if text.contains('{') {
            *text = text.replace("{name}", name).replace("{first}", &first);
        }
    };
    for fact in &mut scenario.desk {
        fill(&mut fact.label);
        fill(&mut fact.text);
    }
    for option in &mut scenario.options {
        fill(&mut option.label);
    }
    for node in scenario.nodes.values_mut() {
        node.say.iter_mut().for_each(fill);
        if let Some(by_mood) = &mut node.by_mood {
            for lines in [&mut by_mood.calm, &mut by_mood.annoyed, &mut by_mood.angry] {
                lines.iter_mut().for_each(fill);
            }
        }
        node.coach.iter_mut().for_each(fill);
        for reply in &mut node.replies {
            fill(&mut reply.text);
            reply.note.iter_mut().for_each(fill);
        }
    }
    scenario
}

/// One attempt at a scenario. The same scenario, rules, seed and picks always give
/// the same run.
#[derive(Debug, Clone)]
pub struct Run {
    scenario: Scenario,
    rules: Rules,
    seed: u64,
    rng: ChaCha8Rng,
    customer_name: String,
    /// `Scenario::content_hash` of the scenario as written, before names were filled.
    scenario_hash: std::sync::Arc<str>,
    start_mood: i32,
    state: RunState,
    picks: Vec<usize>,
    turns: Vec<Turn>,
    transcript: Vec<Utterance>,
    events: Vec<MoodEvent>,
    /// Reply indices of the current node in the order they are shown.
    order: Vec<usize>,
    /// Each node's reply order, drawn on the first visit and kept for the attempt, so
    /// a returning list reads the same and a number means the same reply.
    orders: HashMap<String, Vec<usize>>,
    /// Lines already said, per node and mood band, so a revisit says something new.
    said: HashMap<(String, Option<MoodBand>), Vec<usize>>,
}

impl Run {
    pub fn new(scenario: Scenario, rules: Rules, seed: u64) -> Run {
        Run::starting_at(scenario, rules, seed, None)
    }

    /// A run whose starting mood is `mood` instead of the one the seed draws; every
    /// other draw is the seed's. The surface lint plays from the starting moods the
    /// analysis explored, so it can measure against their best possible.
    pub fn starting_at(scenario: Scenario, rules: Rules, seed: u64, mood: Option<i32>) -> Run {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let names = &scenario.customer.names;
        let customer_name =
            if names.is_empty() { "the customer".to_string() } else { names[rng.random_range(0..names.len())].clone() };
        let jitter = scenario.customer.mood_jitter.max(0);
        let offset = if jitter > 0 { rng.random_range(-jitter..=jitter) } else { 0 };
        let start_mood = mood.unwrap_or(scenario.customer.mood + offset).clamp(1, 100);
        let scenario_hash = std::sync::Arc::from(scenario.content_hash());
        let scenario = with_customer_name(scenario, &customer_name);
        let state = RunState::start(&scenario, start_mood);
        let mut run = Run {
            scenario,
            rules,
            seed,
            rng,
            customer_name,
            scenario_hash,
            start_mood,
            state,
            picks: Vec::new(),
            turns: Vec::new(),
            transcript: Vec::new(),
            events: Vec::new(),
            order: Vec::new(),
            orders: HashMap::new(),
            said: HashMap::new(),
        };
        let start = run.scenario.start.clone();
        let changes = enter_node(&run.scenario, &run.rules, &mut run.state, &start);
        run.record(changes);
        run.arrive();
        run
    }

    /// Rebuilds a run from its seed and picks (reply indices), e.g. from a save or to rewind.
    pub fn replay(scenario: Scenario, rules: Rules, seed: u64, picks: &[usize]) -> Result<Run, PickError> {
        let mut run = Run::new(scenario, rules, seed);
        for &index in picks {
            run.choose(index)?;
        }
        Ok(run)
    }

    /// The customer speaks on arrival at a node; the replies are shuffled for display.
    fn arrive(&mut self) {
        let Some(node) = self.scenario.node(&self.state.node) else { return };
        let band = MoodBand::of(self.state.mood);
        let (lines, band) = match &node.by_mood {
            Some(by_mood) if !by_mood.for_band(band).is_empty() => (by_mood.for_band(band).to_vec(), Some(band)),
            _ => (node.say.clone(), None),
        };
        let replies = node.replies.len();
        let ends_here = node.end.is_some();
        let line = lines.get(self.draw_line((self.state.node.clone(), band), lines.len())).cloned().unwrap_or_default();
        self.order = match self.orders.get(&self.state.node) {
            Some(order) => order.clone(),
            None => {
                let mut order: Vec<usize> = (0..replies).collect();
                order.shuffle(&mut self.rng);
                self.orders.insert(self.state.node.clone(), order.clone());
                order
            }
        };
        let text = line;
        self.transcript.push(Utterance { speaker: Speaker::Customer, text });
        if self.state.ending == Some(Ending::Walkout) && !ends_here {
            self.walkout_line();
        }
    }

    /// Draws one of `count` lines, none twice until all have been said, and never the
    /// line said last time.
    fn draw_line(&mut self, key: (String, Option<MoodBand>), count: usize) -> usize {
        if count == 0 {
            return 0;
        }
        let said = self.said.entry(key).or_default();
        if said.len() >= count {
            // Start over, still avoiding the line said last (when there is another).
            let last = said.last().copied().filter(|_| count > 1);
            said.clear();
            said.extend(last);
        }
        let fresh: Vec<usize> = (0..count).filter(|i| !said.contains(i)).collect();
        let pick = fresh[self.rng.random_range(0..fresh.len())];
        said.push(pick);
        pick
    }

    fn walkout_line(&mut self) {
        let first = self.first_name().to_string();
        let text = match self.scenario.channel {
            Channel::Phone => format!("{first} has had enough and hangs up."),
            Channel::Chat => format!("{first} has left the chat."),
            Channel::Email => format!("{first} has stopped replying."),
            Channel::Social => format!("{first} has given up on you and stopped replying."),
        };
        self.transcript.push(Utterance { speaker: Speaker::Narrator, text });
    }

    fn record(&mut self, changes: Vec<MoodChange>) {
        let turn = self.state.turn;
        self.events.extend(changes.into_iter().map(|change| MoodEvent { turn, change }));
    }

    pub fn first_name(&self) -> &str {
        self.customer_name.split_whitespace().next().unwrap_or(&self.customer_name)
    }

    /// Picks reply `index` (its position in the node's `replies`).
    pub fn choose(&mut self, index: usize) -> Result<(), PickError> {
        if self.is_over() {
            return Err(PickError::Over);
        }
        if !reply_available(&self.scenario, &self.state, index) {
            return Err(PickError::Unavailable(index));
        }
        let text = self.scenario.node(&self.state.node).map(|n| n.replies[index].text.clone()).unwrap_or_default();
        self.transcript.push(Utterance { speaker: Speaker::Agent, text: text.clone() });
        let clock_before = self.state.clock;
        let changes = apply_reply(&self.scenario, &self.rules, &mut self.state, index);
        self.picks.push(index);
        let minutes = self.state.clock.saturating_sub(clock_before);
        self.turns.push(Turn { index, text, mood_after: self.state.mood, minutes });
        self.record(changes);
        if self.state.ending == Some(Ending::Walkout)
            && self.scenario.node(&self.state.node).is_some_and(|n| n.end.is_none())
        {
            self.walkout_line();
        } else {
            self.arrive();
        }
        Ok(())
    }

    /// The one available reply whose text contains `fragment` (case-insensitive).
    pub fn find_reply(&self, fragment: &str) -> Result<usize, PickError> {
        if self.is_over() {
            return Err(PickError::Over);
        }
        let replies = self.replies();
        let needle = fragment.to_lowercase();
        let matches: Vec<&ShownReply> = replies.iter().filter(|r| r.text.to_lowercase().contains(&needle)).collect();
        let available = || replies.iter().map(|r| r.text.clone()).collect();
        // A fragment that is a whole reply's text picks it even if it is part of others.
        let exact: Vec<&&ShownReply> = matches.iter().filter(|r| r.text.to_lowercase() == needle).collect();
        if let [one] = exact.as_slice() {
            return Ok(one.index);
        }
        match matches.as_slice() {
            [one] => Ok(one.index),
            [] => Err(PickError::NoMatch { fragment: fragment.to_string(), available: available() }),
            _ => Err(PickError::Ambiguous { fragment: fragment.to_string(), available: available() }),
        }
    }

    /// Picks the reply containing `fragment`.
    pub fn pick(&mut self, fragment: &str) -> Result<(), PickError> {
        let index = self.find_reply(fragment)?;
        self.choose(index)
    }

    /// The replies available now, in display order.
    pub fn replies(&self) -> Vec<ShownReply> {
        let Some(node) = self.scenario.node(&self.state.node) else { return Vec::new() };
        if self.is_over() {
            return Vec::new();
        }
        self.order
            .iter()
            .filter(|&&i| reply_available(&self.scenario, &self.state, i))
            .map(|&i| ShownReply { index: i, text: node.replies[i].text.clone() })
            .collect()
    }

    pub fn is_over(&self) -> bool {
        self.state.ending.is_some()
    }

    pub fn state(&self) -> &RunState {
        &self.state
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// `Scenario::content_hash` of the scenario this run plays.
    pub fn scenario_hash(&self) -> &str {
        &self.scenario_hash
    }

    pub fn customer_name(&self) -> &str {
        &self.customer_name
    }

    pub fn start_mood(&self) -> i32 {
        self.start_mood
    }

    pub fn picks(&self) -> &[usize] {
        &self.picks
    }

    /// The replies given so far, with the mood after each and its time cost.
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    pub fn transcript(&self) -> &[Utterance] {
        &self.transcript
    }

    pub fn events(&self) -> &[MoodEvent] {
        &self.events
    }

    /// The coach's note for the current node, if the scenario has one.
    pub fn coach_note(&self) -> Option<String> {
        let node = self.scenario.node(&self.state.node)?;
        node.coach.clone()
    }

    /// Desk facts the agent can see now, in desk order.
    pub fn known_facts(&self) -> Vec<&Fact> {
        self.scenario.desk.iter().filter(|f| self.state.facts.contains(f.id.as_str())).collect()
    }

    /// Options explored so far, in the scenario's order.
    pub fn explored_options(&self) -> Vec<&SolutionOption> {
        self.scenario.options.iter().filter(|o| self.state.explored.contains(o.id.as_str())).collect()
    }

    /// Undoes the last reply by replaying the run without it.
    pub fn rewind(&self) -> Run {
        let picks = &self.picks[..self.picks.len().saturating_sub(1)];
        let mut run = Run::replay(self.scenario.clone(), self.rules.clone(), self.seed, picks)
            .expect("a prefix of valid picks is valid");
        // `self.scenario` has the customer's name filled in: its hash is not the
        // scenario's. The attempt is still of the scenario as written.
        run.scenario_hash = self.scenario_hash.clone();
        run
    }

    /// The debrief, judged against `judgement` (what the analysis found possible
    /// from this run's start; `crate::analysis::judge` computes it).
    pub fn debrief(&self, judgement: &Judgement) -> Debrief {
        Debrief::of(self, judgement)
    }
}
