//! What `frontline check` finds beyond validation: every state a run of a scenario
//! can reach, explored exhaustively through the engine's own rules; the scenario's
//! own tests; and the research lint (the research-backed path must beat the
//! apology-heavy one by a clear margin). Domain logic only, no terminal.
//!
//! ```no_run
//! use frontline::analysis::analyze;
//! use frontline::engine::Rules;
//! # let scenario: frontline::scenario::Scenario = unimplemented!();
//! let analysis = analyze(&scenario, &Rules::default());
//! println!("{} states, best mood {:?}", analysis.states, analysis.best.map(|p| p.mood));
//! ```

mod check;
mod expect;
mod explore;
mod generate;
mod judge;
mod key;
mod lint;
mod starter;
mod surface;

pub use check::{CheckReport, ScenarioReport, check_scenario, check_sources};
pub use expect::{TestOutcome, run_test, run_tests};
pub use explore::{analyze, analyze_with};
#[doc(hidden)]
pub use generate::{flag_explosion, generate_scenario};
pub use judge::{best_possible, debrief, judge};
pub use lint::{LintSide, LintStatus, RESEARCH_MARGIN, ResearchLint, research_lint};
pub use starter::{NewIdError, check_new_id, starter_scenario};
pub use surface::{
    CUE_WORDS, SURFACE_MARGIN, SURFACE_SEEDS, Strategy, SurfaceResult, SurfaceRun, cue_score, play_strategy,
    surface_lint,
};

use crate::scenario::{Diagnostic, Ending, Locator, PathSeg, Severity};
use serde::Serialize;

/// The most states the analysis explores before it stops and says so.
pub const DEFAULT_MAX_STATES: usize = 1_000_000;
/// The most work it does: replies looked at, plus replies played (each counted as
/// `PLAY_COST` looks). States alone bound nothing when each has hundreds of replies.
pub const DEFAULT_MAX_WORK: u64 = 60_000_000;
/// The most memory its graph, memo and queue may take, estimated as they grow.
pub const DEFAULT_MAX_BYTES: u64 = 300 * 1024 * 1024;
/// Playing a reply (copying the state, applying the rules, encoding the result)
/// costs about this many availability checks.
pub const PLAY_COST: u64 = 20;

/// Bounds on the exhaustive search: whichever is reached first stops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_states: usize,
    pub max_work: u64,
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_states: DEFAULT_MAX_STATES, max_work: DEFAULT_MAX_WORK, max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// Which bound stopped a search, with what it had explored by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stopped {
    /// `states`, `work` or `memory`.
    pub limit: &'static str,
    pub states: usize,
    /// Replies looked at and played, in `PLAY_COST` units.
    pub work: u64,
    /// Estimated bytes in use.
    pub bytes: u64,
}

impl Stopped {
    pub fn describe(&self) -> String {
        let what = match self.limit {
            "states" => "the most states it explores",
            "work" => "the most work it does",
            _ => "the most memory it may use",
        };
        format!(
            "the analysis stopped at its limit ({what}) after {} states, {} units of work and about {} MB",
            self.states,
            self.work,
            self.bytes / (1024 * 1024)
        )
    }
}

/// Where in a scenario file a finding points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Place {
    /// The scenario as a whole (its opening line).
    Scenario,
    Node(String),
    Reply {
        node: String,
        index: usize,
    },
    /// A scenario test, by its position in `tests`.
    Test(usize),
}

impl Place {
    /// Line and column of this place in the scenario's source.
    pub fn locate(&self, locator: &Locator) -> (usize, usize) {
        use PathSeg::{Field, Index, Key};
        match self {
            Place::Scenario => locator.locate(&[]),
            Place::Node(id) => locator.locate(&[Field("nodes"), Key(id)]),
            Place::Reply { node, index } => {
                locator.locate(&[Field("nodes"), Key(node), Field("replies"), Index(*index)])
            }
            Place::Test(i) => locator.locate(&[Field("tests"), Index(*i)]),
        }
    }
}

/// One problem the analysis, a scenario test or the lint found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub place: Place,
    pub message: String,
}

impl Finding {
    pub fn error(place: Place, message: impl Into<String>) -> Finding {
        Finding { severity: Severity::Error, place, message: message.into() }
    }

    pub fn warning(place: Place, message: impl Into<String>) -> Finding {
        Finding { severity: Severity::Warning, place, message: message.into() }
    }

    /// As a `file:line:col` diagnostic.
    pub fn diagnostic(&self, file: &str, locator: &Locator) -> Diagnostic {
        let pos = Some(self.place.locate(locator));
        Diagnostic { severity: self.severity, file: file.to_string(), pos, message: self.message.clone() }
    }
}

/// A way through the scenario found by the analysis: the shortest sequence of
/// replies that ends this way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathSummary {
    pub ending: Ending,
    /// The ending node, or the node where the customer walked out.
    pub node: String,
    pub mood: i32,
    /// Apologies past the free one in the opening.
    pub paid_apologies: u32,
    /// Reply indices within each node, as `Run::replay` takes them.
    pub replies: Vec<usize>,
    /// The reply texts, as written in the file (placeholders unfilled).
    pub picks: Vec<String>,
}

/// One way a conversation can end, with the range of final moods that reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndingReach {
    pub ending: Ending,
    /// The ending node; `None` for the engine's walkout when mood reaches 0.
    pub node: Option<String>,
    pub best_mood: i32,
    pub worst_mood: i32,
    /// Distinct end states with this ending.
    pub states: usize,
}

/// States from which no ending can be reached, found where a path first enters them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trap {
    /// The node where the conversation first can no longer end.
    pub node: String,
    /// The shortest reply texts that lead there.
    pub picks: Vec<String>,
    /// Nodes where the conversation gets stuck with no reply available.
    pub stuck_at: Vec<String>,
    /// Nodes the conversation can still move between once trapped.
    pub loop_nodes: Vec<String>,
}

/// Everything the exhaustive analysis learnt about one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// Distinct states explored (states that differ only in what cannot change the
    /// rest of the conversation count once).
    pub states: usize,
    /// The search stopped at one of its `Limits`; reachability was not fully checked.
    pub capped: bool,
    /// Which limit stopped it, and how far it got.
    pub stopped: Option<Stopped>,
    /// For each starting mood explored (the base, then both ends of the jitter), the
    /// best final mood of a resolved conversation from it: what stars are measured
    /// against. `None` where no resolved ending is reachable or the search was capped.
    pub best_by_start: Vec<(i32, Option<i32>)>,
    pub endings: Vec<EndingReach>,
    pub best: Option<PathSummary>,
    pub worst: Option<PathSummary>,
    /// The best path with no apology past the opening.
    pub research: Option<PathSummary>,
    /// Among the paths with the most apologies past the opening, the best.
    pub apology_heavy: Option<PathSummary>,
    pub unreached_nodes: Vec<String>,
    /// Nodes entered only to be left at once by a `branch`, so they never speak.
    pub passed_through_nodes: Vec<String>,
    /// (node, reply index) of replies offered in no reachable state.
    pub unshown_replies: Vec<(String, usize)>,
    pub traps: Vec<Trap>,
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// The starting moods the analysis explored, base first.
    pub fn start_moods(&self) -> Vec<i32> {
        self.best_by_start.iter().map(|&(m, _)| m).collect()
    }

    /// The best possible from `mood`, if the analysis explored that start.
    pub fn best_from(&self, mood: i32) -> Option<Option<i32>> {
        self.best_by_start.iter().find(|&&(m, _)| m == mood).map(|&(_, best)| best)
    }

    pub fn error_count(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }
}

/// Shortens a reply text for a one-line message.
pub(crate) fn short(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Reply texts as a quoted, arrowed list for messages.
pub(crate) fn picks_text(picks: &[String]) -> String {
    if picks.is_empty() {
        return "(no replies)".to_string();
    }
    picks.iter().map(|p| format!("\"{}\"", short(p))).collect::<Vec<_>>().join(" → ")
}
