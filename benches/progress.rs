//! Progress at scale: a profile with 10,000 and with 100,000 attempts.
//!
//! Targets: start to the first library frame under 50 ms at 10,000; recording one
//! more attempt under 20 ms at both; a library key press under 1 ms at both. Peak
//! memory while playing (under 30 MB at 100,000) is measured by
//! `examples/peak_memory.rs`, which this bench runs and prints.
//!
//! Run with `cargo bench --bench progress`; building the histories takes a few
//! seconds, the whole run about a minute.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frontline::progress::{JOURNAL_DIR, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

#[path = "support/history.rs"]
mod support_history;

const SIZES: [usize; 2] = [10_000, 100_000];

/// Opens the save, loads the library and draws the first frame, as `frontline`
/// does on start.
fn first_frame(dir: &Path) -> Terminal<TestBackend> {
    let app = support_history::open_game(dir);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| frame.render_widget(&app, frame.area())).unwrap();
    terminal
}

fn progress_at_scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("progress");
    group.sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    for attempts in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let bytes = support_history::write_history(dir.path(), "Ana", attempts);
        // The state a player is in: the summary was written by the last game.
        drop(Store::open(dir.path()).unwrap());
        eprintln!("history of {attempts} attempts: journal {} bytes", bytes);

        group.bench_function(BenchmarkId::new("start to first library frame", attempts), |b| {
            b.iter(|| black_box(first_frame(dir.path())))
        });

        group.bench_function(BenchmarkId::new("record one more attempt", attempts), |b| {
            let (mut store, mut save, _) = Store::open(dir.path()).unwrap();
            let attempt = support_history::attempt(attempts + 1);
            b.iter(|| store.record(&mut save, "Ana", &attempt).unwrap())
        });

        group.bench_function(BenchmarkId::new("library key press", attempts), |b| {
            let mut app = support_history::open_game(dir.path());
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            let mut down = true;
            b.iter(|| {
                let code = if down { KeyCode::Down } else { KeyCode::Up };
                down = !down;
                app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
                terminal.draw(|frame| frame.render_widget(&app, frame.area())).unwrap();
            })
        });
        assert!(dir.path().join(JOURNAL_DIR).is_dir());
    }
    group.finish();
    peak_memory();
}

/// Runs `examples/peak_memory` (built by `cargo bench` alongside) and prints what it
/// measured; the example plays a whole conversation at 100,000 attempts.
fn peak_memory() {
    let exe = std::env::current_exe().unwrap();
    let Some(profile_dir) = exe.parent().and_then(Path::parent) else { return };
    let example = profile_dir.join("examples").join("peak_memory");
    match std::process::Command::new(&example).arg("100000").output() {
        Ok(out) => eprint!("{}", String::from_utf8_lossy(&out.stdout)),
        Err(e) => eprintln!("peak memory: run `cargo run --release --example peak_memory -- 100000` ({e})"),
    }
}

criterion_group!(benches, progress_at_scale);
criterion_main!(benches);
