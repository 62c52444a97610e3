//! Waiting for a server at most so long: the answer limit and the threads exchanges run on.

use std::time::Duration;

/// How long a desk waits for the answer to one exchange with a server it is connected to (a pull's
/// queries, a push's transaction): `timeout` × 5, 10 s by default. Longer, the server counts as gone
/// (the server's own `statement_timeout` is the same, so it gives up on its side too).
pub fn answer_limit(timeout: Duration) -> Duration {
    timeout.saturating_mul(5)
}

/// Runs `f` on a thread of its own and waits at most `limit` for it: `None` when it did not finish.
/// The thread is then left behind, blocked on a server that stopped answering, until its connection
/// breaks or the process ends (the synchronous client has no deadline of its own).
pub(crate) fn bounded<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (done, result) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("team-call".into())
        .spawn(move || {
            let _ = done.send(f());
        })
        .ok()?;
    result.recv_timeout(limit).ok()
}

/// The thread that runs a desk's exchanges, one after another, for the desk's whole life (a thread
/// spawned per exchange cost a busy desk — several pushes and pulls a second, each a few exchanges —
/// thousands of thread starts a minute). A desk waits at most its limit for each answer; one that did
/// not come leaves the thread blocked on the server, and the desk gives the connection up (the
/// thread ends when its exchange does, its desk gone).
pub(super) struct Runner {
    jobs: std::sync::mpsc::Sender<Box<dyn FnOnce() + Send>>,
}

impl Runner {
    pub(super) fn start() -> Option<Runner> {
        let (jobs, queue) = std::sync::mpsc::channel::<Box<dyn FnOnce() + Send>>();
        std::thread::Builder::new()
            .name("team-call".into())
            .spawn(move || {
                for job in queue {
                    job();
                }
            })
            .ok()?;
        Some(Runner { jobs })
    }

    /// Runs `f` on the runner's thread: `None` when it did not finish within `limit`.
    pub(super) fn run<T: Send + 'static>(&self, limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        self.queue(f)?.recv_timeout(limit).ok()
    }

    /// Queues `f` on the runner's thread and returns where its answer will come, without waiting
    /// (`None`: the thread is gone).
    pub(super) fn queue<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Option<std::sync::mpsc::Receiver<T>> {
        let (done, result) = std::sync::mpsc::sync_channel(1);
        self.jobs
            .send(Box::new(move || {
                let _ = done.send(f());
            }))
            .ok()?;
        Some(result)
    }
}
