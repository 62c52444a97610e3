//! Text that `mail-parser` could not decode, kept as well as it can be and said so (fixg #2). A part
//! whose body is declared base64 or quoted-printable but is broken comes from the parser as its raw,
//! undecoded text (`MessagePart::is_encoding_problem`); an unknown charset or bytes that are not valid
//! in the declared one come as text with U+FFFD. Nothing of it is dropped silently:
//!
//! - base64: the lines up to the first one that is not base64 are decoded (the decoded prefix); the rest
//!   follows as received, after a note. When not even the first line decodes to text (a body that is
//!   plain text under a wrong header, a common mailer bug), the whole body is kept as received, after
//!   a note. A body that decodes in full (only its closing MIME boundary was missing, a truncated
//!   message) needs no note;
//! - quoted-printable: decoded leniently (RFC 2045 §6.7 (4): an `=` not followed by two hex digits is
//!   kept as it is), after a note;
//! - a charset `mail-parser` does not know, or bytes not valid in the declared one: the text with U+FFFD
//!   for what could not be read, after a note naming the charset;
//! - an attachment that could not be decoded: its note says it is damaged (it is not stored anyway);
//! - a header (subject, sender's name) whose RFC 2047 encoded word is broken: kept as received, and a
//!   note at the end of the text says so.

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

use crate::t;

/// A text part's text as well as it can be read, with a note (in the user's language, one line in
/// brackets) where some of it could not be decoded.
pub(super) fn part_text<'a>(message: &'a Message<'a>, part: &'a MessagePart<'a>) -> Cow<'a, str> {
    let text: Cow<'a, str> = match &part.body {
        PartType::Text(t) | PartType::Html(t) => Cow::Borrowed(t.as_ref()),
        PartType::Binary(b) | PartType::InlineBinary(b) => String::from_utf8_lossy(b),
        _ => return Cow::Borrowed(""),
    };
    if part.is_encoding_problem {
        let raw = raw_body(message, part);
        match declared_encoding(part).as_deref() {
            Some("base64") => return Cow::Owned(base64_text(part, &raw)),
            Some("quoted-printable") => {
                let decoded = decode_charset(part, &quoted_printable_lenient(raw.as_bytes()));
                return Cow::Owned(format!("{}\n{}", t!("mail-text-qp-broken"), decoded));
            }
            _ => {}
        }
    }
    match charset_note(part, &text) {
        Some(note) => Cow::Owned(format!("{note}\n{text}")),
        None => text,
    }
}

/// Whether an attachment's content could not be decoded (its note says it is damaged).
pub(super) fn is_damaged(part: &MessagePart<'_>) -> bool {
    part.is_encoding_problem && declared_encoding(part).is_some_and(|e| e == "base64" || e == "quoted-printable")
}

/// A note for a header value that still holds an RFC 2047 encoded word (`=?charset?B|Q?…?=`) after
/// decoding — one the parser could not read, kept as received. `field` names the header for the user.
pub(super) fn header_note(value: &str, field: &str) -> Option<String> {
    let start = value.find("=?")?;
    let rest = &value[start + 2..];
    let inner = &rest[..rest.find("?=")?];
    let mut pieces = inner.splitn(3, '?');
    let (_charset, encoding) = (pieces.next()?, pieces.next()?);
    (pieces.next().is_some() && matches!(encoding, "B" | "b" | "Q" | "q"))
        .then(|| t!("mail-header-not-decoded", field = field.to_string()))
}

/// The transfer encoding the part's header declares, lower case.
fn declared_encoding(part: &MessagePart<'_>) -> Option<String> {
    part.content_transfer_encoding().map(|e| e.trim().to_ascii_lowercase())
}

/// The part's body as it is in the message (not decoded), lossy UTF-8.
fn raw_body<'a>(message: &'a Message<'a>, part: &MessagePart<'_>) -> Cow<'a, str> {
    let raw = message.raw_message();
    let (start, end) = (part.raw_body_offset() as usize, part.raw_end_offset() as usize);
    let end = end.min(raw.len());
    String::from_utf8_lossy(raw.get(start.min(end)..end).unwrap_or_default())
}

/// A broken base64 body: the decoded prefix and the rest as received, or all of it as received.
fn base64_text(part: &MessagePart<'_>, raw: &str) -> String {
    let lines: Vec<&str> = raw.lines().collect();
    let good = lines.iter().take_while(|l| l.trim().bytes().all(is_base64_byte)).count();
    // Stop after a line with padding: what follows it is not the same base64 text.
    let good = lines[..good].iter().position(|l| l.contains('=')).map_or(good, |i| i + 1);
    let joined: String = lines[..good].iter().flat_map(|l| l.trim().chars()).collect();
    let prefix = decode_base64_prefix(&joined).map(|b| decode_charset(part, &b));
    let rest = lines[good..].join("\n");
    match prefix {
        Some(p) if !p.trim().is_empty() && reads_as_text(&p) => {
            if rest.trim().is_empty() {
                p
            } else {
                format!("{}\n{}\n{}", p.trim_end(), t!("mail-text-base64-rest"), rest.trim_end())
            }
        }
        _ => format!("{}\n{}", t!("mail-text-base64-broken"), raw.trim_end()),
    }
}

fn is_base64_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')
}

/// Decodes base64 text (no whitespace) as far as it is whole: padding ends it, a last lone character
/// (half a byte) is left out.
fn decode_base64_prefix(text: &str) -> Option<Vec<u8>> {
    let data = text.split('=').next().unwrap_or("");
    let whole = if data.len() % 4 == 1 { &data[..data.len() - 1] } else { data };
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    );
    engine.decode(whole).ok()
}

/// Whether decoded bytes read as text: no replacement characters and no control characters other than
/// line breaks and tabs (binary or misread data has them).
fn reads_as_text(s: &str) -> bool {
    !s.chars().any(|c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
}

/// Quoted-printable decoded leniently: `=XX` is the byte, `=` at a line end joins the lines, any other
/// `=` is kept as it is.
fn quoted_printable_lenient(raw: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'=' {
            let next = &raw[i + 1..];
            if let [a, b, ..] = next
                && let (Some(h), Some(l)) = (hex(*a), hex(*b))
            {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
            let soft = next.iter().position(|&b| b != b' ' && b != b'\t' && b != b'\r');
            if soft.is_none_or(|p| next[p] == b'\n') {
                i += 1 + soft.map_or(next.len(), |p| p + 1);
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// Bytes in the part's declared charset (UTF-8 when none is declared or it is unknown, lossy).
fn decode_charset(part: &MessagePart<'_>, bytes: &[u8]) -> String {
    match part.content_type().and_then(|c| c.attribute("charset")).and_then(|c| charset_decoder(c.as_bytes())) {
        Some(decode) => decode(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A note when the text has characters that could not be read (U+FFFD): its charset is unknown, or
/// the bytes are not valid in it.
fn charset_note(part: &MessagePart<'_>, text: &str) -> Option<String> {
    if !text.contains('\u{FFFD}') {
        return None;
    }
    let declared = part.content_type().and_then(|c| c.attribute("charset")).map(|c| c.trim().to_string());
    Some(match declared {
        Some(c) if charset_decoder(c.as_bytes()).is_none() && !is_utf8_label(&c) => {
            t!("mail-text-charset-unknown", charset = c)
        }
        Some(c) => t!("mail-text-charset-invalid", charset = c),
        None => t!("mail-text-charset-invalid", charset = "us-ascii"),
    })
}

/// The labels of UTF-8 (which the parser reads itself, without a decoder).
fn is_utf8_label(charset: &str) -> bool {
    let c = charset.to_ascii_lowercase();
    c.contains("utf8") || c.contains("utf-8")
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_printable_is_decoded_leniently() {
        let d = super::quoted_printable_lenient(b"pros=C3=ADm =\nconti a == b =G1 a=\r\nb=\n");
        assert_eq!(String::from_utf8(d).unwrap(), "prosím conti a == b =G1 ab");
    }

    #[test]
    fn a_base64_prefix_is_decoded_as_far_as_it_is_whole() {
        assert_eq!(super::decode_base64_prefix("QWhvag").unwrap(), b"Ahoj");
        assert_eq!(super::decode_base64_prefix("QWhvag=").unwrap(), b"Ahoj");
        assert_eq!(super::decode_base64_prefix("QWhvZ").unwrap(), b"Aho");
    }
}
