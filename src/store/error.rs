//! What went wrong in the store ([`StoreError`], worded in the reader's language) and how the CLI
//! classes it.

use crate::t;

/// What a [`StoreError::Unknown`] names that is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unknown {
    /// A customer asked for by id.
    Customer,
    /// A customer asked for by the name typed.
    CustomerNamed(String),
    /// A ticket asked for by id.
    Ticket,
    /// A ticket asked for by its number (as it reads, e.g. `1042` or `B-17`).
    TicketNumber(String),
    /// A mail waiting in triage, by its triage id.
    Triage(String),
    /// A contact of a customer, by its e-mail address.
    Contact(String),
    /// A mail domain of a customer.
    MailDomain(String),
    /// An open conflict, by the id typed.
    Conflict(String),
}

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Unknown::Customer => t!("store-unknown-customer"),
            Unknown::CustomerNamed(name) => t!("store-unknown-customer-named", name = name.as_str()),
            Unknown::Ticket => t!("store-unknown-ticket"),
            Unknown::TicketNumber(number) => t!("store-unknown-ticket-number", number = number.as_str()),
            Unknown::Triage(id) => t!("store-unknown-triage", id = id.as_str()),
            Unknown::Contact(email) => t!("store-unknown-contact", email = email.as_str()),
            Unknown::MailDomain(domain) => t!("store-unknown-mail-domain", domain = domain.as_str()),
            Unknown::Conflict(id) => t!("store-unknown-conflict", id = id.as_str()),
        };
        f.write_str(&text)
    }
}

/// What a [`StoreError::Needs`] change needs first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    /// The ticket (by number) has no first response yet, so it has no promised resolution date to move.
    FirstResponse(String),
    /// A time entry names no technician.
    Technician,
    /// The work lies in a closed month (`YYYY-MM`), whose statements are frozen: a change to it is booked
    /// as a correction in the current month, or waits for the month to be reopened (DOMAIN.md, closed
    /// months).
    Correction(String),
}

impl std::fmt::Display for Needs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Needs::FirstResponse(ticket) => t!("store-needs-first-response", ticket = ticket.as_str()),
            Needs::Technician => t!("store-needs-technician"),
            Needs::Correction(month) => t!("store-needs-correction", month = month.as_str()),
        };
        f.write_str(&text)
    }
}

/// A change refused for a reason the store says in its own terms; each edge may add the way out it
/// offers (the CLI names its command, see `cli::error`), the TUI shows the store's words alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The ticket (by number) has its first response already, given at `at` (as the file's zone
    /// shows it): its promised date is moved instead.
    AlreadyResponded { ticket: String, at: String },
    /// A branch of this copy's own identity was asked to be taken over: this copy takes a new
    /// identity instead.
    OwnIdentity,
    /// A write to a viewer's team replica (the file at `path`): the viewer's role reads only.
    ViewerReplica { path: String },
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Refused::AlreadyResponded { ticket, at } => {
                t!("store-already-responded", ticket = ticket.as_str(), at = at.as_str())
            }
            Refused::OwnIdentity => t!("sync-own-identity"),
            Refused::ViewerReplica { path } => t!("store-viewer-replica", path = path.as_str()),
        };
        f.write_str(&text)
    }
}

/// What went wrong in the store. Its text (`Display`) is in the reader's language (issue 18): the CLI
/// and the TUI both show it as it is.
#[derive(Debug)]
pub enum StoreError {
    Busy,
    NewerVersion {
        path: String,
        found: i64,
        supported: i64,
    },
    /// `what` is the message id of why it is not (`store-not-sqlite`, `store-other-program`,
    /// `store-not-a-file`).
    NotADatabase {
        path: String,
        what: &'static str,
    },
    /// A file or directory that is not there (or an empty file where a database must be).
    Missing(String),
    Corrupt {
        path: String,
        detail: String,
    },
    ReadOnly(String),
    /// A database (this path, as shown) whose latest changes wait in its `-wal` file, opened read-only
    /// where its `-shm` file cannot be made: it cannot be read as it is (see `store::open`).
    WalUnreadable(String),
    DiskFull,
    Conflict {
        ticket: String,
        field: String,
        theirs: String,
    },
    Invalid(String),
    /// Two copies' identities collide (a tag, a ticket number, a duplicated copy); `device` is the copy
    /// that should take a fresh identity, `hint` how (filled in by whoever knows the files involved).
    Clash {
        detail: String,
        device: String,
        hint: String,
    },
    NotFound(String),
    /// Something named that this file does not hold, said in the store's terms: each edge adds where to
    /// look (the CLI names the command that lists them, see `cli::error`).
    Unknown(Unknown),
    /// A change that needs something first, said in the store's terms (each edge says how to give it).
    Needs(Needs),
    /// A change refused, said in the store's terms (each edge may say what to do instead).
    Refused(Refused),
    /// A program helpdesk ran for the change (the mail command) failed; nothing was recorded.
    External(String),
    Io {
        path: String,
        source: std::io::Error,
    },
    Sqlite(rusqlite::Error),
    /// A sync of two files that failed on the second after the first had committed what it received.
    PartlySynced {
        applied: String,
        failed: String,
        cause: Box<StoreError>,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            StoreError::Busy => t!("store-busy"),
            StoreError::NewerVersion { path, found, supported } => {
                t!("store-newer-version", path = path.as_str(), found = *found, supported = *supported)
            }
            StoreError::NotADatabase { path, what } => {
                t!("store-not-a-database", path = path.as_str(), what = t!(what))
            }
            StoreError::Missing(m)
            | StoreError::ReadOnly(m)
            | StoreError::Invalid(m)
            | StoreError::NotFound(m)
            | StoreError::External(m) => m.clone(),
            StoreError::Corrupt { path, detail } => t!("store-corrupt", path = path.as_str(), detail = detail.as_str()),
            StoreError::DiskFull => t!("store-disk-full"),
            StoreError::Conflict { ticket, field, theirs } => {
                t!("store-conflict", ticket = ticket.as_str(), field = field.as_str(), theirs = theirs.as_str())
            }
            StoreError::Unknown(what) => what.to_string(),
            StoreError::Needs(what) => what.to_string(),
            StoreError::Refused(what) => what.to_string(),
            StoreError::WalUnreadable(path) => t!("store-wal-unreadable", path = path.as_str()),
            StoreError::Clash { detail, hint, .. } => t!("store-clash", detail = detail.as_str(), hint = hint.as_str()),
            StoreError::Io { path, source } => t!("store-io", path = path.as_str(), error = source.to_string()),
            StoreError::Sqlite(e) => t!("store-sqlite", error = e.to_string()),
            StoreError::PartlySynced { applied, failed, cause } => t!(
                "store-partly-synced",
                applied = applied.as_str(),
                failed = failed.as_str(),
                cause = cause.to_string()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<crate::domain::worktime::MinutesOutOfRange> for StoreError {
    fn from(e: crate::domain::worktime::MinutesOutOfRange) -> Self {
        StoreError::Invalid(crate::i18n::refusals::Worded::worded(&e))
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path: t!("store-the-database"), detail: e.to_string() }
            }
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly(t!("store-read-only-permissions")),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// The kind of error, for the log (its message may quote customer text, which is never logged).
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::Busy => "busy",
            StoreError::NewerVersion { .. } => "newer version",
            StoreError::NotADatabase { .. } => "not a database",
            StoreError::Missing(_) => "missing",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::ReadOnly(_) | StoreError::WalUnreadable(_) => "read-only",
            StoreError::DiskFull => "disk full",
            StoreError::Conflict { .. } => "edit conflict",
            StoreError::Invalid(_) | StoreError::Needs(_) | StoreError::Refused(_) => "invalid",
            StoreError::Clash { .. } => "identity clash",
            StoreError::NotFound(_) | StoreError::Unknown(_) => "not found",
            StoreError::External(_) => "external command",
            StoreError::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => "io: not found",
                std::io::ErrorKind::PermissionDenied => "io: permission denied",
                std::io::ErrorKind::StorageFull => "io: disk full",
                std::io::ErrorKind::TimedOut => "io: timed out",
                _ => "io",
            },
            StoreError::Sqlite(_) => "sqlite",
            StoreError::PartlySynced { cause, .. } => cause.kind(),
        }
    }

    /// The error that decides what kind of failure this is (a half-done sync's cause).
    pub fn cause(&self) -> &StoreError {
        match self {
            StoreError::PartlySynced { cause, .. } => cause.cause(),
            other => other,
        }
    }

    /// Whether the error is the user's input (as opposed to the file or the machine).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self.cause(),
            StoreError::Invalid(_)
                | StoreError::Needs(_)
                | StoreError::Refused(_)
                | StoreError::NotFound(_)
                | StoreError::Unknown(_)
                | StoreError::Conflict { .. }
        )
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
