//! A time limit on a peer process that has gone silent: the pipes to it are watched, and when this
//! side has waited on one of them (or on the process's exit) longer than the limit, the process and
//! everything it started (its process group) are ended, which ends the wait too.

use std::io::{Read, Write};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// Ends the process group `pgid` when a watched wait lasts longer than the limit.
pub struct Watchdog {
    tx: Sender<bool>,
    thread: JoinHandle<bool>,
}

impl Watchdog {
    /// Starts watching the process group led by `pgid` (the child was spawned as its leader).
    pub fn start(pgid: u32, limit: Duration) -> Self {
        let (tx, rx) = mpsc::channel::<bool>();
        let thread = std::thread::spawn(move || {
            let (mut armed, mut fired) = (false, false);
            loop {
                let next = if armed && !fired {
                    rx.recv_timeout(limit)
                } else {
                    rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
                };
                match next {
                    Ok(on) => armed = on,
                    Err(RecvTimeoutError::Timeout) => {
                        end_group(pgid);
                        fired = true;
                    }
                    Err(RecvTimeoutError::Disconnected) => return fired,
                }
            }
        });
        Watchdog { tx, thread }
    }

    /// Starts (`true`) or stops (`false`) the clock: this side is now waiting on the peer, or not.
    pub fn arm(&self, waiting: bool) {
        let _ = self.tx.send(waiting);
    }

    /// A pipe end whose reads and writes are timed.
    pub fn watch<T>(&self, inner: T) -> Watched<'_, T> {
        Watched { inner, dog: self }
    }

    /// Stops watching; whether the limit was reached (and the process group ended).
    pub fn finish(self) -> bool {
        drop(self.tx);
        self.thread.join().unwrap_or(false)
    }
}

/// A pipe end whose blocking reads and writes run under the watchdog's clock.
pub struct Watched<'a, T> {
    inner: T,
    dog: &'a Watchdog,
}

impl<T> Watched<'_, T> {
    fn timed<R>(&mut self, f: impl FnOnce(&mut T) -> R) -> R {
        self.dog.arm(true);
        let out = f(&mut self.inner);
        self.dog.arm(false);
        out
    }
}

impl<T: Read> Read for Watched<'_, T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.timed(|r| r.read(buf))
    }
}

impl<T: Write> Write for Watched<'_, T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.timed(|w| w.write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.timed(|w| w.flush())
    }
}

#[cfg(unix)]
fn end_group(pgid: u32) {
    if let Ok(pgid) = i32::try_from(pgid) {
        // SAFETY: kill(2) with a negative pid signals the process group; it touches no memory of ours.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

#[cfg(not(unix))]
fn end_group(_pgid: u32) {}
