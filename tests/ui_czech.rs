//! Every view in Czech (issue 18) at 120×40 and 80×24: the words come from the message files, nothing
//! that matters is cut mid-word, and columns stay aligned (widths are display widths). The English
//! snapshots of the same views are in tests/ui.rs.

mod tui_fixture;

use helpdesk::app::input::InputKey;
use helpdesk::app::{Action, App};
use helpdesk::i18n::{Language, Scoped};
use helpdesk::store::Store;
use helpdesk::ui;
use tui_fixture::{DAY, act, app, shot, store};

fn typed(app: &mut App, s: &mut Store, text: &str) {
    for c in text.chars() {
        act(app, s, Action::Input(InputKey::Char(c)));
    }
}

/// Every view and overlay in Czech at `w` × `h`: (name, screen).
fn czech_views(w: u16, h: u16) -> Vec<(&'static str, String)> {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(h) });
    let mut out = vec![("queue", shot(&app, w, h))];
    // A ticket with history, a running timer and its deadline explained.
    app.open_ticket(&ids.at_risk, &mut s);
    // Bob's ticket: the first `t` asks, the second starts the timer.
    act(&mut app, &mut s, Action::ToggleTimer);
    act(&mut app, &mut s, Action::ToggleTimer);
    out.push(("ticket", shot(&app, w, h)));
    act(&mut app, &mut s, Action::Explain);
    out.push(("explain", shot(&app, w, h)));
    act(&mut app, &mut s, Action::Explain);
    act(&mut app, &mut s, Action::AddTime);
    typed(&mut app, &mut s, "1.5h");
    act(&mut app, &mut s, Action::Submit);
    out.push(("form_time_entry", shot(&app, w, h)));
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Back);
    act(&mut app, &mut s, Action::NewTicket);
    typed(&mut app, &mut s, "Nikdo");
    act(&mut app, &mut s, Action::Submit);
    out.push(("form_new_ticket", shot(&app, w, h)));
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Cancel);
    act(&mut app, &mut s, Action::Help);
    out.push(("help", shot(&app, w, h)));
    act(&mut app, &mut s, Action::Help);
    act(&mut app, &mut s, Action::NextView);
    out.push(("customers", shot(&app, w, h)));
    act(&mut app, &mut s, Action::Statement);
    out.push(("statement", shot(&app, w, h)));
    act(&mut app, &mut s, Action::Back);
    act(&mut app, &mut s, Action::NextView);
    out.push(("board", shot(&app, w, h)));
    out
}

#[test]
fn every_view_in_czech_at_120x40() {
    let _cs = Scoped::new(Language::Czech);
    for (name, screen) in czech_views(120, 40) {
        insta::assert_snapshot!(format!("cs_{name}_120x40"), screen);
    }
}

#[test]
fn every_view_in_czech_at_80x24() {
    let _cs = Scoped::new(Language::Czech);
    for (name, screen) in czech_views(80, 24) {
        insta::assert_snapshot!(format!("cs_{name}_80x24"), screen);
    }
}

#[test]
fn the_too_small_screen_in_czech() {
    let _cs = Scoped::new(Language::Czech);
    let (mut s, _) = store();
    let app = app(&mut s, DAY);
    let screen = shot(&app, 60, 15);
    assert!(screen.contains("Terminál je příliš malý"), "{screen}");
    assert!(screen.contains("60×15") && screen.contains("80×16"), "{screen}");
    insta::assert_snapshot!("cs_too_small", screen);
}

/// The words that matter come out whole (column headers, panel titles, the SLA states), and no
/// English word of the interface is left on a Czech screen.
#[test]
fn czech_screens_keep_their_words_whole_and_speak_no_english() {
    let _cs = Scoped::new(Language::Czech);
    let english = [
        "Queue",
        "Customers",
        "Board",
        "Assignee",
        "Left",
        "Due",
        "breached",
        "at risk",
        "no timer",
        "quit",
        "History",
        "Time entries",
        "Description",
        "Skipped",
        "weekend",
        "Deadline",
        "Totals",
        "Notes",
        "Running timers",
        "required",
        "Keys",
    ];
    for (w, h) in [(120, 40), (80, 24)] {
        for (name, screen) in czech_views(w, h) {
            for word in english {
                assert!(!screen.contains(word), "{name} {w}×{h}: English `{word}` on a Czech screen:\n{screen}");
            }
        }
    }
    let views = czech_views(120, 40);
    let get = |n: &str| &views.iter().find(|(name, _)| *name == n).unwrap().1;
    for word in ["SLA", "Zákazník", "Tarif", "Název", "Řešitel", "Stav", "Zbývá", "Termín", "po termínu", "ohrožený"]
    {
        assert!(get("queue").contains(word), "queue: `{word}` whole:\n{}", get("queue"));
    }
    for word in ["Historie", "Výkaz práce", "Popis", "vysvětlí"] {
        assert!(get("ticket").contains(word), "ticket: `{word}`:\n{}", get("ticket"));
    }
    for word in ["Proč tento termín", "Přijato", "Hodiny běží od", "Lhůta", "Termín", "Započtené pracovní hodiny"]
    {
        assert!(get("explain").contains(word), "explain: `{word}`:\n{}", get("explain"));
    }
    for word in ["Po termínu a ohrožené", "Běžící časovače", "Otevřené tikety podle techniků"] {
        assert!(get("board").contains(word), "board: `{word}`:\n{}", get("board"));
    }
}

/// Columns line up by display width: in the Czech queue, the column gap before `Zbývá` (time left)
/// and before `Termín` (due) is blank on every ticket row, so no Czech word ran into the next column.
#[test]
fn czech_queue_columns_are_aligned() {
    let _cs = Scoped::new(Language::Czech);
    let views = czech_views(120, 40);
    let queue = &views[0].1;
    // A line as terminal cells: a wide character takes two.
    let cells = |l: &str| -> Vec<char> {
        let mut v = Vec::new();
        for c in l.chars() {
            v.push(c);
            v.extend(std::iter::repeat_n(
                ' ',
                unicode_width::UnicodeWidthChar::width(c).unwrap_or(1).saturating_sub(1),
            ));
        }
        v
    };
    let lines: Vec<&str> = queue.lines().collect();
    let at = lines.iter().position(|l| l.contains("Zbývá") && l.contains("Termín")).expect("a header row");
    let header = cells(lines[at]);
    let col = |word: &str| {
        let w: Vec<char> = word.chars().collect();
        header.windows(w.len()).position(|x| x == w.as_slice()).unwrap()
    };
    let (left, due) = (col("Zbývá"), col("Termín"));
    let rows: Vec<&&str> = lines[at + 1..].iter().take_while(|l| !l.starts_with('└')).collect();
    assert!(rows.len() >= 3, "ticket rows:\n{queue}");
    for row in rows {
        let c = cells(row);
        assert_eq!(c.get(due - 1), Some(&' '), "the gap before the due column in:\n{row}");
        assert_eq!(c.get(left - 1), Some(&' '), "the gap before the time-left column in:\n{row}");
    }
}

/// The question a timer asks on someone else's ticket, at 80×24 with my own timer running in the
/// status bar: read whole (the timer gives way to it), in Czech and in English.
fn timer_question(lang: Language) -> String {
    let _l = Scoped::new(lang);
    let (mut s, ids) = store();
    s.update_ticket(
        &ids.at_risk,
        vec![helpdesk::store::TicketChange::Assignee(Some("Bohumila Procházková-Nováková".into()))],
        tui_fixture::at(DAY),
    )
    .unwrap();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(24) });
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::ToggleTimer);
    assert!(app.my_timer.is_some(), "an unassigned ticket's timer starts at once");
    app.open_ticket(&ids.at_risk, &mut s);
    act(&mut app, &mut s, Action::ToggleTimer);
    let screen = shot(&app, 80, 24);
    screen.lines().skip(22).collect::<Vec<_>>().join("\n")
}

/// The question as the two bottom lines show it: the line above the status bar, then what follows the
/// status bar's last separator.
fn read_whole(bottom: &str) -> String {
    let (first, status) = bottom.split_once('\n').unwrap();
    format!("{first} {}", status.rsplit("│ ").next().unwrap())
}

#[test]
fn the_timer_question_is_read_whole_at_80x24_in_both_languages() {
    let cs = timer_question(Language::Czech);
    assert_eq!(
        read_whole(&cs),
        "#2 řeší Bohumila Procházková-Nováková: t znovu jej přesto spustí, jiná klávesa ne",
        "{cs}"
    );
    insta::assert_snapshot!("cs_timer_question_80x24", cs);
    let en = timer_question(Language::English);
    assert_eq!(
        read_whole(&en),
        "#2 is Bohumila Procházková-Nováková's ticket: press t again to start it anyway, any other key to leave it",
        "{en}"
    );
    insta::assert_snapshot!("timer_question_80x24", en);
}

/// The deadline explanation of a ticket whose clock ran over 28 October names the whole Czech holiday
/// ("Den vzniku samostatného československého státu") at 120 columns: the popup widens for it.
#[test]
fn the_deadline_explanation_names_a_long_holiday_whole() {
    let _cs = Scoped::new(Language::Czech);
    let mut s = Store::open_in_memory("alice").unwrap();
    let since = helpdesk::domain::YearMonth::new(2026, 1).unwrap();
    let t0 = tui_fixture::at("2026-01-05T09:00:00Z");
    let c = s.add_customer("Gamma", "", helpdesk::domain::Tier::Standard, since, t0).unwrap();
    let received = tui_fixture::at("2026-10-27T08:00:00Z");
    let new = helpdesk::store::NewTicket {
        customer_id: c.id,
        title: "Tisk".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Request,
        assignee: None,
        received_at: received,
    };
    let t = s.open_ticket(new, received).unwrap();
    let mut app = app(&mut s, "2026-10-29T09:00:00Z");
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(40) });
    app.open_ticket(&t.id, &mut s);
    act(&mut app, &mut s, Action::Explain);
    let screen = shot(&app, 120, 40);
    assert!(screen.contains("Den vzniku samostatného československého státu"), "{screen}");
}

/// The board's prepaid panel at 80×24 in Czech: a long name and a three-digit overage. The figure
/// (`přečerpáno +165:30 h`) is never cut; the name gives way and ends with `…`. Every other panel's
/// line that does not fit ends with `…` too, never mid-word without a sign.
#[test]
fn the_boards_prepaid_figures_are_whole_and_cut_lines_end_with_an_ellipsis_in_czech_at_80x24() {
    let _cs = Scoped::new(Language::Czech);
    let (mut s, _) = store();
    tui_fixture::heavy_overage(&mut s);
    let beta = s.customer_by_name("Beta").unwrap().unwrap().id;
    s.rename_customer(&beta, "Autoservis Černý Plzeň s.r.o.", tui_fixture::at(DAY)).unwrap();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(24) });
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::NextView);
    let screen = shot(&app, 80, 24);
    let row = screen.lines().find(|l| l.contains("+165:30 h")).unwrap_or_else(|| panic!("{screen}"));
    assert!(row.ends_with("│Autoserv… přečerpáno +165:30 h│"), "{row}\n{screen}");
    // The right column's lines end at the border with a letter, a space or `…`: the timer's
    // `zapomenut?` is `zapomenut…` when cut.
    let timer = screen.lines().find(|l| l.contains("13:00:00")).unwrap_or_else(|| panic!("{screen}"));
    assert!(timer.ends_with("…│") || timer.ends_with(" │"), "{timer}");
}

/// Nobody named the technician: the program acts as `technician`, a machine value stored as it is in
/// the log (the same in every language), and the status bar and the ticket's history word it in the
/// reader's language (`technik`).
#[test]
fn the_unnamed_technician_reads_technik_and_is_stored_as_technician() {
    let _cs = Scoped::new(Language::Czech);
    let (mut s, ids) = store();
    s.set_actor(helpdesk::domain::UNNAMED_TECHNICIAN);
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(24) });
    app.open_ticket(&ids.running, &mut s);
    act(&mut app, &mut s, Action::ToggleTimer);
    let screen = shot(&app, 80, 24);
    let status = screen.lines().nth(23).unwrap();
    assert!(status.starts_with(" technik "), "{status}");
    assert!(screen.contains("technik: časovač spuštěn"), "the history names the unnamed one in Czech:\n{screen}");
    assert!(!screen.contains("technician"), "{screen}");
    let history = s.history(&ids.running).unwrap();
    assert_eq!(history.last().unwrap().actor, "technician", "the log keeps the machine value");
    let _en = Scoped::new(Language::English);
    assert!(shot(&app, 80, 24).lines().nth(23).unwrap().starts_with(" technician "));
}

/// A Czech screen lists names in Czech order: the customers (`Ch` after `H`, `Č` after `C`, `Ž`
/// after `Z`) and the board's technicians of equal load (`Hynek` before `Chrudoš`); English keeps the
/// order it had.
#[test]
fn customers_and_technicians_are_listed_in_czech_order_on_a_czech_screen() {
    use helpdesk::domain::{TicketKind, Tier, YearMonth};
    let order_on = |lang: Language| -> (Vec<String>, Vec<String>) {
        let _l = Scoped::new(lang);
        let mut s = Store::open_in_memory("alice").unwrap();
        let since = YearMonth::new(2026, 1).unwrap();
        let t0 = tui_fixture::at("2026-01-05T09:00:00Z");
        for n in ["Hora", "Chata", "Čedok", "Cyril", "Zahrada", "Žák"] {
            s.add_customer(n, "", Tier::Standard, since, t0).unwrap();
        }
        for (who, customer) in [("Chrudoš", "Hora"), ("Hynek", "Cyril")] {
            let c = s.customer_by_name(customer).unwrap().unwrap();
            let new = helpdesk::store::NewTicket {
                customer_id: c.id,
                title: "Tisk".into(),
                description: String::new(),
                kind: TicketKind::Request,
                assignee: Some(who.into()),
                received_at: tui_fixture::at(DAY),
            };
            s.open_ticket(new, tui_fixture::at(DAY)).unwrap();
        }
        let mut app = app(&mut s, DAY);
        act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(40) });
        act(&mut app, &mut s, Action::NextView);
        let customers = shot(&app, 120, 40);
        let names: Vec<String> = customers
            .lines()
            .filter_map(|l| l.strip_prefix('│'))
            .filter_map(|l| l.trim_start_matches(['›', ' ']).split_whitespace().next())
            .filter(|w| ["Hora", "Chata", "Čedok", "Cyril", "Zahrada", "Žák"].contains(w))
            .map(String::from)
            .collect();
        act(&mut app, &mut s, Action::NextView);
        let board = shot(&app, 120, 40);
        let technicians: Vec<String> = board
            .lines()
            .flat_map(|l| l.split('│'))
            .filter_map(|cell| cell.split_whitespace().next())
            .filter(|w| ["Chrudoš", "Hynek"].contains(w))
            .map(String::from)
            .collect();
        (names, technicians)
    };
    let (names, technicians) = order_on(Language::Czech);
    assert_eq!(names, ["Cyril", "Čedok", "Hora", "Chata", "Zahrada", "Žák"]);
    assert_eq!(technicians, ["Hynek", "Chrudoš"]);
    let (names, technicians) = order_on(Language::English);
    assert_eq!(names, ["Čedok", "Chata", "Cyril", "Hora", "Zahrada", "Žák"]);
    assert_eq!(technicians, ["Chrudoš", "Hynek"]);
}

/// The help's descriptions go on at words on the next row instead of being cut by the popup's border
/// (Czech ones are longer: `… (v komentáři je Enter nový` / `řádek)`).
#[test]
fn the_help_wraps_a_long_description_at_words() {
    let _cs = Scoped::new(Language::Czech);
    let (mut s, _) = store();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(70) });
    act(&mut app, &mut s, Action::Help);
    for width in [80, 120] {
        let screen = shot(&app, width, 70);
        let lines: Vec<&str> = screen.lines().collect();
        let at = lines.iter().position(|l| l.contains("uložit z kteréhokoli pole")).expect("the save key's row");
        // Whole on its row where the popup is wide enough, else on at a word on the row below.
        let whole = lines[at].contains("(v komentáři je Enter nový řádek)");
        let wrapped = lines[at + 1].contains("│                 ")
            && format!("{}{}", lines[at], lines[at + 1]).contains("řádek)");
        assert!(whole || wrapped, "{width}:\n{}\n{}", lines[at], lines[at + 1]);
        for l in &lines {
            assert!(!l.contains("řáde│") && !l.contains("kteréhokol│"), "cut mid-word: {l}");
        }
    }
}

/// bb8 #13: at 80×24 a no-contract customer's technician and consultant lines of one ticket differ
/// only in the role: narrow, the role comes first and the kind column takes the room the layout
/// leaves (it was cut to `požadavek (te…` / `(ko…` with empty columns at the right).
#[test]
fn a_no_contract_statement_names_both_roles_whole_at_80x24_in_czech() {
    let _cs = Scoped::new(Language::Czech);
    let (mut s, ids) = store();
    for (role, minutes) in [(helpdesk::domain::Role::Technician, 30), (helpdesk::domain::Role::Consultant, 45)] {
        let entry = helpdesk::store::NewEntry {
            ticket_id: ids.no_sla.clone(),
            started_at: tui_fixture::at("2026-03-04T09:00:00Z"),
            minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
            role,
            technician: "bob".into(),
            note: String::new(),
        };
        s.add_time_entry(entry, tui_fixture::at("2026-03-04T10:00:00Z")).unwrap();
    }
    s.update_ticket(
        &ids.no_sla,
        vec![helpdesk::store::TicketChange::Kind(helpdesk::domain::TicketKind::Request)],
        tui_fixture::at("2026-03-04T10:00:00Z"),
    )
    .unwrap();
    let mut app = app(&mut s, DAY);
    act(&mut app, &mut s, Action::Resize { list_rows: ui::list_rows(24) });
    act(&mut app, &mut s, Action::NextView);
    act(&mut app, &mut s, Action::Top);
    while app.customers.selected_line().unwrap().customer.name != "Delta" {
        act(&mut app, &mut s, Action::Down);
    }
    act(&mut app, &mut s, Action::Statement);
    let screen = shot(&app, 80, 24);
    assert!(
        screen.contains("│5      technik: požadavek ") && screen.contains("│5      konzultant: požada"),
        "{screen}"
    );
    let row = screen.lines().find(|l| l.contains("technik: ")).unwrap_or_default();
    assert!(row.ends_with("500,00 Kč│"), "no empty columns at the right: {row:?}");
}
