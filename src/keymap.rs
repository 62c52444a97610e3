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
        let bad = || crate::t!("key-not-a-key", key = s);
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

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every view (not forms or help).
    Global,
    Only(&'static [Focus]),
}

/// One binding in force: where, which command, which keys (the defaults or the user's), and how it
/// shows in the footer.
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
    /// Shown once with the keys of every binding in the group, under this message id: `m/u/b filter`.
    Group(&'static str),
}

const FORM: &[Focus] = &[Focus::Form];
const HELP: &[Focus] = &[Focus::Help];
const QUEUE: &[Focus] = &[Focus::Queue];
const DETAIL: &[Focus] = &[Focus::Detail];
const CUSTOMERS: &[Focus] = &[Focus::Customers];
const STATEMENT: &[Focus] = &[Focus::Statement];
const BOARD: &[Focus] = &[Focus::Board];
const TRIAGE: &[Focus] = &[Focus::Triage];
const LISTS: &[Focus] = &[Focus::Queue, Focus::Customers, Focus::Board];
const TICKETS: &[Focus] = &[Focus::Queue, Focus::Detail, Focus::Board];
const LIST_VIEWS: &[Focus] = &[Focus::Queue, Focus::Customers];
const FORM_HELP: &[Focus] = &[Focus::Form, Focus::Help];

/// The one key table: every command written once, with its config name (the `[keys]` name), the
/// action it runs, the message ids of its footer label and its help text, and its default bindings
/// (where, which keys, how it shows in the footer). A new command is one entry.
///
/// Table order is the order of the footer and the help overlay (a focus's own bindings first, then the
/// global ones) and, within a focus, of key resolution.
macro_rules! commands {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $name:literal, $action:expr, $label:literal, $help:literal,
            [$(($scope:expr, [$($key:literal),+], $foot:expr)),+ $(,)?];
    )+) => {
        /// Everything a key can be bound to (see the table in `commands!`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Command {
            $($(#[$doc])* $variant,)+
        }

        impl Command {
            /// Every command, in table order.
            pub const ALL: &'static [Command] = &[$(Command::$variant,)+];

            /// The name in the `[keys]` table of config.toml.
            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name,)+ }
            }

            /// The message id of the footer label (`quit`).
            pub fn label_id(self) -> &'static str {
                match self { $(Command::$variant => $label,)+ }
            }

            /// The message id of the help overlay's text.
            pub fn help_id(self) -> &'static str {
                match self { $(Command::$variant => $help,)+ }
            }

            /// What the command does.
            pub fn action(self) -> Action {
                match self { $(Command::$variant => $action,)+ }
            }

            /// The default bindings: (where, keys, footer).
            fn defaults(self) -> Vec<(Scope, &'static [&'static str], Foot)> {
                match self { $(Command::$variant => vec![$(($scope, &[$($key),+][..], $foot)),+],)+ }
            }
        }
    };
}

use Foot::{No, Yes};
use Scope::{Global, Only};
const FILTER: Foot = Foot::Group("key-group-filter");

commands! {
    Submit = "submit", Action::Submit, "key-submit", "key-submit-help", [(Only(FORM), ["enter"], Yes)];
    Save = "save", Action::Save, "key-save", "key-save-help", [(Only(FORM), ["ctrl-s", "alt-enter"], Yes)];
    Cancel = "cancel", Action::Cancel, "key-cancel", "key-cancel-help", [(Only(FORM), ["esc"], Yes)];
    NextField = "next_field", Action::NextField, "key-next-field", "key-next-field-help",
        [(Only(FORM), ["tab"], Yes)];
    PrevField = "prev_field", Action::PrevField, "key-prev-field", "key-prev-field-help",
        [(Only(FORM), ["shift-tab"], No)];
    Editor = "editor", Action::Editor, "key-editor", "key-editor-help", [(Only(FORM), ["ctrl-e"], Yes)];
    Open = "open", Action::Open, "key-open", "key-open-help", [(Only(LISTS), ["enter"], Yes)];
    AssignMail = "assign_mail", Action::AssignMail, "key-assign-mail", "key-assign-mail-help",
        [(Only(TRIAGE), ["enter"], Yes)];
    AddContact = "add_contact", Action::AddContact, "key-add-contact", "key-add-contact-help",
        [(Only(CUSTOMERS), ["a"], No)];
    AddDomain = "add_domain", Action::AddDomain, "key-add-domain", "key-add-domain-help",
        [(Only(CUSTOMERS), ["d"], No)];
    RemoveMail = "remove_mail", Action::RemoveMail, "key-remove-mail", "key-remove-mail-help",
        [(Only(CUSTOMERS), ["x"], No)];
    Statement = "statement", Action::Statement, "key-statement", "key-statement-help",
        [(Only(CUSTOMERS), ["s"], Yes)];
    PrevMonth = "prev_month", Action::PrevMonth, "key-prev-month", "key-prev-month-help",
        [(Only(STATEMENT), ["[", "left"], Yes)];
    NextMonth = "next_month", Action::NextMonth, "key-next-month", "key-next-month-help",
        [(Only(STATEMENT), ["]", "right"], Yes)];
    NextPanel = "next_panel", Action::NextPanel, "key-next-panel", "key-next-panel-help",
        [(Only(BOARD), ["right", "]"], Yes)];
    PrevPanel = "prev_panel", Action::PrevPanel, "key-prev-panel", "key-prev-panel-help",
        [(Only(BOARD), ["left", "["], No)];
    Timer = "timer", Action::ToggleTimer, "key-timer", "key-timer-help", [(Only(TICKETS), ["t"], Yes)];
    Take = "take", Action::Take, "key-take", "key-take-help", [(Only(TICKETS), ["i"], No)];
    Respond = "respond", Action::Respond, "key-respond", "key-respond-help", [(Only(DETAIL), ["r"], Yes)];
    Comment = "comment", Action::Comment, "key-comment", "key-comment-help", [(Only(DETAIL), ["c"], Yes)];
    Status = "status", Action::SetStatus, "key-status", "key-status-help", [(Only(DETAIL), ["s"], Yes)];
    Assign = "assign", Action::Assign, "key-assign", "key-assign-help", [(Only(DETAIL), ["a"], Yes)];
    AddTime = "add_time", Action::AddTime, "key-add-time", "key-add-time-help", [(Only(DETAIL), ["e"], Yes)];
    CorrectTime = "correct_time", Action::CorrectTime, "key-correct-time", "key-correct-time-help",
        [(Only(DETAIL), ["E"], Yes)];
    EditTicket = "edit_ticket", Action::EditTicket, "key-edit-ticket", "key-edit-ticket-help",
        [(Only(DETAIL), ["u"], Yes)];
    EditCustomer = "edit_customer", Action::EditCustomer, "key-edit-customer", "key-edit-customer-help",
        [(Only(CUSTOMERS), ["u"], Yes)];
    ArchiveCustomer = "archive_customer", Action::ArchiveCustomer, "key-archive-customer",
        "key-archive-customer-help", [(Only(CUSTOMERS), ["D"], No)];
    ShowArchived = "show_archived", Action::ShowArchived, "key-show-archived", "key-show-archived-help",
        [(Only(CUSTOMERS), ["A"], No)];
    Explain = "explain", Action::Explain, "key-explain", "key-explain-help", [(Only(DETAIL), ["x"], Yes)];
    Search = "search", Action::Search, "key-search", "key-search-help", [(Only(QUEUE), ["/"], Yes)];
    FilterMine = "filter_mine", Action::Filter(Filter::Mine), "key-filter-mine", "key-filter-mine-help",
        [(Only(QUEUE), ["m"], FILTER)];
    FilterUnassigned = "filter_unassigned", Action::Filter(Filter::Unassigned), "key-filter-unassigned",
        "key-filter-unassigned-help", [(Only(QUEUE), ["u"], FILTER)];
    FilterBreached = "filter_breached", Action::Filter(Filter::Breached), "key-filter-breached",
        "key-filter-breached-help", [(Only(QUEUE), ["b"], FILTER)];
    FilterAtRisk = "filter_at_risk", Action::Filter(Filter::AtRisk), "key-filter-at-risk",
        "key-filter-at-risk-help", [(Only(QUEUE), ["r"], FILTER)];
    FilterNeedsResponse = "filter_needs_response", Action::Filter(Filter::NeedsResponse),
        "key-filter-needs-response", "key-filter-needs-response-help", [(Only(QUEUE), ["f"], FILTER)];
    FilterTier = "filter_tier", Action::CycleTier, "key-filter-tier", "key-filter-tier-help",
        [(Only(QUEUE), ["v"], FILTER)];
    FilterCustomer = "filter_customer", Action::FilterCustomer, "key-filter-customer", "key-filter-customer-help",
        [(Only(QUEUE), ["c"], FILTER)];
    FilterAll = "filter_all", Action::ClearFilters, "key-filter-all", "key-filter-all-help",
        [(Only(QUEUE), ["a"], FILTER)];
    Sort = "sort", Action::CycleSort, "key-sort", "key-sort-help", [(Only(QUEUE), ["o"], Yes)];
    CopyNumber = "copy_number", Action::CopyNumber, "key-copy-number", "key-copy-number-help",
        [(Only(TICKETS), ["y"], No)];
    History = "history", Action::History, "key-history", "key-history-help", [(Only(LIST_VIEWS), ["h"], No)];
    NewTicket = "new_ticket", Action::NewTicket, "key-new-ticket", "key-new-ticket-help",
        [(Only(LIST_VIEWS), ["n"], Yes)];
    NewCustomer = "new_customer", Action::NewCustomer, "key-new-customer", "key-new-customer-help",
        [(Only(LIST_VIEWS), ["N"], Yes)];
    Top = "top", Action::Top, "key-top", "key-top-help", [(Only(LISTS), ["g", "home"], No)];
    Bottom = "bottom", Action::Bottom, "key-bottom", "key-bottom-help", [(Only(LISTS), ["G", "end"], No)];
    Up = "up", Action::Up, "key-up", "key-up-help", [(Only(HELP), ["k", "up"], Yes), (Global, ["k", "up"], No)];
    Down = "down", Action::Down, "key-down", "key-down-help",
        [(Only(HELP), ["j", "down"], Yes), (Global, ["j", "down"], No)];
    PageUp = "page_up", Action::PageUp, "key-page-up", "key-page-up-help",
        [(Only(HELP), ["pgup"], No), (Global, ["pgup", "ctrl-b"], No)];
    PageDown = "page_down", Action::PageDown, "key-page-down", "key-page-down-help",
        [(Only(HELP), ["pgdn", "space"], No), (Global, ["pgdn", "ctrl-f"], No)];
    Help = "help", Action::Help, "key-help", "key-help-help",
        [(Only(HELP), ["?", "esc", "q"], Yes), (Global, ["?"], Yes)];
    Quit = "quit", Action::Quit, "key-quit", "key-quit-help", [(Global, ["q"], Yes)];
    Back = "back", Action::Back, "key-back", "key-back-help", [(Global, ["esc"], No)];
    Jump = "jump", Action::Jump, "key-jump", "key-jump-help", [(Global, [":"], Yes)];
    NextView = "next_view", Action::NextView, "key-next-view", "key-next-view-help", [(Global, ["tab"], Yes)];
    Triage = "triage", Action::Triage, "key-triage", "key-triage-help", [(Global, ["M"], Yes)];
    PrevView = "prev_view", Action::PrevView, "key-prev-view", "key-prev-view-help",
        [(Global, ["shift-tab"], No)];
    ForceQuit = "force_quit", Action::ForceQuit, "key-force-quit", "key-force-quit-help",
        [(Only(FORM_HELP), ["ctrl-c"], No), (Global, ["ctrl-c"], No)];
    Suspend = "suspend", Action::Suspend, "key-suspend", "key-suspend-help",
        [(Only(FORM_HELP), ["ctrl-z"], No), (Global, ["ctrl-z"], No)];
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
            let command = Command::ALL.iter().copied().find(|c| c.name() == name).ok_or_else(|| {
                let names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
                crate::t!("key-unknown-command", name = name.as_str(), known = names.join(", "))
            })?;
            let keys = keys
                .iter()
                .map(|k| Key::parse(k).map_err(|e| crate::t!("key-bad-key", name = name.as_str(), error = e)))
                .collect::<Result<_, _>>()?;
            replaced.insert(command, keys);
        }
        let mut bindings = Vec::new();
        for &command in Command::ALL {
            for (scope, keys, footer) in command.defaults() {
                let keys = match replaced.get(&command) {
                    Some(keys) => keys.clone(),
                    None => keys.iter().map(|k| Key::parse(k).expect("default keys parse")).collect(),
                };
                bindings.push(Binding { scope, command, keys, footer });
            }
        }
        let keymap = Self { bindings };
        keymap.refuse_conflicts()?;
        Ok(keymap)
    }

    /// One key given to two commands where both are in force (`filter_mine = "q"` would take quit
    /// away in the queue) is refused, naming the key, both commands and where they meet.
    fn refuse_conflicts(&self) -> Result<(), String> {
        const FOCUSES: [Focus; 7] =
            [Focus::Queue, Focus::Detail, Focus::Customers, Focus::Statement, Focus::Board, Focus::Form, Focus::Help];
        for focus in FOCUSES {
            let mut seen: Vec<(Key, Command)> = Vec::new();
            for b in self.bindings(focus) {
                for &key in &b.keys {
                    match seen.iter().find(|(k, c)| *k == key && *c != b.command) {
                        Some((_, first)) => {
                            let (a, b) = if first < &b.command { (*first, b.command) } else { (b.command, *first) };
                            return Err(crate::t!(
                                "key-conflict",
                                key = key.to_string(),
                                first = a.name(),
                                second = b.name(),
                                view = focus.title()
                            ));
                        }
                        None => seen.push((key, b.command)),
                    }
                }
            }
        }
        Ok(())
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
    /// with all its keys. Labels are in the reader's language.
    pub fn footer(&self, focus: Focus) -> Vec<(String, String)> {
        self.footer_with(focus, |c| Some(c.label_id()))
    }

    /// [`Keymap::footer`] where `label` gives each command's label id for the moment (a form's Enter
    /// says "search" in the search prompt), or `None` to leave the command out of the footer.
    pub fn footer_with(&self, focus: Focus, label: impl Fn(Command) -> Option<&'static str>) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for b in self.bindings(focus).filter(|b| b.footer != Foot::No && !b.keys.is_empty()) {
            if seen.contains(&b.command) {
                continue;
            }
            seen.push(b.command);
            let Some(own) = label(b.command) else { continue };
            let key = b.keys[0].to_string();
            let id = match b.footer {
                Foot::Group(id) => id,
                _ => own,
            };
            match out.iter_mut().find(|(_, l)| *l == id).filter(|_| matches!(b.footer, Foot::Group(_))) {
                Some((keys, _)) => {
                    keys.push('/');
                    keys.push_str(&key);
                }
                None => out.push((key, id)),
            }
        }
        out.into_iter().map(|(keys, id)| (keys, crate::i18n::text(id))).collect()
    }

    /// `(keys, help text)` for every binding in force in `focus`, in the reader's language.
    pub fn help(&self, focus: Focus) -> Vec<(String, String)> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for b in self.bindings(focus).filter(|b| !b.keys.is_empty()) {
            if seen.contains(&b.command) {
                continue;
            }
            seen.push(b.command);
            let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
            out.push((keys.join(" "), crate::i18n::text(b.command.help_id())));
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
    fn one_key_for_two_commands_is_refused_naming_both() {
        let _en = crate::i18n::Scoped::new(crate::i18n::Language::English);
        let mut o = BTreeMap::new();
        o.insert("filter_mine".to_string(), vec!["q".to_string()]);
        assert_eq!(
            Keymap::new(&o).unwrap_err(),
            "[keys]: the key `q` is given to both filter_mine and quit (in the Queue); give one of them another key"
        );
        let mut o = BTreeMap::new();
        o.insert("respond".to_string(), vec!["t".to_string()]);
        assert!(Keymap::new(&o).unwrap_err().contains("both timer and respond"));
        // The same key for commands that never meet (queue-only and ticket-only) is fine.
        let mut o = BTreeMap::new();
        o.insert("filter_mine".to_string(), vec!["x".to_string()]);
        assert!(Keymap::new(&o).is_ok());
    }

    #[test]
    fn keys_come_from_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "[keys]\ntimer = \"ctrl-t\"\nfilter_mine = [\"U\", \"f2\"]\n")
            .unwrap();
        let settings = crate::config::Settings::load_from(Some(dir.path())).unwrap();
        let k = Keymap::new(&settings.app.keys).unwrap();
        assert_eq!(k.resolve(Focus::Queue, &ev(KeyCode::F(2), KeyModifiers::NONE)), Some(Action::Filter(Filter::Mine)));
        assert_eq!(k.resolve(Focus::Queue, &ev(KeyCode::Char('m'), KeyModifiers::NONE)), None);
        assert!(k.footer(Focus::Queue).iter().any(|(keys, label)| keys.starts_with("U/") && label == "filter"));
    }

    #[test]
    fn every_command_has_its_words_in_both_languages_and_a_unique_name() {
        use crate::i18n::{Language, has_message};
        let mut names = Vec::new();
        for &c in Command::ALL {
            for id in [c.label_id(), c.help_id()] {
                for lang in [Language::English, Language::Czech] {
                    assert!(has_message(lang, id), "{c:?}: `{id}` missing in {lang:?}");
                }
            }
            assert!(!names.contains(&c.name()), "{c:?}: config name `{}` twice", c.name());
            names.push(c.name());
        }
        assert!(has_message(Language::Czech, "key-group-filter"));
        assert_eq!(Command::ALL.len(), 58);
    }

    #[test]
    fn the_footer_and_help_speak_czech() {
        let _cs = crate::i18n::Scoped::new(crate::i18n::Language::Czech);
        let k = Keymap::default();
        assert!(k.footer(Focus::Queue).iter().any(|(keys, label)| keys.starts_with("m/u/b") && label == "filtr"));
        assert!(k.help(Focus::Detail).iter().any(|(keys, text)| keys == "t" && text.contains("časovač")));
    }
}
