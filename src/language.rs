//! Which language a person reads: the rule of issue 18, in one place for the i18n work to reuse.
//!
//! `--lang cs|en`, else `language = "cs" | "en"` in `config.toml`, else the first non-empty of
//! `LC_ALL`, `LC_MESSAGES`, `LANG` (`cs` or `cs_*`, e.g. `cs_CZ.UTF-8` → Czech), else English. A
//! variable set to anything else (`C`, `POSIX`, `en_US.UTF-8`, `de_DE`) means English: the first
//! non-empty one decides, as the C library's rule does.
//! `helpdesk info` shows the result; `crate::i18n` speaks it.

/// The languages helpdesk speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Czech,
    English,
}

impl Language {
    /// The code as written in `--lang`, `config.toml` and `helpdesk info`: `cs` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Czech => "cs",
            Language::English => "en",
        }
    }

    /// `cs` / `en` as typed in `--lang` or `config.toml` (anything else: `None`).
    pub fn from_code(code: &str) -> Option<Self> {
        // Any case, as every enumerated value (bb4 #17: `--lang CS`).
        match code.trim().to_ascii_lowercase().as_str() {
            "cs" => Some(Language::Czech),
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

/// The language by the rule above: `flag` (`--lang`), `config` (`language` in `config.toml`), then the
/// locale variables as `var` reads them (`std::env::var` in the program, a map in tests).
pub fn detect(flag: Option<&str>, config: Option<&str>, var: impl Fn(&str) -> Option<String>) -> Language {
    if let Some(lang) = flag.and_then(Language::from_code).or_else(|| config.and_then(Language::from_code)) {
        return lang;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(|name| var(name).filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l == "cs" || l.starts_with("cs_") || l.starts_with("cs.") || l.starts_with("cs@") => Language::Czech,
        _ => Language::English,
    }
}

/// The language for this process: `--lang` (`flag`), the config's `language`, else the environment.
pub fn choose(flag: Option<&str>, config: Option<Language>) -> Language {
    detect(flag, config.map(Language::code), |name| std::env::var(name).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_first_non_empty_locale_variable_decides() {
        assert_eq!(detect(None, None, env(&[("LANG", "cs_CZ.UTF-8")])), Language::Czech);
        assert_eq!(detect(None, None, env(&[("LANG", "cs")])), Language::Czech);
        assert_eq!(detect(None, None, env(&[("LC_ALL", "C"), ("LANG", "cs_CZ.UTF-8")])), Language::English);
        assert_eq!(detect(None, None, env(&[("LC_ALL", ""), ("LC_MESSAGES", "cs_CZ")])), Language::Czech);
        assert_eq!(detect(None, None, env(&[("LC_MESSAGES", "en_US.UTF-8"), ("LANG", "cs_CZ")])), Language::English);
        assert_eq!(detect(None, None, env(&[("LANG", "csb_PL")])), Language::English, "Kashubian is not Czech");
        assert_eq!(detect(None, None, env(&[])), Language::English);
    }

    #[test]
    fn the_flag_then_the_config_win_over_the_locale() {
        let czech = env(&[("LANG", "cs_CZ.UTF-8")]);
        assert_eq!(detect(Some("en"), Some("cs"), &czech), Language::English);
        assert_eq!(detect(None, Some("en"), &czech), Language::English);
        assert_eq!(detect(Some("cs"), None, env(&[("LANG", "C")])), Language::Czech);
        assert_eq!(detect(Some("de"), None, &czech), Language::Czech, "an unknown code falls through");
    }
}
