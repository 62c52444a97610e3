//! `helpdesk team status`: what the server says and what this replica knows, as a table or JSON.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::cli::args::ListFormat;
use crate::cli::{CliError, CliResult, Context};
use crate::store::Store;
use crate::t;
use crate::team::{self, TeamError};

/// `team status` as JSON (the README documents every field).
#[derive(serde::Serialize)]
struct StatusJson {
    server: String,
    reachable: bool,
    error: Option<String>,
    schema_version: Option<i32>,
    technician: String,
    desk: String,
    lag: Option<i64>,
    unshared: i64,
    last_contact: Option<String>,
    offline_since: Option<String>,
    desks: Option<Vec<DeskJson>>,
    snapshot: Option<SnapshotJson>,
}

/// The newest snapshot the server keeps.
#[derive(serde::Serialize)]
struct SnapshotJson {
    made_at: String,
    made_by: String,
    operations: i64,
    behind: i64,
    size: i64,
    compressed: i64,
}

#[derive(serde::Serialize)]
struct DeskJson {
    desk: String,
    technician: String,
    role: String,
    this_desk: bool,
    joined_at: String,
    last_contact: Option<String>,
}

/// `team status`: what the server says and what this replica knows; exit 1 (after printing) when the
/// server does not answer or is not this replica's.
pub(super) fn status(ctx: &Context, format: ListFormat, timeout: Duration) -> CliResult {
    let mut store = Store::open_existing(&ctx.db, &ctx.actor)?;
    let Some(binding) = store.team_binding()? else {
        return Err(CliError::input(t!("team-not-a-replica", path = crate::store::named(&ctx.db))));
    };
    let asked = team::status(&binding, &store.vector()?, timeout);
    if let Err(TeamError::Unreachable(_)) = &asked {
        store.record_team_unreachable(ctx.now)?;
    }
    let contact = store.team_contact()?;
    let at = |t: DateTime<Utc>| crate::cli::calendar::format_instant(&ctx.settings.calendar, t);
    let error = match &asked {
        Ok(s) if s.schema_version != Some(team::server::SCHEMA_VERSION) => Some(t!(
            "team-status-schema",
            version = s.schema_version.map_or(t!("team-status-none"), |v| v.to_string()),
            known = team::server::SCHEMA_VERSION
        )),
        Ok(s) if !s.same_server => Some(t!("team-status-another-server")),
        Ok(_) => None,
        Err(e) => Some(e.to_string()),
    };
    let ok = asked.as_ref().ok();
    let device = store.device().to_string();
    let report = StatusJson {
        server: binding.url.clone(),
        reachable: !matches!(asked, Err(TeamError::Unreachable(_))),
        error: error.clone(),
        schema_version: ok.and_then(|s| s.schema_version),
        technician: binding.technician.clone(),
        desk: store.device_tag()?,
        lag: ok.and_then(|s| s.lag),
        unshared: store.unshared_count()?,
        last_contact: contact.last_contact.map(at),
        offline_since: contact.offline_since.map(at),
        desks: ok.filter(|s| s.same_server).map(|s| {
            s.desks
                .iter()
                .map(|d| DeskJson {
                    desk: d.tag.clone(),
                    technician: d.technician.clone(),
                    role: d.role.clone(),
                    this_desk: d.device == device,
                    joined_at: at(whole_seconds(d.joined_at)),
                    last_contact: d.last_contact.map(|t| at(whole_seconds(t))),
                })
                .collect()
        }),
        snapshot: ok.and_then(|s| s.snapshot.as_ref()).map(|n| SnapshotJson {
            made_at: at(whole_seconds(n.made_at)),
            made_by: n.made_by.clone(),
            operations: n.ops,
            behind: n.behind,
            size: n.size,
            compressed: n.compressed,
        }),
    };
    if format == ListFormat::Json {
        crate::cli::print_json(&report)?;
    } else {
        let or = |v: Option<String>, none: &str| v.unwrap_or_else(|| none.to_string());
        let (unknown, never) = (t!("team-status-unknown"), t!("team-status-never"));
        let reach = if report.reachable { t!("team-status-reachable") } else { t!("team-status-not-reachable") };
        outln!("{}", t!("team-status-server", server = report.server.as_str(), reach = reach));
        outln!(
            "{}",
            t!("team-status-schema-line", version = or(report.schema_version.map(|v| v.to_string()), &unknown))
        );
        let who = if report.technician.is_empty() { t!("team-status-viewer") } else { report.technician.clone() };
        let desk = if report.desk.is_empty() { "-".to_string() } else { report.desk.clone() };
        outln!("{}", t!("team-status-desk", desk = desk, who = who));
        let lag = report.lag.map_or(unknown.clone(), |n| t!("team-status-operations", count = n));
        outln!("{}", t!("team-status-lag", lag = lag));
        outln!("{}", t!("team-status-unshared", count = report.unshared));
        outln!("{}", t!("team-status-last-contact", at = or(report.last_contact.clone(), &never)));
        if let Some(since) = &report.offline_since {
            outln!("{}", t!("team-status-offline-since", at = since.as_str()));
        }
        if let Some(n) = &report.snapshot {
            let (at, behind) = (n.made_at.as_str(), n.behind);
            outln!(
                "{}",
                t!("team-status-snapshot", at = at, behind = behind, size = n.size, compressed = n.compressed)
            );
        }
        if let Some(desks) = &report.desks {
            let heads = [
                t!("team-col-desk"),
                t!("team-col-technician"),
                t!("team-col-role"),
                t!("team-col-joined"),
                t!("team-col-last-contact"),
            ];
            let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
            let mut t = crate::cli::table::Table::new(&heads);
            for d in desks {
                t.row(vec![
                    if d.this_desk { t!("team-status-this-desk", desk = d.desk.as_str()) } else { d.desk.clone() },
                    d.technician.clone(),
                    d.role.clone(),
                    d.joined_at.clone(),
                    or(d.last_contact.clone(), &never),
                ]);
            }
            outln!("");
            outln!("{}", t.render().trim_end());
        }
    }
    match error {
        Some(e) => Err(CliError::Failure(e)),
        None => Ok(()),
    }
}

/// A server's instant to the second, as every other instant helpdesk prints.
fn whole_seconds(t: std::time::SystemTime) -> DateTime<Utc> {
    use chrono::SubsecRound;
    DateTime::<Utc>::from(t).trunc_subsecs(0)
}
