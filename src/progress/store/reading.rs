//! Reading the save folder: the summary cache, each journal (whole, or from where
//! the cache stopped), mending what a killed writer left, and the lock-free reads
//! other commands use.

use super::super::journal::{self, Record};
use super::super::legacy::{LegacySave, MAX_SAVE_BYTES, SAVE_FILE};
use super::super::{Attempt, Profile, SAVE_VERSION, SaveFile};
use super::{Outcome, SetAside, migrated_headers, set_aside_as, unused_name};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The summary cache in the data folder.
pub const SUMMARY_FILE: &str = "summary.json";
const MAX_SUMMARY_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Cache {
    pub(super) version: u32,
    pub(super) profiles: Vec<Cached>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Cached {
    pub(super) journal: Extent,
    pub(super) profile: Profile,
}

/// How much of a journal a summary has read: its bytes and whole lines, and when
/// the file was last changed then (an edit that keeps the size changes that).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Extent {
    pub(super) bytes: u64,
    pub(super) lines: usize,
    #[serde(default)]
    pub(super) modified: Option<u128>,
    /// A fingerprint of the bytes just before `bytes`: a journal that grew is only
    /// read on from there if what was read before is still there.
    #[serde(default)]
    pub(super) mark: u64,
}

/// FNV-1a of the (up to) 256 bytes of `path` before `upto`.
pub(super) fn mark(path: &Path, upto: u64) -> u64 {
    use std::io::{Read as _, Seek};
    let start = upto.saturating_sub(256);
    let mut bytes = Vec::new();
    let read = crate::files::open_regular(path).and_then(|mut f| {
        f.seek(std::io::SeekFrom::Start(start))?;
        f.take(upto - start).read_to_end(&mut bytes)
    });
    if read.is_err() {
        return 0;
    }
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A file's modification time in nanoseconds, where the platform has one.
pub(super) fn modified(path: &Path) -> Option<u128> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(time.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
}

pub(super) fn read_whole_file_save(path: &Path) -> Result<LegacySave, String> {
    let text = crate::files::read_text_limited(path, MAX_SAVE_BYTES).map_err(|e| e.to_string())?;
    LegacySave::parse(&text)
}

/// Reads every profile in `dir` without the lock and without changing anything:
/// for commands that only look (`frontline stats`, `export`), even while a game is
/// running. A whole-file save not migrated yet is read as it is.
pub fn peek(dir: &Path) -> Result<SaveFile, String> {
    let whole = dir.join(SAVE_FILE);
    if std::fs::symlink_metadata(&whole).is_ok() {
        let save = read_whole_file_save(&whole)?;
        let profiles = save
            .profiles
            .iter()
            .zip(migrated_headers(dir, &save))
            .map(|(old, header)| {
                let mut profile = Profile::new(&header.id, &header.name, &header.created);
                old.attempts.iter().for_each(|a| profile.add(a));
                profile
            })
            .collect();
        return Ok(SaveFile { profiles });
    }
    Ok(load(dir, None).0)
}

/// Every attempt of a profile, in the order played (for export, history, replay).
pub fn attempts_of(dir: &Path, profile: &Profile) -> Result<Vec<Attempt>, String> {
    let whole = dir.join(SAVE_FILE);
    if std::fs::symlink_metadata(&whole).is_ok() {
        let save = read_whole_file_save(&whole)?;
        return Ok(save.profiles.into_iter().find(|p| p.name == profile.name).map(|p| p.attempts).unwrap_or_default());
    }
    journal::attempts(&journal::path(dir, &profile.id))
}

/// Reads the summary cache and every journal, bringing the summaries up to date.
/// With `repairs`, journals are mended (an unfinished last line cut off, lines
/// that are not ours kept aside) and what was done is reported there; without, the
/// files are only read.
pub(super) fn load(dir: &Path, mut repairs: Option<&mut Vec<SetAside>>) -> (SaveFile, HashMap<String, Extent>) {
    let (order, mut cached) = read_cache(dir);
    let mut profiles = Vec::new();
    let mut journals = HashMap::new();
    let folder = dir.join(journal::JOURNAL_DIR);
    let mut ids: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| journal::id_of(&e.file_name().to_string_lossy()).map(str::to_string))
        .collect();
    ids.sort();
    for id in ids {
        let path = journal::path(dir, &id);
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let changed = modified(&path);
        let known = cached.remove(&id);
        let result = match known {
            Some(c) if c.journal.bytes == size && c.journal.modified == changed && changed.is_some() => {
                Ok((c.profile, c.journal, Vec::new()))
            }
            Some(c) if c.journal.bytes < size && mark(&path, c.journal.bytes) == c.journal.mark => read_tail(&path, c),
            _ => read_whole(&path),
        };
        match (result, repairs.as_deref_mut()) {
            (Ok((profile, extent, bad)), repairs) => {
                let (profile, extent) = match repairs {
                    Some(repairs) => mend(&path, profile, extent, size, &bad, repairs),
                    None => (profile, extent),
                };
                journals.insert(id, extent);
                profiles.push(profile);
            }
            (Err(problem), Some(repairs)) => {
                let stem = format!("{id}.unreadable");
                if let Ok(moved_to) = set_aside_as(&path, &folder, &stem, "jsonl") {
                    repairs.push(SetAside { moved_to, problem, outcome: Outcome::ProfileSetAside });
                }
            }
            (Err(_), None) => {}
        }
    }
    // The order they were made in: the cache's, then by creation time.
    let created = |p: &Profile| super::super::parse_utc(&p.created);
    profiles.sort_by(|a, b| {
        let place = |p: &Profile| order.iter().position(|id| id == &p.id).unwrap_or(usize::MAX);
        (place(a), created(a), &a.id).cmp(&(place(b), created(b), &b.id))
    });
    (SaveFile { profiles }, journals)
}

type Read = (Profile, Extent, Vec<(usize, String)>);

pub(super) fn read_whole(path: &Path) -> Result<Read, String> {
    let folded = journal::fold(path)?;
    let bytes = folded.scan.end;
    let extent = Extent { bytes, lines: folded.scan.lines, modified: modified(path), mark: mark(path, bytes) };
    Ok((folded.profile, extent, folded.scan.bad))
}

/// Brings a cached summary up to date with the lines appended since.
fn read_tail(path: &Path, cached: Cached) -> Result<Read, String> {
    let mut profile = cached.profile;
    let mut renamed = None;
    let mut scanned = Vec::new();
    let scan = journal::scan(path, cached.journal.bytes, cached.journal.lines + 1, |_, record| scanned.push(record))
        .map_err(|e| e.to_string())?;
    if scan.updates || scanned.iter().any(|r| matches!(r, Record::Profile(_))) {
        return read_whole(path);
    }
    for record in scanned {
        match record {
            Record::Attempt(a) => profile.add(&a),
            Record::Rename(name) => renamed = Some(name),
            Record::Profile(_) | Record::Update(_) => unreachable!("handled by reading the whole journal"),
        }
    }
    if let Some(name) = renamed {
        profile.name = name;
    }
    let lines = cached.journal.lines + scan.lines;
    let extent = Extent { bytes: scan.end, lines, modified: modified(path), mark: mark(path, scan.end) };
    Ok((profile, extent, scan.bad))
}

/// With the lock held: cuts off an unfinished last line, and keeps a journal with
/// lines that are not ours aside (whole) before writing it again without them.
fn mend(
    path: &Path,
    profile: Profile,
    extent: Extent,
    size: u64,
    bad: &[(usize, String)],
    repairs: &mut Vec<SetAside>,
) -> (Profile, Extent) {
    let mut extent = extent;
    if extent.bytes < size
        && let Ok(file) = std::fs::OpenOptions::new().write(true).open(path)
    {
        let _ = file.set_len(extent.bytes).and_then(|()| file.sync_data());
        extent.modified = modified(path);
    }
    let Some((line, problem)) = bad.first() else { return (profile, extent) };
    let folder = path.parent().expect("journals live in a folder");
    let stem = format!("{}.unreadable", profile.id);
    let target = unused_name(folder, &stem, "jsonl");
    if std::fs::copy(path, &target).is_err() {
        return (profile, extent);
    }
    let skip: std::collections::HashSet<usize> = bad.iter().map(|(n, _)| *n).collect();
    let Ok(text) = std::fs::read_to_string(path) else { return (profile, extent) };
    let kept: String =
        text.split_inclusive('\n').enumerate().filter(|(i, _)| !skip.contains(&(i + 1))).map(|(_, l)| l).collect();
    let more = if bad.len() > 1 { format!(" and {} more", bad.len() - 1) } else { String::new() };
    repairs.push(SetAside {
        moved_to: target,
        problem: format!("{}: line {line}{more}: {problem}", profile.name),
        outcome: Outcome::ReadableKept,
    });
    if journal::write_whole(path, &kept).is_err() {
        return (profile, extent);
    }
    match read_whole(path) {
        Ok((profile, extent, _)) => (profile, extent),
        Err(_) => (profile, extent),
    }
}

/// The cached summaries by profile id, and the order the profiles were listed in.
pub(super) fn read_cache(dir: &Path) -> (Vec<String>, HashMap<String, Cached>) {
    let Ok(text) = crate::files::read_text_limited(&dir.join(SUMMARY_FILE), MAX_SUMMARY_BYTES) else {
        return Default::default();
    };
    match serde_json::from_str::<Cache>(&text) {
        Ok(cache) if cache.version == SAVE_VERSION => {
            let order = cache.profiles.iter().map(|c| c.profile.id.clone()).collect();
            (order, cache.profiles.into_iter().map(|c| (c.profile.id.clone(), c)).collect())
        }
        _ => Default::default(),
    }
}
