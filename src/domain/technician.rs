//! What a typed technician name means, one rule for every entry path (the interface's assignee
//! fields, the command line's `--assignee` and `--by`): a known technician by the start of the name,
//! ignoring case and diacritics (`lucie` and `cerna` are `Lucie Černá`); an exact name wins; a start
//! that fits several names is refused listing them; a new name only on purpose, with a leading `+`
//! (`+Zdeněk Malý`). Pure: the known names are passed in (`Store::technicians` plus who is acting).

use crate::t;

/// How many candidates a refusal lists before `…`.
const SHOWN: usize = 6;

/// The technician `typed` means among `known` (who is acting, `me`, always counts as known).
/// `Ok(None)`: `typed` is empty or blank (nobody). `Ok(Some(name))`: a known name, or the new name
/// after a leading `+` (cleaned as names are: see [`super::text::clean_name`]). `Err`: the reader's
/// message — nobody of that name (listing the known ones and how to add it), several fit (listing
/// them), or `+` alone.
pub fn pick_technician(typed: &str, mut known: Vec<String>, me: &str) -> Result<Option<String>, String> {
    let typed = super::text::clean_name(typed);
    if typed.is_empty() {
        return Ok(None);
    }
    if let Some(new) = typed.strip_prefix('+') {
        let new = super::text::clean_name(new);
        if new.is_empty() {
            return Err(t!("assignee-new-empty"));
        }
        // A name that reads the same as a known one is that person, not a second spelling of them
        // (README "Names that read the same are the same"; bb8 #1: `+jana` beside `Jana`).
        let key = super::text::fold(&new);
        let same = known
            .iter()
            .map(String::as_str)
            .chain([me])
            .find(|k| super::text::fold(&super::text::clean_name(k)) == key);
        return Ok(Some(same.map_or(new, str::to_string)));
    }
    if !known.iter().any(|k| k == me) {
        known.push(me.to_string());
    }
    match pick_name(&typed, &known) {
        Ok(name) => Ok(Some(name)),
        Err(matches) if matches.is_empty() => {
            Err(t!("assignee-not-known", name = typed.as_str(), known = shown(&known)))
        }
        Err(matches) => Err(t!("assignee-ambiguous", name = typed.as_str(), matches = shown(&matches))),
    }
}

fn shown(names: &[String]) -> String {
    let mut shown: Vec<&str> = names.iter().take(SHOWN).map(String::as_str).collect();
    if names.len() > SHOWN {
        shown.push("…");
    }
    shown.join(", ")
}

/// The one name of `known` that `typed` means, ignoring case and diacritics: an exact match wins,
/// else the one name that starts with it, else the one name with a word that starts with it.
/// `Err`: the candidates (empty: none).
pub fn pick_name(typed: &str, known: &[String]) -> Result<String, Vec<String>> {
    use super::text::fold;
    let typed = super::text::clean_name(typed);
    let key = fold(&typed);
    if let Some(exact) = known.iter().find(|k| **k == typed) {
        return Ok(exact.clone());
    }
    let folded: Vec<(String, &String)> = known.iter().map(|k| (fold(&super::text::clean_name(k)), k)).collect();
    let exact: Vec<&String> = folded.iter().filter(|(f, _)| *f == key).map(|(_, k)| *k).collect();
    if let [one] = exact.as_slice() {
        return Ok((*one).clone());
    }
    let starts: Vec<String> = folded.iter().filter(|(f, _)| f.starts_with(&key)).map(|(_, k)| (*k).clone()).collect();
    let found = if starts.is_empty() {
        folded
            .iter()
            .filter(|(f, _)| f.split_whitespace().any(|w| w.starts_with(&key)))
            .map(|(_, k)| (*k).clone())
            .collect()
    } else {
        starts
    };
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(found),
    }
}

#[cfg(test)]
mod tests {
    use super::{pick_name, pick_technician};

    fn known() -> Vec<String> {
        ["Lucie Černá", "Luboš Novák", "Jan", "Jana Malá"].map(String::from).to_vec()
    }

    #[test]
    fn a_name_is_picked_by_its_start_without_case_or_diacritics_and_an_exact_match_wins() {
        let known = known();
        assert_eq!(pick_name("lucie", &known), Ok("Lucie Černá".to_string()));
        assert_eq!(pick_name("cerna", &known), Ok("Lucie Černá".to_string()));
        assert_eq!(pick_name("Jan", &known), Ok("Jan".to_string()), "exact beats the prefix of Jana");
        assert_eq!(pick_name("lu", &known), Err(vec!["Lucie Černá".to_string(), "Luboš Novák".to_string()]));
        assert_eq!(pick_name("petr", &known), Err(vec![]));
    }

    #[test]
    fn a_new_name_needs_a_plus_and_blank_is_nobody() {
        assert_eq!(pick_technician("  ", known(), "Jan"), Ok(None));
        assert_eq!(pick_technician("+Zdeněk Malý", known(), "Jan"), Ok(Some("Zdeněk Malý".to_string())));
        assert_eq!(pick_technician("lucie černá", known(), "Jan"), Ok(Some("Lucie Černá".to_string())));
        assert_eq!(pick_technician("zde", known(), "Zdeněk"), Ok(Some("Zdeněk".to_string())), "me is known");
        assert!(pick_technician("petr", known(), "Jan").is_err());
        assert!(pick_technician("lu", known(), "Jan").is_err());
        assert!(pick_technician("+ ", known(), "Jan").is_err());
    }
}
