//! Month statements assembled from a store (`helpdesk::statements`), against figures computed by hand
//! from DOMAIN.md with the shipped price list: STANDARD 950 CZK/month with 30 prepaid minutes, PLUS 2 500
//! with 60, VIP 5 000 with 300, overage 800 CZK/h, no contract 1 000 (technician) / 1 500 (consultant)
//! CZK/h, 15-minute blocks, VAT 21 % half-up. Every scenario runs on an in-memory store with fixed
//! instants; the comments carry the arithmetic.

use chrono::{DateTime, NaiveDate, Utc};
use helpdesk::config::Settings;
use helpdesk::domain::billing::Statement;
use helpdesk::domain::{Role, TicketKind, Tier, YearMonth};
use helpdesk::statements::{
    self, AdjustmentDoc, StatementDoc, book_correction, close_month, csv_text, customer_statement, month_docs,
    obligations, reopen_month, statement, statement_doc,
};
use helpdesk::store::{Customer, NewEntry, NewTicket, Store, TicketRow, TimeEntryRow};
use rust_decimal::Decimal;

use Role::{Consultant, Technician};
use TicketKind::{Consultation, Incident, Request};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn ym(s: &str) -> YearMonth {
    s.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// An in-memory helpdesk with the shipped defaults; every write happens at `now`.
struct Desk {
    store: Store,
    settings: Settings,
    now: DateTime<Utc>,
    /// Where the database file is, for the tests that read its operation log directly.
    _dir: Option<tempfile::TempDir>,
}

impl Desk {
    /// Statements read the month totals (kept in the configured zone), as in the CLI and the TUI;
    /// tests/month_totals.rs checks them against the entries.
    fn new() -> Self {
        let settings = Settings::defaults();
        let mut store = Store::open_in_memory("alice").unwrap();
        store.use_business_zone(settings.calendar.time_zone()).unwrap();
        Desk { store, settings, now: t("2026-04-10T09:00:00+02:00"), _dir: None }
    }

    fn on_disk() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("helpdesk.db"), "alice").unwrap();
        store.use_business_zone(Settings::defaults().calendar.time_zone()).unwrap();
        Desk { store, _dir: Some(dir), ..Desk::new() }
    }

    /// The operation log as (actor, change as JSON), oldest first, read beside the store.
    fn oplog(&self) -> Vec<(String, String)> {
        let conn = rusqlite::Connection::open(self.store.path().expect("on disk")).unwrap();
        let mut q = conn
            .prepare("SELECT a.name, o.body FROM oplog o JOIN actors a ON a.no = o.actor ORDER BY o.clock, o.device")
            .unwrap();
        q.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))
            .unwrap()
            .map(|row| {
                let (actor, body) = row.unwrap();
                let json = helpdesk::store::codec::body_json(&body).unwrap();
                (actor, String::from_utf8(json).unwrap())
            })
            .collect()
    }

    fn at(&mut self, now: &str) {
        self.now = t(now);
    }

    fn customer(&mut self, name: &str, tier: Tier, since: &str) -> Customer {
        self.store.add_customer(name, "", tier, ym(since), self.now).unwrap()
    }

    fn ticket(&mut self, c: &Customer, title: &str, kind: TicketKind, received: &str) -> TicketRow {
        let new = NewTicket {
            customer_id: c.id.clone(),
            title: title.into(),
            description: String::new(),
            kind,
            assignee: None,
            received_at: t(received),
        };
        self.store.open_ticket(new, self.now).unwrap()
    }

    fn entry(ticket: &TicketRow, started: &str, minutes: u32, role: Role) -> NewEntry {
        NewEntry {
            ticket_id: ticket.id.clone(),
            started_at: t(started),
            minutes: helpdesk::domain::Minutes::new(minutes).unwrap(),
            role,
            technician: "bob".into(),
            note: String::new(),
        }
    }

    fn work(&mut self, ticket: &TicketRow, started: &str, minutes: u32) -> TimeEntryRow {
        self.work_as(ticket, started, minutes, Technician)
    }

    fn work_as(&mut self, ticket: &TicketRow, started: &str, minutes: u32, role: Role) -> TimeEntryRow {
        self.store.add_time_entry(Self::entry(ticket, started, minutes, role), self.now).unwrap()
    }

    fn statement(&self, c: &Customer, month: &str) -> Statement {
        statement(&self.store, &self.settings, c, ym(month)).unwrap()
    }

    fn doc(&self, c: &Customer, month: &str) -> StatementDoc {
        statement_doc(&self.store, &self.settings, c, ym(month)).unwrap().expect("a statement")
    }

    fn upgrade(&self, c: &Customer, month: &str) -> Option<Tier> {
        customer_statement(&self.store, &self.settings, c, ym(month)).unwrap().upgrade_to
    }
}

/// A line as (ticket, role, raw, free, rounded, prepaid, overage, amount).
type Line = (String, Option<Role>, u32, u32, u32, u32, u32, String);

fn lines(s: &Statement) -> Vec<Line> {
    s.lines
        .iter()
        .map(|l| {
            let n = l.ticket_number.clone();
            (
                n,
                l.role,
                l.raw_minutes,
                l.free_minutes,
                l.rounded_minutes,
                l.prepaid_minutes,
                l.overage_minutes,
                l.amount.to_string(),
            )
        })
        .collect()
}

fn line(ticket: &str, minutes: [u32; 5], amount: &str) -> Line {
    let [raw, free, rounded, prepaid, overage] = minutes;
    (ticket.into(), None, raw, free, rounded, prepaid, overage, amount.into())
}

fn role_line(ticket: &str, role: Role, minutes: [u32; 5], amount: &str) -> Line {
    let mut l = line(ticket, minutes, amount);
    l.1 = Some(role);
    l
}

/// (billable, prepaid used, prepaid left, overage minutes) and (fee, overage, excl. VAT, VAT, incl. VAT).
fn totals(s: &Statement) -> ([u32; 4], [String; 5]) {
    (
        [s.billable_minutes, s.prepaid_used_minutes, s.prepaid_left_minutes, s.overage_minutes],
        [s.fee, s.overage_amount, s.total_excl_vat, s.vat, s.total_incl_vat].map(|d| d.to_string()),
    )
}

fn money(figures: [&str; 5]) -> [String; 5] {
    figures.map(String::from)
}

#[test]
fn standard_draws_prepaid_by_first_work_and_bills_incidents_at_nothing() {
    let mut d = Desk::new();
    let acme = d.customer("Acme", Tier::Standard, "2026-01");
    let printer = d.ticket(&acme, "Printer", Request, "2026-03-02T09:00:00+01:00");
    let mail = d.ticket(&acme, "Mail", Request, "2026-03-03T09:00:00+01:00");
    let outage = d.ticket(&acme, "Outage", Incident, "2026-03-04T09:00:00+01:00");
    // Printer (#1): 7 + 10 = 17 raw → 30 rounded; its first work is on 10 March.
    d.work(&printer, "2026-03-10T10:00:00+01:00", 7);
    d.work(&printer, "2026-03-20T10:00:00+01:00", 10);
    // Mail (#2): 20 raw → 30 rounded, first work on 5 March: it draws the 30 prepaid minutes first.
    d.work(&mail, "2026-03-05T09:00:00+01:00", 20);
    // Outage (#3): an incident at night, 90 raw, all free, 0 rounded, no prepaid drawn.
    d.work(&outage, "2026-03-07T02:00:00+01:00", 90);

    let s = d.statement(&acme, "2026-03");
    assert_eq!(
        lines(&s),
        [
            line("2", [20, 0, 30, 30, 0], "0.00"),
            line("3", [90, 90, 0, 0, 0], "0.00"),
            // 30 min beyond prepaid × 800 CZK/h = 400.00.
            line("1", [17, 0, 30, 0, 30], "400.00"),
        ]
    );
    // 950 fee + 400 = 1 350.00; VAT 1 350 × 0.21 = 283.50; 1 633.50 with VAT.
    assert_eq!(totals(&s), ([60, 30, 0, 30], money(["950.00", "400.00", "1350.00", "283.50", "1633.50"])));
    assert_eq!((s.tier, s.prepaid_minutes, s.vat_rate.to_string()), (Tier::Standard, 30, "0.21".into()));
    // The document marks the incident and keeps raw beside rounded minutes.
    let doc = d.doc(&acme, "2026-03");
    assert_eq!(doc.lines[1].marks, ["incident (free)"]);
    assert_eq!(
        (doc.lines[2].raw_minutes, doc.lines[2].rounded_minutes, doc.lines[2].rate.as_str()),
        (17, 30, "800.00")
    );
}

#[test]
fn plus_and_vip_have_their_own_fee_and_prepaid_minutes() {
    let mut d = Desk::new();
    let plus = d.customer("Plusco", Tier::Plus, "2026-01");
    let big = d.ticket(&plus, "Big", Request, "2026-03-02T08:00:00+01:00");
    let small = d.ticket(&plus, "Small", Request, "2026-03-03T08:00:00+01:00");
    d.work(&big, "2026-03-02T09:00:00+01:00", 50);
    d.work(&small, "2026-03-03T09:00:00+01:00", 1);
    let s = d.statement(&plus, "2026-03");
    // 50 → 60 within the 60 prepaid; 1 → 15, all overage: 15/60 × 800 = 200.00.
    assert_eq!(lines(&s), [line("1", [50, 0, 60, 60, 0], "0.00"), line("2", [1, 0, 15, 0, 15], "200.00")]);
    // 2 500 + 200 = 2 700.00; VAT 567.00; 3 267.00.
    assert_eq!(totals(&s), ([75, 60, 0, 15], money(["2500.00", "200.00", "2700.00", "567.00", "3267.00"])));

    let vip = d.customer("Vipco", Tier::Vip, "2026-01");
    let long = d.ticket(&vip, "Long", Request, "2026-03-02T08:00:00+01:00");
    let quick = d.ticket(&vip, "Quick", Request, "2026-03-01T08:30:00+01:00");
    d.work(&long, "2026-03-09T09:00:00+01:00", 301);
    d.work(&quick, "2026-03-01T10:00:00+01:00", 10);
    let s = d.statement(&vip, "2026-03");
    // Quick worked first: 10 → 15 from prepaid; Long 301 → 315: 285 prepaid, 30 over = 400.00.
    assert_eq!(lines(&s), [line("4", [10, 0, 15, 15, 0], "0.00"), line("3", [301, 0, 315, 285, 30], "400.00")]);
    // 5 000 + 400 = 5 400.00; VAT 1 134.00; 6 534.00.
    assert_eq!(totals(&s), ([330, 300, 0, 30], money(["5000.00", "400.00", "5400.00", "1134.00", "6534.00"])));
    // A month without work is the fee alone, with every prepaid minute left.
    let april = d.statement(&vip, "2026-04");
    assert_eq!(totals(&april), ([0, 0, 300, 0], money(["5000.00", "0.00", "5000.00", "1050.00", "6050.00"])));
}

#[test]
fn no_contract_bills_a_line_per_role_at_its_rate() {
    let mut d = Desk::new();
    let walk = d.customer("Walk-in", Tier::None, "2026-01");
    let fix = d.ticket(&walk, "Fix", Request, "2026-03-05T09:00:00+01:00");
    let down = d.ticket(&walk, "Down", Incident, "2026-03-07T09:00:00+01:00");
    d.work(&fix, "2026-03-05T10:00:00+01:00", 20);
    d.work_as(&fix, "2026-03-05T11:00:00+01:00", 10, Consultant);
    d.work(&fix, "2026-03-06T10:00:00+01:00", 25);
    d.work(&down, "2026-03-07T10:00:00+01:00", 30);
    let s = d.statement(&walk, "2026-03");
    assert_eq!(
        lines(&s),
        [
            // Technician 20 + 25 = 45 → 45 min × 1 000/h = 750.00.
            role_line("1", Technician, [45, 0, 45, 0, 45], "750.00"),
            // Consultant 10 → 15 min × 1 500/h = 375.00.
            role_line("1", Consultant, [10, 0, 15, 0, 15], "375.00"),
            // Incidents are free without a contract too.
            role_line("2", Technician, [30, 30, 0, 0, 0], "0.00"),
        ]
    );
    let rates: Vec<Decimal> = s.lines.iter().map(|l| l.rate).collect();
    assert_eq!(rates, [1000, 1500, 1000].map(Decimal::from));
    // No fee: 750 + 375 = 1 125.00; VAT 236.25; 1 361.25.
    assert_eq!(totals(&s), ([60, 0, 0, 60], money(["0.00", "1125.00", "1125.00", "236.25", "1361.25"])));
}

#[test]
fn vat_is_rounded_half_up_to_the_heller() {
    let mut d = Desk::new();
    let acme = d.customer("Acme", Tier::Standard, "2026-01");
    let vat = |d: &Desk| {
        let s = d.statement(&acme, "2026-03");
        [s.total_excl_vat, s.vat, s.total_incl_vat].map(|x| x.to_string())
    };
    // 950.50 × 0.21 = 199.605 → 199.61 (half-up, not to even); 950.50 + 199.61 = 1 150.11.
    d.settings.tariffs.standard.monthly_fee = "950.50".parse().unwrap();
    assert_eq!(vat(&d), ["950.50", "199.61", "1150.11"]);
    // 950.30 × 0.21 = 199.563 → 199.56; 1 149.86.
    d.settings.tariffs.standard.monthly_fee = "950.30".parse().unwrap();
    assert_eq!(vat(&d), ["950.30", "199.56", "1149.86"]);
    // 950.70 × 0.21 = 199.647 → 199.65; 1 150.35.
    d.settings.tariffs.standard.monthly_fee = "950.70".parse().unwrap();
    assert_eq!(vat(&d), ["950.70", "199.65", "1150.35"]);
}

#[test]
fn free_consultations_go_by_opening_time_within_the_calendar_year() {
    let mut d = Desk::new();
    d.at("2026-04-10T09:00:00+02:00");
    let plus = d.customer("Plusco", Tier::Plus, "2026-01");
    // Opened in December 2025, before the contract: no quota then, billed like a request.
    let w = d.ticket(&plus, "Old question", Consultation, "2025-12-20T09:00:00+01:00");
    let x = d.ticket(&plus, "Workshop", Consultation, "2026-02-01T09:00:00+01:00");
    let y = d.ticket(&plus, "Second", Consultation, "2026-02-15T09:00:00+01:00");
    d.work(&y, "2026-03-02T09:00:00+01:00", 30);
    d.work_as(&x, "2026-03-03T09:00:00+01:00", 150, Consultant);
    d.work(&w, "2026-03-04T09:00:00+01:00", 15);
    let s = d.statement(&plus, "2026-03");
    assert_eq!(
        lines(&s),
        [
            // Second (#3): PLUS has one free consultation a year and #2 was opened first: 30 billable.
            line("3", [30, 0, 30, 30, 0], "0.00"),
            // Workshop (#2): the year's free one, its first 120 minutes free: 150 − 120 = 30 billable.
            line("2", [150, 120, 30, 30, 0], "0.00"),
            // Old question (#1): 15 beyond the 60 prepaid = 200.00.
            line("1", [15, 0, 15, 0, 15], "200.00"),
        ]
    );
    // 2 500 + 200 = 2 700.00; VAT 567.00; 3 267.00.
    assert_eq!(totals(&s), ([75, 60, 0, 15], money(["2500.00", "200.00", "2700.00", "567.00", "3267.00"])));
    let doc = d.doc(&plus, "2026-03");
    let marks: Vec<_> = doc.lines.iter().map(|l| l.marks.join(",")).collect();
    assert_eq!(marks, ["consultation", "free consultation", "consultation"]);

    // VIP: four a year. Opened in the reverse of their numbers: #8 (5 Jan) … #5 (8 Jan) are free,
    // #4 (9 Jan) is the fifth by opening time and is billed like a request.
    let vip = d.customer("Vipco", Tier::Vip, "2026-01");
    let mut tickets = Vec::new();
    for day in (5..=9).rev() {
        tickets.push(d.ticket(&vip, "Talk", Consultation, &format!("2026-01-{day:02}T09:00:00+01:00")));
    }
    for (i, ticket) in tickets.iter().enumerate() {
        d.work(ticket, &format!("2026-02-02T{:02}:00:00+01:00", 9 + i), 130);
    }
    let s = d.statement(&vip, "2026-02");
    assert_eq!(
        lines(&s),
        [
            // 130 → 135, all billable, from prepaid.
            line("4", [130, 0, 135, 135, 0], "0.00"),
            // 130 − 120 free = 10 → 15 each.
            line("5", [130, 120, 15, 15, 0], "0.00"),
            line("6", [130, 120, 15, 15, 0], "0.00"),
            line("7", [130, 120, 15, 15, 0], "0.00"),
            line("8", [130, 120, 15, 15, 0], "0.00"),
        ]
    );
    // 135 + 4 × 15 = 195 of 300 prepaid: the fee alone.
    assert_eq!(totals(&s), ([195, 195, 105, 0], money(["5000.00", "0.00", "5000.00", "1050.00", "6050.00"])));
}

#[test]
fn a_free_consultation_carries_its_remainder_into_the_next_month_in_work_order() {
    let mut d = Desk::new();
    d.at("2026-05-10T09:00:00+02:00");
    let plus = d.customer("Plusco", Tier::Plus, "2026-01");
    let talk = d.ticket(&plus, "Talk", Consultation, "2026-03-20T09:00:00+01:00");
    let req = d.ticket(&plus, "Request", Request, "2026-03-20T10:00:00+01:00");
    // Logged out of order: the April work first, then the March work (23:00 Prague on 31 March is
    // 21:00 UTC, still March). Free minutes are consumed in the order the work started.
    d.work_as(&talk, "2026-04-01T00:30:00+02:00", 50, Consultant);
    d.work_as(&talk, "2026-03-31T23:00:00+02:00", 100, Consultant);
    d.work(&req, "2026-04-02T09:00:00+02:00", 45);
    d.work_as(&talk, "2026-05-04T09:00:00+02:00", 30, Consultant);

    // March: 100 raw, all free (120 available), nothing billable.
    let march = d.statement(&plus, "2026-03");
    assert_eq!(lines(&march), [line("1", [100, 100, 0, 0, 0], "0.00")]);
    assert_eq!(totals(&march), ([0, 0, 60, 0], money(["2500.00", "0.00", "2500.00", "525.00", "3025.00"])));
    // April: 20 free minutes left: 50 − 20 = 30 billable, drawn first; the request's 45 take the other
    // 30 prepaid and 15 are over: 200.00. 2 700.00; VAT 567.00; 3 267.00.
    let april = d.statement(&plus, "2026-04");
    assert_eq!(lines(&april), [line("1", [50, 20, 30, 30, 0], "0.00"), line("2", [45, 0, 45, 30, 15], "200.00")]);
    assert_eq!(totals(&april), ([75, 60, 0, 15], money(["2500.00", "200.00", "2700.00", "567.00", "3267.00"])));
    assert_eq!(d.doc(&plus, "2026-04").lines[0].marks, ["free consultation"]);
    // May: the 120 free minutes are spent; 30 billable within prepaid.
    let may = d.statement(&plus, "2026-05");
    assert_eq!(lines(&may), [line("1", [30, 0, 30, 30, 0], "0.00")]);
}

#[test]
fn months_are_prague_months_across_daylight_saving_time() {
    let mut d = Desk::new();
    d.at("2026-12-01T09:00:00+01:00");
    let cal = &d.settings.calendar;
    // Prague is UTC+1 in winter, UTC+2 from 29 March to 25 October 2026.
    assert_eq!(cal.month_bounds(ym("2026-03")), (t("2026-02-28T23:00:00Z"), t("2026-03-31T22:00:00Z")));
    assert_eq!(cal.month_bounds(ym("2026-10")), (t("2026-09-30T22:00:00Z"), t("2026-10-31T23:00:00Z")));
    assert_eq!(cal.month_bounds(ym("2026-11")), (t("2026-10-31T23:00:00Z"), t("2026-11-30T23:00:00Z")));
    assert_eq!(cal.month_of(t("2026-03-31T21:30:00Z")), ym("2026-03"));
    assert_eq!(cal.month_of(t("2026-10-31T23:10:00Z")), ym("2026-11"));

    let acme = d.customer("Acme", Tier::Standard, "2026-01");
    let job = d.ticket(&acme, "Job", Request, "2026-02-01T09:00:00+01:00");
    // Powers of two, so each month's raw sum says which entries it got.
    for (at, minutes) in [
        ("2026-02-28T23:59:00+01:00", 1),   // February (22:59Z)
        ("2026-03-01T00:00:00+01:00", 2),   // March from its first instant (28 Feb 23:00Z)
        ("2026-03-31T23:30:00+02:00", 4),   // March (21:30Z)
        ("2026-04-01T00:00:00+02:00", 8),   // April from its first instant (31 Mar 22:00Z)
        ("2026-10-25T02:30:00+02:00", 16),  // October, the first 02:30 of the autumn night
        ("2026-10-25T02:30:00+01:00", 32),  // October, the second 02:30
        ("2026-10-31T23:30:00+01:00", 64),  // October (22:30Z)
        ("2026-11-01T00:10:00+01:00", 128), // November (31 Oct 23:10Z)
    ] {
        d.work(&job, at, minutes);
    }
    let raw =
        |m: &str| d.statement(&acme, m).lines.iter().map(|l| (l.raw_minutes, l.rounded_minutes)).collect::<Vec<_>>();
    assert_eq!(raw("2026-02"), [(1, 15)]);
    assert_eq!(raw("2026-03"), [(2 + 4, 15)]);
    assert_eq!(raw("2026-04"), [(8, 15)]);
    assert_eq!(raw("2026-10"), [(16 + 32 + 64, 120)]);
    assert_eq!(raw("2026-11"), [(128, 135)]);
    // November: 135 rounded, 30 prepaid, 105 over = 1 400.00; 950 + 1 400 = 2 350.00; VAT 493.50.
    let nov = d.statement(&acme, "2026-11");
    assert_eq!(totals(&nov), ([135, 30, 0, 105], money(["950.00", "1400.00", "2350.00", "493.50", "2843.50"])));
}

#[test]
fn a_statement_uses_the_tier_in_force_that_month() {
    let mut d = Desk::new();
    d.at("2026-07-01T09:00:00+02:00");
    let acme = d.customer("Acme", Tier::Standard, "2026-02");
    d.store.set_tier(&acme.id, ym("2026-04"), Tier::Plus, d.now).unwrap();
    d.store.set_tier(&acme.id, ym("2026-06"), Tier::Vip, d.now).unwrap();
    let history = d.store.tier_history(&acme.id).unwrap();
    assert_eq!(history, [(ym("2026-02"), Tier::Standard), (ym("2026-04"), Tier::Plus), (ym("2026-06"), Tier::Vip)]);

    let job = d.ticket(&acme, "Job", Request, "2026-01-05T09:00:00+01:00");
    for month in 1..=6 {
        d.work(&job, &format!("2026-{month:02}-10T10:00:00+01:00"), 100);
    }
    // Consultations opened under STANDARD (no quota) and under PLUS (one a year), both worked in May.
    let k1 = d.ticket(&acme, "Talk under STANDARD", Consultation, "2026-03-10T09:00:00+01:00");
    let k2 = d.ticket(&acme, "Talk under PLUS", Consultation, "2026-04-10T09:00:00+02:00");
    d.work(&k1, "2026-05-11T10:00:00+02:00", 30);
    d.work(&k2, "2026-05-12T10:00:00+02:00", 30);

    // January, before the contract: no contract, 100 → 105 × 1 000/h = 1 750.00; VAT 367.50.
    let jan = d.statement(&acme, "2026-01");
    assert_eq!(
        (jan.tier, lines(&jan)),
        (Tier::None, vec![role_line("1", Technician, [100, 0, 105, 0, 105], "1750.00")])
    );
    assert_eq!(totals(&jan), ([105, 0, 0, 105], money(["0.00", "1750.00", "1750.00", "367.50", "2117.50"])));
    // February and March, STANDARD: 105 − 30 prepaid = 75 over = 1 000.00; 950 + 1 000 = 1 950.00.
    for month in ["2026-02", "2026-03"] {
        let s = d.statement(&acme, month);
        assert_eq!(s.tier, Tier::Standard);
        assert_eq!(totals(&s), ([105, 30, 0, 75], money(["950.00", "1000.00", "1950.00", "409.50", "2359.50"])));
    }
    // April, PLUS: 105 − 60 = 45 over = 600.00; 2 500 + 600 = 3 100.00; VAT 651.00.
    let apr = d.statement(&acme, "2026-04");
    assert_eq!(totals(&apr), ([105, 60, 0, 45], money(["2500.00", "600.00", "3100.00", "651.00", "3751.00"])));
    // May, PLUS: the request 105 (60 prepaid, 45 over = 600.00); the consultation opened under
    // STANDARD is billed (30 over = 400.00); the one opened under PLUS is free.
    let may = d.statement(&acme, "2026-05");
    assert_eq!(
        lines(&may),
        [
            line("1", [100, 0, 105, 60, 45], "600.00"),
            line("2", [30, 0, 30, 0, 30], "400.00"),
            line("3", [30, 30, 0, 0, 0], "0.00")
        ]
    );
    // 2 500 + 1 000 = 3 500.00; VAT 735.00; 4 235.00.
    assert_eq!(totals(&may), ([135, 60, 0, 75], money(["2500.00", "1000.00", "3500.00", "735.00", "4235.00"])));
    // Obligations agree: PLUS's one free consultation of 2026 is used (by K2), none is left.
    let o = obligations(&d.store, &d.settings, &acme, 2026, day("2026-05-20")).unwrap();
    assert_eq!((o.free_consultations_per_year, o.free_consultations_used, o.free_consultations_left()), (1, 1, 0));
    // June, VIP: 105 of 300 prepaid: the fee alone.
    let jun = d.statement(&acme, "2026-06");
    assert_eq!(totals(&jun), ([105, 105, 195, 0], money(["5000.00", "0.00", "5000.00", "1050.00", "6050.00"])));
}

#[test]
fn closing_freezes_a_month_and_corrections_are_priced_as_the_difference() {
    let mut d = Desk::on_disk();
    d.at("2026-04-10T09:00:00+02:00");
    let acme = d.customer("Acme", Tier::Standard, "2026-01");
    let job = d.ticket(&acme, "Job", Request, "2026-03-02T09:00:00+01:00");
    let first = d.work(&job, "2026-03-05T10:00:00+01:00", 20);

    for future in ["2026-04", "2026-05"] {
        let err = close_month(&mut d.store, &d.settings, ym(future), d.now).unwrap_err();
        assert_eq!(err.to_string(), format!("{future} has not ended yet; only past months can be closed"));
    }
    // March: 20 → 30 within the 30 prepaid: 950.00.
    assert_eq!(close_month(&mut d.store, &d.settings, ym("2026-03"), d.now).unwrap(), 1);
    let err = close_month(&mut d.store, &d.settings, ym("2026-03"), d.now).unwrap_err();
    assert_eq!(err.to_string(), "2026-03 is already closed");
    let frozen = d.doc(&acme, "2026-03");
    assert!(frozen.closed);
    assert_eq!((frozen.billable_minutes, frozen.total_excl_vat.as_str()), (30, "950.00"));

    // Silent changes are refused and change nothing. The store says why; how to book it is the CLI's
    // (`--correction`, `month reopen`: tests/cli_statements.rs) to add.
    let closed = "2026-03 is closed: its statements are frozen";
    let add = d.store.add_time_entry(Desk::entry(&job, "2026-03-06T10:00:00+01:00", 40, Technician), d.now);
    assert_eq!(add.unwrap_err().to_string(), closed);
    let moved = Desk::entry(&job, "2026-03-05T10:00:00+01:00", 25, Technician);
    assert_eq!(d.store.correct_time_entry(&first.id, moved, d.now).unwrap_err().to_string(), closed);
    assert_eq!(d.store.void_time_entry(&first.id, d.now).unwrap_err().to_string(), closed);
    // Nor can work from an open month be moved into the closed one.
    let april = d.work(&job, "2026-04-01T10:00:00+02:00", 5);
    let into_march = Desk::entry(&job, "2026-03-31T10:00:00+02:00", 5, Technician);
    assert_eq!(d.store.correct_time_entry(&april.id, into_march, d.now).unwrap_err().to_string(), closed);
    d.store.void_time_entry(&april.id, d.now).unwrap();
    assert_eq!(d.store.time_entries(&job.id).unwrap(), std::slice::from_ref(&first));
    assert_eq!(d.doc(&acme, "2026-03"), frozen);

    // +40 min: the month would have had 60 → 60 rounded, 30 prepaid, 30 over = 400.00 more.
    let add = Desk::entry(&job, "2026-03-06T10:00:00+01:00", 40, Technician);
    let (added, amount) = book_correction(&mut d.store, &d.settings, &job, Some(add), None, d.now).unwrap();
    let added = added.expect("the corrected work is recorded");
    assert_eq!(amount.unwrap().to_string(), "400.00");
    let correction = |description: &str, minutes: i64, amount: &str| AdjustmentDoc {
        description: description.into(),
        work_month: "2026-03".into(),
        booked_month: "2026-04".into(),
        minutes,
        amount: amount.into(),
    };
    let plus40 = correction("correction of 2026-03: ticket 1 +40m", 40, "400.00");
    let after = d.doc(&acme, "2026-03");
    assert_eq!(after.later_corrections, std::slice::from_ref(&plus40));
    assert_eq!(StatementDoc { later_corrections: Vec::new(), ..after }, frozen, "the frozen figures stay");
    // April bills it: 950 + 400 = 1 350.00; VAT 283.50; 1 633.50.
    let apr = d.doc(&acme, "2026-04");
    assert_eq!(apr.adjustments, std::slice::from_ref(&plus40));
    assert_eq!([apr.total_excl_vat, apr.vat, apr.total_incl_vat], ["1350.00", "283.50", "1633.50"]);

    // Removing the first 20 min: 40 → 45 rounded, 15 over = 200.00 instead of 400.00: −200.00.
    d.at("2026-04-10T09:01:00+02:00");
    let (_, amount) = book_correction(&mut d.store, &d.settings, &job, None, Some(&first), d.now).unwrap();
    assert_eq!(amount.unwrap().to_string(), "-200.00");
    // Correcting 40 min to 10 is two lines: without the 40 the month is the fee alone (−200.00); the 10
    // → 15 fit in the prepaid minutes (0.00).
    d.at("2026-04-10T09:02:00+02:00");
    let ten = Desk::entry(&job, "2026-03-06T10:00:00+01:00", 10, Technician);
    let (_, amount) = book_correction(&mut d.store, &d.settings, &job, Some(ten), Some(&added), d.now).unwrap();
    assert_eq!(amount.unwrap().to_string(), "-200.00");
    let minus20 = correction("correction of 2026-03: ticket 1 -20m", -20, "-200.00");
    let minus40 = correction("correction of 2026-03: ticket 1 -40m", -40, "-200.00");
    let plus10 = correction("correction of 2026-03: ticket 1 +10m", 10, "0.00");
    // In booking order; the two lines of one correction share an instant, so their order is not pinned.
    let in_order = |mut list: Vec<AdjustmentDoc>| {
        list[2..].sort_by_key(|a| a.minutes);
        list
    };
    let booked = [plus40, minus20, minus40, plus10];
    assert_eq!(in_order(d.doc(&acme, "2026-03").later_corrections), booked);
    // 950 + 400 − 200 − 200 + 0 = 950.00: what March costs now (10 min, within prepaid) minus what was
    // frozen (950.00), on top of April's fee.
    let apr = d.doc(&acme, "2026-04");
    assert_eq!(in_order(apr.adjustments), booked);
    assert_eq!([apr.total_excl_vat, apr.vat, apr.total_incl_vat], ["950.00", "199.50", "1149.50"]);
    assert_eq!(d.statement(&acme, "2026-03").total_excl_vat.to_string(), "950.00");

    // A correction of an open month is refused: change the entry directly.
    let open = Desk::entry(&job, "2026-04-02T10:00:00+02:00", 10, Technician);
    let err = book_correction(&mut d.store, &d.settings, &job, Some(open), None, d.now).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2026-04 is not closed; change the time entry directly instead of booking a correction"
    );
    // A corrected entry cannot leave its month.
    let current = d.store.time_entries(&job.id).unwrap().remove(0);
    let elsewhere = Desk::entry(&job, "2026-04-02T10:00:00+02:00", 10, Technician);
    let err = book_correction(&mut d.store, &d.settings, &job, Some(elsewhere), Some(&current), d.now).unwrap_err();
    assert!(err.to_string().starts_with("a corrected entry must stay in the month it was in: "), "{err}");

    // Reopening (as carol) is logged and cancels the four adjustments: March bills its work itself.
    d.store.set_actor("carol");
    assert_eq!(reopen_month(&mut d.store, ym("2026-03"), d.now).unwrap(), 4);
    let logged = d.oplog();
    let reopened: Vec<_> = logged.iter().filter(|(_, body)| body.contains(r#""op":"month_reopened""#)).collect();
    assert_eq!(reopened.len(), 1);
    assert_eq!(reopened[0].0, "carol");
    assert!(reopened[0].1.contains(r#""month":"2026-03""#), "{}", reopened[0].1);
    assert_eq!(logged.iter().filter(|(_, body)| body.contains(r#""op":"adjustment_cancelled""#)).count(), 4);
    let apr = d.doc(&acme, "2026-04");
    assert_eq!((apr.adjustments.len(), apr.total_excl_vat.as_str()), (0, "950.00"));
    let march = d.doc(&acme, "2026-03");
    assert!(!march.closed);
    assert_eq!((march.lines[0].raw_minutes, march.later_corrections.len()), (10, 0));
    let err = reopen_month(&mut d.store, ym("2026-03"), d.now).unwrap_err();
    assert_eq!(err.to_string(), "2026-03 is not closed");
    // Open again: the entry can be changed directly.
    d.store.void_time_entry(&current.id, d.now).unwrap();
}

#[test]
fn reopening_waits_for_the_month_that_billed_the_correction() {
    let mut d = Desk::new();
    d.at("2026-04-10T09:00:00+02:00");
    let acme = d.customer("Acme", Tier::Standard, "2026-01");
    let job = d.ticket(&acme, "Job", Request, "2026-03-02T09:00:00+01:00");
    d.work(&job, "2026-03-05T10:00:00+01:00", 20);
    close_month(&mut d.store, &d.settings, ym("2026-03"), d.now).unwrap();
    let add = Desk::entry(&job, "2026-03-06T10:00:00+01:00", 40, Technician);
    book_correction(&mut d.store, &d.settings, &job, Some(add), None, d.now).unwrap();
    // A tier change from the closed month would alter it; from April on it is fine.
    let err = d.store.set_tier(&acme.id, ym("2026-03"), Tier::Plus, d.now).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2026-03 is closed: a tier change from 2026-03 would alter its frozen statements; choose a month after the \
         last closed one, or reopen 2026-03"
    );
    assert_eq!(d.store.tier_in(&acme.id, ym("2026-03")).unwrap(), Tier::Standard);

    d.at("2026-05-04T09:00:00+02:00");
    // April is closed with the adjustment on it: 950 + 400 = 1 350.00.
    close_month(&mut d.store, &d.settings, ym("2026-04"), d.now).unwrap();
    assert_eq!(d.doc(&acme, "2026-04").total_excl_vat, "1350.00");
    let err = reopen_month(&mut d.store, ym("2026-03"), d.now).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2026-03 cannot be reopened: a correction of it was billed in 2026-04, which is closed too; reopen 2026-04 first"
    );
    assert!(d.store.is_month_closed(ym("2026-03")).unwrap());
    assert_eq!(d.doc(&acme, "2026-03").later_corrections.len(), 1);
    assert_eq!(reopen_month(&mut d.store, ym("2026-04"), d.now).unwrap(), 0);
    assert_eq!(reopen_month(&mut d.store, ym("2026-03"), d.now).unwrap(), 1);
    // Both open: March bills the 60 minutes (1 350.00), April the fee alone.
    assert_eq!(d.doc(&acme, "2026-03").total_excl_vat, "1350.00");
    assert_eq!(d.doc(&acme, "2026-04").total_excl_vat, "950.00");
    assert_eq!(d.store.closed_months().unwrap(), []);
}

#[test]
fn a_closed_month_report_is_the_frozen_documents() {
    let mut d = Desk::new();
    d.at("2026-04-10T09:00:00+02:00");
    let acme = d.customer("Acme", Tier::Standard, "2026-01");
    let walk = d.customer("Walk-in", Tier::None, "2026-01");
    let idle = d.customer("Idle", Tier::None, "2026-01");
    let job = d.ticket(&walk, "Job", Request, "2026-03-02T09:00:00+01:00");
    d.work(&job, "2026-03-05T10:00:00+01:00", 20);
    let live = month_docs(&d.store, &d.settings, ym("2026-03")).unwrap();
    assert_eq!(live.iter().map(|s| s.customer.as_str()).collect::<Vec<_>>(), ["Acme", "Walk-in"]);
    // Two statements frozen: Acme's fee, Walk-in's 30 min × 1 000/h = 500.00; Idle has none.
    assert_eq!(close_month(&mut d.store, &d.settings, ym("2026-03"), d.now).unwrap(), 2);
    let frozen = month_docs(&d.store, &d.settings, ym("2026-03")).unwrap();
    let expect: Vec<StatementDoc> = live.into_iter().map(|s| StatementDoc { closed: true, ..s }).collect();
    assert_eq!(frozen, expect);
    assert!(statement_doc(&d.store, &d.settings, &idle, ym("2026-03")).unwrap().is_none());
    // Idle had no statement, but work of theirs in March is found later: 20 min → 30 × 1 000/h = 500.00
    // billed in April, and the closed month shows it beside the nothing that was frozen.
    let chat = d.ticket(&idle, "Chat", Request, "2026-03-20T09:00:00+01:00");
    let late = Desk::entry(&chat, "2026-03-20T10:00:00+01:00", 20, Technician);
    let (_, amount) = book_correction(&mut d.store, &d.settings, &chat, Some(late), None, d.now).unwrap();
    assert_eq!(amount.unwrap().to_string(), "500.00");
    let idle_march = d.doc(&idle, "2026-03");
    assert_eq!((idle_march.closed, idle_march.lines.len(), idle_march.total_excl_vat.as_str()), (true, 0, "0.00"));
    assert_eq!(
        idle_march.later_corrections,
        [AdjustmentDoc {
            description: "correction of 2026-03: ticket 2 +20m".into(),
            work_month: "2026-03".into(),
            booked_month: "2026-04".into(),
            minutes: 20,
            amount: "500.00".into(),
        }]
    );
    let names: Vec<String> =
        month_docs(&d.store, &d.settings, ym("2026-03")).unwrap().into_iter().map(|s| s.customer).collect();
    assert_eq!(names, ["Acme", "Idle", "Walk-in"]);
    assert_eq!(d.doc(&idle, "2026-04").total_excl_vat, "500.00");
    // Later contract changes of the customer do not reach the frozen month.
    d.store.set_tier(&acme.id, ym("2026-04"), Tier::Vip, d.now).unwrap();
    assert_eq!(d.doc(&acme, "2026-03").total_excl_vat, "950.00");
    assert_eq!(d.doc(&acme, "2026-04").total_excl_vat, "5000.00");
    assert_eq!(d.settings.calendar.month_of(d.now), ym("2026-04"));
}

#[test]
fn csv_quotes_per_rfc_4180_and_neutralises_formulas() {
    let mut d = Desk::new();
    let acme = d.customer("Acme", Tier::Standard, "2026-01");
    let job = d.ticket(&acme, "Job", Request, "2026-03-02T09:00:00+01:00");
    d.work(&job, "2026-03-05T10:00:00+01:00", 20);
    let base = d.doc(&acme, "2026-03");
    // Text that came from outside, as a document may hold it (the store already turns a leading tab,
    // CR or newline of a name or title into nothing; the CSV guard must not rely on that).
    let cases = [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+420 777 123", "'+420 777 123"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTabbed", "'\tTabbed"),
        ("\rCarriage", "\"'\rCarriage\""),
        ("Acme = fine", "Acme = fine"),
        ("Comma, Inc.", "\"Comma, Inc.\""),
        ("Say \"hi\"", "\"Say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=\"quoted, formula\"", "\"'=\"\"quoted, formula\"\"\""),
    ];
    let docs: Vec<StatementDoc> = cases
        .iter()
        .map(|(name, _)| {
            let mut doc = base.clone();
            doc.customer = name.to_string();
            doc.lines[0].title = name.to_string();
            doc
        })
        .collect();
    let summary = csv_text(&docs, false).unwrap();
    let mut expected = String::from(
        "customer,month,tier,fee,prepaid_minutes,billable_minutes,prepaid_used_minutes,prepaid_left_minutes,\
         overage_minutes,overage_amount,adjustments_amount,total_excl_vat,vat,total_incl_vat,upgrade_suggested\r\n",
    );
    for (_, field) in cases {
        expected += &format!("{field},2026-03,standard,950.00,30,30,30,0,0,0.00,0.00,950.00,199.50,1149.50,false\r\n");
    }
    assert_eq!(summary, expected);

    let per_line = csv_text(&docs, true).unwrap();
    let mut expected = String::from(
        "customer,month,ticket,title,kind,role,rate,raw_minutes,free_minutes,rounded_minutes,prepaid_minutes,\
         overage_minutes,amount,marks\r\n",
    );
    for (_, field) in cases {
        expected += &format!("{field},2026-03,1,{field},request,,800.00,20,0,30,30,0,0.00,\r\n");
    }
    assert_eq!(per_line, expected);
    // The CSV reads back to the neutralised values, field for field.
    let mut reader = csv::ReaderBuilder::new().from_reader(per_line.as_bytes());
    let titles: Vec<String> = reader.records().map(|r| r.unwrap()[3].to_string()).collect();
    let neutral: Vec<String> = cases.iter().map(|(name, _)| statements::neutralise(name)).collect();
    assert_eq!(titles, neutral);
    assert_eq!(neutral[4], "'\tTabbed");
}

#[test]
fn status_reports_and_free_consultations_are_counted_per_calendar_year() {
    let mut d = Desk::new();
    d.at("2026-01-02T09:00:00+01:00");
    let vip = d.customer("Vipco", Tier::Vip, "2026-01");
    let plus = d.customer("Plusco", Tier::Plus, "2026-01");
    let std = d.customer("Stdco", Tier::Standard, "2026-01");
    let ob = |d: &Desk, c: &Customer, today: &str| obligations(&d.store, &d.settings, c, 2026, day(today)).unwrap();
    // (per year, done, overdue, due by, free per year, used, left)
    let summary = |o: &statements::Obligations| {
        (
            o.reports_per_year,
            o.reports_done.len(),
            o.reports_overdue,
            o.report_due_by.map(|d| d.to_string()),
            o.free_consultations_per_year,
            o.free_consultations_used,
            o.free_consultations_left(),
        )
    };
    let due = |s: &str| Some(s.to_string());
    // VIP: one report a quarter; the first is due by 31 March.
    assert_eq!(summary(&ob(&d, &vip, "2026-02-10")), (4, 0, 0, due("2026-03-31"), 4, 0, 4));
    // A quarter went by without one: overdue, and the current quarter's date still shows (bb8 #4).
    assert_eq!(summary(&ob(&d, &vip, "2026-04-01")), (4, 0, 1, due("2026-06-30"), 4, 0, 4));
    d.store.record_status_report(&vip, day("2026-03-20"), 4, "Q1", d.now).unwrap();
    assert_eq!(summary(&ob(&d, &vip, "2026-04-01")), (4, 1, 0, due("2026-06-30"), 4, 0, 4));
    assert_eq!(summary(&ob(&d, &vip, "2026-10-01")), (4, 1, 2, due("2026-12-31"), 4, 0, 4));
    // Last year's reports do not count this year.
    d.store.record_status_report(&vip, day("2025-12-20"), 4, "last year", d.now).unwrap();
    assert_eq!(ob(&d, &vip, "2026-10-01").reports_done, [day("2026-03-20")]);
    // PLUS: one a year, due by 31 December.
    assert_eq!(summary(&ob(&d, &plus, "2026-06-01")), (1, 0, 0, due("2026-12-31"), 1, 0, 1));
    d.store.record_status_report(&plus, day("2026-06-15"), 1, "", d.now).unwrap();
    let o = ob(&d, &plus, "2026-06-16");
    assert_eq!((summary(&o), o.reports_left()), ((1, 1, 0, None, 1, 0, 1), 0));
    // STANDARD: neither.
    assert_eq!(summary(&ob(&d, &std, "2026-06-01")), (0, 0, 0, None, 0, 0, 0));

    // Consultations: counted when opened, per calendar year, up to the quota.
    for (i, at) in
        ["2025-12-30T09:00:00+01:00", "2026-02-01T09:00:00+01:00", "2026-02-02T09:00:00+01:00"].into_iter().enumerate()
    {
        d.ticket(&vip, &format!("Talk {i}"), Consultation, at);
    }
    d.ticket(&vip, "Not a consultation", Request, "2026-02-03T09:00:00+01:00");
    // The one opened in December 2025 was last year's; two of this year's four are used.
    let o = ob(&d, &vip, "2026-02-10");
    assert_eq!((o.free_consultations_used, o.free_consultations_left()), (2, 2));
    for day in 4..=6 {
        d.ticket(&vip, "More talk", Consultation, &format!("2026-02-{day:02}T09:00:00+01:00"));
    }
    // Five opened in 2026: four used, none left.
    let o = ob(&d, &vip, "2026-02-10");
    assert_eq!((o.free_consultations_used, o.free_consultations_left()), (4, 0));
    d.ticket(&plus, "Talk", Consultation, "2026-05-01T09:00:00+02:00");
    assert_eq!(summary(&ob(&d, &plus, "2026-06-16")).5, 1);
}

#[test]
fn a_consultation_billed_under_plus_keeps_its_place_after_an_upgrade_to_vip() {
    // PLUS in January (one free a year), VIP from February (four). January's two consultations take
    // places 1 (free) and 2 (billed: PLUS had one); February's two take 3 and 4 (free under VIP). Every
    // place is taken: obligations say 4 of 4, and the fifth is billed (60 min of prepaid), as billing
    // ranks it. (Before: "3/4 used" — one promised free that billing charged.)
    let mut d = Desk::new();
    d.at("2026-01-02T09:00:00+01:00");
    let p = d.customer("Plusco", Tier::Plus, "2026-01");
    d.store.set_tier(&p.id, ym("2026-02"), Tier::Vip, d.now).unwrap();
    for at in [
        "2026-01-11T10:00:00+01:00",
        "2026-01-12T10:00:00+01:00",
        "2026-02-13T10:00:00+01:00",
        "2026-02-14T10:00:00+01:00",
    ] {
        d.ticket(&p, "Talk", Consultation, at);
    }
    let o = obligations(&d.store, &d.settings, &p, 2026, day("2026-03-20")).unwrap();
    assert_eq!((o.free_consultations_per_year, o.free_consultations_used, o.free_consultations_left()), (4, 4, 0));
    let fifth = d.ticket(&p, "Promised free?", Consultation, "2026-03-10T10:00:00+01:00");
    d.work(&fifth, "2026-03-10T10:00:00+01:00", 60);
    let march = d.statement(&p, "2026-03");
    assert_eq!((march.lines[0].free_minutes, march.prepaid_used_minutes), (0, 60), "billing agrees: no place was left");
}

#[test]
fn a_contract_starting_mid_year_owes_no_reports_for_quarters_before_it() {
    let mut d = Desk::new();
    d.at("2026-05-04T09:00:00+02:00");
    let vip = d.customer("Newco", Tier::Vip, "2026-05");
    let o = obligations(&d.store, &d.settings, &vip, 2026, day("2026-05-04")).unwrap();
    // The contract starts in the second quarter: its first report is due by 30 June, none overdue.
    assert_eq!((o.reports_overdue, o.report_due_by), (0, Some(day("2026-06-30"))));
    // A second quarter without one: overdue; the third quarter's date still shows.
    let o = obligations(&d.store, &d.settings, &vip, 2026, day("2026-07-01")).unwrap();
    assert_eq!((o.reports_overdue, o.report_due_by), (1, Some(day("2026-09-30"))));
    d.store.record_status_report(&vip, day("2026-06-30"), 4, "Q2", d.now).unwrap();
    let o = obligations(&d.store, &d.settings, &vip, 2026, day("2026-07-01")).unwrap();
    assert_eq!((o.reports_overdue, o.report_due_by), (0, Some(day("2026-09-30"))));
    // PLUS from November: its one report is due by the end of the year.
    let late = d.customer("Lateco", Tier::Plus, "2026-11");
    let o = obligations(&d.store, &d.settings, &late, 2026, day("2026-11-02")).unwrap();
    assert_eq!((o.reports_per_year, o.reports_overdue, o.report_due_by), (1, 0, Some(day("2026-12-31"))));
}

#[test]
fn overage_three_months_running_suggests_the_next_tier() {
    let mut d = Desk::new();
    d.at("2026-06-01T09:00:00+02:00");
    // Per month: STANDARD 45 → 15 over; PLUS 75 → 15 over; VIP 315 → 15 over.
    let cases =
        [("Std", Tier::Standard, 45), ("Plus", Tier::Plus, 75), ("Vip", Tier::Vip, 315), ("Gap", Tier::Standard, 45)];
    let mut customers = Vec::new();
    for (name, tier, minutes) in cases {
        let c = d.customer(name, tier, "2026-01");
        let job = d.ticket(&c, "Job", Request, "2026-01-05T09:00:00+01:00");
        for month in 1..=5 {
            // Gap has only 10 minutes (within prepaid) in February.
            let minutes = if name == "Gap" && month == 2 { 10 } else { minutes };
            d.work(&job, &format!("2026-{month:02}-12T10:00:00+01:00"), minutes);
        }
        customers.push(c);
    }
    let [std, plus, vip, gap] = &customers[..] else { unreachable!() };
    assert_eq!(d.statement(std, "2026-01").overage_minutes, 15);
    // January and February are only one and two months of overage.
    assert_eq!([d.upgrade(std, "2026-01"), d.upgrade(std, "2026-02")], [None, None]);
    assert_eq!(d.upgrade(std, "2026-03"), Some(Tier::Plus));
    assert_eq!(d.upgrade(plus, "2026-03"), Some(Tier::Vip));
    assert_eq!(d.upgrade(vip, "2026-03"), None, "there is nothing above VIP");
    // Gap: January, March, April over, February not: April is two in a row; May is three.
    assert_eq!([d.upgrade(gap, "2026-03"), d.upgrade(gap, "2026-04")], [None, None]);
    assert_eq!(d.upgrade(gap, "2026-05"), Some(Tier::Plus));
    // A month without overage ends the run.
    assert_eq!(d.upgrade(std, "2026-06"), None);
    // The month's documents carry it.
    let docs = month_docs(&d.store, &d.settings, ym("2026-03")).unwrap();
    let flags: Vec<_> = docs.iter().map(|s| (s.customer.as_str(), s.upgrade_suggested, s.upgrade_to)).collect();
    assert_eq!(
        flags,
        [("Gap", false, None), ("Plus", true, Some(Tier::Vip)), ("Std", true, Some(Tier::Plus)), ("Vip", false, None)]
    );
}
