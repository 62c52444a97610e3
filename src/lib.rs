//! helpdesk: a terminal helpdesk for contract-guaranteed support.
//!
//! Where things are, from the edge inwards (nothing in [`store`] or [`domain`] reaches back up):
//! - `main.rs` → [`cli`]: arguments (clap), one file per command group; no subcommand runs [`tui`].
//! - [`tui`]: the terminal loop; [`app`]: the interface's state, changed only by actions
//!   ([`keymap`] turns keys into actions); [`ui`]: views that only draw an `App`.
//! - [`statements`]: month statements, closing months, corrections, timers' bookings — the billing
//!   service over the store; [`ticket_sla`]: a ticket's tier and SLA status for every front end.
//! - [`mail`] (Maildir in, sendmail out), [`sync`] (bundles, `sync --remote`), [`team`] (the
//!   PostgreSQL team server): the outside world.
//! - [`store`]: the only module with SQL — the local SQLite file, its operation log (`store::change`
//!   holds every kind of change as data) and the state tables it applies to.
//! - [`domain`]: pure rules (calendar, SLA deadlines, billing, tiers, money); no I/O, no clock.
//! - [`i18n`]: every message people read, from `assets/i18n/{en,cs}`; [`config`], [`environment`]:
//!   settings and variables, checked at the edge.

// The allocator's library is linked wherever this crate is: `cli::reads` sets one of its options.
use mimalloc as _;

pub mod app;
pub mod beside;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod editor;
pub mod environment;
pub mod i18n;
pub mod keymap;
pub mod language;
pub mod logging;
pub mod mail;
pub mod progress;
pub mod statements;
pub mod store;
pub mod sync;
pub mod team;
pub mod ticket_sla;
pub mod tui;
pub mod ui;
