//! Words for domain values a person reads (SLA states, ticket states and kinds, durations), in the
//! reader's language. The domain keeps its own names for machine formats (`as_str`: JSON, CSV, what
//! is typed on the command line); these are for tables and sentences only.

use crate::domain::sla::SlaState;
use crate::domain::worktime::TimerRan;
use crate::domain::{Role, TicketKind, TicketStatus};
use crate::t;

mod corrections;
mod durations;
pub use corrections::correction;
pub use durations::{Room, left, left_hours_short, left_short, minutes, minutes_short};

/// The words of a few values, each formatted once: for tables that word the same statuses, kinds and
/// states on every row (formatting a message costs a lookup and an allocation per row otherwise).
pub struct Words<K>(Vec<(K, String)>);

impl<K: Copy + PartialEq> Words<K> {
    /// The words of every value `values` yields, by `word`.
    pub fn of(values: impl IntoIterator<Item = K>, word: impl Fn(K) -> String) -> Self {
        let mut seen: Vec<(K, String)> = Vec::new();
        for v in values {
            if !seen.iter().any(|(k, _)| *k == v) {
                seen.push((v, word(v)));
            }
        }
        Self(seen)
    }

    /// The words of `value` (empty for a value [`Words::of`] was not given).
    pub fn get(&self, value: K) -> &str {
        self.0.iter().find(|(k, _)| *k == value).map_or("", |(_, w)| w.as_str())
    }
}

/// `breached` / `po termínu`, `at risk` / `ohrožený`, …
pub fn sla_state(state: SlaState) -> String {
    crate::i18n::text(match state {
        SlaState::Breached => "sla-state-breached",
        SlaState::AtRisk => "sla-state-at-risk",
        SlaState::Running => "sla-state-running",
        SlaState::Paused => "sla-state-paused",
        SlaState::Met => "sla-state-met",
        SlaState::NoSla => "sla-state-no-sla",
    })
}

/// The state word for a ticket: as [`sla_state`], except that a breach already answered (late) reads
/// `late answer` / `odpověď pozdě`, apart from one still waiting for its answer.
pub fn sla_word(state: SlaState, answered: bool) -> String {
    if state == SlaState::Breached && answered { crate::i18n::text("sla-state-late-answer") } else { sla_state(state) }
}

/// `open` / `otevřený`, …
pub fn status(status: TicketStatus) -> String {
    crate::i18n::text(match status {
        TicketStatus::New => "status-new",
        TicketStatus::Open => "status-open",
        TicketStatus::Waiting => "status-waiting",
        TicketStatus::Resolved => "status-resolved",
        TicketStatus::Closed => "status-closed",
    })
}

/// `incident` / `incident`, `request` / `požadavek`, …
pub fn kind(kind: TicketKind) -> String {
    crate::i18n::text(match kind {
        TicketKind::Request => "kind-request",
        TicketKind::Incident => "kind-incident",
        TicketKind::Consultation => "kind-consultation",
        TicketKind::Change => "kind-change",
    })
}

/// A tier's name as the price list gives it, in the reader's language (`no contract` / `bez smlouvy`).
pub fn tier(tariffs: &crate::domain::tariff::Tariffs, tier: crate::domain::Tier) -> &str {
    tariffs.label_in(tier, crate::i18n::language())
}

/// A person's name as shown. The name the program acts under when nothing names the technician
/// ([`crate::domain::UNNAMED_TECHNICIAN`], a machine value kept as it is in the log and the tables)
/// reads `technician` / `technik`; every other name as it is.
pub fn person(name: &str) -> std::borrow::Cow<'_, str> {
    if name == crate::domain::UNNAMED_TECHNICIAN {
        std::borrow::Cow::Owned(crate::i18n::text("unnamed-technician"))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

/// `technician` / `technik`.
/// A statement line's mark as the statement document gives it (`incident (free)`, `consultation`, `free
/// consultation`: English, as JSON and CSV keep it) in the reader's words; an unknown mark as it is.
pub fn statement_mark(m: &str) -> String {
    match m {
        "incident (free)" => crate::t!("mark-incident-free"),
        "free consultation" => crate::t!("mark-free-consultation"),
        "consultation" => crate::t!("mark-consultation"),
        other => other.to_string(),
    }
}

pub fn role(r: Role) -> String {
    crate::i18n::text(match r {
        Role::Technician => "role-technician",
        Role::Consultant => "role-consultant",
    })
}

/// A conflict's field as people read it (the stored names are machine values: `status`, `time entry`,
/// `tier from 2026-03`, …).
pub fn conflict_field(field: &str) -> String {
    let id = match field {
        "title" => "sync-field-title",
        "status" => "sync-field-status",
        "kind" => "sync-field-kind",
        "assignee" => "sync-field-assignee",
        "description" => "sync-field-description",
        "resolve_by" => "sync-field-resolve-by",
        "time entry" => "sync-field-time-entry",
        "name" => "sync-field-name",
        "contact" => "sync-field-contact",
        "timer" => "sync-field-timer",
        "same name" => "sync-field-same-name",
        other => {
            return match other.strip_prefix("tier from ") {
                Some(month) => t!("sync-field-tier-from", month = month),
                None => other.to_string(),
            };
        }
    };
    t!(id)
}

/// A conflict's value as people read it: [`crate::store::Conflict::shown`] (what JSON carries), with
/// its fixed words, a timer's run (stored as machine text, or an older file's English sentence) and a
/// time entry's minutes in the reader's language.
pub fn conflict_value(c: &crate::store::Conflict, value: Option<&str>, zone: chrono_tz::Tz) -> String {
    match (c.field.as_str(), value) {
        (_, None) => t!("sync-value-none"),
        ("time entry", Some("removed")) => t!("sync-value-removed"),
        ("time entry", Some(v)) if v.parse::<i64>().is_ok() => t!("sync-value-minutes", minutes = v),
        ("timer", Some(crate::domain::worktime::TIMER_STOPPED)) => t!("sync-value-timer-stopped"),
        ("timer", Some(v)) => match TimerRan::parse(v) {
            Some(TimerRan { minutes: m, technician, ticket: Some(ticket) }) => {
                t!("sync-value-timer-ran", duration = minutes(i64::from(m)), technician = technician, ticket = ticket)
            }
            Some(TimerRan { minutes: m, technician, ticket: None }) => {
                t!("sync-value-timer-ran-gone", duration = minutes(i64::from(m)), technician = technician)
            }
            None => c.shown(Some(v), zone),
        },
        (_, Some(v)) => c.shown(Some(v), zone),
    }
}

/// A VAT rate as stored (`"0.155"`, a fraction) as the percent people read, in the language's decimal
/// separator: `15.5` in English, `15,5` in Czech (as every Czech amount is written: `1 234,50 Kč`);
/// `21` for `"0.21"`. A rate that is no number is shown as stored.
pub fn vat_percent(rate: &str) -> String {
    let Ok(r) = rate.parse::<rust_decimal::Decimal>() else { return rate.to_string() };
    let percent = (r * rust_decimal::Decimal::ONE_HUNDRED).normalize().to_string();
    match crate::i18n::language() {
        crate::language::Language::Czech => percent.replace('.', ","),
        _ => percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped};
    use chrono::Duration;

    #[test]
    fn a_vat_rate_reads_with_the_languages_decimal_separator() {
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(
            (vat_percent("0.155"), vat_percent("0.21"), vat_percent("x")),
            ("15,5".into(), "21".into(), "x".into())
        );
        let _en = Scoped::new(Language::English);
        assert_eq!(vat_percent("0.155"), "15.5");
    }

    #[test]
    fn left_fills_the_messages_as_fluent_formats_them_in_both_languages() {
        for language in [Language::English, Language::Czech] {
            let _lang = Scoped::new(language);
            for m in [0, 1, 59, 60, 61, 600, 6001, -1, -59, -60, -125] {
                let d = Duration::minutes(m);
                let (sign, mins) = (if m < 0 { "-" } else { "" }, i64::abs(m));
                let expected = match (mins / 60, mins % 60) {
                    (0, m) => crate::t!("duration-m", sign = sign, m = m.to_string()),
                    (h, 0) => crate::t!("duration-h", sign = sign, h = h.to_string()),
                    (h, m) => crate::t!("duration-hm", sign = sign, h = h.to_string(), m = m.to_string()),
                };
                assert_eq!(left(d), expected, "{language:?} {m}");
                let padded = match (mins / 60, mins % 60) {
                    (0, m) => crate::t!("duration-short-m", sign = sign, m = m.to_string()),
                    (h, m) => crate::t!("duration-short-hm", sign = sign, h = h.to_string(), m = format!("{m:02}")),
                };
                assert_eq!(left_short(d), padded, "{language:?} {m}");
            }
        }
    }

    #[test]
    fn durations_match_the_domain_in_english_and_read_czech_in_czech() {
        let _en = Scoped::new(Language::English);
        for m in [0, 5, 60, 90, 125, -45, -61] {
            assert_eq!(minutes(m), crate::domain::worktime::format_minutes(m), "{m}");
            let d = Duration::minutes(m) + Duration::seconds(20);
            // A countdown in a sentence reads as any duration in a sentence (bb5 #9: `4h 00m` beside
            // `6h 6m`); in a cell it keeps the domain's padded form, so a column lines up.
            assert_eq!(left(d), crate::domain::worktime::format_minutes(crate::domain::sla::whole_minutes(d)), "{m}");
            assert_eq!(left_short(d), crate::domain::sla::format_left(d), "{m}");
        }
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(minutes(90), "1 h 30 min");
        assert_eq!(minutes(120), "2 h");
        assert_eq!(minutes(45), "45 min");
        assert_eq!(left(Duration::minutes(185)), "3 h 5 min");
        assert_eq!(left(Duration::minutes(240)), "4 h");
        assert_eq!(left_short(Duration::minutes(185)), "3:05 h");
        assert_eq!(left(Duration::seconds(-30)), "-0 min");
        assert_eq!(left(-(Duration::hours(17) + Duration::minutes(29) + Duration::seconds(30))), "-17 h 29 min");
        assert_eq!(sla_state(SlaState::AtRisk), "ohrožený");
    }

    #[test]
    fn cells_take_the_short_form_sentences_the_long_one() {
        let _en = Scoped::new(Language::English);
        // English reads the same in both rooms, minutes after hours padded in a cell.
        assert_eq!([minutes_short(45), minutes_short(120), minutes_short(90)], ["45m", "2h", "1h 30m"]);
        assert_eq!((minutes(65), minutes_short(65)), ("1h 5m".to_string(), "1h 05m".to_string()));
        assert_eq!(left_short(Duration::minutes(-300)), "-5h 00m");
        assert_eq!(left_hours_short(-Duration::minutes(1490 * 60 + 52)), "-1490h");
        drop(_en);
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(minutes(495), "8 h 15 min");
        assert_eq!(minutes(65), "1 h 5 min");
        assert_eq!(
            [minutes_short(495), minutes_short(65), minutes_short(45), minutes_short(120)],
            ["8:15 h", "1:05 h", "45 min", "2 h"]
        );
        assert_eq!(minutes_short(-30), "-30 min");
        assert_eq!(left_short(Duration::minutes(-300)), "-5:00 h");
        assert_eq!(left_short(Duration::minutes(22 * 60 + 30)), "22:30 h");
        assert_eq!(left_short(Duration::minutes(10)), "10 min");
        assert_eq!(left_hours_short(-Duration::minutes(1490 * 60 + 52)), "-1490 h");
        // What a Czech screen shows reads back when typed (a correction form is prefilled with it).
        for m in [1u32, 45, 60, 65, 90, 495, 1440] {
            let parse = crate::domain::worktime::parse_minutes;
            assert_eq!(parse(&minutes(i64::from(m))), Ok(m), "{}", minutes(i64::from(m)));
            assert_eq!(parse(&minutes_short(i64::from(m))), Ok(m), "{}", minutes_short(i64::from(m)));
        }
        // A cell's Czech form is as wide as the English one with hours, and at most six cells with
        // minutes alone (`59 min`): the columns sized for English hours hold it.
        for m in [0, 9, 59, 60, 61, 599, 600, 5999] {
            let d = Duration::minutes(m);
            let cs = left_short(d).chars().count();
            let _en = Scoped::new(Language::English);
            let en = left_short(d).chars().count();
            assert!(cs <= en.max(6), "{m}: {cs} vs {en}");
        }
    }

    #[test]
    fn english_keeps_the_words_of_before_and_czech_has_its_own() {
        let _en = Scoped::new(Language::English);
        for s in [SlaState::Breached, SlaState::AtRisk, SlaState::NoSla, SlaState::Met] {
            assert_eq!(sla_state(s), s.label());
        }
        for s in TicketStatus::ALL {
            assert_eq!(status(s), s.as_str());
        }
        drop(_en);
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(sla_state(SlaState::Breached), "po termínu");
        assert_eq!(status(TicketStatus::Waiting), "čeká");
        assert_eq!(kind(TicketKind::Request), "požadavek");
        assert_eq!(role(Role::Technician), "technik");
        assert_eq!(person(crate::domain::UNNAMED_TECHNICIAN), "technik");
        assert_eq!(person("Lucie Černá"), "Lucie Černá");
        drop(_cs);
        let _en = Scoped::new(Language::English);
        assert_eq!(person(crate::domain::UNNAMED_TECHNICIAN), "technician");
    }
}
