//! The harness the CLI tests share: a tempdir installation of `helpdesk` with its own database, an
//! empty config directory (the developer's own config never leaks in), a fixed clock and a machine
//! time zone far from Prague.
#![allow(dead_code)]

pub mod files;

use std::path::PathBuf;

use serde_json::Value;

/// One helpdesk installation: a database file, a config directory, a clock.
pub struct Desk {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub config: PathBuf,
    pub now: String,
    pub env: Vec<(String, String)>,
    /// The state directory (`XDG_STATE_HOME`): the log files, apart from the database's directory.
    pub state: tempfile::TempDir,
}

/// What a finished command printed.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Desk {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir(&config).unwrap();
        let db = dir.path().join("helpdesk.db");
        let state = tempfile::tempdir().unwrap();
        Desk { dir, db, config, now: "2026-03-10T09:00:00+01:00".into(), env: Vec::new(), state }
    }

    /// Moves the clock the following commands see.
    pub fn at(&mut self, now: &str) -> &mut Self {
        self.now = now.to_string();
        self
    }

    pub fn command(&self, args: &[&str]) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_command(args))
    }

    /// [`Desk::command`] as the standard library's (for what `assert_cmd` does not set: stdout to a
    /// file).
    pub fn std_command(&self, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_helpdesk"));
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("XDG_STATE_HOME", self.state.path())
            .env("HELPDESK_CONFIG_DIR", &self.config)
            .env("HELPDESK_NOW", recorded_at(&self.now, args))
            .env("HELPDESK_USER", "alice")
            // Business rules are computed in Prague whatever the machine's zone is.
            .env("TZ", "Asia/Tokyo")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .arg("--db")
            .arg(&self.db)
            .args(args);
        c
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Out {
        let out = self.command(args).write_stdin(stdin).output().unwrap();
        Out {
            code: out.status.code().expect("exited normally"),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.run_with_stdin(args, "")
    }

    /// Runs a command that must succeed without a word on stderr; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.code, 0, "{args:?} failed: {}", out.stderr);
        assert_eq!(out.stderr, "", "{args:?} wrote to stderr");
        out.stdout
    }

    /// Runs a command that must fail with `code`, print nothing on stdout, and say `message` on one line.
    pub fn fails(&self, code: i32, args: &[&str], message: &str) {
        let out = self.run(args);
        assert_eq!(out.code, code, "{args:?}: stdout {:?} stderr {:?}", out.stdout, out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(out.stderr, format!("helpdesk: {message}\n"), "{args:?}");
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}): {text}"))
    }

    /// Runs `args` with `HELPDESK_THREADS=threads` and stdout on `/dev/full` (no write can succeed);
    /// its exit code and stderr.
    pub fn on_full_disk(&self, args: &[&str], threads: &str) -> (Option<i32>, String) {
        let out = self
            .std_command(args)
            .env("HELPDESK_THREADS", threads)
            .stdout(std::fs::File::options().write(true).open("/dev/full").unwrap())
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// The output of `args`, run with `HELPDESK_THREADS=threads` and debug lines logged (see
    /// [`Desk::logged`]); it must succeed and say nothing on stderr.
    pub fn output_on_threads(&self, args: &[&str], threads: &str) -> String {
        let out =
            self.command(args).env("HELPDESK_THREADS", threads).env("HELPDESK_LOG", "helpdesk=debug").output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// How many times `line` is in the log files so far.
    pub fn logged(&self, line: &str) -> usize {
        let files = std::fs::read_dir(self.state.path().join("helpdesk")).into_iter().flatten().flatten();
        files.map(|file| std::fs::read_to_string(file.path()).unwrap_or_default().matches(line).count()).sum()
    }

    pub fn customers(&self) -> Value {
        self.json(&["customer", "list", "--format", "json"])
    }

    pub fn tickets(&self) -> Value {
        self.json(&["ticket", "list", "--format", "json"])
    }
}

/// The ticket with this number in a `ticket list --format json` (tickets received in the same second
/// are listed in id order, not number order).
pub fn by_number<'a>(list: &'a Value, number: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|t| t["number"] == number).unwrap_or_else(|| panic!("no ticket {number}"))
}

/// The clock a command runs at: the desk's, or — for a command that records something at `--at T`
/// later than the desk's clock — `T`. Tests build a history by recording each event when it happened
/// (the CLI refuses an `--at` in the future); what they check afterwards runs at the desk's clock.
pub fn recorded_at(now: &str, args: &[&str]) -> String {
    let parse = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
    let at = args.windows(2).find(|w| w[0] == "--at").map(|w| w[1]);
    match (parse(now), at.and_then(parse)) {
        (Some(n), Some(a)) if a > n => at.unwrap_or(now).to_string(),
        _ => now.to_string(),
    }
}
