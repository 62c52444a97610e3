//! Keeping the screen current: the tick (countdowns, `PRAGMA data_version`), reloads after our own
//! commits and other processes', and the customer summaries.
//!
//! Decision (black-box findings #1, #2): the customer summaries (the Customers view and the board's
//! "Near or over prepaid" panel) follow the data version like every other panel — there is no time
//! throttle. They are computed in background steps between keys (each within
//! [`App::summary_budget`], so a keypress never waits for more than one step); on a small file the
//! first step finishes the job on the same tick. A change that comes while a recomputation is running
//! does not restart it (a file that keeps changing would otherwise never finish one): the running one
//! completes and is swapped in, and the next tick starts another for the newer data. While one is
//! running the view's title says `summarising N of M…`, so a figure being brought up to date is never
//! shown as current without a mark. Our own commits restart it at once.
//!
//! The month changing counts as a change (bb8 #14): summaries and the board computed for another
//! month than the one `now` is in (the provider's zone) are recomputed on the first tick of the new
//! month, even with nothing written to the file, so a wallboard left open overnight shows the new
//! month's prepaid minutes on the 1st (a recomputation of the old month still running is restarted).

use super::{App, View, detail::DetailState, queue};
use crate::store::Store;

impl App {
    pub(super) fn tick(&mut self, store: &mut Store) {
        match store.data_version() {
            Ok(v) if v != self.data_version => {
                if let Err(e) = self.try_reload(store, false) {
                    self.store_error(e);
                }
            }
            Ok(_) => {
                self.queue.tick(&self.settings, self.now);
                if let Some(d) = &mut self.detail {
                    d.tick(&self.settings, self.now);
                }
                self.board.tick(&self.settings, &self.queue, self.now);
                self.refresh_view(store, false);
            }
            Err(e) => self.store_error(e),
        }
    }

    /// Reloads everything the current screen shows, at once (after our own commit). First, on the
    /// copy that prices closed months, a change that alters what they cost is priced (see the CLI's
    /// `settle_after`), and the status bar says what was booked after what the change said.
    pub fn reload(&mut self, store: &mut Store) {
        match crate::sync::settle_arrivals(store, &self.settings, self.now) {
            Ok(booked) if !booked.is_zero() => {
                let month = self.settings.calendar.month_of(self.now).to_string();
                let amount = crate::domain::money::human(booked, &self.settings.tariffs.currency);
                let note = crate::t!("closed-repriced", month = month, amount = amount);
                match self.message.take() {
                    Some(said) => {
                        self.message = Some(super::Message { text: format!("{} · {note}", said.text), ..said })
                    }
                    None => self.info(note),
                }
            }
            Ok(_) => {}
            Err(e) => self.store_error(e),
        }
        if let Err(e) = self.try_reload(store, true) {
            self.store_error(e);
        }
    }

    /// `own`: we committed (our own commits do not move `data_version`, and the user expects to see
    /// the result at once); otherwise another process did, and the costly summaries may wait.
    pub(super) fn try_reload(&mut self, store: &mut Store, own: bool) -> crate::store::Result<()> {
        self.data_version = store.data_version()?;
        self.tiers = store.tier_book()?;
        self.queue.load(store.open_tickets()?, &self.tiers, &self.settings, self.now);
        if let Some(source) = self.queue.history.as_ref().map(|h| h.source.clone()) {
            let tickets = super::queue::list_tickets(store, &source)?;
            self.queue.show_history(source, tickets, &self.tiers, &self.settings, self.now);
        }
        self.queue.scroll_into_view(self.list_rows);
        self.open_by_customer.clear();
        for i in &self.queue.items {
            *self.open_by_customer.entry(i.ticket.customer_id.clone()).or_default() += 1;
        }
        self.my_timer = store.running_timer(&self.me)?;
        self.copy = super::CopyInfo::load(store)?;
        self.customer_count = store.customer_count()?;
        self.archived_customers = store.archived_customer_count()?;
        if own {
            self.customers.loaded_at = None;
            self.board_loaded_at = None;
        }
        if let Some(old) = self.detail.take() {
            match DetailState::load(store, &self.settings, &self.tiers, &old.ticket.id, self.now) {
                Ok(d) => self.detail = Some(d.keep_view(&old)),
                Err(e) => {
                    self.detail = Some(old);
                    return Err(e);
                }
            }
        }
        if let Some(st) = &self.statement {
            self.statement = Some(st.reload(store, &self.settings)?);
        }
        if let Some(t) = &self.triage {
            self.triage = Some(t.reload(store)?);
        }
        self.customer_mail = None;
        self.refresh_view(store, own);
        Ok(())
    }

    /// Loads the customers / board data when that view is shown and stale. Customer summaries cost a
    /// few queries per customer: they are recomputed in steps (see the module's comment); a running
    /// recomputation is restarted only when `force`d by our own change.
    pub(super) fn refresh_view(&mut self, store: &mut Store, force: bool) {
        let v = Some(self.data_version);
        let result = match self.view {
            View::Queue => Ok(()),
            View::Customers => self.load_customers(store, force),
            View::Board => self.load_customers(store, force).and_then(|()| {
                let month = Some(self.settings.calendar.month_of(self.now));
                if self.board_loaded_at == v && self.board_loaded_month == month {
                    return Ok(());
                }
                self.board_loaded_at = v;
                self.board_loaded_month = month;
                self.board.load(store, &self.settings, &self.queue, self.now)?;
                // With a budget the facts are read between keys; without, now.
                if self.summary_budget.is_none() { self.summarise(store) } else { Ok(()) }
            }),
        };
        if let Err(e) = result {
            self.store_error(e);
        }
    }

    fn load_customers(&mut self, store: &Store, force: bool) -> crate::store::Result<()> {
        let month = self.settings.calendar.month_of(self.now);
        let other_month = self.customers.computing_month() != Some(month);
        if self.customers.loaded_at == Some(self.data_version) && !other_month {
            return Ok(());
        }
        if !force && !other_month && self.customers.building.is_some() {
            // Finishes first (stepped between keys); the next tick starts one for the newer data.
            return Ok(());
        }
        self.customers.loaded_time = Some(self.now);
        self.customers.loaded_at = Some(self.data_version);
        self.customers.start(&self.settings, self.now);
        self.summarise(store)
    }

    /// One step of the work in progress (within [`App::summary_budget`]): the board's compliance
    /// facts first (while the board is shown), then the customer summaries.
    pub(super) fn summarise(&mut self, store: &Store) -> crate::store::Result<()> {
        let budget = self.summary_budget;
        if self.board.reading() && (self.view == View::Board || self.customers.building.is_none()) {
            return self.board.compliance.step(store, &self.settings, &self.tiers, &self.queue, self.now, budget);
        }
        let c = &mut self.customers;
        c.step(store, &self.settings, &self.tiers, &self.open_by_customer, self.now, budget)?;
        c.offset = queue::scrolled(c.offset, c.selected, self.list_rows, c.lines.len());
        Ok(())
    }
}
