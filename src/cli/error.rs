//! Why a command failed ([`CliError`]), which decides the exit code.

use crate::store::StoreError;

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
            e if e.is_bad_input() => CliError::Input(e.to_string()),
            e => CliError::Failure(e.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Failure(e.to_string())
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;
