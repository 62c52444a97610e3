//! `sync --remote COMMAND` whatever the command does: a flood of output that is not the protocol
//! fails at once, a silent peer is ended after `HELPDESK_SYNC_TIMEOUT_S` with everything it started,
//! and this copy is unchanged either way.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Desk {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Desk {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        let d = Desk { db: dir.path().join("laptop.db"), dir };
        let (code, _, err) = d.run(&["customer", "add", "Acme", "--tier", "vip"], &[]);
        assert_eq!(code, 0, "{err}");
        d
    }

    /// Runs helpdesk under `timeout 300`: a guard that turns a hang into a failure, not a measurement.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let out = Command::new("timeout")
            .arg("300")
            .arg(env!("CARGO_BIN_EXE_helpdesk"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("HELPDESK_CONFIG_DIR", self.dir.path().join("config"))
            .env("HELPDESK_NOW", "2026-03-10T09:00:00+01:00")
            .envs(env.iter().copied())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code().expect("exited normally"), text(out.stdout), text(out.stderr))
    }

    fn state(&self) -> String {
        helpdesk::store::Store::open_read_only(&self.db, "t").unwrap().state_dump().unwrap()
    }
}

/// Whether process `pid` is still running (a zombie nobody reaped yet has ended).
fn running(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')),
        Err(_) => false,
    }
}

fn pid_in(file: &Path) -> String {
    std::fs::read_to_string(file).unwrap().trim().to_string()
}

#[test]
fn a_peer_that_floods_output_that_is_not_the_protocol_fails_at_once_and_is_ended() {
    let d = Desk::new();
    let before = d.state();
    let pidfile = d.dir.path().join("flood.pid");
    // More than a pipe holds; the flooding process is a grandchild of the shell.
    let command = format!("seq 1 200000 & echo $! > '{}'; wait", pidfile.display());
    let (code, stdout, stderr) = d.run(&["sync", "--remote", &command], &[("HELPDESK_SYNC_TIMEOUT_S", "86400")]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (2, "", "helpdesk: this is not helpdesk sync data (no header); nothing was changed\n")
    );
    assert_eq!(d.state(), before);
    assert!(!running(&pid_in(&pidfile)), "the flooding peer is still running");
}

#[test]
fn a_silent_peer_is_ended_after_the_time_limit_with_everything_it_started() {
    let d = Desk::new();
    let before = d.state();
    let pidfile = d.dir.path().join("silent.pid");
    let command = format!("sleep 100000 & echo $! > '{}'; wait", pidfile.display());
    let (code, stdout, stderr) = d.run(&["sync", "--remote", &command], &[("HELPDESK_SYNC_TIMEOUT_S", "1")]);
    assert_eq!(
        (code, stdout.as_str(), stderr),
        (
            1,
            "",
            format!(
                "helpdesk: cannot use `{command}`: the other side sent nothing for 1 s and was stopped; run the sync \
                 again (nothing was applied half way) — check the command, or give it more time with \
                 HELPDESK_SYNC_TIMEOUT_S\n"
            )
        )
    );
    assert_eq!(d.state(), before);
    assert!(!running(&pid_in(&pidfile)), "the silent peer's child is still running");
}

#[test]
fn a_sync_timeout_that_is_not_a_number_of_seconds_is_refused() {
    let d = Desk::new();
    for bad in ["0", "abc", "86401", "-5", "1.5", "99999999999999999999999"] {
        let (code, _, stderr) = d.run(&["sync", "--remote", "true"], &[("HELPDESK_SYNC_TIMEOUT_S", bad)]);
        assert_eq!(
            (code, stderr),
            (
                2,
                format!(
                    "helpdesk: HELPDESK_SYNC_TIMEOUT_S: `{bad}` is not a whole number of seconds from 1 to 86400 \
                     (fix it, or unset it)\n"
                )
            )
        );
    }
}

/// bb7 #4: a command that is not `sync serve` ends before or after our first write; either way the
/// message says what it printed (nothing, or something that is not sync), exit 2, never the OS's
/// "Broken pipe" of a write to a peer that has already ended. Repeated: the order of our write and its
/// end is the operating system's to choose.
#[test]
fn a_command_that_is_not_sync_serve_gets_the_same_clear_message_every_time() {
    let d = Desk::new();
    let before = d.state();
    let no_answer =
        "helpdesk: the other side ended without answering (is `helpdesk sync serve` what the command runs?)\n";
    let not_sync = "helpdesk: this is not helpdesk sync data (no header); nothing was changed\n";
    for _ in 0..10 {
        for (command, said) in [
            ("true", no_answer),
            ("exec 0<&-; exit 3", no_answer),
            ("echo hello", not_sync),
            ("exec 0<&-; echo hello", not_sync),
        ] {
            let (code, _, err) = d.run(&["sync", "--remote", command], &[]);
            assert_eq!((code, err.as_str()), (2, said), "{command}");
        }
    }
    // No command at all is bad input, said before anything runs.
    for blank in ["", "   "] {
        let (code, _, err) = d.run(&["sync", "--remote", blank], &[]);
        assert_eq!(code, 2, "{err}");
        assert!(err.starts_with("helpdesk: --remote needs the command that runs `helpdesk sync serve`"), "{err}");
    }
    assert_eq!(d.state(), before);
}
