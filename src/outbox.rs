//! The outbox: xAPI statements waiting for the LRS, one file per statement in
//! `outbox/` beside the save, named by the statement's id. An attempt is queued when
//! it is saved and leaves the outbox only once the LRS has taken it; a failed send
//! keeps it, with the reason and the number of tries. Queueing the same statement
//! twice replaces the entry, and the LRS stores a statement under its id, so neither
//! a re-queue nor a re-send makes a second record.
//!
//! Safe with several processes: each entry is written atomically (temp file, fsync,
//! rename), and one sender at a time holds `outbox/.send.lock`.

use crate::lrs::{Client, LrsError, Sent};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The outbox folder's name inside the data folder.
pub const OUTBOX_DIR: &str = "outbox";
const ENTRY_EXTENSION: &str = "json";
const SEND_LOCK: &str = ".send.lock";
const TEMP_PREFIX: &str = ".entry-";
const TEMP_SUFFIX: &str = ".tmp";
/// An entry file larger than this is not one of ours.
const MAX_ENTRY_BYTES: u64 = 1024 * 1024;
/// A temp file this old was left by a process killed mid-write.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);

/// One entry file as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    statement: Value,
    /// When it was queued (UTC, RFC 3339).
    queued: String,
    #[serde(default)]
    tries: u32,
    #[serde(default)]
    last_error: Option<String>,
    #[serde(default)]
    last_try: Option<String>,
}

/// A statement waiting in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub statement: Value,
    pub queued: String,
    /// Sends tried and failed so far.
    pub tries: u32,
    /// Why the last send failed.
    pub last_error: Option<String>,
    pub last_try: Option<String>,
}

/// An entry file that could not be read. It is never deleted: `send_all` renames it
/// to `<name>.unreadable` so it stops being retried, and says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub problem: String,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} could not be read ({})", self.path.display(), self.problem)
    }
}

/// What the outbox holds.
#[derive(Debug, Default)]
pub struct Listing {
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// Entry files that cannot be read, including those already kept aside.
    pub unreadable: Vec<Unreadable>,
}

/// What one [`Outbox::send_all`] did.
#[derive(Debug, Default)]
pub struct SyncReport {
    /// Statements the LRS stored now.
    pub sent: usize,
    /// Statements the LRS already had (sent before): removed from the outbox too.
    pub already_there: usize,
    /// Statements tried and kept, with why.
    pub failed: Vec<(String, LrsError)>,
    /// Statements not tried because the LRS was failing for everything.
    pub not_tried: usize,
    /// Why sending stopped early, when it did.
    pub stopped: Option<LrsError>,
    /// Entries that could not be read, kept aside under a new name.
    pub set_aside: Vec<Unreadable>,
    /// Another process was sending this outbox; nothing was tried.
    pub busy: bool,
    /// Entries in the outbox afterwards.
    pub waiting: usize,
}

/// The outbox of one data folder.
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    /// The outbox in `data_dir` (the folder is created on the first `queue`).
    pub fn new(data_dir: &Path) -> Outbox {
        Outbox { dir: data_dir.join(OUTBOX_DIR) }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{ENTRY_EXTENSION}"))
    }

    /// Queues a statement (which must have a UUID `id`), replacing an entry with the
    /// same id. The entry is on disk, synced, when this returns.
    pub fn queue(&self, statement: &Value) -> std::io::Result<()> {
        let id = crate::lrs::statement_id(statement)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()))?;
        std::fs::create_dir_all(&self.dir)?;
        let entry = EntryFile {
            statement: statement.clone(),
            queued: crate::progress::utc_now(),
            tries: 0,
            last_error: None,
            last_try: None,
        };
        self.write_entry(&id, &entry)
    }

    fn write_entry(&self, id: &str, entry: &EntryFile) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(entry).map_err(std::io::Error::other)?;
        let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(&self.dir)?;
        tmp.write_all(&bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(self.entry_path(id)).map_err(|e| e.error)?;
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            // Not every platform can fsync a folder; the rename is already done.
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// How many statements are waiting, without reading them (cheap enough to draw).
    pub fn count(&self) -> usize {
        let Ok(read) = std::fs::read_dir(&self.dir) else { return 0 };
        read.flatten().filter(|e| entry_id(&e.file_name()).is_some()).count()
    }

    /// Everything in the outbox, read without changing anything.
    pub fn entries(&self) -> Listing {
        let mut listing = Listing::default();
        let Ok(read) = std::fs::read_dir(&self.dir) else { return listing };
        for dir_entry in read.flatten() {
            let name = dir_entry.file_name();
            let path = dir_entry.path();
            if let Some(id) = entry_id(&name) {
                match read_entry(&path, &id) {
                    Ok(file) => listing.entries.push(Entry {
                        id,
                        statement: file.statement,
                        queued: file.queued,
                        tries: file.tries,
                        last_error: file.last_error,
                        last_try: file.last_try,
                    }),
                    Err(problem) => listing.unreadable.push(Unreadable { path, problem }),
                }
            } else if name.to_str().is_some_and(|n| n.contains(".unreadable")) {
                let problem = "kept aside earlier".to_string();
                listing.unreadable.push(Unreadable { path, problem });
            }
        }
        listing.entries.sort_by(|a, b| (&a.queued, &a.id).cmp(&(&b.queued, &b.id)));
        listing.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        listing
    }

    /// Sends every waiting statement, oldest first. An entry leaves the outbox only
    /// once the LRS has taken it; a failure keeps it with the reason. When the LRS
    /// fails in a way that would fail every statement (down, timing out, refusing the
    /// credentials, a server error), the rest are left untried. Waits up to
    /// `lock_wait` for another process sending the same outbox.
    pub fn send_all(&self, client: &Client, lock_wait: Duration) -> SyncReport {
        let mut report = SyncReport::default();
        let Some(_lock) = self.lock_sender(lock_wait) else {
            report.busy = true;
            report.waiting = self.count();
            return report;
        };
        self.remove_stale_temp_files();
        let listing = self.entries();
        for unreadable in listing.unreadable {
            if unreadable.problem == "kept aside earlier" {
                continue;
            }
            report.set_aside.push(self.set_aside(unreadable));
        }
        let mut entries = listing.entries.into_iter();
        for listed in entries.by_ref() {
            let path = self.entry_path(&listed.id);
            // Read again right before sending: what is sent is what is removed after,
            // and an entry re-queued meanwhile (the bytes differ) is left for next time.
            let Ok(before) = std::fs::read(&path) else { continue };
            let Ok(entry) = serde_json::from_slice::<EntryFile>(&before) else { continue };
            match client.send(&entry.statement) {
                Ok(sent) => {
                    match sent {
                        Sent::Stored => report.sent += 1,
                        Sent::AlreadyThere => report.already_there += 1,
                    }
                    if std::fs::read(&path).is_ok_and(|now| now == before) {
                        let _ = std::fs::remove_file(&path);
                    }
                }
                Err(error) => {
                    let stop = error.affects_every_statement();
                    let updated = EntryFile {
                        statement: entry.statement,
                        queued: entry.queued,
                        tries: entry.tries.saturating_add(1),
                        last_error: Some(error.to_string()),
                        last_try: Some(crate::progress::utc_now()),
                    };
                    if std::fs::read(&path).is_ok_and(|now| now == before) {
                        // Best effort: if the reason cannot be written, the entry is still there.
                        let _ = self.write_entry(&listed.id, &updated);
                    }
                    report.failed.push((listed.id, error.clone()));
                    if stop {
                        report.stopped = Some(error);
                        break;
                    }
                }
            }
        }
        report.not_tried = entries.count();
        report.waiting = self.count();
        report
    }

    /// Holds the sender lock, waiting up to `wait` for another sender to finish.
    fn lock_sender(&self, wait: Duration) -> Option<std::fs::File> {
        std::fs::create_dir_all(&self.dir).ok()?;
        let file =
            std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(self.dir.join(SEND_LOCK)).ok()?;
        let deadline = std::time::Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Some(file),
                Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(_) => return None,
            }
        }
    }

    /// Renames an unreadable entry so it stops being retried; never deletes it.
    fn set_aside(&self, unreadable: Unreadable) -> Unreadable {
        let stamp = crate::progress::utc_now().replace(':', "-");
        let name = unreadable.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for n in 0..1000 {
            let suffix = if n == 0 { String::new() } else { format!("-{n}") };
            let target = self.dir.join(format!("{name}.unreadable-{stamp}{suffix}"));
            if !target.exists() {
                return match std::fs::rename(&unreadable.path, &target) {
                    Ok(()) => Unreadable { path: target, problem: unreadable.problem },
                    Err(e) => Unreadable {
                        problem: format!("{}; it could not be moved aside either ({e})", unreadable.problem),
                        ..unreadable
                    },
                };
            }
        }
        unreadable
    }

    /// Removes temp files of writes killed long ago (a recent one may be a write in
    /// progress in another process).
    fn remove_stale_temp_files(&self) {
        let Ok(read) = std::fs::read_dir(&self.dir) else { return };
        for dir_entry in read.flatten() {
            let name = dir_entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
                continue;
            }
            let old = dir_entry
                .metadata()
                .ok()
                .filter(std::fs::Metadata::is_file)
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP_AGE);
            if old {
                let _ = std::fs::remove_file(dir_entry.path());
            }
        }
    }
}

/// Queues the xAPI statement of an attempt just saved in `profile`, when the
/// settings name an LRS (without one nothing is queued: `Ok(false)`). `activity` is
/// what the library says about the scenario.
pub fn queue_attempt(
    data_dir: &Path,
    config: &crate::config::Config,
    profile: &str,
    attempt: &crate::progress::Attempt,
    activity: Option<&crate::xapi::ActivityInfo<'_>>,
) -> std::io::Result<bool> {
    if config.lrs().is_none() {
        return Ok(false);
    }
    let statement = crate::xapi::statement(profile, attempt, activity, config.home_page());
    Outbox::new(data_dir).queue(&statement)?;
    Ok(true)
}

/// Sends the outbox on a plain thread of its own, so a game never waits for the
/// network: each request gives up after `timeout`, and a sender already at work
/// (another game, `frontline sync`) is not waited for.
pub fn send_in_background(
    outbox: Outbox,
    lrs: crate::config::LrsConfig,
    timeout: Duration,
) -> std::thread::JoinHandle<SyncReport> {
    std::thread::spawn(move || outbox.send_all(&Client::new(&lrs, timeout), Duration::ZERO))
}

/// The statement id an entry file's name carries: `<uuid>.json`.
fn entry_id(name: &std::ffi::OsStr) -> Option<String> {
    let stem = name.to_str()?.strip_suffix(".json")?;
    let id = uuid::Uuid::parse_str(stem).ok()?.hyphenated().to_string();
    (id == stem).then_some(id)
}

fn read_entry(path: &Path, id: &str) -> Result<EntryFile, String> {
    let text = crate::files::read_text_limited(path, MAX_ENTRY_BYTES).map_err(|e| e.to_string())?;
    let entry: EntryFile = serde_json::from_str(&text).map_err(|e| format!("not an outbox entry: {e}"))?;
    match crate::lrs::statement_id(&entry.statement) {
        Ok(inner) if inner == id => Ok(entry),
        Ok(inner) => Err(format!("the statement inside has another id, {inner}")),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ID: &str = "6f1d3c2a-0b4e-4c8d-9a7f-112233445566";

    #[test]
    fn a_queued_statement_is_one_file_named_by_its_id_and_requeueing_replaces_it() {
        let data = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(data.path());
        assert_eq!(outbox.count(), 0, "no folder yet is an empty outbox");
        outbox.queue(&json!({"id": ID, "n": 1})).unwrap();
        outbox.queue(&json!({"id": ID.to_uppercase(), "n": 2})).unwrap();
        assert_eq!(outbox.count(), 1);
        assert!(data.path().join("outbox").join(format!("{ID}.json")).is_file());
        let listing = outbox.entries();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].statement["n"], 2);
        assert_eq!((listing.entries[0].tries, listing.entries[0].last_error.as_deref()), (0, None));
    }

    #[test]
    fn a_statement_without_a_uuid_id_is_not_queued() {
        let data = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(data.path());
        let err = outbox.queue(&json!({"id": "../../etc/passwd"})).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        assert_eq!(outbox.count(), 0);
    }

    #[test]
    fn unreadable_entries_are_listed_and_other_files_ignored() {
        let data = tempfile::tempdir().unwrap();
        let outbox = Outbox::new(data.path());
        outbox.queue(&json!({"id": ID})).unwrap();
        let other = "7f1d3c2a-0b4e-4c8d-9a7f-112233445566";
        std::fs::write(outbox.dir().join(format!("{other}.json")), "{ not json").unwrap();
        let third = "8f1d3c2a-0b4e-4c8d-9a7f-112233445566";
        let wrong_id = json!({"statement": {"id": ID}, "queued": "2025-01-01T00:00:00Z"});
        std::fs::write(outbox.dir().join(format!("{third}.json")), wrong_id.to_string()).unwrap();
        std::fs::write(outbox.dir().join("notes.txt"), "hello").unwrap();
        std::fs::write(outbox.dir().join(".entry-abc.tmp"), "half").unwrap();
        assert_eq!(outbox.count(), 3, "entry files, readable or not");
        let listing = outbox.entries();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.unreadable.len(), 2);
        assert!(listing.unreadable.iter().any(|u| u.problem.contains("another id")), "{:?}", listing.unreadable);
    }
}
