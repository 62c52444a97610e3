//! Picking what a typed name means: the one customer, the one known technician.

use crate::app::App;
use crate::store::{Customer, Store};
use crate::t;

/// The one customer whose name is, or starts with, what was typed (or whose id: `id:1a2b3c4d`).
pub(super) fn find_customer(store: &Store, typed: &str) -> Result<Customer, String> {
    let mut found = store.customers_matching(typed, 8).map_err(|e| e.to_string())?;
    // An archived customer is not offered (unarchived with `helpdesk customer unarchive`).
    found.retain(|c| !c.archived);
    match found.len() {
        0 => Err(t!("customer-not-found", name = typed.trim())),
        1 => Ok(found.remove(0)),
        _ => {
            // Two customers that read the same (added on two copies): named with their ids, which the
            // field takes (`id:1a2b3c4d`); never one of them picked.
            let fold = |c: &Customer| crate::domain::text::fold(&c.name);
            if found.iter().skip(1).any(|c| fold(c) == fold(&found[0])) {
                return Err(store.several_customers(typed, &found, false));
            }
            let names: Vec<&str> = found.iter().take(3).map(|c| c.name.as_str()).collect();
            Err(t!("customer-ambiguous", name = typed.trim(), matches = names.join(", ")))
        }
    }
}

/// The technician an assignee field means: the rule of [`crate::domain::technician::pick_technician`]
/// over the file's known technicians and who is acting.
pub(super) fn pick_technician(app: &App, store: &Store, typed: &str) -> Result<Option<String>, String> {
    let known = store.technicians().map_err(|e| e.to_string())?;
    crate::domain::technician::pick_technician(typed, known, &app.me)
}
