//! Opening forms with sensible defaults, and submitting them: parse every field, mark the ones that are
//! wrong (the form stays open with the typed text), then make one store call.

use chrono::{Duration, NaiveTime};

use super::form::{self, DATE_HINT, Field, Form, FormKind, INSTANT_HINT};
use super::queue::Search;
use super::{Action, App, View};
use crate::domain::worktime::{format_minutes, parse_minutes};
use crate::domain::{Role, TicketKind, TicketStatus, Tier};
use crate::statements::current_month;
use crate::store::{NewEntry, NewTicket, Store, TicketChange};

fn need_ticket(app: &App) -> Result<(String, String), String> {
    app.target_ticket().ok_or_else(|| "open or select a ticket first".to_string())
}

pub(super) fn build_form(app: &App, action: &Action) -> Result<Form, String> {
    let cal = &app.settings.calendar;
    Ok(match action {
        Action::Jump => Form::new(
            FormKind::Jump,
            "Go to ticket",
            None,
            vec![Field::text("Ticket", "", "its number, e.g. 1042 or B-17")],
        ),
        Action::Search => {
            let q = app.queue.search.as_ref().map_or("", |s| s.query.as_str());
            Form::new(
                FormKind::Search,
                "Search tickets",
                None,
                vec![
                    Field::text("Search", q, "words in titles, descriptions, comments"),
                    Field::choice("In", &[SCOPE_OPEN, SCOPE_ALL], SCOPE_OPEN),
                ],
            )
        }
        Action::FilterCustomer => {
            let name = app.queue.customer.as_ref().map_or("", |(_, n)| n.as_str());
            Form::new(FormKind::CustomerFilter, "Filter by customer", None, vec![Field::text("Customer", name, "name")])
        }
        Action::NewTicket => {
            let customer = match app.view {
                View::Customers => app.customers.selected_line().map(|l| l.customer.name.clone()),
                _ => app.queue.customer.as_ref().map(|(_, n)| n.clone()),
            }
            .unwrap_or_default();
            let kinds: Vec<&str> = TicketKind::ALL.iter().map(|k| k.as_str()).collect();
            Form::new(
                FormKind::NewTicket,
                "New ticket",
                None,
                vec![
                    Field::text("Customer", &customer, "the customer's name"),
                    Field::text("Title", "", "one line"),
                    Field::choice("Kind", &kinds, "request"),
                    Field::text("Assignee", &app.me, "empty: unassigned"),
                    Field::text("Description", "", "optional; pasted lines are kept").multiline(),
                    Field::text("Received", "now", INSTANT_HINT),
                ],
            )
        }
        Action::NewCustomer => {
            let tiers: Vec<&str> = Tier::ALL.iter().map(|t| t.as_str()).collect();
            Form::new(
                FormKind::NewCustomer,
                "New customer",
                None,
                vec![
                    Field::text("Name", "", "unique"),
                    Field::text("Contact", "", "optional: e-mail or phone"),
                    Field::choice("Tier", &tiers, "standard"),
                    Field::text("Since", &current_month(cal, app.now).to_string(), "month the tier starts, YYYY-MM"),
                ],
            )
        }
        Action::Comment => {
            let (id, number) = need_ticket(app)?;
            Form::new(
                FormKind::Comment,
                format!("Comment on #{number}"),
                Some(id),
                vec![Field::text("Comment", "", "pasted lines are kept").multiline()],
            )
        }
        Action::SetStatus => {
            let (id, number) = need_ticket(app)?;
            let current = current_status(app, &id).map_or("open", |s| s.as_str());
            let all: Vec<&str> = TicketStatus::ALL.iter().map(|s| s.as_str()).collect();
            Form::new(
                FormKind::Status,
                format!("Status of #{number}"),
                Some(id),
                vec![Field::choice("Status", &all, current)],
            )
        }
        Action::Assign => {
            let (id, number) = need_ticket(app)?;
            let current = current_assignee(app, &id).unwrap_or_default();
            Form::new(
                FormKind::Assignee,
                format!("Assign #{number}"),
                Some(id),
                vec![Field::text("Assignee", &current, "a name; empty: unassigned")],
            )
        }
        Action::Respond => {
            let (id, number) = need_ticket(app)?;
            if let Some(d) = app.detail.as_ref().filter(|d| d.ticket.id == id)
                && d.ticket.first_response_at.is_some()
            {
                return Err(format!("#{number} already has its first response"));
            }
            Form::new(
                FormKind::Respond,
                format!("First response on #{number}"),
                Some(id),
                vec![Field::text("Responded", "now", INSTANT_HINT), Field::text("Resolve by", "", DATE_HINT)],
            )
        }
        Action::AddTime => {
            let (id, number) = need_ticket(app)?;
            Form::new(
                FormKind::TimeEntry { replaces: None },
                format!("Log time on #{number}"),
                Some(id),
                time_fields(app, None),
            )
        }
        Action::CorrectTime => {
            let d = app.detail.as_ref().ok_or("open a ticket to correct its time entries")?;
            let e = d.selected_entry().ok_or("this ticket has no time entries to correct; press e to add one")?;
            Form::new(
                FormKind::TimeEntry { replaces: Some(e.id.clone()) },
                format!("Correct entry of {} on #{}", format_minutes(i64::from(e.minutes)), d.ticket.number),
                Some(d.ticket.id.clone()),
                time_fields(app, Some(e)),
            )
        }
        _ => return Err("nothing to fill in".into()),
    })
}

fn time_fields(app: &App, entry: Option<&crate::store::TimeEntryRow>) -> Vec<Field> {
    let cal = &app.settings.calendar;
    let (duration, started, role, note) = match entry {
        Some(e) => (
            format_minutes(i64::from(e.minutes)),
            form::format_input(cal, e.started_at),
            e.role.as_str().to_string(),
            e.note.clone(),
        ),
        None => (String::new(), String::new(), app.role.as_str().to_string(), String::new()),
    };
    vec![
        Field::text("Duration", &duration, "45, 1h30 or 1:30"),
        Field::text("Started", &started, "YYYY-MM-DD HH:MM or HH:MM; empty: it just ended"),
        Field::choice("Role", &["technician", "consultant"], &role),
        Field::text("Note", &note, "optional"),
    ]
}

fn current_status(app: &App, id: &str) -> Option<TicketStatus> {
    match &app.detail {
        Some(d) if d.ticket.id == id => Some(d.ticket.status),
        _ => app.queue.items.iter().find(|i| i.ticket.id == id).map(|i| i.ticket.status),
    }
}

fn current_assignee(app: &App, id: &str) -> Option<String> {
    match &app.detail {
        Some(d) if d.ticket.id == id => d.ticket.assignee.clone(),
        _ => app.queue.items.iter().find(|i| i.ticket.id == id).and_then(|i| i.ticket.assignee.clone()),
    }
}

/// `Ok(Some(message))`: done, reload; `Ok(None)`: done (the app already moved on);
/// `Err(())`: the form's fields or `form.error` say what is wrong.
pub(super) fn submit(app: &mut App, form: &mut Form, store: &mut Store) -> Result<Option<String>, ()> {
    let now = app.now;
    let cal = app.settings.calendar.clone();
    let ticket_id = form.ticket_id.clone().unwrap_or_default();
    let fail = |form: &mut Form, msg: String| {
        form.error = Some(msg);
        Err(())
    };
    match form.kind.clone() {
        FormKind::Jump => {
            let typed = form.value("Ticket").to_string();
            match store.require_ticket(&typed) {
                Ok(t) => {
                    app.open_ticket(&t.id, store);
                    Ok(None)
                }
                Err(e) => {
                    form.set_error("Ticket", e.to_string());
                    Err(())
                }
            }
        }
        FormKind::Search if form.value("In") == SCOPE_ALL => {
            let q = form.value("Search").trim().to_string();
            if crate::store::match_expression(&q).is_none() {
                form.set_error("Search", "type a word to look for".to_string());
                return Err(());
            }
            let source = super::queue::ListSource::Search(q.clone());
            match super::queue::list_tickets(store, &source) {
                Ok(tickets) => {
                    let n = tickets.len();
                    app.queue.show_history(source, tickets, &app.tiers, &app.settings, app.now);
                    app.queue.scroll_into_view(app.list_rows);
                    app.view = View::Queue;
                    app.detail = None;
                    let shown = if n >= super::queue::ALL_SEARCH_LIMIT {
                        format!("the newest {n} matches of \"{q}\" (add a word to narrow)")
                    } else if n == 1 {
                        format!("1 ticket, open or closed, matches \"{q}\"")
                    } else {
                        format!("{n} tickets, open or closed, match \"{q}\"")
                    };
                    app.info(format!("{shown} · Esc: open tickets"));
                    Ok(None)
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Search => {
            let q = form.value("Search").trim().to_string();
            if q.is_empty() {
                app.queue.search = None;
                app.queue.refilter_with(&app.me.clone());
                app.info("search cleared");
                return Ok(None);
            }
            match search_ids(store, &q) {
                Ok(ids) => {
                    let n = ids.len();
                    app.queue.search = Some(Search { query: q.clone(), ids: ids.into_iter().collect() });
                    app.queue.history = None;
                    app.queue.selected = 0;
                    app.queue.offset = 0;
                    app.queue.refilter_with(&app.me.clone());
                    app.view = View::Queue;
                    app.detail = None;
                    let found = if n >= SEARCH_LIMIT {
                        format!("the newest {n} open tickets matching \"{q}\" (more match: add a word)")
                    } else {
                        format!("{n} open tickets match \"{q}\"")
                    };
                    // Nothing was written: no reload (a search is a filter of what is loaded).
                    app.info(format!("{found} (Esc clears)"));
                    Ok(None)
                }
                Err(e) => fail(form, e),
            }
        }
        FormKind::CustomerFilter => {
            let name = form.value("Customer").trim().to_string();
            if name.is_empty() {
                app.queue.customer = None;
            } else {
                match find_customer(store, &name) {
                    Ok(c) => app.queue.customer = Some((c.id, c.name)),
                    Err(e) => {
                        form.set_error("Customer", e);
                        return Err(());
                    }
                }
            }
            app.queue.history = None;
            app.queue.selected = 0;
            app.queue.offset = 0;
            app.queue.refilter_with(&app.me.clone());
            app.view = View::Queue;
            Ok(None)
        }
        FormKind::NewTicket => {
            let customer = match form.value("Customer").trim() {
                "" => {
                    form.set_error("Customer", "required: which customer is asking?");
                    None
                }
                name => match find_customer(store, name) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        form.set_error("Customer", e);
                        None
                    }
                },
            };
            let title = form.value("Title").trim().to_string();
            if title.is_empty() {
                form.set_error("Title", "required: a one-line summary");
            }
            let kind: Option<TicketKind> = form.value("Kind").parse().ok();
            let received = form::parse_instant(&cal, form.value("Received"), now, NaiveTime::MIN)
                .map_err(|e| form.set_error("Received", e))
                .ok();
            if received.is_some_and(|r| r > now + Duration::minutes(5)) {
                form.set_error("Received", "cannot be in the future");
            }
            let (Some(c), Some(kind), Some(received_at), false) = (customer, kind, received, form.has_errors()) else {
                return Err(());
            };
            let assignee = Some(form.value("Assignee").trim().to_string()).filter(|a| !a.is_empty());
            let new = NewTicket {
                customer_id: c.id,
                title,
                description: form.value("Description").to_string(),
                kind,
                assignee,
                received_at,
            };
            match store.open_ticket(new, now) {
                Ok(t) => {
                    app.reload(store);
                    app.open_ticket(&t.id, store);
                    app.info(format!("opened ticket #{} for {}", t.number, t.customer_name));
                    Ok(None)
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::NewCustomer => {
            let name = form.value("Name").trim().to_string();
            if name.is_empty() {
                form.set_error("Name", "required");
            }
            let tier: Option<Tier> = form.value("Tier").parse().ok();
            let since = form.value("Since").trim().parse().map_err(|e: crate::domain::month::BadMonth| e.to_string());
            if let Err(e) = &since {
                form.set_error("Since", e.clone());
            }
            let (Some(tier), Ok(since), false) = (tier, since, form.has_errors()) else { return Err(()) };
            match store.add_customer(&name, form.value("Contact"), tier, since, now) {
                Ok(c) => Ok(Some(format!("added customer {} ({tier}); press n to open a ticket", c.name))),
                Err(e) if e.is_bad_input() => {
                    form.set_error("Name", e.to_string());
                    Err(())
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Comment => match store.add_comment(&ticket_id, form.value("Comment"), now) {
            Ok(_) => Ok(Some("comment added".into())),
            Err(e) if e.is_bad_input() => {
                form.set_error("Comment", e.to_string());
                Err(())
            }
            Err(e) => fail(form, e.to_string()),
        },
        FormKind::Status => {
            let Ok(status) = form.value("Status").parse::<TicketStatus>() else {
                form.set_error("Status", "choose a status with ←/→");
                return Err(());
            };
            match save(store, form, &ticket_id, TicketChange::Status(status), now) {
                Ok(()) => Ok(Some(format!("status set to {status}"))),
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Assignee => {
            let who = Some(form.value("Assignee").trim().to_string()).filter(|a| !a.is_empty());
            let msg = who.as_ref().map_or("unassigned".to_string(), |w| format!("assigned to {w}"));
            match save(store, form, &ticket_id, TicketChange::Assignee(who), now) {
                Ok(()) => Ok(Some(msg)),
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Respond => {
            let at = form::parse_instant(&cal, form.value("Responded"), now, NaiveTime::MIN)
                .map_err(|e| form.set_error("Responded", e))
                .ok();
            if at.is_some_and(|a| a > now + Duration::minutes(5)) {
                form.set_error("Responded", "cannot be in the future");
            }
            let by = form::parse_resolve_by(&cal, form.value("Resolve by"), now)
                .map_err(|e| form.set_error("Resolve by", e))
                .ok();
            let (Some(at), Some(by), false) = (at, by, form.has_errors()) else { return Err(()) };
            match store.record_first_response(&ticket_id, at, by, now) {
                Ok(()) => Ok(Some(format!(
                    "first response recorded; resolution promised by {}",
                    super::detail::local(&app.settings, by)
                ))),
                Err(e) if e.is_bad_input() => {
                    form.set_error(
                        if e.to_string().contains("proposed") { "Resolve by" } else { "Responded" },
                        e.to_string(),
                    );
                    Err(())
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::ForgottenTimer => {
            let Ok(minutes) = parse_minutes(form.value("Worked")).map_err(|e| form.set_error("Worked", e.to_string()))
            else {
                return Err(());
            };
            let booking = crate::statements::timers::Booking::Worked(minutes);
            match crate::statements::timers::stop(store, &app.settings, &app.me, booking, now) {
                Ok(Some(s)) => Ok(Some(format!(
                    "stopped your timer on #{} and logged {}",
                    s.stopped.timer.ticket_number,
                    format_minutes(i64::from(s.stopped.entry.minutes))
                ))),
                Ok(None) => Ok(Some("your timer was already stopped".into())),
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::TimeEntry { replaces } => {
            let minutes =
                parse_minutes(form.value("Duration")).map_err(|e| form.set_error("Duration", e.to_string())).ok();
            let started = match form.value("Started").trim() {
                "" => minutes.map(|m| form::minute(now) - Duration::minutes(i64::from(m))),
                s => form::parse_instant(&cal, s, now, NaiveTime::MIN).map_err(|e| form.set_error("Started", e)).ok(),
            };
            if started.is_some_and(|s| s > now) {
                form.set_error("Started", "cannot be in the future");
            }
            let role: Role = form.value("Role").parse().unwrap_or(Role::Technician);
            let (Some(minutes), Some(started_at), false) = (minutes, started, form.has_errors()) else {
                return Err(());
            };
            let entry = NewEntry {
                ticket_id: ticket_id.clone(),
                started_at,
                minutes,
                role,
                technician: app.me.clone(),
                note: form.value("Note").to_string(),
            };
            let result = match &replaces {
                Some(old) => store.correct_time_entry(old, entry, now),
                None => store.add_time_entry(entry, now),
            };
            match result {
                Ok(e) => Ok(Some(format!(
                    "{} {}",
                    if replaces.is_some() { "entry corrected to" } else { "logged" },
                    format_minutes(i64::from(e.minutes))
                ))),
                Err(e) => fail(form, e.to_string()),
            }
        }
    }
}

/// One field change, refused when someone else changed that field since the form opened.
fn save(
    store: &mut Store,
    form: &Form,
    ticket_id: &str,
    change: TicketChange,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::store::Result<()> {
    match &form.loaded {
        Some(loaded) if loaded.id == ticket_id => store.update_ticket_checked(loaded, vec![change], now),
        _ => store.update_ticket(ticket_id, vec![change], now),
    }
}

/// Where a search looks: the queue's open tickets (a filter), or every ticket (a list of its own).
const SCOPE_OPEN: &str = "open tickets";
const SCOPE_ALL: &str = "all tickets";

/// At most this many search hits are shown (best first is the store's order).
const SEARCH_LIMIT: usize = 500;

/// Open tickets matching a full-text query, by id.
fn search_ids(store: &Store, q: &str) -> Result<Vec<String>, String> {
    store.search_ticket_ids(q, true, SEARCH_LIMIT).map_err(|e| e.to_string())
}

/// The one customer whose name is, or starts with, what was typed.
fn find_customer(store: &Store, typed: &str) -> Result<crate::store::Customer, String> {
    let mut found = store.customers_matching(typed, 4).map_err(|e| e.to_string())?;
    match found.len() {
        0 => Err(format!("no customer named `{}`; N adds one", typed.trim())),
        1 => Ok(found.remove(0)),
        _ => {
            let names: Vec<&str> = found.iter().take(3).map(|c| c.name.as_str()).collect();
            Err(format!("`{}` matches {}…; type more of the name", typed.trim(), names.join(", ")))
        }
    }
}
