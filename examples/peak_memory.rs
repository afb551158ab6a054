//! Peak memory while playing with a long history: builds a profile of N attempts
//! (default 100,000), then, in a fresh process so that building it is not counted,
//! starts the game on it, plays a whole conversation through the keys, records it,
//! and prints that process's peak resident memory (Linux's VmHWM).
//! `cargo run --release --example peak_memory -- 100000`; target: under 30 MB.

#[path = "../benches/support/history.rs"]
mod history;

use frontline::app::{App, Screen};
use frontline::progress::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir] = args.as_slice()
        && flag == "--play"
    {
        play(std::path::Path::new(dir));
        return;
    }
    let attempts: usize = args.first().map_or(100_000, |n| n.parse().expect("a number of attempts"));
    let dir = tempfile::tempdir().unwrap();
    history::write_history(dir.path(), "Ana", attempts);
    // The summary a previous game left; building it once is not playing.
    drop(Store::open(dir.path()).unwrap());
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--play")
        .arg(dir.path())
        .output()
        .expect("the example runs itself");
    print!("history of {attempts} attempts: {}", String::from_utf8_lossy(&out.stdout));
}

fn play(dir: &std::path::Path) {
    let before = peak_kib();
    let mut app = history::open_game(dir);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut draw = |app: &App| terminal.draw(|f| f.render_widget(app, f.area())).map(drop).unwrap();
    draw(&app);
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let mut turns = 0;
    while matches!(app.screen(), Screen::Play(_)) && turns < 60 {
        app.handle_key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE));
        draw(&app);
        turns += 1;
    }
    draw(&app);
    let debrief = matches!(app.screen(), Screen::Debrief(_));
    let recorded = app.profile().map_or(0, |p| p.attempts);
    println!(
        "peak memory {} KiB while playing {turns} turns to the {} ({} KiB at process start; profile now {recorded} attempts)",
        peak_kib().unwrap_or(0),
        if debrief { "debrief" } else { "end" },
        before.unwrap_or(0),
    );
}
