//! No user-facing literal left in the terminal interface (issue 18): every word on screen comes from
//! the message files through `t!`. A heuristic lint over `src/ui/`, `src/app/`, `src/keymap/` and
//! `src/tui.rs`: a string literal holding a natural-language word (three letters or more, outside
//! `{placeholders}`) is a finding, unless it is
//! - the message id of a `t!("…")` call,
//! - in a logging macro (`tracing::…!`, `debug!`, `warn!`, …), a programmer's message (`expect`,
//!   `panic!`, assertions), an attribute (`#[…]`), a comment, or a `#[cfg(test)]` item,
//! - format-only (`"{} · {}"`, `"%a %H:%M"`), or
//! - on the commented allow-list below (machine names: config names, key names, enum values).

use std::collections::BTreeSet;
use std::path::Path;

/// Exceptions, each with its reason: `(file, literal, why)`.
const ALLOWED: &[(&str, &str, &str)] = &[
    // The product's name on the tab bar is a name, not a word to translate.
    ("src/ui/chrome.rs", " helpdesk ", "product name"),
    // Choice values a form stores and `submit` compares; a person reads `scope-open` / `scope-all`.
    ("src/app/forms/search.rs", "open", "machine value of the search scope"),
    ("src/app/forms/search.rs", "all", "machine value of the search scope"),
    // The status a status form starts on when the ticket is not loaded (a person reads words::status).
    ("src/app/forms/status.rs", "open", "machine value: the default status"),
    // Default choice values (TicketKind / Tier machine names, shown through i18n::words).
    ("src/app/forms/new_ticket.rs", "request", "machine value: the default ticket kind"),
    ("src/app/forms/new_customer.rs", "standard", "machine value: the default tier"),
    // The words `now` (and Czech `teď`, typed without the háček too) are read in either language.
    ("src/app/form/when.rs", "now", "input keyword accepted in both languages"),
    ("src/app/form/when.rs", "teď", "input keyword accepted in both languages"),
    ("src/app/form/when.rs", "ted", "input keyword accepted in both languages"),
    // The store's error text is matched to pick the field to mark (the store speaks no UI words).
    ("src/app/forms/respond.rs", "proposed", "matches a store error, not shown"),
    // `SLA` is the same abbreviation in Czech and English.
    ("src/ui/detail.rs", "SLA ", "abbreviation used in both languages"),
    // Commands to type are program text, not words to translate.
    ("src/ui/detail.rs", "⚠ {} — `helpdesk sync resolve {short} --pick other|kept`", "a command line to type"),
    (
        "src/ui/queue.rs",
        "      helpdesk demo --db /tmp/demo.db && helpdesk --db /tmp/demo.db",
        "a command line to type",
    ),
    // The statement document's marks (JSON/CSV values), matched to be worded in the reader's language.
    ("src/ui/statement.rs", "incident (free)", "machine value of the statement document"),
    ("src/ui/statement.rs", "free consultation", "machine value of the statement document"),
    ("src/ui/statement.rs", "consultation", "machine value of the statement document"),
    // An environment variable's name.
    ("src/ui/theme.rs", "NO_COLOR", "environment variable"),
    // Choice values the mail forms store and `submit` compares; a person reads `mail-choice-*`,
    // `add-sender-*`, and the contact's address or `@domain`.
    ("src/app/mail.rs", "send", "machine value of the Mail choice"),
    ("src/app/forms/assign_mail.rs", "yes", "machine value of the Sender choice"),
    ("src/app/forms/customer_mail.rs", "contact:{}", "machine value of the Remove choice"),
    ("src/app/forms/customer_mail.rs", "domain:{d}", "machine value of the Remove choice"),
    ("src/app/forms/customer_mail.rs", "contact:", "machine value of the Remove choice"),
    ("src/app/forms/customer_mail.rs", "domain:", "machine value of the Remove choice"),
];

/// Items of a file that hold only machine names, skipped whole (to the brace that closes them):
/// `(file, the item's first line starts with, why)`.
const REGIONS: &[(&str, &str, &str)] = &[
    // The key table: config names (`[keys]` in config.toml), message ids, default key names.
    ("src/keymap/commands.rs", "commands! {", "the key table's config names, message ids and default keys"),
    // Key names as written in config.toml (`pgdn`, `enter`) and as key caps show them (`Enter`, `PgDn`).
    ("src/keymap/key.rs", "impl Key {", "key names: config syntax"),
    ("src/keymap/key.rs", "impl fmt::Display for Key {", "key caps: Enter, Esc, Tab, PgDn"),
];

/// Macros and calls whose string arguments are not for the person at the screen.
const QUIET: &[&str] = &[
    "tracing::",
    "trace!(",
    "debug!(",
    "info!(",
    "warn!(",
    "error!(",
    "expect(",
    "panic!(",
    "unreachable!(",
    "assert!(",
    "assert_eq!(",
    "debug_assert!(",
    "include_str!(",
    "env!(",
];

/// One finding: (line number, literal).
/// `ids`: the message ids that exist; a literal shaped like an id (`view-queue`) is one when it is
/// among them (a table of ids, e.g. `FieldId::label_id`), and a finding when it is not.
fn scan(text: &str, allowed: &[&str], regions: &[&str], ids: &BTreeSet<String>) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let region = regions.iter().find(|start| trimmed.starts_with(**start));
        if trimmed.starts_with("#[cfg(test)]") || region.is_some() {
            // Skip the item that follows (or the region): to its balanced closing brace.
            let mut depth = 0i32;
            let mut opened = false;
            let mut j = if region.is_some() { i } else { i + 1 };
            while j < lines.len() {
                for c in code_part(lines[j]).chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if opened && depth <= 0 || !opened && code_part(lines[j]).trim_end().ends_with(';') {
                    break;
                }
                j += 1;
            }
            i = j + 1;
            continue;
        }
        if trimmed.starts_with("//") || trimmed.starts_with("#[") || trimmed.starts_with("#![") {
            i += 1;
            continue;
        }
        // The statement so far: this line and up to three before it, for calls split over lines.
        let context: String = lines[i.saturating_sub(3)..=i].join("\n");
        for (start, literal) in literals(code_part(line)) {
            let before = code_part(line)[..start].trim_end();
            let is_id =
                is_t_call(before) || (before.is_empty() && lines[..i].last().is_some_and(|l| is_t_call(l.trim_end())));
            // A quiet call opens before this literal and its statement has not ended.
            let here = context.len() - line.len() + start;
            let quiet =
                QUIET.iter().any(|q| context[..here].rfind(q).is_some_and(|at| !context[at..here].contains(';')));
            let known_id = id_shaped(&literal) && ids.contains(&literal);
            if is_id || known_id || quiet || allowed.contains(&literal.as_str()) || !has_word(&literal) {
                continue;
            }
            out.push((i + 1, literal));
        }
        i += 1;
    }
    out
}

/// `view-queue`, `key-add-time-help`: lower-case words joined by hyphens.
fn id_shaped(s: &str) -> bool {
    s.contains('-')
        && s.split('-').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// The ids of the English message files.
fn message_ids() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n/en");
    let mut ids = BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic())) {
            if let Some((id, _)) = line.split_once('=') {
                ids.insert(id.trim().to_string());
            }
        }
    }
    ids
}

/// Whether `code` ends in the `t!(` macro itself (not `format!(` or `print!(`, which end alike).
fn is_t_call(code: &str) -> bool {
    code.strip_suffix("t!(")
        .is_some_and(|rest| rest.chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '_'))
}

/// The line without a trailing `// comment` (a `//` inside a string literal is kept).
fn code_part(line: &str) -> &str {
    let mut in_str = false;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (at, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            '/' if !in_str && bytes.get(at + 1) == Some(&b'/') => return &line[..at],
            _ => {}
        }
    }
    line
}

/// The string literals of one line: (byte offset of the opening quote, contents). Char literals
/// (`'"'`) are skipped.
fn literals(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if c == '\'' && k + 2 < chars.len() && (chars[k + 2].1 == '\'' || chars[k + 1].1 == '\\') {
            // A char literal: skip to its closing quote.
            k += 2;
            while k < chars.len() && chars[k].1 != '\'' {
                k += 1;
            }
            k += 1;
            continue;
        }
        if c != '"' {
            k += 1;
            continue;
        }
        let mut text = String::new();
        k += 1;
        while k < chars.len() && chars[k].1 != '"' {
            if chars[k].1 == '\\' && k + 1 < chars.len() {
                k += 1;
            }
            text.push(chars[k].1);
            k += 1;
        }
        out.push((at, text));
        k += 1;
    }
    out
}

/// Whether `s` holds a word of three letters or more outside `{…}` placeholders and `%x` patterns.
fn has_word(s: &str) -> bool {
    let mut depth = 0;
    let mut run = 0;
    let mut prev = ' ';
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 && c.is_alphabetic() && prev != '%' {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
        prev = c;
    }
    false
}

fn files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![root.join("src/tui.rs")];
    for dir in ["src/ui", "src/app", "src/keymap"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn no_user_facing_literal_is_left_in_the_terminal_interface() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut findings = Vec::new();
    let files = files();
    let ids = message_ids();
    assert!(files.len() > 20, "the scan finds the interface's files ({})", files.len());
    for path in files {
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let allowed: Vec<&str> = ALLOWED.iter().filter(|(f, _, _)| *f == rel).map(|(_, l, _)| *l).collect();
        let regions: Vec<&str> = REGIONS.iter().filter(|(f, ..)| *f == rel).map(|(_, start, _)| *start).collect();
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, literal) in scan(&text, &allowed, &regions, &ids) {
            findings.push(format!("{rel}:{line}: \"{literal}\""));
        }
    }
    assert!(
        findings.is_empty(),
        "{} user-facing literal(s) outside t!(…) (move them to assets/i18n/{{en,cs}}/tui.ftl, or allow-list \
         a machine name with its reason in tests/i18n_tui.rs):\n{}",
        findings.len(),
        findings.join("\n")
    );
}

/// The lint can fail: on a sample it flags the words a person would read and skips everything else.
#[test]
fn the_scanner_flags_words_and_skips_ids_logs_attributes_tests_and_formats() {
    let sample = r#"
fn draw() {
    let a = t!("queue-title");
    let b = format!("{} · {}", x, y);
    let c = "Terminal too small";
    tracing::warn!(kind = "x", "an action failed");
    let d = local.format("%a %H:%M");
    let e = t!(
        "multi-line-id",
        n = 1
    );
    let f = value.expect("the default keymap is valid");
    self.info(format!("opened ticket #{}", n)); // a comment with "words in it"
    let g = "helpdesk";
    let h = match v { Queue => "view-queue", Board => "view-bored" };
}

#[derive(Debug)]
#[serde(rename = "some_name")]
struct S;

#[cfg(test)]
mod tests {
    fn t() { assert_eq!(f(), "English words here"); let s = "more words"; }
}
"#;
    let ids: BTreeSet<String> = ["view-queue".to_string()].into();
    let found = scan(sample, &["helpdesk"], &[], &ids);
    let literals: Vec<&str> = found.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(literals, ["Terminal too small", "opened ticket #{}", "view-bored"], "{found:?}");
    assert_eq!(found[0].0, 5, "the line number is reported");
    // An allowed region is skipped whole; the same text outside it is flagged.
    let table = "commands! {\n    Quit = \"quit\", \"key-quit\";\n}\nlet x = \"quit now\";\n";
    assert_eq!(scan(table, &[], &["commands! {"], &ids), [(4, "quit now".to_string())]);
    assert!(has_word("Enter saves") && !has_word("{name} · {count}") && !has_word("%Y-%m-%d"));
}

/// Domain values a person reads (`tier`, `kind`, `status`, `role`) are worded through
/// `i18n::words` (`bez smlouvy`, `požadavek`); their `as_str()` is the machine value for JSON, CSV and
/// a form's stored choice. Finds `tier.as_str()`, `d.tier.as_str()`, `l.kind.as_str()`, … in code
/// (not comments, not the `#[cfg(test)]` module at a file's end): `(line number, the call)`.
fn machine_values_shown(text: &str) -> Vec<(usize, String)> {
    const NAMES: &[&str] = &["tier", "kind", "status", "role"];
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = code_part(line);
        let mut from = 0;
        while let Some(at) = code[from..].find(".as_str()") {
            let end = from + at;
            let ident: String = code[..end]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if NAMES.iter().any(|n| ident == *n || ident.ends_with(&format!("_{n}"))) {
                out.push((i + 1, format!("{ident}.as_str()")));
            }
            from = end + ".as_str()".len();
        }
    }
    out
}

/// Machine values that are not shown, each with its reason: `(file, call, why)`.
const MACHINE_VALUES: &[(&str, &str, &str)] = &[
    // The time form's Role choice stores the machine value; a person reads `words::role`.
    ("src/app/forms/time_entry.rs", "role.as_str()", "the stored value of the Role choice"),
    ("src/app/forms/edit_ticket.rs", "kind.as_str()", "the stored value of the Kind choice (edit ticket)"),
    ("src/app/forms/edit_customer.rs", "tier.as_str()", "the stored value of the Tier choice (edit customer)"),
    ("src/app/forms/conflict.rs", "kind.as_str()", "the stored value of the Kind choice (rebased edit form)"),
    ("src/app/forms/conflict.rs", "status.as_str()", "the stored value of the Status choice (rebased status form)"),
];

#[test]
fn no_machine_value_of_a_tier_kind_status_or_role_is_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut findings = Vec::new();
    for path in files() {
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, call) in machine_values_shown(&text) {
            if MACHINE_VALUES.iter().any(|(f, c, _)| *f == rel && *c == call) {
                continue;
            }
            findings.push(format!("{rel}:{line}: {call}"));
        }
    }
    assert!(
        findings.is_empty(),
        "machine values on screen (word them with i18n::words::tier/kind/status/role):\n{}",
        findings.join("\n")
    );
}

#[test]
fn the_machine_value_scanner_can_fail() {
    let sample = "let a = d.tier.as_str();\n// tier.as_str() in a comment\nlet b = (t.as_str(), words::tier(x, t));\n\
                  let c = item.ticket_kind.as_str(); let e = status.as_str();\n#[cfg(test)]\nlet f = tier.as_str();\n";
    assert_eq!(
        machine_values_shown(sample),
        [(1, "tier.as_str()".to_string()), (4, "ticket_kind.as_str()".to_string()), (4, "status.as_str()".to_string())]
    );
}

/// Czech screens never show a tier's machine value (`none`, `standard`, `plus`, `vip` in lower case:
/// the price list names them `bez smlouvy`, `STANDARD`, `PLUS`, `VIP`).
#[test]
fn czech_snapshots_show_no_raw_tier() {
    let lines = czech_snapshot_lines();
    let findings: Vec<String> = lines
        .iter()
        .filter_map(|(at, line)| {
            let raw =
                line.split(|c: char| !c.is_alphanumeric()).find(|w| ["none", "standard", "plus", "vip"].contains(w));
            raw.map(|word| format!("{at}: `{word}` in {line}"))
        })
        .collect();
    assert!(findings.is_empty(), "raw tiers on Czech screens:\n{}", findings.join("\n"));
}

/// Every screen line of the Czech snapshots (`ui_czech__*`, and the mail screens' `ui_mail__cs_*`) as
/// (`file:line`, text): the snapshot's front matter (`---` … `---`) names the test and its source and is
/// left out. Panics when fewer than ten files are found, so a renamed folder cannot pass by finding none.
fn czech_snapshot_lines() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut files = 0;
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let czech = name.starts_with("ui_czech__cs_") || name.starts_with("ui_mail__cs_");
        if !czech || !name.ends_with(".snap") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let screen = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
        out.extend(screen.lines().enumerate().map(|(i, line)| (format!("{name}:{}", i + 1), line.to_string())));
    }
    assert!(files > 10, "the Czech snapshots are found ({files})");
    out
}

/// The domain's duration formatters (`format_minutes`: `1h 30m`; `format_left`: `3h 05m`) are English
/// and the typed form: what a person reads is worded by `i18n::words::{minutes, left}` (sentences) or
/// their `_short` forms (table cells): `1 h 30 min`, `1:30 h` in Czech. `(file, why)` where a call is
/// right: the text is stored, not shown.
const DOMAIN_DURATIONS: &[(&str, &str)] =
    &[("src/statements/close.rs", "a correction's note, stored in the time entry as data (worded when shown)")];

/// `(line number, call)` of the domain's duration formatters in code (not comments, not the
/// `#[cfg(test)]` module at a file's end).
fn domain_durations(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        for call in ["format_minutes(", "format_left("] {
            let code = code_part(line);
            let found = code.match_indices(call).any(|(at, _)| {
                !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') && !code[..at].ends_with("fn ")
            });
            if found {
                out.push((i + 1, call.trim_end_matches('(').to_string()));
            }
        }
    }
    out
}

#[test]
fn every_duration_shown_is_worded_in_the_readers_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    let mut stack = vec![root.join("src")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                paths.push(p);
            }
        }
    }
    let mut findings = Vec::new();
    for path in &paths {
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        if rel.starts_with("src/domain/") || DOMAIN_DURATIONS.iter().any(|(f, _)| *f == rel) {
            continue;
        }
        for (line, call) in domain_durations(&std::fs::read_to_string(path).unwrap()) {
            findings.push(format!("{rel}:{line}: {call}"));
        }
    }
    assert!(paths.len() > 50, "the scan finds the sources ({})", paths.len());
    assert!(
        findings.is_empty(),
        "English-only durations shown (use i18n::words::minutes/left, or minutes_short/left_short in a cell):\n{}",
        findings.join("\n")
    );
}

#[test]
fn the_duration_scanner_can_fail() {
    let sample = "let a = format_minutes(5);\n// format_left(d) in a comment\nlet b = words::minutes(5);\n\
                  pub fn format_left(d: Duration) {}\nlet c = crate::domain::sla::format_left(d);\n\
                  #[cfg(test)]\nlet d = format_minutes(1);\n";
    assert_eq!(domain_durations(sample), [(1, "format_minutes".to_string()), (5, "format_left".to_string())]);
}

/// A Czech screen reads durations the Czech way (`45 min`, `1 h 30 min`, `1:30 h`), never the English
/// `45m`, `1h 30m`, `5h` (a number glued to `h` or `m`), outside what a person typed into a field.
#[test]
fn czech_snapshots_show_no_english_duration() {
    let findings: Vec<String> = czech_snapshot_lines()
        .iter()
        .filter_map(|(at, line)| english_duration(line).map(|word| format!("{at}: `{word}` in {line}")))
        .collect();
    assert!(findings.is_empty(), "English durations on Czech screens:\n{}", findings.join("\n"));
}

/// The first English duration in `line`: digits glued to `h` or `m` and then no letter (`5h`,
/// `-45m`, `1h 30m`), except digits after a `.` (`1.5h` is what a person typed into the time form:
/// their text, shown as typed).
fn english_duration(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric() && chars[i - 1] != '.') {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let unit = chars.get(i).copied();
            let after = chars.get(i + 1).copied();
            if matches!(unit, Some('h' | 'm')) && !after.is_some_and(char::is_alphanumeric) {
                return Some(chars[start..=i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    None
}

#[test]
fn the_english_duration_finder_can_fail() {
    assert_eq!(english_duration("│SLA ▲ ohrožený: zbývá 10m, termín"), Some("10m".into()));
    assert_eq!(english_duration("│ -5h 00m│"), Some("5h".into()));
    assert_eq!(english_duration("zbývá 10 min, 1:30 h, -5:00 h, 5 h, 2026-03-04 10:00, 120x40"), None);
    assert_eq!(english_duration("Doba: 1.5h"), None, "a typed decimal is the person's text");
}
