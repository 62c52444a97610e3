//! Durations in words, in the reader's language and the room there is: a sentence's `1 h 30 min`, a
//! table cell's `1:30 h` (Czech), and time left until a deadline.

use chrono::Duration;

/// How much room a duration's words take. `Long` is for sentences and roomy places (`1 h 30 min` in
/// Czech), `Short` for table cells and other fixed-width places, where a Czech long form would not fit
/// at 80 columns: `1:30 h` (hours:minutes, as Czech time sheets write it), `45 min`, `2 h`. English
/// reads `1h 30m` in both (the way durations are typed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Room {
    Long,
    Short,
}

/// Minutes as a person reads them in a sentence: `45m`, `1h 30m`, `2h` in English (the way they are
/// typed); `45 min`, `1 h 30 min`, `2 h` in Czech (the Czech unit abbreviations, with a space).
pub fn minutes(minutes: i64) -> String {
    minutes_in(minutes, Room::Long)
}

/// Minutes in a table cell: `45m`, `1h 05m`, `2h` in English; `45 min`, `1:05 h`, `2 h` in Czech
/// (never wider than the English form plus four cells: `45m` → `45 min`).
pub fn minutes_short(minutes: i64) -> String {
    minutes_in(minutes, Room::Short)
}

fn minutes_in(minutes: i64, room: Room) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    match (m / 60, m % 60) {
        (0, r) => duration(room, Form::M, sign, "", &r.to_string()),
        (h, 0) => duration(room, Form::H, sign, &h.to_string(), ""),
        // A sentence keeps the typed form (`1h 5m`); a cell pads to two digits (`1:05 h`).
        (h, r) if room == Room::Long => duration(room, Form::Hm, sign, &h.to_string(), &r.to_string()),
        (h, r) => duration(room, Form::Hm, sign, &h.to_string(), &format!("{r:02}")),
    }
}

/// Which of a room's three messages a duration takes.
#[derive(Clone, Copy)]
enum Form {
    M,
    H,
    Hm,
}

/// A duration's words: the room's message of `form`, filled in; kept by an open recording as the
/// message it is (so a refusal that holds it is worded in the reader's language on the other side).
fn duration(room: Room, form: Form, sign: &str, hours: &str, minutes: &str) -> String {
    with_words(room, |w| {
        let (template, i) = match form {
            Form::M => (&w.m, 0),
            Form::H => (&w.h, 1),
            Form::Hm => (&w.hm, 2),
        };
        let text = fill(template, sign, hours, minutes);
        if crate::i18n::said::recording() {
            let args: &[(&str, &str)] = match form {
                Form::M => &[("sign", sign), ("m", minutes)],
                Form::H => &[("sign", sign), ("h", hours)],
                Form::Hm => &[("sign", sign), ("h", hours), ("m", minutes)],
            };
            crate::i18n::said::note(w.ids[i], args, &text);
        }
        text
    })
}

/// Business time left (or overdue, negative) as in [`crate::domain::sla::format_left`], in the
/// reader's language, for a sentence: `3h 5m` / `3 h 5 min`, `4h`, `-45m` / `-45 min`. Truncated toward
/// zero to the minute ([`crate::domain::sla::whole_minutes`]), like every duration shown.
pub fn left(left: Duration) -> String {
    left_in(left, Room::Long)
}

/// Business time left in a table cell (the queue's and the board's `Left` columns): `3h 05m` /
/// `3:05 h`, `-45m` / `-45 min`.
pub fn left_short(left: Duration) -> String {
    left_in(left, Room::Short)
}

/// Whole hours of business time left in a table cell, for a countdown too long for its column:
/// `-1490h` / `-1490 h` (truncated toward zero).
pub fn left_hours_short(left: Duration) -> String {
    let sign = if left < Duration::zero() { "-" } else { "" };
    let hours = crate::domain::sla::whole_minutes(left).abs() / 60;
    duration(Room::Short, Form::H, sign, &hours.to_string(), "")
}

fn left_in(left: Duration, room: Room) -> String {
    let sign = if left < Duration::zero() { "-" } else { "" };
    let mins = crate::domain::sla::whole_minutes(left).abs();
    // Digits into buffers on the stack: a list words a countdown on every row.
    let (mut hours, mut minutes) = ([0; 20], [0; 20]);
    match (mins / 60, mins % 60) {
        (0, m) => duration(room, Form::M, sign, "", decimal(m, 1, &mut minutes)),
        // A sentence words it as every other duration in a sentence ([`minutes`]: `4h`, `6h 6m`,
        // bb5 #9 saw `4h 00m` beside `6h 6m`); a cell pads to two digits so a column lines up.
        (h, 0) if room == Room::Long => duration(room, Form::H, sign, decimal(h, 1, &mut hours), ""),
        (h, m) if room == Room::Long => {
            duration(room, Form::Hm, sign, decimal(h, 1, &mut hours), decimal(m, 1, &mut minutes))
        }
        (h, m) => duration(room, Form::Hm, sign, decimal(h, 1, &mut hours), decimal(m, 2, &mut minutes)),
    }
}

/// `n` (not negative) in decimal digits, at least `width` of them (zeros in front), written into `buf`.
fn decimal(n: i64, width: usize, buf: &mut [u8; 20]) -> &str {
    let mut n = n.unsigned_abs();
    let mut at = buf.len();
    while at > 0 && (n > 0 || buf.len() - at < width) {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// Lists word a duration on every row: the messages are formatted once per thread, language and room
/// with markers in place of their values ([`DurationWords`]), then filled in.
fn with_words<R>(room: Room, f: impl FnOnce(&DurationWords) -> R) -> R {
    thread_local! {
        static WORDS: std::cell::RefCell<Vec<DurationWords>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    WORDS.with_borrow_mut(|cache| {
        let language = crate::i18n::language();
        let at = match cache.iter().position(|w| w.language == language && w.room == room) {
            Some(at) => at,
            None => {
                cache.push(DurationWords::new(language, room));
                cache.len() - 1
            }
        };
        f(&cache[at])
    })
}

/// `duration-m`, `duration-h` and `duration-hm` (or their `-short` forms) in one language, their
/// values replaced by the markers of [`fill`].
struct DurationWords {
    language: crate::i18n::Language,
    room: Room,
    ids: [&'static str; 3],
    m: String,
    h: String,
    hm: String,
}

const SIGN: char = '\u{E000}';
const HOURS: char = '\u{E001}';
const MINUTES: char = '\u{E002}';

impl DurationWords {
    fn new(language: crate::i18n::Language, room: Room) -> Self {
        let (s, h, m) = (SIGN.to_string(), HOURS.to_string(), MINUTES.to_string());
        let ids = match room {
            Room::Long => ["duration-m", "duration-h", "duration-hm"],
            Room::Short => ["duration-short-m", "duration-short-h", "duration-short-hm"],
        };
        Self {
            language,
            room,
            ids,
            m: crate::t!(ids[0], sign = s.clone(), m = m.clone()),
            h: crate::t!(ids[1], sign = s.clone(), h = h.clone()),
            hm: crate::t!(ids[2], sign = s, h = h, m = m),
        }
    }
}

/// `template` with its markers replaced by the values (characters from Unicode's private use area,
/// which no message text holds).
fn fill(template: &str, sign: &str, hours: &str, minutes: &str) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    for c in template.chars() {
        match c {
            SIGN => out.push_str(sign),
            HOURS => out.push_str(hours),
            MINUTES => out.push_str(minutes),
            c => out.push(c),
        }
    }
    out
}
