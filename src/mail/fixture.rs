//! A generated Maildir for tests, the benchmark and the demo: made-up people at made-up companies
//! (never real mail) — plain, multipart, HTML-only, windows-1250 and ISO-8859-2 Czech mail, replies,
//! duplicates and hostile messages. `tests/mail.rs` asserts what each one becomes.

use std::path::Path;

/// The instant the fixture is imported at (`HELPDESK_NOW`): 2026-03-02T12:00:00Z.
pub const NOW: &str = "2026-03-02T12:00:00Z";
/// The incident address of the fixture's configuration.
pub const INCIDENT: &str = "noc@example.cz";

/// 2026-03-02T08:00:00Z: the fixture's delivery times count from here.
const BASE: i64 = 1_772_438_400;

fn name(offset: i64, tail: &str) -> String {
    format!("{}.M{offset}P1.mx{tail}", BASE + offset)
}

/// Writes the fixture Maildir (`new/`, `cur/`, `tmp/`) into `dir`. `attachment_mb`: the size of the big
/// attachment (50 in the tests, as the issue asks).
pub fn write(dir: &Path, attachment_mb: usize) -> std::io::Result<()> {
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    let new = |offset: i64, body: Vec<u8>| std::fs::write(dir.join("new").join(name(offset, "")), body);
    let cur = |offset: i64, body: Vec<u8>| std::fs::write(dir.join("cur").join(name(offset, ":2,S")), body);

    // 1. Plain text from a contact; the sender's Date: is a day earlier and must not count.
    new(
        60,
        b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 09:15:00 +0100\n\
From: Jana Novakova <Jana@Acme.cz>\n\
To: podpora@example.cz\n\
Subject: =?UTF-8?Q?Tisk=C3=A1rna_nefunguje?=\n\
Date: Sun, 1 Mar 2026 20:00:00 +0100\n\
Message-ID: <m1@acme.cz>\n\
Content-Type: text/plain; charset=utf-8\n\n\
Dobry den, tiskarna v kancelari netiskne.\n"
            .to_vec(),
    )?;
    // 2. multipart/alternative from an address of a mapped domain, to the incident address.
    new(
        120,
        b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 10:00:00 +0100\n\
From: petr@acme.cz\n\
To: noc@example.cz\n\
Subject: Server down\n\
Message-ID: <m2@acme.cz>\n\
MIME-Version: 1.0\n\
Content-Type: multipart/alternative; boundary=\"b1\"\n\n\
--b1\n\
Content-Type: text/plain; charset=us-ascii\n\n\
The server is down since 9:55.\n\
--b1\n\
Content-Type: text/html; charset=us-ascii\n\n\
<p>The <b>server</b> is down since 9:55.</p>\n\
--b1--\n"
            .to_vec(),
    )?;
    // 3. HTML only, from an English-speaking contact.
    new(
        180,
        b"Received: from mx.beta.example by mail.example.cz; Mon, 2 Mar 2026 10:30:00 +0100\n\
From: John Smith <john@beta.example>\n\
To: podpora@example.cz\n\
Subject: Invoice question\n\
Message-ID: <m3@beta.example>\n\
MIME-Version: 1.0\n\
Content-Type: text/html; charset=utf-8\n\n\
<html><body><p>Hello,</p><p>where is the <i>March</i> invoice?</p><script>alert(1)</script></body></html>\n"
            .to_vec(),
    )?;
    // 4. windows-1250, 8bit, delivered for the incident address (X-Original-To).
    let mut m4 = b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 11:00:00 +0100\n\
From: =?windows-1250?Q?Jana_Nov=E1kov=E1?= <jana@acme.cz>\n\
To: podpora@example.cz\n\
X-Original-To: noc@example.cz\n\
Subject: =?windows-1250?Q?=8Elu=9Dou=E8k=FD_k=F9=F2?=\n\
Message-ID: <m4@acme.cz>\n\
Content-Type: text/plain; charset=windows-1250\n\
Content-Transfer-Encoding: 8bit\n\n"
        .to_vec();
    m4.extend_from_slice(b"P\xf8\xedli\x9a \x9elu\x9dou\xe8k\xfd k\xf9\xf2 \xfap\xecl \xef\xe1belsk\xe9 \xf3dy.\n");
    new(240, m4)?;
    // 5. ISO-8859-2, quoted-printable body, base64 subject.
    new(
        300,
        b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 11:05:00 +0100\n\
From: petr@acme.cz\n\
To: podpora@example.cz\n\
Subject: =?ISO-8859-2?B?rmx1u2916Gv9IGv58g==?=\n\
Message-ID: <m5@acme.cz>\n\
Content-Type: text/plain; charset=ISO-8859-2\n\
Content-Transfer-Encoding: quoted-printable\n\n\
=AElu=BBou=E8k=FD k=F9=F2 =FAp=ECl.\n"
            .to_vec(),
    )?;
    // 6. The same message as 1 again (another file, a re-fetch that added a Received: header, the same
    // Message-ID, sender, Date:, subject and text): already imported.
    new(
        330,
        b"Received: from mail.example.cz by imap.example.cz; Mon, 2 Mar 2026 09:20:00 +0100\n\
Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 09:15:00 +0100\n\
From: Jana Novakova <jana@acme.cz>\n\
To: podpora@example.cz\n\
Subject: =?UTF-8?Q?Tisk=C3=A1rna_nefunguje?=\n\
Date: Sun, 1 Mar 2026 20:00:00 +0100\n\
Message-ID: <m1@acme.cz>\n\n\
Dobry den, tiskarna v kancelari netiskne.\n"
            .to_vec(),
    )?;
    // 7 and 8. One message without a Message-ID, twice (deduplicated by a hash of the raw message).
    let no_id = b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 11:10:00 +0100\n\
From: petr@acme.cz\n\
To: podpora@example.cz\n\
Subject: No id\n\n\
A message without a Message-ID.\n"
        .to_vec();
    new(360, no_id.clone())?;
    new(361, no_id)?;
    // 9. An unknown sender: triage.
    new(
        420,
        b"Received: from mx.unknown.example by mail.example.cz; Mon, 2 Mar 2026 11:20:00 +0100\n\
From: Eva Neznama <eva@unknown.example>\n\
To: noc@example.cz\n\
Subject: Who handles this?\n\
Message-ID: <m9@unknown.example>\n\n\
Our line is down.\n"
            .to_vec(),
    )?;
    // 10. Hostile headers: escape sequences and a bidi override in the subject and the name, a BEL, and a
    // forged Received: in the future (so the file name's seconds count).
    new(
        480,
        b"Received: from evil by mail.example.cz; Tue, 1 Jan 2030 00:00:00 +0000\n\
From: =?UTF-8?B?SmFuYRsbWzMxbSDigK5ldmls?= <jana@acme.cz>\n\
To: podpora@example.cz\n\
Subject: =?UTF-8?B?G1syShtdMDtwd25lZAdIZWxsbyDigK5kbGlmIGdvb2Q=?=\n\
Message-ID: <m10@acme.cz>\n\n\
Text \x1b[31mred\x1b[0m and \xe2\x80\xaereversed.\n"
            .to_vec(),
    )?;
    // 11. A MIME bomb: 2 000 parts.
    let mut bomb = b"From: petr@acme.cz\nSubject: bomb\nMessage-ID: <m11@acme.cz>\nMIME-Version: 1.0\n\
Content-Type: multipart/mixed; boundary=\"x\"\n\n"
        .to_vec();
    for _ in 0..2000 {
        bomb.extend_from_slice(b"--x\nContent-Type: text/plain\n\nx\n");
    }
    bomb.extend_from_slice(b"--x--\n");
    new(540, bomb)?;
    // 12. A big attachment (noted, not stored).
    let mut big = b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 11:40:00 +0100\n\
From: jana@acme.cz\nTo: podpora@example.cz\nSubject: Log file\nMessage-ID: <m12@acme.cz>\nMIME-Version: 1.0\n\
Content-Type: multipart/mixed; boundary=\"y\"\n\n--y\nContent-Type: text/plain\n\nThe log is attached.\n\
--y\nContent-Type: application/octet-stream; name=\"server.log\"\nContent-Disposition: attachment; filename=\"server.log\"\n\
Content-Transfer-Encoding: base64\n\n"
        .to_vec();
    let line = b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n";
    // 76 base64 characters are 57 bytes.
    for _ in 0..(attachment_mb * 1024 * 1024).div_ceil(57) {
        big.extend_from_slice(line);
    }
    big.extend_from_slice(b"--y--\n");
    new(600, big)?;
    // 13. Not a mail message at all.
    new(660, b"\x00\x01\x02 binary garbage \xff\xfe".to_vec())?;
    // 14. No From: at all.
    new(661, b"Received: by mail.example.cz; Mon, 2 Mar 2026 11:45:00 +0100\nSubject: anonymous\n\nHi\n".to_vec())?;
    // 15. A broken encoding (unknown charset, broken base64): imported as well as it can be.
    new(
        720,
        b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 11:50:00 +0100\n\
From: petr@acme.cz\nTo: podpora@example.cz\nSubject: =?x-unknown?Q?Broken?=\nMessage-ID: <m15@acme.cz>\n\
Content-Type: text/plain; charset=x-unknown\nContent-Transfer-Encoding: base64\n\n@@not base64!!\n"
            .to_vec(),
    )?;
    // 16. No Received: and a file name without delivery seconds: the file's mtime counts.
    let odd = dir.join("new").join("odd-name.mx");
    std::fs::write(
        &odd,
        b"From: jana@acme.cz\nTo: podpora@example.cz\nSubject: Old mail\nMessage-ID: <m16@acme.cz>\n\nmtime\n",
    )?;
    let mtime = std::time::UNIX_EPOCH + std::time::Duration::from_secs((BASE + 3000) as u64);
    std::fs::File::options().write(true).open(&odd)?.set_modified(mtime)?;
    // 17. A reply by In-Reply-To (to 1), in cur/ with flags.
    cur(
        900,
        b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 11:55:00 +0100\n\
From: Jana Novakova <jana@acme.cz>\nTo: podpora@example.cz\nSubject: Re: Tiskarna nefunguje\n\
Message-ID: <m17@acme.cz>\nIn-Reply-To: <m1@acme.cz>\nReferences: <m1@acme.cz>\n\n\
Uz to funguje, dekuji.\n"
            .to_vec(),
    )?;
    // 18. A reply by the ticket number in the subject (ticket 2), no threading headers.
    cur(
        960,
        b"Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 11:58:00 +0100\n\
From: petr@acme.cz\nTo: podpora@example.cz\nSubject: RE: [#2] Server down\nMessage-ID: <m18@acme.cz>\n\n\
It is back up.\n"
            .to_vec(),
    )?;
    Ok(())
}

/// One ordinary message for the benchmark (distinct Message-IDs; every tenth is a reply to the one
/// before it by `[#N]`).
pub fn bench_message(i: usize) -> Vec<u8> {
    format!(
        "Received: from mx.acme.cz by mail.example.cz; Mon, 2 Mar 2026 09:15:00 +0100\n\
From: Jana Novakova <jana@acme.cz>\nTo: podpora@example.cz\nSubject: Request number {i}\n\
Message-ID: <bench{i}@acme.cz>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n\
Dobrý den,\n\nprosím o pomoc s požadavkem číslo {i}. Tiskárna v kanceláři netiskne a účetní program hlásí chybu.\n\n\
S pozdravem\nJana Nováková\n"
    )
    .into_bytes()
}

/// The name of the benchmark's `i`-th file (delivery seconds, then a unique part).
pub fn bench_name(i: usize) -> String {
    format!("{}.M{i}P1.bench", BASE + i as i64)
}
