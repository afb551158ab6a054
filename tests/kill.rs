//! Saves that are never lost: `frontline run … --profile` is killed (SIGKILL) at
//! random moments while it records, 200 times, with an LRS configured that cannot
//! be reached. The save must then load and hold every attempt that was reported
//! saved, each once, and the outbox a statement for every attempt saved (none was
//! sent). Two recorders at once both succeed.

use rand::{RngExt, SeedableRng};
use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

const KILLS: usize = 200;

fn recorder(data: &Path, seed: usize) -> Child {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["run", "wrong-door", "--seed", &seed.to_string(), "--profile", "Kill Test"])
        .args(["--pick", "not what delivered should mean", "--pick", "numbered 41, not 14"])
        .env("FRONTLINE_DATA_DIR", data)
        // An LRS nobody answers at (port 9 is discard; nothing listens there):
        // every attempt is queued, none is sent.
        .env("FRONTLINE_CONFIG_DIR", data.join("no-config"))
        .env("FRONTLINE_LRS_ENDPOINT", "http://127.0.0.1:9/xAPI/")
        .env("FRONTLINE_LRS_KEY", "key")
        .env("FRONTLINE_LRS_SECRET", "secret")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// The attempt id a recorder reported saved, if it got that far.
fn reported(stderr: &str) -> Option<String> {
    let rest = stderr.split("as attempt ").nth(1)?;
    Some(rest.split_whitespace().next()?.to_string())
}

fn saved(data: &Path) -> Vec<frontline::progress::Attempt> {
    let save = frontline::progress::peek(data).expect("the save loads");
    let profile = save.profile("Kill Test").expect("the profile exists");
    frontline::progress::attempts_of(data, profile).expect("the attempts load")
}

fn saved_ids(data: &Path) -> Vec<String> {
    saved(data).into_iter().map(|a| a.id).collect()
}

#[test]
fn a_recorder_killed_at_any_moment_loses_nothing_it_reported_saved() {
    let data = tempfile::tempdir().unwrap();
    // How long one recording takes here, unkilled: the kills are spread over it.
    let started = Instant::now();
    let out = recorder(data.path(), 0).wait_with_output().unwrap();
    let span = started.elapsed();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut promised: Vec<String> = reported(&String::from_utf8_lossy(&out.stderr)).into_iter().collect();
    assert_eq!(promised.len(), 1);

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8);
    let mut killed_before_saving = 0;
    for seed in 1..=KILLS {
        let mut child = recorder(data.path(), seed);
        let delay = span.mul_f64(rng.random_range(0.0..1.3));
        std::thread::sleep(delay);
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        match reported(&String::from_utf8_lossy(&out.stderr)) {
            Some(id) => promised.push(id),
            None => killed_before_saving += 1,
        }
        if seed % 50 == 0 {
            // Reopening mends what the kills left (an unfinished line, a temp file).
            let (_store, _save, set_aside) = frontline::progress::Store::open(data.path()).expect("opens");
            assert!(set_aside.is_empty(), "a kill never makes a save unreadable: {set_aside:?}");
        }
    }
    eprintln!(
        "{KILLS} kills over {span:?} recordings: {} reported saved, {killed_before_saving} killed before saving",
        promised.len() - 1
    );
    let (_store, _save, set_aside) = frontline::progress::Store::open(data.path()).expect("the save opens");
    assert!(set_aside.is_empty(), "{set_aside:?}");
    let ids = saved_ids(data.path());
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no attempt is recorded twice");
    for id in &promised {
        assert!(unique.contains(id), "attempt {id} was reported saved but is missing");
    }
    assert!(killed_before_saving > 0 && promised.len() > 1, "the kills landed both before and after the save");
    // Queued before saved: every attempt saved has its statement waiting.
    let outbox = frontline::outbox::Outbox::new(data.path());
    let waiting: HashSet<String> = outbox.entries().entries.into_iter().map(|e| e.id).collect();
    for attempt in saved(data.path()) {
        let statement = frontline::xapi::statement_id(&attempt).to_string();
        assert!(waiting.contains(&statement), "attempt {} was saved but its statement is not queued", attempt.id);
    }
    eprintln!("{} statements waiting in the outbox for {} saved attempts", waiting.len(), ids.len());
}

#[test]
fn two_recorders_at_once_both_succeed() {
    let data = tempfile::tempdir().unwrap();
    let mut promised = Vec::new();
    for round in 0..5 {
        let pair = [recorder(data.path(), 2 * round), recorder(data.path(), 2 * round + 1)];
        for child in pair {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "{stderr}");
            promised.push(reported(&stderr).expect("reported saved"));
        }
    }
    let ids: HashSet<String> = saved_ids(data.path()).into_iter().collect();
    assert_eq!(ids.len(), 10);
    assert!(promised.iter().all(|id| ids.contains(id)));
}
