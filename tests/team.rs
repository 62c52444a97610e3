//! The team server (issue 15), with real processes against a real PostgreSQL started by `tests/pg`:
//! an admin and two desks, numbers, visibility across desks, moving a team file in, identity enforced
//! by the server itself, passwords, unreachable servers and a newer server schema; and (issue 16) a desk
//! offline — one note, catching up with the next command, a server that accepts and then says nothing,
//! `team status`, and a push cut off midway.

mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pg::Pg;

/// A person's machine: their own home (no ~/.pgpass unless the test writes one), an empty config.
struct Machine {
    home: std::rc::Rc<tempfile::TempDir>,
    env: Vec<(String, String)>,
}

impl Machine {
    fn new() -> Machine {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(home.path().join("config")).unwrap();
        Machine { home: std::rc::Rc::new(home), env: Vec::new() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    fn with(mut self, key: &str, value: &str) -> Machine {
        self.env.push((key.into(), value.into()));
        self
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("HELPDESK_CONFIG_DIR", self.path("config"))
            .env("HELPDESK_NOW", "2026-03-02T10:00:00+01:00")
            .env("USER", "someone");
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "helpdesk {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The same machine (home, config, environment) at another time.
    fn clone_with_now(&self, now: &str) -> Machine {
        let mut env = self.env.clone();
        env.push(("HELPDESK_NOW".into(), now.into()));
        Machine { home: self.home.clone(), env }
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn db(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A server with the team set up: roles alice and bob as technicians Alice and Bob, wally a viewer.
fn team(pg: &Pg, admin: &Machine) -> String {
    pg.create("helpdesk", &[("alice", None), ("bob", None), ("wally", None), ("carol", Some("carol-pw"))]);
    let url = pg.socket_url("admin", "helpdesk");
    admin.ok(&["team", "init", &url]);
    admin.ok(&["team", "add-technician", &url, "alice", "Alice"]);
    admin.ok(&["team", "add-technician", &url, "bob", "Bob"]);
    admin.ok(&["team", "add-technician", &url, "carol", "Carol"]);
    admin.ok(&["team", "add-viewer", &url, "wally"]);
    url
}

/// A team on `pg` (see [`team`]) and two desks joined to it: Alice's and Bob's, with their replicas.
fn alice_and_bob(pg: &Pg) -> (Machine, PathBuf, Machine, PathBuf) {
    team(pg, &Machine::new());
    let (a, b) = (Machine::new(), Machine::new());
    let (ra, rb) = (a.path("desk.db"), b.path("desk.db"));
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
    (a, ra, b, rb)
}

fn numbers(m: &Machine, replica: &Path) -> Vec<String> {
    let list = m.json(&["--db", db(replica), "ticket", "list", "--format", "json"]);
    let mut out: Vec<String> =
        list.as_array().unwrap().iter().map(|t| t["number"].as_str().unwrap().to_string()).collect();
    out.sort();
    out
}

#[test]
fn two_desks_get_plain_numbers_one_and_two_and_see_each_others_tickets() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let (a, b) = (Machine::new(), Machine::new());
    let (ra, rb) = (a.path("desk.db"), b.path("desk.db"));
    let join = a.run(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    assert!(join.status.success(), "{}", stderr(&join));
    assert!(stderr(&join).contains("Alice's replica"), "{}", stderr(&join));
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);

    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let first = a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Printer down"]);
    let second = b.ok(&["--db", db(&rb), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "VPN"]);
    assert_eq!(first.trim(), "1");
    assert_eq!(second.trim(), "2");

    // B caught up before it opened its ticket; A sees B's after `team sync` (or any command).
    assert_eq!(numbers(&b, &rb), ["1", "2"]);
    let sync = a.run(&["--db", db(&ra), "team", "sync"]);
    assert!(sync.status.success(), "{}", stderr(&sync));
    assert!(stderr(&sync).contains("received 1, sent 0"), "{}", stderr(&sync));
    assert_eq!(numbers(&a, &ra), ["1", "2"]);
    let shown = a.json(&["--db", db(&ra), "ticket", "show", "2", "--format", "json"]);
    assert_eq!(shown["title"], "VPN");

    // The same state on both desks, the history recorded by who did it.
    let dump = |m: &Machine, r: &Path| m.ok(&["--db", db(r), "ticket", "list", "--format", "json"]);
    assert_eq!(dump(&a, &ra), dump(&b, &rb));
    // The desk's technician works there, whoever the OS user is (USER=someone): time and timers too.
    a.ok(&["--db", db(&ra), "time", "add", "1", "--minutes", "30"]);
    a.ok(&["--db", db(&ra), "timer", "start", "2"]);
    let entries = a.json(&["--db", db(&ra), "time", "list", "1", "--format", "json"]);
    assert_eq!(entries[0]["technician"], "Alice", "{entries}");
    a.ok(&["--db", db(&ra), "timer", "stop"]);
    let log = pg.admin("helpdesk").query("SELECT DISTINCT actor FROM helpdesk.ops ORDER BY 1", &[]).unwrap();
    let actors: Vec<String> = log.iter().map(|r| r.get(0)).collect();
    assert_eq!(actors, ["Alice", "Bob"]);
}

#[test]
fn tickets_made_from_mail_on_a_connected_desk_take_the_teams_plain_numbers() {
    // Mail is how most tickets arrive: `mail import` of a known sender's mail and `mail assign` of
    // triage on a desk whose server answers number as `ticket open` does (they took the desk's tag).
    let Some(pg) = Pg::start() else { return };
    let (a, ra, _b, _rb) = alice_and_bob(&pg);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    a.ok(&["--db", db(&ra), "customer", "contact", "add", "Acme", "jana@acme.cz"]);
    assert_eq!(a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme", "--title", "Typed"]).trim(), "1");
    let maildir = a.path("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    let mail = |name: &str, from: &str, subject: &str| {
        let text = format!(
            "From: {from}\r\nTo: podpora@example.cz\r\nSubject: {subject}\r\nMessage-ID: <{name}@example.org>\r\n\
             Date: Mon, 2 Mar 2026 09:00:00 +0100\r\n\r\nPlease help.\r\n"
        );
        std::fs::write(maildir.join("new").join(format!("1772438400.{name}.host")), text).unwrap();
    };
    mail("known", "jana@acme.cz", "Printer");
    mail("stranger", "who@elsewhere.org", "Hello");
    a.ok(&["--db", db(&ra), "mail", "import", maildir.to_str().unwrap()]);
    let assigned = a.ok(&["--db", db(&ra), "mail", "assign", "1", "Acme"]);
    assert_eq!(numbers(&a, &ra), ["1", "2", "3"], "mail assign said {assigned}");
}

#[test]
fn moving_a_team_file_in_keeps_statements_history_and_numbers() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    pg.create("helpdesk", &[("alice", None)]);
    let url = pg.socket_url("admin", "helpdesk");
    let file = admin.path("team.db");
    let f = db(&file);
    let at = |when: &str, args: &[&str]| {
        let mut full = vec!["--db", f];
        full.extend_from_slice(args);
        let mut c = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
        c.args(&full)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", admin.home.path())
            .env("HELPDESK_CONFIG_DIR", admin.path("config"))
            .env("HELPDESK_NOW", when)
            .env("HELPDESK_USER", "Alice");
        let out = c.output().unwrap();
        assert!(out.status.success(), "{full:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    at("2026-01-05T09:00:00+01:00", &["customer", "add", "Acme s.r.o.", "--tier", "plus", "--since", "2026-01"]);
    at("2026-01-05T09:00:00+01:00", &["customer", "add", "Beta a.s.", "--tier", "none", "--since", "2026-01"]);
    for (title, customer) in [("Printer", "Acme s.r.o."), ("Mail", "Beta a.s."), ("VPN", "Acme s.r.o.")] {
        at("2026-01-06T09:00:00+01:00", &["ticket", "open", "--customer", customer, "--title", title]);
    }
    at("2026-01-06T10:00:00+01:00", &["time", "add", "1", "--minutes", "95", "--at", "2026-01-06T09:30:00+01:00"]);
    at("2026-01-06T10:00:00+01:00", &["time", "add", "2", "--minutes", "40", "--at", "2026-01-06T09:30:00+01:00"]);
    at("2026-01-07T10:00:00+01:00", &["ticket", "respond", "1", "--resolve-by", "2026-01-20"]);
    // Backslashes and quotes (escaped in the operation's JSON) travel through the bulk COPY unchanged.
    at("2026-01-07T11:00:00+01:00", &["ticket", "comment", "1", r#"Called: "C:\new\tmp" \\n"#]);
    at("2026-02-02T10:00:00+01:00", &["month", "close", "2026-01"]);
    at("2026-02-03T10:00:00+01:00", &["time", "add", "3", "--minutes", "30", "--at", "2026-02-03T09:00:00+01:00"]);
    let views = |m: &Machine, path: &Path| -> Vec<String> {
        let p = db(path);
        [
            vec!["report", "month", "2026-01", "--format", "json"],
            vec!["report", "month", "2026-02", "--format", "json"],
            vec!["ticket", "show", "1", "--format", "json"],
            vec!["ticket", "show", "1"],
            vec!["ticket", "show", "3", "--format", "json"],
            vec!["month", "list", "--format", "json"],
            vec!["customer", "list", "--format", "json"],
        ]
        .iter()
        .map(|args| {
            let mut full = vec!["--db", p];
            full.extend_from_slice(args);
            let mut c = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
            c.args(&full)
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", m.home.path())
                .env("HELPDESK_CONFIG_DIR", m.path("config"))
                .env("HELPDESK_NOW", "2026-02-10T10:00:00+01:00")
                .env("HELPDESK_USER", "Alice");
            let out = c.output().unwrap();
            assert!(out.status.success(), "{full:?}: {}", stderr(&out));
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
    };
    let before = views(&admin, &file);

    let init = admin.run(&["team", "init", &url, "--from", f]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stderr(&init).contains("continue after 3"), "{}", stderr(&init));
    admin.ok(&["team", "add-technician", &url, "alice", "Alice"]);
    let desk = Machine::new();
    let replica = desk.path("desk.db");
    desk.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&replica)]);
    assert_eq!(views(&desk, &replica), before);

    // The team's numbers continue after the file's.
    let next = desk.ok(&["--db", db(&replica), "ticket", "open", "--customer", "Beta a.s.", "--title", "New"]);
    assert_eq!(next.trim(), "4");

    // A second --from into a team that holds tickets is refused, and so is init on a newer one.
    let again = admin.run(&["team", "init", &url, "--from", f]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(stderr(&again).contains("holds tickets already"), "{}", stderr(&again));
    let plain = admin.run(&["team", "init", &url]);
    assert!(plain.status.success());
    assert!(stderr(&plain).contains("set up already"), "{}", stderr(&plain));
}

#[test]
fn the_server_itself_refuses_spoofed_actors_and_viewer_writes() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    let url = team(&pg, &admin);
    let a = Machine::new();
    let ra = a.path("desk.db");
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);

    // Our client: --as another technician on a replica is refused before anything is written.
    let spoof = a.run(&["--db", db(&ra), "--as", "Bob", "ticket", "open", "--customer", "Acme s.r.o.", "--title", "x"]);
    assert_eq!(spoof.status.code(), Some(2));
    assert!(stderr(&spoof).contains("this replica is Alice's desk"), "{}", stderr(&spoof));
    assert!(numbers(&a, &ra).is_empty());

    // Raw SQL as alice, bypassing our client: an operation recorded as Bob is refused by the server.
    let mut alice = pg.connect_as("alice", "helpdesk");
    let (device, batch): (String, i64) = {
        let row = alice.query_one("SELECT device, id FROM helpdesk.batches WHERE role = 'alice' LIMIT 1", &[]).unwrap();
        (row.get(0), row.get(1))
    };
    let body = r#"{"op":"ticket_status_set","id":"0190f1f0-0000-7000-8000-000000000000","status":"closed"}"#;
    let hlc = format!("999999999999999-000000-{device}");
    let refused = alice
        .execute(
            "INSERT INTO helpdesk.ops (device, hlc, actor, body, batch) VALUES ($1, $2, 'Bob', $3, $4)",
            &[&device, &hlc, &body, &batch],
        )
        .unwrap_err();
    let msg = refused.as_db_error().unwrap().message().to_string();
    assert!(msg.contains("recorded as Bob was refused"), "{msg}");
    // Nor may alice write under bob's desk, or edit the log.
    let b = Machine::new();
    let rb = b.path("desk.db");
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
    let bob_device: String =
        alice.query_one("SELECT device FROM helpdesk.desks WHERE role = 'bob'", &[]).unwrap().get(0);
    let hlc = format!("999999999999999-000000-{bob_device}");
    let err = alice
        .execute(
            "INSERT INTO helpdesk.ops (device, hlc, actor, body, batch) VALUES ($1, $2, 'Alice', $3, $4)",
            &[&bob_device, &hlc, &body, &batch],
        )
        .unwrap_err();
    assert!(err.as_db_error().unwrap().message().contains("is not a desk of role alice"), "{err}");
    assert!(alice.execute("DELETE FROM helpdesk.ops", &[]).is_err());
    assert!(alice.execute("UPDATE helpdesk.heads SET hlc = ''", &[]).is_err());

    // A viewer reads everything and writes nothing, with our client or without it.
    let mut wally = pg.connect_as("wally", "helpdesk");
    let seen: i64 = wally.query_one("SELECT count(*) FROM helpdesk.ops", &[]).unwrap().get(0);
    assert!(seen > 0);
    let err = wally.execute("INSERT INTO helpdesk.batches (device, vector) VALUES ('x', '{}')", &[]).unwrap_err();
    assert_eq!(err.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{err}");
    assert!(wally.query_one("SELECT nextval('helpdesk.ticket_numbers')", &[]).is_err());
    let w = Machine::new();
    let rw = w.path("wall.db");
    let joined = w.run(&["team", "join", &pg.socket_url("wally", "helpdesk"), "--db", db(&rw)]);
    assert!(joined.status.success(), "{}", stderr(&joined));
    // Refused as the viewer's role (exit 2, as `--as` on a replica), not as the file's permissions
    // (bb5 #8: "you may not write to the file", exit 1, sent an admin to chmod a file that is fine);
    // every write goes the same way.
    for write in [
        vec!["ticket", "open", "--customer", "Acme s.r.o.", "--title", "x"],
        vec!["customer", "add", "Wall Customer", "--tier", "standard"],
        vec!["customer", "tier", "Acme s.r.o.", "--tier", "standard"],
    ] {
        let out = w.run(&[&["--db", db(&rw)][..], &write[..]].concat());
        assert_eq!(out.status.code(), Some(2), "{write:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("is a viewer's replica of the team: a viewer reads only"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("may not write to the file"), "{}", stderr(&out));
    }
    assert_eq!(w.json(&["--db", db(&rw), "customer", "list", "--format", "json"])[0]["name"], "Acme s.r.o.");
    // and keeps catching up.
    a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Seen on the wall"]);
    let wall = w.run(&["--db", db(&rw), "ticket", "list", "--format", "json"]);
    assert!(wall.status.success() && stderr(&wall).is_empty(), "{}", stderr(&wall));
    assert!(String::from_utf8_lossy(&wall.stdout).contains("Seen on the wall"));

    // Adding a role that does not exist says how to create it.
    let missing = admin.run(&["team", "add-technician", &url, "nobody", "Nobody"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("createuser nobody"), "{}", stderr(&missing));
}

#[test]
fn passwords_come_from_pgpassword_or_the_password_file_and_are_never_shown_or_kept() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let url = pg.tcp_url("carol", "helpdesk");

    let wrong = Machine::new().with("PGPASSWORD", "not-it");
    let out = wrong.run(&["team", "join", &url, "--db", db(&wrong.path("desk.db"))]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("refused the password for role `carol`"), "{err}");
    assert!(!err.contains("not-it"));
    assert!(!wrong.path("desk.db").exists(), "a failed join leaves no file");

    let none = Machine::new();
    let out = none.run(&["team", "join", &url, "--db", db(&none.path("desk.db"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("asks for a password"), "{}", stderr(&out));

    // ~/.pgpass, only when only its owner may read it.
    let desk = Machine::new();
    let pgpass = desk.path(".pgpass");
    std::fs::write(&pgpass, format!("127.0.0.1:{}:helpdesk:carol:carol-pw\n", pg.port)).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let replica = desk.path("desk.db");
    desk.ok(&["team", "join", &url, "--db", db(&replica)]);
    desk.ok(&["--db", db(&replica), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let n = desk.ok(&["--db", db(&replica), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "x"]);
    assert_eq!(n.trim(), "1");

    // A password in the URL argument would show in `ps`: refused, pointing to the password file and
    // PGPASSWORD, nothing made, the password not repeated. PGPASSWORD then works.
    let other = Machine::new();
    let r2 = other.path("desk.db");
    for with_pw in [
        format!("postgresql://carol:carol-pw@127.0.0.1:{}/helpdesk?sslmode=disable", pg.port),
        format!("host=127.0.0.1 port={} dbname=helpdesk user=carol password=carol-pw", pg.port),
    ] {
        for args in [
            vec!["team", "join", &with_pw, "--db", db(&r2)],
            vec!["team", "init", &with_pw],
            vec!["team", "add-viewer", &with_pw, "wally"],
        ] {
            let out = other.run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr(&out);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains("a password in the server URL would show in `ps`"), "{err}");
            assert!(err.contains("~/.pgpass") && err.contains("PGPASSWORD") && !err.contains("carol-pw"), "{err}");
        }
    }
    assert!(!r2.exists());
    let other = other.with("PGPASSWORD", "carol-pw");
    other.ok(&["team", "join", &url, "--db", db(&r2)]);
    for file in [&replica, &r2] {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("carol-pw"), "the password is in {}", file.display());
    }
    let info = other.json(&["--db", db(&r2), "info", "--format", "json"]);
    assert!(!info.to_string().contains("carol-pw"));
    assert_eq!(info["team"], format!("postgresql://carol@127.0.0.1:{}/helpdesk?sslmode=disable", pg.port));
}

#[test]
fn an_unreachable_server_is_named_and_a_replica_keeps_working_alone() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let m = Machine::new();
    let closed = format!("postgresql://alice@127.0.0.1:{}/helpdesk?sslmode=disable", pg::closed_port());
    let out = m.run(&["team", "join", &closed, "--db", db(&m.path("a.db"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot reach the team server at postgresql://alice@127.0.0.1"), "{}", stderr(&out));
    let gone = format!("postgresql:///helpdesk?host={}&user=alice", m.path("no-such-dir").display());
    let out = m.run(&["team", "init", &gone]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot reach the team server"), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);

    // A replica whose server stops: commands work on the replica, tagged numbers, one note each.
    let replica = m.path("desk.db");
    m.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&replica)]);
    m.ok(&["--db", db(&replica), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    drop(pg);
    let out = m.run(&["--db", db(&replica), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "offline"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "A-1");
    assert!(stderr(&out).starts_with("offline since 10:00 · "), "{}", stderr(&out));
    let sync = m.run(&["--db", db(&replica), "team", "sync"]);
    assert_eq!(sync.status.code(), Some(1));
}

#[test]
fn a_newer_server_schema_is_one_clear_line_and_changes_nothing_here() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    let url = team(&pg, &admin);
    let m = Machine::new();
    let replica = m.path("desk.db");
    m.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&replica)]);
    m.ok(&["--db", db(&replica), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let known = helpdesk::team::server::SCHEMA_VERSION;
    pg.admin("helpdesk").execute("INSERT INTO helpdesk.schema_version (version) VALUES ($1)", &[&(known + 1)]).unwrap();
    let files = |p: &Path| {
        let mut wal = p.as_os_str().to_owned();
        wal.push("-wal");
        (std::fs::read(p).unwrap(), std::fs::read(PathBuf::from(wal)).unwrap_or_default())
    };
    let before = files(&replica);
    for args in [
        vec!["--db", db(&replica), "team", "sync"],
        vec!["team", "init", &url],
        vec!["team", "add-viewer", &url, "wally"],
        vec!["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&m.path("b.db"))],
    ] {
        let out = m.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        let said =
            format!("has helpdesk schema version {}, this helpdesk knows up to {known}; upgrade helpdesk", known + 1);
        assert!(err.contains(&said), "{err}");
    }
    assert!(before == files(&replica), "the replica changed");
    assert!(!m.path("b.db").exists());
}

#[test]
fn tls_require_encrypts_and_verify_full_checks_the_certificate() {
    let Some(pg) = Pg::start_tls() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let m = Machine::new().with("PGPASSWORD", "carol-pw");
    let base = format!("postgresql://carol@127.0.0.1:{}/helpdesk", pg.port);

    // The server takes TLS only on TCP (hostssl): without it, refused; require encrypts (so it gets in)
    // without verifying the self-signed certificate.
    let plain = m.run(&["team", "join", &format!("{base}?sslmode=disable"), "--db", db(&m.path("x.db"))]);
    assert_eq!(plain.status.code(), Some(1), "{}", stderr(&plain));
    let replica = m.path("desk.db");
    let joined = m.run(&["team", "join", &format!("{base}?sslmode=require"), "--db", db(&replica)]);
    assert!(joined.status.success(), "{}", stderr(&joined));
    m.ok(&["--db", db(&replica), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    m.ok(&["--db", db(&replica), "team", "sync"]);

    // verify-full: the self-signed certificate is refused against the system's roots, taken with
    // sslrootcert.
    let unknown = m.run(&["team", "join", &format!("{base}?sslmode=verify-full"), "--db", db(&m.path("y.db"))]);
    assert_eq!(unknown.status.code(), Some(1), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("cannot reach the team server"), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("certificate verify failed"), "{}", stderr(&unknown));
    let root = pg.certificate();
    let verified = format!("{base}?sslmode=verify-full&sslrootcert={}", root.display());
    let r2 = m.path("verified.db");
    let out = m.run(&["team", "join", &verified, "--db", db(&r2)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(m.json(&["--db", db(&r2), "customer", "list", "--format", "json"])[0]["name"], "Acme s.r.o.");

    // The server's certificate is self-signed and marked as a CA (what `openssl req -x509` makes, as
    // PostgreSQL's manual shows), taken as sslrootcert's anchor only for the names it carries: the same
    // address reached under another name (`hostaddr`, so no name is looked up) is refused.
    let other_host = format!(
        "postgresql://carol@db.example.test:{}/helpdesk?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert={}",
        pg.port,
        root.display()
    );
    let other_name = m.run(&["team", "join", &other_host, "--db", db(&m.path("z.db"))]);
    assert_eq!(other_name.status.code(), Some(1), "{}", stderr(&other_name));
    assert!(stderr(&other_name).contains("cannot reach the team server"), "{}", stderr(&other_name));
    assert!(stderr(&other_name).contains("hostname mismatch"), "{}", stderr(&other_name));
    // Another self-signed certificate for the same address is no anchor for this server's.
    let other = m.path("other.crt");
    let made = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout"])
        .arg(m.path("other.key"))
        .arg("-out")
        .arg(&other)
        .output()
        .expect("the openssl program");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let wrong_root = format!("{base}?sslmode=verify-full&sslrootcert={}", other.display());
    let refused = m.run(&["team", "join", &wrong_root, "--db", db(&m.path("w.db"))]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("cannot reach the team server"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("certificate verify failed"), "{}", stderr(&refused));
    // A file with no certificate in it says so.
    let empty = m.path("empty.crt");
    std::fs::write(&empty, "no certificate here\n").unwrap();
    let no_pem = format!("{base}?sslmode=verify-full&sslrootcert={}", empty.display());
    let said = m.run(&["team", "join", &no_pem, "--db", db(&m.path("e.db"))]);
    assert_eq!(said.status.code(), Some(1), "{}", stderr(&said));
    assert!(stderr(&said).contains("is not a PEM certificate"), "{}", stderr(&said));
    for refused_copy in ["z.db", "w.db", "e.db"] {
        assert!(!m.path(refused_copy).exists(), "{refused_copy} was made");
    }
}

/// The interface's background connection (`team::live`): another desk's push arrives in this replica
/// by LISTEN/NOTIFY, with no command run here, and this replica's own commits leave by themselves.
#[test]
fn a_live_replica_receives_other_desks_changes_and_pushes_its_own_without_a_command() {
    let Some(pg) = Pg::start() else { return };
    let (a, ra, _b, rb) = alice_and_bob(&pg); // Bob's machine holds the replica: kept to the end.
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);

    let store = helpdesk::store::Store::open_existing(&rb, "Bob").unwrap();
    let binding = store.team_binding().unwrap().unwrap();
    let settings = helpdesk::config::Settings::defaults();
    let timeout = std::time::Duration::from_secs(2);
    let (live, woken) = helpdesk::team::live::Live::start(rb.clone(), binding, settings, timeout);
    // Its first catch-up brings the customer.
    woken.recv_timeout(std::time::Duration::from_secs(10)).expect("the first catch-up");
    let started = std::time::Instant::now();
    a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Printer down"]);
    woken.recv_timeout(std::time::Duration::from_secs(10)).expect("woken by the other desk's push");
    eprintln!("arrived {} ms after the command started", started.elapsed().as_millis());
    let store = helpdesk::store::Store::open_existing(&rb, "Bob").unwrap();
    let ticket = store.require_ticket(&"1".parse().unwrap()).unwrap();
    assert_eq!(ticket.title, "Printer down");

    // A commit on the live replica (here by another process) goes to the server with no command.
    let mut writer = helpdesk::store::Store::open_existing(&rb, "Bob").unwrap();
    writer.add_comment(&ticket.id, "On my way", chrono::Utc::now()).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut admin_db = pg.admin("helpdesk");
    loop {
        let n: i64 = admin_db
            .query_one(
                "SELECT count(*) FROM helpdesk.ops WHERE actor = 'Bob' AND body LIKE '{\"op\":\"comment_added\"%'",
                &[],
            )
            .unwrap()
            .get(0);
        if n == 1 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the comment never reached the server");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(live);
}

/// Pushing is idempotent, and a plain file copy of a replica used beside it (the same desk twice) is
/// caught: its changes under the desk's identity clash with what the server holds, and the server
/// keeps what it had.
#[test]
fn pushing_again_changes_nothing_and_a_copied_replica_is_refused() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let a = Machine::new();
    let ra = a.path("desk.db");
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let count = || -> i64 { pg.admin("helpdesk").query_one("SELECT count(*) FROM helpdesk.ops", &[]).unwrap().get(0) };
    let before = count();
    for _ in 0..2 {
        let out = a.run(&["--db", db(&ra), "team", "sync"]);
        assert!(stderr(&out).contains("received 0, sent 0"), "{}", stderr(&out));
    }
    assert_eq!(count(), before);

    let copy = a.path("copy.db");
    std::fs::copy(&ra, &copy).unwrap();
    a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Original"]);
    let out = a.run(&["--db", db(&copy), "team", "sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("changes made under this copy's identity"), "{}", stderr(&out));
    let titles: Vec<String> = pg
        .admin("helpdesk")
        .query("SELECT body FROM helpdesk.ops WHERE body LIKE '{\"op\":\"ticket_opened\"%'", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(titles.len(), 1);
    assert!(titles[0].contains("Original"));
}

/// The one stderr line of an offline command: `offline since HH:MM · N unshared` → N.
fn offline_count(out: &Output, since: &str) -> i64 {
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "one note: {err}");
    let rest = err.trim().strip_prefix(&format!("offline since {since} · ")).unwrap_or_else(|| panic!("{err}"));
    rest.strip_suffix(" unshared").and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{err}"))
}

fn titles(m: &Machine, replica: &Path) -> Vec<String> {
    let list = m.json(&["--db", db(replica), "ticket", "list", "--format", "json"]);
    let mut out: Vec<String> =
        list.as_array().unwrap().iter().map(|t| format!("{} {}", t["number"].as_str().unwrap(), t["title"])).collect();
    out.sort();
    out
}

/// Issue 16: a desk whose server stops keeps working (exit 0, one note with the count of unshared
/// changes), `team` commands that need the server exit 1 and `team status` still says what the desk
/// knows; once the server is back, the next write pushes the offline work and pulls the others', with
/// no `team sync`.
#[test]
fn an_offline_desk_keeps_working_and_the_next_command_catches_up() {
    let Some(pg) = Pg::start() else { return };
    let (a, ra, b, rb) = alice_and_bob(&pg);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    b.ok(&["--db", db(&rb), "customer", "list"]);

    pg.stop();
    let open = a.run(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Offline one"]);
    assert!(open.status.success(), "{}", stderr(&open));
    assert_eq!(String::from_utf8_lossy(&open.stdout).trim(), "A-1");
    let first = offline_count(&open, "10:00");
    assert!(first >= 1, "{}", stderr(&open));
    let comment = a.run(&["--db", db(&ra), "ticket", "comment", "A-1", "Written offline"]);
    assert!(comment.status.success(), "{}", stderr(&comment));
    assert!(offline_count(&comment, "10:00") > first);
    // A read says so too, and the date appears when the outage began on another day.
    let later = a.clone_with_now("2026-03-03T09:00:00+01:00");
    let read = later.run(&["--db", db(&ra), "ticket", "list"]);
    assert!(read.status.success());
    assert!(stderr(&read).starts_with("offline since 2026-03-02 10:00 · "), "{}", stderr(&read));

    let sync = a.run(&["--db", db(&ra), "team", "sync"]);
    assert_eq!(sync.status.code(), Some(1));
    let err = stderr(&sync);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot reach the team server") && err.contains("offline since 10:00 · "), "{err}");
    let status = a.run(&["--db", db(&ra), "team", "status", "--format", "json"]);
    assert_eq!(status.status.code(), Some(1));
    let s: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(s["reachable"], false);
    assert_eq!(s["lag"], serde_json::Value::Null);
    assert_eq!(s["desks"], serde_json::Value::Null);
    assert_eq!(s["desk"], "A");
    assert_eq!(s["technician"], "Alice");
    assert!(s["unshared"].as_i64().unwrap() > first);
    assert_eq!(s["offline_since"], "2026-03-02T10:00:00+01:00");
    assert_eq!(s["last_contact"], "2026-03-02T10:00:00+01:00");

    pg.start_again();
    let plain = b.ok(&["--db", db(&rb), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Online one"]);
    assert_eq!(plain.trim(), "1");
    // The next write at desk A: no note, its offline work goes out, B's comes in.
    let back = a.run(&["--db", db(&ra), "ticket", "comment", "A-1", "Back online"]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(stderr(&back), "", "online again: no note");
    let want = vec!["1 \"Online one\"".to_string(), "A-1 \"Offline one\"".to_string()];
    assert_eq!(titles(&a, &ra), want);
    assert_eq!(titles(&b, &rb), want);
    let comments = b.json(&["--db", db(&rb), "ticket", "show", "A-1", "--format", "json"]);
    let text = comments.to_string();
    assert!(text.contains("Written offline") && text.contains("Back online"), "{text}");

    let s = a.json(&["--db", db(&ra), "team", "status", "--format", "json"]);
    assert_eq!(s["reachable"], true);
    assert_eq!(s["schema_version"], helpdesk::team::server::SCHEMA_VERSION);
    assert_eq!(s["lag"], 0);
    assert_eq!(s["unshared"], 0);
    assert_eq!(s["offline_since"], serde_json::Value::Null);
    let desks = s["desks"].as_array().unwrap();
    assert_eq!(desks.len(), 2, "{s}");
    assert_eq!(desks[0]["desk"], "A");
    assert_eq!(desks[0]["this_desk"], true);
    assert!(desks.iter().all(|d| d["last_contact"].is_string()), "{s}");
    // B has not heard of A's newest comment yet: behind by it.
    a.ok(&["--db", db(&ra), "ticket", "comment", "1", "Seen"]);
    let sb = b.json(&["--db", db(&rb), "team", "status", "--format", "json"]);
    assert!(sb["lag"].as_i64().unwrap() >= 1, "{sb}");
    let table = b.ok(&["--db", db(&rb), "team", "status"]);
    assert!(table.contains("B (this)") && table.contains("Alice"), "{table}");
}

/// A server that accepts the connection and then says nothing (a frozen host, a full pooler) costs a
/// command `HELPDESK_TEAM_TIMEOUT_MS`, not forever; and a read right after a failed attempt does not
/// try again (the replica remembers), while one later does. Connections are counted on the listener.
#[test]
fn a_server_that_accepts_and_then_says_nothing_is_given_up_and_reads_back_off() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let m = Machine::new().with("PGPASSWORD", "carol-pw").with("HELPDESK_TEAM_TIMEOUT_MS", "300");
    let replica = m.path("desk.db");
    m.ok(&["team", "join", &pg.tcp_url("carol", "helpdesk"), "--db", db(&replica)]);
    m.ok(&["--db", db(&replica), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    pg.stop();
    let silent = std::net::TcpListener::bind(("127.0.0.1", pg.port)).expect("the server's port is free again");
    silent.set_nonblocking(true).unwrap();
    let mut held = Vec::new();
    let mut accepted = || -> usize {
        let mut n = 0;
        while let Ok((stream, _)) = silent.accept() {
            held.push(stream);
            n += 1;
        }
        n
    };

    let write = m.run(&["--db", db(&replica), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "x"]);
    assert!(write.status.success(), "{}", stderr(&write));
    assert_eq!(String::from_utf8_lossy(&write.stdout).trim(), "A-1");
    assert!(offline_count(&write, "10:00") >= 1);
    assert_eq!(accepted(), 1, "the write tried the server once");
    let read = m.run(&["--db", db(&replica), "ticket", "list"]);
    assert!(read.status.success() && stderr(&read).starts_with("offline since 10:00 · "), "{}", stderr(&read));
    assert_eq!(accepted(), 0, "a read right after a failed attempt does not try");
    let later = m.clone_with_now("2026-03-02T10:01:00+01:00");
    let read = later.run(&["--db", db(&replica), "ticket", "list"]);
    assert!(read.status.success() && stderr(&read).starts_with("offline since 10:00 · "), "{}", stderr(&read));
    assert_eq!(accepted(), 1, "a read after the back-off tries again");
    let sync = m.run(&["--db", db(&replica), "team", "sync"]);
    assert_eq!(sync.status.code(), Some(1));
    assert!(stderr(&sync).contains("did not answer within 300 ms"), "{}", stderr(&sync));
}

/// The interface's background connection through a server restart: it notices the server is gone and
/// records since when (the status bar shows it), the desk keeps writing, and when the server is back
/// it reconnects by itself, pushes what was written meanwhile and pulls the other desk's work — no
/// command, no keypress. Waits are on conditions with deadlines.
#[test]
fn a_live_replica_goes_offline_and_catches_up_by_itself_when_the_server_is_back() {
    use helpdesk::store::Store;
    use std::time::{Duration, Instant};
    let Some(pg) = Pg::start() else { return };
    let (a, ra, b, rb) = alice_and_bob(&pg);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);

    let binding = Store::open_existing(&rb, "Bob").unwrap().team_binding().unwrap().unwrap();
    let settings = helpdesk::config::Settings::defaults();
    let (live, _woken) = helpdesk::team::live::Live::start(rb.clone(), binding, settings, Duration::from_secs(1));
    let online = live.online();
    let until = |what: &str, mut ok: Box<dyn FnMut() -> bool + '_>| {
        let deadline = Instant::now() + Duration::from_secs(40);
        while !ok() {
            assert!(Instant::now() < deadline, "never: {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    };
    until("connected", Box::new(|| online.load(std::sync::atomic::Ordering::Relaxed)));
    let contact = || Store::open_existing(&rb, "Bob").unwrap().team_contact().unwrap();
    assert_eq!(contact().offline_since, None);

    pg.stop();
    until("offline recorded", Box::new(|| contact().offline_since.is_some()));
    assert!(!online.load(std::sync::atomic::Ordering::Relaxed));
    // Desk B writes meanwhile (as its interface would), desk A too, each alone.
    let mut writer = Store::open_existing(&rb, "Bob").unwrap();
    let customer = writer.customers_matching("Acme", 1).unwrap().remove(0);
    let offline = writer
        .open_ticket(
            helpdesk::store::NewTicket {
                customer_id: customer.id,
                title: "Written while the server was down".into(),
                description: String::new(),
                kind: helpdesk::domain::TicketKind::Request,
                assignee: None,
                received_at: chrono::Utc::now(),
            },
            chrono::Utc::now(),
        )
        .unwrap();
    assert_eq!(offline.number, "B-1");
    let a_open = a.run(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "From A"]);
    assert!(a_open.status.success(), "{}", stderr(&a_open));

    pg.start_again();
    // A's next write pushes A's ticket (a read right after A's failed attempt would not try yet); B's
    // background thread brings it in and sends B's out.
    a.ok(&["--db", db(&ra), "ticket", "comment", "A-1", "Back"]);
    let admin_db = || pg.admin("helpdesk");
    until(
        "B's offline ticket on the server",
        Box::new(|| {
            let n: i64 = admin_db()
                .query_one(
                    "SELECT count(*) FROM helpdesk.ops WHERE body LIKE '%Written while the server was down%'",
                    &[],
                )
                .unwrap()
                .get(0);
            n == 1
        }),
    );
    until(
        "A's ticket at desk B",
        Box::new(|| Store::open_existing(&rb, "Bob").unwrap().require_ticket(&"A-1".parse().unwrap()).is_ok()),
    );
    until("B back online", Box::new(|| contact().offline_since.is_none()));
    assert!(online.load(std::sync::atomic::Ordering::Relaxed));
    drop(live);
    assert_eq!(titles(&a, &ra), titles(&b, &rb));
}

/// A command held at a pause point (`HELPDESK_TEST_PAUSE`).
struct Paused {
    child: std::process::Child,
    err: std::io::BufReader<std::process::ChildStderr>,
}

/// Starts a command and waits until it stops at the pause point `at`.
fn pause(m: &Machine, args: &[&str], at: &str) -> Paused {
    use std::io::BufRead;
    let mut c = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
    c.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", m.home.path())
        .env("HELPDESK_CONFIG_DIR", m.path("config"))
        .env("HELPDESK_NOW", "2026-03-02T10:00:00+01:00")
        .env("USER", "someone")
        .env("HELPDESK_TEST_PAUSE", at)
        // Long enough that the desk does not give up on the server while it is held at the pause.
        .env("HELPDESK_TEAM_TIMEOUT_MS", "20000");
    for (k, v) in &m.env {
        c.env(k, v);
    }
    c.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), format!("paused at {at}"), "the command never reached the pause point");
    Paused { child, err }
}

impl Paused {
    /// Lets the command go on (or kills it): its output.
    fn finish(mut self, kill: bool) -> Output {
        use std::io::Write;
        if kill {
            self.child.kill().unwrap();
        } else {
            self.child.stdin.take().unwrap().write_all(b"\n").unwrap();
        }
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut self.err, &mut rest).unwrap();
        let mut out = self.child.wait_with_output().unwrap();
        out.stderr = rest.into_bytes();
        out
    }
}

/// Runs a command that stops at the pause point `at`, does `meanwhile` there, and then lets it go on
/// (or, when `meanwhile` says so, kills it): its output.
fn paused_at(m: &Machine, args: &[&str], at: &str, meanwhile: impl FnOnce() -> bool) -> Output {
    let held = pause(m, args, at);
    let kill = meanwhile();
    held.finish(kill)
}

/// Issue 16: batches are numbered when a push begins and become visible when it commits, so a lower
/// one can appear after a higher one. A pull that began while desk A's push (the lower batch) was not
/// committed yet, and that fetches after A committed it and pushed again, takes A's work from where
/// the replica stands, not from where the pull began: nothing of A is skipped (the load bench once left
/// 3 comments missing on a replica that counted itself complete).
#[test]
fn a_batch_that_commits_after_a_later_one_is_not_skipped_by_a_pull_under_way() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let (a, b, c) = (Machine::new(), Machine::new(), Machine::new());
    let (ra, rb, rc) = (a.path("desk.db"), b.path("desk.db"), c.path("desk.db"));
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
    c.ok(&["team", "join", &pg.socket_url("carol", "helpdesk"), "--db", db(&rc)]);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let number = a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Printer"]);
    let number = number.trim().to_string();
    for (m, r) in [(&b, &rb), (&c, &rc)] {
        m.ok(&["--db", db(r), "team", "sync"]);
    }
    // A's push holds the lower batch, uncommitted; B's (the higher) commits.
    let first = pause(&a, &["--db", db(&ra), "ticket", "comment", &number, "A first"], "team-push-inserted");
    b.ok(&["--db", db(&rb), "ticket", "comment", &number, "B only"]);
    // C's pull begins now (it sees B's batch, not A's), and waits.
    let pull = pause(&c, &["--db", db(&rc), "team", "sync"], "team-pull-started");
    // A commits, and pushes again: a batch higher than B's.
    let out = first.finish(false);
    assert!(out.status.success(), "{}", stderr(&out));
    a.ok(&["--db", db(&ra), "ticket", "comment", &number, "A second"]);
    let out = pull.finish(false);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = c.ok(&["--db", db(&rc), "ticket", "show", &number, "--format", "json"]);
    for text in ["A first", "B only", "A second"] {
        assert!(shown.contains(text), "{text} is missing on desk C: {shown}");
    }
    let status = c.json(&["--db", db(&rc), "team", "status", "--format", "json"]);
    assert_eq!(status["lag"], 0, "{status}");
}

/// Issue 16: a push is one transaction keyed by (device, clock). Cut off before its commit (the
/// server terminates the desk's connection, as a restart does) it leaves nothing on the server, the
/// command still exits 0 and says the desk is offline, and the next command sends it once. Killed
/// after the commit but before the desk noted it, the next command sends nothing again.
#[test]
fn a_push_cut_off_midway_is_neither_lost_nor_applied_twice() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let a = Machine::new();
    let ra = a.path("desk.db");
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let on_server = |title: &str| -> i64 {
        pg.admin("helpdesk")
            .query_one("SELECT count(*) FROM helpdesk.ops WHERE body LIKE '%' || $1 || '%'", &[&title])
            .unwrap()
            .get(0)
    };
    let all_ops =
        || -> i64 { pg.admin("helpdesk").query_one("SELECT count(*) FROM helpdesk.ops", &[]).unwrap().get(0) };

    // Before the commit: the server terminates the connection.
    let open = ["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Cut before commit"];
    let out = paused_at(&a, &open, "team-push-inserted", || {
        assert_eq!(pg.terminate_desks("helpdesk"), 1, "the paused desk's connection");
        false
    });
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1", "numbered while connected");
    assert!(offline_count(&out, "10:00") >= 1);
    assert_eq!(on_server("Cut before commit"), 0, "nothing of the cut push is on the server");
    let sync = a.run(&["--db", db(&ra), "team", "sync"]);
    assert!(stderr(&sync).contains("received 0, sent "), "{}", stderr(&sync));
    assert_eq!(on_server("Cut before commit"), 1, "sent once by the next command");

    // After the commit, before the desk noted it: the process dies.
    let open = ["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Killed after commit"];
    let out = paused_at(&a, &open, "team-push-committed", || true);
    assert!(!out.status.success());
    assert_eq!(on_server("Killed after commit"), 1);
    let before = all_ops();
    let status = a.json(&["--db", db(&ra), "team", "status", "--format", "json"]);
    assert!(status["unshared"].as_i64().unwrap() >= 1, "the desk did not hear of the commit: {status}");
    let sync = a.run(&["--db", db(&ra), "team", "sync"]);
    assert!(stderr(&sync).contains("received 0, sent 0"), "{}", stderr(&sync));
    assert_eq!(all_ops(), before, "nothing applied twice");
    assert_eq!(on_server("Killed after commit"), 1);
    let status = a.json(&["--db", db(&ra), "team", "status", "--format", "json"]);
    assert_eq!(status["unshared"], 0, "{status}");
    assert_eq!(status["lag"], 0, "{status}");
    assert_eq!(numbers(&a, &ra), ["1", "2"]);
}

/// Back to one file: `sync clone` of a replica makes a stand-alone file with the team's data and
/// history, bound to no server (it never tries one, and says nothing of it).
#[test]
fn a_clone_of_a_replica_is_a_stand_alone_file() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let a = Machine::new();
    let ra = a.path("desk.db");
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "On the server"]);
    let single = a.path("single.db");
    a.ok(&["sync", "clone", db(&ra), db(&single)]);
    drop(pg);
    let info = a.json(&["--db", db(&single), "info", "--format", "json"]);
    assert_eq!(info["team"], serde_json::Value::Null, "{info}");
    let out = a.run(&["--db", db(&single), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Alone"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "a stand-alone file says nothing of a server");
    assert_eq!(titles(&a, &single).len(), 2);
    assert!(titles(&a, &single).contains(&"1 \"On the server\"".to_string()));
}

/// A backlog on the server: a demo team file's whole log (`tickets` tickets, `entries` time entries),
/// moved in by the admin as one batch (the admin may insert anything), with the team's numbers moved
/// past its tickets'. Returns the file (the state every desk must end with) and the operations moved.
fn backlog(pg: &Pg, m: &Machine, tickets: &str, entries: &str) -> (PathBuf, usize) {
    let file = m.path("backlog.db");
    let maker = Machine { home: m.home.clone(), env: vec![("HELPDESK_USER".into(), "Admin".into())] };
    maker.ok(&[
        "--db",
        db(&file),
        "demo",
        "--customers",
        "3",
        "--tickets",
        tickets,
        "--entries",
        entries,
        "--seed",
        "16",
    ]);
    let store = helpdesk::store::Store::open_read_only(&file, "check").unwrap();
    let ops = store.all_ops().unwrap();
    let mut admin = pg.admin("helpdesk");
    let mut tx = admin.transaction().unwrap();
    let batch: i64 = tx
        .query_one("INSERT INTO helpdesk.batches (device, vector) VALUES ($1, '{}') RETURNING id", &[&store.device()])
        .unwrap()
        .get(0);
    for chunk in ops.chunks(1000) {
        let column = |f: &dyn Fn(&helpdesk::store::OpRecord) -> String| chunk.iter().map(f).collect::<Vec<String>>();
        let devices = column(&|o| o.device.clone());
        let hlcs = column(&|o| o.hlc.clone());
        let actors = column(&|o| o.actor.clone());
        let bodies = column(&|o| serde_json::to_string(&o.change).unwrap());
        tx.execute(
            "INSERT INTO helpdesk.ops (device, hlc, actor, body, batch)
             SELECT d, h, a, b, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(d, h, a, b)",
            &[&devices, &hlcs, &actors, &bodies, &batch],
        )
        .unwrap();
    }
    tx.execute("SELECT setval('helpdesk.ticket_numbers', $1)", &[&tickets.parse::<i64>().unwrap()]).unwrap();
    tx.commit().unwrap();
    (file, ops.len())
}

/// Whether the replica holds everything the server does (its vector covers the server's heads).
fn caught_up(pg: &Pg, replica: &Path) -> bool {
    let heads = pg.admin("helpdesk").query("SELECT device, hlc FROM helpdesk.heads", &[]).unwrap();
    let vector = helpdesk::store::Store::open_read_only(replica, "check").unwrap().vector().unwrap();
    heads.iter().all(|r| vector.get(&r.get::<_, String>(0)) == Some(&r.get::<_, String>(1)))
}

/// Issue 16: the background connection of a desk far behind (another desk's backlog of thousands of
/// operations) applies the catch-up in small transactions and lets go of the file between them, so
/// commands writing on the same replica meanwhile — real processes, in a loop — wait their turn
/// (`busy_timeout`) instead of being refused busy, and every write reaches the replica and the server.
#[test]
fn writes_on_a_replica_are_never_refused_while_its_background_connection_applies_a_big_catch_up() {
    use std::time::{Duration, Instant};
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let (a, b) = (Machine::new(), Machine::new());
    let (ra, rb) = (a.path("desk.db"), b.path("desk.db"));
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
    let (file, ops) = backlog(&pg, &admin, "400", "6000");
    assert!(ops > 6000, "a backlog of several pages: {ops}");
    // The writers' own catch-up takes one small step each: the background connection does the rest.
    // They wait at most 1 s for the file's lock (5 s by default): a transaction of the catch-up that
    // held it longer would refuse them.
    let writer = Machine {
        home: a.home.clone(),
        env: vec![("HELPDESK_TEAM_CATCH_UP_MS".into(), "1".into()), ("HELPDESK_BUSY_TIMEOUT_MS".into(), "1000".into())],
    };
    writer.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let number = writer.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Busy desk"]);
    let number = number.trim().to_string();
    assert_eq!(number, "401", "the team's numbers go on after the backlog's");
    assert!(!caught_up(&pg, &ra));

    let binding = helpdesk::store::Store::open_existing(&ra, "Alice").unwrap().team_binding().unwrap().unwrap();
    let settings = helpdesk::config::Settings::defaults();
    let (live, _woken) = helpdesk::team::live::Live::start(ra.clone(), binding, settings, Duration::from_secs(2));
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut written = Vec::new();
    let mut during = 0;
    loop {
        let busy = !caught_up(&pg, &ra);
        if !busy && written.len() >= 3 {
            break;
        }
        assert!(Instant::now() < deadline, "the catch-up never finished ({} writes so far)", written.len());
        let text = format!("write {}", written.len());
        let out = writer.run(&["--db", db(&ra), "ticket", "comment", &number, &text]);
        assert!(out.status.success(), "write {} refused ({}): {}", written.len(), out.status, stderr(&out));
        written.push(text);
        during += usize::from(busy);
    }
    drop(live);
    assert!(during >= 1, "at least one write while the catch-up ran");
    let sync = a.run(&["--db", db(&ra), "team", "sync"]);
    assert!(sync.status.success(), "{}", stderr(&sync));
    let shown = a.json(&["--db", db(&ra), "ticket", "show", &number, "--format", "json"]).to_string();
    let on_server: i64 = pg
        .admin("helpdesk")
        .query_one("SELECT count(*) FROM helpdesk.ops WHERE actor = 'Alice' AND body LIKE '%\"write %'", &[])
        .unwrap()
        .get(0);
    assert_eq!(on_server as usize, written.len(), "every write on the server");
    for text in &written {
        assert!(shown.contains(&format!("\"{text}\"")), "{text} is missing on the replica: {shown}");
    }
    // And the backlog arrived whole: both desks hold what the file held, and the same.
    b.ok(&["--db", db(&rb), "team", "sync"]);
    let list = |m: &Machine, r: &Path| m.ok(&["--db", db(r), "ticket", "list", "--format", "json"]);
    assert_eq!(list(&a, &ra), list(&b, &rb));
    let report = |m: &Machine, r: &Path| m.json(&["--db", db(r), "report", "month", "2026-02", "--format", "json"]);
    let mut here = report(&a, &ra).as_array().unwrap().clone();
    here.retain(|s| s["customer"] != "Acme s.r.o.");
    assert_eq!(serde_json::Value::Array(here), report(&admin, &file), "desk A's statements of the backlog's customers");
}

/// `caught up with H of T …` (a command's partial catch-up) → (H, T).
fn partial_catch_up(out: &Output) -> Option<(u64, u64)> {
    let err = stderr(out);
    let rest = err.lines().find_map(|l| l.strip_prefix("helpdesk: caught up with "))?;
    let mut words = rest.split(' ');
    let handled = words.next()?.parse().ok()?;
    assert_eq!(words.next(), Some("of"), "{err}");
    Some((handled, words.next()?.parse().ok()?))
}

/// Issue 16: a command on a replica far behind spends at most `HELPDESK_TEAM_CATCH_UP_MS` catching up
/// (exchanges of one page each, so no exchange limit cuts a long catch-up short), says how far it got,
/// and the next command goes on from where it stopped — nothing is left behind or applied twice —
/// until `team sync` (page after page, as long as it takes) brings the rest. Statements and lists agree
/// with the desk that made the work.
#[test]
fn a_long_catch_up_goes_on_from_where_the_last_command_stopped() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let a = Machine::new();
    let ra = a.path("desk.db");
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    let (file, ops) = backlog(&pg, &admin, "300", "4500");
    let short = Machine { home: a.home.clone(), env: vec![("HELPDESK_TEAM_CATCH_UP_MS".into(), "1".into())] };

    let first = short.run(&["--db", db(&ra), "ticket", "list"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let (h1, t1) = partial_catch_up(&first).unwrap_or_else(|| panic!("a partial catch-up: {}", stderr(&first)));
    assert!(h1 >= 1 && h1 < t1, "{}", stderr(&first));
    assert_eq!(t1 as usize, ops, "the whole backlog is ahead: {}", stderr(&first));
    let second = short.run(&["--db", db(&ra), "ticket", "list"]);
    let (h2, t2) = partial_catch_up(&second).unwrap_or_else(|| panic!("{}", stderr(&second)));
    assert_eq!(t2, t1 - h1, "the second command starts where the first stopped: {}", stderr(&second));
    assert!(h2 >= 1);

    let sync = a.run(&["--db", db(&ra), "team", "sync"]);
    assert!(sync.status.success(), "{}", stderr(&sync));
    assert!(stderr(&sync).contains(&format!("received {}, sent 0", t2 - h2)), "{}", stderr(&sync));
    assert!(caught_up(&pg, &ra));
    for args in [
        vec!["ticket", "list", "--format", "json"],
        vec!["report", "month", "2026-02", "--format", "json"],
        vec!["customer", "list", "--format", "json"],
    ] {
        let view = |m: &Machine, r: &Path| {
            let mut full = vec!["--db", db(r)];
            full.extend_from_slice(&args);
            m.ok(&full)
        };
        assert_eq!(view(&a, &ra), view(&admin, &file), "{args:?}");
    }
}

/// Runs a command, failing the test (after killing it) when it has not ended within `within`: a
/// command must never hang on a server that stopped answering.
fn bounded_run(m: &Machine, args: &[&str], within: std::time::Duration) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_helpdesk"));
    c.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", m.home.path())
        .env("HELPDESK_CONFIG_DIR", m.path("config"))
        .env("HELPDESK_NOW", "2026-03-02T10:00:00+01:00")
        .env("USER", "someone");
    for (k, v) in &m.env {
        c.env(k, v);
    }
    c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    let deadline = std::time::Instant::now() + within;
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            panic!("helpdesk {args:?} still waits for the frozen server after {within:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Issue 16: a server whose processes are all stopped (`SIGSTOP`: connections are accepted by the
/// kernel, nothing answers) costs a command its timeouts, not forever — it works on the replica and
/// says it is offline — and the interface's background connection notices it (its push gets no answer),
/// records the desk offline, and keeps the desk writing. Once the server runs again (`SIGCONT`) both
/// catch up by themselves: the command's offline ticket and the interface's reach the server and
/// each other.
#[test]
fn a_frozen_server_costs_a_desk_its_timeouts_and_the_desk_catches_up_when_it_thaws() {
    use helpdesk::store::Store;
    use std::time::{Duration, Instant};
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let a = Machine::new().with("HELPDESK_TEAM_TIMEOUT_MS", "500");
    let b = Machine::new();
    let (ra, rb) = (a.path("desk.db"), b.path("desk.db"));
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    b.ok(&["--db", db(&rb), "customer", "list"]);

    let binding = Store::open_existing(&rb, "Bob").unwrap().team_binding().unwrap().unwrap();
    let settings = helpdesk::config::Settings::defaults();
    let (live, _woken) = helpdesk::team::live::Live::start(rb.clone(), binding, settings, Duration::from_millis(500));
    let online = live.online();
    let until = |what: &str, ok: &mut dyn FnMut() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !ok() {
            assert!(Instant::now() < deadline, "never: {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    };
    until("connected", &mut || online.load(std::sync::atomic::Ordering::Relaxed));
    let contact = || Store::open_existing(&rb, "Bob").unwrap().team_contact().unwrap();

    let frozen = pg.freeze();
    let within = Duration::from_secs(60);
    let open = bounded_run(
        &a,
        &["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "A frozen"],
        within,
    );
    assert!(open.status.success(), "{}", stderr(&open));
    assert_eq!(String::from_utf8_lossy(&open.stdout).trim(), "A-1");
    assert!(offline_count(&open, "10:00") >= 1);
    let sync = bounded_run(&a, &["--db", db(&ra), "team", "sync"], within);
    assert_eq!(sync.status.code(), Some(1), "{}", stderr(&sync));
    // Desk B writes as its interface would; the background push gets no answer and gives up.
    let mut writer = Store::open_existing(&rb, "Bob").unwrap();
    let customer = writer.customers_matching("Acme", 1).unwrap().remove(0);
    let ticket = helpdesk::store::NewTicket {
        customer_id: customer.id,
        title: "B frozen".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Request,
        assignee: None,
        received_at: chrono::Utc::now(),
    };
    assert_eq!(writer.open_ticket(ticket, chrono::Utc::now()).unwrap().number, "B-1");
    until("B offline", &mut || contact().offline_since.is_some());
    assert!(!online.load(std::sync::atomic::Ordering::Relaxed));

    drop(frozen);
    let back = bounded_run(&a, &["--db", db(&ra), "ticket", "comment", "A-1", "Thawed"], within);
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(stderr(&back), "", "online again: no note");
    until("A's ticket at desk B", &mut || {
        Store::open_existing(&rb, "Bob").unwrap().require_ticket(&"A-1".parse().unwrap()).is_ok()
    });
    until("B's ticket on the server", &mut || {
        let n: i64 = pg
            .admin("helpdesk")
            .query_one("SELECT count(*) FROM helpdesk.ops WHERE body LIKE '%B frozen%'", &[])
            .unwrap()
            .get(0);
        n == 1
    });
    until("B online again", &mut || contact().offline_since.is_none());
    drop(live);
    a.ok(&["--db", db(&ra), "team", "sync"]);
    assert_eq!(titles(&a, &ra), titles(&b, &rb));
}

/// Every state table of a replica, as `Store::state_dump` writes them: (table, its rows).
fn state_tables(replica: &Path) -> Vec<(String, String)> {
    let dump = helpdesk::store::Store::open_read_only(replica, "check").unwrap().state_dump().unwrap();
    dump.split("## ")
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (table, rows) = s.split_once('\n').unwrap_or((s, ""));
            (table.to_string(), rows.to_string())
        })
        .collect()
}

/// A replica's operation log as stored, in a stable order and without the file's own row numbers:
/// each operation's device, clock, actor, the ticket whose history shows it, and its compressed body
/// byte for byte (a join compresses bodies on several threads beforehand: they must be the bytes a
/// desk that applied them one by one stored). Then how many arrival marks the file holds.
fn stored_log(replica: &Path) -> (String, i64) {
    let conn = rusqlite::Connection::open_with_flags(replica, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT hex(d.id), o.clock, a.name, hex((SELECT t.id FROM tickets t WHERE t.no = o.ticket)), hex(o.body)
             FROM oplog o JOIN devices d ON d.no = o.device JOIN actors a ON a.no = o.actor ORDER BY 1, 2",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {} {} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?
            ))
        })
        .unwrap();
    let log: Vec<String> = rows.map(Result::unwrap).collect();
    let marks = conn.query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0)).unwrap();
    (log.join("\n"), marks)
}

/// A replica's search index: each ticket's indexed document (its text, and whether it is in the open
/// tickets' index), then the tickets the first word of some titles finds in either index (sorted: two
/// tickets received in the same second may be numbered either way).
fn search_index(replica: &Path) -> (String, Vec<Vec<String>>) {
    let conn = rusqlite::Connection::open_with_flags(replica, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn.prepare("SELECT hex(ticket_id), title, body, open FROM search_docs ORDER BY 1").unwrap();
    let docs: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {:?} {:?} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let words: Vec<String> = docs
        .iter()
        .take(20)
        .filter_map(|d| d.split('"').nth(1).and_then(|t| t.split_whitespace().next()).map(str::to_string))
        .collect();
    let store = helpdesk::store::Store::open_read_only(replica, "check").unwrap();
    let hits = words
        .iter()
        .flat_map(|w| [true, false].map(|open| (w, open)))
        .map(|(w, open)| {
            let mut ids: Vec<String> =
                store.search_ticket_ids(w, open, 10_000).unwrap().into_iter().map(|id| id.into_string()).collect();
            ids.sort();
            ids
        })
        .collect();
    (docs.join("\n"), hits)
}

/// Issue 16: `team join` fills the new file as a bulk load (one process, big transactions, a big page
/// cache). What it makes is what a desk that was there all along reaches by catching up in small
/// transactions (`team sync` at a shared desk's pace), table by table; it is what its own log replays
/// to (`check --replay`); and it is what the team file held, but for the desks' own tags.
#[test]
fn a_joined_replica_is_the_state_a_caught_up_desk_has_and_what_its_log_replays_to() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let (a, b) = (Machine::new(), Machine::new());
    let (ra, rb) = (a.path("desk.db"), b.path("desk.db"));
    a.ok(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&ra)]);
    // Closed months, corrections, timers, comments, first responses: the demo's history, on the server.
    let (file, ops) = backlog(&pg, &admin, "250", "3000");
    // Alice's desk catches up in the small transactions of a desk in use; Bob's is made by the join.
    a.ok(&["--db", db(&ra), "team", "sync"]);
    b.ok(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&rb)]);
    a.ok(&["--db", db(&ra), "team", "sync"]);
    assert!(caught_up(&pg, &ra) && caught_up(&pg, &rb));

    let (joined, synced, moved) = (state_tables(&rb), state_tables(&ra), state_tables(&file));
    assert!(joined.len() > 15, "every state table: {:?}", joined.iter().map(|t| &t.0).collect::<Vec<_>>());
    for ((table, rows), (_, other)) in joined.iter().zip(&synced) {
        assert_eq!(rows, other, "table {table}: the joined replica and the desk that caught up differ");
    }
    // The search index too: a join indexes every ticket once at the end, from its final text; a desk
    // that caught up indexed the tickets each transaction touched.
    let (joined_search, synced_search) = (search_index(&rb), search_index(&ra));
    assert!(joined_search.1.iter().any(|hits| !hits.is_empty()), "the words find tickets: {:?}", joined_search.1);
    assert!(joined_search == synced_search, "the joined replica's search index and the caught-up desk's differ");
    // The logs too, body for body; and a new replica keeps no arrival marks (the desks that held the
    // work priced it), as the desk that caught up, which prices its own when it holds any.
    let ((joined_log, joined_marks), (synced_log, _)) = (stored_log(&rb), stored_log(&ra));
    assert!(joined_log.lines().count() >= ops, "the whole log: {} of {ops}", joined_log.lines().count());
    assert!(joined_log == synced_log, "the joined replica's log and the caught-up desk's differ");
    assert_eq!(joined_marks, 0, "a joined replica keeps no arrival marks");
    let entries = joined.iter().find(|(t, _)| t == "time_entries").map_or(0, |(_, rows)| rows.lines().count());
    assert!(entries > 2000, "the backlog's entries arrived: {entries} of {ops} operations");
    for ((table, rows), (_, theirs)) in joined.iter().zip(&moved) {
        if table == "copy_tags" {
            // The two desks' tags are theirs; the team file's copies are there too.
            assert!(theirs.lines().all(|l| rows.contains(l)), "copy_tags: {rows}\nvs the file's\n{theirs}");
            assert_eq!(rows.lines().count(), theirs.lines().count() + 2, "{rows}");
        } else {
            assert_eq!(rows, theirs, "table {table}: the joined replica and the team file differ");
        }
    }
    for (m, r) in [(&a, &ra), (&b, &rb)] {
        let check = m.run(&["--db", db(r), "check", "--replay"]);
        assert!(check.status.success(), "{}", stderr(&check));
    }
}

/// The scratch files a join into `replica` left in its directory (`.NAME.joining-PID…`).
fn scratch_files(replica: &Path) -> Vec<String> {
    let prefix = format!(".{}.joining-", replica.file_name().unwrap().to_string_lossy());
    let mut names: Vec<String> = std::fs::read_dir(replica.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    names
}

/// Issue 16: a join killed midway — while applying the team's log, or complete but not yet named —
/// leaves no file under the replica's name (nothing that could pass for a replica), only its scratch
/// file; the next join works, removes that scratch file, and makes a complete replica.
#[test]
fn a_join_killed_midway_leaves_no_replica_and_the_next_join_makes_one() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let (file, _) = backlog(&pg, &admin, "60", "600");
    let desk = Machine::new();
    let replica = desk.path("desk.db");
    let url = pg.socket_url("alice", "helpdesk");
    for at in ["team-pull-applied", "team-join-filled"] {
        let killed = paused_at(&desk, &["team", "join", &url, "--db", db(&replica)], at, || {
            let scratch = scratch_files(&replica);
            assert!(scratch.iter().any(|n| !n.ends_with("-wal") && !n.ends_with("-shm")), "{scratch:?}");
            assert!(!replica.exists(), "no replica under its name before it is complete ({at})");
            true
        });
        assert!(!killed.status.success());
        assert!(!replica.exists(), "a join killed at {at} leaves no replica");
        assert!(!scratch_files(&replica).is_empty(), "its scratch file stays until the next join");
    }
    let out = desk.run(&["team", "join", &url, "--db", db(&replica)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(scratch_files(&replica), Vec::<String>::new(), "the killed joins' scratch files are gone");
    assert!(caught_up(&pg, &replica));
    let tickets = |m: &Machine, r: &Path| m.ok(&["--db", db(r), "ticket", "list", "--format", "json"]);
    assert_eq!(tickets(&desk, &replica), tickets(&admin, &file));
    let check = desk.run(&["--db", db(&replica), "check", "--replay"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // It works as a desk: a ticket of its own gets the team's next number.
    desk.ok(&["--db", db(&replica), "customer", "add", "Nová s.r.o.", "--tier", "none", "--since", "2026-01"]);
    let number = desk.ok(&["--db", db(&replica), "ticket", "open", "--customer", "Nová s.r.o.", "--title", "Po"]);
    assert_eq!(number.trim(), "61");
}

/// A join says how many operations it brought, in the reader's grammar ("1 operation", not "1
/// operations", which the tmux run of issue 16 showed).
#[test]
fn a_join_counts_the_operations_it_brought_in_words_that_agree() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let (a, b) = (Machine::new(), Machine::new());
    let first = a.run(&["team", "join", &pg.socket_url("alice", "helpdesk"), "--db", db(&a.path("desk.db"))]);
    assert!(stderr(&first).contains("(0 operations)"), "{}", stderr(&first));
    // Alice's desk pushed its claim to its tag: one operation for the next desk.
    let second = b.run(&["team", "join", &pg.socket_url("bob", "helpdesk"), "--db", db(&b.path("desk.db"))]);
    assert!(stderr(&second).contains("(1 operation);"), "{}", stderr(&second));
}

/// A desk with nothing to catch up is in step with its server: the status bar's "synced" is its last
/// contact, not the last time something arrived (a desk whose last arrival was days ago read "synced
/// 125h 56m ago" right after asking the server).
#[test]
fn a_desk_with_nothing_to_catch_up_reads_synced_at_its_last_contact() {
    let Some(pg) = Pg::start() else { return };
    let (a, ra, _b, _rb) = alice_and_bob(&pg);
    let synced = || {
        let store = helpdesk::store::Store::open_read_only(&ra, "Alice").unwrap();
        helpdesk::app::CopyInfo::load(&store).unwrap().last_sync.map(|t| t.to_rfc3339())
    };
    // Bob's join left one operation for Alice: it arrives at 11:00.
    a.clone_with_now("2026-03-02T11:00:00+01:00").ok(&["--db", db(&ra), "team", "sync"]);
    assert_eq!(synced().as_deref(), Some("2026-03-02T10:00:00+00:00"));
    // Nothing new at 13:00: in step with the server then.
    a.clone_with_now("2026-03-02T13:00:00+01:00").ok(&["--db", db(&ra), "ticket", "list"]);
    assert_eq!(synced().as_deref(), Some("2026-03-02T12:00:00+00:00"));
}

/// Work that reaches a month closed meanwhile is priced once on a server team (issue 15): desk B logs
/// two hours in February while offline, desk A closes February, B comes back. B prices its work
/// (under the team's lock, caught up with the server) and pushes the correction with it; A, pulling
/// both, finds the work billed and books nothing. Both desks show the one correction, and syncing
/// again on either changes nothing.
#[test]
fn work_that_reaches_a_closed_month_is_priced_once_on_a_server_team() {
    let Some(pg) = Pg::start() else { return };
    let (a, ra, b, rb) = alice_and_bob(&pg);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "standard", "--since", "2026-01"]);
    a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Printer"]);
    a.ok(&["--db", db(&ra), "time", "add", "1", "--minutes", "30", "--at", "2026-02-10T09:00:00+01:00"]);
    b.ok(&["--db", db(&rb), "ticket", "list"]);

    pg.stop();
    let offline =
        b.run(&["--db", db(&rb), "time", "add", "1", "--minutes", "120", "--at", "2026-02-12T09:00:00+01:00"]);
    assert!(offline.status.success(), "{}", stderr(&offline));
    pg.start_again();
    a.ok(&["--db", db(&ra), "month", "close", "2026-02"]);

    let back = b.run(&["--db", db(&rb), "team", "sync"]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert!(stderr(&back).contains("work that reached closed months was billed as corrections"), "{}", stderr(&back));
    // The pricing step pushed B's offline entry and its correction: the summary counts them as sent
    // (it said `sent 0`), and what that step's catch-up received.
    let said = stderr(&back);
    let sent: usize = said
        .split(", sent ")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no sent count: {said}"));
    assert!(sent >= 2, "the entry and its correction went out: {said}");
    let again = a.run(&["--db", db(&ra), "team", "sync"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!stderr(&again).contains("billed as corrections"), "A priced it a second time: {}", stderr(&again));
    let corrections = |m: &Machine, replica: &Path| {
        let r = m.json(&[
            "--db",
            db(replica),
            "report",
            "customer",
            "Acme s.r.o.",
            "--month",
            "2026-03",
            "--format",
            "json",
        ]);
        r["adjustments"].clone()
    };
    let on_a = corrections(&a, &ra);
    assert_eq!(on_a.as_array().map(Vec::len), Some(1), "{on_a}");
    assert_eq!((on_a[0]["work_month"].as_str(), on_a[0]["minutes"].as_i64()), (Some("2026-02"), Some(120)));
    assert_ne!(on_a[0]["amount"], "0.00", "{on_a}");
    assert_eq!(corrections(&b, &rb), on_a);
    for (m, r) in [(&a, &ra), (&b, &rb), (&a, &ra)] {
        m.ok(&["--db", db(r), "team", "sync"]);
        assert_eq!(corrections(m, r), on_a);
    }
}

/// Issue 15: the desk repricing a closed month is killed after it booked the correction and before it
/// pushed it. Another desk reprices the same month meanwhile; when the first desk comes back and pushes
/// what it had booked, the month is still corrected once, on every desk.
#[test]
fn a_pricing_desk_killed_before_its_push_does_not_correct_a_month_twice() {
    let Some(pg) = Pg::start() else { return };
    let (a, ra, b, rb) = alice_and_bob(&pg);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "standard", "--since", "2026-01"]);
    a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Server down"]);
    a.ok(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "Mail down"]);
    a.ok(&["--db", db(&ra), "time", "add", "1", "--minutes", "120", "--at", "2026-02-10T09:00:00+01:00"]);
    a.ok(&["--db", db(&ra), "time", "add", "2", "--minutes", "60", "--at", "2026-02-11T09:00:00+01:00"]);
    a.ok(&["--db", db(&ra), "month", "close", "2026-02"]);
    // The tickets were incidents after all (free): February is billed too much, on every desk.
    b.ok(&["--db", db(&rb), "ticket", "set", "1", "--kind", "incident"]);
    a.ok(&["--db", db(&ra), "ticket", "list"]);

    // B reprices February and is killed before it pushes the correction. A learns that the second
    // ticket was an incident too and reprices February meanwhile, the same round from more knowledge:
    // whichever of the two counts, the next round books what it missed.
    let killed = paused_at(&b, &["--db", db(&rb), "team", "sync"], "team-priced-not-pushed", || true);
    assert!(!killed.status.success());
    a.ok(&["--db", db(&ra), "ticket", "set", "2", "--kind", "incident"]);
    let on_a = a.run(&["--db", db(&ra), "team", "sync"]);
    assert!(on_a.status.success(), "{}", stderr(&on_a));
    assert!(stderr(&on_a).contains("billed as corrections"), "A did not price: {}", stderr(&on_a));
    // B comes back with the correction it booked; everybody syncs twice more.
    for _ in 0..2 {
        for (m, r) in [(&b, &rb), (&a, &ra)] {
            let out = m.run(&["--db", db(r), "team", "sync"]);
            assert!(out.status.success(), "{}", stderr(&out));
        }
    }
    let report = |m: &Machine, replica: &Path, month: &str| {
        m.json(&["--db", db(replica), "report", "customer", "Acme s.r.o.", "--month", month, "--format", "json"])
    };
    let money = |v: &serde_json::Value| v.as_str().unwrap_or("0").parse::<f64>().unwrap();
    let february = report(&a, &ra, "2026-02");
    let overage = money(&february["total_excl_vat"]) - money(&february["fee"]);
    assert!(overage > 0.0, "{february}");
    let (march_a, march_b) = (report(&a, &ra, "2026-03"), report(&b, &rb, "2026-03"));
    let corrected: f64 = march_a["adjustments"].as_array().unwrap().iter().map(|c| money(&c["amount"])).sum();
    assert_eq!(
        corrected,
        -overage,
        "February's overage credited {} times: {}",
        -corrected / overage,
        march_a["adjustments"]
    );
    assert_eq!(march_a["adjustments"], march_b["adjustments"]);
    assert_eq!(march_a["total_excl_vat"], march_b["total_excl_vat"]);
}

/// Issue 15: a desk that vanishes mid-exchange (a laptop closed while it held the team's pricing lock)
/// must not hold its session on the server for the system's two hours: each desk's session asks the
/// server for TCP keepalives, so the server notices within about a minute. Over TCP (a Unix socket
/// has none), with the desk's own connection code.
#[test]
fn a_desks_session_asks_the_server_to_notice_when_the_desk_vanishes() {
    let Some(pg) = Pg::start() else { return };
    let admin = Machine::new();
    team(&pg, &admin);
    let url = pg.tcp_url("carol", "helpdesk").replace("carol@", "carol:carol-pw@");
    let target = helpdesk::team::conninfo::Target::parse(&url).unwrap();
    let mut client = target.connect(std::time::Duration::from_secs(10)).unwrap();
    let show =
        |c: &mut postgres::Client, what: &str| -> String { c.query_one(&format!("SHOW {what}"), &[]).unwrap().get(0) };
    assert_eq!(show(&mut client, "tcp_keepalives_idle"), "30");
    assert_eq!(show(&mut client, "tcp_keepalives_interval"), "10");
    assert_eq!(show(&mut client, "tcp_keepalives_count"), "3");
    // Options of the URL's own are kept beside ours.
    let mut theirs = helpdesk::team::conninfo::Target::parse(&format!("{url}&options=-c%20statement_timeout%3D12345"))
        .unwrap()
        .connect(std::time::Duration::from_secs(10))
        .unwrap();
    assert_eq!(show(&mut theirs, "statement_timeout"), "12345ms");
    assert_eq!(show(&mut theirs, "tcp_keepalives_idle"), "30");
}

/// bb7 #11 on a team server: a desk whose clock is far ahead (a reset to 2099) never pushes what it made
/// under it — every other desk would pull a clock that wins every later edit — and says so.
#[test]
fn a_desk_whose_clock_is_far_ahead_pushes_nothing_and_says_so() {
    let Some(pg) = Pg::start() else { return };
    let (a, ra, b, rb) = alice_and_bob(&pg);
    a.ok(&["--db", db(&ra), "customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    let count = || -> i64 { pg.admin("helpdesk").query_one("SELECT count(*) FROM helpdesk.ops", &[]).unwrap().get(0) };
    let before = count();
    let ahead = a.clone_with_now("2099-01-01T10:00:00+01:00");
    let _ = ahead.run(&["--db", db(&ra), "ticket", "open", "--customer", "Acme s.r.o.", "--title", "From 2099"]);
    // Its clock set right again, the desk still holds the change stamped 2099: refused at every push.
    let out = a.run(&["--db", db(&ra), "team", "sync"]);
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("ahead of the team server's: the newest is stamped 2099-01-01T09:00:00Z"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("nothing was pushed"), "{}", stderr(&out));
    assert_eq!(count(), before, "the server holds nothing of it");
    b.ok(&["--db", db(&rb), "team", "sync"]);
    assert!(numbers(&b, &rb).is_empty());
}
