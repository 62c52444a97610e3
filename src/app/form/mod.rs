//! Forms and prompts: new ticket, new customer, comment, status, assignee, first response, time entry,
//! and the one-line prompts (`:` jump, `/` search, customer filter). A form owns its typed text; a
//! failed submission marks the fields in place and keeps everything typed (see `app::forms`).

mod field;
mod when;

pub use self::field::{Field, FieldId};
pub use self::when::{
    FUTURE_SLACK, billable, date_hint, format_input, format_resolve_by, has_happened, instant_hint, minute, now_word,
    parse_instant, parse_resolve_by,
};
use super::input::InputKey;

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
        replaces: Option<crate::domain::EntryId>,
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
        customer_id: crate::domain::CustomerId,
    },
    AddDomain {
        customer_id: crate::domain::CustomerId,
    },
    RemoveMail {
        customer_id: crate::domain::CustomerId,
    },
    /// The open ticket's title, kind, customer, promised date (after the first response) and
    /// description, prefilled: only what changed is recorded.
    EditTicket,
    /// A customer's name and its tier from a month, prefilled.
    EditCustomer {
        customer_id: crate::domain::CustomerId,
    },
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// The ticket the form acts on, if any.
    pub ticket_id: Option<crate::domain::TicketId>,
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
    /// The fields' values when a save was refused with an offer (a time entry in a closed month: book
    /// it as a correction): saving again with the same values takes the offer; any change lapses it.
    pub offered: Option<Vec<String>>,
}

impl Form {
    pub fn new(
        kind: FormKind,
        title: impl Into<String>,
        ticket_id: Option<crate::domain::TicketId>,
        fields: Vec<Field>,
    ) -> Self {
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
            offered: None,
        }
    }

    /// Every field's value, in order.
    pub fn values(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.value().to_string()).collect()
    }

    /// Whether the save was refused with an offer and nothing changed since: this save takes it.
    pub fn takes_offer(&self) -> bool {
        self.offered.as_ref().is_some_and(|v| *v == self.values())
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn changed(&self) -> bool {
        self.fields.iter().map(Field::value).ne(self.pristine.iter().map(String::as_str))
    }

    /// A one-line prompt (`:`, `/`, customer filter) rather than a boxed form.
    pub fn is_prompt(&self) -> bool {
        matches!(self.kind, FormKind::Jump | FormKind::Search | FormKind::CustomerFilter)
    }

    /// Field `id` (`None`: the form has no such field).
    pub fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The text of field `id`. A form without that field is a programming error: it panics in tests
    /// (debug builds) and reads as empty in a release build.
    pub fn value(&self, id: FieldId) -> &str {
        let found = self.field(id);
        debug_assert!(found.is_some(), "{:?} has no field {id:?}", self.kind);
        found.map_or("", |f| f.value())
    }

    /// What is marked wrong with field `id`, if anything (`None` too when the form has no such field).
    pub fn error_of(&self, id: FieldId) -> Option<&str> {
        self.field(id).and_then(|f| f.error.as_deref())
    }

    /// Marks field `id` as wrong, with `error` shown under it.
    pub fn set_error(&mut self, id: FieldId, error: impl Into<String>) {
        let found = self.fields.iter_mut().find(|f| f.id == id);
        debug_assert!(found.is_some(), "the form has no field {id:?}");
        if let Some(f) = found {
            f.error = Some(error.into());
        }
    }

    /// Replaces the text of field `id` (nothing when the form has no such field).
    pub fn set_value(&mut self, id: FieldId, value: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
            f.input.set(value);
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped, has_message};

    /// The time fields refuse an instant whose month no statement can show, as the CLI does.
    #[test]
    fn time_fields_refuse_the_years_helpdesk_does_not_bill() {
        let cal = crate::config::Settings::defaults().calendar;
        let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z").unwrap().to_utc();
        let midnight = chrono::NaiveTime::MIN;
        for bad in ["31.12.9999 23:59", "1.1.1583 00:30", "0001-01-01 10:00"] {
            let e = parse_instant(&cal, bad, now, midnight).unwrap_err();
            assert!(e.contains("outside the time helpdesk bills"), "{bad}: {e}");
        }
        // A promised date too, with or without its time (a date-time is not "not a date").
        for bad in ["9999-12-31", "31.12.9999 23:59", "0001-01-01 10:00"] {
            let e = parse_resolve_by(&cal, bad, now).unwrap_err();
            assert!(e.contains("outside the time helpdesk bills"), "{bad}: {e}");
        }
        assert!(parse_instant(&cal, "30.12.9999 12:00", now, midnight).is_ok());
        assert!(parse_resolve_by(&cal, "2026-12-10", now).is_ok());
    }

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
        assert_eq!(form.error_of(FieldId::Customer), Some("špatně"));
        assert_eq!(form.error_of(FieldId::Role), None);
    }
}
