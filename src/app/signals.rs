//! Signals from outside while the game owns the terminal: `kill`, a closed
//! terminal, Ctrl-\ from another shell, job control. Raw mode turns Ctrl-C into a
//! key press, but these arrive as signals, and ratatui's hook restores the terminal
//! on a panic only. A plain thread (signal-hook) notes the signal and wakes the
//! event loop, which blocks reading the terminal, by raising SIGWINCH: crossterm
//! reports that as a resize. The loop then leaves (saving an unfinished
//! conversation as abandoned) or suspends, on the main thread, with the terminal
//! restored either way.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};

#[cfg(unix)]
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

/// How long the event loop has to act on a signal that ends the game.
#[cfg(unix)]
const QUIT_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// What the event loop does about a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalAction {
    /// Save, restore the terminal and end as the signal would have.
    Quit(i32),
    /// Restore the terminal, stop, and take it back when continued.
    Suspend,
}

/// Watches for the signals the game handles, from a thread of its own.
pub struct SignalWatch {
    pending: Arc<AtomicI32>,
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SignalWatch {
    #[cfg(unix)]
    pub fn start() -> io::Result<SignalWatch> {
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT])?;
        let handle = signals.handle();
        let pending = Arc::new(AtomicI32::new(0));
        let noted = Arc::clone(&pending);
        let thread = std::thread::spawn(move || {
            for signal in signals.forever() {
                noted.store(signal, Ordering::SeqCst);
                let _ = signal_hook::low_level::raise(SIGWINCH);
                if let Some(SignalAction::Quit(signal)) = action(signal) {
                    // The event loop normally saves and ends the process within
                    // milliseconds. A terminal that is gone (SIGHUP) can leave crossterm
                    // reading end-of-file for ever, so end anyway after a grace period
                    // rather than spin.
                    std::thread::sleep(QUIT_GRACE);
                    ratatui::restore();
                    end_as(signal);
                }
            }
        });
        Ok(SignalWatch { pending, handle, thread: Some(thread) })
    }

    #[cfg(not(unix))]
    pub fn start() -> io::Result<SignalWatch> {
        Ok(SignalWatch { pending: Arc::new(AtomicI32::new(0)), thread: None })
    }

    /// The signal that arrived since the last call, as what to do about it.
    pub fn take(&self) -> Option<SignalAction> {
        action(self.pending.swap(0, Ordering::SeqCst))
    }

    pub fn stop(mut self) {
        #[cfg(unix)]
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(unix)]
fn action(signal: i32) -> Option<SignalAction> {
    match signal {
        SIGTSTP => Some(SignalAction::Suspend),
        // A continue without our own stop (SIGSTOP from outside): redraw anyway.
        SIGCONT => None,
        0 => None,
        other => Some(SignalAction::Quit(other)),
    }
}

#[cfg(not(unix))]
fn action(_signal: i32) -> Option<SignalAction> {
    None
}

/// Wakes the event loop, blocked reading the terminal, from another thread: the
/// SIGWINCH arrives as a resize event and the loop draws again.
pub fn wake_loop() {
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(SIGWINCH);
}

/// Stops the process the way SIGTSTP would (the terminal already restored), and
/// returns once it is continued.
pub fn stop_here() -> io::Result<()> {
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    Ok(())
}

/// Ends the process as `signal` would have by default, so the shell sees the usual
/// status (143 for TERM, 130 for INT…). Falls back to exiting with that status.
pub fn end_as(signal: i32) -> ! {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
    std::process::exit(128 + signal)
}
