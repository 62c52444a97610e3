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

/// A message id and its arguments (by name): plain text (numbers written out: `5`) or, where the sender filled
/// a placeholder with a message of its own (`{ $limit }` = "longer than 24h"), that message as data
/// too, so the reader words it in its language as well (at most [`MAX_DEPTH`] levels deep).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub id: String,
    pub args: Vec<(String, Arg)>,
}

/// One argument of a [`Said`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Plain text: a name, a number, a date as the sender wrote it.
    Text(String),
    /// A message of ours inside the message (a duration, a reason), worded by the reader.
    Said(Said),
}

/// At most this many arguments a message and this long each: more is not a message of ours.
const MAX_ARGS: usize = 16;
const MAX_ARG_LEN: usize = 4096;
/// Messages inside messages: at most this deep (the outer message is level 0) …
pub const MAX_DEPTH: usize = 3;
/// … and at most this many messages and this much argument text in all, whatever their shape.
const MAX_MESSAGES: usize = 32;
const MAX_TEXT: usize = 16 * 1024;
/// How many messages a recording keeps (the latest).
const KEPT: usize = 256;

/// What reading one message from a peer may still use (see the limits above).
struct Budget {
    messages: usize,
    text: usize,
}

impl Said {
    /// A message whose arguments are all plain text.
    pub fn plain(id: &str, args: &[(&str, &str)]) -> Said {
        let mut args: Vec<(String, Arg)> =
            args.iter().map(|(k, v)| (k.to_string(), Arg::Text(v.to_string()))).collect();
        args.sort_by(|a, b| a.0.cmp(&b.0));
        Said { id: id.to_string(), args }
    }

    /// Reads one from the JSON a peer sent: `{"id": "...", "args": {"name": "text" | {message}, ...}}`.
    /// `None` for anything else: a missing or ill-shaped id, an argument that is a number or a list,
    /// too many or too long arguments, messages nested deeper than [`MAX_DEPTH`] or more than 32 in
    /// all. Control characters in the text are dropped (it reaches a terminal).
    pub fn from_json(value: &serde_json::Value) -> Option<Said> {
        Self::read(value, 0, &mut Budget { messages: MAX_MESSAGES, text: MAX_TEXT })
    }

    fn read(value: &serde_json::Value, depth: usize, budget: &mut Budget) -> Option<Said> {
        budget.messages = budget.messages.checked_sub(1)?;
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
                        if k.len() > 100 {
                            return None;
                        }
                        let arg = match v {
                            serde_json::Value::String(v) if v.len() <= MAX_ARG_LEN => {
                                budget.text = budget.text.checked_sub(v.len())?;
                                Arg::Text(crate::domain::text::clean(v, false))
                            }
                            serde_json::Value::Object(_) if depth < MAX_DEPTH => {
                                Arg::Said(Self::read(v, depth + 1, budget)?)
                            }
                            _ => return None,
                        };
                        Some((k.clone(), arg))
                    })
                    .collect::<Option<Vec<_>>>()?
            }
        };
        Some(Said { id: id.to_string(), args })
    }

    /// The JSON form [`Said::from_json`] reads.
    pub fn to_json(&self) -> serde_json::Value {
        let args: serde_json::Map<String, serde_json::Value> = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Text(t) => serde_json::Value::String(t.clone()),
                    Arg::Said(s) => s.to_json(),
                };
                (k.clone(), v)
            })
            .collect();
        serde_json::json!({ "id": self.id, "args": args })
    }

    /// How deep its messages go (0: plain arguments only).
    fn depth(&self) -> usize {
        self.args.iter().map(|(_, a)| if let Arg::Said(s) = a { 1 + s.depth() } else { 0 }).max().unwrap_or(0)
    }

    /// The message in this thread's language, a message inside it too; `None` when an id (its own or
    /// one inside) is not one of ours or the arguments do not fill it (the sender's English text then
    /// stands). An argument that reads as a number is one (plural forms choose by it).
    pub fn word(&self) -> Option<String> {
        let mut args = FluentArgs::new();
        for (k, v) in &self.args {
            let value = match v {
                Arg::Text(v) => {
                    let number = FluentValue::try_number(v.as_str());
                    let round_trips = matches!(&number, FluentValue::Number(n) if n.as_string() == v.as_str());
                    if round_trips { number } else { FluentValue::from(v.as_str()) }
                }
                Arg::Said(inner) => FluentValue::from(inner.word()?),
            };
            args.set(k.as_str(), value);
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

/// Whether a recording is open on this thread (so that a caller can skip gathering what [`note`]
/// keeps).
pub(crate) fn recording() -> bool {
    RECORDED.with(|r| r.borrow().is_some())
}

/// Called for every message made: kept when a recording is open. A text argument that is the text of
/// a message made before it in the recording (a message inside the message) is kept as that message.
pub(super) fn record(id: &str, args: Option<&FluentArgs>, text: &str) {
    if !recording() {
        return;
    }
    let args: Vec<(String, String)> = args
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
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    note(id, &args, text);
}

/// Keeps message `id` made with `args` as `text` when a recording is open (for messages made without
/// [`super::text_with`], such as durations filled from a template).
pub(crate) fn note(id: &str, args: &[(&str, &str)], text: &str) {
    RECORDED.with(|r| {
        let mut r = r.borrow_mut();
        let Some(kept) = r.as_mut() else { return };
        let inner = |value: &str| {
            if value.is_empty() {
                return None;
            }
            let (said, _) = kept.iter().rev().find(|(_, t)| t == value)?;
            (said.depth() < MAX_DEPTH).then(|| said.clone())
        };
        // By name, as JSON carries them (a message read back equals the one kept).
        let mut args: Vec<(String, Arg)> = args
            .iter()
            .map(|(k, v)| (k.to_string(), inner(v).map_or_else(|| Arg::Text(v.to_string()), Arg::Said)))
            .collect();
        args.sort_by(|a, b| a.0.cmp(&b.0));
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
        let said = Said::plain("tickets-count", &[("count", "3")]);
        assert_eq!(said.word().unwrap(), "3 tikety");
        let kept = Said::plain("bad-ticket-number", &[("typed", "007")]);
        assert!(kept.word().unwrap().contains("007"), "{:?}", kept.word());
    }

    #[test]
    fn what_is_not_ours_is_refused() {
        use serde_json::json;
        assert_eq!(Said::plain("no-such-message-anywhere", &[]).word(), None);
        // A placeholder left unfilled is not worded (the sender's English text stands).
        assert_eq!(Said::plain("sync-peer-newer", &[]).word(), None);
        for bad in [
            json!("sync-peer-newer"),
            json!({"id": 5}),
            json!({"id": "Sync Peer"}),
            json!({"id": "sync-peer-newer", "args": {"theirs": 5}}),
            json!({"id": "sync-peer-newer", "args": {"theirs": {"id": "X y"}}}),
            json!({"id": "sync-peer-newer", "args": {"theirs": {"id": "duration-m", "args": {"m": 5}}}}),
            json!({"id": "sync-peer-newer", "args": ["5", "4"]}),
            json!({"id": "sync-peer-newer", "args": {"theirs": "x".repeat(5000)}}),
        ] {
            assert_eq!(Said::from_json(&bad), None, "{bad}");
        }
        // Control characters in an argument are dropped (untrusted text on a terminal).
        let said = Said::from_json(&json!({"id": "bad-month", "args": {"typed": "a\u{1b}[2Jb"}})).unwrap();
        assert!(!matches!(&said.args[0].1, Arg::Text(t) if t.contains('\u{1b}')));
    }

    /// A refusal made in English whose placeholders hold messages of ours (durations here) reads
    /// whole in Czech on the other side, inner messages included.
    #[test]
    fn a_message_inside_a_message_is_worded_in_the_readers_language_too() {
        use crate::i18n::words::minutes;
        let said = {
            let _en = Scoped::new(Language::English);
            let recording = Recording::start();
            let text = t!("timer-books-range", max = minutes(1440), minutes = minutes(1500));
            assert_eq!(text, "a timer books between 1 minute and 24h, not 25h");
            recording.find(&text).expect("recorded")
        };
        let max = &said.args.iter().find(|(k, _)| k == "max").unwrap().1;
        assert_eq!(*max, Arg::Said(Said::plain("duration-h", &[("sign", ""), ("h", "24")])));
        let back = Said::from_json(&said.to_json()).expect("round trip");
        assert_eq!(back, said);
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(back.word().unwrap(), "časovač účtuje od 1 minuty do 24 h, ne 25 h");
        assert_eq!(back.word().unwrap(), t!("timer-books-range", max = minutes(1440), minutes = minutes(1500)));
    }

    /// A message kept inside another nests what it held, up to the depth a reader accepts; one that
    /// would go deeper keeps the message inside it as its text.
    #[test]
    fn messages_nest_to_the_depth_a_reader_accepts() {
        let recording = Recording::start();
        let _en = Scoped::new(Language::English);
        let mut text = t!("tickets-count", count = 2);
        for _ in 0..MAX_DEPTH {
            text = t!("sync-refused", error = text);
        }
        let said = recording.find(&text).unwrap();
        assert_eq!(said.depth(), MAX_DEPTH);
        let deeper = recording.find(&t!("sync-refused", error = text.as_str())).unwrap();
        assert_eq!(deeper.depth(), 0, "the message inside is kept as its text");
        assert!(Said::from_json(&said.to_json()).is_some(), "what we send, we read");
        let _cs = Scoped::new(Language::Czech);
        assert!(said.word().unwrap().contains("2 tikety"), "{:?}", said.word());
        assert!(deeper.word().unwrap().contains("2 tickets"), "{:?}", deeper.word());
    }

    #[test]
    fn nested_messages_are_checked_as_the_outer_one() {
        use serde_json::json;
        let _cs = Scoped::new(Language::Czech);
        let nest = |inner: serde_json::Value| json!({"id": "sync-refused", "args": {"error": inner}});
        // An inner id that is not ours, or that its arguments do not fill: the sender's text stands.
        let unknown = Said::from_json(&nest(json!({"id": "no-such-message-anywhere"}))).unwrap();
        assert_eq!(unknown.word(), None);
        let unfilled = Said::from_json(&nest(json!({"id": "tickets-count"}))).unwrap();
        assert_eq!(unfilled.word(), None);
        let fine = Said::from_json(&nest(json!({"id": "tickets-count", "args": {"count": "5"}}))).unwrap();
        assert!(fine.word().unwrap().contains("5 tiketů"), "{:?}", fine.word());
        // Too deep: refused whole.
        let mut deep = json!({"id": "tickets-count", "args": {"count": "5"}});
        for _ in 0..=MAX_DEPTH {
            deep = nest(deep);
        }
        assert_eq!(Said::from_json(&deep), None);
        // Too many messages, too much text, or a plain argument that is not text, however deep.
        let wide: serde_json::Map<String, serde_json::Value> = (0..16)
            .map(|i| (format!("a{i}"), json!({"id": "sync-refused", "args": {"error": {"id": "month-3"}}})))
            .collect();
        assert_eq!(Said::from_json(&json!({"id": "sync-refused", "args": wide})), None, "more than 32 messages");
        let long: serde_json::Map<String, serde_json::Value> = (0..8)
            .map(|i| (format!("a{i}"), json!({"id": "sync-refused", "args": {"error": "x".repeat(4000)}})))
            .collect();
        assert_eq!(Said::from_json(&json!({"id": "sync-refused", "args": long})), None, "more than 16 KiB of text");
        assert_eq!(Said::from_json(&nest(json!({"id": "tickets-count", "args": {"count": 5}}))), None);
        assert_eq!(Said::from_json(&nest(json!({"id": "tickets-count", "args": ["5"]}))), None);
        // Control characters inside are dropped as outside.
        let said = Said::from_json(&nest(json!({"id": "bad-month", "args": {"typed": "a\u{1b}[2Jb"}}))).unwrap();
        assert!(!said.word().unwrap().contains('\u{1b}'));
    }
}
