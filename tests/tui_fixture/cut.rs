//! Cutting a snapshot down to the part of the screen a test pins: one box (a view's panel, a form, an
//! overlay) found by its title, and the status bar. A change elsewhere on the screen then leaves the
//! snapshot alone; the whole-view snapshots (`every_view_at_…`) pin the layout.

use ratatui::buffer::Buffer;

/// One row of cells: the symbols from `x0` to `x1` inclusive, trailing blanks cut.
fn cells(buf: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    let row: String = (x0..=x1).map(|x| buf[(x, y)].symbol()).collect();
    row.trim_end().to_string()
}

/// Where `needle` starts on the screen: the first (x, y) whose run of cells reads `needle`.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let mut read = String::new();
            let mut cx = x;
            while read.len() < needle.len() && cx < area.width {
                read.push_str(buf[(cx, y)].symbol());
                cx += 1;
            }
            if read.starts_with(needle) {
                return Some((x, y));
            }
        }
    }
    None
}

/// The text of a screen, for a failing cut's message.
fn screen(buf: &Buffer) -> String {
    (0..buf.area.height).map(|y| cells(buf, y, 0, buf.area.width - 1) + "\n").collect()
}

/// The box whose top border carries `title`, borders included: from the `┌` left of the title to the
/// `┐` right of it, down to the `└` under the `┌`. Blank rows at the bottom of the box are left out (a
/// list's empty space is not what a test pins), so the box's height does not churn the snapshot.
///
/// Panics with the whole screen when no such box is drawn, so a failing test shows what was.
pub fn boxed(buf: &Buffer, title: &str) -> String {
    let whole = || screen(buf);
    let (tx, y0) = find(buf, title).unwrap_or_else(|| panic!("no box titled `{title}` on screen:\n{}", whole()));
    let x0 = (0..=tx).rev().find(|&x| buf[(x, y0)].symbol() == "┌");
    let x0 = x0.unwrap_or_else(|| panic!("`{title}` is not on a box's top border:\n{}", whole()));
    let x1 = (tx..buf.area.width).find(|&x| buf[(x, y0)].symbol() == "┐");
    let x1 = x1.unwrap_or_else(|| panic!("the box of `{title}` has no right corner:\n{}", whole()));
    let y1 = (y0 + 1..buf.area.height).find(|&y| buf[(x0, y)].symbol() == "└");
    let y1 = y1.unwrap_or_else(|| panic!("the box of `{title}` has no bottom:\n{}", whole()));
    let blank = |y: u16| (x0 + 1..x1).all(|x| buf[(x, y)].symbol() == " ");
    let mut last = y1 - 1;
    while last > y0 && blank(last) {
        last -= 1;
    }
    let mut out = String::new();
    for y in (y0..=last).chain([y1]) {
        out.push_str(&cells(buf, y, x0, x1));
        out.push('\n');
    }
    out
}

/// Several boxes, one after another, each found as [`boxed`] finds it.
pub fn boxes(buf: &Buffer, titles: &[&str]) -> String {
    titles.iter().map(|t| boxed(buf, t)).collect()
}

/// The last row of the screen: the status bar (who, the timer, the last message).
pub fn status_bar(buf: &Buffer) -> String {
    bottom(buf, 1)
}

/// The last `rows` rows of the screen (a long message wraps above the status bar).
pub fn bottom(buf: &Buffer, rows: u16) -> String {
    let h = buf.area.height;
    (h.saturating_sub(rows)..h).map(|y| cells(buf, y, 0, buf.area.width - 1) + "\n").collect()
}
