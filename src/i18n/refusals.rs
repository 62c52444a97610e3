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
            BadDuration::Unreadable(s) if s.trim().is_empty() => t!("duration-empty"),
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
        // Nothing typed (an empty Enter) is said as that, not as "`` is not …".
        if self.0.trim().is_empty() {
            return t!("bad-month-empty");
        }
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
        // Nothing typed (an empty Enter) is said as that, not as "`` is not …".
        if self.0.trim().is_empty() {
            return t!("bad-ticket-number-empty");
        }
        t!("bad-ticket-number", typed = self.0.as_str())
    }
}

impl Worded for BadAddress {
    fn worded(&self) -> String {
        // Nothing typed (an empty Enter) is said as that, not as "`` is not …".
        if self.0.trim().is_empty() {
            return t!("bad-address-empty");
        }
        t!("bad-address", typed = self.0.as_str())
    }
}

impl Worded for BadDomain {
    fn worded(&self) -> String {
        // Nothing typed (an empty Enter) is said as that, not as "`` is not …".
        if self.0.trim().is_empty() {
            return t!("bad-mail-domain-empty");
        }
        // A DNS label neither starts nor ends with a hyphen (fixg #1: `-a.cz`).
        let t = self.0.trim().trim_start_matches('@');
        if t.split('.').any(|l| l.starts_with('-') || l.ends_with('-')) {
            return t!("bad-mail-domain-hyphen", typed = self.0.as_str());
        }
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

    /// bb5 #9: an empty Enter is answered with what is empty and how to fill it, not "`` is not a …".
    #[test]
    fn nothing_typed_is_said_as_empty_with_an_example() {
        let empty: Vec<Box<dyn Worded>> = vec![
            Box::new(BadDuration::Unreadable("  ".into())),
            Box::new(BadMonth(String::new())),
            Box::new(BadTicketNumber(String::new())),
            Box::new(BadAddress(" ".into())),
            Box::new(BadDomain(String::new())),
        ];
        let expected = [
            "the duration is empty: type it, e.g. 45 (minutes), 1h30, 1:30 or 2h",
            "the month is empty: type it as YYYY-MM, e.g. 2026-03",
            "the ticket number is empty: type it, e.g. 1042 or B-17",
            "the e-mail address is empty: type it, e.g. jana.novakova@example.cz",
            "the mail domain is empty: type it, e.g. example.cz",
        ];
        {
            let _en = Scoped::new(Language::English);
            let said: Vec<String> = empty.iter().map(|e| e.worded()).collect();
            assert_eq!(said, expected);
        }
        let _cs = Scoped::new(Language::Czech);
        for e in &empty {
            let said = e.worded();
            assert!(!said.contains("``") && (said.contains("prázdn")), "{said}");
        }
    }

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
