//! Mail whose body or headers cannot be decoded (fixg #2): the text is kept as well as it can be and
//! the ticket says what could not be decoded; nothing is dropped silently, nothing panics. Each raw
//! message is a fixture under tests/fixtures/mail_undecodable/, read through intake's parser as
//! `mail import` reads a file.

use helpdesk::mail::parse::parse;
use helpdesk::mail::{FileFacts, Quarantine};

fn mail(name: &str) -> helpdesk::store::IncomingMail {
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-09T12:00:00+01:00").unwrap().to_utc();
    let path = format!("{}/tests/fixtures/mail_undecodable/{name}.eml", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read(path).unwrap();
    match parse(&raw, FileFacts::default(), &[], now) {
        Ok(m) => m,
        Err(Quarantine(why)) => panic!("quarantined: {why}"),
    }
}

fn body(name: &str) -> String {
    mail(name).body
}

#[test]
fn a_broken_base64_body_keeps_its_decoded_prefix_and_the_rest_as_received() {
    assert_eq!(
        body("base64_broken_midway"),
        "Server je dole, prosím o pomo\n\
         [the rest of the text could not be decoded (broken base64); it is kept as received:]\n\
         !!not base64 at all!!\nYy4KRMSba3VqaSwgSmFu\nYQo="
    );
}

#[test]
fn plain_text_under_a_base64_header_is_kept_as_received_and_said_so() {
    assert_eq!(
        body("base64_declared_plain_text"),
        "[the text is marked as base64 but could not be decoded; it is kept as received:]\n\
         Server je dole, prosim o pomoc.\nJana"
    );
}

#[test]
fn base64_cut_off_with_its_multipart_is_decoded_whole_without_a_note() {
    assert_eq!(body("base64_truncated_multipart"), "Server je dole, prosím o pomoc.\nDěkuji, Jana");
}

#[test]
fn broken_quoted_printable_is_decoded_leniently_and_said_so() {
    assert_eq!(
        body("qp_broken"),
        "[the text is marked as quoted-printable but is broken; it was decoded as far as it could be]\n\
         Server je dole, prosím o pomoc.\nPokud a == b, pak ne."
    );
}

#[test]
fn a_body_in_an_unknown_charset_says_so() {
    assert_eq!(
        body("unknown_charset"),
        "[the text's character set “x-martian” is unknown; characters that could not be read are shown as �]\n\
         Server je dole, pros�m o pomoc."
    );
}

#[test]
fn bytes_not_valid_in_the_declared_charset_are_said_so() {
    assert_eq!(
        body("invalid_utf8"),
        "[the text has characters that are not valid in its character set “utf-8”; they are shown as �]\n\
         Server je dole, pros�m o pomoc."
    );
}

#[test]
fn a_broken_encoded_word_in_the_subject_is_kept_and_noted() {
    let m = mail("header_broken_encoded_word");
    assert_eq!(m.subject, "=?utf-8?B?U2VydmVyIGplIGRvbGU*?= prosim");
    assert_eq!(m.body, "Text.\n\n[the Subject header could not be decoded; it is kept as received]");
}

#[test]
fn a_broken_encoded_word_in_the_senders_name_is_noted() {
    let m = mail("sender_name_broken_encoded_word");
    assert_eq!(m.sender_name, "=?utf-8?B?SmFuYSDFoA*?=");
    assert_eq!(m.body, "Text.\n\n[the From header could not be decoded; it is kept as received]");
}

#[test]
fn an_encoded_word_in_an_unknown_charset_is_read_without_a_note() {
    let m = mail("header_unknown_charset");
    assert_eq!(m.subject, "Server je dole");
    assert_eq!(m.body, "Text.");
}

#[test]
fn an_attachment_with_broken_base64_is_noted_as_damaged() {
    assert_eq!(
        body("attachment_broken_base64"),
        "The log is attached.\n\n\
         [attachment not stored: a.pdf, 19 B — damaged: its content could not be decoded]"
    );
}

#[test]
fn a_broken_base64_html_body_is_kept_and_said_so() {
    let b = body("html_base64_broken");
    assert!(b.starts_with("[the text is marked as base64 but could not be decoded"), "{b}");
    assert!(b.contains("Tiskarna nejde"), "{b}");
}

#[test]
fn well_formed_mail_gets_no_note() {
    let b = body("well_formed");
    assert_eq!(b, "Server je dole, prosím o pomoc.\nDěkuji, Jana");
}
