//! How instants, countdowns and durations read on screen (provider's zone; never the machine's).

use chrono::{DateTime, Duration, Utc};

use crate::config::Settings;
use crate::domain::sla::{SlaState, SlaStatus};

/// `Thu 11:00` within six days of `now`, else `03.12. 11:00`.
pub fn when(settings: &Settings, t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let tz = settings.calendar.time_zone();
    let local = t.with_timezone(&tz);
    if (t - now).num_days().abs() < 6 {
        crate::i18n::dates::format(&local, "%a %H:%M")
    } else {
        local.format("%d.%m. %H:%M").to_string()
    }
}

/// `2026-03-02 10:00` in the provider's zone.
pub fn full(settings: &Settings, t: DateTime<Utc>) -> String {
    settings.calendar.local_minute(t)
}

/// `Mon 2026-03-02 10:00`.
pub fn day_full(settings: &Settings, t: DateTime<Utc>) -> String {
    crate::i18n::dates::format(&t.with_timezone(&settings.calendar.time_zone()), "%a %Y-%m-%d %H:%M")
}

/// A stopwatch: `0:12:05`, `26:03:10`.
pub fn elapsed(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The state word with its symbol, for paused with when it resumes: `‖ til Mon 08:00`; a breach
/// already answered reads `✖ late answer` (`answered`: a first response is recorded).
pub fn state_cell(settings: &Settings, sla: &SlaStatus, answered: bool, now: DateTime<Utc>) -> String {
    let sym = super::theme::Theme::symbol(sla.state);
    match (sla.state, sla.resumes_at) {
        (SlaState::Paused, Some(r)) => {
            format!("{sym} {}", crate::t!("sla-paused-until", when = when(settings, r, now)))
        }
        (s, _) => format!("{sym} {}", crate::i18n::words::sla_word(s, answered)),
    }
}

/// Business time left in the reader's language, short (`3h 12m`, `-1h 05m`; `3:12 h`, `-1:05 h`),
/// empty without an SLA.
pub fn left_cell(sla: &SlaStatus) -> String {
    match sla.state {
        SlaState::NoSla => String::new(),
        SlaState::Met => crate::i18n::words::sla_state(SlaState::Met),
        _ => {
            let text = crate::i18n::words::left_short(sla.left);
            if unicode_width::UnicodeWidthStr::width(text.as_str()) <= LEFT_WIDTH {
                return text;
            }
            // A right-aligned cell cuts from the left, and the minus sign of a long breach went first
            // ("-1490h 52m" read as time left): whole hours keep it (`-1490h`, `-1490 h`).
            crate::i18n::words::left_hours_short(sla.left)
        }
    }
}

/// The width of the queue's and the board's `Left` columns.
pub const LEFT_WIDTH: usize = 9;

#[cfg(test)]
mod left_tests {
    use super::*;

    #[test]
    fn a_long_breach_keeps_its_minus_sign_in_the_left_column() {
        let sla = |minutes: i64, state| SlaStatus {
            left: chrono::Duration::minutes(minutes),
            state,
            deadline: None,
            resumes_at: None,
        };
        assert_eq!(left_cell(&sla(-(1490 * 60 + 52), SlaState::Breached)), "-1490h");
        assert_eq!(left_cell(&sla(-(104 * 60 + 38), SlaState::Breached)), "-104h 38m");
        assert_eq!(left_cell(&sla(41, SlaState::AtRisk)), "41m");
        assert!(left_cell(&sla(-(99_999 * 60), SlaState::Breached)).len() <= LEFT_WIDTH);
        let _cs = crate::i18n::Scoped::new(crate::i18n::Language::Czech);
        assert_eq!(left_cell(&sla(-(1490 * 60 + 52), SlaState::Breached)), "-1490 h");
        assert_eq!(left_cell(&sla(-(104 * 60 + 38), SlaState::Breached)), "-104:38 h");
        assert_eq!(left_cell(&sla(41, SlaState::AtRisk)), "41 min");
        assert_eq!(left_cell(&sla(-(99_999 * 60), SlaState::Breached)), "-99999 h");
    }
}

/// `s` padded with spaces to `width` display cells (as `{:<width$}` does, but by display width, so
/// Czech letters and wide characters keep columns aligned); longer text is left as it is.
pub fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// A tier as people read it: the price list's label in the reader's language (`bez smlouvy`), never
/// the machine value (`none`) that JSON, CSV and the command line use.
pub fn tier(settings: &Settings, tier: crate::domain::Tier) -> &str {
    crate::i18n::words::tier(&settings.tariffs, tier)
}

/// The width of a tier column: the widest label in the reader's language, so every label fits whole
/// and the columns after it stay aligned (at least the header's `min` columns).
pub fn tier_width(settings: &Settings, min: usize) -> usize {
    crate::domain::Tier::ALL
        .iter()
        .map(|t| unicode_width::UnicodeWidthStr::width(tier(settings, *t)))
        .max()
        .unwrap_or(0)
        .max(min)
}

/// The width of a ticket-number column for the numbers it shows: at least 6, wider for the
/// seven-digit numbers of a million tickets or a copy's tags (`A.B-12345`), at most 14.
pub fn number_width<'a>(numbers: impl Iterator<Item = &'a str>) -> usize {
    numbers.map(|n| n.chars().count()).max().unwrap_or(0).clamp(6, 14)
}

/// A line of styled spans cut to `width` display cells: what does not fit is dropped and the last
/// span kept ends with `…` in its own style, so a panel's line never stops mid-word without a sign.
pub fn fit_line(line: ratatui::text::Line<'_>, width: usize) -> ratatui::text::Line<'_> {
    use unicode_width::UnicodeWidthStr;
    if line.width() <= width {
        return line;
    }
    let mut out = ratatui::text::Line::default().style(line.style);
    let mut used = 0;
    for span in line.spans {
        let w = span.content.width();
        if used + w < width {
            used += w;
            out.spans.push(span);
            continue;
        }
        let room = width - used;
        if room > 0 {
            out.spans.push(ratatui::text::Span::styled(fit(&format!("{}…", span.content), room), span.style));
        }
        break;
    }
    out
}

/// Cuts `s` to `width` display cells with an ellipsis.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut w = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// The part of `s` that covers display columns `skip .. skip + width` (a wide character cut by either
/// edge becomes a space, so nothing shifts).
pub fn columns(s: &str, skip: usize, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut col = 0;
    let end = skip + width;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if col >= end {
            break;
        }
        if col >= skip && col + w <= end {
            out.push(c);
        } else if col + w > skip {
            out.extend(std::iter::repeat_n(' ', (col + w).min(end) - col.max(skip)));
        }
        col += w;
    }
    out
}

#[cfg(test)]
mod columns_tests {
    #[test]
    fn a_line_too_long_for_its_panel_ends_with_an_ellipsis_in_the_style_of_what_was_cut() {
        use ratatui::style::Style;
        use ratatui::text::{Line, Span};
        let red = Style::new().fg(ratatui::style::Color::Red);
        let line = Line::from(vec![Span::styled("✖ 3 overdue ", red), Span::raw("Autoservis Kolář (VIP) 0/4")]);
        let cut = super::fit_line(line.clone(), 20);
        assert_eq!(cut.to_string(), "✖ 3 overdue Autoser…");
        assert_eq!(cut.spans.len(), 2);
        assert_eq!(cut.spans[1].style, Style::new());
        // Cut inside the first span: the rest is dropped, the `…` is red.
        let cut = super::fit_line(line.clone(), 6);
        assert_eq!(cut.to_string(), "✖ 3 o…");
        assert_eq!((cut.spans.len(), cut.spans[0].style), (1, red));
        // A line that fits is kept as it is.
        assert_eq!(super::fit_line(line.clone(), 38), line);
    }

    #[test]
    fn cuts_by_display_columns_and_pads_a_split_wide_character() {
        assert_eq!(super::columns("ab中文cd", 0, 4), "ab中");
        assert_eq!(super::columns("ab中文cd", 3, 4), " 文c");
        assert_eq!(super::columns("ab中文cd", 0, 3), "ab ");
    }
}

/// The words of `s` for wrapping: split at spaces, except the spaces inside an amount — between digit
/// groups (`1 234,50`) and before its currency (`Kč`) — which never break (finding #14: a message was
/// broken into `-1` / `000,00 Kč`).
fn unbreakable_words(s: &str) -> Vec<String> {
    const CURRENCIES: [&str; 2] = ["Kč", "€"];
    let mut words: Vec<String> = Vec::new();
    for word in s.split(' ') {
        let joins = words.last().is_some_and(|prev| {
            prev.ends_with(|c: char| c.is_ascii_digit())
                && (word.starts_with(|c: char| c.is_ascii_digit())
                    || CURRENCIES.iter().any(|cur| word.trim_end_matches([',', '.', ';', ')']) == *cur))
        });
        match words.last_mut() {
            Some(prev) if joins => {
                prev.push(' ');
                prev.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    words
}

/// `s` broken into lines of at most `width` display columns, at spaces (a word longer than a line is
/// broken where it must). Never cuts a word that fits on a line of its own, nor an amount
/// (`1 234,50 Kč`) that does.
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in unbreakable_words(s) {
        let word = word.as_str();
        let need = if line.is_empty() { word.width() } else { line.width() + 1 + word.width() };
        if need <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a whole line: broken by characters.
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    lines.push(line);
    lines
}

/// `s` shortened to `width` display columns at a word boundary, with `…` where it was cut (a
/// single word longer than the room is cut by characters, as [`fit`]).
pub fn fit_words(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split(' ') {
        let next = if out.is_empty() { word.to_string() } else { format!("{out} {word}") };
        if next.width() + 1 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        return fit(s, width);
    }
    out.truncate(out.trim_end_matches([',', ';', ':', '.', '—', '-', '…', ' ']).len());
    out.push('…');
    out
}

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn wrapping_and_shortening_keep_whole_words() {
        assert_eq!(
            wrap_words("the proposed resolution date is before", 16),
            ["the proposed", "resolution date", "is before"]
        );
        assert_eq!(wrap_words("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    /// Finding #14: an amount is never broken at its digit-group space or before its currency.
    #[test]
    fn wrapping_keeps_an_amount_whole() {
        assert_eq!(
            wrap_words("a correction in 2026-11: -1 000,00 Kč", 30),
            ["a correction in 2026-11:", "-1 000,00 Kč"]
        );
        assert_eq!(wrap_words("billed: 1 234 567,50 Kč, done", 18), ["billed:", "1 234 567,50 Kč,", "done"]);
        assert_eq!(wrap_words("over 400,00 Kč", 12), ["over", "400,00 Kč"]);
        assert_eq!(wrap_words("logged 3 entries", 9), ["logged 3", "entries"], "a count is a word");
        assert_eq!(fit_words("the proposed resolution date", 20), "the proposed…");
        assert_eq!(fit_words("short", 20), "short");
        assert_eq!(fit_words("abcdefghij", 5), "abcd…");
        // A panel's line (`fit_line`) is cut by display columns and ends with `…`: see `columns_tests`.
    }
}

/// `text` as spans, the parts that match a word of `query` (ignoring case and diacritics, as the
/// search does: `ucetni` marks `účetní`) in `mark`, the rest in `base`.
pub fn marked(
    text: &str,
    query: Option<&str>,
    base: ratatui::style::Style,
    mark: ratatui::style::Style,
) -> Vec<ratatui::text::Span<'static>> {
    use crate::domain::text::fold;
    use ratatui::text::Span;
    let terms: Vec<String> = query
        .unwrap_or("")
        .split_whitespace()
        .map(|w| fold(&w.chars().filter(|c| c.is_alphanumeric()).collect::<String>()))
        .filter(|w| !w.is_empty())
        .collect();
    if terms.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    // The folded text, and for each of its bytes the character of `text` it came from.
    let chars: Vec<char> = text.chars().collect();
    let mut folded = String::new();
    let mut origin = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let f = fold(&c.to_string());
        origin.extend(std::iter::repeat_n(i, f.len()));
        folded.push_str(&f);
    }
    let mut hit = vec![false; chars.len()];
    for term in &terms {
        for (at, m) in folded.match_indices(term.as_str()) {
            for &o in &origin[at..at + m.len()] {
                hit[o] = true;
            }
        }
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (c, h) in chars.iter().zip(&hit) {
        if *h != run_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hit { mark } else { base }));
        }
        run_hit = *h;
        run.push(*c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { mark } else { base }));
    }
    spans
}

#[cfg(test)]
mod mark_tests {
    use super::*;
    use ratatui::style::{Modifier, Style};

    #[test]
    fn matches_are_marked_without_case_or_diacritics() {
        let mark = Style::new().add_modifier(Modifier::BOLD);
        let spans = marked("Účetní export", Some("ucetni"), Style::new(), mark);
        let shown: Vec<(&str, bool)> = spans.iter().map(|s| (s.content.as_ref(), s.style == mark)).collect();
        assert_eq!(shown, [("Účetní", true), (" export", false)]);
        assert_eq!(marked("x", None, Style::new(), mark).len(), 1);
    }
}
