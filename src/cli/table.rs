//! Plain-text tables for the terminal: columns padded by display width.

use std::borrow::Cow;
use std::marker::PhantomData;

use unicode_width::UnicodeWidthStr;

/// A cell of [`Table::row_cells`].
#[derive(Debug, Clone, Copy)]
pub enum Cell<'b> {
    /// Text of this row only (borrowed from where it is being read): checked each time.
    Text(&'b str),
    /// Text of this row only that the caller found clean ([`crate::domain::text::is_clean`] on one
    /// line) and measured ([`width`], in columns): taken as it is (a customer's name a list shows on
    /// many rows, checked once).
    Measured(&'b str, usize),
}

/// A column's few words (a kind's, a status's, a tier's), each cleaned and measured once: a long
/// table words the same few values on every row.
pub struct MeasuredWords<K>(Vec<(K, String, usize)>);

impl<K: Copy + PartialEq> MeasuredWords<K> {
    /// The words of every value `values` yields, by `word`, cleaned as a cell cleans them.
    pub fn of(values: impl IntoIterator<Item = K>, word: impl Fn(K) -> String) -> Self {
        let mut seen: Vec<(K, String, usize)> = Vec::new();
        for v in values {
            if !seen.iter().any(|(k, _, _)| *k == v) {
                let text = crate::domain::text::clean(&word(v), false);
                let w = width(&text);
                seen.push((v, text, w));
            }
        }
        Self(seen)
    }

    /// The cell of `value` (empty for a value [`MeasuredWords::of`] was not given).
    pub fn cell(&self, value: K) -> Cell<'_> {
        self.0.iter().find(|(k, _, _)| *k == value).map_or(Cell::Measured("", 0), |(_, t, w)| Cell::Measured(t, *w))
    }
}

/// A table's cells are copied into buffers of [`Table::CHUNK`] bytes as rows are added (a 4 100-row
/// list made 37 000 strings and 4 100 vectors of them, each its own allocation; one buffer grown by
/// doubling copied itself and touched twice the memory); `'a` is the lifetime of what cells may borrow
/// while they are added.
pub struct Table<'a> {
    header: Vec<String>,
    /// Every row's cells, cleaned, back to back, in pieces: a cell is never split.
    text: Vec<String>,
    /// Each cell: its piece of `text`, where it ends in it (bytes; it starts where the cell before
    /// it in the same piece ends) and its display width (columns); in pieces of [`Table::CELLS`].
    cells: Vec<Vec<(u32, u32, u32)>>,
    /// How many cells there are.
    count: usize,
    /// Where each row's cells start, counting every cell.
    rows: Vec<usize>,
    /// Each column's widest cell so far, the header's included.
    widths: Vec<usize>,
    /// Per column, borrowed cells already found clean, by address and length: a table words the same
    /// kinds, statuses and states on every row, each checked once (a borrowed text at the same place
    /// cannot have changed while the table borrows it).
    seen_clean: Vec<Vec<(usize, usize)>>,
    right: Vec<bool>,
    _cells: PhantomData<Cow<'a, str>>,
}

impl<'a> Table<'a> {
    /// The size of a piece of the cells' text, in bytes (a longer cell gets a piece of its own).
    const CHUNK: usize = 64 * 1024;
    /// The cells in a piece of `cells` (48 KiB).
    const CELLS: usize = 4096;

    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|s| s.to_string()).collect(),
            text: Vec::new(),
            cells: Vec::new(),
            count: 0,
            rows: Vec::new(),
            widths: header.iter().map(|h| width(h)).collect(),
            seen_clean: vec![Vec::new(); header.len()],
            right: vec![false; header.len()],
            _cells: PhantomData,
        }
    }

    /// Whether no row was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
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
        self.rows.push(self.count);
        for (i, c) in cells.into_iter().enumerate() {
            let c = self.clean(i, c.into());
            self.push_cell(i, &c);
        }
    }

    /// [`Table::row`] of cells that may borrow what lives only while the row is added (a row being
    /// read): such text is copied in as it is, or cleaned, and never remembered. A row of the header's
    /// length leaves its last cell unmeasured when that column is left-aligned (nothing pads it).
    pub fn row_cells<const N: usize>(&mut self, cells: [Cell<'_>; N]) {
        self.rows.push(self.count);
        let unpadded =
            (N == self.widths.len() && !self.right.get(N.wrapping_sub(1)).copied().unwrap_or(true)).then(|| N - 1);
        for (i, c) in cells.into_iter().enumerate() {
            let measure = |t: &str| if Some(i) == unpadded { 0 } else { width(t) };
            match c {
                Cell::Measured(t, w) => self.push_measured(i, t, w),
                Cell::Text(t) if crate::domain::text::is_clean(t, false) => self.push_measured(i, t, measure(t)),
                Cell::Text(t) => {
                    let c = crate::domain::text::clean(t, false);
                    self.push_measured(i, &c, measure(&c));
                }
            }
        }
    }

    /// Adds `other`'s rows after this table's, as they are (cleaned and measured when they were added
    /// there): two halves of a long list made on two threads become one table. The header stays
    /// this table's; each column is as wide as its widest cell in either.
    pub fn append(&mut self, other: Table<'_>) {
        for (max, w) in self.widths.iter_mut().zip(&other.widths) {
            *max = (*max).max(*w);
        }
        self.rows.extend(other.rows.iter().map(|first| first + self.count));
        // A cell names its piece of text by index: `other`'s pieces come after this table's.
        let shift = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.extend(other.text);
        for (piece, end, w) in other.cells.into_iter().flatten() {
            self.push_cell_record((piece.saturating_add(shift), end, w));
        }
    }

    /// Records one cell (its piece of `text`, where it ends there, its width) after the others.
    fn push_cell_record(&mut self, cell: (u32, u32, u32)) {
        match self.cells.last_mut() {
            Some(cells) if cells.len() < Self::CELLS => cells.push(cell),
            _ => {
                let mut cells = Vec::with_capacity(Self::CELLS);
                cells.push(cell);
                self.cells.push(cells);
            }
        }
        self.count += 1;
    }

    /// Appends a cleaned cell of column `i` to the current row.
    fn push_cell(&mut self, i: usize, c: &str) {
        // Unicode width is the costly part of a long table: each cell is measured once.
        self.push_measured(i, c, width(c));
    }

    /// Appends a cleaned cell of column `i`, `w` columns wide, to the current row.
    fn push_measured(&mut self, i: usize, c: &str, w: usize) {
        if let Some(max) = self.widths.get_mut(i) {
            *max = (*max).max(w);
        }
        if self.text.last().is_none_or(|piece| piece.capacity() - piece.len() < c.len()) {
            self.text.push(String::with_capacity(Self::CHUNK.max(c.len())));
        }
        let index = self.text.len().saturating_sub(1);
        if let Some(piece) = self.text.last_mut() {
            piece.push_str(c);
            let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let cell = (at(index), at(piece.len()), at(w));
            self.push_cell_record(cell);
        }
    }

    /// `cell` of column `i` as a cell shows it (see [`Table::row`]).
    fn clean(&mut self, i: usize, cell: Cow<'a, str>) -> Cow<'a, str> {
        /// The words a column remembers as clean (a table's few values of a kind; other borrowed
        /// text is checked each time).
        const REMEMBERED: usize = 8;
        let Cow::Borrowed(text) = cell else { return crate::domain::text::clean_cow(cell, false) };
        let at = (text.as_ptr() as usize, text.len());
        let Some(seen) = self.seen_clean.get_mut(i) else { return crate::domain::text::clean_cow(cell, false) };
        if seen.contains(&at) {
            return cell;
        }
        if !crate::domain::text::is_clean(text, false) {
            return crate::domain::text::clean_cow(cell, false);
        }
        if seen.len() < REMEMBERED {
            seen.push(at);
        }
        cell
    }

    pub fn render(&self) -> String {
        // At most every cell's text, the widest cell's padding in each column and the separators a
        // line: one allocation for the whole table.
        let line_len = self.widths.iter().sum::<usize>() + 2 * self.widths.len() + 1;
        let header_len: usize = self.header.iter().map(String::len).sum();
        let text_len: usize = self.text.iter().map(String::len).sum();
        let mut out = String::with_capacity(text_len + header_len + line_len * (self.rows.len() + 1));
        self.lines(&mut out, 0..self.rows.len(), true, |_| {});
        out
    }

    /// Prints [`Table::render`]'s text as command output (see [`out!`]), a piece of whole lines at a
    /// time as it is made: a long table is not held as text besides its cells (a 4 100-row list's is
    /// 0.9 MB, each page of it touched for the first time).
    ///
    /// The header's line goes out as all output does (its words are the translations'); the rows'
    /// lines as they are, since every cell was cleaned as it was added and spaces and line breaks
    /// join them (`printable` would find nothing in them: a 4 100-row list's 0.9 MB scanned again).
    pub fn emit(&self) {
        let count = self.rows.len();
        if count >= Self::LINES_BESIDE_FROM && crate::environment::two_threads() {
            let half = count / 2;
            let rest = || {
                let text_len: usize = self.text.iter().map(String::len).sum();
                let mut out = String::with_capacity(text_len / 2 + text_len / 4);
                self.lines(&mut out, half..count, false, |_| {});
                out
            };
            match crate::beside::run_beside("table-lines", rest, || self.emit_lines(0..half)) {
                Ok(((), rest)) => {
                    super::output::emit_clean(&rest);
                    return;
                }
                Err(e) => tracing::warn!(error = %e, "no second thread for a table's lines: laid out on one"),
            }
        }
        self.emit_lines(0..count);
    }

    /// The lines of [`Table::LINES_BESIDE_FROM`] rows or more are laid out on two threads where the
    /// command may use two (`HELPDESK_THREADS`): the second half's beside while the first half's are
    /// written (a full-size `customer list`'s 10 000 lines were 7.2 M instructions on the thread that
    /// had read them). Not for fewer: at 2 000, the 100k demo's open list (4 100 lines) took 26.2 ms
    /// median against 21.4 on one thread (30 rounds in turn, 3 Dec 2026): a thread started and its
    /// fresh memory cost more than half of laying out a few thousand lines saves.
    const LINES_BESIDE_FROM: usize = 8_000;

    /// The header's line and the lines of `rows` (row numbers), written as they are made.
    fn emit_lines(&self, rows: std::ops::Range<usize>) {
        const PIECE: usize = 64 * 1024;
        let mut out = String::with_capacity(2 * PIECE);
        let mut header = true;
        self.lines(&mut out, rows, true, |out| {
            if std::mem::take(&mut header) {
                super::output::emit_text(out);
                out.clear();
            } else if out.len() >= PIECE {
                super::output::emit_clean(out);
                out.clear();
            }
        });
        if !out.is_empty() {
            super::output::emit_clean(&out);
        }
    }

    /// The lines of `rows` (row numbers) onto `out`, the header's first when `header`; `after` is
    /// called after each.
    fn lines(&self, out: &mut String, rows: std::ops::Range<usize>, header: bool, mut after: impl FnMut(&mut String)) {
        if header {
            self.line(out, self.header.iter().map(|h| (h.as_str(), width(h))));
            after(out);
        }
        let cell = |i: usize| {
            self.cells.get(i / Self::CELLS).and_then(|c| c.get(i % Self::CELLS)).copied().unwrap_or_default()
        };
        // The piece being read and where its next cell begins: where the cell before the first row's
        // ends, when that is in the same piece.
        let (mut in_piece, mut begin) = (0, 0);
        if let Some(first) = rows.clone().next().and_then(|n| self.rows.get(n)).copied() {
            let (piece, _, _) = cell(first);
            in_piece = piece as usize;
            if let Some((before, end, _)) = first.checked_sub(1).map(cell) {
                begin = if before == piece { end as usize } else { 0 };
            }
        }
        for n in rows {
            let Some(&first) = self.rows.get(n) else { break };
            let last = self.rows.get(n + 1).copied().unwrap_or(self.count);
            let row = (first..last).map(cell).map(|(piece, end, w)| {
                let (piece, end) = (piece as usize, end as usize);
                if piece != in_piece {
                    (in_piece, begin) = (piece, 0);
                }
                let cell = self.text.get(piece).and_then(|t| t.get(begin..end)).unwrap_or_default();
                begin = end;
                (cell, w as usize)
            });
            self.line(out, row);
            after(out);
        }
    }

    /// One line of cells (text, display width) onto `out`, padded to the columns' widths, without
    /// trailing whitespace.
    fn line<'c>(&self, out: &mut String, row: impl ExactSizeIterator<Item = (&'c str, usize)>) {
        let start = out.len();
        let count = row.len();
        for (i, (c, w)) in row.enumerate() {
            let pad = self.widths.get(i).map_or(0, |max| max.saturating_sub(w));
            if i > 0 {
                out.push_str("  ");
            }
            if self.right.get(i).copied().unwrap_or(false) {
                spaces(out, pad);
                out.push_str(c);
            } else {
                out.push_str(c);
                if i + 1 < count {
                    spaces(out, pad);
                }
            }
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
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
    // Without an early exit, so both passes run over many bytes at a time.
    let bytes = s.as_bytes();
    let latin = bytes.iter().fold(true, |ok, &b| ok & matches!(b, 0x20..=0x7e | 0x80..=0xbf | 0xc3..=0xc5));
    if !latin {
        return s.width();
    }
    bytes.iter().filter(|&&b| !(0x80..=0xbf).contains(&b)).count()
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    proptest::proptest! {

        /// A table made of two halves appended renders as the same rows added to one table: widths
        /// from either half, cells across pieces of text and of cells.
        #[test]
        fn two_halves_appended_render_as_one_table(
            rows in proptest::collection::vec(("[a-zé\u{1f600} ]{0,12}", 0u32..100_000, "[a-z]{0,3}"), 0..40),
            cut in 0usize..40,
            long in proptest::bool::ANY,
        ) {
            use super::{Cell, Table};
            let header = ["NAME", "N", "NOTE"];
            // A long first cell (a piece of text of its own) now and then.
            let filler = "x".repeat(if long { Table::CHUNK + 7 } else { 3 });
            let add = |t: &mut Table<'_>, (i, (name, n, note)): (usize, &(String, u32, String))| {
                let digits = n.to_string();
                let name = if i % 7 == 3 { filler.as_str() } else { name.as_str() };
                t.row_cells([Cell::Text(name), Cell::Measured(&digits, digits.len()), Cell::Text(note)]);
            };
            let mut whole = Table::new(&header).right(&[1]);
            rows.iter().enumerate().for_each(|r| add(&mut whole, r));
            let cut = cut.min(rows.len());
            let (mut first, mut second) = (Table::new(&header).right(&[1]), Table::new(&header).right(&[1]));
            rows.iter().enumerate().take(cut).for_each(|r| add(&mut first, r));
            rows.iter().enumerate().skip(cut).for_each(|r| add(&mut second, r));
            first.append(second);
            proptest::prop_assert_eq!(first.render(), whole.render());
            // Laid out in two ranges of rows (as `emit` does on two threads): the same lines.
            let (mut head, mut tail) = (String::new(), String::new());
            whole.lines(&mut head, 0..cut, true, |_| {});
            whole.lines(&mut tail, cut..rows.len(), false, |_| {});
            proptest::prop_assert_eq!(head + &tail, whole.render());
        }
        /// The Latin fast path measures what Unicode width measures, on its own alphabet and beyond it.
        #[test]
        fn width_agrees_with_unicode_width(s in "[ -~\u{a0}-\u{17f}\u{300}-\u{36f}\u{4e00}-\u{4e10}\u{1f600}]{0,16}") {
            proptest::prop_assert_eq!(super::width(&s), s.width());
        }
    }

    #[test]
    fn halves_of_a_long_table_appended_keep_every_cell() {
        // 9 000 cells each side: over `CELLS` cells and `CHUNK` bytes of text a half.
        let rows: Vec<[String; 3]> =
            (0..6_000).map(|i| [format!("zákazník {i}"), (i * 37 % 1000).to_string(), "x".repeat(i % 13)]).collect();
        let add = |t: &mut super::Table<'_>, row: &[String; 3]| {
            t.row_cells([super::Cell::Text(&row[0]), super::Cell::Text(&row[1]), super::Cell::Text(&row[2])])
        };
        let mut whole = super::Table::new(&["A", "B", "C"]);
        rows.iter().for_each(|r| add(&mut whole, r));
        let (mut first, mut second) = (super::Table::new(&["A", "B", "C"]), super::Table::new(&["A", "B", "C"]));
        rows[..3_000].iter().for_each(|r| add(&mut first, r));
        rows[3_000..].iter().for_each(|r| add(&mut second, r));
        first.append(second);
        assert_eq!(first.render(), whole.render());
        for cut in [0, 1, 1_365, 2_999, 3_000, 4_096, 5_999, 6_000] {
            let (mut head, mut tail) = (String::new(), String::new());
            whole.lines(&mut head, 0..cut, true, |_| {});
            whole.lines(&mut tail, cut..6_000, false, |_| {});
            assert!(head + &tail == whole.render(), "cut at row {cut}");
        }
    }

    #[test]
    fn a_borrowed_word_is_cleaned_on_every_row_it_is_on() {
        let bidi = String::from("\u{202E}evil");
        let plain = String::from("open");
        let mut t = super::Table::new(&["A", "B"]);
        for _ in 0..3 {
            t.row([bidi.as_str(), plain.as_str()]);
        }
        assert_eq!(t.render(), "A     B\nevil  open\nevil  open\nevil  open\n");
    }

    #[test]
    fn czech_text_is_one_column_a_letter() {
        assert_eq!(super::width("Příliš žluťoučký kůň"), 20);
        assert_eq!(super::width("úterý 🙂"), 8);
    }
}
