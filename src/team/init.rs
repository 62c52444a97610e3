//! Setting a team's server up: `team init` (schema, moving a file's log in) and adding its people.

use std::time::Duration;

use chrono::Utc;
use postgres::Client;

use super::conninfo::Target;
use super::desk::rows_of;
use super::{Result, TeamError, check_schema, server, server_error};
use crate::domain::text::clean;
use crate::progress::{Progress, Unit};
use crate::store::{Change, OpRecord, Store};

/// What `team init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Initialised {
    /// The schema was there at this version already.
    AlreadyThere,
    Created {
        moved: usize,
        highest_number: i64,
    },
}

/// `team init URL [--from TEAM_DB]`: creates or upgrades the server's schema; with `from`, moves that
/// file's whole log in (refused when the server holds tickets already).
pub fn init(url: &str, from: Option<&Store>, timeout: Duration, progress: &Progress) -> Result<Initialised> {
    let target = Target::parse(url)?;
    let mut client = target.connect(timeout)?;
    let at = target.shown().to_string();
    let version = server::schema_version(&mut client).map_err(server_error)?;
    if let Some(v) = version
        && v > server::SCHEMA_VERSION
    {
        check_schema(&mut client, &at)?;
    }
    let team_id = match from {
        Some(store) => store.team_id()?,
        None => crate::store::new_id(Utc::now()),
    };
    let current = version.unwrap_or(0);
    if current < server::SCHEMA_VERSION {
        server::migrate(&mut client, current, &team_id).map_err(server_error)?;
    }
    let Some(store) = from else {
        return Ok(if current == server::SCHEMA_VERSION {
            Initialised::AlreadyThere
        } else {
            Initialised::Created { moved: 0, highest_number: 0 }
        });
    };
    let (server_team, _) = server::team(&mut client).map_err(server_error)?;
    if server::holds_tickets(&mut client).map_err(server_error)? {
        return Err(TeamError::Failure(crate::t!("team-init-holds-tickets", at = at.as_str())));
    }
    progress.report(&crate::t!("team-progress-reading-file"), Unit::Count("steps"), 0, 1);
    if server_team != store.team_id()? && !server::desk_tags(&mut client).map_err(server_error)?.is_empty() {
        return Err(TeamError::Failure(crate::t!("team-init-desks-joined", at = at.as_str())));
    }
    let mut tx = client.transaction().map_err(server_error)?;
    if server_team != store.team_id()? {
        tx.execute("UPDATE helpdesk.team SET team_id = $1", &[&store.team_id()?]).map_err(server_error)?;
    }
    let vector = serde_json::to_string(&store.vector()?).unwrap_or_default();
    let batch = server::new_batch(&mut tx, store.device(), &vector).map_err(server_error)?;
    // The log is read as it is sent, 10 000 operations at a time (a big team's log does not fit in
    // memory: 1.6 GB at 1.7 million operations).
    let (devices, total) = store.log_devices()?;
    let devices: Vec<&str> = devices.iter().map(String::as_str).collect();
    let stage = crate::t!("team-progress-moving");
    let sent = |n: usize| progress.report(&stage, Unit::Count("operations"), n as u64, total);
    // (operations moved, the highest plain ticket number among them)
    let (mut moved, mut highest) = (0usize, 0i64);
    let note = |part: &[OpRecord], moved: &mut usize, highest: &mut i64| {
        for op in part {
            if let Change::TicketOpened { tag, seq, .. } = &op.change
                && tag.is_empty()
            {
                *highest = (*highest).max(*seq as i64);
            }
        }
        *moved += part.len();
    };
    if server::holds_ops_of(&mut tx, &devices).map_err(server_error)? {
        // Some of it is there already (a file without tickets moved before): each operation compared.
        let mut clash = None;
        store.each_op_chunk(10_000, |part| -> Result<()> {
            let rows = rows_of(part)?;
            if clash.is_none() {
                clash = server::insert_ops(&mut tx, batch, &rows, &|_| {}).map_err(server_error)?.into_iter().next();
            }
            note(part, &mut moved, &mut highest);
            sent(moved);
            Ok(())
        })?;
        if let Some(hlc) = clash {
            return Err(TeamError::Failure(crate::t!("team-init-clash", clock = clean(&hlc, false))));
        }
    } else {
        // Nothing of it is there: one COPY, the heads computed once after it.
        let mut log = server::BulkLog::start(&mut tx, batch).map_err(server_error)?;
        store.each_op_chunk(10_000, |part| -> Result<()> {
            for row in rows_of(part)? {
                log.write(&row).map_err(|e| {
                    TeamError::Unreachable(crate::t!("team-connection-broke", msg = clean(&e.to_string(), false)))
                })?;
            }
            note(part, &mut moved, &mut highest);
            sent(moved);
            Ok(())
        })?;
        log.finish().map_err(server_error)?;
        server::bulk_done(&mut tx, &devices).map_err(server_error)?;
    }
    if highest > 0 {
        server::numbers_past(&mut tx, highest).map_err(server_error)?;
    }
    tx.commit().map_err(server_error)?;
    Ok(Initialised::Created { moved, highest_number: highest })
}

/// `team add-technician URL ROLE NAME`.
pub fn add_technician(url: &str, role: &str, name: &str, timeout: Duration) -> Result<()> {
    let name = clean(name, false);
    if name.is_empty() {
        return Err(TeamError::Input(crate::t!("team-technician-needs-name")));
    }
    let (mut client, at) = admin_session(url, role, timeout)?;
    server::add_technician(&mut client, role, &name).map_err(|e| {
        if e.as_db_error().is_some_and(|d| d.code().code() == "23505") {
            TeamError::Input(crate::t!("team-technician-taken", at = at.as_str(), name = name.as_str()))
        } else {
            server_error(e)
        }
    })
}

/// `team add-viewer URL ROLE`.
pub fn add_viewer(url: &str, role: &str, timeout: Duration) -> Result<()> {
    let (mut client, _) = admin_session(url, role, timeout)?;
    server::add_viewer(&mut client, role).map_err(server_error)
}

fn admin_session(url: &str, role: &str, timeout: Duration) -> Result<(Client, String)> {
    let target = Target::parse(url)?;
    let mut client = target.connect(timeout)?;
    let at = target.shown().to_string();
    check_schema(&mut client, &at)?;
    if !server::role_exists(&mut client, role).map_err(server_error)? {
        return Err(TeamError::Failure(crate::t!("team-no-such-role", at = at.as_str(), role = clean(role, false))));
    }
    Ok((client, at))
}
