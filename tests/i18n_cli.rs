//! The command line in Czech and English (issue 18): the same commands under `LANG=cs_CZ.UTF-8` and
//! `LANG=C` print Czech and English text and byte-identical JSON and CSV; plural forms come out right
//! in real output; and a lint fails on a user-facing string literal left in the code the CLI speaks
//! through (`src/cli/`, the errors of the store, sync, team and mail).

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{Desk, Out};

/// Runs `args` with the locale `LANG=lang` (the harness clears every other variable).
fn run_in(desk: &Desk, lang: &str, args: &[&str]) -> Out {
    let out = desk.command(args).env("LANG", lang).output().unwrap();
    Out {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A desk with a Plus customer, an incident with 90 minutes of work, and a VIP customer without
/// tickets (2026-03-10, a Tuesday, 09:00 Prague).
fn desk() -> Desk {
    let d = Desk::new();
    d.ok(&["customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Beta", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Printer down", "--kind", "incident"]);
    d.ok(&["time", "add", "1", "--minutes", "1h30"]);
    d
}

const CS: &str = "cs_CZ.UTF-8";
const EN: &str = "C";

#[test]
fn the_same_commands_speak_czech_and_english() {
    let d = desk();
    // (command, what the Czech output holds, what the English output holds)
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (&["customer", "list"], &["ZÁKAZNÍK", "TARIF", "OTEVŘENÉ"], &["CUSTOMER", "TIER", "OPEN"]),
        (&["customer", "show", "Acme"], &["předplacené min", "přečerpání"], &["prepaid min", "overage"]),
        (&["ticket", "list"], &["TIKET", "ZBÝVÁ", "incident", "nový"], &["TICKET", "LEFT", "incident", "new"]),
        (
            &["ticket", "show", "1"],
            &["zákazník", "1 h 30 min", "čas (celkem 1 h 30 min)", "(technik)"],
            &["customer", "1h 30m", "time (1h 30m in all)", "(technician)"],
        ),
        (&["ticket", "explain", "1"], &["přijato", "termín"], &["received", "deadline"]),
        (&["time", "list", "1"], &["ZAČÁTEK", "POZNÁMKA", "technik"], &["STARTED", "NOTE", "technician"]),
        (
            &["report", "customer", "Acme"],
            &["Vyúčtování za březen 2026 — Acme", "celkem s DPH", "min"],
            &["Statement 2026-03 — Acme", "total incl. VAT"],
        ),
        (&["report", "month", "2026-03"], &["PAUŠÁL", "CELKEM"], &["FEE", "TOTAL"]),
        (&["report", "obligations"], &["BEZPLATNÉ KONZULTACE"], &["FREE CONSULTATIONS"]),
        (&["calendar", "holidays", "2026"], &["2026-04-03\tVelký pátek"], &["2026-04-03\tGood Friday"]),
        (&["timer", "status"], &["žádný časovač neběží"], &["no timers running"]),
    ];
    for (args, cs, en) in cases {
        let (c, e) = (run_in(&d, CS, args), run_in(&d, EN, args));
        assert_eq!((c.code, e.code), (0, 0), "{args:?}: {} / {}", c.stderr, e.stderr);
        assert_ne!(c.stdout, e.stdout, "{args:?} said the same in both languages");
        for word in *cs {
            assert!(c.stdout.contains(word), "{args:?} in Czech lacks {word:?}:\n{}", c.stdout);
        }
        for word in *en {
            assert!(e.stdout.contains(word), "{args:?} in English lacks {word:?}:\n{}", e.stdout);
        }
    }
}

#[test]
fn errors_and_notes_come_in_the_readers_language() {
    let d = desk();
    // (command, exit code, Czech stderr, English stderr)
    let cases: &[(&[&str], i32, &str, &str)] = &[
        (
            &["ticket", "show", "99"],
            2,
            "tiket 99 neexistuje; viz `helpdesk ticket list`",
            "no ticket 99; see `helpdesk ticket list`",
        ),
        (&["customer", "add", " ", "--tier", "plus"], 2, "zákazník musí mít jméno", "a customer needs a name"),
        (
            &["customer", "add", "Acme", "--tier", "plus"],
            2,
            "zákazník `Acme` už existuje",
            "a customer named `Acme` already exists",
        ),
        (&["timer", "stop"], 2, "alice nemá spuštěný časovač", "alice has no running timer"),
        (&["ticket", "set", "1"], 2, "není co měnit", "nothing to change"),
        (&["report", "customer", "Nobody"], 2, "zákazník `Nobody` neexistuje", "no customer named `Nobody`"),
        // `contact add` has its own `--mail-lang`: the global `--lang` chooses what is printed here too.
        (
            &["customer", "contact", "add", "Nobody", "a@b.cz"],
            2,
            "zákazník `Nobody` neexistuje",
            "no customer named `Nobody`",
        ),
    ];
    for (args, code, cs, en) in cases {
        let (c, e) = (run_in(&d, CS, args), run_in(&d, EN, args));
        assert_eq!((c.code, e.code), (*code, *code), "{args:?}: {} / {}", c.stderr, e.stderr);
        assert!(c.stderr.starts_with("helpdesk: ") && c.stderr.contains(cs), "{args:?} in Czech: {}", c.stderr);
        assert!(e.stderr.starts_with("helpdesk: ") && e.stderr.contains(en), "{args:?} in English: {}", e.stderr);
    }
    let c = run_in(&d, CS, &["timer", "start", "1"]);
    assert_eq!(c.stderr, "časovač běží na tiketu 1 pro alice\n");
}

#[test]
fn housekeeping_sync_and_the_domains_refusals_come_in_the_readers_language() {
    let d = desk();
    d.ok(&["customer", "add", "Nic", "--tier", "none"]);
    let missing = d.db.with_file_name("missing.db");
    let missing = missing.to_str().unwrap();
    // (command, exit code, Czech stderr, English stderr)
    let cases: &[(&[&str], i32, &str, &str)] = &[
        (
            &["calendar", "holidays", "1500"],
            2,
            "rok 1500 je mimo rozsah: zadejte rok od 1583 do 9999",
            "year 1500 is out of range: give a year from 1583 to 9999",
        ),
        // A value clap refuses while it reads the line: our words inside clap's.
        (
            &["calendar", "holidays", "abc"],
            2,
            "`abc` není rok: pište jako 2026 (od 1583 do 9999); viz `helpdesk calendar holidays --help`",
            "`abc` is not a year: write it like 2026 (from 1583 to 9999); see `helpdesk calendar holidays --help`",
        ),
        (
            &["calendar"],
            2,
            "`helpdesk calendar` potřebuje podpříkaz: holidays, deadline, elapsed",
            "`helpdesk calendar` needs a subcommand: holidays, deadline, elapsed",
        ),
        (
            &["time", "add", "1", "--minutes", "0"],
            2,
            "--minutes: trvání musí být aspoň jedna minuta",
            "--minutes: a duration must be at least one minute",
        ),
        (
            &["ticket", "open", "--customer", "Acme", "--title", "X", "--kind", "bug"],
            2,
            "neznámý druh tiketu `bug`: použijte request, incident, consultation nebo change",
            "unknown ticket kind `bug`: use request, incident, consultation or change",
        ),
        (
            &["month", "close", "2026-13"],
            2,
            "`2026-13` není měsíc: pište RRRR-MM",
            "`2026-13` is not a month: write it as YYYY-MM",
        ),
        (
            &["restore", missing],
            2,
            "neexistuje; zadejte soubor zálohy, kterou chcete obnovit",
            "does not exist; give the backup file to restore",
        ),
        (&["sync"], 2, "synchronizovat s čím? zadejte JINÁ_DB", "sync with what? give OTHER_DB"),
        (&["sync", missing], 2, "missing.db neexistuje", "missing.db does not exist"),
        (
            &["sync", "export", "x.bundle"],
            2,
            "tato kopie se ještě s žádnou jinou nesynchronizovala",
            "this copy has never synced with another",
        ),
        (
            &["sync", "resolve", "abcdef", "--pick", "kept"],
            2,
            "otevřený konflikt `abcdef` neexistuje",
            "no open conflict `abcdef`",
        ),
    ];
    for (args, code, cs, en) in cases {
        let (c, e) = (run_in(&d, CS, args), run_in(&d, EN, args));
        assert_eq!((c.code, e.code), (*code, *code), "{args:?}: {} / {}", c.stderr, e.stderr);
        assert!(c.stderr.starts_with("helpdesk: ") && c.stderr.contains(cs), "{args:?} in Czech: {}", c.stderr);
        assert!(e.stderr.starts_with("helpdesk: ") && e.stderr.contains(en), "{args:?} in English: {}", e.stderr);
    }
    // (command, what the Czech output holds, what the English output holds)
    let cases: &[(&[&str], &str, &str)] = &[
        (&["check"], "operací v záznamu)", "operations in the log)"),
        (&["customer", "list"], "bez smlouvy", "no contract"),
        (&["info"], "časové pásmo", "zone"),
        (&["sync", "status"], "tato kopie: týmový soubor", "this copy: team file"),
        (&["sync", "conflicts"], "žádné otevřené konflikty", "no open conflicts"),
        (&["month", "list"], "žádný uzavřený měsíc", "no closed months"),
    ];
    for (args, cs, en) in cases {
        let (c, e) = (run_in(&d, CS, args), run_in(&d, EN, args));
        assert_eq!((c.code, e.code), (0, 0), "{args:?}: {} / {}", c.stderr, e.stderr);
        assert!(c.stdout.contains(cs), "{args:?} in Czech lacks {cs:?}:\n{}", c.stdout);
        assert!(e.stdout.contains(en), "{args:?} in English lacks {en:?}:\n{}", e.stdout);
    }
    // Notes on stderr, with Czech plural forms.
    let c = run_in(&d, CS, &["month", "close", "2026-02"]);
    assert_eq!(c.stderr, "2026-02 uzavřen: zmrazena 2 vyúčtování\n");
    let c = run_in(&d, CS, &["month", "reopen", "2026-02"]);
    assert_eq!(
        c.stderr,
        "2026-02 znovu otevřen; zrušeno 0 oprav vyúčtovaných v pozdějších měsících (měsíc tu práci vyúčtuje znovu)\n"
    );
    let backup = d.db.with_file_name("backup.db");
    let c = run_in(&d, CS, &["backup", backup.to_str().unwrap()]);
    assert_eq!(c.stderr, format!("záloha {} uložena do {}\n", d.db.display(), backup.display()));
    let c = run_in(&d, CS, &["backup", backup.to_str().unwrap()]);
    assert!(c.stderr.ends_with("už existuje; zvolte pro zálohu nový název souboru\n"), "{}", c.stderr);
}

#[test]
fn json_and_csv_are_byte_identical_in_both_languages() {
    let d = desk();
    let machine: &[&[&str]] = &[
        &["customer", "list", "--format", "json"],
        &["customer", "show", "Acme", "--format", "json"],
        &["ticket", "list", "--format", "json"],
        &["ticket", "show", "1", "--format", "json"],
        &["ticket", "explain", "1", "--format", "json"],
        &["time", "list", "1", "--format", "json"],
        &["timer", "status", "--format", "json"],
        &["report", "month", "2026-03", "--format", "json"],
        &["report", "month", "2026-03", "--format", "csv"],
        &["report", "customer", "Acme", "--format", "csv"],
        &["report", "customer", "Acme", "--format", "json"],
        &["report", "upgrades", "--format", "json"],
        &["report", "obligations", "--format", "json"],
        &["calendar", "holidays", "2026", "--format", "json"],
    ];
    for args in machine {
        let (c, e) = (run_in(&d, CS, args), run_in(&d, EN, args));
        assert_eq!((c.code, e.code), (0, 0), "{args:?}: {} / {}", c.stderr, e.stderr);
        assert!(!c.stdout.is_empty(), "{args:?} printed nothing");
        assert_eq!(c.stdout, e.stdout, "{args:?} differs between Czech and English");
    }
}

#[test]
fn czech_plurals_in_real_output() {
    for (n, cs, en) in
        [(1, "1 zákazník,", "1 customer,"), (2, "2 zákazníci,", "2 customers,"), (5, "5 zákazníků,", "5 customers,")]
    {
        for (lang, want) in [(CS, cs), (EN, en)] {
            let d = Desk::new();
            let out = run_in(&d, lang, &["demo", "--customers", &n.to_string(), "--tickets", "0", "--entries", "0"]);
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert!(out.stderr.contains(want), "{lang} {n}: {}", out.stderr);
            let zero = if lang == CS { "0 tiketů" } else { "0 tickets" };
            assert!(out.stderr.contains(zero), "{lang}: {}", out.stderr);
        }
    }
}

/// `customer list` lists in the reader's order: Czech collation under a Czech locale (`Chata` after
/// `Hora`, `Čedok` after `Cyril`), the folded name under any other (as before); JSON keeps the folded
/// order whatever the language (a script gets the same bytes).
#[test]
fn customer_list_sorts_in_the_readers_order() {
    let d = Desk::new();
    for name in ["Chata", "Hora", "Čedok", "Cyril", "Žák", "Zahrada"] {
        d.ok(&["customer", "add", name, "--tier", "standard", "--since", "2026-01"]);
    }
    let names = |out: &str| -> Vec<String> {
        out.lines().skip(1).filter_map(|l| l.split_whitespace().next()).map(String::from).collect()
    };
    let cs = run_in(&d, CS, &["customer", "list"]);
    assert_eq!(names(&cs.stdout), ["Cyril", "Čedok", "Hora", "Chata", "Zahrada", "Žák"], "{}", cs.stdout);
    let en = run_in(&d, EN, &["customer", "list"]);
    assert_eq!(names(&en.stdout), ["Čedok", "Chata", "Cyril", "Hora", "Zahrada", "Žák"], "{}", en.stdout);
    let json = |lang| run_in(&d, lang, &["customer", "list", "--format", "json"]).stdout;
    assert_eq!(json(CS), json(EN), "JSON is the same bytes in both languages");
}

// ---------------------------------------------------------------------------------------------
// The lint: a small Rust scanner that finds string literals a person would read.
// ---------------------------------------------------------------------------------------------

/// One string literal the lint refuses: where it is and what it says.
#[derive(Debug, PartialEq)]
struct Finding {
    line: usize,
    text: String,
}

/// Macros whose string arguments are not read by a user of the program (or are read through `t!`):
/// logging, panics of broken invariants, assertions, and the message macro itself.
const QUIET_MACROS: &[&str] = &[
    "t",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "include_str",
    "include_bytes",
    "concat",
    "env",
    "json",
];

/// Methods whose string argument is for the programmer (a broken invariant), not the user.
const QUIET_METHODS: &[&str] = &["expect", "context_expect"];

/// SQL keywords a query literal starts with (after whitespace).
const SQL_STARTS: &[&str] = &[
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "CREATE",
    "DROP",
    "ALTER",
    "WITH",
    "PRAGMA",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "RELEASE",
    "REPLACE",
    "VALUES",
    "ATTACH",
    "DETACH",
    "VACUUM",
    "ANALYZE",
    "FROM",
    "WHERE",
    "AND ",
    "OR ",
    "ORDER BY",
    "GROUP BY",
    "LIMIT",
    "JOIN",
    "LEFT JOIN",
    "ON CONFLICT",
    "SET ",
    "EXPLAIN",
    "REINDEX",
    "LISTEN",
    "NOTIFY",
    "SHOW",
    "COPY",
    "TRUNCATE",
    "GRANT",
    "REVOKE",
    "LOCK",
    "DO ",
    "INTEGRITY",
    "NOT ",
    "EXISTS",
    "CASE",
    "COALESCE",
    "IN (",
    "(SELECT",
    "UNION",
    "AS ",
    "NULL",
    "IS ",
    "ASC",
    "DESC",
];

/// Whether a literal's text reads as words to a person: a word of three letters or more next to
/// a space (a sentence or phrase), or a capitalised or upper-case word (a table header, a label). Placeholders
/// (`{…}`) are removed first, so a format-only string (`"{} {}"`, `"{:>5}"`) passes. SQL passes.
fn reads_as_words(text: &str) -> bool {
    let mut bare = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let trimmed = bare.trim_start();
    let upper = trimmed.to_ascii_uppercase();
    if SQL_STARTS.iter().any(|k| upper.starts_with(k) && trimmed.starts_with(k.trim_end()))
        || trimmed.contains(" FROM ")
        || trimmed.contains(" WHERE ")
        // Column lists of our queries (`id_text(id), name, …`).
        || trimmed.contains("id_text(")
        || trimmed.contains("id_blob(")
    {
        return false;
    }
    let words: Vec<&str> = bare.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 3).collect();
    if words.is_empty() {
        return false;
    }
    let phrase = bare.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() >= 2;
    let capitalised = words.iter().any(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && (cs.clone().all(char::is_lowercase) || cs.all(char::is_uppercase))
    });
    phrase || capitalised
}

/// The string literals in `source` that read as words, outside: `t!(…)` and the other
/// [`QUIET_MACROS`], `.expect(…)`, attributes (`#[…]`, except `#[error("…")]`, the text of an
/// error), comments, and `#[cfg(test)]` items.
fn scan(source: &str) -> Vec<Finding> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // Open groups: (quiet: nothing inside counts, test: a `#[cfg(test)]` item).
    let mut groups: Vec<(bool, bool)> = Vec::new();
    let mut pending_test = false;
    let mut last_ident = String::new();
    let mut bang = false;
    let mut in_error_attr: Option<usize> = None;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            i += 1;
            continue;
        }
        // Comments.
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                if b[i] == b'\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
            continue;
        }
        // Attributes: `#[cfg(test)]` marks the next item; `#[error(…)]` is read; others are skipped.
        if c == b'#' && (b.get(i + 1) == Some(&b'[') || (b.get(i + 1) == Some(&b'!') && b.get(i + 2) == Some(&b'['))) {
            let rest: String = source[i..].chars().take(40).filter(|c| !c.is_whitespace()).collect();
            if rest.starts_with("#[error(") {
                in_error_attr = Some(groups.len());
                groups.push((false, false));
                i += 2;
                continue;
            }
            let start = i;
            let mut d = 0;
            while i < b.len() {
                match b[i] {
                    b'[' => d += 1,
                    b']' => {
                        d -= 1;
                        if d == 0 {
                            i += 1;
                            break;
                        }
                    }
                    b'\n' => line += 1,
                    b'"' => {
                        i += 1;
                        while i < b.len() && b[i] != b'"' {
                            if b[i] == b'\\' {
                                i += 1;
                            }
                            i += 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            let attr: String = source[start..i.min(b.len())].chars().filter(|c| !c.is_whitespace()).collect();
            if attr == "#[cfg(test)]" {
                pending_test = true;
            }
            continue;
        }
        // String literals: "…", r"…", r#"…"#, b"…", br"…".
        let raw_start = (c == b'r' || (c == b'b' && b.get(i + 1) == Some(&b'r'))) && !prev_is_ident(b, i) && {
            let mut k = if c == b'b' { i + 2 } else { i + 1 };
            while b.get(k) == Some(&b'#') {
                k += 1;
            }
            b.get(k) == Some(&b'"')
        };
        if c == b'"' || raw_start || (c == b'b' && b.get(i + 1) == Some(&b'"') && !prev_is_ident(b, i)) {
            let at_line = line;
            let text;
            if raw_start {
                let mut j = if c == b'b' { i + 2 } else { i + 1 };
                let mut hashes = 0;
                while b[j] == b'#' {
                    hashes += 1;
                    j += 1;
                }
                let start = j + 1;
                let closing = format!("\"{}", "#".repeat(hashes));
                let end = source[start..].find(&closing).map_or(b.len(), |e| start + e);
                text = source[start..end].to_string();
                i = end + closing.len();
            } else {
                let start = if c == b'b' { i + 2 } else { i + 1 };
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                text = source[start..j.min(b.len())].to_string();
                i = j + 1;
            }
            line += text.matches('\n').count();
            let quiet = groups.iter().any(|g| g.0 || g.1) || pending_test;
            if !quiet && reads_as_words(&text) {
                out.push(Finding { line: at_line, text });
            }
            last_ident.clear();
            bang = false;
            continue;
        }
        // Char literals and lifetimes.
        if c == b'\'' {
            if b.get(i + 2) == Some(&b'\'') {
                i += 3;
            } else if b.get(i + 1) == Some(&b'\\') {
                i += 2;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            } else {
                i += 1;
            }
            continue;
        }
        if c.is_ascii_alphanumeric() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            last_ident = source[start..i].to_string();
            bang = false;
            continue;
        }
        match c {
            b'!' => bang = true,
            b'(' | b'[' | b'{' => {
                let quiet = (bang && QUIET_MACROS.contains(&last_ident.as_str()))
                    || (!bang && c == b'(' && QUIET_METHODS.contains(&last_ident.as_str()));
                let test = c == b'{' && std::mem::take(&mut pending_test);
                groups.push((quiet, test));
                bang = false;
                last_ident.clear();
            }
            b')' | b']' | b'}' => {
                groups.pop();
                if c == b']' && in_error_attr == Some(groups.len()) {
                    in_error_attr = None;
                }
            }
            b';' => pending_test = false,
            _ if c.is_ascii_whitespace() => {}
            _ => {
                bang = false;
                if c != b':' {
                    last_ident.clear();
                }
            }
        }
        i += 1;
    }
    out
}

fn prev_is_ident(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// Literals that read as words but are not translated, each with the reason. Matched against the
/// whole literal text.
const ALLOWED: &[(&str, &str)] = &[
    // `mail::send`: RFC 5322 header names of the mail we send, the same in every language.
    ("From", "mail header name"),
    ("Subject", "mail header name"),
    ("Subject: ", "mail header name"),
    // `StoreError::kind()`: the kind written to the log (which never holds customer text), not shown.
    ("newer version", "log kind"),
    ("not a database", "log kind"),
    ("disk full", "log kind"),
    ("edit conflict", "log kind"),
    ("identity clash", "log kind"),
    ("not found", "log kind"),
    ("external command", "log kind"),
    ("io: not found", "log kind"),
    ("io: permission denied", "log kind"),
    ("io: disk full", "log kind"),
    ("io: timed out", "log kind"),
    // rust-postgres's own error text, matched (never shown).
    ("password missing", "matched error text"),
    // Environment variables libpq reads, read by name.
    ("PGUSER", "environment variable"),
    ("USER", "environment variable"),
    ("PGPASSWORD", "environment variable"),
    ("PGPASSFILE", "environment variable"),
    // The server settings a desk's session asks PostgreSQL for (startup options, never shown).
    ("-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3", "PostgreSQL options"),
    // A command's name, the prefix of its progress bar.
    ("team init", "command name"),
    ("team join", "command name"),
    ("team sync", "command name"),
    ("team snapshot", "command name"),
    // Written into a time entry's note: data every copy shares, not a message to the reader.
    ("stopped when the timer on ticket {} was started on another copy", "stored data"),
    // The header lines of the mail we send (RFC 5322 / 2045 / 2047 syntax, never translated).
    ("From: {}\\n", "mail header"),
    ("Subject: {}\\n", "mail header"),
    ("Date: {}\\n", "mail header"),
    ("Message-ID: {}\\n", "mail header"),
    ("In-Reply-To: {}\\n", "mail header"),
    ("References: {}\\n", "mail header"),
    ("Auto-Submitted: auto-replied\\n", "mail header"),
    ("MIME-Version: 1.0\\n", "mail header"),
    ("Content-Type: text/plain; charset=utf-8\\n", "mail header"),
    ("Content-Transfer-Encoding: base64\\n\\n", "mail header"),
    ("=?UTF-8?B?{}?=", "mail header"),
    // Header names mail-parser is asked for.
    ("Delivered-To", "mail header"),
    ("X-Original-To", "mail header"),
    ("correction of {month}: ticket {ticket} {sign}{}", "stored adjustment description"),
    ("correction of {}", "CSV export cell"),
    // A Debug impl (never shown to people).
    ("Progress(reported)", "Debug output"),
    ("Progress(none)", "Debug output"),
    // A statement's marks and a repricing's description: stored in closed months' frozen statements
    // and carried by the JSON and CSV exports, alike on every copy — data, not messages.
    ("incident (free)", "statement mark (stored, JSON, CSV)"),
    ("free consultation", "statement mark (stored, JSON, CSV)"),
    (
        "correction of {month}: repriced (free consultations, ticket kinds or earlier work changed since)",
        "stored adjustment description",
    ),
    // Conflict fields and values as stored and as JSON carries them; the table words them through
    // `cli/sync.rs` (`field_name`, `shown_value`, `resolution`).
    ("time entry", "conflict field (stored, JSON)"),
    ("same name", "conflict field (derived, JSON)"),
    ("tier from ", "conflict field (stored, JSON)"),
    ("tier from {from}", "conflict field (stored, JSON)"),
    ("timer-stopped", "conflict value (JSON, machine text)"),
    // The fixed English wording of our team server's own refusals (`RAISE` in `team/server/schema.rs`),
    // matched to word them in the reader's language (`our_refusal`): not shown as they are.
    (" is not a technician of this helpdesk team (a viewer reads only)", "matches a server refusal"),
    ("an operation recorded as ", "matches a server refusal"),
    (" was refused: role ", "matches a server refusal"),
    (" is the technician ", "matches a server refusal"),
    (" is not a desk of role ", "matches a server refusal"),
    (" is not one of role ", "matches a server refusal"),
    ("picked the other value", "conflict resolution (stored)"),
    ("CAST(resolve_by AS TEXT)", "SQL"),
    ("GLOB '*[^A-Z.]*'", "SQL"),
    // SQLite's own words: the file header and pragma values.
    ("SQLite format 3\\0", "file header"),
    ("WAL", "pragma value"),
    ("FULL", "pragma value"),
    ("FILE", "pragma value"),
    ("DEFAULT", "pragma value"),
    // Names of environment variables read.
    ("HELPDESK_TEST_PAUSE", "environment variable"),
    ("USER", "environment variable"),
    ("USERNAME", "environment variable"),
    ("HOME", "environment variable"),
    // Test hook of debug builds (`HELPDESK_TEST_PAUSE`), read by the tests, not by people.
    ("paused at {name}", "test hook"),
    // A progress bar's prefix: the command as typed.
    ("sync clone", "command name"),
    ("sync export", "command name"),
    ("sync import", "command name"),
    // Log kinds of a failure (`cli::fail`): written to the log only.
    ("refused: bad input", "log kind"),
    ("refused: busy", "log kind"),
    ("output closed", "log kind"),
];

/// Files that hold no words for a reader: the generated fixture Maildir (mail as customers would
/// write it, for the tests and the benchmark), and unit tests kept in a file of their own (a
/// `#[cfg(test)] mod tests;` the lint cannot see from inside it).
const NOT_USER_FACING: &[&str] = &["src/mail/fixture.rs", "src/cli/report_json/tests.rs"];

/// The places the lint reads: the command line and the errors the CLI shows from the layers below.
const LINTED: &[&str] = &[
    "src/cli",
    "src/store",
    "src/sync",
    "src/team",
    "src/mail",
    "src/statements",
    "src/config",
    "src/environment.rs",
    "src/editor.rs",
    "src/progress.rs",
    "src/ticket_sla.rs",
    "src/language.rs",
    "src/logging.rs",
];

/// Files not yet translated (the lint skips them; the list only shrinks).
const PENDING: &[&str] = &[];

fn rust_files(root: &Path) -> Vec<PathBuf> {
    if root.is_file() {
        return vec![root.to_path_buf()];
    }
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn no_user_facing_literal_is_left_outside_the_message_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut files = 0;
    for place in LINTED {
        for path in rust_files(&root.join(place)) {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            files += 1;
            if PENDING.contains(&rel.as_str()) || NOT_USER_FACING.contains(&rel.as_str()) {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for f in scan(&source) {
                // An environment variable's name (`HELPDESK_DB`, `LC_ALL`): an identifier, not words.
                let identifier = !f.text.is_empty() && f.text.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
                if !identifier && !ALLOWED.iter().any(|(text, _)| *text == f.text) {
                    found.push(format!("{rel}:{}: {:?}", f.line, f.text));
                }
            }
        }
    }
    assert!(files > 40, "the lint read the sources ({files} files)");
    assert!(found.is_empty(), "{} user-facing literals outside t!(…):\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_scanner_finds_a_sentence_and_leaves_the_rest() {
    let sample = r####"
        fn f(n: u32) -> String {
            let a = format!("opened ticket {n}");
            let b = t!("ticket-opened", id = n);
            tracing::warn!("the store refused {n}");
            let c = "{:>5} {}";
            let d = "SELECT id FROM tickets WHERE state = 'open'";
            let e = x.expect("the row was just written");
            let f = r#"Customer"#;
            let g = "customer_id";
            /* "a comment with words" */ // "another one"
            let h = json!({"state": "open", "note": "in json"});
            let i = 'x';
            h
        }
        #[derive(Debug)]
        #[error("the error's text {0}")]
        struct E(u32);
        #[cfg(test)]
        mod tests {
            fn t() { let x = "a test sentence here"; }
        }
        fn after() { let y = "Title"; }
    "####;
    let found: Vec<(usize, String)> = scan(sample).into_iter().map(|f| (f.line, f.text)).collect();
    assert_eq!(
        found,
        vec![
            (3, "opened ticket {n}".to_string()),
            (9, "Customer".to_string()),
            (17, "the error's text {0}".to_string()),
            (23, "Title".to_string())
        ]
    );
}

#[test]
fn the_word_test_reads_like_a_person() {
    assert!(reads_as_words("no such ticket: {id}"));
    assert!(reads_as_words("Title"));
    assert!(!reads_as_words("{:<8} {}"));
    assert!(!reads_as_words("customer_id"));
    assert!(!reads_as_words("json"));
    assert!(!reads_as_words("  SELECT count(*) FROM x"));
    assert!(!reads_as_words("%Y-%m-%d"));
}

/// A statement's lines in the CLI table speak the reader's language too: the role of work without a
/// contract and the lines' marks (`incident (free)` stays English only in JSON and CSV).
#[test]
fn statement_lines_word_roles_and_marks_in_the_readers_language() {
    let d = desk();
    d.ok(&["customer", "add", "Gama", "--tier", "none", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "Gama", "--title", "Dotaz"]);
    d.ok(&["time", "add", "2", "--minutes", "30"]);
    let acme = (run_in(&d, CS, &["report", "customer", "Acme"]), run_in(&d, EN, &["report", "customer", "Acme"]));
    assert!(acme.0.stdout.contains("Printer down [incident (zdarma)]"), "{}", acme.0.stdout);
    assert!(acme.1.stdout.contains("Printer down [incident (free)]"), "{}", acme.1.stdout);
    let gama = (run_in(&d, CS, &["report", "customer", "Gama"]), run_in(&d, EN, &["report", "customer", "Gama"]));
    assert!(gama.0.stdout.contains("(technik)") && !gama.0.stdout.contains("(technician)"), "{}", gama.0.stdout);
    assert!(gama.1.stdout.contains("(technician)"), "{}", gama.1.stdout);
    let json = run_in(&d, CS, &["report", "customer", "Acme", "--format", "json"]).stdout;
    assert!(json.contains("\"incident (free)\""), "JSON keeps the machine mark: {json}");
}

/// A mistyped address or mail domain is refused in the reader's language, in the CLI and the forms.
#[test]
fn a_bad_address_or_domain_is_refused_in_the_readers_language() {
    let d = desk();
    let out = run_in(&d, CS, &["customer", "contact", "add", "Acme", "jana@pekarna"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("není e-mailová adresa"), "{}", out.stderr);
    let out = run_in(&d, CS, &["customer", "domain", "add", "Acme", "pekarna"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("není poštovní doména"), "{}", out.stderr);
    let out = run_in(&d, EN, &["customer", "contact", "add", "Acme", "jana@pekarna"]);
    assert!(out.stderr.contains("is not an e-mail address"), "{}", out.stderr);
}
