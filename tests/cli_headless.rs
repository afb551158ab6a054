//! The binary end to end, without a terminal: `frontline run` and `frontline check`.

use frontline::scenario::{Ending, TestKind, load_library};
use std::process::{Command, Output};

fn frontline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DATA_DIR", std::env::temp_dir().join("frontline-cli-tests-unused"))
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs picks headlessly and returns the parsed JSON result.
fn run_json(id: &str, seed: u64, picks: &[&str]) -> serde_json::Value {
    let seed = seed.to_string();
    let mut args = vec!["run", id, "--seed", &seed, "--json"];
    for p in picks {
        args.extend(["--pick", p]);
    }
    let out = frontline(&args);
    assert!(out.status.success(), "{id} {picks:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The format's reference example, kept in the docs since it is no longer bundled.
const LATE_PARCEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/late-parcel.ron");

const LATE_PARCEL_RESEARCH: [&str; 4] =
    ["pull up your order", "No waiting needed", "refund the express fee right", "Let's do"];
const LATE_PARCEL_APOLOGY: [&str; 3] = ["so sorry", "truly sorry", "truly sorry"];

#[test]
fn run_prints_a_transcript_with_every_mood_change_and_the_result() {
    let args = ["run", LATE_PARCEL, "--seed", "7", "--pick", "pull up your order", "--pick", "No waiting needed"];
    let out = frontline(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("The parcel that never came (late-parcel) - Phone"), "{text}");
    assert!(text.contains("You: Thanks for calling, and sorry for the wait."), "{text}");
    assert!(text.contains("+6 Quick acknowledgment"), "{text}");
    assert!(text.contains("Not finished. Replies available now:"), "{text}");
}

#[test]
fn run_json_reports_ending_mood_skills_and_events() {
    let result = run_json(LATE_PARCEL, 7, &LATE_PARCEL_RESEARCH);
    assert_eq!(result["ending"], "Resolved");
    assert_eq!(result["final_mood"], 61);
    assert_eq!(result["skills"]["Acknowledgment"], 100);
    assert_eq!(result["picks"], serde_json::json!([0, 0, 1, 3]));
    let events = result["events"].as_array().unwrap();
    // A customer in a hurry: half the range bonus, and a prompt commitment weighs more.
    assert!(events.iter().any(|e| e["rule"] == "RangeOfOptions" && e["delta"] == 3));
    assert!(events.iter().any(|e| e["rule"] == "PromptCommitment" && e["delta"] == 5));
    let start = result["start_mood"].as_i64().unwrap();
    let sum: i64 = events.iter().map(|e| e["delta"].as_i64().unwrap()).sum();
    assert_eq!(start + sum, 61);
    assert_eq!((result["best_possible"].as_i64(), result["stars"].as_i64()), (Some(61), Some(3)));
    // Per reply: its text, the mood after it, its events, and no better reply on the best path.
    let steps = result["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4);
    assert!(steps[0]["text"].as_str().unwrap().starts_with("Thanks for calling"));
    assert!(steps.iter().all(|s| s["better"].is_null()), "{steps:#?}");
    assert_eq!(steps[3]["mood_after"], 61);
    assert_eq!(result["replies"], serde_json::json!([]), "the conversation is over");
}

#[test]
fn the_reference_example_still_plays_and_rewards_its_research_path() {
    let research = run_json(LATE_PARCEL, 1, &LATE_PARCEL_RESEARCH);
    let apology = run_json(LATE_PARCEL, 1, &LATE_PARCEL_APOLOGY);
    assert_eq!(research["ending"], "Resolved");
    let (r, a) = (research["final_mood"].as_i64().unwrap(), apology["final_mood"].as_i64().unwrap());
    assert!(r >= a + 15, "research {r} vs apology {a}");
}

#[test]
fn run_json_names_the_better_reply_and_the_replies_on_offer() {
    let result = run_json(LATE_PARCEL, 7, &["so sorry"]);
    let step = &result["steps"][0];
    assert_eq!(step["text"], "Oh no, I'm so sorry. I really do apologise, that must be so frustrating for you.");
    let better = &step["better"];
    assert_eq!(better["text"], "Thanks for calling, and sorry for the wait. Let me pull up your order right now.");
    assert_eq!(better["final_mood"], result["best_possible"]);
    let replies = result["replies"].as_array().unwrap();
    assert_eq!(replies.len(), 3, "{replies:?}");
    assert!(replies.iter().any(|r| r == "Let me look at the courier scans for you now."));
}

#[test]
fn the_same_seed_and_picks_print_the_same_bytes() {
    let args = ["run", LATE_PARCEL, "--seed", "11", "--pick", "so sorry", "--pick", "look at the courier"];
    assert_eq!(frontline(&args).stdout, frontline(&args).stdout);
}

#[test]
fn an_ambiguous_or_unknown_pick_names_the_available_replies() {
    let out = frontline(&["run", LATE_PARCEL, "--pick", "you"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("pick 1 (\"you\"): \"you\" matches more than one reply"), "{err}");
    assert!(err.contains("  - Can you give me your order number, please."), "{err}");

    let out = frontline(&["run", LATE_PARCEL, "--pick", "teleport"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no available reply contains \"teleport\""), "{}", stderr(&out));
}

#[test]
fn picks_after_the_end_and_unknown_scenarios_are_clear_errors() {
    let mut args = vec!["run", LATE_PARCEL];
    for p in LATE_PARCEL_RESEARCH {
        args.extend(["--pick", p]);
    }
    args.extend(["--pick", "one more"]);
    let out = frontline(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the conversation ended after 4 pick(s)"), "{}", stderr(&out));

    let out = frontline(&["run", "no-such-scenario"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("known ids: "), "{}", stderr(&out));
}

#[test]
fn run_accepts_a_scenario_file_path() {
    let out = frontline(&["run", LATE_PARCEL, "--pick", "pull up your order"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = frontline(&["run", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/broken/trap-loop.ron")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("trap-loop.ron:12:9: node \"spin\" is in a loop with no way out"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_fails_on_broken_files_with_positions_and_passes_the_bundled_library() {
    let out = frontline(&["check", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/broken")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("unknown-variant.ron:7:14: Unexpected variant named `Fax`"), "{text}");

    let out = frontline(&["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn printed_text_never_carries_escape_codes() {
    let out = frontline(&["check", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/broken/escape-code.ron")]);
    assert!(!out.stdout.contains(&0x1b), "stdout carries an ESC byte");
}

/// A seed and the picks of one path through a scenario.
type Path<'a> = (u64, Vec<&'a str>);

/// Every bundled scenario plays headlessly to its expected endings, and its
/// research-backed path beats its apology-heavy path by at least 15 points.
#[test]
fn every_bundled_scenario_plays_and_rewards_the_research_path() {
    let library = load_library(&[]).library;
    assert!(library.scenarios.len() >= 4, "the example plus at least three scenarios");
    for loaded in &library.scenarios {
        let sc = &loaded.scenario;
        let of = |kind| -> Vec<Path<'_>> {
            sc.tests
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| (t.seed.unwrap_or(1), t.picks.iter().map(String::as_str).collect()))
                .collect()
        };
        let (research, apology) = (of(TestKind::Research), of(TestKind::Apology));
        assert!(!research.is_empty() && !apology.is_empty(), "{} has a research and an apology path", sc.id);
        let best_apology = apology
            .iter()
            .map(|(seed, picks)| run_json(&sc.id, *seed, picks)["final_mood"].as_i64().unwrap())
            .max()
            .unwrap();
        for (seed, picks) in &research {
            let result = run_json(&sc.id, *seed, picks);
            assert_eq!(result["ending"], serde_json::json!(Ending::Resolved), "{}: research path resolves", sc.id);
            let mood = result["final_mood"].as_i64().unwrap();
            assert!(mood >= best_apology + 15, "{}: research {mood} vs apology {best_apology}", sc.id);
        }
    }
}

#[test]
fn a_reader_that_stops_early_does_not_make_frontline_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["check", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Read a little, then hang up, as `frontline check --json | head` does.
    let mut first = [0u8; 16];
    child.stdout.take().expect("piped").read_exact(&mut first).expect("some output");
    let mut err = String::new();
    child.stderr.take().expect("piped").read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.code(), Some(0));
}
