//! Instants from a clock that was wrong are not trusted (bb7 #11, #9, #1): a change made under another
//! copy's clock more than 5 minutes ahead of this machine's is refused whole by every way a sync
//! arrives (two files, a bundle, `sync --remote`), nothing applied on either side; a close of a month
//! that has not ended by this machine's clock is refused the same way; a timer whose start lies after
//! now is never booked as it "ran" (a minute at a future instant) but asks what was really worked.

mod cli_common;

use std::path::Path;

use cli_common::Desk;

/// Runs a command that must succeed (whatever it notes on stderr); returns its stdout.
trait Done {
    fn done(&self, args: &[&str]) -> String;
}

impl Done for Desk {
    fn done(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.code, 0, "{args:?} failed: {}", out.stderr);
        out.stdout
    }
}

const NOW: &str = "2026-03-02T10:00:00+01:00";
const YEAR_AHEAD: &str = "2027-03-02T10:00:00+01:00";

/// The team file (Acme, ticket 1) and laptop copy A of it, `a.db` beside it.
fn team_and_laptop() -> (Desk, Desk) {
    let mut team = Desk::new();
    team.at(NOW);
    team.done(&["customer", "add", "Acme", "--tier", "standard", "--since", "2026-01"]);
    team.done(&["ticket", "open", "--customer", "Acme", "--title", "Server"]);
    let lap_path = team.dir.path().join("a.db");
    team.done(&["sync", "clone", team.db.to_str().unwrap(), lap_path.to_str().unwrap()]);
    let mut lap = Desk::new();
    lap.db = lap_path;
    lap.at(NOW);
    (team, lap)
}

fn snapshot(path: &Path) -> (String, usize) {
    let store = helpdesk::store::Store::open_read_only(path, "test").unwrap();
    (store.state_dump().unwrap(), store.ops_missing_from(&Default::default()).unwrap().len())
}

fn refused_as_ahead(out: &cli_common::Out, copy: &str) {
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("{copy} made a change under a clock that is ahead of this machine's")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("more than 5m ahead"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
}

#[test]
fn a_copy_whose_clock_was_a_year_ahead_is_refused_by_a_sync_of_files_either_way_and_nothing_changes() {
    let (team, mut lap) = team_and_laptop();
    lap.at(YEAR_AHEAD).done(&["ticket", "comment", "1", "hello"]);
    lap.at(NOW);
    let before = (snapshot(&team.db), snapshot(&lap.db));
    let out = team.run(&["sync", lap.db.to_str().unwrap()]);
    refused_as_ahead(&out, "copy A");
    assert!(out.stderr.contains("the change is stamped 2027-03-02T09:00:00Z"), "{}", out.stderr);
    assert!(out.stderr.contains("this machine's clock says 2026-03-02T09:00:00Z"), "{}", out.stderr);
    // The laptop, its clock set right again, syncing the team file: refused the same way.
    refused_as_ahead(&lap.run(&["sync", team.db.to_str().unwrap()]), "copy A");
    assert_eq!((snapshot(&team.db), snapshot(&lap.db)), before, "nothing applied on either side");
    // The team's later edits still win by their real time.
    team.done(&["ticket", "set", "1", "--status", "waiting"]);
    assert_eq!(team.tickets()[0]["status"], "waiting");
}

#[test]
fn a_bundle_from_a_copy_whose_clock_was_ahead_is_refused_whole() {
    let (team, mut lap) = team_and_laptop();
    lap.at("2026-03-02T09:30:00+01:00").done(&["ticket", "comment", "1", "before"]);
    lap.at(YEAR_AHEAD).done(&["ticket", "comment", "1", "hello"]);
    let bundle = team.dir.path().join("a.hds");
    lap.at(NOW).done(&["sync", "export", bundle.to_str().unwrap()]);
    let before = snapshot(&team.db);
    refused_as_ahead(&team.run(&["sync", "import", bundle.to_str().unwrap()]), "copy A");
    assert_eq!(snapshot(&team.db), before, "not even the comment made under a right clock");
}

#[test]
fn a_remote_whose_clock_was_ahead_is_refused() {
    let (team, mut lap) = team_and_laptop();
    lap.at(YEAR_AHEAD).done(&["ticket", "comment", "1", "hello"]);
    let before = snapshot(&team.db);
    let serve = format!("{} --db {} sync serve", env!("CARGO_BIN_EXE_helpdesk"), lap.db.display());
    let out = team.run(&["sync", "--remote", &serve]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("copy A made a change under a clock that is ahead"), "{}", out.stderr);
    assert_eq!(snapshot(&team.db), before);
}

#[test]
fn a_clock_a_few_minutes_ahead_is_drift_and_goes_through() {
    let (team, mut lap) = team_and_laptop();
    lap.at("2026-03-02T10:04:00+01:00").done(&["ticket", "comment", "1", "drift"]);
    let out = team.run(&["sync", lap.db.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shown = team.done(&["ticket", "show", "1"]);
    assert!(shown.contains("drift"), "{shown}");
}

#[test]
fn a_close_of_a_month_that_has_not_ended_here_is_refused_until_it_has_or_it_is_reopened() {
    let (mut team, mut lap) = team_and_laptop();
    // The laptop's clock is 4 minutes ahead (within the drift allowed), and it closes March "after" its end.
    lap.at("2026-04-01T00:03:00+02:00").done(&["month", "close", "2026-03"]);
    let bundle = team.dir.path().join("a.hds");
    lap.done(&["sync", "export", bundle.to_str().unwrap()]);
    team.at("2026-03-31T23:59:00+02:00");
    let before = snapshot(&team.db);
    let out = team.run(&["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("copy A closed 2026-03, which has not ended by this machine's clock (2026-03-31T21:59:00Z)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`helpdesk month reopen 2026-03`"), "{}", out.stderr);
    assert_eq!(snapshot(&team.db), before);
    assert_eq!(team.done(&["month", "list"]), "no closed months\n");
    // The way out the message names: reopened on the laptop, the close and its reopening go through.
    lap.at("2026-04-01T00:04:00+02:00").done(&["month", "reopen", "2026-03"]);
    lap.done(&["sync", "export", bundle.to_str().unwrap(), "--all"]);
    let out = team.run(&["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(team.done(&["month", "list"]), "no closed months\n");
}

#[test]
fn a_close_from_a_clock_a_year_ahead_never_freezes_the_running_month() {
    let (mut team, mut lap) = team_and_laptop();
    lap.at(YEAR_AHEAD).done(&["month", "close", "2026-03"]);
    lap.at(NOW);
    refused_as_ahead(&team.run(&["sync", lap.db.to_str().unwrap()]), "copy A");
    team.at("2026-03-02T11:00:00+01:00").done(&["time", "add", "1", "--minutes", "30"]);
    assert_eq!(team.done(&["month", "list"]), "no closed months\n");
}

#[test]
fn a_timer_started_under_a_clock_that_was_ahead_is_not_booked_until_told_what_was_worked() {
    let mut d = Desk::new();
    d.at("2026-03-02T09:00:00+01:00");
    d.done(&["customer", "add", "Acme", "--tier", "plus", "--since", "2026-01"]);
    d.done(&["ticket", "open", "--customer", "Acme", "--title", "T"]);
    d.done(&["ticket", "open", "--customer", "Acme", "--title", "U"]);
    d.at("2026-03-06T10:30:00+01:00").done(&["timer", "start", "1"]);
    d.at("2026-03-03T11:30:00+01:00");
    let before = snapshot(&d.db);
    let stop = d.run(&["timer", "stop"]);
    assert_eq!((stop.code, stop.stdout.as_str()), (2, ""));
    assert_eq!(
        stop.stderr,
        "helpdesk: alice's timer on ticket 1 has run 0m (since Fri 6 Mar 10:30), it started after now — the clock \
         was ahead when it was started; nothing was booked and it keeps running. Book what was really worked: \
         `helpdesk timer stop --worked 1h30` (45, 1h30 or 1:30)\n"
    );
    // Starting another timer would stop it as it ran: refused the same way.
    let start = d.run(&["timer", "start", "2"]);
    assert_eq!(start.code, 2, "{}", start.stderr);
    assert!(start.stderr.contains("it started after now"), "{}", start.stderr);
    assert_eq!(snapshot(&d.db), before, "nothing changed");
    assert_eq!(d.done(&["timer", "stop", "--worked", "1h"]), "stopped the timer on ticket 1: logged 1h\n");
    let entries = d.json(&["time", "list", "1", "--format", "json"]);
    assert_eq!(entries[0]["minutes"], 60);
    assert_eq!(entries[0]["started_at"], "2026-03-03T10:30:00+01:00", "ending when it was stopped");
}
