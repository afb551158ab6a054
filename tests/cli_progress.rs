//! Progress from the command line: `run --profile` records headless attempts, and
//! `stats` adds them up.

mod wrong_door;

use std::process::{Command, Output};

fn frontline(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline")).args(args).env("FRONTLINE_DATA_DIR", data).output().unwrap()
}

use wrong_door::RESEARCH_ARGS as RESEARCH;

fn run_as(data: &std::path::Path, profile: &str, seed: &str, picks: &[&str]) {
    let mut args = vec!["run", "wrong-door", "--seed", seed, "--profile", profile, "--json"];
    args.extend(picks);
    let out = frontline(data, &args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json stays a JSON document");
    assert!(result["scenario"] == "wrong-door");
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("recorded in profile \"{profile}\"")));
}

#[test]
fn run_with_a_profile_records_attempts_that_stats_add_up() {
    let data = tempfile::tempdir().unwrap();
    run_as(data.path(), "Ana", "1", &RESEARCH);
    run_as(data.path(), "Ana", "2", &RESEARCH);
    run_as(data.path(), "Ana", "3", &["--pick", "so sorry"]);

    let out = frontline(data.path(), &["stats", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["profile"], "Ana");
    assert_eq!(
        (stats["attempts"].as_u64(), stats["finished"].as_u64(), stats["passes"].as_u64()),
        (Some(3), Some(2), Some(2))
    );
    assert_eq!(stats["first_contact_rate"], 100);
    assert_eq!(stats["streak_days"], 1, "practised today");
    let door = stats["scenarios"].as_array().unwrap().iter().find(|s| s["id"] == "wrong-door").unwrap();
    assert_eq!(
        (door["attempts"].as_u64(), door["passes"].as_u64(), door["best_stars"].as_u64()),
        (Some(3), Some(2), Some(3))
    );
    let basics = stats["tracks"].as_array().unwrap().iter().find(|t| t["name"] == "Basics").unwrap();
    assert_eq!((basics["passed"].as_u64(), basics["scenarios"].as_u64()), (Some(1), Some(1)));
    let ack = stats["skills"].as_array().unwrap().iter().find(|s| s["skill"] == "Acknowledgment").unwrap();
    assert_eq!(ack["recent"].as_array().map(Vec::len), Some(2), "played-out attempts only");

    let text = String::from_utf8_lossy(&frontline(data.path(), &["stats"]).stdout).into_owned();
    assert!(text.contains("Progress of Ana") && text.contains("Basics") && text.contains("1 of 1 passed"), "{text}");
}

#[test]
fn stats_asks_which_profile_when_there_are_several_and_names_them() {
    let data = tempfile::tempdir().unwrap();
    let out = frontline(data.path(), &["stats"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no profiles yet"));
    run_as(data.path(), "Ana", "1", &["--pick", "so sorry"]);
    run_as(data.path(), "Ben", "1", &["--pick", "so sorry"]);
    let out = frontline(data.path(), &["stats"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("choose one with --profile: Ana, Ben"));
    let out = frontline(data.path(), &["stats", "--profile", "Ben", "--json"]);
    assert!(out.status.success());
    let out = frontline(data.path(), &["stats", "--profile", "Cy"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no profile \"Cy\""));
}

#[test]
fn a_profile_name_that_could_not_be_shown_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let out = frontline(data.path(), &["run", "wrong-door", "--profile", "bad\u{1b}[2Jname", "--pick", "so sorry"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!data.path().join("progress.ron").exists());
}
