//! The command line: clap definitions and the headless subcommands.

use crate::engine::{Debrief, Rules, Run, Speaker, minutes_text, mood_word};
use crate::scenario::{Diagnostic, Scenario, bundled_sources, load_library, load_sources, read_paths};
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
    /// Play in the terminal (the default).
    Play {
        /// Use this seed for every attempt, to replay exactly.
        #[arg(long)]
        seed: Option<u64>,
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
        None => play(&cli.common, None),
        Some(Command::Play { seed }) => play(&cli.common, seed),
        Some(Command::Run { ref scenario, seed, ref picks, json }) => {
            headless(&cli.common, scenario, seed, picks, json)
        }
        Some(Command::Check { ref paths, json, strict }) => check(&cli.common, paths, json, strict),
        Some(Command::New { ref id, ref dir }) => new_scenario(id, dir),
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
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(crate::text::sanitize(text).as_bytes()).and_then(|()| stdout.flush());
}

fn load_rules(common: &Common) -> Result<Rules, String> {
    match &common.rules {
        Some(path) => Rules::load(path).map_err(|e| e.to_string()),
        None => Ok(Rules::default()),
    }
}

fn play(common: &Common, seed: Option<u64>) -> Result<ExitCode, String> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return Err("the game needs a terminal; use `frontline run` to play without one".into());
    }
    let rules = load_rules(common)?;
    let report = load_library(&common.scenarios);
    let notices: Vec<String> = report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    let dir = crate::progress::data_dir(common.data_dir.as_deref()).map_err(|e| e.to_string())?;
    let (store, save, set_aside) = crate::progress::Store::open(&dir).map_err(|e| e.to_string())?;
    let mut notices = notices;
    if let Some(set_aside) = set_aside {
        notices.insert(0, set_aside.to_string());
    }
    let ctx = crate::app::AppContext { library: report.library, rules, store, save, notices, seed };
    crate::app::run(ctx).map_err(|e| format!("terminal: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Finds a scenario by id in the library, or reads it from a file path.
fn find_scenario(common: &Common, name: &str) -> Result<Scenario, String> {
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

fn render_diagnostics(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// `frontline run`: plays the picks and prints the transcript or JSON.
fn headless(common: &Common, name: &str, seed: u64, picks: &[String], json: bool) -> Result<ExitCode, String> {
    let rules = load_rules(common)?;
    let scenario = find_scenario(common, name)?;
    let mut run = Run::new(scenario, rules, seed);
    for (i, fragment) in picks.iter().enumerate() {
        if run.is_over() {
            return Err(format!(
                "the conversation ended after {i} pick(s); pick {} (\"{fragment}\") was not used",
                i + 1
            ));
        }
        run.pick(fragment).map_err(|e| format!("pick {} (\"{fragment}\"): {e}", i + 1))?;
    }
    let out = if json { result_json(&run) } else { transcript_text(&run) };
    emit(&out);
    Ok(ExitCode::SUCCESS)
}

/// The transcript and result of a run, as plain text.
pub fn transcript_text(run: &Run) -> String {
    let sc = run.scenario();
    let d = crate::analysis::debrief(run);
    let mut out = String::new();
    out += &format!(
        "{} ({}) - {}, difficulty {}/5, seed {}\n",
        sc.title,
        sc.id,
        sc.channel.label(),
        sc.difficulty,
        run.seed()
    );
    out += &format!(
        "Customer: {}, starting mood {} ({})\n\n",
        run.customer_name(),
        run.start_mood(),
        mood_word(run.start_mood())
    );
    let event_line = |change: &crate::engine::MoodChange| {
        format!("    {:+} {}: {}\n", change.delta, change.rule.label(), change.reason)
    };
    for event in run.events().iter().filter(|e| e.turn == 0) {
        out += &event_line(&event.change);
    }
    let mut steps = d.steps.iter();
    for line in run.transcript() {
        match line.speaker {
            Speaker::Customer => out += &format!("{}: {}\n", run.first_name(), line.text),
            Speaker::Narrator => out += &format!("* {}\n", line.text),
            Speaker::Agent => {
                out += &format!("You: {}\n", line.text);
                // End-of-conversation rules fire on the last reply too, so its step
                // lists them before the customer's last line.
                if let Some(step) = steps.next() {
                    out += &format!("    ({}, mood {} after)\n", minutes_text(step.minutes), step.mood_after);
                    for change in &step.events {
                        out += &event_line(change);
                    }
                    if let Some(better) = &step.better {
                        out += &format!("    Better here: \"{}\" -> {} at best\n", better.text, better.final_mood);
                    }
                }
            }
        }
    }
    out += "\n";
    out += &result_text(&d);
    if !run.is_over() {
        out += "\nNot finished. Replies available now:\n";
        for reply in run.replies() {
            out += &format!("  - {}\n", reply.text);
        }
    }
    out
}

fn result_text(d: &Debrief) -> String {
    let mut out = String::new();
    let ending = d.ending.map_or("Not finished", |e| e.label());
    let feeling = if d.ending == Some(crate::scenario::Ending::Resolved) {
        mood_word(d.final_mood)
    } else {
        "problem not solved"
    };
    let best = d.best_possible.map_or_else(|| "none resolved".to_string(), |b| b.to_string());
    out += &format!(
        "Ending: {ending}\nFinal mood: {} ({feeling}), from {}\nSatisfaction: {}/5\nStars: {}/3 (best possible here: {best}; you: {})\nReplies: {}, time: {}\n",
        d.final_mood,
        d.start_mood,
        d.satisfaction,
        d.stars,
        d.final_mood,
        d.turns,
        minutes_text(d.minutes)
    );
    out += "Skills:\n";
    for s in &d.skills {
        out += &format!("  {:<26} {:>3}  {}\n", s.skill.label(), s.score, s.comment);
    }
    out
}

/// The result of a run as JSON, for scripts and tests.
pub fn result_json(run: &Run) -> String {
    let d = crate::analysis::debrief(run);
    let steps: Vec<serde_json::Value> = d
        .steps
        .iter()
        .map(|s| {
            serde_json::json!({
                "turn": s.turn,
                "text": s.reply,
                "mood_after": s.mood_after,
                "minutes": s.minutes,
                "events": s.events,
                "better": s.better.as_ref().map(|b| serde_json::json!({"text": b.text, "final_mood": b.final_mood})),
            })
        })
        .collect();
    let value = serde_json::json!({
        "scenario": run.scenario().id,
        "seed": run.seed(),
        "customer": run.customer_name(),
        "picks": run.picks(),
        "ending": d.ending,
        "start_mood": d.start_mood,
        "final_mood": d.final_mood,
        "satisfaction": d.satisfaction,
        "stars": d.stars,
        "best_possible": d.best_possible,
        "turns": d.turns,
        "minutes": d.minutes,
        "first_contact": d.first_contact,
        "skills": d.skills.iter().map(|s| (format!("{:?}", s.skill), serde_json::Value::from(s.score))).collect::<serde_json::Map<_, _>>(),
        "events": d.events,
        "transcript": run.transcript(),
        "steps": steps,
        "replies": run.replies().iter().map(|r| r.text.clone()).collect::<Vec<_>>(),
        "finished": run.is_over(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// `frontline check`: validates files and folders, then explores every path through
/// each valid scenario, runs its tests and the research lint, and reports it all.
fn check(common: &Common, paths: &[PathBuf], json: bool, strict: bool) -> Result<ExitCode, String> {
    use crate::analysis::check_sources;
    let rules = load_rules(common)?;
    let report = if paths.is_empty() {
        check_sources(bundled_sources().into_iter().map(|s| (s, true)).collect(), Vec::new(), &[], &rules)
    } else {
        let (sources, diagnostics) = read_paths(paths);
        let bundled: Vec<String> = load_library(&[]).library.scenarios.into_iter().map(|s| s.scenario.id).collect();
        check_sources(sources.into_iter().map(|s| (s, false)).collect(), diagnostics, &bundled, &rules)
    };
    let mut out = if json { check_json(&report) } else { check_text(&report) };
    let failed = report.error_count() > 0 || (strict && report.warning_count() > 0);
    if strict && !json && report.warning_count() > 0 {
        out += "--strict: warnings count as errors\n";
    }
    emit(&out);
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// A path the analysis found, as a heading and numbered reply lines.
fn check_path_text(label: &str, path: &crate::analysis::PathSummary) -> String {
    use crate::scenario::Ending;
    let how = match path.ending {
        Ending::Walkout => format!("the customer walks out at \"{}\"", path.node),
        ending => format!("{} at \"{}\"", ending.label(), path.node),
    };
    let n = path.picks.len();
    let mut out = format!("  {label}: mood {}, {how}, after {n} repl{}\n", path.mood, if n == 1 { "y" } else { "ies" });
    for (i, pick) in path.picks.iter().enumerate() {
        out += &format!("    {}. {pick}\n", i + 1);
    }
    out
}

fn check_text(report: &crate::analysis::CheckReport) -> String {
    use crate::analysis::LintStatus;
    let mut out = String::new();
    for sc in &report.scenarios {
        let a = &sc.analysis;
        out += &format!("{} ({})\n", sc.id, sc.file);
        out += &format!("  states explored: {}{}\n", a.states, if a.capped { " (stopped at the limit)" } else { "" });
        let endings: Vec<String> = a
            .endings
            .iter()
            .map(|e| {
                let moods = if e.best_mood == e.worst_mood {
                    format!("mood {}", e.best_mood)
                } else {
                    format!("mood {}..{}", e.worst_mood, e.best_mood)
                };
                match &e.node {
                    Some(node) => format!("{} at \"{node}\" ({moods})", e.ending.label()),
                    None => "the customer walks out when mood reaches 0".to_string(),
                }
            })
            .collect();
        out +=
            &format!("  endings reachable: {}\n", if endings.is_empty() { "none".into() } else { endings.join(", ") });
        for (label, path) in [("best", &a.best), ("worst", &a.worst)] {
            if let Some(path) = path {
                out += &check_path_text(label, path);
            }
        }
        let passed = sc.tests_passed();
        if sc.tests.is_empty() {
            out += "  tests: none in the file\n";
        } else {
            out += &format!("  tests: {passed} of {} passed\n", sc.tests.len());
        }
        for t in &sc.tests {
            match &t.problem {
                None => {
                    let ending = t.ending.map_or("not over", |e| e.label());
                    out += &format!("    ok    \"{}\" ({ending}, mood {})\n", t.name, t.final_mood);
                }
                Some(problem) => out += &format!("    FAIL  \"{}\": {problem}\n", t.name),
            }
        }
        let lint = &sc.lint;
        out += &match (lint.status, &lint.research, &lint.apology) {
            (LintStatus::Skipped, _, _) => {
                format!("  research lint: skipped ({})\n", lint.note.as_deref().unwrap_or("nothing to compare"))
            }
            (status, Some(r), Some(p)) => format!(
                "  research lint: {}: research path mood {} ({}) vs apology-heavy path mood {} ({}), {} apart\n",
                if status == LintStatus::Passed { "ok" } else { "WARNING" },
                r.mood,
                r.source,
                p.mood,
                p.source,
                r.mood - p.mood
            ),
            _ => String::new(),
        };
        out += "  surface lint (seeds 1-5; best possible mean ";
        out += &sc.surface.first().map_or("-".to_string(), |r| format!("{:.0}", r.best_mean));
        out += "):\n";
        for r in &sc.surface {
            out += &format!(
                "    {:<5} {:<10} mean mood {:>5.1}, 3 stars in {} of {}\n",
                if r.flagged { "WARN" } else { "ok" },
                r.strategy.name(),
                r.mean_mood,
                r.three_star_runs,
                r.runs.len()
            );
        }
        out += "\n";
    }
    for d in &report.diagnostics {
        out += &format!("{d}\n");
    }
    let tests: usize = report.scenarios.iter().map(|s| s.tests.len()).sum();
    let failed: usize = report.scenarios.iter().map(|s| s.tests.len() - s.tests_passed()).sum();
    out += &format!(
        "{} file(s) read, {} scenario(s) valid, {} test(s) run ({} failed), {} error(s), {} warning(s)\n",
        report.files_read,
        report.scenarios.len(),
        tests,
        failed,
        report.error_count(),
        report.warning_count()
    );
    out
}

/// The check report as JSON (`format` 1): stable field names for scripts and CI.
fn check_json(report: &crate::analysis::CheckReport) -> String {
    use serde_json::json;
    let scenarios: Vec<serde_json::Value> = report
        .scenarios
        .iter()
        .map(|sc| {
            let a = &sc.analysis;
            json!({
                "id": sc.id,
                "file": sc.file,
                "bundled": sc.bundled,
                "states": a.states,
                "capped": a.capped,
                "endings": a.endings,
                "best": a.best,
                "worst": a.worst,
                "research_path": a.research,
                "apology_heavy_path": a.apology_heavy,
                "unreached_nodes": a.unreached_nodes,
                "passed_through_nodes": a.passed_through_nodes,
                "unshown_replies": a.unshown_replies.iter().map(|(node, reply)| json!({"node": node, "reply": reply})).collect::<Vec<_>>(),
                "traps": a.traps,
                "tests": sc.tests,
                "tests_passed": sc.tests_passed(),
                "tests_failed": sc.tests.len() - sc.tests_passed(),
                "research_lint": sc.lint,
                "surface_strategies": sc.surface,
            })
        })
        .collect();
    let value = json!({
        "format": 1,
        "files_read": report.files_read,
        "valid": report.scenarios.iter().map(|s| &s.id).collect::<Vec<_>>(),
        "errors": report.error_count(),
        "warnings": report.warning_count(),
        "scenarios": scenarios,
        "diagnostics": report.diagnostics,
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// `frontline new`: writes a starter scenario that passes `check`, never over an
/// existing file.
fn new_scenario(id: &str, dir: &Path) -> Result<ExitCode, String> {
    crate::analysis::check_new_id(id).map_err(|e| e.to_string())?;
    if let Some(taken) = load_library(&[]).library.get(id) {
        return Err(format!("id \"{id}\" is already used by the bundled scenario {}; choose another", taken.file));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
    let path = dir.join(format!("{id}.ron"));
    let shown = path.display().to_string();
    let text = crate::analysis::starter_scenario(id, &shown).map_err(|e| e.to_string())?;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{shown} already exists; not overwriting it")
        } else {
            format!("{shown}: cannot create: {e}")
        }
    })?;
    if let Err(e) = file.write_all(text.as_bytes()).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(format!("{shown}: cannot write: {e}"));
    }
    emit(&format!("Wrote {shown}: a starter scenario with two tests.\nEdit it, then run `frontline check {shown}`.\n"));
    Ok(ExitCode::SUCCESS)
}
