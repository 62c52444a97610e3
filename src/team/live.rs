//! A desk kept live while the terminal interface runs: one background thread with its own connection
//! to the replica file and to the server. It `LISTEN`s for other desks' pushes and pulls them into the
//! replica at once (the interface is woken through a channel and reloads, as it does for any other
//! process's commit), and pushes this desk's commits as soon as the file changes. A lost connection
//! is made again every second; meanwhile the desk works on its replica alone.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::Utc;

use super::Desk;
use crate::config::Settings;
use crate::store::{Binding, Store};

/// How often the thread looks at the file for this desk's own commits (and how long a wait for the
/// server's notifications lasts).
const LOOK: Duration = Duration::from_millis(50);
const RECONNECT: Duration = Duration::from_secs(1);

/// The running background thread; stopped when dropped.
pub struct Live {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Live {
    /// Starts keeping `path` (a replica of `binding`) live. Each pull that changed something sends on
    /// the returned channel.
    pub fn start(path: PathBuf, binding: Binding, settings: Settings, timeout: Duration) -> (Live, Receiver<()>) {
        let (wake, woken) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("team".into())
            .spawn(move || run(&path, &binding, &settings, timeout, &flag, &wake))
            .ok();
        (Live { stop, thread }, woken)
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(
    path: &std::path::Path,
    binding: &Binding,
    settings: &Settings,
    timeout: Duration,
    stop: &AtomicBool,
    wake: &Sender<()>,
) {
    let Ok(mut store) = Store::open_existing(path, &binding.technician) else { return };
    let _ = store.use_business_zone(settings.calendar.time_zone());
    while !stop.load(Ordering::Relaxed) {
        match session(&mut store, binding, settings, timeout, stop, wake) {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(kind = %short(&e), "team connection lost; trying again");
                sleep_unless(stop, RECONNECT);
            }
        }
    }
}

/// One connection's life: catch up, then listen and push until it breaks or the interface stops.
fn session(
    store: &mut Store,
    binding: &Binding,
    settings: &Settings,
    timeout: Duration,
    stop: &AtomicBool,
    wake: &Sender<()>,
) -> super::Result<()> {
    let mut desk = Desk::connect(binding, timeout)?;
    desk.listen()?;
    if desk.pull(store, settings, Utc::now())? > 0 {
        let _ = wake.send(());
    }
    desk.push(store)?;
    let mut seen = store.data_version()?;
    while !stop.load(Ordering::Relaxed) {
        // This desk's commits go out before anything else comes in, so the vector pushed with them is
        // what the desk knew when it made them.
        let version = store.data_version()?;
        if version != seen {
            desk.push(store)?;
            seen = store.data_version()?;
        }
        if desk.wait(LOOK)? && desk.pull(store, settings, Utc::now())? > 0 {
            let _ = wake.send(());
        }
        if desk.is_closed() {
            return Err(super::TeamError::Failure("the server closed the connection".into()));
        }
    }
    // Whatever was committed last goes out before the interface ends.
    desk.push(store)?;
    Ok(())
}

fn sleep_unless(stop: &AtomicBool, total: Duration) {
    let step = Duration::from_millis(50);
    let mut slept = Duration::ZERO;
    while slept < total && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(step);
        slept += step;
    }
}

/// The kind of failure, for the log (messages may quote the server's text).
fn short(e: &super::TeamError) -> &'static str {
    match e {
        super::TeamError::Input(_) => "input",
        super::TeamError::Failure(_) => "server",
        super::TeamError::Store(e) => e.kind(),
    }
}
