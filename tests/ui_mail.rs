//! Mail in the TUI drawn (issue 20): the triage view, the contacts panel under the customers list,
//! and the first-response form saying whether and to whom it will be mailed — at 80×24, in English
//! and in Czech.

mod tui_fixture;

use chrono::Duration;
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::domain::TicketKind;
use helpdesk::domain::mail::{Address, Lang};
use helpdesk::i18n::{Language, Scoped};
use helpdesk::store::{IncomingMail, Store};
use helpdesk::ui;
use tui_fixture::{DAY, act, at, bottom, boxed, drawn, shot, store};

/// The fixture with two mails in triage (one with a hostile subject), a contact and a domain at Acme,
/// and mailing configured.
fn desk() -> (App, Store, tui_fixture::Ids) {
    let (mut s, ids) = store();
    let mail = |n: u32, from: &str, name: &str, subject: &str, hours: i64| IncomingMail {
        key: format!("mid:{n}"),
        message_id: Some(format!("{n}@x.test")),
        replies_to: Vec::new(),
        sender: Address::parse(from).unwrap(),
        sender_name: name.into(),
        subject: helpdesk::domain::text::clean(subject, false),
        body: "Dobrý den,\nnejde nám internet.\nDěkuji".into(),
        kind: TicketKind::Incident,
        received_at: at(DAY) - Duration::hours(hours),
        file_key: None,
    };
    s.take_mail(&mail(1, "eva@unknown.test", "Eva Neznámá", "Nejde internet", 3), at(DAY)).unwrap();
    s.take_mail(&mail(2, "x@evil.test", "", "Hi \u{1b}[31mred\u{202e} there", 1), at(DAY)).unwrap();
    let acme = s.customer_by_name("Acme").unwrap().unwrap().id;
    s.add_contact(&acme, &Address::parse("jana@acme.test").unwrap(), "Jana Nováková", Lang::Cs, at(DAY)).unwrap();
    s.add_contact(&acme, &Address::parse("ops@acme.test").unwrap(), "", Lang::En, at(DAY)).unwrap();
    s.set_mail_domain(&acme, "acme.test", at(DAY)).unwrap();
    let mut settings = Settings::defaults();
    settings.app.mail.from = Some("podpora@example.cz".into());
    let mut app = App::new(settings, &mut s, at(DAY));
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(24) });
    (app, s, ids)
}

/// The triage view whole (the view's pin at 80×24), then the part of each other screen its name says:
/// the assign form, the customers' contacts panel, the first-response form. `cs`: the titles are Czech.
fn screens(cs: bool) -> Vec<(&'static str, String)> {
    let title = |en: &'static str, czech: &'static str| if cs { czech } else { en };
    let (mut app, mut s, ids) = desk();
    act(&mut app, &mut s, Action::Triage);
    let mut out = vec![("triage", shot(&app, 80, 24))];
    act(&mut app, &mut s, Action::AssignMail);
    out.push(("triage_assign_form", boxed(&drawn(&app, 80, 24), title("Assign mail from", "Přiřadit e-mail od"))));
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Back);
    act(&mut app, &mut s, Action::NextView);
    out.push(("customers_contacts", boxed(&drawn(&app, 80, 24), title("Mail · a add contact", "Pošta · a přidat"))));
    app.open_ticket(&ids.breached, &mut s);
    act(&mut app, &mut s, Action::Respond);
    let form = title("First response on #1", "První reakce na #1");
    out.push(("respond_mailed_to_contact", boxed(&drawn(&app, 80, 24), form)));
    out
}

#[test]
fn a_failing_mail_command_is_shown_whole_in_the_form_at_80x24() {
    let (_, mut s, ids) = desk();
    let mut settings = Settings::defaults();
    settings.app.mail.from = Some("podpora@example.cz".into());
    settings.app.mail.sendmail = "echo '550 5.7.1 relaying denied' >&2; exit 75".into();
    let mut app = App::new(settings, &mut s, at(DAY));
    app.open_ticket(&ids.breached, &mut s);
    act(&mut app, &mut s, Action::Comment);
    for c in "Back up.".chars() {
        act(&mut app, &mut s, Action::Input(helpdesk::app::input::InputKey::Char(c)));
    }
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(helpdesk::app::input::InputKey::Left));
    act(&mut app, &mut s, Action::Submit);
    let buf = drawn(&app, 80, 24);
    insta::assert_snapshot!("mail_command_failed_form_80x24", boxed(&buf, "Comment on #1") + &bottom(&buf, 2));
}

#[test]
fn mail_screens_at_80x24() {
    for (name, screen) in screens(false) {
        insta::assert_snapshot!(format!("mail_{name}_80x24"), screen);
    }
}

#[test]
fn mail_screens_in_czech_at_80x24() {
    let _cs = Scoped::new(Language::Czech);
    for (name, screen) in screens(true) {
        assert!(
            !screen.contains("Contacts") && !screen.contains("Received"),
            "{name}: English on a Czech screen:\n{screen}"
        );
        insta::assert_snapshot!(format!("cs_mail_{name}_80x24"), screen);
    }
}

#[test]
fn the_triage_list_shows_no_escape_or_bidi_character_from_a_hostile_subject() {
    let (mut app, mut s, _) = desk();
    act(&mut app, &mut s, Action::Triage);
    act(&mut app, &mut s, Action::Down);
    let screen = shot(&app, 120, 30);
    assert!(screen.contains("Hi [31mred there"), "{screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'), "{screen}");
}

#[test]
fn a_long_triage_subject_ends_with_an_ellipsis_and_the_selected_mail_is_marked_at_80x24_and_120x40() {
    let (_, mut s, _) = desk();
    let subject = "Nefunguje tisk faktur na nové tiskárně v kanceláři účetní od pondělí ráno, prosíme o pomoc KONEC";
    let mail = IncomingMail {
        key: "mid:3".into(),
        message_id: Some("3@x.test".into()),
        replies_to: Vec::new(),
        sender: Address::parse("zdenek@unknown.test").unwrap(),
        sender_name: "Zdeněk Malý".into(),
        subject: subject.into(),
        body: "Dobrý den".into(),
        kind: TicketKind::Request,
        received_at: at(DAY) - Duration::hours(5),
        file_key: None,
    };
    s.take_mail(&mail, at(DAY)).unwrap();
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    act(&mut app, &mut s, Action::Triage);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = shot(&app, w, h);
        let row = screen.lines().find(|l| l.contains("Zdeněk")).unwrap_or_else(|| panic!("{screen}"));
        // The oldest mail is first and selected: marked without colour too.
        assert!(row.starts_with("│›"), "{w}x{h}: {row}");
        assert!(row.ends_with("…│") && !row.contains("KONEC"), "{w}x{h}: cut at a letter with `…`: {row}");
        let others: Vec<&str> =
            screen.lines().filter(|l| l.contains("@x.test") || l.contains("unknown.test")).collect();
        assert!(others.iter().all(|l| !l.starts_with("│›") || l.contains("Zdeněk")), "{w}x{h}: one mark: {others:?}");
    }
}
