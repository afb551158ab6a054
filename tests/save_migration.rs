//! Every save format ever shipped still loads: formats 1 and 2 (one `progress.ron`)
//! become journals on open, and the whole file is kept, never deleted.

use frontline::engine::{Rules, Run};
use frontline::progress::{BACKUP_FILE, LegacyProfile, LegacySave, Mode, Outcome, SAVE_FILE, Store, attempts_of, peek};
use frontline::scenario::load_library;
use std::path::Path;

fn sample(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join(name)).unwrap()
}

fn late_parcel() -> frontline::scenario::Scenario {
    let text = include_str!("../docs/examples/late-parcel.ron");
    frontline::scenario::parse_scenario("late-parcel.ron", text).expect("the reference example loads").0
}

fn replays(attempt: &frontline::progress::Attempt, library: &frontline::scenario::Library, sample: &str) {
    let scenario = match library.get(&attempt.scenario) {
        Some(loaded) => loaded.scenario.clone(),
        None if attempt.scenario == "late-parcel" => late_parcel(),
        None => panic!("{sample}: no scenario {}", attempt.scenario),
    };
    // The picks replay to the same conversation; the mood is scored by today's
    // rules, which may weigh replies differently from the save's.
    let run = Run::replay(scenario, Rules::default(), attempt.seed, &attempt.picks).unwrap();
    assert_eq!(run.state().ending, attempt.ending, "{sample}: the attempt replays");
}

#[test]
fn every_shipped_sample_save_loads_and_replays() {
    let library = load_library(&[]).library;
    for name in ["progress-v1.ron", "progress-v2.ron"] {
        let save = LegacySave::parse(&sample(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!save.profiles.is_empty());
        for attempt in save.profiles.iter().flat_map(|p| &p.attempts) {
            replays(attempt, &library, name);
        }
    }
    // Format 3: a folder of journals (no summary: it is rebuilt from them).
    let v3 = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/progress-v3");
    let save = peek(&v3).unwrap();
    let names: Vec<&str> = save.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Sample Trainee", "Second Trainee"], "the rename in the journal is applied");
    let trainee = save.profile("Sample Trainee").unwrap();
    let attempts = attempts_of(&v3, trainee).unwrap();
    assert_eq!(attempts.len(), 2, "the mentor's replaced attempt counts once");
    assert_eq!((attempts[0].undos, attempts[1].undos), (0, 1));
    assert!(attempts[1].mode == Mode::Mentor && !attempts[1].passed());
    assert!(attempts.iter().all(|a| a.played_secs == 95 && a.content_hash.len() == 64));
    for attempt in &attempts {
        replays(attempt, &library, "progress-v3");
    }
}

#[test]
fn a_version_1_save_gets_stable_ids() {
    let text = sample("progress-v1.ron");
    let first = LegacySave::parse(&text).unwrap();
    let again = LegacySave::parse(&text).unwrap();
    let ids: Vec<&str> = first.profiles.iter().flat_map(|p| &p.attempts).map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.iter().all(|id| uuid_like(id)), "{ids:?}");
    assert_ne!(ids[0], ids[1]);
    assert_eq!(first, again, "the same attempt always gets the same id");
    assert_eq!(LegacySave::parse(&first.to_ron()).unwrap(), first);
}

fn uuid_like(id: &str) -> bool {
    id.len() == 36 && id.chars().filter(|&c| c == '-').count() == 4
}

#[test]
fn the_version_2_sample_keeps_ids_time_undos_and_the_scenario_hash() {
    let save = LegacySave::parse(&sample("progress-v2.ron")).unwrap();
    let attempts = &save.profiles.iter().find(|p| p.name == "Sample Trainee").unwrap().attempts;
    assert_eq!(attempts.len(), 2);
    assert!(attempts.iter().all(|a| a.played_secs == 95 && a.content_hash.len() == 64));
    assert_eq!((attempts[0].undos, attempts[1].undos), (0, 1));
}

#[test]
fn opening_a_whole_file_save_migrates_it_and_keeps_the_file() {
    for name in ["progress-v1.ron", "progress-v2.ron"] {
        let dir = tempfile::tempdir().unwrap();
        let text = sample(name);
        std::fs::write(dir.path().join(SAVE_FILE), &text).unwrap();
        let before = peek(dir.path()).unwrap();
        let (_store, save, set_aside) = Store::open(dir.path()).unwrap();
        assert!(set_aside.is_empty(), "{name}: {set_aside:?}");
        assert_eq!(save, before, "{name}: a reader sees the same before and after the migration");
        let old = LegacySave::parse(&text).unwrap();
        for profile in &old.profiles {
            let now = save.profile(&profile.name).unwrap();
            assert_eq!(attempts_of(dir.path(), now).unwrap(), profile.attempts, "{name}: {}", profile.name);
        }
        assert!(!dir.path().join(SAVE_FILE).exists(), "{name}: out of the way");
        let kept = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("progress.migrated-"))
            .expect("the old save is kept");
        assert_eq!(std::fs::read_to_string(kept).unwrap(), text, "{name}: byte for byte");
    }
}

#[test]
fn best_attempt_and_finished_status_survive_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(SAVE_FILE), sample("progress-v1.ron")).unwrap();
    let (_store, save, _) = Store::open(dir.path()).unwrap();
    let profile = save.profile("Sample Trainee").unwrap();
    assert_eq!(profile.best("late-parcel").unwrap().final_mood, 63);
    assert!(profile.has_finished("late-parcel"));
    assert!(profile.has_passed("late-parcel"), "2 stars in practice mode is a pass");
    assert!(!save.profile("Second Person").unwrap().has_finished("late-parcel"));
    assert_eq!(profile.first_contact_rate(), Some(100));
}

#[test]
fn an_interrupted_migration_runs_again_to_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample("progress-v2.ron");
    std::fs::write(dir.path().join(SAVE_FILE), &text).unwrap();
    let (_store, first, _) = Store::open(dir.path()).unwrap();
    drop(_store);
    // As if killed after writing the journals but before moving the old save.
    std::fs::write(dir.path().join(SAVE_FILE), &text).unwrap();
    let (_store, again, _) = Store::open(dir.path()).unwrap();
    // Rewriting the file here changed its time, which dates the profiles; a real
    // interrupted migration finds the file untouched.
    let undated = |mut save: frontline::progress::SaveFile| {
        save.profiles.iter_mut().for_each(|p| p.created.clear());
        save
    };
    assert_eq!(undated(again), undated(first), "no profile or attempt twice");
}

#[test]
fn names_that_are_one_person_now_stay_two_profiles() {
    let attempt = LegacySave::parse(&sample("progress-v2.ron")).unwrap().profiles[0].attempts[0].clone();
    let old = LegacySave {
        version: 2,
        profiles: vec![
            LegacyProfile { name: "Ana".into(), attempts: vec![attempt.clone()] },
            LegacyProfile { name: "ana".into(), attempts: vec![attempt] },
        ],
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(SAVE_FILE), old.to_ron()).unwrap();
    let (_store, save, _) = Store::open(dir.path()).unwrap();
    let names: Vec<&str> = save.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"Ana") && names.contains(&"ana (2)"), "{names:?}");
}

#[test]
fn an_unreadable_whole_file_save_gives_way_to_its_backup_or_a_fresh_start() {
    let garbage = "(version: 2, profiles: [ (name: \"Half";
    for with_backup in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SAVE_FILE), garbage).unwrap();
        if with_backup {
            std::fs::write(dir.path().join(BACKUP_FILE), sample("progress-v2.ron")).unwrap();
        }
        let (store, save, set_aside) = Store::open(dir.path()).unwrap();
        drop(store);
        let [report] = set_aside.as_slice() else { panic!("{set_aside:?}") };
        assert_eq!(std::fs::read_to_string(&report.moved_to).unwrap(), garbage, "kept byte for byte");
        assert!(report.to_string().contains("could not be read"), "{report}");
        if with_backup {
            assert_eq!(report.outcome, Outcome::BackupRestored);
            assert!(report.to_string().contains("backup"), "{report}");
            assert_eq!(save.profiles.len(), 2);
        } else {
            assert_eq!(report.outcome, Outcome::StartedFresh);
            assert!(save.profiles.is_empty());
        }
        // Opened again, nothing more is reported and nothing is lost.
        let (_again, reread, more) = Store::open(dir.path()).unwrap();
        assert!(more.is_empty());
        assert_eq!(reread, save);
    }
}

#[test]
fn a_whole_file_save_from_a_newer_version_or_with_impossible_values_is_kept_aside() {
    let good = sample("progress-v2.ron");
    let cases = [
        ("version: 2", "version: 99", "version 99"),
        ("stars: 0", "stars: 9", "more than 3 stars"),
        ("Acknowledgment: 100", "Acknowledgment: 200", "a skill score above 100"),
        ("name: \"Sample Trainee\"", "name: \"\"", "an empty, overlong or unprintable name"),
        ("name: \"Sample Trainee\"", "name: \"A\\u{1b}[2Jna\"", "an empty, overlong or unprintable name"),
    ];
    for (from, to, problem) in cases {
        assert!(good.contains(from), "{from}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SAVE_FILE), good.replacen(from, to, 1)).unwrap();
        let (_store, save, set_aside) = Store::open(dir.path()).unwrap();
        assert!(save.profiles.is_empty());
        let report = set_aside.first().unwrap_or_else(|| panic!("{to} was accepted"));
        assert!(report.problem.contains(problem), "{to}: {}", report.problem);
        assert!(report.moved_to.exists(), "kept, not lost");
    }
}
