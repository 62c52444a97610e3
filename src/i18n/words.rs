//! Domain values as a person reads them, in the reader's language: ticket status and kind, work role,
//! SLA state. The domain keeps its machine names (`as_str`, used in JSON, CSV and the database); views
//! word them here.

use crate::domain::sla::SlaState;
use crate::domain::{Role, TicketKind, TicketStatus};

/// `open` / `otevřený`.
pub fn status(s: TicketStatus) -> String {
    crate::i18n::text(match s {
        TicketStatus::New => "status-new",
        TicketStatus::Open => "status-open",
        TicketStatus::Waiting => "status-waiting",
        TicketStatus::Resolved => "status-resolved",
        TicketStatus::Closed => "status-closed",
    })
}

/// `incident` / `incident`, `request` / `požadavek`.
pub fn kind(k: TicketKind) -> String {
    crate::i18n::text(match k {
        TicketKind::Request => "kind-request",
        TicketKind::Incident => "kind-incident",
        TicketKind::Consultation => "kind-consultation",
        TicketKind::Change => "kind-change",
    })
}

/// `technician` / `technik`.
pub fn role(r: Role) -> String {
    crate::i18n::text(match r {
        Role::Technician => "role-technician",
        Role::Consultant => "role-consultant",
    })
}

/// `at risk` / `ohrožený`.
pub fn sla_state(s: SlaState) -> String {
    crate::i18n::text(match s {
        SlaState::Breached => "sla-breached",
        SlaState::AtRisk => "sla-at-risk",
        SlaState::Running => "sla-running",
        SlaState::Paused => "sla-paused",
        SlaState::Met => "sla-met",
        SlaState::NoSla => "sla-no-sla",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Scoped};

    #[test]
    fn english_keeps_the_words_of_before_and_czech_has_its_own() {
        let _en = Scoped::new(Language::English);
        for s in [SlaState::Breached, SlaState::AtRisk, SlaState::NoSla, SlaState::Met] {
            assert_eq!(sla_state(s), s.label());
        }
        for s in TicketStatus::ALL {
            assert_eq!(status(s), s.as_str());
        }
        drop(_en);
        let _cs = Scoped::new(Language::Czech);
        assert_eq!(sla_state(SlaState::Breached), "po termínu");
        assert_eq!(status(TicketStatus::Waiting), "čeká");
        assert_eq!(kind(TicketKind::Request), "požadavek");
        assert_eq!(role(Role::Technician), "technik");
    }
}
