//! Mail in and out through the command line: the generated fixture Maildir (`helpdesk::mail::fixture`)
//! imported into a tempdir database, what every message became, importing again, triage and assign,
//! contacts and domains, and sending through a capturing command whose output is parsed back with
//! the same MIME crate.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::Desk;
use serde_json::Value;

/// A desk with the fixture's customers, contacts, domain and `[mail]` configuration.
fn mail_desk() -> (Desk, PathBuf) {
    let mut d = Desk::new();
    d.at(helpdesk::mail::fixture::NOW);
    let quarantine = d.dir.path().join("quarantine");
    let capture = d.dir.path().join("sent");
    std::fs::write(
        d.config.join("config.toml"),
        format!(
            "[mail]\nincident_addresses = [\"{}\"]\nfrom = \"podpora@example.cz\"\nsendmail = \"cat > '{}'\"\nquarantine = \"{}\"\n",
            helpdesk::mail::fixture::INCIDENT,
            capture.display(),
            quarantine.display()
        ),
    )
    .unwrap();
    d.ok(&["customer", "add", "Acme s.r.o.", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Beta a.s.", "--tier", "standard", "--since", "2026-01"]);
    d.ok(&["customer", "contact", "add", "Acme s.r.o.", "Jana@Acme.cz", "--name", "Jana Nováková"]);
    d.ok(&[
        "customer",
        "contact",
        "add",
        "Beta a.s.",
        "john@beta.example",
        "--name",
        "John Smith",
        "--mail-lang",
        "en",
    ]);
    d.ok(&["customer", "domain", "add", "Acme s.r.o.", "acme.cz"]);
    let maildir = d.dir.path().join("Maildir");
    helpdesk::mail::fixture::write(&maildir, 50).unwrap();
    (d, maildir)
}

fn show(d: &Desk, n: &str) -> Value {
    d.json(&["ticket", "show", n, "--format", "json"])
}

/// Imports the Maildir (quarantine notes on stderr are expected); the summary line.
fn import(d: &Desk, maildir: &Path) -> String {
    let out = d.run(&["mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

/// A comment as (author, at, body).
type CommentFacts = (String, String, String);

/// "customer kind", received, title, description, status and comments of a ticket.
fn summary(d: &Desk, n: &str) -> (String, String, String, String, String, Vec<CommentFacts>) {
    let t = show(d, n);
    let s = |k: &str| t[k].as_str().unwrap_or_default().to_string();
    let comments = t["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["author"].as_str().unwrap().to_string(),
                c["at"].as_str().unwrap().to_string(),
                c["body"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (format!("{} {}", s("customer"), s("kind")), s("received_at"), s("title"), s("description"), s("status"), comments)
}

fn no_comments() -> Vec<(String, String, String)> {
    Vec::new()
}

#[test]
fn the_fixture_maildir_becomes_tickets_comments_triage_and_quarantine() {
    let (d, maildir) = mail_desk();
    let out = d.run(&["mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "imported 10 tickets, 2 comments; 1 to triage; 3 quarantined; 2 already imported\n");
    assert_eq!(
        out.stderr,
        "quarantined new/1772438940.M540P1.mx: it has 2001 MIME parts, more than 1000 (a MIME bomb?)\n\
         quarantined new/1772439060.M660P1.mx: it has no From: address\n\
         quarantined new/1772439061.M661P1.mx: it has no From: address\n"
    );
    let row = |who: &str, at: &str, title: &str, desc: &str| {
        (who.to_string(), at.to_string(), title.to_string(), desc.to_string(), "new".to_string())
    };
    let t = |n: &str| {
        let (a, b, c, e, f, g) = summary(&d, n);
        ((a, b, c, e, f), g)
    };
    // The top Received: decides (the sender's Date: a day earlier does not); the reply by In-Reply-To is
    // a comment by the contact, at the time it was received.
    assert_eq!(
        t("1"),
        (
            row(
                "Acme s.r.o. request",
                "2026-03-02T09:15:00+01:00",
                "Tiskárna nefunguje",
                "Dobry den, tiskarna v kancelari netiskne."
            ),
            vec![(
                "Jana Nováková <jana@acme.cz>".to_string(),
                "2026-03-02T11:55:00+01:00".to_string(),
                "Uz to funguje, dekuji.".to_string()
            )]
        )
    );
    // multipart/alternative: the text part; To the incident address: an incident; customer by domain;
    // the reply by [#2] in the subject is a comment by the address.
    assert_eq!(
        t("2"),
        (
            row("Acme s.r.o. incident", "2026-03-02T10:00:00+01:00", "Server down", "The server is down since 9:55."),
            vec![("petr@acme.cz".to_string(), "2026-03-02T11:58:00+01:00".to_string(), "It is back up.".to_string())]
        )
    );
    // HTML only: rendered to text (the script dropped).
    assert_eq!(
        t("3"),
        (
            row(
                "Beta a.s. request",
                "2026-03-02T10:30:00+01:00",
                "Invoice question",
                "Hello,\n\nwhere is the March invoice?"
            ),
            no_comments()
        )
    );
    // windows-1250, X-Original-To the incident address.
    assert_eq!(
        t("4"),
        (
            row(
                "Acme s.r.o. incident",
                "2026-03-02T11:00:00+01:00",
                "Žluťoučký kůň",
                "Příliš žluťoučký kůň úpěl ďábelské ódy."
            ),
            no_comments()
        )
    );
    // ISO-8859-2, quoted-printable, a base64 subject.
    assert_eq!(
        t("5"),
        (
            row("Acme s.r.o. request", "2026-03-02T11:05:00+01:00", "Žluťoučký kůň", "Žluťoučký kůň úpěl."),
            no_comments()
        )
    );
    // No Message-ID, twice: one ticket (by the raw message's hash).
    assert_eq!(
        t("6"),
        (
            row("Acme s.r.o. request", "2026-03-02T11:10:00+01:00", "No id", "A message without a Message-ID."),
            no_comments()
        )
    );
    // Hostile: escape and bidi characters gone; a Received: in 2030 is not believed, the file name's
    // delivery seconds are (08:08 UTC).
    assert_eq!(
        t("7"),
        (
            row(
                "Acme s.r.o. request",
                "2026-03-02T09:08:00+01:00",
                "[2J]0;pwnedHello dlif good",
                "Text [31mred[0m and reversed."
            ),
            no_comments()
        )
    );
    // A 50 MB attachment: imported, noted, not stored.
    assert_eq!(
        t("8"),
        (
            row(
                "Acme s.r.o. request",
                "2026-03-02T11:40:00+01:00",
                "Log file",
                "The log is attached.\n\n[attachment not stored: server.log, 50.0 MB]"
            ),
            no_comments()
        )
    );
    // A broken encoding: imported as well as it goes, and the ticket says so (fixg #2).
    assert_eq!(
        t("9"),
        (
            row(
                "Acme s.r.o. request",
                "2026-03-02T11:50:00+01:00",
                "Broken",
                "[the text is marked as base64 but could not be decoded; it is kept as received:]\n@@not base64!!"
            ),
            no_comments()
        )
    );
    // No Received: and no delivery seconds in the file name: the file's mtime (08:50 UTC).
    assert_eq!(t("10"), (row("Acme s.r.o. request", "2026-03-02T09:50:00+01:00", "Old mail", "mtime"), no_comments()));
    assert_eq!(d.tickets().as_array().unwrap().len(), 10);
    // The unknown sender waits in triage, never dropped.
    let triage = d.json(&["mail", "triage", "--format", "json"]);
    assert_eq!(
        triage,
        serde_json::json!([{"id": 1, "from": "eva@unknown.example", "name": "Eva Neznama", "subject": "Who handles this?",
            "kind": "incident", "received_at": "2026-03-02T11:20:00+01:00"}])
    );
    // The quarantine holds each message with its reason; the Maildir is untouched.
    let q = d.dir.path().join("quarantine");
    assert_eq!(
        std::fs::read_to_string(q.join("1772438940.M540P1.mx.reason")).unwrap(),
        "it has 2001 MIME parts, more than 1000 (a MIME bomb?)\n"
    );
    assert!(q.join("1772438940.M540P1.mx").exists());
    assert_eq!(std::fs::read_dir(maildir.join("new")).unwrap().count(), 16);
    assert_eq!(std::fs::read_dir(maildir.join("cur")).unwrap().count(), 2);

    // Importing again changes nothing.
    let before = d.tickets();
    assert_eq!(
        import(&d, &maildir),
        "imported 0 tickets, 0 comments; 0 to triage; 0 quarantined; 18 already imported\n"
    );
    assert_eq!(d.tickets(), before);
    // mbsync moving a message from new/ to cur/ with flags is the same message.
    std::fs::rename(maildir.join("new/1772438460.M60P1.mx"), maildir.join("cur/1772438460.M60P1.mx:2,S")).unwrap();
    assert_eq!(
        import(&d, &maildir),
        "imported 0 tickets, 0 comments; 0 to triage; 0 quarantined; 18 already imported\n"
    );

    // Assigning the triaged mail makes its ticket with the mail's received time and kind.
    assert_eq!(d.ok(&["mail", "assign", "1", "Beta a.s."]), "11\n");
    assert_eq!(
        t("11"),
        (
            row("Beta a.s. incident", "2026-03-02T11:20:00+01:00", "Who handles this?", "Our line is down."),
            no_comments()
        )
    );
    assert_eq!(d.json(&["mail", "triage", "--format", "json"]), serde_json::json!([]));
    for id in ["1", "7", "x"] {
        d.fails(
            2,
            &["mail", "assign", id, "Beta a.s."],
            &format!("no mail `{id}` is waiting in triage: give a number from the id column of `helpdesk mail triage`"),
        );
    }
}

#[test]
fn a_maildir_that_cannot_be_read_exits_1_and_an_empty_one_imports_nothing() {
    let (d, _) = mail_desk();
    let missing = d.dir.path().join("nowhere");
    d.fails(
        1,
        &["mail", "import", missing.to_str().unwrap()],
        &format!(
            "cannot read the Maildir {}: it has neither cur/ nor new/ (a Maildir is a directory with cur/ and new/ in it)",
            missing.display()
        ),
    );
    let empty = d.dir.path().join("Empty");
    std::fs::create_dir_all(empty.join("new")).unwrap();
    assert_eq!(import(&d, &empty), "imported 0 tickets, 0 comments; 0 to triage; 0 quarantined; 0 already imported\n");
}

#[test]
fn contacts_and_domains_from_the_command_line() {
    let (d, _) = mail_desk();
    d.ok(&["customer", "contact", "add", "Acme s.r.o.", "petr@acme.cz", "--mail-lang", "en"]);
    assert_eq!(
        d.ok(&["customer", "contact", "list", "Acme s.r.o."]),
        "EMAIL         NAME           LANG\n\
         jana@acme.cz  Jana Nováková  cs\n\
         petr@acme.cz                 en\n\
         domains: acme.cz\n"
    );
    assert_eq!(
        d.json(&["customer", "contact", "list", "Beta a.s.", "--format", "json"]),
        serde_json::json!([{"email": "john@beta.example", "name": "John Smith", "lang": "en"}])
    );
    d.ok(&["customer", "contact", "remove", "Acme s.r.o.", "PETR@acme.cz"]);
    d.fails(
        2,
        &["customer", "contact", "remove", "Acme s.r.o.", "petr@acme.cz"],
        "the customer has no contact petr@acme.cz; see `helpdesk customer contact list`",
    );
    d.fails(
        2,
        &["customer", "contact", "add", "Acme s.r.o.", "not-an-address"],
        "`not-an-address` is not an e-mail address: write it like jana.novakova@example.cz",
    );
    d.fails(
        2,
        &["customer", "contact", "add", "Acme s.r.o.", "a@b.cz", "--mail-lang", "de"],
        "--mail-lang: `de` is not a language here: write cs or en",
    );
    d.fails(
        2,
        &["customer", "domain", "add", "Acme s.r.o.", "localhost"],
        "`localhost` is not a mail domain: write it like example.cz",
    );
    d.fails(
        2,
        &["customer", "contact", "add", "Nobody", "a@b.cz"],
        "no customer named `Nobody`; see `helpdesk customer list`",
    );
}

#[test]
fn a_mail_domain_is_removed_and_its_senders_go_to_triage_again() {
    let (d, maildir) = mail_desk();
    d.ok(&["customer", "domain", "remove", "Acme s.r.o.", "ACME.cz"]);
    assert_eq!(
        d.ok(&["customer", "contact", "list", "Acme s.r.o."]),
        "EMAIL         NAME           LANG\n\
         jana@acme.cz  Jana Nováková  cs\n"
    );
    d.fails(
        2,
        &["customer", "domain", "remove", "Acme s.r.o.", "acme.cz"],
        "the customer has no mail domain acme.cz; see `helpdesk customer contact list`",
    );
    d.fails(
        2,
        &["customer", "domain", "remove", "Beta a.s.", "localhost"],
        "`localhost` is not a mail domain: write it like example.cz",
    );
    // petr@acme.cz is no contact: without the domain his mail waits in triage.
    import(&d, &maildir);
    let triage = d.json(&["mail", "triage", "--format", "json"]);
    let from: Vec<&str> = triage.as_array().unwrap().iter().map(|t| t["from"].as_str().unwrap()).collect();
    assert!(from.contains(&"petr@acme.cz"), "{from:?}");
    // Mapped again (later by clock), it is Acme's again.
    d.ok(&["customer", "domain", "add", "Acme s.r.o.", "acme.cz"]);
    assert!(d.ok(&["customer", "contact", "list", "Acme s.r.o."]).ends_with("domains: acme.cz\n"));
}

#[test]
fn import_speaks_czech() {
    let (d, maildir) = mail_desk();
    let out = d.run(&["--lang", "cs", "mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "importováno tiketů: 10, komentářů: 2; k roztřídění: 1; v karanténě: 3; už importováno: 2\n"
    );
    assert!(
        out.stderr.starts_with(
            "v karanténě: new/1772438940.M540P1.mx: má 2001 částí MIME, víc než 1000 (MIME bomba?)\n\
             v karanténě: new/1772439060.M660P1.mx: nemá adresu From:\n"
        ),
        "{}",
        out.stderr
    );
    d.fails(
        2,
        &["--lang", "cs", "mail", "assign", "x", "Acme s.r.o."],
        "e-mail `x` nečeká v třídění: zadejte číslo ze sloupce id výpisu `helpdesk mail triage`",
    );
}

#[test]
fn an_oversize_message_is_quarantined_whole_with_its_reason_and_never_read() {
    let (d, _) = mail_desk();
    let maildir = d.dir.path().join("Big");
    std::fs::create_dir_all(maildir.join("new")).unwrap();
    // 101 MiB, sparse: no disk is used, and helpdesk must not read it (its size alone decides).
    let big = maildir.join("new/1772440000.M1P1.mx");
    std::fs::File::create(&big).unwrap().set_len(101 * 1024 * 1024).unwrap();
    let out = d.run(&["mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            0,
            "imported 0 tickets, 0 comments; 0 to triage; 1 quarantined; 0 already imported\n",
            "quarantined new/1772440000.M1P1.mx: the message is 101 MiB, more than the 100 MiB helpdesk reads\n"
        )
    );
    let q = d.dir.path().join("quarantine");
    assert_eq!(std::fs::metadata(q.join("1772440000.M1P1.mx")).unwrap().len(), 101 * 1024 * 1024);
    assert_eq!(
        std::fs::read_to_string(q.join("1772440000.M1P1.mx.reason")).unwrap(),
        "the message is 101 MiB, more than the 100 MiB helpdesk reads\n"
    );
    assert!(big.exists(), "the Maildir keeps its file");
}

/// A link at the quarantine's `NAME.reason` (someone else's doing) is replaced by the reason, not
/// written through: the file it pointed at keeps its content.
#[test]
fn a_link_at_the_reasons_name_is_replaced_not_followed() {
    let (d, _) = mail_desk();
    let maildir = d.dir.path().join("Big");
    std::fs::create_dir_all(maildir.join("new")).unwrap();
    let big = maildir.join("new/1772440000.M2P1.mx");
    std::fs::File::create(&big).unwrap().set_len(101 * 1024 * 1024).unwrap();
    let q = d.dir.path().join("quarantine");
    std::fs::create_dir_all(&q).unwrap();
    let victim = d.dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&victim, q.join("1772440000.M2P1.mx.reason")).unwrap();
    let out = d.run(&["mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
    let reason = q.join("1772440000.M2P1.mx.reason");
    assert!(std::fs::symlink_metadata(&reason).unwrap().file_type().is_file());
    assert_eq!(
        std::fs::read_to_string(reason).unwrap(),
        "the message is 101 MiB, more than the 100 MiB helpdesk reads\n"
    );
    let left: Vec<String> =
        std::fs::read_dir(&q).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(left.iter().all(|n| !n.contains(".tmp")), "no temporary file left: {left:?}");
}

/// The messages the capturing command received, parsed back.
fn captured(d: &Desk) -> Vec<u8> {
    std::fs::read(d.dir.path().join("sent")).unwrap()
}

#[test]
fn the_first_response_and_a_comment_are_mailed_threaded_in_the_contacts_language() {
    use mail_parser::MessageParser;
    let (mut d, maildir) = mail_desk();
    import(&d, &maildir);
    d.at("2026-03-02T12:30:00+01:00");
    let out =
        d.run(&["ticket", "respond", "1", "--resolve-by", "2026-03-20", "--send", "--message", "Pošleme technika."]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    assert_eq!(out.stderr, "sent to jana@acme.cz (Re: [#1] Tiskárna nefunguje)\n");
    let raw = captured(&d);
    let m = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(m.from().unwrap().first().unwrap().address(), Some("podpora@example.cz"));
    assert_eq!(m.to().unwrap().first().unwrap().address(), Some("jana@acme.cz"));
    assert_eq!(m.subject(), Some("Re: [#1] Tiskárna nefunguje"));
    // Threaded on the customer's newest mail about the ticket, referring to all of it.
    assert_eq!(m.in_reply_to().as_text(), Some("m17@acme.cz"));
    assert_eq!(
        m.references().as_text_list().map(|l| l.to_vec()),
        Some(vec!["m1@acme.cz".into(), "m17@acme.cz".into()])
    );
    let id = m.message_id().unwrap().to_string();
    assert!(id.starts_with("helpdesk.") && id.ends_with("@example.cz"), "{id}");
    assert_eq!(
        m.body_text(0).unwrap(),
        "Dobrý den,\n\nděkujeme za Váš požadavek #1 „Tiskárna nefunguje“. Pracujeme na něm; navrhovaný termín vyřešení \
         je 20. 3. 2026.\n\nPošleme technika.\n\nNa tento e-mail můžete odpovědět, odpověď se připojí k požadavku.\n\n\
         S pozdravem\nalice\n"
    );
    // Recorded: the first response stops the clock, and what was sent is in the history.
    let t = show(&d, "1");
    assert_eq!(t["first_response_at"], "2026-03-02T12:30:00+01:00");
    assert_eq!(t["resolve_by"], "2026-03-20T23:59:59+01:00");
    let last = t["comments"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["author"], "alice");
    assert!(
        last["body"]
            .as_str()
            .unwrap()
            .starts_with("Sent by e-mail to jana@acme.cz — Re: [#1] Tiskárna nefunguje\n\nDobrý den,")
    );

    // An English contact gets English; a comment is mailed the same way.
    let out = d.run(&["ticket", "comment", "3", "The invoice went out on Friday.", "--send"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "sent to john@beta.example (Re: [#3] Invoice question)\n"));
    let m2raw = captured(&d);
    let m2 = MessageParser::default().parse(&m2raw).unwrap();
    assert_eq!(m2.to().unwrap().first().unwrap().address(), Some("john@beta.example"));
    assert_eq!(m2.subject(), Some("Re: [#3] Invoice question"));
    assert_eq!(m2.in_reply_to().as_text(), Some("m3@beta.example"));
    assert_eq!(
        m2.body_text(0).unwrap(),
        "Hello,\n\nThe invoice went out on Friday.\n\nKind regards\nalice\n(request #3)\n"
    );

    // The customer's answer to our mail comes back to the ticket.
    std::fs::write(
        maildir.join("new/1772456000.M1P1.mx"),
        format!(
            "Received: by mail.example.cz; Mon, 2 Mar 2026 13:00:00 +0100\nFrom: jana@acme.cz\nTo: podpora@example.cz\n\
             Subject: Re: something else\nMessage-ID: <m30@acme.cz>\nIn-Reply-To: <{id}>\n\nDekuji.\n"
        ),
    )
    .unwrap();
    assert_eq!(
        import(&d, &maildir),
        "imported 0 tickets, 1 comment; 0 to triage; 0 quarantined; 18 already imported\n"
    );
    let t = show(&d, "1");
    let last = t["comments"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["author"].as_str(), last["body"].as_str()),
        (Some("Jana Nováková <jana@acme.cz>"), Some("Dekuji."))
    );
}

#[test]
fn a_failing_mail_command_records_nothing_and_says_why() {
    let (mut d, maildir) = mail_desk();
    import(&d, &maildir);
    std::fs::write(
        d.config.join("config.toml"),
        "[mail]\nfrom = \"podpora@example.cz\"\nsendmail = \"echo 'no route to host' >&2; exit 75\"\nquarantine = \"/tmp\"\n",
    )
    .unwrap();
    d.at("2026-03-02T12:30:00+01:00");
    let before = show(&d, "1");
    d.fails(
        1,
        &["ticket", "respond", "1", "--resolve-by", "2026-03-20", "--send"],
        "the mail command `echo 'no route to host' >&2; exit 75` failed (exit code 75): no route to host; nothing \
         was sent or recorded — check [mail] sendmail in config.toml",
    );
    d.fails(
        1,
        &["ticket", "comment", "1", "hello", "--send"],
        "the mail command `echo 'no route to host' >&2; exit 75` failed (exit code 75): no route to host; nothing \
         was sent or recorded — check [mail] sendmail in config.toml",
    );
    assert_eq!(show(&d, "1"), before);
    // A ticket nobody can be mailed about, and no sender configured, are refused before anything runs.
    d.ok(&["customer", "add", "Gamma", "--tier", "none"]);
    d.ok(&["ticket", "open", "--customer", "Gamma", "--title", "Phone call"]);
    d.fails(
        2,
        &["ticket", "comment", "11", "hello", "--send"],
        "nothing was sent or recorded: ticket 11 has no mail and its customer no contact; add one with \
         `helpdesk customer contact add \"Gamma\" EMAIL`",
    );
    std::fs::write(d.config.join("config.toml"), "[mail]\nsendmail = \"true\"\n").unwrap();
    d.fails(
        2,
        &["ticket", "comment", "1", "hello", "--send"],
        "nothing was sent or recorded: set `from` in the [mail] section of config.toml (the sender of our answers)",
    );
}

/// Hostile messages straight into the parser: never a panic, always a message or a reason.
#[test]
fn hostile_messages_never_panic() {
    use helpdesk::mail::parse::{FileFacts, parse};
    let now = chrono::DateTime::parse_from_rfc3339(helpdesk::mail::fixture::NOW).unwrap().to_utc();
    let facts = FileFacts { name_secs: Some(1_772_438_400), mtime: None };
    let mut inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\n\n\n".to_vec(),
        b"From: a@b.cz\n".to_vec(),
        b"From: a@b.cz\nContent-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n".to_vec(),
        b"From: a@b.cz\nSubject: =?utf-8?B?////?= =?x?Q?=ZZ?=\nContent-Transfer-Encoding: quoted-printable\n\n=\n=Z"
            .to_vec(),
        b"From: \"\xff\xfe\" <a@b.cz>\nReceived: ; 99 Foo 99999 99:99:99 +9999\n\n\xc3".to_vec(),
        format!("From: a@b.cz\nSubject: {}\n\n{}", "x".repeat(100_000), "\u{202e}".repeat(100_000)).into_bytes(),
        format!("From: a@b.cz\nReferences: {}\n\nx", "<a@b> ".repeat(10_000)).into_bytes(),
        format!("From: a@b.cz\nContent-Type: text/html\n\n{}x", "<div>".repeat(5_000)).into_bytes(),
    ];
    // A long text and fifty attachments with long names: the notes must fit within the limit too.
    let mut long =
        b"From: a@b.cz\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n".to_vec();
    long.extend_from_slice("word ".repeat(20_000).as_bytes());
    for n in 0..50 {
        let name = format!("{n}{}", "n".repeat(200));
        long.extend_from_slice(
            format!("\n--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"{name}\"\n\nx")
                .as_bytes(),
        );
    }
    long.extend_from_slice(b"\n--B--\n");
    inputs.push(long);
    // Nested multiparts, each in the one before.
    let mut nested = b"From: a@b.cz\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n".to_vec();
    for i in 0..200 {
        nested.extend_from_slice(
            format!("--b{i}\nContent-Type: multipart/mixed; boundary=\"b{}\"\n\n", i + 1).as_bytes(),
        );
    }
    inputs.push(nested);
    for (i, raw) in inputs.iter().enumerate() {
        match parse(raw, facts, &[], now) {
            Ok(m) => {
                assert!(m.subject.chars().count() <= helpdesk::store::MAX_TITLE, "{i}");
                // Within free text's limit, notes included (bb4 #9: the store refuses anything longer).
                assert!(m.body.chars().count() <= helpdesk::domain::length::TEXT_MAX, "{i}");
                assert!(!m.body.contains('\u{202e}') && !m.subject.contains('\u{1b}'), "{i}");
            }
            Err(q) => assert!(!q.0.is_empty(), "{i}"),
        }
    }
}

/// An archived customer's mail domain (and contacts) name nobody: new mail from them waits in triage
/// for a person to decide, instead of opening a ticket for a customer no picker offers.
#[test]
fn mail_from_an_archived_customers_domain_waits_in_triage() {
    let (d, maildir) = mail_desk();
    d.ok(&["customer", "add", "Acme Old", "--tier", "none", "--since", "2026-01"]);
    d.ok(&["customer", "domain", "add", "Acme Old", "acme.cz"]);
    d.ok(&["customer", "archive", "Acme Old"]);
    import(&d, &maildir);
    let triage = d.json(&["mail", "triage", "--format", "json"]);
    let from: Vec<&str> = triage.as_array().unwrap().iter().map(|t| t["from"].as_str().unwrap()).collect();
    assert!(from.contains(&"petr@acme.cz"), "{from:?}");
    assert!(!from.contains(&"jana@acme.cz"), "a contact of Acme, in use: {from:?}");
    let tickets = d.tickets();
    assert!(tickets.as_array().unwrap().iter().all(|t| t["customer"] != "Acme Old"), "{tickets}");
}

/// A copy of `d`'s file (a laptop, or a desk's replica) with the same `[mail]` configuration; its
/// capturing command writes into `d`'s directory.
fn copy_of(d: &Desk) -> Desk {
    let mut lap = Desk::new();
    lap.at(&d.now);
    std::fs::copy(d.config.join("config.toml"), lap.config.join("config.toml")).unwrap();
    synced(d, &["sync", "clone", d.db.to_str().unwrap(), lap.db.to_str().unwrap()]);
    lap
}

/// Runs a sync command that must succeed (it reports on stderr).
fn synced(d: &Desk, args: &[&str]) {
    let out = d.run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
}

/// The intake's bookkeeping travels (schema 13): a copy that syncs after the team file imported knows
/// every message was imported, holds the triage and can assign it, answers the address that wrote in
/// threaded on its mail — and the customer's answer to the copy's mail threads back on the team file.
#[test]
fn the_intake_bookkeeping_travels_to_every_copy() {
    use mail_parser::MessageParser;
    let (d, maildir) = mail_desk();
    let lap = copy_of(&d);
    import(&d, &maildir);
    synced(&lap, &["sync", d.db.to_str().unwrap()]);

    // The same Maildir on the copy: nothing new (only what the team file quarantined is its own).
    let out = lap.run(&["mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "imported 0 tickets, 0 comments; 0 to triage; 3 quarantined; 15 already imported\n");
    assert_eq!(lap.tickets().as_array().unwrap().len(), 10);

    // The triage waits on the copy too, and is assigned there.
    let triage = lap.json(&["mail", "triage", "--format", "json"]);
    assert_eq!((triage[0]["from"].as_str(), triage.as_array().unwrap().len()), (Some("eva@unknown.example"), 1));
    let number = lap.ok(&["mail", "assign", "1", "Beta a.s."]);
    let number = number.trim();
    let made = show(&lap, number);
    assert_eq!(
        (made["received_at"].as_str(), made["kind"].as_str(), made["title"].as_str()),
        (Some("2026-03-02T11:20:00+01:00"), Some("incident"), Some("Who handles this?"))
    );

    // Ticket 2 came from petr@acme.cz (a domain sender, not a contact): the copy answers him, threaded
    // on his mail, not the customer's first contact.
    let out = lap.run(&["ticket", "comment", "2", "Díváme se na to.", "--send"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "sent to petr@acme.cz (Re: [#2] Server down)\n"));
    let raw = captured(&d);
    let m = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(m.to().unwrap().first().unwrap().address(), Some("petr@acme.cz"));
    let ours = m.message_id().unwrap().to_string();
    assert!(m.in_reply_to().as_text().is_some_and(|r| r.ends_with("@acme.cz")), "{:?}", m.in_reply_to());

    // Back on the team file: the triage is assigned there too, and petr's answer to the copy's mail
    // (a subject without the ticket's number) comes to ticket 2 by its In-Reply-To alone.
    synced(&d, &["sync", lap.db.to_str().unwrap()]);
    assert_eq!(d.json(&["mail", "triage", "--format", "json"]), serde_json::json!([]));
    assert_eq!(show(&d, number)["title"], "Who handles this?");
    std::fs::write(
        maildir.join("new/1772457000.M2P1.mx"),
        format!(
            "Received: by mail.example.cz; Mon, 2 Mar 2026 13:30:00 +0100\nFrom: petr@acme.cz\nTo: podpora@example.cz\n\
             Subject: Re: odpoved\nMessage-ID: <m31@acme.cz>\nIn-Reply-To: <{ours}>\n\nDiky.\n"
        ),
    )
    .unwrap();
    assert_eq!(
        import(&d, &maildir),
        "imported 0 tickets, 1 comment; 0 to triage; 0 quarantined; 18 already imported\n"
    );
    let last = show(&d, "2")["comments"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["author"].as_str(), last["body"].as_str()), (Some("petr@acme.cz"), Some("Diky.")));
}

/// Triage assigned on two copies at once: both tickets stay (a ticket is never taken back), the entry
/// is assigned on both, and syncing again changes nothing.
#[test]
fn triage_assigned_on_two_copies_at_once_makes_two_tickets_and_settles() {
    let (d, maildir) = mail_desk();
    import(&d, &maildir);
    let lap = copy_of(&d);
    let on_team = d.ok(&["mail", "assign", "1", "Beta a.s."]);
    let on_lap = lap.ok(&["mail", "assign", "1", "Acme s.r.o."]);
    assert_ne!(on_team, on_lap);
    synced(&lap, &["sync", d.db.to_str().unwrap()]);
    synced(&d, &["sync", lap.db.to_str().unwrap()]);
    for desk in [&d, &lap] {
        assert_eq!(desk.json(&["mail", "triage", "--format", "json"]), serde_json::json!([]));
        let titles: Vec<_> = desk
            .tickets()
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["title"] == "Who handles this?")
            .map(|t| t["number"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
    }
    assert_eq!(
        import(&lap, &maildir).split("; ").nth(1),
        Some("0 to triage"),
        "the mail is not triaged again on the copy"
    );
    // Table by table, the mail's bookkeeping included, the two copies hold the same.
    synced(&d, &["sync", lap.db.to_str().unwrap()]);
    let dump = |db: &Path| helpdesk::store::Store::open_existing(db, "Checker").unwrap().state_dump().unwrap();
    let (on_team, on_lap) = (dump(&d.db), dump(&lap.db));
    assert!(on_team.contains("## mail_triage\n\""), "{on_team}");
    assert_eq!(on_team, on_lap);
}

/// The same Maildir imported on two copies while they were apart: each made its tickets (neither knew),
/// and once they have synced, a reply threads to the same ticket on both — the one imported first by
/// clock.
#[test]
fn mail_imported_on_two_copies_apart_threads_a_reply_to_the_same_ticket_on_both() {
    let (mut d, maildir) = mail_desk();
    let mut lap = copy_of(&d);
    import(&lap, &maildir);
    d.at("2026-03-02T12:05:00+01:00");
    lap.at("2026-03-02T12:05:00+01:00");
    import(&d, &maildir);
    synced(&lap, &["sync", d.db.to_str().unwrap()]);
    synced(&d, &["sync", lap.db.to_str().unwrap()]);
    // Ten tickets from each (the copy, numbering A-1…, also took `[#2]` for no ticket of its own).
    assert_eq!(d.tickets().as_array().unwrap().len(), 21);
    assert_eq!(d.tickets(), lap.tickets());
    std::fs::write(
        maildir.join("new/1772457000.M2P1.mx"),
        "Received: by mail.example.cz; Mon, 2 Mar 2026 13:30:00 +0100\nFrom: jana@acme.cz\nTo: podpora@example.cz\n\
         Subject: Re: tiskarna\nMessage-ID: <m32@acme.cz>\nIn-Reply-To: <m1@acme.cz>\n\nJeste jednou.\n",
    )
    .unwrap();
    let with_reply = |desk: &Desk| -> Vec<String> {
        let list = desk.tickets();
        list.as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_str().unwrap().to_string())
            .filter(|n| show(desk, n)["comments"].as_array().unwrap().iter().any(|c| c["body"] == "Jeste jednou."))
            .collect()
    };
    for desk in [&d, &lap] {
        let out = import(desk, &maildir);
        assert!(out.starts_with("imported 0 tickets, 1 comment;"), "{out}");
    }
    let (on_team, on_lap) = (with_reply(&d), with_reply(&lap));
    assert_eq!(on_team.len(), 1);
    assert_eq!(on_team, on_lap, "the reply went to different tickets");

    // The unknown sender's mail was triaged on both: one entry (the same on both), and assigning it on
    // one copy assigns it on the other — it is not made a ticket twice.
    for desk in [&d, &lap] {
        let triage = desk.json(&["mail", "triage", "--format", "json"]);
        assert_eq!(triage.as_array().map(Vec::len), Some(1), "{triage}");
    }
    let number = lap.ok(&["mail", "assign", "1", "Beta a.s."]);
    synced(&d, &["sync", lap.db.to_str().unwrap()]);
    assert_eq!(d.json(&["mail", "triage", "--format", "json"]), serde_json::json!([]));
    assert_eq!(show(&d, number.trim())["title"], "Who handles this?");
}

#[test]
fn mail_about_a_ticket_opened_by_hand_goes_to_the_contact_added_first() {
    // Jana was Acme's contact first; `accounting@…` added later sorts before her, and must not take
    // her mail (the recipient was the alphabetically first address).
    let (d, _) = mail_desk();
    d.ok(&["customer", "contact", "add", "Acme s.r.o.", "accounting@acme.cz"]);
    d.ok(&["ticket", "open", "--customer", "Acme s.r.o.", "--title", "Phoned in"]);
    let out = d.run(&["ticket", "comment", "1", "We are on it.", "--send"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, "sent to jana@acme.cz ([#1] Phoned in)\n"));
    let raw = captured(&d);
    let sent = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(sent.to().unwrap().first().unwrap().address(), Some("jana@acme.cz"));
}
