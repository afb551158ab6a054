//! Saved progress: round trip, atomic writes, unreadable saves kept aside, and every
//! shipped save format still loading.

use frontline::engine::{Rules, Run};
use frontline::progress::{Attempt, BACKUP_FILE, MAX_SAVE_BYTES, Mode, ProgressError, SAVE_FILE, SaveFile, Store};
use frontline::scenario::{Ending, load_library};
use std::path::Path;

fn finished_run() -> Run {
    let scenario = late_parcel();
    let mut run = Run::new(scenario, Rules::default(), 7);
    for p in ["pull up", "No waiting", "refund the express fee right", "Let's do"] {
        run.pick(p).unwrap();
    }
    run
}

/// The format's reference example, which the sample saves played.
fn late_parcel() -> frontline::scenario::Scenario {
    let text = include_str!("../docs/examples/late-parcel.ron");
    frontline::scenario::parse_scenario("late-parcel.ron", text).expect("the reference example loads").0
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_save_round_trips_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut save = SaveFile::default();
    let run = finished_run();
    save.profile_mut("Ana").attempts.push(Attempt::from_run(&run, &frontline::analysis::debrief(&run), Mode::Practice));
    {
        let (store, empty, set_aside) = Store::open(dir.path()).unwrap();
        assert_eq!(empty, SaveFile::default());
        assert!(set_aside.is_none());
        store.save(&save).unwrap();
    }
    let (_store, loaded, set_aside) = Store::open(dir.path()).unwrap();
    assert!(set_aside.is_none());
    assert_eq!(loaded, save);
    let attempt = &loaded.profile("Ana").unwrap().attempts[0];
    assert_eq!((attempt.ending, attempt.final_mood, attempt.seed), (Some(Ending::Resolved), 61, 7));
}

#[test]
fn saving_replaces_the_file_whole_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let (store, mut save, _) = Store::open(dir.path()).unwrap();
    for i in 0..5 {
        save.profile_mut(&format!("P{i}"));
        store.save(&save).unwrap();
        let text = std::fs::read_to_string(dir.path().join(SAVE_FILE)).unwrap();
        assert_eq!(SaveFile::parse(&text).unwrap(), save, "the file on disk is always a whole save");
    }
    assert_eq!(files_in(dir.path()), vec!["progress.backup.ron", "progress.lock", "progress.ron"]);
    // The backup is the save before the last one.
    let backup = SaveFile::parse(&std::fs::read_to_string(dir.path().join(BACKUP_FILE)).unwrap()).unwrap();
    assert_eq!(backup.profiles.len(), 4);
}

#[test]
fn an_unreadable_save_gives_way_to_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (store, mut save, _) = Store::open(dir.path()).unwrap();
        save.profile_mut("Ana");
        store.save(&save).unwrap();
        save.profile_mut("Ben");
        store.save(&save).unwrap();
    }
    std::fs::write(dir.path().join(SAVE_FILE), "(version: 2, profiles: [ (name: \"Half").unwrap();
    let (_store, save, set_aside) = Store::open(dir.path()).unwrap();
    let set_aside = set_aside.expect("reported");
    assert!(set_aside.restored, "{set_aside}");
    assert!(set_aside.to_string().contains("backup"), "{set_aside}");
    assert_eq!(save.profiles.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Ana"]);
}

#[test]
fn an_unreadable_save_is_kept_aside_and_reported_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = "(version: 1, profiles: [ (name: \"Half a sa";
    std::fs::write(dir.path().join(SAVE_FILE), garbage).unwrap();
    let (store, save, set_aside) = Store::open(dir.path()).unwrap();
    let set_aside = set_aside.expect("the broken save is reported");
    assert_eq!(save, SaveFile::default());
    assert_eq!(std::fs::read_to_string(&set_aside.moved_to).unwrap(), garbage, "kept byte for byte");
    assert!(set_aside.to_string().contains("could not be read"), "{set_aside}");
    // Saving afterwards writes a new file and leaves the old one alone.
    store.save(&save).unwrap();
    assert_eq!(std::fs::read_to_string(&set_aside.moved_to).unwrap(), garbage);
    assert_eq!(files_in(dir.path()).len(), 3);
}

#[test]
fn a_save_from_a_newer_version_is_kept_aside_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(SAVE_FILE), "(version: 99, profiles: [])").unwrap();
    let (_store, _save, set_aside) = Store::open(dir.path()).unwrap();
    assert!(set_aside.unwrap().problem.contains("version 99"));
}

#[test]
fn a_second_game_on_the_same_save_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    assert!(matches!(Store::open(dir.path()), Err(ProgressError::Locked(_))));
}

#[test]
fn every_shipped_sample_save_loads_and_replays() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let library = load_library(&[]).library;
    let mut samples = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let save = SaveFile::parse(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        samples += 1;
        for attempt in save.profiles.iter().flat_map(|p| &p.attempts) {
            let scenario = match library.get(&attempt.scenario) {
                Some(loaded) => loaded.scenario.clone(),
                None if attempt.scenario == "late-parcel" => late_parcel(),
                None => panic!("{}: no scenario {}", path.display(), attempt.scenario),
            };
            // The picks replay to the same conversation; the mood is scored by
            // today's rules, which may weigh replies differently from the save's.
            let run = Run::replay(scenario, Rules::default(), attempt.seed, &attempt.picks).unwrap();
            assert_eq!(run.state().ending, attempt.ending, "{}: the attempt replays", path.display());
            assert_eq!(run.picks(), attempt.picks.as_slice());
        }
    }
    assert!(samples >= 1);
}

#[test]
fn a_version_1_save_migrates_to_version_2_with_stable_ids() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/progress-v1.ron")).unwrap();
    let first = SaveFile::parse(&text).unwrap();
    let again = SaveFile::parse(&text).unwrap();
    assert_eq!(first.version, 2);
    let ids: Vec<&str> = first.profiles.iter().flat_map(|p| &p.attempts).map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.iter().all(|id| id.len() == 36 && id.chars().filter(|&c| c == '-').count() == 4), "{ids:?}");
    assert_ne!(ids[0], ids[1]);
    assert_eq!(first, again, "the same attempt always gets the same id");
    // Written back, it is a version 2 save that reads the same.
    assert_eq!(SaveFile::parse(&first.to_ron()).unwrap(), first);
}

#[test]
fn the_version_2_sample_keeps_ids_time_undos_and_the_scenario_hash() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/progress-v2.ron")).unwrap();
    let save = SaveFile::parse(&text).unwrap();
    let attempts = &save.profile("Sample Trainee").unwrap().attempts;
    assert_eq!(attempts.len(), 2);
    assert!(attempts.iter().all(|a| a.played_secs == 95 && a.content_hash.len() == 64));
    assert_eq!((attempts[0].undos, attempts[1].undos), (0, 1));
    assert!(attempts[1].mode == Mode::Mentor && !attempts[1].passed());
}

#[test]
fn best_attempt_and_finished_status_come_from_the_profile() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/progress-v1.ron")).unwrap();
    let save = SaveFile::parse(&text).unwrap();
    let profile = save.profile("Sample Trainee").unwrap();
    assert_eq!(profile.best("late-parcel").unwrap().final_mood, 63);
    assert!(profile.has_finished("late-parcel"));
    assert!(profile.has_passed("late-parcel"), "2 stars in practice mode is a pass");
    assert!(!save.profile("Second Person").unwrap().has_finished("late-parcel"));
    assert_eq!(profile.first_contact_rate(), Some(100));
}

/// A sample attempt, as a save would hold it.
fn an_attempt() -> Attempt {
    let run = finished_run();
    Attempt::from_run(&run, &frontline::analysis::debrief(&run), Mode::Practice)
}

#[test]
fn a_save_larger_than_the_loader_accepts_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _, _) = Store::open(dir.path()).unwrap();
    let mut save = SaveFile::default();
    save.profile_mut("Ana").attempts.push(an_attempt());
    store.save(&save).unwrap();
    let before = std::fs::read_to_string(dir.path().join(SAVE_FILE)).unwrap();
    // Enough attempts to pass the limit, as years of daily practice might.
    let attempt = an_attempt();
    let one = save.to_ron().len();
    save.profile_mut("Ana").attempts.push(attempt.clone());
    let per_attempt = save.to_ron().len() - one;
    let attempts = MAX_SAVE_BYTES as usize / per_attempt + 100;
    save.profile_mut("Ana").attempts.extend(std::iter::repeat_n(attempt, attempts));
    let err = store.save(&save).expect_err("too large to read back");
    assert!(matches!(err, ProgressError::TooLarge { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join(SAVE_FILE)).unwrap(), before, "the last good save stays");
    assert_eq!(files_in(dir.path()), ["progress.lock", "progress.ron"]);
}

#[test]
fn temporary_files_a_killed_save_left_are_cleaned_up_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    for name in [".tmpAb12Cd", ".progress-x1Y2z3.tmp", ".tmp-notes.txt", "notes.tmp"] {
        std::fs::write(dir.path().join(name), "half a save").unwrap();
    }
    let (_store, _, _) = Store::open(dir.path()).unwrap();
    assert_eq!(files_in(dir.path()), [".tmp-notes.txt", "notes.tmp", "progress.lock"]);
}

#[test]
fn a_save_with_impossible_values_is_kept_aside_and_reported() {
    let good = {
        let mut save = SaveFile::default();
        save.profile_mut("Ana").attempts.push(an_attempt());
        save.to_ron()
    };
    let cases = [
        ("stars: 3", "stars: 9", "more than 3 stars"),
        ("final_mood: 61", "final_mood: 250", "a mood outside 0..=100"),
        ("Acknowledgment: 100", "Acknowledgment: 200", "a skill score above 100"),
        ("name: \"Ana\"", "name: \"\"", "an empty, overlong or unprintable name"),
        ("name: \"Ana\"", "name: \"A\\u{1b}[2Jna\"", "an empty, overlong or unprintable name"),
    ];
    for (from, to, problem) in cases {
        assert!(good.contains(from), "{from} in {good}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SAVE_FILE), good.replace(from, to)).unwrap();
        let (_store, save, set_aside) = Store::open(dir.path()).unwrap();
        assert!(save.profiles.is_empty());
        let set_aside = set_aside.unwrap_or_else(|| panic!("{to} was accepted"));
        assert!(set_aside.problem.contains(problem), "{to}: {}", set_aside.problem);
        assert!(set_aside.moved_to.exists(), "kept, not lost");
    }
}

#[test]
fn a_folder_that_cannot_be_written_plays_without_saving_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let unwritable = file.join("frontline");
    assert!(Store::open(&unwritable).is_err());
    let (store, save, set_aside, reason) = Store::open_or_read_only(&unwritable).expect("starts anyway");
    assert!(save.profiles.is_empty() && set_aside.is_none());
    assert!(reason.as_deref().is_some_and(|r| r.contains("cannot be written")), "{reason:?}");
    let err = store.save(&save).expect_err("nothing is written");
    assert!(err.to_string().starts_with("progress is not being saved"), "{err}");
}
