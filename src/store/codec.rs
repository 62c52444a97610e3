//! How the file keeps ids, clocks and operations compactly (schema 9).
//!
//! - **Ids** are 16-byte blobs (a UUID in its canonical text form is what every id is; anything else — a
//!   hand-made id in older data — is kept as `0xFF` and its UTF-8, so nothing is ever lost). The store's
//!   API and every exchange between copies keep the text form; conversion is at the SQL boundary, with
//!   the SQL functions `id_blob(text)` and `id_text(blob)` registered on every connection.
//! - **Clocks** (HLC) are stored as one integer, `millis << 20 | counter`, beside the device (a number
//!   in the file's `devices` table) in the operation log, and as a 24-byte blob — the clock big-endian,
//!   then the device's id blob — in state tables' `*_hlc` columns, so comparing blobs compares clocks
//!   exactly as comparing their text forms did (`hlc_blob(text)`, `hlc_text(blob)`).
//! - **Operation bodies** are the change's JSON (the sync format, unchanged), compressed with zstd and a
//!   dictionary trained on helpdesk operations (`assets/oplog-v1.zdict`, embedded; a body is about a
//!   third of its JSON). A body starts with one byte naming its codec: `0` plain JSON, `1` zstd with
//!   dictionary 1. A new dictionary would be codec 2; old bodies keep decoding with theirs.

use crate::t;
use std::cell::RefCell;

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use super::change::Change;
use super::{Hlc, Result, StoreError};

/// Bits of the counter in an integer clock; a counter that would overflow moves the clock a millisecond.
pub const COUNTER_BITS: u32 = 20;
pub const MAX_COUNTER: u32 = (1 << COUNTER_BITS) - 1;
/// The latest wall-clock milliseconds an integer clock holds (`i64::MAX >> COUNTER_BITS`: in the year
/// 2248); an HLC beyond it, or with a counter beyond [`MAX_COUNTER`], cannot be stored as it is.
pub const MAX_MILLIS: i64 = i64::MAX >> COUNTER_BITS;

const RAW_JSON: u8 = 0;
const ZSTD_V1: u8 = 1;
const DICTIONARY_V1: &[u8] = include_bytes!("../../assets/oplog-v1.zdict");
const LEVEL: i32 = 9;
/// The level of a bulk load's bodies ([`encode_body_quick`]): about six times faster than [`LEVEL`]
/// on operation bodies, about 6 % more bytes.
const QUICK_LEVEL: i32 = 3;

/// An id as stored: 16 bytes for a canonical UUID (any UUID, whatever its first byte), else `0xFF`
/// followed by its UTF-8 — and one more `0xFF` where that would make 16 bytes, since a blob of 16
/// bytes is always a UUID (`0xFF` never occurs in UTF-8, so the text is recovered exactly). The empty
/// id, a cursor's start, is the empty blob, which sorts first.
pub fn id_blob(id: &str) -> Vec<u8> {
    if id.is_empty() {
        return Vec::new();
    }
    match uuid::Uuid::try_parse(id) {
        // (Its canonical form compared in a buffer: every operation turns several ids into blobs.)
        Ok(u) if *u.hyphenated().encode_lower(&mut uuid::Uuid::encode_buffer()) == *id => u.as_bytes().to_vec(),
        _ => {
            let mut out = Vec::with_capacity(id.len() + 2);
            out.push(0xFF);
            out.extend_from_slice(id.as_bytes());
            if out.len() == 16 {
                out.push(0xFF);
            }
            out
        }
    }
}

/// The text form of a stored id (see [`id_blob`]).
pub fn id_text(blob: &[u8]) -> String {
    if let Ok(bytes) = <&[u8; 16]>::try_from(blob) {
        return hyphenated(bytes);
    }
    match blob {
        [] => String::new(),
        [0xFF, text @ ..] => String::from_utf8_lossy(text.strip_suffix(&[0xFF]).unwrap_or(text)).into_owned(),
        _ => String::from_utf8_lossy(blob).into_owned(),
    }
}

/// A UUID's 16 bytes in the hyphenated lower-case form `8-4-4-4-12` (what `uuid` prints), digit by
/// digit: lists and reports turn thousands of stored ids into text.
fn hyphenated(bytes: &[u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // A byte's two digits, one look-up a byte (a month report makes 100 000 ids into text).
    const PAIRS: [[u8; 2]; 256] = {
        let mut t = [[0u8; 2]; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = [HEX[b >> 4], HEX[b & 0xf]];
            b += 1;
        }
        t
    };
    // Where each byte's two digits go (the hyphens between the groups are already in place).
    const AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    // Into a fixed buffer, then one copy: a long list turns two ids a row into text.
    let mut out = [b'-'; 36];
    for (&b, at) in bytes.iter().zip(AT) {
        out[at..at + 2].copy_from_slice(&PAIRS[usize::from(b)]);
    }
    // Hex digits and hyphens: always ASCII (one check of 36 bytes, one allocation).
    std::str::from_utf8(&out).map(str::to_owned).unwrap_or_default()
}

/// Column `i` of a row as an id's text: a stored id (blob, see [`id_blob`]) is turned into text here
/// (cheaper than the `id_text` SQL function per row), text is taken as it is, NULL is empty.
pub fn read_id(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    id_of(r.get_ref(i)?)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(i, "id".into(), rusqlite::types::Type::Integer))
}

/// A stored value as an id's text, as [`read_id`] reads it; `None` for a number (a damaged file).
pub fn id_of(value: rusqlite::types::ValueRef<'_>) -> Option<String> {
    match value {
        rusqlite::types::ValueRef::Blob(b) => Some(id_text(b)),
        rusqlite::types::ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
        rusqlite::types::ValueRef::Null => Some(String::new()),
        _ => None,
    }
}

/// Column `i` of a row as text, as `Row::get::<String>` reads it (an error for a value that is not
/// text, or not UTF-8), with a quicker check for ASCII, which most ticket numbers and titles are (a
/// month report reads 53 000 of each).
pub fn read_text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    let bytes = text_bytes(r, i)?;
    if bytes.is_ascii() {
        // SAFETY: ASCII bytes are valid UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) }.to_owned());
    }
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| rusqlite::Error::Utf8Error(i, e))
}

/// Column `i` of a row as the bytes of a text value, borrowed from the row, not checked as UTF-8; the
/// error `Row::get::<String>` gives for a value that is not text (a damaged file: a blob, a number,
/// NULL).
pub fn text_bytes<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r [u8]> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(bytes) => Ok(bytes),
        other => {
            let name = r.as_ref().column_name(i).unwrap_or("?").to_string();
            Err(rusqlite::Error::InvalidColumnType(i, name, other.data_type()))
        }
    }
}

/// The clock of an HLC as one integer (see the module comment).
pub fn clock_of(h: &Hlc) -> i64 {
    (h.millis << COUNTER_BITS) | i64::from(h.counter.min(MAX_COUNTER))
}

/// The HLC of an integer clock on `device`.
pub fn hlc_of(clock: i64, device: String) -> Hlc {
    Hlc { millis: clock >> COUNTER_BITS, counter: (clock & i64::from(MAX_COUNTER)) as u32, device }
}

/// The wall-clock instant (whole seconds) of a state-table clock blob (see [`hlc_blob`]); `None` for
/// an empty or short blob.
pub fn hlc_wall(blob: &[u8]) -> Option<chrono::DateTime<chrono::Utc>> {
    let clock = i64::from_be_bytes(blob.get(..8)?.try_into().ok()?);
    chrono::DateTime::from_timestamp((clock >> COUNTER_BITS).div_euclid(1000), 0)
}

/// An HLC's text form as a state-table blob; an empty or unreadable text (never written since schema 1)
/// as an empty blob, which sorts before every clock.
pub fn hlc_blob(text: &str) -> Vec<u8> {
    match text.parse::<Hlc>() {
        Ok(h) => {
            let mut out = clock_of(&h).to_be_bytes().to_vec();
            out.extend(id_blob(&h.device));
            out
        }
        Err(_) => Vec::new(),
    }
}

/// A state-table clock blob from a clock and the device's id blob (what [`hlc_blob`] makes of its text).
pub fn hlc_pack(clock: i64, device: &[u8]) -> Vec<u8> {
    let mut out = clock.to_be_bytes().to_vec();
    out.extend_from_slice(device);
    out
}

/// The text form of a state-table clock blob (see [`hlc_blob`]).
pub fn hlc_text(blob: &[u8]) -> String {
    if blob.len() < 8 {
        return String::new();
    }
    let mut clock = [0u8; 8];
    clock.copy_from_slice(&blob[..8]);
    hlc_of(i64::from_be_bytes(clock), id_text(&blob[8..])).to_string()
}

thread_local! {
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
    static QUICK_COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
    static DECOMPRESSOR: RefCell<Option<zstd::bulk::Decompressor<'static>>> = const { RefCell::new(None) };
}

fn codec_error(what: String, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { path: t!("store-the-database"), detail: t!("codec-body", what = what, error = e.to_string()) }
}

/// A change as its stored body.
pub fn encode_body(change: &Change) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(change).map_err(|e| StoreError::Invalid(e.to_string()))?;
    compress(&json)
}

/// A change as its stored body, compressed at a lower level than [`encode_body`]: the same codec and
/// dictionary (any reader decodes it to the same JSON), made about six times faster, about 6 % bigger.
/// For `team join`'s bulk load, whose fetching thread compresses the whole team's log (1.69 M bodies
/// at the 100 000-ticket team: about 18 CPU s at [`encode_body`]'s level, about 3 s at this one).
/// Errors: as [`encode_body`].
pub fn encode_body_quick(change: &Change) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(change).map_err(|e| StoreError::Invalid(e.to_string()))?;
    compress_with(&QUICK_COMPRESSOR, QUICK_LEVEL, &json)
}

/// Compresses an operation's JSON into a body.
pub fn compress(json: &[u8]) -> Result<Vec<u8>> {
    compress_with(&COMPRESSOR, LEVEL, json)
}

/// Compresses `json` into a body at `level`, with this thread's compressor of that level (made once).
fn compress_with(
    compressor: &'static std::thread::LocalKey<RefCell<Option<zstd::bulk::Compressor<'static>>>>,
    level: i32,
    json: &[u8],
) -> Result<Vec<u8>> {
    compressor.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(
                zstd::bulk::Compressor::with_dictionary(level, DICTIONARY_V1)
                    .map_err(|e| codec_error(t!("codec-cannot-compress"), e))?,
            );
        }
        let frame =
            c.as_mut().expect("made above").compress(json).map_err(|e| codec_error(t!("codec-cannot-compress"), e))?;
        let mut out = Vec::with_capacity(frame.len() + 1);
        out.push(ZSTD_V1);
        out.extend(frame);
        Ok(out)
    })
}

/// The JSON of a stored body.
pub fn body_json(body: &[u8]) -> Result<Vec<u8>> {
    match body.split_first() {
        Some((&RAW_JSON, json)) => Ok(json.to_vec()),
        Some((&ZSTD_V1, frame)) => DECOMPRESSOR.with(|d| {
            let mut d = d.borrow_mut();
            if d.is_none() {
                *d = Some(
                    zstd::bulk::Decompressor::with_dictionary(DICTIONARY_V1)
                        .map_err(|e| codec_error(t!("codec-cannot-read"), e))?,
                );
            }
            let size = zstd::zstd_safe::get_frame_content_size(frame)
                .ok()
                .flatten()
                .filter(|&n| n <= 64 << 20)
                .ok_or_else(|| codec_error(t!("codec-damaged"), t!("codec-no-content-size")))?;
            d.as_mut()
                .expect("made above")
                .decompress(frame, size as usize)
                .map_err(|e| codec_error(t!("codec-damaged"), e))
        }),
        Some((codec, _)) => Err(codec_error(t!("codec-unknown-kind"), codec)),
        None => Err(codec_error(t!("codec-empty"), "")),
    }
}

/// The change a stored body holds.
pub fn decode_body(body: &[u8]) -> Result<Change> {
    let json = body_json(body)?;
    serde_json::from_slice(&json).map_err(|e| codec_error(t!("codec-not-a-change"), e))
}

/// The id of the triage entry of the mail with intake key `key` (`mid:…`, `sha256:…`): a UUID (version
/// 8) made from the key's SHA-256, so every copy that triages the same mail — importing it on its own,
/// or upgrading a file that had it (schema 13) — names it alike, and an assignment on one reaches the
/// other's entry.
pub fn triage_uid(key: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::new().chain_update(b"helpdesk-triage:").chain_update(key.as_bytes()).finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().hyphenated().to_string()
}

/// Registers `id_blob`, `id_text`, `hlc_blob`, `hlc_text`, `hlc_pack`, `cs_key` (a name's Czech sort
/// key), `triage_uid` ([`triage_uid`] as a blob) and `op_body` (operation JSON → stored body) as SQL
/// functions on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("id_blob", 1, flags, |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| id_blob(&s))))?;
    conn.create_scalar_function("id_text", 1, flags, |ctx| Ok(ctx.get::<Option<Vec<u8>>>(0)?.map(|b| id_text(&b))))?;
    conn.create_scalar_function("hlc_blob", 1, flags, |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| hlc_blob(&s))))?;
    conn.create_scalar_function("hlc_text", 1, flags, |ctx| Ok(ctx.get::<Option<Vec<u8>>>(0)?.map(|b| hlc_text(&b))))?;
    conn.create_scalar_function("hlc_pack", 2, flags, |ctx| {
        let clock: Option<i64> = ctx.get(0)?;
        let device: Option<Vec<u8>> = ctx.get(1)?;
        Ok(clock.map(|c| hlc_pack(c, device.as_deref().unwrap_or_default())))
    })?;
    // The Czech sort key of a name (`domain::collation`): customers are listed and paged by it for a
    // Czech reader. Computed per query, never stored or indexed.
    conn.create_scalar_function("cs_key", 1, flags, |ctx| {
        Ok(ctx.get::<Option<String>>(0)?.map(|s| crate::domain::collation::czech_key(&s)))
    })?;
    conn.create_scalar_function("triage_uid", 1, flags, |ctx| {
        Ok(ctx.get::<Option<String>>(0)?.map(|k| id_blob(&triage_uid(&k))))
    })?;
    conn.create_scalar_function("op_body", 1, flags, |ctx| {
        let json: String = ctx.get(0)?;
        compress(json.as_bytes()).map_err(|e| rusqlite::Error::UserFunctionError(Box::new(e)))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ids_print_as_uuid_prints_them(bytes: [u8; 16]) {
            let u = uuid::Uuid::from_bytes(bytes);
            proptest::prop_assert_eq!(id_text(&bytes), u.hyphenated().to_string());
            proptest::prop_assert_eq!(id_blob(&id_text(&bytes)), bytes.to_vec());
        }

        /// Any id comes back as it went in: UUIDs starting with `ff`, and hand-made ids of every
        /// length (15 bytes of text would make 16 with the marker).
        #[test]
        fn every_id_comes_back(id in "(ff[0-9a-f]{6}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|[a-zA-Z0-9ž_-]{1,40}") {
            proptest::prop_assert_eq!(id_text(&id_blob(&id)), id);
        }
    }

    #[test]
    fn ids_round_trip_and_uuids_take_16_bytes() {
        for id in ["019a0000-0000-7000-8000-000000000000", "model-device", "", "019A0000-0000-7000-8000-000000000000"] {
            assert_eq!(id_text(&id_blob(id)), id);
        }
        assert_eq!(id_blob("019a0000-0000-7000-8000-000000000000").len(), 16);
    }

    #[test]
    fn clock_blobs_sort_like_their_text() {
        let dev_a = "019a0000-0000-7000-8000-000000000000";
        let dev_b = "019a0000-0000-7000-8000-000000000001";
        let texts = [
            format!("{:015}-{:06}-{dev_b}", 5, 0),
            format!("{:015}-{:06}-{dev_a}", 5, 1),
            format!("{:015}-{:06}-{dev_b}", 5, 1),
            format!("{:015}-{:06}-{dev_a}", 6, 0),
            format!("{:015}-{:06}-{dev_a}", 1_700_000_000_000i64, 999_999),
        ];
        let mut sorted = texts.clone();
        sorted.sort();
        let mut blobs: Vec<Vec<u8>> = texts.iter().map(|t| hlc_blob(t)).collect();
        blobs.sort();
        let back: Vec<String> = blobs.iter().map(|b| hlc_text(b)).collect();
        assert_eq!(back, sorted);
        assert!(hlc_blob("").is_empty() && hlc_text(&[]).is_empty());
    }

    #[test]
    fn bodies_round_trip_and_are_smaller_than_their_json() {
        let change = Change::CommentAdded {
            id: "019a0000-0000-7000-8000-000000000000".into(),
            ticket: "019a0000-0000-7000-8000-000000000001".into(),
            author: "alice".into(),
            body: "Zákazník potvrdil opravu".into(),
            at: 1_772_000_000,
        };
        let body = encode_body(&change).unwrap();
        assert_eq!(decode_body(&body).unwrap(), change);
        assert!(body.len() < serde_json::to_vec(&change).unwrap().len() / 2, "{} bytes", body.len());
        let mut raw = vec![0u8];
        raw.extend(serde_json::to_vec(&change).unwrap());
        assert_eq!(decode_body(&raw).unwrap(), change);
        assert!(decode_body(&[7, 1, 2]).is_err() && decode_body(&[1, 1, 2]).is_err());
    }

    #[test]
    fn a_quick_body_holds_the_same_json_as_a_normal_one() {
        let change = Change::TimeEntryAdded {
            id: "019a0000-0000-7000-8000-000000000002".into(),
            ticket: "019a0000-0000-7000-8000-000000000001".into(),
            customer: "019a0000-0000-7000-8000-000000000003".into(),
            started_at: 1_772_000_000,
            minutes: 45,
            technician: "alice".into(),
            role: Default::default(),
            note: "Výměna tiskárny, test po opravě".into(),
            replaces: None,
            at: 1_772_000_100,
            entry: None,
            restores: None,
        };
        let (quick, normal) = (encode_body_quick(&change).unwrap(), encode_body(&change).unwrap());
        assert_eq!(body_json(&quick).unwrap(), body_json(&normal).unwrap());
        assert_eq!(decode_body(&quick).unwrap(), change);
        assert_eq!(quick[0], normal[0], "the same codec");
        assert!(quick.len() < serde_json::to_vec(&change).unwrap().len() / 2, "{} bytes", quick.len());
    }
}

/// The ids bind and read as their text (what `id_blob(?)` and `id_text(…)` in the SQL take and give).
macro_rules! id_sql {
    ($($name:ty),*) => {$(
        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                String::column_result(value).map(<$name>::new)
            }
        }
    )*};
}

id_sql!(crate::domain::TicketId, crate::domain::CustomerId, crate::domain::EntryId);
