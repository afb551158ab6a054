//! Saved progress: profiles and their attempts, stored as RON in a data folder.
//! Writes are atomic (temp file, fsync, rename) and a save that cannot be read is
//! moved aside and reported, never overwritten.

mod names;
mod stats;

pub use names::{person_key, same_person, tidy_name};
pub use stats::{ScenarioStats, SkillTrend, Stats, TREND_LENGTH, TrackStats, day_number};

use crate::engine::{Debrief, Run, Skill};
use crate::scenario::Ending;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
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

/// The save format version written by this build. Every version ever shipped has a
/// sample in `saves/` that a test loads.
pub const SAVE_VERSION: u32 = 2;
pub const SAVE_FILE: &str = "progress.ron";
const LOCK_FILE: &str = "progress.lock";
/// The save before the last one written: what a save that turns out unreadable is
/// replaced with.
pub const BACKUP_FILE: &str = "progress.backup.ron";
/// A save larger than this is not read (it would not be one of ours).
pub const MAX_SAVE_BYTES: u64 = 32 * 1024 * 1024;

/// How an attempt was played.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Practice,
    Mentor,
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
        }
    }

    /// The id a version-1 attempt is given: derived from its profile and contents,
    /// so migrating the same save twice gives the same ids.
    fn migrated_id(&self, profile: &str) -> String {
        const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f72_6f6e_746c_696e_6500_0000_0000_0001);
        let name = format!("{profile}\n{}\n{}\n{}\n{:?}", self.scenario, self.seed, self.date, self.picks);
        uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
    }

    /// Finished: reached an ending other than the customer walking out.
    pub fn finished(&self) -> bool {
        matches!(self.ending, Some(e) if e != Ending::Walkout)
    }

    /// Played on its own, with nothing taken back.
    pub fn unassisted(&self) -> bool {
        self.undos == 0
    }

    /// A pass: at least `PASS_STARS` stars in practice mode, with no undo.
    pub fn passed(&self) -> bool {
        self.mode == Mode::Practice && self.unassisted() && self.ending.is_some() && self.stars >= PASS_STARS
    }

    pub fn first_contact(&self) -> bool {
        self.ending == Some(Ending::Resolved) && self.skills.get(&Skill::FirstContactResolution) == Some(&100)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
}

impl Profile {
    pub fn new(name: &str) -> Profile {
        Profile { name: name.trim().to_string(), attempts: Vec::new() }
    }

    /// The best played-out attempt at a scenario: most stars, then highest final
    /// mood. Abandoned attempts are left out (their mood is only where the player
    /// stopped), and so are attempts with undos (a coached replay is not the
    /// trainee's own result).
    pub fn best(&self, scenario: &str) -> Option<&Attempt> {
        self.attempts
            .iter()
            .filter(|a| a.scenario == scenario && a.ending.is_some() && a.unassisted())
            .max_by_key(|a| (a.stars, a.final_mood))
    }

    pub fn has_finished(&self, scenario: &str) -> bool {
        self.attempts.iter().any(|a| a.scenario == scenario && a.finished())
    }

    /// Passed at least once (see [`Attempt::passed`]); what unlocks later scenarios.
    pub fn has_passed(&self, scenario: &str) -> bool {
        self.attempts.iter().any(|a| a.scenario == scenario && a.passed())
    }

    /// Share of finished attempts solved in the first contact, as a percentage.
    pub fn first_contact_rate(&self) -> Option<u8> {
        let finished: Vec<_> = self.attempts.iter().filter(|a| a.ending.is_some()).collect();
        if finished.is_empty() {
            return None;
        }
        let solved = finished.iter().filter(|a| a.first_contact()).count();
        Some((solved * 100 / finished.len()) as u8)
    }
}

/// Everything saved on one machine: several people can share it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SaveFile {
    pub version: u32,
    #[serde(default)]
    pub profiles: Vec<Profile>,
}

impl Default for SaveFile {
    fn default() -> Self {
        SaveFile { version: SAVE_VERSION, profiles: Vec::new() }
    }
}

impl SaveFile {
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }

    /// The named profile, created if it does not exist yet.
    pub fn profile_mut(&mut self, name: &str) -> &mut Profile {
        match self.profiles.iter().position(|p| p.name == name) {
            Some(i) => &mut self.profiles[i],
            None => {
                self.profiles.push(Profile::new(name));
                self.profiles.last_mut().expect("just pushed")
            }
        }
    }

    /// Parses a save of any shipped version, and checks that what it holds is
    /// something this program could have written.
    pub fn parse(text: &str) -> Result<SaveFile, String> {
        let save: SaveFile = ron::Options::default().from_str(text).map_err(|e| e.to_string())?;
        if save.version == 0 || save.version > SAVE_VERSION {
            return Err(format!(
                "save format version {} is not one this build knows (1..={SAVE_VERSION})",
                save.version
            ));
        }
        let mut save = save;
        if save.version == 1 {
            save.migrate_from_v1();
        }
        save.check()?;
        Ok(save)
    }

    /// Version 1 to 2: every attempt gets its id; time played and the scenario's
    /// hash stay unknown.
    fn migrate_from_v1(&mut self) {
        for profile in &mut self.profiles {
            for attempt in &mut profile.attempts {
                if attempt.id.is_empty() {
                    attempt.id = attempt.migrated_id(&profile.name);
                }
            }
        }
        self.version = SAVE_VERSION;
    }

    /// Values out of range, or names the game could not have saved.
    fn check(&self) -> Result<(), String> {
        let mut names = std::collections::HashSet::new();
        for (p, profile) in self.profiles.iter().enumerate() {
            let who = format!("profile {}", p + 1);
            if !is_valid_profile_name(&profile.name) {
                return Err(format!("{who} has an empty, overlong or unprintable name"));
            }
            if !names.insert(profile.name.as_str()) {
                return Err(format!("{who}'s name is used by another profile"));
            }
            for (a, attempt) in profile.attempts.iter().enumerate() {
                let at = format!("{who}, attempt {}", a + 1);
                let id = &attempt.scenario;
                let valid_id = !id.is_empty()
                    && id.len() <= 128
                    && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                let problem = if !valid_id {
                    Some("a scenario id no scenario could have")
                } else if attempt.stars > 3 {
                    Some("more than 3 stars")
                } else if !(1..=5).contains(&attempt.satisfaction) {
                    Some("a satisfaction rating outside 1..=5")
                } else if !(0..=100).contains(&attempt.final_mood) {
                    Some("a mood outside 0..=100")
                } else if attempt.skills.values().any(|&score| score > 100) {
                    Some("a skill score above 100")
                } else if attempt.date.chars().any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | ':'))) {
                    Some("a date that is not a UTC timestamp")
                } else if uuid::Uuid::parse_str(&attempt.id).is_err() {
                    Some("an id that is not a UUID")
                } else if !attempt.content_hash.chars().all(|c| c.is_ascii_hexdigit())
                    || attempt.content_hash.len() > 64
                {
                    Some("a scenario hash that is not hex")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    return Err(format!("{at} has {problem}"));
                }
            }
        }
        Ok(())
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(4);
        ron::ser::to_string_pretty(self, config).expect("save data always serialises")
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
    #[error("the save would be {size} bytes, more than the {MAX_SAVE_BYTES} a save may be; it was not written")]
    TooLarge { size: u64 },
    #[error("progress is not being saved: {0}")]
    ReadOnly(String),
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

/// A save that could not be read and was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub moved_to: PathBuf,
    pub problem: String,
    /// The backup of the save before it was read instead.
    pub restored: bool,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let then = if self.restored {
            "your previous save (the backup) was loaded instead"
        } else {
            "a fresh save was started"
        };
        write!(
            f,
            "Your save could not be read ({}). It was kept as {} and {then}.",
            self.problem,
            self.moved_to.display()
        )
    }
}

/// The save folder, held locked while the game runs so two copies cannot race.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// `None` when the folder cannot be written: the game is played without saving.
    lock: Option<std::fs::File>,
    read_only: Option<String>,
}

/// Temporary files of our own saves: `.progress-XXXXXX.tmp`, and `.tmpXXXXXX` from
/// builds that used tempfile's default names. A save killed mid-write leaves one.
fn is_our_temp_file(name: &str) -> bool {
    let default_name = name.len() == 10 && name.starts_with(".tmp");
    let ours = name.starts_with(".progress-") && name.ends_with(".tmp");
    (default_name || ours) && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

impl Store {
    /// Opens (creating if needed) the save folder and reads the save. A save that
    /// cannot be read is moved aside and reported in the third value.
    pub fn open(dir: &Path) -> Result<(Store, SaveFile, Option<SetAside>), ProgressError> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let lock_path = dir.join(LOCK_FILE);
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_error(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(ProgressError::Locked(dir.to_path_buf())),
            Err(std::fs::TryLockError::Error(source)) => return Err(ProgressError::Io { path: lock_path, source }),
        }
        let store = Store { dir: dir.to_path_buf(), lock: Some(lock), read_only: None };
        store.remove_stale_temp_files();
        let path = store.path();
        let (save, set_aside) = match read_save(&path) {
            Ok(Some(save)) => (save, None),
            Ok(None) => (SaveFile::default(), None),
            Err(problem) => {
                let moved_to = store.set_aside(&path)?;
                // The last good save, if there is one, carries on where it left off.
                let backup = read_save(&dir.join(BACKUP_FILE)).ok().flatten();
                let restored = backup.is_some();
                (backup.unwrap_or_default(), Some(SetAside { moved_to, problem, restored }))
            }
        };
        Ok((store, save, set_aside))
    }

    /// Like [`Store::open`], but a folder that cannot be written (read-only, or not
    /// creatable) still lets the game start: progress is read if it can be and
    /// nothing is saved; the last value says why. Another game holding the folder
    /// is still an error.
    pub fn open_or_read_only(dir: &Path) -> Result<(Store, SaveFile, Option<SetAside>, Option<String>), ProgressError> {
        match Store::open(dir) {
            Ok((store, save, set_aside)) => Ok((store, save, set_aside, None)),
            Err(ProgressError::Io { path, source }) => {
                let reason = format!("{} cannot be written ({source})", path.display());
                // Read what is there, but never move it: nothing here may be changed.
                let save = match read_save(&dir.join(SAVE_FILE)) {
                    Ok(save) => save.unwrap_or_default(),
                    Err(problem) => {
                        let reason = format!("{reason}, and the save there cannot be read ({problem})");
                        return Ok((Store::read_only(dir, &reason), SaveFile::default(), None, Some(reason)));
                    }
                };
                Ok((Store::read_only(dir, &reason), save, None, Some(reason)))
            }
            Err(other) => Err(other),
        }
    }

    fn read_only(dir: &Path, reason: &str) -> Store {
        Store { dir: dir.to_path_buf(), lock: None, read_only: Some(reason.to_string()) }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(SAVE_FILE)
    }

    /// Why progress is not being saved, when it is not.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Keeps the save about to be replaced as the backup, swapped in by a rename so
    /// that a save and a backup exist at every moment. Best effort: a backup that
    /// cannot be made never stops the save itself.
    fn keep_backup(&self, path: &Path) {
        if !path.is_file() {
            return;
        }
        let staging = self.dir.join(".progress-backup.tmp");
        let _ = std::fs::remove_file(&staging);
        let staged = std::fs::hard_link(path, &staging).or_else(|_| std::fs::copy(path, &staging).map(|_| ()));
        if staged.is_ok() && std::fs::rename(&staging, self.dir.join(BACKUP_FILE)).is_err() {
            let _ = std::fs::remove_file(&staging);
        }
    }

    /// Removes temporary files a killed save left behind. Safe: the lock is held, so
    /// no other game is writing one now.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        for entry in entries.flatten() {
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && entry.file_name().to_str().is_some_and(is_our_temp_file) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Moves an unreadable save to a name that is not used yet.
    fn set_aside(&self, path: &Path) -> Result<PathBuf, ProgressError> {
        let stamp = utc_now().replace(':', "-");
        for n in 0.. {
            let suffix = if n == 0 { String::new() } else { format!("-{n}") };
            let target = self.dir.join(format!("progress.unreadable-{stamp}{suffix}.ron"));
            if !target.exists() {
                std::fs::rename(path, &target).map_err(io_error(path))?;
                return Ok(target);
            }
        }
        unreachable!("some numbered name is free")
    }

    /// Writes the save atomically: a temp file in the same folder, fsync, rename,
    /// then fsync of the folder so the rename itself survives a crash. A save larger
    /// than the loader accepts is not written: it could never be read back.
    pub fn save(&self, save: &SaveFile) -> Result<(), ProgressError> {
        if let Some(reason) = &self.read_only {
            return Err(ProgressError::ReadOnly(reason.clone()));
        }
        debug_assert!(self.lock.is_some(), "a writable store holds its lock");
        let text = save.to_ron();
        let size = text.len() as u64;
        if size > MAX_SAVE_BYTES {
            return Err(ProgressError::TooLarge { size });
        }
        let path = self.path();
        let mut tmp = tempfile::Builder::new()
            .prefix(".progress-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(io_error(&self.dir))?;
        tmp.write_all(text.as_bytes()).map_err(io_error(tmp.path()))?;
        tmp.as_file().sync_all().map_err(io_error(&path))?;
        self.keep_backup(&path);
        tmp.persist(&path).map_err(|e| ProgressError::Io { path: path.clone(), source: e.error })?;
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            // Not every platform can fsync a folder; the rename is already done.
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// Reads the save in `dir` without taking the lock or changing anything: for
/// commands that only look (`frontline stats`), even while a game is running.
pub fn peek_save(dir: &Path) -> Result<SaveFile, String> {
    read_save(&dir.join(SAVE_FILE)).map(Option::unwrap_or_default)
}

/// `Ok(None)` when there is no save yet; `Err` with the problem when it is unreadable.
fn read_save(path: &Path) -> Result<Option<SaveFile>, String> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
        Ok(_) => {}
    }
    let text = crate::files::read_text_limited(path, MAX_SAVE_BYTES).map_err(|e| e.to_string())?;
    SaveFile::parse(&text).map(Some)
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`, without a date crate.
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format_utc(secs)
}

/// Formats seconds since 1970 as an RFC 3339 UTC timestamp.
pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::format_utc;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_795_000_000), "2026-11-18T11:06:40Z");
    }
}
