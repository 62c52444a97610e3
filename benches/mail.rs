//! Mail intake figures (issue 20): importing 10 000 messages (target ≥ 200 messages/s), then one new
//! message into the same file as a whole process (target ≤ 200 ms), with the release binary.
//!
//! `cargo bench --bench mail` (10 000 messages; `-- N` for another count; `-- N --db FILE` to import the
//! one new message into an existing big file, e.g. the million-ticket demo file of the README's Scale
//! section, after giving its customer `Acme s.r.o.` a contact). `--fixture DIR` writes the fixture
//! Maildir of the tests into DIR and stops. `cargo test` runs it with 50 messages as a check of what it
//! measures, never a timing assertion.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn helpdesk() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    dir.join("helpdesk")
}

fn run(db: &std::path::Path, config: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(helpdesk())
        .env("HELPDESK_CONFIG_DIR", config)
        .env("HELPDESK_NOW", "2026-03-02T12:00:00Z")
        .env("HELPDESK_USER", "bench")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the helpdesk binary (cargo build --release first)");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let Some(i) = args.iter().position(|a| a == "--fixture") {
        let dir = PathBuf::from(&args[i + 1]);
        helpdesk::mail::fixture::write(&dir, 50).unwrap();
        println!("fixture Maildir written to {}", dir.display());
        return;
    }
    let testing = std::env::args().any(|a| a == "--test" || a == "--quiet") || cfg!(debug_assertions);
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(if testing { 50 } else { 10_000 });
    let given_db = args.iter().position(|a| a == "--db").map(|i| PathBuf::from(&args[i + 1]));
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!("[mail]\nquarantine = \"{}\"\n", tmp.path().join("q").display()),
    )
    .unwrap();
    let db = tmp.path().join("bench.db");
    run(&db, &config, &["customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    run(&db, &config, &["customer", "contact", "add", "Acme s.r.o.", "jana@acme.cz"]);
    let maildir = tmp.path().join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    for i in 0..n {
        std::fs::write(
            maildir.join("new").join(helpdesk::mail::fixture::bench_name(i)),
            helpdesk::mail::fixture::bench_message(i),
        )
        .unwrap();
    }
    let start = Instant::now();
    let line = run(&db, &config, &["mail", "import", maildir.to_str().unwrap()]);
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(line, format!("imported {n} tickets, 0 comments; 0 to triage; 0 quarantined; 0 already imported\n"));
    println!("import {n} messages: {secs:.2} s, {:.0} messages/s", n as f64 / secs);

    // Into this file: the Maildir with one message more. Into a given big file: a Maildir of that one.
    let (target, maildir) = match given_db {
        Some(big) => {
            let one = tmp.path().join("One");
            std::fs::create_dir_all(one.join("new")).unwrap();
            (big, one)
        }
        None => (db, maildir),
    };
    std::fs::write(
        maildir.join("new").join(helpdesk::mail::fixture::bench_name(n)),
        helpdesk::mail::fixture::bench_message(n),
    )
    .unwrap();
    let start = Instant::now();
    let line = run(&target, &config, &["mail", "import", maildir.to_str().unwrap()]);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("one new message into {}: {ms:.0} ms as a process — {}", target.display(), line.trim());
}
