//! Issue 17 in the terminal interface: the edit-ticket form (`u` in a ticket: title, kind, customer,
//! promised date, description — only what changed is recorded), the edit-customer form (`u` in the
//! customers view: name, tier from a month) and `D` (archive a customer with tickets, remove one
//! without; asked first; `A` lists the archived ones too, where `D` unarchives). Driven by actions against the fixture store; no terminal.

mod tui_fixture;

use helpdesk::app::form::FieldId;
use helpdesk::app::input::InputKey;
use helpdesk::app::{Action, App, View};
use helpdesk::domain::{TicketKind, Tier, YearMonth};
use helpdesk::store::{Store, TicketChange};
use tui_fixture::{DAY, act, app, at, store};

fn typed(app: &mut App, s: &mut Store, text: &str) {
    for c in text.chars() {
        act(app, s, Action::Input(InputKey::Char(c)));
    }
}

/// Focuses field `id` of the open form, erases its line and types `text`.
fn retype(app: &mut App, s: &mut Store, id: FieldId, text: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.focus = form.fields.iter().position(|f| f.id == id).unwrap_or_else(|| panic!("no field {id:?}"));
    act(app, s, Action::Input(InputKey::End));
    act(app, s, Action::Input(InputKey::ClearToStart));
    typed(app, s, text);
}

fn value(app: &App, id: FieldId) -> String {
    app.form.as_ref().unwrap().value(id).to_string()
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// The operations in a ticket's history (each recorded change is one).
fn history_len(s: &Store, id: &helpdesk::domain::TicketId) -> usize {
    s.history(id).unwrap().len()
}

#[test]
fn the_edit_form_is_prefilled_and_records_only_the_fields_that_changed() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::EditTicket);
    assert_eq!(value(&app, FieldId::Title), "Printer jams");
    assert_eq!(value(&app, FieldId::Kind), "request");
    assert_eq!(value(&app, FieldId::Customer), "Beta");
    assert!(value(&app, FieldId::Description).starts_with("Printer jams: details"));
    assert!(
        !app.form.as_ref().unwrap().fields.iter().any(|f| f.id == FieldId::ResolveBy),
        "no promised date before the first response"
    );
    // Saved untouched: nothing is recorded.
    let before = history_len(&s, &ids.running);
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    assert_eq!(message(&app), "#3: nothing changed");
    assert_eq!(history_len(&s, &ids.running), before);

    act(&mut app, &mut s, Action::EditTicket);
    retype(&mut app, &mut s, FieldId::Title, "Printer jams on tray 2");
    app.form.as_mut().unwrap().fields.iter_mut().find(|f| f.id == FieldId::Description).unwrap().input.set("Tray 2.");
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "#3: saved title, description");
    let t = s.ticket(&ids.running).unwrap().unwrap();
    assert_eq!(
        (t.title.as_str(), t.description.as_str(), t.kind),
        ("Printer jams on tray 2", "Tray 2.", TicketKind::Request)
    );
    assert_eq!(history_len(&s, &ids.running), before + 2, "two changes, two operations");
    assert_eq!(app.detail.as_ref().unwrap().ticket.title, "Printer jams on tray 2", "the view shows it at once");
}

#[test]
fn the_customer_field_moves_the_ticket_by_a_unique_start_of_a_name() {
    let (mut s, ids) = store();
    s.add_customer("Gamma Two", "", Tier::None, YearMonth::new(2026, 1).unwrap(), at(DAY)).unwrap();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::EditTicket);
    // Unknown, then ambiguous: the field says so and nothing is written.
    retype(&mut app, &mut s, FieldId::Customer, "Zeta");
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "no customer named `Zeta`; N adds one");
    retype(&mut app, &mut s, FieldId::Customer, "gam");
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "`gam` matches Gamma, Gamma Two…; type more of the name");
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().customer_name, "Beta");
    // The exact name wins over the longer one it starts; the ticket's 90 minutes go with it.
    retype(&mut app, &mut s, FieldId::Customer, "gamma");
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "#3: saved customer");
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().customer_name, "Gamma");
    let used = |name: &str| {
        let c = s.customer_by_name(name).unwrap().unwrap();
        let st = helpdesk::statements::statement(&s, &app.settings, &c, YearMonth::new(2026, 3).unwrap()).unwrap();
        (st.prepaid_used_minutes, st.overage_minutes)
    };
    // Beta (PLUS, 60 prepaid) no longer pays for them; Gamma (STANDARD, 30 prepaid) does.
    assert_eq!((used("Beta"), used("Gamma")), ((0, 0), (30, 60)));
}

#[test]
fn an_empty_title_and_a_bad_promised_date_are_marked_and_nothing_is_written() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.met, &mut s);
    act(&mut app, &mut s, Action::EditTicket);
    // After the first response the promised date is there, a day's end shown as the day alone.
    assert_eq!(value(&app, FieldId::ResolveBy), "2026-03-03 16:00");
    let before = history_len(&s, &ids.met);
    retype(&mut app, &mut s, FieldId::Title, "   ");
    retype(&mut app, &mut s, FieldId::ResolveBy, "next week");
    act(&mut app, &mut s, Action::Save);
    let form = app.form.as_ref().expect("the form stays open");
    let err = |id| form.fields.iter().find(|f| f.id == id).unwrap().error.clone();
    assert_eq!(err(FieldId::Title).as_deref(), Some("required: a one-line summary"));
    assert!(err(FieldId::ResolveBy).is_some());
    assert_eq!(history_len(&s, &ids.met), before);
    // A date alone means 23:59:59 of that day in Prague.
    retype(&mut app, &mut s, FieldId::Title, "Účetní export");
    retype(&mut app, &mut s, FieldId::ResolveBy, "2026-03-10");
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "#4: saved resolve by");
    let t = s.ticket(&ids.met).unwrap().unwrap();
    assert_eq!(t.resolve_by, Some(at("2026-03-10T22:59:59Z")));
    act(&mut app, &mut s, Action::EditTicket);
    assert_eq!(value(&app, FieldId::ResolveBy), "2026-03-10");
}

/// Someone else changed the title after the form opened: the save is refused saying what they set,
/// and nothing of the form is written (not even the fields nobody else touched).
#[test]
fn an_edit_over_someone_elses_newer_change_is_refused_whole() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::EditTicket);
    s.update_ticket(&ids.running, vec![TicketChange::Title("Printer on fire".into())], at(DAY)).unwrap();
    retype(&mut app, &mut s, FieldId::Title, "Printer jams again");
    retype(&mut app, &mut s, FieldId::Customer, "Gamma");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_some(), "kept open");
    assert!(message(&app).contains("Printer on fire"), "{}", message(&app));
    let t = s.ticket(&ids.running).unwrap().unwrap();
    assert_eq!((t.title.as_str(), t.customer_name.as_str()), ("Printer on fire", "Beta"));
}

/// The customers view with its summaries complete.
fn customers_view(app: &mut App, s: &mut Store) {
    for _ in 0..3 {
        if app.view != View::Customers {
            act(app, s, Action::NextView);
        }
    }
    assert_eq!(app.view, View::Customers);
    for _ in 0..20 {
        act(app, s, Action::Background);
    }
}

fn select_customer(app: &mut App, s: &mut Store, name: &str) {
    act(app, s, Action::Top);
    while app.customers.selected_line().unwrap().customer.name != name {
        let before = app.customers.selected;
        act(app, s, Action::Down);
        assert_ne!(before, app.customers.selected, "{name} not in the list");
    }
}

fn names(app: &App) -> Vec<String> {
    app.customers.lines.iter().map(|l| l.customer.name.clone()).collect()
}

#[test]
fn a_customer_is_renamed_and_its_tier_set_from_a_month_in_one_form() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    customers_view(&mut app, &mut s);
    select_customer(&mut app, &mut s, "Gamma");
    act(&mut app, &mut s, Action::EditCustomer);
    assert_eq!(
        (value(&app, FieldId::Name), value(&app, FieldId::Tier), value(&app, FieldId::Since)),
        ("Gamma".into(), "standard".into(), "2026-03".into())
    );
    retype(&mut app, &mut s, FieldId::Name, "Beta");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(message(&app), "a customer named `Beta` already exists");
    retype(&mut app, &mut s, FieldId::Name, "Gamma Brno");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(message(&app), "Gamma is now Gamma Brno");
    let c = s.customer_by_name("Gamma Brno").unwrap().unwrap();
    customers_view(&mut app, &mut s);
    select_customer(&mut app, &mut s, "Gamma Brno");
    act(&mut app, &mut s, Action::EditCustomer);
    // ← / → cycle a choice: standard → plus.
    let form = app.form.as_mut().unwrap();
    form.focus = form.fields.iter().position(|f| f.id == FieldId::Tier).unwrap();
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    assert_eq!(value(&app, FieldId::Tier), "plus");
    retype(&mut app, &mut s, FieldId::Since, "2026-04");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(message(&app), "Gamma Brno: tier PLUS from 2026-04");
    assert_eq!(s.tier_in(&c.id, YearMonth::new(2026, 3).unwrap()).unwrap(), Tier::Standard);
    assert_eq!(s.tier_in(&c.id, YearMonth::new(2026, 4).unwrap()).unwrap(), Tier::Plus);

    // Back-dated over open months (bb8 #9's sibling): said which statements change.
    customers_view(&mut app, &mut s);
    select_customer(&mut app, &mut s, "Gamma Brno");
    act(&mut app, &mut s, Action::EditCustomer);
    let form = app.form.as_mut().unwrap();
    form.focus = form.fields.iter().position(|f| f.id == FieldId::Tier).unwrap();
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    assert_eq!(value(&app, FieldId::Tier), "plus");
    retype(&mut app, &mut s, FieldId::Since, "2026-01");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(
        message(&app),
        "`Gamma Brno` is PLUS from 2026-01 back: the statements of 2026-01 to 2026-02, not closed yet, are \
         billed with it now (their monthly fees and prepaid minutes change)"
    );
}

#[test]
fn d_asks_then_archives_a_customer_with_tickets_and_removes_one_without() {
    let (mut s, _) = store();
    s.add_customer("Mistake", "", Tier::None, YearMonth::new(2026, 3).unwrap(), at(DAY)).unwrap();
    let mut app = app(&mut s, DAY);
    customers_view(&mut app, &mut s);
    select_customer(&mut app, &mut s, "Mistake");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert_eq!(message(&app), "remove Mistake (no tickets, no contract)? D again removes, any other key leaves it");
    // Any other key lets the question go.
    act(&mut app, &mut s, Action::Up);
    assert!(app.customer_to_confirm.is_none() && app.message.is_none());
    select_customer(&mut app, &mut s, "Mistake");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert_eq!(message(&app), "Mistake removed");
    assert!(s.customer_by_name("Mistake").unwrap().is_none());
    customers_view(&mut app, &mut s);
    assert!(!names(&app).contains(&"Mistake".to_string()), "{:?}", names(&app));

    // Delta (no contract) has a ticket: archived, not removed; its ticket stays in the queue.
    select_customer(&mut app, &mut s, "Delta");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert_eq!(message(&app), "archive Delta (its ticket stays)? D again archives, any other key leaves it");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert_eq!(message(&app), "Delta archived: hidden from the lists (helpdesk customer unarchive brings it back)");
    assert!(s.customer_by_name("Delta").unwrap().unwrap().archived);
    assert!(app.queue.items.iter().any(|i| i.ticket.customer_name == "Delta"));
    // Not offered for a new ticket any more.
    act(&mut app, &mut s, Action::PrevView);
    act(&mut app, &mut s, Action::NewTicket);
    retype(&mut app, &mut s, FieldId::Customer, "Delta");
    retype(&mut app, &mut s, FieldId::Title, "X");
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "no customer named `Delta`; N adds one");

    // Acme has a contract in force: archiving is refused in the status bar.
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Cancel);
    customers_view(&mut app, &mut s);
    assert!(!names(&app).contains(&"Delta".to_string()), "{:?}", names(&app));
    select_customer(&mut app, &mut s, "Acme");
    // Refused at the first D, before asking to confirm (bb5 #9: it asked "D again" first), with the
    // price list's name of the tier.
    act(&mut app, &mut s, Action::ArchiveCustomer);
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("archiving would not end its monthly fee"), "{m:?}");
    assert!(m.text.contains("(VIP from"), "{m:?}");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("archiving would not end its monthly fee"), "{m:?}");
    assert!(!s.customer_by_name("Acme").unwrap().unwrap().archived);
}

/// bb8 #9: `D` on a customer without tickets but with a contract does not remove it (its fees would
/// vanish): one in force is refused at once in the status bar; one that ended is archived after asking.
#[test]
fn d_does_not_remove_a_customer_with_a_contract_in_any_month() {
    let (mut s, _) = store();
    let live = s.add_customer("Live", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), at(DAY)).unwrap();
    let ended = s.add_customer("Ended", "", Tier::Plus, YearMonth::new(2026, 1).unwrap(), at(DAY)).unwrap();
    s.set_tier(&ended.id, YearMonth::new(2026, 3).unwrap(), Tier::None, at(DAY)).unwrap();
    let mut app = app(&mut s, DAY);
    customers_view(&mut app, &mut s);
    select_customer(&mut app, &mut s, "Live");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("archiving would not end its monthly fee"), "{m:?}");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert!(s.customer(&live.id).unwrap().is_some_and(|c| !c.archived));

    customers_view(&mut app, &mut s);
    select_customer(&mut app, &mut s, "Ended");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert_eq!(message(&app), "archive Ended (its statements stay)? D again archives, any other key leaves it");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert!(s.customer(&ended.id).unwrap().expect("archived, not removed").archived);
}

#[test]
fn archived_customers_are_shown_on_request_and_d_unarchives_one_after_asking() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    customers_view(&mut app, &mut s);
    select_customer(&mut app, &mut s, "Delta");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert!(s.customer_by_name("Delta").unwrap().unwrap().archived);
    customers_view(&mut app, &mut s);
    assert!(!names(&app).contains(&"Delta".to_string()), "{:?}", names(&app));
    // The title counts what is listed (bb5 #9: it counted the archived one too).
    let listed = names(&app).len();
    let title = tui_fixture::shot(&app, 120, 30);
    assert!(title.contains(&format!("Customers — 2026-03 ({listed})")), "{listed}: {title}");

    // Shown on request, marked; the board does not count it.
    act(&mut app, &mut s, Action::ShowArchived);
    let title = tui_fixture::shot(&app, 120, 30);
    assert!(title.contains(&format!("Customers — 2026-03 ({})", listed + 1)), "{title}");
    assert_eq!(message(&app), "archived customers shown too (marked); D on one unarchives it");
    customers_view(&mut app, &mut s);
    assert!(names(&app).contains(&"Delta".to_string()), "{:?}", names(&app));
    assert!(app.customers.lines.iter().any(|l| l.customer.name == "Delta" && l.customer.archived));
    assert!(app.customers.in_use().all(|l| l.customer.name != "Delta"));

    // D on it asks to unarchive; any other key lets the question go.
    select_customer(&mut app, &mut s, "Delta");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert_eq!(message(&app), "unarchive Delta? D again brings it back, any other key leaves it");
    act(&mut app, &mut s, Action::Up);
    assert!(app.customer_to_confirm.is_none() && app.message.is_none());
    assert!(s.customer_by_name("Delta").unwrap().unwrap().archived);
    select_customer(&mut app, &mut s, "Delta");
    act(&mut app, &mut s, Action::ArchiveCustomer);
    act(&mut app, &mut s, Action::ArchiveCustomer);
    assert_eq!(message(&app), "Delta unarchived: back in the lists and the pickers");
    assert!(!s.customer_by_name("Delta").unwrap().unwrap().archived);

    // Hidden again: Delta is back in the list as a customer in use.
    act(&mut app, &mut s, Action::ShowArchived);
    assert_eq!(message(&app), "archived customers hidden");
    customers_view(&mut app, &mut s);
    assert!(names(&app).contains(&"Delta".to_string()), "{:?}", names(&app));
    assert!(app.customers.lines.iter().all(|l| !l.customer.archived));
}

#[test]
fn a_kind_change_that_frees_another_consultation_reprices_the_closed_month_at_once() {
    let (mut s, _) = store();
    let settings = helpdesk::config::Settings::defaults();
    let beta = s.customer_by_name("Beta").unwrap().unwrap();
    // Beta (PLUS: one free consultation a year): February's consultation is the free one, March's is billed.
    let consultation = |s: &mut Store, title: &str, received: &str, worked: &str| {
        let t = s
            .open_ticket(
                helpdesk::store::NewTicket {
                    customer_id: beta.id.clone(),
                    title: title.into(),
                    description: String::new(),
                    kind: TicketKind::Consultation,
                    assignee: None,
                    received_at: at(received),
                },
                at(received),
            )
            .unwrap();
        let entry = helpdesk::store::NewEntry {
            ticket_id: t.id.clone(),
            started_at: at(worked),
            minutes: helpdesk::domain::Minutes::new(100).unwrap(),
            role: helpdesk::domain::Role::Technician,
            technician: "alice".into(),
            note: String::new(),
        };
        s.add_time_entry(entry, at(worked)).unwrap();
        t
    };
    let february = consultation(&mut s, "Workshop", "2026-02-02T09:00:00Z", "2026-02-03T09:00:00Z");
    consultation(&mut s, "Second workshop", "2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z");
    helpdesk::statements::close_month(&mut s, &settings, YearMonth::new(2026, 2).unwrap(), at(DAY)).unwrap();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&february.id, &mut s);
    act(&mut app, &mut s, Action::EditTicket);
    retype(&mut app, &mut s, FieldId::Kind, "request");
    act(&mut app, &mut s, Action::Save);
    // February bills its 100 minutes now (105 rounded, 45 over the 60 prepaid: 600,00), booked in March.
    assert_eq!(
        message(&app),
        format!(
            "#{}: saved kind · this change alters what closed months cost; the difference is booked as a \
             correction in 2026-03: 600,00 Kč",
            february.number
        )
    );
    let booked: Vec<String> = s
        .adjustments_booked(&beta.id, YearMonth::new(2026, 3).unwrap())
        .unwrap()
        .into_iter()
        .map(|a| a.amount)
        .collect();
    assert_eq!(booked, vec!["600.00".to_string()]);
}
