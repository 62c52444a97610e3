//! `helpdesk ticket list`'s table: each row made as its ticket is read (the list and its tickets are
//! not kept beside the table: a 4 100-ticket list moved a megabyte of them around; on two threads at
//! most 16 batches of lines wait for their rows).
//!
//! A list of [`PIPELINE_FROM`] lines or more, where the command may use two threads
//! (`HELPDESK_THREADS`), is made on two: this one reads the lines and works out their SLA (the
//! customers' names and tier histories, the business calendar), a second one makes their rows
//! (wording, cleaning, measuring) from batches of [`Batch::LINES`] lines. The rows are the ones one
//! thread makes, in the same order, and printed once all are made, so the output is byte for byte
//! the same (a test compares the two ways). The second thread starts on the other core at once
//! ([`crate::beside`]).
//!
//! Measured at 100k tickets (2 Dec 2026, this 2-core VM, run by run in turn; README "Issue 13's next
//! round"): `ticket list --open` (4 100 lines) 11.9 → 9.9 ms and 14.4 → 12.3 ms with
//! `HELPDESK_THREADS=1` and without (medians of 40 and 50); against the build before, three runs of
//! 100 gave minimums 10.5 → 9.2, 11.0 → 9.6 and 10.6 → 9.1 ms but medians within 0.7 ms (the gain
//! needs the other core free, which on a shared VM it often is not); the whole `ticket list`
//! (100 000 lines) 188.1 → 167.0 and 173.5 → 131.8 ms (medians of 12); 0.3–0.6 ms more CPU. Reading
//! the list in two halves on two connections instead (each half making its own rows, the tables
//! joined) did no better on the whole list and nothing for the open tickets: a second connection
//! parses the schema and reads every customer again.

use super::table::{Cell, MeasuredWords, Table};
use super::{CliResult, Context};
use crate::config::Settings;
use crate::domain::calendar::Placed;
use crate::domain::sla::{SlaNow, SlaState, SlaStatus};
use crate::domain::{TicketKind, TicketStatus, Tier};
use crate::i18n::words;
use crate::store::{LineColumns, Store, TicketFilter, TicketLine};
use crate::t;
use crate::ticket_sla;

/// The fewest lines a second thread makes the rows of while this one reads them (see the module):
/// a shorter list's rows take well under a millisecond, about what starting the thread and handing
/// it the lines cost.
const PIPELINE_FROM: usize = 1024;

/// The header's message ids, in the columns' order.
const HEADER: [&str; 9] = [
    "col-ticket",
    "cli-col-customer",
    "cli-col-tier",
    "col-kind",
    "cli-col-status",
    "cli-col-sla",
    "cli-col-left",
    "col-deadline",
    "cli-col-title",
];

/// The words a row shows for its values, each formatted, cleaned and measured once, and what the
/// rows' SLA is worked out with (on the thread that reads the lines).
struct Words<'c> {
    settings: &'c Settings,
    now: SlaNow,
    kinds: MeasuredWords<TicketKind>,
    statuses: MeasuredWords<TicketStatus>,
    states: MeasuredWords<SlaState>,
    /// A breach already answered (late) reads `late answer`, apart from one still waiting (bb8 #2;
    /// the TUI's queue says the same): nothing more can be done about its first response.
    late: MeasuredWords<bool>,
    tiers: MeasuredWords<Tier>,
}

impl<'c> Words<'c> {
    fn new(settings: &'c Settings, now: chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            settings,
            now: SlaNow::new(&settings.calendar, now),
            kinds: MeasuredWords::of(TicketKind::ALL, words::kind),
            statuses: MeasuredWords::of(TicketStatus::ALL, words::status),
            states: MeasuredWords::of(
                [
                    SlaState::Breached,
                    SlaState::AtRisk,
                    SlaState::Running,
                    SlaState::Paused,
                    SlaState::Met,
                    SlaState::NoSla,
                ],
                words::sla_state,
            ),
            late: MeasuredWords::of([true], |_| words::sla_word(SlaState::Breached, true)),
            tiers: MeasuredWords::of(Tier::ALL, |tier| words::tier(&settings.tariffs, tier).to_string()),
        }
    }
}

/// The rows of a run of lines (a list, or one half of it).
struct Rows<'w, 'c> {
    words: &'w Words<'c>,
    table: Table<'static>,
    /// The row's deadline, written into one buffer for every row.
    due: String,
    /// Each customer's name checked and measured once (a list shows a customer on many rows): its
    /// width, or `None` for a name a cell cleans; by the customer's place in this run's lines.
    names: Vec<Option<Option<usize>>>,
}

impl<'w, 'c> Rows<'w, 'c> {
    fn new(words: &'w Words<'c>, header: &[&str]) -> Self {
        Self { words, table: Table::new(header).right(&[6]), due: String::new(), names: Vec::new() }
    }

    /// The row of `line`, its SLA at the words' now.
    fn add(&mut self, line: &TicketLine<'_>) {
        let worked = Worked::of(self.words, line);
        self.add_worked(Shown::of(line), &worked);
    }

    /// The row of a ticket whose SLA is worked out.
    fn add_worked(&mut self, f: Shown<'_>, sla: &Worked) {
        let w = self.words;
        let s = &sla.status;
        let left = s.deadline.map(|_| words::left_short(s.left));
        self.due.clear();
        match sla.placed {
            Some(d) => crate::domain::calendar::push_wall_minute(&mut self.due, d.local),
            None => self.due.push('-'),
        }
        if self.names.len() <= f.customer_index {
            self.names.resize(f.customer_index + 1, None);
        }
        let name = f.customer_name;
        let measured = self.names.get_mut(f.customer_index).map(|m| {
            *m.get_or_insert_with(|| crate::domain::text::is_clean(name, false).then(|| super::table::width(name)))
        });
        self.table.row_cells([
            Cell::Text(f.number),
            measured.flatten().map_or(Cell::Text(name), |width| Cell::Measured(name, width)),
            w.tiers.cell(sla.tier),
            w.kinds.cell(f.kind),
            w.statuses.cell(f.status),
            match s.state == SlaState::Breached && f.answered {
                true => w.late.cell(true),
                false => w.states.cell(s.state),
            },
            left.as_deref().map_or(Cell::Measured("-", 1), Cell::Text),
            // Digits and separators (see `push_wall_minute`), or `-`: clean, one column a byte.
            Cell::Measured(&self.due, self.due.len()),
            Cell::Text(f.title),
        ]);
    }
}

/// A ticket's SLA as its row shows it: the tier in force when it was received, its status, its
/// deadline placed (`None`: no SLA).
struct Worked {
    tier: Tier,
    status: SlaStatus,
    placed: Option<Placed>,
}

impl Worked {
    fn of(words: &Words<'_>, line: &TicketLine<'_>) -> Self {
        let (tier, status, placed) = ticket_sla::of_line(words.settings, line, &words.now);
        Self { tier, status, placed }
    }
}

/// What a row shows of a ticket besides its SLA, borrowed from a line being read or from a [`Batch`].
#[derive(Clone, Copy)]
struct Shown<'a> {
    number: &'a str,
    customer_name: &'a str,
    /// The customer's place among those the list met (see [`TicketLine::customer_index`]).
    customer_index: usize,
    kind: TicketKind,
    status: TicketStatus,
    /// It has a first response.
    answered: bool,
    title: &'a str,
}

impl<'a> Shown<'a> {
    fn of(line: &TicketLine<'a>) -> Self {
        Self {
            number: line.number,
            customer_name: line.customer_name,
            customer_index: line.customer_index,
            kind: line.kind,
            status: line.status,
            answered: line.first_response_at.is_some(),
            title: line.title,
        }
    }
}

/// Lines read (and their SLA worked out) on the main thread, on their way to the thread that makes
/// their rows: a few hundred at a time (a wake-up a batch, not a line), their text back to back, the
/// names of the customers first met among them. Spent batches come back to be filled again.
#[derive(Default)]
struct Batch {
    /// Each line's number, then its title.
    text: String,
    lines: Vec<Sent>,
    /// The customers first met in this batch: place and name.
    customers: Vec<(usize, String)>,
}

/// A line of a [`Batch`]: where its number and title end in the batch's text, and the rest.
struct Sent {
    number_end: usize,
    title_end: usize,
    customer_index: usize,
    kind: TicketKind,
    status: TicketStatus,
    answered: bool,
    sla: Worked,
}

impl Batch {
    /// Lines in a batch.
    const LINES: usize = 256;

    fn push(&mut self, line: &TicketLine<'_>, sla: Worked) {
        self.text.push_str(line.number);
        let number_end = self.text.len();
        self.text.push_str(line.title);
        self.lines.push(Sent {
            number_end,
            title_end: self.text.len(),
            customer_index: line.customer_index,
            kind: line.kind,
            status: line.status,
            answered: line.first_response_at.is_some(),
            sla,
        });
    }

    fn clear(&mut self) {
        self.text.clear();
        self.lines.clear();
        self.customers.clear();
    }

    /// Every line's row onto `rows`; `names`: every customer met so far by place, this batch's
    /// first-met ones added.
    fn add_to(&mut self, rows: &mut Rows<'_, '_>, names: &mut Vec<String>) {
        for (index, name) in self.customers.drain(..) {
            if names.len() <= index {
                names.resize_with(index + 1, String::new);
            }
            names[index] = name;
        }
        let mut start = 0;
        for sent in &self.lines {
            let shown = Shown {
                number: self.text.get(start..sent.number_end).unwrap_or_default(),
                customer_name: names.get(sent.customer_index).map_or("", String::as_str),
                customer_index: sent.customer_index,
                kind: sent.kind,
                status: sent.status,
                answered: sent.answered,
                title: self.text.get(sent.number_end..sent.title_end).unwrap_or_default(),
            };
            rows.add_worked(shown, &sent.sla);
            start = sent.title_end;
        }
    }
}

/// Prints the table of every ticket the filter selects (`no tickets` for none); nothing before the
/// whole table is made.
///
/// Errors: the store's.
pub(super) fn print(store: &Store, ctx: &Context, filter: &TicketFilter) -> CliResult {
    let header = HEADER.map(|id| t!(id));
    let header = header.each_ref().map(String::as_str);
    let words = Words::new(&ctx.settings, ctx.now);
    let table = store.snapshot(|| {
        if crate::environment::two_threads() && store.count_ticket_lines(filter)? >= PIPELINE_FROM {
            // A second thread the system does not start: the list is made on this one (nothing was
            // read yet).
            if let Some(table) = in_pipeline(store, filter, &words, &header)? {
                return Ok(table);
            }
        }
        let mut rows = Rows::new(&words, &header);
        store.each_ticket_line_of(filter, LineColumns::Table, |line| {
            rows.add(line);
            Ok(())
        })?;
        Ok(rows.table)
    })?;
    if table.is_empty() {
        outln!("{}", t!("no-tickets"));
        return Ok(());
    }
    table.emit();
    Ok(())
}

/// The table of a list whose lines this thread reads while a second thread makes their rows (see the
/// module); `None` when the system starts no second thread (then nothing was read).
fn in_pipeline(
    store: &Store,
    filter: &TicketFilter,
    words: &Words<'_>,
    header: &[&str],
) -> crate::store::Result<Option<Table<'static>>> {
    // At most this many batches wait for the second thread: a list is not held twice, whatever its
    // length.
    let (to_rows, batches) = std::sync::mpsc::sync_channel::<Batch>(16);
    let (back, spent) = std::sync::mpsc::channel::<Batch>();
    let make_rows = move || {
        tracing::debug!("making a list's rows on a second thread");
        let mut rows = Rows::new(words, header);
        let mut names = Vec::new();
        for mut batch in batches {
            batch.add_to(&mut rows, &mut names);
            batch.clear();
            // This side gone: nothing more will come.
            let _ = back.send(batch);
        }
        rows.table
    };
    let read = move || {
        let mut batch = Batch::default();
        // Customers met so far (they are met in order: 0, 1, …).
        let mut met = 0;
        store.each_ticket_line_of(filter, LineColumns::Table, |line| {
            debug_assert!(line.customer_index <= met, "customers are met in order");
            if line.customer_index >= met {
                batch.customers.push((line.customer_index, line.customer_name.into()));
                met = line.customer_index + 1;
            }
            batch.push(line, Worked::of(words, line));
            if batch.lines.len() == Batch::LINES {
                let next = spent.try_recv().unwrap_or_default();
                if to_rows.send(std::mem::replace(&mut batch, next)).is_err() {
                    // The other side is gone: it panicked, which `run_beside` resumes here once this
                    // side stops (this error is never shown).
                    return Err(crate::store::StoreError::External(t!("rows-thread-stopped")));
                }
            }
            Ok(())
        })?;
        if !batch.lines.is_empty() {
            let _ = to_rows.send(batch);
        }
        Ok(())
    };
    match crate::beside::run_beside("ticket-rows", make_rows, read) {
        Ok((read, table)) => read.map(|()| Some(table)),
        Err(e) => {
            tracing::warn!(error = %e, "no second thread for a list's rows: made on one");
            Ok(None)
        }
    }
}
