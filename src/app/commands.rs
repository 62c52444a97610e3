//! Commands on the selected ticket or customer that need no form: the timer (with its questions),
//! taking a ticket, archiving a customer.

use super::*;

/// A ticket an action applies to: its id, and its number as people read it (e.g. `1042`, `B-17`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TicketRef {
    pub id: crate::domain::TicketId,
    pub number: String,
}

/// A stop pressed this soon after its timer started is a held or bouncing key, not a minute's work:
/// `t` ignores it (README, "The terminal interface").
pub(crate) const REPEAT_GUARD: chrono::TimeDelta = chrono::TimeDelta::seconds(3);

impl TicketRef {
    fn of(t: &crate::store::TicketSummary) -> Self {
        TicketRef { id: t.id.clone(), number: t.number.clone() }
    }
}

impl App {
    /// The ticket an action applies to: the open detail, else the selected row.
    pub(super) fn target_ticket(&self) -> Option<TicketRef> {
        if let Some(d) = &self.detail {
            return Some(TicketRef::of(&d.ticket));
        }
        match self.view {
            View::Queue => self.queue.selected_item().map(|i| TicketRef::of(&i.ticket)),
            View::Board => self
                .board
                .urgent
                .get(self.board.selected)
                .and_then(|id| self.queue.items.iter().find(|i| &i.ticket.id == id))
                .map(|i| TicketRef::of(&i.ticket)),
            View::Customers => None,
        }
    }

    /// `t`: starts my timer on the selected ticket, or stops it there; a stop pressed within
    /// [`REPEAT_GUARD`] of the start is ignored (said on the status bar).
    pub(super) fn toggle_timer(&mut self, store: &mut Store) {
        let Some(TicketRef { id, number }) = self.target_ticket() else {
            self.error(crate::t!("timer-needs-ticket"));
            return;
        };
        let now = self.now;
        if self.ask_if_forgotten() {
            return;
        }
        let said = |s: &crate::statements::timers::Stopped| timer_stopped(&self.settings, s);
        if let Some(t) = self.my_timer.as_ref().filter(|t| t.ticket_id == id)
            && now - t.started_at < REPEAT_GUARD
            && now >= t.started_at
        {
            // A held or bouncing key toggles many times a second: each stop would book a minute of
            // work nobody did (one timer at a time keeps them all). The press is ignored, and said.
            self.info(crate::t!("timer-just-started", seconds = REPEAT_GUARD.num_seconds()));
            return;
        }
        if self.my_timer.as_ref().is_some_and(|t| t.ticket_id == id) {
            match timers::stop(store, &self.settings, &self.me, timers::Booking::AsRan, now) {
                Ok(Some(s)) => {
                    self.info(said(&s));
                    self.select_entry(&s.stopped.entry.entry);
                }
                Ok(None) => self.info(crate::t!("timer-none-running")),
                Err(e) => self.store_error(e),
            }
        } else {
            if self.timer_to_confirm.take().as_deref() != Some(id.as_str())
                && let Some(question) = self.timer_question(store, &id, &number)
            {
                self.timer_to_confirm = Some(id);
                self.error(question);
                return;
            }
            self.message = None;
            let cut = timers::cut_by_start(store, &self.me, now).ok().flatten();
            match timers::start(store, &self.settings, &id, &self.me, self.role, now) {
                Ok(Some(s)) => {
                    self.info(crate::t!("timer-started-after", number = number.as_str(), stopped = said(&s)));
                    self.select_entry(&s.stopped.entry.entry);
                }
                Ok(None) => match cut {
                    Some(cut) => self.info(format!("{} · {cut}", crate::t!("timer-started", number = number.as_str()))),
                    None => self.info(crate::t!("timer-started", number = number.as_str())),
                },
                Err(e) => self.store_error(e),
            }
        }
        self.reload(store);
    }

    /// After the next reload the open ticket's time entries select entry `id` (when it is one of them).
    pub(crate) fn select_entry(&mut self, id: &str) {
        if let Some(d) = &mut self.detail {
            d.select_next = Some(id.to_string());
        }
    }

    /// The question to ask before a timer starts on a closed (or resolved) ticket or on someone else's;
    /// `None`: start at once.
    pub(super) fn timer_question(&self, store: &Store, id: &crate::domain::TicketId, number: &str) -> Option<String> {
        let t = match store.ticket(id) {
            Ok(Some(t)) => t,
            _ => return None,
        };
        let key = crate::t!("timer-confirm-again", key = self.timer_key.as_str());
        if matches!(t.status, crate::domain::TicketStatus::Closed | crate::domain::TicketStatus::Resolved) {
            let status = crate::i18n::words::status(t.status);
            return Some(crate::t!("timer-confirm-closed", number = number, status = status, again = key));
        }
        match t.assignee.as_deref() {
            Some(who) if who != self.me => {
                Some(crate::t!("timer-confirm-theirs", number = number, name = who, again = key))
            }
            _ => None,
        }
    }

    /// `D` in the customers view: asks first, then archives the selected customer when it has tickets
    /// or a contract in some month (they, its fees and its statements stay) or removes it when it has
    /// neither (created by mistake); an archived
    /// customer (listed while archived ones are shown) is unarchived instead, asked first too.
    pub(super) fn archive_customer(&mut self, store: &mut Store) {
        let Some(c) = self.customers.selected_line().map(|l| l.customer.clone()) else {
            self.error(crate::t!("no-customer-selected"));
            return;
        };
        if c.archived {
            if self.customer_to_confirm.take().as_deref() != Some(c.id.as_str()) {
                self.customer_to_confirm = Some(c.id.clone());
                let key = self.archive_key.as_str();
                self.error(crate::t!("customer-unarchive-confirm", name = c.name.as_str(), key = key));
                return;
            }
            self.message = None;
            match store.unarchive_customer(&c.id, self.now) {
                Ok(()) => self.info(crate::t!("customer-unarchived", name = c.name.as_str())),
                Err(e) => self.store_error(e),
            }
            self.reload(store);
            return;
        }
        let tickets = match store.customer_ticket_count(&c.id) {
            Ok(n) => n,
            Err(e) => return self.store_error(e),
        };
        // A customer with tickets, or with a contract in some month (its fees billed), is archived, not
        // removed; one with a contract in force cannot be archived: say so at once, not after asking.
        let contract = if tickets > 0 {
            None
        } else {
            match store.remove_refusal(&c.id) {
                Ok(why) => why,
                Err(e) => return self.store_error(e),
            }
        };
        let keep = tickets > 0 || contract.is_some();
        if keep {
            let month = self.settings.calendar.month_of(self.now);
            match store.archive_refusal(&c.id, month) {
                Ok(None) => {}
                Ok(Some(why)) => {
                    self.customer_to_confirm = None;
                    return self.error(why);
                }
                Err(e) => return self.store_error(e),
            }
        }
        if self.customer_to_confirm.take().as_deref() != Some(c.id.as_str()) {
            self.customer_to_confirm = Some(c.id.clone());
            let key = self.archive_key.as_str();
            let name = c.name.as_str();
            self.error(if keep {
                crate::t!("customer-archive-confirm", name = name, count = tickets, key = key)
            } else {
                crate::t!("customer-remove-confirm", name = name, key = key)
            });
            return;
        }
        self.message = None;
        let month = self.settings.calendar.month_of(self.now);
        let done = if keep {
            store
                .archive_customer(&c.id, month, self.now)
                .map(|()| crate::t!("customer-archived", name = c.name.as_str()))
        } else {
            store.remove_customer(&c.id, self.now).map(|()| crate::t!("customer-removed", name = c.name.as_str()))
        };
        match done {
            Ok(said) => self.info(said),
            Err(e) => self.store_error(e),
        }
        self.reload(store);
    }

    pub(super) fn take(&mut self, store: &mut Store) {
        let Some(TicketRef { id, number }) = self.target_ticket() else {
            self.error(crate::t!("take-needs-ticket"));
            return;
        };
        let me = self.me.clone();
        match store.update_ticket(&id, vec![crate::store::TicketChange::Assignee(Some(me.clone()))], self.now) {
            Ok(()) => self.info(crate::t!("ticket-taken", number = number.as_str(), name = me.as_str())),
            Err(e) => self.store_error(e),
        }
        self.reload(store);
    }
}

/// What the status bar says when a timer stopped: what it logged, and where a closed month billed it
/// as a correction (the whole of it, or what `--worked` said beyond the run that started in one).
pub(super) fn timer_stopped(settings: &crate::config::Settings, s: &crate::statements::timers::Stopped) -> String {
    let earlier = s.stopped.earlier.as_ref();
    let logged = s.stopped.entry.minutes + earlier.map_or(0, |e| e.minutes);
    let mut line = crate::t!(
        "timer-stopped-logged",
        number = s.stopped.timer.ticket_number.as_str(),
        duration = crate::i18n::words::minutes(i64::from(logged))
    );
    if let Some(e) = earlier {
        let (minutes, month) =
            (crate::i18n::words::minutes(i64::from(e.minutes)), settings.calendar.month_of(e.started_at).to_string());
        line.push(' ');
        line.push_str(&match s.correction {
            Some(amount) => crate::t!(
                "timer-earlier-closed-correction",
                earlier = minutes,
                month = month,
                amount = crate::domain::money::human(amount, &settings.tariffs.currency)
            ),
            None if s.by_desk => crate::t!("timer-earlier-closed-desk", earlier = minutes, month = month),
            None => crate::t!("timer-earlier-closed-team", earlier = minutes, month = month),
        });
        return line;
    }
    match s.correction {
        Some(amount) => {
            let amount = crate::domain::money::human(amount, &settings.tariffs.currency);
            line.push(' ');
            line.push_str(&crate::t!("timer-month-closed-correction", amount = amount));
        }
        None if s.closed_month => {
            line.push(' ');
            line.push_str(&crate::t!(if s.by_desk { "timer-month-closed-desk" } else { "timer-month-closed-team" }));
        }
        None => {}
    }
    line
}
