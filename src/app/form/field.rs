//! One field of a form: which it is ([`FieldId`]), its label, its text or choices, its hint and error.

use crate::app::input::{InputKey, TextInput};

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
