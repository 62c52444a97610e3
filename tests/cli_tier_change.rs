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
    d.ok(&["customer", "tier", "Down", "--tier", "standard", "--from", "2026-07"]);
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
