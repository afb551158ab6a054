//! Writes a sample save in the current format to stdout (how saves/progress-v2.ron was made).
fn main() {
    use frontline::progress::{Attempt, Mode, SaveFile};
    let lib = frontline::scenario::load_library(&[]).library;
    let scenario = lib.get("wrong-door").unwrap().scenario.clone();
    let mut save = SaveFile::default();
    for (seed, mode, picks) in [(7u64, Mode::Practice, 30usize), (3, Mode::Mentor, 2)] {
        let mut run = frontline::engine::Run::new(scenario.clone(), frontline::engine::Rules::default(), seed);
        for _ in 0..picks {
            let Some(r) = run.replies().first().map(|r| r.index) else { break };
            run.choose(r).unwrap();
        }
        let mut attempt = Attempt::from_run(&run, &frontline::analysis::debrief(&run), mode);
        attempt.date = "2026-12-02T09:30:00Z".into();
        attempt.played_secs = 95;
        if mode == Mode::Mentor {
            attempt.undos = 1;
        }
        save.profile_mut("Sample Trainee").attempts.push(attempt);
    }
    save.profile_mut("Second Person");
    print!(
        "// A sample save in format version 2, as Frontline 0.2 writes it: attempts carry an id,\n// the real time played, undos and the scenario's content hash.\n{}",
        save.to_ron()
    );
}
