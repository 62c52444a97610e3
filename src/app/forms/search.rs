//! `/` — full-text search: a filter of the queue's open tickets, or a list of every ticket.

use super::{Outcome, Submitted, fail};
use crate::app::App;
use crate::app::form::{Field, FieldId as F, Form, FormKind};
use crate::app::queue::{self, ListSource, Search};
use crate::store::Store;
use crate::t;

/// Where a search looks: the queue's open tickets (a filter), or every ticket (a list of its own).
/// These are the choice's values; what a person reads is `scope-open` / `scope-all`.
const SCOPE_OPEN: &str = "open";
const SCOPE_ALL: &str = "all";

/// At most this many search hits are shown (best first is the store's order).
const SEARCH_LIMIT: usize = 500;

pub(super) fn build(app: &App) -> Form {
    let q = app.queue.search.as_ref().map_or("", |s| s.query.as_str());
    Form::new(
        FormKind::Search,
        t!("form-search-title"),
        None,
        vec![
            Field::text(F::Search, q, t!("hint-search")),
            Field::choice(F::Scope, &[(SCOPE_OPEN, t!("scope-open")), (SCOPE_ALL, t!("scope-all"))], SCOPE_OPEN),
        ],
    )
}

pub(super) fn submit(form: &mut Form, store: &Store) -> Submitted {
    if form.value(F::Scope) == SCOPE_ALL { search_all(form, store) } else { search_open(form, store) }
}

/// Every ticket matching the query, as a list of its own in the queue view.
fn search_all(form: &mut Form, store: &Store) -> Submitted {
    let q = form.value(F::Search).trim().to_string();
    if crate::store::match_expression(&q).is_none() {
        form.set_error(F::Search, t!("form-search-needs-word"));
        return Err(());
    }
    let source = ListSource::Search(q.clone());
    match queue::list_tickets(store, &source) {
        Ok(tickets) => {
            let n = tickets.len();
            let shown = if n >= queue::ALL_SEARCH_LIMIT {
                t!("search-all-newest", count = n, query = q.as_str())
            } else {
                t!("search-all-found", count = n, query = q.as_str())
            };
            Ok(Outcome::Listed { source, tickets, said: t!("search-all-shown", found = shown) })
        }
        Err(e) => fail(form, e.to_string()),
    }
}

/// The queue's open tickets filtered to those matching the query (empty: the filter cleared).
fn search_open(form: &mut Form, store: &Store) -> Submitted {
    let q = form.value(F::Search).trim().to_string();
    if q.is_empty() {
        return Ok(Outcome::SearchCleared);
    }
    match store.search_ticket_ids(&q, true, SEARCH_LIMIT) {
        Ok(ids) => {
            let n = ids.len();
            let found = if n >= SEARCH_LIMIT {
                t!("search-open-newest", count = n, query = q.as_str())
            } else {
                t!("search-open-found", count = n, query = q.as_str())
            };
            let search = Search { query: q, ids: ids.into_iter().collect() };
            Ok(Outcome::Searched { search, said: t!("search-open-shown", found = found) })
        }
        Err(e) => fail(form, e.to_string()),
    }
}
