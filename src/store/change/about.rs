//! What a [`Change`] is about, read from it: the entity it changes, the ticket whose history shows it,
//! and the value it replaced (`prev`) where two copies can change the same value.

use super::Change;

/// `$found` with `$prev` bound to the `prev` of a change of a value two copies can change concurrently
/// (by reference or mutably, as `$change` is), else `$other`: the one list of those changes.
macro_rules! with_prev {
    ($change:expr, $prev:ident => $found:expr, $other:expr) => {{
        use Change::*;
        match $change {
            CustomerRenamed { $prev, .. }
            | CustomerContactSet { $prev, .. }
            | TierSet { $prev, .. }
            | TicketTitleSet { $prev, .. }
            | TicketDescriptionSet { $prev, .. }
            | TicketKindSet { $prev, .. }
            | TicketCustomerSet { $prev, .. }
            | TicketStatusSet { $prev, .. }
            | TicketAssigneeSet { $prev, .. }
            | FirstResponse { $prev, .. } => $found,
            _ => $other,
        }
    }};
}

/// A pattern: the changes of a ticket itself (opened, a field set, renumbered, first response), its id
/// bound to `$id` — the entity they are about and the ticket whose history shows them.
macro_rules! ticket_itself {
    ($id:ident) => {
        Change::TicketOpened { id: $id, .. }
            | Change::TicketTitleSet { id: $id, .. }
            | Change::TicketDescriptionSet { id: $id, .. }
            | Change::TicketKindSet { id: $id, .. }
            | Change::TicketCustomerSet { id: $id, .. }
            | Change::TicketStatusSet { id: $id, .. }
            | Change::TicketAssigneeSet { id: $id, .. }
            | Change::TicketRenumbered { id: $id, .. }
            | Change::FirstResponse { id: $id, .. }
    };
}

impl Change {
    /// The entity the change is about.
    pub fn entity(&self) -> &str {
        use Change::*;
        match self {
            CustomerCreated { id, .. } | CustomerRenamed { id, .. } | CustomerContactSet { id, .. } => id,
            CustomerArchived { id } | CustomerUnarchived { id } | CustomerRemoved { id } => id,
            TierSet { customer, .. } => customer,
            ticket_itself!(id) => id,
            CommentAdded { id, .. } | CommentDeleted { id } => id,
            TimeEntryAdded { id, .. } | TimeEntryVoided { id } => id,
            TimerStarted { id, .. } | TimerStopped { id, .. } => id,
            MonthClosed { month, .. } | MonthReopened { month } => month,
            AdjustmentBooked { id, .. } | AdjustmentCancelled { id } | StatusReportRecorded { id, .. } => id,
            ConflictSettled { id, .. } => id,
            CopyCreated { device, .. } | CopyRetired { device } => device,
            ContactAdded { customer, .. } | ContactRemoved { customer, .. } => customer,
            MailDomainSet { domain, .. } | MailDomainRemoved { domain, .. } => domain,
            MailThreaded { message_id, .. } => message_id,
            MailTriaged { id, .. } | MailAssigned { id, .. } => id,
        }
    }

    /// What the change replaced where it was made (`prev`), for a change of a value two copies can change
    /// concurrently: `Some("")` when there was nothing before, `None` for other changes and for such
    /// changes written before schema 11.
    pub fn prev(&self) -> Option<&str> {
        with_prev!(self, prev => prev.as_deref(), None)
    }

    /// The change's `prev`, when it is a change of a value two copies can change concurrently.
    pub(crate) fn prev_mut(&mut self) -> Option<&mut Option<String>> {
        with_prev!(self, prev => Some(prev), None)
    }

    /// The ticket whose history shows this change, when it is known without a lookup.
    pub fn ticket(&self) -> Option<&str> {
        use Change::*;
        match self {
            ticket_itself!(id) => Some(id),
            CommentAdded { ticket, .. } | TimeEntryAdded { ticket, .. } | TimerStarted { ticket, .. } => Some(ticket),
            AdjustmentBooked { ticket, .. } => ticket.as_deref(),
            _ => None,
        }
    }
}
