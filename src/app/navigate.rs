//! Moving around: back out of forms, overlays and views, move the selection, open what is selected
//! (a ticket, its history, a customer's statement) and step the statement's month.

use super::*;

impl App {
    pub(super) fn back(&mut self) {
        if self.form.is_some() {
            self.cancel_form();
        } else if self.help {
            self.help = false;
        } else if let Some(d) = &mut self.detail {
            if d.show_explain {
                d.show_explain = false;
            } else {
                self.detail = None;
            }
        } else if self.triage.is_some() {
            self.triage = None;
        } else if self.statement.is_some() {
            self.statement = None;
        } else if self.view != View::Queue {
            self.view = View::Queue;
        } else if self.queue.history.is_some() {
            self.queue.history = None;
            self.info(crate::t!("queue-open-again"));
        } else if self.queue.is_filtered() {
            self.update_filters_cleared();
        }
    }

    pub(super) fn update_filters_cleared(&mut self) {
        self.queue.filters.clear();
        self.queue.tier = None;
        self.queue.customer = None;
        self.queue.search = None;
        self.queue.refilter_with(&self.me.clone());
        self.queue.scroll_into_view(self.list_rows);
        self.info(crate::t!("queue-filters-cleared"));
    }

    pub(super) fn show(&mut self, view: View, store: &mut Store) {
        self.detail = None;
        self.statement = None;
        self.triage = None;
        self.view = view;
        self.refresh_view(store, true);
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let rows = self.list_rows;
        if self.help {
            // The view clamps it to what there is to scroll.
            self.help_scroll = (self.help_scroll as isize).saturating_add(delta.clamp(-200, 200)).max(0) as usize;
            return;
        }
        if let Some(d) = &mut self.detail {
            if d.description_open {
                // The open description scrolls by ↑/↓ and by half a page; the view clamps it.
                let step =
                    if delta.abs() >= rows as isize { delta.signum() * (rows as isize / 2).max(1) } else { delta };
                d.description_scroll = (d.description_scroll as isize).saturating_add(step).clamp(0, 100_000) as usize;
                return;
            }
            if !d.entries.is_empty() {
                let last = d.entries.len() as isize - 1;
                d.entry_selected = (d.entry_selected as isize).saturating_add(delta).clamp(0, last) as usize;
            }
            if delta.abs() >= rows as isize {
                // History scrolls back from the newest entry: PgUp (negative) goes further back.
                d.scroll =
                    (d.scroll as isize).saturating_sub(delta.signum() * (rows as isize / 2).max(1)).max(0) as usize;
                d.scroll = d.scroll.min(d.history.len().saturating_sub(1));
            }
            return;
        }
        if let Some(t) = &mut self.triage {
            t.move_by(delta, rows);
            return;
        }
        if let Some(st) = &mut self.statement {
            st.scroll_by(delta);
            return;
        }
        match self.view {
            View::Queue => self.queue.move_by(delta, rows),
            View::Customers => self.customers.move_by(delta, rows),
            View::Board => {
                let lens = board::PanelLens::of(self);
                self.board.move_by(delta, rows, &lens);
            }
        }
    }

    pub(super) fn click_row(&mut self, index: usize, store: &mut Store) {
        if self.detail.is_some()
            || self.statement.is_some()
            || self.triage.is_some()
            || self.form.is_some()
            || self.help
        {
            return;
        }
        let selected = match self.view {
            View::Queue => self.queue.selected_index(),
            View::Customers => self.customers.selected,
            View::Board => self.board.selected,
        };
        if index == selected {
            self.open(store);
        } else {
            self.move_by(index as isize - selected as isize);
        }
    }

    pub(super) fn open(&mut self, store: &mut Store) {
        if self.detail.is_some() || self.statement.is_some() || self.triage.is_some() {
            return;
        }
        match self.view {
            View::Queue => {
                if let Some(id) = self.queue.selected_id().cloned() {
                    self.open_ticket(&id, store);
                } else {
                    self.info(crate::t!("no-ticket-selected"));
                }
            }
            View::Board => {
                if let Some(id) = self.board.urgent.get(self.board.selected).cloned() {
                    self.open_ticket(&id, store);
                }
            }
            View::Customers => {
                if let Some(line) = self.customers.selected_line() {
                    self.queue.customer = Some(queue::CustomerRef::of(&line.customer));
                    self.queue.refilter_with(&self.me.clone());
                    self.queue.selected = 0;
                    self.queue.offset = 0;
                    self.view = View::Queue;
                }
            }
        }
    }

    /// Shows every ticket (closed ones too) of the selected customer — in the customers view the
    /// selected one, in the queue the filtered or the selected ticket's — or leaves that list.
    pub(super) fn toggle_history(&mut self, store: &mut Store) {
        if self.detail.is_some() || self.statement.is_some() {
            return;
        }
        if self.view == View::Queue && self.queue.history.is_some() {
            self.queue.history = None;
            return;
        }
        let customer = match self.view {
            View::Customers => self.customers.selected_line().map(|l| queue::CustomerRef::of(&l.customer)),
            View::Queue => self.queue.customer.clone().or_else(|| {
                self.queue.selected_item().map(|i| queue::CustomerRef {
                    id: i.ticket.customer_id.clone(),
                    name: i.ticket.customer_name.clone(),
                })
            }),
            View::Board => None,
        };
        let Some(customer) = customer else {
            self.info(crate::t!("select-customer-first"));
            return;
        };
        match store.customer_tickets(&customer.id) {
            Ok(tickets) => {
                let source = queue::ListSource::Customer(customer);
                self.queue.show_history(source, tickets, &self.tiers, &self.settings, self.now);
                self.view = View::Queue;
                self.queue.scroll_into_view(self.list_rows);
            }
            Err(e) => self.store_error(e),
        }
    }

    pub fn open_ticket(&mut self, id: &crate::domain::TicketId, store: &mut Store) {
        match DetailState::load(store, &self.settings, &self.tiers, id, self.now) {
            Ok(d) => self.detail = Some(d),
            Err(e) => self.store_error(e),
        }
    }

    /// Opens the selected customer's statement for the current month (in the provider's zone).
    pub(super) fn open_statement(&mut self, store: &mut Store) {
        if self.view != View::Customers || self.detail.is_some() {
            return;
        }
        let Some(customer) = self.customers.selected_line().map(|l| l.customer.clone()) else {
            self.info(crate::t!("no-customer-selected"));
            return;
        };
        let month = self.settings.calendar.month_of(self.now);
        match StatementState::load(store, &self.settings, customer, month) {
            Ok(s) => self.statement = Some(s),
            Err(e) => self.store_error(e),
        }
    }

    pub(super) fn step_statement(&mut self, months: i32, store: &mut Store) {
        let Some(st) = &self.statement else { return };
        match st.step(store, &self.settings, months) {
            Ok(s) => self.statement = Some(s),
            Err(e) => self.store_error(e),
        }
    }
}
