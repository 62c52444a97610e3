//! The keymap as data: which keys run which command in which focus. Key handling, the `?` help overlay
//! and each view's footer all read this one table, so they cannot disagree. A `[keys]` table in
//! config.toml replaces a command's keys everywhere it is bound, e.g. `timer = ["t", "ctrl-t"]`.
//!
//! Resolution order: the focus's own bindings, then (outside forms and help) the global ones. In a form,
//! a key that resolves to nothing is typed into the focused field (`tui` does that fallback).

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::queue::Filter;
use crate::app::{Action, Focus};

/// A key with its modifiers, as written in config: `j`, `G`, `ctrl-c`, `shift-tab`, `pgdn`, `enter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let bad =
            || format!("`{s}` is not a key: write e.g. j, G, ?, ctrl-c, enter, esc, tab, shift-tab, up, pgdn, f1");
        let mut rest = s.trim();
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-").or_else(|| lower.strip_prefix("s-")) {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n)).ok_or_else(bad)?)
                }
                _ => return Err(bad()),
            },
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The key of a terminal event (Shift is part of the character, so it is dropped for characters).
    pub fn of(e: &KeyEvent) -> Key {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let code = match e.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        Key { code, ctrl, alt: e.modifiers.contains(KeyModifiers::ALT) }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("^")?;
        }
        if self.alt {
            f.write_str("M-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Everything a key can be bound to. The name is the config key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Command {
    Quit,
    ForceQuit,
    Back,
    Help,
    NextView,
    PrevView,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Jump,
    Search,
    NewTicket,
    NewCustomer,
    FilterAll,
    FilterMine,
    FilterUnassigned,
    FilterBreached,
    FilterAtRisk,
    FilterTier,
    FilterCustomer,
    History,
    Timer,
    Take,
    Comment,
    Status,
    Assign,
    Respond,
    AddTime,
    CorrectTime,
    Explain,
    Statement,
    PrevMonth,
    NextMonth,
    Submit,
    Cancel,
    NextField,
    PrevField,
    NextPanel,
    PrevPanel,
}

impl Command {
    pub const ALL: [Command; 43] = [
        Command::Quit,
        Command::ForceQuit,
        Command::Back,
        Command::Help,
        Command::NextView,
        Command::PrevView,
        Command::Up,
        Command::Down,
        Command::Top,
        Command::Bottom,
        Command::PageUp,
        Command::PageDown,
        Command::Open,
        Command::Jump,
        Command::Search,
        Command::NewTicket,
        Command::NewCustomer,
        Command::FilterAll,
        Command::FilterMine,
        Command::FilterUnassigned,
        Command::FilterBreached,
        Command::FilterAtRisk,
        Command::FilterTier,
        Command::FilterCustomer,
        Command::History,
        Command::Timer,
        Command::Take,
        Command::Comment,
        Command::Status,
        Command::Assign,
        Command::Respond,
        Command::AddTime,
        Command::CorrectTime,
        Command::Explain,
        Command::Statement,
        Command::PrevMonth,
        Command::NextMonth,
        Command::Submit,
        Command::Cancel,
        Command::NextField,
        Command::PrevField,
        Command::NextPanel,
        Command::PrevPanel,
    ];

    /// (config name, footer label, help text)
    pub fn describe(self) -> (&'static str, &'static str, &'static str) {
        use Command::*;
        match self {
            Quit => ("quit", "quit", "quit (from a ticket: back); a running timer keeps running"),
            ForceQuit => ("force_quit", "quit", "quit from anywhere"),
            Back => ("back", "back", "back / close / clear filters"),
            Help => ("help", "help", "this help"),
            NextView => ("next_view", "views", "next view: queue → customers → board"),
            PrevView => ("prev_view", "prev view", "previous view"),
            Up => ("up", "up", "move up"),
            Down => ("down", "down", "move down"),
            Top => ("top", "top", "first row"),
            Bottom => ("bottom", "bottom", "last row"),
            PageUp => ("page_up", "page up", "page up (detail: scroll history)"),
            PageDown => ("page_down", "page down", "page down (detail: scroll history)"),
            Open => ("open", "open", "open the selected ticket (customers: its tickets)"),
            Jump => ("jump", "go to", "go to a ticket by number"),
            Search => ("search", "search", "full-text search: open tickets, or all of them"),
            NewTicket => ("new_ticket", "new ticket", "new ticket"),
            NewCustomer => ("new_customer", "new customer", "new customer"),
            FilterAll => ("filter_all", "all", "show all open tickets (clear filters)"),
            FilterMine => ("filter_mine", "mine", "only tickets assigned to me"),
            FilterUnassigned => ("filter_unassigned", "unassigned", "only unassigned tickets"),
            FilterBreached => ("filter_breached", "breached", "only breached tickets"),
            FilterAtRisk => ("filter_at_risk", "at risk", "only tickets at risk"),
            FilterTier => ("filter_tier", "tier", "cycle tier filter: vip, plus, standard, none, any"),
            FilterCustomer => ("filter_customer", "customer", "only one customer's tickets"),
            History => ("history", "history", "all of the customer's tickets, closed too (again: back)"),
            Timer => ("timer", "timer", "start/stop my timer on this ticket"),
            Take => ("take", "take", "assign the ticket to me"),
            Comment => ("comment", "comment", "add a comment"),
            Status => ("status", "status", "change the status"),
            Assign => ("assign", "assign", "change the assignee"),
            Respond => ("respond", "respond", "record the first response (asks for a resolution date)"),
            AddTime => ("add_time", "log", "add a time entry (45, 1h30, 1:30)"),
            CorrectTime => ("correct_time", "correct", "correct the selected time entry"),
            Explain => ("explain", "explain", "explain the deadline: hours counted, days skipped"),
            Statement => ("statement", "statement", "the selected customer's statement for this month"),
            PrevMonth => ("prev_month", "prev month", "the statement of the month before"),
            NextMonth => ("next_month", "next month", "the statement of the month after"),
            Submit => ("submit", "save", "save the form"),
            Cancel => ("cancel", "cancel", "close the form without saving"),
            NextField => ("next_field", "next field", "next field"),
            PrevField => ("prev_field", "prev field", "previous field"),
            NextPanel => ("next_panel", "panels", "board: the next panel (↑/↓ then scroll it)"),
            PrevPanel => ("prev_panel", "prev panel", "board: the previous panel"),
        }
    }

    pub fn name(self) -> &'static str {
        self.describe().0
    }

    pub fn action(self) -> Action {
        use Command::*;
        match self {
            Quit => Action::Quit,
            ForceQuit => Action::ForceQuit,
            Back => Action::Back,
            Help => Action::Help,
            NextView => Action::NextView,
            PrevView => Action::PrevView,
            Up => Action::Up,
            Down => Action::Down,
            Top => Action::Top,
            Bottom => Action::Bottom,
            PageUp => Action::PageUp,
            PageDown => Action::PageDown,
            Open => Action::Open,
            Jump => Action::Jump,
            Search => Action::Search,
            NewTicket => Action::NewTicket,
            NewCustomer => Action::NewCustomer,
            FilterAll => Action::ClearFilters,
            FilterMine => Action::Filter(Filter::Mine),
            FilterUnassigned => Action::Filter(Filter::Unassigned),
            FilterBreached => Action::Filter(Filter::Breached),
            FilterAtRisk => Action::Filter(Filter::AtRisk),
            FilterTier => Action::CycleTier,
            FilterCustomer => Action::FilterCustomer,
            History => Action::History,
            Timer => Action::ToggleTimer,
            Take => Action::Take,
            Comment => Action::Comment,
            Status => Action::SetStatus,
            Assign => Action::Assign,
            Respond => Action::Respond,
            AddTime => Action::AddTime,
            CorrectTime => Action::CorrectTime,
            Explain => Action::Explain,
            Statement => Action::Statement,
            PrevMonth => Action::PrevMonth,
            NextMonth => Action::NextMonth,
            Submit => Action::Submit,
            Cancel => Action::Cancel,
            NextField => Action::NextField,
            PrevField => Action::PrevField,
            NextPanel => Action::NextPanel,
            PrevPanel => Action::PrevPanel,
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every view (not forms or help).
    Global,
    Only(&'static [Focus]),
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub command: Command,
    pub keys: Vec<Key>,
    pub footer: Foot,
}

/// How a binding shows in the footer (every binding shows in help).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foot {
    No,
    Yes,
    /// Shown once with the keys of every binding in the group: `m/u/b filter`.
    Group(&'static str),
}

const LISTS: &[Focus] = &[Focus::Queue, Focus::Customers, Focus::Board];
const TICKETS: &[Focus] = &[Focus::Queue, Focus::Detail, Focus::Board];

/// The default bindings: (scope, command, keys, in footer).
fn defaults() -> Vec<(Scope, Command, &'static [&'static str], Foot)> {
    use Command::*;
    use Foot::{Group, No};
    use Scope::*;
    const Y: Foot = Foot::Yes;
    const F: Foot = Group("filter");
    vec![
        (Only(&[Focus::Form]), Submit, &["enter"], Y),
        (Only(&[Focus::Form]), Cancel, &["esc"], Y),
        (Only(&[Focus::Form]), NextField, &["tab", "down"], Y),
        (Only(&[Focus::Form]), PrevField, &["shift-tab", "up"], No),
        (Only(&[Focus::Form, Focus::Help]), ForceQuit, &["ctrl-c"], No),
        (Only(&[Focus::Help]), Help, &["?", "esc", "q"], Y),
        (Only(&[Focus::Help]), Down, &["j", "down"], Y),
        (Only(&[Focus::Help]), Up, &["k", "up"], Y),
        (Only(&[Focus::Help]), PageDown, &["pgdn", "space"], No),
        (Only(&[Focus::Help]), PageUp, &["pgup"], No),
        (Only(&[Focus::Queue]), Open, &["enter"], Y),
        (Only(&[Focus::Board, Focus::Customers]), Open, &["enter"], Y),
        (Only(&[Focus::Customers]), Statement, &["s"], Y),
        (Only(&[Focus::Statement]), PrevMonth, &["[", "left"], Y),
        (Only(&[Focus::Statement]), NextMonth, &["]", "right"], Y),
        (Only(&[Focus::Board]), NextPanel, &["right", "]"], Y),
        (Only(&[Focus::Board]), PrevPanel, &["left", "["], No),
        (Only(TICKETS), Timer, &["t"], Y),
        (Only(TICKETS), Take, &["i"], No),
        (Only(&[Focus::Detail]), Respond, &["r"], Y),
        (Only(&[Focus::Detail]), Comment, &["c"], Y),
        (Only(&[Focus::Detail]), Status, &["s"], Y),
        (Only(&[Focus::Detail]), Assign, &["a"], Y),
        (Only(&[Focus::Detail]), AddTime, &["e"], Y),
        (Only(&[Focus::Detail]), CorrectTime, &["E"], Y),
        (Only(&[Focus::Detail]), Explain, &["x"], Y),
        (Only(&[Focus::Queue]), Search, &["/"], Y),
        (Only(&[Focus::Queue]), FilterMine, &["m"], F),
        (Only(&[Focus::Queue]), FilterUnassigned, &["u"], F),
        (Only(&[Focus::Queue]), FilterBreached, &["b"], F),
        (Only(&[Focus::Queue]), FilterAtRisk, &["r"], F),
        (Only(&[Focus::Queue]), FilterTier, &["v"], F),
        (Only(&[Focus::Queue]), FilterCustomer, &["c"], F),
        (Only(&[Focus::Queue]), FilterAll, &["a"], F),
        (Only(&[Focus::Queue, Focus::Customers]), History, &["h"], No),
        (Only(&[Focus::Queue, Focus::Customers]), NewTicket, &["n"], Y),
        (Only(&[Focus::Queue, Focus::Customers]), NewCustomer, &["N"], Y),
        (Only(LISTS), Top, &["g", "home"], No),
        (Only(LISTS), Bottom, &["G", "end"], No),
        (Global, Up, &["k", "up"], No),
        (Global, Down, &["j", "down"], No),
        (Global, PageUp, &["pgup", "ctrl-b"], No),
        (Global, PageDown, &["pgdn", "ctrl-f"], No),
        (Global, Help, &["?"], Y),
        (Global, Quit, &["q"], Y),
        (Global, Back, &["esc"], No),
        (Global, Jump, &[":"], Y),
        (Global, NextView, &["tab"], Y),
        (Global, PrevView, &["shift-tab"], No),
        (Global, ForceQuit, &["ctrl-c"], No),
    ]
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(&BTreeMap::new()).expect("the default keymap is valid")
    }
}

impl Keymap {
    /// The defaults with `overrides` (command name → keys) applied; unknown names and keys are errors.
    pub fn new(overrides: &BTreeMap<String, Vec<String>>) -> Result<Self, String> {
        let mut replaced: BTreeMap<Command, Vec<Key>> = BTreeMap::new();
        for (name, keys) in overrides {
            let command = Command::ALL.into_iter().find(|c| c.name() == name).ok_or_else(|| {
                let names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
                format!("[keys]: unknown command `{name}`; known: {}", names.join(", "))
            })?;
            let keys = keys
                .iter()
                .map(|k| Key::parse(k).map_err(|e| format!("[keys] {name}: {e}")))
                .collect::<Result<_, _>>()?;
            replaced.insert(command, keys);
        }
        let bindings = defaults()
            .into_iter()
            .map(|(scope, command, keys, footer)| Binding {
                scope,
                command,
                keys: replaced
                    .get(&command)
                    .cloned()
                    .unwrap_or_else(|| keys.iter().map(|k| Key::parse(k).expect("default keys parse")).collect()),
                footer,
            })
            .collect();
        Ok(Self { bindings })
    }

    fn applies(scope: Scope, focus: Focus) -> bool {
        match scope {
            Scope::Global => !matches!(focus, Focus::Form | Focus::Help),
            Scope::Only(list) => list.contains(&focus),
        }
    }

    /// The bindings in force in `focus`, own ones first.
    pub fn bindings(&self, focus: Focus) -> impl Iterator<Item = &Binding> {
        let own = self.bindings.iter().filter(move |b| matches!(b.scope, Scope::Only(l) if l.contains(&focus)));
        let global = self.bindings.iter().filter(move |b| b.scope == Scope::Global && Self::applies(b.scope, focus));
        own.chain(global)
    }

    pub fn resolve(&self, focus: Focus, event: &KeyEvent) -> Option<Action> {
        let key = Key::of(event);
        self.bindings(focus).find(|b| b.keys.contains(&key)).map(|b| b.command.action())
    }

    /// `(keys, label)` for the footer of `focus`, in table order, without repeats; a group shows once
    /// with all its keys.
    pub fn footer(&self, focus: Focus) -> Vec<(String, &'static str)> {
        let mut seen = Vec::new();
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for b in self.bindings(focus).filter(|b| b.footer != Foot::No && !b.keys.is_empty()) {
            if seen.contains(&b.command) {
                continue;
            }
            seen.push(b.command);
            let key = b.keys[0].to_string();
            match b.footer {
                Foot::Group(label) => match out.iter_mut().find(|(_, l)| *l == label) {
                    Some((keys, _)) => {
                        keys.push('/');
                        keys.push_str(&key);
                    }
                    None => out.push((key, label)),
                },
                _ => out.push((key, b.command.describe().1)),
            }
        }
        out
    }

    /// `(keys, help text)` for every binding in force in `focus`.
    pub fn help(&self, focus: Focus) -> Vec<(String, &'static str)> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for b in self.bindings(focus).filter(|b| !b.keys.is_empty()) {
            if seen.contains(&b.command) {
                continue;
            }
            seen.push(b.command);
            let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
            out.push((keys.join(" "), b.command.describe().2));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: m,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn focus_bindings_win_over_global_ones() {
        let k = Keymap::default();
        let r = ev(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(k.resolve(Focus::Queue, &r), Some(Action::Filter(Filter::AtRisk)));
        assert_eq!(k.resolve(Focus::Detail, &r), Some(Action::Respond));
        assert_eq!(k.resolve(Focus::Form, &r), None);
        let shift_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(k.resolve(Focus::Queue, &shift_g), Some(Action::Bottom));
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(k.resolve(Focus::Form, &ctrl_c), Some(Action::ForceQuit));
    }

    #[test]
    fn overrides_replace_keys_and_bad_names_are_refused() {
        let mut o = BTreeMap::new();
        o.insert("timer".to_string(), vec!["ctrl-t".to_string()]);
        let k = Keymap::new(&o).unwrap();
        assert_eq!(k.resolve(Focus::Detail, &ev(KeyCode::Char('t'), KeyModifiers::NONE)), None);
        assert_eq!(k.resolve(Focus::Detail, &ev(KeyCode::Char('t'), KeyModifiers::CONTROL)), Some(Action::ToggleTimer));
        assert!(k.help(Focus::Detail).iter().any(|(keys, _)| keys == "^T"));
        o.insert("tmier".to_string(), vec!["x".to_string()]);
        assert!(Keymap::new(&o).unwrap_err().contains("unknown command `tmier`"));
        let mut o = BTreeMap::new();
        o.insert("timer".to_string(), vec!["ctrl-".to_string(), "hyper-x".to_string()]);
        assert!(Keymap::new(&o).is_err());
    }

    #[test]
    fn keys_come_from_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[keys]\ntimer = \"ctrl-t\"\nfilter_mine = [\"M\", \"f2\"]\n")
            .unwrap();
        let settings = crate::config::Settings::load_from(Some(dir.path())).unwrap();
        let k = Keymap::new(&settings.app.keys).unwrap();
        assert_eq!(k.resolve(Focus::Queue, &ev(KeyCode::F(2), KeyModifiers::NONE)), Some(Action::Filter(Filter::Mine)));
        assert_eq!(k.resolve(Focus::Queue, &ev(KeyCode::Char('m'), KeyModifiers::NONE)), None);
        assert!(k.footer(Focus::Queue).iter().any(|(keys, label)| keys.starts_with("M/") && *label == "filter"));
    }
}
