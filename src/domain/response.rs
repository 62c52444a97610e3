//! A ticket's first response: when it was given and the resolution date it promised. Its rules live
//! here, once: a ticket has one first response, given no earlier than the ticket was received, and
//! the promised date is never before the response (also when the date is moved later on). The store
//! checks them against the ticket as it is inside its write transaction.

use chrono::{DateTime, Utc};

/// A first response that keeps the rules: built only through [`FirstResponse::new`] (a new one) or
/// [`FirstResponse::moved`] (the promised date of one given earlier moved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstResponse {
    at: DateTime<Utc>,
    resolve_by: DateTime<Utc>,
}

/// Why a first response (or a move of its promised date) is refused. The instants are UTC; the
/// edges show them in the provider's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ResponseRefused {
    /// The ticket has its first response already, given at this instant.
    #[error("the ticket already has its first response ({0})")]
    AlreadyGiven(DateTime<Utc>),
    /// The response would come before the ticket was received.
    #[error("the response time {at} is before the ticket was received ({received})")]
    BeforeReceived { at: DateTime<Utc>, received: DateTime<Utc> },
    /// The promised resolution date (this instant) is before the response.
    #[error("the proposed resolution date {0} is before the response")]
    ResolveBeforeResponse(DateTime<Utc>),
}

impl FirstResponse {
    /// The first response of a ticket received at `received` whose first response so far is
    /// `earlier` (`None`: it has none), given at `at` and promising `resolve_by`.
    pub fn new(
        received: DateTime<Utc>,
        earlier: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
        resolve_by: DateTime<Utc>,
    ) -> Result<Self, ResponseRefused> {
        if let Some(earlier) = earlier {
            return Err(ResponseRefused::AlreadyGiven(earlier));
        }
        if at < received {
            return Err(ResponseRefused::BeforeReceived { at, received });
        }
        Self::moved(at, resolve_by)
    }

    /// The response given at `at` with its promised date moved to `resolve_by`.
    pub fn moved(at: DateTime<Utc>, resolve_by: DateTime<Utc>) -> Result<Self, ResponseRefused> {
        if resolve_by < at {
            return Err(ResponseRefused::ResolveBeforeResponse(resolve_by));
        }
        Ok(FirstResponse { at, resolve_by })
    }

    /// When the response was given (the SLA clock stops here).
    pub fn at(self) -> DateTime<Utc> {
        self.at
    }

    /// The promised resolution date.
    pub fn resolve_by(self) -> DateTime<Utc> {
        self.resolve_by
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_first_response_comes_once_after_the_ticket_and_before_its_promise() {
        let received = t("2026-03-02T09:00:00Z");
        let at = t("2026-03-02T10:00:00Z");
        let by = t("2026-03-05T16:00:00Z");
        let ok = FirstResponse::new(received, None, at, by).unwrap();
        assert_eq!((ok.at(), ok.resolve_by()), (at, by));
        assert_eq!(FirstResponse::new(received, None, received, received).map(FirstResponse::at), Ok(received));
        assert_eq!(FirstResponse::new(received, Some(at), at, by), Err(ResponseRefused::AlreadyGiven(at)));
        let early = t("2026-03-02T08:59:59Z");
        assert_eq!(
            FirstResponse::new(received, None, early, by),
            Err(ResponseRefused::BeforeReceived { at: early, received })
        );
        assert_eq!(
            FirstResponse::new(received, None, at, received),
            Err(ResponseRefused::ResolveBeforeResponse(received))
        );
    }

    #[test]
    fn a_moved_promise_is_never_before_the_response() {
        let at = t("2026-03-02T10:00:00Z");
        assert_eq!(FirstResponse::moved(at, at).map(FirstResponse::resolve_by), Ok(at));
        let before = t("2026-03-02T09:59:00Z");
        assert_eq!(FirstResponse::moved(at, before), Err(ResponseRefused::ResolveBeforeResponse(before)));
    }
}
