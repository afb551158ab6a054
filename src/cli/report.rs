//! `frontline report`: the cohort view. Reads Frontline's statements back from the
//! LRS and prints, per learner, attempts, passes per scenario, each skill's average
//! and the first-contact rate: as a table, JSON or CSV.

use super::emit;
use super::export::{skill_column, spreadsheet_safe};
use crate::cohort::{Cohort, Learner, aggregate};
use crate::config::Config;
use crate::engine::Skill;
use crate::progress::Mode;
use std::process::ExitCode;
use std::time::Duration;

/// How long one page of statements may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
}

pub(crate) fn report(since: Option<jiff::civil::Date>, format: ReportFormat) -> Result<ExitCode, String> {
    let config = Config::load()?;
    let Some(lrs) = config.lrs() else {
        return Err(format!("no LRS is configured: {}", config.how_to_configure_lrs()));
    };
    let client = crate::lrs::Client::new(lrs, REQUEST_TIMEOUT);
    let statements = client.fetch(since.map(lrs_since).as_deref()).map_err(|e| e.to_string())?;
    let cohort = aggregate(&statements, since);
    let text = match format {
        ReportFormat::Table => table(&cohort, lrs.endpoint(), since),
        ReportFormat::Json => json(&cohort, lrs.endpoint(), since),
        ReportFormat::Csv => csv(&cohort)?,
    };
    emit(&text);
    Ok(ExitCode::SUCCESS)
}

/// The LRS's `since` for a day: a second before it starts (UTC), because `since` is
/// exclusive. The LRS may return more (it compares when statements were stored);
/// `aggregate` keeps only those dated that day or later.
fn lrs_since(day: jiff::civil::Date) -> String {
    match day.yesterday() {
        Ok(eve) => format!("{eve}T23:59:59Z"),
        Err(_) => format!("{day}T00:00:00Z"),
    }
}

/// A skill's short column heading.
fn heading(skill: Skill) -> &'static str {
    match skill {
        Skill::Acknowledgment => "Ack",
        Skill::ApologyDiscipline => "Apology",
        Skill::Exploration => "Options",
        Skill::FirstContactResolution => "Resolution",
        Skill::Tone => "Tone",
        Skill::Responsiveness => "Response",
    }
}

fn percent(rate: Option<u8>) -> String {
    rate.map_or_else(|| "-".to_string(), |r| format!("{r}%"))
}

fn average(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.0}"))
}

fn table(cohort: &Cohort, endpoint: &str, since: Option<jiff::civil::Date>) -> String {
    let since_text = since.map(|d| format!(" since {d}")).unwrap_or_default();
    if cohort.learners.is_empty() {
        return format!("No Frontline attempts in the LRS at {endpoint}{since_text}.\n");
    }
    let mut out = format!(
        "Cohort: {} learner{}, {} attempt{}, from {endpoint}{since_text}\n\n",
        cohort.learners.len(),
        if cohort.learners.len() == 1 { "" } else { "s" },
        cohort.statements,
        if cohort.statements == 1 { "" } else { "s" },
    );
    let mut header: Vec<String> =
        ["Learner", "Attempts", "Passes", "First contact"].iter().map(ToString::to_string).collect();
    header.extend(Skill::ALL.iter().map(|&s| heading(s).to_string()));
    let rows: Vec<Vec<String>> = cohort.learners.iter().map(row).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0))
        .collect();
    for line in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
                if i == 0 { format!("{cell}{pad}") } else { format!("{pad}{cell}") }
            })
            .collect();
        out += cells.join("  ").trim_end();
        out.push('\n');
    }
    out += "\nAttempts per mode:\n";
    for learner in &cohort.learners {
        out += &format!("  {}: {}\n", learner.name, super::stats::modes_text(&learner.modes));
    }
    out += "\nPasses per scenario (passes/attempts):\n";
    for learner in &cohort.learners {
        let scenarios: Vec<String> =
            learner.scenarios.iter().map(|(id, f)| format!("{id} {}/{}", f.passes, f.attempts)).collect();
        out += &format!("  {}: {}\n", learner.name, scenarios.join(", "));
    }
    out
}

fn row(learner: &Learner) -> Vec<String> {
    let mut cells = vec![
        learner.name.clone(),
        learner.attempts.to_string(),
        learner.passes.to_string(),
        percent(learner.first_contact_rate),
    ];
    cells.extend(learner.skills.iter().map(|s| average(s.average)));
    cells
}

fn json(cohort: &Cohort, endpoint: &str, since: Option<jiff::civil::Date>) -> String {
    let value = serde_json::json!({
        "endpoint": endpoint,
        "since": since.map(|d| d.to_string()),
        "statements": cohort.statements,
        "learners": cohort.learners,
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// One row per learner; every scenario any learner played gets an attempts and a
/// passes column.
fn csv(cohort: &Cohort) -> Result<String, String> {
    let scenarios: std::collections::BTreeSet<&String> =
        cohort.learners.iter().flat_map(|l| l.scenarios.keys()).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["learner", "home_page", "attempts", "played_out", "passes", "first_contact_rate"]
        .iter()
        .map(ToString::to_string)
        .collect();
    header.extend(Skill::ALL.iter().map(|&s| skill_column(s).to_string()));
    header.extend(Mode::ALL.iter().map(|m| format!("{}_attempts", m.name())));
    for id in &scenarios {
        header.push(spreadsheet_safe(&format!("{id} attempts")));
        header.push(spreadsheet_safe(&format!("{id} passes")));
    }
    writer.write_record(&header).map_err(|e| e.to_string())?;
    for learner in &cohort.learners {
        let mut record = vec![
            spreadsheet_safe(&learner.name),
            spreadsheet_safe(&learner.home_page),
            learner.attempts.to_string(),
            learner.played_out.to_string(),
            learner.passes.to_string(),
            learner.first_contact_rate.map_or_else(String::new, |r| r.to_string()),
        ];
        record.extend(learner.skills.iter().map(|s| s.average.map_or_else(String::new, |v| format!("{v:.1}"))));
        record.extend(Mode::ALL.iter().map(|m| learner.modes.get(m).copied().unwrap_or(0).to_string()));
        for id in &scenarios {
            let figures = learner.scenarios.get(*id).copied().unwrap_or_default();
            record.push(figures.attempts.to_string());
            record.push(figures.passes.to_string());
        }
        writer.write_record(&record).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lrs_is_asked_from_a_second_before_the_day() {
        let day = jiff::civil::date(2026, 3, 1);
        assert_eq!(lrs_since(day), "2026-02-28T23:59:59Z");
    }
}
