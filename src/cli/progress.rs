//! Progress bars for long commands (demo, check, backup, restore, sync clone/export/import), drawn by
//! `indicatif` on stderr — only when stderr is a terminal, so scripts, pipes and logs never get them.
//! A bar says what the command is doing, done of total in the stage's unit, the time so far and an
//! ETA (`helpdesk: check — replaying the operation log [####>-----] 41 000/120 000 operations 0:07
//! ETA 0:10`); a new stage starts a new bar line in place. No colours: it reads the same with NO_COLOR.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{HumanDuration, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::progress::{Progress, Unit};

/// A bar for one command; cleared when dropped (or [`Bar::clear`]ed before the command says more).
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar for the command `what` (e.g. `backup`): hidden unless stderr is a terminal.
    pub fn start(what: &str) -> Self {
        Self::with_target(what, std::io::stderr().is_terminal())
    }

    fn with_target(what: &str, shown: bool) -> Self {
        let target = if shown { ProgressDrawTarget::stderr_with_hz(8) } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(Some(1), target).with_prefix(format!("helpdesk: {what}"));
        bar.set_style(style(Unit::Count("steps")));
        if shown {
            bar.enable_steady_tick(Duration::from_millis(250));
        }
        Bar { bar }
    }

    /// Where the work reports: each report moves the bar; a new unit or total starts it again.
    pub fn progress(&self) -> Progress {
        let bar = self.bar.clone();
        let current: Arc<Mutex<Option<(String, Unit, u64)>>> = Arc::default();
        Progress::new(move |stage, unit, done, total| {
            let mut current = current.lock().unwrap_or_else(|e| e.into_inner());
            // A new unit (or total) starts the bar again; a new stage in the same count only renames it.
            let last = current.replace((stage.to_string(), unit, total));
            if last.as_ref().is_none_or(|(_, u, t)| *u != unit || *t != total) {
                bar.reset();
                bar.set_style(style(unit));
            }
            if last.as_ref().is_none_or(|(s, ..)| s != stage) {
                bar.set_message(stage.to_string());
            }
            bar.set_length(total);
            bar.set_position(done);
        })
    }

    /// Removes the bar from the screen (before the command prints its result).
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn style(unit: Unit) -> ProgressStyle {
    let counts = match unit {
        Unit::Count(name) => format!("{{done}}/{{total}} {}", unit_name(name)),
        Unit::Bytes => "{bytes}/{total_bytes}".to_string(),
    };
    let eta = crate::t!("progress-eta");
    let template = format!("{{prefix}} — {{msg}} [{{bar:30}}] {counts} {{elapsed}} {eta} {{left}}");
    ProgressStyle::with_template(&template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("#>-")
        .with_key("done", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&grouped(state.pos()));
        })
        .with_key("total", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&grouped(state.len().unwrap_or(0)));
        })
        .with_key("left", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            // Nothing done yet: no rate to tell the time left by.
            let _ = if state.pos() == 0 { write!(w, "?") } else { write!(w, "{:#}", HumanDuration(state.eta())) };
        })
}

/// Progress of work that may not happen at all (a file's schema upgrade when a command opens it): the
/// bar (named by the message `what`, worded then) appears with the first report and goes once the work
/// reports its total done.
pub fn on_demand(what: &'static str) -> Progress {
    let shown: Arc<Mutex<Option<(Bar, Progress)>>> = Arc::default();
    Progress::new(move |stage, unit, done, total| {
        let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
        let (_, progress) = shown.get_or_insert_with(|| {
            let bar = Bar::start(&crate::t!(what));
            let progress = bar.progress();
            (bar, progress)
        });
        progress.report(stage, unit, done, total);
        if done >= total {
            *shown = None;
        }
    })
}

/// A count with its thousands grouped as the reader writes them: `1,687,036` in English, `1 687 036` in
/// Czech (as money is, `1 234,50 Kč`).
fn grouped(n: u64) -> String {
    let separator = match crate::i18n::language() {
        crate::i18n::Language::Czech => ' ',
        crate::i18n::Language::English => ',',
    };
    crate::domain::money::group_thousands(&n.to_string(), separator)
}

/// A counted unit as people read it (`steps`, `operations`, `pages`, `tickets`); another name as given.
fn unit_name(name: &str) -> String {
    match name {
        "steps" => crate::t!("progress-unit-steps"),
        "operations" => crate::t!("progress-unit-operations"),
        "pages" => crate::t!("progress-unit-pages"),
        "tickets" => crate::t!("progress-unit-tickets"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_as_the_reader_writes_them() {
        use crate::i18n::{Language, Scoped};
        let _en = Scoped::new(Language::English);
        assert_eq!(grouped(1_687_036), "1,687,036");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(0), "0");
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(grouped(1_687_036), "1 687 036");
        assert_eq!(grouped(1000), "1 000");
    }

    #[test]
    fn a_bar_follows_the_stages_reported_with_their_totals() {
        let bar = Bar::with_target("check", false);
        let p = bar.progress();
        p.report("checking the file's structure", Unit::Count("steps"), 1, 5);
        assert_eq!((bar.bar.position(), bar.bar.length()), (1, Some(5)));
        p.report("replaying the operation log", Unit::Count("operations"), 40, 120);
        assert_eq!((bar.bar.position(), bar.bar.length()), (40, Some(120)));
        assert_eq!(bar.bar.message(), "replaying the operation log");
        p.report("replaying the operation log", Unit::Count("operations"), 500, 120);
        assert_eq!(bar.bar.position(), 120, "never past the total");
    }
}
