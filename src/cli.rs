//! The command line: clap definitions and the headless subcommands.

mod check;
mod compare;
mod export;
mod history;
mod mood_chart;
mod new;
mod play;
mod profiles;
mod report;
mod run;
mod saved;
mod stats;
mod sync;
mod transcript;

pub use export::Format as ExportFormat;
pub use run::{result_json, transcript_text};

use crate::engine::Rules;
use crate::scenario::{Diagnostic, Scenario, load_library, load_sources, read_paths};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "frontline", version, about = "A terminal training game for customer-service agents.")]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command understands.
#[derive(Debug, Args)]
pub struct Common {
    /// Add a folder of trainer scenarios (repeatable).
    #[arg(long = "scenarios", value_name = "DIR", global = true)]
    pub scenarios: Vec<PathBuf>,
    /// Use this rules file instead of the bundled weights.
    #[arg(long, value_name = "FILE", global = true)]
    pub rules: Option<PathBuf>,
    /// Where progress is saved (default: FRONTLINE_DATA_DIR, else the platform data folder).
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play in the terminal (the default), or line by line in plain mode: with
    /// --plain, or when stdout is not a terminal, TERM=dumb or ACCESSIBLE is set.
    Play {
        /// In plain mode: the scenario to play (an id from the library, or a file);
        /// without it the library is listed to choose from.
        scenario: Option<String>,
        /// Use this seed for every attempt, to replay exactly.
        #[arg(long)]
        seed: Option<u64>,
        /// Plain mode: lines of text for screen readers and pipes, no escape codes.
        #[arg(long)]
        plain: bool,
        /// Play as this profile (created if new), without the profile menu.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// In plain mode: practice (scoring hidden until the debrief), mentor (live
        /// reasons, undo, notes) or test (no undo, no coach's notes, no live scoring).
        #[arg(long, value_enum)]
        mode: Option<play::PlayMode>,
    },
    /// Play a scenario without a terminal, picking replies by a fragment of their text.
    Run {
        /// A scenario id from the library, or a path to a scenario file.
        scenario: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A fragment of the reply to pick (case-insensitive); repeat once per reply.
        #[arg(long = "pick", value_name = "TEXT")]
        picks: Vec<String>,
        /// Print the result as JSON instead of the transcript.
        #[arg(long)]
        json: bool,
        /// Record the attempt in this profile (created if new), as a practice attempt.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
    },
    /// A profile's progress: best results and passes per scenario, tracks, the trend
    /// of each skill, first-contact rate, days in a row and time practised.
    Stats {
        /// The profile (needed when the save holds several).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A profile's attempts, newest first, each with the short id `transcript` and
    /// `compare` take.
    History {
        /// The profile (needed when the save holds several).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Print the attempts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// A saved attempt as Markdown to read and annotate: the conversation turn by turn
    /// with the mood after each reply, the mood changes and their reasons, the better
    /// reply where one existed, the mentor's notes and the debrief. Exits 1 when the
    /// scenario has changed since (or is gone) and only the saved result can be shown.
    Transcript {
        /// The attempt's id: its short id from `history`, or at least 4 characters of it.
        attempt: String,
        /// Look only among this profile's attempts.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Print the same content as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Two attempts at the same scenario side by side: where they parted, each side's
    /// replies from there, both results and both mood curves on one chart.
    Compare {
        /// The first attempt's id (A).
        a: String,
        /// The second attempt's id (B).
        b: String,
        /// Look only among this profile's attempts.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Print the comparison as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Every saved attempt (of one profile, or of all) as CSV for a spreadsheet, JSON
    /// in full, or xAPI 1.0.3 statements for a learning-record store.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only this profile's attempts (default: every profile's).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Only attempts on or after this day (UTC, as attempts are dated).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = export::parse_since)]
        since: Option<jiff::civil::Date>,
        /// Write to this file (whole or not at all) instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Send the attempts waiting in the outbox to the configured LRS (learning-record
    /// store) and say what was sent; exits 1 while any are still waiting.
    Sync,
    /// The cohort view: every learner's attempts, passes per scenario, skill averages
    /// and first-contact rate, read back from the configured LRS.
    Report {
        /// Only attempts on or after this day (UTC).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = export::parse_since)]
        since: Option<jiff::civil::Date>,
        /// Print the figures as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print one CSV row per learner, for a spreadsheet.
        #[arg(long)]
        csv: bool,
    },
    /// Check scenario files or folders (default: the bundled library): validate them,
    /// explore every path, run their tests and the research lint.
    Check {
        paths: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Treat warnings (research lint, surface lint) as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Write a commented starter scenario, `<ID>.ron`, that passes `frontline check`.
    New {
        /// The new scenario's id: a-z, 0-9 and '-' (also the file name).
        id: String,
        /// The folder to write it in (created if missing).
        #[arg(long, value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => play::play(&cli.common, &play::PlayArgs::default()),
        Some(Command::Play { ref scenario, seed, plain, ref profile, mode }) => {
            let args = play::PlayArgs { scenario: scenario.clone(), seed, plain, profile: profile.clone(), mode };
            play::play(&cli.common, &args)
        }
        Some(Command::Run { ref scenario, seed, ref picks, json, ref profile }) => {
            run::headless(&cli.common, scenario, seed, picks, json, profile.as_deref())
        }
        Some(Command::Check { ref paths, json, strict }) => check::check(&cli.common, paths, json, strict),
        Some(Command::New { ref id, ref dir }) => new::new_scenario(id, dir),
        Some(Command::Stats { ref profile, json }) => stats::stats(&cli.common, profile.as_deref(), json),
        Some(Command::History { ref profile, json }) => history::history(&cli.common, profile.as_deref(), json),
        Some(Command::Transcript { ref attempt, ref profile, json }) => {
            transcript::transcript(&cli.common, attempt, profile.as_deref(), json)
        }
        Some(Command::Compare { ref a, ref b, ref profile, json }) => {
            compare::compare(&cli.common, a, b, profile.as_deref(), json)
        }
        Some(Command::Export { format, ref profile, since, ref output }) => {
            export::export(&cli.common, format, profile.as_deref(), since, output.as_deref())
        }
        Some(Command::Sync) => sync::sync(&cli.common),
        Some(Command::Report { since, json, csv }) => {
            let format = match (json, csv) {
                (true, _) => report::ReportFormat::Json,
                (false, true) => report::ReportFormat::Csv,
                (false, false) => report::ReportFormat::Table,
            };
            report::report(since, format)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("frontline: {}", crate::text::sanitize(&message));
            ExitCode::from(2)
        }
    }
}

/// Prints to stdout, sanitised. A closed pipe (`frontline check | head`) is not an
/// error worth a panic: the reader has what it wanted.
pub(crate) fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(crate::text::sanitize(text).as_bytes()).and_then(|()| stdout.flush());
}

pub(crate) fn load_rules(common: &Common) -> Result<Rules, String> {
    match &common.rules {
        Some(path) => Rules::load(path).map_err(|e| e.to_string()),
        None => Ok(Rules::default()),
    }
}

/// Finds a scenario by id in the library, or reads it from a file path.
pub(crate) fn find_scenario(common: &Common, name: &str) -> Result<Scenario, String> {
    let path = Path::new(name);
    if path.is_file() {
        let (sources, mut diagnostics) = read_paths(&[path.to_path_buf()]);
        let known: Vec<String> =
            load_library(&common.scenarios).library.scenarios.into_iter().map(|s| s.scenario.id).collect();
        let report = load_sources(sources.into_iter().map(|s| (s, false)).collect(), Vec::new(), &known);
        diagnostics.extend(report.diagnostics.iter().filter(|d| d.is_error()).cloned());
        if !diagnostics.is_empty() {
            return Err(render_diagnostics(&diagnostics));
        }
        return report
            .library
            .scenarios
            .into_iter()
            .next()
            .map(|s| s.scenario)
            .ok_or_else(|| format!("{name}: no scenario"));
    }
    let report = load_library(&common.scenarios);
    // A trainer's file that did not load is worth knowing about even when it is
    // not the one asked for: it may be why an id is missing.
    for d in report.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("frontline: warning: {}", crate::text::sanitize(&d.to_string()));
    }
    match report.library.get(name) {
        Some(loaded) => Ok(loaded.scenario.clone()),
        None => {
            let ids: Vec<&str> = report.library.scenarios.iter().map(|s| s.scenario.id.as_str()).collect();
            Err(format!("no scenario \"{name}\" in the library (and no such file); known ids: {}", ids.join(", ")))
        }
    }
}

pub(crate) fn render_diagnostics(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}
