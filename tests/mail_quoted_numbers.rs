//! bb7 #6: `[#N]` in a subject reaches ticket N only from that ticket's customer (a contact, a mapped
//! domain) or an address that wrote in on it; anything else is a new message of its sender with a note
//! naming the number. A ticket renumbered by `sync new-identity` keeps its old number for its customer's
//! mail, also where the number now belongs to another customer's ticket.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::Desk;
use serde_json::Value;

/// A desk with Acme (domain acme.cz, contact jana@acme.cz) and Beta (contact petr@beta.cz), `[mail]`
/// set up (sent mail captured in `sent`), and an empty Maildir.
fn desk() -> (Desk, PathBuf) {
    let mut d = Desk::new();
    d.at("2026-03-09T12:00:00+01:00");
    let capture = d.dir.path().join("sent");
    std::fs::write(
        d.config.join("config.toml"),
        format!("[mail]\nfrom = \"podpora@example.cz\"\nsendmail = \"cat > '{}'\"\n", capture.display()),
    )
    .unwrap();
    for name in ["Acme", "Beta"] {
        d.ok(&["customer", "add", name, "--tier", "plus", "--since", "2026-01"]);
    }
    d.ok(&["customer", "domain", "add", "Acme", "acme.cz"]);
    d.ok(&["customer", "contact", "add", "Acme", "jana@acme.cz", "--name", "Jana"]);
    d.ok(&["customer", "contact", "add", "Beta", "petr@beta.cz", "--name", "Petr"]);
    let maildir = d.dir.path().join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    (d, maildir)
}

/// Puts a new message (no `In-Reply-To`) into the Maildir as `new/<id>`.
fn mail(maildir: &Path, id: &str, from: &str, subject: &str, text: &str) {
    let msg = format!(
        "Received: by mx; Mon, 09 Mar 2026 11:00:00 +0100\nFrom: {from}\nTo: podpora@example.cz\n\
         Message-ID: <{id}@example.net>\nSubject: {subject}\n\n{text}\n"
    );
    std::fs::write(maildir.join("new").join(format!("1773050400.{id}")), msg).unwrap();
}

fn import(d: &Desk, maildir: &Path) -> String {
    let out = d.run(&["mail", "import", maildir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

fn show(d: &Desk, n: &str) -> Value {
    d.json(&["ticket", "show", n, "--format", "json"])
}

/// (author, text) of each comment of ticket `n`.
fn comments(d: &Desk, n: &str) -> Vec<(String, String)> {
    show(d, n)["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["author"].as_str().unwrap().to_string(), c["body"].as_str().unwrap().to_string()))
        .collect()
}

/// (number, customer, title) of every ticket, by number.
fn tickets(d: &Desk) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = d
        .tickets()
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap().to_string();
            (s("number"), s("customer"), s("title"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_number_quoted_by_another_customers_contact_opens_a_ticket_of_their_own_with_a_note() {
    let (d, md) = desk();
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Acme printer", "--at", "2026-03-09T09:00:00+01:00"]);
    // Beta's contact quotes Acme's ticket 1: a new Beta ticket whose text starts with the note.
    mail(&md, "p1", "petr@beta.cz", "[#1] our invoice", "Beta internal detail");
    assert_eq!(import(&d, &md), "imported 1 ticket, 0 comments; 0 to triage; 0 quarantined; 0 already imported\n");
    assert_eq!(comments(&d, "1"), []);
    assert_eq!(
        tickets(&d),
        [("1".into(), "Acme".into(), "Acme printer".into()), ("2".into(), "Beta".into(), "[#1] our invoice".into())]
    );
    assert_eq!(
        show(&d, "2")["description"],
        "[the subject names ticket #1, but the sender is no contact of that ticket's customer and has not written \
         in on it: taken in as a new message, not added to #1]\n\nBeta internal detail"
    );
    // An unknown sender quoting it waits in triage (with the note), as any mail from an unknown sender.
    mail(&md, "x1", "someone@elsewhere.example", "Re: [#1] Acme printer", "who is this");
    assert_eq!(import(&d, &md), "imported 0 tickets, 0 comments; 1 to triage; 0 quarantined; 1 already imported\n");
    assert_eq!(comments(&d, "1"), []);
    let triage = d.json(&["mail", "triage", "--format", "json"]);
    assert_eq!(triage[0]["from"], "someone@elsewhere.example");
    let made = d.ok(&["mail", "assign", "1", "Beta"]);
    assert!(show(&d, made.trim())["description"].as_str().unwrap().starts_with("[the subject names ticket #1, "));
    // A number no ticket has: a new ticket of the sender's customer, the note says so.
    mail(&md, "p2", "petr@beta.cz", "[#77] old matter", "still broken");
    import(&d, &md);
    let last = tickets(&d).into_iter().find(|t| t.2 == "[#77] old matter").unwrap();
    assert_eq!(last.1, "Beta");
    assert_eq!(
        show(&d, &last.0)["description"],
        "[the subject names ticket #77, which does not exist here: taken in as a new message]\n\nstill broken"
    );
}

#[test]
fn a_number_reaches_its_ticket_from_its_customers_contacts_domain_and_those_who_wrote_in() {
    let (d, md) = desk();
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Acme printer", "--at", "2026-03-09T09:00:00+01:00"]);
    mail(&md, "j1", "jana@acme.cz", "[#1] any news?", "from the contact");
    mail(&md, "k1", "karel@acme.cz", "Re: [#1] Acme printer", "from the domain");
    assert_eq!(import(&d, &md), "imported 0 tickets, 2 comments; 0 to triage; 0 quarantined; 0 already imported\n");
    // An address that wrote in on the ticket (its mail assigned from triage) may quote it too, also when
    // it belongs to no customer.
    mail(&md, "u1", "ext@partner.example", "Printer at Acme", "first mail");
    import(&d, &md);
    let made = d.ok(&["mail", "assign", "1", "Acme"]);
    let made = made.trim();
    mail(&md, "u2", "ext@partner.example", &format!("[#{made}] more"), "second mail");
    assert_eq!(import(&d, &md), "imported 0 tickets, 1 comment; 0 to triage; 0 quarantined; 3 already imported\n");
    // (Both received in the same second: compared in name order.)
    let mut on_1 = comments(&d, "1");
    on_1.sort();
    assert_eq!(
        on_1,
        [
            ("Jana <jana@acme.cz>".to_string(), "from the contact".to_string()),
            ("karel@acme.cz".to_string(), "from the domain".to_string())
        ]
    );
    assert_eq!(comments(&d, made), [("ext@partner.example".to_string(), "second mail".to_string())]);
}

#[test]
fn a_ticket_renumbered_by_new_identity_keeps_its_mailed_number_for_its_customer() {
    let (mut d, md) = desk();
    let team = d.db.clone();
    let dir = d.dir.path().to_path_buf();
    let (a, a2) = (dir.join("a.db"), dir.join("a2.db"));
    assert_eq!(d.run(&["sync", "clone", team.to_str().unwrap(), a.to_str().unwrap()]).code, 0);
    std::fs::copy(&a, &a2).unwrap();
    // The copied laptop file mails Acme its ticket A-1; the original opens its own A-1 for Beta.
    d.db = a2.clone();
    d.ok(&["ticket", "open", "--customer", "Acme", "--title", "Acme problem"]);
    let out = d.run(&["ticket", "respond", "A-1", "--resolve-by", "2026-03-20", "--send"]);
    assert_eq!(out.stderr, "sent to jana@acme.cz ([#A-1] Acme problem)\n");
    d.db = a.clone();
    d.ok(&["ticket", "open", "--customer", "Beta", "--title", "Beta ticket"]);
    assert_eq!(d.run(&["sync", team.to_str().unwrap()]).code, 0);
    d.db = a2.clone();
    assert_eq!(d.run(&["sync", team.to_str().unwrap()]).code, 1);
    let out = d.run(&["sync", "new-identity", team.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("ticket A-1 is now B-1 (no other copy had seen it)\n"), "{}", out.stderr);
    assert!(
        out.stderr.contains("each renumbered ticket keeps its old number for mail: its customer's mail quoting the old number (`[#A-1]`)"),
        "{}",
        out.stderr
    );
    assert_eq!(d.run(&["sync", team.to_str().unwrap()]).code, 0);
    // On the team file: A-1 is Beta's, B-1 (once A-1) Acme's.
    d.db = team.clone();
    mail(&md, "j2", "jana@acme.cz", "[#A-1] any news?", "Acme internal detail");
    mail(&md, "p2", "petr@beta.cz", "Re: [#A-1] Beta ticket", "Beta's own reply");
    assert_eq!(import(&d, &md), "imported 0 tickets, 2 comments; 0 to triage; 0 quarantined; 0 already imported\n");
    assert!(comments(&d, "B-1").contains(&("Jana <jana@acme.cz>".into(), "Acme internal detail".into())));
    assert_eq!(comments(&d, "A-1"), [("Petr <petr@beta.cz>".to_string(), "Beta's own reply".to_string())]);
    // The renumbered ticket's own mail still threads by its ids: our next answer refers to the first.
    let out = d.run(&["ticket", "comment", "B-1", "Fixed.", "--send"]);
    assert_eq!(out.stderr, "sent to jana@acme.cz (Re: [#B-1] Acme problem)\n");
    let sent = std::fs::read_to_string(dir.join("sent")).unwrap();
    assert!(!sent.contains("number:"), "{sent}");
    // The other laptop, once synced, resolves the old number alike.
    d.db = a2;
    assert_eq!(d.run(&["sync", team.to_str().unwrap()]).code, 0);
    mail(&md, "j3", "jana@acme.cz", "[#A-1] and another thing", "more");
    assert_eq!(import(&d, &md), "imported 0 tickets, 1 comment; 0 to triage; 0 quarantined; 2 already imported\n");
    assert!(comments(&d, "B-1").contains(&("Jana <jana@acme.cz>".into(), "more".into())));
    // The alias is no thread id: a stranger's mail that names it as what it replies to is not let in by
    // it (the review found the sender check skipped so).
    let forged = "Received: by mx; Mon, 09 Mar 2026 11:00:00 +0100\nFrom: eve@evil.example\nTo: podpora@example.cz\n\
                  Message-ID: <e1@evil.example>\nIn-Reply-To: <number:A-1>\nReferences: <local:x> <number:A-1>\n\
                  Subject: hello\n\nforged\n";
    std::fs::write(md.join("new").join("1773050400.e1"), forged).unwrap();
    import(&d, &md);
    assert!(!comments(&d, "B-1").iter().any(|(_, text)| text.contains("forged")), "{:?}", comments(&d, "B-1"));
}
