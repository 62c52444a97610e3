//! The one key table: every command written once, with its config name, its action, its words and its
//! default keys. A new command is one entry in `commands!` below.

use super::{Foot, Scope};
use crate::app::queue::Filter;
use crate::app::{Action, Focus};

const FORM: &[Focus] = &[Focus::Form];
const HELP: &[Focus] = &[Focus::Help];
const QUEUE: &[Focus] = &[Focus::Queue];
const DETAIL: &[Focus] = &[Focus::Detail];
const CUSTOMERS: &[Focus] = &[Focus::Customers];
const STATEMENT: &[Focus] = &[Focus::Statement];
const BOARD: &[Focus] = &[Focus::Board];
const TRIAGE: &[Focus] = &[Focus::Triage];
const LISTS: &[Focus] = &[Focus::Queue, Focus::Customers, Focus::Board];
const TICKETS: &[Focus] = &[Focus::Queue, Focus::Detail, Focus::Board];
const LIST_VIEWS: &[Focus] = &[Focus::Queue, Focus::Customers];
const FORM_HELP: &[Focus] = &[Focus::Form, Focus::Help];

/// The one key table: every command written once, with its config name (the `[keys]` name), the
/// action it runs, the message ids of its footer label and its help text, and its default bindings
/// (where, which keys, how it shows in the footer). A new command is one entry.
///
/// Table order is the order of the footer and the help overlay (a focus's own bindings first, then the
/// global ones) and, within a focus, of key resolution.
macro_rules! commands {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $name:literal, $action:expr, $label:literal, $help:literal,
            [$(($scope:expr, [$($key:literal),+], $foot:expr)),+ $(,)?];
    )+) => {
        /// Everything a key can be bound to (see the table in `commands!`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Command {
            $($(#[$doc])* $variant,)+
        }

        impl Command {
            /// Every command, in table order.
            pub const ALL: &'static [Command] = &[$(Command::$variant,)+];

            /// The name in the `[keys]` table of config.toml.
            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name,)+ }
            }

            /// The message id of the footer label (`quit`).
            pub fn label_id(self) -> &'static str {
                match self { $(Command::$variant => $label,)+ }
            }

            /// The message id of the help overlay's text.
            pub fn help_id(self) -> &'static str {
                match self { $(Command::$variant => $help,)+ }
            }

            /// What the command does.
            pub fn action(self) -> Action {
                match self { $(Command::$variant => $action,)+ }
            }

            /// The default bindings: (where, keys, footer).
            pub(super) fn defaults(self) -> Vec<(Scope, &'static [&'static str], Foot)> {
                match self { $(Command::$variant => vec![$(($scope, &[$($key),+][..], $foot)),+],)+ }
            }
        }
    };
}

use Foot::{No, Yes};
use Scope::{Global, Only};
const FILTER: Foot = Foot::Group("key-group-filter");

commands! {
    Submit = "submit", Action::Submit, "key-submit", "key-submit-help", [(Only(FORM), ["enter"], Yes)];
    Save = "save", Action::Save, "key-save", "key-save-help", [(Only(FORM), ["ctrl-s", "alt-enter"], Yes)];
    Cancel = "cancel", Action::Cancel, "key-cancel", "key-cancel-help", [(Only(FORM), ["esc"], Yes)];
    NextField = "next_field", Action::NextField, "key-next-field", "key-next-field-help",
        [(Only(FORM), ["tab"], Yes)];
    PrevField = "prev_field", Action::PrevField, "key-prev-field", "key-prev-field-help",
        [(Only(FORM), ["shift-tab"], No)];
    Editor = "editor", Action::Editor, "key-editor", "key-editor-help", [(Only(FORM), ["ctrl-e"], Yes)];
    Open = "open", Action::Open, "key-open", "key-open-help", [(Only(LISTS), ["enter"], Yes)];
    AssignMail = "assign_mail", Action::AssignMail, "key-assign-mail", "key-assign-mail-help",
        [(Only(TRIAGE), ["enter"], Yes)];
    AddContact = "add_contact", Action::AddContact, "key-add-contact", "key-add-contact-help",
        [(Only(CUSTOMERS), ["a"], No)];
    AddDomain = "add_domain", Action::AddDomain, "key-add-domain", "key-add-domain-help",
        [(Only(CUSTOMERS), ["d"], No)];
    RemoveMail = "remove_mail", Action::RemoveMail, "key-remove-mail", "key-remove-mail-help",
        [(Only(CUSTOMERS), ["x"], No)];
    Statement = "statement", Action::Statement, "key-statement", "key-statement-help",
        [(Only(CUSTOMERS), ["s"], Yes)];
    PrevMonth = "prev_month", Action::PrevMonth, "key-prev-month", "key-prev-month-help",
        [(Only(STATEMENT), ["[", "left"], Yes)];
    NextMonth = "next_month", Action::NextMonth, "key-next-month", "key-next-month-help",
        [(Only(STATEMENT), ["]", "right"], Yes)];
    NextPanel = "next_panel", Action::NextPanel, "key-next-panel", "key-next-panel-help",
        [(Only(BOARD), ["right", "]"], Yes)];
    PrevPanel = "prev_panel", Action::PrevPanel, "key-prev-panel", "key-prev-panel-help",
        [(Only(BOARD), ["left", "["], No)];
    Timer = "timer", Action::ToggleTimer, "key-timer", "key-timer-help", [(Only(TICKETS), ["t"], Yes)];
    Take = "take", Action::Take, "key-take", "key-take-help", [(Only(TICKETS), ["i"], No)];
    Respond = "respond", Action::Respond, "key-respond", "key-respond-help", [(Only(DETAIL), ["r"], Yes)];
    Comment = "comment", Action::Comment, "key-comment", "key-comment-help", [(Only(DETAIL), ["c"], Yes)];
    Status = "status", Action::SetStatus, "key-status", "key-status-help", [(Only(DETAIL), ["s"], Yes)];
    Assign = "assign", Action::Assign, "key-assign", "key-assign-help", [(Only(DETAIL), ["a"], Yes)];
    AddTime = "add_time", Action::AddTime, "key-add-time", "key-add-time-help", [(Only(DETAIL), ["e"], Yes)];
    CorrectTime = "correct_time", Action::CorrectTime, "key-correct-time", "key-correct-time-help",
        [(Only(DETAIL), ["E"], Yes)];
    EditTicket = "edit_ticket", Action::EditTicket, "key-edit-ticket", "key-edit-ticket-help",
        [(Only(DETAIL), ["u"], Yes)];
    EditCustomer = "edit_customer", Action::EditCustomer, "key-edit-customer", "key-edit-customer-help",
        [(Only(CUSTOMERS), ["u"], Yes)];
    ArchiveCustomer = "archive_customer", Action::ArchiveCustomer, "key-archive-customer",
        "key-archive-customer-help", [(Only(CUSTOMERS), ["D"], No)];
    ShowArchived = "show_archived", Action::ShowArchived, "key-show-archived", "key-show-archived-help",
        [(Only(CUSTOMERS), ["A"], No)];
    Explain = "explain", Action::Explain, "key-explain", "key-explain-help", [(Only(DETAIL), ["x"], Yes)];
    Description = "description", Action::ToggleDescription, "key-description", "key-description-help",
        [(Only(DETAIL), ["d"], No)];
    Search = "search", Action::Search, "key-search", "key-search-help", [(Only(QUEUE), ["/"], Yes)];
    FilterMine = "filter_mine", Action::Filter(Filter::Mine), "key-filter-mine", "key-filter-mine-help",
        [(Only(QUEUE), ["m"], FILTER)];
    FilterUnassigned = "filter_unassigned", Action::Filter(Filter::Unassigned), "key-filter-unassigned",
        "key-filter-unassigned-help", [(Only(QUEUE), ["u"], FILTER)];
    FilterBreached = "filter_breached", Action::Filter(Filter::Breached), "key-filter-breached",
        "key-filter-breached-help", [(Only(QUEUE), ["b"], FILTER)];
    FilterAtRisk = "filter_at_risk", Action::Filter(Filter::AtRisk), "key-filter-at-risk",
        "key-filter-at-risk-help", [(Only(QUEUE), ["r"], FILTER)];
    FilterNeedsResponse = "filter_needs_response", Action::Filter(Filter::NeedsResponse),
        "key-filter-needs-response", "key-filter-needs-response-help", [(Only(QUEUE), ["f"], FILTER)];
    FilterTier = "filter_tier", Action::CycleTier, "key-filter-tier", "key-filter-tier-help",
        [(Only(QUEUE), ["v"], FILTER)];
    FilterCustomer = "filter_customer", Action::FilterCustomer, "key-filter-customer", "key-filter-customer-help",
        [(Only(QUEUE), ["c"], FILTER)];
    FilterAll = "filter_all", Action::ClearFilters, "key-filter-all", "key-filter-all-help",
        [(Only(QUEUE), ["a"], FILTER)];
    Sort = "sort", Action::CycleSort, "key-sort", "key-sort-help", [(Only(QUEUE), ["o"], Yes)];
    CopyNumber = "copy_number", Action::CopyNumber, "key-copy-number", "key-copy-number-help",
        [(Only(TICKETS), ["y"], No)];
    History = "history", Action::History, "key-history", "key-history-help", [(Only(LIST_VIEWS), ["h"], No)];
    NewTicket = "new_ticket", Action::NewTicket, "key-new-ticket", "key-new-ticket-help",
        [(Only(LIST_VIEWS), ["n"], Yes)];
    NewCustomer = "new_customer", Action::NewCustomer, "key-new-customer", "key-new-customer-help",
        [(Only(LIST_VIEWS), ["N"], Yes)];
    Top = "top", Action::Top, "key-top", "key-top-help", [(Only(LISTS), ["g", "home"], No)];
    Bottom = "bottom", Action::Bottom, "key-bottom", "key-bottom-help", [(Only(LISTS), ["G", "end"], No)];
    Up = "up", Action::Up, "key-up", "key-up-help", [(Only(HELP), ["k", "up"], Yes), (Global, ["k", "up"], No)];
    Down = "down", Action::Down, "key-down", "key-down-help",
        [(Only(HELP), ["j", "down"], Yes), (Global, ["j", "down"], No)];
    PageUp = "page_up", Action::PageUp, "key-page-up", "key-page-up-help",
        [(Only(HELP), ["pgup"], No), (Global, ["pgup", "ctrl-b"], No)];
    PageDown = "page_down", Action::PageDown, "key-page-down", "key-page-down-help",
        [(Only(HELP), ["pgdn", "space"], No), (Global, ["pgdn", "ctrl-f"], No)];
    Help = "help", Action::Help, "key-help", "key-help-help",
        [(Only(HELP), ["?", "esc", "q"], Yes), (Global, ["?"], Yes)];
    Quit = "quit", Action::Quit, "key-quit", "key-quit-help", [(Global, ["q"], Yes)];
    Back = "back", Action::Back, "key-back", "key-back-help", [(Global, ["esc"], No)];
    Jump = "jump", Action::Jump, "key-jump", "key-jump-help", [(Global, [":"], Yes)];
    NextView = "next_view", Action::NextView, "key-next-view", "key-next-view-help", [(Global, ["tab"], Yes)];
    Triage = "triage", Action::Triage, "key-triage", "key-triage-help", [(Global, ["M"], Yes)];
    PrevView = "prev_view", Action::PrevView, "key-prev-view", "key-prev-view-help",
        [(Global, ["shift-tab"], No)];
    ForceQuit = "force_quit", Action::ForceQuit, "key-force-quit", "key-force-quit-help",
        [(Only(FORM_HELP), ["ctrl-c"], No), (Global, ["ctrl-c"], No)];
    Suspend = "suspend", Action::Suspend, "key-suspend", "key-suspend-help",
        [(Only(FORM_HELP), ["ctrl-z"], No), (Global, ["ctrl-z"], No)];
}
