//! Opening forms with sensible defaults, and submitting them: parse every field, mark the ones that are
//! wrong (the form stays open with the typed text), then make one store call.

use chrono::{Duration, NaiveTime};

use super::form::{self, Field, FieldId as F, Form, FormKind, date_hint, instant_hint, now_word};
use super::queue::Search;
use super::{Action, App, View};
use crate::domain::worktime::parse_minutes;
use crate::domain::{Role, TicketKind, TicketStatus, Tier};
use crate::i18n::refusals::Worded;
use crate::i18n::words;
use crate::store::{NewEntry, NewTicket, Store, TicketChange};
use crate::t;

fn need_ticket(app: &App) -> Result<(String, String), String> {
    app.target_ticket().ok_or_else(|| t!("form-need-ticket"))
}

pub(super) fn build_form(app: &App, store: &Store, action: &Action) -> Result<Form, String> {
    let cal = &app.settings.calendar;
    Ok(match action {
        Action::Jump => Form::new(
            FormKind::Jump,
            t!("form-jump-title"),
            None,
            vec![Field::text(F::Ticket, "", t!("hint-ticket-number"))],
        ),
        Action::Search => {
            let q = app.queue.search.as_ref().map_or("", |s| s.query.as_str());
            Form::new(
                FormKind::Search,
                t!("form-search-title"),
                None,
                vec![
                    Field::text(F::Search, q, t!("hint-search")),
                    Field::choice(
                        F::Scope,
                        &[(SCOPE_OPEN, t!("scope-open")), (SCOPE_ALL, t!("scope-all"))],
                        SCOPE_OPEN,
                    ),
                ],
            )
        }
        Action::FilterCustomer => {
            let name = app.queue.customer.as_ref().map_or("", |(_, n)| n.as_str());
            Form::new(
                FormKind::CustomerFilter,
                t!("form-customer-filter-title"),
                None,
                vec![Field::text(F::Customer, name, t!("hint-customer-filter"))],
            )
        }
        Action::NewTicket => {
            let customer = match app.view {
                View::Customers => app.customers.selected_line().map(|l| l.customer.name.clone()),
                _ => app.queue.customer.as_ref().map(|(_, n)| n.clone()),
            }
            .unwrap_or_default();
            let kinds: Vec<(&str, String)> = TicketKind::ALL.iter().map(|&k| (k.as_str(), words::kind(k))).collect();
            Form::new(
                FormKind::NewTicket,
                t!("form-new-ticket-title"),
                None,
                vec![
                    Field::text(F::Customer, &customer, t!("hint-customer-name")),
                    Field::text(F::Title, "", t!("hint-one-line")),
                    Field::choice(F::Kind, &kinds, "request"),
                    Field::text(F::Assignee, &app.me, t!("hint-empty-unassigned")),
                    Field::text(F::Description, "", t!("hint-description")).multiline(),
                    Field::text(F::Received, &now_word(), instant_hint()),
                ],
            )
        }
        Action::NewCustomer => {
            let tiers: Vec<(&str, String)> =
                Tier::ALL.iter().map(|&t| (t.as_str(), words::tier(&app.settings.tariffs, t).to_string())).collect();
            Form::new(
                FormKind::NewCustomer,
                t!("form-new-customer-title"),
                None,
                vec![
                    Field::text(F::Name, "", t!("hint-unique")),
                    Field::text(F::Contact, "", t!("hint-contact")),
                    Field::choice(F::Tier, &tiers, "standard"),
                    Field::text(F::Since, &cal.month_of(app.now).to_string(), t!("hint-since")),
                ],
            )
        }
        Action::Comment => {
            let (id, number) = need_ticket(app)?;
            // A comment is the team's own note unless it is chosen to go to the customer.
            let mail = super::mail::mail_field(app, store, &id, false);
            Form::new(
                FormKind::Comment,
                t!("form-comment-title", number = number.as_str()),
                Some(id),
                vec![Field::text(F::Comment, "", t!("hint-lines-kept")).multiline(), mail],
            )
        }
        Action::SetStatus => {
            let (id, number) = need_ticket(app)?;
            let current = current_status(app, &id).map_or("open", |s| s.as_str());
            let all: Vec<(&str, String)> = TicketStatus::ALL.iter().map(|&s| (s.as_str(), words::status(s))).collect();
            Form::new(
                FormKind::Status,
                t!("form-status-title", number = number.as_str()),
                Some(id),
                vec![Field::choice(F::Status, &all, current)],
            )
        }
        Action::Assign => {
            let (id, number) = need_ticket(app)?;
            let current = current_assignee(app, &id).unwrap_or_default();
            Form::new(
                FormKind::Assignee,
                t!("form-assign-title", number = number.as_str()),
                Some(id),
                vec![Field::text(F::Assignee, &current, t!("hint-assignee"))],
            )
        }
        Action::Respond => {
            let (id, number) = need_ticket(app)?;
            if let Some(d) = app.detail.as_ref().filter(|d| d.ticket.id == id)
                && d.ticket.first_response_at.is_some()
            {
                return Err(t!("form-already-responded", number = number.as_str()));
            }
            // The first response is an answer to the customer: mailed to them when there is someone to mail.
            let mail = super::mail::mail_field(app, store, &id, true);
            Form::new(
                FormKind::Respond,
                t!("form-respond-title", number = number.as_str()),
                Some(id),
                vec![
                    Field::text(F::Responded, &now_word(), instant_hint()),
                    Field::text(F::ResolveBy, "", date_hint()),
                    mail,
                    Field::text(F::Message, "", t!("hint-mail-message")),
                ],
            )
        }
        Action::AddTime => {
            let (id, number) = need_ticket(app)?;
            Form::new(
                FormKind::TimeEntry { replaces: None },
                t!("form-log-time-title", number = number.as_str()),
                Some(id),
                time_fields(app, None),
            )
        }
        Action::CorrectTime => {
            let d = app.detail.as_ref().ok_or_else(|| t!("form-correct-needs-ticket"))?;
            let e = d.selected_entry().ok_or_else(|| t!("form-correct-no-entries"))?;
            Form::new(
                FormKind::TimeEntry { replaces: Some(e.id.clone()) },
                t!(
                    "form-correct-title",
                    duration = crate::i18n::words::minutes(i64::from(e.minutes)),
                    number = d.ticket.number.as_str()
                ),
                Some(d.ticket.id.clone()),
                time_fields(app, Some(e)),
            )
        }
        Action::AssignMail | Action::AddContact | Action::AddDomain | Action::RemoveMail => {
            super::mail::build_form(app, action)?
        }
        Action::EditTicket => {
            let d = app.detail.as_ref().ok_or_else(|| t!("form-edit-needs-ticket"))?;
            let t = &d.ticket;
            let kinds: Vec<(&str, String)> = TicketKind::ALL.iter().map(|&k| (k.as_str(), words::kind(k))).collect();
            let mut fields = vec![
                Field::text(F::Title, &t.title, t!("hint-one-line")),
                Field::choice(F::Kind, &kinds, t.kind.as_str()),
                Field::text(F::Customer, &t.customer_name, t!("hint-customer-move")),
            ];
            // The promised date is the first response's: it can be moved once there is one.
            if let Some(by) = t.resolve_by {
                fields.push(Field::text(F::ResolveBy, &form::format_resolve_by(cal, by), date_hint()));
            }
            fields.push(Field::text(F::Description, &t.description, t!("hint-description")).multiline());
            Form::new(
                FormKind::EditTicket,
                t!("form-edit-ticket-title", number = t.number.as_str()),
                Some(t.id.clone()),
                fields,
            )
        }
        Action::EditCustomer => {
            let line = app.customers.selected_line().ok_or_else(|| t!("no-customer-selected"))?;
            let tiers: Vec<(&str, String)> = Tier::ALL
                .iter()
                .map(|&t| (t.as_str(), crate::i18n::words::tier(&app.settings.tariffs, t).to_string()))
                .collect();
            Form::new(
                FormKind::EditCustomer { customer_id: line.customer.id.clone() },
                t!("form-edit-customer-title", name = line.customer.name.as_str()),
                None,
                vec![
                    Field::text(F::Name, &line.customer.name, t!("hint-unique")),
                    Field::choice(F::Tier, &tiers, line.tier.as_str()),
                    Field::text(F::Since, &cal.month_of(app.now).to_string(), t!("hint-tier-from")),
                ],
            )
        }
        _ => return Err(t!("form-nothing-to-fill")),
    })
}

fn time_fields(app: &App, entry: Option<&crate::store::TimeEntryRow>) -> Vec<Field> {
    let cal = &app.settings.calendar;
    let (duration, started, role, note) = match entry {
        Some(e) => (
            crate::i18n::words::minutes(i64::from(e.minutes)),
            form::format_input(cal, e.started_at),
            e.role.as_str().to_string(),
            e.note.clone(),
        ),
        None => (String::new(), String::new(), app.role.as_str().to_string(), String::new()),
    };
    vec![
        Field::text(F::Duration, &duration, t!("hint-duration")),
        Field::text(F::Started, &started, t!("hint-started")),
        Field::choice(F::Role, &[Role::Technician, Role::Consultant].map(|r| (r.as_str(), words::role(r))), &role),
        Field::text(F::Note, &note, t!("hint-optional")),
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
            let typed = form.value(F::Ticket).to_string();
            match store.require_ticket(&typed) {
                Ok(t) => {
                    app.open_ticket(&t.id, store);
                    Ok(None)
                }
                Err(e) => {
                    form.set_error(F::Ticket, e.to_string());
                    Err(())
                }
            }
        }
        FormKind::Search if form.value(F::Scope) == SCOPE_ALL => {
            let q = form.value(F::Search).trim().to_string();
            if crate::store::match_expression(&q).is_none() {
                form.set_error(F::Search, t!("form-search-needs-word"));
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
                        t!("search-all-newest", count = n, query = q.as_str())
                    } else {
                        t!("search-all-found", count = n, query = q.as_str())
                    };
                    app.info(t!("search-all-shown", found = shown));
                    Ok(None)
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Search => {
            let q = form.value(F::Search).trim().to_string();
            if q.is_empty() {
                app.queue.search = None;
                app.queue.refilter_with(&app.me.clone());
                app.info(t!("search-cleared"));
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
                        t!("search-open-newest", count = n, query = q.as_str())
                    } else {
                        t!("search-open-found", count = n, query = q.as_str())
                    };
                    // Nothing was written: no reload (a search is a filter of what is loaded).
                    app.info(t!("search-open-shown", found = found));
                    Ok(None)
                }
                Err(e) => fail(form, e),
            }
        }
        FormKind::CustomerFilter => {
            let name = form.value(F::Customer).trim().to_string();
            if name.is_empty() {
                app.queue.customer = None;
            } else {
                match find_customer(store, &name) {
                    Ok(c) => app.queue.customer = Some((c.id, c.name)),
                    Err(e) => {
                        form.set_error(F::Customer, e);
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
            let customer = match form.value(F::Customer).trim() {
                "" => {
                    form.set_error(F::Customer, t!("form-customer-required"));
                    None
                }
                name => match find_customer(store, name) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        form.set_error(F::Customer, e);
                        None
                    }
                },
            };
            let title = form.value(F::Title).trim().to_string();
            if title.is_empty() {
                form.set_error(F::Title, t!("form-title-required"));
            }
            let kind: Option<TicketKind> = form.value(F::Kind).parse().ok();
            let received = form::parse_instant(&cal, form.value(F::Received), now, NaiveTime::MIN)
                .map_err(|e| form.set_error(F::Received, e))
                .ok();
            if received.is_some_and(|r| r > now + Duration::minutes(5)) {
                form.set_error(F::Received, t!("form-not-in-future"));
            }
            let (Some(c), Some(kind), Some(received_at), false) = (customer, kind, received, form.has_errors()) else {
                return Err(());
            };
            let assignee = match pick_technician(app, store, form.value(F::Assignee)) {
                Ok(a) => a,
                Err(e) => {
                    form.set_error(F::Assignee, e);
                    return Err(());
                }
            };
            let new = NewTicket {
                customer_id: c.id,
                title,
                description: form.value(F::Description).to_string(),
                kind,
                assignee,
                received_at,
            };
            match store.open_ticket(new, now) {
                Ok(t) => {
                    app.reload(store);
                    app.open_ticket(&t.id, store);
                    app.info(t!("ticket-opened", number = t.number.as_str(), customer = t.customer_name.as_str()));
                    Ok(None)
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::NewCustomer => {
            let name = form.value(F::Name).trim().to_string();
            if name.is_empty() {
                form.set_error(F::Name, t!("form-required"));
            }
            let tier: Option<Tier> = form.value(F::Tier).parse().ok();
            let since = form
                .value(F::Since)
                .trim()
                .parse()
                .map_err(|e: crate::domain::month::BadMonth| crate::i18n::refusals::Worded::worded(&e));
            if let Err(e) = &since {
                form.set_error(F::Since, e.clone());
            }
            let (Some(tier), Ok(since), false) = (tier, since, form.has_errors()) else { return Err(()) };
            match store.add_customer(&name, form.value(F::Contact), tier, since, now) {
                Ok(c) => Ok(Some(t!(
                    "customer-added",
                    name = c.name.as_str(),
                    tier = words::tier(&app.settings.tariffs, tier)
                ))),
                Err(e) if e.is_bad_input() => {
                    form.set_error(F::Name, e.to_string());
                    Err(())
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Comment if form.value(F::Mail) == super::mail::SEND => {
            let text = form.value(F::Comment).to_string();
            if crate::domain::text::clean(&text, true).trim().is_empty() {
                form.set_error(F::Comment, t!("comment-needs-text"));
                return Err(());
            }
            match super::mail::send(app, store, &ticket_id, crate::mail::outbox::Mailing::Comment { text: &text }) {
                Ok(said) => Ok(Some(t!("comment-added-mailed", mailed = said))),
                Err(e) => fail(form, e),
            }
        }
        FormKind::Comment => match store.add_comment(&ticket_id, form.value(F::Comment), now) {
            Ok(_) => Ok(Some(t!("comment-added"))),
            Err(e) if e.is_bad_input() => {
                form.set_error(F::Comment, e.to_string());
                Err(())
            }
            Err(e) => fail(form, e.to_string()),
        },
        FormKind::Status => {
            let Ok(status) = form.value(F::Status).parse::<TicketStatus>() else {
                form.set_error(F::Status, t!("form-choose-status"));
                return Err(());
            };
            match save(store, form, &ticket_id, TicketChange::Status(status), now) {
                Ok(()) => Ok(Some(t!("status-set", status = words::status(status)))),
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Assignee => {
            let who = match pick_technician(app, store, form.value(F::Assignee)) {
                Ok(who) => who,
                Err(e) => {
                    form.set_error(F::Assignee, e);
                    return Err(());
                }
            };
            let msg =
                who.as_ref().map_or_else(|| t!("ticket-unassigned"), |w| t!("ticket-assigned", name = w.as_str()));
            match save(store, form, &ticket_id, TicketChange::Assignee(who), now) {
                Ok(()) => Ok(Some(msg)),
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Respond => {
            let at = form::parse_instant(&cal, form.value(F::Responded), now, NaiveTime::MIN)
                .map_err(|e| form.set_error(F::Responded, e))
                .ok();
            if at.is_some_and(|a| a > now + Duration::minutes(5)) {
                form.set_error(F::Responded, t!("form-not-in-future"));
            }
            let by = form::parse_resolve_by(&cal, form.value(F::ResolveBy), now)
                .map_err(|e| form.set_error(F::ResolveBy, e))
                .ok();
            let (Some(at), Some(by), false) = (at, by, form.has_errors()) else { return Err(()) };
            if form.value(F::Mail) == super::mail::SEND {
                let words = form.value(F::Message).to_string();
                let what = crate::mail::outbox::Mailing::FirstResponse { at, resolve_by: by, words: &words };
                return match super::mail::send(app, store, &ticket_id, what) {
                    Ok(said) => Ok(Some(t!(
                        "response-recorded-mailed",
                        by = super::detail::local(&app.settings, by),
                        mailed = said
                    ))),
                    Err(e) => fail(form, e),
                };
            }
            match store.record_first_response(&ticket_id, at, by, now) {
                Ok(()) => Ok(Some(t!("response-recorded", by = super::detail::local(&app.settings, by)))),
                Err(e) if e.is_bad_input() => {
                    form.set_error(
                        if e.to_string().contains("proposed") { F::ResolveBy } else { F::Responded },
                        e.to_string(),
                    );
                    Err(())
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::Technician => {
            let name = crate::domain::text::clean(form.value(F::Name), false).trim().to_string();
            if name.is_empty() {
                form.set_error(F::Name, t!("form-required"));
                return Err(());
            }
            store.set_actor(&name);
            app.me = name.clone();
            app.queue.refilter_with(&name);
            app.name_to_remember = Some(name.clone());
            Ok(Some(t!("technician-named", name = name.as_str())))
        }
        FormKind::ForgottenTimer => {
            let Ok(minutes) = parse_minutes(form.value(F::Worked)).map_err(|e| form.set_error(F::Worked, e.worded()))
            else {
                return Err(());
            };
            let booking = crate::statements::timers::Booking::Worked(minutes);
            match crate::statements::timers::stop(store, &app.settings, &app.me, booking, now) {
                Ok(Some(s)) => {
                    app.select_entry(&s.stopped.entry.entry);
                    Ok(Some(t!(
                        "timer-stopped-logged",
                        number = s.stopped.timer.ticket_number.as_str(),
                        duration = crate::i18n::words::minutes(i64::from(s.stopped.entry.minutes))
                    )))
                }
                Ok(None) => Ok(Some(t!("timer-already-stopped"))),
                Err(e) => fail(form, e.to_string()),
            }
        }
        FormKind::EditTicket => edit_ticket(app, form, store),
        FormKind::EditCustomer { customer_id } => edit_customer(form, store, &customer_id, now, &app.settings.tariffs),
        FormKind::AssignMail { .. }
        | FormKind::AddContact { .. }
        | FormKind::AddDomain { .. }
        | FormKind::RemoveMail { .. } => super::mail::submit(app, form, store),
        FormKind::TimeEntry { replaces } => {
            let minutes =
                parse_minutes(form.value(F::Duration)).map_err(|e| form.set_error(F::Duration, e.worded())).ok();
            let started = match form.value(F::Started).trim() {
                "" => minutes.map(|m| form::minute(now) - Duration::minutes(i64::from(m))),
                s => form::parse_instant(&cal, s, now, NaiveTime::MIN).map_err(|e| form.set_error(F::Started, e)).ok(),
            };
            if started.is_some_and(|s| s > now) {
                form.set_error(F::Started, t!("form-not-in-future"));
            }
            let role: Role = form.value(F::Role).parse().unwrap_or(Role::Technician);
            let (Some(minutes), Some(started_at), false) = (minutes, started, form.has_errors()) else {
                return Err(());
            };
            let entry = NewEntry {
                ticket_id: ticket_id.clone(),
                started_at,
                minutes,
                role,
                technician: app.me.clone(),
                note: form.value(F::Note).to_string(),
            };
            let result = match &replaces {
                Some(old) => store.correct_time_entry(old, entry, now),
                None => store.add_time_entry(entry, now),
            };
            match result {
                Ok(e) => {
                    app.select_entry(&e.entry);
                    let duration = crate::i18n::words::minutes(i64::from(e.minutes));
                    Ok(Some(match replaces {
                        Some(_) => t!("entry-corrected", duration = duration),
                        None => t!("entry-logged", duration = duration),
                    }))
                }
                Err(e) => fail(form, e.to_string()),
            }
        }
    }
}

/// The edit-ticket form: records only the fields whose value changed (each its own operation, all in
/// one transaction), refused as a whole when someone else changed one of them since the form opened.
fn edit_ticket(app: &mut App, form: &mut Form, store: &mut Store) -> Result<Option<String>, ()> {
    let cal = app.settings.calendar.clone();
    let Some(loaded) = form.loaded.clone() else {
        form.error = Some(t!("form-edit-needs-ticket"));
        return Err(());
    };
    let mut changes = Vec::new();
    let mut changed = Vec::new();
    let title = form.value(F::Title).trim().to_string();
    if crate::domain::text::clean(&title, false).is_empty() {
        form.set_error(F::Title, t!("form-title-required"));
    } else if title != loaded.title {
        changes.push(TicketChange::Title(title));
        changed.push(F::Title);
    }
    if let Ok(kind) = form.value(F::Kind).parse::<TicketKind>()
        && kind != loaded.kind
    {
        changes.push(TicketChange::Kind(kind));
        changed.push(F::Kind);
    }
    let typed = form.value(F::Customer).trim().to_string();
    if typed.is_empty() {
        form.set_error(F::Customer, t!("form-customer-required"));
    } else if typed != loaded.customer_name {
        match find_customer(store, &typed) {
            Ok(c) if c.id != loaded.customer_id => {
                changes.push(TicketChange::Customer(c.id));
                changed.push(F::Customer);
            }
            Ok(_) => {}
            Err(e) => form.set_error(F::Customer, e),
        }
    }
    if let Some(by) = loaded.resolve_by {
        let typed = form.value(F::ResolveBy).trim().to_string();
        if typed != form::format_resolve_by(&cal, by) {
            match form::parse_resolve_by(&cal, &typed, app.now) {
                Ok(new) if new != by => {
                    changes.push(TicketChange::ResolveBy(new));
                    changed.push(F::ResolveBy);
                }
                Ok(_) => {}
                Err(e) => form.set_error(F::ResolveBy, e),
            }
        }
    }
    let description = form.value(F::Description).to_string();
    if crate::domain::text::clean(&description, true) != loaded.description {
        changes.push(TicketChange::Description(description));
        changed.push(F::Description);
    }
    if form.has_errors() {
        return Err(());
    }
    if changes.is_empty() {
        return Ok(Some(t!("ticket-edit-nothing", number = loaded.number.as_str())));
    }
    let fields: Vec<String> = changed.iter().map(|f| crate::i18n::text(f.label_id()).to_lowercase()).collect();
    match store.update_ticket_checked(&loaded, changes, app.now) {
        Ok(()) => Ok(Some(t!("ticket-edited", number = loaded.number.as_str(), fields = fields.join(", ")))),
        Err(e) => {
            form.error = Some(e.to_string());
            Err(())
        }
    }
}

/// The edit-customer form: a new name and/or the tier from a month, in one transaction.
fn edit_customer(
    form: &mut Form,
    store: &mut Store,
    customer_id: &str,
    now: chrono::DateTime<chrono::Utc>,
    tariffs: &crate::domain::tariff::Tariffs,
) -> Result<Option<String>, ()> {
    let current = match store.customer(customer_id) {
        Ok(Some(c)) => c,
        Ok(None) => {
            form.error = Some(t!("no-such-customer"));
            return Err(());
        }
        Err(e) => {
            form.error = Some(e.to_string());
            return Err(());
        }
    };
    let name = form.value(F::Name).trim().to_string();
    if crate::domain::text::clean(&name, false).is_empty() {
        form.set_error(F::Name, t!("form-required"));
    }
    let tier: Option<Tier> = form.value(F::Tier).parse().ok();
    let from = form
        .value(F::Since)
        .trim()
        .parse::<crate::domain::YearMonth>()
        .map_err(|e: crate::domain::month::BadMonth| crate::i18n::refusals::Worded::worded(&e));
    if let Err(e) = &from {
        form.set_error(F::Since, e.clone());
    }
    let (Some(tier), Ok(from), false) = (tier, from, form.has_errors()) else { return Err(()) };
    let rename = (name != current.name).then_some(name.as_str());
    let in_force = match store.tier_in(customer_id, from) {
        Ok(t) => t,
        Err(e) => {
            form.error = Some(e.to_string());
            return Err(());
        }
    };
    let tier_change = (tier != in_force).then_some((from, tier));
    if rename.is_none() && tier_change.is_none() {
        return Ok(Some(t!("customer-edit-nothing", name = current.name.as_str())));
    }
    match store.edit_customer(customer_id, rename, tier_change, now) {
        Ok(()) => Ok(Some(match tier_change {
            Some((from, tier)) => t!(
                "customer-edited-tier",
                name = rename.unwrap_or(&current.name),
                tier = crate::i18n::words::tier(tariffs, tier),
                from = from.to_string()
            ),
            None => t!("customer-renamed", old = current.name.as_str(), name = name.as_str()),
        })),
        Err(e) => {
            form.error = Some(e.to_string());
            Err(())
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
/// These are the choice's values; what a person reads is `scope-open` / `scope-all`.
const SCOPE_OPEN: &str = "open";
const SCOPE_ALL: &str = "all";

/// At most this many search hits are shown (best first is the store's order).
const SEARCH_LIMIT: usize = 500;

/// Open tickets matching a full-text query, by id.
fn search_ids(store: &Store, q: &str) -> Result<Vec<String>, String> {
    store.search_ticket_ids(q, true, SEARCH_LIMIT).map_err(|e| e.to_string())
}

/// The one customer whose name is, or starts with, what was typed.
pub(super) fn find_customer(store: &Store, typed: &str) -> Result<crate::store::Customer, String> {
    let mut found = store.customers_matching(typed, 8).map_err(|e| e.to_string())?;
    // An archived customer is not offered (unarchived with `helpdesk customer unarchive`).
    found.retain(|c| !c.archived);
    match found.len() {
        0 => Err(t!("customer-not-found", name = typed.trim())),
        1 => Ok(found.remove(0)),
        _ => {
            let names: Vec<&str> = found.iter().take(3).map(|c| c.name.as_str()).collect();
            Err(t!("customer-ambiguous", name = typed.trim(), matches = names.join(", ")))
        }
    }
}

/// The technician an assignee field means: empty is nobody; `+Name` is a new name, on purpose;
/// otherwise a known technician (see [`pick_name`]), or an error that lists the candidates.
fn pick_technician(app: &App, store: &Store, typed: &str) -> Result<Option<String>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    if let Some(new) = typed.strip_prefix('+') {
        let new = crate::domain::text::clean(new, false).trim().to_string();
        return if new.is_empty() { Err(t!("assignee-new-empty")) } else { Ok(Some(new)) };
    }
    let mut known = store.technicians().map_err(|e| e.to_string())?;
    if !known.contains(&app.me) {
        known.push(app.me.clone());
    }
    match pick_name(typed, &known) {
        Ok(name) => Ok(Some(name)),
        Err(matches) if matches.is_empty() => {
            let mut shown: Vec<&str> = known.iter().take(6).map(String::as_str).collect();
            if known.len() > 6 {
                shown.push("…");
            }
            Err(t!("assignee-not-known", name = typed, known = shown.join(", ")))
        }
        Err(matches) => {
            let mut shown: Vec<&str> = matches.iter().take(6).map(String::as_str).collect();
            if matches.len() > 6 {
                shown.push("…");
            }
            Err(t!("assignee-ambiguous", name = typed, matches = shown.join(", ")))
        }
    }
}

/// The one name of `known` that `typed` means, ignoring case and diacritics: an exact match wins,
/// else the one name that starts with it, else the one name with a word that starts with it.
/// `Err`: the candidates (empty: none).
pub fn pick_name(typed: &str, known: &[String]) -> Result<String, Vec<String>> {
    use crate::domain::text::fold;
    let key = fold(typed.trim());
    if let Some(exact) = known.iter().find(|k| k.as_str() == typed.trim()) {
        return Ok(exact.clone());
    }
    let folded: Vec<(String, &String)> = known.iter().map(|k| (fold(k), k)).collect();
    let exact: Vec<&String> = folded.iter().filter(|(f, _)| *f == key).map(|(_, k)| *k).collect();
    if let [one] = exact.as_slice() {
        return Ok((*one).clone());
    }
    let starts: Vec<String> = folded.iter().filter(|(f, _)| f.starts_with(&key)).map(|(_, k)| (*k).clone()).collect();
    let found = if starts.is_empty() {
        folded
            .iter()
            .filter(|(f, _)| f.split_whitespace().any(|w| w.starts_with(&key)))
            .map(|(_, k)| (*k).clone())
            .collect()
    } else {
        starts
    };
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(found),
    }
}

#[cfg(test)]
mod tests {
    use super::pick_name;

    #[test]
    fn a_name_is_picked_by_its_start_without_case_or_diacritics_and_an_exact_match_wins() {
        let known: Vec<String> = ["Lucie Černá", "Luboš Novák", "Jan", "Jana Malá"].map(String::from).to_vec();
        assert_eq!(pick_name("lucie", &known), Ok("Lucie Černá".to_string()));
        assert_eq!(pick_name("cerna", &known), Ok("Lucie Černá".to_string()));
        assert_eq!(pick_name("Jan", &known), Ok("Jan".to_string()), "exact beats the prefix of Jana");
        assert_eq!(pick_name("lu", &known), Err(vec!["Lucie Černá".to_string(), "Luboš Novák".to_string()]));
        assert_eq!(pick_name("petr", &known), Err(vec![]));
    }
}
