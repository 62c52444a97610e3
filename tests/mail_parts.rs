//! Truncated and sloppy MIME (bb4 #14): the customer's text reaches the ticket, alternatives are not
//! attachments. Each case through intake's parser (`mail::parse`), as `mail import` reads a file.

use helpdesk::mail::parse::parse;
use helpdesk::mail::{FileFacts, Quarantine};

const HEAD: &str =
    "Received: by mx; Mon, 09 Mar 2026 11:00:00 +0100\nFrom: jana@acme.cz\nMIME-Version: 1.0\nSubject: s\n";

fn body(rest: &str) -> String {
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-09T12:00:00+01:00").unwrap().to_utc();
    let raw = format!("{HEAD}{rest}");
    match parse(raw.as_bytes(), FileFacts::default(), &[], now) {
        Ok(m) => m.body,
        Err(Quarantine(why)) => panic!("quarantined: {why}"),
    }
}

#[test]
fn the_last_part_of_a_multipart_without_its_closing_boundary_is_text() {
    let b = body(
        "Content-Type: multipart/mixed; boundary=\"U\"\n\n--U\nContent-Type: text/plain; charset=utf-8\n\nServer je dole, prosim o pomoc.\n",
    );
    assert_eq!(b, "Server je dole, prosim o pomoc.");
}

#[test]
fn a_multipart_without_a_boundary_is_read_as_its_text() {
    let b = body("Content-Type: multipart/mixed\n\nServer je dole, prosim o pomoc.\n");
    assert_eq!(b, "Server je dole, prosim o pomoc.");
}

#[test]
fn an_html_alternative_is_not_an_attachment_terminated_or_not() {
    let alt = "Content-Type: multipart/alternative; boundary=\"U\"\n\n--U\nContent-Type: text/plain\n\ntext\n--U\nContent-Type: text/html\n\n<p>html</p>\n";
    assert_eq!(body(alt), "text");
    assert_eq!(body(&format!("{alt}--U--\n")), "text");
    // The HTML first, the text after it: the text is still the one taken.
    let html_first = "Content-Type: multipart/alternative; boundary=\"U\"\n\n--U\nContent-Type: text/html\n\n<p>html</p>\n--U\nContent-Type: text/plain\n\ntext\n--U--\n";
    assert_eq!(body(html_first), "text");
}

#[test]
fn an_alternative_without_a_text_part_is_its_html_as_text() {
    let b = body(
        "Content-Type: multipart/alternative; boundary=\"U\"\n\n--U\nContent-Type: text/html\n\n<p>Tiskárna nejde</p>\n--U\nContent-Type: text/enriched\n\nx\n",
    );
    assert_eq!(b, "Tiskárna nejde");
}

#[test]
fn a_real_attachment_is_still_noted_after_the_text_and_its_alternative() {
    let b = body(concat!(
        "Content-Type: multipart/mixed; boundary=\"M\"\n\n",
        "--M\nContent-Type: multipart/alternative; boundary=\"U\"\n\n",
        "--U\nContent-Type: text/plain\n\nThe log is attached.\n--U\nContent-Type: text/html\n\n<p>The log is attached.</p>\n--U--\n",
        "--M\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=a.pdf\n\nxx\n",
        "--M\nContent-Type: text/plain\nContent-Disposition: attachment; filename=server.log\n\nline\n",
    ));
    assert_eq!(
        b,
        "The log is attached.\n\n[attachment not stored: a.pdf, 2 B]\n[attachment not stored: server.log, 5 B]"
    );
}
