//! JSON that is safe on a terminal by construction: serde_json's pretty printing, with every
//! character [`is_unsafe`] finds inside strings written as a `\uXXXX` escape. serde_json already
//! escapes C0 controls; DEL, C1 controls and bidirectional overrides it leaves raw. Escaped, they
//! stay in the data (a reader of the JSON gets exactly what was stored) but never reach the terminal,
//! so a streamed export needs no filter over its bytes afterwards.

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

use crate::domain::text::{has_unsafe, is_unsafe};

/// [`PrettyFormatter`] with terminal-unsafe characters escaped in strings.
#[derive(Default)]
pub struct SafePretty {
    pretty: PrettyFormatter<'static>,
}

impl SafePretty {
    /// A serializer writing pretty, terminal-safe JSON to `out`.
    pub fn serializer<W: Write>(out: W) -> serde_json::Serializer<W, SafePretty> {
        serde_json::Serializer::with_formatter(out, SafePretty::default())
    }
}

impl Formatter for SafePretty {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        if !has_unsafe(fragment.as_bytes(), true) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                // Every unsafe character is in the Basic Multilingual Plane: one escape each.
                write!(w, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    fn both<T: Serialize>(value: &T) -> (String, String) {
        let mut out = Vec::new();
        value.serialize(&mut SafePretty::serializer(&mut out)).unwrap();
        (String::from_utf8(out).unwrap(), serde_json::to_string_pretty(value).unwrap())
    }

    #[test]
    fn plain_data_prints_as_serde_json_pretty_prints_it() {
        let value = serde_json::json!({"a": [1, {"b": "Řeznictví \"Hájek\" \\ \n"}], "c": [], "d": {}, "e": null});
        let (safe, pretty) = both(&value);
        assert_eq!(safe, pretty);
    }

    #[test]
    fn unsafe_characters_are_escaped_and_read_back_as_they_were() {
        let text = "a\u{7f}b\u{85}c\u{202E}d\u{2066}e\u{200F}f\u{61C}g\u{1b}[31m";
        let (safe, _) = both(&text);
        assert!(!has_unsafe(safe.as_bytes(), true), "{safe:?}");
        assert_eq!(safe, "\"a\\u007fb\\u0085c\\u202ed\\u2066e\\u200ff\\u061cg\\u001b[31m\"");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, text);
    }
}
