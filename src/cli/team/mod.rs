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

mod status;

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::args::TeamCmd;
use super::{CliError, CliResult, Context};
use crate::domain::text::clean;
use crate::store::Store;
use crate::t;
use crate::team::{self, Desk, Initialised, TeamError, offline_note};
use status::status;

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
            return Err(CliError::Input(t!(
                "team-as-refused",
                technician = binding.technician.as_str(),
                name = clean(flag, false)
            )));
        }
        store.set_actor(&binding.technician);
    }
    // A viewer's replica reads only (once it caught up: pulling writes the replica).
    let viewer = binding.technician.is_empty();
    let out = if use_ == Use::Interface { Ok(()) } else { pull_once(ctx, store, &binding, &mut session, use_) };
    if viewer {
        store.make_viewer();
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
    let budget = crate::environment::team_catch_up().map_err(|e| CliError::Input(e.to_string()))?;
    if session.tried {
        // A second store of the same command (e.g. `mail assign` reads, then writes): the same
        // connection catches it up, and while the server answered it numbers as the first would.
        if let Some(desk) = session.desk.as_mut() {
            let _ = desk.pull_for(store, &ctx.settings, ctx.now, budget);
            if !binding.technician.is_empty() {
                let timeout = crate::environment::team_timeout().map_err(|e| CliError::Input(e.to_string()))?;
                store.set_ticket_numbers(Some(team::ticket_numbers(binding, timeout, None)));
            }
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
        let pull = desk.pull_for(store, &ctx.settings, ctx.now, budget)?;
        Ok((desk, pull))
    });
    match connected {
        Ok((mut desk, pull)) => {
            // What the pull found that people should know (two customers that now read the same, a tier
            // that reached a closed month), as a sync says it.
            super::sync::notices(&mut [&mut *store]);
            if pull.is_finished() {
                tracing::info!("caught up with the team server");
                if use_ != Use::Read {
                    price(ctx, store, &mut desk);
                }
            } else {
                // A long catch-up goes on with the next command (from where this one stopped).
                tracing::info!(handled = pull.handled, total = pull.total, "caught up partly with the team server");
                let line = match pull.total {
                    Some(total) => t!("team-caught-up-partly-of", done = pull.handled, total = total),
                    None => t!("team-caught-up-partly", done = pull.handled),
                };
                note!("{line}");
            }
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
            note!("{}", t!("team-working-alone", error = e.to_string()));
        }
    }
    Ok(())
}

/// Prices work that reached closed months, when this desk holds such arrivals (see `team::Desk::price`);
/// a failure is a note (the arrivals stay marked, the next exchange prices them).
fn price(ctx: &Context, store: &mut Store, desk: &mut Desk) {
    match desk.price(store, &ctx.settings, ctx.now) {
        Ok(priced) if !priced.booked.is_zero() => {
            let amount = crate::domain::money::human(priced.booked, &ctx.settings.tariffs.currency);
            note!("{}", t!("team-priced", amount = amount))
        }
        Ok(_) => {}
        Err(e) => note!("{}", t!("team-pricing-failed", error = e.to_string())),
    }
}

/// After a command on a replica: its own corrections of closed months are priced (under the team's
/// pricing lock, see `team::Desk::price`), and what it wrote — and whatever earlier commands did offline — goes to
/// the server (a failure is a note; the next command that reaches the server pushes it). An offline
/// replica says so here, once, with the count after the command's own changes.
pub fn push_after(ctx: &Context) -> CliResult {
    let mut session = ctx.team.borrow_mut();
    if ctx.read_only || !ctx.db.exists() {
        return Ok(());
    }
    if let Some(desk) = session.desk.as_mut() {
        let mut store = Store::open_existing(&ctx.db, &desk.binding().technician)?;
        // The command's own corrections of closed months (marked for pricing) are priced now, under the
        // team's lock, before the push (bb8 #12: a desk's own `--correction` was never priced). Other
        // marks wait for the next exchange, as before.
        if ctx.unpriced.get() {
            price(ctx, &mut store, desk);
        }
        match desk.push(&mut store, ctx.now) {
            Ok(_) => {}
            Err(TeamError::Unreachable(_)) => {
                session.offline = store.record_team_unreachable(ctx.now)?.offline_since;
                session.desk = None;
            }
            Err(e) => note!("{}", t!("team-push-failed", error = e.to_string())),
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
    match &cmd {
        TeamCmd::Init { url, .. }
        | TeamCmd::AddTechnician { url, .. }
        | TeamCmd::AddViewer { url, .. }
        | TeamCmd::Join { url } => {
            team::conninfo::Target::refuse_password(url)?;
        }
        TeamCmd::Snapshot { url: Some(url) } => team::conninfo::Target::refuse_password(url)?,
        TeamCmd::Status { .. } | TeamCmd::Sync | TeamCmd::Snapshot { url: None } => {}
    }
    match cmd {
        TeamCmd::Init { url, from } => {
            let store = match &from {
                Some(path) => {
                    let store = Store::open_existing(path, &ctx.actor)?;
                    if store.team_binding()?.is_some() {
                        return Err(CliError::input(t!("team-from-is-replica", path = crate::store::named(path))));
                    }
                    Some(store)
                }
                None => None,
            };
            let bar = super::progress::Bar::start("team init");
            let done = team::init(&url, store.as_ref(), timeout, &bar.progress());
            bar.clear();
            match done? {
                Initialised::AlreadyThere => {
                    note!("{}", t!("team-init-already", version = team::server::SCHEMA_VERSION))
                }
                Initialised::Created { moved, highest_number } => {
                    note!("{}", t!("team-init-done", version = team::server::SCHEMA_VERSION));
                    if let Some(path) = &from {
                        note!(
                            "{}",
                            t!(
                                "team-init-moved",
                                count = moved as u64,
                                path = crate::store::named(path),
                                highest = highest_number
                            )
                        );
                    }
                }
            }
            Ok(())
        }
        TeamCmd::AddTechnician { url, role, name } => {
            team::add_technician(&url, &role, &name, timeout)?;
            note!("{}", t!("team-technician-added", role = clean(&role, false), name = clean(&name, false)));
            Ok(())
        }
        TeamCmd::AddViewer { url, role } => {
            team::add_viewer(&url, &role, timeout)?;
            note!("{}", t!("team-viewer-added", role = clean(&role, false)));
            Ok(())
        }
        TeamCmd::Join { url } => join(ctx, &url, timeout),
        TeamCmd::Status { format } => status(ctx, format, timeout),
        TeamCmd::Snapshot { url } => {
            let store = Store::open_existing(&ctx.db, &ctx.actor)?;
            let bar = super::progress::Bar::start("team snapshot");
            let made = team::snapshot(&store, url.as_deref(), timeout, &bar.progress());
            bar.clear();
            let made = made?;
            tracing::info!(
                id = made.id,
                ops = made.ops,
                size = made.size,
                compressed = made.compressed,
                "team snapshot"
            );
            note!(
                "{}",
                t!(
                    "team-snapshot-made",
                    id = made.id,
                    ops = made.ops,
                    size = made.size,
                    compressed = made.compressed,
                    parts = made.parts as i64
                )
            );
            Ok(())
        }
        TeamCmd::Sync => {
            let mut store = Store::open_existing(&ctx.db, &ctx.actor)?;
            let Some(binding) = store.team_binding()? else {
                return Err(CliError::input(t!("team-not-a-replica", path = crate::store::named(&ctx.db))));
            };
            store.set_actor(&binding.technician);
            let (received, sent) = match sync_now(ctx, &mut store, &binding, timeout) {
                Ok(counts) => counts,
                Err(TeamError::Unreachable(e)) => {
                    let since = store.record_team_unreachable(ctx.now)?.offline_since.unwrap_or(ctx.now);
                    let zone = ctx.settings.calendar.time_zone();
                    return Err(CliError::Failure(t!(
                        "team-sync-offline",
                        error = e,
                        note = offline_note(since, ctx.now, zone, store.unshared_count()?)
                    )));
                }
                Err(e) => return Err(e.into()),
            };
            tracing::info!(received, sent, "team sync");
            note!("{}", t!("team-synced", at = binding.url.as_str(), received = received as u64, sent = sent as u64));
            Ok(())
        }
    }
}

/// Pull, then push: (received, sent).
fn sync_now(
    ctx: &Context,
    store: &mut Store,
    binding: &crate::store::Binding,
    timeout: Duration,
) -> Result<(usize, usize), TeamError> {
    // Each exchange waits as usual; the catch-up goes on page after page, as long as it takes, with
    // a progress bar on a terminal.
    let mut desk = Desk::connect(binding, timeout)?;
    let bar = super::progress::Bar::start("team sync");
    desk.set_progress(bar.progress());
    let received = desk.pull(store, &ctx.settings, ctx.now);
    bar.clear();
    let mut received = received?;
    super::sync::notices(&mut [&mut *store]);
    // Pricing catches up and pushes on its own: what it exchanged counts too (bb5: `sent 0` after a
    // pricing push had sent the desk's entry).
    let mut sent = 0;
    match desk.price(store, &ctx.settings, ctx.now) {
        Ok(priced) => {
            received += priced.received;
            sent += priced.sent;
            if !priced.booked.is_zero() {
                let amount = crate::domain::money::human(priced.booked, &ctx.settings.tariffs.currency);
                note!("{}", t!("team-priced", amount = amount));
            }
        }
        Err(e) => note!("{}", t!("team-pricing-failed", error = e.to_string())),
    }
    sent += desk.push(store, ctx.now)?;
    Ok((received, sent))
}

fn join(ctx: &Context, url: &str, timeout: std::time::Duration) -> CliResult {
    // The URL first: a mistyped one is the first thing to say, whatever the file.
    team::conninfo::Target::parse(url)?;
    let path = &ctx.db;
    if path.exists() {
        return Err(CliError::input(t!("team-join-file-exists", path = crate::store::named(path))));
    }
    if ctx.default_db
        && let Some(dir) = path.parent()
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            CliError::Failure(t!("team-join-cannot-create", path = dir.display().to_string(), error = e.to_string()))
        })?;
    } else {
        crate::store::require_directory(path)?;
    }
    let bar = super::progress::Bar::start("team join");
    let joined = team::join(url, path, &ctx.settings, ctx.now, timeout, &bar.progress());
    bar.clear();
    match joined {
        Ok(joined) => {
            tracing::info!(pulled = joined.pulled, snapshot = joined.snapshot.is_some(), "joined a team");
            if let Some(why) = &joined.replayed_because {
                note!("{why}");
            }
            if let Some(s) = &joined.snapshot {
                note!(
                    "{}",
                    t!(
                        "team-joined-from-snapshot",
                        id = s.id,
                        ops = s.ops,
                        fetched = s.fetched,
                        pulled = joined.pulled as u64
                    )
                );
            }
            if joined.technician.is_empty() {
                note!("{}", t!("team-joined-viewer", path = crate::store::named(path), at = joined.url.as_str()));
            } else {
                note!(
                    "{}",
                    t!(
                        "team-joined",
                        path = crate::store::named(path),
                        technician = joined.technician.as_str(),
                        at = joined.url.as_str(),
                        count = joined.pulled as u64,
                        tag = joined.tag.as_str()
                    )
                );
            }
            Ok(())
        }
        // The replica was made under a scratch name, which the join removed: nothing is left.
        Err(e) => Err(e.into()),
    }
}
