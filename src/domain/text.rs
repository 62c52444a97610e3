//! Untrusted text: titles, descriptions, comments and names come from outside and are cleaned as they
//! enter the app, so nothing stored can move a terminal's cursor, change its colours or reorder text.

/// Removes control characters (C0 except newline and tab, DEL, C1) and bidirectional overrides.
/// With `multiline` false, newlines and tabs become spaces. Trims surrounding whitespace.
pub fn clean(input: &str, multiline: bool) -> String {
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

/// Output as it may reach a terminal: control characters (except newline and tab, and a carriage
/// return that ends a line) and bidirectional overrides removed, nothing else changed. Borrowed when
/// there was nothing to remove.
pub fn printable(output: &str) -> std::borrow::Cow<'_, str> {
    let keep = |c: char, next: Option<char>| match c {
        '\n' | '\t' => true,
        '\r' => next == Some('\n'),
        c => !is_unsafe(c),
    };
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

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Folds text for search and name comparison: lower case, Czech (and other Latin) diacritics removed.
pub fn fold(input: &str) -> String {
    input.chars().flat_map(|c| fold_char(c).to_lowercase()).collect()
}

fn fold_char(c: char) -> char {
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
    fn folds_czech() {
        assert_eq!(fold("Účetní ŽLUŤOUČKÝ kůň"), "ucetni zlutoucky kun");
    }
}
