//! The customer and mail commands: `customer`, `contact`, `domain`, `mail`.

use std::path::PathBuf;

use clap::Subcommand;

use super::ListFormat;

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Add a customer with a contract tier (or none).
    Add {
        name: String,
        #[arg(long, value_name = "standard|plus|vip|none")]
        tier: String,
        /// The contract is in force from this month (default: the current one).
        #[arg(long, value_name = "YYYY-MM")]
        since: Option<String>,
        #[arg(long, default_value = "")]
        contact: String,
    },
    /// List customers (archived ones only with --all).
    List {
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Archived customers too.
        #[arg(long)]
        all: bool,
    },
    /// Rename a customer.
    Rename { name: String, new_name: String },
    /// Hide a customer from the list and the pickers (its tickets and statements stay).
    Archive { name: String },
    /// Bring an archived customer back.
    Unarchive { name: String },
    /// Remove a customer created by mistake (one with tickets is archived instead).
    Remove { name: String },
    /// Make two customers one (two copies each added it): OTHER's tickets (with their time in open
    /// months), contacts and mail domains move to KEEP, OTHER's fee ends from the first open month and it
    /// is archived. Closed months stay as billed. Name each by its id when they read the same (`id:…`).
    Merge { keep: String, other: String },
    /// One customer: tier, since, contract history, this month's prepaid minutes used and left, open tickets.
    Show {
        name: String,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Record a status report as done.
    ReportDone {
        name: String,
        /// The day it was delivered: 2026-03-31 or 31.3.2026 (today or earlier).
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// People at a customer who write in by mail.
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Whole mail domains that belong to a customer.
    #[command(subcommand)]
    Domain(DomainCmd),
    /// Change a customer's tier from a given month on.
    Tier {
        name: String,
        #[arg(long, value_name = "standard|plus|vip|none")]
        tier: String,
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a contact (default language cs), or change only what is given of one the customer has. An
    /// address another customer has moves here (said on stderr).
    Add {
        customer: String,
        email: String,
        #[arg(long)]
        name: Option<String>,
        /// The language of the mail we send them (the global --lang is what you read).
        #[arg(long = "mail-lang", value_name = "cs|en")]
        mail_lang: Option<String>,
    },
    /// A customer's contacts.
    List {
        customer: String,
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Remove a contact.
    Remove { customer: String, email: String },
}

#[derive(Debug, Subcommand)]
pub enum DomainCmd {
    /// Mail from any address at DOMAIN belongs to CUSTOMER (after contacts' own addresses).
    Add { customer: String, domain: String },
    /// Mail from DOMAIN no longer belongs to CUSTOMER (its contacts' own addresses still do).
    Remove { customer: String, domain: String },
}

#[derive(Debug, Subcommand)]
pub enum MailCmd {
    /// Turn the messages of a Maildir (new/ and cur/) not seen before into tickets and comments.
    Import { maildir: PathBuf },
    /// Mail from unknown senders, waiting to be assigned to a customer.
    Triage {
        #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Make the ticket of a triaged mail for CUSTOMER (received when the mail was).
    Assign {
        #[arg(allow_negative_numbers = true)]
        id: String,
        customer: String,
    },
}
