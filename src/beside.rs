//! Two pieces of work at once: one on a second thread that starts on another core at once, one on
//! the calling thread.
//!
//! Linux places a new thread on its parent's core and moves it to an idle one only when it balances
//! the load, milliseconds later: on this 2-core VM a thread spawned by a busy parent began running
//! 0.05–3.3 ms after the spawn (median 2.2 ms of 15, a C program measuring only that, 2 Dec 2026),
//! and until it moved it took turns with its parent on one core. A `ticket list --open` split in two
//! halves of 3 ms each was slower than on one thread. Placed on the other cores right after the
//! spawn, the thread began in 0.08–0.24 ms (median 0.16 ms).
//!
//! How: the parent restricts the new thread to every core it may use but its own
//! (`pthread_setaffinity_np`, which moves a thread waiting to run at once); the thread, once it runs
//! and the parent is done placing it, takes back every core the parent could use, so it is never
//! pinned. Advice to the scheduler only: where a call fails, where the calling thread may use one
//! core only, and off Linux, the thread is spawned as usual.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// Runs `there` on a new thread named `name` (placed on another core, see the module, and speaking
/// this thread's language) while `here` runs on this one; returns both results once both are done.
/// A panic in `there` is resumed here after `here` is done; a panic in `here` waits for `there`
/// before it goes on.
///
/// Errors: the system's, when it starts no thread (then neither ran).
pub fn run_beside<A, B: Send>(
    name: &str,
    there: impl FnOnce() -> B + Send,
    here: impl FnOnce() -> A,
) -> std::io::Result<(A, B)> {
    let cores = Cores::now();
    let placed = AtomicBool::new(cores.others.is_none());
    // What the thread says (an error, a list's words) is in this thread's language.
    let language = crate::i18n::language();
    let job = || {
        cores.settle(&placed);
        let _speaks = crate::i18n::Scoped::new(language);
        there()
    };
    // SAFETY: the thread borrows `cores`, `placed` and what `there` borrows; it is joined below
    // before this function returns, also when `here` panics (caught, then resumed after the join),
    // so nothing it borrows is dropped while it runs.
    let handle = unsafe { std::thread::Builder::new().name(name.into()).spawn_unchecked(job)? };
    cores.place(&handle);
    placed.store(true, Ordering::Release);
    let a = std::panic::catch_unwind(std::panic::AssertUnwindSafe(here));
    let b = handle.join();
    let a = a.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let b = b.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    Ok((a, b))
}

/// The cores the calling thread may use, and those of them other than the one it runs on (`None`:
/// no other, or the system does not say).
struct Cores {
    #[cfg(target_os = "linux")]
    every: Option<libc::cpu_set_t>,
    #[cfg(target_os = "linux")]
    others: Option<libc::cpu_set_t>,
    #[cfg(not(target_os = "linux"))]
    others: Option<()>,
}

#[cfg(target_os = "linux")]
impl Cores {
    const SIZE: usize = std::mem::size_of::<libc::cpu_set_t>();

    fn now() -> Self {
        // SAFETY: a zeroed cpu_set_t is a valid empty set; the call writes at most SIZE bytes into it.
        let every = unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            (libc::sched_getaffinity(0, Self::SIZE, &mut set) == 0).then_some(set)
        };
        // SAFETY: sched_getcpu takes nothing and only reads.
        let here = usize::try_from(unsafe { libc::sched_getcpu() }).ok();
        let others = every.zip(here).and_then(|(mut set, here)| {
            // SAFETY: `here` is checked against the set's size before CPU_ISSET/CPU_CLR use it; they
            // and CPU_COUNT only read and write the set on our stack.
            unsafe {
                if here >= libc::CPU_SETSIZE as usize || !libc::CPU_ISSET(here, &set) {
                    return None;
                }
                libc::CPU_CLR(here, &mut set);
                (libc::CPU_COUNT(&set) > 0).then_some(set)
            }
        });
        Self { every, others }
    }

    /// Moves `thread` (just spawned) to the other cores.
    fn place<T>(&self, thread: &JoinHandle<T>) {
        use std::os::unix::thread::JoinHandleExt;
        if let Some(others) = &self.others {
            // SAFETY: the thread is alive (not joined); the set is a valid cpu_set_t of SIZE bytes.
            unsafe { libc::pthread_setaffinity_np(thread.as_pthread_t(), Self::SIZE, others) };
        }
    }

    /// In the new thread: waits until the parent has placed it (microseconds), then takes back every
    /// core, so the placement does not outlive the start.
    fn settle(&self, placed: &AtomicBool) {
        let mut spins = 0_u32;
        while !placed.load(Ordering::Acquire) {
            spins = spins.saturating_add(1);
            if spins < 4096 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        if let (Some(every), Some(_)) = (&self.every, &self.others) {
            // SAFETY: sets this thread's own affinity from a set the system gave.
            unsafe { libc::sched_setaffinity(0, Self::SIZE, every) };
        }
    }
}

#[cfg(not(target_os = "linux"))]
impl Cores {
    fn now() -> Self {
        Self { others: None }
    }

    fn place<T>(&self, _thread: &JoinHandle<T>) {}

    fn settle(&self, _placed: &AtomicBool) {}
}

#[cfg(test)]
mod tests {
    use super::run_beside;

    fn cores() -> usize {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    }

    /// Both run, each result comes back, and the thread ends with every core this one may use.
    #[test]
    fn both_run_and_the_thread_keeps_every_core() {
        let text = String::from("borrowed");
        let (a, (b, cores_there)) = run_beside("beside-test", || (text.len(), cores()), || text.len() * 2).unwrap();
        assert_eq!((a, b), (16, 8));
        assert_eq!(cores_there, cores());
    }

    /// Once it runs, the thread may use the cores of the thread that started it: its placement on
    /// the other cores does not outlive its start.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_thread_keeps_the_cores_of_the_thread_that_started_it() {
        fn mask() -> Vec<usize> {
            // SAFETY: a zeroed cpu_set_t is a valid empty set; the calls read and write only it.
            unsafe {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                assert_eq!(libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set), 0);
                (0..libc::CPU_SETSIZE as usize).filter(|&c| libc::CPU_ISSET(c, &set)).collect()
            }
        }
        let (here, there) = run_beside("beside-test", mask, mask).unwrap();
        assert_eq!(here, there);
    }

    /// A panic in the thread comes back here, after this side's work is done.
    #[test]
    fn a_panic_beside_is_resumed_here() {
        let done = std::cell::Cell::new(false);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_beside("beside-test", || panic!("beside"), || done.set(true))
        }));
        assert!(caught.is_err());
        assert!(done.get());
    }

    /// A panic here waits for the thread, which finishes its work on what it borrows.
    #[test]
    fn a_panic_here_waits_for_the_thread() {
        let finished = std::sync::atomic::AtomicBool::new(false);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let seen = &finished;
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_beside(
                "beside-test",
                move || {
                    // Until this side has panicked (its sender is dropped then).
                    while rx.recv().is_ok() {}
                    seen.store(true, std::sync::atomic::Ordering::SeqCst);
                },
                move || {
                    let _tx = tx;
                    panic!("here")
                },
            )
        }));
        assert!(caught.is_err());
        assert!(finished.load(std::sync::atomic::Ordering::SeqCst));
    }
}
