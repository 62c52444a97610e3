//! The table of concurrent changes (README, "Working offline"): for every pair of changes two copies can
//! make to the same thing, the rule — which wins, what is kept, what is shown as a conflict — on two
//! copies and on three. One test per row; the row's name is in the test's. Every test ends with all
//! copies synced, holding the same state table by table, and billing what the single-copy model of the
//! winning versions bills (`copies::assert_bills_like_the_model`).

mod copies;

use chrono::Duration;
use copies::*;
use helpdesk::domain::{Role, TicketStatus, Tier};
use helpdesk::statements::{close_month, timers};
use helpdesk::store::{Store, TicketChange, TicketRow};

const MONDAY: &str = "2026-03-02T09:00:00+01:00";

/// A customer without a contract (every minute billed at 1 000 CZK/h) with ticket 1 and one hour of
/// ann's work on it from 09:00.
fn upsilon(team: &mut Store) {
    let now = t(MONDAY);
    let c = team.add_customer("Upsilon", "", Tier::None, ym("2026-01"), now).unwrap();
    let ticket = team.open_ticket(new_ticket(&c, "Fix mail relay", now), now).unwrap();
    team.add_time_entry(work(&ticket, now, 60, "ann"), now).unwrap();
}

fn ticket1(store: &Store) -> TicketRow {
    store.ticket_by_number(&"1".parse().unwrap()).unwrap().unwrap()
}

fn customer(store: &Store) -> helpdesk::store::Customer {
    customers(store).into_iter().next().unwrap()
}

/// Corrects ticket 1's only entry to `minutes` on copy `i` at `at`.
fn correct(c: &mut Copies, i: usize, minutes: u32, at: &str) {
    let store = &mut c.stores[i];
    let old = entries(store, &ticket1(store)).remove(0);
    let new = work(&ticket1(store), old.started_at, minutes, &old.technician);
    store.correct_time_entry(&old.id, new, t(at)).unwrap();
}

fn remove(c: &mut Copies, i: usize, at: &str) {
    let store = &mut c.stores[i];
    let old = entries(store, &ticket1(store)).remove(0);
    store.void_time_entry(&old.id, t(at)).unwrap();
}

fn open_conflicts(store: &Store) -> Vec<(String, Option<String>, Option<String>)> {
    store.conflicts(false).unwrap().into_iter().map(|c| (c.field, c.kept_value, c.other_value)).collect()
}

fn done(c: &mut Copies) {
    let end = t("2026-03-02T18:00:00+01:00");
    c.settle(end);
    assert_bills_like_the_model(c, &[ym("2026-02"), ym("2026-03")], end);
}

// --- Time entries ------------------------------------------------------------------------------------

#[test]
fn time_entry_corrected_on_two_copies_the_later_correction_is_the_entry_and_the_other_a_conflict() {
    let mut c = Copies::new(2, t(MONDAY), upsilon);
    correct(&mut c, 1, 45, "2026-03-02T11:00:00+01:00");
    correct(&mut c, 0, 30, "2026-03-02T11:05:00+01:00");
    c.sync(1, 0, t("2026-03-02T12:00:00+01:00"));
    for store in &c.stores {
        assert_eq!(minutes_of(store, &ticket1(store)), [30], "one entry, the later correction");
        assert_eq!(work_total(store, &customer(store), ym("2026-03")).to_string(), "500.00");
        assert_eq!(open_conflicts(store), [("time entry".into(), Some("30".into()), Some("45".into()))]);
    }
    done(&mut c);
}

#[test]
fn time_entry_corrected_on_two_copies_and_removed_on_a_third_the_latest_change_wins() {
    let mut c = Copies::new(3, t(MONDAY), upsilon);
    correct(&mut c, 1, 45, "2026-03-02T11:00:00+01:00");
    correct(&mut c, 2, 20, "2026-03-02T11:02:00+01:00");
    remove(&mut c, 0, "2026-03-02T11:05:00+01:00");
    c.sync(1, 2, t("2026-03-02T12:00:00+01:00"));
    // Between the two copies that corrected it: the later correction, and the earlier as its conflict.
    for i in [1, 2] {
        assert_eq!(minutes_of(&c.stores[i], &ticket1(&c.stores[i])), [20]);
    }
    c.sync(1, 0, t("2026-03-02T12:10:00+01:00"));
    done(&mut c);
    for store in &c.stores {
        assert!(minutes_of(store, &ticket1(store)).is_empty(), "the removal is the latest change");
        assert_eq!(work_total(store, &customer(store), ym("2026-03")).to_string(), "0");
    }
    let team = open_conflicts(&c.stores[0]);
    assert!(team.contains(&("time entry".into(), Some("removed".into()), Some("20".into()))), "{team:?}");
}

#[test]
fn time_entry_corrected_on_one_copy_and_removed_on_another_a_later_removal_wins() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        correct(&mut c, 1, 45, "2026-03-02T11:00:00+01:00");
        remove(&mut c, 0, "2026-03-02T11:05:00+01:00");
        done(&mut c);
        for store in &c.stores {
            assert!(minutes_of(store, &ticket1(store)).is_empty(), "{n} copies");
        }
        assert_eq!(open_conflicts(&c.stores[0]), [("time entry".into(), Some("removed".into()), Some("45".into()))]);
    }
}

#[test]
fn time_entry_removed_on_one_copy_and_corrected_on_another_a_later_correction_wins() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        remove(&mut c, 0, "2026-03-02T11:00:00+01:00");
        correct(&mut c, n - 1, 45, "2026-03-02T11:05:00+01:00");
        done(&mut c);
        for store in &c.stores {
            assert_eq!(minutes_of(store, &ticket1(store)), [45], "{n} copies");
        }
        assert_eq!(open_conflicts(&c.stores[0]), [("time entry".into(), Some("45".into()), Some("removed".into()))]);
    }
}

#[test]
fn time_entry_removed_on_two_copies_is_removed_once_without_a_conflict() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        for i in 0..n {
            remove(&mut c, i, "2026-03-02T11:00:00+01:00");
        }
        done(&mut c);
        for store in &c.stores {
            assert!(minutes_of(store, &ticket1(store)).is_empty());
            assert!(open_conflicts(store).is_empty());
        }
    }
}

#[test]
fn time_entries_added_on_two_copies_are_both_kept() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        for i in 0..n {
            let store = &mut c.stores[i];
            let ticket = ticket1(store);
            store.add_time_entry(work(&ticket, t("2026-03-02T13:00:00+01:00"), 15, "ann"), t(MONDAY)).unwrap();
        }
        done(&mut c);
        for store in &c.stores {
            let mut minutes = minutes_of(store, &ticket1(store));
            minutes.sort();
            assert_eq!(minutes.len(), n + 1);
            assert!(open_conflicts(store).is_empty());
        }
    }
}

// --- Ticket fields, first response, promised date ------------------------------------------------------

#[test]
fn ticket_field_set_on_two_copies_the_later_value_is_kept_and_the_other_a_conflict() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        let statuses = [TicketStatus::Waiting, TicketStatus::Resolved, TicketStatus::Open];
        for (i, status) in statuses.iter().enumerate().take(n) {
            let store = &mut c.stores[i];
            let at = t(MONDAY) + Duration::minutes(10 * (i as i64 + 1));
            store.update_ticket(&ticket1(store).id, vec![TicketChange::Status(*status)], at).unwrap();
        }
        done(&mut c);
        for store in &c.stores {
            assert_eq!(ticket1(store).status, statuses[n - 1], "{n} copies: the latest");
        }
        assert!(open_conflicts(&c.stores[0]).iter().all(|(f, _, _)| f == "status"));
        assert!(!open_conflicts(&c.stores[0]).is_empty());
    }
}

#[test]
fn different_fields_of_one_ticket_set_on_two_copies_are_both_kept() {
    let mut c = Copies::new(2, t(MONDAY), upsilon);
    let id = ticket1(&c.stores[0]).summary.id;
    c.stores[0].update_ticket(&id, vec![TicketChange::Status(TicketStatus::Waiting)], t(MONDAY)).unwrap();
    c.stores[1].update_ticket(&id, vec![TicketChange::Assignee(Some("bob".into()))], t(MONDAY)).unwrap();
    done(&mut c);
    let ticket = ticket1(&c.stores[1]);
    assert_eq!((ticket.status, ticket.assignee.as_deref()), (TicketStatus::Waiting, Some("bob")));
    assert!(open_conflicts(&c.stores[0]).is_empty());
}

#[test]
fn first_response_recorded_on_two_copies_the_earliest_stops_the_clock_the_latest_promise_is_kept() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        let promises = ["2026-03-20T23:59:59+01:00", "2026-03-25T23:59:59+01:00", "2026-03-27T23:59:59+01:00"];
        for (i, promise) in promises.iter().enumerate().take(n) {
            let store = &mut c.stores[i];
            let at = t("2026-03-02T10:00:00+01:00") + Duration::minutes(30 * i as i64);
            store.record_first_response(&ticket1(store).id, at, t(promise), at).unwrap();
        }
        done(&mut c);
        for store in &c.stores {
            let ticket = ticket1(store);
            assert_eq!(ticket.first_response_at, Some(t("2026-03-02T10:00:00+01:00")), "the customer heard first then");
            assert_eq!(ticket.resolve_by, Some(t(promises[n - 1])), "{n} copies: the promise said last");
        }
        let team = open_conflicts(&c.stores[0]);
        assert!(!team.is_empty() && team.iter().all(|(f, _, _)| f == "resolve_by"), "{team:?}");
    }
}

#[test]
fn promised_date_moved_on_two_copies_the_later_move_wins() {
    let mut c = Copies::new(2, t(MONDAY), |team| {
        upsilon(team);
        let id = ticket1(team).summary.id;
        team.record_first_response(&id, t(MONDAY), t("2026-03-10T23:59:59+01:00"), t(MONDAY)).unwrap();
    });
    let id = ticket1(&c.stores[0]).summary.id;
    c.stores[1].set_resolve_by(&id, t("2026-03-12T23:59:59+01:00"), t("2026-03-02T11:00:00+01:00")).unwrap();
    c.stores[0].set_resolve_by(&id, t("2026-03-11T23:59:59+01:00"), t("2026-03-02T11:05:00+01:00")).unwrap();
    done(&mut c);
    for store in &c.stores {
        assert_eq!(ticket1(store).resolve_by, Some(t("2026-03-11T23:59:59+01:00")));
    }
    assert_eq!(open_conflicts(&c.stores[0]).len(), 1);
}

// --- Customers ------------------------------------------------------------------------------------------

#[test]
fn tier_set_on_two_copies_from_the_same_month_the_later_wins_from_different_months_both_are_kept() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        let id = customer(&c.stores[0]).id;
        c.stores[0].set_tier(&id, ym("2026-04"), Tier::Vip, t("2026-03-02T10:00:00+01:00")).unwrap();
        c.stores[n - 1].set_tier(&id, ym("2026-04"), Tier::Standard, t("2026-03-02T11:00:00+01:00")).unwrap();
        c.stores[n - 1].set_tier(&id, ym("2026-06"), Tier::Plus, t("2026-03-02T11:00:00+01:00")).unwrap();
        done(&mut c);
        for store in &c.stores {
            assert_eq!(store.tier_in(&id, ym("2026-04")).unwrap(), Tier::Standard, "{n} copies");
            assert_eq!(store.tier_in(&id, ym("2026-06")).unwrap(), Tier::Plus, "{n} copies");
        }
        assert_eq!(
            open_conflicts(&c.stores[0]),
            [("tier from 2026-04".into(), Some("standard".into()), Some("vip".into()))]
        );
    }
}

#[test]
fn customer_renamed_on_two_copies_the_later_name_is_kept() {
    let mut c = Copies::new(2, t(MONDAY), upsilon);
    let id = customer(&c.stores[0]).id;
    c.stores[1].rename_customer(&id, "Upsilon a.s.", t("2026-03-02T10:00:00+01:00")).unwrap();
    c.stores[0].rename_customer(&id, "Upsilon s.r.o.", t("2026-03-02T10:05:00+01:00")).unwrap();
    done(&mut c);
    assert_eq!(customer(&c.stores[1]).name, "Upsilon s.r.o.");
    assert_eq!(
        open_conflicts(&c.stores[1]),
        [("name".into(), Some("Upsilon s.r.o.".into()), Some("Upsilon a.s.".into()))]
    );
}

// --- Timers ---------------------------------------------------------------------------------------------

/// ann's timer on ticket 1, started on the team file at 09:00, before the copies were made.
fn running_timer(team: &mut Store) {
    upsilon(team);
    let id = ticket1(team).summary.id;
    team.start_timer(&id, "ann", Role::Technician, t(MONDAY)).unwrap();
}

fn stop(c: &mut Copies, i: usize, at: &str) {
    timers::stop(&mut c.stores[i], &settings(), "ann", timers::Booking::AsRan, t(at)).unwrap().unwrap();
}

#[test]
fn timer_stopped_on_two_copies_books_one_entry_the_later_stop() {
    let mut c = Copies::new(2, t(MONDAY), running_timer);
    stop(&mut c, 1, "2026-03-02T10:00:00+01:00");
    stop(&mut c, 0, "2026-03-02T10:30:00+01:00");
    done(&mut c);
    for store in &c.stores {
        let mut minutes = minutes_of(store, &ticket1(store));
        minutes.sort();
        assert_eq!(minutes, [60, 90], "the hour logged by hand and the timer's one entry");
        assert!(store.running_timers().unwrap().is_empty());
    }
    assert_eq!(open_conflicts(&c.stores[0]), [("time entry".into(), Some("90".into()), Some("60".into()))]);
}

#[test]
fn timer_stopped_on_three_copies_books_one_entry_the_latest_stop() {
    let mut c = Copies::new(3, t(MONDAY), running_timer);
    stop(&mut c, 1, "2026-03-02T10:00:00+01:00");
    stop(&mut c, 2, "2026-03-02T10:15:00+01:00");
    stop(&mut c, 0, "2026-03-02T10:05:00+01:00");
    done(&mut c);
    for store in &c.stores {
        let mut minutes = minutes_of(store, &ticket1(store));
        minutes.sort();
        assert_eq!(minutes, [60, 75]);
    }
}

#[test]
fn timers_started_on_two_copies_the_later_runs_on_and_the_earlier_books_until_then() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        let cu = customer(&c.stores[0]);
        let second = c.stores[0].open_ticket(new_ticket(&cu, "Second", t(MONDAY)), t(MONDAY)).unwrap();
        c.sync(0, n - 1, t(MONDAY));
        let first = ticket1(&c.stores[n - 1]);
        c.stores[n - 1].start_timer(&first.id, "ann", Role::Technician, t("2026-03-02T09:10:00+01:00")).unwrap();
        c.stores[0].start_timer(&second.id, "ann", Role::Technician, t("2026-03-02T09:40:00+01:00")).unwrap();
        done(&mut c);
        for store in &c.stores {
            let running = store.running_timers().unwrap();
            assert_eq!(running.len(), 1, "{n} copies: one timer per technician");
            assert_eq!(running[0].ticket_id, second.id);
            assert_eq!(
                minutes_of(store, &ticket1(store)),
                [60, 30],
                "the earlier timer booked until the later started"
            );
        }
    }
}

#[test]
fn timers_started_on_two_copies_more_than_a_day_apart_book_nothing_and_say_so() {
    let mut c = Copies::new(2, t(MONDAY), upsilon);
    let first = ticket1(&c.stores[1]);
    c.stores[1].start_timer(&first.id, "ann", Role::Technician, t("2026-03-02T09:10:00+01:00")).unwrap();
    c.stores[0].start_timer(&first.id, "ann", Role::Technician, t("2026-03-04T09:40:00+01:00")).unwrap();
    // Synced after the later start (a copy's clock more than a few minutes ahead is refused).
    let end = t("2026-03-04T18:00:00+01:00");
    c.settle(end);
    assert_bills_like_the_model(&c, &[ym("2026-02"), ym("2026-03")], end);
    for store in &c.stores {
        assert_eq!(store.running_timers().unwrap().len(), 1);
        assert_eq!(minutes_of(store, &ticket1(store)), [60], "nothing booked for the forgotten one");
    }
    let conflicts = open_conflicts(&c.stores[0]);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].0, "timer");
    // What the timer ran is stored as machine text and worded as it is read, in the reader's language;
    // a row an older helpdesk stored as an English sentence reads the same.
    let mut conflict = c.stores[0].conflicts(false).unwrap().remove(0);
    assert_eq!(conflict.other_value.as_deref(), Some("timer-ran:2910:1:ann"));
    // Both sides machine text, as JSON carries them (bb7 #10), both worded in the tables.
    assert_eq!(conflict.kept_value.as_deref(), Some("timer-stopped"));
    let zone = chrono_tz::Europe::Prague;
    for (lang, kept) in [
        (helpdesk::i18n::Language::English, "stopped, nothing booked"),
        (helpdesk::i18n::Language::Czech, "zastaven, nic nezapsáno"),
    ] {
        let _l = helpdesk::i18n::Scoped::new(lang);
        assert_eq!(helpdesk::i18n::words::conflict_value(&conflict, conflict.kept_value.as_deref(), zone), kept);
    }
    let zone = chrono_tz::Europe::Prague;
    let worded = |c: &helpdesk::store::Conflict, lang| {
        let _l = helpdesk::i18n::Scoped::new(lang);
        helpdesk::i18n::words::conflict_value(c, c.other_value.as_deref(), zone)
    };
    let (en, cs) = (helpdesk::i18n::Language::English, helpdesk::i18n::Language::Czech);
    assert_eq!(worded(&conflict, en), "ran 48h 30m until ann started a timer on ticket 1");
    assert_eq!(worded(&conflict, cs), "běžel 48 h 30 min do spuštění časovače u tiketu 1 (ann)");
    conflict.other_value = Some("ran 2910 min until ann started a timer on ticket 1".into());
    assert_eq!(worded(&conflict, en), "ran 48h 30m until ann started a timer on ticket 1");
    assert_eq!(worded(&conflict, cs), "běžel 48 h 30 min do spuštění časovače u tiketu 1 (ann)");
    conflict.other_value = Some("ran 2910 min until ann started a timer on ticket (gone)".into());
    assert_eq!(worded(&conflict, cs), "běžel 48 h 30 min do spuštění časovače u tiketu, který tu už není (ann)");
    // Anything else stored there is shown as it is.
    conflict.other_value = Some("something a newer helpdesk wrote".into());
    assert_eq!(worded(&conflict, cs), "something a newer helpdesk wrote");
}

/// Upsilon (no contract: every minute billed) with tickets 1 and 2 and no work yet.
fn two_tickets(team: &mut Store) {
    let now = t(MONDAY);
    let c = team.add_customer("Upsilon", "", Tier::None, ym("2026-01"), now).unwrap();
    team.open_ticket(new_ticket(&c, "Fix mail relay", now), now).unwrap();
    team.open_ticket(new_ticket(&c, "Printer", now), now).unwrap();
}

fn ticket2(store: &Store) -> TicketRow {
    store.ticket_by_number(&"2".parse().unwrap()).unwrap().unwrap()
}

fn start(c: &mut Copies, i: usize, ticket: fn(&Store) -> TicketRow, at: &str) {
    let store = &mut c.stores[i];
    let ticket = ticket(store);
    timers::start(store, &settings(), &ticket.id, "bob", Role::Technician, t(at)).unwrap();
}

fn stop_bob(c: &mut Copies, i: usize, at: &str) {
    timers::stop(&mut c.stores[i], &settings(), "bob", timers::Booking::AsRan, t(at)).unwrap().unwrap();
}

/// bob worked 09:00–10:30: ticket 1 until 10:00, then ticket 2. Every copy bills 90 minutes, the timer
/// entry of ticket 1 says it was cut and by what, and no copy lists a conflict about it.
fn assert_each_minute_billed_once(c: &Copies, n: usize) {
    for (i, store) in c.stores.iter().enumerate() {
        assert_eq!(minutes_of(store, &ticket1(store)), [60], "{n} copies, copy {i}: cut at the next timer's start");
        assert_eq!(minutes_of(store, &ticket2(store)), [30], "{n} copies, copy {i}");
        assert_eq!(work_total(store, &customer(store), ym("2026-03")).to_string(), "1500.00", "{n} copies, 90 min");
        let entry = entries(store, &ticket1(store)).remove(0);
        let cut = store.entry_cut(&entry.id).unwrap().expect("the cut is shown with the entry");
        assert_eq!(cut.ran_minutes, 90, "what the timer said");
        assert_eq!(cut.at, t("2026-03-02T10:00:00+01:00"));
        assert_eq!(cut.next_ticket_number, "2");
        assert!(open_conflicts(store).is_empty(), "{n} copies, copy {i}: {:?}", open_conflicts(store));
    }
}

#[test]
fn a_timer_switched_on_another_copy_is_cut_where_the_next_timer_started_each_minute_billed_once() {
    for n in [2, 3] {
        // bob starts a timer on ticket 1 on copy A (the last one), and A's work reaches copy B (the one
        // before). On B he switches to ticket 2 at 10:00 (which stops the first there); A, not knowing,
        // stops the first at 10:30 (its clock is later: that stop wins by clock).
        let mut c = Copies::new(n, t(MONDAY), two_tickets);
        let (a, b) = (n - 1, n - 2);
        start(&mut c, a, ticket1, "2026-03-02T09:00:00+01:00");
        c.sync(a, b, t("2026-03-02T09:05:00+01:00"));
        start(&mut c, b, ticket2, "2026-03-02T10:00:00+01:00");
        stop_bob(&mut c, a, "2026-03-02T10:30:00+01:00");
        stop_bob(&mut c, b, "2026-03-02T10:30:00+01:00");
        done(&mut c);
        assert_each_minute_billed_once(&c, n);
    }
}

#[test]
fn a_timer_run_on_one_copy_past_the_start_of_a_timer_on_another_is_cut_there() {
    for n in [2, 3] {
        // The copies never saw each other's timer: the timer on ticket 1 (copy A, 09:00–10:30) ran on
        // past the timer on ticket 2 that bob started on copy B at 10:00.
        let mut c = Copies::new(n, t(MONDAY), two_tickets);
        let (a, b) = (n - 1, 0);
        start(&mut c, a, ticket1, "2026-03-02T09:00:00+01:00");
        start(&mut c, b, ticket2, "2026-03-02T10:00:00+01:00");
        stop_bob(&mut c, a, "2026-03-02T10:30:00+01:00");
        stop_bob(&mut c, b, "2026-03-02T10:30:00+01:00");
        if n == 3 {
            // The third copy learns the second timer first, and the first timer later.
            c.sync(b, 1, t("2026-03-02T10:40:00+01:00"));
            c.sync(a, 1, t("2026-03-02T10:45:00+01:00"));
        }
        done(&mut c);
        assert_each_minute_billed_once(&c, n);
    }
}

#[test]
fn a_timer_cut_after_its_month_was_closed_is_billed_once_by_the_team_files_corrections() {
    for n in [2, 3] {
        // As above, in February; the team file closes February before it learns of the switch (3 copies:
        // the switch was on another copy) or after (2 copies: on the team file itself).
        let (feb26, day) = (t("2026-02-26T09:00:00+01:00"), "2026-02-27T");
        let mut c = Copies::new(n, feb26, |team| {
            let cu = team.add_customer("Upsilon", "", Tier::None, ym("2026-01"), feb26).unwrap();
            team.open_ticket(new_ticket(&cu, "Fix mail relay", feb26), feb26).unwrap();
            team.open_ticket(new_ticket(&cu, "Printer", feb26), feb26).unwrap();
        });
        let (a, b) = (n - 1, n - 2);
        start(&mut c, a, ticket1, &format!("{day}09:00:00+01:00"));
        c.sync(a, b, t(&format!("{day}09:05:00+01:00")));
        start(&mut c, b, ticket2, &format!("{day}10:00:00+01:00"));
        stop_bob(&mut c, b, &format!("{day}10:30:00+01:00"));
        stop_bob(&mut c, a, &format!("{day}10:30:00+01:00"));
        c.sync(a, 0, t(&format!("{day}11:00:00+01:00")));
        close_month(&mut c.stores[0], &settings(), ym("2026-02"), t(MONDAY)).unwrap();
        done(&mut c);
        for store in &c.stores {
            assert_eq!(minutes_of(store, &ticket1(store)), [60], "{n} copies");
            let february = store.adjustments_for_work(&customer(store).id, ym("2026-02")).unwrap();
            let amounts: Vec<String> = february.iter().map(|a| a.amount.clone()).collect();
            if n == 3 {
                // February froze 90 minutes on ticket 1: the 30 on ticket 2 arrive as a correction, and the
                // cut of ticket 1's entry to 60 as another, of as much back.
                assert_eq!(amounts.len(), 2, "{amounts:?}");
                assert_eq!(corrected(store, "2026-02"), "0.00", "{amounts:?}");
            } else {
                assert!(amounts.is_empty(), "closed with everything known: {amounts:?}");
            }
        }
    }
}

#[test]
fn a_correction_by_hand_of_a_timer_entry_is_what_the_person_says_and_never_cut() {
    let mut c = Copies::new(2, t(MONDAY), two_tickets);
    start(&mut c, 1, ticket1, "2026-03-02T09:00:00+01:00");
    start(&mut c, 1, ticket2, "2026-03-02T10:00:00+01:00");
    stop_bob(&mut c, 1, "2026-03-02T10:30:00+01:00");
    // bob really switched at 10:15 (he started the second timer late): he says so by hand, on the
    // other copy, after the sync — 75 minutes on ticket 1 and 15 on ticket 2.
    c.sync(1, 0, t("2026-03-02T11:00:00+01:00"));
    let store = &mut c.stores[0];
    for (ticket, minutes) in [(ticket1 as fn(&Store) -> TicketRow, 75), (ticket2, 15)] {
        let old = entries(store, &ticket(store)).remove(0);
        let new = work(&ticket(store), old.started_at, minutes, "bob");
        store.correct_time_entry(&old.id, new, t("2026-03-02T11:05:00+01:00")).unwrap();
    }
    done(&mut c);
    for store in &c.stores {
        assert_eq!(minutes_of(store, &ticket1(store)), [75], "the correction holds past the next timer's start");
        assert_eq!(minutes_of(store, &ticket2(store)), [15]);
        let entry = entries(store, &ticket1(store)).remove(0);
        assert_eq!((entry.ran, store.entry_cut(&entry.id).unwrap()), (None, None));
    }
}

// --- Conflicts and months -----------------------------------------------------------------------------

#[test]
fn a_conflict_settled_on_one_copy_is_settled_on_every_copy() {
    let mut c = Copies::new(3, t(MONDAY), upsilon);
    correct(&mut c, 1, 45, "2026-03-02T11:00:00+01:00");
    correct(&mut c, 0, 30, "2026-03-02T11:05:00+01:00");
    c.sync(1, 0, t("2026-03-02T12:00:00+01:00"));
    let id = c.stores[0].conflicts(false).unwrap()[0].id.clone();
    assert_eq!(c.stores[1].conflicts(false).unwrap()[0].id, id, "the same conflict, the same id");
    c.stores[1].settle_conflict(&id, "kept", t("2026-03-02T12:30:00+01:00")).unwrap();
    done(&mut c);
    for store in &c.stores[..2] {
        let all = store.conflicts(true).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].resolved.as_deref(), Some("kept"));
    }
    assert!(c.stores[2].conflicts(false).unwrap().is_empty(), "the third copy has nothing open");
}

/// A conflict as people see it: (id, field, kept, other, resolution).
type Listed = (String, String, Option<String>, Option<String>, Option<String>);

/// Every conflict of a copy as people see it, in id order.
fn all_conflicts(store: &Store) -> Vec<Listed> {
    let mut all: Vec<_> = store
        .conflicts(true)
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.field, c.kept_value, c.other_value, c.resolved))
        .collect();
    all.sort();
    all
}

#[test]
fn a_conflict_is_listed_on_every_copy_that_holds_both_versions_whichever_copy_merged_them() {
    for n in [3, 4] {
        // Copies A and B correct one entry and sync with each other; the team file then learns both
        // versions from A alone (and a fourth copy from the team file alone).
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        correct(&mut c, 1, 45, "2026-03-02T11:00:00+01:00");
        correct(&mut c, 2, 30, "2026-03-02T11:05:00+01:00");
        let status = |c: &mut Copies, i: usize, s: TicketStatus, at: &str| {
            let store = &mut c.stores[i];
            store.update_ticket(&ticket1(store).id, vec![TicketChange::Status(s)], t(at)).unwrap();
        };
        status(&mut c, 1, TicketStatus::Waiting, "2026-03-02T11:00:00+01:00");
        status(&mut c, 2, TicketStatus::Resolved, "2026-03-02T11:05:00+01:00");
        c.sync(1, 2, t("2026-03-02T12:00:00+01:00"));
        c.sync(0, 1, t("2026-03-02T12:10:00+01:00"));
        if n == 4 {
            c.sync(3, 0, t("2026-03-02T12:15:00+01:00"));
        }
        let expected = all_conflicts(&c.stores[1]);
        assert_eq!(expected.len(), 2, "{expected:?}");
        assert!(
            expected
                .iter()
                .any(|e| (&e.1[..], e.2.as_deref(), e.3.as_deref()) == ("time entry", Some("30"), Some("45")))
        );
        assert!(
            expected
                .iter()
                .any(|e| (&e.1[..], e.2.as_deref(), e.3.as_deref()) == ("status", Some("resolved"), Some("waiting")))
        );
        for i in 0..n {
            assert_eq!(all_conflicts(&c.stores[i]), expected, "{n} copies: copy {i} holds both versions");
        }
        // The team file picks the other value of the time entry: closed on every copy after a sync.
        let team = &mut c.stores[0];
        let conflict = team.conflicts(false).unwrap().into_iter().find(|c| c.field == "time entry").unwrap();
        let version = conflict.other_version.clone().unwrap();
        team.restore_entry_version(
            &helpdesk::domain::EntryId::new(conflict.subject.as_str()),
            &version,
            t("2026-03-02T12:30:00+01:00"),
        )
        .unwrap();
        team.settle_conflict(&conflict.id, "picked the other value", t("2026-03-02T12:30:00+01:00")).unwrap();
        done(&mut c);
        for (i, store) in c.stores.iter().enumerate() {
            assert_eq!(minutes_of(store, &ticket1(store)), [45], "{n} copies, copy {i}");
            let open = open_conflicts(store);
            assert_eq!(open, [("status".into(), Some("resolved".into()), Some("waiting".into()))], "copy {i}");
            let all = all_conflicts(store);
            let settled =
                all.iter().find(|e| e.0 == conflict.id).expect("the settled conflict stays listed with --all");
            assert_eq!(settled.4.as_deref(), Some("picked the other value"), "copy {i}");
        }
    }
}

#[test]
fn three_concurrent_corrections_list_the_same_conflicts_on_every_copy_whatever_order_they_arrive_in() {
    let mut c = Copies::new(4, t(MONDAY), upsilon);
    correct(&mut c, 1, 45, "2026-03-02T11:00:00+01:00");
    correct(&mut c, 2, 30, "2026-03-02T11:05:00+01:00");
    correct(&mut c, 3, 20, "2026-03-02T11:02:00+01:00");
    // The team file learns them in the order 1, 3, 2; copy 3 in the order 3, 2, 1.
    c.sync(0, 1, t("2026-03-02T12:00:00+01:00"));
    c.sync(0, 3, t("2026-03-02T12:01:00+01:00"));
    c.sync(3, 2, t("2026-03-02T12:02:00+01:00"));
    c.sync(0, 2, t("2026-03-02T12:03:00+01:00"));
    c.sync(3, 1, t("2026-03-02T12:04:00+01:00"));
    let expected = all_conflicts(&c.stores[0]);
    let mut others: Vec<_> = expected.iter().map(|e| e.3.clone().unwrap()).collect();
    others.sort();
    assert_eq!(others, ["20", "45"], "the later correction is kept, each other one is a conflict: {expected:?}");
    assert!(expected.iter().all(|e| e.2.as_deref() == Some("30")));
    assert_eq!(all_conflicts(&c.stores[3]), expected);
    done(&mut c);
    for store in &c.stores {
        assert_eq!(all_conflicts(store), expected);
    }
}

#[test]
fn picking_the_other_side_of_a_time_entry_conflict_makes_it_the_entry_on_every_copy() {
    let mut c = Copies::new(2, t(MONDAY), upsilon);
    correct(&mut c, 1, 45, "2026-03-02T11:00:00+01:00");
    correct(&mut c, 0, 30, "2026-03-02T11:05:00+01:00");
    c.sync(1, 0, t("2026-03-02T12:00:00+01:00"));
    let conflict = c.stores[0].conflicts(false).unwrap().remove(0);
    let team = &mut c.stores[0];
    let version = conflict.other_version.clone().unwrap();
    team.restore_entry_version(
        &helpdesk::domain::EntryId::new(conflict.subject.as_str()),
        &version,
        t("2026-03-02T12:30:00+01:00"),
    )
    .unwrap();
    team.settle_conflict(&conflict.id, "picked the other value", t("2026-03-02T12:30:00+01:00")).unwrap();
    done(&mut c);
    for store in &c.stores {
        assert_eq!(minutes_of(store, &ticket1(store)), [45]);
        assert_eq!(work_total(store, &customer(store), ym("2026-03")).to_string(), "750.00");
        assert!(open_conflicts(store).is_empty());
    }
}

#[test]
fn picking_the_correction_that_lost_to_a_removal_brings_the_entry_back_and_settles_it_everywhere() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        correct(&mut c, n - 1, 45, "2026-03-02T11:00:00+01:00");
        remove(&mut c, 0, "2026-03-02T11:05:00+01:00");
        c.sync(n - 1, 0, t("2026-03-02T12:00:00+01:00"));
        let conflict = c.stores[0].conflicts(false).unwrap().remove(0);
        assert_eq!((conflict.kept_value.as_deref(), conflict.other_value.as_deref()), (Some("removed"), Some("45")));
        let team = &mut c.stores[0];
        let version = conflict.other_version.clone().unwrap();
        team.restore_entry_version(
            &helpdesk::domain::EntryId::new(conflict.subject.as_str()),
            &version,
            t("2026-03-02T12:30:00+01:00"),
        )
        .unwrap();
        team.settle_conflict(&conflict.id, "picked the other value", t("2026-03-02T12:30:00+01:00")).unwrap();
        done(&mut c);
        for (i, store) in c.stores.iter().enumerate() {
            assert_eq!(minutes_of(store, &ticket1(store)), [45], "{n} copies, copy {i}");
            assert!(open_conflicts(store).is_empty(), "{n} copies, copy {i}: no new conflict with the removal");
            let all = all_conflicts(store);
            assert_eq!(all.len(), 1, "{all:?}");
            assert_eq!(all[0].4.as_deref(), Some("picked the other value"));
        }
    }
}

#[test]
fn a_month_closed_on_two_copies_with_different_work_bills_all_of_it_once() {
    for n in [2, 3] {
        let feb = "2026-02-20T10:00:00+01:00";
        let mut c = Copies::new(n, t(MONDAY), |team| {
            let now = t(MONDAY);
            let cu = team.add_customer("Upsilon", "", Tier::Plus, ym("2026-01"), now).unwrap();
            let ticket = team.open_ticket(new_ticket(&cu, "Fix mail relay", t(feb)), now).unwrap();
            team.add_time_entry(work(&ticket, t(feb), 50, "ann"), now).unwrap();
        });
        // Each copy adds February work the others lack, then closes February.
        for i in 0..n {
            let store = &mut c.stores[i];
            let ticket = ticket1(store);
            let at = t(feb) + Duration::hours(i as i64 + 1);
            store.add_time_entry(work(&ticket, at, 20 + 5 * i as u32, "ann"), t(MONDAY)).unwrap();
            close_month(store, &settings(), ym("2026-02"), t(MONDAY) + Duration::minutes(i as i64)).unwrap();
        }
        done(&mut c);
    }
}

// --- Closed months repriced by what arrives later ----------------------------------------------------

/// The sum of the corrections of `month`'s work for the only customer, as every copy sees them.
fn corrected(store: &Store, month: &str) -> String {
    let c = customer(store);
    let sum: rust_decimal::Decimal = store
        .adjustments_for_work(&c.id, ym(month))
        .unwrap()
        .iter()
        .map(|a| a.amount.parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    sum.to_string()
}

#[test]
fn a_tier_change_arriving_after_a_closed_months_work_was_priced_reprices_the_consultation_it_frees() {
    // The property test's seed b827c0c5, shrunk: a consultation opened on copy A (its first work the
    // Friday before, in February), February closed on the team file, PLUS from March set on copy B.
    let mut c = Copies::new(3, t(MONDAY), |team| {
        team.add_customer("Acme", "", Tier::Standard, ym("2026-01"), t(MONDAY)).unwrap();
    });
    let a = &mut c.stores[1];
    let acme = customer(a);
    let new = helpdesk::store::NewTicket {
        kind: helpdesk::domain::TicketKind::Consultation,
        ..new_ticket(&acme, "Advice on the backup plan", t(MONDAY) - Duration::hours(1))
    };
    let ticket = a.open_ticket(new, t(MONDAY)).unwrap();
    a.add_time_entry(work(&ticket, t("2026-02-27T10:00:00+01:00"), 117, "bob"), t(MONDAY)).unwrap();
    close_month(&mut c.stores[0], &settings(), ym("2026-02"), t(MONDAY)).unwrap();
    c.stores[2].set_tier(&acme.id, ym("2026-03"), Tier::Plus, t(MONDAY)).unwrap();

    // The work reaches the team file first: under STANDARD a consultation is billed like a request
    // (117 → 120 min, 30 prepaid, 90 over at 800 CZK/h).
    c.sync(1, 0, t("2026-03-02T10:00:00+01:00"));
    assert_eq!(corrected(&c.stores[0], "2026-02"), "1200.00");
    // Then the tier: the ticket was opened in March under PLUS, so it is the year's free consultation
    // and its first 120 minutes, February's 117 among them, are free. The team file books it back.
    c.sync(2, 0, t("2026-03-02T11:00:00+01:00"));
    assert_eq!(corrected(&c.stores[0], "2026-02"), "0.00");
    done(&mut c);
    for store in &c.stores {
        assert_eq!(corrected(store, "2026-02"), "0.00", "on {}", store.device());
    }
}

#[test]
fn earlier_work_arriving_after_a_month_was_closed_reprices_the_free_consultation_minutes_it_used() {
    // PLUS (60 prepaid minutes): a consultation opened in January, the year's free one (120 minutes).
    let mut c = Copies::new(2, t(MONDAY), |team| {
        let now = t(MONDAY);
        let kappa = team.add_customer("Kappa", "", Tier::Plus, ym("2026-01"), now).unwrap();
        let new = helpdesk::store::NewTicket {
            kind: helpdesk::domain::TicketKind::Consultation,
            ..new_ticket(&kappa, "Advice", t("2026-01-12T10:00:00+01:00"))
        };
        let advice = team.open_ticket(new, now).unwrap();
        let request = team.open_ticket(new_ticket(&kappa, "Printer", t("2026-02-10T10:00:00+01:00")), now).unwrap();
        team.add_time_entry(work(&request, t("2026-02-11T10:00:00+01:00"), 60, "ann"), now).unwrap();
        team.add_time_entry(work(&advice, t("2026-02-12T10:00:00+01:00"), 60, "ann"), now).unwrap();
    });
    // A laptop logs 100 minutes of January advice; the team file, not knowing, closes February: the
    // advice's 60 minutes free, the request's 60 prepaid, nothing over.
    let laptop = &mut c.stores[1];
    let advice = ticket1(laptop);
    laptop.add_time_entry(work(&advice, t("2026-01-13T10:00:00+01:00"), 100, "bob"), t(MONDAY)).unwrap();
    close_month(&mut c.stores[0], &settings(), ym("2026-02"), t(MONDAY)).unwrap();
    // January's work arrives (January is open: no correction of its own), leaving February's advice 20
    // free minutes: 40 billable → 45, all over the prepaid minutes the request used (600.00).
    c.sync(1, 0, t("2026-03-02T10:00:00+01:00"));
    assert_eq!(corrected(&c.stores[0], "2026-02"), "600.00");
    done(&mut c);
    for store in &c.stores {
        assert_eq!(corrected(store, "2026-02"), "600.00", "on {}", store.device());
    }
}

// --- Contacts and mail domains (issue 20) ------------------------------------------------------------

fn contacts(store: &Store) -> Vec<(String, String, &'static str)> {
    let c = customer(store);
    store.contacts(&c.id).unwrap().into_iter().map(|k| (k.email, k.name, k.lang.as_str())).collect()
}

fn jana() -> helpdesk::domain::mail::Address {
    "jana@upsilon.cz".parse().unwrap()
}

#[test]
fn contact_added_on_two_copies_the_later_name_and_language_are_kept() {
    use helpdesk::domain::mail::Lang;
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon);
        let id = customer(&c.stores[0]).id;
        c.stores[1].add_contact(&id, &jana(), "Jana N.", Lang::Cs, t("2026-03-02T10:05:00+01:00")).unwrap();
        c.stores[0].add_contact(&id, &jana(), "Jana Nováková", Lang::En, t("2026-03-02T10:00:00+01:00")).unwrap();
        done(&mut c);
        for s in &c.stores {
            assert_eq!(contacts(s), [("jana@upsilon.cz".to_string(), "Jana N.".to_string(), "cs")], "{n} copies");
        }
    }
}

#[test]
fn contact_added_on_one_copy_and_removed_on_another_the_later_change_wins() {
    use helpdesk::domain::mail::Lang;
    let mut c = Copies::new(2, t(MONDAY), |team| {
        upsilon(team);
        let id = customers(team)[0].id.clone();
        team.add_contact(&id, &jana(), "Jana", Lang::Cs, t(MONDAY)).unwrap();
    });
    let id = customer(&c.stores[0]).id;
    // Removed later than it was added again: removed everywhere.
    c.stores[0].add_contact(&id, &jana(), "Jana again", Lang::Cs, t("2026-03-02T10:00:00+01:00")).unwrap();
    c.stores[1].remove_contact(&id, &jana(), t("2026-03-02T10:05:00+01:00")).unwrap();
    done(&mut c);
    assert_eq!(contacts(&c.stores[0]), []);
    assert_eq!(contacts(&c.stores[1]), []);
    // Added later than removed: back everywhere.
    c.stores[1].add_contact(&id, &jana(), "Jana back", Lang::En, t("2026-03-02T11:05:00+01:00")).unwrap();
    done(&mut c);
    assert_eq!(contacts(&c.stores[0]), [("jana@upsilon.cz".to_string(), "Jana back".to_string(), "en")]);
}

#[test]
fn mail_domain_mapped_to_two_customers_on_two_copies_the_later_mapping_wins() {
    let mut c = Copies::new(3, t(MONDAY), |team| {
        upsilon(team);
        team.add_customer("Omega", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
    });
    let ids: Vec<_> = customers(&c.stores[0]).into_iter().map(|c| c.id).collect();
    c.stores[2].set_mail_domain(&ids[1], "upsilon.cz", t("2026-03-02T10:05:00+01:00")).unwrap();
    c.stores[1].set_mail_domain(&ids[0], "upsilon.cz", t("2026-03-02T10:00:00+01:00")).unwrap();
    done(&mut c);
    for s in &c.stores {
        let sender = s.sender(&"anyone@upsilon.cz".parse().unwrap()).unwrap().unwrap();
        assert_eq!(sender.customer_id, ids[1]);
        assert_eq!(s.mail_domains(&ids[0]).unwrap(), Vec::<String>::new());
    }
}

#[test]
fn mail_domain_removed_on_one_copy_and_mapped_again_on_another_the_later_change_wins() {
    let mut c = Copies::new(3, t(MONDAY), |team| {
        upsilon(team);
        let id = customers(team)[0].id.clone();
        team.set_mail_domain(&id, "upsilon.cz", t(MONDAY)).unwrap();
    });
    let id = customer(&c.stores[0]).id;
    let anyone = || "anyone@upsilon.cz".parse().unwrap();
    // Removed later than mapped again: removed on every copy, whichever arrived first.
    c.stores[2].remove_mail_domain(&id, "upsilon.cz", t("2026-03-02T10:05:00+01:00")).unwrap();
    c.stores[1].set_mail_domain(&id, "upsilon.cz", t("2026-03-02T10:00:00+01:00")).unwrap();
    done(&mut c);
    for s in &c.stores {
        assert_eq!(s.sender(&anyone()).unwrap(), None);
        assert_eq!(s.mail_domains(&id).unwrap(), Vec::<String>::new());
    }
    // Mapped later than removed: back everywhere.
    c.stores[0].set_mail_domain(&id, "upsilon.cz", t("2026-03-02T11:00:00+01:00")).unwrap();
    done(&mut c);
    for s in &c.stores {
        assert_eq!(s.sender(&anyone()).unwrap().unwrap().customer_id, id);
    }
}

// --- Moving a ticket, archiving and removing a customer (issue 17) ----------------------------------------

/// Upsilon's ticket 1 (60 minutes of March work), and two more customers it can move to.
fn upsilon_phi_chi(team: &mut Store) {
    upsilon(team);
    team.add_customer("Phi", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
    team.add_customer("Chi", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
}

fn named(store: &Store, name: &str) -> helpdesk::store::Customer {
    customers(store).into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no customer {name}"))
}

#[test]
fn ticket_moved_to_two_customers_on_two_copies_the_later_move_wins_and_all_its_time_follows_it() {
    for n in [2, 3] {
        let mut c = Copies::new(n, t(MONDAY), upsilon_phi_chi);
        let (phi, chi) = (named(&c.stores[0], "Phi").id, named(&c.stores[0], "Chi").id);
        let chi_id = chi.clone();
        let id = ticket1(&c.stores[0]).summary.id;
        c.stores[0].update_ticket(&id, vec![TicketChange::Customer(phi)], t("2026-03-02T10:00:00+01:00")).unwrap();
        c.stores[1]
            .update_ticket(&id, vec![TicketChange::Customer(chi.clone())], t("2026-03-02T10:05:00+01:00"))
            .unwrap();
        if n == 3 {
            // The third copy saw neither move: its work arrives booked to Upsilon and follows the ticket.
            let store = &mut c.stores[2];
            store.add_time_entry(work(&ticket1(store), t("2026-03-02T11:00:00+01:00"), 30, "cy"), t(MONDAY)).unwrap();
        }
        done(&mut c);
        for store in &c.stores {
            assert_eq!(ticket1(store).customer_id, chi_id, "{n} copies: the later move");
            let march = ym("2026-03");
            assert_eq!(work_total(store, &named(store, "Upsilon"), march), rust_decimal::Decimal::ZERO, "{n}");
            assert_eq!(work_total(store, &named(store, "Phi"), march), rust_decimal::Decimal::ZERO, "{n}");
            // No contract: 1 000 CZK/h, every started 15 minutes (60 + 30 → 90 minutes).
            let expected = if n == 3 { "1500.00" } else { "1000.00" };
            assert_eq!(work_total(store, &named(store, "Chi"), march).to_string(), expected, "{n}");
            let conflicts = open_conflicts(store);
            assert_eq!(conflicts.len(), 1, "{n}: {conflicts:?}");
            assert_eq!(conflicts[0].0, "customer");
            assert_eq!((conflicts[0].1.as_deref(), conflicts[0].2.as_deref()), (Some("Chi"), Some("Phi")), "{n}");
        }
    }
}

#[test]
fn customer_removed_on_one_copy_while_another_opens_a_ticket_for_it_is_kept_archived_with_the_ticket() {
    let mut c = Copies::new(3, t(MONDAY), |team| {
        team.add_customer("Omega", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
    });
    let omega = named(&c.stores[0], "Omega");
    c.stores[1].remove_customer(&omega.id, t("2026-03-02T10:05:00+01:00")).unwrap();
    let opened = c.stores[2].open_ticket(new_ticket(&omega, "Opened meanwhile", t(MONDAY)), t(MONDAY)).unwrap();
    done(&mut c);
    for store in &c.stores {
        let kept = store.customer(&omega.id).unwrap().expect("a customer with a ticket is never gone");
        assert!(kept.archived, "the removal reads as archiving");
        assert_eq!(store.ticket(&opened.id).unwrap().unwrap().customer_name, "Omega");
        assert!(store.customers_matching("Omega", 5).unwrap().iter().all(|c| c.archived));
    }
    // Unarchived on one copy: back everywhere.
    c.stores[0].unarchive_customer(&omega.id, t("2026-03-02T11:00:00+01:00")).unwrap();
    done(&mut c);
    for store in &c.stores {
        assert!(!store.customer(&omega.id).unwrap().unwrap().archived);
    }
}

/// bb8 #9: a customer removed on one copy while another gives it a contract is kept (archived), and
/// its monthly fee stays billed on every copy.
#[test]
fn customer_removed_on_one_copy_while_another_gives_it_a_contract_is_kept_archived_with_its_fee() {
    let mut c = Copies::new(3, t(MONDAY), |team| {
        team.add_customer("Omega", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
    });
    let omega = named(&c.stores[0], "Omega");
    c.stores[1].remove_customer(&omega.id, t("2026-03-02T10:05:00+01:00")).unwrap();
    c.stores[2].set_tier(&omega.id, ym("2026-03"), Tier::Vip, t(MONDAY)).unwrap();
    done(&mut c);
    for store in &c.stores {
        let kept = store.customer(&omega.id).unwrap().expect("a customer with a contract is never gone");
        assert!(kept.archived, "the removal reads as archiving");
        assert_eq!(store.tier_in(&omega.id, ym("2026-03")).unwrap(), Tier::Vip);
        assert_eq!(work_total(store, &kept, ym("2026-03")).to_string(), "5000.00");
    }
}

#[test]
fn customer_removed_on_one_copy_and_nothing_opened_for_it_is_gone_everywhere() {
    let mut c = Copies::new(3, t(MONDAY), |team| {
        team.add_customer("Omega", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
        team.add_customer("Psi", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
    });
    let omega = named(&c.stores[0], "Omega").id;
    c.stores[2].remove_customer(&omega, t("2026-03-02T10:00:00+01:00")).unwrap();
    done(&mut c);
    for store in &c.stores {
        assert!(store.customer(&omega).unwrap().is_none());
        assert_eq!(customers(store).iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Psi"]);
    }
}

#[test]
fn customer_archived_on_one_copy_and_unarchived_on_another_the_later_change_wins() {
    let mut c = Copies::new(3, t(MONDAY), |team| {
        let omega = team.add_customer("Omega", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
        team.open_ticket(new_ticket(&omega, "Old work", t(MONDAY)), t(MONDAY)).unwrap();
        team.archive_customer(&omega.id, ym("2026-03"), t(MONDAY)).unwrap();
    });
    let omega = named(&c.stores[0], "Omega").id;
    // Unarchived later than archived again: in use on every copy, whichever arrived first.
    c.stores[2].unarchive_customer(&omega, t("2026-03-02T10:05:00+01:00")).unwrap();
    c.stores[1].unarchive_customer(&omega, t("2026-03-02T10:00:00+01:00")).unwrap();
    c.stores[1].archive_customer(&omega, ym("2026-03"), t("2026-03-02T10:01:00+01:00")).unwrap();
    done(&mut c);
    for store in &c.stores {
        assert!(!store.customer(&omega).unwrap().unwrap().archived);
    }
}

/// The sum of the corrections of `month`'s work booked for the customer `name`.
fn corrected_for(store: &Store, name: &str, month: &str) -> String {
    let sum: rust_decimal::Decimal = store
        .adjustments_for_work(&named(store, name).id, ym(month))
        .unwrap()
        .iter()
        .map(|a| a.amount.parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    sum.to_string()
}

/// Upsilon's ticket 1 with an hour of February work (no contract: 1 000.00), and Phi to move it to.
fn upsilon_with_february_work(team: &mut Store) {
    let now = t(MONDAY);
    let feb = t("2026-02-20T10:00:00+01:00");
    let upsilon = team.add_customer("Upsilon", "", Tier::None, ym("2026-01"), now).unwrap();
    team.add_customer("Phi", "", Tier::None, ym("2026-01"), now).unwrap();
    let ticket = team.open_ticket(new_ticket(&upsilon, "Fix mail relay", feb), now).unwrap();
    team.add_time_entry(work(&ticket, feb, 60, "ann"), now).unwrap();
}

#[test]
fn a_ticket_move_arriving_in_a_month_the_team_file_closed_meanwhile_keeps_the_frozen_statements_and_corrects_both_customers()
 {
    // README, "Moving a ticket": a move arriving by sync into a month closed meanwhile keeps the frozen
    // statements as they are; the entries follow the ticket, and both customers are repriced, which
    // books the difference as corrections. Three ways of meeting: the team file closed February before
    // the move reached it (2 copies); a laptop closed it and the team file heard of the move first, or of
    // the close first (3 copies).
    for (n, closer, move_first) in [(2, 0, false), (3, 2, true), (3, 2, false)] {
        let case = format!("{n} copies, closed on copy {closer}, the move first: {move_first}");
        let mut c = Copies::new(n, t(MONDAY), upsilon_with_february_work);
        let phi = named(&c.stores[0], "Phi").id;
        close_month(&mut c.stores[closer], &settings(), ym("2026-02"), t(MONDAY)).unwrap();
        let frozen = c.stores[closer].closed_statements(ym("2026-02")).unwrap();
        // Copy 1 has not seen the close: moving the ticket is allowed there.
        let lap = &mut c.stores[1];
        let id = ticket1(lap).summary.id;
        lap.update_ticket(&id, vec![TicketChange::Customer(phi.clone())], t("2026-03-02T10:00:00+01:00")).unwrap();
        if n == 3 {
            let (first, second) = if move_first { (1, 2) } else { (2, 1) };
            c.sync(first, 0, t("2026-03-02T11:00:00+01:00"));
            c.sync(second, 0, t("2026-03-02T11:05:00+01:00"));
        }
        done(&mut c);
        for (i, store) in c.stores.iter().enumerate() {
            assert_eq!(store.closed_statements(ym("2026-02")).unwrap(), frozen, "{case}, copy {i}: frozen as closed");
            assert_eq!(ticket1(store).customer_id, phi, "{case}, copy {i}");
            // The entries follow the ticket: February's live work is Phi's now.
            let feb = ym("2026-02");
            assert_eq!(work_total(store, &named(store, "Phi"), feb).to_string(), "1000.00", "{case}, copy {i}");
            assert_eq!(
                work_total(store, &named(store, "Upsilon"), feb),
                rust_decimal::Decimal::ZERO,
                "{case}, copy {i}"
            );
            // Upsilon's frozen hour is taken back and billed to Phi, each once, in March.
            assert_eq!(corrected_for(store, "Upsilon", "2026-02"), "-1000.00", "{case}, copy {i}");
            assert_eq!(corrected_for(store, "Phi", "2026-02"), "1000.00", "{case}, copy {i}");
        }
    }
}

#[test]
fn customer_archived_on_one_copy_while_another_sets_a_contract_tier_stays_archived_and_its_fee_is_billed() {
    // Both orders of arrival at the team file: the archive first, or the tier first.
    for archive_first in [true, false] {
        let mut c = Copies::new(3, t(MONDAY), |team| {
            let omega = team.add_customer("Omega", "", Tier::None, ym("2026-01"), t(MONDAY)).unwrap();
            team.open_ticket(new_ticket(&omega, "Old work", t(MONDAY)), t(MONDAY)).unwrap();
        });
        let omega = named(&c.stores[0], "Omega").id;
        c.stores[1].archive_customer(&omega, ym("2026-03"), t("2026-03-02T10:00:00+01:00")).unwrap();
        c.stores[2].set_tier(&omega, ym("2026-03"), Tier::Plus, t("2026-03-02T10:05:00+01:00")).unwrap();
        let order = if archive_first { [1, 2] } else { [2, 1] };
        for (k, i) in order.into_iter().enumerate() {
            c.sync(i, 0, t("2026-03-02T11:00:00+01:00") + Duration::minutes(k as i64));
        }
        done(&mut c);
        for (i, store) in c.stores.iter().enumerate() {
            let kept = store.customer(&omega).unwrap().expect("archived, not gone");
            assert!(kept.archived, "archive first: {archive_first}, copy {i}: still archived");
            assert_eq!(store.tier_in(&omega, ym("2026-03")).unwrap(), Tier::Plus, "copy {i}: with the tier");
            assert!(store.conflicts(false).unwrap().is_empty(), "copy {i}: both kept, no conflict");
            // The fee is billed: the month's report has Omega's statement, the PLUS fee of 2 500 CZK.
            let march = helpdesk::statements::month_report(store, &settings(), ym("2026-03")).unwrap();
            let s = march.iter().find(|s| s.customer.id == omega).expect("a statement for the archived customer");
            assert_eq!(s.statement.fee.to_string(), "2500.00", "copy {i}");
        }
        // Locally, archiving again while the contract is in force is refused, as the table says.
        let team = &mut c.stores[0];
        team.unarchive_customer(&omega, t("2026-03-02T12:00:00+01:00")).unwrap();
        let refused = team.archive_customer(&omega, ym("2026-03"), t("2026-03-02T12:01:00+01:00")).unwrap_err();
        assert!(refused.to_string().contains("Omega"), "{refused}");
    }
}
