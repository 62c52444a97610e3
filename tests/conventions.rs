//! The conventions of a terminal tool (issue 19): a log file and never a log on screen, `helpdesk info`,
//! shell completions and a man page, progress bars only on a terminal.

mod cli_common;

use std::collections::BTreeSet;

use cli_common::Desk;
use serde_json::Value;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn log_text(desk: &Desk) -> String {
    let dir = desk.state.path().join("helpdesk");
    let mut text = String::new();
    for f in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("no log directory {}: {e}", dir.display())) {
        text.push_str(&std::fs::read_to_string(f.unwrap().path()).unwrap());
    }
    text
}

#[test]
fn info_json_has_the_documented_keys_and_describes_the_file() {
    let mut desk = Desk::new();
    desk.ok(&["customer", "add", "Acme", "--tier", "vip"]);
    desk.ok(&["ticket", "open", "--customer", "Acme", "--title", "Down"]);
    desk.ok(&["ticket", "comment", "1", "looking"]);
    desk.ok(&["time", "add", "1", "--minutes", "30"]);
    let v = desk.json(&["info", "--format", "json"]);
    let top = ["version", "database", "copy", "team", "config_dir", "config_files", "log_file", "language", "zone"];
    assert_eq!(keys(&v), set(&top));
    assert_eq!(keys(&v["database"]), set(&["path", "size_bytes", "schema_version", "counts"]));
    assert_eq!(
        keys(&v["database"]["counts"]),
        set(&["customers", "tickets", "time_entries", "comments", "operations"])
    );
    assert_eq!(keys(&v["copy"]), set(&["device", "tag"]));
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["database"]["path"], desk.db.display().to_string());
    assert!(v["database"]["size_bytes"].as_u64().unwrap() > 0);
    assert_eq!(v["database"]["schema_version"], helpdesk::store::LATEST_VERSION);
    let counts = &v["database"]["counts"];
    assert_eq!((counts["customers"].as_i64(), counts["tickets"].as_i64()), (Some(1), Some(1)));
    assert_eq!((counts["time_entries"].as_i64(), counts["comments"].as_i64()), (Some(1), Some(1)));
    assert!(counts["operations"].as_i64().unwrap() >= 4);
    assert_eq!(v["copy"]["tag"], "", "the team file has no tag");
    assert_eq!(v["copy"]["device"].as_str().unwrap().len(), 36);
    assert_eq!(v["team"], Value::Null, "no team server yet");
    assert_eq!(v["config_dir"], desk.config.display().to_string());
    assert_eq!(v["config_files"], serde_json::json!([]));
    let log = v["log_file"].as_str().unwrap();
    assert!(log.starts_with(&desk.state.path().join("helpdesk/helpdesk.").display().to_string()), "{log}");
    assert!(log.ends_with(".log") && std::path::Path::new(log).is_file(), "{log}");
    assert_eq!((v["language"].as_str(), v["zone"].as_str()), (Some("en"), Some("Europe/Prague")));

    std::fs::write(desk.config.join("config.toml"), "forgotten_timer_hours = 8\n").unwrap();
    desk.env.push(("LANG".into(), "cs_CZ.UTF-8".into()));
    let v = desk.json(&["info", "--format", "json"]);
    assert_eq!(v["config_files"], serde_json::json!([desk.config.join("config.toml").display().to_string()]));
    assert_eq!(v["language"], "cs");
    desk.env.push(("LC_ALL".into(), "C".into()));
    assert_eq!(desk.json(&["info", "--format", "json"])["language"], "en", "LC_ALL comes first");
}

#[test]
fn info_on_a_missing_database_says_so_and_creates_nothing() {
    let desk = Desk::new();
    let v = desk.json(&["info", "--format", "json"]);
    assert_eq!(v["database"]["size_bytes"], Value::Null);
    assert_eq!(v["database"]["counts"], Value::Null);
    assert_eq!(v["copy"], serde_json::json!({"device": null, "tag": null}));
    assert!(!desk.db.exists());
    let table = desk.ok(&["info"]);
    assert!(table.contains("no database there yet"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("zone") && l.ends_with("Europe/Prague")), "{table}");
    assert!(!desk.db.exists());
}

#[test]
fn the_log_records_commands_refusals_and_migrations_and_never_customer_text() {
    let mut desk = Desk::new();
    desk.env.push(("HELPDESK_LOG".into(), "debug".into()));
    desk.ok(&["customer", "add", "Tajná firma s.r.o.", "--tier", "vip"]);
    desk.ok(&["ticket", "open", "--customer", "Tajná firma s.r.o.", "--title", "heslo hunter2"]);
    let out = desk.run(&["ticket", "open", "--customer", "Nikdo Neznámý", "--title", "x"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("Nikdo Neznámý"), "the person is told: {}", out.stderr);
    let log = log_text(&desk);
    assert!(log.contains("schema migrated"), "{log}");
    assert!(log.contains(r#"command=helpdesk ticket open"#), "{log}");
    assert!(log.contains(r#"kind="not found""#) && log.contains("code=2"), "{log}");
    for secret in ["Tajná", "hunter2", "Nikdo"] {
        assert!(!log.contains(secret), "`{secret}` in the log:\n{log}");
    }
}

#[test]
fn the_log_level_comes_from_helpdesk_log_then_rust_log_and_a_bad_one_is_refused() {
    let mut desk = Desk::new();
    desk.ok(&["customer", "add", "Acme", "--tier", "vip"]);
    assert!(!log_text(&desk).contains("start"), "info by default: no debug lines");
    desk.env.push(("RUST_LOG".into(), "debug".into()));
    desk.ok(&["customer", "list"]);
    assert!(log_text(&desk).contains("start"), "RUST_LOG=debug");
    desk.env.push(("RUST_LOG".into(), "helpdesk=loud".into()));
    desk.fails(
        2,
        &["customer", "list"],
        "RUST_LOG: `helpdesk=loud` is not a log filter: write it like info, debug or helpdesk::store=debug (or unset it)",
    );
    desk.env.push(("HELPDESK_LOG".into(), "warn".into()));
    desk.ok(&["customer", "list"]);
    desk.env.push(("HELPDESK_LOG".into(), "[".into()));
    desk.fails(
        2,
        &["customer", "list"],
        "HELPDESK_LOG: `[` is not a log filter: write it like info, debug or helpdesk::store=debug (or unset it)",
    );
}

#[test]
fn nothing_from_the_log_reaches_the_terminal() {
    let mut desk = Desk::new();
    desk.env.push(("HELPDESK_LOG".into(), "trace".into()));
    assert_eq!(desk.run(&["customer", "add", "Acme", "--tier", "vip"]).stderr, "");
    let out = desk.run(&["customer", "list"]);
    assert_eq!(out.stderr, "");
    assert!(!out.stdout.contains("TRACE") && !out.stdout.contains("DEBUG"), "{}", out.stdout);
    assert!(log_text(&desk).contains("TRACE") || log_text(&desk).contains("DEBUG"));
}

#[test]
fn a_panic_is_logged_with_where_it_happened() {
    let mut desk = Desk::new();
    desk.env.push(("HELPDESK_TEST_PAUSE".into(), "panic".into()));
    let out = desk.run(&["customer", "list"]);
    assert_eq!(out.code, 101, "{}", out.stderr);
    assert!(out.stderr.contains("a panic on demand"), "{}", out.stderr);
    let log = log_text(&desk);
    assert!(log.contains("ERROR") && log.contains("panic: a panic on demand"), "{log}");
    assert!(log.contains("at=src/cli/mod.rs:"), "{log}");
}

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

#[test]
fn completions_for_every_shell_offer_the_subcommands() {
    let desk = Desk::new();
    for shell in SHELLS {
        let script = desk.ok(&["completions", shell]);
        for sub in ["ticket", "customer", "info", "completions", "man"] {
            assert!(script.contains(sub), "{shell}: no `{sub}`");
        }
    }
    desk.fails(
        2,
        &["completions", "tcsh"],
        "invalid value 'tcsh' for '<SHELL>' [possible values: bash, elvish, fish, powershell, zsh]; see `helpdesk completions --help`",
    );
    assert!(!desk.db.exists(), "no database needed");
}

#[test]
fn bash_completes_helpdesk_subcommands_in_a_real_bash() {
    let desk = Desk::new();
    let script = desk.dir.path().join("helpdesk.bash");
    std::fs::write(&script, desk.ok(&["completions", "bash"])).unwrap();
    let run = format!(
        "source {}; complete -p helpdesk; COMP_WORDS=(helpdesk tic); COMP_CWORD=1; COMP_LINE='helpdesk tic'; COMP_POINT=12; \
         _helpdesk helpdesk tic helpdesk; echo \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let out = std::process::Command::new("bash").arg("--norc").arg("-c").arg(run).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let mut lines = stdout.lines();
    let registered = lines.next().unwrap();
    assert!(registered.starts_with("complete ") && registered.ends_with(" -F _helpdesk helpdesk"), "{stdout}");
    assert_eq!(lines.next(), Some("ticket"), "{stdout}");
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand() {
    let desk = Desk::new();
    let page = desk.ok(&["man"]);
    assert!(page.contains(".TH helpdesk 1"), "{page}");
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS") && page.contains(".SH SUBCOMMANDS"));
    use clap::CommandFactory;
    for sub in helpdesk::cli::Cli::command().get_subcommands().filter(|s| !s.is_hide_set()) {
        assert!(page.contains(&format!("helpdesk\\-{}", sub.get_name())), "no {}", sub.get_name());
    }
    let open = desk.ok(&["man", "ticket", "open"]);
    assert!(open.contains(".TH helpdesk-ticket-open 1"), "{open}");
    // The footer (the `.TH` line's source) names the program and its version on every page (bb8 #11).
    let version = format!("\"helpdesk {}\"", env!("CARGO_PKG_VERSION"));
    for page in [&page, &open] {
        let th = page.lines().find(|l| l.starts_with(".TH")).unwrap_or_default();
        assert!(th.contains(&version), "{th}");
    }
    assert!(open.contains("\\-\\-customer"), "its options: {open}");
    desk.fails(
        2,
        &["man", "ticket", "close"],
        "`close` is not a subcommand of `helpdesk ticket`; see `helpdesk ticket --help`",
    );
    desk.fails(2, &["man", "debug"], "`debug` is not a subcommand of `helpdesk`; see `helpdesk --help`");
}

#[test]
fn long_commands_draw_no_bar_when_stderr_is_not_a_terminal() {
    let desk = Desk::new();
    let out = desk.run(&["demo", "--customers", "3", "--tickets", "40", "--entries", "60"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one line, no bar: {:?}", out.stderr);
    assert!(!out.stderr.contains('\r') && !out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    let check = desk.run(&["check", "--replay"]);
    assert_eq!((check.code, check.stderr.as_str()), (0, ""));
    let copy = desk.dir.path().join("copy.db");
    let backup = desk.run(&["backup", copy.to_str().unwrap()]);
    assert_eq!(backup.stderr, format!("backed up {} to {}\n", desk.db.display(), copy.display()));
}

/// Runs `args` with stderr on a pseudo-terminal (`script`), returning what the terminal got.
fn on_a_terminal(desk: &Desk, args: &[&str]) -> String {
    let exe = env!("CARGO_BIN_EXE_helpdesk");
    let line = std::iter::once(exe.to_string())
        .chain(["--db".to_string(), desk.db.display().to_string()])
        .chain(args.iter().map(|a| format!("'{a}'")))
        .collect::<Vec<_>>()
        .join(" ");
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("HOME", desk.dir.path())
        .env("XDG_STATE_HOME", desk.state.path())
        .env("HELPDESK_CONFIG_DIR", &desk.config)
        .env("HELPDESK_NOW", &desk.now)
        .env("HELPDESK_USER", "alice")
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_a_terminal_long_commands_draw_a_bar_with_its_total_and_an_eta() {
    let desk = Desk::new();
    let shown = on_a_terminal(&desk, &["demo", "--customers", "5", "--tickets", "300", "--entries", "400"]);
    assert!(shown.contains("helpdesk: demo — writing tickets ["), "{shown:?}");
    assert!(shown.contains("/300 tickets") && shown.contains("ETA"), "{shown:?}");
    let shown = on_a_terminal(&desk, &["check", "--replay"]);
    assert!(shown.contains("helpdesk: check — "), "{shown:?}");
    assert!(shown.contains(" steps ") && shown.contains("ETA"), "{shown:?}");
}
