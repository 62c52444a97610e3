//! The application state and its one entry point, [`App::update`]: an [`Action`] (already resolved
//! from a key by the keymap) is applied against the store at `now`. No terminal, no SQL text, no clock:
//! the event loop passes `now`, so tests drive the app with a fixed clock and an in-memory store.
//!
//! Refresh: after its own writes the app reloads at once; other processes' commits are noticed on
//! [`Action::Tick`] through `PRAGMA data_version` (which changes only for *other* connections' commits).
//! Errors never escape `update`: they become the status-bar message, and a form keeps what was typed.

mod action;
pub mod board;
mod commands;
pub mod compliance;
mod copy_info;
pub mod customers;
pub mod detail;
mod editing;
pub mod form;
mod forms;
pub mod input;
pub mod mail;
mod navigate;
pub mod queue;
mod refresh;
pub mod statement;
mod update;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

pub use self::action::{Action, Effect, Focus, Message, View};
use self::board::BoardState;
pub use self::copy_info::CopyInfo;
use self::customers::CustomersState;
use self::detail::DetailState;
use self::form::Form;
use self::mail::{CustomerMail, TriageState};
use self::queue::QueueState;
use self::statement::StatementState;
use crate::config::Settings;
use crate::domain::Role;
use crate::domain::tiers::TierBook;
use crate::statements::timers;
use crate::store::{Store, StoreError, TimerRow};

pub struct App {
    pub settings: Settings,
    pub me: String,
    pub role: Role,
    pub now: DateTime<Utc>,
    pub view: View,
    /// The ticket open in the detail view (over `view`).
    pub detail: Option<DetailState>,
    /// The customer statement open over the customers view.
    pub statement: Option<StatementState>,
    pub queue: QueueState,
    pub customers: CustomersState,
    pub board: BoardState,
    /// The triage list, open over the view.
    pub triage: Option<TriageState>,
    /// The selected customer's contacts and mail domains (customers view).
    pub customer_mail: Option<CustomerMail>,
    pub form: Option<Form>,
    pub help: bool,
    /// Rows of the help overlay scrolled off its top.
    pub help_scroll: usize,
    pub message: Option<Message>,
    pub my_timer: Option<TimerRow>,
    /// A timer start waiting for `t` again: the ticket (id) is closed or someone else's. Any other
    /// key lets it go.
    pub timer_to_confirm: Option<crate::domain::TicketId>,
    /// The timer key as the keymap has it (the terminal sets it; the question above names it).
    pub timer_key: String,
    /// The customer `D` was pressed on once: a second `D` archives or removes it.
    pub customer_to_confirm: Option<crate::domain::CustomerId>,
    /// The archive key as the help writes it (for the question asked first).
    pub archive_key: String,
    /// A name typed in the first-start question, for the terminal to remember in config.toml.
    pub name_to_remember: Option<String>,
    /// Text for the terminal to put on the clipboard (OSC 52), taken once sent.
    pub clipboard: Option<String>,
    pub customer_count: i64,
    /// How many of them are archived (the customers view lists them only on request).
    pub archived_customers: i64,
    pub tiers: TierBook,
    pub list_rows: usize,
    /// The terminal is too small to draw the views (see [`Action::TooSmall`]).
    pub too_small: bool,
    pub quit: bool,
    /// Work for the terminal (see [`Effect`]); the event loop takes it after each update.
    pub effect: Option<Effect>,
    /// Which copy of the database this is and how it stands with the others.
    pub copy: CopyInfo,
    data_version: i64,
    open_by_customer: HashMap<crate::domain::CustomerId, usize>,
    board_loaded_at: Option<i64>,
    /// The month (provider's zone) the board was loaded in: a new month reloads it (bb8 #14).
    board_loaded_month: Option<crate::domain::YearMonth>,
    /// How long one step of background work may take (`None`: finish it in one step). The terminal
    /// sets it so keys stay responsive; tests leave it off to get whole results at once.
    pub summary_budget: Option<std::time::Duration>,
    /// A team replica's long catch-up in progress: how far, in per cent (the status bar shows it).
    pub catching_up: Option<u8>,
    /// A team replica's background connection is up: the replica is up to date (the status bar says
    /// so instead of the time of the last change that arrived).
    pub team_online: bool,
}

impl App {
    /// Builds the app and loads the first screen.
    pub fn new(settings: Settings, store: &mut Store, now: DateTime<Utc>) -> Self {
        let me = store.actor().to_string();
        let role = settings.app.role;
        let mut app = Self {
            settings,
            me: me.clone(),
            role,
            now,
            view: View::Queue,
            detail: None,
            statement: None,
            queue: QueueState::default(),
            customers: CustomersState::default(),
            board: BoardState::default(),
            triage: None,
            customer_mail: None,
            form: None,
            help: false,
            help_scroll: 0,
            message: None,
            my_timer: None,
            timer_to_confirm: None,
            timer_key: "t".to_string(),
            customer_to_confirm: None,
            archive_key: "D".to_string(),
            name_to_remember: None,
            clipboard: None,
            customer_count: 0,
            archived_customers: 0,
            tiers: TierBook::default(),
            list_rows: 20,
            too_small: false,
            quit: false,
            effect: None,
            copy: CopyInfo::default(),
            data_version: 0,
            open_by_customer: HashMap::new(),
            board_loaded_at: None,
            board_loaded_month: None,
            summary_budget: None,
            catching_up: None,
            team_online: false,
        };
        // Messages show instants in the zone the file bills in: make sure it knows it (a no-op when
        // the opener did it already, as the CLI's does).
        let _ = store.use_business_zone(app.settings.calendar.time_zone());
        // Names (customers, technicians) in the reader's order: Czech collation for a Czech reader.
        store.use_name_order(crate::i18n::name_order());
        store.use_tier_names(app.settings.tariffs.clone());
        app.queue.refilter_with(&me);
        app.reload(store);
        app.ask_about_forgotten_timer();
        app
    }

    /// On first start, when nothing said who is working (`--as`, config.toml, `$HELPDESK_USER`, `$USER`):
    /// asks for the name (unless another question is open). Esc leaves it for the next start.
    pub fn ask_name(&mut self) {
        if self.form.is_some() {
            return;
        }
        self.form = Some(forms::technician());
    }

    /// On start: a timer of mine that ran longer than `forgotten_timer_hours` (e.g. left running over
    /// night, or across a crash) asks what was really worked; Esc keeps it running.
    fn ask_about_forgotten_timer(&mut self) {
        self.ask_if_forgotten();
    }

    /// Opens the question about my forgotten timer when it is one; whether it did. Stopping a forgotten
    /// timer (or starting another, which stops it) never books the time it ran without asking.
    fn ask_if_forgotten(&mut self) -> bool {
        let Some(t) = &self.my_timer else { return false };
        if !crate::statements::timers::is_forgotten(&self.settings, t, self.now) {
            return false;
        }
        self.form = Some(forms::forgotten_timer(t, self.now));
        true
    }

    /// Whether there is work to do between keys ([`Action::Background`]).
    pub fn has_background_work(&self) -> bool {
        self.customers.building.is_some() || self.board.reading()
    }

    pub fn focus(&self) -> Focus {
        if self.form.is_some() {
            Focus::Form
        } else if self.help {
            Focus::Help
        } else if self.detail.is_some() {
            Focus::Detail
        } else if self.triage.is_some() {
            Focus::Triage
        } else if self.statement.is_some() {
            Focus::Statement
        } else {
            match self.view {
                View::Queue => Focus::Queue,
                View::Customers => Focus::Customers,
                View::Board => Focus::Board,
            }
        }
    }

    /// The focus under any form or help overlay.
    pub fn base_focus(&self) -> Focus {
        if self.detail.is_some() {
            Focus::Detail
        } else if self.triage.is_some() {
            Focus::Triage
        } else {
            match self.view {
                View::Queue => Focus::Queue,
                View::Customers => Focus::Customers,
                View::Board => Focus::Board,
            }
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), error: false, at: self.now });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), error: true, at: self.now });
    }

    pub(crate) fn store_error(&mut self, e: StoreError) {
        // The kind only: the message may quote customer text.
        tracing::warn!(kind = e.kind(), view = ?self.focus(), "an action failed");
        self.error(e.to_string());
    }

    /// How many open tickets a customer has (from the loaded queue).
    pub fn open_count(&self, customer_id: &crate::domain::CustomerId) -> usize {
        self.open_by_customer.get(customer_id).copied().unwrap_or(0)
    }
}
