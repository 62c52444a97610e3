//! The keymap as data: which keys run which command in which focus. Key handling, the `?` help overlay
//! and each view's footer all read this one table, so they cannot disagree. A `[keys]` table in
//! config.toml replaces a command's keys everywhere it is bound, e.g. `timer = ["t", "ctrl-t"]`.
//!
//! Resolution order: the focus's own bindings, then (outside forms and help) the global ones. In a form,
//! a key that resolves to nothing is typed into the focused field (`tui` does that fallback).

mod commands;
mod key;

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyEvent;

pub use self::commands::Command;
pub use self::key::Key;
use crate::app::{Action, Focus};

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
    use crate::app::queue::Filter;
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};

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
        assert_eq!(Command::ALL.len(), 59);
    }

    #[test]
    fn the_footer_and_help_speak_czech() {
        let _cs = crate::i18n::Scoped::new(crate::i18n::Language::Czech);
        let k = Keymap::default();
        assert!(k.footer(Focus::Queue).iter().any(|(keys, label)| keys.starts_with("m/u/b") && label == "filtr"));
        assert!(k.help(Focus::Detail).iter().any(|(keys, text)| keys == "t" && text.contains("časovač")));
    }
}
