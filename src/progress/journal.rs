//! A profile's journal: `profiles/<id>.jsonl`, one JSON record per line, only ever
//! appended to. The first line names the profile; then attempts, the attempts a
//! mentor's undo replaced, and renames, in the order they happened. A record is
//! saved once its whole line and newline are on disk, so a write cut short leaves at
//! most an unfinished last line, which is ignored (and trimmed by the next writer).

use super::{Attempt, Profile, SAVE_VERSION};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The folder of journals inside the data folder.
pub const JOURNAL_DIR: &str = "profiles";
/// A journal larger than this is not one of ours; the store never writes past it.
pub const MAX_JOURNAL_BYTES: u64 = 512 * 1024 * 1024;
/// No record we write comes near this (an attempt is a few hundred bytes).
const MAX_LINE_BYTES: usize = 256 * 1024;

/// The first line of a journal.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub version: u32,
    pub id: String,
    pub name: String,
    pub created: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Record {
    Profile(Header),
    Attempt(Attempt),
    /// The same attempt (same id) again after a mentor's undo: it replaces the
    /// earlier record of it.
    Update(Attempt),
    Rename(String),
}

impl Record {
    pub fn line(&self) -> String {
        let mut line = serde_json::to_string(self).expect("records always serialise");
        line.push('\n');
        line
    }
}

pub fn path(dir: &Path, id: &str) -> PathBuf {
    dir.join(JOURNAL_DIR).join(format!("{id}.jsonl"))
}

/// The profile id a journal's file name gives, if it is one of ours.
pub fn id_of(file_name: &str) -> Option<&str> {
    let id = file_name.strip_suffix(".jsonl")?;
    uuid::Uuid::parse_str(id).ok().map(|_| id)
}

/// What reading a journal (or its tail) found.
#[derive(Debug, Default)]
pub struct Scan {
    /// The offset just past the last whole line.
    pub end: u64,
    /// Lines that are not records we could have written: (line number, problem).
    pub bad: Vec<(usize, String)>,
    /// Whole lines read, good or bad.
    pub lines: usize,
    /// An `Update` record was read.
    pub updates: bool,
}

/// Reads the records of `path` from byte `from` (the start of a line) to the last
/// whole line, handing each to `visit` with its 1-based line number (counted from
/// `from`'s line, `first_line`).
pub fn scan(path: &Path, from: u64, first_line: usize, mut visit: impl FnMut(usize, Record)) -> std::io::Result<Scan> {
    let mut file = crate::files::open_regular(path)?;
    let size = file.metadata()?.len();
    if size > MAX_JOURNAL_BYTES {
        return Err(std::io::Error::other(format!("it is {size} bytes, more than a journal may be")));
    }
    file.seek(std::io::SeekFrom::Start(from))?;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, file);
    let mut scan = Scan { end: from, ..Scan::default() };
    let mut buf = Vec::new();
    let mut number = first_line;
    loop {
        buf.clear();
        let read = (&mut reader).take(MAX_LINE_BYTES as u64 + 1).read_until(b'\n', &mut buf)?;
        if read == 0 {
            break;
        }
        if buf.last() != Some(&b'\n') {
            if buf.len() <= MAX_LINE_BYTES {
                break; // an unfinished last line: a write that was cut short
            }
            // Too long to be ours: skip to the end of the line.
            let mut rest = Vec::new();
            let skipped = reader.read_until(b'\n', &mut rest)?;
            if rest.last() != Some(&b'\n') {
                break;
            }
            scan.end += (read + skipped) as u64;
            scan.bad.push((number, "a line far longer than any record".to_string()));
            scan.lines += 1;
            number += 1;
            continue;
        }
        scan.end += read as u64;
        scan.lines += 1;
        match parse_line(&buf) {
            Ok(record) => {
                scan.updates |= matches!(record, Record::Update(_));
                visit(number, record);
            }
            Err(problem) => scan.bad.push((number, problem)),
        }
        number += 1;
    }
    Ok(scan)
}

fn parse_line(line: &[u8]) -> Result<Record, String> {
    let record: Record = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    let problem = match &record {
        Record::Attempt(a) | Record::Update(a) => a.problem(),
        Record::Rename(name) if !super::is_valid_profile_name(name) => Some("an unprintable or overlong name"),
        Record::Profile(h) if !super::is_valid_profile_name(&h.name) => Some("an unprintable or overlong name"),
        _ => None,
    };
    match problem {
        Some(problem) => Err(format!("a record with {problem}")),
        None => Ok(record),
    }
}

/// A journal read whole into its profile's summary.
#[derive(Debug)]
pub struct Folded {
    pub profile: Profile,
    pub scan: Scan,
}

/// Reads a whole journal into a summary. Attempts a later `Update` replaced count
/// once, as their last version.
pub fn fold(path: &Path) -> Result<Folded, String> {
    let read_error = |e: std::io::Error| e.to_string();
    let (header, profile, misplaced, first) = fold_pass(path, |_, _| true).map_err(read_error)?;
    if !first.updates {
        return finish(path, header, profile, misplaced, first);
    }
    // A second pass counts each attempt at its last record only.
    let mut last = std::collections::HashMap::new();
    scan(path, 0, 1, |n, r| {
        if let Record::Attempt(a) | Record::Update(a) = r {
            last.insert(a.id, n);
        }
    })
    .map_err(read_error)?;
    let (header, profile, misplaced, second) =
        fold_pass(path, |a, n| last.get(&a.id) == Some(&n)).map_err(read_error)?;
    finish(path, header, profile, misplaced, second)
}

type Pass = (Option<Header>, Option<Profile>, Option<usize>, Scan);

/// One reading of a journal, adding up the attempts `keep` accepts.
fn fold_pass(path: &Path, keep: impl Fn(&Attempt, usize) -> bool) -> std::io::Result<Pass> {
    let (mut header, mut profile, mut misplaced) = (None, None::<Profile>, None);
    let scan = scan(path, 0, 1, |number, record| match record {
        Record::Profile(h) if number == 1 => {
            profile = Some(Profile::new(&h.id, &h.name, &h.created));
            header = Some(h);
        }
        Record::Profile(_) => misplaced = misplaced.or(Some(number)),
        Record::Attempt(a) | Record::Update(a) => {
            if let Some(p) = profile.as_mut().filter(|_| keep(&a, number)) {
                p.add(&a);
            }
        }
        Record::Rename(name) => {
            if let Some(p) = profile.as_mut() {
                p.name = name;
            }
        }
    })?;
    Ok((header, profile, misplaced, scan))
}

fn finish(
    path: &Path,
    header: Option<Header>,
    profile: Option<Profile>,
    misplaced: Option<usize>,
    mut scan: Scan,
) -> Result<Folded, String> {
    let (Some(header), Some(profile)) = (header, profile) else {
        return Err("its first line does not name a profile".to_string());
    };
    if header.version > SAVE_VERSION {
        return Err(format!("it was written by a newer Frontline (format {})", header.version));
    }
    if id_of(&path.file_name().unwrap_or_default().to_string_lossy()) != Some(header.id.as_str()) {
        return Err("the profile it names is not the one its file name gives".to_string());
    }
    if let Some(line) = misplaced {
        scan.bad.push((line, "a second profile heading".to_string()));
    }
    Ok(Folded { profile, scan })
}

/// Every attempt in a journal in the order played, each as its last version.
pub fn attempts(path: &Path) -> Result<Vec<Attempt>, String> {
    let mut attempts: Vec<Attempt> = Vec::new();
    let mut at = std::collections::HashMap::new();
    scan(path, 0, 1, |_, record| {
        if let Record::Attempt(a) | Record::Update(a) = record {
            match at.get(&a.id) {
                Some(&i) => attempts[i] = a,
                None => {
                    at.insert(a.id.clone(), attempts.len());
                    attempts.push(a);
                }
            }
        }
    })
    .map_err(|e| e.to_string())?;
    Ok(attempts)
}

/// Appends records and makes them durable. Returns the journal's new length.
/// `expected_len` is where the last whole line ends: anything after it (a line a
/// killed writer left unfinished) is cut off first, so the new line starts clean.
pub fn append(path: &Path, expected_len: u64, records: &[Record]) -> Result<u64, super::ProgressError> {
    let text: String = records.iter().map(Record::line).collect();
    let new_len = expected_len + text.len() as u64;
    if new_len > MAX_JOURNAL_BYTES {
        return Err(super::ProgressError::TooLarge { path: path.to_path_buf() });
    }
    let io = super::io_error(path);
    let mut file = std::fs::OpenOptions::new().write(true).open(path).map_err(super::io_error(path))?;
    let write = (|| {
        if file.metadata()?.len() != expected_len {
            file.set_len(expected_len)?;
        }
        file.seek(std::io::SeekFrom::Start(expected_len))?;
        file.write_all(text.as_bytes())?;
        file.sync_data()
    })();
    write.map_err(io)?;
    Ok(new_len)
}

/// Writes a new journal (or a whole replacement) atomically: a temp file, fsync,
/// rename, fsync of the folder.
pub fn write_whole(path: &Path, text: &str) -> Result<(), super::ProgressError> {
    let dir = path.parent().expect("journals live in a folder");
    let mut tmp =
        tempfile::Builder::new().prefix(".progress-").suffix(".tmp").tempfile_in(dir).map_err(super::io_error(dir))?;
    tmp.write_all(text.as_bytes()).map_err(super::io_error(tmp.path()))?;
    tmp.as_file().sync_all().map_err(super::io_error(path))?;
    tmp.persist(path).map_err(|e| super::ProgressError::Io { path: path.to_path_buf(), source: e.error })?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename or a new file in `dir` durable. Not every platform can fsync a
/// folder; the change itself is already made.
pub fn sync_dir(dir: &Path) {
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}
