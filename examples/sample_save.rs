//! Writes a sample save in the current format (3: a folder of journals) into the
//! folder given, e.g. `cargo run --example sample_save -- saves/progress-v3`: how
//! that sample was made.
fn main() {
    use frontline::progress::{Attempt, Mode, Store};
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("give a folder to write the sample in"));
    let lib = frontline::scenario::load_library(&[]).library;
    let scenario = lib.get("wrong-door").unwrap().scenario.clone();
    let (mut store, mut save, _) = Store::open(&dir).expect("the folder can be written");
    store.create_profile(&mut save, "Sample Trainee").unwrap();
    store.create_profile(&mut save, "Second Person").unwrap();
    for (seed, mode, picks) in [(7u64, Mode::Practice, 30usize), (3, Mode::Mentor, 2)] {
        let mut run = frontline::engine::Run::new(scenario.clone(), frontline::engine::Rules::default(), seed);
        for _ in 0..picks {
            let Some(r) = run.replies().first().map(|r| r.index) else { break };
            run.choose(r).unwrap();
        }
        let mut attempt = Attempt::from_run(&run, &frontline::analysis::debrief(&run), mode);
        attempt.date = "2026-12-02T09:30:00Z".into();
        attempt.played_secs = 95;
        store.record(&mut save, "Sample Trainee", &attempt).unwrap();
        if mode == Mode::Mentor {
            // A mentor's undo: the same attempt again, replacing the first record.
            attempt.undos = 1;
            store.replace(&mut save, "Sample Trainee", &attempt).unwrap();
        }
    }
    store.rename_profile(&mut save, "Second Person", "Second Trainee").unwrap();
}
