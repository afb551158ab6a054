//! The built game in a real terminal (tmux): name a profile, play the first scenario
//! to its debrief with number keys, quit, and find the attempt in the save.
//! Waits by polling the screen with a generous bound, never by fixed sleeps.

use frontline::progress::{SAVE_FILE, SaveFile};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const WAIT: Duration = Duration::from_secs(20);

/// A tmux server of our own (its socket in a temp folder), killed when the test
/// ends, even on failure.
struct Tmux {
    socket: PathBuf,
    session: String,
    _dir: TempDir,
}

impl Tmux {
    fn new() -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = format!("frontline-{}", std::process::id());
        Tmux { socket: dir.path().join("tmux.sock"), session, _dir: dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux").arg("-S").arg(&self.socket).args(args).output().expect("run tmux")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend(keys);
        let out = self.run(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Typed as text, not as key names.
    fn type_text(&self, text: &str) {
        let out = self.run(&["send-keys", "-t", &self.session, "-l", text]);
        assert!(out.status.success(), "send-keys -l: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", &self.session]).stdout).into_owned()
    }

    /// Polls the screen until `done` holds; panics with the screen after [`WAIT`].
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(start.elapsed() < WAIT, "waited {WAIT:?} for {what}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn plays_to_a_debrief_in_a_real_terminal_and_saves_the_attempt() {
    if Command::new("tmux").arg("-V").output().map_or(true, |o| !o.status.success()) {
        println!("skipped: tmux not installed");
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_frontline"));
    let data = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux::new();
    let command = format!("FRONTLINE_DATA_DIR={} {}; echo EXITED-$?; sleep 60", quote(data.path()), quote(bin));
    let out = tmux.run(&["new-session", "-d", "-s", &tmux.session, "-x", "100", "-y", "30", &command]);
    assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));

    tmux.wait_for("the name prompt", |s| s.to_lowercase().contains("name"));
    tmux.type_text("Tmux Test");
    tmux.send(&["Enter"]);
    tmux.wait_for("the library", |s| s.contains("Library") && s.contains("Tmux Test"));
    tmux.send(&["Enter"]);
    let mut screen = tmux.wait_for("the conversation", |s| s.contains("Your reply"));

    for _ in 0..40 {
        if screen.contains("Final mood") {
            break;
        }
        let before = screen.clone();
        tmux.send(&["1"]);
        // Each reply changes the screen (at least the reply counter); wait for that.
        screen = tmux.wait_for("the next turn", |s| s != before);
    }
    let screen = tmux.wait_for("the debrief", |s| s.contains("Debrief") && s.contains("Final mood"));
    assert!(screen.contains("Satisfaction:") && screen.contains("Stars:"), "{screen}");

    tmux.send(&["Escape"]);
    tmux.wait_for("the library again", |s| s.contains("Library") && s.contains("first-contact rate"));
    tmux.send(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("EXITED-0"));

    let text = std::fs::read_to_string(data.path().join(SAVE_FILE)).expect("the save file exists");
    let save = SaveFile::parse(&text).expect("the save parses");
    let profile = save.profile("Tmux Test").expect("the profile was saved");
    assert_eq!(profile.attempts.len(), 1, "{text}");
    assert!(profile.attempts[0].ending.is_some(), "the attempt reached an ending: {text}");
}
