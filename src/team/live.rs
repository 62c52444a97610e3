//! A desk kept live while the terminal interface runs: one background thread with its own connection
//! to the replica file and to the server. It `LISTEN`s for other desks' pushes and pulls them into the
//! replica at once (the interface is woken through a channel and reloads, as it does for any other
//! process's commit), and pushes this desk's commits as soon as the file changes.
//!
//! A lost connection (the network, a server restart, a server that stopped answering) is tried again
//! after 1 s, then 2, 4, 8, 15 s, and every 15 s from then on; the first attempt after a failure is
//! immediate when the thread starts. While it fails, the replica records since when it is offline
//! (`Store::record_team_unreachable`), which the status bar shows (`offline since 10:32 · 5 unshared`),
//! and the shared `online` flag is false, so opening a ticket takes the desk's tagged number at once.
//! When the server answers again the thread pushes what the desk did meanwhile and pulls the others'
//! work, with no keypress. An idle connection is checked every 15 s (a server that stopped answering
//! is noticed even when nobody types).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::Utc;

use super::{Desk, Pull};
use crate::config::Settings;
use crate::store::{Binding, Store};

/// How often the thread looks at the file for this desk's own commits (and how long a wait for the
/// server's notifications lasts).
const LOOK: Duration = Duration::from_millis(50);
/// The waits between attempts to reconnect, the last one repeated.
const BACKOFF: [Duration; 5] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
    Duration::from_secs(8),
    Duration::from_secs(15),
];
/// During a long catch-up the interface is woken after every so many operations.
const PAGE_WAKE: u64 = 2_000;
/// How often an idle connection is asked whether the server still answers.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The running background thread; stopped when dropped.
pub struct Live {
    stop: Arc<AtomicBool>,
    online: Arc<AtomicBool>,
    catch_up: Arc<CatchUp>,
    thread: Option<JoinHandle<()>>,
}

/// How far the thread's catch-up got, while one longer than a page of the server's log runs (the
/// interface's status bar shows it: `catching up 45 %`).
#[derive(Debug, Default)]
pub struct CatchUp {
    handled: AtomicU64,
    /// 0: no long catch-up running.
    total: AtomicU64,
}

impl CatchUp {
    /// The share of the catch-up done, in per cent; `None` when none is running.
    pub fn percent(&self) -> Option<u8> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.handled.load(Ordering::Relaxed).min(total) * 100 / total) as u8)
    }

    fn show(&self, pull: Option<&Pull>) {
        let (handled, total) = pull.map_or((0, 0), |p| (p.handled, p.total.unwrap_or(0)));
        self.handled.store(handled, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }
}

impl Live {
    /// Starts keeping `path` (a replica of `binding`) live. Each pull that changed something sends on
    /// the returned channel.
    pub fn start(path: PathBuf, binding: Binding, settings: Settings, timeout: Duration) -> (Live, Receiver<()>) {
        let (wake, woken) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let online = Arc::new(AtomicBool::new(false));
        let catch_up = Arc::new(CatchUp::default());
        let flags = (stop.clone(), online.clone(), catch_up.clone());
        let thread = std::thread::Builder::new()
            .name("team".into())
            .spawn(move || {
                let shared = Shared { stop: &flags.0, online: &flags.1, catch_up: &flags.2, wake: &wake };
                run(&path, &binding, &settings, timeout, &shared)
            })
            .ok();
        (Live { stop, online, catch_up, thread }, woken)
    }

    /// How far a long catch-up got (shared: it changes as the thread goes on).
    pub fn catch_up(&self) -> Arc<CatchUp> {
        self.catch_up.clone()
    }

    /// True while the thread is connected to the server (shared: it changes as the connection does).
    pub fn online(&self) -> Arc<AtomicBool> {
        self.online.clone()
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

/// What the thread shares with the interface.
struct Shared<'a> {
    stop: &'a AtomicBool,
    online: &'a AtomicBool,
    catch_up: &'a CatchUp,
    wake: &'a Sender<()>,
}

fn run(path: &std::path::Path, binding: &Binding, settings: &Settings, timeout: Duration, shared: &Shared<'_>) {
    let Shared { stop, online, wake, .. } = *shared;
    let Ok(mut store) = Store::open_existing(path, &binding.technician) else { return };
    let _ = store.use_business_zone(settings.calendar.time_zone());
    // As long a session as the interface it serves: reads through the page cache, not a memory map.
    let _ = store.for_a_long_session();
    let mut failures = 0usize;
    while !stop.load(Ordering::Relaxed) {
        let mut connected = false;
        let out = session(&mut store, binding, settings, timeout, shared, &mut || {
            online.store(true, Ordering::Relaxed);
            connected = true;
        });
        online.store(false, Ordering::Relaxed);
        shared.catch_up.show(None);
        match out {
            Ok(()) => return,
            Err(e) => {
                if connected {
                    failures = 0;
                }
                tracing::warn!(kind = %short(&e), "team connection lost; trying again");
                if matches!(e, super::TeamError::Unreachable(_)) {
                    // The interface reloads on the file's change and shows the desk offline.
                    let _ = store.record_team_unreachable(Utc::now());
                    let _ = wake.send(());
                }
                sleep_unless(stop, BACKOFF[failures.min(BACKOFF.len() - 1)]);
                failures += 1;
            }
        }
    }
}

/// One connection's life: push what the desk did meanwhile, catch up, then listen and push until it
/// breaks or the interface stops. A catch-up goes a transaction at a time (see `super::Pull`), with the
/// desk's own commits pushed between two, and the interface woken after each page of a long one.
fn session(
    store: &mut Store,
    binding: &Binding,
    settings: &Settings,
    timeout: Duration,
    shared: &Shared<'_>,
    connected: &mut dyn FnMut(),
) -> super::Result<()> {
    let Shared { stop, wake, catch_up, .. } = *shared;
    let mut desk = Desk::connect(binding, timeout)?;
    desk.listen()?;
    // This desk's work done while it was offline goes out first, with the vector it had then.
    // `data_version` moves with other connections' commits only (not this thread's pulls); read before
    // the push, so that a commit made during it goes out on the first round.
    let mut seen = store.data_version()?;
    desk.push(store, Utc::now())?;
    let mut pull = Some(Pull::start(&mut desk, store, Utc::now())?);
    connected();
    // The first catch-up recorded the contact (and cleared "offline since"): the interface reloads when
    // it is done, whatever it brought.
    let mut first = true;
    // A push from another desk heard during a catch-up: one more catch-up after it.
    let mut again = false;
    let mut checked = std::time::Instant::now();
    while !stop.load(Ordering::Relaxed) {
        // This desk's commits go out before anything else comes in, so the vector pushed with them is
        // what the desk knew when it made them.
        // The version is read before the push: a commit landing during the push changes it again and
        // goes out on the next round (read after, it would wait for yet another commit).
        let version = store.data_version()?;
        if version != seen {
            seen = version;
            desk.push(store, Utc::now())?;
            // The interface's own corrections of closed months (marked for pricing) are priced now, one
            // desk at a time (bb8 #12); between catch-ups, so what arrived is priced after its catch-up.
            if pull.is_none() {
                price(&mut desk, store, settings, wake);
            }
        }
        if let Some(p) = pull.as_mut() {
            let queued_before = p.handled;
            let finished = p.step(&mut desk, store, settings, Utc::now())?;
            again |= desk.notified()?;
            catch_up.show((!finished).then_some(&*p));
            if finished {
                // Work that reached closed months is priced here (one desk at a time; see `Desk::price`).
                price(&mut desk, store, settings, wake);
                if p.applied > 0 || std::mem::take(&mut first) {
                    let _ = wake.send(());
                }
                pull = None;
                checked = std::time::Instant::now();
                if std::mem::take(&mut again) {
                    pull = Some(Pull::start(&mut desk, store, Utc::now())?);
                }
            } else if p.handled / PAGE_WAKE != queued_before / PAGE_WAKE {
                // A long catch-up: the interface shows what arrived so far.
                let _ = wake.send(());
            }
            continue;
        }
        if desk.wait(LOOK)? {
            pull = Some(Pull::start(&mut desk, store, Utc::now())?);
            checked = std::time::Instant::now();
        }
        if desk.is_closed() {
            return Err(super::TeamError::Unreachable(crate::t!("team-server-hung-up")));
        }
        if checked.elapsed() >= HEARTBEAT {
            desk.check()?;
            checked = std::time::Instant::now();
        }
    }
    // Whatever was committed last goes out before the interface ends.
    desk.push(store, Utc::now())?;
    Ok(())
}

/// Prices what this replica holds marked (work that reached closed months, the desk's own corrections),
/// under the team's lock (see `Desk::price`); wakes the interface when something was billed. A failure
/// is logged: the marks stay for the next time.
fn price(desk: &mut Desk, store: &mut Store, settings: &Settings, wake: &Sender<()>) {
    match desk.price(store, settings, Utc::now()) {
        Ok(priced) if !priced.booked.is_zero() => drop(wake.send(())),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "pricing closed months failed; the arrivals wait"),
    }
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
        super::TeamError::Unreachable(_) => "unreachable",
        super::TeamError::Store(e) => e.kind(),
    }
}

#[cfg(test)]
mod tests {
    use super::CatchUp;
    use std::sync::atomic::Ordering;

    #[test]
    fn a_catch_up_says_how_far_it_got_in_per_cent_and_nothing_when_none_runs() {
        let c = CatchUp::default();
        assert_eq!(c.percent(), None);
        c.total.store(2_000, Ordering::Relaxed);
        c.handled.store(900, Ordering::Relaxed);
        assert_eq!(c.percent(), Some(45));
        c.handled.store(2_500, Ordering::Relaxed);
        assert_eq!(c.percent(), Some(100));
        c.show(None);
        assert_eq!(c.percent(), None);
    }
}
