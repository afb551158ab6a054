//! The save store (format 3): journals that are only appended to, the summary cache
//! rebuilt from them, unreadable parts kept aside and reported, never overwritten.

use frontline::engine::{Rules, Run};
use frontline::progress::{
    Attempt, JOURNAL_DIR, Mode, Outcome, ProgressError, SUMMARY_FILE, SaveFile, Store, attempts_of, peek,
};
use frontline::scenario::Ending;
use std::path::{Path, PathBuf};

fn finished_run() -> Run {
    let text = include_str!("../docs/examples/late-parcel.ron");
    let scenario = frontline::scenario::parse_scenario("late-parcel.ron", text).expect("the reference example").0;
    let mut run = Run::new(scenario, Rules::default(), 7);
    for p in ["pull up", "No waiting", "refund the express fee right", "Let's do"] {
        run.pick(p).unwrap();
    }
    run
}

/// A played-out attempt, as the game would record it.
fn an_attempt() -> Attempt {
    let run = finished_run();
    Attempt::from_run(&run, &frontline::analysis::debrief(&run), Mode::Practice)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn journal_of(dir: &Path, save: &SaveFile, name: &str) -> PathBuf {
    let id = &save.profile(name).expect("the profile").id;
    dir.join(JOURNAL_DIR).join(format!("{id}.jsonl"))
}

/// A store holding `Ana` with `n` attempts; returns the summary as the game held it.
fn ana_with(dir: &Path, n: usize) -> SaveFile {
    let (mut store, mut save, _) = Store::open(dir).unwrap();
    store.create_profile(&mut save, "Ana").unwrap();
    for _ in 0..n {
        store.record(&mut save, "Ana", &an_attempt()).unwrap();
    }
    save
}

#[test]
fn attempts_round_trip_through_the_journal_and_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let attempt = an_attempt();
    let held = {
        let (mut store, mut save, set_aside) = Store::open(dir.path()).unwrap();
        assert!(save.profiles.is_empty() && set_aside.is_empty());
        store.record(&mut save, "Ana", &attempt).unwrap();
        save
    };
    let (_store, loaded, set_aside) = Store::open(dir.path()).unwrap();
    assert!(set_aside.is_empty());
    assert_eq!(loaded, held, "the summary read back is the one the game held");
    let ana = loaded.profile("Ana").unwrap();
    assert_eq!((ana.attempts, ana.finished, ana.passes), (1, 1, 1));
    assert_eq!(ana.best("late-parcel").map(|b| (b.stars, b.final_mood)), Some((attempt.stars, 61)));
    let attempts = attempts_of(dir.path(), ana).unwrap();
    assert_eq!(attempts, std::slice::from_ref(&attempt));
    assert_eq!((attempts[0].ending, attempts[0].seed), (Some(Ending::Resolved), 7));
}

#[test]
fn the_summary_is_rebuilt_from_the_journals_when_missing_broken_or_stale() {
    let dir = tempfile::tempdir().unwrap();
    let held = ana_with(dir.path(), 3);
    let summary = dir.path().join(SUMMARY_FILE);
    let stale = std::fs::read(&summary).unwrap();
    // Missing.
    std::fs::remove_file(&summary).unwrap();
    assert_eq!(Store::open(dir.path()).unwrap().1, held);
    // Broken.
    std::fs::write(&summary, "{ not json").unwrap();
    assert_eq!(Store::open(dir.path()).unwrap().1, held);
    // Stale: two more attempts were recorded after this copy was made.
    let more = {
        let (mut store, mut save, _) = Store::open(dir.path()).unwrap();
        store.record(&mut save, "Ana", &an_attempt()).unwrap();
        store.record(&mut save, "Ana", &an_attempt()).unwrap();
        save
    };
    std::fs::write(&summary, &stale).unwrap();
    let (_store, caught_up, _) = Store::open(dir.path()).unwrap();
    assert_eq!(caught_up, more);
    assert_eq!(caught_up.profile("Ana").unwrap().attempts, 5);
}

#[test]
fn recording_appends_one_line_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let save = ana_with(dir.path(), 4);
    let journal = journal_of(dir.path(), &save, "Ana");
    let text = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(text.lines().count(), 5, "a heading and four attempts: {text}");
    assert!(text.lines().next().unwrap().starts_with("{\"profile\":"), "{text}");
    assert!(text.lines().skip(1).all(|l| l.starts_with("{\"attempt\":")), "{text}");
    assert_eq!(files_in(dir.path()), [JOURNAL_DIR, "progress.lock", SUMMARY_FILE]);
    assert_eq!(files_in(&dir.path().join(JOURNAL_DIR)).len(), 1);
}

#[test]
fn an_unfinished_last_line_is_ignored_and_cut_off_by_the_next_writer() {
    let dir = tempfile::tempdir().unwrap();
    let save = ana_with(dir.path(), 2);
    let journal = journal_of(dir.path(), &save, "Ana");
    let whole = std::fs::read_to_string(&journal).unwrap();
    // A write cut short by a kill: half of a third attempt's line.
    let half = &frontline::progress::Record::Attempt(an_attempt()).line()[..40];
    std::fs::write(&journal, format!("{whole}{half}")).unwrap();
    let reader = peek(dir.path()).unwrap();
    assert_eq!(reader.profile("Ana").unwrap().attempts, 2, "a reader skips the unfinished line");
    let (mut store, mut save, set_aside) = Store::open(dir.path()).unwrap();
    assert!(set_aside.is_empty(), "nothing that was saved is missing: {set_aside:?}");
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), whole, "cut back to the whole lines");
    store.record(&mut save, "Ana", &an_attempt()).unwrap();
    drop(store);
    let ana = peek(dir.path()).unwrap().profile("Ana").unwrap().clone();
    assert_eq!(attempts_of(dir.path(), &ana).unwrap().len(), 3);
}

#[test]
fn lines_that_are_not_ours_are_kept_aside_and_the_rest_carries_on() {
    let cases = [
        ("\"stars\":3", "\"stars\":9", "more than 3 stars"),
        ("\"final_mood\":61", "\"final_mood\":250", "a mood outside 0..=100"),
        ("\"Acknowledgment\":100", "\"Acknowledgment\":200", "a skill score above 100"),
        ("\"date\":\"", "\"date\":\"not a date", "a date that is not a UTC timestamp"),
        ("{\"attempt\":{", "{\"attempt\":{\"extra\":1,", "unknown field"),
    ];
    for (from, to, problem) in cases {
        let dir = tempfile::tempdir().unwrap();
        let save = ana_with(dir.path(), 3);
        let journal = journal_of(dir.path(), &save, "Ana");
        let text = std::fs::read_to_string(&journal).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        assert!(lines[2].contains(from), "{from} in {}", lines[2]);
        lines[2] = lines[2].replacen(from, to, 1);
        let broken = lines.join("\n") + "\n";
        std::fs::write(&journal, &broken).unwrap();
        let (store, save, set_aside) = Store::open(dir.path()).unwrap();
        drop(store);
        let [report] = set_aside.as_slice() else { panic!("{to}: one report, not {set_aside:?}") };
        assert_eq!(report.outcome, Outcome::ReadableKept);
        assert!(report.problem.contains("line 3") && report.problem.contains(problem), "{to}: {}", report.problem);
        assert_eq!(std::fs::read_to_string(&report.moved_to).unwrap(), broken, "kept byte for byte");
        assert!(report.to_string().contains("could not be read"), "{report}");
        assert_eq!(save.profile("Ana").unwrap().attempts, 2, "{to}: the other two carry on");
        // The journal now reads cleanly, and nothing is reported twice.
        assert!(Store::open(dir.path()).unwrap().2.is_empty());
    }
}

#[test]
fn a_journal_that_names_no_profile_is_kept_aside_whole() {
    let dir = tempfile::tempdir().unwrap();
    let save = ana_with(dir.path(), 1);
    let journal = journal_of(dir.path(), &save, "Ana");
    let text = std::fs::read_to_string(&journal).unwrap();
    let broken = text.replacen("{\"profile\":", "{\"profil\":", 1);
    std::fs::write(&journal, &broken).unwrap();
    let (_store, save, set_aside) = Store::open(dir.path()).unwrap();
    assert!(save.profiles.is_empty());
    let [report] = set_aside.as_slice() else { panic!("{set_aside:?}") };
    assert_eq!(report.outcome, Outcome::ProfileSetAside);
    assert_eq!(std::fs::read_to_string(&report.moved_to).unwrap(), broken);
    assert!(!journal.exists());
}

#[test]
fn a_journal_from_a_newer_version_is_kept_aside_too() {
    let dir = tempfile::tempdir().unwrap();
    let save = ana_with(dir.path(), 1);
    let journal = journal_of(dir.path(), &save, "Ana");
    let text = std::fs::read_to_string(&journal).unwrap().replacen("\"version\":3", "\"version\":99", 1);
    std::fs::write(&journal, text).unwrap();
    std::fs::remove_file(dir.path().join(SUMMARY_FILE)).unwrap();
    let (_store, _save, set_aside) = Store::open(dir.path()).unwrap();
    assert!(set_aside[0].problem.contains("newer Frontline"), "{set_aside:?}");
}

#[test]
fn profiles_are_renamed_and_deleted_and_the_same_person_is_not_created_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut save, _) = Store::open(dir.path()).unwrap();
    store.record(&mut save, "Ana Lopez", &an_attempt()).unwrap();
    store.create_profile(&mut save, "Ben").unwrap();
    for twin in ["ana lopez", "  ANA   LOPEZ "] {
        let err = store.create_profile(&mut save, twin).expect_err("the same person");
        assert!(matches!(&err, ProgressError::SamePerson { existing, .. } if existing == "Ana Lopez"), "{err}");
        assert!(err.to_string().contains("Ana Lopez's profile"), "{err}");
    }
    let err = store.rename_profile(&mut save, "Ben", "ana  lopez").expect_err("taken");
    assert!(matches!(err, ProgressError::SamePerson { .. }));
    store.rename_profile(&mut save, "Ana Lopez", "ana lopez").expect("her own name, respelled");
    store.rename_profile(&mut save, "ana lopez", "Ana López").unwrap();
    store.delete_profile(&mut save, "Ben").unwrap();
    drop(store);
    std::fs::remove_file(dir.path().join(SUMMARY_FILE)).unwrap();
    let (_store, reread, _) = Store::open(dir.path()).unwrap();
    assert_eq!(reread, save);
    let names: Vec<&str> = reread.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana López"]);
    assert_eq!(reread.profiles[0].attempts, 1, "her attempts went with the new name");
    assert_eq!(files_in(&dir.path().join(JOURNAL_DIR)).len(), 1, "Ben's journal is gone");
}

#[test]
fn a_replaced_attempt_counts_once_as_its_last_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut save, _) = Store::open(dir.path()).unwrap();
    let mut attempt = an_attempt();
    attempt.mode = Mode::Mentor;
    store.record(&mut save, "Ana", &attempt).unwrap();
    assert!(save.profile("Ana").unwrap().best("late-parcel").is_some());
    attempt.undos = 1;
    store.replace(&mut save, "Ana", &attempt).unwrap();
    let ana = save.profile("Ana").unwrap();
    assert_eq!(ana.attempts, 1);
    assert!(ana.best("late-parcel").is_none(), "a coached attempt is not the best");
    assert_eq!(attempts_of(dir.path(), ana).unwrap(), [attempt]);
    drop(store);
    std::fs::remove_file(dir.path().join(SUMMARY_FILE)).unwrap();
    assert_eq!(Store::open(dir.path()).unwrap().1, save, "rebuilt from the journal alike");
}

#[test]
fn a_second_game_on_the_same_folder_is_refused_and_a_patient_one_waits() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open(dir.path()).unwrap();
    assert!(matches!(Store::open(dir.path()), Err(ProgressError::Locked(_))));
    let quick = std::time::Duration::from_millis(50);
    assert!(matches!(Store::open_waiting(dir.path(), quick), Err(ProgressError::Locked(_))));
    let holder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        drop(first);
    });
    let patient = Store::open_waiting(dir.path(), std::time::Duration::from_secs(60));
    assert!(patient.is_ok(), "{:?}", patient.err());
    holder.join().unwrap();
}

#[test]
fn temporary_files_a_killed_save_left_are_cleaned_up_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let journals = dir.path().join(JOURNAL_DIR);
    std::fs::create_dir_all(&journals).unwrap();
    for name in [".tmpAb12Cd", ".progress-x1Y2z3.tmp", ".tmp-notes.txt", "notes.tmp"] {
        std::fs::write(dir.path().join(name), "half a save").unwrap();
        std::fs::write(journals.join(name), "half a save").unwrap();
    }
    let (_store, _, _) = Store::open(dir.path()).unwrap();
    assert_eq!(files_in(dir.path()), [".tmp-notes.txt", "notes.tmp", JOURNAL_DIR, "progress.lock", SUMMARY_FILE]);
    assert_eq!(files_in(&journals), [".tmp-notes.txt", "notes.tmp"]);
}

#[test]
fn a_folder_that_cannot_be_written_plays_without_saving_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let unwritable = file.join("frontline");
    assert!(Store::open(&unwritable).is_err());
    let (mut store, mut save, set_aside, reason) = Store::open_or_read_only(&unwritable).expect("starts anyway");
    assert!(save.profiles.is_empty() && set_aside.is_empty());
    assert!(reason.as_deref().is_some_and(|r| r.contains("cannot be written")), "{reason:?}");
    let err = store.record(&mut save, "Ana", &an_attempt()).expect_err("nothing is written");
    assert!(err.to_string().starts_with("progress is not being saved"), "{err}");
    assert_eq!(save.profile("Ana").map(|p| p.attempts), Some(1), "kept for this session");
}

#[test]
fn an_attempt_the_game_could_not_read_back_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let save = ana_with(dir.path(), 1);
    let journal = journal_of(dir.path(), &save, "Ana");
    let before = std::fs::read_to_string(&journal).unwrap();
    let (mut store, mut save, _) = Store::open(dir.path()).unwrap();
    let mut attempt = an_attempt();
    attempt.notes.push(frontline::progress::Note { turn: 1, text: "steer \u{202e}the terminal".into() });
    let err = store.record(&mut save, "Ana", &attempt).expect_err("refused");
    assert!(err.to_string().contains("could not read back"), "{err}");
    attempt.notes.clear();
    attempt.stars = 4;
    assert!(store.replace(&mut save, "Ana", &attempt).is_err());
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), before, "nothing was appended");
    assert_eq!(save.profile("Ana").unwrap().attempts, 1);
}
