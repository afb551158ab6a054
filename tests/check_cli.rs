//! `frontline check` and `frontline new` end to end, through the binary.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn frontline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DATA_DIR", std::env::temp_dir().join("frontline-check-tests-unused"))
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/check/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(out)))
}

#[test]
fn the_bundled_library_passes_check_with_a_report_per_scenario() {
    let out = frontline(&["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("welcome-desk (scenarios/welcome-desk.ron)"), "{text}");
    assert!(text.contains("states explored: "), "{text}");
    assert!(text.contains("  best: mood "), "{text}");
    assert!(text.contains("  worst: mood "), "{text}");
    assert!(text.contains("research lint: "), "{text}");
    assert!(text.lines().last().is_some_and(|l| l.contains(" 0 error(s)")), "{text}");
}

#[test]
fn the_reference_example_passes_check_on_its_own() {
    let path = format!("{}/docs/examples/late-parcel.ron", env!("CARGO_MANIFEST_DIR"));
    let out = frontline(&["check", &path, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report = json(&out);
    assert_eq!(report["errors"], 0);
    let sc = &report["scenarios"][0];
    assert_eq!(sc["id"], "late-parcel");
    assert!(sc["states"].as_u64().is_some_and(|n| n > 10));
    assert_eq!(sc["capped"], false);
    assert_eq!(sc["best"]["ending"], "Resolved");
    assert!(sc["best"]["picks"].as_array().is_some_and(|p| !p.is_empty()));
    // Why it left the bundled library: picking replies by cue words wins it.
    let cue = sc["surface_strategies"].as_array().unwrap().iter().find(|s| s["strategy"] == "cue-words").unwrap();
    assert_eq!(cue["flagged"], true);
}

#[test]
fn every_example_in_the_docs_passes_check_on_its_own() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let out = frontline(&["check", path.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(0), "{}: {}", path.display(), stdout(&out));
        }
    }
}

#[test]
fn check_json_is_a_stable_document_for_the_whole_library() {
    let out = frontline(&["check", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["format"], 1);
    assert_eq!(report["errors"], 0);
    let scenarios = report["scenarios"].as_array().expect("a list of scenarios");
    assert!(scenarios.len() >= 4);
    assert_eq!(report["valid"].as_array().map(Vec::len), Some(scenarios.len()));
    for sc in scenarios {
        for field in ["id", "file", "states", "capped", "endings", "best", "worst", "tests", "research_lint"] {
            assert!(!sc[field].is_null(), "{} has no {field}", sc["id"]);
        }
        assert!(sc["best"]["mood"].as_i64() >= sc["worst"]["mood"].as_i64(), "{}", sc["id"]);
        assert_eq!(sc["tests_failed"], 0, "{}", sc["id"]);
    }
}

#[test]
fn analysis_errors_and_failing_tests_fail_check_with_positions() {
    let out = frontline(&["check", &fixture("findings.ron")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("findings.ron:18:13: reply 3 of node \"open\""), "{text}");
    assert!(text.contains("findings.ron:20:9: node \"secret\" is never reached"), "{text}");
    assert!(
        text.contains("findings.ron:29:9: test \"wrong\" failed: expected Callback but the conversation ended Resolved with mood 64"),
        "{text}"
    );
    assert!(text.contains("findings.ron:27:9: warning: research lint"), "{text}");
    // One research-lint warning, and the surface lint's five: every strategy wins this tiny scenario.
    assert!(text.contains("3 test(s) run (1 failed), 3 error(s), 6 warning(s)"), "{text}");
}

#[test]
fn check_json_reports_the_same_findings() {
    let out = frontline(&["check", "--json", &fixture("findings.ron")]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(3), Some(6)));
    let sc = &report["scenarios"][0];
    assert_eq!(sc["unreached_nodes"], serde_json::json!(["secret"]));
    assert_eq!(sc["unshown_replies"], serde_json::json!([{"node": "open", "reply": 2}]));
    assert_eq!(sc["tests_failed"], 1);
    assert_eq!(sc["research_lint"]["status"], "Warned");
    assert_eq!(sc["research_lint"]["gap"], 4);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.iter().any(|d| d["severity"] == "Error" && d["pos"] == serde_json::json!([20, 9])));
}

#[test]
fn warnings_alone_do_not_fail_check() {
    let out = frontline(&["check", &fixture("lint-only.ron")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("warning: research lint"), "{text}");

    let out = frontline(&["check", &fixture("clean.ron")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn a_scenario_won_by_always_picking_the_longest_reply_is_reported_and_fails_strict() {
    let file = fixture("gameable.ron");
    let out = frontline(&["check", &file]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass without --strict: {text}");
    assert!(text.contains("warning: surface lint: always picking the longest reply reaches 3 stars"), "{text}");
    assert!(!text.contains("surface lint: always picking the shortest"), "{text}");

    let out = frontline(&["check", "--strict", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("--strict: warnings count as errors"));

    let out = frontline(&["check", "--json", &file]);
    let report = json(&out);
    let strategies = report["scenarios"][0]["surface_strategies"].as_array().expect("surface_strategies");
    let names: Vec<_> = strategies.iter().map(|s| s["strategy"].as_str().unwrap()).collect();
    assert_eq!(names, ["longest", "shortest", "first", "last", "cue-words"]);
    let longest = &strategies[0];
    assert_eq!(longest["flagged"], true);
    assert_eq!(longest["three_star_runs"], 5);
    assert_eq!(longest["runs"].as_array().map(Vec::len), Some(5));
    assert_eq!(strategies[1]["flagged"], false);
}

#[test]
fn the_bundled_library_passes_check_strict() {
    let out = frontline(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 error(s), 0 warning(s)"));
}

#[test]
fn a_folder_is_checked_file_by_file() {
    let out = frontline(&["check", "--json", &format!("{}/tests/fixtures/check", env!("CARGO_MANIFEST_DIR"))]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["files_read"], 4);
    assert_eq!(report["scenarios"].as_array().map(Vec::len), Some(4));
}

#[test]
fn new_writes_a_starter_that_passes_check_cleanly() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let folder = dir.path().join("mine");
    let folder_arg = folder.to_str().expect("a UTF-8 temp path");
    let out = frontline(&["new", "double-charge", "--dir", folder_arg]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    let file = folder.join("double-charge.ron");
    assert!(stdout(&out).contains("double-charge.ron"));
    let text = std::fs::read_to_string(&file).expect("the starter was written");
    assert!(text.contains("id: \"double-charge\""));
    assert!(text.contains("kind: Research") && text.contains("kind: Apology"));

    let out = frontline(&["check", "--json", file.to_str().unwrap()]);
    let report = json(&out);
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(0), Some(0)), "{report:#}");
    let sc = &report["scenarios"][0];
    assert_eq!(sc["tests_passed"], 2);
    assert_eq!(sc["research_lint"]["status"], "Passed");
}

#[test]
fn new_never_overwrites_and_rejects_bad_ids() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let dir_arg = dir.path().to_str().expect("a UTF-8 temp path");
    let file = dir.path().join("mine.ron");
    std::fs::write(&file, "keep me").unwrap();
    let out = frontline(&["new", "mine", "--dir", dir_arg]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    // After `--` clap takes anything as the id, so the id check itself must refuse it.
    for bad in ["Has Spaces", "../escape", "", "UPPER", "tab\tid", "-rf", "--"] {
        let out = frontline(&["new", "--dir", dir_arg, "--", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad:?} was accepted");
    }
    let out = frontline(&["new", "--dir", dir_arg, "--", "-rf"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("must start with a letter or a digit"));
    let out = frontline(&["new", "welcome-desk", "--dir", dir_arg]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already used by the bundled scenario"));
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(written, [Path::new("mine.ron").as_os_str()]);
}
