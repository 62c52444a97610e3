//! A desk: a replica's live connection to its team server — connecting, pulling, pushing, pricing,
//! listening for the server's notifications.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use fallible_iterator::FallibleIterator;
use postgres::Client;

use super::call::Runner;
use super::conninfo::Target;
use super::{PUSH_PAGE, Pace, Pull, Result, TeamError, answer_limit, check_schema, server, server_error};
use crate::config::Settings;
use crate::domain::text::clean;
use crate::progress::Progress;
use crate::store::{Binding, Change, OpRecord, Store, Vector};

/// What [`Desk::price`] did: the amount booked (excl. VAT, in the price list's currency) and the
/// operations its catch-up received and its push sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Priced {
    pub booked: rust_decimal::Decimal,
    pub received: usize,
    pub sent: usize,
}

/// A replica's live connection to its team server.
pub struct Desk {
    /// `None` once given up (the server stopped answering within `limit`).
    pub(super) client: Option<Client>,
    pub(super) binding: Binding,
    /// How long one exchange may wait for the server (`None`: as long as it takes).
    pub(super) limit: Option<Duration>,
    /// Where a pull reports how far it got (`team join` draws a bar).
    pub(super) progress: Progress,
    /// How pulled operations are applied.
    pub(super) pace: Pace,
    /// Where exchanges run when they have a limit (made on the first).
    pub(super) runner: Option<Runner>,
}

/// An exchange on its way ([`Desk::call_ahead`]): the connection comes back with its answer.
pub(super) struct Ahead<T> {
    answer: std::sync::mpsc::Receiver<(Client, Result<T, postgres::Error>)>,
}

impl Desk {
    /// Connects to the server a replica is bound to; it must be the same server (its identity) and
    /// speak our schema version. Each later exchange waits at most [`answer_limit`] for the server.
    pub fn connect(binding: &Binding, timeout: Duration) -> Result<Desk> {
        Self::connect_with(binding, timeout, Some(answer_limit(timeout)))
    }

    /// As [`Desk::connect`], with each exchange waiting at most `limit` (`None`: as long as it takes).
    pub fn connect_with(binding: &Binding, timeout: Duration, limit: Option<Duration>) -> Result<Desk> {
        let target = Target::parse(&binding.url)?;
        let client = target.connect(timeout)?;
        let mut desk = Desk {
            client: Some(client),
            binding: binding.clone(),
            limit,
            progress: Progress::none(),
            pace: Pace::SHARED,
            runner: None,
        };
        let at = binding.url.clone();
        let millis = limit.map_or(0, |l| l.as_millis());
        let server_id = desk.call(move |c| {
            // The server gives up on a statement when the desk would (0: never).
            c.batch_execute(&format!("SET statement_timeout = {millis}"))?;
            Ok(check_schema(c, &at).map(|()| server::team(c)))
        })??;
        let (_, server_id) = server_id.map_err(server_error)?;
        if server_id != binding.server {
            return Err(TeamError::Failure(crate::t!("team-another-server", at = binding.url.as_str())));
        }
        Ok(desk)
    }

    pub fn binding(&self) -> &Binding {
        &self.binding
    }

    /// The server counts as unreachable: it did not answer within the desk's limit.
    fn stopped_answering(&self) -> TeamError {
        TeamError::Unreachable(crate::t!(
            "team-stopped-answering",
            at = self.binding.url.as_str(),
            ms = self.limit.unwrap_or_default().as_millis() as u64
        ))
    }

    /// The connection, for one call (given back when the call returns in time), with the runner that
    /// limits its wait started. Errors: none left (an earlier call was given up).
    fn take_client(&mut self) -> Result<Client> {
        if self.limit.is_some() && self.runner.is_none() {
            self.runner = Runner::start();
        }
        self.client.take().ok_or_else(|| self.stopped_answering())
    }

    /// Runs `f` with the connection, waiting at most the desk's limit for it; past it the connection is
    /// given up and the server counts as unreachable.
    pub(super) fn call<T: Send + 'static>(
        &mut self,
        f: impl FnOnce(&mut Client) -> Result<T, postgres::Error> + Send + 'static,
    ) -> Result<T> {
        let mut client = self.take_client()?;
        let out = match (self.limit, &self.runner) {
            (Some(limit), Some(runner)) => match runner.run(limit, move || {
                let out = f(&mut client);
                (client, out)
            }) {
                Some((client, out)) => {
                    self.client = Some(client);
                    out
                }
                None => {
                    // The runner is stuck on the server: the next connection gets a thread of its own.
                    self.runner = None;
                    return Err(self.stopped_answering());
                }
            },
            // No thread to be had: as when the server does not answer.
            (Some(_), None) => return Err(self.stopped_answering()),
            (None, _) => {
                let out = f(&mut client);
                self.client = Some(client);
                out
            }
        };
        out.map_err(server_error)
    }

    /// Brings all of the other desks' operations into the replica: how many were applied. Page by
    /// page, each page in small transactions (see [`Pull`]); each exchange waits at most the desk's
    /// limit, so a catch-up of any size goes through.
    pub fn pull(&mut self, store: &mut Store, settings: &Settings, now: DateTime<Utc>) -> Result<usize> {
        let mut pull = Pull::start(self, store, now)?;
        while !pull.step(self, store, settings, now)? {}
        Ok(pull.applied)
    }

    /// As [`Desk::pull`], but stops once `budget` is spent (after at least one transaction): the rest
    /// comes with a later pull, from where this one stopped (the replica's vector says where).
    pub fn pull_for(
        &mut self,
        store: &mut Store,
        settings: &Settings,
        now: DateTime<Utc>,
        budget: Duration,
    ) -> Result<Pull> {
        let started = std::time::Instant::now();
        let mut pull = Pull::start(self, store, now)?;
        while !pull.step(self, store, settings, now)? {
            if started.elapsed() >= budget {
                break;
            }
        }
        Ok(pull)
    }

    /// Starts `f` on the desk's connection without waiting for its answer ([`Desk::answer`] takes it):
    /// a pull fetches its next page while it applies the one it has. Until then the connection is the
    /// exchange's: any other call finds the server gone. Without an answer limit, `f` runs now.
    pub(super) fn call_ahead<T: Send + 'static>(
        &mut self,
        f: impl FnOnce(&mut Client) -> Result<T, postgres::Error> + Send + 'static,
    ) -> Result<Ahead<T>> {
        let mut client = self.take_client()?;
        let job = move || {
            let out = f(&mut client);
            (client, out)
        };
        let answer = match (self.limit, &self.runner) {
            (Some(_), Some(runner)) => runner.queue(job).ok_or_else(|| self.stopped_answering())?,
            (Some(_), None) => return Err(self.stopped_answering()),
            (None, _) => {
                let (done, answer) = std::sync::mpsc::sync_channel(1);
                let _ = done.send(job());
                answer
            }
        };
        Ok(Ahead { answer })
    }

    /// The answer of an exchange [`Desk::call_ahead`] started, waited for at most the desk's answer
    /// limit from now; the connection is the desk's again.
    pub(super) fn answer<T>(&mut self, ahead: Ahead<T>) -> Result<T> {
        let got = match self.limit {
            Some(limit) => ahead.answer.recv_timeout(limit).ok(),
            None => ahead.answer.recv().ok(),
        };
        let Some((client, out)) = got else {
            // The runner is stuck on the server: the next connection gets a thread of its own.
            self.runner = None;
            return Err(TeamError::Unreachable(crate::t!(
                "team-stopped-answering",
                at = self.binding.url.as_str(),
                ms = self.limit.unwrap_or_default().as_millis() as u64
            )));
        };
        self.client = Some(client);
        out.map_err(server_error)
    }

    /// How this desk applies what it pulls; `team join` makes a file nobody else uses yet.
    pub fn set_pace(&mut self, pace: Pace) {
        self.pace = pace;
    }

    /// Where a pull reports how far it got (a progress bar).
    pub fn set_progress(&mut self, progress: Progress) {
        self.progress = progress;
    }

    pub(super) fn header(&self, team: &str, vector: Vector) -> crate::sync::Header {
        crate::sync::Header {
            format: "helpdesk-sync".into(),
            version: crate::sync::FORMAT,
            schema: crate::store::LATEST_VERSION,
            team: team.to_string(),
            device: self.binding.server.clone(),
            tag: String::new(),
            vector,
            base: Vector::new(),
            heads: BTreeMap::new(),
        }
    }

    /// Sends this desk's operations the server lacks: how many. In transactions of at most
    /// [`PUSH_PAGE`] operations (each one exchange, so a week of offline work goes through however
    /// long it takes), each a batch with the desk's vector now. A transaction is keyed by (device,
    /// clock): interrupted before its commit it left nothing on the server, and sent again (also after a
    /// commit this replica did not hear of) it adds only what is missing.
    pub fn push(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
        if self.binding.technician.is_empty() {
            return Ok(0);
        }
        let began = std::time::Instant::now();
        let device = store.device().to_string();
        let dev = device.clone();
        let head = self.call(move |c| server::head_of(c, &dev))?;
        let ops = store.own_ops_after(&head)?;
        if ops.is_empty() {
            // Everything is there (also when an earlier push committed and its process ended before it
            // could note it here): the replica's count of unshared changes says so.
            if !head.is_empty() {
                store.mark_shared(&head)?;
            }
            return Ok(0);
        }
        self.check_clock(&ops)?;
        let vector = serde_json::to_string(&store.vector()?).unwrap_or_default();
        let mut total = 0;
        for part in ops.chunks(PUSH_PAGE) {
            let last = part.last().map(|op| op.hlc.clone()).unwrap_or_default();
            let rows = rows_of(part)?;
            let (device, vector) = (device.clone(), vector.clone());
            let (sent, clashes) = self.call(move |client| {
                // One statement: the desk's push lock, what is beyond the server's head of this desk
                // (another process of this desk — its interface and a command — may have pushed
                // meanwhile), a batch, the rows, the desk's last contact (`server::push`).
                let mut tx = client.transaction()?;
                let (sent, clashes) = server::push(&mut tx, &device, &vector, &rows)?;
                if sent == 0 || !clashes.is_empty() {
                    return Ok((0, clashes));
                }
                crate::store::pause_point("team-push-inserted");
                tx.commit()?;
                Ok((sent, clashes))
            })?;
            if let Some(hlc) = clashes.first() {
                return Err(TeamError::Failure(crate::t!("team-push-clash", clock = clean(hlc, false))));
            }
            crate::store::pause_point("team-push-committed");
            store.record_pushed(&last, now)?;
            total += sent;
        }
        tracing::debug!(ops = total, took_ms = began.elapsed().as_secs_f64() * 1e3, "team push");
        Ok(total)
    }

    /// Refuses to push operations made under a clock more than [`crate::store::MAX_AHEAD_MS`] ahead of
    /// the server's: every other desk's pull would refuse them (`Store::check_clock`), so they are kept
    /// here and the desk is told to set its clock right. Errors: `Failure` naming both clocks.
    fn check_clock(&mut self, ops: &[crate::store::OpRecord]) -> Result<()> {
        let newest = ops.iter().filter_map(|op| op.hlc.parse::<crate::store::Hlc>().ok()).map(|h| h.millis).max();
        let Some(newest) = newest else { return Ok(()) };
        let server = self.call(server::clock_millis)?;
        if newest <= server.saturating_add(crate::store::MAX_AHEAD_MS) {
            return Ok(());
        }
        let shown = |m: i64| {
            DateTime::<Utc>::from_timestamp_millis(m)
                .map_or_else(|| m.to_string(), |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        };
        Err(TeamError::Failure(crate::t!(
            "team-push-clock-ahead",
            theirs = shown(newest),
            ours = shown(server),
            tolerance = crate::i18n::words::minutes(crate::store::MAX_AHEAD_MS / 60_000)
        )))
    }

    /// Prices work that reached months closed meanwhile (see `sync::settle_arrivals`), when this
    /// replica holds such arrivals: one desk at a time, under the team's pricing lock on the server (a
    /// PostgreSQL advisory lock, released with the connection should the desk vanish), caught up with
    /// everything the server holds, and pushing the corrections before the lock is let go — so each
    /// desk prices from what the others booked, in the server's order, and an arrival is priced once
    /// (its correction is keyed by the entry). Another desk pricing now: nothing happens here and the
    /// arrivals stay marked for the next time. A viewer prices nothing. Returns the total booked and
    /// what its own catch-up and push exchanged (the push sends everything this desk had not shared,
    /// not only the corrections: a `team sync` counts it as sent).
    pub fn price(&mut self, store: &mut Store, settings: &Settings, now: DateTime<Utc>) -> Result<Priced> {
        if self.binding.technician.is_empty() || store.pending_arrivals()?.is_empty() {
            return Ok(Priced::default());
        }
        if !self.call(server::try_pricing_lock)? {
            tracing::info!("another desk is pricing closed months; the arrivals wait");
            return Ok(Priced::default());
        }
        let priced = (|| -> Result<Priced> {
            let received = self.pull(store, settings, now)?;
            let booked = crate::sync::price_arrivals(store, settings, now)?;
            crate::store::pause_point("team-priced-not-pushed");
            let sent = self.push(store, now)?;
            Ok(Priced { booked, received, sent })
        })();
        // A lost connection took the lock with it.
        let _ = self.call(server::pricing_unlock);
        let priced = priced?;
        tracing::info!(booked = %priced.booked, "priced work that reached closed months");
        Ok(priced)
    }

    /// Whether another desk pushed since the last look, without waiting.
    pub fn notified(&mut self) -> Result<bool> {
        let Some(client) = self.client.as_mut() else {
            return Err(TeamError::Unreachable(crate::t!("team-stopped-answering-now")));
        };
        let mut notes = client.notifications();
        let mut any = false;
        loop {
            match notes.iter().next() {
                Ok(Some(_)) => any = true,
                Ok(None) => return Ok(any),
                Err(e) => return Err(server_error(e)),
            }
        }
    }

    /// Turns this connection into a listener for new operations (see [`Desk::wait`]).
    pub fn listen(&mut self) -> Result<()> {
        self.call(server::listen)
    }

    /// Waits up to `timeout` for another desk's push: whether one came (several count once).
    pub fn wait(&mut self, timeout: Duration) -> Result<bool> {
        let Some(client) = self.client.as_mut() else {
            return Err(TeamError::Unreachable(crate::t!("team-stopped-answering-now")));
        };
        let mut notes = client.notifications();
        let first = notes.timeout_iter(timeout).next();
        match first {
            Ok(Some(_)) => {
                // Drain what else is waiting: one pull covers it all.
                while let Ok(Some(_)) = notes.iter().next() {}
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(e) => Err(server_error(e)),
        }
    }

    /// Whether the server still answers, within the desk's limit (an idle listener's heartbeat).
    pub fn check(&mut self) -> Result<()> {
        self.call(|c| c.simple_query("").map(|_| ()))
    }

    pub fn is_closed(&self) -> bool {
        self.client.as_ref().is_none_or(Client::is_closed)
    }

    /// The team's next plain ticket number.
    pub(super) fn next_number(&mut self) -> Result<i64> {
        self.call(server::next_ticket_number)
    }
}

pub(super) fn rows_of(ops: &[OpRecord]) -> Result<Vec<server::Row>> {
    ops.iter()
        .map(|op| {
            Ok(server::Row {
                device: op.device.clone(),
                hlc: op.hlc.clone(),
                actor: op.actor.clone(),
                body: serde_json::to_string(&op.change).map_err(|e| TeamError::Failure(e.to_string()))?,
            })
        })
        .collect()
}

/// An operation as the server sent it: the change must be one helpdesk writes (the fields are checked
/// further by `sync::validate` before anything is applied).
pub(super) fn record_of(row: server::Row) -> Result<OpRecord> {
    let change: Change = serde_json::from_str(&row.body)
        .map_err(|_| TeamError::Failure(crate::t!("team-bad-operation", clock = clean(&row.hlc, false))))?;
    Ok(OpRecord { hlc: row.hlc, device: row.device, actor: row.actor, change })
}
