//! Special files handed to Frontline where a scenario, rules file or save belongs:
//! refused at once with a message, never read without limit, never waited on.
#![cfg(unix)]

use frontline::progress::{SAVE_FILE, Store};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary, killing it if it is still running after a generous bound.
fn frontline(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env("FRONTLINE_DATA_DIR", std::env::temp_dir().join("frontline-hostile-tests-unused"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("frontline {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
}

#[test]
fn check_refuses_a_device_instead_of_reading_it_forever() {
    let out = frontline(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/dev/zero: not a regular file (a device)"), "{text}");
}

#[test]
fn check_and_rules_refuse_a_named_pipe_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("shared.ron");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    let out = frontline(&["check", fifo]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a regular file (a named pipe)"));

    let out = frontline(&["--rules", fifo, "run", "wrong-door"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file (a named pipe)"));
}

#[test]
fn a_save_that_is_a_named_pipe_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join(SAVE_FILE));
    let (_store, save, set_aside) = Store::open(dir.path()).expect("opens without waiting");
    assert!(save.profiles.is_empty());
    let set_aside = set_aside.into_iter().next().expect("the pipe was reported");
    assert!(set_aside.problem.contains("a named pipe"), "{}", set_aside.problem);
    assert!(set_aside.moved_to.exists() || std::fs::symlink_metadata(&set_aside.moved_to).is_ok());
}
