//! `frontline export` through the binary: CSV, JSON and xAPI from a history built with
//! `run --profile`, `--since`, `--output`, and every xAPI statement checked by
//! Learning Locker's validator (`tests/xapi/validate.js`) when
//! `FRONTLINE_XAPI_VALIDATOR` names its folder, as CI does.

mod wrong_door;

use frontline::progress::{Attempt, Mode, Store, utc_now};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn frontline_with(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_frontline"));
    // Settings of our own (none unless a test writes them), never the developer's.
    command.args(args).env("FRONTLINE_DATA_DIR", data).env("FRONTLINE_CONFIG_DIR", data.join("config"));
    for var in ["FRONTLINE_LRS_ENDPOINT", "FRONTLINE_LRS_KEY", "FRONTLINE_LRS_SECRET"] {
        command.env_remove(var);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn frontline(data: &Path, args: &[&str]) -> Output {
    frontline_with(data, args, &[])
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

use wrong_door::RESEARCH as PASSING;
/// Asks for the order number, then transfers the customer: played out, 0 stars.
const FAILING: [&str; 2] = ["order number", "transfer you"];
/// One reply, then nothing: the conversation is left unfinished.
const ABANDONING: [&str; 1] = ["order number"];

fn run_as(data: &Path, profile: &str, seed: &str, picks: &[&str]) {
    let mut args = vec!["run", "wrong-door", "--seed", seed, "--profile", profile];
    for pick in picks {
        args.extend(["--pick", pick]);
    }
    let out = frontline(data, &args);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A passed and a failed attempt by Ana, an abandoned one by a profile whose name
/// needs CSV quoting.
fn history() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    run_as(data.path(), "Ana", "1", &PASSING);
    run_as(data.path(), "Ana", "2", &FAILING);
    run_as(data.path(), "Lee, \"Jo\"", "3", &ABANDONING);
    data
}

/// Adds an attempt to a profile through the store, for what `run` cannot make: an
/// old date, a scenario no longer in the library.
fn add_attempt(data: &Path, profile: &str, attempt: Attempt) {
    let (mut store, mut save, _) = Store::open(data).unwrap();
    store.record(&mut save, profile, &attempt).unwrap();
}

fn retired_attempt() -> Attempt {
    Attempt {
        scenario: "retired-scenario".into(),
        seed: u64::MAX,
        picks: vec![0, 2],
        ending: Some(frontline::scenario::Ending::Walkout),
        final_mood: 0,
        satisfaction: 1,
        stars: 0,
        skills: frontline::engine::Skill::ALL.iter().map(|&s| (s, 50)).collect(),
        date: "2025-06-30T23:59:59Z".into(),
        mode: Mode::Mentor,
        undos: 2,
        id: "5f0e7a3c-1d2b-4c8e-9f60-7a1b2c3d4e5f".into(),
        played_secs: 3725,
        content_hash: String::new(),
        notes: Vec::new(),
    }
}

fn export_json(data: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["export"];
    all.extend(args);
    let text = stdout(&frontline(data, &all));
    match serde_json::from_str(&text).expect("the export is one JSON document") {
        serde_json::Value::Array(items) => items,
        other => panic!("expected an array, got {other}"),
    }
}

/// The validator's folder when CI (or a developer) installed it; `None` skips.
fn validator_dir() -> Option<PathBuf> {
    match std::env::var_os("FRONTLINE_XAPI_VALIDATOR").filter(|v| !v.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            eprintln!(
                "skipping the xAPI validator: FRONTLINE_XAPI_VALIDATOR is not set \
                 (run `npm ci` in tests/xapi and set it to that folder; CI does)"
            );
            None
        }
    }
}

/// Runs `validate.js` on a JSON array of statements: its exit status and output.
fn validate(dir: &Path, statements: &str) -> (Option<i32>, String) {
    let mut child = Command::new("node")
        .arg(dir.join("validate.js"))
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("FRONTLINE_XAPI_VALIDATOR is set, so node must be installed");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), statements.as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn xapi_export_gives_one_statement_per_attempt_that_the_validator_accepts() {
    let data = history();
    add_attempt(data.path(), "Ana", retired_attempt());
    let first = stdout(&frontline(data.path(), &["export", "--format", "xapi"]));
    let again = stdout(&frontline(data.path(), &["export", "--format", "xapi"]));
    assert_eq!(first, again, "the same attempts always give the same statements");

    let statements: Vec<serde_json::Value> = serde_json::from_str(&first).unwrap();
    let verbs: Vec<&str> = statements.iter().map(|s| s["verb"]["id"].as_str().unwrap()).collect();
    assert_eq!(
        verbs,
        [
            "http://adlnet.gov/expapi/verbs/passed",
            "http://adlnet.gov/expapi/verbs/failed",
            "http://adlnet.gov/expapi/verbs/failed",
            "http://adlnet.gov/expapi/verbs/attempted"
        ]
    );
    let names: Vec<&str> = statements.iter().map(|s| s["actor"]["account"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ana", "Ana", "Ana", "Lee, \"Jo\""]);
    let ids: std::collections::HashSet<&str> = statements.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4, "one id per attempt");
    assert!(statements.iter().all(|s| s["actor"]["account"]["homePage"] == "https://frontline.invalid/learners"));
    let passed = &statements[0];
    assert_eq!(passed["object"]["definition"]["name"]["en-US"], "Delivered to the wrong door");
    assert_eq!(passed["context"]["contextActivities"]["grouping"][0]["definition"]["name"]["en-US"], "Basics");
    assert_eq!(passed["result"]["success"], true);
    let retired = &statements[2];
    assert_eq!(retired["object"]["definition"]["name"]["en-US"], "retired-scenario", "gone from the library");
    assert_eq!(retired["result"]["duration"], "PT1H2M5S");
    assert_eq!(retired["context"]["registration"], "5f0e7a3c-1d2b-4c8e-9f60-7a1b2c3d4e5f");

    let Some(dir) = validator_dir() else { return };
    let (code, report) = validate(&dir, &first);
    assert_eq!(code, Some(0), "the validator refused an exported statement:\n{report}");
    assert!(report.contains("4 statement(s) valid"), "{report}");

    // The check can fail: a statement without its actor is refused, and so is a
    // scaled score past 1.
    let mut broken = statements.clone();
    broken[0].as_object_mut().unwrap().remove("actor");
    broken[1]["result"]["score"]["scaled"] = serde_json::json!(1.5);
    let (code, report) = validate(&dir, &serde_json::to_string(&broken).unwrap());
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("statement.actor") && report.contains("statement.result.score.scaled"), "{report}");
    assert!(report.contains("2 of 4 statement(s) invalid"), "{report}");
}

#[test]
fn the_home_page_comes_from_the_settings_and_a_bad_one_is_refused() {
    let data = history();
    let config = data.path().join("config");
    std::fs::create_dir(&config).unwrap();
    std::fs::write(config.join("config.ron"), r#"(home_page: Some("https://lms.example.org/people"))"#).unwrap();
    let out = frontline(data.path(), &["export", "--format", "xapi", "--profile", "Ana"]);
    let statements: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(statements.len(), 2);
    assert!(statements.iter().all(|s| s["actor"]["account"]["homePage"] == "https://lms.example.org/people"));

    std::fs::write(config.join("config.ron"), r#"(home_page: Some("lms.example.org"))"#).unwrap();
    let out = frontline(data.path(), &["export", "--format", "xapi"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("home_page") && stderr(&out).contains("lms.example.org"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    // CSV and JSON name no account, so they do not need the settings.
    assert_eq!(export_json(data.path(), &["--format", "json"]).len(), 3);
}

#[test]
fn csv_export_has_a_header_and_one_row_per_attempt_with_every_skill_in_its_own_column() {
    let data = history();
    add_attempt(data.path(), "Ana", retired_attempt());
    let text = stdout(&frontline(data.path(), &["export", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.len(), 25, "{header:?}");
    let skills =
        ["acknowledgment", "apology_discipline", "exploration", "first_contact_resolution", "tone", "responsiveness"];
    for column in ["profile", "attempt_id", "date", "scenario", "title", "mode", "ending", "passed", "final_mood"]
        .iter()
        .chain(&skills)
    {
        assert!(header.iter().any(|h| h == column), "no {column} column in {header:?}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "one row per attempt");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let cell = |row: &csv::StringRecord, column: &str| {
        row.get(header.iter().position(|h| h == column).unwrap()).unwrap().to_string()
    };
    assert_eq!(rows.iter().map(|r| cell(r, "profile")).collect::<Vec<_>>(), ["Ana", "Ana", "Ana", "Lee, \"Jo\""]);
    assert_eq!(rows.iter().map(|r| cell(r, "passed")).collect::<Vec<_>>(), ["true", "false", "false", "false"]);
    assert_eq!(
        rows.iter().map(|r| cell(r, "ending")).collect::<Vec<_>>(),
        ["resolved", "transferred", "walkout", "none"]
    );
    assert_eq!(
        rows.iter().map(|r| cell(r, "mode")).collect::<Vec<_>>(),
        ["practice", "practice", "mentor", "practice"],
        "each attempt's mode"
    );
    assert_eq!(cell(&rows[0], "title"), "Delivered to the wrong door");
    for row in &rows {
        for skill in skills {
            let score: u8 = cell(row, skill).parse().unwrap_or_else(|_| panic!("{skill} is not a score: {row:?}"));
            assert!(score <= 100);
        }
    }
    assert_eq!(cell(&rows[0], "first_contact_resolution"), "100");
    // The quoting is the csv crate's: the name with a comma and quotes is one field.
    assert!(text.contains("\"Lee, \"\"Jo\"\"\""), "{text}");
}

#[test]
fn json_export_has_the_attempts_in_full_with_their_profile() {
    let data = history();
    let attempts = export_json(data.path(), &["--format", "json"]);
    assert_eq!(attempts.len(), 3);
    let first = &attempts[0];
    assert_eq!(first["profile"], "Ana");
    assert_eq!(first["scenario"], "wrong-door");
    assert_eq!(first["seed"], 1);
    assert_eq!(first["picks"].as_array().unwrap().len(), 5);
    assert_eq!(first["ending"], "Resolved");
    assert_eq!(first["passed"], true);
    assert_eq!(first["skills"].as_object().unwrap().len(), 6);
    assert_eq!(first["content_hash"].as_str().map(str::len), Some(64));
    assert!(uuid::Uuid::parse_str(first["id"].as_str().unwrap()).is_ok());
    assert_eq!(attempts[2]["profile"], "Lee, \"Jo\"");
    assert_eq!(attempts[2]["ending"], serde_json::Value::Null);

    let only_lee = export_json(data.path(), &["--format", "json", "--profile", "Lee, \"Jo\""]);
    assert_eq!(only_lee.len(), 1);
    let out = frontline(data.path(), &["export", "--format", "json", "--profile", "Zed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no profile \"Zed\"; the profiles are: Ana, Lee, \"Jo\""), "{}", stderr(&out));
}

#[test]
fn since_keeps_attempts_from_that_day_on_and_refuses_a_date_that_is_not_one() {
    let data = history();
    add_attempt(data.path(), "Ana", retired_attempt()); // 2025-06-30T23:59:59Z
    let count = |since: &str| export_json(data.path(), &["--format", "json", "--since", since]).len();
    assert_eq!(count("2025-06-30"), 4, "the day itself is included");
    assert_eq!(count("2025-07-01"), 3);
    let today = &utc_now()[..10];
    assert_eq!(count(today), 3);
    assert_eq!(count("2999-01-01"), 0);
    let csv = stdout(&frontline(data.path(), &["export", "--format", "csv", "--since", "2999-01-01"]));
    assert_eq!(csv.lines().count(), 1, "only the header: {csv}");

    for bad in ["2026-02-30", "18/11/2026", "2026-11-18T10:00:00Z", "yesterday"] {
        let out = frontline(data.path(), &["export", "--format", "csv", "--since", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("write it as YYYY-MM-DD"), "{bad}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("frontline-export"))
        .collect()
}

#[test]
fn output_writes_the_file_whole_and_leaves_nothing_behind_when_it_cannot() {
    let data = history();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("cohort.csv");
    std::fs::write(&target, "an older export").unwrap();
    let target_arg = target.to_str().unwrap();
    let out = frontline(data.path(), &["export", "--format", "csv", "--output", target_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing on stdout with --output");
    assert!(stderr(&out).contains("wrote 3 attempts to"), "{}", stderr(&out));
    let on_stdout = stdout(&frontline(data.path(), &["export", "--format", "csv"]));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), on_stdout, "the file replaced whole");
    assert!(leftovers(out_dir.path()).is_empty());

    // A target that cannot be written: a folder, or a folder that does not exist.
    let folder = out_dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("keep.txt"), "kept").unwrap();
    let out = frontline(data.path(), &["export", "--format", "xapi", "--output", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a-folder"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(folder.join("keep.txt")).unwrap(), "kept");
    assert!(leftovers(out_dir.path()).is_empty(), "no temporary file left: {:?}", leftovers(out_dir.path()));

    let missing = out_dir.path().join("no-such-folder").join("x.json");
    let out = frontline(data.path(), &["export", "--format", "json", "--output", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-folder"), "{}", stderr(&out));
    assert!(!missing.exists());
}

#[test]
fn exporting_an_empty_data_folder_gives_empty_documents() {
    let data = tempfile::tempdir().unwrap();
    assert_eq!(export_json(data.path(), &["--format", "xapi"]).len(), 0);
    assert_eq!(export_json(data.path(), &["--format", "json"]).len(), 0);
    let csv = stdout(&frontline(data.path(), &["export", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 1);
    let out = frontline(data.path(), &["export", "--format", "csv", "--profile", "Ana"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no profiles yet"), "{}", stderr(&out));
}
