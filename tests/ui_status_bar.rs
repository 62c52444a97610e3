//! The status bar at the classic 80×24 (bb5 #8, #11 and the idle replica's "synced 7m ago"): it shrinks
//! by priority instead of being clipped at the edge. The running timer's ticket number and elapsed
//! time always stay; the sync state is shortened next; the ticket's title goes last and is cut at a
//! word with `…`. A viewer's replica calls itself a viewer's, and a replica whose live connection is up
//! says it is up to date.

use chrono::{DateTime, Duration, Utc};
use helpdesk::app::App;
use helpdesk::config::Settings;
use helpdesk::domain::{Role, TicketId};
use helpdesk::i18n::{Language, Scoped};
use helpdesk::keymap::Keymap;
use helpdesk::store::{Store, TimerRow};
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<Utc> {
    "2026-03-04T09:00:00Z".parse().unwrap()
}

/// The bottom line at 80×24.
fn bar(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, app, &Keymap::default(), &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    let y = buf.area.height - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>().trim_end().to_string()
}

fn app(store: &mut Store) -> App {
    App::new(Settings::defaults(), store, now())
}

/// Alice's timer on #1 with a long Czech title, running 12 min 34 s.
fn with_timer(app: &mut App) {
    app.my_timer = Some(TimerRow {
        id: "t1".into(),
        technician: "alice".into(),
        ticket_id: TicketId::new("t"),
        ticket_number: "1".into(),
        ticket_title: "Tiskárna nefunguje v kanceláři účetní po aktualizaci ovladače".into(),
        started_at: now() - Duration::seconds(754),
        role: Role::default(),
    });
}

/// A replica-like copy `A`: synced 3 minutes ago, 2 unshared changes, 3 open conflicts.
fn replica(app: &mut App) {
    app.copy.tag = "A".into();
    app.copy.team = true;
    app.copy.last_sync = Some(now() - Duration::minutes(3));
    app.copy.unshared = 2;
    app.copy.conflicts = 3;
}

/// No word of the title is cut without `…`: whatever part of it is shown is whole words, or ends with
/// `…` after a whole word.
fn title_cut_at_a_word(line: &str) {
    let title = "Tiskárna nefunguje v kanceláři účetní po aktualizaci ovladače";
    let Some(start) = line.find("⏱ #1 ") else { panic!("no timer in {line:?}") };
    let rest = &line[start + "⏱ #1 ".len()..];
    if rest.starts_with("0:12:34") {
        return;
    }
    let shown = rest.split(" 0:12:34").next().unwrap();
    let body = shown.strip_suffix('…').unwrap_or_else(|| panic!("title cut without …: {line:?}"));
    assert!(title.starts_with(body), "{line:?}");
    assert_eq!(title[body.len()..].chars().next(), Some(' '), "cut mid-word: {line:?}");
}

#[test]
fn a_replicas_bar_at_80_columns_keeps_the_timers_number_and_elapsed_time_and_cuts_the_title_at_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
    let mut app = app(&mut store);
    replica(&mut app);
    with_timer(&mut app);
    let line = bar(&app);
    assert!(line.contains("⏱ #1 ") && line.ends_with("0:12:34"), "{line:?}");
    assert!(line.contains("2 unshared · 3 conflicts"), "{line:?}");
    title_cut_at_a_word(&line);
    // Wider, everything fits: the copy's name and when it synced come back, the title stays cut at a
    // word (it never takes more than its share).
    let mut t = Terminal::new(TestBackend::new(160, 24)).unwrap();
    t.draw(|f| ui::draw(f, &app, &Keymap::default(), &Theme::color())).unwrap();
    let buf = t.backend().buffer().clone();
    let wide: String = (0..160).map(|x| buf[(x, 23)].symbol().to_string()).collect();
    assert!(wide.contains("copy A · synced 3m ago · 2 unshared · 3 conflicts"), "{wide:?}");
    title_cut_at_a_word(wide.trim_end());
}

#[test]
fn an_offline_copys_bar_at_80_columns_keeps_the_elapsed_time_and_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
    let mut app = app(&mut store);
    replica(&mut app);
    app.copy.offline_since = Some(now() - Duration::minutes(20));
    with_timer(&mut app);
    let line = bar(&app);
    assert!(line.ends_with("0:12:34"), "{line:?}");
    assert!(line.contains("offline") && line.contains("2 unshared"), "{line:?}");
    assert!(line.contains("3 conflicts"), "{line:?}");
    title_cut_at_a_word(&line);
}

#[test]
fn in_czech_the_bar_at_80_columns_keeps_the_elapsed_time_and_cuts_at_a_word() {
    let _cs = Scoped::new(Language::Czech);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
    let mut app = app(&mut store);
    replica(&mut app);
    with_timer(&mut app);
    let line = bar(&app);
    assert!(line.ends_with("0:12:34"), "{line:?}");
    assert!(line.contains("3 konflikty"), "{line:?}");
    title_cut_at_a_word(&line);
    app.copy.offline_since = Some(now() - Duration::minutes(20));
    let line = bar(&app);
    assert!(line.ends_with("0:12:34") && line.contains("bez spojení"), "{line:?}");
    title_cut_at_a_word(&line);
}

#[test]
fn with_no_timer_the_bar_says_so_in_whole_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "Wallboard of the second floor").unwrap();
    let mut app = app(&mut store);
    replica(&mut app);
    app.copy.offline_since = Some(now() - Duration::days(2));
    let line = bar(&app);
    assert!(line.ends_with("no timer running") || line.ends_with("no timer"), "{line:?}");
}

#[test]
fn a_viewers_replica_calls_itself_a_viewers_and_not_the_team_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "Wallboard").unwrap();
    let mut app = app(&mut store);
    app.copy.read_only = true;
    app.copy.viewer = true;
    app.copy.team = true;
    app.copy.last_sync = Some(now());
    let line = bar(&app);
    assert!(line.contains("READ-ONLY") && line.contains("viewer · synced just now"), "{line:?}");
    assert!(!line.contains("team file") && !line.contains("unshared"), "{line:?}");
    assert!(line.ends_with("no timer running"), "{line:?}");
    {
        let _cs = Scoped::new(Language::Czech);
        let line = bar(&app);
        assert!(line.contains("divák · synchronizováno právě teď"), "{line:?}");
        assert!(!line.contains("týmový soubor"), "{line:?}");
    }
}

/// An idle replica whose live connection is up hears every other desk's push at once: it says it is up
/// to date, not when the last change arrived (bb5 follow-up: "synced 7m ago" on an idle, connected
/// desk). Offline or not connected, it says when it last synced.
#[test]
fn a_connected_replica_says_up_to_date_however_long_ago_the_last_change_came() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.db"), "alice").unwrap();
    let mut app = app(&mut store);
    replica(&mut app);
    app.copy.last_sync = Some(now() - Duration::minutes(7));
    app.update(helpdesk::app::Action::TeamOnline(true), &mut store, now());
    // The reload of the update read the file's own state again: a replica-like state once more.
    replica(&mut app);
    app.copy.last_sync = Some(now() - Duration::minutes(7));
    let line = bar(&app);
    assert!(line.contains("copy A · up to date"), "{line:?}");
    assert!(!line.contains("7m ago"), "{line:?}");
    app.update(helpdesk::app::Action::TeamOnline(false), &mut store, now());
    replica(&mut app);
    app.copy.last_sync = Some(now() - Duration::minutes(7));
    assert!(bar(&app).contains("synced 7m ago"), "{}", bar(&app));
}
