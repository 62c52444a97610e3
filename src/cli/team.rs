//! `helpdesk team …` (see `crate::team`), and what every other command does on a team replica: it
//! catches up first when the server answers within `HELPDESK_TEAM_TIMEOUT_MS` (default 2 s), takes the
//! team's plain ticket numbers while it does, and pushes what it wrote before it exits. A server that
//! does not answer leaves the command working on the replica alone, with one note on stderr.

use super::args::TeamCmd;
use super::{CliError, CliResult, Context};
use crate::domain::text::clean;
use crate::store::Store;
use crate::team::{self, Desk, Initialised, TeamError};

/// The team connection of one command.
#[derive(Default)]
pub struct Session {
    /// A `team` command: it connects and reports on its own.
    manual: bool,
    /// Catching up was tried (once per command).
    tried: bool,
    desk: Option<Desk>,
}

impl From<TeamError> for CliError {
    fn from(e: TeamError) -> Self {
        match e {
            TeamError::Input(m) => CliError::Input(m),
            TeamError::Failure(m) => CliError::Failure(m),
            TeamError::Store(e) => e.into(),
        }
    }
}

/// On a replica: the desk's technician acts (`--as` someone else is refused); the other desks' changes
/// are pulled when the server answers.
pub fn catch_up(ctx: &Context, store: &mut Store) -> CliResult {
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
    let out = pull_once(ctx, store, &binding, &mut session);
    if viewer {
        store.make_read_only();
    }
    out
}

fn pull_once(ctx: &Context, store: &mut Store, binding: &crate::store::Binding, session: &mut Session) -> CliResult {
    if session.tried {
        if let Some(desk) = session.desk.as_mut() {
            let _ = desk.pull(store, &ctx.settings, ctx.now);
        }
        return Ok(());
    }
    session.tried = true;
    let timeout = crate::environment::team_timeout().map_err(|e| CliError::Input(e.to_string()))?;
    let connected = Desk::connect(binding, timeout).and_then(|mut desk| {
        desk.pull(store, &ctx.settings, ctx.now)?;
        Ok(desk)
    });
    match connected {
        Ok(desk) => {
            tracing::info!("caught up with the team server");
            if !binding.technician.is_empty() {
                store.set_ticket_numbers(Some(team::ticket_numbers(binding, timeout)));
            }
            session.desk = Some(desk);
        }
        Err(e) => {
            tracing::warn!("team server unreachable");
            note!(
                "helpdesk: working on this replica alone: {e}; its changes reach the team with a later command or `helpdesk team sync`"
            );
        }
    }
    Ok(())
}

/// After a command on a replica: what it wrote goes to the server (a failure is a note; the next
/// command or `team sync` pushes it).
pub fn push_after(ctx: &Context) -> CliResult {
    let mut session = ctx.team.borrow_mut();
    let Some(desk) = session.desk.as_mut() else { return Ok(()) };
    if ctx.read_only || !ctx.db.exists() {
        return Ok(());
    }
    let mut store = Store::open_existing(&ctx.db, &desk.binding().technician)?;
    if let Err(e) = desk.push(&mut store) {
        note!("helpdesk: this desk's changes were kept here but not sent to the team: {e}");
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
            match team::init(&url, store.as_ref(), timeout)? {
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
        TeamCmd::Sync => {
            let mut store = Store::open_existing(&ctx.db, &ctx.actor)?;
            let Some(binding) = store.team_binding()? else {
                return Err(CliError::input(format!(
                    "{} is not a team replica; `helpdesk team join URL --db FILE` makes one",
                    crate::store::named(&ctx.db)
                )));
            };
            store.set_actor(&binding.technician);
            let mut desk = Desk::connect(&binding, timeout)?;
            let received = desk.pull(&mut store, &ctx.settings, ctx.now)?;
            let sent = desk.push(&mut store)?;
            tracing::info!(received, sent, "team sync");
            note!("synced with the team at {}: received {received}, sent {sent}", binding.url);
            Ok(())
        }
    }
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
    match team::join(url, path, &ctx.settings, ctx.now, timeout) {
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
