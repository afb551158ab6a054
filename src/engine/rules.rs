//! The global rules that turn a reply's moves into mood changes, with weights read
//! from a RON rules file so trainers can tune them.

use crate::scenario::{Channel, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The longest a reply or the clock's expectation may be: a week, in minutes.
pub const MAX_MINUTES: u32 = 7 * 24 * 60;

/// The largest rules file read.
pub const MAX_RULES_BYTES: u64 = 256 * 1024;

/// The bundled default weights.
pub const DEFAULT_RULES: &str = include_str!("default_rules.ron");

/// Every rule that can change the customer's mood.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    EarlyAcknowledgment,
    LateAcknowledgment,
    NoAcknowledgment,
    ExtraApology,
    EmptyEmpathy,
    OptionExplored,
    RangeOfOptions,
    LookUp,
    Consult,
    Probe,
    Personalize,
    ExtraMile,
    Deflect,
    Transfer,
    Callback,
    Escalate,
    Scripted,
    ToneMismatch,
    FirstContactResolution,
    SlowReply,
    PoorOption,
    PoorCommitment,
    PromptCommitment,
    KeptInformed,
    NeedlessQuestion,
    /// A change written into the scenario itself.
    Scenario,
}

/// The skills a debrief scores.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skill {
    Acknowledgment,
    ApologyDiscipline,
    Exploration,
    FirstContactResolution,
    Tone,
    Responsiveness,
}

impl Skill {
    pub const ALL: [Skill; 6] = [
        Skill::Acknowledgment,
        Skill::ApologyDiscipline,
        Skill::Exploration,
        Skill::FirstContactResolution,
        Skill::Tone,
        Skill::Responsiveness,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Skill::Acknowledgment => "Acknowledgment speed",
            Skill::ApologyDiscipline => "Apology discipline",
            Skill::Exploration => "Option exploration",
            Skill::FirstContactResolution => "First-contact resolution",
            Skill::Tone => "Tone",
            Skill::Responsiveness => "Responsiveness",
        }
    }
}

impl RuleId {
    /// The rule's name as a rules file writes it.
    pub fn name(self) -> &'static str {
        match self {
            RuleId::EarlyAcknowledgment => "EarlyAcknowledgment",
            RuleId::LateAcknowledgment => "LateAcknowledgment",
            RuleId::NoAcknowledgment => "NoAcknowledgment",
            RuleId::ExtraApology => "ExtraApology",
            RuleId::EmptyEmpathy => "EmptyEmpathy",
            RuleId::OptionExplored => "OptionExplored",
            RuleId::RangeOfOptions => "RangeOfOptions",
            RuleId::LookUp => "LookUp",
            RuleId::Consult => "Consult",
            RuleId::Probe => "Probe",
            RuleId::Personalize => "Personalize",
            RuleId::ExtraMile => "ExtraMile",
            RuleId::Deflect => "Deflect",
            RuleId::Transfer => "Transfer",
            RuleId::Callback => "Callback",
            RuleId::Escalate => "Escalate",
            RuleId::Scripted => "Scripted",
            RuleId::ToneMismatch => "ToneMismatch",
            RuleId::FirstContactResolution => "FirstContactResolution",
            RuleId::SlowReply => "SlowReply",
            RuleId::PoorOption => "PoorOption",
            RuleId::PoorCommitment => "PoorCommitment",
            RuleId::PromptCommitment => "PromptCommitment",
            RuleId::KeptInformed => "KeptInformed",
            RuleId::NeedlessQuestion => "NeedlessQuestion",
            RuleId::Scenario => "Scenario",
        }
    }

    /// Every global rule, in the order the help explains them (the scenario's own
    /// changes are not a rule a player can learn).
    pub const ALL: [RuleId; 25] = [
        RuleId::EarlyAcknowledgment,
        RuleId::LateAcknowledgment,
        RuleId::NoAcknowledgment,
        RuleId::ExtraApology,
        RuleId::EmptyEmpathy,
        RuleId::OptionExplored,
        RuleId::RangeOfOptions,
        RuleId::PromptCommitment,
        RuleId::PoorOption,
        RuleId::PoorCommitment,
        RuleId::LookUp,
        RuleId::KeptInformed,
        RuleId::Consult,
        RuleId::Probe,
        RuleId::NeedlessQuestion,
        RuleId::Personalize,
        RuleId::Scripted,
        RuleId::ExtraMile,
        RuleId::Deflect,
        RuleId::Transfer,
        RuleId::Callback,
        RuleId::Escalate,
        RuleId::ToneMismatch,
        RuleId::FirstContactResolution,
        RuleId::SlowReply,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RuleId::EarlyAcknowledgment => "Quick acknowledgment",
            RuleId::LateAcknowledgment => "Late acknowledgment",
            RuleId::NoAcknowledgment => "Never acknowledged",
            RuleId::ExtraApology => "Extra apology",
            RuleId::EmptyEmpathy => "Empathy without action",
            RuleId::OptionExplored => "Option explored",
            RuleId::RangeOfOptions => "Range of options",
            RuleId::LookUp => "Looked it up",
            RuleId::Consult => "Asked a colleague",
            RuleId::Probe => "Asked a good question",
            RuleId::Personalize => "Personal touch",
            RuleId::ExtraMile => "Extra mile",
            RuleId::Deflect => "Legwork pushed to the customer",
            RuleId::Transfer => "Transfer",
            RuleId::Callback => "Callback",
            RuleId::Escalate => "Escalation",
            RuleId::Scripted => "Scripted phrasing",
            RuleId::ToneMismatch => "Tone mismatch",
            RuleId::FirstContactResolution => "Solved in one contact",
            RuleId::SlowReply => "Slow reply",
            RuleId::PoorOption => "Option that doesn't fit",
            RuleId::PoorCommitment => "Settled on a poor fit",
            RuleId::PromptCommitment => "Settled promptly",
            RuleId::KeptInformed => "Kept the customer informed",
            RuleId::NeedlessQuestion => "Asked what the desk shows",
            RuleId::Scenario => "Customer's reaction",
        }
    }

    /// The principle behind the rule, for the debrief and mentor mode.
    pub fn principle(self) -> &'static str {
        match self {
            RuleId::EarlyAcknowledgment | RuleId::LateAcknowledgment | RuleId::NoAcknowledgment => {
                "Show the customer straight away that you have understood the problem."
            }
            RuleId::ExtraApology => "One short apology is enough; after that, customers want to see the fix.",
            RuleId::EmptyEmpathy => "Sympathy that comes with no next step sounds helpless, not helpful.",
            RuleId::OptionExplored | RuleId::RangeOfOptions => {
                "Customers judge you most on how inventively you look for ways to solve it."
            }
            RuleId::PoorOption | RuleId::PoorCommitment => {
                "Options count only when they fit this customer; a generous-sounding one that doesn't help costs trust."
            }
            RuleId::PromptCommitment => "A customer in a hurry wants a good fix settled, not a long list.",
            RuleId::KeptInformed => "Keep the customer informed: tell them what you found, even before the fix.",
            RuleId::NeedlessQuestion => {
                "Read the desk first; asking for what you already have wastes the customer's time."
            }
            RuleId::LookUp => "The full picture on your desk lets you answer instead of guessing.",
            RuleId::Consult => "A quick word with a colleague beats handing the customer on.",
            RuleId::Probe => "The stated request can hide the real need; a good question finds it.",
            RuleId::Personalize | RuleId::Scripted => "Sound like a person, not a script.",
            RuleId::ExtraMile | RuleId::Deflect => "Do the legwork yourself rather than sending the customer to do it.",
            RuleId::Transfer | RuleId::Callback | RuleId::Escalate => {
                "Every hand-off or 'we'll call you back' makes the problem last longer."
            }
            RuleId::ToneMismatch => "Read the customer's cues and match their register and language.",
            RuleId::FirstContactResolution => "Solving it in the first contact is what customers remember.",
            RuleId::SlowReply => "Each channel has an expected reply time; keep the customer informed within it.",
            RuleId::Scenario => "How this particular customer took that reply.",
        }
    }

    pub fn skill(self) -> Option<Skill> {
        Some(match self {
            RuleId::EarlyAcknowledgment | RuleId::LateAcknowledgment | RuleId::NoAcknowledgment => {
                Skill::Acknowledgment
            }
            RuleId::ExtraApology | RuleId::EmptyEmpathy => Skill::ApologyDiscipline,
            RuleId::OptionExplored
            | RuleId::RangeOfOptions
            | RuleId::PromptCommitment
            | RuleId::PoorOption
            | RuleId::PoorCommitment
            | RuleId::LookUp
            | RuleId::Consult
            | RuleId::Probe
            | RuleId::NeedlessQuestion => Skill::Exploration,
            RuleId::Transfer | RuleId::Callback | RuleId::Escalate | RuleId::FirstContactResolution => {
                Skill::FirstContactResolution
            }
            RuleId::Personalize | RuleId::Scripted | RuleId::ToneMismatch | RuleId::ExtraMile | RuleId::Deflect => {
                Skill::Tone
            }
            RuleId::SlowReply | RuleId::KeptInformed => Skill::Responsiveness,
            RuleId::Scenario => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgeRules {
    /// Acknowledging within this many replies earns `early_bonus`.
    pub early_within: u32,
    pub early_bonus: i32,
    /// Acknowledging after this many replies costs `late_penalty`.
    pub late_after: u32,
    pub late_penalty: i32,
    /// Charged at the end when the customer was never acknowledged.
    pub never_penalty: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ApologyRules {
    pub free_in_opening: bool,
    /// Cost of the first apology that is not free; each later one costs `step` more.
    pub first_cost: i32,
    pub step: i32,
    pub wasted_minutes: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExploreRules {
    /// Each `Good` or `Fair` option explored.
    pub per_option: i32,
    /// Fitting options explored before the first commitment that count as a real range.
    pub range_min: usize,
    pub range_bonus: i32,
    pub per_extra_option: i32,
    /// Cost of exploring a `Poor` option (one that doesn't help this customer).
    #[serde(default = "default_poor_option")]
    pub poor_option: i32,
    /// Cost of committing to a `Poor` option.
    #[serde(default = "default_poor_commit")]
    pub poor_commit: i32,
    /// Bonus for a first commitment to a `Good` option after at most `prompt_within`
    /// fitting options: what a customer in a hurry values (traits scale it).
    #[serde(default = "default_prompt_commit")]
    pub prompt_commit: i32,
    #[serde(default = "default_prompt_within")]
    pub prompt_within: usize,
}

fn default_poor_option() -> i32 {
    4
}
fn default_poor_commit() -> i32 {
    8
}
fn default_prompt_commit() -> i32 {
    2
}
fn default_prompt_within() -> usize {
    2
}
fn default_tell() -> i32 {
    2
}
fn default_needless_question() -> i32 {
    3
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChannelClock {
    pub default_minutes: u32,
    pub expected_minutes: u32,
}

/// All rule weights. Costs are positive numbers that are subtracted.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub acknowledge: AcknowledgeRules,
    pub apology: ApologyRules,
    pub explore: ExploreRules,
    pub empathy_without_action: i32,
    pub look_up: i32,
    pub consult: i32,
    pub probe: i32,
    pub personalize: i32,
    pub extra_mile: i32,
    pub deflect: i32,
    pub transfer: i32,
    pub callback: i32,
    pub escalate: i32,
    pub scripted: i32,
    pub scripted_to_casual: i32,
    pub slang_to_learner: i32,
    pub slang_to_formal: i32,
    pub first_contact_resolution: i32,
    pub slow_reply: i32,
    /// Telling the customer a desk fact, once per fact.
    #[serde(default = "default_tell")]
    pub tell: i32,
    /// Asking the customer for something the desk already shows.
    #[serde(default = "default_needless_question")]
    pub needless_question: i32,
    pub channels: BTreeMap<Channel, ChannelClock>,
    #[serde(default)]
    pub traits: BTreeMap<Value, BTreeMap<RuleId, f64>>,
}

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{file}: {source}")]
    Read { file: String, source: crate::files::ReadError },
    #[error("{file}:{line}:{col}: {message}")]
    Parse { file: String, line: usize, col: usize, message: String },
    #[error("{file}:{line}:{col}: {message}")]
    Invalid { file: String, line: usize, col: usize, message: String },
}

impl Default for Rules {
    fn default() -> Self {
        Rules::parse("default rules", DEFAULT_RULES).expect("the bundled rules file is valid")
    }
}

impl Rules {
    pub fn parse(file: &str, text: &str) -> Result<Rules, RulesError> {
        if text.len() as u64 > MAX_RULES_BYTES {
            let source = crate::files::ReadError::TooLarge { limit: MAX_RULES_BYTES };
            return Err(RulesError::Read { file: file.into(), source });
        }
        let rules: Rules = ron::Options::default().from_str(text).map_err(|e| RulesError::Parse {
            file: file.into(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })?;
        rules.check(file, text)?;
        Ok(rules)
    }

    pub fn load(path: &Path) -> Result<Rules, RulesError> {
        let file = path.display().to_string();
        let text = crate::files::read_text_limited(path, MAX_RULES_BYTES)
            .map_err(|source| RulesError::Read { file: file.clone(), source })?;
        Rules::parse(&file, &text)
    }

    /// Ranges and relations a rules file must keep, each problem placed at its
    /// field: weights 0..=100, factors 0..=10, times within a week, counts that
    /// make sense, no rule listed twice, and only rules a trait can scale.
    fn check(&self, file: &str, text: &str) -> Result<(), RulesError> {
        use crate::scenario::{Locator, PathSeg::Field as F, PathSeg::Key as K};
        let locator = Locator::new(text);
        let invalid = |path: &[crate::scenario::PathSeg], message: String| {
            let (line, col) = locator.locate(path);
            Err(RulesError::Invalid { file: file.into(), line, col, message })
        };
        // serde keeps the last of two equal map keys silently; say so instead.
        let mut maps = vec![vec![F("channels")], vec![F("traits")]];
        for value in self.traits.keys() {
            maps.push(vec![F("traits"), K(value.name())]);
        }
        for path in &maps {
            if let Some((key, (line, col))) = locator.repeated_keys(path).into_iter().next() {
                let message = format!("{key} is listed twice; keep one entry");
                return Err(RulesError::Invalid { file: file.into(), line, col, message });
            }
        }
        for channel in Channel::ALL {
            let Some(clock) = self.channels.get(&channel) else {
                return invalid(&[F("channels")], format!("channels has no entry for {}", channel.label()));
            };
            let at = |field| [F("channels"), K(channel.label()), F(field)];
            if clock.default_minutes > MAX_MINUTES {
                let m = clock.default_minutes;
                return invalid(
                    &at("default_minutes"),
                    format!("default_minutes is {m}; at most {MAX_MINUTES} (a week)"),
                );
            }
            if !(1..=MAX_MINUTES).contains(&clock.expected_minutes) {
                let m = clock.expected_minutes;
                return invalid(
                    &at("expected_minutes"),
                    format!("expected_minutes is {m}; it must be between 1 and {MAX_MINUTES} (a week)"),
                );
            }
        }
        for (value, factors) in &self.traits {
            for (rule, factor) in factors {
                let at = [F("traits"), K(value.name()), K(rule.name())];
                if !RuleId::ALL.contains(rule) {
                    return invalid(&at, format!("{} is not a rule a trait can scale", rule.name()));
                }
                if factor.is_sign_negative() || !(0.0..=10.0).contains(factor) {
                    return invalid(&at, format!("factor {factor} must be between 0 and 10"));
                }
            }
        }
        let ack = &self.acknowledge;
        if ack.early_within > ack.late_after {
            return invalid(
                &[F("acknowledge"), F("early_within")],
                format!("early_within ({}) is after late_after ({})", ack.early_within, ack.late_after),
            );
        }
        let counts = [
            (&[F("acknowledge"), F("early_within")][..], u64::from(ack.early_within), 0, 100),
            (&[F("acknowledge"), F("late_after")][..], u64::from(ack.late_after), 0, 100),
            (
                &[F("apology"), F("wasted_minutes")][..],
                u64::from(self.apology.wasted_minutes),
                0,
                u64::from(MAX_MINUTES),
            ),
            (&[F("explore"), F("range_min")][..], self.explore.range_min as u64, 1, 100),
            (&[F("explore"), F("prompt_within")][..], self.explore.prompt_within as u64, 0, 100),
        ];
        for (path, value, min, max) in counts {
            if !(min..=max).contains(&value) {
                let name = match path.last() {
                    Some(F(name)) => *name,
                    _ => "value",
                };
                return invalid(path, format!("{name} is {value}; it must be between {min} and {max}"));
            }
        }
        let weights = [
            ("acknowledge", "early_bonus", self.acknowledge.early_bonus),
            ("acknowledge", "late_penalty", self.acknowledge.late_penalty),
            ("acknowledge", "never_penalty", self.acknowledge.never_penalty),
            ("apology", "first_cost", self.apology.first_cost),
            ("apology", "step", self.apology.step),
            ("explore", "per_option", self.explore.per_option),
            ("explore", "range_bonus", self.explore.range_bonus),
            ("explore", "per_extra_option", self.explore.per_extra_option),
            ("explore", "poor_option", self.explore.poor_option),
            ("explore", "poor_commit", self.explore.poor_commit),
            ("explore", "prompt_commit", self.explore.prompt_commit),
            ("", "tell", self.tell),
            ("", "needless_question", self.needless_question),
            ("", "empathy_without_action", self.empathy_without_action),
            ("", "look_up", self.look_up),
            ("", "consult", self.consult),
            ("", "probe", self.probe),
            ("", "personalize", self.personalize),
            ("", "extra_mile", self.extra_mile),
            ("", "deflect", self.deflect),
            ("", "transfer", self.transfer),
            ("", "callback", self.callback),
            ("", "escalate", self.escalate),
            ("", "scripted", self.scripted),
            ("", "scripted_to_casual", self.scripted_to_casual),
            ("", "slang_to_learner", self.slang_to_learner),
            ("", "slang_to_formal", self.slang_to_formal),
            ("", "first_contact_resolution", self.first_contact_resolution),
            ("", "slow_reply", self.slow_reply),
        ];
        for (group, name, weight) in weights {
            if !(0..=100).contains(&weight) {
                let path: Vec<_> = if group.is_empty() { vec![F(name)] } else { vec![F(group), F(name)] };
                return invalid(
                    &path,
                    format!(
                        "{name} is {weight}; weights must be between 0 and 100 (costs are written as positive numbers)"
                    ),
                );
            }
        }
        Ok(())
    }

    /// `base` scaled by what this customer values, rounded to whole points.
    pub fn weight(&self, rule: RuleId, values: Value, base: i32) -> i32 {
        let factor = self.traits.get(&values).and_then(|f| f.get(&rule)).copied().unwrap_or(1.0);
        (f64::from(base) * factor).round() as i32
    }

    pub fn clock(&self, channel: Channel) -> ChannelClock {
        self.channels.get(&channel).copied().unwrap_or(ChannelClock { default_minutes: 1, expected_minutes: 5 })
    }
}
