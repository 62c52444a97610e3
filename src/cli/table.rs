//! Plain-text tables for the terminal: columns padded by display width.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Cells may borrow what they show (`'a`): a long list copies no titles or names to lay them out.
pub struct Table<'a> {
    header: Vec<Cow<'a, str>>,
    rows: Vec<Vec<Cow<'a, str>>>,
    right: Vec<bool>,
}

impl<'a> Table<'a> {
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|s| Cow::Owned(s.to_string())).collect(),
            rows: Vec::new(),
            right: vec![false; header.len()],
        }
    }

    /// Right-aligns the given columns (numbers, money).
    pub fn right(mut self, cols: &[usize]) -> Self {
        for &c in cols {
            if let Some(r) = self.right.get_mut(c) {
                *r = true;
            }
        }
        self
    }

    /// Adds a row; each cell is one line without control or bidi characters (what it holds came from
    /// people and other copies).
    pub fn row<S: Into<Cow<'a, str>>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(|c| crate::domain::text::clean_cow(c.into(), false)).collect());
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        // Each cell's width, measured once (Unicode width is the costly part of a long table).
        let cell_widths: Vec<usize> = self.rows.iter().flatten().map(|c| width(c)).collect();
        let mut at = 0;
        for row in &self.rows {
            for (i, w) in cell_widths[at..at + row.len()].iter().enumerate() {
                if let Some(max) = widths.get_mut(i) {
                    *max = (*max).max(*w);
                }
            }
            at += row.len();
        }
        let line_len = widths.iter().sum::<usize>() + 2 * widths.len() + 1;
        let mut out = String::with_capacity(line_len * (self.rows.len() + 1));
        let mut at = 0;
        for (n, row) in std::iter::once(&self.header).chain(&self.rows).enumerate() {
            let start = out.len();
            for (i, c) in row.iter().enumerate() {
                let w = if n == 0 { width(c) } else { cell_widths[at + i] };
                let pad = widths[i].saturating_sub(w);
                if i > 0 {
                    out.push_str("  ");
                }
                if self.right[i] {
                    spaces(&mut out, pad);
                    out.push_str(c);
                } else {
                    out.push_str(c);
                    if i + 1 < row.len() {
                        spaces(&mut out, pad);
                    }
                }
            }
            if n > 0 {
                at += row.len();
            }
            let kept = out[start..].trim_end().len();
            out.truncate(start + kept);
            out.push('\n');
        }
        out
    }
}

/// `n` spaces onto `out`: a copy of a run of them (the padding of every cell of a long table).
fn spaces(out: &mut String, n: usize) {
    const RUN: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let now = left.min(RUN.len());
        out.push_str(&RUN[..now]);
        left -= now;
    }
}

/// Display width: the byte length for ASCII (most cells); the character count for text of printable
/// ASCII and Latin-1 Supplement or Latin Extended-A letters (U+00C0–U+017F: Czech and its
/// neighbours, one column each, leading bytes `C3`–`C5`); else by Unicode width.
pub(crate) fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    let mut chars = 0;
    for &b in s.as_bytes() {
        match b {
            0x20..=0x7e | 0xc3..=0xc5 => chars += 1,
            0x80..=0xbf => {}
            _ => return s.width(),
        }
    }
    chars
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    proptest::proptest! {
        /// The Latin fast path measures what Unicode width measures, on its own alphabet and beyond it.
        #[test]
        fn width_agrees_with_unicode_width(s in "[ -~\u{a0}-\u{17f}\u{300}-\u{36f}\u{4e00}-\u{4e10}\u{1f600}]{0,16}") {
            proptest::prop_assert_eq!(super::width(&s), s.width());
        }
    }

    #[test]
    fn czech_text_is_one_column_a_letter() {
        assert_eq!(super::width("Příliš žluťoučký kůň"), 20);
        assert_eq!(super::width("úterý 🙂"), 8);
    }
}
