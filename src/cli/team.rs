//! `helpdesk team …` (see `crate::team`), and what every other command does on a team replica.
//!
//! **Catching up without a command.** A command on a replica tries the server when it opens the file
//! (connecting waits at most `HELPDESK_TEAM_TIMEOUT_MS`, default 2 s, for the whole start-up exchange;
//! each later exchange at most 5 × that): it pulls the other desks' work, takes the team's plain
//! ticket numbers while connected, and pushes everything this desk has not shared yet — also what
//! earlier commands did offline — before it exits. Writes always try. Reads try too, except within
//! [`RETRY_AFTER`] of a failed attempt (the replica remembers when it last tried), so a desk whose
//! server is down answers reads at once instead of waiting for the timeout every time.
//!
//! **Offline.** A server that does not answer leaves the command working on the replica alone: it exits
//! as it would have, with one note on stderr, `offline since 10:32 · 5 unshared` (the local time of the
//! configured zone; the date too when it was another day). A server that answers but refuses (another
//! schema version, another team) is one note saying why. `team` commands that need the server exit 1.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::args::{ListFormat, TeamCmd};
use super::{CliError, CliResult, Context};
use crate::domain::text::clean;
use crate::store::Store;
use crate::team::{self, Desk, Initialised, TeamError, offline_note};

/// After a failed attempt, reads on the replica do not try the server again for this long.
pub const RETRY_AFTER: Duration = Duration::from_secs(30);

/// What a command does with the store it opens, which decides whether it tries the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// A command that writes: it always tries the server.
    Write,
    /// A command that only reads: it tries unless a try failed within [`RETRY_AFTER`].
    Read,
    /// The interface: its background connection (`team::live`) catches up; nothing waits here.
    Interface,
}

/// The team connection of one command.
#[derive(Default)]
pub struct Session {
    /// A `team` command: it connects and reports on its own.
    manual: bool,
    /// Catching up was tried (once per command).
    tried: bool,
    desk: Option<Desk>,
    /// The server did not answer (or stopped): since when the replica is offline.
    offline: Option<DateTime<Utc>>,
}

impl From<TeamError> for CliError {
    fn from(e: TeamError) -> Self {
        match e {
            TeamError::Input(m) => CliError::Input(m),
            TeamError::Failure(m) | TeamError::Unreachable(m) => CliError::Failure(m),
            TeamError::Store(e) => e.into(),
        }
    }
}

/// On a replica: the desk's technician acts (`--as` someone else is refused); the other desks' changes
/// are pulled when the server answers.
pub fn catch_up(ctx: &Context, store: &mut Store, use_: Use) -> CliResult {
    let mut session = ctx.team.borrow_mut();
    if session.manual {
        return Ok(());
    }
    let Some(binding) = store.team_binding()? else { return Ok(()) };
    if !binding.technician.is_empty() {
        if let Some(flag) = &ctx.actor_flag
            && clean(flag, false) != binding.technician
        {
            return Err(CliError::Input(format!(
                "this replica is {}'s desk: `--as {}` is refused (each technician writes from their own desk; nothing was written)",
                binding.technician,
                clean(flag, false)
            )));
        }
        store.set_actor(&binding.technician);
    }
    // A viewer's replica reads only (once it caught up: pulling writes the replica).
    let viewer = binding.technician.is_empty();
    let out = if use_ == Use::Interface { Ok(()) } else { pull_once(ctx, store, &binding, &mut session, use_) };
    if viewer {
        store.make_read_only();
    }
    out
}

fn pull_once(
    ctx: &Context,
    store: &mut Store,
    binding: &crate::store::Binding,
    session: &mut Session,
    use_: Use,
) -> CliResult {
    if session.tried {
        if let Some(desk) = session.desk.as_mut() {
            let _ = desk.pull(store, &ctx.settings, ctx.now);
        }
        return Ok(());
    }
    session.tried = true;
    let timeout = crate::environment::team_timeout().map_err(|e| CliError::Input(e.to_string()))?;
    let contact = store.team_contact()?;
    let recently_failed =
        contact.last_try.is_some_and(|t| ctx.now >= t && (ctx.now - t).to_std().is_ok_and(|d| d < RETRY_AFTER));
    if use_ == Use::Read && contact.offline_since.is_some() && recently_failed {
        tracing::info!("team server not tried (it failed moments ago)");
        session.offline = contact.offline_since;
        return Ok(());
    }
    let connected = Desk::connect(binding, timeout).and_then(|mut desk| {
        desk.pull(store, &ctx.settings, ctx.now)?;
        Ok(desk)
    });
    match connected {
        Ok(desk) => {
            tracing::info!("caught up with the team server");
            if !binding.technician.is_empty() {
                store.set_ticket_numbers(Some(team::ticket_numbers(binding, timeout, None)));
            }
            session.desk = Some(desk);
        }
        Err(TeamError::Unreachable(e)) => {
            tracing::warn!("team server unreachable");
            tracing::debug!(reason = %e, "team server unreachable");
            session.offline = store.record_team_unreachable(ctx.now)?.offline_since;
        }
        Err(e) => {
            tracing::warn!("team server refused");
            note!(
                "helpdesk: working on this replica alone: {e}; its changes reach the team with a later command or `helpdesk team sync`"
            );
        }
    }
    Ok(())
}

/// After a command on a replica: what it wrote — and whatever earlier commands did offline — goes to
/// the server (a failure is a note; the next command that reaches the server pushes it). An offline
/// replica says so here, once, with the count after the command's own changes.
pub fn push_after(ctx: &Context) -> CliResult {
    let mut session = ctx.team.borrow_mut();
    if ctx.read_only || !ctx.db.exists() {
        return Ok(());
    }
    if let Some(desk) = session.desk.as_mut() {
        let mut store = Store::open_existing(&ctx.db, &desk.binding().technician)?;
        match desk.push(&mut store, ctx.now) {
            Ok(_) => {}
            Err(TeamError::Unreachable(_)) => {
                session.offline = store.record_team_unreachable(ctx.now)?.offline_since;
                session.desk = None;
            }
            Err(e) => note!("helpdesk: this desk's changes were kept here but not sent to the team: {e}"),
        }
    }
    if let Some(since) = session.offline {
        let store = Store::open_existing(&ctx.db, &ctx.actor)?;
        let zone = ctx.settings.calendar.time_zone();
        note!("{}", offline_note(since, ctx.now, zone, store.unshared_count()?));
    }
    Ok(())
}

pub fn run(ctx: &Context, cmd: TeamCmd) -> CliResult {
    ctx.team.borrow_mut().manual = true;
    let timeout = crate::environment::team_timeout().map_err(|e| CliError::Input(e.to_string()))?;
    match cmd {
        TeamCmd::Init { url, from } => {
            let store = match &from {
                Some(path) => {
                    let store = Store::open_existing(path, &ctx.actor)?;
                    if store.team_binding()?.is_some() {
                        return Err(CliError::input(format!(
                            "{} is a team replica, not a team file; `--from` takes the team's own file",
                            crate::store::named(path)
                        )));
                    }
                    Some(store)
                }
                None => None,
            };
            let bar = super::progress::Bar::start("team init");
            let done = team::init(&url, store.as_ref(), timeout, &bar.progress());
            bar.clear();
            match done? {
                Initialised::AlreadyThere => note!(
                    "the team server is set up already (schema version {}); nothing to do",
                    team::server::SCHEMA_VERSION
                ),
                Initialised::Created { moved, highest_number } => {
                    note!("the team server is set up (schema version {})", team::server::SCHEMA_VERSION);
                    if let Some(path) = &from {
                        note!(
                            "moved {moved} operations from {}; the team's ticket numbers continue after {highest_number}",
                            crate::store::named(path)
                        );
                    }
                }
            }
            Ok(())
        }
        TeamCmd::AddTechnician { url, role, name } => {
            team::add_technician(&url, &role, &name, timeout)?;
            note!("role `{}` is now the technician `{}`", clean(&role, false), clean(&name, false));
            Ok(())
        }
        TeamCmd::AddViewer { url, role } => {
            team::add_viewer(&url, &role, timeout)?;
            note!("role `{}` may now read the team's data (and write nothing)", clean(&role, false));
            Ok(())
        }
        TeamCmd::Join { url } => join(ctx, &url, timeout),
        TeamCmd::Status { format } => status(ctx, format, timeout),
        TeamCmd::Sync => {
            let mut store = Store::open_existing(&ctx.db, &ctx.actor)?;
            let Some(binding) = store.team_binding()? else {
                return Err(CliError::input(format!(
                    "{} is not a team replica; `helpdesk team join URL --db FILE` makes one",
                    crate::store::named(&ctx.db)
                )));
            };
            store.set_actor(&binding.technician);
            let (received, sent) = match sync_now(ctx, &mut store, &binding, timeout) {
                Ok(counts) => counts,
                Err(TeamError::Unreachable(e)) => {
                    let since = store.record_team_unreachable(ctx.now)?.offline_since.unwrap_or(ctx.now);
                    let zone = ctx.settings.calendar.time_zone();
                    return Err(CliError::Failure(format!(
                        "{e} ({}; this desk's changes go to the team with the next command that reaches the server)",
                        offline_note(since, ctx.now, zone, store.unshared_count()?)
                    )));
                }
                Err(e) => return Err(e.into()),
            };
            tracing::info!(received, sent, "team sync");
            note!("synced with the team at {}: received {received}, sent {sent}", binding.url);
            Ok(())
        }
    }
}

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
fn status(ctx: &Context, format: ListFormat, timeout: Duration) -> CliResult {
    let mut store = Store::open_existing(&ctx.db, &ctx.actor)?;
    let Some(binding) = store.team_binding()? else {
        return Err(CliError::input(format!(
            "{} is not a team replica; `helpdesk team join URL --db FILE` makes one",
            crate::store::named(&ctx.db)
        )));
    };
    let asked = team::status(&binding, &store.vector()?, timeout);
    if let Err(TeamError::Unreachable(_)) = &asked {
        store.record_team_unreachable(ctx.now)?;
    }
    let contact = store.team_contact()?;
    let at = |t: DateTime<Utc>| super::calendar::format_instant(&ctx.settings.calendar, t);
    let error = match &asked {
        Ok(s) if s.schema_version != Some(team::server::SCHEMA_VERSION) => Some(format!(
            "the server has helpdesk schema version {}, this helpdesk speaks {}",
            s.schema_version.map_or("none".into(), |v| v.to_string()),
            team::server::SCHEMA_VERSION
        )),
        Ok(s) if !s.same_server => {
            Some("the server is not the one this replica was made from; join it with a new replica".into())
        }
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
    };
    if format == ListFormat::Json {
        super::print_json(&report)?;
    } else {
        let or = |v: Option<String>, none: &str| v.unwrap_or_else(|| none.to_string());
        let reach = if report.reachable { "reachable" } else { "not reachable" };
        outln!("server: {} ({reach})", report.server);
        outln!("schema version: {}", or(report.schema_version.map(|v| v.to_string()), "unknown"));
        let who = if report.technician.is_empty() { "a viewer".to_string() } else { report.technician.clone() };
        outln!("this desk: {} ({who})", if report.desk.is_empty() { "-" } else { &report.desk });
        outln!("behind the server: {}", or(report.lag.map(|n| format!("{n} operation(s)")), "unknown"));
        outln!("not shared yet: {} change(s)", report.unshared);
        outln!("last contact: {}", or(report.last_contact.clone(), "never"));
        if let Some(since) = &report.offline_since {
            outln!("offline since: {since}");
        }
        if let Some(desks) = &report.desks {
            let mut t = super::table::Table::new(&["DESK", "TECHNICIAN", "ROLE", "JOINED", "LAST CONTACT"]);
            for d in desks {
                t.row(vec![
                    format!("{}{}", d.desk, if d.this_desk { " (this)" } else { "" }),
                    d.technician.clone(),
                    d.role.clone(),
                    d.joined_at.clone(),
                    or(d.last_contact.clone(), "never"),
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

/// Pull, then push: (received, sent).
fn sync_now(
    ctx: &Context,
    store: &mut Store,
    binding: &crate::store::Binding,
    timeout: Duration,
) -> Result<(usize, usize), TeamError> {
    // Asked for: as long as the server takes (connecting is bounded all the same).
    let mut desk = Desk::connect_with(binding, timeout, None)?;
    let received = desk.pull(store, &ctx.settings, ctx.now)?;
    let sent = desk.push(store, ctx.now)?;
    Ok((received, sent))
}

fn join(ctx: &Context, url: &str, timeout: std::time::Duration) -> CliResult {
    // The URL first: a mistyped one is the first thing to say, whatever the file.
    team::conninfo::Target::parse(url)?;
    let path = &ctx.db;
    if path.exists() {
        return Err(CliError::input(format!(
            "{} exists already; a replica is a new file (pass --db NEW_FILE); nothing was changed",
            crate::store::named(path)
        )));
    }
    if ctx.default_db
        && let Some(dir) = path.parent()
    {
        std::fs::create_dir_all(dir).map_err(|e| CliError::Failure(format!("cannot create {}: {e}", dir.display())))?;
    } else {
        crate::store::require_directory(path)?;
    }
    let bar = super::progress::Bar::start("team join");
    let joined = team::join(url, path, &ctx.settings, ctx.now, timeout, &bar.progress());
    bar.clear();
    match joined {
        Ok(joined) => {
            tracing::info!(pulled = joined.pulled, "joined a team");
            if joined.technician.is_empty() {
                note!(
                    "{} is a viewer's replica of the team at {} (it reads only)",
                    crate::store::named(path),
                    joined.url
                );
            } else {
                note!(
                    "{} is {}'s replica of the team at {} ({} operations); tickets opened while the server does not answer are numbered {}-1, {}-2, …",
                    crate::store::named(path),
                    joined.technician,
                    joined.url,
                    joined.pulled,
                    joined.tag,
                    joined.tag
                );
            }
            Ok(())
        }
        Err(e) => {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                let _ = std::fs::remove_file(std::path::PathBuf::from(name));
            }
            Err(e.into())
        }
    }
}
