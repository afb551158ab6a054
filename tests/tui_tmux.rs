//! The built game in a real terminal (tmux): name a profile, play the first scenario
//! to its debrief with number keys, quit, and find the attempt in the save.
//! Waits by polling the screen with a generous bound, never by fixed sleeps.

use frontline::progress::{Attempt, attempts_of, peek};
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
        // ACCESSIBLE in the tester's environment would turn the game into plain mode.
        Command::new("tmux").arg("-S").arg(&self.socket).args(args).env_remove("ACCESSIBLE").output().expect("run tmux")
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

    let attempts = saved_attempts(data.path(), "Tmux Test");
    assert_eq!(attempts.len(), 1, "{attempts:?}");
    assert!(attempts[0].ending.is_some(), "the attempt reached an ending: {attempts:?}");
}

/// The attempts a profile holds on disk, read as another process would.
fn saved_attempts(data: &std::path::Path, profile: &str) -> Vec<Attempt> {
    let save = peek(data).expect("the save is readable");
    let profile = save.profile(profile).expect("the profile was saved");
    attempts_of(data, profile).expect("its attempts are readable")
}

/// The terminal as the shell sees it after the game: echo and line editing on, the
/// cursor shown, the alternate screen left.
fn assert_terminal_restored(tmux: &Tmux) {
    let flags = tmux.run(&["display", "-p", "-t", &tmux.session, "alt=#{alternate_on} cursor=#{cursor_flag}"]);
    assert_eq!(String::from_utf8_lossy(&flags.stdout).trim(), "alt=0 cursor=1");
    // The marker is computed, so the typed command line itself never matches it.
    tmux.type_text(
        "stty -a | tr ' ;' '\\n\\n' | grep -x -- '-*\\(icanon\\|echo\\)' | tr '\\n' ' '; echo STTY-$((40+2))",
    );
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the terminal modes", |s| s.contains("STTY-42"));
    let line = screen.lines().rev().find(|l| l.contains("icanon")).unwrap_or("");
    assert!(line.contains("icanon") && !line.contains("-icanon"), "line editing is off: {screen}");
    assert!(line.contains("echo") && !line.contains("-echo"), "echo is off: {screen}");
}

/// A shell in tmux with the game started in the middle of a conversation; returns
/// the game's process id. `scripted`: the game runs from a script, whose shell
/// reports its exit status (an interactive bash drops the rest of a command line
/// whose job died of SIGINT); otherwise it is the interactive shell's own job, with
/// job control.
fn game_mid_conversation(tmux: &Tmux, data: &Path, scripted: bool) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_frontline"));
    let out = tmux.run(&["new-session", "-d", "-s", &tmux.session, "-x", "100", "-y", "30", "bash --norc --noprofile"]);
    assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
    tmux.wait_for("a shell", |s| s.contains('$') || s.contains('#'));
    let pid_file = data.join("game.pid");
    // `exec` keeps the pid the wrapper wrote.
    let game = format!(
        "FRONTLINE_DATA_DIR={} sh -c 'echo $$ > \"$1\"; exec \"$2\" play --seed 1' _ {} {}",
        quote(data),
        quote(&pid_file),
        quote(bin)
    );
    if scripted {
        let script = data.join("run.sh");
        std::fs::write(&script, format!("{game}\necho EXITED-$?\n")).expect("script written");
        tmux.type_text(&format!("sh {}", quote(&script)));
    } else {
        tmux.type_text(&format!("{game}; echo STOPPED-$?"));
    }
    tmux.send(&["Enter"]);
    tmux.wait_for("the name prompt", |s| s.to_lowercase().contains("name"));
    tmux.type_text("Signal Test");
    tmux.send(&["Enter"]);
    tmux.wait_for("the library", |s| s.contains("Library"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the conversation", |s| s.contains("Your reply"));
    tmux.send(&["1"]);
    tmux.wait_for("the next turn", |s| s.contains("reply 2"));
    std::fs::read_to_string(&pid_file).expect("the shell wrote the pid").trim().to_string()
}

fn kill(signal: &str, pid: &str) {
    let out = Command::new("kill").args([&format!("-{signal}"), pid]).output().expect("kill runs");
    assert!(out.status.success(), "kill -{signal} {pid}");
}

fn tmux_available() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

#[test]
fn term_int_hup_and_quit_restore_the_terminal_keep_the_attempt_and_exit_as_signalled() {
    if !tmux_available() {
        println!("skipped: tmux not installed");
        return;
    }
    for (signal, status) in [("TERM", 143), ("INT", 130), ("HUP", 129), ("QUIT", 131)] {
        let data = tempfile::tempdir().expect("temp dir");
        let tmux = Tmux::new();
        let pid = game_mid_conversation(&tmux, data.path(), true);
        kill(signal, &pid);
        tmux.wait_for(&format!("the exit status after SIG{signal}"), |s| s.contains(&format!("EXITED-{status}")));
        assert_terminal_restored(&tmux);
        let attempts = saved_attempts(data.path(), "Signal Test");
        assert_eq!(attempts.len(), 1, "SIG{signal}: {attempts:?}");
        assert_eq!(attempts[0].ending, None, "kept as abandoned");
        assert_eq!(attempts[0].picks.len(), 1);
    }
}

#[test]
fn a_stop_from_outside_restores_the_terminal_and_continuing_takes_it_back() {
    if !tmux_available() {
        println!("skipped: tmux not installed");
        return;
    }
    let data = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux::new();
    let pid = game_mid_conversation(&tmux, data.path(), false);
    kill("TSTP", &pid);
    tmux.wait_for("the shell's job report", |s| s.contains("Stopped"));
    assert_terminal_restored(&tmux);
    tmux.type_text("fg; echo RESUMED-$?");
    tmux.send(&["Enter"]);
    tmux.wait_for("the game again", |s| s.contains("Your reply") && s.contains("reply 2"));
    let flags = tmux.run(&["display", "-p", "-t", &tmux.session, "#{alternate_on}"]);
    assert_eq!(String::from_utf8_lossy(&flags.stdout).trim(), "1", "back on the alternate screen");
    tmux.send(&["q"]);
    tmux.wait_for("the leave question", |s| s.contains("Leave"));
    tmux.send(&["y"]);
    tmux.wait_for("the library", |s| s.contains("Library"));
    tmux.send(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("RESUMED-0"));
}

/// Plain mode in a real terminal (stdout a tty): chosen by `TERM=dumb` or by
/// `ACCESSIBLE=1`, it never enters the alternate screen, reads typed lines, and
/// `q`, `y` leave with an abandoned attempt saved.
#[test]
fn term_dumb_or_accessible_play_in_plain_lines_in_a_real_terminal() {
    if !tmux_available() {
        println!("skipped: tmux not installed");
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_frontline"));
    for setting in ["TERM=dumb", "ACCESSIBLE=1"] {
        let data = tempfile::tempdir().expect("temp dir");
        let tmux = Tmux::new();
        let command = format!(
            "{setting} FRONTLINE_DATA_DIR={} {} play wrong-door --profile Pat --seed 3; echo EXITED-$?; sleep 60",
            quote(data.path()),
            quote(bin)
        );
        let out = tmux.run(&["new-session", "-d", "-s", &tmux.session, "-x", "100", "-y", "30", &command]);
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        let screen = tmux.wait_for("the plain replies", |s| s.contains("Your reply, 1 to 4, or ? for help:"));
        assert!(screen.contains("Playing as Pat.") && screen.contains("\n1. "), "{setting}: {screen}");
        let flags = tmux.run(&["display", "-p", "-t", &tmux.session, "#{alternate_on}"]);
        assert_eq!(String::from_utf8_lossy(&flags.stdout).trim(), "0", "{setting}: no alternate screen");
        tmux.type_text("2");
        tmux.send(&["Enter"]);
        tmux.wait_for("the mood in words", |s| s.contains("Mood ") && s.contains("Your reply, 1 to 3"));
        tmux.type_text("q");
        tmux.send(&["Enter"]);
        tmux.wait_for("the leave question", |s| s.contains("Leave this conversation? It will be saved as abandoned."));
        tmux.type_text("y");
        tmux.send(&["Enter"]);
        tmux.wait_for("a clean exit", |s| s.contains("EXITED-0"));
        let attempts = saved_attempts(data.path(), "Pat");
        assert_eq!(attempts.len(), 1, "{setting}: {attempts:?}");
        assert_eq!((attempts[0].ending, attempts[0].picks.len()), (None, 1), "{setting}");
    }
}
