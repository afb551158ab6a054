//! The surface lint: plays each scenario with strategies that never read the
//! customer or the desk, only the replies' surface (their length, their position,
//! stock cue words), and warns where one of them scores like judgment would. A
//! scenario such a strategy can win teaches trainees to spot wording.

use super::{Analysis, Finding, Place, best_possible, short};
use crate::engine::{Rules, Run, stars};
use crate::scenario::{Ending, Scenario};
use serde::Serialize;

/// Seeds every strategy is played with. Seed k starts from the k-th of the starting
/// moods the analysis explored (base, lowest, highest, in turn), whose best possible
/// the analysis already knows.
pub const SURFACE_SEEDS: std::ops::RangeInclusive<u64> = 1..=5;
/// A surface strategy's mean final mood must stay more than this many points below
/// the mean of the best possible from the same starts.
pub const SURFACE_MARGIN: f64 = 15.0;
/// Replies a strategy may give before the lint calls its conversation endless.
const MAX_TURNS: usize = 60;

/// Stock phrases a reply-spotter learns to prefer: promises of action and
/// generosity. `CueWords` picks the reply with the most of them.
pub const CUE_WORDS: [&str; 14] = [
    "let me check",
    "let me look",
    "i can also",
    "i'll",
    "right away",
    "right now",
    "done",
    "sorted",
    "booked",
    "refund",
    "for you",
    "straight away",
    "free",
    "personally",
];

/// A way of picking replies by their surface alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// Always the longest reply.
    Longest,
    /// Always the shortest reply.
    Shortest,
    /// Always the first reply listed.
    First,
    /// Always the last reply listed.
    Last,
    /// The reply with the most stock cue words (`CUE_WORDS`), avoiding "sorry" after
    /// the opening.
    CueWords,
}

impl Strategy {
    pub const ALL: [Strategy; 5] =
        [Strategy::Longest, Strategy::Shortest, Strategy::First, Strategy::Last, Strategy::CueWords];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Longest => "longest",
            Strategy::Shortest => "shortest",
            Strategy::First => "first",
            Strategy::Last => "last",
            Strategy::CueWords => "cue-words",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Strategy::Longest => "always picking the longest reply",
            Strategy::Shortest => "always picking the shortest reply",
            Strategy::First => "always picking the first reply listed",
            Strategy::Last => "always picking the last reply listed",
            Strategy::CueWords => "picking replies by stock cue words",
        }
    }

    /// Position in `texts` (display order) of the reply this strategy picks.
    pub fn pick(self, texts: &[String], turn: usize) -> usize {
        let by_key = |key: &dyn Fn(&str) -> i64| {
            // The first of the replies with the highest key.
            let mut best = 0;
            for (i, t) in texts.iter().enumerate() {
                if key(t) > key(&texts[best]) {
                    best = i;
                }
            }
            best
        };
        match self {
            Strategy::Longest => by_key(&|t| t.chars().count() as i64),
            Strategy::Shortest => by_key(&|t| -(t.chars().count() as i64)),
            Strategy::First => 0,
            Strategy::Last => texts.len().saturating_sub(1),
            Strategy::CueWords => by_key(&|t| cue_score(t, turn)),
        }
    }
}

/// Cue words in `text`, less a penalty for an apology after the opening reply.
pub fn cue_score(text: &str, turn: usize) -> i64 {
    let lower = text.to_lowercase();
    let cues = CUE_WORDS.iter().filter(|w| lower.contains(*w)).count() as i64;
    let sorry = turn > 0 && (lower.contains("sorry") || lower.contains("apolog"));
    cues - if sorry { 2 } else { 0 }
}

/// One seeded conversation played by a strategy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurfaceRun {
    pub seed: u64,
    pub start_mood: i32,
    /// `None`: the conversation did not end within the turn limit.
    pub ending: Option<Ending>,
    pub final_mood: i32,
    pub stars: u8,
    pub best_possible: Option<i32>,
}

impl SurfaceRun {
    /// Mood points below the best possible from the same start.
    pub fn gap(&self) -> Option<i32> {
        self.best_possible.map(|best| best - self.final_mood)
    }
}

/// A strategy's runs over `SURFACE_SEEDS`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurfaceResult {
    pub strategy: Strategy,
    pub runs: Vec<SurfaceRun>,
    pub mean_mood: f64,
    /// The mean of the best possible final moods over the same starts.
    pub best_mean: f64,
    pub three_star_runs: usize,
    /// Scored like judgment: 3 stars on some seed, or a mean within
    /// `SURFACE_MARGIN` of the best possible.
    pub flagged: bool,
}

/// Plays `strategy` once from `seed`, starting at `mood` (`None`: the seed's draw).
pub fn play_strategy(scenario: &Scenario, rules: &Rules, strategy: Strategy, seed: u64, mood: Option<i32>) -> Run {
    let mut run = Run::starting_at(scenario.clone(), rules.clone(), seed, mood);
    for turn in 0..MAX_TURNS {
        let replies = run.replies();
        if replies.is_empty() {
            break;
        }
        let texts: Vec<String> = replies.iter().map(|r| r.text.clone()).collect();
        let index = replies[strategy.pick(&texts, turn)].index;
        if run.choose(index).is_err() {
            break;
        }
    }
    run
}

fn mean(values: impl Iterator<Item = i32>) -> f64 {
    let (sum, n) = values.fold((0i64, 0i64), |(s, n), v| (s + i64::from(v), n + 1));
    if n == 0 { 0.0 } else { sum as f64 / n as f64 }
}

/// Plays every surface strategy over `SURFACE_SEEDS`; a warning for each strategy
/// that scores like judgment. `analysis` is the scenario's own (it knows the best
/// possible from each starting mood it explored).
pub fn surface_lint(scenario: &Scenario, rules: &Rules, analysis: &Analysis) -> (Vec<SurfaceResult>, Vec<Finding>) {
    let starts = analysis.start_moods();
    let mut results = Vec::new();
    let mut findings = Vec::new();
    for strategy in Strategy::ALL {
        let runs: Vec<SurfaceRun> = SURFACE_SEEDS
            .map(|seed| {
                let mood = (!starts.is_empty()).then(|| starts[(seed as usize - 1) % starts.len()]);
                let run = play_strategy(scenario, rules, strategy, seed, mood);
                let best = analysis
                    .best_from(run.start_mood())
                    .unwrap_or_else(|| best_possible(scenario, rules, run.start_mood()));
                let state = run.state();
                SurfaceRun {
                    seed,
                    start_mood: run.start_mood(),
                    ending: state.ending,
                    final_mood: state.mood,
                    stars: stars(state.ending, state.mood, best),
                    best_possible: best,
                }
            })
            .collect();
        let mean_mood = mean(runs.iter().map(|r| r.final_mood));
        let best_mean = mean(runs.iter().filter_map(|r| r.best_possible));
        let three_star = runs.iter().filter(|r| r.stars >= 3).min_by_key(|r| r.gap());
        let close = best_mean - mean_mood <= SURFACE_MARGIN;
        let what = match three_star {
            Some(run) => Some(format!(
                "reaches 3 stars on seed {} (mood {}, best possible {})",
                run.seed,
                run.final_mood,
                run.best_possible.map_or_else(|| "-".to_string(), |b| b.to_string())
            )),
            None if close => Some(format!(
                "ends at a mean mood of {mean_mood:.0}, within {SURFACE_MARGIN:.0} of the best possible mean \
                 ({best_mean:.0})"
            )),
            None => None,
        };
        if let Some(what) = &what {
            findings.push(Finding::warning(
                Place::Scenario,
                format!(
                    "surface lint: {} {what} over seeds {}-{}; make good and poor replies alike in length, \
                     position and wording (strategy \"{}\")",
                    strategy.describe(),
                    SURFACE_SEEDS.start(),
                    SURFACE_SEEDS.end(),
                    short(strategy.name()),
                ),
            ));
        }
        results.push(SurfaceResult {
            strategy,
            mean_mood,
            best_mean,
            three_star_runs: runs.iter().filter(|r| r.stars >= 3).count(),
            flagged: what.is_some(),
            runs,
        });
    }
    (results, findings)
}
