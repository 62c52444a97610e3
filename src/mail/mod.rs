//! Mail in and out, the Unix way: a Maildir that mbsync, fetchmail or getmail fill is read (never
//! changed: no message is moved or deleted, which a sync tool would mirror to the server), and answers
//! go out through a sendmail-compatible command (`sendmail -t -oi`, `msmtp -t`).

pub mod fixture;
pub mod outbox;
pub mod parse;
mod parts;
mod recover;
pub mod send;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::store::{Intake, Store, StoreError};
use crate::t;
pub use parse::{FileFacts, Quarantine};

/// What one import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub tickets: usize,
    pub comments: usize,
    pub triage: usize,
    pub quarantined: usize,
    pub already: usize,
    /// Numbers of the tickets a reply moved back to `open` (counted in `comments` too).
    pub reopened: Vec<String>,
    /// Each quarantined message: its file and why.
    pub notes: Vec<String>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t!(
            "mail-import-summary",
            tickets = self.tickets,
            comments = self.comments,
            triage = self.triage,
            quarantined = self.quarantined,
            already = self.already
        ))?;
        if !self.reopened.is_empty() {
            let numbers: Vec<String> = self.reopened.iter().map(|n| format!("#{n}")).collect();
            f.write_str(&t!("mail-import-reopened", count = self.reopened.len(), tickets = numbers.join(", ")))?;
        }
        Ok(())
    }
}

#[derive(Debug)]
pub enum ImportError {
    /// The Maildir itself cannot be read.
    Maildir {
        path: String,
        reason: String,
    },
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Maildir { path, reason } => {
                f.write_str(&t!("mail-maildir-unreadable", path = path.as_str(), reason = reason.as_str()))
            }
            ImportError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ImportError {}

/// Where and how mail is imported.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Addresses whose mail is an incident (lower case).
    pub incident_addresses: Vec<String>,
    /// Where quarantined messages are copied, each with a `.reason` file beside it.
    pub quarantine: PathBuf,
    /// Our own sender address (`[mail] from`): mail from it is never a customer's. Our answer coming
    /// back (a Bcc or an alias that includes the support address) is known by its Message-ID and
    /// skipped as already imported; any other mail from it is quarantined with its reason.
    pub own_address: Option<String>,
}

/// The files of `new/` and `cur/`, in name order (each directory's own order: new first).
pub fn maildir_files(maildir: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let shown = maildir.display().to_string();
    let mut files = Vec::new();
    let mut readable = 0;
    let mut last_error = t!("mail-maildir-empty");
    for sub in ["new", "cur"] {
        let dir = maildir.join(sub);
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                readable += 1;
                let mut names: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                    .map(|e| e.path())
                    .collect();
                names.sort();
                files.extend(names);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => last_error = format!("{sub}/: {e}"),
        }
    }
    if readable == 0 {
        return Err(ImportError::Maildir { path: shown, reason: last_error });
    }
    Ok(files)
}

/// A Maildir file's stable name: the part before the flags (`:2,S`), which mbsync keeps when it moves
/// a message from new/ to cur/ or changes its flags.
fn base_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.split(':').next().unwrap_or_default().to_string()
}

/// Imports every message of the Maildir not seen before. A message that cannot be used goes to the
/// quarantine with its reason; nothing stops the next message.
pub fn import(
    store: &mut Store,
    maildir: &Path,
    opts: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<Summary, ImportError> {
    let files = maildir_files(maildir)?;
    let mut summary = Summary::default();
    for path in files {
        let file_key = format!("file:{}", base_name(&path));
        if store.mail_seen(&file_key)? {
            summary.already += 1;
            continue;
        }
        let shown = path.strip_prefix(maildir).unwrap_or(&path).display().to_string();
        let meta = std::fs::metadata(&path);
        let size = meta.as_ref().map(|m| m.len()).unwrap_or(0);
        let facts = FileFacts {
            name_secs: crate::domain::mail::maildir_name_secs(&base_name(&path)),
            mtime: meta.as_ref().ok().and_then(|m| m.modified().ok()).map(DateTime::<Utc>::from),
        };
        let parsed = if size > parse::MAX_MESSAGE_BYTES {
            Err(Quarantine(t!(
                "mail-too-big",
                size = size / (1024 * 1024),
                limit = parse::MAX_MESSAGE_BYTES / (1024 * 1024)
            )))
        } else {
            match std::fs::read(&path) {
                Ok(raw) => parse::parse(&raw, facts, &opts.incident_addresses, now),
                Err(e) => Err(Quarantine(t!("mail-unreadable", error = e.to_string()))),
            }
        };
        let own = opts.own_address.as_deref().and_then(|a| crate::domain::mail::Address::parse(a).ok());
        let parsed = match parsed {
            Ok(mail) if own.as_ref() == Some(&mail.sender) => {
                if mail.message_id.as_deref().map(|id| store.mail_sent(id)).transpose()?.unwrap_or(false) {
                    store.mark_mail_seen(&file_key, "sent", now)?;
                    summary.already += 1;
                    continue;
                }
                Err(Quarantine(t!("mail-from-ourselves", address = mail.sender.to_string())))
            }
            other => other,
        };
        match parsed {
            Ok(mut mail) => match store.take_mail(
                &{
                    mail.file_key = Some(file_key.clone());
                    mail
                },
                now,
            )? {
                Intake::Ticket(_) => summary.tickets += 1,
                Intake::Comment(_) => summary.comments += 1,
                Intake::Reopened(n) => {
                    summary.comments += 1;
                    summary.reopened.push(n);
                }
                Intake::Triage(_) => summary.triage += 1,
                Intake::AlreadySeen => summary.already += 1,
            },
            Err(Quarantine(reason)) => match quarantine(&path, &opts.quarantine, &reason) {
                Ok(()) => {
                    store.mark_mail_seen(&file_key, "quarantined", now)?;
                    summary.quarantined += 1;
                    summary.notes.push(format!("{shown}: {reason}"));
                }
                Err(e) => {
                    // Not marked seen: the next import tries again.
                    summary.notes.push(t!(
                        "mail-quarantine-failed",
                        file = shown.as_str(),
                        reason = reason.as_str(),
                        error = e.to_string()
                    ));
                    continue;
                }
            },
        }
    }
    Ok(summary)
}

/// Puts a message into the quarantine directory with a `.reason` file beside it (the Maildir keeps
/// its own: nothing there is moved). A hard link where the quarantine is on the Maildir's file system
/// (no second copy of a 100 MiB message, and it outlives the sync tool deleting its file), else a copy
/// — an oversize message too, so the quarantine always holds what its reason is about. The reason is
/// written to a new file and renamed over `NAME.reason`: whatever had that name (an earlier reason, a
/// link someone put there) is replaced, never written through.
fn quarantine(path: &Path, dir: &Path, reason: &str) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let name = base_name(path);
    let name = if name.is_empty() { "message".to_string() } else { name };
    let target = dir.join(&name);
    if std::fs::symlink_metadata(&target).is_err() && std::fs::hard_link(path, &target).is_err() {
        std::fs::copy(path, &target)?;
    }
    // A dot-name is never a quarantined message's (Maildir file names never begin with a dot).
    let (mut file, temporary) = crate::store::create_fresh(&dir.join(".reason.tmp"))?;
    let written = file
        .write_all(format!("{reason}\n").as_bytes())
        .and_then(|()| std::fs::rename(&temporary, dir.join(format!("{name}.reason"))));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
