//! `helpdesk info [--format table|json]`: where things are and what the file holds — for a person
//! finding their way, and for bug reports. It never creates, upgrades or writes the database: a
//! missing (or empty) file is reported as such, its figures `null`.

use crate::t;
use serde::Serialize;

use super::args::ListFormat;
use super::{CliResult, Context};
use crate::store::{Counts, Store};

#[derive(Serialize)]
struct Info {
    version: &'static str,
    database: Database,
    copy: Copy,
    /// The team server's URL without its password (a replica's binding); null for a file of its own.
    team: Option<String>,
    config_dir: Option<String>,
    config_files: Vec<String>,
    log_file: Option<String>,
    language: &'static str,
    zone: String,
}

#[derive(Serialize)]
struct Database {
    path: String,
    size_bytes: Option<u64>,
    schema_version: Option<i64>,
    counts: Option<CountsJson>,
}

#[derive(Serialize)]
struct CountsJson {
    customers: i64,
    tickets: i64,
    time_entries: i64,
    comments: i64,
    operations: i64,
}

#[derive(Serialize)]
struct Copy {
    device: Option<String>,
    /// The copy's ticket-number tag; empty for the team file.
    tag: Option<String>,
}

pub fn run(ctx: &Context, format: ListFormat) -> CliResult {
    let info = gather(ctx)?;
    match format {
        ListFormat::Json => super::print_json(&info),
        ListFormat::Table => {
            out!("{}", table(&info));
            Ok(())
        }
    }
}

fn gather(ctx: &Context) -> CliResult<Info> {
    let db = &ctx.db;
    // The file and its write-ahead log: what the database takes on disk.
    let size = |p: &std::path::Path| std::fs::metadata(p).ok().filter(|m| m.is_file()).map(|m| m.len());
    let main = size(db).filter(|&n| n > 0);
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let (mut database, mut copy) = (
        Database { path: db.display().to_string(), size_bytes: None, schema_version: None, counts: None },
        Copy { device: None, tag: None },
    );
    let mut team = None;
    // A directory, pipe or device at the path: refused as every command refuses it (it is no
    // database "yet").
    if std::fs::metadata(db).is_ok_and(|m| !m.is_file()) {
        Store::open_read_only(db, &ctx.actor)?;
    }
    if let Some(main) = main {
        let store = Store::open_read_only(db, &ctx.actor)?;
        let Counts { customers, tickets, time_entries, comments, operations } = store.counts()?;
        database.size_bytes = Some(main + size(std::path::Path::new(&wal)).unwrap_or(0));
        database.schema_version = Some(store.schema_version()?);
        database.counts = Some(CountsJson { customers, tickets, time_entries, comments, operations });
        copy = Copy { device: Some(store.device().to_string()), tag: Some(store.device_tag()?) };
        team = store.team_binding()?.map(|b| b.url);
    }
    let config_dir = crate::config::config_dir();
    let config_files = config_dir
        .iter()
        .flat_map(|dir| {
            ["tariffs.toml", "calendar.toml", "config.toml", "messages.cs.ftl", "messages.en.ftl"].map(|f| dir.join(f))
        })
        .filter(|p| p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    Ok(Info {
        version: env!("CARGO_PKG_VERSION"),
        database,
        copy,
        team,
        config_dir: config_dir.map(|d| d.display().to_string()),
        config_files,
        log_file: super::log_file().map(|p| p.display().to_string()),
        language: crate::i18n::language().code(),
        zone: ctx.settings.calendar.time_zone().name().to_string(),
    })
}

fn table(i: &Info) -> String {
    let none = |s: &Option<String>, absent: String| s.clone().unwrap_or(absent);
    let sub = |id: &str| format!("  {}", t!(id));
    let mut lines = vec![(t!("info-version"), i.version.to_string()), (t!("info-database"), i.database.path.clone())];
    match (&i.database.size_bytes, &i.database.counts) {
        (Some(size), Some(c)) => {
            lines.push((sub("info-size"), t!("info-bytes", size = size.to_string())));
            lines.push((sub("info-schema"), i.database.schema_version.map_or("-".into(), |v| v.to_string())));
            lines.push((sub("info-customers"), c.customers.to_string()));
            lines.push((sub("info-tickets"), c.tickets.to_string()));
            lines.push((sub("info-time-entries"), c.time_entries.to_string()));
            lines.push((sub("info-comments"), c.comments.to_string()));
            lines.push((sub("info-operations"), c.operations.to_string()));
        }
        _ => lines.push((sub("info-size"), t!("info-no-database"))),
    }
    let copy = match (&i.copy.tag, &i.copy.device) {
        (Some(tag), Some(device)) if tag.is_empty() => t!("info-team-file", device = device.as_str()),
        (Some(tag), Some(device)) => t!("info-copy-of", tag = tag.as_str(), device = device.as_str()),
        _ => "-".into(),
    };
    lines.push((t!("info-copy"), copy));
    lines.push((t!("info-team"), none(&i.team, t!("info-no-team-server"))));
    lines.push((t!("info-config-dir"), none(&i.config_dir, t!("info-built-in-defaults"))));
    let files = if i.config_files.is_empty() { t!("info-no-config-files") } else { i.config_files.join(", ") };
    lines.push((t!("info-config-files"), files));
    lines.push((t!("info-log-file"), none(&i.log_file, t!("info-no-log-file"))));
    lines.push((t!("info-language"), i.language.to_string()));
    lines.push((t!("info-zone"), i.zone.clone()));
    // Labels padded by characters (Czech ones hold accented letters), at least 16 wide as before.
    let width = lines.iter().map(|(k, _)| k.chars().count() + 1).max().unwrap_or(0).max(16);
    lines.iter().map(|(k, v)| format!("{k:<width$}{v}\n")).collect()
}
