//! Finding #6: a time entry in a closed month, logged (`e`) or corrected (`E`) in the TUI, is refused
//! with the whole remedy, and saving the same form again books it as a correction in the current
//! month (as the CLI's `--correction` does); changing a field first lapses the offer.

mod tui_fixture;

use helpdesk::app::form::FieldId;
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::domain::YearMonth;
use helpdesk::store::Store;
use tui_fixture::{DAY, act, app, at, store};

fn message(app: &App) -> String {
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

fn set(app: &mut App, id: FieldId, text: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.fields.iter_mut().find(|f| f.id == id).unwrap().input.set(text);
}

/// A Beta ticket received in February (work on it may start there: never on a day before its ticket was
/// received, bb6 #4).
fn february_ticket(s: &mut Store) -> helpdesk::domain::TicketId {
    tui_fixture::ticket(s, "Beta", "February work", helpdesk::domain::TicketKind::Request, None, "2026-02-02T08:00:00Z")
}

fn close_february(s: &mut Store) {
    helpdesk::statements::close_month(s, &Settings::defaults(), YearMonth::new(2026, 2).unwrap(), at(DAY)).unwrap();
}

#[test]
fn logging_time_in_a_closed_month_says_what_to_do_and_a_second_save_books_a_correction() {
    let (mut s, _) = store();
    let february = february_ticket(&mut s);
    close_february(&mut s);
    let mut app = app(&mut s, DAY);
    app.open_ticket(&february, &mut s);
    let before = s.time_entries(&february).unwrap().len();
    act(&mut app, &mut s, Action::AddTime);
    set(&mut app, FieldId::Duration, "30");
    set(&mut app, FieldId::Started, "2026-02-16 10:00");
    act(&mut app, &mut s, Action::Save);
    let msg = message(&app);
    assert!(msg.contains("2026-02 is closed"), "{msg}");
    assert!(msg.contains("Save again to book it as a correction in 2026-03"), "{msg}");
    assert!(msg.contains("helpdesk month reopen 2026-02"), "{msg}");
    assert_eq!(s.time_entries(&february).unwrap().len(), before, "nothing written yet");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{}", message(&app));
    assert!(message(&app).contains("booked as a correction in 2026-03"), "{}", message(&app));
    assert_eq!(s.time_entries(&february).unwrap().len(), before + 1);
}

#[test]
fn a_changed_field_lapses_the_offer() {
    let (mut s, _) = store();
    let february = february_ticket(&mut s);
    close_february(&mut s);
    let mut app = app(&mut s, DAY);
    app.open_ticket(&february, &mut s);
    act(&mut app, &mut s, Action::AddTime);
    set(&mut app, FieldId::Duration, "30");
    set(&mut app, FieldId::Started, "2026-02-16 10:00");
    act(&mut app, &mut s, Action::Save);
    set(&mut app, FieldId::Started, "2026-02-17 10:00");
    act(&mut app, &mut s, Action::Save);
    assert!(message(&app).contains("Save again"), "refused again, offered again: {}", message(&app));
    assert!(app.form.is_some());
}

#[test]
fn correcting_an_entry_in_a_closed_month_is_offered_as_a_correction_too() {
    let (mut s, _) = store();
    let february = february_ticket(&mut s);
    let entry = helpdesk::store::NewEntry {
        ticket_id: february.clone(),
        started_at: at("2026-02-10T09:00:00Z"),
        minutes: helpdesk::domain::Minutes::new(60).unwrap(),
        role: helpdesk::domain::Role::Technician,
        technician: "alice".into(),
        note: String::new(),
    };
    s.add_time_entry(entry, at("2026-02-10T10:00:00Z")).unwrap();
    close_february(&mut s);
    let mut app = app(&mut s, DAY);
    app.open_ticket(&february, &mut s);
    app.detail.as_mut().unwrap().entry_selected = 0;
    assert_eq!(app.detail.as_ref().unwrap().entries[0].minutes, 60);
    act(&mut app, &mut s, Action::CorrectTime);
    set(&mut app, FieldId::Duration, "90");
    act(&mut app, &mut s, Action::Save);
    assert!(message(&app).contains("Save again to book it as a correction"), "{}", message(&app));
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{}", message(&app));
    assert!(message(&app).contains("booked as a correction"), "{}", message(&app));
    let minutes: Vec<u32> = s.time_entries(&february).unwrap().iter().map(|e| e.minutes).collect();
    assert!(minutes.contains(&90) && !minutes.contains(&60), "{minutes:?}");
}

/// bb8 #6: the ticket's history words a booked correction as the statement does, in the reader's
/// language, with the amount as the interface writes money (it read the stored English sentence and a
/// plain amount: `correction of 2026-02: ticket 7 +30m: 400.00`).
#[test]
fn a_booked_correction_reads_in_the_history_as_on_the_statement() {
    let (mut s, _) = store();
    let february = february_ticket(&mut s);
    close_february(&mut s);
    let _cs = helpdesk::i18n::Scoped::new(helpdesk::i18n::Language::Czech);
    let mut app = app(&mut s, DAY);
    app.open_ticket(&february, &mut s);
    act(&mut app, &mut s, Action::AddTime);
    set(&mut app, FieldId::Duration, "30");
    set(&mut app, FieldId::Started, "2026-02-16 10:00");
    act(&mut app, &mut s, Action::Save);
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none(), "{}", message(&app));
    let d = app.detail.as_ref().expect("the ticket is open");
    let line = d.history.iter().map(|h| h.text.as_str()).find(|t| t.starts_with("oprava za 2026-02"));
    let line = line.unwrap_or_else(|| panic!("{:?}", d.history));
    assert!(line.contains("tiket ") && line.contains("+30 min"), "{line}");
    assert!(line.ends_with(" Kč") && !line.contains("correction"), "{line}");
}
