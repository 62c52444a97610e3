//! The app driven by actions against a fixture store with a fixed clock: no terminal.

mod tui_fixture;

use chrono::Duration;
use helpdesk::app::form::FieldId;
use helpdesk::app::input::InputKey;
use helpdesk::app::queue::Filter;
use helpdesk::app::{Action, App, Effect, Focus, View};
use helpdesk::config::Settings;
use helpdesk::domain::TicketStatus;
use helpdesk::domain::sla::SlaState;
use helpdesk::store::{NewTicket, Store, TicketChange};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_fixture::{DAY, EVENING, act, app, at, store};

fn numbers(app: &App) -> Vec<String> {
    app.queue.visible.iter().map(|&i| app.queue.items[i].ticket.title.clone()).collect()
}

fn states(app: &App) -> Vec<SlaState> {
    app.queue.visible.iter().map(|&i| app.queue.items[i].sla.state).collect()
}

fn typed(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(InputKey::Char(c)), store, app.now);
    }
}

/// Searches all tickets, closed ones too (the search form's second field), for `words`.
fn search_all(app: &mut App, store: &mut Store, words: &str) {
    act(app, store, Action::Search);
    act(app, store, Action::Input(InputKey::ClearToStart));
    typed(app, store, words);
    act(app, store, Action::NextField);
    act(app, store, Action::Input(InputKey::Right));
    act(app, store, Action::Submit);
}

fn select(app: &mut App, store: &mut Store, title: &str) {
    act(app, store, Action::Top);
    while app.queue.selected_item().is_some_and(|i| i.ticket.title != title) {
        let before = app.queue.selected;
        act(app, store, Action::Down);
        assert_ne!(before, app.queue.selected, "{title} not in the queue");
    }
}

#[test]
fn queue_is_ordered_by_urgency_with_every_daytime_state() {
    let (mut s, _) = store();
    let app = app(&mut s, DAY);
    assert_eq!(numbers(&app), ["Server down", "Backup failing", "Printer jams", "Účetní export", "Install help"]);
    assert_eq!(states(&app), [SlaState::Breached, SlaState::AtRisk, SlaState::Running, SlaState::Met, SlaState::NoSla]);
    assert_eq!(app.focus(), Focus::Queue);
    assert_eq!(app.me, "alice");
}

#[test]
fn outside_business_hours_the_running_ticket_is_paused_until_the_next_opening() {
    let (mut s, _) = store();
    let app = app(&mut s, EVENING);
    let printer = app.queue.items.iter().find(|i| i.ticket.title == "Printer jams").unwrap();
    assert_eq!(printer.sla.state, SlaState::Paused);
    assert_eq!(printer.sla.resumes_at, Some(at("2026-03-05T07:00:00Z")));
}

#[test]
fn a_tick_rederives_states_and_the_selection_follows_its_ticket() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Backup failing");
    app.update(Action::Tick, &mut s, at(DAY) + Duration::minutes(15));
    let item = app.queue.selected_item().unwrap();
    assert_eq!((item.ticket.title.as_str(), item.sla.state), ("Backup failing", SlaState::Breached));
}

#[test]
fn filters_narrow_the_queue() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    let cases = [
        (Filter::Mine, vec!["Server down", "Účetní export"]),
        (Filter::Unassigned, vec!["Printer jams"]),
        (Filter::Breached, vec!["Server down"]),
        (Filter::AtRisk, vec!["Backup failing"]),
        (Filter::NeedsResponse, vec!["Server down", "Backup failing", "Printer jams", "Install help"]),
    ];
    for (f, expected) in cases {
        act(&mut app, &mut s, Action::ClearFilters);
        act(&mut app, &mut s, Action::Filter(f));
        assert_eq!(numbers(&app), expected, "{f:?}");
    }
    act(&mut app, &mut s, Action::ClearFilters);
    act(&mut app, &mut s, Action::CycleTier);
    assert_eq!(numbers(&app), ["Server down", "Backup failing"]);
    act(&mut app, &mut s, Action::CycleTier);
    assert_eq!(numbers(&app), ["Printer jams"]);
    act(&mut app, &mut s, Action::ClearFilters);
    assert_eq!(app.queue.visible.len(), 5);
}

/// Filters toggle and hold together (AND); the two of a pair that cannot both hold (mine/unassigned,
/// breached/at risk) switch each other off; `a` clears them all.
#[test]
fn filters_combine_and_toggle() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Filter(Filter::Breached));
    act(&mut app, &mut s, Action::Filter(Filter::Mine));
    assert_eq!(numbers(&app), ["Server down"]);
    assert_eq!(app.queue.describe(&app.settings.tariffs), "mine · breached");
    act(&mut app, &mut s, Action::Filter(Filter::AtRisk));
    assert_eq!(app.queue.describe(&app.settings.tariffs), "mine · at risk", "at risk replaces breached");
    assert!(numbers(&app).is_empty(), "Backup failing is at risk but not mine");
    act(&mut app, &mut s, Action::Filter(Filter::Unassigned));
    assert_eq!(app.queue.describe(&app.settings.tariffs), "unassigned · at risk");
    act(&mut app, &mut s, Action::Filter(Filter::AtRisk));
    assert_eq!(numbers(&app), ["Printer jams"], "pressed again, a filter switches off");
    act(&mut app, &mut s, Action::Filter(Filter::NeedsResponse));
    assert_eq!(numbers(&app), ["Printer jams"]);
    act(&mut app, &mut s, Action::ClearFilters);
    assert_eq!(app.queue.describe(&app.settings.tariffs), "all open");
    assert_eq!(app.queue.visible.len(), 5);
}

#[test]
fn customer_filter_keeps_the_typed_name_when_unknown() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::FilterCustomer);
    typed(&mut app, &mut s, "Betq");
    act(&mut app, &mut s, Action::Submit);
    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.value(FieldId::Customer), "Betq");
    assert_eq!(form.error_of(FieldId::Customer), Some("no customer named `Betq`; N adds one"));
    assert!(app.message.as_ref().unwrap().error);
    act(&mut app, &mut s, Action::Input(InputKey::Backspace));
    typed(&mut app, &mut s, "A");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none());
    assert_eq!(numbers(&app), ["Printer jams"]);
    act(&mut app, &mut s, Action::Back);
    assert_eq!(app.queue.visible.len(), 5, "Esc on a filtered queue clears the filters");
}

#[test]
fn search_finds_without_diacritics() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Search);
    typed(&mut app, &mut s, "ucetni");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(numbers(&app), ["Účetní export"]);
    assert!(app.queue.describe(&app.settings.tariffs).contains("search \"ucetni\""));
}

/// What the status bar said of a list does not outlive the list: leaving a search, a customer's
/// list or the filters says what is shown now (found in tmux: "0 open tickets match … (Esc clears)"
/// stayed after Esc had cleared the search and a customer filter was set).
#[test]
fn the_status_bar_follows_the_list_back_from_a_search_a_filter_and_history() {
    let said = |app: &App| app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Search);
    typed(&mut app, &mut s, "zzzqx");
    act(&mut app, &mut s, Action::Submit);
    assert!(said(&app).contains("zzzqx"), "{}", said(&app));
    act(&mut app, &mut s, Action::Back);
    assert_eq!(said(&app), "filters cleared · all open tickets");
    assert_eq!(app.queue.describe(&app.settings.tariffs), "all open");

    // A customer filter says whose tickets these are; clearing the field lifts it.
    act(&mut app, &mut s, Action::Search);
    typed(&mut app, &mut s, "zzzqx");
    act(&mut app, &mut s, Action::Submit);
    act(&mut app, &mut s, Action::FilterCustomer);
    typed(&mut app, &mut s, "Acme");
    act(&mut app, &mut s, Action::Submit);
    assert!(said(&app).starts_with("open tickets of Acme"), "{}", said(&app));
    act(&mut app, &mut s, Action::FilterCustomer);
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(said(&app), "open tickets of every customer");

    // Back from a search of all tickets (the history list) to the open ones.
    search_all(&mut app, &mut s, "password");
    assert!(app.queue.history.is_some());
    act(&mut app, &mut s, Action::Back);
    assert!(app.queue.history.is_none());
    assert_eq!(said(&app), "all open tickets");
}

#[test]
fn opening_a_ticket_shows_its_history_and_sla() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    let d = app.detail.as_ref().unwrap();
    assert_eq!(d.ticket.title, "Server down");
    assert_eq!(d.sla.state, SlaState::Breached);
    assert_eq!(d.sla.deadline, Some(at("2026-03-03T12:00:00Z")));
    assert!(d.history[0].text.starts_with("opened (incident)"), "{:?}", d.history);
    assert_eq!(d.entries.len(), 1);
    assert_eq!(app.focus(), Focus::Detail);
    act(&mut app, &mut s, Action::Explain);
    assert!(app.detail.as_ref().unwrap().show_explain);
    act(&mut app, &mut s, Action::Back);
    assert!(app.detail.is_some(), "Esc closes the explanation first");
    act(&mut app, &mut s, Action::Back);
    assert!(app.detail.is_none());
}

#[test]
fn an_empty_comment_is_refused_in_place_and_a_real_one_lands_in_the_history() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Comment);
    typed(&mut app, &mut s, "   ");
    act(&mut app, &mut s, Action::Save);
    let form = app.form.as_ref().unwrap();
    assert_eq!(form.error_of(FieldId::Comment), Some("a comment needs some text"));
    typed(&mut app, &mut s, "Rebooted \u{1b}[31mit");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    let last = app.detail.as_ref().unwrap().history.last().unwrap().clone();
    assert_eq!((last.who.as_str(), last.text.as_str()), ("alice", "comment: Rebooted [31mit"));
}

#[test]
fn status_and_assignee_changes_apply_and_a_resolved_ticket_leaves_the_queue() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Printer jams");
    act(&mut app, &mut s, Action::Take);
    assert_eq!(app.queue.selected_item().unwrap().ticket.assignee.as_deref(), Some("alice"));
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Assign);
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "+carol");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(app.detail.as_ref().unwrap().ticket.assignee.as_deref(), Some("carol"));
    act(&mut app, &mut s, Action::SetStatus);
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Status), "new");
    typed(&mut app, &mut s, "r");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(app.detail.as_ref().unwrap().ticket.status, TicketStatus::Resolved);
    assert!(!numbers(&app).contains(&"Printer jams".to_string()));
}

#[test]
fn first_response_asks_for_a_resolution_date_and_stops_the_clock() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Backup failing");
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Respond);
    act(&mut app, &mut s, Action::Submit);
    let form = app.form.as_ref().unwrap();
    assert!(form.error_of(FieldId::ResolveBy).unwrap().starts_with("required"), "{form:?}");
    assert_eq!(form.focus, 1, "focus moves to the bad field");
    typed(&mut app, &mut s, "next week");
    act(&mut app, &mut s, Action::Submit);
    let form = app.form.as_ref().unwrap();
    assert_eq!(form.value(FieldId::ResolveBy), "next week");
    assert!(form.error_of(FieldId::ResolveBy).unwrap().contains("is not a date"));
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "+2");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none(), "{:?}", app.message);
    let d = app.detail.as_ref().unwrap();
    assert_eq!(d.sla.state, SlaState::Met);
    // Two business days after Wednesday: Friday's close, 16:00 Prague.
    assert_eq!(d.ticket.resolve_by, Some(at("2026-03-06T15:00:00Z")));
    act(&mut app, &mut s, Action::Respond);
    assert!(app.form.is_none());
    assert!(app.message.as_ref().unwrap().text.contains("already has its first response"));
}

#[test]
fn one_timer_per_technician_and_switching_says_which_one_stopped() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Printer jams");
    act(&mut app, &mut s, Action::ToggleTimer);
    assert_eq!(app.my_timer.as_ref().unwrap().ticket_title, "Printer jams");
    let later = at(DAY) + Duration::minutes(20);
    select(&mut app, &mut s, "Server down");
    app.update(Action::ToggleTimer, &mut s, later);
    let msg = &app.message.as_ref().unwrap().text;
    assert!(msg.contains("stopped your timer on #3 and logged 20m"), "{msg}");
    assert_eq!(app.my_timer.as_ref().unwrap().ticket_title, "Server down");
    app.update(Action::Open, &mut s, later);
    app.update(Action::ToggleTimer, &mut s, later + Duration::minutes(5));
    assert!(app.my_timer.is_none());
    assert_eq!(app.detail.as_ref().unwrap().entries.len(), 2);
}

/// A held or bouncing `t` toggles many times a second: the presses within three seconds of the start
/// do not stop the timer (each stop booked a minute nobody worked: 20 presses made 10 entries).
#[test]
fn a_held_t_key_does_not_book_a_minute_per_press() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Printer jams");
    let start = at(DAY);
    app.update(Action::Open, &mut s, start);
    let booked = app.detail.as_ref().unwrap().entries.len();
    for i in 0..20 {
        app.update(Action::ToggleTimer, &mut s, start + Duration::milliseconds(50 * i));
    }
    assert_eq!(app.my_timer.as_ref().map(|t| t.ticket_title.as_str()), Some("Printer jams"), "still running");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "the timer started just now: t stops it from 3 seconds after the start (a held key would book minutes \
         nobody worked)"
    );
    assert_eq!(app.detail.as_ref().unwrap().entries.len(), booked, "nothing booked");
    // Three seconds on, `t` stops it as ever (at least a minute).
    app.update(Action::ToggleTimer, &mut s, start + Duration::seconds(3));
    assert!(app.my_timer.is_none());
    assert_eq!(app.detail.as_ref().unwrap().entries.len(), booked + 1);
}

/// A timer on someone else's ticket or on a closed one starts only when asked twice (`t` again); any
/// other key lets the question go. My own or an unassigned open ticket starts at once.
#[test]
fn a_timer_on_someone_elses_or_a_closed_ticket_asks_first() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Backup failing");
    act(&mut app, &mut s, Action::ToggleTimer);
    assert!(app.my_timer.is_none(), "not started yet");
    let m = app.message.clone().unwrap();
    assert_eq!(m.text, "#2 is bob's ticket: press t again to start it anyway, any other key to leave it");
    act(&mut app, &mut s, Action::Down);
    assert!(app.message.is_none() && app.timer_to_confirm.is_none(), "another key: no question, no timer");
    act(&mut app, &mut s, Action::Up);
    act(&mut app, &mut s, Action::ToggleTimer);
    act(&mut app, &mut s, Action::ToggleTimer);
    assert_eq!(app.my_timer.as_ref().map(|t| t.ticket_title.as_str()), Some("Backup failing"));
    assert_eq!(app.message.as_ref().unwrap().text, "timer started on #2");
    s.update_ticket(&ids.running, vec![TicketChange::Status(TicketStatus::Closed)], at(DAY)).unwrap();
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::ToggleTimer);
    assert_eq!(app.my_timer.as_ref().unwrap().ticket_title, "Backup failing", "the closed ticket asks first");
    assert!(app.message.as_ref().unwrap().text.starts_with("#3 is closed: press t again"));
    act(&mut app, &mut s, Action::ToggleTimer);
    assert_eq!(app.my_timer.as_ref().unwrap().ticket_title, "Printer jams");
}

/// `o` orders the queue by the next column (ties by urgency), the title says by which, and the
/// selection stays on its ticket; back to urgency after the last column.
#[test]
fn the_queue_sorts_by_a_cycled_column() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Printer jams");
    act(&mut app, &mut s, Action::CycleSort);
    assert_eq!(numbers(&app), ["Server down", "Backup failing", "Printer jams", "Účetní export", "Install help"]);
    assert_eq!(app.queue.describe(&app.settings.tariffs), "all open · by number");
    assert_eq!(app.message.as_ref().unwrap().text, "queue sorted by number");
    act(&mut app, &mut s, Action::CycleSort);
    assert_eq!(numbers(&app), ["Server down", "Backup failing", "Printer jams", "Install help", "Účetní export"]);
    act(&mut app, &mut s, Action::CycleSort);
    assert_eq!(numbers(&app), ["Server down", "Účetní export", "Backup failing", "Install help", "Printer jams"]);
    assert_eq!(app.queue.selected_item().unwrap().ticket.title, "Printer jams", "the selection follows its ticket");
    act(&mut app, &mut s, Action::CycleSort);
    assert_eq!(numbers(&app), ["Backup failing", "Install help", "Printer jams", "Server down", "Účetní export"]);
    act(&mut app, &mut s, Action::CycleSort);
    assert_eq!(app.queue.describe(&app.settings.tariffs), "all open");
    assert_eq!(numbers(&app), ["Server down", "Backup failing", "Printer jams", "Účetní export", "Install help"]);
}

/// `y` hands the ticket's number to the terminal for the clipboard and says what was copied.
#[test]
fn the_ticket_number_is_copied_and_the_status_says_which() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Printer jams");
    act(&mut app, &mut s, Action::CopyNumber);
    assert_eq!(app.clipboard.as_deref(), Some("3"));
    assert_eq!(app.message.as_ref().unwrap().text, "copied #3 to the clipboard");
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::CopyNumber);
    assert!(app.message.as_ref().unwrap().error, "customers: no ticket to copy");
}

/// Nobody named on the command line, in config.toml or the environment: the first start asks who is
/// working; the answer is who acts from then on, and is handed to the terminal to remember.
#[test]
fn a_nameless_first_start_asks_for_the_name_and_works_under_it() {
    let (mut s, _) = store();
    s.set_actor("technician");
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    app.ask_name();
    assert_eq!(app.focus(), Focus::Form);
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(app.message.as_ref().unwrap().text, "required: your name (your work is recorded under it)");
    typed(&mut app, &mut s, "Lucie Černá");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none());
    assert_eq!((app.me.as_str(), s.actor()), ("Lucie Černá", "Lucie Černá"));
    assert_eq!(app.name_to_remember.as_deref(), Some("Lucie Černá"));
    act(&mut app, &mut s, Action::Take);
    assert_eq!(app.queue.selected_item().unwrap().ticket.assignee.as_deref(), Some("Lucie Černá"));
    act(&mut app, &mut s, Action::Filter(Filter::Mine));
    assert_eq!(numbers(&app), ["Server down"], "mine is hers now");
}

/// The interface's timer books the role of config.toml's `role` (consultants no longer correct every
/// entry to their rate).
#[test]
fn the_timer_books_the_configured_role() {
    let (mut s, ids) = store();
    let mut settings = Settings::defaults();
    settings.app.role = helpdesk::domain::Role::Consultant;
    let mut app = App::new(settings, &mut s, at(DAY));
    select(&mut app, &mut s, "Printer jams");
    act(&mut app, &mut s, Action::ToggleTimer);
    app.update(Action::ToggleTimer, &mut s, at(DAY) + Duration::minutes(30));
    let entries = s.time_entries(&ids.running).unwrap();
    let last = entries.iter().max_by_key(|e| e.started_at).unwrap();
    assert_eq!((last.minutes, last.role), (30, helpdesk::domain::Role::Consultant));
}

#[test]
fn time_entries_are_added_and_corrected_from_typed_durations() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::AddTime);
    typed(&mut app, &mut s, "1h75");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.as_ref().unwrap().error_of(FieldId::Duration).unwrap().contains("is not a duration"));
    // Nothing typed: said as empty, with an example (bb5 #9: "`` is not a duration").
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    act(&mut app, &mut s, Action::Submit);
    let said = app.form.as_ref().unwrap().error_of(FieldId::Duration).unwrap().to_string();
    assert!(said.starts_with("the duration is empty: type it, e.g. 45"), "{said}");
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "1:30");
    act(&mut app, &mut s, Action::Submit);
    let d = app.detail.as_ref().unwrap();
    assert_eq!(d.entries.iter().map(|e| e.minutes).collect::<Vec<_>>(), [45, 90]);
    assert_eq!(d.entries[1].started_at, at(DAY) - Duration::minutes(90));
    act(&mut app, &mut s, Action::Up);
    act(&mut app, &mut s, Action::CorrectTime);
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Duration), "45m");
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "1h");
    act(&mut app, &mut s, Action::Submit);
    let d = app.detail.as_ref().unwrap();
    let mut minutes: Vec<u32> = d.entries.iter().map(|e| e.minutes).collect();
    minutes.sort();
    assert_eq!(minutes, [60, 90]);
    assert!(d.history.iter().any(|h| h.text.starts_with("corrected an entry to 1h")));
}

#[test]
fn the_new_ticket_form_marks_every_bad_field_and_then_opens_the_ticket() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NewTicket);
    act(&mut app, &mut s, Action::Submit);
    let form = app.form.as_ref().unwrap();
    assert!(form.error_of(FieldId::Customer).is_some() && form.error_of(FieldId::Title).is_some());
    assert_eq!(form.focus, 0, "focus moves to the first bad field");
    typed(&mut app, &mut s, "Nobody");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.as_ref().unwrap().error_of(FieldId::Customer).unwrap().contains("no customer named `Nobody`"));
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "gamma");
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "VPN drops");
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none(), "{:?}", app.form);
    let d = app.detail.as_ref().unwrap();
    assert_eq!((d.ticket.title.as_str(), d.ticket.kind.as_str()), ("VPN drops", "incident"));
    assert_eq!(d.ticket.assignee.as_deref(), Some("alice"));
    assert_eq!(app.queue.items.len(), 6);
}

/// bb5 #9: a refusal names its field: an empty customer name says what is required (not a bare
/// "required"), a Received time in the future says which field.
#[test]
fn an_empty_name_and_a_future_time_name_their_field() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NewCustomer);
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(app.form.as_ref().unwrap().error_of(FieldId::Name), Some("required: the customer's name"));
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::NewTicket);
    typed(&mut app, &mut s, "gamma");
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "VPN drops");
    let form = app.form.as_mut().unwrap();
    form.focus = form.fields.iter().position(|f| f.id == FieldId::Received).unwrap();
    act(&mut app, &mut s, Action::Input(InputKey::End));
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "2099-01-01 10:00");
    act(&mut app, &mut s, Action::Submit);
    let said = app.form.as_ref().unwrap().error_of(FieldId::Received).unwrap().to_string();
    assert_eq!(said, "Received: cannot be in the future; give a time up to now");
}

#[test]
fn the_new_customer_form_refuses_a_duplicate_and_a_bad_month() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NewCustomer);
    typed(&mut app, &mut s, "ACME");
    for _ in 0..3 {
        act(&mut app, &mut s, Action::NextField);
    }
    typed(&mut app, &mut s, "x");
    act(&mut app, &mut s, Action::Submit);
    let form = app.form.as_ref().unwrap();
    assert!(form.error_of(FieldId::Since).unwrap().contains("is not a month"));
    act(&mut app, &mut s, Action::Input(InputKey::Backspace));
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.as_ref().unwrap().error_of(FieldId::Name).unwrap().contains("already exists"));
    assert_eq!(app.form.as_ref().unwrap().focus, 0);
    typed(&mut app, &mut s, " Two");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none());
    assert_eq!(app.customer_count, 5);
}

#[test]
fn jump_goes_to_a_ticket_number_or_says_what_is_wrong() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Jump);
    typed(&mut app, &mut s, "99");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.as_ref().unwrap().error_of(FieldId::Ticket).unwrap().starts_with("no ticket 99"));
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "#3");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(app.detail.as_ref().unwrap().ticket.title, "Printer jams");
}

#[test]
fn the_board_shows_breaches_promises_timers_load_and_compliance() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::NextView);
    assert_eq!(app.view, View::Board);
    let b = &app.board;
    let title = |id: &helpdesk::domain::TicketId| {
        app.queue.items.iter().find(|i| &i.ticket.id == id).unwrap().ticket.title.clone()
    };
    assert_eq!(b.urgent.iter().map(title).collect::<Vec<_>>(), ["Server down", "Backup failing"]);
    assert_eq!(b.overdue.iter().map(title).collect::<Vec<_>>(), ["Účetní export"]);
    assert_eq!(b.timers.len(), 1);
    assert!(helpdesk::statements::timers::is_forgotten(&app.settings, &b.timers[0], app.now));
    let alice = &b.load[&Some("alice".to_string())];
    assert_eq!((alice.open, alice.breached), (2, 1));
    let pct: Vec<_> = b.compliance.this_month.iter().map(|c| (c.tier.as_str(), c.met, c.due)).collect();
    assert_eq!(pct, [("vip", 0, 1), ("plus", 0, 0), ("standard", 2, 2)]);
    let near: Vec<_> =
        app.customers.lines.iter().filter(|l| l.near_prepaid()).map(|l| l.customer.name.as_str()).collect();
    assert_eq!(near, ["Beta"]);
    act(&mut app, &mut s, Action::Down);
    act(&mut app, &mut s, Action::Open);
    assert_eq!(app.detail.as_ref().unwrap().ticket.title, "Backup failing");
}

#[test]
fn customers_show_prepaid_use_overage_and_open_tickets() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NextView);
    assert_eq!(app.focus(), Focus::Customers);
    let beta = app.customers.lines.iter().find(|l| l.customer.name == "Beta").unwrap();
    assert_eq!((beta.prepaid, beta.used, beta.left, beta.overage_minutes), (60, 60, 0, 30));
    assert_eq!(beta.overage_amount.to_string(), "400.00");
    assert_eq!((beta.open_tickets, beta.consultations_quota, beta.reports_done, beta.reports_quota), (1, 1, 0, 1));
    let acme = app.customers.lines.iter().find(|l| l.customer.name == "Acme").unwrap();
    assert_eq!((acme.used, acme.open_tickets), (0, 2), "incidents draw no prepaid minutes");
    select_customer(&mut app, &mut s, "Beta");
    act(&mut app, &mut s, Action::Open);
    assert_eq!((app.view, numbers(&app)), (View::Queue, vec!["Printer jams".to_string()]));
}

fn select_customer(app: &mut App, store: &mut Store, name: &str) {
    act(app, store, Action::Top);
    while app.customers.selected_line().unwrap().customer.name != name {
        act(app, store, Action::Down);
    }
}

#[test]
fn another_process_commit_appears_on_the_next_tick() {
    let (dir, mut mine, mut app) = shared_file();
    let path = dir.path().join("shared.db");
    assert_eq!(app.queue.items.len(), 5);
    let mut theirs = Store::open(&path, "bob").unwrap();
    let beta = theirs.customer_by_name("Beta").unwrap().unwrap();
    let new = NewTicket {
        customer_id: beta.id,
        title: "Scanner offline".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Request,
        assignee: None,
        received_at: at(DAY),
    };
    theirs.open_ticket(new, at(DAY)).unwrap();
    assert_eq!(app.queue.items.len(), 5, "nothing changes before the tick");
    app.update(Action::Tick, &mut mine, at(DAY) + Duration::seconds(1));
    assert_eq!(app.queue.items.len(), 6);
    assert!(numbers(&app).contains(&"Scanner offline".to_string()));
}

#[test]
fn an_empty_database_opens_on_an_empty_queue() {
    let mut s = Store::open_in_memory("alice").unwrap();
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    assert_eq!((app.customer_count, app.queue.items.len()), (0, 0));
    for a in [
        Action::Open,
        Action::Down,
        Action::PageDown,
        Action::Bottom,
        Action::ToggleTimer,
        Action::Comment,
        Action::Take,
    ] {
        act(&mut app, &mut s, a);
    }
    assert!(app.detail.is_none() && app.form.is_none());
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::NextView);
    assert_eq!(app.view, View::Board);
}

#[test]
fn q_goes_back_from_a_ticket_and_quits_from_the_top() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Quit);
    assert!(app.detail.is_none() && !app.quit);
    act(&mut app, &mut s, Action::Help);
    act(&mut app, &mut s, Action::Quit);
    assert!(!app.help && !app.quit);
    act(&mut app, &mut s, Action::Quit);
    assert!(app.quit);
    let mut app2 = tui_fixture::app(&mut s, DAY);
    act(&mut app2, &mut s, Action::Open);
    act(&mut app2, &mut s, Action::ForceQuit);
    assert!(app2.quit);
}

#[test]
fn paging_keeps_the_selection_in_the_window() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: 2 });
    act(&mut app, &mut s, Action::Bottom);
    assert_eq!((app.queue.selected, app.queue.offset), (4, 3));
    act(&mut app, &mut s, Action::PageUp);
    assert_eq!((app.queue.selected, app.queue.offset), (2, 2));
    act(&mut app, &mut s, Action::Top);
    assert_eq!((app.queue.selected, app.queue.offset), (0, 0));
}

/// A second process on the same file adds 20 minutes for Gamma (ticket 4).
fn bob_logs_gamma_time(path: &std::path::Path) {
    let mut theirs = Store::open(path, "bob").unwrap();
    let ticket = theirs.require_ticket(&"4".parse().unwrap()).unwrap();
    let entry = helpdesk::store::NewEntry {
        ticket_id: ticket.summary.id,
        started_at: at("2026-03-04T08:00:00Z"),
        minutes: helpdesk::domain::Minutes::new(20).unwrap(),
        role: helpdesk::domain::Role::Technician,
        technician: "bob".into(),
        note: String::new(),
    };
    theirs.add_time_entry(entry, at(DAY)).unwrap();
}

/// The fixture in a file another process may write to (its directory keeps it), and my interface on it.
fn shared_file() -> (tempfile::TempDir, Store, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = Store::open(&dir.path().join("shared.db"), "alice").unwrap();
    tui_fixture::fill(&mut mine);
    let app = App::new(Settings::defaults(), &mut mine, at(DAY));
    (dir, mine, app)
}

fn gamma_used(app: &App) -> u32 {
    app.customers.lines.iter().find(|l| l.customer.name == "Gamma").unwrap().used
}

#[test]
fn customer_summaries_follow_other_processes_on_the_next_tick() {
    // Finding #2: the Customers view lagged another process's change by up to 15 s.
    let (dir, mut mine, mut app) = shared_file();
    let path = dir.path().join("shared.db");
    app.update(Action::NextView, &mut mine, at(DAY));
    assert_eq!(app.view, View::Customers);
    assert_eq!(gamma_used(&app), 0);
    bob_logs_gamma_time(&path);
    app.update(Action::Tick, &mut mine, at(DAY) + Duration::seconds(1));
    assert_eq!(gamma_used(&app), 30, "20 minutes round up to 30");
}

#[test]
fn the_boards_prepaid_panel_follows_other_processes_on_the_next_tick() {
    // Finding #1: the board's summaries were refreshed only on entering the board.
    let (dir, mut mine, mut app) = shared_file();
    let path = dir.path().join("shared.db");
    while app.view != View::Board {
        app.update(Action::NextView, &mut mine, at(DAY));
    }
    assert_eq!(gamma_used(&app), 0);
    bob_logs_gamma_time(&path);
    for s in 1..=3 {
        app.update(Action::Tick, &mut mine, at(DAY) + Duration::seconds(s));
    }
    assert_eq!(gamma_used(&app), 30, "the board shows the new figures without leaving it");
}

#[test]
fn a_change_during_a_recomputation_is_picked_up_by_the_next_one() {
    let (dir, mut mine, mut app) = shared_file();
    let path = dir.path().join("shared.db");
    app.update(Action::NextView, &mut mine, at(DAY));
    // From here on, every step computes one customer at most: a recomputation takes several steps.
    app.summary_budget = Some(std::time::Duration::ZERO);
    bob_logs_gamma_time(&path);
    app.update(Action::Tick, &mut mine, at(DAY) + Duration::seconds(1));
    assert!(app.customers.progress(3).is_some(), "the title says the figures are being updated");
    assert_eq!(gamma_used(&app), 0, "the previous figures stay until the new ones are complete");
    let mut steps = 0;
    while app.has_background_work() {
        app.update(Action::Background, &mut mine, at(DAY) + Duration::seconds(1));
        steps += 1;
        assert!(steps < 100, "the recomputation finishes");
    }
    assert_eq!(gamma_used(&app), 30);
}

#[test]
fn without_a_terminal_the_interface_refuses_and_says_what_to_use() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("helpdesk")
        .unwrap()
        .args(["--db", dir.path().join("h.db").to_str().unwrap()])
        .env("HELPDESK_CONFIG_DIR", dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr("helpdesk: the interface needs a terminal; for scripts use the subcommands (see `helpdesk --help`)\n");
}

#[test]
fn a_key_given_to_two_commands_is_refused_at_start_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "[keys]\nfilter_mine = \"q\"\n").unwrap();
    assert_cmd::Command::cargo_bin("helpdesk")
        .unwrap()
        .args(["--db", dir.path().join("h.db").to_str().unwrap(), "--lang", "en"])
        .env("HELPDESK_CONFIG_DIR", dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "helpdesk: bad configuration: config.toml [keys]: the key `q` is given to both filter_mine and quit \
             (in the Queue); give one of them another key\n",
        );
    assert!(!dir.path().join("h.db").exists(), "refused before the file is opened");
}

#[test]
fn a_typed_customer_may_be_the_start_of_a_name_without_diacritics_if_it_is_unique() {
    let (mut s, _) = store();
    s.add_customer("Účetní Dvořák", "", helpdesk::domain::Tier::Plus, "2026-01".parse().unwrap(), at(DAY)).unwrap();
    s.add_customer("Acme Two", "", helpdesk::domain::Tier::Plus, "2026-01".parse().unwrap(), at(DAY)).unwrap();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::FilterCustomer);
    typed(&mut app, &mut s, "ac");
    act(&mut app, &mut s, Action::Submit);
    let err = app.form.as_ref().unwrap().error_of(FieldId::Customer).unwrap().to_string();
    assert_eq!(err, "`ac` matches Acme, Acme Two…; type more of the name");
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "ucet");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none());
    assert_eq!(app.queue.customer.as_ref().map(|c| c.name.as_str()), Some("Účetní Dvořák"));
    act(&mut app, &mut s, Action::FilterCustomer);
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "acme");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(numbers(&app), ["Server down", "Backup failing"], "an exact name wins over longer ones");
}

#[test]
fn a_timer_left_running_for_too_long_asks_on_start_what_was_really_worked() {
    let (mut s, ids) = store();
    // Bob's timer on "Backup failing" started 2026-03-03T20:00Z; next morning it has run 13 h.
    s.set_actor("bob");
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    let form = app.form.as_ref().expect("the forgotten timer asks");
    assert!(form.title.contains("has been running for 13h"), "{}", form.title);
    typed(&mut app, &mut s, "abc");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.as_ref().unwrap().error_of(FieldId::Worked).is_some(), "bad input keeps the form open");
    for _ in 0..3 {
        act(&mut app, &mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut app, &mut s, "1h30");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none());
    assert!(app.my_timer.is_none());
    let entries = s.time_entries(&ids.at_risk).unwrap();
    assert_eq!(entries.iter().map(|e| e.minutes).collect::<Vec<_>>(), [90]);
    assert_eq!(entries[0].started_at, at("2026-03-03T20:00:00Z"));
}

#[test]
fn esc_keeps_a_forgotten_timer_running() {
    let (mut s, _) = store();
    s.set_actor("bob");
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    assert!(app.form.is_some());
    act(&mut app, &mut s, Action::Cancel);
    assert!(app.form.is_none());
    assert!(app.my_timer.is_some());
}

#[test]
fn a_status_change_that_would_overwrite_someone_elses_is_refused_and_shown() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Printer jams");
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::SetStatus);
    // Meanwhile another technician sets it to waiting (the app has not reloaded yet).
    let loaded = s.ticket(&ids.running).unwrap().unwrap();
    s.update_ticket_checked(&loaded, vec![helpdesk::store::TicketChange::Status(TicketStatus::Waiting)], at(DAY))
        .unwrap();
    // The form still shows the status as it was; choosing another one and saving is refused.
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    act(&mut app, &mut s, Action::Submit);
    let msg = &app.message.as_ref().unwrap().text;
    assert!(msg.contains("someone else changed its status to `waiting`"), "{msg}");
    assert_eq!(s.ticket(&ids.running).unwrap().unwrap().status, TicketStatus::Waiting);
}

#[test]
fn s_opens_the_customers_statement_brackets_step_months_and_esc_goes_back() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NextView);
    select_customer(&mut app, &mut s, "Beta");
    let keys = helpdesk::keymap::Keymap::default();
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(keys.resolve(Focus::Customers, &key('s')), Some(Action::Statement));
    act(&mut app, &mut s, Action::Statement);
    assert_eq!(app.focus(), Focus::Statement);
    assert_eq!(keys.resolve(Focus::Statement, &key('[')), Some(Action::PrevMonth));
    assert_eq!(keys.resolve(Focus::Statement, &key(']')), Some(Action::NextMonth));
    let st = app.statement.as_ref().unwrap();
    assert_eq!((st.customer.name.as_str(), st.month.to_string().as_str()), ("Beta", "2026-03"));
    let d = st.doc.as_ref().unwrap();
    let line = &d.lines[0];
    assert_eq!((line.title.as_str(), line.raw_minutes, line.rounded_minutes), ("Printer jams", 90, 90));
    assert_eq!((d.prepaid_used_minutes, d.prepaid_left_minutes, d.overage_minutes), (60, 0, 30));
    assert_eq!((d.overage_amount.as_str(), d.closed), ("400.00", false));
    act(&mut app, &mut s, Action::PrevMonth);
    let st = app.statement.as_ref().unwrap();
    assert_eq!(st.month.to_string(), "2026-02");
    assert!(st.doc.as_ref().unwrap().lines.is_empty(), "no work in February");
    act(&mut app, &mut s, Action::NextMonth);
    act(&mut app, &mut s, Action::NextMonth);
    assert_eq!(app.statement.as_ref().unwrap().month.to_string(), "2026-04");
    act(&mut app, &mut s, Action::Open);
    assert_eq!(app.view, View::Customers, "Enter does nothing on a statement");
    act(&mut app, &mut s, Action::Back);
    assert!(app.statement.is_none());
    assert_eq!(app.focus(), Focus::Customers);
    assert_eq!(app.customers.selected_line().unwrap().customer.name, "Beta");
}

#[test]
fn a_closed_month_shows_its_frozen_statement_with_the_correction_booked_later() {
    let (mut s, _) = store();
    tui_fixture::overage_three_months(&mut s, &Settings::defaults());
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NextView);
    select_customer(&mut app, &mut s, "Beta");
    act(&mut app, &mut s, Action::Statement);
    let march = app.statement.as_ref().unwrap().doc.clone().unwrap();
    assert_eq!(march.adjustments.len(), 1, "the February correction is billed in March");
    assert_eq!(march.upgrade_to, Some(helpdesk::domain::Tier::Vip));
    act(&mut app, &mut s, Action::PrevMonth);
    let feb = app.statement.as_ref().unwrap().doc.clone().unwrap();
    assert!(feb.closed);
    assert_eq!((feb.lines[0].raw_minutes, feb.overage_minutes), (120, 60));
    assert_eq!(feb.later_corrections, march.adjustments);
    act(&mut app, &mut s, Action::Quit);
    assert!(app.statement.is_none() && !app.quit, "q closes the statement first");
}

#[test]
fn the_board_suggests_an_upgrade_after_three_months_of_overage() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::PrevView);
    assert_eq!(app.view, View::Board);
    assert!(app.customers.upgrades(3).is_empty(), "the fixture's Beta is over in March only");
    tui_fixture::overage_three_months(&mut s, &Settings::defaults());
    app.reload(&mut s);
    let upgrades: Vec<_> = app
        .customers
        .upgrades(app.settings.tariffs.upgrade_after_months)
        .into_iter()
        .map(|(l, to, months)| {
            (l.customer.name.clone(), to, months.iter().map(ToString::to_string).collect::<Vec<_>>())
        })
        .collect();
    assert_eq!(
        upgrades,
        [(
            "Beta".to_string(),
            helpdesk::domain::Tier::Vip,
            vec!["2026-01".to_string(), "2026-02".to_string(), "2026-03".to_string()]
        )]
    );
}

#[test]
fn the_board_keeps_last_months_upgrade_suggestion_on_the_first_of_the_month() {
    // bb8 #5: Beta is over in January, February and March; on 1 April (no April work yet) the board
    // and the Customers view still suggest VIP from March's complete statement, naming the months.
    let (mut s, _) = store();
    tui_fixture::overage_three_months(&mut s, &Settings::defaults());
    let mut app = app(&mut s, "2026-04-01T06:00:00Z");
    act(&mut app, &mut s, Action::PrevView);
    assert_eq!(app.view, View::Board);
    let upgrades: Vec<_> = app
        .customers
        .upgrades(3)
        .into_iter()
        .map(|(l, to, months)| (l.customer.name.clone(), to, months.iter().map(ToString::to_string).collect()))
        .collect::<Vec<(String, helpdesk::domain::Tier, Vec<String>)>>();
    assert_eq!(
        upgrades,
        [("Beta".to_string(), helpdesk::domain::Tier::Vip, vec!["2026-01".into(), "2026-02".into(), "2026-03".into()])]
    );
    // Moved up from April: not suggested again; the empty panel names the months it looked at.
    let beta = s.customer_by_name("Beta").unwrap().unwrap();
    let april = helpdesk::domain::YearMonth::new(2026, 4).unwrap();
    s.set_tier(&beta.id, april, helpdesk::domain::Tier::Vip, at("2026-04-01T06:00:00Z")).unwrap();
    app.reload(&mut s);
    assert!(app.customers.upgrades(3).is_empty());
    let screen = tui_fixture::boxed(&tui_fixture::drawn(&app, 160, 50), "Upgrade suggested");
    assert!(screen.contains("No overage 3 months running (to 2026-03 / 2026-04)."), "{screen}");
}

#[test]
fn a_new_month_recomputes_the_customer_summaries_and_the_board_on_the_next_tick() {
    // bb8 #14: opened at 23:59:30 on 31 March (Prague) with Beta over its prepaid minutes in March;
    // nothing is written, the clock crosses midnight: the next tick shows April.
    let (mut s, _) = store();
    let mut app = app(&mut s, "2026-03-31T21:59:30Z");
    act(&mut app, &mut s, Action::PrevView);
    assert_eq!(app.view, View::Board);
    let beta = |app: &App| app.customers.lines.iter().find(|l| l.customer.name == "Beta").unwrap().overage_minutes;
    assert_eq!(app.customers.month.map(|m| m.to_string()), Some("2026-03".into()));
    assert!(beta(&app) > 0);
    let title = |app: &App| {
        let screen = tui_fixture::boxes(&tui_fixture::drawn(app, 160, 50), &["Near or over prepaid"]);
        screen.lines().next().unwrap_or_default().to_string()
    };
    // (Beta over; Acme's forgotten timer, started in March, counts there too: bb8 #8.)
    assert!(title(&app).contains("Near or over prepaid 2026-03 (2)"), "{}", title(&app));
    app.update(Action::Tick, &mut s, at("2026-03-31T22:00:30Z"));
    // The steps the event loop runs between keys.
    for _ in 0..4 {
        act(&mut app, &mut s, Action::Background);
    }
    assert_eq!(app.customers.month.map(|m| m.to_string()), Some("2026-04".into()));
    assert_eq!(beta(&app), 0);
    assert!(title(&app).contains("Near or over prepaid 2026-04 (0)"), "{}", title(&app));
    // The Customers view too.
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::NextView);
    assert_eq!(app.view, View::Customers);
    assert_eq!(app.customers.month.map(|m| m.to_string()), Some("2026-04".into()));
}

#[test]
fn a_change_request_says_whether_the_contract_includes_it() {
    let (mut s, ids) = store();
    let migration = tui_fixture::overage_three_months(&mut s, &Settings::defaults());
    let mut app = app(&mut s, DAY);
    app.open_ticket(&migration, &mut s);
    let (included, note) = app.detail.as_ref().unwrap().entitlement.clone().unwrap();
    assert_eq!(included, helpdesk::domain::tariff::Entitlement::Partly);
    assert_eq!(note, "product modifications are partly included in PLUS");
    let gamma = s.customer_by_name("Gamma").unwrap().unwrap();
    let t = s
        .open_ticket(
            NewTicket {
                customer_id: gamma.id,
                title: "New report column".into(),
                description: String::new(),
                kind: helpdesk::domain::TicketKind::Change,
                assignee: None,
                received_at: at(DAY),
            },
            at(DAY),
        )
        .unwrap();
    app.open_ticket(&t.id, &mut s);
    let (included, note) = app.detail.as_ref().unwrap().entitlement.clone().unwrap();
    assert_eq!(included, helpdesk::domain::tariff::Entitlement::No);
    assert!(note.contains("not included in STANDARD: this change is billed as paid work"), "{note}");
    app.open_ticket(&ids.breached, &mut s);
    assert_eq!(app.detail.as_ref().unwrap().entitlement, None, "only change requests carry the note");
}

#[test]
fn customer_summaries_are_computed_in_steps_between_keys_with_the_same_result() {
    let (mut s, _) = store();
    for i in 0..120 {
        s.add_customer(
            &format!("Zákazník {i:03}"),
            "",
            helpdesk::domain::Tier::Plus,
            "2026-01".parse().unwrap(),
            at(DAY),
        )
        .unwrap();
    }
    // All at once (no budget), as scripts and the other tests see it.
    let mut whole = app(&mut s, DAY);
    act(&mut whole, &mut s, Action::NextView);
    assert_eq!(whole.focus(), Focus::Customers);
    assert!(!whole.has_background_work());
    let expected: Vec<String> = whole.customers.lines.iter().map(|l| format!("{l:?}")).collect();
    assert_eq!(expected.len(), whole.customer_count as usize);

    // In steps: a zero budget still summarises one customer per step; the first shows at once, with
    // progress.
    let mut stepped = app(&mut s, DAY);
    stepped.summary_budget = Some(std::time::Duration::ZERO);
    act(&mut stepped, &mut s, Action::NextView);
    assert!(stepped.has_background_work());
    let shown = stepped.customers.lines.len();
    assert!(shown > 0 && shown < expected.len(), "{shown} of {}", expected.len());
    assert_eq!(stepped.customers.progress(expected.len()), Some((shown, expected.len())));
    // Keys keep working while summaries are computed.
    act(&mut stepped, &mut s, Action::Background);
    act(&mut stepped, &mut s, Action::Down);
    assert_eq!(stepped.customers.selected, 1);
    let mut steps = 0;
    while stepped.has_background_work() {
        act(&mut stepped, &mut s, Action::Background);
        steps += 1;
        assert!(steps <= expected.len(), "summaries never finish");
    }
    assert_eq!(steps, expected.len() - 1, "one customer per step, and one that finds no more");
    let got: Vec<String> = stepped.customers.lines.iter().map(|l| format!("{l:?}")).collect();
    assert_eq!(got, expected);
    assert_eq!(stepped.customers.selected, 1, "the selection survives the swap");
}

#[test]
fn a_customers_every_ticket_closed_ones_too_newest_first() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NextView);
    while app.customers.selected_line().is_some_and(|l| l.customer.name != "Gamma") {
        act(&mut app, &mut s, Action::Down);
    }
    act(&mut app, &mut s, Action::History);
    assert_eq!(app.view, View::Queue);
    let titles =
        |app: &App| -> Vec<String> { app.queue.window(0, 50).iter().map(|i| i.ticket.title.clone()).collect() };
    assert_eq!(titles(&app), ["Účetní export", "Password reset"], "newest first, the closed one too");
    assert_eq!(app.queue.describe(&app.settings.tariffs), "Gamma: every ticket, newest first");

    act(&mut app, &mut s, Action::Bottom);
    assert_eq!(app.queue.selected_item().unwrap().ticket.title, "Password reset");
    act(&mut app, &mut s, Action::Open);
    assert_eq!(app.detail.as_ref().unwrap().ticket.title, "Password reset", "a closed ticket opens");
    act(&mut app, &mut s, Action::Back);
    assert!(app.detail.is_none() && app.queue.history.is_some(), "back to the history");
    act(&mut app, &mut s, Action::Back);
    assert!(app.queue.history.is_none(), "back to the open tickets");
    assert_eq!(app.queue.len(), 5);

    // From the queue: the selected ticket's customer; a filter key leaves the history.
    select(&mut app, &mut s, "Server down");
    act(&mut app, &mut s, Action::History);
    assert_eq!(titles(&app), ["Backup failing", "Server down"]);
    act(&mut app, &mut s, Action::Filter(Filter::Mine));
    assert!(app.queue.history.is_none());
    assert_eq!(numbers(&app), ["Server down", "Účetní export"]);
}

#[test]
fn searching_all_tickets_lists_closed_ones_too_newest_first() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    // The open tickets only (the default): the closed "Password reset" is not among them.
    act(&mut app, &mut s, Action::Search);
    typed(&mut app, &mut s, "password");
    act(&mut app, &mut s, Action::Submit);
    assert!(numbers(&app).is_empty());
    // All tickets: the search form's second field.
    search_all(&mut app, &mut s, "password");
    let titles: Vec<String> = app.queue.window(0, 50).iter().map(|i| i.ticket.title.clone()).collect();
    assert_eq!(titles, ["Password reset"]);
    assert_eq!(app.queue.describe(&app.settings.tariffs), "all tickets matching \"password\", newest first");
    let said = app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.starts_with("1 ticket, open or closed, matches"), "{said}");
    act(&mut app, &mut s, Action::Open);
    assert_eq!(app.detail.as_ref().unwrap().ticket.title, "Password reset");
    act(&mut app, &mut s, Action::Back);
    act(&mut app, &mut s, Action::Back);
    assert!(app.queue.history.is_none());

    // Words of several tickets: the newest first; nothing typed: the field says so, the form stays.
    act(&mut app, &mut s, Action::Search);
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "details customer");
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(app.queue.len(), 6, "every ticket's description has these words");
    assert_eq!(app.queue.window(0, 1)[0].ticket.title, "Install help", "received last");
    act(&mut app, &mut s, Action::Search);
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_some(), "an empty search is refused in place");
}

#[test]
fn a_click_in_a_customers_every_ticket_list_selects_that_row() {
    let (mut s, _) = store();
    let gamma = s.customer_by_name("Gamma").unwrap().unwrap();
    for i in 0..12 {
        let t = s
            .open_ticket(
                NewTicket {
                    customer_id: gamma.id.clone(),
                    title: format!("Old request {i:02}"),
                    description: String::new(),
                    kind: helpdesk::domain::TicketKind::Request,
                    assignee: None,
                    received_at: at("2026-02-02T09:00:00Z") + Duration::hours(i),
                },
                at("2026-02-02T09:00:00Z"),
            )
            .unwrap();
        s.update_ticket(&t.id, vec![helpdesk::store::TicketChange::Status(TicketStatus::Closed)], at(DAY)).unwrap();
    }
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Účetní export");
    act(&mut app, &mut s, Action::History);
    assert_eq!(app.queue.len(), 14, "more rows than the open queue has");
    let size = ratatui::layout::Rect::new(0, 0, 120, 30);
    // Screen rows: tabs (0), the table's border (1) and header (2), then list rows from 3.
    let index = helpdesk::ui::list_row_at(&app, size, 10, 3 + 9).expect("a row of the list");
    assert_eq!(index, 9);
    act(&mut app, &mut s, Action::ClickRow(index));
    assert_eq!(app.queue.selected_item().unwrap().ticket.title, app.queue.window(9, 1)[0].ticket.title);
    assert_eq!(app.queue.selected_index(), 9);
}

#[test]
fn the_open_queue_keeps_its_selection_under_a_customers_every_ticket_list() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Server down");
    act(&mut app, &mut s, Action::History);
    assert_eq!(app.queue.selected_item().unwrap().ticket.title, "Backup failing", "newest of Acme's");
    act(&mut app, &mut s, Action::Tick);
    act(&mut app, &mut s, Action::Back);
    assert_eq!(app.queue.selected_item().unwrap().ticket.title, "Server down");
}

#[test]
fn at_the_deadline_instant_a_ticket_is_at_risk_with_nothing_left_and_not_yet_a_missed_deadline_on_the_board() {
    let (mut s, ids) = store();
    // "Server down" (VIP, received Tuesday 09:00 Prague) is due Tuesday 13:00 Prague.
    let due = at("2026-03-03T12:00:00Z");
    // Half a second past it is still the deadline's own second (instants are whole seconds in the file).
    for (now, state, compliance) in [
        (due, SlaState::AtRisk, (0, 0)),
        (due + Duration::milliseconds(500), SlaState::AtRisk, (0, 0)),
        (due + Duration::seconds(1), SlaState::Breached, (0, 1)),
    ] {
        let mut app = app(&mut s, &now.to_rfc3339());
        let item = app.queue.items.iter().find(|i| i.ticket.id == ids.breached).unwrap();
        assert_eq!(item.sla.state, state, "at {now}");
        if state == SlaState::AtRisk {
            assert_eq!(item.sla.left, Duration::zero());
        }
        act(&mut app, &mut s, Action::NextView);
        act(&mut app, &mut s, Action::NextView);
        let vip = app.board.compliance.this_month.iter().find(|c| c.tier == helpdesk::domain::Tier::Vip).unwrap();
        assert_eq!((vip.met, vip.due), compliance, "at {now}");
    }
}

#[test]
fn stopping_or_switching_a_forgotten_timer_asks_what_was_worked_instead_of_booking_it() {
    let (mut s, ids) = store();
    s.set_actor("bob");
    let mut app = App::new(Settings::defaults(), &mut s, at(DAY));
    act(&mut app, &mut s, Action::Cancel);
    assert!(app.form.is_none(), "Esc kept it running");
    let before = s.state_dump().unwrap();
    // `t` on the timer's own ticket (stop) and on another ticket (switch) both ask again, booking nothing.
    for title in ["Backup failing", "Printer jams"] {
        select(&mut app, &mut s, title);
        act(&mut app, &mut s, Action::ToggleTimer);
        let form = app.form.as_ref().expect("asks what was really worked");
        assert!(form.title.contains("has been running for 13h"), "{}", form.title);
        assert_eq!(s.state_dump().unwrap(), before, "nothing booked");
        act(&mut app, &mut s, Action::Cancel);
    }
    assert_eq!(app.my_timer.as_ref().map(|t| t.ticket_id.clone()), Some(ids.at_risk.clone()));
}

// Issue 17, fault 1: pasted text is one `Action::Paste`, never keys.

#[test]
fn pasting_two_lines_into_a_one_line_field_is_refused_and_runs_no_keys() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NewCustomer);
    act(&mut app, &mut s, Action::Paste("Name\nsecond line".into()));
    let form = app.form.as_ref().expect("the form stays open: a pasted newline is not Enter");
    assert_eq!(form.value(FieldId::Name), "");
    let m = app.message.as_ref().unwrap();
    assert!(m.error && m.text.contains("Name: one line only; 2 pasted lines refused"), "{m:?}");
    assert!(app.queue.filters.is_empty(), "nothing of the paste ran as queue keys");
    // Terminals send the line break as CR too.
    act(&mut app, &mut s, Action::Paste("Name\rsecond line".into()));
    assert!(app.message.as_ref().unwrap().text.contains("2 pasted lines refused"));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Name), "");
    // A line copied with its newline goes in without it.
    act(&mut app, &mut s, Action::Paste("Zeta s.r.o.\r\n".into()));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Name), "Zeta s.r.o.");
    // Into a choice: one of its values, or nothing.
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Paste("vip".into()));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Tier), "vip");
    act(&mut app, &mut s, Action::Paste("gold".into()));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Tier), "vip");
    assert!(app.message.as_ref().unwrap().text.contains("Tier is one of"));
}

#[test]
fn pasted_lines_go_into_a_comment_whole() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Comment);
    typed(&mut app, &mut s, "Log: ");
    act(&mut app, &mut s, Action::Paste("first line\nsecond line tsarq".into()));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Comment), "Log: first line\nsecond line tsarq");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    let d = app.detail.as_ref().unwrap();
    assert_eq!(d.history.last().unwrap().text, "comment: Log: first line ⏎ second line tsarq");
    assert!(app.my_timer.is_none() || app.my_timer.as_ref().unwrap().ticket_id != d.ticket.id);
}

#[test]
fn a_paste_outside_a_form_does_nothing_but_say_so() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    let before = (app.my_timer.clone(), app.detail.as_ref().unwrap().ticket.clone());
    act(&mut app, &mut s, Action::Paste("tsarq".into()));
    assert!(!app.quit && app.form.is_none());
    assert_eq!((app.my_timer.clone(), app.detail.as_ref().unwrap().ticket.clone()), before);
    assert!(app.message.as_ref().unwrap().text.contains("nothing to paste into"));
}

/// Issue 17, fault 6: Esc on a form with something typed asks first; a second Esc discards, any other
/// key goes on editing. An untouched form closes at once.
#[test]
fn esc_asks_before_throwing_a_typed_draft_away() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Comment);
    act(&mut app, &mut s, Action::Cancel);
    assert!(app.form.is_none(), "nothing typed: Esc closes");
    act(&mut app, &mut s, Action::Comment);
    typed(&mut app, &mut s, "half a thought");
    act(&mut app, &mut s, Action::Cancel);
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Comment), "half a thought");
    assert!(app.message.as_ref().unwrap().text.starts_with("discard what you typed?"));
    typed(&mut app, &mut s, ", finished");
    act(&mut app, &mut s, Action::Cancel);
    assert!(app.form.is_some(), "typing in between asks again");
    act(&mut app, &mut s, Action::Cancel);
    assert!(app.form.is_none());
    assert!(app.detail.is_some(), "the second Esc closes only the form");
}

/// Issue 17, fault 2: on a terminal below the minimum only the notice is drawn, so no key but quit
/// may act (a `t` there used to stop one timer and start another on a ticket nobody could see).
#[test]
fn below_the_minimum_size_no_key_but_quit_acts() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    let timer = app.my_timer.clone();
    act(&mut app, &mut s, Action::TooSmall(true));
    for a in [Action::ToggleTimer, Action::Take, Action::Comment, Action::Back, Action::Paste("x".into())] {
        act(&mut app, &mut s, a);
    }
    assert_eq!(app.my_timer, timer);
    assert!(app.form.is_none() && app.detail.is_some());
    assert_eq!(app.detail.as_ref().unwrap().ticket.assignee.as_deref(), Some("alice"));
    act(&mut app, &mut s, Action::TooSmall(false));
    act(&mut app, &mut s, Action::Back);
    assert!(app.detail.is_none(), "keys act again once it fits");
    act(&mut app, &mut s, Action::TooSmall(true));
    act(&mut app, &mut s, Action::Quit);
    assert!(app.quit, "quit works from anywhere while too small");
}

#[test]
fn below_the_minimum_size_the_keys_resolve_to_quit_only() {
    use helpdesk::keymap::Keymap;
    use helpdesk::tui::resolve;
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Comment);
    act(&mut app, &mut s, Action::TooSmall(true));
    let k = Keymap::default();
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(resolve(&k, &app, &key('t')), None);
    assert_eq!(resolve(&k, &app, &key('q')), Some(Action::Quit), "the notice says q quits, even over a form");
    assert_eq!(resolve(&k, &app, &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::ForceQuit));
}

/// Issue 17, fault 14: a message is about the place it was said in; leaving it clears the message.
#[test]
fn a_message_goes_when_the_user_leaves_the_place_it_was_about() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Take);
    assert!(app.message.as_ref().unwrap().text.contains("assigned to alice"));
    act(&mut app, &mut s, Action::Down);
    assert!(app.message.is_some(), "moving within the ticket keeps it");
    act(&mut app, &mut s, Action::Back);
    assert!(app.message.is_none(), "back in the queue, the ticket's message is gone");
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::ToggleTimer);
    assert!(app.message.as_ref().unwrap().error, "customers: no ticket to time");
    act(&mut app, &mut s, Action::NextView);
    assert!(app.message.is_none());
}

/// Issue 17, fault 6: a comment is a text area: Enter starts a new line, Ctrl-S (Action::Save) saves,
/// ↑/↓ move between its lines (and past its first line to the field before); a one-line field saves
/// on Enter.
#[test]
fn enter_starts_a_new_line_in_a_comment_and_save_saves_it() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Comment);
    typed(&mut app, &mut s, "Called");
    act(&mut app, &mut s, Action::Submit);
    typed(&mut app, &mut s, "no answer");
    let form = app.form.as_ref().expect("Enter in a comment is a new line, not a save");
    assert_eq!(form.value(FieldId::Comment), "Called\nno answer");
    act(&mut app, &mut s, Action::Input(InputKey::Up));
    act(&mut app, &mut s, Action::Input(InputKey::End));
    typed(&mut app, &mut s, " twice");
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Comment), "Called twice\nno answer");
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    let last = app.detail.as_ref().unwrap().history.last().unwrap().text.clone();
    assert_eq!(last, "comment: Called twice ⏎ no answer");
    // A one-line field: Enter saves; Up and Down move between fields.
    act(&mut app, &mut s, Action::AddTime);
    act(&mut app, &mut s, Action::Input(InputKey::Down));
    assert_eq!(app.form.as_ref().unwrap().focus, 1);
    act(&mut app, &mut s, Action::Input(InputKey::Up));
    typed(&mut app, &mut s, "15");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none(), "{:?}", app.message);
}

/// Issue 17, fault 6: Ctrl-E hands a multi-line field's text to $EDITOR (the event loop runs it and
/// answers); the edited text replaces the field's; a failed editor keeps the text and says why.
#[test]
fn the_external_editor_gets_the_text_and_its_answer_replaces_it_or_is_reported() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Comment);
    typed(&mut app, &mut s, "draft");
    act(&mut app, &mut s, Action::Editor);
    assert_eq!(app.effect.take(), Some(Effect::Edit("draft".into())));
    act(&mut app, &mut s, Action::Edited(Err("`nano` exited with code 127".into())));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Comment), "draft", "a failed editor keeps the text");
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("the editor failed: `nano` exited with code 127"), "{m:?}");
    act(&mut app, &mut s, Action::Edited(Ok("long\ntext\n".into())));
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Comment), "long\ntext", "the editor's last newline goes");
    // Esc still asks before the edited draft goes.
    act(&mut app, &mut s, Action::Cancel);
    assert!(app.form.is_some());
    act(&mut app, &mut s, Action::Cancel);
    // In a one-line field the editor is not offered.
    act(&mut app, &mut s, Action::AddTime);
    act(&mut app, &mut s, Action::Editor);
    assert_eq!(app.effect, None);
    assert!(app.message.as_ref().unwrap().text.contains("multi-line fields"));
}

/// Issue 17: Ctrl-Z asks the event loop to suspend (it restores the terminal around SIGTSTP).
#[test]
fn ctrl_z_asks_to_suspend_from_anywhere() {
    use helpdesk::keymap::Keymap;
    use helpdesk::tui::resolve;
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    let k = Keymap::default();
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(resolve(&k, &app, &ctrl_z), Some(Action::Suspend));
    act(&mut app, &mut s, Action::Comment);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Comment);
    assert_eq!(resolve(&k, &app, &ctrl_z), Some(Action::Suspend), "in a form too");
    act(&mut app, &mut s, Action::Suspend);
    assert_eq!(app.effect, Some(Effect::Suspend));
    assert!(app.form.is_some(), "the draft is still there after fg");
}

/// Issue 17: a key bound to nothing in a view says so, and does nothing else.
#[test]
fn an_unbound_key_says_so() {
    use helpdesk::keymap::Keymap;
    use helpdesk::tui::resolve;
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    let k = Keymap::default();
    let x = resolve(&k, &app, &KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)).unwrap();
    assert_eq!(x, Action::Unbound("x".into()));
    act(&mut app, &mut s, x);
    assert_eq!(app.message.as_ref().unwrap().text, "x: no such key here — ? shows the keys");
    assert!(app.detail.is_none() && app.form.is_none());
    let _cs = helpdesk::i18n::Scoped::new(helpdesk::i18n::Language::Czech);
    act(&mut app, &mut s, Action::Unbound("F5".into()));
    assert_eq!(app.message.as_ref().unwrap().text, "F5: tady taková klávesa není — ? ukáže klávesy");
}

/// Issue 17, fault 7: a promised date typed alone means 23:59:59 of that day in Prague — the CLI's
/// reading, from the one parser (`BusinessCalendar::date_alone`) — and an error names instants in
/// Prague time, not UTC.
#[test]
fn a_promised_date_alone_is_the_end_of_that_day_in_prague_as_in_the_cli() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Backup failing");
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::Respond);
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "2026-03-01");
    act(&mut app, &mut s, Action::Submit);
    let form = app.form.as_ref().expect("a promise before the response is refused");
    let e = form.error_of(FieldId::ResolveBy).or(form.error.as_deref()).unwrap().to_string();
    assert!(e.contains("2026-03-01T23:59:59+01:00"), "in Prague time: {e}");
    assert!(!e.contains("+00:00") && !e.contains('Z'), "{e}");
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "2026-03-10");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none(), "{:?}", app.message);
    let by = app.detail.as_ref().unwrap().ticket.resolve_by;
    assert_eq!(by, Some(at("2026-03-10T22:59:59Z")));
    assert_eq!(by, app.settings.calendar.date_alone("2026-03-10"), "the CLI's --resolve-by reads it the same");
}

/// Issue 17, fault 8: the assignee is one of the known technicians, picked by the start of the name
/// (no case, no diacritics); an exact name wins; an ambiguous start lists the candidates; a new name
/// only with a leading `+`.
#[test]
fn the_assignee_is_picked_from_known_technicians_and_a_new_one_needs_a_plus() {
    let (mut s, ids) = store();
    s.update_ticket(&ids.no_sla, vec![helpdesk::store::TicketChange::Assignee(Some("Lucie Černá".into()))], at(DAY))
        .unwrap();
    s.update_ticket(&ids.met, vec![helpdesk::store::TicketChange::Assignee(Some("Luboš Novák".into()))], at(DAY))
        .unwrap();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Printer jams");
    act(&mut app, &mut s, Action::Open);
    let assign = |app: &mut App, s: &mut Store, typed_name: &str| {
        act(app, s, Action::Assign);
        act(app, s, Action::Input(InputKey::ClearToStart));
        typed(app, s, typed_name);
        act(app, s, Action::Submit);
    };
    assign(&mut app, &mut s, "lu");
    let e = app.form.as_ref().unwrap().error_of(FieldId::Assignee).unwrap().to_string();
    assert!(e.contains("Luboš Novák") && e.contains("Lucie Černá") && e.contains("type more"), "{e}");
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Cancel);
    assign(&mut app, &mut s, "lucie");
    assert!(app.form.is_none(), "{:?}", app.form);
    assert_eq!(app.detail.as_ref().unwrap().ticket.assignee.as_deref(), Some("Lucie Černá"));
    assign(&mut app, &mut s, "bo");
    assert_eq!(app.detail.as_ref().unwrap().ticket.assignee.as_deref(), Some("bob"));
    assign(&mut app, &mut s, "zdenek");
    let e = app.form.as_ref().unwrap().error_of(FieldId::Assignee).unwrap().to_string();
    assert!(e.contains("no technician “zdenek”") && e.contains("+zdenek"), "{e}");
    act(&mut app, &mut s, Action::Input(InputKey::Home));
    typed(&mut app, &mut s, "+");
    act(&mut app, &mut s, Action::Submit);
    assert_eq!(app.detail.as_ref().unwrap().ticket.assignee.as_deref(), Some("zdenek"), "a new name on purpose");
}

/// Issue 17, fault 13: after stopping a timer (and after logging or correcting time) the selection
/// is on the entry just booked, so `E` corrects that one; the selected row shows `›` too.
#[test]
fn after_a_timer_stops_e_corrects_the_entry_it_booked() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    select(&mut app, &mut s, "Server down");
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::ToggleTimer);
    // While it runs, 5 minutes are logged that started later than the timer: the timer's entry will
    // not be the last row.
    app.update(Action::AddTime, &mut s, at(DAY) + Duration::minutes(20));
    typed(&mut app, &mut s, "5");
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "2026-03-04 10:10");
    act(&mut app, &mut s, Action::Submit);
    assert!(app.form.is_none(), "{:?}", app.form);
    assert_eq!(app.detail.as_ref().unwrap().selected_entry().unwrap().minutes, 5, "the logged entry is selected");
    act(&mut app, &mut s, Action::Top);
    app.update(Action::ToggleTimer, &mut s, at(DAY) + Duration::minutes(25));
    let d = app.detail.as_ref().unwrap();
    let selected = d.selected_entry().unwrap();
    assert_eq!((selected.minutes, selected.started_at), (25, at(DAY)), "{:?}", d.entries);
    assert_ne!(d.entry_selected, d.entries.len() - 1, "the booked entry is not the last row here");
    act(&mut app, &mut s, Action::CorrectTime);
    assert_eq!(app.form.as_ref().unwrap().value(FieldId::Duration), "25m");
}

/// The board's breached and at-risk list is most urgent first whatever the queue is sorted by (`o`):
/// sorting the queue by title once put a less overdue ticket on top of the lead's list.
#[test]
fn the_boards_urgent_list_keeps_its_order_whatever_the_queue_is_sorted_by() {
    let (mut s, _) = store();
    let acme = s.customer_by_name("Acme").unwrap().unwrap().id;
    let new = helpdesk::store::NewTicket {
        customer_id: acme,
        title: "Aaa less overdue".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Incident,
        assignee: None,
        received_at: tui_fixture::at("2026-03-03T10:00:00Z"),
    };
    s.open_ticket(new, tui_fixture::at("2026-03-03T10:00:00Z")).unwrap();
    let mut app = app(&mut s, DAY);
    let want = ["Server down", "Aaa less overdue", "Backup failing"];
    for _ in 0..6 {
        act(&mut app, &mut s, Action::NextView);
        act(&mut app, &mut s, Action::NextView);
        act(&mut app, &mut s, Action::Tick);
        assert_eq!(app.view, View::Board);
        let title = |id: &helpdesk::domain::TicketId| {
            app.queue.items.iter().find(|i| &i.ticket.id == id).unwrap().ticket.title.clone()
        };
        assert_eq!(
            app.board.urgent.iter().map(title).collect::<Vec<_>>(),
            want,
            "queue sorted by {:?}",
            app.queue.sort
        );
        act(&mut app, &mut s, Action::NextView);
        assert_eq!(app.view, View::Queue);
        act(&mut app, &mut s, Action::CycleSort);
    }
}

#[test]
fn the_board_counts_running_timers_toward_prepaid_minutes() {
    // bb8 #8: Gamma (STANDARD, 30 prepaid minutes, none used in March) has a timer running 2 h on its
    // ticket: the board's near/over prepaid panel lists it as over, marked ⏱, and says not "well within".
    let (mut s, ids) = store();
    s.start_timer(&ids.met, "alice", helpdesk::domain::Role::Technician, at("2026-03-04T07:00:00Z")).unwrap();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::PrevView);
    assert_eq!(app.view, View::Board);
    let gamma = app.customers.lines.iter().find(|l| l.customer.name == "Gamma").unwrap();
    assert_eq!((gamma.used, gamma.overage_minutes), (0, 0), "nothing booked");
    let panel = tui_fixture::boxes(&tui_fixture::drawn(&app, 160, 50), &["Near or over prepaid"]);
    let line = panel.lines().find(|l| l.contains("Gamma")).unwrap_or_else(|| panic!("{panel}"));
    assert!(line.contains("over +1h 30m ⏱"), "{panel}");
    // Acme too: the fixture's forgotten timer (13 h on a VIP ticket) counts like any running one.
    assert_eq!(helpdesk::app::board::PanelLens::of(&app).0[6], 3, "Acme and Gamma (running), Beta (booked)");
}
