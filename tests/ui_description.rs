//! Finding #4: the ticket view shows up to six lines of the description; more are marked in its title
//! (`lines 1–6 of 31, d: all`), and `d` shows it whole over the history, scrolled by ↑/↓ and PgDn, so
//! the last line can be read; `d` again goes back.

mod tui_fixture;

use helpdesk::app::{Action, App};
use helpdesk::keymap::Keymap;
use helpdesk::store::{Store, TicketChange};
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_fixture::{DAY, act, app, at, store};

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &Keymap::default(), &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect()
}

fn long_ticket(s: &mut Store, ids: &tui_fixture::Ids) -> (App, helpdesk::domain::TicketId) {
    let ids = ids.running.clone();
    let text: Vec<String> = (1..=31).map(|i| format!("line {i} of the mail")).collect();
    s.update_ticket(&ids, vec![TicketChange::Description(text.join("\n"))], at(DAY)).unwrap();
    let mut a = app(s, DAY);
    a.open_ticket(&ids, s);
    (a, ids)
}

#[test]
fn a_long_description_says_there_is_more_and_d_shows_all_of_it() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (mut s, ids) = store();
        let (mut app, _) = long_ticket(&mut s, &ids);
        let shown = screen(&app, w, h);
        assert!(shown.contains("Description (lines 1–6 of 31, d: all)"), "{shown}");
        assert!(shown.contains("line 6 of the mail") && !shown.contains("line 7 of the mail"), "{shown}");
        let keys = Keymap::default();
        let d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(keys.resolve(helpdesk::app::Focus::Detail, &d), Some(Action::ToggleDescription));
        act(&mut app, &mut s, Action::ToggleDescription);
        let open = screen(&app, w, h);
        assert!(open.contains("line 7 of the mail"), "{open}");
        for _ in 0..10 {
            act(&mut app, &mut s, Action::PageDown);
        }
        let end = screen(&app, w, h);
        assert!(end.contains("line 31 of the mail"), "the last line can be read: {end}");
        assert!(end.contains("–31 of 31"), "{end}");
        act(&mut app, &mut s, Action::ToggleDescription);
        assert!(screen(&app, w, h).contains("d: all"));
    }
}

#[test]
fn a_short_description_has_no_mark() {
    let (mut s, ids) = store();
    let mut app = app(&mut s, DAY);
    app.open_ticket(&ids.running, &mut s);
    let shown = screen(&app, 120, 30);
    assert!(shown.contains(" Description "), "{shown}");
    assert!(!shown.contains("d: all"), "{shown}");
}
