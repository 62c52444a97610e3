//! One ticket's life as events in time order: opening, first response, comments, status changes,
//! assignments and time entries, each drawn from the ticket's own random stream.
use super::*;

impl Generator<'_> {
    pub(super) fn plan_ticket(&mut self, h: Header) {
        let mut rng = Rng::derive(self.seed, 3, h.n);
        let cal = self.cal;
        let now = self.now;
        let c = self.customers[h.customer as usize].clone();
        let id = new_id(h.received);
        let month = cal.month_of(h.received);
        let budget = self.budget(h.customer, month);
        let consultation = h.kind == TicketKind::Consultation;
        let assignee_idx = if consultation { 2 + rng.below(2) as usize } else { rng.below(TEAM.len() as u64) as usize };
        let unassigned = match h.class {
            Class::Open(Target::Breached | Target::AtRisk | Target::Running | Target::NoSla) => rng.chance(0.4),
            _ => false,
        };
        let assignee = (!unassigned).then_some(TEAM[assignee_idx].0);
        let opener = TEAM[rng.below(TEAM.len() as u64) as usize].0;
        self.seq += 1;
        self.ready.push_back(Stamped {
            at: h.received,
            actor: Some(opener),
            change: Change::TicketOpened {
                id: id.clone(),
                tag: self.tag.clone(),
                seq: self.seq,
                customer: c.id.clone(),
                title: text::title(h.kind, &mut rng),
                description: text::description(&c.contact, &mut rng),
                kind: h.kind,
                assignee: assignee.map(str::to_string),
                received_at: h.received.timestamp(),
            },
        });
        let worker = assignee.unwrap_or(TEAM[assignee_idx].0);

        // The first response, the promised resolution, and when work on the ticket ends.
        let business = |secs: f64| Duration::seconds(secs as i64);
        let response = match (h.class, budget) {
            (Class::Open(Target::Breached | Target::AtRisk | Target::Running), _) => None,
            (Class::Open(Target::NoSla), _) => Some(h.received + (now - h.received) / 2)
                .filter(|_| rng.chance(0.5) && now - h.received > Duration::hours(2)),
            (Class::Open(Target::Met | Target::Waiting), Some(b)) => {
                let elapsed = cal.between(h.received, now).num_seconds().min(b) as f64;
                Some(cal.add(h.received, business(elapsed * (0.1 + 0.8 * rng.unit()))))
            }
            (Class::Open(Target::LateResponse), Some(b)) => {
                let over = (cal.between(h.received, now).num_seconds() - b).max(60) as f64;
                Some(cal.add(h.received, business(b as f64 + over * (0.1 + 0.8 * rng.unit()))))
            }
            (_, Some(b)) => {
                let factor = if h.class == Class::Heavy || rng.chance(0.85) {
                    0.05 + 0.9 * rng.unit()
                } else {
                    1.05 + rng.unit()
                };
                Some(cal.add(h.received, business(b as f64 * factor)))
            }
            (_, None) => Some(cal.add(h.received, business(3600.0 * (1.0 + 15.0 * rng.unit())))),
        }
        .filter(|&r| r <= now);
        let resolved = match h.class {
            Class::Open(_) => None,
            _ => response.map(|r| cal.add(r, business(3600.0 * (1.0 + 39.0 * rng.unit())))),
        };
        // The history is finished by `now`: a ticket whose plan runs past it is squeezed in (responded
        // to a quarter of the way to `now`, resolved three quarters), so exactly the planned tickets
        // are open.
        let (response, resolved) = match (h.class, resolved) {
            (Class::Open(_), _) => (response, resolved),
            (_, Some(r)) if r <= now => (response, resolved),
            _ => {
                let span = now - h.received;
                (Some(h.received + span / 4), Some(h.received + span * 3 / 4))
            }
        };
        let closed = resolved.map(|r| r + Duration::hours(rng.range(24, 10 * 24)));
        let work_end = match h.class {
            Class::Heavy => {
                let (_, month_end) = cal.month_bounds(month);
                month_end.min(now)
            }
            _ => resolved.unwrap_or(now).min(now),
        };

        if let Some(r) = response {
            let resolve_by = cal.add(r, business(3600.0 * (8.0 + 72.0 * rng.unit())));
            self.push(
                r,
                worker,
                Change::FirstResponse {
                    id: id.clone(),
                    at: r.timestamp(),
                    resolve_by: resolve_by.timestamp(),
                    prev: None,
                },
            );
            self.push(r, worker, Change::TicketStatusSet { id: id.clone(), status: TicketStatus::Open, prev: None });
            if h.class == Class::Open(Target::Waiting) {
                let w = r + Duration::minutes(rng.range(10, 120));
                if w <= now {
                    self.push(
                        w,
                        worker,
                        Change::TicketStatusSet { id: id.clone(), status: TicketStatus::Waiting, prev: None },
                    );
                }
            }
        } else if assignee.is_some() {
            let at = h.received + Duration::minutes(rng.range(5, 60));
            if at <= now {
                self.push(
                    at,
                    worker,
                    Change::TicketStatusSet { id: id.clone(), status: TicketStatus::Open, prev: None },
                );
            }
        }
        for (at, status) in [(resolved, TicketStatus::Resolved), (closed, TicketStatus::Closed)] {
            if let Some(at) = at.filter(|&t| t <= now) {
                self.push(at, worker, Change::TicketStatusSet { id: id.clone(), status, prev: None });
            }
        }

        // Comments between receipt and the end of the work; one in sixty is deleted again.
        let comment_end = closed.filter(|&t| t <= now).unwrap_or(now).min(work_end.max(h.received));
        let span = (comment_end - h.received).num_seconds();
        if span > 60 {
            for _ in 0..rng.below(5) {
                let at = h.received + Duration::seconds(rng.range(60, span));
                let author = if rng.chance(0.8) { worker } else { TEAM[rng.below(TEAM.len() as u64) as usize].0 };
                let comment = new_id(at);
                let body = text::comment(&mut rng);
                self.push(
                    at,
                    author,
                    Change::CommentAdded {
                        id: comment.clone(),
                        ticket: id.clone(),
                        author: author.to_string(),
                        body,
                        at: at.timestamp(),
                    },
                );
                if rng.below(60) == 0 {
                    let gone = at + Duration::minutes(rng.range(5, 600));
                    if gone <= now {
                        self.push(gone, author, Change::CommentDeleted { id: comment });
                    }
                }
            }
        }

        for (_, technician, at) in self.timers.iter().filter(|(n, _, _)| *n == h.n).copied().collect::<Vec<_>>() {
            self.push(
                at,
                technician,
                Change::TimerStarted {
                    id: new_id(at),
                    technician: technician.to_string(),
                    ticket: id.clone(),
                    started_at: at.timestamp(),
                    role: Role::Technician,
                },
            );
        }

        // Time entries: in business hours between receipt and the end of the work, logged when done.
        for _ in 0..h.entries {
            let minutes = if h.class == Class::Heavy { 5 * rng.range(9, 19) } else { 5 * rng.range(2, 13) };
            let Some(started) = work_start(cal, h.received, work_end, minutes, &mut rng) else { continue };
            let who = if rng.chance(0.75) { assignee_idx } else { rng.below(TEAM.len() as u64) as usize };
            let (technician, their_role) = TEAM[who];
            let role = if consultation { their_role } else { Role::Technician };
            let done = started + Duration::minutes(minutes);
            self.push(
                done,
                technician,
                Change::TimeEntryAdded {
                    id: new_id(done),
                    ticket: id.clone(),
                    customer: c.id.clone(),
                    started_at: started.timestamp(),
                    minutes: minutes as u32,
                    technician: technician.to_string(),
                    role,
                    note: text::note(&mut rng),
                    replaces: None,
                    at: done.timestamp(),
                    entry: None,
                    restores: None,
                },
            );
        }
    }
}
