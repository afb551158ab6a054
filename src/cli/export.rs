//! `frontline export`: saved attempts, of one profile or of all, as CSV for a
//! spreadsheet, JSON in full, or xAPI statements for a learning-record store.

use super::{Common, emit};
use crate::engine::Skill;
use crate::progress::{Attempt, attempts_of, data_dir, parse_utc, peek};
use crate::scenario::{Library, load_library};
use crate::xapi::{self, ActivityInfo};
use jiff::civil::Date;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One row per attempt, every skill score its own column.
    Csv,
    /// The attempts in full, each with its profile's name.
    Json,
    /// A JSON array of xAPI 1.0.3 statements, one per attempt.
    Xapi,
}

/// `--since`: a calendar date written `YYYY-MM-DD`, and nothing else.
pub(crate) fn parse_since(text: &str) -> Result<Date, String> {
    let refuse = || "not a date: write it as YYYY-MM-DD, for example 2026-11-18".to_string();
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return Err(refuse());
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u16>().map_err(|_| refuse());
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let signed = |n: u16| i8::try_from(n).map_err(|_| refuse());
    Date::new(year as i16, signed(month)?, signed(day)?).map_err(|_| refuse())
}

/// `frontline export`: writes the attempts to stdout, or atomically to `output`.
pub(crate) fn export(
    common: &Common,
    format: Format,
    profile: Option<&str>,
    since: Option<Date>,
    output: Option<&Path>,
) -> Result<ExitCode, String> {
    let dir = data_dir(common.data_dir.as_deref()).map_err(|e| e.to_string())?;
    let mut records = attempts(&dir, profile)?;
    if let Some(since) = since {
        // Attempts carry UTC dates; one whose date cannot be read is not shown to be since.
        records.retain(|(_, attempt)| attempt_day(&attempt.date).is_some_and(|day| day >= since));
    }
    let library = load_library(&common.scenarios).library;
    let text = match format {
        Format::Csv => csv_text(&records, &library)?,
        Format::Json => json_text(&records),
        Format::Xapi => xapi_text(&records, &library, &home_page()?),
    };
    match output {
        None => emit(&text),
        Some(path) => {
            write_atomically(path, &crate::text::sanitize(&text))?;
            eprintln!(
                "frontline: wrote {} attempt{} to {}",
                records.len(),
                if records.len() == 1 { "" } else { "s" },
                crate::text::sanitize(&path.display().to_string())
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every saved attempt with its profile's name, of the named profile or of all, in
/// the order they were played, read without the save's lock (a game may be running).
fn attempts(dir: &Path, profile: Option<&str>) -> Result<Vec<(String, Attempt)>, String> {
    let unreadable = |e: String| format!("{}: the save cannot be read: {e}", dir.display());
    let save = peek(dir).map_err(unreadable)?;
    let chosen: Vec<_> = match profile {
        None => save.profiles.iter().collect(),
        Some(wanted) => vec![super::profiles::named_profile(dir, &save, wanted)?],
    };
    let mut records = Vec::new();
    for p in chosen {
        records.extend(attempts_of(dir, p).map_err(unreadable)?.into_iter().map(|a| (p.name.clone(), a)));
    }
    Ok(records)
}

/// The UTC calendar day of an attempt's `YYYY-MM-DDTHH:MM:SSZ` date.
fn attempt_day(date: &str) -> Option<Date> {
    Some(parse_utc(date)?.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The account `homePage` of the statements: the install's settings say it
/// (`config.ron`), else `xapi::DEFAULT_HOME_PAGE`. A settings file that cannot be
/// read is an error rather than statements naming learners wrongly.
fn home_page() -> Result<String, String> {
    crate::config::Config::load().map(|config| config.home_page().to_string())
}

fn activity<'a>(library: &'a Library, scenario: &str) -> Option<ActivityInfo<'a>> {
    library.get(scenario).map(|loaded| ActivityInfo {
        title: &loaded.scenario.title,
        summary: &loaded.scenario.summary,
        track: &loaded.scenario.track,
    })
}

fn xapi_text(records: &[(String, Attempt)], library: &Library, home_page: &str) -> String {
    let statements: Vec<serde_json::Value> = records
        .iter()
        .map(|(profile, attempt)| {
            xapi::statement(profile, attempt, activity(library, &attempt.scenario).as_ref(), home_page)
        })
        .collect();
    pretty_json(&serde_json::Value::Array(statements))
}

/// Each attempt as saved, with its profile's name and whether it passed and solved
/// the problem in the first contact.
fn json_text(records: &[(String, Attempt)]) -> String {
    let attempts: Vec<serde_json::Value> = records
        .iter()
        .map(|(profile, attempt)| {
            let mut value = serde_json::to_value(attempt).expect("attempts always serialise");
            if let Some(fields) = value.as_object_mut() {
                fields.insert("profile".into(), profile.as_str().into());
                fields.insert("passed".into(), attempt.passed().into());
                fields.insert("first_contact".into(), attempt.first_contact().into());
            }
            value
        })
        .collect();
    pretty_json(&serde_json::Value::Array(attempts))
}

fn pretty_json(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// The CSV column of a skill's score.
pub(crate) fn skill_column(skill: Skill) -> &'static str {
    match skill {
        Skill::Acknowledgment => "acknowledgment",
        Skill::ApologyDiscipline => "apology_discipline",
        Skill::Exploration => "exploration",
        Skill::FirstContactResolution => "first_contact_resolution",
        Skill::Tone => "tone",
        Skill::Responsiveness => "responsiveness",
    }
}

const COLUMNS_BEFORE_SKILLS: [&str; 14] = [
    "profile",
    "attempt_id",
    "date",
    "scenario",
    "title",
    "track",
    "mode",
    "ending",
    "completed",
    "passed",
    "first_contact",
    "stars",
    "final_mood",
    "satisfaction",
];
const COLUMNS_AFTER_SKILLS: [&str; 5] = ["undos", "played_secs", "seed", "picks", "content_hash"];

/// Free text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a
/// leading `'`, so opening an export can never execute what a name or title says.
pub(crate) fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

fn csv_text(records: &[(String, Attempt)], library: &Library) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = COLUMNS_BEFORE_SKILLS
        .iter()
        .copied()
        .chain(Skill::ALL.iter().map(|&s| skill_column(s)))
        .chain(COLUMNS_AFTER_SKILLS.iter().copied());
    writer.write_record(header).map_err(|e| e.to_string())?;
    for (profile, attempt) in records {
        let info = activity(library, &attempt.scenario);
        let mut row: Vec<String> = vec![
            spreadsheet_safe(profile),
            attempt.id.clone(),
            attempt.date.clone(),
            attempt.scenario.clone(),
            spreadsheet_safe(info.map_or(&attempt.scenario, |i| i.title)),
            spreadsheet_safe(info.map_or("", |i| i.track)),
            xapi::mode_name(attempt.mode).to_string(),
            xapi::ending_name(attempt.ending).to_string(),
            attempt.ending.is_some().to_string(),
            attempt.passed().to_string(),
            attempt.first_contact().to_string(),
            attempt.stars.to_string(),
            attempt.final_mood.to_string(),
            attempt.satisfaction.to_string(),
        ];
        row.extend(Skill::ALL.iter().map(|s| attempt.skills.get(s).map_or_else(String::new, u8::to_string)));
        row.extend([
            attempt.undos.to_string(),
            attempt.played_secs.to_string(),
            attempt.seed.to_string(),
            attempt.picks.iter().map(usize::to_string).collect::<Vec<_>>().join(" "),
            attempt.content_hash.clone(),
        ]);
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Writes `text` to `path` whole or not at all: a temporary file in the same folder,
/// flushed to disk, then renamed over the target.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let failed = |what: &Path, e: std::io::Error| format!("{}: {e}", what.display());
    let mut tmp = tempfile::Builder::new()
        .prefix(".frontline-export-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| failed(folder, e))?;
    tmp.write_all(text.as_bytes()).map_err(|e| failed(path, e))?;
    tmp.as_file().sync_all().map_err(|e| failed(path, e))?;
    tmp.persist(path).map_err(|e| failed(path, e.error))?;
    if let Ok(dir) = std::fs::File::open(folder) {
        // Not every platform can fsync a folder; the rename is already done.
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_only_real_calendar_dates() {
        assert_eq!(parse_since("2026-11-18"), Ok(jiff::civil::date(2026, 11, 18)));
        assert!(parse_since("2024-02-29").is_ok(), "a leap day");
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-31",
            "2026-1-18",
            "18/11/2026",
            "",
            "2026-11-18T00:00:00Z",
            "+026-11-18",
            "２０２６-11-18",
        ] {
            let err = parse_since(bad).expect_err(bad);
            assert!(err.contains("YYYY-MM-DD"), "{err}");
        }
    }

    #[test]
    fn attempt_days_are_utc_calendar_days() {
        let day = attempt_day("2026-11-18T23:59:59Z").unwrap();
        assert_eq!(day, parse_since("2026-11-18").unwrap());
        assert_eq!(attempt_day("yesterday"), None);
    }

    #[test]
    fn the_settings_default_home_page_is_the_statements_default() {
        assert_eq!(crate::config::DEFAULT_HOME_PAGE, xapi::DEFAULT_HOME_PAGE);
    }

    #[test]
    fn formula_text_is_defused_for_spreadsheets() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("Ana"), "Ana");
    }
}
