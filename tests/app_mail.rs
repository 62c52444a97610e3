//! Mail in the TUI, driven by actions against the fixture store with a fixed clock (issue 20): the
//! triage list and assigning a mail to a customer, a customer's contacts and mail domains edited from
//! the customers view, and the first response and a comment mailed through a capturing command.

mod tui_fixture;

use chrono::Duration;
use helpdesk::app::form::FieldId;
use helpdesk::app::input::InputKey;
use helpdesk::app::mail::{KEEP, SEND};
use helpdesk::app::{Action, App, Focus, View};
use helpdesk::config::Settings;
use helpdesk::domain::TicketKind;
use helpdesk::domain::mail::{Address, Lang};
use helpdesk::store::{IncomingMail, Intake, Store};
use tui_fixture::{DAY, act, at, store};

fn typed(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        act(app, store, Action::Input(InputKey::Char(c)));
    }
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// A mail from someone no customer knows, received two hours before the fixture's `DAY`.
fn unknown_mail(store: &mut Store, n: u32) -> i64 {
    let mail = IncomingMail {
        key: format!("mid:u{n}@unknown.test"),
        message_id: Some(format!("u{n}@unknown.test")),
        replies_to: Vec::new(),
        sender: Address::parse("eva@unknown.test").unwrap(),
        sender_name: "Eva Neznámá".into(),
        subject: format!("Our line is down ({n})"),
        body: "Since this morning.\nPlease call.".into(),
        kind: TicketKind::Incident,
        received_at: at(DAY) - Duration::hours(2),
        file_key: None,
    };
    match store.take_mail(&mail, at(DAY)).unwrap() {
        Intake::Triage(id) => id,
        other => panic!("{other:?}"),
    }
}

fn customer_id(store: &Store, name: &str) -> helpdesk::domain::CustomerId {
    store.customer_by_name(name).unwrap().unwrap().id
}

#[test]
fn m_shows_the_mail_from_unknown_senders_and_assigning_one_makes_its_ticket_received_when_it_arrived() {
    let (mut s, _) = store();
    unknown_mail(&mut s, 1);
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    act(&mut app, &mut s, Action::Triage);
    assert_eq!(app.focus(), Focus::Triage);
    let t = app.triage.as_ref().unwrap();
    let item = t.selected_item().unwrap();
    assert_eq!(
        (item.sender.as_str(), item.sender_name.as_str(), item.subject.as_str(), item.received_at),
        ("eva@unknown.test", "Eva Neznámá", "Our line is down (1)", at(DAY) - Duration::hours(2))
    );

    // A customer nobody has is marked in place; the mail stays in triage.
    act(&mut app, &mut s, Action::AssignMail);
    assert_eq!(app.focus(), Focus::Form);
    typed(&mut app, &mut s, "Zeta");
    act(&mut app, &mut s, Action::Save);
    let form = app.form.as_ref().unwrap();
    assert!(form.error_of(FieldId::Customer).unwrap().contains("Zeta"), "{form:?}");
    assert_eq!(s.mail_triage().unwrap().len(), 1);

    // The start of a name picks the customer (as in the new-ticket form); the sender becomes a contact.
    for _ in 0..4 {
        act(&mut app, &mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut app, &mut s, "gam");
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::AddSender), "yes");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{:?}", app.form);
    assert!(s.mail_triage().unwrap().is_empty());
    let gamma = customer_id(&s, "Gamma");
    let tickets = s.customer_tickets(&gamma).unwrap();
    let made = tickets.iter().find(|t| t.title == "Our line is down (1)").unwrap();
    assert_eq!((made.received_at, made.kind), (at(DAY) - Duration::hours(2), TicketKind::Incident));
    assert_eq!(s.ticket(&made.id).unwrap().unwrap().description, "Since this morning.\nPlease call.");
    assert_eq!(
        message(&app),
        format!(
            "ticket {} made for Gamma (received when the mail was). eva@unknown.test is now their contact.",
            made.number
        )
    );
    let contacts = s.contacts(&gamma).unwrap();
    assert_eq!(
        contacts.iter().map(|c| (c.email.as_str(), c.name.as_str(), c.lang)).collect::<Vec<_>>(),
        [("eva@unknown.test", "Eva Neznámá", Lang::Cs)]
    );
    // The triage list is empty now, still open; q closes it.
    assert_eq!(app.focus(), Focus::Triage);
    assert!(app.triage.as_ref().unwrap().items.is_empty());
    act(&mut app, &mut s, Action::Quit);
    assert_eq!((app.focus(), app.quit), (Focus::Queue, false));
    // The new ticket is in the queue.
    assert!(app.queue.items.iter().any(|i| i.ticket.number == made.number));
}

#[test]
fn assigning_without_adding_the_sender_leaves_the_contacts_alone_and_reopening_shows_mail_imported_meanwhile() {
    let (mut s, _) = store();
    unknown_mail(&mut s, 1);
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    act(&mut app, &mut s, Action::Triage);
    // Mail imported meanwhile: the list read again when triage is opened again.
    unknown_mail(&mut s, 2);
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::Triage);
    assert_eq!(app.triage.as_ref().unwrap().items.len(), 2);
    act(&mut app, &mut s, Action::Down);
    assert_eq!(app.triage.as_ref().unwrap().selected_item().unwrap().subject, "Our line is down (2)");
    act(&mut app, &mut s, Action::AssignMail);
    typed(&mut app, &mut s, "Delta");
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::AddSender), KEEP);
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    assert!(s.contacts(&customer_id(&s, "Delta")).unwrap().is_empty());
    let left = &app.triage.as_ref().unwrap().items;
    assert_eq!(left.iter().map(|i| i.subject.as_str()).collect::<Vec<_>>(), ["Our line is down (1)"]);
}

#[test]
fn contacts_and_mail_domains_are_shown_added_and_removed_in_the_customers_view() {
    let (mut s, _) = store();
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    act(&mut app, &mut s, Action::NextView);
    assert_eq!(app.view, View::Customers);
    assert_eq!(app.customers.selected_line().unwrap().customer.name, "Acme");
    let shown = |app: &App| {
        let m = app.customer_mail.as_ref().unwrap();
        let contacts: Vec<String> =
            m.contacts.iter().map(|c| format!("{} {} {}", c.email, c.name, c.lang.as_str())).collect();
        (contacts, m.domains.clone())
    };
    assert_eq!(shown(&app), (vec![], vec![]));
    assert!(app.focus() == Focus::Customers);

    // A bad address is marked in place; a good one is kept in lower case with its name and language.
    act(&mut app, &mut s, Action::AddContact);
    typed(&mut app, &mut s, "jana at acme");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.as_ref().unwrap().error_of(FieldId::Email).unwrap().contains("is not an e-mail address"));
    for _ in 0.."jana at acme".len() {
        act(&mut app, &mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut app, &mut s, "Jana@Acme.test");
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "Jana Nováková");
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{:?}", app.form);
    assert_eq!(message(&app), "contact jana@acme.test saved");
    assert_eq!(shown(&app), (vec!["jana@acme.test Jana Nováková en".to_string()], vec![]));

    act(&mut app, &mut s, Action::AddDomain);
    typed(&mut app, &mut s, "localhost");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.as_ref().unwrap().error_of(FieldId::Domain).unwrap().contains("is not a mail domain"));
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::AddDomain);
    typed(&mut app, &mut s, "Acme.test");
    act(&mut app, &mut s, Action::Save);
    assert_eq!(shown(&app).1, ["acme.test"]);
    // The store finds the customer behind a sender by the domain now.
    let acme = customer_id(&s, "Acme");
    assert_eq!(s.sender(&Address::parse("petr@acme.test").unwrap()).unwrap().unwrap().customer_id, acme);

    // Another customer shows its own (none).
    act(&mut app, &mut s, Action::Down);
    assert_eq!(shown(&app), (vec![], vec![]));
    act(&mut app, &mut s, Action::RemoveMail);
    assert!(app.form.is_none());
    assert_eq!(message(&app), "Beta has no contacts or mail domains to remove");
    act(&mut app, &mut s, Action::Up);

    // Removing: a choice of the contacts, then the domains.
    act(&mut app, &mut s, Action::RemoveMail);
    let f = app.form.as_ref().unwrap();
    assert_eq!(f.field(FieldId::Remove).unwrap().choices, ["contact:jana@acme.test", "domain:acme.test"]);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    act(&mut app, &mut s, Action::Save);
    assert_eq!(message(&app), "mail domain acme.test removed");
    assert_eq!(shown(&app), (vec!["jana@acme.test Jana Nováková en".to_string()], vec![]));
    assert_eq!(s.sender(&Address::parse("petr@acme.test").unwrap()).unwrap(), None);
    act(&mut app, &mut s, Action::RemoveMail);
    act(&mut app, &mut s, Action::Save);
    assert_eq!(shown(&app), (vec![], vec![]));
    assert!(s.contacts(&acme).unwrap().is_empty());
}

/// Settings that mail through `command`, from podpora@example.cz.
fn mailing(command: String) -> Settings {
    let mut settings = Settings::defaults();
    settings.app.mail.from = Some("podpora@example.cz".into());
    settings.app.mail.sendmail = command;
    settings
}

/// The fixture with a contact at Acme, the app open on "Server down" (Acme, no first response yet).
fn on_server_down(settings: Settings) -> (App, Store) {
    let (mut s, ids) = store();
    let acme = customer_id(&s, "Acme");
    s.add_contact(&acme, &Address::parse("jana@acme.test").unwrap(), "Jana", Lang::Cs, at(DAY)).unwrap();
    let mut app = App::new(settings, &mut s, at(DAY));
    app.open_ticket(&ids.breached, &mut s);
    (app, s)
}

#[test]
fn the_first_response_is_mailed_to_the_contact_by_default_and_what_was_sent_is_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let sent = dir.path().join("sent");
    let (mut app, mut s) = on_server_down(mailing(format!("cat > '{}'", sent.display())));
    act(&mut app, &mut s, Action::Respond);
    let f = app.form.as_ref().unwrap();
    assert_eq!(f.value(FieldId::Mail), SEND);
    let mail = f.fields.iter().find(|f| f.id == FieldId::Mail).unwrap();
    assert_eq!(mail.choice_labels, ["✉ send to jana@acme.test (cs)", "don't send"]);
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "2026-03-20");
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "Pošleme technika.");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{:?} {:?}", app.form, app.message);
    assert!(message(&app).ends_with("mailed to jana@acme.test"), "{}", message(&app));
    let d = app.detail.as_ref().unwrap();
    assert_eq!(d.ticket.first_response_at, Some(at(DAY)));
    assert!(d.history.iter().any(|h| h.text.contains("Sent by e-mail to jana@acme.test")), "{:?}", d.history);
    let raw = std::fs::read(&sent).unwrap();
    let m = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(m.to().unwrap().first().unwrap().address(), Some("jana@acme.test"));
    assert_eq!(m.subject(), Some(format!("[#{}] Server down", d.ticket.number).as_str()));
    let body = m.body_text(0).unwrap();
    assert!(
        body.starts_with("Dobrý den,") && body.contains("20. 3. 2026") && body.contains("Pošleme technika."),
        "{body}"
    );
    assert!(body.ends_with("S pozdravem\nalice\n"), "{body}");
}

#[test]
fn a_failing_mail_command_records_nothing_keeps_the_form_and_the_response_can_then_be_recorded_unmailed() {
    let (mut app, mut s) = on_server_down(mailing("echo 'no route to host' >&2; exit 75".into()));
    let id = app.detail.as_ref().unwrap().ticket.id.clone();
    act(&mut app, &mut s, Action::Respond);
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "+2");
    act(&mut app, &mut s, Action::Save);
    let error = app.message.as_ref().unwrap();
    assert!(error.error);
    assert!(
        error.text.contains("failed (exit code 75): no route to host; nothing was sent or recorded"),
        "{}",
        error.text
    );
    assert_eq!(app.form.as_ref().unwrap().error.as_deref(), Some(error.text.as_str()));
    assert_eq!(s.ticket(&id).unwrap().unwrap().first_response_at, None);
    assert!(!s.history(&id).unwrap().iter().any(|op| format!("{:?}", op.change).contains("Sent by e-mail")));
    // Switched to "don't send": recorded, nothing mailed.
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Mail), KEEP);
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    assert_eq!(s.ticket(&id).unwrap().unwrap().first_response_at, Some(at(DAY)));
}

#[test]
fn a_comment_stays_internal_unless_chosen_to_be_mailed_and_without_a_contact_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let sent = dir.path().join("sent");
    let (mut app, mut s) = on_server_down(mailing(format!("cat > '{}'", sent.display())));
    act(&mut app, &mut s, Action::Comment);
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Mail), KEEP);
    typed(&mut app, &mut s, "internal: reboot later");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    assert!(!sent.exists());
    act(&mut app, &mut s, Action::Comment);
    typed(&mut app, &mut s, "The server is back.");
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Left));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Mail), SEND);
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{:?}", app.form);
    assert_eq!(message(&app), "comment mailed to jana@acme.test");
    let m = mail_parser::MessageParser::default()
        .parse(&std::fs::read(&sent).unwrap())
        .unwrap()
        .body_text(0)
        .unwrap()
        .to_string();
    assert!(m.contains("The server is back."), "{m}");

    // Beta has no contact: the form says it will not be mailed, and why.
    let beta_ticket = app.queue.items.iter().find(|i| i.ticket.customer_name == "Beta").unwrap().ticket.id.clone();
    app.open_ticket(&beta_ticket, &mut s);
    act(&mut app, &mut s, Action::Comment);
    let mail = app.form.as_ref().unwrap().fields.iter().find(|f| f.id == FieldId::Mail).unwrap().clone();
    assert_eq!(mail.choices, [KEEP]);
    assert_eq!(mail.choice_labels, ["not mailed: no mail on this ticket and no contact at its customer"]);
}

#[test]
fn without_a_sender_configured_nothing_is_offered_for_mailing() {
    let (mut app, mut s) = on_server_down(Settings::defaults());
    act(&mut app, &mut s, Action::Respond);
    let mail = app.form.as_ref().unwrap().fields.iter().find(|f| f.id == FieldId::Mail).unwrap().clone();
    assert_eq!(mail.choices, [KEEP]);
    assert_eq!(mail.choice_labels, ["not mailed: set `from` in [mail] of config.toml"]);
}

/// A reply that became a comment names its author (the customer) in the ticket's history, not the
/// technician whose import recorded it (issue 20: authored by the contact, recorded by the importer).
#[test]
fn a_mailed_reply_names_the_customer_in_the_tickets_history() {
    let (mut s, _) = store();
    let id = unknown_mail(&mut s, 1);
    let beta = customer_id(&s, "Beta");
    let ticket = s.assign_mail(id, &beta, at(DAY)).unwrap();
    let reply = IncomingMail {
        key: "mid:r1@unknown.test".into(),
        message_id: Some("r1@unknown.test".into()),
        replies_to: vec!["u1@unknown.test".into()],
        sender: Address::parse("eva@unknown.test").unwrap(),
        sender_name: "Eva Neznámá".into(),
        subject: "Re: line".into(),
        body: "It works again.".into(),
        kind: TicketKind::Request,
        received_at: at(DAY) + Duration::minutes(5),
        file_key: None,
    };
    assert!(matches!(s.take_mail(&reply, at(DAY) + Duration::minutes(6)).unwrap(), Intake::Comment(_)));
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY) + Duration::minutes(7));
    app.open_ticket(&ticket.id, &mut s);
    let d = app.detail.as_ref().unwrap();
    let line = d.history.iter().find(|h| h.text.contains("It works again.")).expect("the reply in the history");
    assert!(line.text.starts_with("comment by Eva Neznámá <eva@unknown.test>: "), "{}", line.text);
    let own = d.history.iter().filter(|h| h.text.starts_with("comment by ")).count();
    assert_eq!(own, 1, "the technician's own comments read as before");
}
