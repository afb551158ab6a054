//! Saved progress: profiles and their attempts.
//!
//! Since save format 3 each profile is an append-only journal of JSON lines
//! (`profiles/<id>.jsonl`), and `summary.json` caches what the library and the
//! progress screen show (best results, passes, trends), so starting the game and
//! recording an attempt cost the same at ten attempts as at a hundred thousand.
//! Saves of formats 1 and 2 (one `progress.ron`) are migrated on open and kept.

mod journal;
mod legacy;
mod names;
mod stats;
mod store;
mod summary;

pub use journal::{JOURNAL_DIR, MAX_JOURNAL_BYTES, Record};
pub use legacy::{BACKUP_FILE, LegacyProfile, LegacySave, MAX_SAVE_BYTES, SAVE_FILE};
pub use names::{person_key, same_person, tidy_name};
pub use stats::{ScenarioStats, SkillTrend, Stats, TREND_LENGTH, TrackStats};
pub use store::{Outcome, SUMMARY_FILE, SetAside, Store, attempts_of, peek};
pub use summary::{Best, Profile, SaveFile, ScenarioRecord};

use crate::engine::{Debrief, Run, Skill};
use crate::scenario::Ending;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Longest profile name, in characters (the name prompt allows no more).
pub const MAX_NAME_CHARS: usize = 32;

/// A name a profile may have: not blank, at most `MAX_NAME_CHARS`, on one line,
/// and nothing that could steer a terminal.
pub fn is_valid_profile_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().all(|c| crate::scenario::forbidden_char(c).is_none() && c != '\n' && c != '\t')
}

/// A note a mentor may write: not blank, at most `MAX_NOTE_CHARS`, and nothing
/// that could steer a terminal (line breaks are allowed).
pub fn is_valid_note(text: &str) -> bool {
    !text.trim().is_empty()
        && text.chars().count() <= MAX_NOTE_CHARS
        && text.chars().all(|c| c == '\n' || crate::scenario::forbidden_char(c).is_none())
}

/// The save format version written by this build. Every version ever shipped has a
/// sample in `saves/` that a test loads.
pub const SAVE_VERSION: u32 = 3;
const LOCK_FILE: &str = "progress.lock";

/// How an attempt was played.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// Scoring hidden until the debrief.
    #[default]
    Practice,
    /// Live reasons, undo and notes, for a peer mentor at the keyboard.
    Mentor,
    /// No undo, no coach notes, no live scoring: the mode a trainer trusts.
    Test,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Practice, Mode::Mentor, Mode::Test];

    /// The mode's name as people read it ("practice", "mentor", "test").
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Mentor => "mentor",
            Mode::Test => "test",
        }
    }
}

/// The longest note a mentor can attach to a turn, in characters.
pub const MAX_NOTE_CHARS: usize = 500;
/// The most notes one attempt can carry.
pub const MAX_NOTES: usize = 200;

/// A mentor's note on one turn of an attempt.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The replies picked when the note was written: 0 is before the first reply.
    pub turn: usize,
    pub text: String,
}

/// One finished (or abandoned) attempt at a scenario.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    pub scenario: String,
    pub seed: u64,
    /// Reply indices picked, in order; with the seed they replay the attempt exactly.
    pub picks: Vec<usize>,
    pub ending: Option<Ending>,
    pub final_mood: i32,
    pub satisfaction: u8,
    pub stars: u8,
    pub skills: BTreeMap<Skill, u8>,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub date: String,
    #[serde(default)]
    pub mode: Mode,
    /// Replies taken back (mentor mode). An attempt with undos is a coached one:
    /// never a pass and never the profile's best.
    #[serde(default)]
    pub undos: u32,
    /// Version 2: the attempt's own id, a UUID. Attempts from version 1 get one
    /// derived from what they hold, so the same attempt always has the same id.
    #[serde(default)]
    pub id: String,
    /// Version 2: real seconds the conversation was played.
    #[serde(default)]
    pub played_secs: u64,
    /// Version 2: `Scenario::content_hash` of the scenario as played (empty for
    /// attempts migrated from version 1, whose scenario is not known).
    #[serde(default)]
    pub content_hash: String,
    /// Version 3: a mentor's notes, in the order written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// The fewest stars that pass a scenario (and unlock what requires it).
pub const PASS_STARS: u8 = 2;

impl Attempt {
    pub fn from_run(run: &Run, debrief: &Debrief, mode: Mode) -> Attempt {
        Attempt {
            scenario: run.scenario().id.clone(),
            seed: run.seed(),
            picks: run.picks().to_vec(),
            ending: debrief.ending,
            final_mood: debrief.final_mood,
            satisfaction: debrief.satisfaction,
            stars: debrief.stars,
            skills: debrief.skills.iter().map(|s| (s.skill, s.score)).collect(),
            date: utc_now(),
            mode,
            undos: 0,
            id: uuid::Uuid::new_v4().to_string(),
            played_secs: 0,
            content_hash: run.scenario_hash().to_string(),
            notes: Vec::new(),
        }
    }

    /// The attempt's short id: the first 8 characters of its UUID, enough to tell
    /// one profile's attempts apart on a command line.
    pub fn short_id(&self) -> &str {
        self.id.get(..8).unwrap_or(&self.id)
    }

    /// Finished: reached an ending other than the customer walking out.
    pub fn finished(&self) -> bool {
        matches!(self.ending, Some(e) if e != Ending::Walkout)
    }

    /// Played on its own, with nothing taken back.
    pub fn unassisted(&self) -> bool {
        self.undos == 0
    }

    /// A pass: at least `PASS_STARS` stars in practice or test mode, with no undo.
    pub fn passed(&self) -> bool {
        self.mode != Mode::Mentor && self.unassisted() && self.ending.is_some() && self.stars >= PASS_STARS
    }

    pub fn first_contact(&self) -> bool {
        self.ending == Some(Ending::Resolved) && self.skills.get(&Skill::FirstContactResolution) == Some(&100)
    }

    /// What makes this attempt one the game could not have saved, if anything.
    pub fn problem(&self) -> Option<&'static str> {
        let id = &self.scenario;
        let valid_id = !id.is_empty()
            && id.len() <= 128
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_id {
            Some("a scenario id no scenario could have")
        } else if self.stars > 3 {
            Some("more than 3 stars")
        } else if !(1..=5).contains(&self.satisfaction) {
            Some("a satisfaction rating outside 1..=5")
        } else if !(0..=100).contains(&self.final_mood) {
            Some("a mood outside 0..=100")
        } else if self.skills.values().any(|&score| score > 100) {
            Some("a skill score above 100")
        } else if parse_utc(&self.date).is_none() {
            Some("a date that is not a UTC timestamp")
        } else if uuid::Uuid::parse_str(&self.id).is_err() {
            Some("an id that is not a UUID")
        } else if !self.content_hash.chars().all(|c| c.is_ascii_hexdigit()) || self.content_hash.len() > 64 {
            Some("a scenario hash that is not hex")
        } else if self.notes.len() > MAX_NOTES || self.notes.iter().any(|n| !is_valid_note(&n.text)) {
            Some("a note that is empty, overlong or unprintable")
        } else {
            None
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error("cannot find a home folder for saves; set FRONTLINE_DATA_DIR or pass --data-dir")]
    NoDataDir,
    #[error("{0}: the save folder must be an absolute path; set FRONTLINE_DATA_DIR or --data-dir to one")]
    RelativeDataDir(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}: another Frontline is using this save folder; close it first")]
    Locked(PathBuf),
    #[error(
        "{path}: the profile's record would pass {MAX_JOURNAL_BYTES} bytes, more than a save may be; nothing was written"
    )]
    TooLarge { path: PathBuf },
    #[error("progress is not being saved: {0}")]
    ReadOnly(String),
    #[error("“{name}” is not a name a profile can have (1 to {MAX_NAME_CHARS} printable characters)")]
    InvalidName { name: String },
    #[error("“{name}” is {existing}'s profile (names that differ only in case or spacing are the same person)")]
    SamePerson { name: String, existing: String },
    #[error("there is no profile called “{0}”")]
    NoSuchProfile(String),
    #[error("the attempt was not saved: it has {0}, which the game could not read back")]
    Unreadable(&'static str),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ProgressError + '_ {
    move |source| ProgressError::Io { path: path.to_path_buf(), source }
}

/// Where saves live: `--data-dir`, else `FRONTLINE_DATA_DIR`, else the platform's
/// data folder.
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, ProgressError> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("FRONTLINE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "frontline").ok_or(ProgressError::NoDataDir)?;
    let dir = dirs.data_dir().to_path_buf();
    if !dir.is_absolute() {
        return Err(ProgressError::RelativeDataDir(dir));
    }
    Ok(dir)
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_now() -> String {
    format_utc(jiff::Timestamp::now())
}

/// An instant as the RFC 3339 UTC timestamp saves use, to the second.
pub fn format_utc(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses an RFC 3339 timestamp (the form saves use, or any an LRS sends).
pub fn parse_utc(text: &str) -> Option<jiff::Timestamp> {
    text.parse().ok()
}

/// The trainee's own calendar day of a saved timestamp, in the machine's time zone:
/// a streak is counted in the days the trainee lives, not in UTC.
pub fn local_day(date: &str) -> Option<jiff::civil::Date> {
    Some(parse_utc(date)?.to_zoned(local_zone().clone()).date())
}

/// A saved timestamp on the machine's clock, to the minute (`2026-03-12 14:05`),
/// as history, replays and transcripts show it.
pub fn local_time(date: &str) -> Option<String> {
    Some(parse_utc(date)?.to_zoned(local_zone().clone()).strftime("%Y-%m-%d %H:%M").to_string())
}

/// Today in the machine's time zone.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().with_time_zone(local_zone().clone()).date()
}

/// The system time zone, looked up once.
fn local_zone() -> &'static jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(jiff::tz::TimeZone::system)
}

/// Parses a `YYYY-MM-DD` date given on the command line.
pub fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse::<jiff::civil::Date>()
        .map_err(|_| format!("“{text}” is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_known_instants() {
        let at = |s: i64| jiff::Timestamp::from_second(s).unwrap();
        assert_eq!(format_utc(at(0)), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(at(951_782_400)), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(at(1_795_000_000)), "2026-11-18T11:06:40Z");
        assert_eq!(parse_utc("2026-11-18T11:06:40Z"), Some(at(1_795_000_000)));
        assert_eq!(parse_utc("2026-11-18"), None);
        assert_eq!(parse_utc("garbage"), None);
    }

    #[test]
    fn command_line_dates_are_checked() {
        assert_eq!(parse_day("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(parse_day("2026-02-29").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_day("yesterday").is_err());
    }
}
