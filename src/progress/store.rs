//! The save folder: a lock, the profiles' journals and the summary cache.
//!
//! Why journals: a whole-file save rewrote every attempt on every key press that
//! saved one (803 ms seen at 10,000 attempts) and had to be read whole at start.
//! Appending one line costs the same at any history; the summary cache
//! (`summary.json`, rebuilt from the journals whenever it is missing, stale or
//! unreadable) lets the game start without reading attempts at all.

use super::journal::{self, Record};
use super::legacy::{self, BACKUP_FILE, LegacySave, SAVE_FILE};
use super::{
    Attempt, LOCK_FILE, Profile, ProgressError, SAVE_VERSION, SaveFile, io_error, is_valid_profile_name, utc_now,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod reading;

/// What a whole-file save is renamed to once its profiles are journals.
const MIGRATED_FILE: &str = "progress.migrated.ron";

use reading::{Cache, Cached, Extent, load, mark, modified, read_whole_file_save};
pub use reading::{SUMMARY_FILE, attempts_of, peek};

/// What became of a save that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A whole-file save: the backup of the one before was loaded instead.
    BackupRestored,
    /// A whole-file save with no usable backup: the game starts afresh.
    StartedFresh,
    /// A journal with lines that are not ours: the rest of it carries on.
    ReadableKept,
    /// A journal that names no profile: that profile is missing until repaired.
    ProfileSetAside,
}

/// A save, or part of one, that could not be read and was kept aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub moved_to: PathBuf,
    pub problem: String,
    pub outcome: Outcome,
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.moved_to.display();
        let problem = &self.problem;
        match self.outcome {
            Outcome::BackupRestored => write!(
                f,
                "Your save could not be read ({problem}). It was kept as {kept} and your previous save (the backup) was loaded instead."
            ),
            Outcome::StartedFresh => {
                write!(
                    f,
                    "Your save could not be read ({problem}). It was kept as {kept} and a fresh save was started."
                )
            }
            Outcome::ReadableKept => write!(
                f,
                "Part of a profile's record could not be read ({problem}). The whole file was kept as {kept}; every attempt that could be read carries on."
            ),
            Outcome::ProfileSetAside => write!(
                f,
                "A profile's record could not be read ({problem}). It was kept as {kept}; that profile is missing until the file is repaired."
            ),
        }
    }
}

/// The save folder, held locked while the game runs so two copies cannot race.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// `None` when the folder cannot be written: the game is played without saving.
    lock: Option<std::fs::File>,
    read_only: Option<String>,
    /// How far each profile's journal goes, by profile id.
    journals: HashMap<String, Extent>,
}

/// Temporary files of our own saves: `.progress-XXXXXX.tmp`, and `.tmpXXXXXX` from
/// builds that used tempfile's default names. A save killed mid-write leaves one.
fn is_our_temp_file(name: &str) -> bool {
    let default_name = name.len() == 10 && name.starts_with(".tmp");
    let ours = name.starts_with(".progress-") && name.ends_with(".tmp");
    (default_name || ours) && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

impl Store {
    /// Opens (creating if needed) the save folder, takes its lock and reads every
    /// profile. A whole-file save from an earlier version becomes journals here.
    /// What could not be read is moved aside and reported in the third value.
    pub fn open(dir: &Path) -> Result<(Store, SaveFile, Vec<SetAside>), ProgressError> {
        std::fs::create_dir_all(dir.join(journal::JOURNAL_DIR)).map_err(io_error(dir))?;
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
        let mut store = Store { dir: dir.to_path_buf(), lock: Some(lock), read_only: None, journals: HashMap::new() };
        store.remove_stale_temp_files();
        let mut set_aside = store.migrate_whole_file_save()?;
        let (save, loaded) = load(dir, Some(&mut set_aside));
        store.journals = loaded;
        store.write_cache(&save);
        Ok((store, save, set_aside))
    }

    /// Like [`Store::open`], but waits up to `patience` for another Frontline that
    /// holds the folder (another `run --profile` finishing its save).
    pub fn open_waiting(
        dir: &Path,
        patience: std::time::Duration,
    ) -> Result<(Store, SaveFile, Vec<SetAside>), ProgressError> {
        let deadline = std::time::Instant::now() + patience;
        loop {
            match Store::open(dir) {
                Err(ProgressError::Locked(_)) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                other => return other,
            }
        }
    }

    /// Like [`Store::open`], but a folder that cannot be written (read-only, or not
    /// creatable) still lets the game start: progress is read if it can be and
    /// nothing is saved; the last value says why. Another game holding the folder
    /// is still an error.
    #[allow(clippy::type_complexity)]
    pub fn open_or_read_only(dir: &Path) -> Result<(Store, SaveFile, Vec<SetAside>, Option<String>), ProgressError> {
        match Store::open(dir) {
            Ok((store, save, set_aside)) => Ok((store, save, set_aside, None)),
            Err(ProgressError::Io { path, source }) => {
                let reason = format!("{} cannot be written ({source})", path.display());
                // Read what is there, but never move it: nothing here may be changed.
                let (save, reason) = match peek(dir) {
                    Ok(save) => (save, reason),
                    Err(problem) => {
                        (SaveFile::default(), format!("{reason}, and the save there cannot be read ({problem})"))
                    }
                };
                let store = Store {
                    dir: dir.to_path_buf(),
                    lock: None,
                    read_only: Some(reason.clone()),
                    journals: HashMap::new(),
                };
                Ok((store, save, Vec::new(), Some(reason)))
            }
            Err(other) => Err(other),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Why progress is not being saved, when it is not.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    fn refuse_if_read_only(&self) -> Result<(), ProgressError> {
        match &self.read_only {
            Some(reason) => Err(ProgressError::ReadOnly(reason.clone())),
            None => {
                debug_assert!(self.lock.is_some(), "a writable store holds its lock");
                Ok(())
            }
        }
    }

    /// Adds a profile. A name that is another profile's but for case or spacing is
    /// refused as the same person. On a read-only store the profile is added for
    /// this session only, and the error says so.
    pub fn create_profile(&mut self, save: &mut SaveFile, name: &str) -> Result<(), ProgressError> {
        let name = &super::tidy_name(name);
        if !is_valid_profile_name(name) {
            return Err(ProgressError::InvalidName { name: name.to_string() });
        }
        if let Some(existing) = save.same_person_as(name) {
            return Err(ProgressError::SamePerson { name: name.to_string(), existing: existing.name.clone() });
        }
        let header = journal::Header {
            version: SAVE_VERSION,
            id: uuid::Uuid::new_v4().to_string(),
            name: name.to_string(),
            // To the nanosecond: profiles are listed in the order they were made.
            created: jiff::Timestamp::now().to_string(),
        };
        save.profiles.push(Profile::new(&header.id, &header.name, &header.created));
        self.refuse_if_read_only()?;
        let text = Record::Profile(header.clone()).line();
        let path = journal::path(&self.dir, &header.id);
        journal::write_whole(&path, &text)?;
        let bytes = text.len() as u64;
        let extent = Extent { bytes, lines: 1, modified: modified(&path), mark: mark(&path, bytes) };
        self.journals.insert(header.id, extent);
        self.write_cache(save);
        Ok(())
    }

    /// Renames a profile; its attempts stay with it.
    pub fn rename_profile(&mut self, save: &mut SaveFile, old: &str, new: &str) -> Result<(), ProgressError> {
        let new = &super::tidy_name(new);
        if !is_valid_profile_name(new) {
            return Err(ProgressError::InvalidName { name: new.to_string() });
        }
        if let Some(other) = save.profiles.iter().find(|p| p.name != old && super::same_person(&p.name, new)) {
            return Err(ProgressError::SamePerson { name: new.to_string(), existing: other.name.clone() });
        }
        let profile = save.profile_mut(old).ok_or_else(|| ProgressError::NoSuchProfile(old.to_string()))?;
        profile.name = new.to_string();
        let id = profile.id.clone();
        self.refuse_if_read_only()?;
        self.append(&id, &[Record::Rename(new.to_string())])?;
        self.write_cache(save);
        Ok(())
    }

    /// Deletes a profile and its attempts for good (the game asks first).
    pub fn delete_profile(&mut self, save: &mut SaveFile, name: &str) -> Result<(), ProgressError> {
        let at = save.profiles.iter().position(|p| p.name == name);
        let profile = save.profiles.remove(at.ok_or_else(|| ProgressError::NoSuchProfile(name.to_string()))?);
        self.refuse_if_read_only()?;
        let path = journal::path(&self.dir, &profile.id);
        match std::fs::remove_file(&path) {
            // Already gone is gone, unless the whole folder went with it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && path.parent().is_some_and(Path::is_dir) => {}
            Err(e) => return Err(ProgressError::Io { path, source: e }),
            Ok(()) => {}
        }
        journal::sync_dir(&self.dir.join(journal::JOURNAL_DIR));
        self.journals.remove(&profile.id);
        self.write_cache(save);
        Ok(())
    }

    /// Records an attempt in a profile (created if there is none of that name yet).
    /// Once this returns `Ok` the attempt is on disk.
    pub fn record(&mut self, save: &mut SaveFile, name: &str, attempt: &Attempt) -> Result<(), ProgressError> {
        // Nothing is written that reading would refuse and set aside.
        if let Some(problem) = attempt.problem() {
            return Err(ProgressError::Unreadable(problem));
        }
        if save.profile(name).is_none() {
            match self.create_profile(save, name) {
                Ok(()) | Err(ProgressError::ReadOnly(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let name = &super::tidy_name(name);
        let profile = save.profile_mut(name).ok_or_else(|| ProgressError::NoSuchProfile(name.to_string()))?;
        profile.add(attempt);
        let id = profile.id.clone();
        self.refuse_if_read_only()?;
        self.append(&id, &[Record::Attempt(attempt.clone())])?;
        self.write_cache(save);
        Ok(())
    }

    /// Records a new version of an attempt already recorded (the same id), after a
    /// mentor's undo. The profile's summary is read again from its journal: the
    /// earlier version may have been the best, and only the journal knows the next.
    pub fn replace(&mut self, save: &mut SaveFile, name: &str, attempt: &Attempt) -> Result<(), ProgressError> {
        if let Some(problem) = attempt.problem() {
            return Err(ProgressError::Unreadable(problem));
        }
        let profile = save.profile_mut(name).ok_or_else(|| ProgressError::NoSuchProfile(name.to_string()))?;
        let id = profile.id.clone();
        if self.read_only.is_some() {
            profile.add(attempt);
        }
        self.refuse_if_read_only()?;
        self.append(&id, &[Record::Update(attempt.clone())])?;
        let folded = journal::fold(&journal::path(&self.dir, &id)).map_err(|problem| ProgressError::Io {
            path: journal::path(&self.dir, &id),
            source: std::io::Error::other(problem),
        })?;
        *profile = folded.profile;
        self.write_cache(save);
        Ok(())
    }

    fn append(&mut self, id: &str, records: &[Record]) -> Result<(), ProgressError> {
        let path = journal::path(&self.dir, id);
        let extent = self.journals.get(id).copied().unwrap_or_default();
        let bytes = journal::append(&path, extent.bytes, records)?;
        let lines = extent.lines + records.len();
        let extent = Extent { bytes, lines, modified: modified(&path), mark: mark(&path, bytes) };
        self.journals.insert(id.to_string(), extent);
        Ok(())
    }

    /// Writes the summary cache. Not synced: it is rebuilt from the journals
    /// whenever it is missing, stale or unreadable, so losing it loses nothing.
    fn write_cache(&self, save: &SaveFile) {
        if self.read_only.is_some() {
            return;
        }
        let profiles = save
            .profiles
            .iter()
            .filter_map(|p| Some(Cached { journal: *self.journals.get(&p.id)?, profile: p.clone() }))
            .collect();
        let cache = Cache { version: SAVE_VERSION, profiles };
        let Ok(text) = serde_json::to_string(&cache) else { return };
        let write =
            tempfile::Builder::new().prefix(".progress-").suffix(".tmp").tempfile_in(&self.dir).and_then(|mut tmp| {
                std::io::Write::write_all(&mut tmp, text.as_bytes())?;
                tmp.persist(self.dir.join(SUMMARY_FILE)).map_err(|e| e.error)?;
                Ok(())
            });
        drop(write);
    }

    /// Removes temporary files a killed save left behind. Safe: the lock is held, so
    /// no other game is writing one now.
    fn remove_stale_temp_files(&self) {
        for dir in [self.dir.clone(), self.dir.join(journal::JOURNAL_DIR)] {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let is_file = entry.file_type().is_ok_and(|t| t.is_file());
                if is_file && entry.file_name().to_str().is_some_and(is_our_temp_file) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }

    /// Turns a format 1 or 2 save into journals, then renames it out of the way
    /// (kept, never deleted). Interrupted, it runs again from the start next time:
    /// the journals it writes are the same each time.
    fn migrate_whole_file_save(&self) -> Result<Vec<SetAside>, ProgressError> {
        let path = self.dir.join(SAVE_FILE);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(Vec::new());
        }
        let (save, set_aside) = match read_whole_file_save(&path) {
            Ok(save) => (Some(save), None),
            Err(problem) => {
                let moved_to = set_aside_as(&path, &self.dir, "progress.unreadable", "ron")?;
                let backup = read_whole_file_save(&self.dir.join(BACKUP_FILE)).ok();
                let outcome = if backup.is_some() { Outcome::BackupRestored } else { Outcome::StartedFresh };
                (backup, Some(SetAside { moved_to, problem, outcome }))
            }
        };
        if let Some(save) = save {
            for (old, header) in save.profiles.iter().zip(migrated_headers(&self.dir, &save)) {
                let id = header.id.clone();
                let mut text = Record::Profile(header).line();
                for attempt in &old.attempts {
                    text += &Record::Attempt(attempt.clone()).line();
                }
                journal::write_whole(&journal::path(&self.dir, &id), &text)?;
            }
            if set_aside.is_none() {
                let target = unused_name(&self.dir, MIGRATED_FILE.trim_end_matches(".ron"), "ron");
                std::fs::rename(&path, &target).map_err(io_error(&path))?;
                journal::sync_dir(&self.dir);
            }
        }
        Ok(set_aside.into_iter().collect())
    }
}

/// The headings the profiles of a whole-file save get as journals. They are listed
/// in the old save's order: made "at" its last change, a microsecond apart (the
/// same each time an interrupted migration reruns).
fn migrated_headers(dir: &Path, save: &LegacySave) -> Vec<journal::Header> {
    let saved_at = std::fs::metadata(dir.join(SAVE_FILE))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    let mut taken: Vec<String> = Vec::new();
    save.profiles
        .iter()
        .enumerate()
        .map(|(i, old)| {
            let name = free_name(&old.name, &taken);
            taken.push(name.clone());
            let created = (saved_at + jiff::SignedDuration::from_micros(i as i64)).to_string();
            journal::Header { version: SAVE_VERSION, id: legacy::migrated_profile_id(&old.name), name, created }
        })
        .collect()
}

/// A name no profile taken so far is the same person as: `Ana` again becomes
/// `Ana (2)`. Whole-file saves told names apart by exact spelling only.
fn free_name(name: &str, taken: &[String]) -> String {
    let clashes = |candidate: &str| taken.iter().any(|t| super::same_person(t, candidate));
    let mut candidate = name.to_string();
    let mut n = 2;
    while clashes(&candidate) {
        let suffix = format!(" ({n})");
        let stem: String = name.chars().take(super::MAX_NAME_CHARS - suffix.chars().count()).collect();
        candidate = format!("{stem}{suffix}");
        n += 1;
    }
    candidate
}

/// A file name in `dir` not used yet: `<stem>-<time>.<ext>`, numbered if needed.
fn unused_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let stamp = utc_now().replace(':', "-");
    (0..)
        .map(|n| {
            let suffix = if n == 0 { String::new() } else { format!("-{n}") };
            dir.join(format!("{stem}-{stamp}{suffix}.{ext}"))
        })
        .find(|target| std::fs::symlink_metadata(target).is_err())
        .expect("some numbered name is free")
}

/// Moves an unreadable file aside under a name that is not used yet.
fn set_aside_as(path: &Path, dir: &Path, stem: &str, ext: &str) -> Result<PathBuf, ProgressError> {
    let target = unused_name(dir, stem, ext);
    std::fs::rename(path, &target).map_err(io_error(path))?;
    Ok(target)
}
