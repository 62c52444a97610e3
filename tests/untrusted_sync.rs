//! What arrives from another copy is untrusted: a crafted bundle (its checksum recomputed, as anyone
//! can) whose identifiers hold terminal escapes is refused whole; free text is cleaned on arrival; and
//! whatever a file already holds is printed without control or bidi characters.

use std::path::{Path, PathBuf};
use std::process::Command;

use helpdesk::config::Settings;
use helpdesk::store::{Change, OpRecord, Store};
use helpdesk::sync::{Header, check_peer, exchange_receive, read_bundle, write_bundle};

const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{202e}";

fn has_control(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

struct Copies {
    dir: tempfile::TempDir,
    team: PathBuf,
    laptop: PathBuf,
}

const NOW: &str = "2026-03-02T15:00:00+01:00";

impl Copies {
    /// A team file and a laptop copy `A` that opened ticket A-1 and commented on it.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        let c = Copies { team: dir.path().join("team.db"), laptop: dir.path().join("laptop.db"), dir };
        c.ok(&c.team, &["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
        c.ok(&c.team, &["sync", "clone", c.team.to_str().unwrap(), c.laptop.to_str().unwrap()]);
        c.ok(&c.laptop, &["ticket", "open", "--customer", "Acme", "--title", "Scanner offline"]);
        c.ok(&c.laptop, &["ticket", "comment", "A-1", "toner low"]);
        c
    }

    fn run(&self, db: &Path, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .env_clear()
            .env("HOME", self.dir.path())
            .env("HELPDESK_CONFIG_DIR", self.dir.path().join("config"))
            .env("HELPDESK_NOW", NOW)
            .env("HELPDESK_USER", "alice")
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code().expect("exited normally"), text(out.stdout), text(out.stderr))
    }

    fn ok(&self, db: &Path, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run(db, args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        stdout
    }

    /// The laptop's bundle for the team file, as header and operations.
    fn bundle(&self) -> (Header, Vec<OpRecord>) {
        let file = self.dir.path().join("laptop.hds");
        let _ = std::fs::remove_file(&file);
        self.ok(&self.laptop, &["sync", "export", file.to_str().unwrap()]);
        read_bundle(&mut std::io::BufReader::new(std::fs::File::open(&file).unwrap())).unwrap()
    }

    /// Writes a bundle with a valid checksum, as an attacker would.
    fn craft(&self, name: &str, header: &Header, ops: &[OpRecord]) -> PathBuf {
        let path = self.dir.path().join(name);
        write_bundle(&mut std::fs::File::create(&path).unwrap(), header, ops).unwrap();
        path
    }
}

/// The laptop's bundle as the team file receives it in-process, to append crafted operations to.
struct Arrival {
    header: Header,
    ops: Vec<OpRecord>,
    settings: Settings,
    now: chrono::DateTime<chrono::Utc>,
    team: Store,
    /// The team file's state before anything arrived.
    before: String,
    /// The bundle's last operation by clock: crafted ones follow it.
    last: OpRecord,
}

impl Copies {
    /// The laptop's bundle (made now, from what the laptop holds) and the team file opened to receive it.
    fn arrival(&self) -> Arrival {
        let (header, ops) = self.bundle();
        let team = Store::open(&self.team, "alice").unwrap();
        let before = team.state_dump().unwrap();
        let last = ops.iter().max_by(|a, b| a.hlc.cmp(&b.hlc)).unwrap().clone();
        let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
        Arrival { header, ops, settings: Settings::defaults(), now, team, before, last }
    }
}

impl Arrival {
    /// Receives the bundle with `change` crafted after its last operation (the header's vector naming
    /// it, as a real bundle's would): the refusal's text, or `Ok`.
    fn receive_with(&mut self, change: Change) -> Result<(), String> {
        let mut sent = self.ops.clone();
        sent.push(crafted_op(&self.last, 1, change));
        let mut h = self.header.clone();
        h.vector.insert(self.last.device.clone(), sent.last().unwrap().hlc.clone());
        let team = &mut self.team;
        let received = check_peer(team, &h).and_then(|_| exchange_receive(team, &self.settings, &h, &sent, self.now));
        received.map(|_| ()).map_err(|e| e.to_string())
    }

    /// As [`Arrival::receive_with`], and it must be refused, the team file unchanged: the refusal.
    fn refused(&mut self, what: &str, change: Change) -> String {
        let err = self.receive_with(change).expect_err(what);
        assert!(!has_control(&err), "{what}: {err:?}");
        assert_eq!(self.team.state_dump().unwrap(), self.before, "{what} changed the team file");
        err
    }

    /// The bundle as it is: it must be taken.
    fn receive_as_sent(&mut self) {
        exchange_receive(&mut self.team, &self.settings, &self.header, &self.ops, self.now).unwrap();
    }

    /// (ticket id, customer id) of every ticket the bundle opens, in its order.
    fn opened(&self) -> Vec<(String, String)> {
        opened(&self.ops)
    }
}

/// (ticket id, customer id) of every ticket `ops` open, in their order.
fn opened(ops: &[OpRecord]) -> Vec<(String, String)> {
    let opened = |op: &OpRecord| match &op.change {
        Change::TicketOpened { id, customer, .. } => Some((id.clone(), customer.clone())),
        _ => None,
    };
    ops.iter().filter_map(opened).collect()
}

fn state(db: &Path) -> String {
    Store::open_read_only(db, "t").unwrap().state_dump().unwrap()
}

#[test]
fn a_crafted_copy_tag_with_terminal_escapes_is_refused_and_changes_nothing() {
    let c = Copies::new();
    let (header, mut ops) = c.bundle();
    for op in &mut ops {
        if let Change::TicketOpened { tag, .. } = &mut op.change {
            *tag = EVIL.into();
        }
    }
    let bundle = c.craft("evil.hds", &header, &ops);
    let before = state(&c.team);
    let (code, stdout, stderr) = c.run(&c.team, &["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("helpdesk: the sync data holds a malformed operation (")
            && stderr.ends_with("): its tag `]0;pwned` is not a copy tag (like A or B.A); nothing was changed\n"),
        "{stderr:?}"
    );
    assert_eq!(state(&c.team), before);
    let listed = c.ok(&c.team, &["ticket", "list"]);
    assert!(!has_control(&listed), "{listed:?}");
    assert_eq!(c.ok(&c.team, &["check"]).lines().count(), 1);
}

#[test]
fn a_crafted_header_tag_is_refused_before_it_is_printed_or_recorded() {
    let c = Copies::new();
    let (header, ops) = c.bundle();
    let bundle = c.craft("evil-header.hds", &Header { tag: format!("A{EVIL}"), ..header }, &ops);
    let before = state(&c.team);
    let (code, _, stderr) = c.run(&c.team, &["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "helpdesk: the other copy's header is malformed: its tag `A]0;pwned` is not a copy tag (like A or B.A); nothing was changed\n"
        )
    );
    assert_eq!(state(&c.team), before);
    let status = c.ok(&c.team, &["sync", "status"]);
    assert!(!has_control(&status), "{status:?}");
}

/// Every identifier of the header and of an operation, one at a time: refused, nothing applied.
#[test]
fn every_identifier_that_is_not_one_is_refused() {
    let c = Copies::new();
    let Arrival { header, ops, settings, now, mut team, before, .. } = c.arrival();
    type Spoil = Box<dyn Fn(&mut Header, &mut Vec<OpRecord>)>;
    let device = header.device.clone();
    let cases: Vec<(&str, Spoil)> = vec![
        ("header team", Box::new(|h, _| h.team = format!("{}{EVIL}", h.team))),
        ("header device", Box::new(|h, _| h.device = "laptop\u{1b}[2J".into())),
        (
            "header vector key",
            Box::new(|h, _| {
                let (k, v) = h.vector.pop_first().unwrap();
                h.vector.insert(format!("{k}\u{7}"), v);
            }),
        ),
        (
            "header vector clock",
            Box::new(|h, _| {
                let first = h.vector.keys().next().unwrap().clone();
                h.vector.insert(first, "soon".into());
            }),
        ),
        ("op actor's clock", Box::new(|_, ops| ops[0].hlc = format!("{EVIL}x"))),
        ("op device", Box::new(|_, ops| ops[0].device = "\u{9b}31m".into())),
        ("op clock", Box::new(|_, ops| ops[0].hlc = format!("000000000000001-000000-{}\u{1b}", ops[0].device))),
        // The year 9999 is a clock the log cannot store as it is (it would wrap onto another's).
        (
            "op clock beyond the log's",
            Box::new(|_, ops| ops[0].hlc = format!("253402300799000-000000-{}", ops[0].device)),
        ),
        (
            "op clock of another device",
            Box::new(move |_, ops| ops[0].hlc = ops[0].hlc.replace(&device, "019a0000-0000-7000-8000-000000000000")),
        ),
        (
            "comment's ticket id",
            Box::new(|_, ops| {
                for op in ops.iter_mut() {
                    if let Change::CommentAdded { ticket, .. } = &mut op.change {
                        ticket.push_str(EVIL);
                    }
                }
            }),
        ),
    ];
    for (what, spoil) in cases {
        let (mut h, mut o) = (header.clone(), ops.clone());
        spoil(&mut h, &mut o);
        let result = check_peer(&team, &h).and_then(|_| exchange_receive(&mut team, &settings, &h, &o, now));
        let err = result.expect_err(what).to_string();
        assert!(err.contains("malformed") && err.ends_with("nothing was changed"), "{what}: {err}");
        assert!(!has_control(&err), "{what}: {err:?}");
        assert_eq!(team.state_dump().unwrap(), before, "{what} changed the team file");
    }
}

#[test]
fn free_text_from_another_copy_is_cleaned_on_arrival() {
    let c = Copies::new();
    let (header, mut ops) = c.bundle();
    for op in &mut ops {
        op.actor = format!("bob{EVIL}");
        match &mut op.change {
            Change::TicketOpened { title, .. } => *title = format!("Scanner{EVIL} offline"),
            Change::CommentAdded { body, author, .. } => {
                *body = "toner\u{1b}[2J low\r\nline two".to_string();
                *author = "\u{202e}bob".to_string();
            }
            _ => {}
        }
    }
    let bundle = c.craft("dirty.hds", &header, &ops);
    c.ok(&c.team, &["sync", "import", bundle.to_str().unwrap()]);
    let shown = c.ok(&c.team, &["ticket", "show", "A-1"]);
    assert!(!has_control(&shown), "{shown:?}");
    assert!(shown.contains("ticket A-1  Scanner]0;pwned offline"), "{shown}");
    assert!(shown.contains(" bob: toner[2J low\nline two"), "{shown}");
    let conn = rusqlite::Connection::open(&c.team).unwrap();
    let actors: Vec<String> = conn
        .prepare("SELECT name FROM actors")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(actors.iter().all(|a| !has_control(a)), "{actors:?}");
    assert!(actors.contains(&"bob]0;pwned".to_string()), "{actors:?}");
}

/// Over-long text from another copy (bb4 #9, bb5 #12: `domain::length`) is clipped on arrival, not
/// refused: a copy written before the limits may hold a 100 000-character title, and refusing its
/// bundle would leave it unable ever to sync. Every copy clips alike; the rest of the bundle is taken.
#[test]
fn over_long_text_from_another_copy_is_clipped_on_arrival() {
    let c = Copies::new();
    let (header, mut ops) = c.bundle();
    for op in &mut ops {
        match &mut op.change {
            Change::TicketOpened { title, .. } => *title = "T".repeat(100_000),
            Change::CommentAdded { body, .. } => *body = "b".repeat(70_000),
            _ => {}
        }
    }
    let bundle = c.craft("long.hds", &header, &ops);
    c.ok(&c.team, &["sync", "import", bundle.to_str().unwrap()]);
    let show: serde_json::Value =
        serde_json::from_str(&c.ok(&c.team, &["ticket", "show", "A-1", "--format", "json"])).unwrap();
    assert_eq!(show["title"].as_str().map(|t| t.chars().count()), Some(200), "{}", show["title"]);
    let body = show["comments"][0]["body"].as_str().unwrap_or_default();
    assert_eq!(body.chars().count(), 64 * 1024);
}

/// A file written before arrivals were checked may hold anything: printing strips it everywhere.
#[test]
fn what_a_file_already_holds_is_printed_without_escapes() {
    let c = Copies::new();
    let bundle = c.dir.path().join("ok.hds");
    c.ok(&c.laptop, &["sync", "export", bundle.to_str().unwrap()]);
    c.ok(&c.team, &["sync", "import", bundle.to_str().unwrap()]);
    {
        let conn = rusqlite::Connection::open(&c.team).unwrap();
        conn.execute("UPDATE tickets SET number = ?1 || number, device_tag = ?1", [EVIL]).unwrap();
        conn.execute("UPDATE sync_peers SET tag = ?1", [EVIL]).unwrap();
        conn.execute("UPDATE customers SET name = name || ?1, contact = ?1", [EVIL]).unwrap();
        conn.execute("UPDATE comments SET body = body || ?1, author = ?1", [EVIL]).unwrap();
    }
    for args in [
        &["ticket", "list"][..],
        &["ticket", "list", "--format", "json"],
        &["customer", "list"],
        &["sync", "status"],
        &["report", "month", "2026-03"],
        &["timer", "status"],
    ] {
        let out = c.ok(&c.team, args);
        assert!(!has_control(&out), "{args:?}: {out:?}");
    }
    // `check` finds identifiers that could never have been written by helpdesk.
    let (code, stdout, stderr) = c.run(&c.team, &["check"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(!has_control(&stdout), "{stdout:?}");
    assert!(stdout.contains("has a malformed copy tag `]0;pwned`"), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("identifier: peer ")), "{stdout}");
    // An error that echoes what was typed is stripped too.
    let (code, _, stderr) = c.run(&c.team, &["ticket", "show", "\u{1b}[2J"]);
    assert_eq!((code, stderr.as_str()), (2, "helpdesk: `[2J` is not a ticket number: write it like 1042 or B-17\n"));
}

/// A new operation of the laptop's device after `last` (the n-th crafted one), carrying `change`.
fn crafted_op(last: &OpRecord, n: u32, change: Change) -> OpRecord {
    let mut hlc: helpdesk::store::Hlc = last.hlc.parse().unwrap();
    hlc.counter += n;
    OpRecord { hlc: hlc.to_string(), device: last.device.clone(), actor: "mallory".into(), change }
}

/// Numbers no copy of helpdesk writes (a time entry of 0 minutes or of 4 294 967 295, an instant
/// outside the years 0000–9999, an amount beyond any bill, a frozen statement that is not one, a close
/// whose bounds are another month's) are refused whole like malformed identifiers: before, they were
/// applied, billed a customer 69 billion, made `report` panic (decimal overflow) and `ticket list` spin
/// forever, and `check` called the file ok.
#[test]
fn numbers_no_copy_writes_are_refused() {
    let c = Copies::new();
    c.ok(&c.laptop, &["time", "add", "A-1", "--minutes", "60", "--at", "2026-03-02T09:00:00+01:00"]);
    let mut a = c.arrival();
    let (now, last) = (a.now, a.last.clone());
    let (ticket, customer) = a.opened()[0].clone();
    let feb = |day: u32| chrono::NaiveDate::from_ymd_opt(2026, 2, day).unwrap();
    let at = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp() - 3600;
    let close = |month: &str, starts_at: i64, ends_at: i64, body: &str| Change::MonthClosed {
        month: month.into(),
        starts_at,
        ends_at,
        statements: vec![helpdesk::store::ops::ClosedStatement { customer: customer.clone(), body: body.into() }],
        entries: vec![],
    };
    let adjustment = |minutes: i64, amount: &str| Change::AdjustmentBooked {
        id: "019cadc6-9a80-7000-8000-00000000a001".into(),
        customer: customer.clone(),
        ticket: Some(ticket.clone()),
        work_month: "2026-02".into(),
        booked_month: "2026-03".into(),
        minutes,
        amount: amount.into(),
        description: "correction".into(),
        at: now.timestamp(),
        entry: None,
        close: None,
    };
    let entry = |started_at: i64, minutes: u32| Change::TimeEntryAdded {
        id: "019cadc6-9a80-7000-8000-00000000e001".into(),
        ticket: ticket.clone(),
        customer: customer.clone(),
        started_at,
        minutes,
        technician: "bob".into(),
        role: helpdesk::domain::Role::Technician,
        note: String::new(),
        replaces: None,
        at: now.timestamp(),
        entry: None,
        restores: None,
    };
    let opened = |received_at: i64, seq: u64| Change::TicketOpened {
        id: "019cadc6-9a80-7000-8000-00000000b001".into(),
        tag: "A".into(),
        seq,
        customer: customer.clone(),
        title: "crafted".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Request,
        assignee: None,
        received_at,
    };
    let good_start = now.timestamp() - 3600;
    let status = |prev: &str| Change::TicketStatusSet {
        id: ticket.clone(),
        status: helpdesk::domain::TicketStatus::Waiting,
        prev: Some(prev.into()),
    };
    let future = format!("999999999999999-000000-{}", last.device);
    let renumbered = |tag: &str, seq: u64| Change::TicketRenumbered { id: ticket.clone(), tag: tag.into(), seq };
    let mut restoring = entry(good_start, 60);
    if let Change::TimeEntryAdded { restores, .. } = &mut restoring {
        *restores = Some("yesterday".into());
    }
    let cases: Vec<(&str, &str, Change)> = vec![
        ("prev", "a change replacing a value that is not a clock", status("yesterday")),
        ("prev", "a change replacing a value from its own future", status(&future)),
        ("restores", "a version undoing a removal that is not a clock", restoring),
        ("seq", "a ticket renumbered to number 0", renumbered("B", 0)),
        ("tag", "a ticket renumbered to the team file's plain numbers", renumbered("", 7)),
        ("minutes", "time entry of 0 minutes", entry(good_start, 0)),
        ("minutes", "time entry of 4294967295 minutes", entry(good_start, u32::MAX)),
        ("started_at", "time entry starting before the year 0000", entry(i64::MIN, 60)),
        ("received_at", "ticket received after the year 9999", opened(i64::MAX, 2)),
        ("seq", "ticket number 0", opened(good_start, 0)),
        // bb7 #2: instants RFC 3339 can name but helpdesk cannot show (`+10000-…` in Prague) or bill (a
        // month no statement shows): outside what `--at` and `--resolve-by` take (1583-01-02 to 9999-12-30).
        ("received_at", "ticket received 9999-12-31T23:59:59Z", opened(253_402_300_799, 2)),
        ("started_at", "time entry starting 0000-01-01T00:00:00Z", entry(-62_167_219_200, 60)),
        ("started_at", "time entry starting 1583-01-01T23:59:59Z", entry(-12_212_467_201, 60)),
        ("amount", "an amount beyond any bill", adjustment(60, "79228162514264337593543950335")),
        ("amount", "an amount in exponent form", adjustment(60, "1e20")),
        ("amount", "an amount with more places", adjustment(60, "800.001")),
        ("minutes", "a correction of i64::MIN minutes", adjustment(i64::MIN, "800.00")),
        (
            "statement",
            "a frozen statement that is not one",
            close("2026-02", at(feb(1)), at(feb(1)) + 28 * 86400, "{}"),
        ),
        (
            "starts_at",
            "a close with another month's bounds",
            close("2026-03", at(feb(1)), at(feb(1)) + 28 * 86400, "{}"),
        ),
    ];
    for (field, what, change) in cases {
        let err = a.refused(what, change);
        assert!(
            err.contains("malformed")
                && err.contains(&format!("its {field} `"))
                && err.ends_with("nothing was changed"),
            "{what}: {err}"
        );
    }
    // The same bundle without a crafted operation is taken.
    a.receive_as_sent();
}

/// The input that made `report` panic: a bundle whose correction bills more than a decimal holds.
#[test]
fn a_crafted_amount_is_refused_and_reports_still_work() {
    let c = Copies::new();
    let (header, mut ops) = c.bundle();
    let last = ops.iter().max_by(|a, b| a.hlc.cmp(&b.hlc)).unwrap().clone();
    let customer = opened(&ops)[0].1.clone();
    for n in 1..=2 {
        ops.push(crafted_op(
            &last,
            n,
            Change::AdjustmentBooked {
                id: format!("019cadc6-9a80-7000-8000-00000000a00{n}"),
                customer: customer.clone(),
                ticket: None,
                work_month: "2026-02".into(),
                booked_month: "2026-03".into(),
                minutes: 60,
                amount: "79228162514264337593543950335".into(),
                description: "correction".into(),
                at: 1_772_400_000,
                entry: None,
                close: None,
            },
        ));
    }
    let mut header = header;
    header.vector.insert(last.device.clone(), ops.last().unwrap().hlc.clone());
    let bundle = c.craft("overflow.hds", &header, &ops);
    let before = state(&c.team);
    let (code, _, stderr) = c.run(&c.team, &["sync", "import", bundle.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("its amount `79228162514264337593543950335` is not an amount"), "{stderr}");
    assert_eq!(state(&c.team), before);
    for args in [&["report", "month", "2026-03"][..], &["report", "customer", "Acme"], &["report", "upgrades"]] {
        c.ok(&c.team, args);
    }
}

/// References that disagree with what they refer to: a time entry billed to another customer than its
/// ticket's, a version of another ticket's entry, a correction billed to another customer. Before, the
/// crafted entry was applied and billed Beta for work on Acme's ticket, and `check` called it ok.
#[test]
fn references_that_disagree_with_their_ticket_are_refused_and_found_by_check() {
    let c = Copies::new();
    c.ok(&c.laptop, &["customer", "add", "Beta", "--tier", "none"]);
    c.ok(&c.laptop, &["ticket", "open", "--customer", "Beta", "--title", "Beta's"]);
    c.ok(&c.laptop, &["time", "add", "A-2", "--minutes", "30", "--at", "2026-03-02T09:00:00+01:00"]);
    let mut a = c.arrival();
    let now = a.now;
    let opened = a.opened();
    let ((acme_ticket, acme), (_, beta)) = (opened[0].clone(), opened[1].clone());
    let beta_entry = a
        .ops
        .iter()
        .find_map(|op| match &op.change {
            Change::TimeEntryAdded { id, .. } => Some(id.clone()),
            _ => None,
        })
        .unwrap();
    let entry = |customer: &str, entry: Option<&str>| Change::TimeEntryAdded {
        id: "019cadc6-9a80-7000-8000-00000000e002".into(),
        ticket: acme_ticket.clone(),
        customer: customer.into(),
        started_at: now.timestamp() - 3600,
        minutes: 600,
        technician: "mallory".into(),
        role: helpdesk::domain::Role::Technician,
        note: String::new(),
        replaces: None,
        at: now.timestamp(),
        entry: entry.map(str::to_string),
        restores: None,
    };
    let mut nowhere = entry(&acme, None);
    if let Change::TimeEntryAdded { ticket, .. } = &mut nowhere {
        *ticket = "019cadc6-9a80-7000-8000-00000000dead".into();
    }
    let again = Change::TicketOpened {
        id: acme_ticket.clone(),
        tag: "A".into(),
        seq: 99,
        customer: acme.clone(),
        title: "Acme's, once more".into(),
        description: String::new(),
        kind: helpdesk::domain::TicketKind::Request,
        assignee: None,
        received_at: now.timestamp() - 60,
    };
    let cases: Vec<(&str, Change)> = vec![
        // Work on a ticket neither the file nor the data has would be kept and shown nowhere (a bundle
        // stripped of its `base`, or crafted) — and lost for good when the ticket came later.
        (
            "it changes a ticket this file does not have, and the data does not open it first (a bundle made for a \
             copy that has what this one lacks, or one that was altered)",
            nowhere,
        ),
        ("it opens a ticket this file has already, under the same id", again),
        ("its time entry is billed to another customer than its ticket's", entry(&beta, None)),
        ("it is a version of a time entry of another ticket", entry(&acme, Some(&beta_entry))),
        (
            "its correction is billed to another customer than its ticket's",
            Change::AdjustmentBooked {
                id: "019cadc6-9a80-7000-8000-00000000a003".into(),
                customer: beta.clone(),
                ticket: Some(acme_ticket.clone()),
                work_month: "2026-02".into(),
                booked_month: "2026-03".into(),
                minutes: 60,
                amount: "800.00".into(),
                description: "correction".into(),
                at: now.timestamp(),
                entry: None,
                close: None,
            },
        ),
    ];
    for (what, change) in cases {
        let err = a.refused(what, change);
        assert!(err.contains(&format!("): {what}; nothing was changed")), "{what}: {err}");
    }
    a.receive_as_sent();
    drop(a);
    // A file that holds such a row already (stored before arrivals were checked): `check` names it.
    rusqlite::Connection::open(&c.team)
        .unwrap()
        .execute("UPDATE time_entries SET customer = (SELECT no FROM customers WHERE name = 'Acme')", [])
        .unwrap();
    let (code, stdout, _) = c.run(&c.team, &["check"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("reference: time entry ")
            && stdout.contains(" is billed to another customer than its ticket's"),
        "{stdout}"
    );
}

/// Contacts and mail domains from another copy (issue 20): an address, a domain or a language that is
/// not one is refused whole; a contact's name is cleaned like any name.
#[test]
fn crafted_contacts_and_mail_domains_are_refused_and_names_cleaned() {
    let c = Copies::new();
    let mut a = c.arrival();
    let customer = a.team.require_customer("Acme").unwrap().id.into_string();
    let contact = |email: &str, lang: &str| Change::ContactAdded {
        customer: customer.clone(),
        email: email.into(),
        name: format!("Jana{EVIL}"),
        lang: lang.into(),
    };
    let domain = |d: &str| Change::MailDomainSet { domain: d.into(), customer: customer.clone() };
    let cases = [
        ("email", contact(&format!("jana@acme.cz{EVIL}"), "cs")),
        ("email", contact("Jana@Acme.cz", "cs")),
        ("lang", contact("jana@acme.cz", "de")),
        ("email", Change::ContactRemoved { customer: customer.clone(), email: "not an address".into() }),
        ("domain", domain("acme.cz\u{1b}[2J")),
        ("domain", domain("localhost")),
    ];
    for (field, change) in cases {
        let err = a.refused(field, change);
        assert!(err.contains(&format!("its {field} `")) && err.ends_with("nothing was changed"), "{field}: {err}");
    }
    a.receive_with(contact("jana@acme.cz", "en")).unwrap();
    let contacts = a.team.contacts(&helpdesk::domain::CustomerId::new(customer.as_str())).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!((contacts[0].email.as_str(), contacts[0].name.as_str()), ("jana@acme.cz", "Jana]0;pwned"));
}

/// The mail intake's operations (schema 13) from another copy: an id, a message id or key with spaces
/// or control characters, a sender that is no address, an instant outside the years 0000–9999 are
/// refused whole; a triaged mail's subject, sender name and body are cleaned on arrival.
#[test]
fn crafted_mail_intake_operations_are_refused_and_their_text_cleaned() {
    let c = Copies::new();
    let mut a = c.arrival();
    let ticket = a.opened()[0].0.clone();
    let threaded = |message_id: &str, seen: Option<&str>, sender: &str, at: i64| Change::MailThreaded {
        ticket: ticket.clone(),
        message_id: message_id.into(),
        seen: seen.map(str::to_string),
        sender: sender.into(),
        incoming: true,
        at,
    };
    let triaged = |id: &str, sender: &str, received_at: i64| Change::MailTriaged {
        id: id.into(),
        seen: "mid:m1@example.cz".into(),
        message_id: Some("m1@example.cz".into()),
        sender: sender.into(),
        sender_name: format!("Eva{EVIL}"),
        subject: format!("Help{EVIL}"),
        body: format!("Line one\n{EVIL}line two"),
        kind: helpdesk::domain::TicketKind::Incident,
        received_at,
    };
    let fresh = "0192f0c0-0000-7000-8000-000000000001";
    let cases = [
        ("message_id", threaded("m1 @example.cz", None, "eva@example.cz", 0)),
        ("message_id", threaded(&format!("m1@example.cz{EVIL}"), None, "eva@example.cz", 0)),
        ("message_id", threaded("", None, "eva@example.cz", 0)),
        ("message_id", threaded(&"m".repeat(1025), None, "eva@example.cz", 0)),
        ("seen", threaded("m1@example.cz", Some("mid:m1\n@example.cz"), "eva@example.cz", 0)),
        ("seen", threaded("m1@example.cz", Some("file:1772438460.M60P1.mx"), "eva@example.cz", 0)),
        ("sender", threaded("m1@example.cz", None, "Eva <eva@example.cz>", 0)),
        ("at", threaded("m1@example.cz", None, "", 253_402_300_800)),
        (
            "ticket",
            Change::MailThreaded {
                ticket: "1".into(),
                message_id: "m1@example.cz".into(),
                seen: None,
                sender: String::new(),
                incoming: false,
                at: 0,
            },
        ),
        ("id", triaged("x", "eva@example.cz", 0)),
        ("sender", triaged(fresh, "", 0)),
        ("received_at", triaged(fresh, "eva@example.cz", -62_167_219_201)),
        ("ticket", Change::MailAssigned { id: fresh.into(), ticket: "#1".into() }),
    ];
    for (field, change) in cases {
        let err = a.refused(field, change);
        assert!(err.contains(&format!("its {field} `")) && err.ends_with("nothing was changed"), "{field}: {err}");
    }
    a.receive_with(triaged(fresh, "eva@example.cz", 1_772_438_400)).unwrap();
    let triage = a.team.mail_triage().unwrap();
    assert_eq!(triage.len(), 1);
    let t = &triage[0];
    assert_eq!((t.sender.as_str(), t.kind), ("eva@example.cz", helpdesk::domain::TicketKind::Incident));
    for text in [&t.sender_name, &t.subject, &t.body] {
        assert!(!has_control(text.replace('\n', "").as_str()), "{text:?}");
    }
    assert!(t.body.starts_with("Line one\n"), "{:?}", t.body);
    assert!(a.team.mail_seen("mid:m1@example.cz").unwrap());
}
