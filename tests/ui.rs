//! Every view rendered into a `TestBackend` at a fixed size, with fixed data and a fixed `now`, pinned
//! by insta snapshots; plus cell-style checks where colour carries meaning, and the NO_COLOR theme.

mod tui_fixture;

use helpdesk::app::input::InputKey;
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::keymap::Keymap;
use helpdesk::store::Store;
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tui_fixture::{DAY, EVENING, act, app, at, boxed, boxes, status_bar, store};

fn render_buffer(app: &App, w: u16, h: u16, theme: Theme) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &Keymap::default(), &theme)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn render(app: &App) -> String {
    text(&drawn(app))
}

/// The screen at 120×30 in colour.
fn drawn(app: &App) -> Buffer {
    render_buffer(app, 120, 30, Theme::color())
}

/// The queue's box: the rows a queue test pins.
const QUEUE: &str = "Queue — all open";

fn typed(app: &mut App, s: &mut Store, text: &str) {
    for c in text.chars() {
        act(app, s, Action::Input(InputKey::Char(c)));
    }
}

/// Ready for a 120×30 terminal.
fn sized(mut app: App, s: &mut Store) -> App {
    act(&mut app, s, Action::Resize { list_rows: ui::list_rows(30) });
    app
}

/// The (x, y) of the first cell of `needle` in the buffer.
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    let t = text(buf);
    for (y, line) in t.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("`{needle}` not on screen:\n{t}");
}

#[test]
fn queue_in_the_day_shows_breached_at_risk_running_met_and_no_sla() {
    let (mut s, _) = store();
    let app = sized(app(&mut s, DAY), &mut s);
    insta::assert_snapshot!(boxed(&drawn(&app), QUEUE));
}

#[test]
fn queue_in_the_evening_shows_paused_with_when_it_resumes() {
    let (mut s, _) = store();
    let app = sized(app(&mut s, EVENING), &mut s);
    insta::assert_snapshot!(boxed(&drawn(&app), QUEUE));
}

#[test]
fn a_breached_row_is_red_and_an_at_risk_one_yellow() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Down);
    let buf = render_buffer(&app, 120, 30, Theme::color());
    let (x, y) = find(&buf, "Server down");
    assert_eq!(buf[(x, y)].fg, Color::Red, "the whole breached row is red");
    let (x, y) = find(&buf, "✖ breached");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    let (x, y) = find(&buf, "▲ at risk");
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
    let (x, y) = find(&buf, "● running");
    assert_eq!(buf[(x, y)].fg, Color::Reset);
    let (x, y) = find(&buf, "– no SLA");
    assert_eq!(buf[(x, y)].fg, Color::DarkGray);
}

/// A breach already answered (late) reads `✖ late answer` and is red only in its SLA and Left cells; one
/// still waiting for its answer stays `✖ breached`, red from end to end, at the top.
#[test]
fn a_breach_answered_late_looks_apart_from_one_still_unanswered() {
    let (mut s, ids) = store();
    s.record_first_response(&ids.breached, at(DAY), at("2026-03-06T15:00:00Z"), at(DAY)).unwrap();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Tick);
    let buf = render_buffer(&app, 120, 30, Theme::color());
    assert!(!text(&buf).contains("✖ breached"), "{}", text(&buf));
    let (x, y) = find(&buf, "✖ late answer");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    let (x, y) = find(&buf, "Server down");
    assert_eq!(buf[(x, y)].fg, Color::Reset, "the rest of the row is not red");
    let screen = text(&buf);
    let first = screen.lines().nth(3).unwrap_or_default();
    assert!(first.contains("Backup failing"), "the at-risk ticket leads; the answered breach waits:\n{screen}");
}

/// The column the queue is sorted by is marked in the header and named in the title.
#[test]
fn the_sorted_column_is_marked_in_the_header() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::CycleSort);
    act(&mut app, &mut s, Action::CycleSort);
    let screen = render(&app);
    let head: Vec<&str> = screen.lines().skip(1).take(2).collect();
    assert!(head[0].contains("Queue — all open · by customer (5 of 5)"), "{screen}");
    assert!(head[1].contains("Customer↓") && !head[1].contains("Title↓"), "{screen}");
}

#[test]
fn no_color_uses_no_colours_but_keeps_symbols_words_and_emphasis() {
    let (mut s, _) = store();
    let app = sized(app(&mut s, DAY), &mut s);
    let buf = render_buffer(&app, 120, 30, Theme::mono());
    for cell in buf.content() {
        assert!(matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset), "{cell:?}");
    }
    let (x, y) = find(&buf, "✖ breached");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD | Modifier::UNDERLINED));
    let (x, y) = find(&buf, "▲ at risk");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(&buf, "Server down");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED), "the selection stays visible without colour");
    insta::assert_snapshot!(boxed(&buf, QUEUE));
}

#[test]
fn a_breached_ticket_with_a_running_timer_shows_both_in_its_header_and_the_status_bar() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::ToggleTimer);
    app.update(Action::Tick, &mut s, at(DAY) + chrono::Duration::seconds(75));
    let buf = drawn(&app);
    insta::assert_snapshot!(boxed(&buf, "#1 Server down") + &status_bar(&buf));
}

#[test]
fn a_met_ticket_whose_promised_resolution_passed_says_so_in_its_header_and_history() {
    let (mut s, ids) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    app.open_ticket(&ids.met, &mut s);
    insta::assert_snapshot!(boxes(&drawn(&app), &["#4 Účetní export", "History"]));
}

#[test]
fn the_explanation_lists_the_business_hours_counted_up_to_the_deadline() {
    let (mut s, ids) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    app.open_ticket(&ids.at_risk, &mut s);
    act(&mut app, &mut s, Action::Explain);
    insta::assert_snapshot!(boxed(&drawn(&app), "Why this deadline"));
}

#[test]
fn customers_show_prepaid_used_left_overage_open_consultations_and_reports() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::NextView);
    insta::assert_snapshot!(boxed(&drawn(&app), "Customers — 2026-03"));
}

#[test]
fn the_board_shows_the_team_leads_panels() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::PrevView);
    insta::assert_snapshot!(boxes(&drawn(&app), &BOARD));
}

/// Every panel of the board, by title.
const BOARD: [&str; 8] = [
    "Breached and at risk",
    "Running timers",
    "Open load per technician",
    "Near or over prepaid",
    "Promised resolution date passed",
    "Status reports overdue",
    "Upgrade suggested",
    "SLA compliance this month",
];

#[test]
fn help_overlay_lists_the_keymap() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Help);
    insta::assert_snapshot!(boxed(&render_buffer(&app, 120, 44, Theme::color()), "Keys "));
}

#[test]
fn new_ticket_form_with_errors_in_place() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::NewTicket);
    typed(&mut app, &mut s, "Nobody");
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::Right));
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::NextField);
    act(&mut app, &mut s, Action::Input(InputKey::ClearToStart));
    typed(&mut app, &mut s, "yesterday");
    act(&mut app, &mut s, Action::Submit);
    let buf = drawn(&app);
    insta::assert_snapshot!(boxed(&buf, "New ticket") + &status_bar(&buf));
}

#[test]
fn time_entry_form_with_a_bad_duration() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Open);
    act(&mut app, &mut s, Action::AddTime);
    typed(&mut app, &mut s, "1.5h");
    act(&mut app, &mut s, Action::Submit);
    let buf = drawn(&app);
    insta::assert_snapshot!(boxed(&buf, "Log time on #1") + &status_bar(&buf));
}

#[test]
fn too_small_terminal() {
    let (mut s, _) = store();
    let app = app(&mut s, DAY);
    insta::assert_snapshot!("too_small", text(&render_buffer(&app, 60, 15, Theme::color())));
}

#[test]
fn empty_database_says_what_to_do_next() {
    let mut s = Store::open_in_memory("alice").unwrap();
    let app = sized(App::new(Settings::defaults(), &mut s, at(DAY)), &mut s);
    insta::assert_snapshot!(boxed(&drawn(&app), QUEUE));
}

#[test]
fn a_bad_number_to_go_to_is_named_in_the_prompt_and_the_status_bar() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Jump);
    typed(&mut app, &mut s, "B-x");
    act(&mut app, &mut s, Action::Submit);
    let buf = drawn(&app);
    insta::assert_snapshot!(boxed(&buf, "Go to ticket") + &status_bar(&buf));
}

#[test]
fn only_the_visible_rows_are_drawn_from_a_long_queue() {
    let mut s = Store::open_in_memory("alice").unwrap();
    tui_fixture::fill(&mut s);
    let beta = s.customer_by_name("Beta").unwrap().unwrap();
    for i in 0..300 {
        let t = helpdesk::store::NewTicket {
            customer_id: beta.id.clone(),
            title: format!("Bulk {i:03}"),
            description: String::new(),
            kind: helpdesk::domain::TicketKind::Request,
            assignee: None,
            received_at: at("2026-03-04T08:00:00Z") + chrono::Duration::seconds(i),
        };
        s.open_ticket(t, at(DAY)).unwrap();
    }
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Bottom);
    let screen = render(&app);
    assert!(screen.contains("Install help"), "the last row is on screen:\n{screen}");
    assert!(!screen.contains("Server down"));
    assert_eq!(app.queue.offset, 305 - ui::list_rows(30));
}

#[test]
fn the_board_marks_breaches_red_and_in_monochrome_bold() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::PrevView);
    act(&mut app, &mut s, Action::Down);
    let buf = render_buffer(&app, 120, 30, Theme::color());
    let (x, y) = find(&buf, "✖ breached");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    // A forgotten timer: who, how long and the question in red (the ticket's title may give way).
    for part in ["! bob", "forgotten?"] {
        let (x, y) = find(&buf, part);
        assert_eq!(buf[(x, y)].fg, Color::Red, "{part}");
    }
    let mono = render_buffer(&app, 120, 30, Theme::mono());
    let (x, y) = find(&mono, "✖ breached");
    assert_eq!(mono[(x, y)].fg, Color::Reset);
    assert!(mono[(x, y)].modifier.contains(Modifier::BOLD));
    insta::assert_snapshot!(boxes(&mono, &["Breached and at risk", "Running timers"]));
}

#[test]
fn narrow_terminal_keeps_every_state_readable() {
    let (mut s, _) = store();
    let app = sized(app(&mut s, DAY), &mut s);
    insta::assert_snapshot!(boxed(&render_buffer(&app, 90, 16, Theme::color()), QUEUE));
}

fn any_action() -> impl proptest::strategy::Strategy<Value = Action> {
    use helpdesk::app::queue::Filter;
    use proptest::prelude::*;
    let fixed = vec![
        Action::Tick,
        Action::Quit,
        Action::Back,
        Action::Help,
        Action::NextView,
        Action::PrevView,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::Open,
        Action::Jump,
        Action::Search,
        Action::NewTicket,
        Action::NewCustomer,
        Action::Filter(Filter::Mine),
        Action::Filter(Filter::Breached),
        Action::CycleTier,
        Action::CycleSort,
        Action::CopyNumber,
        Action::FilterCustomer,
        Action::ClearFilters,
        Action::Comment,
        Action::SetStatus,
        Action::Assign,
        Action::Take,
        Action::Respond,
        Action::ToggleTimer,
        Action::AddTime,
        Action::CorrectTime,
        Action::Explain,
        Action::Statement,
        Action::PrevMonth,
        Action::NextMonth,
        Action::Submit,
        Action::Save,
        Action::Editor,
        Action::Edited(Ok("edited\ntext".into())),
        Action::Edited(Err("no editor".into())),
        Action::Suspend,
        Action::Unbound("x".into()),
        Action::Input(InputKey::Up),
        Action::Input(InputKey::Down),
        Action::Input(InputKey::Newline),
        Action::Input(InputKey::DeleteWord),
        Action::Cancel,
        Action::NextField,
        Action::PrevField,
        Action::Input(InputKey::Backspace),
        Action::Input(InputKey::Left),
        Action::Input(InputKey::ClearToStart),
        Action::Resize { list_rows: 3 },
    ];
    prop_oneof![
        3 => proptest::sample::select(fixed),
        2 => any::<char>().prop_map(|c| Action::Input(InputKey::Char(c))),
        1 => ".{0,120}".prop_map(Action::Paste),
        1 => "[0-9:h+ -]{1,3}".prop_map(|s| Action::Input(InputKey::Char(s.chars().next().unwrap_or('1')))),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever is pressed, in whatever order, at any size: no panic, and the app stays drawable.
    #[test]
    fn random_actions_never_panic(actions in proptest::collection::vec(any_action(), 1..60), w in 20u16..140, h in 5u16..45) {
        let (mut s, _) = store();
        let mut app = app(&mut s, DAY);
        for (i, a) in actions.into_iter().enumerate() {
            app.update(a, &mut s, at(DAY) + chrono::Duration::seconds(i as i64 * 7));
            let _ = render_buffer(&app, w, h, Theme::color());
        }
    }
}

#[test]
fn help_scrolls_when_the_terminal_is_short() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Help);
    for _ in 0..5 {
        act(&mut app, &mut s, Action::Down);
    }
    insta::assert_snapshot!(boxed(&render_buffer(&app, 100, 20, Theme::color()), "Keys "));
    for _ in 0..500 {
        act(&mut app, &mut s, Action::Down);
    }
    let screen = text(&render_buffer(&app, 100, 20, Theme::color()));
    assert!(screen.contains("click again opens"), "scrolling stops at the last row:\n{screen}");
}

#[test]
fn a_click_selects_the_row_under_it_and_a_second_click_opens_it() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    let size = ratatui::layout::Rect::new(0, 0, 120, 30);
    let buf = render_buffer(&app, 120, 30, Theme::color());
    let (x, y) = find(&buf, "Printer jams");
    assert_eq!(ui::list_row_at(&app, size, x, y), Some(2));
    assert_eq!(ui::list_row_at(&app, size, x, 2), None, "the header row is not a ticket");
    assert_eq!(ui::list_row_at(&app, size, x, y + 10), None, "below the last ticket");
    act(&mut app, &mut s, Action::ClickRow(2));
    assert_eq!(app.queue.selected, 2);
    act(&mut app, &mut s, Action::ClickRow(2));
    assert_eq!(app.detail.as_ref().unwrap().ticket.title, "Printer jams");
    assert_eq!(ui::list_row_at(&app, size, x, y), None, "no list under the detail view");
    act(&mut app, &mut s, Action::Back);
    act(&mut app, &mut s, Action::PrevView);
    let buf = render_buffer(&app, 120, 30, Theme::color());
    let (x, y) = find(&buf, "Backup failing");
    assert_eq!(ui::list_row_at(&app, size, x, y), Some(1));
    assert_eq!(ui::list_row_at(&app, size, 100, y), None, "the right column is not the table");
}

/// The statement of Beta (PLUS) for March at [`DAY`], with three months of overage and a February
/// correction booked in March (`tui_fixture::overage_three_months`).
fn beta_statement(s: &mut Store) -> App {
    tui_fixture::overage_three_months(s, &Settings::defaults());
    let mut app = sized(app(s, DAY), s);
    act(&mut app, s, Action::NextView);
    act(&mut app, s, Action::Down);
    assert_eq!(app.customers.selected_line().unwrap().customer.name, "Beta");
    act(&mut app, s, Action::Statement);
    app
}

#[test]
fn statement_shows_raw_and_rounded_minutes_adjustments_totals_and_the_upgrade() {
    let (mut s, _) = store();
    let app = beta_statement(&mut s);
    insta::assert_snapshot!(boxes(&drawn(&app), &["Statement 2026-03", "Totals", "Notes"]));
}

#[test]
fn statement_of_a_closed_month_is_frozen_and_lists_later_corrections() {
    let (mut s, _) = store();
    let mut app = beta_statement(&mut s);
    act(&mut app, &mut s, Action::PrevMonth);
    insta::assert_snapshot!(boxes(&drawn(&app), &["Statement 2026-02", "Totals", "Notes"]));
}

#[test]
fn change_request_for_a_standard_customer_warns_it_is_billed() {
    let (mut s, _) = store();
    let gamma = s.customer_by_name("Gamma").unwrap().unwrap();
    let t = s
        .open_ticket(
            helpdesk::store::NewTicket {
                customer_id: gamma.id,
                title: "New report column".into(),
                description: "Please add a cost-centre column to the monthly export.".into(),
                kind: helpdesk::domain::TicketKind::Change,
                assignee: Some("alice".into()),
                received_at: at(DAY),
            },
            at(DAY),
        )
        .unwrap();
    let mut app = sized(app(&mut s, DAY), &mut s);
    app.open_ticket(&t.id, &mut s);
    let buf = render_buffer(&app, 120, 30, Theme::color());
    let (x, y) = find(&buf, "⚠ Change request");
    assert_eq!(buf[(x, y)].fg, Theme::color().warn().fg.unwrap_or(Color::Reset));
    insta::assert_snapshot!(boxed(&buf, "#7 New report column"));
}

#[test]
fn board_lists_the_upgrade_suggestion_with_its_months() {
    let (mut s, _) = store();
    tui_fixture::overage_three_months(&mut s, &Settings::defaults());
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::PrevView);
    insta::assert_snapshot!(boxed(&drawn(&app), "Upgrade suggested"));
}

#[test]
fn seven_digit_ticket_numbers_show_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.db");
    drop(Store::open(&db, "alice").unwrap());
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute("UPDATE meta SET value = '1234566' WHERE key = 'ticket_seq'", []).unwrap();
    drop(raw);
    let mut s = Store::open(&db, "alice").unwrap();
    let now = at(DAY);
    let c = s.add_customer("Acme", "", helpdesk::domain::Tier::Vip, "2026-01".parse().unwrap(), now).unwrap();
    let new = helpdesk::store::NewTicket {
        customer_id: c.id,
        title: "Server down".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Incident,
        assignee: None,
        received_at: now,
    };
    assert_eq!(s.open_ticket(new, now).unwrap().number, "1234567");
    let app = sized(App::new(Settings::defaults(), &mut s, now), &mut s);
    let screen = render(&app);
    assert!(screen.contains(" 1234567 "), "{screen}");
}

/// Issue 17, fault 4: a ticket resolved before its promised date kept the promise; it never reads as
/// passed, however late it is now. Reopened and resolved again after the date, it was resolved late.
#[test]
fn a_ticket_resolved_before_its_promise_is_not_shown_as_promise_passed() {
    use helpdesk::domain::TicketStatus;
    use helpdesk::store::TicketChange;
    let (mut s, _) = store();
    let acme = s.customer_by_name("Acme").unwrap().unwrap();
    let t = |h: i64| at(DAY) + chrono::Duration::hours(h);
    let ticket = helpdesk::store::NewTicket {
        customer_id: acme.id,
        title: "Kept promise".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Request,
        assignee: None,
        received_at: t(1),
    };
    let id = s.open_ticket(ticket, t(1)).unwrap().summary.id;
    s.record_first_response(&id, t(2), t(24), t(2)).unwrap();
    s.update_ticket(&id, vec![TicketChange::Status(TicketStatus::Resolved)], t(3)).unwrap();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Tick);
    app.now = t(72);
    app.open_ticket(&id, &mut s);
    let screen = render(&app);
    assert!(!screen.contains("promise passed"), "{screen}");
    assert!(screen.contains("✔ promise kept"), "{screen}");
    s.update_ticket(&id, vec![TicketChange::Status(TicketStatus::Open)], t(48)).unwrap();
    s.update_ticket(&id, vec![TicketChange::Status(TicketStatus::Resolved)], t(49)).unwrap();
    app.open_ticket(&id, &mut s);
    let screen = render(&app);
    assert!(screen.contains("✖ resolved after the promise"), "{screen}");
}

/// Issue 17, fault 6: the cursor sits where the terminal draws the end of the text (wide characters
/// count two columns), and a long text in a one-line field scrolls sideways so the cursor stays in view.
#[test]
fn form_cursor_follows_display_width_and_long_text_scrolls() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::NewTicket);
    act(&mut app, &mut s, Action::NextField);
    typed(&mut app, &mut s, "úterý 🙂 😀 中文");
    let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
    t.draw(|f| ui::draw(f, &app, &Keymap::default(), &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    let (x, y) = find(&buf, "úterý");
    let cursor = t.get_cursor_position().unwrap();
    assert_eq!((cursor.x, cursor.y), (x + 16, y), "after 12 characters that take 16 columns");
    typed(&mut app, &mut s, &" KONEC".repeat(30));
    t.draw(|f| ui::draw(f, &app, &Keymap::default(), &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    let screen = text(&buf);
    let line = screen.lines().find(|l| l.contains("▶ Title")).unwrap();
    let start = line.find("▶ Title").unwrap();
    let field = line[start..].split('│').next().unwrap().trim_end();
    assert!(!field.contains("úterý") && field.ends_with("KONEC"), "{line}");
    let cursor = t.get_cursor_position().unwrap();
    let end = (line[..start].chars().count() + field.chars().count()) as u16;
    assert_eq!(cursor.x, end, "the cursor follows the last character typed:\n{screen}");
}

/// Issue 17, fault 6: a comment is several rows; long lines wrap at words, and many lines scroll so
/// the line with the cursor is in view, at 80×24 too. The footer says what Enter does here.
#[test]
fn a_multi_line_comment_wraps_and_scrolls_to_the_cursor() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(24) });
    app.open_ticket(&ids.breached, &mut s);
    act(&mut app, &mut s, Action::Comment);
    typed(&mut app, &mut s, "first line of a long comment that goes on and on beyond the width of the box here");
    for i in 2..=12 {
        act(&mut app, &mut s, Action::Submit);
        typed(&mut app, &mut s, &format!("line {i}"));
    }
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, &app, &Keymap::default(), &Theme::color())).unwrap();
    let screen = text(t.backend().buffer());
    assert!(screen.contains("line 12") && !screen.contains("first line"), "scrolled to the cursor:\n{screen}");
    assert!(screen.contains("Enter new line · Ctrl-S or Alt-Enter saves · Ctrl-E editor"), "{screen}");
    let (x, y) = find(t.backend().buffer(), "line 12");
    assert_eq!(t.get_cursor_position().unwrap(), ratatui::layout::Position { x: x + 7, y });
    for _ in 0..12 {
        act(&mut app, &mut s, Action::Input(InputKey::Up));
    }
    t.draw(|f| ui::draw(f, &app, &Keymap::default(), &Theme::color())).unwrap();
    let screen = text(t.backend().buffer());
    let wrapped: Vec<&str> =
        screen.lines().filter(|l| l.contains("first line") || l.contains("of the box here")).collect();
    assert_eq!(wrapped.len(), 2, "the long line wraps at a word:\n{screen}");
    assert!(wrapped[0].trim_end_matches(['│', ' ']).ends_with("the width"), "{screen}");
    insta::assert_snapshot!(boxed(t.backend().buffer(), "Comment on #1"));
}

/// Issue 17: the search and go-to prompts say what Enter does there, not "save".
#[test]
fn search_and_go_to_say_what_enter_does() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Search);
    let screen = render(&app);
    assert!(
        screen.contains("Enter searches") && screen.contains("Enter search ") && !screen.contains("save"),
        "{screen}"
    );
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Jump);
    let screen = render(&app);
    assert!(screen.contains("Enter goes") && screen.contains("Enter go ") && !screen.contains("save"), "{screen}");
}

/// Issue 17: the words searched for are marked in the queue's titles and in the ticket's history,
/// without colour too.
#[test]
fn search_matches_are_marked_in_titles_and_history() {
    let (mut s, ids) = store();
    s.add_comment(&ids.met, "Účetní uzávěrka hotová", at(DAY)).unwrap();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Search);
    typed(&mut app, &mut s, "ucetni");
    act(&mut app, &mut s, Action::Submit);
    let buf = render_buffer(&app, 120, 30, Theme::mono());
    let (x, y) = find(&buf, "Účetní export");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD | Modifier::UNDERLINED), "the match is marked");
    assert!(!buf[(x + 7, y)].modifier.contains(Modifier::UNDERLINED), "the rest is not");
    act(&mut app, &mut s, Action::Open);
    let buf = render_buffer(&app, 120, 30, Theme::mono());
    let screen = text(&buf);
    let (x, y) = find(&buf, "Účetní uzávěrka");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED), "marked in the history too:\n{screen}");
    let (x, y) = find(&buf, "Účetní export: details");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED), "and in the description:\n{screen}");
}

/// Issue 17, fault 13: the selected time entry shows `›` as well as reverse video (NO_COLOR too).
#[test]
fn the_selected_time_entry_has_a_marker() {
    let (mut s, ids) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    app.open_ticket(&ids.breached, &mut s);
    let screen = text(&render_buffer(&app, 120, 30, Theme::mono()));
    let row = screen.lines().find(|l| l.contains("45m") && l.contains("remote s…")).unwrap();
    assert!(row.contains("│›"), "{row}\n{screen}");
}

/// Issue 17, fault 7: a status message longer than its line is never cut mid-word: it takes the
/// footer's line too, broken at a word, and what still does not fit ends with `…` after a word.
#[test]
fn a_long_message_wraps_at_a_word_instead_of_being_cut() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    let words =
        "the proposed resolution date 2026-03-01T23:59:59+01:00 is before the response itself; give a later date";
    app.error(format!("{words} {words}"));
    let screen = text(&render_buffer(&app, 80, 24, Theme::color()));
    let lines: Vec<&str> = screen.lines().collect();
    let (above, last) = (lines[lines.len() - 2], lines[lines.len() - 1]);
    assert!(above.starts_with("the proposed resolution date"), "{screen}");
    assert!(last.ends_with('…'), "{last}");
    let shown = format!("{above} {}", last.rsplit("│ ").next().unwrap().trim_end_matches('…'));
    for w in shown.split_whitespace() {
        assert!(words.split_whitespace().any(|x| x == w), "`{w}` is a cut word:\n{screen}");
    }
}

// Issue 17, fault 2: 80×24, the classic size, shows every view (columns drop or shrink by priority).
// One whole-view snapshot per view at 80×24 and at 120×40.

fn whole_views(w: u16, h: u16) -> Vec<(&'static str, String)> {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(h) });
    let shot = |app: &App| text(&render_buffer(app, w, h, Theme::color()));
    let mut out = vec![("queue", shot(&app))];
    app.open_ticket(&ids.met, &mut s);
    out.push(("ticket", shot(&app)));
    act(&mut app, &mut s, Action::Back);
    act(&mut app, &mut s, Action::NextView);
    out.push(("customers", shot(&app)));
    act(&mut app, &mut s, Action::Statement);
    out.push(("statement", shot(&app)));
    act(&mut app, &mut s, Action::Back);
    act(&mut app, &mut s, Action::NextView);
    out.push(("board", shot(&app)));
    out
}

#[test]
fn every_view_at_80x24() {
    for (name, screen) in whole_views(80, 24) {
        insta::assert_snapshot!(format!("view_{name}_80x24"), screen);
    }
}

#[test]
fn every_view_at_120x40() {
    for (name, screen) in whole_views(120, 40) {
        insta::assert_snapshot!(format!("view_{name}_120x40"), screen);
    }
}

/// Issue 17, fault 5: the newest history entry is shown whole, however it wraps (by words, with wide
/// characters), and PgDn comes back to it after PgUp.
#[test]
fn the_newest_history_entry_is_never_cut_and_pgdn_reaches_it() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(24) });
    app.open_ticket(&ids.breached, &mut s);
    for i in 0..4 {
        act(&mut app, &mut s, Action::Comment);
        typed(&mut app, &mut s, &format!("older comment {i}"));
        act(&mut app, &mut s, Action::Save);
    }
    act(&mut app, &mut s, Action::Comment);
    let long = format!("{} 中文中文中文 účetní KONEC", "zákazník volal kvůli tiskárně".repeat(5));
    typed(&mut app, &mut s, &long);
    act(&mut app, &mut s, Action::Save);
    assert!(app.form.is_none());
    let screen = text(&render_buffer(&app, 80, 24, Theme::color()));
    assert!(screen.contains("KONEC"), "{screen}");
    act(&mut app, &mut s, Action::PageUp);
    let back = text(&render_buffer(&app, 80, 24, Theme::color()));
    assert!(!back.contains("KONEC") && back.contains("later: PgDn"), "{back}");
    act(&mut app, &mut s, Action::PageDown);
    let screen = text(&render_buffer(&app, 80, 24, Theme::color()));
    assert!(screen.contains("KONEC"), "{screen}");
}

/// Issue 17, fault 3: the board gives its rows by importance, so the breached list is the last to go
/// (it used to go first at 120×24 and 90×16 while "Status reports overdue" stayed), and every panel
/// can be reached and scrolled: → focuses the next panel, ↑/↓ scroll it.
#[test]
fn the_board_keeps_the_breached_list_and_every_panel_is_reachable() {
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::NextView);
    for (w, h) in [(120, 24), (80, 16)] {
        let screen = text(&render_buffer(&app, w, h, Theme::color()));
        assert!(screen.contains("Breached and at risk (2)") && screen.contains("Server down"), "{w}×{h}\n{screen}");
    }
    // At 80×16 the open load (three technicians) has no room for all its rows: focused, it scrolls.
    let mut focused = 0;
    while !text(&render_buffer(&app, 80, 16, Theme::color())).contains("▶ Open load") {
        act(&mut app, &mut s, Action::NextPanel);
        focused += 1;
        assert!(focused < 8, "the load panel is never focused");
    }
    let before = text(&render_buffer(&app, 80, 16, Theme::color()));
    assert!(before.contains("1–") && before.contains("▶ Open load"), "{before}");
    act(&mut app, &mut s, Action::Bottom);
    let after = text(&render_buffer(&app, 80, 16, Theme::color()));
    assert!(after.contains("(unassigned)") && after.contains("/3"), "{after}");
    // The urgent list still selects when it has the keys again.
    for _ in 0..8 - focused {
        act(&mut app, &mut s, Action::NextPanel);
    }
    act(&mut app, &mut s, Action::Down);
    assert_eq!(app.board.selected, 1);
}

/// Issue 17, faults 10 and 14: the tab bar's counts give way to the tabs (a long customer name on the
/// statement tab kept "2026-03" hidden under "49 open"), and the status bar's parts are separated.
#[test]
fn the_tab_bar_never_overwrites_a_tab_and_the_status_bar_separates_its_parts() {
    let (mut s, _) = store();
    let since = helpdesk::domain::YearMonth::new(2026, 1).unwrap();
    s.add_customer("Aaaa Velmi Dlouhé Jméno Zákazníka s.r.o.", "", helpdesk::domain::Tier::Vip, since, at(DAY))
        .unwrap();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::Statement);
    for w in [80, 90, 120] {
        let screen = text(&render_buffer(&app, w, 24, Theme::color()));
        let tabs = screen.lines().next().unwrap();
        assert!(tabs.contains("Aaaa Velmi") && tabs.contains(" 2026-03"), "{w}: {tabs}");
        assert!(!tabs.contains("Board5") && !tabs.contains("03 5 open") && !tabs.contains("035"), "{w}: {tabs}");
    }
    act(&mut app, &mut s, Action::ToggleTimer);
    let screen = text(&render_buffer(&app, 120, 24, Theme::color()));
    let status = screen.lines().last().unwrap();
    assert!(status.contains("no timer running │ open or select a ticket"), "{status}");
}

/// A customer far over its prepaid minutes: the overage is shown whole at 80 and at 120 columns (the
/// column widens and the name gives way), never cut mid-figure.
#[test]
fn a_large_overage_is_shown_whole_at_80_and_120_columns() {
    let (mut s, _) = store();
    tui_fixture::heavy_overage(&mut s);
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::NextView);
    let narrow = tui_fixture::shot(&app, 80, 24);
    let beta = narrow.lines().find(|l| l.contains("Beta")).unwrap_or_default();
    // (The fixture's own 90 minutes of March work come on top: 165 h 30 m over.)
    assert!(beta.contains("+165h 30m "), "{narrow}");
    let wide = tui_fixture::shot(&app, 120, 30);
    let beta = wide.lines().find(|l| l.contains("Beta")).unwrap_or_default();
    assert!(beta.contains("165h 30m · ") && beta.contains(",00 Kč "), "{wide}");
}

/// The help overlay at 80 columns: an explanation longer than its column goes on in the next line,
/// broken at a word, instead of being cut (`make the selected mail a ticket of a customer (received w`).
#[test]
fn a_long_key_explanation_in_the_help_is_wrapped_at_a_word_not_cut_at_80_columns() {
    let (mut s, _) = store();
    let mut app = sized(app(&mut s, DAY), &mut s);
    act(&mut app, &mut s, Action::Triage);
    act(&mut app, &mut s, Action::Help);
    let screen = text(&render_buffer(&app, 80, 60, Theme::color()));
    // The explanation column of the overlay, line by line, joined as one text.
    let column: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(|cell| cell.get(17..).unwrap_or("").trim())
        .filter(|t| !t.is_empty())
        .collect();
    let joined = column.join(" ");
    for whole in [
        "make the selected mail a ticket of a customer (received when the mail was)",
        "close the form without saving (when something was typed, asks first)",
        "quit (from a ticket: back); a running timer keeps running",
    ] {
        assert!(joined.contains(whole), "`{whole}` is not whole in the help:\n{screen}");
    }
    assert!(screen.lines().all(|l| l.chars().count() <= 80), "{screen}");
}
