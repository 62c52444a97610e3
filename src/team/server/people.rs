//! The team's people on the server: roles, the technicians they are, viewers, and the desks.

use postgres::{Client, GenericClient};

/// The role this session acts as.
pub fn current_role(client: &mut impl GenericClient) -> Result<String, postgres::Error> {
    Ok(client.query_one("SELECT current_user::text", &[])?.get(0))
}

pub fn role_exists(client: &mut impl GenericClient, role: &str) -> Result<bool, postgres::Error> {
    Ok(client.query_one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", &[&role])?.get(0))
}

/// The technician a role is mapped to.
pub fn technician_of(client: &mut impl GenericClient, role: &str) -> Result<Option<String>, postgres::Error> {
    Ok(client
        .query_opt("SELECT name FROM helpdesk.technicians WHERE role = $1::text::name", &[&role])?
        .map(|r| r.get(0)))
}

pub fn is_viewer(client: &mut impl GenericClient, role: &str) -> Result<bool, postgres::Error> {
    Ok(client.query_one("SELECT EXISTS (SELECT 1 FROM helpdesk.viewers WHERE role = $1::text::name)", &[&role])?.get(0))
}

/// Maps `role` to technician `name` and grants what a desk needs: read everything, add operations,
/// batches and desks (checked by the triggers), take ticket numbers.
pub fn add_technician(client: &mut Client, role: &str, name: &str) -> Result<(), postgres::Error> {
    let r = quote_ident(role);
    let mut tx = client.transaction()?;
    tx.execute(
        "INSERT INTO helpdesk.technicians (role, name) VALUES ($1::text::name, $2)
         ON CONFLICT (role) DO UPDATE SET name = excluded.name",
        &[&role, &name],
    )?;
    tx.execute("DELETE FROM helpdesk.viewers WHERE role = $1::text::name", &[&role])?;
    tx.batch_execute(&format!(
        "GRANT USAGE ON SCHEMA helpdesk TO {r};
         GRANT SELECT ON ALL TABLES IN SCHEMA helpdesk TO {r};
         GRANT INSERT ON helpdesk.ops, helpdesk.batches, helpdesk.desks TO {r};
         GRANT USAGE ON SEQUENCE helpdesk.ticket_numbers, helpdesk.batches_id_seq TO {r};"
    ))?;
    tx.commit()
}

/// A role that may read the team's data and nothing else.
pub fn add_viewer(client: &mut Client, role: &str) -> Result<(), postgres::Error> {
    let r = quote_ident(role);
    let mut tx = client.transaction()?;
    tx.execute("DELETE FROM helpdesk.technicians WHERE role = $1::text::name", &[&role])?;
    tx.execute("INSERT INTO helpdesk.viewers (role) VALUES ($1::text::name) ON CONFLICT DO NOTHING", &[&role])?;
    tx.batch_execute(&format!(
        "REVOKE ALL ON ALL TABLES IN SCHEMA helpdesk FROM {r};
         REVOKE ALL ON ALL SEQUENCES IN SCHEMA helpdesk FROM {r};
         GRANT USAGE ON SCHEMA helpdesk TO {r};
         GRANT SELECT ON ALL TABLES IN SCHEMA helpdesk TO {r};"
    ))?;
    tx.commit()
}

/// Reserves `tag` for the desk `device` of this session's role: false when another desk has it.
pub fn claim_desk(client: &mut impl GenericClient, device: &str, tag: &str) -> Result<bool, postgres::Error> {
    let n = client.execute(
        "INSERT INTO helpdesk.desks (device, tag) VALUES ($1, $2) ON CONFLICT (tag) DO NOTHING",
        &[&device, &tag],
    )?;
    Ok(n == 1)
}

/// Every tag a desk holds (so a new desk picks another).
pub fn desk_tags(client: &mut impl GenericClient) -> Result<Vec<String>, postgres::Error> {
    Ok(client.query("SELECT tag FROM helpdesk.desks", &[])?.iter().map(|r| r.get(0)).collect())
}

/// One desk of the team as the server knows it.
#[derive(Debug, Clone)]
pub struct DeskRow {
    pub device: String,
    pub tag: String,
    pub role: String,
    /// The technician the role is mapped to now (empty when it no longer is).
    pub technician: String,
    pub joined_at: std::time::SystemTime,
    pub last_contact: Option<std::time::SystemTime>,
}

/// Every desk, by tag.
pub fn desks(client: &mut impl GenericClient) -> Result<Vec<DeskRow>, postgres::Error> {
    let rows = client.query(
        "SELECT d.device, d.tag, d.role::text, coalesce(t.name, ''), d.joined_at, d.last_contact
         FROM helpdesk.desks d LEFT JOIN helpdesk.technicians t ON t.role = d.role ORDER BY d.tag",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| DeskRow {
            device: r.get(0),
            tag: r.get(1),
            role: r.get(2),
            technician: r.get(3),
            joined_at: r.get(4),
            last_contact: r.get(5),
        })
        .collect())
}

/// A role name as an SQL identifier.
pub(super) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
