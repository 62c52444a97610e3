//! Messages as data, for text made on one side and read on another (a `sync serve` peer's refusal):
//! the sender puts the message id and its arguments beside the English text, and the reader words it
//! in *its* language. What arrives is untrusted: an id that is not one of ours (a newer peer's), an
//! argument that is not plain text, or arguments that do not fill the message leave the English text
//! the sender wrote, which is shown as before.
//!
//! The sender need not carry ids through its errors: while a [`Recording`] is open, every message made
//! on the thread is remembered with its arguments, and [`Recording::find`] gives back the one whose
//! text an error shows (the last made with that text).

use std::cell::RefCell;

use super::{FluentArgs, FluentValue};

/// A message id and its arguments, all as plain text (numbers written out: `5`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub id: String,
    pub args: Vec<(String, String)>,
}

/// At most this many arguments and this long each: more is not a message of ours.
const MAX_ARGS: usize = 16;
const MAX_ARG_LEN: usize = 4096;
/// How many messages a recording keeps (the latest).
const KEPT: usize = 256;

impl Said {
    /// Reads one from the JSON a peer sent: `{"id": "...", "args": {"name": "text", ...}}`. `None` for
    /// anything else (missing id, an argument that is a number, object or list, too many or too long).
    pub fn from_json(value: &serde_json::Value) -> Option<Said> {
        let object = value.as_object()?;
        let id = object.get("id")?.as_str()?;
        let shaped = !id.is_empty()
            && id.len() <= 100
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !shaped {
            return None;
        }
        let args = match object.get("args") {
            None => Vec::new(),
            Some(a) => {
                let a = a.as_object()?;
                if a.len() > MAX_ARGS {
                    return None;
                }
                a.iter()
                    .map(|(k, v)| {
                        let v = v.as_str().filter(|v| v.len() <= MAX_ARG_LEN && k.len() <= 100)?;
                        Some((k.clone(), crate::domain::text::clean(v, false)))
                    })
                    .collect::<Option<Vec<_>>>()?
            }
        };
        Some(Said { id: id.to_string(), args })
    }

    /// The JSON form [`Said::from_json`] reads.
    pub fn to_json(&self) -> serde_json::Value {
        let args: serde_json::Map<String, serde_json::Value> =
            self.args.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
        serde_json::json!({ "id": self.id, "args": args })
    }

    /// The message in this thread's language; `None` when the id is not one of ours or the arguments
    /// do not fill it. An argument that reads as a number is one (plural forms choose by it).
    pub fn word(&self) -> Option<String> {
        let mut args = FluentArgs::new();
        for (k, v) in &self.args {
            let number = FluentValue::try_number(v.as_str());
            let round_trips = matches!(&number, FluentValue::Number(n) if n.as_string() == v.as_str());
            args.set(k.as_str(), if round_trips { number } else { FluentValue::from(v.as_str()) });
        }
        super::checked_text(&self.id, &args)
    }
}

thread_local! {
    static RECORDED: RefCell<Option<Vec<(Said, String)>>> = const { RefCell::new(None) };
}

/// Remembers the messages made on this thread until dropped (recordings do not nest: the inner one
/// ends both).
pub struct Recording(());

impl Recording {
    pub fn start() -> Self {
        RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
        Recording(())
    }

    /// The message last made whose text is `text`, if one was made since the recording started.
    pub fn find(&self, text: &str) -> Option<Said> {
        RECORDED.with(|r| r.borrow().as_ref()?.iter().rev().find(|(_, t)| t == text).map(|(said, _)| said.clone()))
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        RECORDED.with(|r| *r.borrow_mut() = None);
    }
}

/// Called for every message made: kept when a recording is open.
pub(super) fn record(id: &str, args: Option<&FluentArgs>, text: &str) {
    RECORDED.with(|r| {
        let mut r = r.borrow_mut();
        let Some(kept) = r.as_mut() else { return };
        let args = args
            .map(|a| {
                a.iter()
                    .filter_map(|(k, v)| match v {
                        FluentValue::String(s) => Some((k.to_string(), s.to_string())),
                        FluentValue::Number(n) => Some((k.to_string(), n.as_string().into_owned())),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((Said { id: id.to_string(), args }, text.to_string()));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped};
    use crate::t;

    #[test]
    fn a_message_made_in_english_is_worded_in_czech() {
        let said = {
            let _en = Scoped::new(Language::English);
            let recording = Recording::start();
            let text = t!("sync-peer-newer", theirs = "5", ours = "4");
            recording.find(&text).expect("recorded")
        };
        assert_eq!(said.id, "sync-peer-newer");
        let back = Said::from_json(&said.to_json()).expect("round trip");
        assert_eq!(back, said);
        let english = back.word().unwrap();
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(back.word().unwrap(), t!("sync-peer-newer", theirs = "5", ours = "4"));
        assert_ne!(back.word().unwrap(), english, "Czech has its own words");
    }

    #[test]
    fn numbers_choose_plural_forms_and_keep_their_digits() {
        let _cs = Scoped::new(Language::Czech);
        let said = Said { id: "tickets-count".into(), args: vec![("count".into(), "3".into())] };
        assert_eq!(said.word().unwrap(), "3 tikety");
        let kept = Said { id: "bad-ticket-number".into(), args: vec![("typed".into(), "007".into())] };
        assert!(kept.word().unwrap().contains("007"), "{:?}", kept.word());
    }

    #[test]
    fn what_is_not_ours_is_refused() {
        use serde_json::json;
        assert_eq!(Said { id: "no-such-message-anywhere".into(), args: vec![] }.word(), None);
        // A placeholder left unfilled is not worded (the sender's English text stands).
        assert_eq!(Said { id: "sync-peer-newer".into(), args: vec![] }.word(), None);
        for bad in [
            json!("sync-peer-newer"),
            json!({"id": 5}),
            json!({"id": "Sync Peer"}),
            json!({"id": "sync-peer-newer", "args": {"theirs": 5}}),
            json!({"id": "sync-peer-newer", "args": {"theirs": {"id": "x"}}}),
            json!({"id": "sync-peer-newer", "args": ["5", "4"]}),
            json!({"id": "sync-peer-newer", "args": {"theirs": "x".repeat(5000)}}),
        ] {
            assert_eq!(Said::from_json(&bad), None, "{bad}");
        }
        // Control characters in an argument are dropped (untrusted text on a terminal).
        let said = Said::from_json(&json!({"id": "bad-month", "args": {"typed": "a\u{1b}[2Jb"}})).unwrap();
        assert!(!said.args[0].1.contains('\u{1b}'));
    }
}
