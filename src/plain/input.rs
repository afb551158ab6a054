//! Standard input for plain mode, read on a thread of its own so that Ctrl-C
//! (SIGINT), SIGTERM or SIGHUP end the input the way Ctrl-D does: the session then
//! saves an unfinished conversation as abandoned and leaves. A blocked read of the
//! terminal cannot be woken any other way.

use std::io::{BufRead, Read};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{Receiver, channel};

/// Input that ends at end of file or at a stop signal, whichever comes first.
pub struct Interruptible {
    chunks: Receiver<Option<Vec<u8>>>,
    buf: Vec<u8>,
    pos: usize,
    ended: bool,
}

static SIGNAL: AtomicI32 = AtomicI32::new(0);

impl Interruptible {
    /// Starts reading stdin and watching for SIGINT, SIGTERM and SIGHUP.
    pub fn stdin() -> std::io::Result<Interruptible> {
        let (tx, chunks) = channel();
        let reader = tx.clone();
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin();
            let mut chunk = vec![0; 8192];
            loop {
                match stdin.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if reader.send(Some(chunk[..n].to_vec())).is_err() {
                            return;
                        }
                    }
                }
            }
            let _ = reader.send(None);
        });
        #[cfg(unix)]
        {
            use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
            let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    SIGNAL.store(signal, Ordering::SeqCst);
                    let _ = tx.send(None);
                }
            });
        }
        Ok(Interruptible { chunks, buf: Vec::new(), pos: 0, ended: false })
    }
}

/// The signal that ended plain mode's input, if one did (see [`Interruptible`]).
pub fn stopped_by() -> Option<i32> {
    Some(SIGNAL.load(Ordering::SeqCst)).filter(|&s| s != 0)
}

impl Read for Interruptible {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Interruptible {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.buf.len() && !self.ended {
            // A signal ends the input even with lines still queued: the trainee
            // asked to stop now.
            match self.chunks.recv() {
                Ok(Some(chunk)) if stopped_by().is_none() => {
                    self.buf = chunk;
                    self.pos = 0;
                }
                _ => self.ended = true,
            }
        }
        if self.ended && stopped_by().is_some() {
            return Ok(&[]);
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
    }
}
