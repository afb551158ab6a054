//! Looking back from the command line, through the binary: `history` lists a
//! profile's attempts, `transcript` prints one as Markdown (or JSON), `compare` lays
//! two side by side. Histories are built with `run --profile`; mentor attempts with
//! notes and attempts `run` cannot make are written through `progress::Store`.

mod wrong_door;

use frontline::analysis::debrief;
use frontline::engine::{Rules, Run, mood_word};
use frontline::progress::{Attempt, Mode, Note, Store};
use frontline::scenario::load_library;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn frontline(data: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_frontline"));
    // Our own settings and the same clock face everywhere: dates print in UTC.
    command
        .args(args)
        .env("FRONTLINE_DATA_DIR", data)
        .env("FRONTLINE_CONFIG_DIR", data.join("config"))
        .env("TZ", "UTC");
    for var in ["FRONTLINE_LRS_ENDPOINT", "FRONTLINE_LRS_KEY", "FRONTLINE_LRS_SECRET"] {
        command.env_remove(var);
    }
    command.output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

use wrong_door::RESEARCH;
/// The same start as `RESEARCH`, then the customer is sent to fetch it herself: the
/// two part at reply 3.
const DEFLECTING: [&str; 3] = ["not what delivered should mean", "numbered 41, not 14", "knock at number 41"];

/// Plays wrong-door through `run --profile`; returns the attempt's id.
fn run_as(data: &Path, profile: &str, seed: u64, picks: &[&str]) -> String {
    let seed = seed.to_string();
    let mut args = vec!["run", "wrong-door", "--seed", &seed, "--profile", profile];
    for pick in picks {
        args.extend(["--pick", pick]);
    }
    let out = frontline(data, &args);
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    let id = said.split("as attempt ").nth(1).and_then(|rest| rest.split_whitespace().next());
    id.unwrap_or_else(|| panic!("no attempt id in: {said}")).to_string()
}

/// A run of `scenario` played in this process, picking by fragments.
fn play(scenario: &str, seed: u64, picks: &[&str]) -> Run {
    let library = load_library(&[]).library;
    let mut run = Run::new(library.get(scenario).unwrap().scenario.clone(), Rules::default(), seed);
    for pick in picks {
        run.pick(pick).unwrap();
    }
    run
}

fn attempt_of(run: &Run, mode: Mode) -> Attempt {
    Attempt::from_run(run, &debrief(run), mode)
}

fn record(data: &Path, profile: &str, attempt: &Attempt) {
    let (mut store, mut save, _) = Store::open(data).unwrap();
    store.record(&mut save, profile, attempt).unwrap();
}

fn note(turn: usize, text: &str) -> Note {
    Note { turn, text: text.into() }
}

/// A mentor's attempt: one reply taken back, notes before the first reply, after
/// the second (two lines) and after the last.
fn mentored(run: &Run) -> Attempt {
    let mut attempt = attempt_of(run, Mode::Mentor);
    attempt.undos = 1;
    attempt.date = "2025-06-01T05:06:07Z".into();
    attempt.notes = vec![
        note(0, "Listen for the deadline."),
        note(2, "Good: she knows what the desk shows.\nNext: offer options."),
        note(3, "She walked: the replacement was right there."),
    ];
    attempt
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("no {needle:?} in:\n{text}"))
}

#[test]
fn history_lists_attempts_newest_first_with_short_ids_that_transcript_and_compare_take() {
    let data = tempfile::tempdir().unwrap();
    let first = run_as(data.path(), "Ana", 1, &RESEARCH);
    let second = run_as(data.path(), "Ana", 2, &DEFLECTING);
    let mentor = mentored(&play("wrong-door", 3, &DEFLECTING));
    record(data.path(), "Ana", &mentor);
    // Recorded last but played long before: it is the oldest.
    let mut old = attempt_of(&play("wrong-door", 4, &RESEARCH[..1]), Mode::Test);
    old.date = "2025-01-01T00:00:00Z".into();
    record(data.path(), "Ana", &old);
    // Saved in the same second: the one recorded later is the newer.
    let mut older = attempt_of(&play("wrong-door", 5, &[]), Mode::Practice);
    older.date = "2024-12-31T23:59:59Z".into();
    let mut oldest = older.clone();
    oldest.id = "00000000-0000-4000-8000-000000000000".into();
    record(data.path(), "Ana", &oldest);
    record(data.path(), "Ana", &older);

    let listed: Value = serde_json::from_str(&stdout(&frontline(data.path(), &["history", "--json"]))).unwrap();
    assert_eq!(listed["profile"], "Ana");
    let attempts = listed["attempts"].as_array().unwrap();
    let ids: Vec<&str> = attempts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let expected = [&second, &first, &mentor.id, &old.id, &older.id, &oldest.id];
    assert_eq!(ids, expected, "newest first");
    assert_eq!(attempts[0]["short_id"], second[..8]);
    assert_eq!(attempts[1]["title"], "Delivered to the wrong door");
    assert_eq!(
        (attempts[1]["passed"].as_bool(), attempts[1]["stars"].as_u64(), attempts[1]["mode"].as_str()),
        (Some(true), Some(3), Some("Practice"))
    );
    assert_eq!((attempts[2]["mode"].as_str(), attempts[2]["notes"].as_u64()), (Some("Mentor"), Some(3)));
    assert_eq!(
        (attempts[2]["undos"].as_u64(), attempts[2]["local_date"].as_str()),
        (Some(1), Some("2025-06-01 05:06"))
    );
    assert_eq!(attempts[3]["ending"], Value::Null, "abandoned");

    let table = stdout(&frontline(data.path(), &["history"]));
    let rows: Vec<&str> = table.lines().filter(|l| ids.iter().any(|id| l.starts_with(&id[..8]))).collect();
    assert_eq!(rows.len(), 6, "{table}");
    for (row, id) in rows.iter().zip(&ids) {
        assert!(row.starts_with(&id[..8]), "{table}");
    }
    let mentor_row: Vec<&str> = rows[2].split_whitespace().collect();
    let stars = format!("{}/3", mentor.stars);
    let mood = mentor.final_mood.to_string();
    let expected = [&mentor.id[..8], "2025-06-01", "05:06", "Delivered", "to", "the", "wrong", "door", "mentor"];
    assert_eq!(mentor_row[..9], expected, "{table}");
    assert_eq!(mentor_row[9..], ["Unresolved", &stars, &mood, "no", "1", "3"], "{table}");
    assert!(rows[3].contains(" test ") && rows[3].contains("Abandoned"), "{}", rows[3]);

    // The short ids work on the command line.
    let short = |id: &str| id[..8].to_string();
    let out = frontline(data.path(), &["transcript", &short(&first)]);
    assert!(stdout(&out).contains(&format!("- **Attempt:** {first}")));
    let out = frontline(data.path(), &["compare", &short(&first), &short(&second)]);
    assert!(stdout(&out).contains("part at reply 3"));
}

#[test]
fn history_asks_which_profile_when_there_are_several() {
    let data = tempfile::tempdir().unwrap();
    let out = frontline(data.path(), &["history"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no profiles yet"), "{}", stderr(&out));
    run_as(data.path(), "Ana", 1, &RESEARCH[..1]);
    run_as(data.path(), "Ben", 1, &RESEARCH[..2]);
    let out = frontline(data.path(), &["history"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("choose one with --profile: Ana, Ben"), "{}", stderr(&out));
    let ben: Value =
        serde_json::from_str(&stdout(&frontline(data.path(), &["history", "--profile", "Ben", "--json"]))).unwrap();
    assert_eq!(ben["attempts"].as_array().map(Vec::len), Some(1));
    let out = frontline(data.path(), &["history", "--profile", "Cy"]);
    assert!(stderr(&out).contains("no profile \"Cy\"; the profiles are: Ana, Ben"), "{}", stderr(&out));
}

#[test]
fn transcript_holds_the_conversation_moods_reasons_better_replies_notes_and_debrief() {
    let data = tempfile::tempdir().unwrap();
    let run = play("wrong-door", 3, &DEFLECTING);
    let d = debrief(&run);
    assert!(d.steps.iter().any(|s| s.better.is_some()), "the deflection has a better reply");
    let attempt = mentored(&run);
    record(data.path(), "Ana", &attempt);

    let md = stdout(&frontline(data.path(), &["transcript", &attempt.id[..6]]));
    assert!(md.starts_with("# Transcript: Delivered to the wrong door\n"), "{md}");
    for line in [
        "- **Scenario:** Delivered to the wrong door (`wrong-door`), phone, difficulty 1/5".to_string(),
        "- **Profile:** Ana".to_string(),
        "- **Date:** 2025-06-01 05:06 (local time)".to_string(),
        "- **Mode:** mentor".to_string(),
        "- **Seed:** 3".to_string(),
        format!("- **Attempt:** {} (short id `{}`)", attempt.id, attempt.short_id()),
        format!("- **Customer:** {}, starting mood {}", run.customer_name(), run.start_mood()),
        "- **Taken back:** 1 reply (mentor mode)".to_string(),
    ] {
        assert!(md.contains(&line), "no {line:?} in:\n{md}");
    }
    assert!(!md.contains("Not the conversation"), "a faithful replay carries no warning");
    // Turn by turn: the customer's line, the reply, the mood after, the reasons, the
    // better reply.
    let first = run.first_name();
    let mut before = run.start_mood();
    let mut at = 0;
    for step in &d.steps {
        let turn = position(&md, &format!("### Turn {}\n", step.turn));
        assert!(turn > at, "turns in order");
        let next = md[turn + 1..].find("### ").map_or(md.len(), |i| turn + 1 + i);
        let block = &md[turn..next];
        assert!(block.contains(&format!("**{first}:** ")), "{block}");
        assert!(block.contains(&format!("**You:** {}", step.reply)), "{block}");
        let change = step.mood_after - before;
        let moved = if change < 0 { format!("down {}", -change) } else { format!("up {change}") };
        let mood = format!("Mood after: {}, {} ({moved})", step.mood_after, mood_word(step.mood_after).to_lowercase());
        assert!(block.contains(&mood), "no {mood:?} in:\n{block}");
        for event in &step.events {
            assert!(block.contains(&format!("{:+} {}: {}", event.delta, event.rule.label(), event.reason)), "{block}");
        }
        if let Some(better) = &step.better {
            assert!(block.contains(&format!("**Better here:** “{}”", better.text)), "{block}");
            assert!(block.contains(&format!("could still reach {}", better.final_mood)), "{block}");
        }
        before = step.mood_after;
        at = turn;
    }
    assert!(md.contains("(down 8)") && md.contains("Legwork pushed to the customer"), "{md}");
    // The customer's first line opens turn 1; the closing line ends the conversation.
    assert!(position(&md, &run.transcript()[0].text) < position(&md, "**You:**"));
    let last = &run.transcript().last().unwrap().text;
    assert!(position(&md, "### The end") < position(&md, last));

    // Each note where it was written.
    let opening_note = position(&md, "> **Note, before the first reply:** Listen for the deadline.");
    assert!(position(&md, "### Turn 1") < opening_note && opening_note < position(&md, "**You:**"));
    let second =
        position(&md, "> **Note, after reply 2:** Good: she knows what the desk shows.\n> Next: offer options.\n");
    assert!(position(&md, "### Turn 2") < second && second < position(&md, "### Turn 3"));
    let third = position(&md, "> **Note, after reply 3:** She walked: the replacement was right there.");
    assert!(position(&md, "### Turn 3") < third && third < position(&md, "### The end"));

    // The debrief.
    let debrief_at = position(&md, "## Debrief\n");
    let tail = &md[debrief_at..];
    for line in [
        "- **Ending:** Unresolved".to_string(),
        format!(
            "- **Stars:** {}/3 (best possible from this start: {}; this attempt: {})",
            attempt.stars,
            d.best_possible.unwrap(),
            d.final_mood
        ),
        format!("- **Satisfaction:** {}/5", attempt.satisfaction),
        format!("- **Replies:** {}", d.turns),
        "- **Pass:** no (a mentor-mode attempt never passes)".to_string(),
    ] {
        assert!(tail.contains(&line), "no {line:?} in:\n{tail}");
    }
    for skill in &d.skills {
        assert!(tail.contains(&format!("| {} | {} | {} |", skill.skill.label(), skill.score, skill.comment)), "{tail}");
    }
}

#[test]
fn transcript_json_holds_the_same_content_structured() {
    let data = tempfile::tempdir().unwrap();
    let run = play("wrong-door", 3, &DEFLECTING);
    let d = debrief(&run);
    let attempt = mentored(&run);
    record(data.path(), "Ana", &attempt);
    let out = frontline(data.path(), &["transcript", attempt.short_id(), "--json"]);
    let value: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!((value["id"].as_str(), value["profile"].as_str()), (Some(attempt.id.as_str()), Some("Ana")));
    assert_eq!((value["replayed"].as_bool(), value["notice"].is_null()), (Some(true), true));
    assert_eq!((value["mode"].as_str(), value["seed"].as_u64()), (Some("Mentor"), Some(3)));
    assert_eq!(value["notes"].as_array().map(Vec::len), Some(3));
    let conversation = &value["conversation"];
    assert_eq!(conversation["final_mood"], d.final_mood);
    let steps = conversation["steps"].as_array().unwrap();
    assert_eq!(steps.len(), d.steps.len());
    for (step, expected) in steps.iter().zip(&d.steps) {
        assert_eq!(step["text"], expected.reply.as_str());
        assert_eq!(step["mood_after"], expected.mood_after);
        assert_eq!(step["mood_word"], mood_word(expected.mood_after).to_lowercase());
        assert_eq!(step["events"].as_array().map(Vec::len), Some(expected.events.len()));
        assert_eq!(step["better"]["text"].as_str(), expected.better.as_ref().map(|b| b.text.as_str()));
        assert_eq!(step["before"][0]["speaker"], "Customer");
    }
    assert_eq!(steps[0]["before"][0]["text"], run.transcript()[0].text.as_str());
    assert_eq!(steps[1]["notes"], serde_json::json!(["Good: she knows what the desk shows.\nNext: offer options."]));
    assert_eq!(conversation["closing"][0]["text"], run.transcript().last().unwrap().text.as_str());
    assert!(conversation["skill_comments"]["Tone"].is_string());
}

#[test]
fn a_changed_or_missing_scenario_is_reported_not_shown_as_another_conversation() {
    let data = tempfile::tempdir().unwrap();
    let run = play("wrong-door", 3, &DEFLECTING);
    let mut changed = mentored(&run);
    changed.content_hash = "0".repeat(64);
    record(data.path(), "Ana", &changed);

    let out = frontline(data.path(), &["transcript", changed.short_id()]);
    assert_eq!(out.status.code(), Some(1), "not the conversation: exit 1");
    let md = String::from_utf8(out.stdout.clone()).unwrap();
    let notice = md.lines().nth(2).unwrap_or_default();
    assert!(notice.starts_with("> **Not the conversation.**") && notice.contains("has changed since"), "{md}");
    assert!(!md.contains("## Conversation") && !md.contains("**You:**") && !md.contains("Mood after"), "{md}");
    for line in [
        "- **Ending:** Unresolved".to_string(),
        format!("- **Final mood:** {}, {}", changed.final_mood, mood_word(changed.final_mood).to_lowercase()),
        format!("- **Stars:** {}/3", changed.stars),
        "- **Replies picked:** 3".to_string(),
        "> **Note, after reply 2:** Good: she knows what the desk shows.".to_string(),
    ] {
        assert!(md.contains(&line), "no {line:?} in:\n{md}");
    }
    assert!(stderr(&out).contains("is not shown as played"), "{}", stderr(&out));

    let out = frontline(data.path(), &["transcript", changed.short_id(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((value["replayed"].as_bool(), value["conversation"].is_null()), (Some(false), true));
    assert!(value["notice"].as_str().unwrap().contains("has changed since"));
    assert_eq!(value["saved"]["picks"], serde_json::json!(changed.picks));

    let mut gone = attempt_of(&run, Mode::Practice);
    gone.scenario = "retired-scenario".into();
    record(data.path(), "Ana", &gone);
    let out = frontline(data.path(), &["transcript", gone.short_id()]);
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(md.starts_with("# Transcript: retired-scenario\n\n> **Not the conversation.**"), "{md}");
    assert!(md.contains("not in the library any more"), "{md}");
}

#[test]
fn a_replay_that_ends_otherwise_under_other_rules_is_not_shown_either() {
    let data = tempfile::tempdir().unwrap();
    let id = run_as(data.path(), "Ana", 1, &RESEARCH);
    let rules = data.path().join("generous.ron");
    let text = frontline::engine::rules::DEFAULT_RULES.replace("early_bonus: 6", "early_bonus: 16");
    assert_ne!(text, frontline::engine::rules::DEFAULT_RULES);
    std::fs::write(&rules, text).unwrap();
    let out = frontline(data.path(), &["transcript", &id[..8], "--rules", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(md.contains("played with other rules") && !md.contains("**You:**"), "{md}");
    assert!(frontline(data.path(), &["transcript", &id[..8]]).status.success(), "the rules it was played with");
}

#[test]
fn compare_shows_where_two_attempts_parted_both_results_and_both_curves() {
    let data = tempfile::tempdir().unwrap();
    let a = run_as(data.path(), "Ana", 1, &RESEARCH);
    let b = run_as(data.path(), "Ana", 2, &DEFLECTING);
    let (run_a, run_b) = (play("wrong-door", 1, &RESEARCH), play("wrong-door", 2, &DEFLECTING));

    let text = stdout(&frontline(data.path(), &["compare", &a[..8], &b[..8]]));
    assert!(text.starts_with("Comparing two attempts at “Delivered to the wrong door” (wrong-door)\n"), "{text}");
    assert!(text.contains("They share the first 2 replies and part at reply 3."), "{text}");
    let shared = position(&text, "Shared replies (mood after: A / B)\n");
    let (ta, tb) = (run_a.turns(), run_b.turns());
    for k in 0..2 {
        let line = format!("  {}. {}   A {} / B {}\n", k + 1, ta[k].text, ta[k].mood_after, tb[k].mood_after);
        assert!(position(&text, &line) > shared, "{text}");
    }
    let from_a = position(&text, "A from reply 3\n");
    let from_b = position(&text, "B from reply 3\n");
    for (k, turn) in ta.iter().enumerate().skip(2) {
        let line = format!(
            "  {}. {}   mood {}, {}",
            k + 1,
            turn.text,
            turn.mood_after,
            mood_word(turn.mood_after).to_lowercase()
        );
        let at = position(&text, &line);
        assert!(from_a < at && at < from_b, "{text}");
    }
    assert!(position(&text, &format!("  3. {}   mood {}", tb[2].text, tb[2].mood_after)) > from_b);
    assert!(text.contains("  A  Resolved ") && text.contains("  B  Unresolved "), "{text}");
    // The chart: a column per reply, A's last mood on its row, B's too.
    let chart = &text[position(&text, "\nmood\n")..];
    let row_of = |mood: i32| format!("{:>4} |", (mood + 2) / 5 * 5);
    let a_last = chart.lines().find(|l| l.starts_with(&row_of(ta[4].mood_after))).unwrap();
    assert_eq!(a_last.chars().nth(6 + 5 * 3 + 2), Some('A'), "{chart}");
    let b_last = chart.lines().find(|l| l.starts_with(&row_of(tb[2].mood_after))).unwrap();
    assert!(matches!(b_last.chars().nth(6 + 3 * 3 + 2), Some('B' | '*')), "{chart}");
    assert!(chart.contains("        0  1  2  3  4  5  reply\n                 ^ first different reply\n"), "{chart}");
    assert!(chart.contains(&format!("A = {}   B = {}   * = both", &a[..8], &b[..8])));
    assert!(!text.contains('\u{1b}'), "no escape codes");

    let value: Value = serde_json::from_str(&stdout(&frontline(data.path(), &["compare", &a, &b, "--json"]))).unwrap();
    assert_eq!((value["shared"].as_u64(), value["parted_at"].as_u64()), (Some(2), Some(3)));
    assert_eq!(value["shared_replies"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["a"]["moods"].as_array().map(Vec::len), Some(6), "the start and five replies");
    assert_eq!(value["b"]["moods"][3], tb[2].mood_after);
    assert_eq!(value["b"]["replies_after_parting"][0]["turn"], 3);
    assert_eq!(value["b"]["replies_after_parting"][0]["text"], tb[2].text.as_str());
    assert_eq!((value["a"]["passed"].as_bool(), value["b"]["ending"].as_str()), (Some(true), Some("Unresolved")));
}

#[test]
fn compare_refuses_attempts_at_different_scenarios_and_the_same_attempt_twice() {
    let data = tempfile::tempdir().unwrap();
    let a = run_as(data.path(), "Ana", 1, &RESEARCH);
    let elsewhere = attempt_of(&play("gym-freeze", 1, &[]), Mode::Practice);
    record(data.path(), "Ana", &elsewhere);
    let out = frontline(data.path(), &["compare", &a[..8], elsewhere.short_id()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let said = stderr(&out);
    assert!(
        said.contains("two attempts at the same scenario") && said.contains("Delivered to the wrong door"),
        "{said}"
    );
    let out = frontline(data.path(), &["compare", &a[..8], &a]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("A and B are the same attempt"), "{}", stderr(&out));
}

#[test]
fn compare_says_when_one_attempt_stopped_where_the_other_went_on() {
    let data = tempfile::tempdir().unwrap();
    let a = run_as(data.path(), "Ana", 1, &RESEARCH);
    let left = attempt_of(&play("wrong-door", 1, &RESEARCH[..1]), Mode::Practice);
    record(data.path(), "Ana", &left);
    let text = stdout(&frontline(data.path(), &["compare", &a[..8], left.short_id()]));
    assert!(text.contains("They share the first reply; B stopped there, A goes on."), "{text}");
    assert!(text.contains("A from reply 2\n") && !text.contains("B from reply"), "{text}");
    assert!(text.contains("  B  Abandoned "), "{text}");
    let value: Value =
        serde_json::from_str(&stdout(&frontline(data.path(), &["compare", left.short_id(), &a, "--json"]))).unwrap();
    assert_eq!((value["shared"].as_u64(), value["parted_at"].as_u64()), (Some(1), Some(2)));
    assert_eq!(value["a"]["replies_after_parting"], serde_json::json!([]));
}

#[test]
fn compare_of_a_changed_scenario_shows_only_the_saved_results() {
    let data = tempfile::tempdir().unwrap();
    let a = run_as(data.path(), "Ana", 1, &RESEARCH);
    let mut changed = attempt_of(&play("wrong-door", 2, &DEFLECTING), Mode::Practice);
    changed.content_hash = "0".repeat(64);
    record(data.path(), "Ana", &changed);
    let out = frontline(data.path(), &["compare", &a[..8], changed.short_id()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.contains("NOTICE: B cannot be shown as played") && text.contains("has changed since"), "{text}");
    assert!(text.contains("different versions of the scenario"), "{text}");
    assert!(!text.contains("Shared replies") && !text.contains("\nmood\n"), "no replies or curves: {text}");
    assert!(text.contains("  B  Unresolved "), "the saved result: {text}");
}

#[test]
fn unknown_ambiguous_and_malformed_ids_are_clear_errors() {
    let data = tempfile::tempdir().unwrap();
    let run = play("wrong-door", 1, &RESEARCH[..2]);
    for id in ["abcd0001-0000-4000-8000-000000000001", "abcd0002-0000-4000-8000-000000000002"] {
        let mut attempt = attempt_of(&run, Mode::Practice);
        attempt.id = id.into();
        record(data.path(), "Ana", &attempt);
    }
    let error = |args: &[&str]| {
        let out = frontline(data.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        stderr(&out)
    };
    let said = error(&["transcript", "abcd"]);
    assert!(said.contains("starts 2 attempts' ids") && said.contains("give more of the id"), "{said}");
    assert!(said.contains("abcd0001-0000-4000-8000-000000000001 (Ana)"), "{said}");
    assert!(error(&["transcript", "ffff"]).contains("no attempt has an id starting “ffff”"));
    assert!(error(&["transcript", "zz"]).contains("is not an attempt id"));
    assert!(error(&["compare", "abcd0001", "ffff1"]).starts_with("frontline: B: no attempt"));
    assert!(
        error(&["transcript", "abcd0001", "--profile", "Zed"]).contains("no profile \"Zed\"; the profiles are: Ana")
    );
    assert!(frontline(data.path(), &["transcript", "ABCD0001"]).status.success(), "ids are not case-sensitive");
}

#[test]
fn stats_shows_attempts_per_mode() {
    let data = tempfile::tempdir().unwrap();
    run_as(data.path(), "Ana", 1, &RESEARCH);
    record(data.path(), "Ana", &mentored(&play("wrong-door", 3, &DEFLECTING)));
    record(data.path(), "Ana", &attempt_of(&play("wrong-door", 4, &RESEARCH), Mode::Test));
    record(data.path(), "Ana", &attempt_of(&play("wrong-door", 5, &RESEARCH), Mode::Test));
    let text = stdout(&frontline(data.path(), &["stats"]));
    assert!(text.contains("\nBy mode: 1 practice, 1 mentor, 2 test\n"), "{text}");
    let json: Value = serde_json::from_str(&stdout(&frontline(data.path(), &["stats", "--json"]))).unwrap();
    assert_eq!(json["modes"], serde_json::json!({"Practice": 1, "Mentor": 1, "Test": 2}));
}
