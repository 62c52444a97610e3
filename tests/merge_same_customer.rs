//! `customer merge` over copies (bb7 #8): two copies each add `Omega s.r.o.`, one merges them while
//! the other logs more work on its own Omega's ticket; whichever way the copies sync, every copy ends
//! with one customer in use, all the work on it, one fee, and bills what the single-copy model bills.

mod copies;

use copies::*;
use helpdesk::domain::Tier;
use helpdesk::statements::statement;
use helpdesk::store::Store;

const MONDAY: &str = "2026-03-02T09:00:00+01:00";

fn in_use_named(store: &Store, name: &str) -> Vec<helpdesk::store::Customer> {
    store.customers_named(name).unwrap().into_iter().filter(|c| !c.archived).collect()
}

/// Copies 1 and 2 each add Omega (standard since March) with a ticket and 20 minutes; synced all round.
fn twins(now: chrono::DateTime<chrono::Utc>) -> Copies {
    let mut c = Copies::new(3, now, |_| {});
    for i in [1, 2] {
        let s = &mut c.stores[i];
        let omega = s.add_customer("Omega s.r.o.", "", Tier::Standard, ym("2026-03"), now).unwrap();
        let ticket = s.open_ticket(new_ticket(&omega, "printer", now), now).unwrap();
        s.add_time_entry(work(&ticket, now, 20, "ann"), now).unwrap();
    }
    c.settle(now);
    c
}

#[test]
fn a_merge_on_one_copy_while_another_logs_work_on_the_other_customer_converges_in_either_order() {
    for merge_first in [true, false] {
        let now = t(MONDAY);
        let mut c = twins(now);
        let mut omegas = in_use_named(&c.stores[0], "Omega s.r.o.");
        assert_eq!(omegas.len(), 2);
        let (keep, other) = (omegas.remove(0), omegas.remove(0));
        // Copy 2 logs 25 more minutes on OTHER's ticket; copy 1 merges, neither having seen the other.
        let later = t("2026-03-02T11:00:00+01:00");
        let s2 = &mut c.stores[2];
        let other_ticket = all_tickets(s2).into_iter().find(|tk| tk.customer_id == other.id).unwrap();
        s2.add_time_entry(work(&other_ticket, later, 25, "bob"), later).unwrap();
        c.stores[1].merge_customers(&keep.id, &other.id, later).unwrap();
        let sync_at = t("2026-03-02T12:00:00+01:00");
        if merge_first {
            c.sync(1, 0, sync_at);
            c.sync(2, 0, sync_at);
        } else {
            c.sync(2, 0, sync_at);
            c.sync(1, 0, sync_at);
        }
        c.settle(sync_at);
        for store in &c.stores {
            let one = in_use_named(store, "Omega s.r.o.");
            assert_eq!(one.iter().map(|x| &x.id).collect::<Vec<_>>(), [&keep.id], "merge_first {merge_first}");
            let s = statement(store, &settings(), &one[0], ym("2026-03")).unwrap();
            // One fee; 20 + 20 + 25 minutes, rounded up to 15 per ticket: 30 + 45.
            assert_eq!((s.fee.to_string(), s.billable_minutes), ("950.00".to_string(), 75), "{s:?}");
            let gone = statement(store, &settings(), &other, ym("2026-03")).unwrap();
            assert_eq!((gone.fee.to_string(), gone.billable_minutes), ("0.00".to_string(), 0));
            assert!(store.conflicts(false).unwrap().iter().all(|k| k.field != helpdesk::store::SAME_NAME));
        }
        assert_bills_like_the_model(&c, &[ym("2026-03")], sync_at);
    }
}
