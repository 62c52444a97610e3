//! Czech and English (issue 18): the message files agree, every id the code uses exists, and the
//! language is chosen by `--lang`, then `language` in config.toml, then the locale; JSON never changes.

mod cli_common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cli_common::Desk;

/// Message id → the placeholders (`$name`) its text uses, for every `.ftl` file of one language.
fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n").join(lang);
    let mut out = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "no message files in {}", dir.display());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_entry = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if starts_entry {
                let (id, _) = line.split_once('=').unwrap_or_else(|| panic!("{}: `{line}`", path.display()));
                let id = id.trim().to_string();
                let fresh = out.insert(id.clone(), BTreeSet::new()).is_none();
                assert!(fresh, "{}: message `{id}` is defined twice in {lang}", path.display());
                current = Some(id);
            } else if line.starts_with('#') || line.trim().is_empty() {
                if !line.starts_with(' ') {
                    current = None;
                }
                continue;
            }
            let Some(id) = &current else { continue };
            let body = if starts_entry { line.split_once('=').unwrap().1 } else { line };
            let vars = out.get_mut(id).unwrap();
            let mut rest = body;
            while let Some(at) = rest.find('$') {
                let name: String = rest[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                vars.insert(name.clone());
                rest = &rest[at + 1 + name.len()..];
            }
        }
    }
    out
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_placeholders() {
    let en = messages("en");
    let cs = messages("cs");
    let only_en: Vec<_> = en.keys().filter(|k| !cs.contains_key(*k)).collect();
    let only_cs: Vec<_> = cs.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty() && only_cs.is_empty(), "only in English: {only_en:?}; only in Czech: {only_cs:?}");
    let differ: Vec<_> = en.iter().filter(|(id, vars)| cs[*id] != **vars).map(|(id, _)| id).collect();
    assert!(differ.is_empty(), "placeholders differ between English and Czech in: {differ:?}");
    assert!(en.len() > 40, "the files hold the messages ({} found)", en.len());
}

/// bb5 #9: an English count reads `1 conflict` / `3 conflicts`, never `conflict(s)`: a plural goes
/// through a Fluent selector (`{ $count -> [one] … *[other] … }`), as the Czech messages do.
#[test]
fn no_english_message_writes_a_plural_as_s_in_brackets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n/en");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if !line.starts_with('#') && line.contains("(s)") {
                found.push(line.to_string());
            }
        }
    }
    assert!(found.is_empty(), "`(s)` plurals: {found:#?}");
}

/// Every `t!("id"…)` in the sources names a message that exists in both languages.
#[test]
fn every_message_the_code_uses_exists() {
    let en = messages("en");
    let mut missing = Vec::new();
    let mut used = 0;
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("t!(\"") {
                let after = &rest[at + 4..];
                // `format!(` and `print!(` end in `t!(` too: only the macro itself counts.
                let word_start = rest[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '_');
                if !word_start {
                    rest = after;
                    continue;
                }
                let id: String = after.chars().take_while(|c| *c != '"').collect();
                used += 1;
                if !en.contains_key(&id) && id != "no-such-message" {
                    missing.push(format!("{}: {id}", path.display()));
                }
                rest = &after[id.len()..];
            }
        }
    }
    assert!(missing.is_empty(), "ids used in code but missing from assets/i18n: {missing:?}");
    assert!(used > 0, "the scan finds the t!(…) calls");
}

fn lang_env(desk: &mut Desk, lang: &str) {
    desk.env.retain(|(k, _)| k != "LANG");
    desk.env.push(("LANG".into(), lang.into()));
}

#[test]
fn holidays_come_in_the_locales_language_and_json_is_the_same_in_both() {
    let mut desk = Desk::new();
    lang_env(&mut desk, "cs_CZ.UTF-8");
    let czech = desk.ok(&["calendar", "holidays", "2026"]);
    assert!(czech.contains("2026-11-17\tDen boje za svobodu a demokracii"), "{czech}");
    assert!(czech.contains("2026-04-03\tVelký pátek"), "{czech}");
    assert!(czech.contains("2026-12-26\t2. svátek vánoční"), "{czech}");
    let json_cs = desk.ok(&["calendar", "holidays", "2026", "--format", "json"]);
    lang_env(&mut desk, "C");
    let english = desk.ok(&["calendar", "holidays", "2026"]);
    assert!(english.contains("2026-11-17\tStruggle for Freedom and Democracy Day"), "{english}");
    let json_en = desk.ok(&["calendar", "holidays", "2026", "--format", "json"]);
    assert_eq!(json_cs, json_en, "JSON is never translated");
    assert!(json_en.contains("\"name_cs\": \"Štědrý den\""), "{json_en}");
}

#[test]
fn the_flag_beats_the_config_which_beats_the_locale() {
    let mut desk = Desk::new();
    lang_env(&mut desk, "cs_CZ.UTF-8");
    let english = desk.ok(&["--lang", "en", "calendar", "holidays", "2026"]);
    assert!(english.contains("Christmas Eve"), "{english}");
    std::fs::write(desk.config.join("config.toml"), "language = \"en\"\n").unwrap();
    assert!(desk.ok(&["calendar", "holidays", "2026"]).contains("Christmas Eve"));
    assert!(desk.ok(&["--lang", "cs", "calendar", "holidays", "2026"]).contains("Štědrý den"));
    lang_env(&mut desk, "C");
    std::fs::write(desk.config.join("config.toml"), "language = \"cs\"\n").unwrap();
    assert!(desk.ok(&["calendar", "holidays", "2026"]).contains("Štědrý den"));
}

fn refused(desk: &Desk, args: &[&str], needle: &str) {
    let out = desk.run(args);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    assert_eq!(out.stdout, "");
}

#[test]
fn a_bad_language_is_refused_with_the_way_to_fix_it() {
    let desk = Desk::new();
    refused(&desk, &["--lang", "de", "calendar", "holidays", "2026"], "cs");
    std::fs::write(desk.config.join("config.toml"), "language = \"de\"\n").unwrap();
    refused(&desk, &["calendar", "holidays", "2026"], "`language` must be \"cs\" or \"en\"");
}

#[test]
fn a_user_file_overrides_one_message_and_a_broken_one_is_refused() {
    let mut desk = Desk::new();
    lang_env(&mut desk, "cs_CZ.UTF-8");
    std::fs::write(desk.config.join("calendar.toml"), "holidays = [{ date = \"12-24\", name = \"Christmas Eve\" }]\n")
        .unwrap();
    // A holiday with no Czech name is named in English in both languages.
    assert!(desk.ok(&["calendar", "holidays", "2026"]).contains("2026-12-24\tChristmas Eve"));
    std::fs::write(desk.config.join("messages.cs.ftl"), "this is not fluent\n").unwrap();
    refused(&desk, &["calendar", "holidays", "2026"], "messages.cs.ftl");
}
