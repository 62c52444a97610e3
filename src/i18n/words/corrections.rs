//! A correction line's description in the reader's language. The description is stored with the
//! adjustment as the English sentence every copy writes alike (`correction of 2026-03: ticket 12
//! +1h 30m`, the same with ` (synced)`, or `correction of 2026-03: repriced (…)`), and machine formats
//! (CSV, JSON) keep it so; statements a person reads word it again in their language (a Czech
//! customer's statement read `úprava  correction of 2026-03: ticket 1 -1h 30m`, bb6 #2).

use crate::i18n::Language;
use crate::t;

/// `description` worded in the reader's language: English as stored; in Czech the three sentences
/// helpdesk writes, anything else (a description from elsewhere) as stored.
pub fn correction(description: &str) -> String {
    if crate::i18n::language() != Language::Czech {
        return description.to_string();
    }
    czech(description).unwrap_or_else(|| description.to_string())
}

fn czech(description: &str) -> Option<String> {
    let (month, what) = description.strip_prefix("correction of ")?.split_once(": ")?;
    if month.parse::<crate::domain::YearMonth>().is_err() {
        return None;
    }
    if what.starts_with("repriced") {
        return Some(t!("correction-line-repriced", month = month));
    }
    let (what, synced) = match what.strip_suffix(" (synced)") {
        Some(w) => (w, true),
        None => (what, false),
    };
    let (ticket, change) = what.strip_prefix("ticket ")?.split_once(' ')?;
    let sign = change.get(..1).filter(|s| *s == "+" || *s == "-")?;
    let minutes = stored_minutes(&change[1..])?;
    let duration = super::minutes(minutes);
    let key = if synced { "correction-line-ticket-synced" } else { "correction-line-ticket" };
    Some(t!(key, month = month, ticket = ticket, sign = sign, duration = duration))
}

/// Minutes of a duration as `worktime::format_minutes` writes it (`20m`, `2h`, `1h 30m`).
fn stored_minutes(text: &str) -> Option<i64> {
    let mut total = 0i64;
    for part in text.split(' ') {
        let (n, unit) = part.split_at_checked(part.len().checked_sub(1)?)?;
        let n: i64 = n.parse().ok()?;
        total = total.checked_add(match unit {
            "h" => n.checked_mul(60)?,
            "m" => n,
            _ => return None,
        })?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn czech_words_the_sentences_helpdesk_writes_and_keeps_the_rest() {
        let _cs = crate::i18n::Scoped::new(Language::Czech);
        assert_eq!(correction("correction of 2026-03: ticket 1 -1h 30m"), "oprava za 2026-03: tiket 1 -1 h 30 min");
        assert_eq!(
            correction("correction of 2026-03: ticket A-7 +20m (synced)"),
            "oprava za 2026-03: tiket A-7 +20 min (ze synchronizace)"
        );
        assert!(
            correction(
                "correction of 2026-02: repriced (free consultations, ticket kinds or earlier work changed since)"
            )
            .starts_with("oprava za 2026-02: přecenění")
        );
        for other in [
            "correction of 2026-13: ticket 1 +20m",
            "ticket 1 +20m",
            "correction of 2026-03: ticket 1 20m",
            "correction of 2026-03: ticket 1 +20x",
            "correction of 2026-03: ticket 1 +",
        ] {
            assert_eq!(correction(other), other);
        }
        let _en = crate::i18n::Scoped::new(Language::English);
        assert_eq!(correction("correction of 2026-03: ticket 1 -1h 30m"), "correction of 2026-03: ticket 1 -1h 30m");
    }
}
