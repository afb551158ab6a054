//! Sending attempts to the organisation's LRS while the game runs: each saved
//! attempt is queued in the outbox, and the outbox is sent on a plain thread at
//! start and after each attempt. The game never waits for the network; the thread
//! wakes the event loop when it is done so the library's count is fresh.

use crate::config::Config;
use crate::outbox::{Outbox, SyncReport};
use crate::progress::Attempt;
use crate::scenario::Scenario;
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Duration;

/// How long one request to the LRS may take.
const TIMEOUT: Duration = Duration::from_secs(5);

pub struct Delivery {
    config: Config,
    dir: PathBuf,
    sending: Option<JoinHandle<SyncReport>>,
    waiting: usize,
    /// Why the last send left attempts waiting, for the library to say.
    problem: Option<String>,
    wake: fn(),
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery").field("waiting", &self.waiting).field("problem", &self.problem).finish()
    }
}

impl Delivery {
    /// Delivery for the save folder `dir`; `wake` is called from the sending thread
    /// when it ends (the terminal game raises SIGWINCH to wake its blocked loop).
    pub fn new(config: Config, dir: PathBuf, wake: fn()) -> Delivery {
        let waiting = if config.lrs().is_some() { Outbox::new(&dir).count() } else { 0 };
        Delivery { config, dir, sending: None, waiting, problem: None, wake }
    }

    /// No LRS: nothing is queued or sent.
    pub fn off() -> Delivery {
        Delivery::new(Config::default(), PathBuf::new(), || {})
    }

    /// Attempts waiting for the LRS, when one is configured.
    pub fn waiting(&self) -> Option<usize> {
        self.config.lrs().map(|_| self.waiting)
    }

    /// Why attempts are still waiting, after a send that could not deliver them.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Queues an attempt's statement, before the attempt itself is saved: a crash
    /// in between then leaves a statement for an attempt that was played, never a
    /// saved attempt the LRS will not hear of. Returns a warning if it failed.
    pub fn queue(&mut self, profile: &str, attempt: &Attempt, scenario: Option<&Scenario>) -> Option<String> {
        let activity =
            scenario.map(|s| crate::xapi::ActivityInfo { title: &s.title, summary: &s.summary, track: &s.track });
        match crate::outbox::queue_attempt(&self.dir, &self.config, profile, attempt, activity.as_ref()) {
            Ok(true) => {
                self.waiting = Outbox::new(&self.dir).count();
                None
            }
            Ok(false) => None,
            Err(e) => Some(format!("the attempt could not be queued for the LRS: {e}")),
        }
    }

    /// Starts sending what is queued, unless a send is already under way.
    pub fn send(&mut self) {
        self.poll();
        let Some(lrs) = self.config.lrs().cloned() else { return };
        if self.sending.is_some() || self.waiting == 0 {
            return;
        }
        let outbox = Outbox::new(&self.dir);
        let wake = self.wake;
        self.sending = Some(std::thread::spawn(move || {
            let report = outbox.send_all(&crate::lrs::Client::new(&lrs, TIMEOUT), Duration::ZERO);
            wake();
            report
        }));
    }

    /// Takes in the result of a finished send, if there is one.
    pub fn poll(&mut self) {
        if !self.sending.as_ref().is_some_and(JoinHandle::is_finished) {
            return;
        }
        let Some(handle) = self.sending.take() else { return };
        self.waiting = Outbox::new(&self.dir).count();
        self.problem = match handle.join() {
            Ok(report) => report
                .stopped
                .as_ref()
                .map(ToString::to_string)
                .or_else(|| report.failed.first().map(|(_, e)| e.to_string())),
            Err(_) => Some("sending stopped unexpectedly".to_string()),
        }
        .filter(|_| self.waiting > 0);
    }

    /// Waits for a send under way (tests, and leaving the game: a send cut off
    /// half-way loses nothing, but one about to finish may as well).
    pub fn finish(&mut self, patience: Duration) {
        let deadline = std::time::Instant::now() + patience;
        while self.sending.as_ref().is_some_and(|h| !h.is_finished()) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.poll();
    }
}
