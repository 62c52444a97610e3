//! One customer's month statement, opened from the customers view: the document `statements` gives
//! (frozen for a closed month, live otherwise), the month shown, and how far its lines are scrolled.
//! `[` / `]` step to the month before / after; the document is loaded here, never by the view, with
//! the prepaid minutes of the twelve months up to the one shown (its chart).

use crate::config::Settings;
use crate::domain::YearMonth;
use crate::statements::{PrepaidMonth, StatementDoc, prepaid_history, statement_doc};
use crate::store::{Customer, Result, Store};

#[derive(Debug, Clone)]
pub struct StatementState {
    pub customer: Customer,
    pub month: YearMonth,
    /// `None`: nothing to bill and nothing frozen for that month.
    pub doc: Option<StatementDoc>,
    /// Billing lines scrolled off the top.
    pub scroll: usize,
    /// Prepaid minutes used in the twelve months ending with `month` (the chart), oldest first.
    pub prepaid: Vec<PrepaidMonth>,
}

impl StatementState {
    pub fn load(store: &Store, settings: &Settings, customer: Customer, month: YearMonth) -> Result<Self> {
        let doc = statement_doc(store, settings, &customer, month)?;
        let prepaid = prepaid_history(store, settings, &customer, month, 12)?;
        Ok(Self { customer, month, doc, scroll: 0, prepaid })
    }

    /// The same customer and month reloaded (after a commit), keeping the scroll.
    pub fn reload(&self, store: &Store, settings: &Settings) -> Result<Self> {
        let mut s = Self::load(store, settings, self.customer.clone(), self.month)?;
        s.scroll = self.scroll.min(s.lines().saturating_sub(1));
        Ok(s)
    }

    /// The customer's statement `months` months after (negative: before) the one shown.
    pub fn step(&self, store: &Store, settings: &Settings, months: i32) -> Result<Self> {
        let mut month = self.month;
        for _ in 0..months.unsigned_abs() {
            month = if months < 0 { month.prev() } else { month.next() };
        }
        Self::load(store, settings, self.customer.clone(), month)
    }

    fn lines(&self) -> usize {
        self.doc.as_ref().map_or(0, |d| d.lines.len())
    }

    pub fn scroll_by(&mut self, delta: isize) {
        let last = self.lines().saturating_sub(1) as isize;
        self.scroll = (self.scroll as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
    }
}
