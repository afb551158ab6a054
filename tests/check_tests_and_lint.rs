//! A scenario's own tests and the research lint, as `frontline check` runs them.

use frontline::analysis::{LintStatus, RESEARCH_MARGIN, check_scenario};
use frontline::engine::Rules;
use frontline::scenario::{Ending, Severity, parse_scenario};

/// Phone, a Speed customer at mood 50 (no jitter). Moods by path:
/// "I'm on it." +6 = 56, then "Done." +8 = 64 (Resolved) or "Not my problem." -8 = 48.
/// "Sorry, sorry, on it." +6 acknowledged, the second apology -4 = 52, then "Done." = 60.
const BASE: &str = r#"Scenario(
    id: "lint", title: "Lint", summary: "Tests and lint.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 50),
    options: [(id: "a", label: "Fix it")],
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "I'm on it.", moves: [Acknowledge], next: "fix"),
            (text: "Sorry, sorry, on it.", moves: [Acknowledge, Apologize, Apologize], next: "fix"),
        ]),
        "fix": (say: ["So?"], replies: [
            (text: "Done.", moves: [Commit("a")], next: "done"),
            (text: "Not my problem.", moves: [DeflectToCustomer], next: "gone"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
        "gone": (say: ["Bye."], end: Unresolved),
    },
    tests: [
TESTS
    ],
)"#;

fn with_tests(tests: &str) -> String {
    BASE.replace("TESTS", tests)
}

fn check(text: &str) -> frontline::analysis::ScenarioReport {
    let (scenario, _) = parse_scenario("lint.ron", text).unwrap_or_else(|d| panic!("fixture must validate: {d:#?}"));
    check_scenario(&scenario, &Rules::default(), "lint.ron", text, false)
}

fn errors(report: &frontline::analysis::ScenarioReport) -> Vec<String> {
    report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect()
}

#[test]
fn passing_tests_report_their_ending_and_mood() {
    let report = check(&with_tests(r#"(name: "good", picks: ["I'm on it", "Done"], expect: Resolved, min_mood: 60),"#));
    assert_eq!(report.tests.len(), 1);
    let t = &report.tests[0];
    assert!(t.passed, "{t:#?}");
    assert_eq!((t.ending, t.final_mood, t.picks_played), (Some(Ending::Resolved), 64, 2));
    assert!(errors(&report).is_empty());
}

#[test]
fn a_wrong_ending_is_an_error_at_the_test_saying_what_happened() {
    let report =
        check(&with_tests(r#"        (name: "expects too much", picks: ["I'm on it", "not my"], expect: Resolved),"#));
    let errors = errors(&report);
    assert_eq!(
        errors,
        ["lint.ron:19:9: test \"expects too much\" failed: expected Resolved but the conversation ended \
             Unresolved with mood 48"]
    );
}

#[test]
fn a_mood_outside_the_bounds_is_an_error() {
    let report = check(&with_tests(
        r#"(name: "too low", picks: ["I'm on it", "Done"], expect: Resolved, min_mood: 70),
        (name: "too high", picks: ["I'm on it", "Done"], expect: Resolved, max_mood: 50),"#,
    ));
    let errors = errors(&report);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].contains("final mood 64 (Resolved) is below min_mood 70"), "{errors:#?}");
    assert!(errors[1].contains("final mood 64 (Resolved) is above max_mood 50"), "{errors:#?}");
}

#[test]
fn a_pick_that_matches_nothing_or_too_much_is_an_error_listing_the_replies() {
    let report = check(&with_tests(
        r#"(name: "typo", picks: ["I'm onn it"], expect: Resolved),
        (name: "vague", picks: ["on it"], expect: Resolved),"#,
    ));
    let errors = errors(&report);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].contains("pick 1 (\"I'm onn it\") matches no available reply"), "{errors:#?}");
    assert!(errors[0].contains("\"Sorry, sorry, on it.\""), "{errors:#?}");
    assert!(errors[1].contains("pick 1 (\"on it\") matches more than one reply"), "{errors:#?}");
}

#[test]
fn unfinished_and_overlong_tests_are_errors() {
    let report = check(&with_tests(
        r#"(name: "stops early", picks: ["I'm on it"], expect: Resolved),
        (name: "one too many", picks: ["I'm on it", "Done", "Bye"], expect: Resolved),"#,
    ));
    let errors = errors(&report);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].contains("not over after all 1 pick(s): it is at node \"fix\" with mood 56"), "{errors:#?}");
    assert!(
        errors[1].contains("ended (Resolved, mood 64) after pick 2; pick 3 (\"Bye\") was never used"),
        "{errors:#?}"
    );
}

/// The research lint's warnings (this tiny fixture also trips the surface lint).
fn research_warnings(report: &frontline::analysis::ScenarioReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.starts_with("research lint"))
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_lint_warns_when_the_apology_test_is_not_15_points_worse() {
    let report = check(&with_tests(
        r#"(name: "research", kind: Research, picks: ["I'm on it", "Done"], expect: Resolved),
        (name: "apology", kind: Apology, picks: ["Sorry, sorry", "Done"], expect: Resolved),"#,
    ));
    assert_eq!(report.lint.status, LintStatus::Warned);
    assert_eq!(report.lint.gap, Some(4));
    let warnings = research_warnings(&report);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = warnings[0].to_string();
    assert!(w.starts_with("lint.ron:19:1: warning: research lint"), "{w}");
    assert!(w.contains("test \"research\", mood 64") && w.contains("test \"apology\", mood 60"), "{w}");
    assert!(w.contains("by only 4 points") && w.contains(&format!("at least {RESEARCH_MARGIN} points")), "{w}");
    assert!(errors(&report).is_empty());
}

#[test]
fn without_tests_the_lint_compares_paths_the_analysis_found() {
    let report = check(&with_tests(""));
    assert_eq!(report.lint.status, LintStatus::Warned);
    let (research, apology) = (report.lint.research.as_ref().unwrap(), report.lint.apology.as_ref().unwrap());
    assert_eq!((research.mood, apology.mood), (64, 60));
    assert_eq!(research.picks, ["I'm on it.", "Done."]);
    assert_eq!(apology.picks, ["Sorry, sorry, on it.", "Done."]);
    let w = research_warnings(&report).first().expect("a warning").to_string();
    assert!(w.contains("the best path with no apology past the opening, mood 64"), "{w}");
    assert!(w.contains("the most apologies past the opening (1), mood 60"), "{w}");
}

#[test]
fn the_lint_is_quiet_when_the_apology_path_is_clearly_worse() {
    // A customer who minds apologies: the second one now also costs 20 points.
    let text = with_tests("").replace(
        r#"moves: [Acknowledge, Apologize, Apologize], next: "fix"),"#,
        r#"moves: [Acknowledge, Apologize, Apologize], mood: -20, next: "fix"),"#,
    );
    let report = check(&text);
    assert_eq!(report.lint.status, LintStatus::Passed, "{:#?}", report.lint);
    assert_eq!(report.lint.gap, Some(24));
    assert!(research_warnings(&report).is_empty() && errors(&report).is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn the_lint_is_skipped_when_nothing_apologises_past_the_opening() {
    let text = with_tests("").replace(r#"[Acknowledge, Apologize, Apologize]"#, r#"[Acknowledge, Apologize]"#);
    let report = check(&text);
    assert_eq!(report.lint.status, LintStatus::Skipped);
    assert!(report.lint.note.as_deref().is_some_and(|n| n.contains("no reply apologises past the opening")));
    assert!(research_warnings(&report).is_empty() && errors(&report).is_empty(), "{:#?}", report.diagnostics);
}
