//! The scenario model: what a trainer writes in a `.ron` file, and how it is loaded,
//! located and validated. Nothing here knows about the terminal.

mod load;
mod locate;
mod validate;

pub use load::{
    BUNDLED, Diagnostic, Library, LoadReport, LoadedScenario, MAX_SCENARIO_BYTES, Severity, SourceFile,
    bundled_sources, forbidden_char, load_library, load_sources, parse_scenario, read_paths,
};
pub use locate::{Locator, PathSeg};
pub use validate::validate;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole scenario file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub track: String,
    pub difficulty: u8,
    pub channel: Channel,
    #[serde(default)]
    pub requires: Vec<String>,
    pub customer: Customer,
    #[serde(default)]
    pub desk: Vec<Fact>,
    #[serde(default)]
    pub options: Vec<SolutionOption>,
    pub start: String,
    pub nodes: BTreeMap<String, Node>,
    /// Extension: expectations `frontline check` runs, like doc tests.
    #[serde(default)]
    pub tests: Vec<ScenarioTest>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Phone,
    Chat,
    Email,
    Social,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Phone, Channel::Chat, Channel::Email, Channel::Social];

    /// The channel as a phrase: "customers on the phone expect…".
    pub fn medium(self) -> &'static str {
        match self {
            Channel::Phone => "the phone",
            Channel::Chat => "chat",
            Channel::Email => "email",
            Channel::Social => "social media",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Phone => "Phone",
            Channel::Chat => "Chat",
            Channel::Email => "Email",
            Channel::Social => "Social",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub names: Vec<String>,
    pub register: Register,
    pub fluency: Fluency,
    pub values: Value,
    pub mood: i32,
    #[serde(default)]
    pub mood_jitter: i32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Register {
    Casual,
    Neutral,
    Formal,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Fluency {
    Native,
    Learner,
}

/// What the customer values most; persona traits scale the rule weights.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    Speed,
    Warmth,
    Detail,
    Brevity,
}

impl Value {
    /// The value as a file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Value::Speed => "Speed",
            Value::Warmth => "Warmth",
            Value::Detail => "Detail",
            Value::Brevity => "Brevity",
        }
    }
}

/// A fact on the agent's desk.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub shown: bool,
}

/// A solution worth exploring.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SolutionOption {
    pub id: String,
    pub label: String,
    /// Extension: how well the option serves this customer (`Good` when absent).
    #[serde(default)]
    pub fit: Fit,
}

/// How well an option serves this customer. Only `Good` and `Fair` options count
/// toward the range bonus; exploring or committing to a `Poor` one costs mood.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fit {
    #[default]
    Good,
    Fair,
    Poor,
}

impl Fit {
    /// Whether exploring an option of this fit counts as a real option.
    pub fn counts(self) -> bool {
        self != Fit::Poor
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub say: Vec<String>,
    /// Extension: lines used instead of `say` when the customer is in that mood band.
    #[serde(default)]
    pub by_mood: Option<MoodLines>,
    /// Extension: a coach's tip shown beside the conversation (used by the tutorial).
    #[serde(default)]
    pub coach: Option<String>,
    #[serde(default)]
    pub branch: Vec<Branch>,
    #[serde(default)]
    pub replies: Vec<Reply>,
    #[serde(default)]
    pub end: Option<Ending>,
}

/// Mood-dependent customer lines. A band left empty falls back to `say`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MoodLines {
    #[serde(default)]
    pub calm: Vec<String>,
    #[serde(default)]
    pub annoyed: Vec<String>,
    #[serde(default)]
    pub angry: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MoodBand {
    Calm,
    Annoyed,
    Angry,
}

impl MoodBand {
    /// Angry below 30, annoyed from 30 to 59, calm from 60.
    pub fn of(mood: i32) -> MoodBand {
        match mood {
            i32::MIN..=29 => MoodBand::Angry,
            30..=59 => MoodBand::Annoyed,
            _ => MoodBand::Calm,
        }
    }
}

impl MoodLines {
    pub fn for_band(&self, band: MoodBand) -> &[String] {
        match band {
            MoodBand::Calm => &self.calm,
            MoodBand::Annoyed => &self.annoyed,
            MoodBand::Angry => &self.angry,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub when: Vec<Condition>,
    pub goto: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub text: String,
    pub moves: Vec<Move>,
    #[serde(default)]
    pub when: Vec<Condition>,
    #[serde(default)]
    pub mood: i32,
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub once: bool,
    #[serde(default)]
    pub set: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub next: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Move {
    Acknowledge,
    Apologize,
    Empathize,
    Probe,
    LookUp(String),
    Consult,
    Explore(String),
    Commit(String),
    Personalize,
    ExtraMile,
    DeflectToCustomer,
    Transfer,
    Callback,
    Escalate,
    Scripted,
    Close,
    /// Extension: casual slang or emoticons, which a learner of the language cannot read.
    Slang,
    /// Extension: tells the customer a desk fact the agent knows. The customer
    /// reacts only to what was told (`Told`), never to a look-up they did not hear.
    Tell(String),
    /// Extension: asks the customer for a desk fact. Asking for something the desk
    /// already shows costs; otherwise it is a question that finds out, and the
    /// answer lands on the desk.
    Ask(String),
}

impl Move {
    /// Moves that do something for the customer, so empathy beside them is not hollow.
    pub fn is_action(&self) -> bool {
        matches!(
            self,
            Move::Probe
                | Move::Ask(_)
                | Move::Tell(_)
                | Move::LookUp(_)
                | Move::Consult
                | Move::Explore(_)
                | Move::Commit(_)
                | Move::ExtraMile
                | Move::Escalate
        )
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Condition {
    Knows(String),
    Explored(String),
    Flag(String),
    NotFlag(String),
    MoodAtLeast(i32),
    MoodBelow(i32),
    /// Extension: the agent has told the customer this desk fact (`Tell`).
    Told(String),
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ending {
    Resolved,
    Callback,
    Transfer,
    Escalated,
    Walkout,
    Unresolved,
}

impl Ending {
    pub fn label(self) -> &'static str {
        match self {
            Ending::Resolved => "Resolved",
            Ending::Callback => "Callback promised",
            Ending::Transfer => "Transferred",
            Ending::Escalated => "Escalated",
            Ending::Walkout => "Customer walked out",
            Ending::Unresolved => "Unresolved",
        }
    }
}

/// Extension: a scenario's own expectation, run by `frontline check`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioTest {
    pub name: String,
    /// What this path stands for; the research lint compares `Research` with `Apology`.
    #[serde(default)]
    pub kind: TestKind,
    /// Text fragments, one per reply, as with `frontline run --pick`.
    pub picks: Vec<String>,
    pub expect: Ending,
    #[serde(default)]
    pub min_mood: Option<i32>,
    #[serde(default)]
    pub max_mood: Option<i32>,
    #[serde(default)]
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum TestKind {
    Research,
    Apology,
    #[default]
    Other,
}

impl Scenario {
    /// SHA-256 of the scenario's content (as parsed: comments and layout do not
    /// count), in hex. An attempt records it, so a replay can tell when the
    /// scenario has changed since.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let canonical = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&canonical).iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id)
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.desk.iter().find(|f| f.id == id)
    }

    pub fn option(&self, id: &str) -> Option<&SolutionOption> {
        self.options.iter().find(|o| o.id == id)
    }
}
