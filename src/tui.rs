//! The event loop: single thread, synchronous. Draw → `event::poll` until the next tick → a key press
//! resolves through the keymap to an `Action` (in a form, unbound keys are typed) → `App::update` with
//! `now` → repeat. Every second a tick redraws the countdowns and timers and lets the app poll
//! `PRAGMA data_version`, so other processes' commits show up without a keypress.
//!
//! `ratatui::try_init`/`restore` own raw mode, the alternate screen and the panic hook. Nothing is
//! printed while the interface is up: the words for the user after it closes (a timer still running)
//! are returned to the caller, which prints them once the terminal is restored.

use std::io;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyCode,
    KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::input::InputKey;
use crate::app::{Action, App, Effect, Focus};
use crate::config::Settings;
use crate::keymap::{Key, Keymap};
use std::sync::mpsc::Receiver;

use crate::store::Store;
use crate::ui::{self, Theme};

const TICK: Duration = Duration::from_secs(1);
/// How often a team replica's interface looks whether other desks' changes arrived.
const WAKE_CHECK: Duration = Duration::from_millis(25);
/// The longest step of background work between keys (a keypress waits at most this long).
const BACKGROUND_STEP: Duration = Duration::from_millis(8);

/// A team replica's background connection, as the interface sees it.
pub struct TeamLink {
    /// Sends when other desks' changes arrived.
    pub wake: Receiver<()>,
    /// How far a long catch-up got, in per cent (`None`: none running).
    pub catching_up: Box<dyn Fn() -> Option<u8>>,
    /// Whether the background connection is up now.
    pub online: Box<dyn Fn() -> bool>,
}

/// Runs the interface until the user quits. `start` is the clock's value now (the real time, or
/// `HELPDESK_NOW` for demos); the interface's clock runs on from it. Returns a note to print after.
/// `team` (a team replica's background thread) says when another desk's changes have arrived — the
/// screen reloads at once instead of at the next tick — and how far a long catch-up got.
pub fn run(
    mut store: Store,
    settings: Settings,
    keymap: Keymap,
    start: DateTime<Utc>,
    team: Option<TeamLink>,
    ask_name: Option<std::path::PathBuf>,
) -> io::Result<Option<String>> {
    // crossterm 0.29 turns every style into a bare reset under NO_COLOR, which would also remove the
    // reverse-video selection; NO_COLOR is honoured by the monochrome theme instead.
    ratatui::crossterm::style::force_color_output(true);
    // Hours of reading a big file: through the page cache, not a memory map that would keep it resident.
    if let Err(e) = store.for_a_long_session() {
        tracing::warn!(error = %e, "the session's reads stay memory-mapped");
    }
    let theme = Theme::from_env();
    let mut terminal = ratatui::try_init()?;
    // Pasted text arrives as one event and goes into a field whole: without this a pasted newline
    // would be Enter (saving the form) and the rest would run as keys.
    ratatui::crossterm::execute!(io::stdout(), EnableBracketedPaste)?;
    let mouse = settings.app.mouse;
    if mouse {
        ratatui::crossterm::execute!(io::stdout(), EnableMouseCapture)?;
    }
    let result = event_loop(
        &mut terminal,
        &mut store,
        settings,
        &keymap,
        &theme,
        start,
        team.as_ref(),
        mouse,
        ask_name.as_deref(),
    );
    if mouse {
        let _ = ratatui::crossterm::execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = ratatui::crossterm::execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

#[allow(clippy::too_many_arguments)]
fn event_loop(
    terminal: &mut DefaultTerminal,
    store: &mut Store,
    settings: Settings,
    keymap: &Keymap,
    theme: &Theme,
    start: DateTime<Utc>,
    team: Option<&TeamLink>,
    mouse: bool,
    ask_name: Option<&std::path::Path>,
) -> io::Result<Option<String>> {
    let clock = Instant::now();
    let now = || start + chrono::Duration::from_std(clock.elapsed()).unwrap_or_default();
    let mut app = App::new(settings, store, now());
    app.summary_budget = Some(BACKGROUND_STEP);
    app.timer_key = crate::ui::key_for(keymap, Focus::Detail, crate::keymap::Command::Timer);
    app.archive_key = crate::ui::key_for(keymap, Focus::Customers, crate::keymap::Command::ArchiveCustomer);
    let size = terminal.size()?;
    app.update(Action::Resize { list_rows: ui::list_rows(size.height) }, store, now());
    app.update(Action::TooSmall(ui::too_small(size.width, size.height)), store, now());
    if ask_name.is_some() {
        app.ask_name();
    }
    let mut last_tick = Instant::now();
    while !app.quit {
        if let (Some(name), Some(dir)) = (app.name_to_remember.take(), ask_name) {
            match crate::config::remember_technician(dir, &name) {
                Ok(path) => {
                    app.info(crate::t!("name-remembered", name = name.as_str(), path = path.display().to_string()))
                }
                Err(e) => app.error(crate::t!("name-not-remembered", name = name.as_str(), error = e)),
            }
        }
        if let Some(text) = app.clipboard.take() {
            copy_to_clipboard(&text)?;
        }
        terminal.draw(|f| ui::draw(f, &app, keymap, theme))?;
        let mut timeout =
            if app.has_background_work() { Duration::ZERO } else { TICK.saturating_sub(last_tick.elapsed()) };
        let wake = team.map(|t| &t.wake);
        let percent = team.and_then(|t| (t.catching_up)());
        if percent != app.catching_up {
            app.update(Action::CatchingUp(percent), store, now());
        }
        let online = team.is_some_and(|t| (t.online)());
        if online != app.team_online {
            app.update(Action::TeamOnline(online), store, now());
        }
        if wake.is_some() {
            timeout = timeout.min(WAKE_CHECK);
        }
        let ready = event::poll(timeout)?;
        if wake.is_some_and(|w| w.try_iter().count() > 0) {
            app.update(Action::Tick, store, now());
            last_tick = Instant::now();
        }
        if !ready && app.has_background_work() {
            app.update(Action::Background, store, now());
        }
        if ready {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    if let Some(action) = resolve(keymap, &app, &key) {
                        app.update(action, store, now());
                    }
                }
                Event::Paste(text) => app.update(Action::Paste(text), store, now()),
                Event::Resize(w, h) => {
                    app.update(Action::Resize { list_rows: ui::list_rows(h) }, store, now());
                    app.update(Action::TooSmall(ui::too_small(w, h)), store, now());
                }
                Event::Mouse(m) => {
                    let action = match m.kind {
                        MouseEventKind::ScrollDown => Some(Action::Down),
                        MouseEventKind::ScrollUp => Some(Action::Up),
                        MouseEventKind::Down(MouseButton::Left) => {
                            let size = terminal.size()?;
                            let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                            ui::list_row_at(&app, area, m.column, m.row).map(Action::ClickRow)
                        }
                        _ => None,
                    };
                    if let Some(a) = action.filter(|_| app.form.is_none() && !app.too_small) {
                        app.update(a, store, now());
                    }
                }
                _ => {}
            }
        }
        if let Some(effect) = app.effect.take() {
            match effect {
                Effect::Suspend => {
                    leave_screen(mouse)?;
                    suspend();
                    enter_screen(terminal, mouse)?;
                }
                Effect::Edit(text) => {
                    leave_screen(mouse)?;
                    let edited = crate::editor::edit(&crate::environment::editor(), &text);
                    enter_screen(terminal, mouse)?;
                    app.update(Action::Edited(edited), store, now());
                }
            }
        }
        if last_tick.elapsed() >= TICK {
            app.update(Action::Tick, store, now());
            last_tick = Instant::now();
        }
    }
    Ok(farewell(store, &app, now()))
}

/// The action for a key: the keymap's, else (in a form) the key typed into the focused field.
/// Below the minimum size only quitting works, with the keys the notice names (the queue's quit key,
/// whatever has the focus underneath) and Ctrl-C.
pub fn resolve(keymap: &Keymap, app: &App, key: &KeyEvent) -> Option<Action> {
    if app.too_small {
        let quits = |a: &Action| matches!(a, Action::Quit | Action::ForceQuit);
        return keymap
            .resolve(Focus::Queue, key)
            .filter(quits)
            .or_else(|| keymap.resolve(Focus::Form, key).filter(quits));
    }
    if let Some(a) = keymap.resolve(app.focus(), key) {
        return Some(a);
    }
    if app.focus() == Focus::Form
        && let Some(input) = editing_key(key)
    {
        return Some(Action::Input(input));
    }
    // A key that does nothing here says so (keys with no name of their own, like a lone Shift, do not).
    let named = matches!(
        key.code,
        KeyCode::Char(_)
            | KeyCode::F(_)
            | KeyCode::Enter
            | KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Insert
            | KeyCode::Up
            | KeyCode::Down
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End
            | KeyCode::PageUp
            | KeyCode::PageDown
            | KeyCode::Esc
    );
    named.then(|| Action::Unbound(Key::of(key).to_string()))
}

/// The editing key a key event is in a form's field (keys the keymap did not take).
fn editing_key(key: &KeyEvent) -> Option<InputKey> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => InputKey::ClearToStart,
        KeyCode::Char('k') if ctrl => InputKey::ClearToEnd,
        KeyCode::Char('w') if ctrl => InputKey::DeleteWord,
        KeyCode::Char('b') if alt => InputKey::WordLeft,
        KeyCode::Char('f') if alt => InputKey::WordRight,
        KeyCode::Char(_) if ctrl || alt => return None,
        KeyCode::Char(c) => InputKey::Char(c),
        KeyCode::Backspace if ctrl || alt => InputKey::DeleteWord,
        KeyCode::Backspace => InputKey::Backspace,
        KeyCode::Delete => InputKey::Delete,
        KeyCode::Left if ctrl || alt => InputKey::WordLeft,
        KeyCode::Right if ctrl || alt => InputKey::WordRight,
        KeyCode::Left => InputKey::Left,
        KeyCode::Right => InputKey::Right,
        KeyCode::Up => InputKey::Up,
        KeyCode::Down => InputKey::Down,
        KeyCode::Home => InputKey::Home,
        KeyCode::End => InputKey::End,
        _ => return None,
    })
}

/// Hands the terminal back as the shell had it (main screen, cooked mode, no paste or mouse
/// reporting), for an editor or a suspended job.
fn leave_screen(mouse: bool) -> io::Result<()> {
    use ratatui::crossterm::{cursor, terminal};
    if mouse {
        ratatui::crossterm::execute!(io::stdout(), DisableMouseCapture)?;
    }
    ratatui::crossterm::execute!(io::stdout(), DisableBracketedPaste, terminal::LeaveAlternateScreen, cursor::Show)?;
    terminal::disable_raw_mode()
}

/// Takes the terminal back after [`leave_screen`] and draws everything anew on the next frame.
fn enter_screen(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    use ratatui::crossterm::terminal as term;
    term::enable_raw_mode()?;
    ratatui::crossterm::execute!(io::stdout(), term::EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        ratatui::crossterm::execute!(io::stdout(), EnableMouseCapture)?;
    }
    terminal.clear()
}

/// Stops the process as the shell's Ctrl-Z would (raw mode turns the key into a key press, so the
/// signal is raised here); returns when the shell continues it (`fg`).
fn suspend() {
    #[cfg(unix)]
    // SAFETY: raise() only sends a signal to this process; SIGTSTP's default action stops it until
    // SIGCONT, after which raise() returns. No memory is touched.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
}

/// Puts `text` on the clipboard of the terminal (and through ssh and tmux with `set-clipboard on`)
/// with the OSC 52 escape sequence; a terminal that does not support it ignores it.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))?;
    out.flush()
}

/// What to say after the terminal is restored: a timer left running keeps running.
fn farewell(store: &Store, app: &App, now: DateTime<Utc>) -> Option<String> {
    let t = store.running_timer(&app.me).ok().flatten()?;
    let minutes = (now - t.started_at).num_minutes();
    Some(crate::t!(
        "timer-keeps-running",
        number = t.ticket_number.as_str(),
        title = t.ticket_title.as_str(),
        ran = crate::i18n::words::minutes(minutes)
    ))
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyEventState;

    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent { code, modifiers, kind: KeyEventKind::Press, state: KeyEventState::NONE }
    }

    #[test]
    fn in_a_form_unbound_keys_are_typed_and_bound_ones_still_act() {
        let mut store = Store::open_in_memory("alice").unwrap();
        let now = chrono::DateTime::from_timestamp(1_772_614_800, 0).unwrap();
        let mut app = App::new(Settings::defaults(), &mut store, now);
        let k = Keymap::default();
        let plain = |c| key(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(resolve(&k, &app, &plain('z')), Some(Action::Unbound("z".into())), "unbound outside a form: said");
        assert_eq!(resolve(&k, &app, &plain('q')), Some(Action::Quit));
        app.update(Action::Jump, &mut store, now);
        assert_eq!(resolve(&k, &app, &plain('q')), Some(Action::Input(InputKey::Char('q'))));
        assert_eq!(
            resolve(&k, &app, &key(KeyCode::Char('Ž'), KeyModifiers::SHIFT)),
            Some(Action::Input(InputKey::Char('Ž')))
        );
        assert_eq!(
            resolve(&k, &app, &key(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            Some(Action::Input(InputKey::ClearToStart))
        );
        assert_eq!(
            resolve(&k, &app, &key(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            Some(Action::Unbound("^X".into()))
        );
        assert_eq!(resolve(&k, &app, &key(KeyCode::Up, KeyModifiers::NONE)), Some(Action::Input(InputKey::Up)));
        assert_eq!(resolve(&k, &app, &key(KeyCode::Char('s'), KeyModifiers::CONTROL)), Some(Action::Save));
        assert_eq!(resolve(&k, &app, &key(KeyCode::Enter, KeyModifiers::ALT)), Some(Action::Save));
        assert_eq!(resolve(&k, &app, &key(KeyCode::Char('e'), KeyModifiers::CONTROL)), Some(Action::Editor));
        assert_eq!(resolve(&k, &app, &key(KeyCode::Char('z'), KeyModifiers::CONTROL)), Some(Action::Suspend));
        assert_eq!(resolve(&k, &app, &key(KeyCode::Enter, KeyModifiers::NONE)), Some(Action::Submit));
        assert_eq!(resolve(&k, &app, &key(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Cancel));
        assert_eq!(resolve(&k, &app, &key(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::ForceQuit));
    }
}
