//! The interface as a user feels it: the time to the first frame, and update + draw per key press,
//! replayed through the same path as the event loop in `src/tui.rs` (a key resolves through the keymap
//! to an `Action`, `App::update`, background steps while there is background work, a tick every
//! second, a frame after each) on a 120×40 `TestBackend`.
//!
//! `cargo bench --bench tui -- PATH` measures the file at PATH, opened read-only (it is never changed);
//! without PATH a small demo is built in memory. `HELPDESK_NOW` (RFC 3339) sets the clock, as for the
//! binary. Key sequences: the queue (200× down, page down to the end, End, Home), ticket details
//! (history scrolled 50× back and forth, 20 different tickets opened), the customers view (200× down,
//! page down to the end, End, a statement and its months), the board, the open tickets of the customer
//! with the most of them (`c` + its name) and then its every ticket, closed ones too (`h`), and a search (`/` + a word) of the open tickets and of all tickets. Write actions are left out.
//! Prints per view count, p50, p99 and max, the slowest keys, the board's compliance facts read whole
//! (a session's first reading and one after a change), and the peak RSS.
//!
//! Under `cargo test` (no `--bench` argument) it replays the same keys on a tiny demo and checks what
//! each key should have done; it fails on a panic or an error in the status bar after any key.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use helpdesk::app::{Action, App, Focus, View};
use helpdesk::config::Settings;
use helpdesk::demo::{self, DemoOptions};
use helpdesk::keymap::Keymap;
use helpdesk::store::Store;
use helpdesk::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

/// The program's allocator (`src/main.rs`), and its heap as the interface has it (`main` below), so
/// that the figures are the program's: with the system's allocator the first frame's 5 000 tickets
/// and 10 000 customers spent an eighth of their instructions in `malloc` and `free`, and the peak
/// RSS read 50 MB at full size where the program's allocator kept 57 MB (79–88 MB with huge pages).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// As `TICK` and `BACKGROUND_STEP` in `src/tui.rs`.
const TICK: Duration = Duration::from_secs(1);
const BACKGROUND_STEP: Duration = Duration::from_millis(8);

/// One timed step: what it was and how long update + draw took.
struct Sample {
    took: Duration,
    action: String,
    key: String,
}

/// The interface driven by scripted keys, timing every frame.
struct Bench {
    store: Store,
    app: App,
    keymap: Keymap,
    theme: Theme,
    terminal: Terminal<TestBackend>,
    start: DateTime<Utc>,
    clock: Instant,
    last_tick: Instant,
    /// Frames drawn so far (as counted by the terminal).
    frames: usize,
    /// Samples per group, in the order the groups were first used.
    groups: Vec<(String, Vec<Sample>)>,
    /// For each key after which background work was first seen: the time from its first step until the
    /// work was done (keys pressed meanwhile included), and the number of steps.
    background_runs: Vec<(String, Duration, usize)>,
    /// Background work in progress: (after which key, since when, steps so far).
    work: Option<(String, Instant, usize)>,
    /// Background steps after each key: `None` until the work is done (keys slower than the work),
    /// `Some(n)` for keys pressed while it is still going on.
    steps_per_key: Option<usize>,
}

impl Bench {
    /// The clock as the event loop runs it: the start instant plus the time since the start.
    fn now(&self) -> DateTime<Utc> {
        self.start + chrono::Duration::from_std(self.clock.elapsed()).unwrap_or_default()
    }

    fn record(&mut self, group: &str, sample: Sample) {
        match self.groups.iter_mut().find(|(g, _)| g == group) {
            Some((_, v)) => v.push(sample),
            None => self.groups.push((group.to_string(), vec![sample])),
        }
    }

    /// `update(action)` then one frame, timed together; panics (with the step named) on a panic or
    /// when no frame was drawn.
    fn step(&mut self, action: Action, what: &str) -> Duration {
        let now = self.now();
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            self.app.update(action.clone(), &mut self.store, now);
            let (app, keymap, theme) = (&self.app, &self.keymap, &self.theme);
            self.terminal.draw(|f| ui::draw(f, app, keymap, theme)).map(|f| f.count)
        }));
        let took = t.elapsed();
        match result {
            Ok(Ok(count)) => {
                assert_eq!(count, self.frames, "{what} ({action:?}) drew no new frame");
                self.frames += 1;
            }
            Ok(Err(e)) => panic!("{what} ({action:?}): drawing failed: {e}"),
            Err(p) => {
                eprintln!("tui bench: {what} ({action:?}) panicked in update or draw");
                resume_unwind(p);
            }
        }
        took
    }

    /// A key press as the event loop handles it: resolved through the keymap (in a form, unbound keys
    /// are typed), update + draw (timed, in `group`), then background steps while there is background
    /// work, and a tick once a second has passed.
    fn press(&mut self, group: &str, key: &str) -> Action {
        let event = key_event(key);
        let focus = self.app.focus();
        let action = helpdesk::tui::resolve(&self.keymap, &self.app, &event)
            .unwrap_or_else(|| panic!("key `{key}` does nothing in {focus:?}: the script is wrong"));
        let took = self.step(action.clone(), key);
        if let Some(m) = &self.app.message
            && m.error
        {
            panic!("after `{key}` ({action:?}) in {focus:?} the status bar shows an error: {}", m.text);
        }
        self.record(group, Sample { took, action: action_name(&action), key: key.to_string() });
        self.background(&format!("{} ({key})", action_name(&action)), self.steps_per_key);
        if self.last_tick.elapsed() >= TICK {
            self.tick();
        }
        action
    }

    fn press_n(&mut self, group: &str, key: &str, n: usize) {
        for _ in 0..n {
            self.press(group, key);
        }
    }

    /// Background steps (with a frame after each) until there is no background work or `limit` steps
    /// were taken, as the event loop does while no key is waiting.
    fn background(&mut self, after: &str, limit: Option<usize>) {
        let mut steps = 0;
        while self.app.has_background_work() && limit.is_none_or(|l| steps < l) {
            if self.work.is_none() {
                self.work = Some((after.to_string(), Instant::now(), 0));
            }
            let took = self.step(Action::Background, "background");
            self.record("background step", Sample { took, action: "Background".into(), key: after.to_string() });
            steps += 1;
            if let Some(w) = &mut self.work {
                w.2 += 1;
            }
            if let Some(m) = &self.app.message
                && m.error
            {
                panic!("after a background step (after {after}) the status bar shows an error: {}", m.text);
            }
        }
        if !self.app.has_background_work()
            && let Some((first, started, steps)) = self.work.take()
        {
            self.background_runs.push((first, started.elapsed(), steps));
        }
    }

    fn tick(&mut self) {
        let took = self.step(Action::Tick, "tick");
        let view = format!("{:?}", self.app.focus());
        self.record("tick", Sample { took, action: "Tick".into(), key: view });
        self.last_tick = Instant::now();
        self.background("Tick", None);
    }

    /// Page down until the last row is selected (at most `limit` presses); the number of presses.
    fn page_to_end(&mut self, group: &str, selected: impl Fn(&App) -> (usize, usize), limit: usize) -> usize {
        let mut n = 0;
        while n < limit {
            let (sel, len) = selected(&self.app);
            if sel + 1 >= len {
                break;
            }
            self.press(group, "pgdn");
            n += 1;
        }
        n
    }

    fn type_text(&mut self, group: &str, text: &str) {
        for c in text.chars() {
            let action = self.press(group, &c.to_string());
            assert!(matches!(action, Action::Input(_)), "`{c}` was not typed into the form: {action:?}");
        }
    }
}

fn key_event(key: &str) -> KeyEvent {
    let code = match key {
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "pgdn" => KeyCode::PageDown,
        "pgup" => KeyCode::PageUp,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "right" => KeyCode::Right,
        k => {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => panic!("unknown key `{k}` in the script"),
            }
        }
    };
    let modifiers = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent { code, modifiers, kind: KeyEventKind::Press, state: KeyEventState::NONE }
}

/// `PageDown`, `Filter(Mine)`, `Input` (typed characters are not told apart).
fn action_name(a: &Action) -> String {
    match a {
        Action::Input(_) => "Input".into(),
        Action::Resize { .. } => "Resize".into(),
        a => format!("{a:?}"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Nearest-rank percentile of sorted durations.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// A field of /proc/self/status, e.g. `VmHWM` (peak resident set) -> `12868 kB`.
fn proc_status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':').map(|v| v.trim().to_string())))
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    helpdesk::cli::heap_as_the_interface_has_it();
    let main_started = Instant::now();
    // `cargo bench` passes `--bench` after our arguments; `cargo test` passes nothing.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let full = args.iter().any(|a| a == "--bench");
    let path = args.iter().find(|a| !a.starts_with("--")).cloned();

    // As `cli::run`: settings, the clock, who is acting. Under `cargo test` the embedded defaults, so a
    // user's key overrides cannot change what the script presses.
    let settings = if full { Settings::load().expect("bad configuration") } else { Settings::defaults() };
    let start = match std::env::var("HELPDESK_NOW") {
        Ok(s) if !s.trim().is_empty() => helpdesk::cli::input::instant(&s).expect("HELPDESK_NOW"),
        _ => Utc::now(),
    };
    let actor = helpdesk::cli::identity(None, &settings);
    let keymap = Keymap::new(&settings.app.keys).expect("bad configuration: [keys]");
    let settings_took = main_started.elapsed();

    let mut built = None;
    let store = match &path {
        Some(p) => {
            let store = Store::open_read_only(Path::new(p), &actor).expect("open the database read-only");
            // As `tui::run` does before its first frame.
            store.for_a_long_session().expect("reads through the page cache");
            store
        }
        None => {
            // A demo in memory, written at `start` (its history ends then); not part of the first frame.
            let t = Instant::now();
            let mut store = Store::open_in_memory(&actor).unwrap();
            store.use_business_zone(settings.calendar.time_zone()).unwrap();
            let opts = if full {
                DemoOptions { customers: 300, tickets: 20_000, entries: 40_000, open: None, seed: 7, now: start }
            } else {
                DemoOptions { customers: 12, tickets: 300, entries: 500, open: Some(60), seed: 7, now: start }
            };
            let s = demo::generate(&mut store, &settings, &opts, |_| {}).unwrap();
            built = Some((s, t.elapsed()));
            store
        }
    };
    let opened = main_started.elapsed();

    // As `tui::run` + `event_loop`: theme, App::new (with the background budget), Resize, a frame.
    ratatui::crossterm::style::force_color_output(true);
    let theme = Theme::from_env();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    let clock = Instant::now();
    let now = || start + chrono::Duration::from_std(clock.elapsed()).unwrap_or_default();
    let mut store = store;
    let t = Instant::now();
    let mut app = App::new(settings, &mut store, now());
    let app_new = t.elapsed();
    app.summary_budget = Some(BACKGROUND_STEP);
    let rows = ui::list_rows(terminal.size().unwrap().height);
    app.update(Action::Resize { list_rows: rows }, &mut store, now());
    let t = Instant::now();
    let count = terminal.draw(|f| ui::draw(f, &app, &keymap, &theme)).unwrap().count;
    let draw = t.elapsed();
    let first_frame = main_started.elapsed() - built.as_ref().map_or(Duration::ZERO, |(_, d)| *d);
    assert_eq!(count, 0, "the first frame");

    match (&path, &built) {
        (Some(p), _) => println!("tui: {p} (read-only), as {actor}, now {start}, {WIDTH}x{HEIGHT}"),
        (None, Some((s, d))) => println!(
            "tui: a demo in memory ({} customers, {} tickets, {} time entries; built in {:.1?}), now {start}, {WIDTH}x{HEIGHT}",
            s.customers, s.tickets, s.entries, d
        ),
        (None, None) => unreachable!(),
    }
    println!(
        "first frame: {:.1} ms from main (settings {:.1}, open {:.1}, App::new {:.1}, first draw {:.1}); open tickets {}, customers {}",
        ms(first_frame),
        ms(settings_took),
        ms(opened - settings_took - built.as_ref().map_or(Duration::ZERO, |(_, d)| *d)),
        ms(app_new),
        ms(draw),
        app.queue.items.len(),
        app.customer_count
    );
    if full {
        process_start();
    }

    let mut b = Bench {
        store,
        app,
        keymap,
        theme,
        terminal,
        start,
        clock,
        last_tick: Instant::now(),
        frames: 1,
        groups: Vec::new(),
        background_runs: Vec::new(),
        steps_per_key: None,
        work: None,
    };
    if b.app.form.is_some() {
        // A forgotten timer of ours asks what was worked: Esc keeps it running.
        println!("a form was open at the start (a forgotten timer?): Esc");
        b.press("queue", "esc");
    }
    b.background("start", None);
    script(&mut b, full);
    report(&b);
    // Resident pages of the file mapped by SQLite (`mmap_size`) count in VmHWM too: RssFile tells them.
    println!(
        "peak RSS (VmHWM): {}; now RssAnon {}, RssFile {}",
        proc_status("VmHWM"),
        proc_status("RssAnon"),
        proc_status("RssFile")
    );
}

/// The key sequences, with what each part must have done.
fn script(b: &mut Bench, full: bool) {
    let rows = b.app.list_rows;
    let visible = |a: &App| (a.queue.selected, a.queue.visible.len());

    // (a) The queue.
    assert_eq!(b.app.focus(), Focus::Queue);
    let open = b.app.queue.visible.len();
    b.press_n("queue", "down", 200);
    assert_eq!(b.app.queue.selected, 200.min(open.saturating_sub(1)), "200x down");
    let pages = b.page_to_end("queue", visible, open / rows.max(1) + 2);
    assert!(b.app.queue.selected + 1 >= open, "page down reached the end of the queue ({pages} pages)");
    b.press("queue", "end");
    assert_eq!(b.app.queue.selected, open.saturating_sub(1), "End selects the last ticket");
    assert!(b.app.queue.offset + rows >= open, "End shows the last ticket");
    b.press("queue", "home");
    assert_eq!((b.app.queue.selected, b.app.queue.offset), (0, 0), "Home");

    // (b) Ticket details: one scrolled through its history, then 20 different ones.
    if open > 0 {
        b.press("detail", "enter");
        let d = b.app.detail.as_ref().expect("Enter opens the selected ticket");
        assert_eq!(Some(&d.ticket.id), b.app.queue.selected_id());
        b.press_n("detail", "pgup", 50);
        b.press_n("detail", "pgdn", 50);
        assert_eq!(b.app.detail.as_ref().unwrap().scroll, 0, "as many pages down as up: back at the newest");
        b.press_n("detail", "down", 10);
        b.press_n("detail", "up", 10);
        b.press("detail", "esc");
        assert!(b.app.detail.is_none(), "Esc closes the ticket");
        let mut seen = HashSet::new();
        let between = open / 20;
        for _ in 0..20 {
            b.press("detail", "enter");
            let d = b.app.detail.as_ref().expect("Enter opens the selected ticket");
            assert_eq!(Some(&d.ticket.id), b.app.queue.selected_id());
            seen.insert(d.ticket.id.clone());
            b.press("detail", "esc");
            if between >= rows {
                b.press("queue", "pgdn");
            } else {
                b.press_n("queue", "down", between.max(1));
            }
        }
        assert_eq!(seen.len(), 20.min(open), "20 different tickets opened");
        b.press("queue", "home");
    }

    // (c) Customers: summaries computed in background steps; 20 keys while they are (one step between
    // two keys), then the rest of the work at once, a walk to the end, a statement.
    b.steps_per_key = Some(1);
    b.press("customers", "tab");
    assert_eq!(b.app.view, View::Customers);
    b.press_n("customers while summarising", "down", 10);
    b.press_n("customers while summarising", "up", 10);
    b.steps_per_key = None;
    b.background("keys while summarising", None);
    assert!(!b.app.has_background_work(), "the summaries were completed");
    let customers = b.app.customers.lines.len();
    assert_eq!(customers as i64, b.app.customer_count, "every customer summarised");
    b.press_n("customers", "down", 200);
    assert_eq!(b.app.customers.selected, 200.min(customers.saturating_sub(1)), "200x down");
    let lines = |a: &App| (a.customers.selected, a.customers.lines.len());
    b.page_to_end("customers", lines, customers / rows.max(1) + 2);
    b.press("customers", "end");
    assert_eq!(b.app.customers.selected, customers.saturating_sub(1), "End selects the last customer");
    b.press("customers", "home");
    if customers > 0 {
        b.press("statement", "s");
        assert!(b.app.statement.is_some(), "s opens the statement");
        b.press_n("statement", "[", 3);
        b.press_n("statement", "]", 3);
        b.press_n("statement", "down", 10);
        b.press("statement", "esc");
        assert!(b.app.statement.is_none(), "Esc closes the statement");
    }

    // (d) The board.
    b.press("board", "tab");
    assert_eq!(b.app.view, View::Board);
    let urgent = b.app.board.urgent.len();
    b.press_n("board", "down", 20);
    assert_eq!(b.app.board.selected, 20.min(urgent.saturating_sub(1)), "20x down on the board");
    b.press_n("board", "pgdn", 5);
    b.press("board", "end");
    assert_eq!(b.app.board.selected, urgent.saturating_sub(1), "End on the board");
    b.press_n("board", "up", 10);
    b.press_n("board", "pgup", 5);
    b.press("board", "home");
    assert_eq!(b.app.board.selected, 0, "Home on the board");
    for _ in 0..if urgent > 0 { 4 } else { 0 } {
        b.press("board", "enter");
        assert!(b.app.detail.is_some(), "Enter on the board opens the ticket");
        b.press("board", "esc");
        b.press("board", "down");
    }
    b.press("board", "tab");
    assert_eq!(b.app.view, View::Queue, "Tab from the board: back to the queue");

    // (e) The customer with the most open tickets: `c`, its name, Enter; paged through.
    let mut per_customer: HashMap<&str, (usize, &str)> = HashMap::new();
    for i in &b.app.queue.items {
        per_customer.entry(&i.ticket.customer_id).or_insert((0, &i.ticket.customer_name)).0 += 1;
    }
    let big = per_customer
        .iter()
        .max_by_key(|(id, (n, _))| (*n, *id))
        .map(|(id, (n, name))| (id.to_string(), *n, name.to_string()));
    if let Some((id, n, name)) = big {
        b.press("customer tickets", "c");
        assert_eq!(b.app.focus(), Focus::Form, "c opens the customer filter");
        b.type_text("customer tickets", &name);
        b.press("customer tickets", "enter");
        assert!(b.app.form.is_none(), "the customer filter was accepted");
        assert_eq!(b.app.queue.customer.as_ref().map(|c| c.id.as_str()), Some(id.as_str()));
        assert_eq!(b.app.queue.visible.len(), n, "the filter shows all {n} open tickets of {name}");
        println!("biggest customer: {name} with {n} open tickets");
        b.page_to_end("customer tickets", visible, n / rows.max(1) + 2);
        b.press("customer tickets", "end");
        assert_eq!(b.app.queue.selected, n - 1);
        b.press("customer tickets", "home");
        // Its every ticket, closed ones too (`h`), newest first: paged to the oldest and opened.
        b.press("customer history", "h");
        let h = b.app.queue.history.as_ref().expect("h shows the customer's every ticket");
        let all = h.items.len();
        assert!(all >= n, "every ticket of {name}, the {n} open ones among them");
        assert!(h.items.windows(2).all(|w| w[0].ticket.received_at >= w[1].ticket.received_at), "newest first");
        println!("its every ticket (h): {all}");
        let listed = |a: &App| (a.queue.selected_index(), a.queue.len());
        b.page_to_end("customer history", listed, all / rows.max(1) + 2);
        b.press("customer history", "end");
        assert_eq!(b.app.queue.selected_index(), all - 1, "End: the oldest ticket");
        b.press("customer history", "enter");
        assert!(b.app.detail.is_some(), "Enter opens the oldest ticket");
        b.press("customer history", "esc");
        b.press("customer history", "home");
        b.press("customer history", "esc");
        assert!(b.app.queue.history.is_none(), "Esc leaves the history");
        b.press("customer tickets", "esc");
        assert!(!b.app.queue.is_filtered(), "Esc clears the filter");
    }

    // (f) A search for a word of the first ticket's title.
    let word = b.app.queue.selected_item().and_then(|i| {
        i.ticket.title.split_whitespace().filter(|w| w.chars().all(char::is_alphabetic)).max_by_key(|w| w.len())
    });
    if let Some(word) = word.map(str::to_string) {
        let id = b.app.queue.selected_id().unwrap().clone();
        b.press("search", "/");
        b.type_text("search", &word);
        b.press("search", "enter");
        let s = b.app.queue.search.as_ref().expect("the search was applied");
        println!("search: `{word}` (the longest word of the first ticket's title): {} open tickets", s.ids.len());
        assert!(!full || !s.ids.is_empty(), "`{word}` finds something");
        if !full {
            assert!(s.ids.contains(&id), "`{word}` finds the ticket it was taken from");
        }
        b.page_to_end("search", visible, b.app.queue.visible.len() / rows.max(1) + 2);
        b.press("search", "esc");
        assert!(b.app.queue.search.is_none(), "Esc clears the search");

        // The same word in all tickets, open or closed (the form's second field), paged to the end.
        b.press("search all", "/");
        b.type_text("search all", &word);
        b.press("search all", "tab");
        b.press("search all", "right");
        b.press("search all", "enter");
        let found = b.app.queue.history.as_ref().map(|h| h.items.len()).expect("all tickets are listed");
        println!("search of all tickets: `{word}`: the newest {found} listed");
        assert!(found > 0, "`{word}` is in the ticket it was taken from");
        if !full {
            assert!(b.app.queue.window(0, found).iter().any(|i| i.ticket.id == id), "and finds that ticket");
        }
        b.page_to_end("search all", visible, found / rows.max(1) + 2);
        b.press("search all", "esc");
        assert!(b.app.queue.history.is_none(), "Esc goes back to the open tickets");
    }
    b.tick();
    compliance_readings(b);
}

/// The board's compliance facts on their own, read whole (in the interface they are read in steps
/// between keys): the first reading of a session (twelve months) and one after a change (the window).
fn compliance_readings(b: &mut Bench) {
    use helpdesk::app::compliance::{ComplianceState, MONTHS};
    let now = b.now();
    let app = &b.app;
    let mut c = ComplianceState::default();
    for what in ["first reading of a session (12 months)", "reading after a change (the current window)"] {
        c.load(&app.settings, now);
        let t = Instant::now();
        c.step(&b.store, &app.settings, &app.tiers, &app.queue, now, None).expect("compliance facts");
        println!("board compliance, {what}: {:.1} ms", ms(t.elapsed()));
        assert!(c.reading.is_none(), "read whole");
        assert_eq!(c.history.len(), MONTHS, "twelve months charted");
    }
}

fn report(b: &Bench) {
    println!(
        "{:<28} {:>6} {:>9} {:>9} {:>9}   slowest three (ms, action, key)",
        "view", "keys", "p50 ms", "p99 ms", "max ms"
    );
    for (group, samples) in &b.groups {
        let mut sorted: Vec<Duration> = samples.iter().map(|s| s.took).collect();
        sorted.sort();
        let mut slow: Vec<&Sample> = samples.iter().collect();
        slow.sort_by_key(|s| std::cmp::Reverse(s.took));
        let slowest: Vec<String> =
            slow.iter().take(3).map(|s| format!("{:.1} {} ({})", ms(s.took), s.action, s.key)).collect();
        println!(
            "{:<28} {:>6} {:>9.2} {:>9.2} {:>9.2}   {}",
            group,
            samples.len(),
            ms(percentile(&sorted, 0.5)),
            ms(percentile(&sorted, 0.99)),
            ms(*sorted.last().unwrap()),
            slowest.join("; ")
        );
    }
    let mut runs: BTreeMap<&str, (usize, Duration, usize)> = BTreeMap::new();
    for (after, took, steps) in &b.background_runs {
        let e = runs.entry(after).or_default();
        *e = (e.0 + 1, e.1.max(*took), e.2.max(*steps));
    }
    for (after, (n, took, steps)) in runs {
        println!(
            "background work first stepped after {after}: {n}x, done at most {:.1} ms after its first step, in {steps} steps",
            ms(took)
        );
    }
    println!("frames drawn: {}", b.frames);
}

/// The whole start of a process: `helpdesk --version`, the best of 5.
fn process_start() {
    let exe = env!("CARGO_BIN_EXE_helpdesk");
    let best = (0..5)
        .map(|_| {
            let t = Instant::now();
            let out = std::process::Command::new(exe).arg("--version").output().expect("run helpdesk --version");
            assert!(out.status.success(), "helpdesk --version failed");
            t.elapsed()
        })
        .min()
        .unwrap();
    println!("process start (`helpdesk --version`, best of 5): {:.1} ms", ms(best));
}
