//! What a tier change does to what was owed or promised before it: yearly status reports are owed
//! period by period under the tier in force in each (bb8 #4).

mod cli_common;

use cli_common::Desk;

#[test]
fn a_plus_customer_moved_to_vip_in_december_owes_no_vip_quarters_it_spent_under_plus() {
    let mut d = Desk::new();
    d.at("2026-12-10T10:00:00+01:00");
    d.ok(&["customer", "add", "Beta", "--tier", "plus", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Gama", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["customer", "add", "Nova", "--tier", "vip", "--since", "2026-12"]);
    d.ok(&["customer", "add", "Down", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["customer", "tier", "Beta", "--tier", "vip", "--from", "2026-12"]);
    // (Back-dated: it says which open statements change, bb8 #9's sibling.)
    assert_eq!(d.run(&["customer", "tier", "Down", "--tier", "standard", "--from", "2026-07"]).code, 0);
    // Beta: VIP's fourth quarter only, due 31 December. Gama (VIP all year, none done): three quarters
    // overdue and the fourth still due by 31 December. Down (VIP until June, then STANDARD, which owes
    // none): the two VIP quarters stay owed and it is listed.
    assert_eq!(
        d.ok(&["report", "obligations"]),
        "\
CUSTOMER  TIER      REPORTS   OVERDUE  DUE BY      FREE CONSULTATIONS
Beta      VIP       0/4 done  0        2026-12-31  0/4 used
Down      STANDARD  0/0 done  2        -           0/0 used
Gama      VIP       0/4 done  3        2026-12-31  0/4 used
Nova      VIP       0/4 done  0        2026-12-31  0/4 used
"
    );
    let rows = d.json(&["report", "obligations", "--format", "json"]);
    let beta = &rows[0];
    assert_eq!((beta["reports_overdue"].as_u64(), beta["report_due_by"].as_str()), (Some(0), Some("2026-12-31")));
}

#[test]
fn a_tier_change_that_moves_deadlines_of_tickets_already_received_says_so() {
    // bb8 #10 (the smaller fix: the deadline still follows the tier of the month received, and the
    // change says how many tickets it moves, how many become breached and how many breaches met).
    let mut d = Desk::new();
    d.at("2026-12-02T09:00:00+01:00");
    d.ok(&["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "S", "--title", "t", "--at", "2026-12-01T09:00:00+01:00"]);
    let out = d.run(&["customer", "tier", "S", "--tier", "vip", "--from", "2026-12"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "note: the first-response deadline of 1 ticket already received follows the new tier (received in a \
         month the change covers): 1 now breached, 0 breached no more\n"
    );
    // A VIP breach answered late in November, the November tier edited down: the breach is met now.
    d.ok(&["customer", "add", "V", "--tier", "vip", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "V", "--title", "late", "--at", "2026-11-02T09:00:00+01:00"]);
    d.ok(&["ticket", "respond", "2", "--resolve-by", "2026-12-20", "--at", "2026-11-03T09:00:00+01:00"]);
    let out = d.run(&["--lang", "cs", "customer", "tier", "V", "--tier", "standard", "--from", "2026-11"]);
    assert!(out.stderr.contains("nově po termínu 0, už ne po termínu 1"), "{}", out.stderr);
    // Back to PLUS: S's ticket is running again (a breach undone); its new ticket's deadline only moves.
    d.ok(&["ticket", "open", "--customer", "S", "--title", "new", "--at", "2026-12-02T08:30:00+01:00"]);
    let out = d.run(&["customer", "tier", "S", "--tier", "plus", "--from", "2026-12"]);
    assert!(
        out.stderr.contains("2 tickets already received")
            && out.stderr.contains(": 0 now breached, 1 breached no more"),
        "{}",
        out.stderr
    );
    // A change that only moves a running ticket's deadline, or from a month with no tickets yet, says
    // nothing.
    d.ok(&["customer", "add", "R", "--tier", "standard", "--since", "2026-01"]);
    d.ok(&["ticket", "open", "--customer", "R", "--title", "fresh", "--at", "2026-12-02T08:30:00+01:00"]);
    let out = d.run(&["customer", "tier", "R", "--tier", "plus", "--from", "2026-12"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{}", out.stderr);
    let out = d.run(&["customer", "tier", "S", "--tier", "vip", "--from", "2027-01"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{}", out.stderr);
}
