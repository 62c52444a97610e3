//! Mail intake beyond the fixture: the same Message-ID on different mail, dates of the top `Received:`
//! header in every RFC 5322 spelling, replies that move their ticket, our own mail coming back, and
//! sloppy MIME structure. Each test writes its own small Maildir.

mod cli_common;

use std::path::PathBuf;

use cli_common::Desk;
use serde_json::Value;

/// A desk with Acme (VIP, domain acme.cz, contact jana@acme.cz), `[mail]` set up, and an empty Maildir.
fn desk() -> (Desk, PathBuf) {
    let mut d = Desk::new();
    d.at("2026-03-09T12:00:00+01:00");
    let capture = d.dir.path().join("sent");
    std::fs::write(
        d.config.join("config.toml"),
        format!(
            "[mail]\nincident_addresses = [\"noc@example.cz\"]\nfrom = \"podpora@example.cz\"\nsendmail = \"cat > '{}'\"\nquarantine = \"{}\"\n",
            capture.display(),
            d.dir.path().join("quarantine").display()
        ),
    )
    .unwrap();
    d.ok(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["customer", "domain", "add", "Acme", "acme.cz"]);
    d.ok(&["customer", "contact", "add", "Acme", "jana@acme.cz", "--name", "Jana Nováková"]);
    let maildir = d.dir.path().join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    (d, maildir)
}

/// Writes `text` as the Maildir file `sub/name`.
fn put(maildir: &std::path::Path, sub: &str, name: &str, text: &str) {
    std::fs::write(maildir.join(sub).join(name), text).unwrap();
}

/// Imports; the summary line.
fn import(d: &Desk, maildir: &std::path::Path) -> String {
    let out = d.run(&["mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

fn show(d: &Desk, n: &str) -> Value {
    d.json(&["ticket", "show", n, "--format", "json"])
}

fn titles(d: &Desk) -> Vec<String> {
    d.tickets().as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_string()).collect()
}

fn comments(d: &Desk, n: &str) -> Vec<(String, String)> {
    show(d, n)["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["author"].as_str().unwrap().to_string(), c["body"].as_str().unwrap().to_string()))
        .collect()
}

fn alert(received: &str, subject: &str, body: &str) -> String {
    format!(
        "Received: by mx; {received}\nFrom: monitor@acme.cz\nTo: noc@example.cz\nMessage-ID: <alert@monitor.acme.cz>\n\
         Subject: {subject}\n\n{body}\n"
    )
}

#[test]
fn a_different_mail_reusing_a_message_id_is_a_new_ticket_and_a_redelivery_is_not() {
    let (d, md) = desk();
    put(&md, "new", "1773022200.a1", &alert("Mon, 09 Mar 2026 03:10:00 +0100", "ALERT disk full on db1", "disk full"));
    assert_eq!(import(&d, &md), "imported 1 ticket, 0 comments; 0 to triage; 0 quarantined; 0 already imported\n");
    // Another alert with the same fixed Message-ID: a new ticket, not "already imported".
    put(&md, "new", "1773052800.a2", &alert("Mon, 09 Mar 2026 11:40:00 +0100", "ALERT web1 down", "web1 is down"));
    assert_eq!(import(&d, &md), "imported 1 ticket, 0 comments; 0 to triage; 0 quarantined; 1 already imported\n");
    assert_eq!(titles(&d), ["ALERT disk full on db1", "ALERT web1 down"]);
    assert_eq!(show(&d, "2")["received_at"], "2026-03-09T11:40:00+01:00");
    // The same messages delivered again: under another name, moved to cur/ with flags, re-fetched with a
    // new top Received: header — all recognised.
    put(
        &md,
        "cur",
        "1773060000.b1:2,S",
        &alert("Mon, 09 Mar 2026 13:00:00 +0100", "ALERT disk full on db1", "disk full"),
    );
    let refetched = format!(
        "Received: by mx2; Mon, 09 Mar 2026 13:05:00 +0100\n{}",
        alert("Mon, 09 Mar 2026 11:40:00 +0100", "ALERT web1 down", "web1 is down")
    );
    put(&md, "new", "1773060001.b2", &refetched);
    assert_eq!(import(&d, &md), "imported 0 tickets, 0 comments; 0 to triage; 0 quarantined; 4 already imported\n");
    assert_eq!(titles(&d).len(), 2);
    // A third one that answers the first alert's ticket by its subject is a comment there.
    put(&md, "new", "1773060002.c", &alert("Mon, 09 Mar 2026 11:50:00 +0100", "[#1] RESOLVED disk full", "ok"));
    assert_eq!(import(&d, &md), "imported 0 tickets, 1 comment; 0 to triage; 0 quarantined; 4 already imported\n");
    assert_eq!(comments(&d, "1").last().unwrap(), &("monitor@acme.cz".to_string(), "ok".to_string()));
    // Our answer on ticket 2 goes to the address that wrote in (kept under a local key for it).
    let out = d.run(&["ticket", "comment", "2", "Looking at it.", "--send"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.starts_with("sent to monitor@acme.cz"), "{}", out.stderr);
}

#[test]
fn unknown_senders_reusing_a_message_id_wait_in_triage_twice() {
    let (d, md) = desk();
    let mail = |subject: &str| {
        format!(
            "Received: by mx; Mon, 09 Mar 2026 10:00:00 +0100\nFrom: scanner@unknown.example\nTo: podpora@example.cz\n\
             Message-ID: <scan@scanner>\nSubject: {subject}\n\nscan\n"
        )
    };
    put(&md, "new", "1773046800.a", &mail("Scan 1"));
    put(&md, "new", "1773046801.b", &mail("Scan 2"));
    put(&md, "new", "1773046802.c", &mail("Scan 1"));
    assert_eq!(import(&d, &md), "imported 0 tickets, 0 comments; 2 to triage; 0 quarantined; 1 already imported\n");
    let triage = d.json(&["mail", "triage", "--format", "json"]);
    let subjects: Vec<&str> = triage.as_array().unwrap().iter().map(|t| t["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["Scan 1", "Scan 2"]);
}

#[test]
fn received_dates_in_rfc_5322_spellings_decide_the_sla() {
    let (d, md) = desk();
    let mail = |id: &str, date: &str| {
        format!(
            "Received: from mx by mail.example.cz; {date}\nFrom: jana@acme.cz\nTo: noc@example.cz\n\
             Message-ID: <{id}@acme.cz>\nSubject: {id}\n\nprinter down\n"
        )
    };
    // Delivered (file name) on 2026-03-08 08:00 UTC; every header says 2026-03-06 10:00 Prague.
    for (id, date) in [
        ("a", "Fri, 06 Mar 2026 04:00:00 EST"),
        ("b", "Fri, 06 Mar 2026 01:00:00 PST"),
        ("c", "Fri, 6 Mar 26 10:00:00 +0100"),
        ("d", "Fri, 6 Mar 2026 10:00 +0100"),
        ("e", "Fri, 06 Mar 2026 10:00:00 +0100 (CET)"),
    ] {
        put(&md, "new", &format!("1772956800.{id}"), &mail(id, date));
    }
    // A server clock reset to 1990 or to the epoch: the file's delivery time.
    put(&md, "new", "1772956800.f", &mail("f", "Mon, 01 Jan 1990 10:00:00 +0100"));
    put(&md, "new", "1772956800.g", &mail("g", "Thu, 01 Jan 1970 00:00:00 +0000"));
    assert_eq!(import(&d, &md), "imported 7 tickets, 0 comments; 0 to triage; 0 quarantined; 0 already imported\n");
    for t in d.tickets().as_array().unwrap() {
        let title = t["title"].as_str().unwrap();
        let expected =
            if title == "f" || title == "g" { "2026-03-08T09:00:00+01:00" } else { "2026-03-06T10:00:00+01:00" };
        let shown = show(&d, t["number"].as_str().unwrap());
        assert_eq!(shown["received_at"], expected, "{title}");
        assert_eq!(shown["tier"], "vip", "{title}: {shown}");
    }
}

#[test]
fn a_hanging_mail_command_is_stopped_after_the_limit_and_records_nothing() {
    let (mut d, md) = desk();
    put(&md, "new", "1773046800.a", &alert("Mon, 09 Mar 2026 10:00:00 +0100", "disk full", "disk"));
    import(&d, &md);
    let pid_file = d.dir.path().join("grandchild.pid");
    // Reads the message, then hangs in a child of its own (as msmtp waiting on a black-holed host).
    std::fs::write(
        d.config.join("config.toml"),
        format!(
            "[mail]\nfrom = \"podpora@example.cz\"\nsendmail = \"cat > /dev/null; sleep 30 & echo $! > '{}'; wait\"\n",
            pid_file.display()
        ),
    )
    .unwrap();
    d.env.push(("HELPDESK_MAIL_TIMEOUT_S".into(), "1".into()));
    let before = show(&d, "1");
    let out = d.run(&["ticket", "comment", "1", "On it.", "--send"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("did not finish within 1 s and was stopped; nothing was sent or recorded"),
        "{}",
        out.stderr
    );
    assert_eq!(show(&d, "1"), before);
    let out = d.run(&["ticket", "respond", "1", "--resolve-by", "2026-03-20", "--send"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(show(&d, "1"), before);
    // What the command started was ended too (no sleeping orphan left holding anything).
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    // (Gone, or a zombie not reaped yet by whoever inherited it.)
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim())).unwrap_or_default();
    let alive = stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X']));
    assert!(!alive, "the mail command's child {pid} still runs");
    // The write lock is free again: others record at once.
    d.ok(&["ticket", "comment", "1", "noted"]);
    // A bad limit is refused before anything runs.
    d.env.push(("HELPDESK_MAIL_TIMEOUT_S".into(), "0".into()));
    let out = d.run(&["ticket", "comment", "1", "x", "--send"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("HELPDESK_MAIL_TIMEOUT_S"), "{}", out.stderr);
}

#[test]
fn a_customers_reply_moves_a_waiting_resolved_or_closed_ticket_back_to_open() {
    let (mut d, md) = desk();
    let mail = |id: &str, subject: &str, reply_to: &str| {
        let reply = if reply_to.is_empty() { String::new() } else { format!("In-Reply-To: <{reply_to}>\n") };
        format!(
            "Received: by mx; Mon, 09 Mar 2026 09:00:00 +0100\nFrom: jana@acme.cz\nTo: podpora@example.cz\n\
             Message-ID: <{id}>\n{reply}Subject: {subject}\n\ntext {id}\n"
        )
    };
    for n in 1..=5 {
        put(&md, "new", &format!("1773043200.{n}"), &mail(&format!("m{n}@acme.cz"), &format!("Issue {n}"), ""));
    }
    import(&d, &md);
    d.at("2026-03-09T10:00:00+01:00");
    d.ok(&["ticket", "respond", "1", "--resolve-by", "2026-03-20"]);
    let response = show(&d, "1")["first_response_at"].clone();
    d.ok(&["ticket", "set", "1", "--status", "closed"]);
    d.ok(&["ticket", "set", "2", "--status", "resolved"]);
    d.ok(&["ticket", "set", "3", "--status", "waiting"]);
    d.ok(&["ticket", "set", "4", "--status", "open"]);
    d.at("2026-03-09T12:00:00+01:00");
    // Replies by In-Reply-To (1, 2, 4, 5) and by [#3] in the subject.
    put(&md, "new", "1773057600.r1", &mail("r1@acme.cz", "Re: Issue 1", "m1@acme.cz"));
    put(&md, "new", "1773057600.r2", &mail("r2@acme.cz", "Re: Issue 2", "m2@acme.cz"));
    put(&md, "new", "1773057600.r3", &mail("r3@acme.cz", "Re: [#3] Issue 3", ""));
    put(&md, "new", "1773057600.r4", &mail("r4@acme.cz", "Re: Issue 4", "m4@acme.cz"));
    put(&md, "new", "1773057600.r5", &mail("r5@acme.cz", "Re: Issue 5", "m5@acme.cz"));
    assert_eq!(
        import(&d, &md),
        "imported 0 tickets, 5 comments; 0 to triage; 0 quarantined; 5 already imported; replies moved tickets \
         #1, #2, #3 back to open\n"
    );
    let status = |n: &str| show(&d, n)["status"].as_str().unwrap().to_string();
    assert_eq!(
        [status("1"), status("2"), status("3"), status("4"), status("5")],
        ["open", "open", "open", "open", "new"]
    );
    // The SLA facts stay as recorded: the first response is not undone.
    assert_eq!(show(&d, "1")["first_response_at"], response);
    assert_eq!(comments(&d, "1").last().unwrap().1, "text r1@acme.cz");
    // One reopened ticket reads in the singular, and in Czech.
    d.ok(&["ticket", "set", "2", "--status", "closed"]);
    put(&md, "new", "1773057601.r6", &mail("r6@acme.cz", "Re: Issue 2", "m2@acme.cz"));
    d.env.push(("LC_ALL".into(), "cs_CZ.UTF-8".into()));
    assert_eq!(
        import(&d, &md),
        "importováno tiketů: 0, komentářů: 1; k roztřídění: 0; v karanténě: 0; už importováno: 10; odpověď vrátila \
         tiket #2 do stavu otevřený\n"
    );
}

#[test]
fn our_own_answer_coming_back_is_not_a_customer_comment() {
    let (d, md) = desk();
    put(&md, "new", "1773046800.a", &alert("Mon, 09 Mar 2026 10:00:00 +0100", "disk full", "disk"));
    import(&d, &md);
    assert_eq!(d.run(&["ticket", "comment", "1", "On it.", "--send"]).code, 0);
    let sent = std::fs::read_to_string(d.dir.path().join("sent")).unwrap();
    let before = comments(&d, "1");
    // The very message sendmail got, delivered to the support mailbox too (Bcc, alias, list).
    put(&md, "new", "1773050000.ours", &format!("Received: by mx; Mon, 09 Mar 2026 11:00:00 +0100\n{sent}"));
    assert_eq!(import(&d, &md), "imported 0 tickets, 0 comments; 0 to triage; 0 quarantined; 2 already imported\n");
    assert_eq!(comments(&d, "1"), before);
    // Known by its Message-ID even where `from` is set otherwise (another desk's config, a changed one).
    let config = d.config.join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap().replace("podpora@example.cz", "helpdesk@example.cz");
    std::fs::write(&config, text).unwrap();
    put(&md, "new", "1773050001.ours2", &format!("Received: by mx2; Mon, 09 Mar 2026 11:01:00 +0100\n{sent}"));
    assert_eq!(import(&d, &md), "imported 0 tickets, 0 comments; 0 to triage; 0 quarantined; 3 already imported\n");
    assert_eq!(comments(&d, "1"), before);
    // Other mail from our own address (a technician's mail program) is no customer comment either:
    // quarantined with its reason, named on stderr.
    put(
        &md,
        "new",
        "1773050002.manual",
        "Received: by mx; Mon, 09 Mar 2026 11:02:00 +0100\nFrom: Helpdesk <helpdesk@example.cz>\nTo: monitor@acme.cz\n\
         Message-ID: <manual@example.cz>\nSubject: Re: [#1] disk full\n\nWe are on it.\n",
    );
    let out = d.run(&["mail", "import", md.to_str().unwrap()]);
    assert_eq!(out.stdout, "imported 0 tickets, 0 comments; 0 to triage; 1 quarantined; 3 already imported\n");
    assert!(out.stderr.contains("1773050002.manual: sent from our own address helpdesk@example.cz"), "{}", out.stderr);
    assert_eq!(comments(&d, "1"), before);
}
