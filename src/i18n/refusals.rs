//! The domain's refusals in the reader's language. The domain imports nothing of ours, so its errors
//! say themselves in English (`Display`, what tests and logs read); the edges (CLI, TUI, store) word
//! them for people through [`Worded`].

use crate::domain::calendar::CalendarError;
use crate::domain::mail::{BadAddress, BadDomain, UnknownLang};
use crate::domain::month::BadMonth;
use crate::domain::tariff::{UnknownRole, UnknownTier};
use crate::domain::ticket::{BadTicketNumber, UnknownKind, UnknownStatus};
use crate::domain::worktime::{BadDuration, MAX_ENTRY_MINUTES, MinutesOutOfRange};
use crate::t;

/// A refusal worded for the reader.
pub trait Worded {
    fn worded(&self) -> String;
}

impl Worded for BadDuration {
    fn worded(&self) -> String {
        match self {
            BadDuration::Unreadable(s) => t!("duration-unreadable", typed = s.as_str()),
            BadDuration::Zero => t!("duration-zero"),
            BadDuration::Negative(s) => t!("duration-negative", typed = s.as_str()),
            BadDuration::TooLong(s) => t!("duration-too-long", typed = s.as_str()),
        }
    }
}

impl Worded for MinutesOutOfRange {
    fn worded(&self) -> String {
        t!("entry-minutes-range", max = MAX_ENTRY_MINUTES, minutes = self.0)
    }
}

impl Worded for BadMonth {
    fn worded(&self) -> String {
        t!("bad-month", typed = self.0.as_str())
    }
}

impl Worded for UnknownTier {
    fn worded(&self) -> String {
        t!("unknown-tier", typed = self.0.as_str())
    }
}

impl Worded for UnknownRole {
    fn worded(&self) -> String {
        t!("unknown-role", typed = self.0.as_str())
    }
}

impl Worded for UnknownKind {
    fn worded(&self) -> String {
        t!("unknown-kind", typed = self.0.as_str())
    }
}

impl Worded for UnknownStatus {
    fn worded(&self) -> String {
        t!("unknown-status", typed = self.0.as_str())
    }
}

impl Worded for BadTicketNumber {
    fn worded(&self) -> String {
        t!("bad-ticket-number", typed = self.0.as_str())
    }
}

impl Worded for BadAddress {
    fn worded(&self) -> String {
        t!("bad-address", typed = self.0.as_str())
    }
}

impl Worded for BadDomain {
    fn worded(&self) -> String {
        t!("bad-mail-domain", typed = self.0.as_str())
    }
}

impl Worded for UnknownLang {
    fn worded(&self) -> String {
        t!("unknown-lang", typed = self.0.as_str())
    }
}

impl Worded for CalendarError {
    fn worded(&self) -> String {
        match self {
            CalendarError::EmptyDay { open, close } => {
                t!("calendar-open-after-close", open = open.as_str(), close = close.as_str())
            }
            CalendarError::NoWeekdays => t!("calendar-no-weekdays"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped};

    #[test]
    fn english_words_them_as_the_domain_does_and_czech_has_its_own() {
        let _en = Scoped::new(Language::English);
        let cases: Vec<(Box<dyn Worded>, String)> = vec![
            (Box::new(BadDuration::Zero), BadDuration::Zero.to_string()),
            (Box::new(BadDuration::Unreadable("x".into())), BadDuration::Unreadable("x".into()).to_string()),
            (Box::new(BadDuration::Negative("-5".into())), BadDuration::Negative("-5".into()).to_string()),
            (Box::new(BadDuration::TooLong("25h".into())), BadDuration::TooLong("25h".into()).to_string()),
            (Box::new(BadMonth("x".into())), BadMonth("x".into()).to_string()),
            (Box::new(UnknownTier("x".into())), UnknownTier("x".into()).to_string()),
            (Box::new(UnknownRole("x".into())), UnknownRole("x".into()).to_string()),
            (Box::new(UnknownKind("x".into())), UnknownKind("x".into()).to_string()),
            (Box::new(UnknownStatus("x".into())), UnknownStatus("x".into()).to_string()),
            (Box::new(BadTicketNumber("x".into())), BadTicketNumber("x".into()).to_string()),
            (Box::new(BadAddress("x".into())), BadAddress("x".into()).to_string()),
            (Box::new(BadDomain("x".into())), BadDomain("x".into()).to_string()),
            (Box::new(UnknownLang("x".into())), UnknownLang("x".into()).to_string()),
            (Box::new(CalendarError::NoWeekdays), CalendarError::NoWeekdays.to_string()),
        ];
        for (worded, english) in &cases {
            assert_eq!(worded.worded(), *english);
        }
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(BadDuration::Zero.worded(), "trvání musí být aspoň jedna minuta");
        assert_eq!(
            UnknownKind("bug".into()).worded(),
            "neznámý druh tiketu `bug`: použijte request, incident, consultation nebo change"
        );
    }
}
