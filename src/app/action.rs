//! What the app is told and what it asks: the views and the focus, the [`Action`]s that
//! [`super::App::update`] applies, the [`Effect`]s it asks of the terminal, and the status-bar
//! [`Message`].

use chrono::{DateTime, Utc};

use super::input::InputKey;
use super::queue::Filter;

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
    /// Whether a team replica's background connection is up (it hears every other desk's push at
    /// once, so the replica is up to date while it is); the status bar says so.
    TeamOnline(bool),
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
    /// The ticket view: the whole description over the history (PgUp/PgDn scroll it), or back.
    ToggleDescription,
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

impl Action {
    /// Whether the action comes from the clock, the background or the terminal rather than from the
    /// person (a tick, a background step, catching up, the team connection, a resize): it withdraws
    /// no question the interface is asking.
    pub fn is_passive(&self) -> bool {
        matches!(
            self,
            Action::Tick | Action::Background | Action::CatchingUp(_) | Action::TeamOnline(_) | Action::Resize { .. }
        )
    }
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
