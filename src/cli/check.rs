//! `frontline check`: validation, the exhaustive analysis, scenario tests and the
//! research and surface lints, reported as text or JSON.

use super::{Common, emit, load_rules};
use crate::scenario::{bundled_sources, load_library, read_paths};
use std::path::PathBuf;
use std::process::ExitCode;

/// `frontline check`: validates files and folders, then explores every path through
/// each valid scenario, runs its tests and the research lint, and reports it all.
pub(crate) fn check(common: &Common, paths: &[PathBuf], json: bool, strict: bool) -> Result<ExitCode, String> {
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
