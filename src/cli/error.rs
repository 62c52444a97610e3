//! Why a command failed ([`CliError`]), which decides the exit code.

use crate::store::{Needs, Refused, StoreError, Unknown};
use crate::t;

/// Why a command failed, which decides the exit code.
#[derive(Debug)]
pub enum CliError {
    Input(String),
    Busy(String),
    Failure(String),
    /// Whoever read the output went away (`| head`): nothing to report, the work is done.
    OutputClosed,
}

impl CliError {
    pub fn input(msg: impl Into<String>) -> Self {
        CliError::Input(msg.into())
    }

    /// An error writing the command's output: a closed pipe is the reader's choice, not a failure.
    pub fn output(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe { CliError::OutputClosed } else { e.into() }
    }

    pub(super) fn code(&self) -> u8 {
        match self {
            CliError::OutputClosed => 0,
            CliError::Failure(_) => 1,
            CliError::Input(_) => 2,
            CliError::Busy(_) => 3,
        }
    }

    pub(super) fn message(&self) -> &str {
        match self {
            CliError::Input(m) | CliError::Busy(m) | CliError::Failure(m) => m,
            CliError::OutputClosed => "",
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        // The kind only: the message may quote a customer's name or a ticket's title.
        tracing::warn!(kind = e.kind(), "store refused or failed");
        match e {
            e if matches!(e.cause(), StoreError::Busy) => CliError::Busy(e.to_string()),
            StoreError::Unknown(what) => CliError::Input(with_hint(&what)),
            StoreError::Needs(what) => CliError::Input(how_to_give(&what)),
            StoreError::Refused(what) => CliError::Input(instead(&what)),
            e @ StoreError::WalUnreadable(_) => CliError::Failure(t!("cli-hint-wal-unreadable", said = e.to_string())),
            e if e.is_bad_input() => CliError::Input(e.to_string()),
            e => CliError::Failure(e.to_string()),
        }
    }
}

/// What the store does not hold, and the command that lists what it does: the store says the first,
/// the CLI adds the second (the TUI shows the first alone).
fn with_hint(what: &Unknown) -> String {
    let said = what.to_string();
    let said = said.as_str();
    match what {
        Unknown::Customer | Unknown::CustomerNamed(_) => t!("cli-see-customer-list", said = said),
        Unknown::Ticket | Unknown::TicketNumber(_) => t!("cli-see-ticket-list", said = said),
        Unknown::Triage(_) => t!("cli-see-mail-triage", said = said),
        Unknown::Contact(_) | Unknown::MailDomain(_) => t!("cli-see-contact-list", said = said),
        Unknown::Conflict(_) => t!("cli-see-sync-conflicts", said = said),
    }
}

/// What a change needs first, and the option or command that gives it.
fn how_to_give(what: &Needs) -> String {
    let said = what.to_string();
    let said = said.as_str();
    match what {
        Needs::FirstResponse(_) => t!("cli-hint-respond", said = said),
        Needs::Technician => t!("cli-hint-by", said = said),
        Needs::Correction(month) => t!("cli-hint-correction", said = said, month = month.as_str()),
    }
}

/// What a refused change can be done as instead, by command.
fn instead(what: &Refused) -> String {
    let said = what.to_string();
    let said = said.as_str();
    match what {
        Refused::AlreadyResponded { ticket, .. } => t!("cli-hint-resolve-by", said = said, ticket = ticket.as_str()),
        Refused::OwnIdentity => t!("cli-hint-new-identity", said = said),
        Refused::ViewerReplica { .. } => said.to_string(),
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Failure(e.to_string())
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped};

    #[test]
    fn the_store_says_what_is_wrong_and_the_cli_adds_its_command() {
        let _en = Scoped::new(Language::English);
        let wal = StoreError::WalUnreadable("t.db".into());
        let said = wal.to_string();
        assert!(!said.contains("helpdesk"), "{said}");
        let cli = CliError::from(wal);
        assert_eq!(cli.code(), 1);
        assert_eq!(
            cli.message(),
            format!(
                "{said}; ask someone who may write there to run `helpdesk check` once, or copy the file with its -wal \
                 to a writable place"
            )
        );

        let own = StoreError::Refused(Refused::OwnIdentity);
        assert_eq!(own.to_string(), "that is this copy's own identity");
        let cli = CliError::from(own);
        assert_eq!((cli.code(), cli.message()), (2, "that is this copy's own identity: use `sync new-identity`"));

        let _cs = Scoped::new(Language::Czech);
        let own = StoreError::Refused(Refused::OwnIdentity);
        assert_eq!(CliError::from(own).message(), "to je vlastní identita této kopie: použijte `sync new-identity`");
    }
}
