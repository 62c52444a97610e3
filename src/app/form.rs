//! Forms and prompts: new ticket, new customer, comment, status, assignee, first response, time entry,
//! and the one-line prompts (`:` jump, `/` search, customer filter). A form owns its typed text; a
//! failed submission marks the fields in place and keeps everything typed (see `app::submit`).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::input::{InputKey, TextInput};
use crate::domain::BusinessCalendar;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    NewTicket,
    NewCustomer,
    Comment,
    Status,
    Assignee,
    Respond,
    /// Add a time entry, or correct (replace) the entry with this id.
    TimeEntry {
        replaces: Option<String>,
    },
    /// My timer has run longer than `forgotten_timer_hours`: book what was really worked.
    ForgottenTimer,
    Jump,
    Search,
    CustomerFilter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub input: TextInput,
    /// Non-empty: the value is one of these, cycled with ←/→ (typing a letter picks the first match).
    pub choices: Vec<String>,
    pub hint: String,
    pub error: Option<String>,
    /// Whether the text may hold newlines (a comment, a description): pasted lines are kept.
    pub multiline: bool,
}

impl Field {
    pub fn text(label: &'static str, value: &str, hint: &str) -> Self {
        Self {
            label,
            input: TextInput::new(value),
            choices: Vec::new(),
            hint: hint.to_string(),
            error: None,
            multiline: false,
        }
    }

    /// A field whose text may run over several lines.
    pub fn multiline(mut self) -> Self {
        self.multiline = true;
        self
    }

    pub fn choice(label: &'static str, choices: &[&str], value: &str) -> Self {
        let choices: Vec<String> = choices.iter().map(|c| c.to_string()).collect();
        let value = if choices.iter().any(|c| c == value) { value } else { choices.first().map_or("", |c| c.as_str()) };
        Self {
            label,
            input: TextInput::new(value),
            choices,
            hint: "←/→ to choose".into(),
            error: None,
            multiline: false,
        }
    }

    pub fn value(&self) -> &str {
        self.input.text()
    }

    fn cycle(&mut self, step: isize) {
        let n = self.choices.len() as isize;
        let at = self.choices.iter().position(|c| c == self.input.text()).unwrap_or(0) as isize;
        let next = (at + step).rem_euclid(n) as usize;
        let v = self.choices[next].clone();
        self.input.set(&v);
    }

    /// Pasted text goes into the field whole (a trailing newline dropped). A one-line field refuses
    /// text of several lines, and a choice takes only one of its values: the error says so and the
    /// field is left as it was.
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        let text = text.trim_end_matches(['\r', '\n']);
        if !self.choices.is_empty() {
            let want = text.trim().to_lowercase();
            let found = self.choices.iter().find(|c| !want.is_empty() && c.to_lowercase().starts_with(&want)).cloned();
            return match found {
                Some(v) => {
                    self.input.set(&v);
                    self.error = None;
                    Ok(())
                }
                None => Err(format!("{} is one of {}: nothing pasted", self.label, self.choices.join(", "))),
            };
        }
        if !self.multiline && text.contains(['\n', '\r']) {
            // Terminals send a pasted line break as CR, LF or CR LF.
            let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count();
            return Err(format!("{}: one line only; {lines} pasted lines refused", self.label));
        }
        self.input.insert(text);
        self.error = None;
        Ok(())
    }

    pub fn apply(&mut self, key: InputKey) {
        if self.choices.is_empty() {
            self.input.apply(key);
            self.error = None;
            return;
        }
        match key {
            InputKey::Left => self.cycle(-1),
            InputKey::Right | InputKey::Char(' ') => self.cycle(1),
            InputKey::Char(c) => {
                let c = c.to_lowercase().to_string();
                if let Some(v) = self.choices.iter().find(|v| v.to_lowercase().starts_with(&c)).cloned() {
                    self.input.set(&v);
                }
            }
            _ => {}
        }
        self.error = None;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// The ticket the form acts on, if any.
    pub ticket_id: Option<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A problem with the whole submission (e.g. the store refused it).
    pub error: Option<String>,
    /// The ticket as it was when the form opened: a save that would overwrite a field someone else
    /// changed since is refused (see `Store::update_ticket_checked`).
    pub loaded: Option<crate::store::TicketRow>,
    /// The fields' values when the form opened: Esc on a changed form asks before throwing it away.
    pristine: Vec<String>,
    /// Esc was pressed once on a changed form; a second Esc discards it, anything else keeps editing.
    pub confirm_discard: bool,
}

impl Form {
    pub fn new(kind: FormKind, title: impl Into<String>, ticket_id: Option<String>, fields: Vec<Field>) -> Self {
        let pristine = fields.iter().map(|f| f.value().to_string()).collect();
        Self {
            kind,
            title: title.into(),
            ticket_id,
            fields,
            focus: 0,
            error: None,
            loaded: None,
            pristine,
            confirm_discard: false,
        }
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn changed(&self) -> bool {
        self.fields.iter().map(Field::value).ne(self.pristine.iter().map(String::as_str))
    }

    /// A one-line prompt (`:`, `/`, customer filter) rather than a boxed form.
    pub fn is_prompt(&self) -> bool {
        matches!(self.kind, FormKind::Jump | FormKind::Search | FormKind::CustomerFilter)
    }

    pub fn value(&self, label: &str) -> &str {
        self.fields.iter().find(|f| f.label == label).map_or("", |f| f.value())
    }

    pub fn set_error(&mut self, label: &str, error: impl Into<String>) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.label == label) {
            f.error = Some(error.into());
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    pub fn clear_errors(&mut self) {
        self.error = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    pub fn apply(&mut self, key: InputKey) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.apply(key);
        }
        self.error = None;
    }

    /// Pastes into the focused field (see [`Field::paste`]).
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        let f = self.fields.get_mut(self.focus).ok_or("no field to paste into")?;
        f.paste(text)?;
        self.error = None;
        Ok(())
    }
}

/// How instants are typed in forms, in the provider's zone.
pub const INSTANT_HINT: &str = "YYYY-MM-DD HH:MM, HH:MM (today) or now";
pub const DATE_HINT: &str = "YYYY-MM-DD [HH:MM], or +N (business days)";

/// Formats an instant the way [`parse_instant`] reads it.
pub fn format_input(cal: &BusinessCalendar, t: DateTime<Utc>) -> String {
    cal.local_minute(t)
}

/// Reads `now`, `HH:MM` (today), `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` (at `default_time`) as a local time.
pub fn parse_instant(
    cal: &BusinessCalendar,
    s: &str,
    now: DateTime<Utc>,
    default_time: NaiveTime,
) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    let bad = || format!("`{t}` is not a time: write {INSTANT_HINT}");
    if t.is_empty() || t.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Ok(time) = NaiveTime::parse_from_str(t, "%H:%M") {
        return Ok(cal.local_instant(cal.local_date(now).and_time(time)));
    }
    for f in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(cal.local_instant(dt));
        }
    }
    for f in ["%Y-%m-%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Ok(cal.local_instant(d.and_time(default_time)));
        }
    }
    Err(bad())
}

/// A promised resolution date: like [`parse_instant`] (a bare date means the end of that business day),
/// or `+N`: the close of the N-th business day after today.
pub fn parse_resolve_by(cal: &BusinessCalendar, s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(format!("required: the date you promise a resolution by ({DATE_HINT})"));
    }
    if let Some(n) = t.strip_prefix('+') {
        let n: i64 = n.trim_end_matches('d').parse().map_err(|_| format!("`{t}` is not +N business days, e.g. +3"))?;
        if !(1..=365).contains(&n) {
            return Err("use +1 to +365 business days".into());
        }
        let mut date = cal.local_date(now);
        let mut left = n;
        while left > 0 {
            date = date.succ_opt().ok_or("that date is out of range")?;
            if cal.is_business_day(date) {
                left -= 1;
            }
        }
        return cal.window(date).map(|(_, close)| close).ok_or_else(|| "no business day found".into());
    }
    let close = cal
        .window(NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default())
        .map_or(NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default(), |(_, c)| {
            c.with_timezone(&cal.time_zone()).time()
        });
    parse_instant(cal, t, now, close).map_err(|_| format!("`{t}` is not a date: write {DATE_HINT}"))
}

/// `now` rounded down to the minute, as a default for "when" fields.
pub fn minute(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::seconds(i64::from(chrono::Timelike::second(&now)))
}
