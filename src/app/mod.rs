//! The application state and its one entry point, [`App::update`]: an [`Action`] (already resolved
//! from a key by the keymap) is applied against the store at `now`. No terminal, no SQL text, no clock:
//! the event loop passes `now`, so tests drive the app with a fixed clock and an in-memory store.
//!
//! Refresh: after its own writes the app reloads at once; other processes' commits are noticed on
//! [`Action::Tick`] through `PRAGMA data_version` (which changes only for *other* connections' commits).
//! Errors never escape `update`: they become the status-bar message, and a form keeps what was typed.

pub mod board;
pub mod compliance;
pub mod customers;
pub mod detail;
pub mod form;
pub mod input;
pub mod mail;
pub mod queue;
mod refresh;
pub mod statement;
mod submit;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use self::board::BoardState;
use self::customers::CustomersState;
use self::detail::DetailState;
use self::form::{Form, FormKind};
use self::input::InputKey;
use self::mail::{CustomerMail, TriageState};
use self::queue::{Filter, QueueState};
use self::statement::StatementState;
use crate::config::Settings;
use crate::domain::tiers::TierBook;
use crate::domain::{Role, Tier};
use crate::statements::timers;
use crate::store::{Store, StoreError, TimerRow};

/// The top-level views, in Tab order; the detail view opens over them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Queue,
    Customers,
    Board,
}

impl View {
    pub const ALL: [View; 3] = [View::Queue, View::Customers, View::Board];

    /// The view's name on its tab, in the reader's language.
    pub fn title(self) -> String {
        crate::i18n::text(match self {
            View::Queue => "view-queue",
            View::Customers => "view-customers",
            View::Board => "view-board",
        })
    }
}

/// What has the keyboard: decides which key bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Focus {
    Queue,
    Detail,
    Customers,
    Statement,
    Board,
    /// The mail from unknown senders (open over a view).
    Triage,
    Form,
    Help,
}

impl Focus {
    /// The name the help overlay heads this focus's keys with, in the reader's language.
    pub fn title(self) -> String {
        crate::i18n::text(match self {
            Focus::Queue => "view-queue",
            Focus::Detail => "view-ticket",
            Focus::Customers => "view-customers",
            Focus::Statement => "view-statement",
            Focus::Board => "view-board",
            Focus::Triage => "view-triage",
            Focus::Form => "view-forms",
            Focus::Help => "view-help",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// About once a second: countdowns, timers, and other processes' commits.
    Tick,
    /// No key is waiting: a step of the work in progress (customer summaries).
    Background,
    /// How far a team replica's long catch-up got, in per cent (`None`: none running); its background
    /// connection says so.
    CatchingUp(Option<u8>),
    /// The rows a list can show changed (terminal resized).
    Resize {
        list_rows: usize,
    },
    /// Whether the terminal is below the smallest size the views fit (`true`: only a notice is drawn,
    /// and no key but quit does anything: keys must never act on a UI nobody can see).
    TooSmall(bool),
    /// A customer's every ticket, closed ones too (again: back to the open ones).
    History,
    /// `q`: closes help / the ticket, quits from the top.
    Quit,
    /// Ctrl-C: quits from anywhere.
    ForceQuit,
    Back,
    Help,
    NextView,
    PrevView,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Jump,
    Search,
    NewTicket,
    NewCustomer,
    Filter(Filter),
    /// The queue's next sort column (urgency → number → customer → assignee → title).
    CycleSort,
    /// The selected (or open) ticket's number to the clipboard (the terminal sends it as OSC 52).
    CopyNumber,
    CycleTier,
    FilterCustomer,
    ClearFilters,
    Comment,
    SetStatus,
    Assign,
    Take,
    Respond,
    ToggleTimer,
    AddTime,
    CorrectTime,
    Explain,
    /// The selected customer's statement for the current month (customers view).
    Statement,
    PrevMonth,
    NextMonth,
    /// The board: the next / previous panel takes ↑/↓ (every panel can be scrolled).
    NextPanel,
    PrevPanel,
    /// Enter in a form: saves it, or in a multi-line field starts a new line.
    Submit,
    /// Ctrl-S / Alt-Enter: saves the form whatever field has the focus.
    Save,
    /// Ctrl-E in a multi-line field: edit its text in `$EDITOR` (see [`Effect::Edit`]).
    Editor,
    /// What the external editor gave back: the new text, or why there is none (the text is kept).
    Edited(Result<String, String>),
    /// Ctrl-Z: the terminal is handed back to the shell until `fg` (see [`Effect::Suspend`]).
    Suspend,
    /// A key that nothing is bound to here, as the help writes it.
    Unbound(String),
    Cancel,
    NextField,
    PrevField,
    Input(InputKey),
    /// Text pasted into the terminal (bracketed paste): it goes into the focused field whole, never
    /// read as keys.
    Paste(String),
    /// A click on row `index` of the current view's list: selects it, or opens it when already selected.
    ClickRow(usize),
    /// The mail from unknown senders (triage), over the current view.
    Triage,
    /// The selected triage mail becomes a ticket of a customer typed in a form.
    AssignMail,
    /// A contact / a mail domain of the selected customer: added, or one removed.
    AddContact,
    AddDomain,
    RemoveMail,
    /// The open ticket's fields in one form (title, kind, customer, promised date, description).
    EditTicket,
    /// The selected customer's name and tier.
    EditCustomer,
    /// The selected customer archived (it has tickets) or removed (it has none), asked first; an
    /// archived one (shown with [`Action::ShowArchived`]) unarchived, asked first.
    ArchiveCustomer,
    /// The customers view shows the archived customers too (marked), or hides them again.
    ShowArchived,
}

/// Work the app asks of the terminal: it has no terminal of its own (the event loop does it and
/// reports back, so tests see the request and answer it themselves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave the screen as the shell had it and stop (SIGTSTP); draw again on `fg`.
    Suspend,
    /// Run the external editor on this text and answer with [`Action::Edited`].
    Edit(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub at: DateTime<Utc>,
}

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

/// Shown in the status bar: read-only files, and for offline copies when they last synced, how many
/// of their changes are not shared yet, and open sync conflicts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyInfo {
    pub read_only: bool,
    /// Empty for the team file.
    pub tag: String,
    pub last_sync: Option<DateTime<Utc>>,
    pub unshared: i64,
    pub conflicts: usize,
    /// A team replica whose server does not answer: since when (its background connection records it).
    pub offline_since: Option<DateTime<Utc>>,
}

impl CopyInfo {
    /// A team file that never synced skips the counts: counting its unshared changes would read its
    /// whole log on every reload.
    pub fn load(store: &Store) -> crate::store::Result<Self> {
        let mut info = Self {
            read_only: store.is_read_only(),
            tag: store.device_tag()?,
            last_sync: store.last_sync_at()?,
            offline_since: store.team_contact()?.offline_since,
            ..Self::default()
        };
        if info.syncs() {
            info.unshared = store.unshared_count()?;
            info.conflicts = store.conflicts(false)?.len();
        }
        Ok(info)
    }

    /// Whether this file takes part in syncing at all (a copy, or a team file that has synced).
    pub fn syncs(&self) -> bool {
        !self.tag.is_empty() || self.last_sync.is_some()
    }
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
        self.form = Some(Form::new(
            FormKind::Technician,
            crate::t!("form-technician-title"),
            None,
            vec![form::Field::text(form::FieldId::Name, "", crate::t!("hint-technician"))],
        ));
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
        let ran = crate::i18n::words::minutes((self.now - t.started_at).num_minutes());
        self.form = Some(Form::new(
            FormKind::ForgottenTimer,
            crate::t!("timer-forgotten-title", number = t.ticket_number.as_str(), ran = ran),
            None,
            vec![form::Field::text(form::FieldId::Worked, "", crate::t!("hint-worked"))],
        ));
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
                self.queue.filters.clear();
                self.queue.tier = None;
                self.queue.customer = None;
                self.queue.search = None;
                self.queue.refilter_with(&self.me.clone());
                self.queue.scroll_into_view(self.list_rows);
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

    fn back(&mut self) {
        if self.form.is_some() {
            self.cancel_form();
        } else if self.help {
            self.help = false;
        } else if let Some(d) = &mut self.detail {
            if d.show_explain {
                d.show_explain = false;
            } else {
                self.detail = None;
            }
        } else if self.triage.is_some() {
            self.triage = None;
        } else if self.statement.is_some() {
            self.statement = None;
        } else if self.view != View::Queue {
            self.view = View::Queue;
        } else if self.queue.history.is_some() {
            self.queue.history = None;
        } else if self.queue.is_filtered() {
            self.update_filters_cleared();
        }
    }

    fn update_filters_cleared(&mut self) {
        self.queue.filters.clear();
        self.queue.tier = None;
        self.queue.customer = None;
        self.queue.search = None;
        self.queue.refilter_with(&self.me.clone());
        self.queue.scroll_into_view(self.list_rows);
    }

    fn show(&mut self, view: View, store: &mut Store) {
        self.detail = None;
        self.statement = None;
        self.triage = None;
        self.view = view;
        self.refresh_view(store, true);
    }

    fn move_by(&mut self, delta: isize) {
        let rows = self.list_rows;
        if self.help {
            // The view clamps it to what there is to scroll.
            self.help_scroll = (self.help_scroll as isize).saturating_add(delta.clamp(-200, 200)).max(0) as usize;
            return;
        }
        if let Some(d) = &mut self.detail {
            if !d.entries.is_empty() {
                let last = d.entries.len() as isize - 1;
                d.entry_selected = (d.entry_selected as isize).saturating_add(delta).clamp(0, last) as usize;
            }
            if delta.abs() >= rows as isize {
                // History scrolls back from the newest entry: PgUp (negative) goes further back.
                d.scroll =
                    (d.scroll as isize).saturating_sub(delta.signum() * (rows as isize / 2).max(1)).max(0) as usize;
                d.scroll = d.scroll.min(d.history.len().saturating_sub(1));
            }
            return;
        }
        if let Some(t) = &mut self.triage {
            t.move_by(delta, rows);
            return;
        }
        if let Some(st) = &mut self.statement {
            st.scroll_by(delta);
            return;
        }
        match self.view {
            View::Queue => self.queue.move_by(delta, rows),
            View::Customers => self.customers.move_by(delta, rows),
            View::Board => {
                let lens = board::PanelLens::of(self);
                self.board.move_by(delta, rows, &lens);
            }
        }
    }

    fn click_row(&mut self, index: usize, store: &mut Store) {
        if self.detail.is_some()
            || self.statement.is_some()
            || self.triage.is_some()
            || self.form.is_some()
            || self.help
        {
            return;
        }
        let selected = match self.view {
            View::Queue => self.queue.selected_index(),
            View::Customers => self.customers.selected,
            View::Board => self.board.selected,
        };
        if index == selected {
            self.open(store);
        } else {
            self.move_by(index as isize - selected as isize);
        }
    }

    fn open(&mut self, store: &mut Store) {
        if self.detail.is_some() || self.statement.is_some() || self.triage.is_some() {
            return;
        }
        match self.view {
            View::Queue => {
                if let Some(id) = self.queue.selected_id().map(str::to_string) {
                    self.open_ticket(&id, store);
                } else {
                    self.info(crate::t!("no-ticket-selected"));
                }
            }
            View::Board => {
                if let Some(id) = self.board.urgent.get(self.board.selected).cloned() {
                    self.open_ticket(&id, store);
                }
            }
            View::Customers => {
                if let Some(line) = self.customers.selected_line() {
                    self.queue.customer = Some((line.customer.id.clone(), line.customer.name.clone()));
                    self.queue.refilter_with(&self.me.clone());
                    self.queue.selected = 0;
                    self.queue.offset = 0;
                    self.view = View::Queue;
                }
            }
        }
    }

    /// Shows every ticket (closed ones too) of the selected customer — in the customers view the
    /// selected one, in the queue the filtered or the selected ticket's — or leaves that list.
    fn toggle_history(&mut self, store: &mut Store) {
        if self.detail.is_some() || self.statement.is_some() {
            return;
        }
        if self.view == View::Queue && self.queue.history.is_some() {
            self.queue.history = None;
            return;
        }
        let customer = match self.view {
            View::Customers => self.customers.selected_line().map(|l| (l.customer.id.clone(), l.customer.name.clone())),
            View::Queue => self.queue.customer.clone().or_else(|| {
                self.queue.selected_item().map(|i| (i.ticket.customer_id.clone(), i.ticket.customer_name.clone()))
            }),
            View::Board => None,
        };
        let Some(customer) = customer else {
            self.info(crate::t!("select-customer-first"));
            return;
        };
        match store.customer_tickets(&customer.0) {
            Ok(tickets) => {
                let source = queue::ListSource::Customer(customer.0, customer.1);
                self.queue.show_history(source, tickets, &self.tiers, &self.settings, self.now);
                self.view = View::Queue;
                self.queue.scroll_into_view(self.list_rows);
            }
            Err(e) => self.store_error(e),
        }
    }

    pub fn open_ticket(&mut self, id: &str, store: &mut Store) {
        match DetailState::load(store, &self.settings, &self.tiers, id, self.now) {
            Ok(d) => self.detail = Some(d),
            Err(e) => self.store_error(e),
        }
    }

    /// Opens the selected customer's statement for the current month (in the provider's zone).
    fn open_statement(&mut self, store: &mut Store) {
        if self.view != View::Customers || self.detail.is_some() {
            return;
        }
        let Some(customer) = self.customers.selected_line().map(|l| l.customer.clone()) else {
            self.info(crate::t!("no-customer-selected"));
            return;
        };
        let month = self.settings.calendar.month_of(self.now);
        match StatementState::load(store, &self.settings, customer, month) {
            Ok(s) => self.statement = Some(s),
            Err(e) => self.store_error(e),
        }
    }

    fn step_statement(&mut self, months: i32, store: &mut Store) {
        let Some(st) = &self.statement else { return };
        match st.step(store, &self.settings, months) {
            Ok(s) => self.statement = Some(s),
            Err(e) => self.store_error(e),
        }
    }

    /// The ticket an action applies to: the open detail, else the selected row.
    fn target_ticket(&self) -> Option<(String, String)> {
        if let Some(d) = &self.detail {
            return Some((d.ticket.id.clone(), d.ticket.number.clone()));
        }
        match self.view {
            View::Queue => self.queue.selected_item().map(|i| (i.ticket.id.clone(), i.ticket.number.clone())),
            View::Board => self
                .board
                .urgent
                .get(self.board.selected)
                .and_then(|id| self.queue.items.iter().find(|i| &i.ticket.id == id))
                .map(|i| (i.ticket.id.clone(), i.ticket.number.clone())),
            View::Customers => None,
        }
    }

    fn toggle_timer(&mut self, store: &mut Store) {
        let Some((id, number)) = self.target_ticket() else {
            self.error(crate::t!("timer-needs-ticket"));
            return;
        };
        let now = self.now;
        if self.ask_if_forgotten() {
            return;
        }
        let said = |s: &crate::statements::timers::Stopped| {
            let mut line = crate::t!(
                "timer-stopped-logged",
                number = s.stopped.timer.ticket_number.as_str(),
                duration = crate::i18n::words::minutes(i64::from(s.stopped.entry.minutes))
            );
            match s.correction {
                Some(amount) => {
                    let amount = crate::domain::money::human(amount, &self.settings.tariffs.currency);
                    line.push(' ');
                    line.push_str(&crate::t!("timer-month-closed-correction", amount = amount));
                }
                None if s.closed_month => {
                    line.push(' ');
                    line.push_str(&crate::t!("timer-month-closed-team"));
                }
                None => {}
            }
            line
        };
        if self.my_timer.as_ref().is_some_and(|t| t.ticket_id == id) {
            match timers::stop(store, &self.settings, &self.me, timers::Booking::AsRan, now) {
                Ok(Some(s)) => {
                    self.info(said(&s));
                    self.select_entry(&s.stopped.entry.entry);
                }
                Ok(None) => self.info(crate::t!("timer-none-running")),
                Err(e) => self.store_error(e),
            }
        } else {
            if self.timer_to_confirm.take().as_deref() != Some(id.as_str())
                && let Some(question) = self.timer_question(store, &id, &number)
            {
                self.timer_to_confirm = Some(id);
                self.error(question);
                return;
            }
            self.message = None;
            match timers::start(store, &self.settings, &id, &self.me, self.role, now) {
                Ok(Some(s)) => {
                    self.info(crate::t!("timer-started-after", number = number.as_str(), stopped = said(&s)));
                    self.select_entry(&s.stopped.entry.entry);
                }
                Ok(None) => self.info(crate::t!("timer-started", number = number.as_str())),
                Err(e) => self.store_error(e),
            }
        }
        self.reload(store);
    }

    /// After the next reload the open ticket's time entries select entry `id` (when it is one of them).
    pub(crate) fn select_entry(&mut self, id: &str) {
        if let Some(d) = &mut self.detail {
            d.select_next = Some(id.to_string());
        }
    }

    /// The question to ask before a timer starts on a closed (or resolved) ticket or on someone else's;
    /// `None`: start at once.
    fn timer_question(&self, store: &Store, id: &str, number: &str) -> Option<String> {
        let t = match store.ticket(id) {
            Ok(Some(t)) => t,
            _ => return None,
        };
        let key = crate::t!("timer-confirm-again", key = self.timer_key.as_str());
        if matches!(t.status, crate::domain::TicketStatus::Closed | crate::domain::TicketStatus::Resolved) {
            let status = crate::i18n::words::status(t.status);
            return Some(crate::t!("timer-confirm-closed", number = number, status = status, again = key));
        }
        match t.assignee.as_deref() {
            Some(who) if who != self.me => {
                Some(crate::t!("timer-confirm-theirs", number = number, name = who, again = key))
            }
            _ => None,
        }
    }

    /// `D` in the customers view: asks first, then archives the selected customer when it has tickets
    /// (they and its statements stay) or removes it when it has none (created by mistake); an archived
    /// customer (listed while archived ones are shown) is unarchived instead, asked first too.
    fn archive_customer(&mut self, store: &mut Store) {
        let Some(c) = self.customers.selected_line().map(|l| l.customer.clone()) else {
            self.error(crate::t!("no-customer-selected"));
            return;
        };
        if c.archived {
            if self.customer_to_confirm.take().as_deref() != Some(c.id.as_str()) {
                self.customer_to_confirm = Some(c.id.clone());
                let key = self.archive_key.as_str();
                self.error(crate::t!("customer-unarchive-confirm", name = c.name.as_str(), key = key));
                return;
            }
            self.message = None;
            match store.unarchive_customer(&c.id, self.now) {
                Ok(()) => self.info(crate::t!("customer-unarchived", name = c.name.as_str())),
                Err(e) => self.store_error(e),
            }
            self.reload(store);
            return;
        }
        let tickets = match store.customer_ticket_count(&c.id) {
            Ok(n) => n,
            Err(e) => return self.store_error(e),
        };
        if self.customer_to_confirm.take().as_deref() != Some(c.id.as_str()) {
            self.customer_to_confirm = Some(c.id.clone());
            let key = self.archive_key.as_str();
            let name = c.name.as_str();
            self.error(if tickets > 0 {
                crate::t!("customer-archive-confirm", name = name, count = tickets, key = key)
            } else {
                crate::t!("customer-remove-confirm", name = name, key = key)
            });
            return;
        }
        self.message = None;
        let month = self.settings.calendar.month_of(self.now);
        let done = if tickets > 0 {
            store
                .archive_customer(&c.id, month, self.now)
                .map(|()| crate::t!("customer-archived", name = c.name.as_str()))
        } else {
            store.remove_customer(&c.id, self.now).map(|()| crate::t!("customer-removed", name = c.name.as_str()))
        };
        match done {
            Ok(said) => self.info(said),
            Err(e) => self.store_error(e),
        }
        self.reload(store);
    }

    fn take(&mut self, store: &mut Store) {
        let Some((id, number)) = self.target_ticket() else {
            self.error(crate::t!("take-needs-ticket"));
            return;
        };
        let me = self.me.clone();
        match store.update_ticket(&id, vec![crate::store::TicketChange::Assignee(Some(me.clone()))], self.now) {
            Ok(()) => self.info(crate::t!("ticket-taken", number = number.as_str(), name = me.as_str())),
            Err(e) => self.store_error(e),
        }
        self.reload(store);
    }

    fn open_form(&mut self, action: &Action, store: &Store) {
        match submit::build_form(self, store, action) {
            Ok(form) => self.form = Some(form),
            Err(msg) => self.error(msg),
        }
    }

    fn submit(&mut self, store: &mut Store) {
        let Some(mut form) = self.form.take() else { return };
        form.clear_errors();
        match submit::submit(self, &mut form, store) {
            Ok(Some(msg)) => {
                self.info(msg);
                self.reload(store);
            }
            Ok(None) => {}
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
