//! The whole of `frontline check`: validation (the loader), then for each valid
//! scenario the exhaustive analysis, its tests and the research lint.

use super::{Analysis, ResearchLint, SurfaceResult, TestOutcome, analyze, research_lint, run_tests, surface_lint};
use crate::engine::Rules;
use crate::scenario::{Diagnostic, Locator, Scenario, Severity, SourceFile, load_sources};
use serde::Serialize;
use std::collections::HashMap;

/// What `check` found for one valid scenario.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioReport {
    pub id: String,
    pub file: String,
    pub bundled: bool,
    pub analysis: Analysis,
    pub tests: Vec<TestOutcome>,
    pub lint: ResearchLint,
    /// How each surface strategy did (the surface lint).
    pub surface: Vec<SurfaceResult>,
    /// This scenario's analysis, test and lint problems, located in its file.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScenarioReport {
    pub fn tests_passed(&self) -> usize {
        self.tests.iter().filter(|t| t.passed).count()
    }
}

/// Everything `check` found in a set of files.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub files_read: usize,
    pub scenarios: Vec<ScenarioReport>,
    /// Every problem (loading, validation, analysis, tests, lint), grouped by file
    /// in the order the files were read, then by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }
}

/// Analyses one scenario, runs its tests and the lint; `text` is its source, used to
/// point at problems.
pub fn check_scenario(scenario: &Scenario, rules: &Rules, file: &str, text: &str, bundled: bool) -> ScenarioReport {
    let analysis = analyze(scenario, rules);
    let tests = run_tests(scenario, rules);
    let (lint, lint_finding) = research_lint(&analysis, &tests);
    let (surface, surface_findings) = surface_lint(scenario, rules, &analysis);
    let locator = Locator::new(text);
    let diagnostics = analysis
        .findings
        .iter()
        .cloned()
        .chain(tests.iter().filter_map(TestOutcome::finding))
        .chain(lint_finding)
        .chain(surface_findings)
        .map(|f| f.diagnostic(file, &locator))
        .collect();
    ScenarioReport {
        id: scenario.id.clone(),
        file: file.to_string(),
        bundled,
        analysis,
        tests,
        lint,
        surface,
        diagnostics,
    }
}

/// Loads and validates `sources` (as `load_sources` does), then checks each valid
/// scenario in depth.
pub fn check_sources(
    sources: Vec<(SourceFile, bool)>,
    diagnostics: Vec<Diagnostic>,
    also_known: &[String],
    rules: &Rules,
) -> CheckReport {
    let order: Vec<String> = sources.iter().map(|(s, _)| s.name.clone()).collect();
    let texts: HashMap<String, String> = sources.iter().map(|(s, _)| (s.name.clone(), s.text.clone())).collect();
    let load = load_sources(sources, diagnostics, also_known);
    let scenarios: Vec<ScenarioReport> = load
        .library
        .scenarios
        .iter()
        .map(|l| {
            let text = texts.get(&l.file).map_or("", String::as_str);
            check_scenario(&l.scenario, rules, &l.file, text, l.bundled)
        })
        .collect();
    let mut all = load.diagnostics;
    all.extend(scenarios.iter().flat_map(|s| s.diagnostics.iter().cloned()));
    // Files in the order they were read (unreadable ones first, as reported), then by place.
    let rank = |file: &str| order.iter().position(|f| f == file).map_or(0, |p| p + 1);
    all.sort_by_key(|d| (rank(&d.file), d.pos.unwrap_or((0, 0))));
    CheckReport { files_read: load.files_read, scenarios, diagnostics: all }
}
