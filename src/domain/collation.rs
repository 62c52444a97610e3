//! The order people's names are listed in (customers, technicians, pickers), per reader's language.
//!
//! **English** keeps the order it always had: the folded name (`text::fold`: lower case, diacritics
//! dropped), so `Čistý` sorts with `C` and `Chata` between `Cet` and `Cit`.
//!
//! **Czech** follows the Czech collation of CLDR (`cs.xml`: `&C<č &H<ch &R<ř &S<š &Z<ž` over the root
//! order): `č`, `ř`, `š`, `ž` are letters of their own after `c`, `r`, `s`, `z`; the digraph `ch` is
//! one letter after `h`; `á é ě í ó ú ů ý ď ť ň` (and other accents) sort with their base letter at the
//! first level and only break ties (second level: the accent; third level: lower case before upper).
//! Spaces and punctuation come before digits, digits before letters, anything else (other scripts)
//! after `ž` by code point. Combining marks (a decomposed `č`) are read as the letter they make.
//!
//! **Why our own key, not a library.** `icu_collator` (ICU4X) has the real Czech tailoring, but with
//! its compiled data it adds a dozen crates and the collation tables of every locale to a binary that
//! needs one tailoring of five rules; `feruca` implements the Unicode Collation Algorithm with the CLDR
//! root order but has no Czech tailoring (only Arabic-script ones). The five rules over a Latin
//! alphabet are small enough to own and test here (the tests below pin each rule); names in other
//! scripts still get a stable order.
//!
//! **Why a key, and how paging stays right.** The customer list pages by keyset in SQL (`WHERE (key,
//! id) > (last key, last id) ORDER BY key, id LIMIT n`): sorting one page in Rust would be wrong as
//! soon as the Czech order moves a name across a page boundary (every `Ch…` after every `H…`). So
//! [`czech_key`] is a byte string whose plain byte order is the Czech order; the store registers it
//! as the SQL function `cs_key(name)` and orders and pages by it when the reader is Czech. It is not
//! stored (no migration): the list's query computes it per row (10 000 customers: a few milliseconds a
//! page), while English keeps paging on the indexed `name_key` column.
//!
//! **Where.** What a person reads: the interface (customers, the board's technicians, pickers, the
//! queue sorted by customer, assignee or title) and `customer list`'s table. Machine formats (JSON,
//! CSV, statements' files) keep the folded order in every language: a script gets the same bytes.

/// Which order names are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameOrder {
    /// By the folded name (lower case, no diacritics): English, and what the `name_key` index holds.
    #[default]
    Folded,
    /// Czech collation ([`czech_key`]).
    Czech,
}

impl NameOrder {
    /// The sort key of `name` in this order: byte order of the keys is the order of the names.
    pub fn key(self, name: &str) -> Vec<u8> {
        match self {
            NameOrder::Folded => super::text::fold(name).into_bytes(),
            NameOrder::Czech => czech_key(name),
        }
    }

    /// Sorts `items` by the name `name` gives, in this order (stable: equal names keep their order).
    pub fn sort_by_name<T>(self, items: &mut [T], name: impl Fn(&T) -> &str) {
        items.sort_by_cached_key(|item| self.key(name(item)));
    }
}

/// The Czech alphabet in order (first-level letters); `ch` stands for the digraph.
const ALPHABET: [&str; 31] = [
    "a", "b", "c", "č", "d", "e", "f", "g", "h", "ch", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "ř", "s", "š",
    "t", "u", "v", "w", "x", "y", "z", "ž",
];

/// First-level weights: ignorable 0 never appears; punctuation and spaces, then digits, then the
/// alphabet, then everything else by code point.
const PUNCT: u32 = 0x0100;
const DIGIT: u32 = 0x0200;
const LETTER: u32 = 0x0300;
const OTHER: u32 = 0x0001_0000;

/// One first-level unit of a name: its weight, its accent (0 for none) and whether it was upper case.
struct Unit {
    primary: u32,
    accent: u32,
    upper: bool,
}

/// The Czech sort key of `name` (see the module's comment): first-level weights, then the accents,
/// then the case, then the name's own bytes (so different names never tie), each level ended by a
/// zero that sorts before any weight (a shorter name first).
pub fn czech_key(name: &str) -> Vec<u8> {
    let units = units(name);
    let mut key = Vec::with_capacity(units.len() * 6 + name.len() + 12);
    for u in &units {
        key.extend_from_slice(&u.primary.to_be_bytes());
    }
    key.extend_from_slice(&[0, 0, 0, 0]);
    for u in &units {
        key.extend_from_slice(&(u.accent + 1).to_be_bytes());
    }
    key.extend_from_slice(&[0, 0, 0, 0]);
    key.extend(units.iter().map(|u| 1 + u8::from(u.upper)));
    key.push(0);
    key.extend_from_slice(name.as_bytes());
    key
}

fn units(name: &str) -> Vec<Unit> {
    let mut chars = name.chars().peekable();
    let mut out: Vec<Unit> = Vec::with_capacity(name.len());
    while let Some(c) = chars.next() {
        if is_combining(c) {
            // A decomposed letter: a caron on c, r, s, z makes the letter of its own; any other mark
            // is an accent of the letter before it.
            if let Some(last) = out.last_mut() {
                let base = letter_of(last.primary);
                match (c, base) {
                    ('\u{030C}', Some(b @ ("c" | "r" | "s" | "z"))) => {
                        let caroned = match b {
                            "c" => "č",
                            "r" => "ř",
                            "s" => "š",
                            _ => "ž",
                        };
                        last.primary = letter_weight(caroned);
                    }
                    _ => last.accent = last.accent.max(u32::from(c)),
                }
            }
            continue;
        }
        let lower = lowercase(c);
        let upper = lower != c;
        // `ch` (any case) is one letter after `h`.
        if lower == 'c' && chars.peek().is_some_and(|&n| lowercase(n) == 'h') {
            chars.next();
            out.push(Unit { primary: CH, accent: 0, upper });
            continue;
        }
        let (primary, accent) = match lower {
            'a'..='z' => (ascii_weight(lower), 0),
            'č' | 'ř' | 'š' | 'ž' => (letter_weight(lower.encode_utf8(&mut [0; 4])), 0),
            _ => match super::text::fold_char(lower) {
                b if b.is_ascii_lowercase() => {
                    let accent = if b == lower { 0 } else { u32::from(lower) };
                    (ascii_weight(b), accent)
                }
                _ if lower.is_ascii_digit() => (DIGIT + u32::from(lower), 0),
                _ if lower.is_whitespace() || lower.is_ascii_punctuation() => {
                    (PUNCT + if lower.is_whitespace() { 0 } else { u32::from(lower) }, 0)
                }
                _ => (OTHER + u32::from(lower), 0),
            },
        };
        out.push(Unit { primary, accent, upper });
    }
    out
}

/// The first lower-case character of `c` (ASCII without a table look).
fn lowercase(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// The weight of `ch`.
const CH: u32 = LETTER + 9;

/// [`letter_weight`] of the ASCII lower-case letter `c` (`a`–`z`), by a table made from [`ALPHABET`].
fn ascii_weight(c: char) -> u32 {
    const WEIGHTS: [u32; 26] = {
        let mut w = [0; 26];
        let mut i = 0;
        while i < ALPHABET.len() {
            let l = ALPHABET[i].as_bytes();
            if l.len() == 1 {
                w[(l[0] - b'a') as usize] = LETTER + i as u32;
            }
            i += 1;
        }
        w
    };
    let at = (c as u32).wrapping_sub(u32::from(b'a')) as usize;
    WEIGHTS.get(at).copied().unwrap_or(LETTER)
}

fn letter_weight(letter: &str) -> u32 {
    let at = ALPHABET.iter().position(|l| *l == letter).unwrap_or(0);
    LETTER + at as u32
}

fn letter_of(weight: u32) -> Option<&'static str> {
    weight.checked_sub(LETTER).and_then(|i| ALPHABET.get(i as usize)).copied()
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(order: NameOrder, names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        order.sort_by_name(&mut v, |s| s.as_str());
        v
    }

    #[test]
    fn ch_comes_after_h_and_the_caron_letters_after_their_base() {
        let names =
            ["Žák", "Zahrada", "Chata", "Hora", "Ivo", "Čech", "Cyril", "Dana", "Řeka", "Rys", "Šimon", "Tom", "Sova"];
        assert_eq!(
            sorted(NameOrder::Czech, &names),
            ["Cyril", "Čech", "Dana", "Hora", "Chata", "Ivo", "Rys", "Řeka", "Sova", "Šimon", "Tom", "Zahrada", "Žák"]
        );
    }

    #[test]
    fn the_fast_weights_are_the_alphabets() {
        assert_eq!(CH, letter_weight("ch"));
        for c in 'a'..='z' {
            assert_eq!(ascii_weight(c), letter_weight(c.encode_utf8(&mut [0; 4])), "{c}");
        }
    }

    #[test]
    fn english_keeps_the_folded_order() {
        let names = ["Žák", "Zahrada", "Chata", "Hora", "Čech", "Cyril"];
        assert_eq!(sorted(NameOrder::Folded, &names), ["Čech", "Chata", "Cyril", "Hora", "Zahrada", "Žák"]);
    }

    #[test]
    fn other_accents_sort_with_their_base_letter_and_only_break_ties() {
        // First level: á = a, so `Ádam` before `Adéla`… is decided by the letters after it.
        assert_eq!(sorted(NameOrder::Czech, &["Adéla", "Ádam", "Abc"]), ["Abc", "Ádam", "Adéla"]);
        assert_eq!(sorted(NameOrder::Czech, &["Dvořák", "Ďábel", "Dub"]), ["Ďábel", "Dub", "Dvořák"]);
        assert_eq!(sorted(NameOrder::Czech, &["Tůma", "Tuma", "Túma"]), ["Tuma", "Túma", "Tůma"]);
        assert_eq!(sorted(NameOrder::Czech, &["Týn", "Tyl", "Tí"]), ["Tí", "Tyl", "Týn"]);
        assert_eq!(sorted(NameOrder::Czech, &["Něco", "Nebe", "Ňouma"]), ["Nebe", "Něco", "Ňouma"]);
        assert_eq!(sorted(NameOrder::Czech, &["Ťuk", "Tuk", "Tola"]), ["Tola", "Tuk", "Ťuk"]);
    }

    #[test]
    fn case_breaks_ties_last_lower_first_and_the_digraph_ignores_case() {
        assert_eq!(sorted(NameOrder::Czech, &["ACME", "Acme", "acme"]), ["acme", "Acme", "ACME"]);
        assert_eq!(sorted(NameOrder::Czech, &["CHATA", "Hz", "cHata", "Ia"]), ["Hz", "cHata", "CHATA", "Ia"]);
    }

    #[test]
    fn shorter_first_then_spaces_digits_letters_and_other_scripts() {
        assert_eq!(
            sorted(NameOrder::Czech, &["Acme s.r.o.", "Acmea", "Acme", "Acme 2"]),
            ["Acme", "Acme 2", "Acme s.r.o.", "Acmea"]
        );
        assert_eq!(
            sorted(NameOrder::Czech, &["Ωmega", "Žena", "9 mostů", "Alfa"]),
            ["9 mostů", "Alfa", "Žena", "Ωmega"]
        );
    }

    #[test]
    fn a_decomposed_letter_sorts_as_the_composed_one() {
        assert_eq!(czech_key("C\u{30C}ech")[..8], czech_key("Čech")[..8]);
        assert_eq!(sorted(NameOrder::Czech, &["C\u{30C}ech", "Cyril", "Dana"]), ["Cyril", "C\u{30C}ech", "Dana"]);
        assert_eq!(sorted(NameOrder::Czech, &["Ade\u{301}la", "Adam", "Adéla"])[0], "Adam");
    }

    proptest::proptest! {
        /// The key orders consistently: distinct names never tie, and the order is a total order.
        #[test]
        fn keys_are_distinct_for_distinct_names(a in "\\PC{0,8}", b in "\\PC{0,8}") {
            if a != b {
                proptest::prop_assert_ne!(czech_key(&a), czech_key(&b));
            }
        }

        /// Accents and case never move a name across a letter: a name with them removed sorts at the
        /// same first level (its first-level weights are equal).
        #[test]
        fn accents_other_than_the_caron_letters_are_second_level(s in "[a-zA-Záéěíóúůýďťň ]{0,10}") {
            let plain = super::super::text::fold(&s);
            let first = |k: &[u8]| k.chunks(4).take_while(|c| *c != [0, 0, 0, 0]).map(|c| c.to_vec()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(first(&czech_key(&s)), first(&czech_key(&plain)));
        }
    }
}
