//! Picking what a typed name means: the one customer, the one known technician.

use crate::app::App;
use crate::store::{Customer, Store};
use crate::t;

/// The one customer whose name is, or starts with, what was typed.
pub(super) fn find_customer(store: &Store, typed: &str) -> Result<Customer, String> {
    let mut found = store.customers_matching(typed, 8).map_err(|e| e.to_string())?;
    // An archived customer is not offered (unarchived with `helpdesk customer unarchive`).
    found.retain(|c| !c.archived);
    match found.len() {
        0 => Err(t!("customer-not-found", name = typed.trim())),
        1 => Ok(found.remove(0)),
        _ => {
            let names: Vec<&str> = found.iter().take(3).map(|c| c.name.as_str()).collect();
            Err(t!("customer-ambiguous", name = typed.trim(), matches = names.join(", ")))
        }
    }
}

/// The technician an assignee field means: empty is nobody; `+Name` is a new name, on purpose;
/// otherwise a known technician (see [`pick_name`]), or an error that lists the candidates.
pub(super) fn pick_technician(app: &App, store: &Store, typed: &str) -> Result<Option<String>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    if let Some(new) = typed.strip_prefix('+') {
        let new = crate::domain::text::clean(new, false).trim().to_string();
        return if new.is_empty() { Err(t!("assignee-new-empty")) } else { Ok(Some(new)) };
    }
    let mut known = store.technicians().map_err(|e| e.to_string())?;
    if !known.contains(&app.me) {
        known.push(app.me.clone());
    }
    match pick_name(typed, &known) {
        Ok(name) => Ok(Some(name)),
        Err(matches) if matches.is_empty() => {
            let mut shown: Vec<&str> = known.iter().take(6).map(String::as_str).collect();
            if known.len() > 6 {
                shown.push("…");
            }
            Err(t!("assignee-not-known", name = typed, known = shown.join(", ")))
        }
        Err(matches) => {
            let mut shown: Vec<&str> = matches.iter().take(6).map(String::as_str).collect();
            if matches.len() > 6 {
                shown.push("…");
            }
            Err(t!("assignee-ambiguous", name = typed, matches = shown.join(", ")))
        }
    }
}

/// The one name of `known` that `typed` means, ignoring case and diacritics: an exact match wins,
/// else the one name that starts with it, else the one name with a word that starts with it.
/// `Err`: the candidates (empty: none).
pub fn pick_name(typed: &str, known: &[String]) -> Result<String, Vec<String>> {
    use crate::domain::text::fold;
    let key = fold(typed.trim());
    if let Some(exact) = known.iter().find(|k| k.as_str() == typed.trim()) {
        return Ok(exact.clone());
    }
    let folded: Vec<(String, &String)> = known.iter().map(|k| (fold(k), k)).collect();
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
    use super::pick_name;

    #[test]
    fn a_name_is_picked_by_its_start_without_case_or_diacritics_and_an_exact_match_wins() {
        let known: Vec<String> = ["Lucie Černá", "Luboš Novák", "Jan", "Jana Malá"].map(String::from).to_vec();
        assert_eq!(pick_name("lucie", &known), Ok("Lucie Černá".to_string()));
        assert_eq!(pick_name("cerna", &known), Ok("Lucie Černá".to_string()));
        assert_eq!(pick_name("Jan", &known), Ok("Jan".to_string()), "exact beats the prefix of Jana");
        assert_eq!(pick_name("lu", &known), Err(vec!["Lucie Černá".to_string(), "Luboš Novák".to_string()]));
        assert_eq!(pick_name("petr", &known), Err(vec![]));
    }
}
