//! `helpdesk sync …`: laptop copies and exchanging operations (see `crate::sync`).

use std::io::{BufReader, BufWriter};

use super::args::{SyncAction, SyncArgs};
use super::{CliError, CliResult, Context};
use crate::store::{Store, TicketChange, Vector};
use crate::sync::{self, Header, SyncReport};

pub fn run(ctx: &Context, args: SyncArgs) -> CliResult {
    let mut progress = |msg: &str| note!("sync: {msg}");
    match (args.action, args.other, args.remote) {
        (Some(action), _, _) => run_action(ctx, action),
        (None, Some(other), None) => {
            let mut here = ctx.open_store()?;
            if !other.exists() {
                return Err(CliError::input(format!("{} does not exist", crate::store::named(&other))));
            }
            let mut there = Store::open_existing(&other, &ctx.actor)?;
            writable(&here)?;
            writable(&there)?;
            let report = sync::sync_files(&mut here, &mut there, &ctx.settings, ctx.now, &mut progress)?;
            summary(ctx, &report);
            Ok(())
        }
        (None, None, Some(command)) => {
            let mut here = ctx.open_store()?;
            writable(&here)?;
            let report = sync::sync_remote(&mut here, &ctx.settings, &command, ctx.now, &mut progress)?;
            summary(ctx, &report);
            Ok(())
        }
        (None, Some(_), Some(_)) => Err(CliError::input("give either OTHER_DB or --remote COMMAND, not both")),
        (None, None, None) => Err(CliError::input(
            "sync with what? give OTHER_DB, --remote COMMAND, or a subcommand (see `helpdesk sync --help`)",
        )),
    }
}

/// A sync writes to both copies: refused up front (before any progress is said) on one open read-only.
fn writable(store: &Store) -> CliResult {
    if store.is_read_only() {
        let path = store.path().map(crate::store::named).unwrap_or_default();
        return Err(CliError::Failure(format!(
            "{path} is open read-only; a sync writes to both copies, so nothing was changed"
        )));
    }
    Ok(())
}

fn summary(ctx: &Context, r: &SyncReport) {
    let mut line = format!("synced with {}: sent {}, received {}", r.peer, r.sent, r.received);
    if r.conflicts > 0 {
        line.push_str(&format!(", {} conflict(s) — see `helpdesk sync conflicts`", r.conflicts));
    }
    if !r.corrections.is_zero() {
        line.push_str(&format!(
            ", closed-month work billed as corrections: {}",
            crate::domain::money::human(r.corrections, &ctx.settings.tariffs.currency)
        ));
    }
    note!("{line}");
}

fn run_action(ctx: &Context, action: SyncAction) -> CliResult {
    match action {
        SyncAction::Clone { team, laptop } => {
            if !team.exists() {
                return Err(CliError::input(format!("{} does not exist", crate::store::named(&team))));
            }
            let mut team_store = Store::open_existing(&team, &ctx.actor)?;
            let tag = sync::clone_copy(&mut team_store, &laptop, ctx.now)?;
            note!(
                "made {} a copy of {} (copy {tag}: its new tickets are numbered {tag}-1, {tag}-2, …); \
                 work offline with `helpdesk --db {}` and sync back with `helpdesk --db {} sync {}`",
                laptop.display(),
                team.display(),
                laptop.display(),
                laptop.display(),
                team.display()
            );
        }
        SyncAction::Export { file, peer, all } => {
            let store = ctx.read_store()?;
            let (vector, name) =
                if all { (Vector::new(), "any copy".to_string()) } else { peer_vector(&store, peer.as_deref())? };
            let ops = store.ops_missing_from(&vector)?;
            let header = Header { base: vector.clone(), ..Header::of(&store)? };
            let tmp = file.with_extension("partial");
            let write = || -> CliResult {
                let f = std::fs::File::create(&tmp)
                    .map_err(|e| CliError::Failure(format!("cannot write {}: {e}", tmp.display())))?;
                let mut out = BufWriter::new(f);
                sync::write_bundle(&mut out, &header, &ops)?;
                out.into_inner().map_err(|e| CliError::Failure(e.to_string()))?.sync_all()?;
                std::fs::rename(&tmp, &file)?;
                Ok(())
            };
            if let Err(e) = write() {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
            note!(
                "wrote {} operation(s) for {name} to {}; import it there with `helpdesk sync import`",
                ops.len(),
                file.display()
            );
        }
        SyncAction::Import { file } => {
            let shown = crate::store::named(&file);
            if file.is_dir() {
                return Err(CliError::input(format!("{shown} is a directory; give a bundle file (`sync export`)")));
            }
            let f = std::fs::File::open(&file).map_err(|e| CliError::input(format!("cannot read {shown}: {e}")))?;
            let (header, ops) = sync::read_bundle(&mut BufReader::new(f)).map_err(|e| match e {
                crate::store::StoreError::Io { source, .. } => {
                    CliError::Failure(format!("cannot read {shown}: {source}"))
                }
                other => other.into(),
            })?;
            let mut store = ctx.open_store()?;
            sync::check_peer(&store, &header)?;
            let (applied, conflicts, corrections) =
                sync::exchange_receive(&mut store, &ctx.settings, &header, &ops, ctx.now)?;
            let report =
                SyncReport { peer: sync::display_tag(&header.tag), sent: 0, received: applied, conflicts, corrections };
            summary(ctx, &report);
            note!("({} of the bundle's {} operation(s) were new here)", applied, ops.len());
        }
        SyncAction::Serve => {
            let mut store = ctx.open_store()?;
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            sync::serve(&mut store, &ctx.settings, &mut stdin.lock(), &mut stdout.lock(), ctx.now)?;
        }
        SyncAction::Conflicts { all } => {
            let store = ctx.read_store()?;
            let conflicts = store.conflicts(all)?;
            if conflicts.is_empty() {
                outln!("no {}conflicts", if all { "" } else { "open " });
            }
            for c in conflicts {
                outln!(
                    "{}\tticket {}\t{}\tkept `{}`\tother `{}`{}",
                    c.id,
                    c.ticket_number,
                    c.field,
                    c.kept_value.unwrap_or_default(),
                    c.other_value.unwrap_or_default(),
                    c.resolved.map(|r| format!("\t({r})")).unwrap_or_default()
                );
            }
        }
        SyncAction::Resolve { id, pick } => {
            let mut store = ctx.open_store()?;
            let conflict = store
                .conflicts(false)?
                .into_iter()
                .find(|c| c.id == id || (id.len() >= 6 && c.id.ends_with(&id)))
                .ok_or_else(|| CliError::input(format!("no open conflict `{id}`; see `helpdesk sync conflicts`")))?;
            match pick.as_str() {
                "kept" => store.resolve_conflict(&conflict.id, "kept", ctx.now)?,
                "other" => {
                    let value = conflict.other_value.clone();
                    let change = match conflict.field.as_str() {
                        "status" => TicketChange::Status(super::input::parsed(&value.unwrap_or_default())?),
                        "kind" => TicketChange::Kind(super::input::parsed(&value.unwrap_or_default())?),
                        "assignee" => TicketChange::Assignee(value),
                        "title" => TicketChange::Title(value.unwrap_or_default()),
                        "description" => TicketChange::Description(value.unwrap_or_default()),
                        other => return Err(CliError::Failure(format!("unknown field {other}"))),
                    };
                    store.update_ticket(&conflict.ticket_id, vec![change], ctx.now)?;
                    store.resolve_conflict(&conflict.id, "picked the other value", ctx.now)?;
                }
                _ => return Err(CliError::input("--pick must be `kept` or `other`")),
            }
        }
        SyncAction::Status => {
            let store = ctx.read_store()?;
            let tag = store.device_tag()?;
            outln!("this copy: {}", sync::display_tag(&tag));
            match store.last_sync_at()? {
                Some(t) => outln!("last synced: {}", super::calendar::format_instant(&ctx.settings.calendar, t)),
                None => outln!("last synced: never"),
            }
            outln!("changes not shared yet: {}", store.unshared_count()?);
            for p in store.peers()? {
                outln!(
                    "peer {}: last {}",
                    sync::display_tag(&p.tag),
                    super::calendar::format_instant(&ctx.settings.calendar, p.last_sync_at)
                );
            }
            let open = store.conflicts(false)?.len();
            if open > 0 {
                outln!("open conflicts: {open} (see `helpdesk sync conflicts`)");
            }
        }
    }
    Ok(())
}

/// The vector of the copy a bundle is for.
fn peer_vector(store: &Store, peer: Option<&str>) -> CliResult<(Vector, String)> {
    let peers = store.peers()?;
    let chosen = match peer {
        Some(p) => {
            let want = if p.eq_ignore_ascii_case("team") { String::new() } else { p.to_ascii_uppercase() };
            peers.into_iter().find(|x| x.tag == want || x.device == p)
        }
        None if peers.len() == 1 => peers.into_iter().next(),
        None if peers.is_empty() => {
            return Err(CliError::input("this copy has never synced with another; use --all for a full bundle"));
        }
        None => {
            let names: Vec<String> = peers.iter().map(|p| sync::display_tag(&p.tag)).collect();
            return Err(CliError::input(format!("which copy is it for? give --peer (known: {})", names.join(", "))));
        }
    };
    let p =
        chosen.ok_or_else(|| CliError::input("no such copy among those synced with; see `helpdesk sync status`"))?;
    Ok((p.vector, sync::display_tag(&p.tag)))
}
