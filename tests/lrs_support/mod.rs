//! Helpers for the LRS tests: the real Ralph server `.ci/run` starts, stand-ins that
//! fail in chosen ways, and statements shaped like Frontline's.
#![allow(dead_code)] // each test binary uses its own share of these

use frontline::config::LrsConfig;
use frontline::engine::Skill;
use frontline::progress::{Attempt, Mode};
use frontline::scenario::Ending;
use frontline::xapi::ActivityInfo;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The real LRS, from `FRONTLINE_TEST_LRS_*` (set by `.ci/run`). `None`, said out
/// loud, when they are not set.
pub fn ralph() -> Option<LrsConfig> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (var("FRONTLINE_TEST_LRS_ENDPOINT"), var("FRONTLINE_TEST_LRS_KEY"), var("FRONTLINE_TEST_LRS_SECRET")) {
        (Some(endpoint), Some(key), Some(secret)) => Some(LrsConfig::new(&endpoint, &key, &secret).unwrap()),
        _ => {
            eprintln!(
                "skipped: FRONTLINE_TEST_LRS_ENDPOINT/_KEY/_SECRET are not set; `.ci/ralph/start DIR` starts \
                 a real LRS and writes them to DIR/env (.ci/run does this)"
            );
            None
        }
    }
}

/// A name no other test (or earlier run against the same server) uses.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", &uuid::Uuid::new_v4().simple().to_string()[..12])
}

/// A port on 127.0.0.1 with nothing listening.
pub fn dead_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/xAPI/")
}

/// How a stand-in LRS behaves.
#[derive(Clone)]
pub enum Behaviour {
    /// Answers every request with this status and body.
    Status(u16, &'static str),
    /// Accepts connections and never answers.
    Silent,
}

/// A stand-in LRS on 127.0.0.1: a plain TCP listener on a thread of its own.
pub struct FakeLrs {
    pub endpoint: String,
    /// The head (request line and headers) of every request received.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl FakeLrs {
    pub fn start(behaviour: Behaviour) -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = format!("http://127.0.0.1:{}/xAPI/", listener.local_addr().unwrap().port());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                match &behaviour {
                    Behaviour::Silent => held.push(stream), // open, unanswered, until the test ends
                    Behaviour::Status(status, body) => {
                        if let Some(head) = read_request(&mut stream) {
                            seen.lock().unwrap().push(head);
                        }
                        let reply = format!(
                            "HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        );
                        let _ = stream.write_all(reply.as_bytes());
                    }
                }
            }
        });
        FakeLrs { endpoint, requests }
    }

    pub fn config(&self) -> LrsConfig {
        LrsConfig::new(&self.endpoint, "trainer", "fake-secret").unwrap()
    }
}

/// Reads one request (head and a Content-Length body); returns the head.
fn read_request(stream: &mut TcpStream) -> Option<String> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0usize);
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    Some(head)
}

/// The statement `crate::xapi` makes of an attempt by `learner` at `scenario`: a
/// pass (three stars) or not, with these six skill scores, ending so (`None`: abandoned).
pub fn statement(learner: &str, scenario: &str, passed: bool, skills: [u8; 6], ending: Option<Ending>) -> Value {
    let attempt = Attempt {
        scenario: scenario.into(),
        seed: 7,
        picks: vec![0, 1],
        ending,
        final_mood: 64,
        satisfaction: 4,
        stars: if passed { 3 } else { 1 },
        skills: Skill::ALL.into_iter().zip(skills).collect(),
        date: "2025-03-04T05:06:07Z".into(),
        mode: Mode::Practice,
        undos: 0,
        id: uuid::Uuid::new_v4().to_string(),
        played_secs: 95,
        content_hash: "ab12".into(),
        notes: Vec::new(),
    };
    assert_eq!(attempt.passed(), passed && ending.is_some(), "a pass needs an ending");
    let info = ActivityInfo { title: "The wrong door", summary: "A parcel at No. 41.", track: "basics" };
    frontline::xapi::statement(learner, &attempt, Some(&info), frontline::xapi::DEFAULT_HOME_PAGE)
}
