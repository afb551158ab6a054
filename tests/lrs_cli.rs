//! `frontline sync` and `frontline report` through the binary: attempts recorded by
//! `run --profile` in three data folders, synced to the real Ralph server `.ci/run`
//! starts, and read back as one cohort.

mod lrs_support;

mod wrong_door;

use frontline::config::LrsConfig;
use lrs_support::{dead_endpoint, ralph, unique};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// How the binary finds its LRS in a test.
enum Lrs<'a> {
    None,
    /// Through `FRONTLINE_LRS_*`.
    Env(&'a LrsConfig, &'a str),
    /// Through `config.ron` in `FRONTLINE_CONFIG_DIR`.
    File(&'a LrsConfig),
}

fn frontline(config_dir: &Path, lrs: &Lrs, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_frontline"));
    command
        .args(args)
        .env("FRONTLINE_CONFIG_DIR", config_dir)
        .env_remove("FRONTLINE_DATA_DIR")
        .env_remove("FRONTLINE_LRS_ENDPOINT")
        .env_remove("FRONTLINE_LRS_KEY")
        .env_remove("FRONTLINE_LRS_SECRET");
    match lrs {
        Lrs::None => {}
        Lrs::Env(config, secret) => {
            command
                .env("FRONTLINE_LRS_ENDPOINT", config.endpoint())
                .env("FRONTLINE_LRS_KEY", config.key())
                .env("FRONTLINE_LRS_SECRET", secret);
        }
        Lrs::File(config) => {
            let text = format!(
                "(lrs: Some((endpoint: {:?}, key: {:?}, secret: {:?})))",
                config.endpoint(),
                config.key(),
                config.secret()
            );
            std::fs::write(config_dir.join("config.ron"), text).unwrap();
        }
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

use wrong_door::RESEARCH_ARGS as RESEARCH;
const ABANDONED: [&str; 2] = ["--pick", "so sorry"];

/// Records one headless attempt at wrong-door in `profile`.
fn record(config_dir: &Path, lrs: &Lrs, data: &Path, profile: &str, seed: u32, picks: &[&str]) -> String {
    let seed = seed.to_string();
    let data = data.to_str().unwrap();
    let mut args = vec!["run", "wrong-door", "--seed", &seed, "--profile", profile, "--data-dir", data];
    args.extend(picks);
    let out = frontline(config_dir, lrs, &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stderr)
}

fn outbox_files(data: &Path) -> usize {
    frontline::outbox::Outbox::new(data).count()
}

#[test]
fn three_machines_sync_to_ralph_and_report_reads_them_back_as_one_cohort() {
    let Some(ralph) = ralph() else { return };
    let secret = ralph.secret().to_string();
    let env = Lrs::Env(&ralph, &secret);
    let file = Lrs::File(&ralph);
    let config_dir = tempfile::tempdir().unwrap();
    let file_dir = tempfile::tempdir().unwrap();
    let machines: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let names: Vec<String> = ["ana", "ben", "cy"].iter().map(|n| unique(n)).collect();

    // ana: two passes and an abandoned attempt; ben: one pass; cy: two abandoned.
    // cy's machine reads the LRS from a config file instead of the environment.
    let plan: [(&[&[&str]], &Lrs, &Path); 3] = [
        (&[&RESEARCH, &RESEARCH, &ABANDONED], &env, config_dir.path()),
        (&[&RESEARCH], &env, config_dir.path()),
        (&[&ABANDONED, &ABANDONED], &file, file_dir.path()),
    ];
    for ((machine, name), (attempts, lrs, cfg)) in machines.iter().zip(&names).zip(plan) {
        for (seed, picks) in attempts.iter().enumerate() {
            let said = record(cfg, lrs, machine.path(), name, seed as u32 + 1, picks);
            assert!(said.contains("queued for the LRS"), "{said}");
        }
        assert_eq!(outbox_files(machine.path()), attempts.len());
        let out = frontline(cfg, lrs, &["sync", "--data-dir", machine.path().to_str().unwrap()]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        let expected = format!("Sent {} attempt", attempts.len());
        assert!(stdout.starts_with(&expected) && stdout.contains(ralph.endpoint()), "{stdout}");
        assert_eq!(outbox_files(machine.path()), 0, "the outbox is empty once the LRS has everything");
        // A second sync has nothing to send.
        let again = frontline(cfg, lrs, &["sync", "--data-dir", machine.path().to_str().unwrap()]);
        assert_eq!(text(&again.stdout), "Nothing to send: no attempts are waiting.\n");
    }

    let out = frontline(config_dir.path(), &env, &["report", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let learner = |name: &str| -> Value {
        let found: Vec<&Value> = report["learners"].as_array().unwrap().iter().filter(|l| l["name"] == name).collect();
        assert_eq!(found.len(), 1, "{name} is one learner");
        found[0].clone()
    };
    let ana = learner(&names[0]);
    assert_eq!((ana["attempts"].as_u64(), ana["passes"].as_u64()), (Some(3), Some(2)), "no duplicates: {ana}");
    assert_eq!(ana["scenarios"]["wrong-door"]["passes"], 2);
    assert_eq!(ana["first_contact_rate"], 100);
    assert_eq!(ana["modes"], serde_json::json!({"Practice": 3}), "run --profile records practice attempts");
    let ben = learner(&names[1]);
    assert_eq!((ben["attempts"].as_u64(), ben["passes"].as_u64()), (Some(1), Some(1)));
    let cy = learner(&names[2]);
    assert_eq!(
        (cy["attempts"].as_u64(), cy["passes"].as_u64(), cy["played_out"].as_u64()),
        (Some(2), Some(0), Some(0))
    );
    assert!(cy["first_contact_rate"].is_null(), "no played-out attempt, no rate: {cy}");

    // The report agrees with each machine's own figures.
    let stats = frontline(
        config_dir.path(),
        &Lrs::None,
        &["stats", "--json", "--data-dir", machines[0].path().to_str().unwrap()],
    );
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["passes"], ana["passes"]);
    assert_eq!(stats["first_contact_rate"], ana["first_contact_rate"]);
    for skill in ana["skills"].as_array().unwrap() {
        assert!(skill["average"].as_f64().is_some_and(|a| (0.0..=100.0).contains(&a)), "{skill}");
    }

    let table = text(&frontline(config_dir.path(), &env, &["report"]).stdout);
    let ana_row = table.lines().find(|l| l.starts_with(&names[0])).expect("a row per learner");
    let cells: Vec<&str> = ana_row.split_whitespace().collect();
    assert_eq!(&cells[1..4], ["3", "2", "100%"], "{table}");
    assert!(table.contains(&format!("  {}: wrong-door 2/3", names[0])), "{table}");
    assert!(table.contains(&format!("  {}: 3 practice, 0 mentor, 0 test", names[0])), "{table}");

    let csv = text(&frontline(config_dir.path(), &env, &["report", "--csv"]).stdout);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("learner,home_page,attempts,played_out,passes,first_contact_rate,acknowledgment"));
    let ben_row = csv.lines().find(|l| l.starts_with(&names[1])).expect("a CSV row per learner");
    assert!(ben_row.contains(",1,1,1,100,"), "{ben_row}");
    let modes_at = header.split(',').position(|c| c == "practice_attempts").expect("a column per mode");
    let ben_cells: Vec<&str> = ben_row.split(',').collect();
    assert_eq!(&ben_cells[modes_at..modes_at + 3], ["1", "0", "0"], "{header}\n{ben_row}");
}

#[test]
fn report_since_a_later_day_leaves_todays_attempts_out() {
    let Some(ralph) = ralph() else { return };
    let secret = ralph.secret().to_string();
    let env = Lrs::Env(&ralph, &secret);
    let config_dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let name = unique("since");
    record(config_dir.path(), &env, data.path(), &name, 1, &RESEARCH);
    assert!(
        frontline(config_dir.path(), &env, &["sync", "--data-dir", data.path().to_str().unwrap()]).status.success()
    );

    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let count = |since: jiff::civil::Date| {
        let out = frontline(config_dir.path(), &env, &["report", "--json", "--since", &since.to_string()]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        report["learners"].as_array().unwrap().iter().filter(|l| l["name"] == name.as_str()).count()
    };
    assert_eq!(count(today), 1);
    assert_eq!(count(today.tomorrow().unwrap()), 0);
}

#[test]
fn sync_with_refused_credentials_keeps_the_attempt_and_says_why() {
    let Some(ralph) = ralph() else { return };
    let env = Lrs::Env(&ralph, "wrong-secret-123");
    let config_dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    record(config_dir.path(), &env, data.path(), &unique("refused"), 1, &RESEARCH);
    let out = frontline(config_dir.path(), &env, &["sync", "--data-dir", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "something is still waiting");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("1 still waiting: the LRS refused the credentials (401)."), "{stdout}");
    assert!(!format!("{stdout}{}", text(&out.stderr)).contains("wrong-secret-123"));
    assert_eq!(outbox_files(data.path()), 1);
}

#[test]
fn sync_to_an_lrs_that_is_down_exits_1_and_keeps_everything() {
    let down = LrsConfig::new(&dead_endpoint(), "k", "s").unwrap();
    let env = Lrs::Env(&down, "s");
    let config_dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    record(config_dir.path(), &env, data.path(), "Ana", 1, &RESEARCH);
    record(config_dir.path(), &env, data.path(), "Ana", 2, &RESEARCH);
    let out = frontline(config_dir.path(), &env, &["sync", "--data-dir", data.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("2 still waiting: the LRS could not be reached"), "{}", text(&out.stdout));
    assert_eq!(outbox_files(data.path()), 2);
    let out = frontline(config_dir.path(), &env, &["report"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("the LRS could not be reached"), "{}", text(&out.stderr));
}

#[test]
fn without_an_lrs_nothing_is_queued_and_sync_says_how_to_configure_one() {
    let config_dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let said = record(config_dir.path(), &Lrs::None, data.path(), "Ana", 1, &RESEARCH);
    assert!(!said.contains("queued"), "{said}");
    assert_eq!(outbox_files(data.path()), 0);
    for command in [&["sync", "--data-dir", data.path().to_str().unwrap()][..], &["report"]] {
        let out = frontline(config_dir.path(), &Lrs::None, command);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        let file = config_dir.path().join("config.ron");
        assert!(stderr.contains("no LRS is configured"), "{stderr}");
        assert!(stderr.contains(&file.display().to_string()), "names the settings file: {stderr}");
        for var in ["FRONTLINE_LRS_ENDPOINT", "FRONTLINE_LRS_KEY", "FRONTLINE_LRS_SECRET"] {
            assert!(stderr.contains(var), "{stderr}");
        }
    }
}

#[test]
fn a_broken_settings_file_is_reported_with_its_position() {
    let config_dir = tempfile::tempdir().unwrap();
    std::fs::write(config_dir.path().join("config.ron"), "(\n  lrs: Some((endpoint: 5)),\n)").unwrap();
    let out = frontline(config_dir.path(), &Lrs::None, &["report"]);
    assert_eq!(out.status.code(), Some(2));
    let expected = format!("{}:2:", config_dir.path().join("config.ron").display());
    assert!(text(&out.stderr).contains(&expected), "{}", text(&out.stderr));
}
