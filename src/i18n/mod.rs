//! Words a person reads, in Czech and English (issue 18), with Fluent.
//!
//! **Library**: `fluent-bundle` (Project Fluent, Mozilla's localisation system, well kept and used by
//! Firefox): its messages carry Czech plural categories (`one` 1 tiket, `few` 2–4 tikety, `many` 1,5
//! tiketu, `other` 5 tiketů) from CLDR through `intl_pluralrules`, and its placeholders are named, so a
//! translator can reorder a sentence. `fluent-templates` was not chosen: it adds a macro layer and a
//! directory loader we don't need for a fixed set of embedded files plus one optional user file.
//!
//! **Files**: `assets/i18n/{en,cs}/*.ftl`, embedded in the binary (see [`EMBEDDED`]); every message id
//! exists in both languages with the same placeholders (checked by `tests/i18n.rs`). A user may
//! override any message with `messages.cs.ftl` / `messages.en.ftl` in the config directory (only the
//! messages it names; a malformed file is refused with its path and line, like the other config files).
//!
//! **Which language**: [`crate::language::detect`] (`--lang`, `language` in `config.toml`, the locale
//! variables). The program sets it once at start ([`set_language`]); a thread may speak another one for
//! a while ([`Scoped`], for tests and for mail to a contact in their own language).
//!
//! **Never translated**: JSON keys and values, CSV headers, enum values, exit codes: those are written
//! without this module.
//!
//! Use [`t!`](crate::t): `t!("month-3")`, `t!("tickets-count", count = 5)`. A message missing in
//! Czech falls back to English; an id missing in both comes out as the id itself (and the test fails).

use std::cell::Cell;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
pub use fluent_bundle::{FluentArgs, FluentValue};

pub use crate::language::Language;

pub mod dates;
pub mod refusals;
pub mod said;
pub mod words;

pub use said::{Arg, Recording, Said};

/// The embedded message files: `(language, file name, text)`.
pub const EMBEDDED: &[(Language, &str, &str)] = &[
    (Language::English, "common.ftl", include_str!("../../assets/i18n/en/common.ftl")),
    (Language::English, "cli.ftl", include_str!("../../assets/i18n/en/cli.ftl")),
    (Language::English, "tui.ftl", include_str!("../../assets/i18n/en/tui.ftl")),
    (Language::English, "admin.ftl", include_str!("../../assets/i18n/en/admin.ftl")),
    (Language::English, "sync.ftl", include_str!("../../assets/i18n/en/sync.ftl")),
    (Language::Czech, "common.ftl", include_str!("../../assets/i18n/cs/common.ftl")),
    (Language::Czech, "cli.ftl", include_str!("../../assets/i18n/cs/cli.ftl")),
    (Language::Czech, "tui.ftl", include_str!("../../assets/i18n/cs/tui.ftl")),
    (Language::Czech, "admin.ftl", include_str!("../../assets/i18n/cs/admin.ftl")),
    (Language::Czech, "sync.ftl", include_str!("../../assets/i18n/cs/sync.ftl")),
];

/// The embedded files of one language, in the order they are looked in: the command line's first
/// (`common`, `cli`), the interface's last.
const FILES: [&str; 5] = ["common.ftl", "cli.ftl", "admin.ftl", "sync.ftl", "tui.ftl"];

/// The messages of one language. Without the user's overrides, each embedded file is indexed the
/// first time a message is looked for in it (each message's id and its lines, [`FileIndex`]), and a
/// message is parsed into a bundle of its own the first time it is used: no message refers to
/// another or to a term, so a message alone formats as in its whole file (checked for every message
/// by `tests::a_message_alone_reads_as_in_its_whole_file`). A list used about 20 of the 490 messages
/// of the two files it read from, and parsing both files whole was 1.1 M instructions of a 100k
/// `ticket list --open` and 6 % of a `customer list` (callgrind, 2 Dec 2026); indexing them is a
/// scan of their lines. With an override file, one bundle of every file with the overrides on top.
#[derive(Default)]
struct Catalog {
    files: [OnceLock<FileIndex>; 5],
    whole: OnceLock<FluentBundle<FluentResource>>,
}

/// One embedded file's messages: where each one's lines are, and its bundle once parsed.
struct FileIndex {
    /// Message id → its place in `entries`.
    ids: rustc_hash::FxHashMap<&'static str, usize>,
    /// Each message's lines (the id's line and the indented or blank ones after it), and its bundle.
    /// Every embedded message parses alone as in its whole file (the tests check each one), so no
    /// whole-file bundle is kept as a fallback.
    entries: Vec<(&'static str, OnceLock<FluentBundle<FluentResource>>)>,
}

impl FileIndex {
    /// Indexes `text` (a Fluent file): a message starts on a line that starts with a letter (its id,
    /// then `=`) and goes on to the next line that starts with a letter, `#` or `-` (the next
    /// message, a comment, a term); the lines between are its own (indented, blank, or a select
    /// expression's closing `}`).
    fn of(text: &'static str) -> Self {
        let mut ids = rustc_hash::FxHashMap::default();
        let mut entries = Vec::new();
        let mut open: Option<(&'static str, usize)> = None;
        let mut offset = 0;
        let mut close = |open: &mut Option<(&'static str, usize)>, end: usize| {
            if let Some((id, start)) = open.take() {
                ids.insert(id, entries.len());
                entries.push((text[start..end].trim_end(), OnceLock::new()));
            }
        };
        for line in text.split_inclusive('\n') {
            let continues = !line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '#' || c == '-');
            if !continues {
                close(&mut open, offset);
                if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    let id = line.split(|c: char| c == '=' || c.is_whitespace()).next().unwrap_or_default();
                    open = Some((id, offset));
                }
            }
            offset += line.len();
        }
        close(&mut open, offset);
        Self { ids, entries }
    }

    /// The bundle that formats `id`, if this file holds it: its own, parsed now if not yet.
    fn bundle(&self, language: Language, id: &str) -> Option<&FluentBundle<FluentResource>> {
        let (lines, cell) = &self.entries[*self.ids.get(id)?];
        let own = cell.get_or_init(|| {
            let mut target = bundle(language);
            if let Ok(resource) = parse(lines) {
                let _ = target.add_resource(resource);
            }
            target
        });
        own.has_message(id).then_some(own)
    }
}

impl Catalog {
    /// The bundle that formats `id` (the whole one when there are overrides), if any does.
    fn find(&self, language: Language, overrides: Option<&str>, id: &str) -> Option<&FluentBundle<FluentResource>> {
        if let Some(text) = overrides {
            let bundle = self.whole.get_or_init(|| {
                let mut bundle = embedded(language);
                if let Ok(resource) = parse(text) {
                    bundle.add_resource_overriding(resource);
                }
                bundle
            });
            return bundle.has_message(id).then_some(bundle);
        }
        self.files.iter().zip(FILES).find_map(|(cell, name)| {
            let index = cell.get_or_init(|| FileIndex::of(embedded_text(language, name)));
            index.bundle(language, id)
        })
    }
}

/// The text of the embedded file `name` of `language` (empty if there is none).
fn embedded_text(language: Language, name: &str) -> &'static str {
    EMBEDDED.iter().find(|(l, n, _)| *l == language && *n == name).map_or("", |(.., text)| text)
}

/// The messages of both languages, each parsed when a text in it is first made (a command speaks one
/// language; English is also the fallback of a Czech message missing, which the tests keep from
/// happening).
#[derive(Default)]
struct Catalogs {
    english: Catalog,
    czech: Catalog,
    /// The user's override files (`messages.en.ftl`, `messages.cs.ftl`), checked when loaded.
    overrides: [Option<String>; 2],
}

impl Catalogs {
    /// The bundle of `language` that holds `id`, if any does.
    fn find(&self, language: Language, id: &str) -> Option<&FluentBundle<FluentResource>> {
        let (catalog, overrides) = match language {
            Language::English => (&self.english, &self.overrides[0]),
            Language::Czech => (&self.czech, &self.overrides[1]),
        };
        catalog.find(language, overrides.as_deref(), id)
    }
}

static CATALOGS: OnceLock<Catalogs> = OnceLock::new();
/// The process's language: 0 English, 1 Czech.
static PROCESS: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THREAD: Cell<Option<Language>> = const { Cell::new(None) };
}

/// Sets the language of the whole process (the CLI and the TUI call it once at start).
pub fn set_language(language: Language) {
    PROCESS.store(matches!(language, Language::Czech) as u8, Ordering::Relaxed);
}

/// The language text comes out in on this thread now.
pub fn language() -> Language {
    THREAD.with(Cell::get).unwrap_or(match PROCESS.load(Ordering::Relaxed) {
        1 => Language::Czech,
        _ => Language::English,
    })
}

/// This thread speaks `language` until the guard is dropped (then what it spoke before).
pub struct Scoped {
    before: Option<Language>,
}

impl Scoped {
    pub fn new(language: Language) -> Self {
        Self { before: THREAD.with(|c| c.replace(Some(language))) }
    }
}

impl Drop for Scoped {
    fn drop(&mut self) {
        THREAD.with(|c| c.set(self.before));
    }
}

/// Loads the embedded messages and the user's overrides from `config_dir` (`messages.cs.ftl`,
/// `messages.en.ftl`, each optional). Call once at start, before any text is made; later calls keep
/// the first result.
///
/// # Errors
/// A user file that cannot be read or parsed: `(path, what is wrong with line number)`.
pub fn load(config_dir: Option<&Path>) -> Result<(), crate::config::ConfigError> {
    if CATALOGS.get().is_some() {
        return Ok(());
    }
    let mut catalogs = Catalogs::default();
    if let Some(dir) = config_dir {
        for (language, slot) in [Language::English, Language::Czech].into_iter().zip(&mut catalogs.overrides) {
            let path = dir.join(format!("messages.{}.ftl", language.code()));
            if !path.exists() {
                continue;
            }
            let file = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| crate::config::ConfigError {
                file: file.clone(),
                message: format!("cannot read it: {e}"),
            })?;
            parse(&text).map_err(|message| crate::config::ConfigError { file, message })?;
            *slot = Some(text);
        }
    }
    let _ = CATALOGS.set(catalogs);
    Ok(())
}

fn catalogs() -> &'static Catalogs {
    CATALOGS.get_or_init(Catalogs::default)
}

/// The embedded messages of `language`, every file in one bundle.
fn embedded(language: Language) -> FluentBundle<FluentResource> {
    let mut target = bundle(language);
    for (_, name, text) in EMBEDDED.iter().filter(|(l, ..)| *l == language) {
        add_embedded(&mut target, language, name, text);
    }
    target
}

/// The embedded file `name` of `language` alone, in a bundle of its own (what the tests compare each
/// message parsed alone with).
#[cfg(test)]
fn embedded_file(language: Language, name: &str) -> FluentBundle<FluentResource> {
    let mut target = bundle(language);
    for (_, name, text) in EMBEDDED.iter().filter(|(l, n, _)| *l == language && *n == name) {
        add_embedded(&mut target, language, name, text);
    }
    target
}

fn add_embedded(target: &mut FluentBundle<FluentResource>, language: Language, name: &str, text: &str) {
    let resource = parse(text).unwrap_or_else(|e| panic!("embedded {}/{name}: {e}", language.code()));
    if let Err(errors) = target.add_resource(resource) {
        panic!("embedded {}/{name}: {errors:?}", language.code());
    }
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = language.code().parse().expect("cs and en are language ids");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeables: they have no width in a terminal but count as
    // characters, and a terminal shows no right-to-left text here.
    bundle.set_use_isolating(false);
    bundle
}

/// Parses one `.ftl` text; the error names the first bad line.
fn parse(text: &str) -> Result<FluentResource, String> {
    FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        let first = &errors[0];
        let line = text[..first.pos.start.min(text.len())].matches('\n').count() + 1;
        format!("line {line}: {} (Fluent syntax: `id = text`, see https://projectfluent.org)", first.kind)
    })
}

/// The message `id` in this thread's language, its placeholders filled from `args`.
/// Missing in Czech: the English text; missing in both: `id` itself.
pub fn text_with(id: &str, args: Option<&FluentArgs>) -> String {
    let catalogs = catalogs();
    let language = language();
    let fallback = (language != Language::English).then_some(Language::English);
    for bundle in std::iter::once(language).chain(fallback).filter_map(|l| catalogs.find(l, id)) {
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
            said::record(id, args, &text);
            return text;
        }
    }
    id.to_string()
}

/// The message `id` in this thread's language, or `None` when the id is not one of ours or `args`
/// leave a placeholder unfilled (for messages that came from elsewhere, see [`Said`]).
fn checked_text(id: &str, args: &FluentArgs) -> Option<String> {
    let catalogs = catalogs();
    let bundle = [language(), Language::English].into_iter().find_map(|l| catalogs.find(l, id))?;
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
    errors.is_empty().then_some(text)
}

/// The order names (customers, technicians) are listed in for this thread's reader: Czech collation
/// in Czech (`Ch` after `H`, `Č` after `C`), the folded name in English.
pub fn name_order() -> crate::domain::collation::NameOrder {
    match language() {
        Language::Czech => crate::domain::collation::NameOrder::Czech,
        Language::English => crate::domain::collation::NameOrder::Folded,
    }
}

/// The message `id` with no placeholders, in this thread's language.
pub fn text(id: &str) -> String {
    text_with(id, None)
}

/// Whether `id` exists in the embedded messages of `language` (for tests and checks).
pub fn has_message(language: Language, id: &str) -> bool {
    catalogs().find(language, id).is_some()
}

/// A message in this thread's language: `t!("month-3")` or `t!("tickets-count", count = 2)`; values are
/// strings or integers (integers choose the plural form: `{ $count -> [one] … *[other] … }`).
#[macro_export]
macro_rules! t {
    ($id:expr $(,)?) => {
        $crate::i18n::text($id)
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::FluentValue::from($value)); )+
        $crate::i18n::text_with($id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every embedded message, parsed from its own lines, is the message its whole file holds: the
    /// same ids, and the same text for its value and each attribute (placeholders unfilled, and
    /// filled with a number and a word).
    #[test]
    fn a_message_alone_reads_as_in_its_whole_file() {
        let mut checked = 0;
        for (language, name, text) in EMBEDDED {
            let whole = embedded_file(*language, name);
            let resource = parse(text).unwrap();
            let mut whole_ids: Vec<&str> = resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
                    _ => None,
                })
                .collect();
            let index = FileIndex::of(text);
            let mut ids: Vec<&str> = index.ids.keys().copied().collect();
            whole_ids.sort_unstable();
            ids.sort_unstable();
            assert_eq!(ids, whole_ids, "{}/{name}", language.code());
            let mut args = FluentArgs::new();
            for key in ["count", "minutes", "name", "ticket", "n", "hours", "path", "error", "customer"] {
                args.set(key, FluentValue::from(if key.len() % 2 == 0 { "Nováková" } else { "3" }));
            }
            args.set("count", FluentValue::from(3));
            for id in ids {
                let (lines, cell) = &index.entries[index.ids[id]];
                let mut own = bundle(*language);
                own.add_resource(parse(lines).unwrap_or_else(|e| panic!("{id}: {e}"))).unwrap();
                let (a, b) = (own.get_message(id).unwrap(), whole.get_message(id).unwrap());
                let format = |bundle: &FluentBundle<FluentResource>, p, args| {
                    bundle.format_pattern(p, args, &mut Vec::new()).into_owned()
                };
                for with in [None, Some(&args)] {
                    match (a.value(), b.value()) {
                        (Some(x), Some(y)) => assert_eq!(format(&own, x, with), format(&whole, y, with), "{id}"),
                        (x, y) => assert_eq!(x.is_some(), y.is_some(), "{id}"),
                    }
                    let attributes: Vec<_> = a.attributes().map(|x| (x.id(), format(&own, x.value(), with))).collect();
                    let theirs: Vec<_> = b.attributes().map(|x| (x.id(), format(&whole, x.value(), with))).collect();
                    assert_eq!(attributes, theirs, "{id}");
                }
                assert!(cell.get().is_none());
                assert!(std::ptr::eq(index.bundle(*language, id).unwrap(), cell.get().unwrap()), "{id}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "only {checked} messages checked");
    }

    #[test]
    fn czech_plurals_follow_cldr() {
        let _cs = Scoped::new(Language::Czech);
        // Czech, unlike Polish, says "22 tiketů": few is 2–4 only.
        let forms: Vec<String> = [1, 2, 4, 5, 0, 22, 25].iter().map(|&n| t!("tickets-count", count = n)).collect();
        assert_eq!(forms, ["1 tiket", "2 tikety", "4 tikety", "5 tiketů", "0 tiketů", "22 tiketů", "25 tiketů"]);
        let minutes: Vec<String> = [1, 3, 7].iter().map(|&n| t!("minutes-count", count = n)).collect();
        assert_eq!(minutes, ["1 minuta", "3 minuty", "7 minut"]);
    }

    #[test]
    fn english_and_the_fallbacks() {
        let _en = Scoped::new(Language::English);
        assert_eq!(t!("tickets-count", count = 1), "1 ticket");
        assert_eq!(t!("tickets-count", count = 2), "2 tickets");
        assert_eq!(t!("no-such-message"), "no-such-message");
    }

    #[test]
    fn a_scope_ends_where_it_was_opened() {
        let before = language();
        {
            let _cs = Scoped::new(Language::Czech);
            assert_eq!(language(), Language::Czech);
            {
                let _en = Scoped::new(Language::English);
                assert_eq!(language(), Language::English);
            }
            assert_eq!(language(), Language::Czech);
        }
        assert_eq!(language(), before);
    }

    #[test]
    fn a_bad_user_file_names_its_line() {
        let e = parse("ok = fine\nbroken line without equals\n").err().unwrap();
        assert!(e.starts_with("line 2:"), "{e}");
    }
}
