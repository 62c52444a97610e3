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

/// The messages of one language: without the user's overrides, each embedded file is its own bundle,
/// parsed the first time a message is looked for in it (no message refers to another, so a file
/// alone formats its messages as the whole set does); a short command parses the two files it reads
/// from, not all five (parsing them all was a fifth of a `customer list` on a small file). With an
/// override file, one bundle of every file with the overrides on top, as before.
#[derive(Default)]
struct Catalog {
    files: [OnceLock<FluentBundle<FluentResource>>; 5],
    whole: OnceLock<FluentBundle<FluentResource>>,
}

impl Catalog {
    /// The bundle that holds `id` (the whole one when there are overrides), if any does.
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
        self.files
            .iter()
            .zip(FILES)
            .map(|(cell, name)| cell.get_or_init(|| embedded_file(language, name)))
            .find(|b| b.has_message(id))
    }
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

/// The embedded file `name` of `language` alone, in a bundle of its own.
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
