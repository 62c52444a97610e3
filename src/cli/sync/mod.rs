//! `helpdesk sync …`: laptop copies and exchanging operations (see `crate::sync`).

mod conflicts;
mod metered;
mod own_file;

use crate::t;
use std::io::{BufReader, BufWriter};

use self::conflicts::{ConflictJson, PeerJson, StatusJson, conflict_subject, pick_other, resolution};
use self::metered::{Bytes, Lines};
use self::own_file::{database_head, existing_db, is_database};
use super::args::{ListFormat, SyncAction, SyncArgs};
use super::progress::Bar;
use super::{CliError, CliResult, Context};
use crate::progress::Unit;
use crate::store::{Store, StoreError, Vector};
use crate::sync::{self, Header, SyncReport};

pub fn run(ctx: &Context, args: SyncArgs) -> CliResult {
    let mut progress = |msg: &str| note!("{}", t!("sync-progress-note", message = msg));
    match (args.action, args.other, args.remote) {
        (Some(action), _, _) => run_action(ctx, action),
        (None, Some(other), None) => {
            existing_db(ctx)?;
            let mut here = ctx.open_store()?;
            if !other.exists() {
                return Err(CliError::input(t!("sync-file-missing", path = crate::store::named(&other))));
            }
            let mut there = Store::open_existing(&other, &ctx.actor)?;
            writable(&here)?;
            writable(&there)?;
            let report = sync::sync_files(&mut here, &mut there, &ctx.settings, ctx.now, &mut progress)?;
            summary(ctx, &report);
            notices(&mut [&mut here, &mut there]);
            Ok(())
        }
        (None, None, Some(command)) => {
            if command.trim().is_empty() {
                return Err(CliError::input(t!("sync-remote-empty")));
            }
            existing_db(ctx)?;
            let mut here = ctx.open_store()?;
            writable(&here)?;
            let report = sync::sync_remote(&mut here, &ctx.settings, &command, ctx.now, &mut progress)?;
            summary(ctx, &report);
            notices(&mut [&mut here]);
            Ok(())
        }
        (None, Some(_), Some(_)) => Err(CliError::input(t!("sync-file-or-remote"))),
        (None, None, None) => Err(CliError::input(t!("sync-with-what"))),
    }
}

/// A sync writes to both copies: refused up front (before any progress is said) on one open read-only.
fn writable(store: &Store) -> CliResult {
    if store.is_read_only() {
        let path = store.path().map(crate::store::named).unwrap_or_default();
        return Err(CliError::Failure(t!("sync-read-only", path = path)));
    }
    Ok(())
}

/// What the sync found that people should know, each once (the same change may reach both files).
pub(super) fn notices(stores: &mut [&mut Store]) {
    let mut seen = std::collections::BTreeSet::new();
    for store in stores {
        for n in store.take_notices() {
            if seen.insert(n.clone()) {
                note!("{}", t!("sync-notice", notice = n.as_str()));
            }
        }
    }
}

fn summary(ctx: &Context, r: &SyncReport) {
    tracing::info!(peer = %r.peer, sent = r.sent, received = r.received, conflicts = r.conflicts, "synced");
    let mut line = t!("sync-summary", peer = r.peer.as_str(), sent = r.sent, received = r.received);
    if r.conflicts > 0 {
        line.push_str(&t!("sync-summary-conflicts", count = r.conflicts));
    }
    if !r.corrections.is_zero() {
        line.push_str(&t!(
            "sync-summary-corrections",
            amount = crate::domain::money::human(r.corrections, &ctx.settings.tariffs.currency)
        ));
    }
    note!("{line}");
}

fn run_action(ctx: &Context, action: SyncAction) -> CliResult {
    match action {
        SyncAction::Clone { team, laptop } => {
            if !team.exists() {
                return Err(CliError::input(t!("sync-file-missing", path = crate::store::named(&team))));
            }
            let mut team_store = Store::open_existing(&team, &ctx.actor)?;
            let bar = Bar::start("sync clone");
            team_store.report_progress_to(bar.progress());
            let tag = sync::clone_copy(&mut team_store, &laptop, ctx.now)?;
            bar.clear();
            note!(
                "{}",
                t!(
                    "sync-cloned",
                    copy = laptop.display().to_string(),
                    team = team.display().to_string(),
                    tag = tag.as_str()
                )
            );
        }
        SyncAction::Export { file, peer, all } => {
            let store = ctx.read_store()?;
            let (vector, name) =
                if all { (Vector::new(), t!("sync-any-copy")) } else { peer_vector(&store, peer.as_deref())? };
            let bar = Bar::start("sync export");
            let progress = bar.progress();
            progress.report(&t!("sync-export-reading"), Unit::Count("steps"), 0, 1);
            let ops = store.ops_missing_from(&vector)?;
            let header = Header::for_peer(&store, vector.clone())?;
            let cannot = |e: std::io::Error| {
                CliError::Failure(t!("cannot-write", path = file.display().to_string(), error = e.to_string()))
            };
            let mut target = crate::cli::export::Target::of(&file, |p| p.with_extension("partial")).map_err(cannot)?;
            let mut write = || -> CliResult {
                let f = target.create().map_err(cannot)?;
                // A bundle is a header line, a line per operation and a trailer line.
                let lines = ops.len() as u64 + 2;
                let stage = t!("sync-export-writing");
                let mut out = BufWriter::new(Lines::new(f, |n| {
                    progress.report(&stage, Unit::Count("operations"), n.saturating_sub(1), lines - 2);
                }));
                sync::write_bundle(&mut out, &header, &ops)?;
                let f = out.into_inner().map_err(|e| CliError::Failure(e.to_string()))?.into_inner();
                target.finish(f).map_err(cannot)
            };
            let written = write();
            bar.clear();
            if let Err(e) = written {
                target.discard();
                return Err(e);
            }
            note!("{}", t!("sync-exported", count = ops.len(), peer = name, file = file.display().to_string()));
        }
        SyncAction::Import { file } => {
            existing_db(ctx)?;
            let shown = crate::store::named(&file);
            if file.is_dir() {
                return Err(CliError::input(t!("sync-import-directory", path = shown)));
            }
            // Opened once: a pipe (`<(…)`, /dev/stdin) gives its bytes once; its first ones are looked at
            // and read again from memory.
            let cannot_read =
                |e: std::io::Error| CliError::input(t!("cannot-read", path = shown.as_str(), error = e.to_string()));
            let mut f = std::fs::File::open(&file).map_err(cannot_read)?;
            let head = database_head(&mut f).map_err(cannot_read)?;
            if is_database(&head) {
                return Err(CliError::input(t!("sync-import-database", path = shown)));
            }
            let size = f.metadata().map_or(0, |m| m.len());
            let f = std::io::Read::chain(std::io::Cursor::new(head), f);
            let bar = Bar::start("sync import");
            let progress = bar.progress();
            let stage = t!("sync-import-reading");
            let reading = Bytes::new(f, |n| progress.report(&stage, Unit::Bytes, n, size));
            let (header, ops) = sync::read_bundle(&mut BufReader::new(reading)).map_err(|e| match e {
                crate::store::StoreError::Io { source, .. } => {
                    CliError::Failure(t!("cannot-read", path = shown.as_str(), error = source.to_string()))
                }
                other => other.into(),
            })?;
            let mut store = ctx.open_store()?;
            sync::check_peer(&store, &header).map_err(|e| sync::bundle_clash_hint(e, &store, &header, &ops))?;
            progress.report(&t!("sync-import-applying", count = ops.len()), Unit::Count("steps"), 0, 1);
            let received = sync::exchange_receive(&mut store, &ctx.settings, &header, &ops, ctx.now);
            bar.clear();
            let (applied, conflicts, corrections) =
                received.map_err(|e| sync::bundle_clash_hint(e, &store, &header, &ops))?;
            let report =
                SyncReport { peer: sync::display_tag(&header.tag), sent: 0, received: applied, conflicts, corrections };
            summary(ctx, &report);
            note!("{}", t!("sync-imported-new", applied = applied, count = ops.len()));
            notices(&mut [&mut store]);
        }
        SyncAction::Serve => {
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            if let Err(e) = existing_db(ctx) {
                // Said to the asking side too (it is the one whose user typed the command).
                sync::refuse_serve(&mut stdin.lock(), &mut stdout.lock(), || {
                    StoreError::Invalid(t!("sync-db-missing", path = crate::store::named(&ctx.db)))
                });
                return Err(e);
            }
            let mut store = ctx.open_store()?;
            let r = sync::serve(&mut store, &ctx.settings, &mut stdin.lock(), &mut stdout.lock(), ctx.now)
                .map_err(|e| sync::lone_clash_hint(e, &store))?;
            tracing::info!(peer = %r.peer, sent = r.sent, received = r.received, conflicts = r.conflicts, "served a sync");
        }
        SyncAction::Conflicts { all, format } => {
            let store = ctx.read_store()?;
            let conflicts = store.conflicts(all)?;
            if format == ListFormat::Json {
                let zone = ctx.settings.calendar.time_zone();
                let rows: Vec<ConflictJson> = conflicts
                    .iter()
                    .map(|c| ConflictJson {
                        id: c.id.clone(),
                        ticket: c.ticket_number.clone(),
                        customer: c.customer_name.clone(),
                        field: c.field.clone(),
                        kept: c.kept_value.as_ref().map(|v| c.shown(Some(v), zone)),
                        other: c.other_value.as_ref().map(|v| c.shown(Some(v), zone)),
                        detected_at: super::calendar::format_instant(&ctx.settings.calendar, c.detected_at),
                        resolved: c.resolved.clone(),
                    })
                    .collect();
                return super::print_json(&rows);
            }
            if conflicts.is_empty() {
                outln!("{}", if all { t!("sync-no-conflicts") } else { t!("sync-no-open-conflicts") });
            }
            for c in conflicts {
                let zone = ctx.settings.calendar.time_zone();
                let kept = t!(
                    "sync-conflict-kept",
                    value = crate::i18n::words::conflict_value(&c, c.kept_value.as_deref(), zone)
                );
                let other = t!(
                    "sync-conflict-other",
                    value = crate::i18n::words::conflict_value(&c, c.other_value.as_deref(), zone)
                );
                outln!(
                    "{}\t{}\t{}\t{kept}\t{other}{}",
                    c.id,
                    conflict_subject(&c),
                    crate::i18n::words::conflict_field(&c.field),
                    c.resolved.as_deref().map(|r| format!("\t({})", resolution(r))).unwrap_or_default()
                );
            }
        }
        SyncAction::Resolve { id, pick } => {
            let mut store = ctx.open_store()?;
            let typed = id.trim().to_ascii_lowercase();
            let conflict = store
                .conflicts(false)?
                .into_iter()
                .find(|c| c.id == typed || (typed.len() >= 6 && c.id.ends_with(&typed)))
                .ok_or_else(|| CliError::from(StoreError::Unknown(crate::store::Unknown::Conflict(id.clone()))))?;
            if conflict.field == crate::store::SAME_NAME {
                // Two customers that read the same: settled by what makes them two names or one customer.
                return Err(CliError::input(t!(
                    "sync-twin-resolve",
                    id = conflict.id.as_str(),
                    kept = conflict.kept_value.clone().unwrap_or_default(),
                    other = conflict.other_value.clone().unwrap_or_default()
                )));
            }
            match pick.as_str() {
                "kept" => store.settle_conflict(&conflict.id, "kept", ctx.now)?,
                "other" => {
                    pick_other(ctx, &mut store, &conflict)?;
                    store.settle_conflict(&conflict.id, "picked the other value", ctx.now)?;
                }
                _ => return Err(CliError::input(t!("sync-pick"))),
            }
        }
        SyncAction::NewIdentity { other } => {
            existing_db(ctx)?;
            if !other.exists() {
                return Err(CliError::input(t!("sync-file-missing", path = crate::store::named(&other))));
            }
            let mut store = ctx.open_store()?;
            let mut there = Store::open_existing(&other, &ctx.actor)?;
            writable(&store)?;
            writable(&there)?;
            // Only a copy whose identity is in question takes a fresh one: on a healthy copy it would
            // renumber its unshared tickets for nothing. A file that holds work of a duplicated copy
            // (another device's history the other file holds differently) moves that work instead.
            let clash = if store.device_tag()?.is_empty() { None } else { sync::clash_between(&store, &there)? };
            if let Some(device) = clash.as_deref().filter(|d| *d != store.device())
                && store.holds_branch_of(&there, device)?
            {
                let done = store.take_over_branch(&mut there, device, ctx.now)?;
                let short = |d: &str| d.get(d.len().saturating_sub(8)..).unwrap_or(d).to_string();
                note!(
                    "{}",
                    t!(
                        "sync-branch-moved",
                        from = short(&done.from),
                        here = crate::store::named(&ctx.db),
                        there = crate::store::named(&other),
                        copy = sync::display_tag(&done.tag),
                        device = short(&done.device)
                    )
                );
                for (old, new) in &done.renumbered {
                    note!("{}", t!("sync-renumbered", old = old.as_str(), new = new.as_str()));
                }
                if let Some((old, _)) = done.renumbered.first() {
                    note!("{}", t!("sync-old-numbers-kept", example = old.as_str()));
                }
                note!("{}", t!("sync-again", here = crate::store::named(&ctx.db), there = crate::store::named(&other)));
                return Ok(());
            }
            if store.device_tag()?.is_empty() {
                // (The team file's refusal, from the store, says why.)
            } else if clash.as_deref() != Some(store.device()) {
                return Err(CliError::input(t!(
                    "sync-no-clash",
                    here = crate::store::named(&ctx.db),
                    there = crate::store::named(&other)
                )));
            }
            let done = store.new_identity(&mut there, ctx.now)?;
            note!(
                "{}",
                t!(
                    "sync-new-identity",
                    copy = sync::display_tag(&done.tag),
                    was = sync::display_tag(&done.old_tag),
                    tag = done.tag.as_str()
                )
            );
            for (old, new) in &done.renumbered {
                note!("{}", t!("sync-renumbered-unseen", old = old.as_str(), new = new.as_str()));
            }
            for (old, new) in &done.taken_back {
                note!("{}", t!("sync-renumbered-taken-back", old = old.as_str(), new = new.as_str()));
            }
            if let Some((old, _)) = done.renumbered.first().or(done.taken_back.first()) {
                note!("{}", t!("sync-old-numbers-kept", example = old.as_str()));
            }
            note!("{}", t!("sync-again", here = crate::store::named(&ctx.db), there = crate::store::named(&other)));
        }
        SyncAction::Status { format } => {
            let store = ctx.read_store()?;
            let tag = store.device_tag()?;
            let device = store.device().to_string();
            if format == ListFormat::Json {
                let at = |t| super::calendar::format_instant(&ctx.settings.calendar, t);
                let status = StatusJson {
                    tag: tag.clone(),
                    device,
                    last_synced_at: store.last_sync_at()?.map(at),
                    unshared: store.unshared_count()?,
                    open_conflicts: store.conflicts(false)?.len(),
                    peers: store
                        .peers()?
                        .into_iter()
                        .map(|p| PeerJson { tag: p.tag, device: p.device, last_synced_at: at(p.last_sync_at) })
                        .collect(),
                };
                return super::print_json(&status);
            }
            let short = device.get(device.len().saturating_sub(8)..).unwrap_or(&device);
            outln!("{}", t!("sync-status-this-copy", copy = sync::display_tag(&tag), device = short));
            match store.last_sync_at()? {
                Some(at) => outln!(
                    "{}",
                    t!("sync-status-last", at = super::calendar::format_instant(&ctx.settings.calendar, at))
                ),
                None => outln!("{}", t!("sync-status-never")),
            }
            outln!("{}", t!("sync-status-unshared", count = store.unshared_count()?));
            for p in store.peers()? {
                outln!(
                    "{}",
                    t!(
                        "sync-status-peer",
                        peer = sync::display_tag(&p.tag),
                        at = super::calendar::format_instant(&ctx.settings.calendar, p.last_sync_at)
                    )
                );
            }
            let open = store.conflicts(false)?.len();
            if open > 0 {
                outln!("{}", t!("sync-status-conflicts", count = open));
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
            return Err(CliError::input(t!("sync-export-never-synced")));
        }
        None => {
            let names: Vec<String> = peers.iter().map(|p| sync::display_tag(&p.tag)).collect();
            return Err(CliError::input(t!("sync-export-which-peer", known = names.join(", "))));
        }
    };
    let p = chosen.ok_or_else(|| CliError::input(t!("sync-export-no-such-peer")))?;
    Ok((p.vector, sync::display_tag(&p.tag)))
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::{Bytes, Lines};

    #[test]
    fn a_bundle_being_written_is_counted_in_lines_and_one_being_read_in_bytes() {
        let mut seen = Vec::new();
        let mut out = Lines::new(Vec::new(), |n| seen.push(n));
        out.write_all(b"{\"header\":1}\n{\"op\":1}\n{\"op\":").unwrap();
        out.write_all(b"2}\n{\"end\":true}\n").unwrap();
        assert_eq!(out.into_inner().len(), 44);
        assert_eq!(seen, [2, 4]);
        let mut read = Vec::new();
        let mut input = Bytes::new(&b"0123456789"[..], |n| read.push(n));
        let mut buf = [0u8; 4];
        while input.read(&mut buf).unwrap() > 0 {}
        assert_eq!(read, [4, 8, 10, 10]);
    }
}
