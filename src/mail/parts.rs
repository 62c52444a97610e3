//! Which parts of a message are its text and which are attachments. `mail-parser` decodes every part
//! and builds the MIME tree, and we keep it (well kept, it reads charsets, encodings and broken
//! structure as well as anything); but its own split (`text_body`, `attachments`) needs a well-formed
//! tree: the last part of a multipart whose closing boundary never came (a message cut by a size limit
//! or a broken mailer) is filed as an attachment, so is a `multipart/*` without `boundary=`, and the HTML
//! alternative of an unterminated `multipart/alternative` is taken for one too. The split here walks the
//! tree by what each part says it is instead (bb4 #14):
//!
//! - `multipart/alternative`: one child is the text — the `text/plain` one, else the `text/html` one
//!   (rendered), else a multipart child (walked), else the first; the other alternatives are neither text
//!   nor attachments;
//! - any other `multipart/*`: every child in order; one without a boundary (no children, its body
//!   undivided) is text, as RFC 2046 readers take it;
//! - a part marked `attachment`, a named `text/*` part (a file), any other type than text (images,
//!   PDFs, `message/rfc822`) and text other than plain or HTML (`text/calendar`): an attachment;
//! - `text/html` (by its Content-Type, whatever the parser made of it): HTML; anything else (plain text,
//!   a part without Content-Type): text, also the last part of a truncated multipart.

use std::borrow::Cow;

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

/// What a message's parts are: its text parts and HTML parts (decoded, in order) and its attachments.
#[derive(Default)]
pub(super) struct Split<'a> {
    pub plain: Vec<Cow<'a, str>>,
    pub html: Vec<Cow<'a, str>>,
    pub attachments: Vec<&'a MessagePart<'a>>,
}

/// Splits `message` (see the module's rules). Each part is visited once, without recursion (a message
/// of nested multiparts cannot overflow the stack).
pub(super) fn split<'a>(message: &'a Message<'a>) -> Split<'a> {
    let mut out = Split::default();
    let mut seen = vec![false; message.parts.len()];
    let mut stack = vec![0usize];
    while let Some(i) = stack.pop() {
        let Some(part) = message.parts.get(i) else { continue };
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        match &part.body {
            PartType::Multipart(children) => {
                let children: Vec<usize> = children.iter().map(|&c| c as usize).collect();
                if is_type(part, "multipart", Some("alternative")) {
                    stack.extend(preferred(message, &children));
                } else {
                    stack.extend(children.iter().rev());
                }
            }
            _ if is_attachment(part) => out.attachments.push(part),
            // Text the parser could not decode is kept as well as it can be, and said so.
            PartType::Html(_) => out.html.push(super::recover::part_text(message, part)),
            PartType::Text(_) if is_type(part, "text", Some("html")) => {
                out.html.push(super::recover::part_text(message, part))
            }
            // (also a multipart without a boundary: its body undivided)
            PartType::Text(_) | PartType::Binary(_) | PartType::InlineBinary(_) => {
                out.plain.push(super::recover::part_text(message, part))
            }
            PartType::Message(_) => out.attachments.push(part),
        }
    }
    out
}

/// The child of a `multipart/alternative` that is its text (see the module's rules).
fn preferred(message: &Message<'_>, children: &[usize]) -> Option<usize> {
    let part = |c: &usize| message.parts.get(*c).filter(|p| !is_attachment(p));
    let kind = |sub: &str| children.iter().copied().find(|c| part(c).is_some_and(|p| is_text_of(p, sub)));
    kind("plain")
        .or_else(|| kind("html"))
        .or_else(|| {
            children.iter().copied().find(|c| part(c).is_some_and(|p| matches!(p.body, PartType::Multipart(_))))
        })
        .or_else(|| children.first().copied())
}

/// Whether the part is text of this subtype (a part without Content-Type is plain text).
fn is_text_of(part: &MessagePart<'_>, sub: &str) -> bool {
    match part.content_type() {
        None => sub == "plain" && matches!(part.body, PartType::Text(_)),
        Some(_) => is_type(part, "text", Some(sub)),
    }
}

fn is_type(part: &MessagePart<'_>, ctype: &str, subtype: Option<&str>) -> bool {
    part.content_type().is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case(ctype)
            && subtype.is_none_or(|s| c.subtype().is_some_and(|t| t.eq_ignore_ascii_case(s)))
    })
}

fn is_attachment(part: &MessagePart<'_>) -> bool {
    if part.content_disposition().is_some_and(|d| d.is_attachment()) {
        return true;
    }
    match &part.body {
        PartType::Message(_) => true,
        PartType::Multipart(_) => false,
        // A multipart without a boundary is text; any other binary part is a file.
        PartType::Binary(_) | PartType::InlineBinary(_) => !is_type(part, "multipart", None),
        PartType::Text(_) | PartType::Html(_) => {
            let text = part.content_type().is_none() || is_text_of(part, "plain") || is_text_of(part, "html");
            !text || part.attachment_name().is_some()
        }
    }
}
