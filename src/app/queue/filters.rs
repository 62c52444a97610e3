//! How the queue is sorted and filtered: the sort orders, the filters and the set of those on.

use super::Item;
use crate::domain::sla::SlaState;

/// The column the open queue is ordered by (`o` cycles them); ties keep the urgency order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most urgent first (state, then the instant that matters for it).
    #[default]
    Urgency,
    Number,
    Customer,
    Assignee,
    Title,
}

impl Sort {
    pub const ALL: [Sort; 5] = [Sort::Urgency, Sort::Number, Sort::Customer, Sort::Assignee, Sort::Title];

    pub fn next(self) -> Sort {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The column's name as the queue's title says it, in the reader's language.
    pub fn label(self) -> String {
        crate::i18n::text(match self {
            Sort::Urgency => "sort-urgency",
            Sort::Number => "sort-number",
            Sort::Customer => "sort-customer",
            Sort::Assignee => "sort-assignee",
            Sort::Title => "sort-title",
        })
    }

    /// The primary key of `item` for this order (empty for urgency: the urgency key follows anyway).
    /// Names and titles sort in the reader's order (`i18n::name_order`: Czech collation in Czech, the
    /// folded text in English).
    pub(super) fn key(self, item: &Item) -> Vec<u8> {
        let t = &item.ticket;
        let order = crate::i18n::name_order();
        match self {
            Sort::Urgency => Vec::new(),
            // Plain numbers in numeric order (shorter first), a copy's tagged ones after.
            Sort::Number => format!("{:0>20}", t.number).into_bytes(),
            Sort::Customer => order.key(&t.customer_name),
            // Unassigned last (0xFF begins no key: not UTF-8, and Czech keys begin with 0x00).
            Sort::Assignee => t.assignee.as_deref().map_or_else(|| vec![0xFF], |a| order.key(a)),
            Sort::Title => order.key(&t.title),
        }
    }
}

/// A filter key of the queue. Filters toggle and combine: every one switched on must hold (AND), with
/// the tier, customer and search narrowing further. Two that can never hold together switch each other
/// off instead: `mine`/`unassigned` (whose), and `breached`/`at risk` (which state). `a` clears all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Filter {
    Mine,
    Unassigned,
    Breached,
    AtRisk,
    /// No first response recorded yet (with or without a deadline).
    NeedsResponse,
}

impl Filter {
    /// The filter as the queue's title names it, in the reader's language.
    pub fn label(self) -> String {
        crate::i18n::text(match self {
            Filter::Mine => "filter-mine",
            Filter::Unassigned => "filter-unassigned",
            Filter::Breached => "filter-breached",
            Filter::AtRisk => "filter-at-risk",
            Filter::NeedsResponse => "filter-needs-response",
        })
    }

    /// The filter this one cannot hold together with (switched off when this one is switched on).
    fn excludes(self) -> Option<Filter> {
        match self {
            Filter::Mine => Some(Filter::Unassigned),
            Filter::Unassigned => Some(Filter::Mine),
            Filter::Breached => Some(Filter::AtRisk),
            Filter::AtRisk => Some(Filter::Breached),
            Filter::NeedsResponse => None,
        }
    }

    pub(super) fn passes(self, item: &Item, me: &str) -> bool {
        let t = &item.ticket;
        match self {
            Filter::Mine => t.assignee.as_deref() == Some(me),
            Filter::Unassigned => t.assignee.is_none(),
            Filter::Breached => item.sla.state == SlaState::Breached,
            Filter::AtRisk => item.sla.state == SlaState::AtRisk,
            Filter::NeedsResponse => t.first_response_at.is_none(),
        }
    }
}

/// The filters switched on, in a fixed order (see [`Filter`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters(Vec<Filter>);

impl Filters {
    /// Switches `f` on (switching off the one it excludes) or, when it is on, off.
    pub fn toggle(&mut self, f: Filter) {
        if self.0.contains(&f) {
            self.0.retain(|x| *x != f);
        } else {
            self.0.retain(|x| Some(*x) != f.excludes());
            self.0.push(f);
            self.0.sort();
        }
    }

    pub fn contains(&self, f: Filter) -> bool {
        self.0.contains(&f)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn iter(&self) -> impl Iterator<Item = Filter> + '_ {
        self.0.iter().copied()
    }
}
