//! Several files of one helpdesk installation (a team file and its copies) for the tests that sync
//! between them: an empty config directory, the files side by side in one temporary directory (the
//! commands run there, so `--db t.db` names one), a clock per command.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use super::Out;

pub struct Files {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    /// The machine's time zone the commands see (`TZ`): far from Prague unless a test says otherwise.
    pub tz: &'static str,
}

impl Files {
    pub fn new() -> Files {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir(&config).unwrap();
        Files { dir, config, tz: "Asia/Tokyo" }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, now: &str, args: &[&str]) -> Out {
        self.run_with(now, args, &[])
    }

    pub fn run_with(&self, now: &str, args: &[&str], env: &[(&str, &str)]) -> Out {
        self.run_program(Command::new(env!("CARGO_BIN_EXE_helpdesk")), now, args, env)
    }

    /// [`Files::run`] ended after `seconds` (by `timeout`, exit 124) if it has not ended by itself.
    pub fn run_within(&self, seconds: u32, now: &str, args: &[&str]) -> Out {
        let mut timeout = Command::new("timeout");
        timeout.arg(seconds.to_string()).arg(env!("CARGO_BIN_EXE_helpdesk"));
        self.run_program(timeout, now, args, &[])
    }

    fn run_program(&self, mut program: Command, now: &str, args: &[&str], env: &[(&str, &str)]) -> Out {
        let out = program
            .current_dir(self.dir.path())
            .env_clear()
            .envs(env.iter().copied())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("HELPDESK_CONFIG_DIR", &self.config)
            .env("HELPDESK_NOW", now)
            .env("HELPDESK_USER", "alice")
            .env("TZ", self.tz)
            .args(args)
            .output()
            .unwrap();
        Out {
            code: out.status.code().expect("exited normally"),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    pub fn ok(&self, now: &str, args: &[&str]) -> Out {
        let out = self.run(now, args);
        assert_eq!(out.code, 0, "helpdesk {args:?} failed: {}", out.stderr);
        out
    }

    pub fn json(&self, now: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(now, args).stdout).unwrap()
    }
}

/// What a file holds, to show it unchanged: every state table and the number of operations in its log.
pub fn snapshot(path: &std::path::Path) -> (String, usize) {
    let store = helpdesk::store::Store::open_read_only(path, "test").unwrap();
    (store.state_dump().unwrap(), store.ops_missing_from(&Default::default()).unwrap().len())
}
