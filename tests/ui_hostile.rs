//! Untrusted text on screen: a title, description, comment and customer name holding escape sequences,
//! BEL, C1 controls and bidi overrides render as harmless text — whether they came in through the
//! store (cleaned on the way in) or were written into the file by something else.

use chrono::{DateTime, Utc};
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::domain::{TicketKind, Tier, YearMonth};
use helpdesk::keymap::Keymap;
use helpdesk::store::{NewTicket, Store};
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const HOSTILE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}Evil\u{9b}31m \u{202e}txt.exe\u{2066}";

fn now() -> DateTime<Utc> {
    "2026-03-04T09:00:00Z".parse().unwrap()
}

fn screen(app: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
    t.draw(|f| ui::draw(f, app, &Keymap::default(), &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    (0..buf.area.height).map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect()).collect()
}

fn assert_harmless(lines: &[String]) {
    for line in lines {
        for c in line.chars() {
            let bidi = ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
            assert!(!c.is_control() && !bidi, "control character {c:?} on screen: {line:?}");
        }
    }
}

#[test]
fn hostile_text_from_the_store_and_from_the_raw_file_renders_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let mut store = Store::open(&db, "alice").unwrap();
    let c = store.add_customer(HOSTILE, "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now()).unwrap();
    let new = |title: &str| NewTicket {
        customer_id: c.id.clone(),
        title: title.into(),
        description: HOSTILE.into(),
        kind: TicketKind::Request,
        assignee: Some(HOSTILE.into()),
        received_at: now(),
    };
    let cleaned = store.open_ticket(new(HOSTILE), now()).unwrap();
    store.add_comment(&cleaned.id, HOSTILE, now()).unwrap();
    assert!(!cleaned.title.contains('\u{1b}'), "cleaned on the way in");
    // Another program writes raw control characters straight into the file.
    let raw = store.open_ticket(new("placeholder"), now()).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE tickets SET title = ?1, description = ?1 WHERE id = ?2", [HOSTILE, raw.id.as_str()])
        .unwrap();

    let mut app = App::new(Settings::defaults(), &mut store, now());
    let queue = screen(&app);
    assert_harmless(&queue);
    assert!(queue.iter().any(|l| l.contains("Evil")), "{queue:#?}");
    for _ in 0..2 {
        app.update(Action::Open, &mut store, now());
        assert_harmless(&screen(&app));
        app.update(Action::Back, &mut store, now());
        app.update(Action::Down, &mut store, now());
    }
    app.update(Action::NextView, &mut store, now());
    assert_harmless(&screen(&app));
    app.update(Action::NextView, &mut store, now());
    assert_harmless(&screen(&app));
}
