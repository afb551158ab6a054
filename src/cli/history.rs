//! `frontline history`: a profile's attempts, newest first, each with the short id
//! that `transcript` and `compare` take. Reads the save without locking it.

use super::profiles::{choose_profile, read_save};
use super::saved::{ending_text, local_date};
use super::{Common, emit};
use crate::progress::{Attempt, attempts_of};
use crate::scenario::{Library, load_library};
use std::process::ExitCode;

/// The longest scenario title the table shows whole.
const TITLE_CHARS: usize = 32;

pub(crate) fn history(common: &Common, profile: Option<&str>, json: bool) -> Result<ExitCode, String> {
    let (dir, save) = read_save(common)?;
    let profile = choose_profile(&dir, &save, profile)?;
    let mut attempts =
        attempts_of(&dir, profile).map_err(|e| format!("{}: the save cannot be read: {e}", dir.display()))?;
    newest_first(&mut attempts);
    let library = load_library(&common.scenarios).library;
    let out =
        if json { history_json(&profile.name, &attempts, &library) } else { table(&profile.name, &attempts, &library) };
    emit(&out);
    Ok(ExitCode::SUCCESS)
}

/// Newest first by date; attempts saved in the same second keep the journal's
/// order, reversed (the later line is the newer attempt).
fn newest_first(attempts: &mut [Attempt]) {
    attempts.reverse();
    attempts.sort_by(|a, b| b.date.cmp(&a.date));
}

fn title<'a>(library: &'a Library, attempt: &'a Attempt) -> &'a str {
    library.get(&attempt.scenario).map_or(&attempt.scenario, |l| &l.scenario.title)
}

/// `text` shortened to `max` characters, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max - 1).collect();
    format!("{}…", kept.trim_end())
}

fn table(profile: &str, attempts: &[Attempt], library: &Library) -> String {
    if attempts.is_empty() {
        return format!("{profile} has no attempts yet.\n");
    }
    let mut out = format!(
        "Attempts of {profile}, newest first ({}; dates in local time)\n\n",
        super::saved::plural(attempts.len(), "attempt", "attempts")
    );
    let header = ["Id", "Date", "Scenario", "Mode", "Ending", "Stars", "Mood", "Pass", "Undos", "Notes"];
    // Columns of numbers are right-aligned.
    let right = [false, false, false, false, false, true, true, false, true, true];
    let rows: Vec<Vec<String>> = attempts
        .iter()
        .map(|a| {
            vec![
                a.short_id().to_string(),
                local_date(a),
                cut(title(library, a), TITLE_CHARS),
                a.mode.name().to_string(),
                ending_text(a.ending).to_string(),
                format!("{}/3", a.stars),
                a.final_mood.to_string(),
                if a.passed() { "yes" } else { "no" }.to_string(),
                a.undos.to_string(),
                a.notes.len().to_string(),
            ]
        })
        .collect();
    let header: Vec<String> = header.iter().map(ToString::to_string).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().chain([&header]).map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .zip(right)
            .map(|((cell, &width), right)| {
                let pad = " ".repeat(width - cell.chars().count());
                if right { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
            })
            .collect();
        out += cells.join("  ").trim_end();
        out.push('\n');
    }
    out += "\n`frontline transcript ID` shows one attempt; `frontline compare ID ID` lays two side by side.\n";
    out
}

fn history_json(profile: &str, attempts: &[Attempt], library: &Library) -> String {
    let entries: Vec<serde_json::Value> = attempts
        .iter()
        .map(|a| {
            serde_json::json!({
                "id": a.id,
                "short_id": a.short_id(),
                "date": a.date,
                "local_date": local_date(a),
                "scenario": a.scenario,
                "title": title(library, a),
                "mode": a.mode,
                "ending": a.ending,
                "stars": a.stars,
                "final_mood": a.final_mood,
                "satisfaction": a.satisfaction,
                "passed": a.passed(),
                "undos": a.undos,
                "notes": a.notes.len(),
                "seed": a.seed,
            })
        })
        .collect();
    let value = serde_json::json!({ "profile": profile, "attempts": entries });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialise");
    text.push('\n');
    text
}
