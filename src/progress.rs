//! Progress of long work (demo, check, backup, restore, sync clone/export/import), reported as `done`
//! of `total` in the work's own unit, under the name of the stage it is in. The work reports; the
//! command line draws it (`cli::progress`, a bar on stderr when that is a terminal); the library
//! knows nothing of terminals. Cheap to call often: the bar redraws at most a few times a second.

use std::sync::Arc;

/// What a stage counts in, so the bar can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Things counted one by one (tickets, operations, steps), named.
    Count(&'static str),
    /// Bytes written.
    Bytes,
}

type Report = dyn Fn(&str, Unit, u64, u64) + Send + Sync;

/// Where progress goes; [`Progress::none`] drops it.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<Report>>);

impl Progress {
    pub fn none() -> Self {
        Progress(None)
    }

    pub fn new(report: impl Fn(&str, Unit, u64, u64) + Send + Sync + 'static) -> Self {
        Progress(Some(Arc::new(report)))
    }

    /// `done` of `total` (in `unit`) in the stage called `stage`.
    pub fn report(&self, stage: &str, unit: Unit, done: u64, total: u64) {
        if let Some(report) = &self.0 {
            report(stage, unit, done.min(total), total);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Progress(reported)" } else { "Progress(none)" })
    }
}
