//! The ticket and time commands: `ticket`, `time`, `timer`.

use clap::{Args, Subcommand};

use super::ListFormat;

#[derive(Debug, Subcommand)]
pub enum TicketCmd {
    /// Open a ticket; prints its number alone.
    Open {
        #[arg(long)]
        customer: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "request", value_name = "request|incident|consultation|change")]
        kind: String,
        #[arg(long, default_value = "")]
        description: String,
        #[arg(long)]
        assignee: Option<String>,
        /// When the request was received (RFC 3339; default now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
    /// Record the first response with a proposed resolution date (stops the SLA clock).
    Respond {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        #[arg(long, value_name = "DATE|RFC3339")]
        resolve_by: String,
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        /// Also mail the response to the ticket's contact (through [mail] sendmail in config.toml).
        #[arg(long)]
        send: bool,
        /// Words of your own in the mail, after the proposed resolution date.
        #[arg(long, value_name = "TEXT", requires = "send")]
        message: Option<String>,
    },
    /// List tickets with deadline, business time left and SLA state.
    List {
        /// Only new, open and waiting tickets.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        customer: Option<String>,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one ticket: details, SLA, comments, time and history.
    Show {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Explain how a ticket's deadline was reached.
    Explain {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Change a ticket's fields.
    Set(TicketSet),
    /// Add a comment (`--send`: also mail it to the ticket's contact).
    Comment {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        text: String,
        #[arg(long)]
        send: bool,
    },
}

#[derive(Debug, Args)]
pub struct TicketSet {
    #[arg(allow_negative_numbers = true)]
    pub ticket: String,
    #[arg(long, value_name = "new|open|waiting|resolved|closed")]
    pub status: Option<String>,
    /// Assign to someone; an empty string unassigns.
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long, value_name = "request|incident|consultation|change")]
    pub kind: Option<String>,
    #[arg(long, value_name = "DATE|RFC3339")]
    pub resolve_by: Option<String>,
    /// Move the ticket to another customer (its time in open months goes with it).
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TimeCmd {
    /// Log time on a ticket.
    Add {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        /// Minutes (45), or 1h30, 1:30.
        #[arg(long, value_name = "M", allow_hyphen_values = true)]
        minutes: String,
        /// When the work started (RFC 3339; default now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        /// The role the work is booked under (default: `role` in config.toml, else technician).
        #[arg(long, value_name = "technician|consultant")]
        role: Option<String>,
        /// Who did the work (default: you).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// The work is in a closed month: book it as a correction in the current month.
        #[arg(long)]
        correction: bool,
    },
    /// List a ticket's time entries (with their ids).
    List {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Correct an entry (it is replaced; the old one stays in the history).
    Correct {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        /// The entry's id, or a unique end of it (see `time list`).
        entry: String,
        #[arg(long, value_name = "M", allow_hyphen_values = true)]
        minutes: Option<String>,
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        correction: bool,
    },
    /// Remove an entry (recorded in the history).
    Remove {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        entry: String,
        #[arg(long)]
        correction: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TimerCmd {
    /// Start your timer on a ticket (stops a timer you had running, saying so).
    Start {
        #[arg(allow_negative_numbers = true)]
        ticket: String,
        /// The role the work is booked under (default: `role` in config.toml, else technician).
        #[arg(long, value_name = "technician|consultant")]
        role: Option<String>,
    },
    /// Stop your timer and log its time (under the role it was started with). A timer that ran longer
    /// than forgotten_timer_hours (config) books nothing until you say what was really worked.
    Stop {
        /// What was really worked (45, 1h30, 1:30), booked instead of the time it ran.
        #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
        worked: Option<String>,
    },
    /// Show running timers.
    Status {
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}
