//! Forms and prompts: new ticket, new customer, comment, status, assignee, first response, time entry,
//! and the one-line prompts (`:` jump, `/` search, customer filter). A form owns its typed text; a
//! failed submission marks the fields in place and keeps everything typed (see `app::forms`).

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
    /// No name came from `--as`, config.toml or the environment: who is working (remembered in
    /// config.toml).
    Technician,
    Jump,
    Search,
    CustomerFilter,
    /// A mail from an unknown sender (triage entry `triage_id`) becomes a ticket of a customer.
    AssignMail {
        triage_id: i64,
        sender: String,
        sender_name: String,
    },
    /// A contact or a mail domain of a customer: added, or one of them removed.
    AddContact {
        customer_id: String,
    },
    AddDomain {
        customer_id: String,
    },
    RemoveMail {
        customer_id: String,
    },
    /// The open ticket's title, kind, customer, promised date (after the first response) and
    /// description, prefilled: only what changed is recorded.
    EditTicket,
    /// A customer's name and its tier from a month, prefilled.
    EditCustomer {
        customer_id: String,
    },
}

/// Which field of a form: what `submit` reads a value by and marks an error on. The label a person
/// reads comes from the field's message id, so a translated or reworded label never empties a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    Ticket,
    Search,
    Scope,
    Customer,
    Title,
    Kind,
    Assignee,
    Description,
    Received,
    Name,
    Contact,
    Tier,
    Since,
    Comment,
    Status,
    Responded,
    ResolveBy,
    Duration,
    Started,
    Role,
    Note,
    Worked,
    Email,
    Lang,
    Domain,
    Remove,
    AddSender,
    Mail,
    Message,
}

impl FieldId {
    /// Every field id (for the check that each has its label in both languages).
    pub const ALL: [FieldId; 29] = [
        FieldId::Ticket,
        FieldId::Search,
        FieldId::Scope,
        FieldId::Customer,
        FieldId::Title,
        FieldId::Kind,
        FieldId::Assignee,
        FieldId::Description,
        FieldId::Received,
        FieldId::Name,
        FieldId::Contact,
        FieldId::Tier,
        FieldId::Since,
        FieldId::Comment,
        FieldId::Status,
        FieldId::Responded,
        FieldId::ResolveBy,
        FieldId::Duration,
        FieldId::Started,
        FieldId::Role,
        FieldId::Note,
        FieldId::Worked,
        FieldId::Email,
        FieldId::Lang,
        FieldId::Domain,
        FieldId::Remove,
        FieldId::AddSender,
        FieldId::Mail,
        FieldId::Message,
    ];

    /// The message id of the field's label.
    pub fn label_id(self) -> &'static str {
        match self {
            FieldId::Ticket => "field-ticket",
            FieldId::Search => "field-search",
            FieldId::Scope => "field-scope",
            FieldId::Customer => "field-customer",
            FieldId::Title => "field-title",
            FieldId::Kind => "field-kind",
            FieldId::Assignee => "field-assignee",
            FieldId::Description => "field-description",
            FieldId::Received => "field-received",
            FieldId::Name => "field-name",
            FieldId::Contact => "field-contact",
            FieldId::Tier => "field-tier",
            FieldId::Since => "field-since",
            FieldId::Comment => "field-comment",
            FieldId::Status => "field-status",
            FieldId::Responded => "field-responded",
            FieldId::ResolveBy => "field-resolve-by",
            FieldId::Duration => "field-duration",
            FieldId::Started => "field-started",
            FieldId::Role => "field-role",
            FieldId::Note => "field-note",
            FieldId::Worked => "field-worked",
            FieldId::Email => "field-email",
            FieldId::Lang => "field-lang",
            FieldId::Domain => "field-domain",
            FieldId::Remove => "field-remove",
            FieldId::AddSender => "field-add-sender",
            FieldId::Mail => "field-mail",
            FieldId::Message => "field-message",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: FieldId,
    /// What a person reads before the field, in their language.
    pub label: String,
    pub input: TextInput,
    /// Non-empty: the value is one of these, cycled with ←/→ (typing a letter picks the first match).
    pub choices: Vec<String>,
    /// How each choice shows (same order as `choices`): a word in the reader's language.
    pub choice_labels: Vec<String>,
    pub hint: String,
    pub error: Option<String>,
    /// Whether the text may hold newlines (a comment, a description): pasted lines are kept.
    pub multiline: bool,
}

impl Field {
    pub fn text(id: FieldId, value: &str, hint: impl Into<String>) -> Self {
        Self {
            id,
            label: crate::i18n::text(id.label_id()),
            input: TextInput::new(value),
            choices: Vec::new(),
            choice_labels: Vec::new(),
            hint: hint.into(),
            error: None,
            multiline: false,
        }
    }

    /// A field whose text may run over several lines: Enter starts a new line, long lines wrap.
    pub fn multiline(mut self) -> Self {
        self.multiline = true;
        self.input.set_multiline(true);
        self
    }

    /// A field whose value is one of `choices`: `(value, what a person reads)`.
    pub fn choice(id: FieldId, choices: &[(&str, String)], value: &str) -> Self {
        let labels: Vec<String> = choices.iter().map(|(_, l)| l.clone()).collect();
        let choices: Vec<String> = choices.iter().map(|(c, _)| c.to_string()).collect();
        let value = if choices.iter().any(|c| c == value) { value } else { choices.first().map_or("", |c| c.as_str()) };
        Self {
            id,
            label: crate::i18n::text(id.label_id()),
            input: TextInput::new(value),
            choices,
            choice_labels: labels,
            hint: crate::t!("form-choose-hint"),
            error: None,
            multiline: false,
        }
    }

    pub fn value(&self) -> &str {
        self.input.text()
    }

    /// `(value, label)` of each choice.
    pub fn choices_shown(&self) -> impl Iterator<Item = (&str, &str)> {
        self.choices.iter().zip(&self.choice_labels).map(|(c, l)| (c.as_str(), l.as_str()))
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
            let found = self.choices_shown().find(|(c, l)| {
                !want.is_empty() && (c.to_lowercase().starts_with(&want) || l.to_lowercase().starts_with(&want))
            });
            let found = found.map(|(c, _)| c.to_string());
            return match found {
                Some(v) => {
                    self.input.set(&v);
                    self.error = None;
                    Ok(())
                }
                None => {
                    let shown: Vec<&str> = self.choices_shown().map(|(_, l)| l).collect();
                    Err(crate::t!("form-paste-not-a-choice", field = self.label.as_str(), choices = shown.join(", ")))
                }
            };
        }
        if !self.multiline && text.contains(['\n', '\r']) {
            // Terminals send a pasted line break as CR, LF or CR LF.
            let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count();
            return Err(crate::t!("form-paste-one-line", field = self.label.as_str(), lines = lines));
        }
        self.input.insert(text);
        self.error = None;
        Ok(())
    }

    /// Applies an editing key; `false` when the field had no use for it (see [`TextInput::apply`]).
    pub fn apply(&mut self, key: InputKey) -> bool {
        if self.choices.is_empty() {
            let used = self.input.apply(key);
            if used {
                self.error = None;
            }
            return used;
        }
        match key {
            InputKey::Left => self.cycle(-1),
            InputKey::Right | InputKey::Char(' ') => self.cycle(1),
            InputKey::Char(c) => {
                let c = c.to_lowercase().to_string();
                let found = self.choices_shown().find(|(_, l)| l.to_lowercase().starts_with(&c));
                let found = found.or_else(|| self.choices_shown().find(|(v, _)| v.to_lowercase().starts_with(&c)));
                if let Some(v) = found.map(|(v, _)| v.to_string()) {
                    self.input.set(&v);
                }
            }
            _ => return false,
        }
        self.error = None;
        true
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

    /// The text of field `id`. A form without that field is a programming error: it panics in tests
    /// (debug builds) and reads as empty in a release build.
    pub fn value(&self, id: FieldId) -> &str {
        let found = self.fields.iter().find(|f| f.id == id);
        debug_assert!(found.is_some(), "{:?} has no field {id:?}", self.kind);
        found.map_or("", |f| f.value())
    }

    /// Marks field `id` as wrong, with `error` shown under it.
    pub fn set_error(&mut self, id: FieldId, error: impl Into<String>) {
        let found = self.fields.iter_mut().find(|f| f.id == id);
        debug_assert!(found.is_some(), "the form has no field {id:?}");
        if let Some(f) = found {
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

    /// An editing key for the focused field. Up and Down that the field has no use for (a one-line
    /// field, the first or last line of a multi-line one) move to the previous or next field.
    pub fn apply(&mut self, key: InputKey) {
        let used = self.fields.get_mut(self.focus).is_some_and(|f| f.apply(key));
        match key {
            InputKey::Up if !used => self.prev_field(),
            InputKey::Down if !used => self.next_field(),
            _ => {}
        }
        self.error = None;
    }

    /// The focused field, if the form has any.
    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Replaces the focused field's text (from the external editor).
    pub fn replace_focused(&mut self, text: &str) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.input.set(text);
            f.error = None;
        }
    }

    /// Pastes into the focused field (see [`Field::paste`]).
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        let f = self.fields.get_mut(self.focus).ok_or_else(|| crate::t!("form-no-field"))?;
        f.paste(text)?;
        self.error = None;
        Ok(())
    }
}

/// How instants are typed in forms, in the provider's zone (the hint under such a field).
pub fn instant_hint() -> String {
    crate::t!("hint-instant")
}

/// How a promised date is typed (the hint under such a field).
pub fn date_hint() -> String {
    crate::t!("hint-date")
}

/// The word a "when" field starts with: `now` (Czech `teď`); both words are read in either language.
pub fn now_word() -> String {
    crate::t!("form-now")
}

/// A promised date as it is typed: the day alone when it is that day's end (what a date alone means,
/// so it reads back as the same instant), else the minute.
pub fn format_resolve_by(cal: &BusinessCalendar, t: DateTime<Utc>) -> String {
    let day = cal.local_date(t).format("%Y-%m-%d").to_string();
    if cal.date_alone(&day) == Some(t) { day } else { format_input(cal, t) }
}

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
    let bad = || crate::t!("form-not-a-time", typed = t, hint = instant_hint());
    let now_words = ["now", "teď", "ted"];
    if t.is_empty() || now_words.iter().any(|w| t.to_lowercase() == *w) {
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

/// A promised resolution date: a date alone means 23:59:59 of that day in the provider's zone
/// ([`BusinessCalendar::date_alone`], as the CLI reads it); a date with a time as [`parse_instant`];
/// or `+N`: the close of the N-th business day after today.
pub fn parse_resolve_by(cal: &BusinessCalendar, s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(crate::t!("form-resolve-by-required", hint = date_hint()));
    }
    if let Some(n) = t.strip_prefix('+') {
        let n: i64 = n.trim_end_matches('d').parse().map_err(|_| crate::t!("form-not-business-days", typed = t))?;
        if !(1..=365).contains(&n) {
            return Err(crate::t!("form-business-days-range"));
        }
        let mut date = cal.local_date(now);
        let mut left = n;
        while left > 0 {
            date = date.succ_opt().ok_or_else(|| crate::t!("form-date-out-of-range"))?;
            if cal.is_business_day(date) {
                left -= 1;
            }
        }
        return cal.window(date).map(|(_, close)| close).ok_or_else(|| crate::t!("form-no-business-day"));
    }
    // A date alone: the same reading as the CLI's `--resolve-by` (the end of that day).
    if let Some(by) = cal.date_alone(t) {
        return Ok(by);
    }
    parse_instant(cal, t, now, NaiveTime::MIN).map_err(|_| crate::t!("form-not-a-date", typed = t, hint = date_hint()))
}

/// `now` rounded down to the minute, as a default for "when" fields.
pub fn minute(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::seconds(i64::from(chrono::Timelike::second(&now)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped, has_message};

    #[test]
    fn every_field_has_its_label_in_both_languages() {
        for id in FieldId::ALL {
            for lang in [Language::English, Language::Czech] {
                assert!(has_message(lang, id.label_id()), "{id:?}: `{}` missing in {lang:?}", id.label_id());
            }
        }
    }

    #[test]
    fn fields_are_found_by_id_whatever_their_label_reads() {
        let _cs = Scoped::new(Language::Czech);
        let choices = [("technician", "technik".to_string()), ("consultant", "konzultant".to_string())];
        let mut form = Form::new(
            FormKind::Comment,
            "x",
            None,
            vec![Field::text(FieldId::Customer, "Alfa", ""), Field::choice(FieldId::Role, &choices, "technician")],
        );
        assert_eq!(form.fields[0].label, "Zákazník");
        assert_eq!(form.value(FieldId::Customer), "Alfa");
        // Typing the first letter of the Czech word picks it; the value stays the machine name.
        form.focus = 1;
        form.apply(InputKey::Char('k'));
        assert_eq!(form.value(FieldId::Role), "consultant");
        form.set_error(FieldId::Customer, "špatně");
        assert_eq!(form.fields[0].error.as_deref(), Some("špatně"));
    }
}
