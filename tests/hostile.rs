//! Untrusted text: names, titles, descriptions and comments with terminal escape sequences, BEL, C1
//! controls and bidi overrides are cleaned on the way in, so no output can move a cursor or recolour.

use std::process::Command;

const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[Hcleared",
    "\u{1b}]0;owned\u{7}title",
    "\u{9b}31mred",
    "right\u{202e}txt.exe",
    "iso\u{2066}late\u{2069}",
    "bell\u{7}\u{7}",
    "del\u{7f}char",
    "\u{1b}P+q\u{1b}\\dcs",
];

fn has_control(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

#[test]
fn hostile_text_is_stored_and_printed_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("HELPDESK_CONFIG_DIR", dir.path().join("cfg"))
            .env("HELPDESK_NOW", "2026-03-10T09:00:00+01:00")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    for (i, text) in HOSTILE.iter().enumerate() {
        let name = format!("{text} {i}");
        run(&["customer", "add", &name, "--tier", "vip", "--since", "2026-01"]);
        let number = run(&["ticket", "open", "--customer", &name, "--title", text, "--description", text]);
        run(&["ticket", "comment", number.trim(), text]);
        run(&["--as", text, "time", "add", number.trim(), "--minutes", "5", "--note", text]);
    }
    for out in [
        run(&["customer", "list"]),
        run(&["customer", "list", "--format", "json"]),
        run(&["ticket", "list"]),
        run(&["ticket", "show", "1"]),
        run(&["report", "month", "2026-03"]),
        run(&["report", "month", "2026-03", "--format", "csv"]),
    ] {
        assert!(!has_control(&out.replace("\r\n", "\n")), "control characters in output:\n{out:?}");
        assert!(out.contains("cleared") || out.contains("[2J"), "{out}");
    }
}
