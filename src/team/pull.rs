//! A pull: catching the replica up with the server a step at a time, at a pace that leaves the file
//! to its other writers.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::desk::{Ahead, record_of};
use super::{Desk, Result, TeamError, server};
use crate::config::Settings;
use crate::progress::Unit;
use crate::store::{Hlc, OpRecord, Store, Vector};

/// The most operations one transaction of a push sends (one exchange).
pub const PUSH_PAGE: usize = 5_000;

/// How a pull applies what it fetched to the replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// The most operations one page of a pull fetches (one exchange with the server).
    page: i64,
    /// The most operations in one SQLite transaction.
    max_ops: usize,
    /// The fewest: however slow a transaction was, the next takes at least these. A transaction has a
    /// fixed cost (its commit, the import's set-up, the ticket's search document): on a busy machine,
    /// transactions cut to fit `slice` shrank to one operation each, every one followed by its pause,
    /// and a desk that fell behind applied fewer operations a second than the team wrote — it never
    /// caught up (issue 16's load bench: 3 of 20 replicas complete 120 s after the last write).
    min_ops: usize,
    /// A transaction that took longer makes the next ones smaller.
    slice: Duration,
    /// After each transaction (but the last), the pull waits as long as it took: the desk's own
    /// writers — a command, the interface — waiting for the file's lock (`busy_timeout`) get it
    /// between two, instead of being refused busy behind one long import.
    yields: bool,
}

impl Pace {
    /// A replica others write to: transactions of 50 to 500 operations, about 50 ms, with a pause
    /// after each.
    pub const SHARED: Pace =
        Pace { page: 2_000, max_ops: 500, min_ops: 50, slice: Duration::from_millis(50), yields: true };
    /// A file nobody else uses yet (`team join` makes it): big pages and transactions, no pauses.
    pub const ALONE: Pace =
        Pace { page: 20_000, max_ops: 20_000, min_ops: 1_000, slice: Duration::from_secs(2), yields: false };
}

/// One catch-up with the server, taken a step at a time: a step fetches a page when none is waiting
/// and applies one transaction's worth of it. Operations come in push order (batch by batch, each by
/// clock), so what the replica holds of each device stays a prefix whenever a step ends, and a pull
/// that stops anywhere (a budget spent, the connection lost, the process killed) is continued by the
/// next one from the replica's vector. Between two steps the caller may push, or stop.
///
/// Each page starts from the replica's vector *now*, read in one snapshot of the server with where
/// that leads in the log: batches are numbered when their push begins but become visible when it
/// commits, so a batch numbered lower may appear after a higher one — a page that went on from the
/// last one fetched (or from where the pull began) would skip it and apply its desk's next batch, a
/// gap the replica's vector would then hide for ever (issue 16's load bench: 3 comments missing on a
/// replica that counted itself complete).
pub struct Pull {
    /// Whether the server may hold more than was fetched (the last page was full, or none was fetched
    /// yet and the pull began behind).
    more: bool,
    /// The server's heads when the pull began: what the replica knows once all is applied.
    heads: Vector,
    /// Fetched operations not applied yet, in order, with their batch.
    queue: std::collections::VecDeque<(i64, OpRecord, Option<Vec<u8>>)>,
    /// The vectors of the batches fetched so far.
    batches: BTreeMap<i64, Vector>,
    team: String,
    /// Operations per transaction now.
    chunk: usize,
    /// Operations applied (new to the replica) and handled (applied or known already).
    pub applied: usize,
    pub handled: u64,
    /// How many operations the server holds beyond the replica's vector, counted when the catch-up
    /// is longer than one page (`None` otherwise).
    pub total: Option<u64>,
    finished: bool,
    /// The next page, being fetched while this one is applied (a bulk load's, see [`Pull::fetch_ahead`]).
    ahead: Option<Ahead<Page>>,
}

/// A fetched page: its operations with their batch (and their log bodies when made ahead), the vectors
/// of the batches not known before (id, device, vector as JSON), how many operations the catch-up has
/// when that was counted, and whether the page was full (the server may hold more).
type Page = (Vec<(i64, Result<OpRecord>, Option<Vec<u8>>)>, Vec<(i64, String, String)>, Option<i64>, bool);

impl Pull {
    /// Reads the server's heads and where the pull starts; the server answered, so the replica is
    /// online from now on.
    pub fn start(desk: &mut Desk, store: &mut Store, now: DateTime<Utc>) -> Result<Pull> {
        let v = serde_json::to_string(&store.vector()?).unwrap_or_default();
        let device = store.device().to_string();
        let began = std::time::Instant::now();
        let (heads, first) = desk.call(move |client| {
            let heads = server::heads(client)?;
            let first = server::first_batch_beyond(client, &v)?;
            server::touch(client, &device)?;
            Ok((heads, first))
        })?;
        tracing::debug!(took_ms = began.elapsed().as_secs_f64() * 1e3, behind = first.is_some(), "team pull started");
        crate::store::pause_point("team-pull-started");
        let contact = store.team_contact()?;
        // Back online now, not only once a long catch-up is done; and a desk with nothing to catch up is
        // in step with the server now (the status bar's "synced"), written at most every half minute.
        let stale = contact.last_contact.is_none_or(|t| now - t >= chrono::Duration::seconds(30));
        if contact.offline_since.is_some() || (first.is_none() && stale) {
            store.record_team_contact(now)?;
        }
        Ok(Pull {
            more: first.is_some(),
            heads: heads.into_iter().collect(),
            queue: std::collections::VecDeque::new(),
            batches: BTreeMap::new(),
            team: store.team_id()?,
            chunk: desk.pace.max_ops,
            applied: 0,
            handled: 0,
            total: None,
            finished: false,
            ahead: None,
        })
    }

    /// Whether everything the server held when the pull began is in the replica.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Fetches a page if none is waiting, then applies one transaction's worth: whether the pull is
    /// finished (the replica then records what the server held as known).
    pub fn step(
        &mut self,
        desk: &mut Desk,
        store: &mut Store,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        if self.finished {
            return Ok(true);
        }
        if self.queue.is_empty() {
            self.fetch(desk, store)?;
        }
        if self.queue.is_empty() {
            // What the server holds is what this replica now knows of the team.
            let began = std::time::Instant::now();
            store.record_pulled(&desk.binding.server, &self.heads, now)?;
            tracing::debug!(
                handled = self.handled,
                took_ms = began.elapsed().as_secs_f64() * 1e3,
                "team pull finished"
            );
            self.finished = true;
            return Ok(true);
        }
        // One transaction may span batches (under load, each push of every desk is a batch of one or
        // two operations): its vector is the batches' merged, which is all an import records of them
        // (what the server had of this desk, and the peer's vector that the end of the pull replaces).
        let mut ops = Vec::with_capacity(self.chunk);
        let mut bodies = Vec::with_capacity(self.chunk);
        let mut vector = Vector::new();
        let mut last = None;
        while ops.len() < self.chunk {
            let Some(&(batch, ..)) = self.queue.front() else { break };
            if last != Some(batch) {
                let Some(theirs) = self.batches.get(&batch) else {
                    return Err(TeamError::Failure(crate::t!("team-ops-of-no-batch")));
                };
                for (device, hlc) in theirs {
                    let known = vector.entry(device.clone()).or_default();
                    if hlc > known {
                        *known = hlc.clone();
                    }
                }
                last = Some(batch);
            }
            if let Some((_, op, body)) = self.queue.pop_front() {
                ops.push(op);
                bodies.push(body);
            }
        }
        self.fetch_ahead(desk, store, &ops)?;
        let header = desk.header(&self.team, vector);
        let began = std::time::Instant::now();
        // Bodies made while the previous page was applied, when every operation has one.
        let bodies: Option<Vec<Vec<u8>>> = bodies.into_iter().collect();
        let (n, _, _) = crate::sync::exchange_receive_encoded(store, settings, &header, &ops, bodies, now)?;
        let took = began.elapsed();
        crate::store::pause_point("team-pull-applied");
        self.applied += n;
        self.handled += ops.len() as u64;
        desk.progress.report(
            &crate::t!("team-progress-applying"),
            Unit::Count("operations"),
            self.handled,
            self.total.unwrap_or(self.handled + self.queue.len() as u64),
        );
        // Smaller transactions after a slow one, larger again (up to the pace's) after quick ones.
        let pace = desk.pace;
        if took > pace.slice {
            let scaled = ops.len() as f64 * pace.slice.as_secs_f64() / took.as_secs_f64();
            self.chunk = (scaled as usize).clamp(pace.min_ops, pace.max_ops);
        } else if took < pace.slice / 2 {
            self.chunk = (self.chunk + self.chunk / 2 + 1).min(pace.max_ops);
        }
        let paused = if pace.yields && (self.more || !self.queue.is_empty()) {
            let pause = took.max(Duration::from_millis(2));
            std::thread::sleep(pause);
            pause
        } else {
            Duration::ZERO
        };
        tracing::debug!(
            ops = ops.len(),
            applied = n,
            took_ms = took.as_secs_f64() * 1e3,
            paused_ms = paused.as_secs_f64() * 1e3,
            next_chunk = self.chunk,
            queued = self.queue.len(),
            "team pull applied"
        );
        Ok(false)
    }

    /// The next page, when there is one: the one fetched ahead ([`Pull::fetch_ahead`]), or fetched now.
    fn fetch(&mut self, desk: &mut Desk, store: &Store) -> Result<()> {
        let answer = match self.ahead.take() {
            Some(ahead) => desk.answer(ahead)?,
            None if !self.more => return Ok(()),
            None => {
                // Everything fetched before is applied: the replica's vector says where the page begins.
                let mine = store.vector()?;
                let count = self.total.is_none() && self.handled == 0;
                let local: Vec<(String, String)> = if count { mine.clone().into_iter().collect() } else { Vec::new() };
                let progress = crate::t!("team-progress-fetching");
                desk.progress.report(&progress, Unit::Count("operations"), self.handled, 0);
                desk.call(self.page_query(&mine, count.then_some(local), desk.pace.page, false))?
            }
        };
        self.take_page(answer)
    }

    /// In a bulk load (a pace without pauses), starts fetching the page after `ops` — the last of
    /// the queue, about to be applied — while they are: it begins where the replica's vector will be
    /// once they are in (the vector now, moved past each of them), which is where [`Pull::fetch`]
    /// would begin it after applying them. A vector lower than that (an operation's clock written
    /// otherwise) would only fetch known operations again, which the import skips.
    fn fetch_ahead(&mut self, desk: &mut Desk, store: &Store, ops: &[OpRecord]) -> Result<()> {
        if desk.pace.yields || !self.more || !self.queue.is_empty() || self.ahead.is_some() {
            return Ok(());
        }
        let mut next = store.vector()?;
        for op in ops {
            let Ok(hlc) = op.hlc.parse::<Hlc>() else { continue };
            let known = next.get(&hlc.device).and_then(|h| h.parse::<Hlc>().ok());
            if known.is_none_or(|k| k < hlc) {
                next.insert(hlc.device.clone(), hlc.to_string());
            }
        }
        let query = self.page_query(&next, None, desk.pace.page, true);
        self.ahead = Some(desk.call_ahead(query)?);
        Ok(())
    }

    /// The exchange that fetches the page beyond `vector`, with the vectors of its batches not known
    /// yet, and (`count`: the replica's vector as pairs) how long the catch-up is when longer than a
    /// page. The operations are read on the exchange's thread, and with `encode` their log bodies made
    /// there too (`codec::encode_body_quick`: a bulk load's, at the lower level), so a page fetched
    /// ahead costs the applying thread nothing and the fetching thread little of the machine's cores.
    fn page_query(
        &self,
        vector: &Vector,
        count: Option<Vec<(String, String)>>,
        page: i64,
        encode: bool,
    ) -> impl FnOnce(&mut postgres::Client) -> Result<Page, postgres::Error> + Send + 'static {
        let vector = serde_json::to_string(vector).unwrap_or_default();
        let known: Vec<i64> = self.batches.keys().copied().collect();
        move |client| {
            // Where the page begins and the page itself, in one snapshot (see [`Pull`]).
            let mut tx = client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            let rows = match server::first_beyond(&mut tx, &vector)? {
                Some((batch, hlc)) => server::page_after(&mut tx, &vector, (batch, &hlc), page)?,
                None => Vec::new(),
            };
            tx.commit()?;
            let mut ids: Vec<i64> = rows.iter().map(|(_, b)| *b).filter(|b| !known.contains(b)).collect();
            ids.sort_unstable();
            ids.dedup();
            let batches = server::batches(client, &ids)?;
            // A catch-up longer than a page says how long it is (counting reads the whole log).
            let total = match count {
                Some(local) if rows.len() as i64 == page => Some(server::count_beyond(client, &local)?),
                _ => None,
            };
            let full = rows.len() as i64 == page;
            let ops = rows
                .into_iter()
                .map(|(row, batch)| {
                    let op = record_of(row);
                    let body = match &op {
                        Ok(op) if encode => crate::store::codec::encode_body_quick(&op.change).ok(),
                        _ => None,
                    };
                    (batch, op, body)
                })
                .collect();
            Ok((ops, batches, total, full))
        }
    }

    /// Queues a fetched page.
    fn take_page(&mut self, (rows, batches, total, full): Page) -> Result<()> {
        tracing::debug!(rows = rows.len(), "team pull fetched");
        if let Some(t) = total {
            self.total = Some(t.max(0) as u64);
        }
        self.more = full;
        for (id, _, vector) in batches {
            let vector: Vector =
                serde_json::from_str(&vector).map_err(|_| TeamError::Failure(crate::t!("team-bad-batch-vector")))?;
            self.batches.insert(id, vector);
        }
        for (batch, op, body) in rows {
            self.queue.push_back((batch, op?, body));
        }
        Ok(())
    }
}
