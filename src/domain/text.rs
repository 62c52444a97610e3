//! Untrusted text: titles, descriptions, comments and names come from outside and are cleaned as they
//! enter the app, so nothing stored can move a terminal's cursor, change its colours or reorder text.

/// Removes control characters (C0 except newline and tab, DEL, C1) and bidirectional overrides.
/// With `multiline` false, newlines and tabs become spaces. Trims surrounding whitespace.
pub fn clean(input: &str, multiline: bool) -> String {
    if is_clean(input, multiline) { input.to_string() } else { clean_chars(input, multiline) }
}

/// [`clean`] of an owned string: the same string back when there is nothing to change (no copy).
pub fn clean_owned(input: String, multiline: bool) -> String {
    if is_clean(&input, multiline) { input } else { clean_chars(&input, multiline) }
}

/// [`clean`] of borrowed or owned text: as it came when there is nothing to change (no copy).
pub fn clean_cow(input: std::borrow::Cow<'_, str>, multiline: bool) -> std::borrow::Cow<'_, str> {
    if is_clean(&input, multiline) { input } else { std::borrow::Cow::Owned(clean_chars(&input, multiline)) }
}

/// Whether [`clean`] would leave `input` as it is: nothing [`has_unsafe`] finds, no surrounding
/// whitespace, no tab (it becomes a space) and (single line) no newline.
pub fn is_clean(input: &str, multiline: bool) -> bool {
    let trimmed = !input.starts_with(char::is_whitespace) && !input.ends_with(char::is_whitespace);
    trimmed && !has_unsafe(input.as_bytes(), multiline) && !input.as_bytes().contains(&b'\t')
}

fn clean_chars(input: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '\n' if multiline => out.push('\n'),
            '\r' if multiline => {}
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// A name or title as it is stored and compared (customer, contact and technician names, ticket
/// titles): [`clean`] on one line, then Unicode NFC (a decomposed `S` + combining caron is `Š`, as
/// macOS and some copy-paste sources give it), invisible format characters dropped ([`is_format`]:
/// zero-width space and joiners, word joiner, BOM, soft hyphen), and every run of whitespace (also
/// no-break spaces) one space. Two names that read the same are then the same string, so the duplicate
/// check and lookups (which fold case and diacritics on top, [`fold`]) see them as one.
pub fn clean_name(input: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let cleaned = clean(input, false);
    let plain = cleaned.is_ascii() && !cleaned.contains("  ");
    if plain {
        return cleaned;
    }
    let mut out = String::with_capacity(cleaned.len());
    for c in cleaned.nfc().filter(|c| !is_format(*c)) {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Whether `c` is an invisible format character a name may carry without showing it (Unicode
/// category Cf outside the bidirectional controls [`is_unsafe`] already removes): U+00AD, U+034F,
/// U+180E, U+200B–U+200D, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB, tags U+E0000–U+E007F.
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// Output as it may reach a terminal: control characters (except newline and tab, and a carriage
/// return that ends a line) and bidirectional overrides removed, nothing else changed. Borrowed when
/// there was nothing to remove.
pub fn printable(output: &str) -> std::borrow::Cow<'_, str> {
    let keep = |c: char, next: Option<char>| match c {
        '\n' | '\t' => true,
        '\r' => next == Some('\n'),
        c => !is_unsafe(c),
    };
    if !has_unsafe(output.as_bytes(), true) {
        return std::borrow::Cow::Borrowed(output);
    }
    let mut chars = output.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if !keep(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return std::borrow::Cow::Borrowed(output);
    }
    let mut out = String::with_capacity(output.len());
    let mut chars = output.chars().peekable();
    while let Some(c) = chars.next() {
        if keep(c, chars.peek().copied()) {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether UTF-8 `bytes` may hold a character [`is_unsafe`] finds (or, with `newlines` false, a
/// newline or tab; a carriage return always counts): one pass over the bytes, no decoding. The
/// encodings checked: C0 and DEL (one byte), C1 (`C2 80`–`C2 9F`), U+061C (`D8 9C`), U+200E/F
/// (`E2 80 8E`/`8F`), U+202A–E (`E2 80 AA`–`AE`) and U+2066–9 (`E2 81 A6`–`A9`).
pub fn has_unsafe(bytes: &[u8], newlines: bool) -> bool {
    if newlines { scan::<true>(bytes) } else { scan::<false>(bytes) }
}

/// [`has_unsafe`] with `newlines` known when compiled, so the block test below is straight-line
/// vector code.
fn scan<const NEWLINES: bool>(bytes: &[u8]) -> bool {
    // Bytes that may start something unsafe: most text has none, and one table look per byte
    // decides it.
    const SUSPECT: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = true;
            b += 1;
        }
        t[0x7f] = true;
        t[0xc2] = true;
        t[0xd8] = true;
        t[0xe2] = true;
        t
    };
    // Most bytes of any output start nothing unsafe (printable ASCII, and the letters of Czech and its
    // neighbours, `C3`–`C5` and their continuation bytes): sixteen bytes at a time are passed over
    // with one branch when none of them is a suspect (the test compiles to vector compares); a block
    // with one is looked at byte by byte. A newline or tab, when allowed, is no suspect.
    let plain = |block: &[u8; 16]| {
        block.iter().fold(true, |plain, &b| {
            let control = (b < 0x20) & !(NEWLINES & ((b == b'\n') | (b == b'\t')));
            plain & !(control | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2))
        })
    };
    let newlines = NEWLINES;
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i..i + 16).and_then(|b| <&[u8; 16]>::try_from(b).ok()).is_some_and(plain) {
            i += 16;
            continue;
        }
        let end = (i + 16).min(bytes.len());
        while i < end {
            let b = bytes[i];
            if SUSPECT[usize::from(b)] {
                let hit = match b {
                    b'\n' | b'\t' => !newlines,
                    0x00..=0x1f | 0x7f => true,
                    0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
                    0xd8 => bytes.get(i + 1) == Some(&0x9c),
                    0xe2 => matches!(
                        (bytes.get(i + 1), bytes.get(i + 2)),
                        (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
                    ),
                    _ => false,
                };
                if hit {
                    return true;
                }
            }
            i += 1;
        }
    }
    false
}

/// Whether `c` may not reach a terminal: a control character (C0, DEL, C1) or a bidirectional
/// override or mark.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Folds text for search and name comparison: lower case, Czech (and other Latin) diacritics removed.
pub fn fold(input: &str) -> String {
    input.chars().flat_map(|c| fold_char(c).to_lowercase()).collect()
}

/// One character without its diacritics (`č` → `c`), case kept; others as they are.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ą' => 'A',
        'č' | 'ć' | 'ç' => 'c',
        'Č' | 'Ć' | 'Ç' => 'C',
        'ď' => 'd',
        'Ď' => 'D',
        'é' | 'ě' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
        'É' | 'Ě' | 'È' | 'Ê' | 'Ë' | 'Ę' => 'E',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ľ' | 'ĺ' | 'ł' => 'l',
        'Ľ' | 'Ĺ' | 'Ł' => 'L',
        'ň' | 'ń' | 'ñ' => 'n',
        'Ň' | 'Ń' | 'Ñ' => 'N',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ő' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ő' => 'O',
        'ř' | 'ŕ' => 'r',
        'Ř' | 'Ŕ' => 'R',
        'š' | 'ś' => 's',
        'Š' | 'Ś' => 'S',
        'ť' => 't',
        'Ť' => 'T',
        'ú' | 'ů' | 'ù' | 'û' | 'ü' | 'ű' => 'u',
        'Ú' | 'Ů' | 'Ù' | 'Û' | 'Ü' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte scan agrees with a look at every character: whatever it lets through unchanged,
        /// the character-by-character cleaning leaves unchanged too, and printable output likewise.
        #[test]
        fn byte_scan_agrees_with_characters(
            before in "[ -~]{0,40}",
            middle in "[a-zěščřžýáíéůú \\n\\r\\t\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{a0}\\u{61c}\\u{200b}-\\u{2070}]{0,12}",
            after in "[ -~]{0,40}",
            multiline: bool,
        ) {
            // Printable ASCII around the hard part: the scan's sixteen-byte blocks start anywhere.
            let s = format!("{before}{middle}{after}");
            proptest::prop_assert_eq!(clean(&s, multiline), clean_chars(&s, multiline));
            proptest::prop_assert_eq!(clean_owned(s.clone(), multiline), clean_chars(&s, multiline));
            proptest::prop_assert_eq!(clean_cow(s.as_str().into(), multiline), clean_chars(&s, multiline));
            let slow = s.chars().any(|c| match c {
                '\n' | '\t' => !multiline,
                c => is_unsafe(c),
            });
            proptest::prop_assert_eq!(has_unsafe(s.as_bytes(), multiline), slow || s.contains('\r'));
        }
    }

    #[test]
    fn strips_escape_sequences_and_bidi() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m\u{7}", false), "[31mred[0m");
        assert_eq!(clean("a\u{202E}b\u{2066}c\u{9b}d", false), "abcd");
        assert_eq!(clean(" line1\nline2\t ", false), "line1 line2");
        assert_eq!(clean("line1\r\nline2", true), "line1\nline2");
    }

    #[test]
    fn printable_output_keeps_layout_and_drops_escapes() {
        assert_eq!(printable("a\tb\nc\r\n"), "a\tb\nc\r\n");
        assert!(matches!(printable("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(printable("\u{1b}]0;pwned\u{7}\u{202e}x\rover\n"), "]0;pwnedxover\n");
    }

    #[test]
    fn names_that_read_the_same_are_the_same_string() {
        let nfc = "Šťastný s.r.o.";
        for same in [
            "S\u{30c}t\u{30c}astny\u{301} s.r.o.",
            "Šťastný s.r.o.\u{200b}",
            "Šťa\u{2060}stný s.r.o.",
            "\u{feff}Šťastný  s.r.o.",
            "Šťastný\u{a0}\u{a0}s.r.o. ",
            "Šťastný\ts.r.o.",
        ] {
            assert_eq!(clean_name(same), nfc, "{same:?}");
        }
        assert_eq!(fold(&clean_name("Ac\u{30c}me")), "acme");
        assert_eq!(clean_name("Acme  s.r.o."), "Acme s.r.o.");
        assert_eq!(clean_name("\u{200b}"), "");
    }

    #[test]
    fn folds_czech() {
        assert_eq!(fold("Účetní ŽLUŤOUČKÝ kůň"), "ucetni zlutoucky kun");
    }
}
