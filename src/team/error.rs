//! Why a team operation failed, in words the user can act on: connection errors, the server's own
//! refusals (raised by its schema's triggers), a server whose schema is not ours.

use postgres::Client;

use super::conninfo::Target;
use super::server;
use crate::domain::text::clean;
use crate::store::StoreError;

/// Why a team operation failed; the CLI maps `Input` to exit 2 and the rest to exit 1.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Failure(String),
    /// The server could not be reached, or stopped answering: the desk is offline (exit 1 for `team`
    /// commands; other commands go on with the replica alone).
    #[error("{0}")]
    Unreachable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type Result<T, E = TeamError> = std::result::Result<T, E>;

/// Says what a connection error means and how to fix it, without the password (which no error holds).
pub(crate) fn connect_error(e: &postgres::Error, target: &Target) -> TeamError {
    let at = target.shown();
    if let Some(db) = e.as_db_error() {
        let msg = clean(db.message(), false);
        return TeamError::Failure(match db.code().code() {
            "28P01" => crate::t!("team-wrong-password", at = at, role = target.user(), msg = msg),
            "28000" => crate::t!("team-role-not-let-in", at = at, role = target.user(), msg = msg),
            "3D000" => crate::t!("team-no-such-database", at = at, msg = msg),
            code if code.starts_with("57") => {
                return TeamError::Unreachable(crate::t!("team-not-taking-connections", at = at, msg = msg));
            }
            _ => crate::t!("team-connection-refused", at = at, msg = msg),
        });
    }
    let text = e.to_string();
    let cause = std::error::Error::source(e).map_or(text.clone(), |s| s.to_string());
    if text.contains("password missing") || cause.contains("password missing") {
        return TeamError::Failure(crate::t!("team-password-needed", at = at, role = target.user()));
    }
    TeamError::Unreachable(crate::t!("team-cannot-reach", at = at, cause = clean(&cause, false)))
}

/// A statement's error after connecting: the server's own words (untrusted text, cleaned).
pub(super) fn server_error(e: postgres::Error) -> TeamError {
    match e.as_db_error() {
        Some(db) if db.code().code() == "42501" => {
            let msg = clean(db.message(), false);
            TeamError::Failure(crate::t!("team-server-refused-it", msg = our_refusal(&msg).unwrap_or(msg)))
        }
        // Terminated by the admin or a restart (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
        // cannot_connect_now) or cut off by `statement_timeout` (57014): the connection is gone or
        // useless for now, as when the network drops.
        Some(db) if db.code().code().starts_with("57") => {
            TeamError::Unreachable(crate::t!("team-server-closed", msg = clean(db.message(), false)))
        }
        Some(db) => TeamError::Failure(crate::t!("team-server-failed", msg = clean(db.message(), false))),
        None => TeamError::Unreachable(crate::t!("team-connection-broke", msg = clean(&e.to_string(), false))),
    }
}

/// A refusal our own server functions raise (`server::SCHEMA`: `RAISE EXCEPTION … USING ERRCODE =
/// '42501'`) in the reader's language. They share their code with PostgreSQL's own "permission denied",
/// so they are told apart by their fixed English wording; `None` for any other text (shown as the
/// server wrote it).
fn our_refusal(msg: &str) -> Option<String> {
    if let Some(role) = msg
        .strip_prefix("role ")
        .and_then(|r| r.strip_suffix(" is not a technician of this helpdesk team (a viewer reads only)"))
    {
        return Some(crate::t!("team-refused-not-technician", role = role));
    }
    if let Some(rest) = msg.strip_prefix("an operation recorded as ") {
        let (actor, rest) = rest.split_once(" was refused: role ")?;
        let (role, technician) = rest.rsplit_once(" is the technician ")?;
        return Some(crate::t!("team-refused-actor", actor = actor, role = role, technician = technician));
    }
    if let Some(rest) = msg.strip_prefix("device ") {
        let (device, role) = rest.rsplit_once(" is not a desk of role ")?;
        return Some(crate::t!("team-refused-desk", device = device, role = role));
    }
    if let Some(rest) = msg.strip_prefix("batch ") {
        let (batch, role) = rest.rsplit_once(" is not one of role ")?;
        return Some(crate::t!("team-refused-batch", batch = batch, role = role));
    }
    None
}

/// The server's schema version must be ours: older → `team init` upgrades it; newer → upgrade helpdesk.
pub(super) fn check_schema(client: &mut Client, at: &str) -> Result<()> {
    match server::schema_version(client).map_err(server_error)? {
        None => Err(TeamError::Failure(crate::t!("team-no-team-yet", at = at))),
        Some(v) if v > server::SCHEMA_VERSION => Err(TeamError::Failure(crate::t!(
            "team-schema-newer",
            at = at,
            version = v,
            known = server::SCHEMA_VERSION
        ))),
        Some(v) if v < server::SCHEMA_VERSION => {
            Err(TeamError::Failure(crate::t!("team-schema-older", at = at, version = v)))
        }
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::our_refusal;
    use crate::i18n::{Language, Scoped};

    /// The texts `server::SCHEMA` raises, as PostgreSQL delivers them.
    const RAISED: [&str; 4] = [
        "role wally is not a technician of this helpdesk team (a viewer reads only)",
        "an operation recorded as Bob was refused: role alice is the technician Alice",
        "device 0190f1f0aa is not a desk of role alice",
        "batch 17 is not one of role alice",
    ];

    #[test]
    fn our_servers_refusals_read_in_english_as_raised_and_in_czech_in_czech() {
        {
            let _en = Scoped::new(Language::English);
            for raised in RAISED {
                assert_eq!(our_refusal(raised).as_deref(), Some(raised));
            }
            assert_eq!(our_refusal("permission denied for table ops"), None, "PostgreSQL's own words stay");
        }
        let _cs = Scoped::new(Language::Czech);
        let worded: Vec<String> = RAISED.iter().map(|r| our_refusal(r).unwrap()).collect();
        assert_eq!(
            worded,
            [
                "role wally nepatří žádnému technikovi tohoto týmu (divák data jen čte)",
                "operace zapsaná jménem Bob byla odmítnuta: role alice patří technikovi Alice",
                "zařízení 0190f1f0aa není pracovištěm role alice",
                "dávka 17 nepatří roli alice",
            ]
        );
        assert_eq!(our_refusal("device x"), None);
    }

    /// Every text the server's functions raise is one `our_refusal` words (a new `RAISE` is worded
    /// there too): each format with its `%` filled in.
    #[test]
    fn every_refusal_the_schema_raises_is_known() {
        let _cs = Scoped::new(Language::Czech);
        let sql = super::server::MIGRATIONS.join("\n");
        let formats: Vec<&str> = sql
            .split("RAISE EXCEPTION '")
            .skip(1)
            .map(|rest| rest.split_once('\'').map_or(rest, |(format, _)| format))
            .collect();
        assert!(formats.len() >= 4, "{formats:?}");
        for format in formats {
            let raised = format.replace('%', "x");
            assert!(our_refusal(&raised).is_some(), "not worded: {raised}");
        }
    }
}
