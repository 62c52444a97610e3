//! What syncing shows in the TUI: a ticket with a field conflict says so on its detail view (which
//! value the clock kept, the other one, and how to pick it), and the status bar names the copy.

use chrono::{DateTime, Duration, Utc};
use helpdesk::app::{Action, App};
use helpdesk::config::Settings;
use helpdesk::domain::{TicketKind, TicketStatus, Tier, YearMonth};
use helpdesk::keymap::Keymap;
use helpdesk::store::{NewTicket, Store, TicketChange};
use helpdesk::sync::{clone_copy, sync_files};
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<Utc> {
    "2026-03-04T09:00:00Z".parse().unwrap()
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(140, 30)).unwrap();
    t.draw(|f| ui::draw(f, app, &Keymap::default(), &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn a_conflict_shows_on_the_ticket_and_the_copy_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = Store::open(&dir.path().join("team.db"), "alice").unwrap();
    let c = team.add_customer("Acme", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now()).unwrap();
    let t = team
        .open_ticket(
            NewTicket {
                customer_id: c.id,
                title: "Printer".into(),
                description: String::new(),
                kind: TicketKind::Request,
                assignee: None,
                received_at: now(),
            },
            now(),
        )
        .unwrap();
    let laptop_path = dir.path().join("laptop.db");
    clone_copy(&mut team, &laptop_path, now()).unwrap();
    let mut laptop = Store::open(&laptop_path, "bob").unwrap();
    laptop
        .update_ticket(&t.id, vec![TicketChange::Status(TicketStatus::Waiting)], now() + Duration::minutes(1))
        .unwrap();
    team.update_ticket(&t.id, vec![TicketChange::Status(TicketStatus::Open)], now() + Duration::minutes(2)).unwrap();
    sync_files(&mut laptop, &mut team, &Settings::defaults(), now() + Duration::minutes(3), &mut |_| {}).unwrap();

    let mut app = App::new(Settings::defaults(), &mut laptop, now() + Duration::minutes(4));
    let queue = screen(&app);
    assert!(queue.contains("copy A · synced 1m ago · 0 unshared · 1 conflict"), "{queue}");
    app.update(Action::Open, &mut laptop, now() + Duration::minutes(4));
    let detail = screen(&app);
    assert!(detail.contains("⚠ Sync conflict: status kept `open`, another copy had `waiting`"), "{detail}");
    assert!(detail.contains("helpdesk sync resolve"), "{detail}");
}

/// A team replica whose server does not answer says so in the status bar, as the command line's note
/// does (`offline since HH:MM · N unshared`), and stops saying it once the server answered again.
#[test]
fn an_offline_replica_says_since_when_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
    store.add_customer("Acme", "", Tier::Vip, YearMonth::new(2026, 1).unwrap(), now()).unwrap();
    // 09:00 UTC is 10:00 in Prague (the default zone).
    store.record_team_unreachable(now()).unwrap();
    let app = App::new(Settings::defaults(), &mut store, now() + Duration::minutes(5));
    let bar = screen(&app);
    assert!(bar.contains("offline since 10:00 · 0 unshared"), "{bar}");
    store.record_team_contact(now() + Duration::minutes(6)).unwrap();
    let app = App::new(Settings::defaults(), &mut store, now() + Duration::minutes(7));
    assert!(!screen(&app).contains("offline since"), "{}", screen(&app));
}

/// Issue 16: while a team replica's background connection applies a long catch-up, the status bar
/// says how far it got (`catching up 45 %`, in Czech `dohání se 45 %`), and says nothing once it ends.
#[test]
fn a_long_catch_up_shows_how_far_it_got_in_the_status_bar() {
    use helpdesk::i18n::{Language, Scoped};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
    let mut app = App::new(Settings::defaults(), &mut store, now());
    assert!(!screen(&app).contains("catching up"), "{}", screen(&app));
    app.update(Action::CatchingUp(Some(45)), &mut store, now());
    let bar = screen(&app);
    assert!(bar.lines().last().unwrap_or_default().contains("catching up 45 %"), "{bar}");
    {
        let _cs = Scoped::new(Language::Czech);
        let bar = screen(&app);
        assert!(bar.contains("dohání se 45 %"), "{bar}");
    }
    app.update(Action::CatchingUp(None), &mut store, now());
    assert!(!screen(&app).contains("catching up"), "{}", screen(&app));
}
