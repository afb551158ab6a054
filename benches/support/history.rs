//! Large histories for the progress benchmarks: a profile's journal written
//! directly (recording 100,000 attempts one fsync at a time would take minutes),
//! and the game opened on one as `frontline` opens it.

use frontline::engine::Skill;
use frontline::progress::{Attempt, JOURNAL_DIR, Mode, Record};
use frontline::scenario::Ending;
use std::io::Write;
use std::path::Path;

const SCENARIOS: [&str; 6] = ["wrong-door", "double-debit", "welcome-desk", "gym-freeze", "no-heating", "roaming-bill"];

/// The `i`th attempt of a varied history: scenarios, endings, modes and scores
/// change from one to the next, one attempt an hour.
pub fn attempt(i: usize) -> Attempt {
    let n = i as u64;
    let ending = match i % 5 {
        0 => None,
        1 => Some(Ending::Transfer),
        _ => Some(Ending::Resolved),
    };
    let skills = Skill::ALL.iter().enumerate().map(|(k, &s)| (s, ((i * 7 + k * 13) % 101) as u8)).collect();
    let at = jiff::Timestamp::from_second(1_735_689_600 + 3_600 * n as i64).unwrap();
    Attempt {
        scenario: SCENARIOS[i % SCENARIOS.len()].to_string(),
        seed: n,
        picks: vec![i % 3, (i + 1) % 4, 0, 2, 1],
        ending,
        final_mood: ((i * 37) % 101) as i32,
        satisfaction: (1 + i % 5) as u8,
        stars: (i % 4) as u8,
        skills,
        date: frontline::progress::format_utc(at),
        mode: if i.is_multiple_of(7) { Mode::Mentor } else { Mode::Practice },
        undos: 0,
        id: uuid::Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0000 + u128::from(n)).to_string(),
        played_secs: 60 + n % 300,
        content_hash: "ab".repeat(32),
        notes: Vec::new(),
    }
}

/// Opens the save in `dir` and the bundled library, and starts the game on them
/// (seed 1), as `frontline` does on start.
pub fn open_game(dir: &Path) -> frontline::app::App {
    let (store, save, _) = frontline::progress::Store::open(dir).expect("the save opens");
    let library = frontline::scenario::load_library(&[]).library;
    let rules = frontline::engine::Rules::default();
    let ctx =
        frontline::app::AppContext { library, rules, store, save, notices: Vec::new(), seed: Some(1), profile: None };
    frontline::app::App::new(ctx)
}

/// Writes a profile `name` with `attempts` attempts into the data folder `dir`;
/// returns the journal's size in bytes.
pub fn write_history(dir: &Path, name: &str, attempts: usize) -> u64 {
    let id = "00000000-0000-4000-8000-00000000a11a";
    let folder = dir.join(JOURNAL_DIR);
    std::fs::create_dir_all(&folder).unwrap();
    let header =
        serde_json::json!({"profile": {"version": 3, "id": id, "name": name, "created": "2025-01-01T00:00:00Z"}});
    let path = folder.join(format!("{id}.jsonl"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "{}", serde_json::to_string(&header).unwrap()).unwrap();
    for i in 0..attempts {
        out.write_all(Record::Attempt(attempt(i)).line().as_bytes()).unwrap();
    }
    out.flush().unwrap();
    std::fs::metadata(&path).unwrap().len()
}
