//! Plain mode end to end: the binary driven through a pipe (stdin and stdout both
//! piped), as a screen reader's or a script's session would be. Its output must
//! carry no escape byte and no box drawing, say every mood change in words, print
//! the debrief, and the attempt must be in the save.

use frontline::engine::{Rules, Run};
use frontline::progress::{Attempt, Mode, attempts_of, peek};
use frontline::scenario::{Ending, Scenario, TestKind, load_library};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const SEED: u64 = 3;

fn scenario(id: &str) -> Scenario {
    load_library(&[]).library.get(id).unwrap_or_else(|| panic!("no scenario {id}")).scenario.clone()
}

/// The numbers a trainee types to give the scenario's research-backed replies
/// (the first `take` of them), playing from `SEED`.
fn research_numbers(id: &str, take: usize) -> Vec<String> {
    let scenario = scenario(id);
    let test = scenario.tests.iter().find(|t| t.kind == TestKind::Research).expect("a research test");
    let mut run = Run::new(scenario.clone(), Rules::default(), SEED);
    let mut numbers = Vec::new();
    for fragment in test.picks.iter().take(take) {
        let index = run.find_reply(fragment).expect("a reply");
        numbers.push((run.replies().iter().position(|r| r.index == index).expect("shown") + 1).to_string());
        run.choose(index).expect("available");
    }
    numbers
}

/// Runs `frontline` with `args` on a data folder, `input` piped to stdin, stdout
/// and stderr piped; no LRS unless `env` names one.
fn frontline(data: &Path, args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
    let config = data.join("no-config");
    let mut command = Command::new(env!("CARGO_BIN_EXE_frontline"));
    command
        .args(args)
        .env("FRONTLINE_DATA_DIR", data)
        .env("FRONTLINE_CONFIG_DIR", &config)
        .env("TERM", "xterm-256color")
        .env_remove("ACCESSIBLE")
        .env_remove("FRONTLINE_LRS_ENDPOINT")
        .env_remove("FRONTLINE_LRS_KEY")
        .env_remove("FRONTLINE_LRS_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the binary runs");
    let mut stdin = child.stdin.take().expect("piped stdin");
    // The game may stop reading early (a refusal): a closed pipe is fine here.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().expect("the binary finishes")
}

fn lines(numbers: &[String]) -> String {
    numbers.iter().map(|n| format!("{n}\n")).collect()
}

/// The output as text, after checking it is plain: no escape byte, no box
/// drawing or block elements, no star symbols.
fn plain_stdout(out: &Output) -> String {
    assert!(!out.stdout.contains(&0x1b), "an escape byte on stdout");
    assert!(!out.stderr.contains(&0x1b), "an escape byte on stderr");
    let text = String::from_utf8(out.stdout.clone()).expect("UTF-8");
    let drawn: Vec<char> = text.chars().filter(|c| ('\u{2500}'..='\u{259F}').contains(c)).collect();
    assert!(drawn.is_empty(), "box drawing {drawn:?} in:\n{text}");
    assert!(!text.contains('★') && !text.contains('☆'), "{text}");
    text
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn attempts(data: &Path, profile: &str) -> Vec<Attempt> {
    let save = peek(data).expect("a readable save");
    let profile = save.profile(profile).unwrap_or_else(|| panic!("no profile {profile}"));
    attempts_of(data, profile).expect("readable attempts")
}

#[test]
fn a_piped_game_is_played_in_plain_words_and_saved() {
    let data = tempfile::tempdir().unwrap();
    let picks = research_numbers("wrong-door", usize::MAX);
    let out = frontline(data.path(), &["play", "wrong-door", "--profile", "Pat", "--seed", "3"], &lines(&picks), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = plain_stdout(&out);
    assert!(text.contains("Playing as Pat."), "{text}");
    assert!(text.contains("Leah: "), "the customer's line:\n{text}");
    assert!(text.contains("\n1. ") && text.contains("\n2. "), "numbered replies:\n{text}");
    // Each reply is echoed after the question, so the output reads as the session.
    assert!(text.contains(&format!("Your reply, 1 to 4, or ? for help: {}\n", picks[0])), "{text}");
    let moods: Vec<&str> = text.lines().filter(|l| l.starts_with("Mood ")).collect();
    assert_eq!(moods.len(), picks.len(), "one mood line per reply:\n{text}");
    for line in &moods {
        let words = ["gone", "furious", "upset", "uneasy", "satisfied", "delighted"];
        assert!(words.iter().any(|w| line.contains(&format!(", {w}, "))), "the mood in words: {line}");
        assert!(line.contains(" up ") || line.contains(" down ") || line.contains("no change"), "{line}");
    }
    let debrief = text.split_once("Debrief: Delivered to the wrong door").expect("the debrief").1;
    assert!(debrief.contains("Stars: 3 of 3."), "{debrief}");
    assert!(debrief.contains("Satisfaction: ") && debrief.contains(" of 5 from the customer"), "{debrief}");
    assert!(debrief.contains("Reply by reply:"), "{debrief}");
    let saved = attempts(data.path(), "Pat");
    assert_eq!(saved.len(), 1);
    let attempt = &saved[0];
    assert_eq!((attempt.scenario.as_str(), attempt.seed, attempt.mode), ("wrong-door", SEED, Mode::Practice));
    assert_eq!(attempt.ending, Some(Ending::Resolved));
    assert_eq!(attempt.picks.len(), picks.len());
    assert!(debrief.contains(&format!("as attempt {}", attempt.short_id())), "{debrief}");
}

#[test]
fn mentor_mode_through_a_pipe_gives_reasons_and_keeps_notes() {
    let data = tempfile::tempdir().unwrap();
    let picks = research_numbers("wrong-door", usize::MAX);
    let mut input = format!("{}\nn\nask about Saturday first\n", picks[0]);
    input += &lines(&picks[1..]);
    input += "\n";
    let args = ["play", "wrong-door", "--profile", "Pat", "--seed", "3", "--mode", "mentor"];
    let out = frontline(data.path(), &args, &input, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = plain_stdout(&out);
    let live = text.split_once("Debrief:").expect("the debrief").0;
    assert!(live.contains("Quick acknowledgment, up "), "the reason as it happens:\n{live}");
    let saved = attempts(data.path(), "Pat");
    assert_eq!(saved[0].mode, Mode::Mentor);
    assert_eq!(saved[0].notes.len(), 1);
    assert_eq!(saved[0].notes[0].text, "ask about Saturday first");
}

#[test]
fn the_end_of_input_mid_conversation_leaves_cleanly_with_an_abandoned_attempt() {
    let data = tempfile::tempdir().unwrap();
    let picks = research_numbers("wrong-door", 2);
    let out = frontline(data.path(), &["play", "wrong-door", "--profile", "Pat", "--seed", "3"], &lines(&picks), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = plain_stdout(&out);
    assert!(text.contains("The input ended; the attempt was saved as abandoned."), "{text}");
    let saved = attempts(data.path(), "Pat");
    assert_eq!(saved.len(), 1);
    assert_eq!((saved[0].ending, saved[0].picks.len()), (None, 2));
}

#[test]
fn without_a_scenario_the_library_is_listed_and_a_number_plays() {
    let data = tempfile::tempdir().unwrap();
    let library = load_library(&[]).library;
    let order = frontline::app::display_order(&frontline::app::tracks(&library));
    let number = order.iter().position(|&i| library.scenarios[i].scenario.id == "wrong-door").unwrap() + 1;
    // Bare `frontline` is `frontline play`; a name is asked when there is no profile.
    let input = format!("Robin\n{number}\nq\ny\nq\n");
    let out = frontline(data.path(), &[], &input, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = plain_stdout(&out);
    assert!(text.contains("Your name, to start your profile: Robin\nPlaying as Robin."), "{text}");
    assert!(text.contains("Scenarios for Robin, in practice mode:"), "{text}");
    assert!(text.contains("Track: Onboarding."), "{text}");
    assert!(text.contains("Locked: pass "), "{text}");
    assert!(text.contains("Left the conversation; the attempt was saved as abandoned."), "{text}");
    assert_eq!(attempts(data.path(), "Robin").len(), 1);
}

#[test]
fn another_persons_name_in_another_case_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let first = frontline(data.path(), &["play", "wrong-door", "--profile", "Pat Lee"], "", &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let out = frontline(data.path(), &["play", "wrong-door", "--profile", "pat  LEE"], "1\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(said.contains("is Pat Lee's profile"), "{said}");
    assert_eq!(peek(data.path()).unwrap().profiles.len(), 1, "no twin profile");
}

#[test]
fn a_locked_scenario_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let out = frontline(data.path(), &["play", "gym-freeze", "--profile", "Pat"], "1\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(plain_stdout(&out).contains("Locked: pass "));
    assert!(attempts(data.path(), "Pat").is_empty());
}

#[test]
fn with_an_lrs_configured_the_attempt_is_queued() {
    let data = tempfile::tempdir().unwrap();
    let lrs = [
        ("FRONTLINE_LRS_ENDPOINT", "http://127.0.0.1:9/xAPI/"),
        ("FRONTLINE_LRS_KEY", "frontline"),
        ("FRONTLINE_LRS_SECRET", "not-a-real-secret"),
    ];
    let picks = research_numbers("wrong-door", usize::MAX);
    let out = frontline(data.path(), &["play", "wrong-door", "--profile", "Pat", "--seed", "3"], &lines(&picks), &lrs);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("queued for the LRS"), "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("not-a-real-secret"));
    assert_eq!(frontline::outbox::Outbox::new(data.path()).count(), 1);
}

#[test]
fn plain_is_also_asked_for_with_the_flag() {
    // Piped stdout is plain on its own; --plain must not change that or fail.
    let data = tempfile::tempdir().unwrap();
    let out = frontline(data.path(), &["play", "wrong-door", "--plain", "--profile", "Pat"], "?\n", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(plain_stdout(&out).contains("How you are scored:"));
}

#[test]
fn ctrl_c_mid_conversation_saves_it_as_abandoned_and_ends_as_interrupted() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["play", "wrong-door", "--profile", "Pat", "--seed", &SEED.to_string()])
        .env("FRONTLINE_DATA_DIR", data.path())
        .env("FRONTLINE_CONFIG_DIR", data.path().join("no-config"))
        .env_remove("FRONTLINE_LRS_ENDPOINT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // One reply, then the input stays open: the game waits for the next one.
    let mut stdin = child.stdin.take().unwrap();
    let first = research_numbers("wrong-door", 1).remove(0);
    stdin.write_all(format!("{first}\n").as_bytes()).unwrap();
    stdin.flush().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (seen_tx, seen) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let mut chunk = [0; 4096];
        while let Ok(n) = std::io::Read::read(&mut stdout, &mut chunk) {
            if n == 0 {
                break;
            }
            text.extend_from_slice(&chunk[..n]);
            if String::from_utf8_lossy(&text).matches("Your reply").count() >= 2 {
                let _ = seen_tx.send(());
            }
        }
        String::from_utf8_lossy(&text).into_owned()
    });
    seen.recv_timeout(std::time::Duration::from_secs(60)).expect("the game asks for the second reply");
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let status = child.wait().expect("the game ends");
    drop(stdin);
    let output = reader.join().unwrap();
    assert_eq!(status.code(), Some(130), "ends as interrupted:\n{output}");
    let save = peek(data.path()).expect("the save reads");
    let attempts = attempts_of(data.path(), save.profile("Pat").expect("Pat's profile")).unwrap();
    assert_eq!(attempts.len(), 1, "{output}");
    assert_eq!((attempts[0].ending, attempts[0].picks.len()), (None, 1), "kept as abandoned after one reply");
}
