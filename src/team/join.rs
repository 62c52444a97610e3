//! `team join`: a new desk's replica, filled with everything the server holds.
//!
//! The replica is made under a hidden scratch name beside the file asked for (`.NAME.joining-PID`)
//! and given its name only once it is complete — pulled, its desk's tag claimed, its claim pushed — and
//! closed (its WAL folded in). A join that is killed or fails midway leaves no file under the name
//! that could pass for a replica; the next join sweeps the scratch files of joins that no longer run.
//! Nobody else uses the scratch file, so it is filled as a bulk load (`Pace::ALONE`, `Store::begin_join_load`).
//!
//! The scratch file starts as the newest usable snapshot the server keeps (`snapshot_join.rs`: fetched,
//! decompressed, checked, made this desk's), and the pull brings what is newer than its cut; without
//! one (none kept, or one that fails a check), it starts empty and the pull replays the whole log, and
//! the join says why.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::conninfo::Target;
use super::snapshot_join::{FromSnapshot, restore};
use super::{Desk, Pace, Result, TeamError, answer_limit, check_schema, server, server_error};
use crate::config::Settings;
use crate::domain::text::clean;
use crate::progress::Progress;
use crate::store::{Binding, Store};

/// What `team join` made.
#[derive(Debug, Clone)]
pub struct Joined {
    pub technician: String,
    pub tag: String,
    pub url: String,
    /// Operations pulled (applied) from the server's log.
    pub pulled: usize,
    /// The snapshot the replica was made from, if one was used.
    pub snapshot: Option<FromSnapshot>,
    /// Why no snapshot was used (there is none, or it was unusable: the join replayed the log).
    pub replayed_because: Option<String>,
}

/// `team join URL --db FILE`: a new replica at `path` (which must not exist), bound to the team, with
/// everything the server holds. `path` appears only when the replica is complete; a file that appeared
/// there meanwhile is never replaced (the join then fails, its work removed).
pub fn join(
    url: &str,
    path: &Path,
    settings: &Settings,
    now: DateTime<Utc>,
    timeout: Duration,
    progress: &Progress,
) -> Result<Joined> {
    let target = Target::parse(url)?;
    let mut client = target.connect(timeout)?;
    let at = target.shown().to_string();
    check_schema(&mut client, &at)?;
    let role = server::current_role(&mut client).map_err(server_error)?;
    let technician = match server::technician_of(&mut client, &role).map_err(server_error)? {
        Some(name) => name,
        None if server::is_viewer(&mut client, &role).map_err(server_error)? => String::new(),
        None => {
            return Err(TeamError::Failure(crate::t!(
                "team-join-no-role",
                at = at.as_str(),
                role = clean(&role, false)
            )));
        }
    };
    let (team_id, server_id) = server::team(&mut client).map_err(server_error)?;
    let binding = Binding { url: at.clone(), server: server_id, technician: technician.clone() };
    sweep_abandoned(path);
    let scratch = scratch_beside(path);
    remove_with_sidecars(&scratch);
    // A snapshot the server keeps, when there is a usable one; the whole log replayed otherwise.
    let mut client = client;
    let device = crate::store::new_id(Utc::now());
    let parts = (scratch.as_path(), team_id.as_str(), device.as_str());
    let (snapshot, replayed_because) = match restore(&target, timeout, &mut client, parts, progress) {
        Ok(Some(used)) => (Some(used), None),
        Ok(None) => (None, Some(crate::t!("team-join-no-snapshot"))),
        Err(why) => {
            remove_with_sidecars(&scratch);
            (None, Some(crate::t!("team-join-snapshot-unusable", why = why)))
        }
    };
    let from_snapshot = snapshot.is_some();
    let filled = fill(&scratch, client, (&team_id, &binding), from_snapshot, (settings, now, timeout), progress);
    let joined = filled.and_then(|(tag, pulled)| {
        crate::store::pause_point("team-join-filled");
        let began = std::time::Instant::now();
        crate::store::publish(&scratch, path)?;
        tracing::debug!(took_ms = began.elapsed().as_secs_f64() * 1e3, "team join file published");
        Ok(Joined { technician, tag, url: at, pulled, snapshot, replayed_because })
    });
    // Published, the file has its name (a hard link): the scratch name goes either way.
    remove_with_sidecars(&scratch);
    joined
}

/// Fills the scratch file (empty, or a snapshot's file made this desk's: `from_snapshot`): everything
/// the server holds beyond it, then the desk's tag claimed and pushed; the file is closed with
/// everything in it. Returns the tag and how many operations were applied.
fn fill(
    scratch: &Path,
    client: postgres::Client,
    (team_id, binding): (&str, &Binding),
    from_snapshot: bool,
    (settings, now, timeout): (&Settings, DateTime<Utc>, Duration),
    progress: &Progress,
) -> Result<(String, usize)> {
    let technician = binding.technician.clone();
    let mut store = Store::open(scratch, &technician)?;
    if from_snapshot {
        store.adopt_snapshot(team_id, binding)?;
    } else {
        store.adopt_team(team_id, binding)?;
    }
    store.begin_join_load()?;
    // Joining moves the whole team, page by page (the progress bar shows it); each page waits for the
    // server as long as any exchange does.
    let mut desk = Desk {
        client: Some(client),
        binding: binding.clone(),
        limit: Some(answer_limit(timeout)),
        progress: progress.clone(),
        pace: Pace::ALONE,
        runner: None,
    };
    let pulled = desk.pull(&mut store, settings, now)?;
    let began = std::time::Instant::now();
    store.end_join_load(now)?;
    tracing::debug!(took_ms = began.elapsed().as_secs_f64() * 1e3, "team join load ended (indexes, search)");
    // What reached closed months in the team's history was priced by the desks that held it (they keep
    // their marks until one of them has, see `Desk::price`): a new replica does not price it again —
    // at a big team that would be every closed month of every customer, at its first command.
    store.clear_all_pending_arrivals()?;
    let tag = if technician.is_empty() {
        // A viewer's replica only reads: no desk, no tag.
        String::new()
    } else {
        let taken = desk.call(server::desk_tags)?;
        let mut index = 0;
        loop {
            let (tag, at_index) = store.free_desk_tag(index)?;
            let (device, claimed) = (store.device().to_string(), tag.clone());
            if !taken.contains(&tag) && desk.call(move |c| server::claim_desk(c, &device, &claimed))? {
                store.become_desk(&tag, binding, now)?;
                break tag;
            }
            index = at_index + 1;
        }
    };
    desk.push(&mut store, now)?;
    let began = std::time::Instant::now();
    store.close_into_file()?;
    tracing::debug!(took_ms = began.elapsed().as_secs_f64() * 1e3, "team join file closed");
    Ok((tag, pulled))
}

/// The hidden scratch name of this process's join into `target`: `.NAME.joining-PID`.
fn scratch_beside(target: &Path) -> PathBuf {
    target.with_file_name(format!(".{}{}", scratch_prefix(target), std::process::id()))
}

fn scratch_prefix(target: &Path) -> String {
    let name = target.file_name().map_or_else(|| "helpdesk.db".into(), |n| n.to_string_lossy().into_owned());
    format!("{name}.joining-")
}

/// Removes the scratch files of joins into `target` whose process is gone (killed, or the machine
/// stopped): what they held is of no use, and a big team's is big.
fn sweep_abandoned(target: &Path) {
    let dir = match target.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    let prefix = format!(".{}", scratch_prefix(target));
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else { continue };
        let pid = rest.trim_end_matches("-wal").trim_end_matches("-shm").trim_end_matches("-journal");
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid != std::process::id() && !process_runs(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` runs on this machine (`kill(pid, 0)`: it exists, whoever owns it).
fn process_runs(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: signal 0 sends nothing; kill only checks that the process exists.
    let sent = unsafe { libc::kill(pid, 0) };
    sent == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}
