//! The research lint: a research-backed path (quick acknowledgment, options
//! explored, no apology past the opening) must end at least `RESEARCH_MARGIN` mood
//! points above an apology-heavy path through the same scenario (DESIGN.md,
//! calibration). A warning, not an error.

use super::{Analysis, Finding, PathSummary, Place, TestOutcome, picks_text};
use crate::scenario::{Ending, TestKind};
use serde::Serialize;

/// How many mood points the research-backed path must win by.
pub const RESEARCH_MARGIN: i32 = 15;

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintSide {
    /// Where the path came from, for people: `test "name"` or a description of the
    /// path the analysis found.
    pub source: String,
    /// The scenario test this path is, if it is one.
    pub test: Option<usize>,
    pub mood: i32,
    pub ending: Option<Ending>,
    /// Reply texts, when the path came from the analysis.
    pub picks: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LintStatus {
    Passed,
    Warned,
    /// Nothing to compare (no apology-heavy or no research path).
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResearchLint {
    pub status: LintStatus,
    /// The points the research path must win by (`RESEARCH_MARGIN`).
    pub margin: i32,
    pub research: Option<LintSide>,
    pub apology: Option<LintSide>,
    /// Research mood minus apology mood.
    pub gap: Option<i32>,
    /// Why the lint was skipped, when it was.
    pub note: Option<String>,
}

fn from_test(t: &TestOutcome) -> LintSide {
    LintSide {
        source: format!("test \"{}\"", t.name),
        test: Some(t.index),
        mood: t.final_mood,
        ending: t.ending,
        picks: Vec::new(),
    }
}

fn from_path(source: String, p: &PathSummary) -> LintSide {
    LintSide { source, test: None, mood: p.mood, ending: Some(p.ending), picks: p.picks.clone() }
}

/// Compares the research path with the apology-heavy one. Passing `Research` and
/// `Apology` tests are used when the scenario has them (the weakest research test
/// against the strongest apology test); otherwise the paths come from the analysis.
pub fn research_lint(analysis: &Analysis, tests: &[TestOutcome]) -> (ResearchLint, Option<Finding>) {
    let passing = |kind| tests.iter().filter(move |t| t.passed && t.kind == kind);
    let research = passing(TestKind::Research).min_by_key(|t| t.final_mood).map(from_test).or_else(|| {
        analysis.research.as_ref().map(|p| from_path("the best path with no apology past the opening".to_string(), p))
    });
    let apology = passing(TestKind::Apology).max_by_key(|t| t.final_mood).map(from_test).or_else(|| {
        analysis.apology_heavy.as_ref().filter(|p| p.paid_apologies > 0).map(|p| {
            from_path(format!("the best path with the most apologies past the opening ({})", p.paid_apologies), p)
        })
    });
    let skipped = |note: &str, research: Option<LintSide>, apology: Option<LintSide>| ResearchLint {
        status: LintStatus::Skipped,
        margin: RESEARCH_MARGIN,
        research,
        apology,
        gap: None,
        note: Some(note.to_string()),
    };
    let (research, apology) = match (research, apology) {
        (Some(r), Some(a)) => (r, a),
        (None, apology) => {
            return (skipped("no path reaches an ending without an apology past the opening", None, apology), None);
        }
        (research, None) => {
            return (
                skipped("no reply apologises past the opening, so there is no apology-heavy path", research, None),
                None,
            );
        }
    };
    let gap = research.mood - apology.mood;
    let describe = |side: &LintSide| {
        if side.test.is_some() {
            format!("{}, mood {}", side.source, side.mood)
        } else {
            format!("{}, mood {}: {}", side.source, side.mood, picks_text(&side.picks))
        }
    };
    let finding = (gap < RESEARCH_MARGIN).then(|| {
        let place = research.test.or(apology.test).map_or(Place::Scenario, Place::Test);
        let (research, apology) = (describe(&research), describe(&apology));
        let verdict = if gap <= 0 {
            format!("the research-backed path ({research}) does not beat the apology-heavy path ({apology})")
        } else {
            format!(
                "the research-backed path ({research}) beats the apology-heavy path ({apology}) by only {gap} point{}",
                if gap == 1 { "" } else { "s" }
            )
        };
        Finding::warning(
            place,
            format!("research lint: {verdict}; the calibration asks for at least {RESEARCH_MARGIN} points"),
        )
    });
    let status = if finding.is_some() { LintStatus::Warned } else { LintStatus::Passed };
    let lint = ResearchLint {
        status,
        margin: RESEARCH_MARGIN,
        research: Some(research),
        apology: Some(apology),
        gap: Some(gap),
        note: None,
    };
    (lint, finding)
}
