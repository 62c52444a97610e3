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
pub mod form;
mod forms;
pub mod input;
pub mod mail;
mod navigate;
pub mod queue;
mod refresh;
pub mod statement;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

pub use self::action::{Action, Effect, Focus, Message, View};
use self::board::BoardState;
pub use self::copy_info::CopyInfo;
use self::customers::CustomersState;
use self::detail::DetailState;
use self::form::{Form, FormKind};
use self::forms::Outcome;
use self::input::InputKey;
use self::mail::{CustomerMail, TriageState};
use self::queue::QueueState;
use self::statement::StatementState;
use crate::config::Settings;
use crate::domain::tiers::TierBook;
use crate::domain::{Role, Tier};
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
    pub timer_to_confirm: Option<String>,
    /// The timer key as the keymap has it (the terminal sets it; the question above names it).
    pub timer_key: String,
    /// The customer `D` was pressed on once: a second `D` archives or removes it.
    pub customer_to_confirm: Option<String>,
    /// The archive key as the help writes it (for the question asked first).
    pub archive_key: String,
    /// A name typed in the first-start question, for the terminal to remember in config.toml.
    pub name_to_remember: Option<String>,
    /// Text for the terminal to put on the clipboard (OSC 52), taken once sent.
    pub clipboard: Option<String>,
    pub customer_count: i64,
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
    open_by_customer: HashMap<String, usize>,
    board_loaded_at: Option<i64>,
    /// How long one step of background work may take (`None`: finish it in one step). The terminal
    /// sets it so keys stay responsive; tests leave it off to get whole results at once.
    pub summary_budget: Option<std::time::Duration>,
    /// A team replica's long catch-up in progress: how far, in per cent (the status bar shows it).
    pub catching_up: Option<u8>,
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
            tiers: TierBook::default(),
            list_rows: 20,
            too_small: false,
            quit: false,
            effect: None,
            copy: CopyInfo::default(),
            data_version: 0,
            open_by_customer: HashMap::new(),
            board_loaded_at: None,
            summary_budget: None,
            catching_up: None,
        };
        // Messages show instants in the zone the file bills in: make sure it knows it (a no-op when
        // the opener did it already, as the CLI's does).
        let _ = store.use_business_zone(app.settings.calendar.time_zone());
        // Names (customers, technicians) in the reader's order: Czech collation for a Czech reader.
        store.use_name_order(crate::i18n::name_order());
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

    /// Applies one action at `now`. Never panics on bad input; failures become the status message.
    pub fn update(&mut self, action: Action, store: &mut Store, now: DateTime<Utc>) {
        self.now = now;
        if let Some(m) = &self.message
            && !m.error
            && now - m.at > Duration::seconds(8)
        {
            self.message = None;
        }
        let place = self.place();
        let message = self.message.clone();
        self.apply(action, store);
        // A message is about the place it was said in: leaving that place (another view, a ticket
        // opened or closed) takes it away, unless the move itself said something new.
        if self.place() != place && self.message == message {
            self.message = None;
        }
    }

    /// Where the user is: the view, the open ticket, whether a statement is open.
    fn place(&self) -> (View, Option<String>, bool, bool) {
        (self.view, self.detail.as_ref().map(|d| d.ticket.id.clone()), self.statement.is_some(), self.triage.is_some())
    }

    fn apply(&mut self, action: Action, store: &mut Store) {
        if self.too_small {
            match action {
                Action::Quit | Action::ForceQuit => self.quit = true,
                Action::Tick
                | Action::Background
                | Action::CatchingUp(_)
                | Action::Resize { .. }
                | Action::TooSmall(_) => {}
                _ => return,
            }
        }
        if let Some(f) = &mut self.form
            && f.confirm_discard
            && !matches!(
                action,
                Action::Cancel
                    | Action::Back
                    | Action::Tick
                    | Action::Background
                    | Action::CatchingUp(_)
                    | Action::Resize { .. }
            )
        {
            f.confirm_discard = false;
            self.message = None;
        }
        if self.timer_to_confirm.is_some()
            && !matches!(
                action,
                Action::ToggleTimer | Action::Tick | Action::Background | Action::CatchingUp(_) | Action::Resize { .. }
            )
        {
            self.timer_to_confirm = None;
            self.message = None;
        }
        if self.customer_to_confirm.is_some()
            && !matches!(action, Action::ArchiveCustomer | Action::Tick | Action::Background | Action::Resize { .. })
        {
            self.customer_to_confirm = None;
            self.message = None;
        }
        match action {
            Action::Tick => self.tick(store),
            Action::CatchingUp(percent) => self.catching_up = percent.map(|p| p.min(100)),
            Action::Background => {
                if let Err(e) = self.summarise(store) {
                    self.store_error(e);
                }
            }
            Action::Resize { list_rows } => {
                self.list_rows = list_rows.max(1);
                self.queue.scroll_into_view(self.list_rows);
            }
            Action::TooSmall(small) => self.too_small = small,
            Action::Quit => self.quit(),
            Action::ForceQuit => self.quit = true,
            Action::Back => self.back(),
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::NextView | Action::PrevView => {
                let i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
                let n = View::ALL.len();
                let next = if action == Action::NextView { (i + 1) % n } else { (i + n - 1) % n };
                self.show(View::ALL[next], store);
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.list_rows as isize)),
            Action::PageDown => self.move_by(self.list_rows as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open(store),
            Action::History => self.toggle_history(store),
            Action::Filter(f) => {
                self.queue.history = None;
                self.queue.filters.toggle(f);
                self.queue.refilter_with(&self.me.clone());
                self.queue.scroll_into_view(self.list_rows);
                self.view = View::Queue;
            }
            Action::CycleSort => {
                if self.view == View::Queue && self.detail.is_none() {
                    self.queue.sort = self.queue.sort.next();
                    let keep = self.queue.selected_id().map(str::to_string);
                    self.queue.sort_and_filter(keep.as_deref());
                    self.queue.scroll_into_view(self.list_rows);
                    self.info(crate::t!("sorted-by", column = self.queue.sort.label()));
                }
            }
            Action::CopyNumber => match self.target_ticket() {
                Some((_, number)) => {
                    self.info(crate::t!("copied-number", number = number.as_str()));
                    self.clipboard = Some(number);
                }
                None => self.error(crate::t!("copy-needs-ticket")),
            },
            Action::CycleTier => {
                self.queue.history = None;
                self.queue.tier = match self.queue.tier {
                    None => Some(Tier::Vip),
                    Some(Tier::Vip) => Some(Tier::Plus),
                    Some(Tier::Plus) => Some(Tier::Standard),
                    Some(Tier::Standard) => Some(Tier::None),
                    Some(Tier::None) => None,
                };
                self.queue.refilter_with(&self.me.clone());
                self.queue.scroll_into_view(self.list_rows);
            }
            Action::ClearFilters => {
                self.queue.history = None;
                self.update_filters_cleared();
                self.info(crate::t!("queue-showing-all"));
            }
            Action::Explain => {
                if let Some(d) = &mut self.detail {
                    d.show_explain = !d.show_explain;
                }
            }
            Action::Statement => self.open_statement(store),
            Action::NextPanel | Action::PrevPanel => {
                if self.view == View::Board && self.detail.is_none() {
                    let step = if action == Action::NextPanel { 1 } else { -1 };
                    self.board.panel = self.board.panel.step(step);
                }
            }
            Action::PrevMonth => self.step_statement(-1, store),
            Action::NextMonth => self.step_statement(1, store),
            Action::ToggleTimer => self.toggle_timer(store),
            Action::Take => self.take(store),
            Action::Jump
            | Action::Search
            | Action::NewTicket
            | Action::NewCustomer
            | Action::FilterCustomer
            | Action::Comment
            | Action::Respond
            | Action::AddTime
            | Action::CorrectTime
            | Action::AssignMail
            | Action::AddContact
            | Action::AddDomain
            | Action::RemoveMail
            | Action::EditCustomer => self.open_form(&action, store),
            Action::EditTicket => {
                self.open_form(&action, store);
                if let (Some(f), Some(d)) = (&mut self.form, &self.detail)
                    && f.kind == FormKind::EditTicket
                {
                    f.loaded = Some(d.ticket.clone());
                }
            }
            Action::ArchiveCustomer => self.archive_customer(store),
            Action::ShowArchived => {
                let show = !self.customers.show_archived;
                self.customers.show_archived = show;
                self.customers.loaded_at = None;
                self.refresh_view(store, true);
                let key = self.archive_key.as_str();
                self.info(if show {
                    crate::t!("customers-archived-shown", key = key)
                } else {
                    crate::t!("customers-archived-hidden")
                });
            }
            Action::Triage => self.open_triage(store),
            Action::SetStatus | Action::Assign => {
                self.open_form(&action, store);
                let shown = self.detail.as_ref().map(|d| d.ticket.clone());
                if let Some(f) = &mut self.form {
                    f.loaded = match (shown, &f.ticket_id) {
                        (Some(t), Some(id)) if t.id == *id => Some(t),
                        (_, Some(id)) => store.ticket(id).ok().flatten(),
                        _ => None,
                    };
                }
            }
            Action::Submit => {
                if self.form.as_ref().and_then(Form::focused).is_some_and(|f| f.multiline) {
                    if let Some(f) = &mut self.form {
                        f.apply(InputKey::Newline);
                    }
                } else {
                    self.submit(store);
                }
            }
            Action::Save => self.submit(store),
            Action::Editor => self.open_editor(),
            Action::Edited(result) => self.edited(result),
            Action::Suspend => self.effect = Some(Effect::Suspend),
            Action::Unbound(key) => self.info(crate::t!("key-unbound", key = key)),
            Action::Cancel => self.cancel_form(),
            Action::NextField => {
                if let Some(f) = &mut self.form {
                    f.next_field();
                }
            }
            Action::PrevField => {
                if let Some(f) = &mut self.form {
                    f.prev_field();
                }
            }
            Action::ClickRow(index) => self.click_row(index, store),
            Action::Input(key) => {
                if let Some(f) = &mut self.form {
                    f.apply(key);
                }
            }
            Action::Paste(text) => self.paste(&text),
        }
        // A statement lives over the customers view: an action that left it (a search) closes it.
        if self.view != View::Customers {
            self.statement = None;
        }
        self.follow_customer_mail(store);
    }

    /// Ctrl-E: a multi-line field's text goes to the external editor (the event loop runs it).
    fn open_editor(&mut self) {
        match self.form.as_ref().and_then(Form::focused) {
            Some(f) if f.multiline => self.effect = Some(Effect::Edit(f.value().to_string())),
            Some(_) => self.info(crate::t!("editor-multiline-only")),
            None => {}
        }
    }

    /// The editor's answer: its text replaces the field's (the trailing newline editors add is
    /// dropped); a failure keeps the text and says why.
    fn edited(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                let text = text.strip_suffix('\n').unwrap_or(&text);
                let text = text.strip_suffix('\r').unwrap_or(text);
                if let Some(f) = &mut self.form {
                    f.replace_focused(text);
                    self.info(crate::t!("editor-done"));
                }
            }
            Err(why) => self.error(crate::t!("editor-failed", why = why)),
        }
    }

    fn paste(&mut self, text: &str) {
        match &mut self.form {
            Some(f) => {
                if let Err(e) = f.paste(text) {
                    self.error(e);
                }
            }
            None => self.error(crate::t!("paste-no-form")),
        }
    }

    fn quit(&mut self) {
        if self.help {
            self.help = false;
        } else if self.detail.is_some() {
            self.detail = None;
        } else if self.triage.is_some() {
            self.triage = None;
        } else if self.statement.is_some() {
            self.statement = None;
        } else {
            self.quit = true;
        }
    }

    /// Esc in a form: an untouched one closes; a changed one asks first (Esc again discards).
    fn cancel_form(&mut self) {
        let Some(f) = &mut self.form else { return };
        if f.changed() && !f.confirm_discard && !f.is_prompt() {
            f.confirm_discard = true;
            self.error(crate::t!("form-discard-ask"));
        } else {
            self.form = None;
            if self.message.as_ref().is_some_and(|m| m.text == crate::t!("form-discard-ask")) {
                self.message = None;
            }
        }
    }

    fn open_form(&mut self, action: &Action, store: &Store) {
        match forms::build(self, store, action) {
            Ok(form) => self.form = Some(form),
            Err(msg) => self.error(msg),
        }
    }

    fn submit(&mut self, store: &mut Store) {
        let Some(mut form) = self.form.take() else { return };
        form.clear_errors();
        match forms::submit(self, &mut form, store) {
            Ok(Outcome::Saved(msg)) => {
                self.info(msg);
                self.reload(store);
            }
            Ok(Outcome::Shown) => {}
            Ok(Outcome::OpenTicket(id)) => self.open_ticket(&id, store),
            Ok(Outcome::Opened { ticket_id, said }) => {
                self.reload(store);
                self.open_ticket(&ticket_id, store);
                self.info(said);
            }
            Err(()) => {
                let msg = form
                    .error
                    .clone()
                    .or_else(|| form.fields.iter().find_map(|f| f.error.clone()))
                    .unwrap_or_else(|| crate::t!("form-correct-marked"));
                self.error(msg);
                if let Some(i) = form.fields.iter().position(|f| f.error.is_some()) {
                    form.focus = i;
                }
                self.form = Some(form);
            }
        }
    }

    /// How many open tickets a customer has (from the loaded queue).
    pub fn open_count(&self, customer_id: &str) -> usize {
        self.open_by_customer.get(customer_id).copied().unwrap_or(0)
    }
}
