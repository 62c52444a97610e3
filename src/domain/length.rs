//! How long typed text may be: one limit per kind of field, defined here once and used by every way
//! text comes in.
//!
//! - one line ([`LINE_MAX`], 200 characters): ticket titles, customer, contact and technician names, a
//!   customer's contact text, an adjustment's or a report's note — the cap mail intake has always put
//!   on a subject (a title is "a one-line summary"; Jira allows 255, GitHub 256);
//! - free text ([`TEXT_MAX`], 65 536 characters): descriptions, comments, time-entry notes — the cap
//!   mail intake puts on a message's text.
//!
//! Characters are Unicode scalar values of the text as stored (after `text::clean`). Local input over
//! the limit is refused before anything is written (the CLI exits 2 naming the field, the limit and
//! the length given; the TUI keeps the form open and says the same in the status bar). Mail intake
//! clips (a mail is never refused for its length) and so does text arriving from another copy
//! ([`clip`]): a copy written before these limits may hold a longer value, and refusing its bundle
//! would leave it unable ever to sync; every copy clips the same way, so they agree.

/// The longest one-line field, in characters.
pub const LINE_MAX: usize = 200;
/// The longest free-text (multi-line) field, in characters.
pub const TEXT_MAX: usize = 64 * 1024;

/// The limit for a one-line (`multiline` false) or free-text field, in characters.
pub fn limit(multiline: bool) -> usize {
    if multiline { TEXT_MAX } else { LINE_MAX }
}

/// A value longer than its field allows. `field` is the message id of the field's name in the reader's
/// language (`field-title`, …); `limit` and `given` are in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub field: &'static str,
    pub limit: usize,
    pub given: usize,
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::t!(
            "text-too-long",
            field = crate::t!(self.field),
            limit = self.limit.to_string(),
            given = self.given.to_string()
        );
        f.write_str(&text)
    }
}

/// `Err` when `value` is longer than the field's limit. `field`: the message id of its name.
pub fn check(field: &'static str, value: &str, multiline: bool) -> Result<(), TooLong> {
    let limit = limit(multiline);
    // Bytes bound characters from above: most values need no count.
    if value.len() <= limit {
        return Ok(());
    }
    let given = value.chars().count();
    if given <= limit { Ok(()) } else { Err(TooLong { field, limit, given }) }
}

/// `value` cut to the field's limit (characters), `None` when it fits.
pub fn clip(value: &str, multiline: bool) -> Option<String> {
    let limit = limit(multiline);
    if value.len() <= limit {
        return None;
    }
    let (end, _) = value.char_indices().nth(limit)?;
    Some(value[..end].trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_200_characters_fits_and_201_do_not() {
        let fits = "č".repeat(LINE_MAX);
        assert!(check("field-title", &fits, false).is_ok());
        let long = format!("{fits}x");
        assert_eq!(check("field-title", &long, false), Err(TooLong { field: "field-title", limit: 200, given: 201 }));
        assert!(check("field-title", &long, true).is_ok());
    }

    #[test]
    fn clip_cuts_at_the_limit_in_characters() {
        assert_eq!(clip("short", false), None);
        let long = "ž".repeat(LINE_MAX + 50);
        assert_eq!(clip(&long, false).map(|s| s.chars().count()), Some(LINE_MAX));
        let text = "a\n".repeat(TEXT_MAX);
        assert_eq!(clip(&text, true).map(|s| s.chars().count()), Some(TEXT_MAX - 1));
    }
}
