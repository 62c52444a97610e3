//! The hand-written JSON against serde_json's, and billing lines against their line documents.

use serde::ser::{SerializeSeq, Serializer as _};

use super::*;
use crate::domain::{Role, TicketKind, Tier};
use crate::statements::{CustomerStatement, StatementDoc};

fn doc(n: usize) -> StatementDoc {
    let line = |i: usize| LineDoc {
        ticket: format!("{}", 100 + i),
        title: if i % 2 == 0 {
            format!("Tiskárna Žďár {i}")
        } else {
            format!("Tiskárna \"{i}\" \\ \u{202E}evil\u{1b}[31m\n\ttab")
        },
        kind: [TicketKind::Incident, TicketKind::Consultation, TicketKind::Change][i % 3],
        role: (i % 2 == 0).then_some(Role::Technician),
        rate: "800.00".into(),
        raw_minutes: 7 * i as u32,
        free_minutes: 0,
        rounded_minutes: 15,
        prepaid_minutes: 60,
        overage_minutes: 4_000_000_000,
        amount: "-12.50".into(),
        marks: (0..i % 3).map(|m| format!("mark {m}")).collect(),
    };
    let adjustment = |i: usize| AdjustmentDoc {
        description: format!("oprava\u{7f} {i}"),
        work_month: "2026-09".into(),
        booked_month: "2026-10".into(),
        minutes: -(i as i64) * 30,
        amount: "-400.00".into(),
    };
    StatementDoc {
        customer: format!("Acme {n} s.r.o. \u{85}"),
        customer_id: None,
        month: "2026-10".into(),
        tier: [Tier::None, Tier::Standard, Tier::Plus, Tier::Vip][n % 4],
        fee: "2500.00".into(),
        prepaid_minutes: 60,
        billable_minutes: n as u32,
        prepaid_used_minutes: 60,
        prepaid_left_minutes: 0,
        overage_minutes: 1095,
        overage_amount: "14600.00".into(),
        total_excl_vat: "17100.00".into(),
        vat_rate: "0.21".into(),
        vat: "3591.00".into(),
        total_incl_vat: "20691.00".into(),
        upgrade_suggested: n % 2 == 1,
        upgrade_to: (n % 2 == 1).then_some(Tier::Vip),
        closed: n % 3 == 0,
        lines: (0..n).map(line).collect(),
        adjustments: (0..n % 3).map(adjustment).collect(),
        later_corrections: (0..n % 2).map(adjustment).collect(),
        terms: None,
    }
}

fn by_serde(docs: &[StatementDoc]) -> String {
    let mut out = Vec::new();
    let mut ser = SafePretty::serializer(&mut out);
    let mut seq = ser.serialize_seq(None).unwrap();
    for d in docs {
        seq.serialize_element(d).unwrap();
    }
    SerializeSeq::end(seq).unwrap();
    String::from_utf8(out).unwrap()
}

fn by_hand(docs: &[StatementDoc]) -> String {
    let mut json = StatementsJson::new(Vec::new()).unwrap();
    for d in docs {
        json.write(d).unwrap();
    }
    String::from_utf8(json.finish().unwrap()).unwrap()
}

#[test]
fn statements_are_written_as_serde_json_writes_them() {
    for n in [0, 1, 2, 5] {
        let docs: Vec<StatementDoc> = (0..n).map(doc).collect();
        assert_eq!(by_hand(&docs), by_serde(&docs), "{n} statements");
    }
}

#[test]
fn billing_lines_are_written_as_their_line_documents() {
    let billed: Vec<BillingLine> = (0..7)
        .map(|i: u32| BillingLine {
            ticket_id: format!("t{i}"),
            ticket_number: format!("{}", 100 + i),
            ticket_title: if i % 2 == 0 { format!("Tiskárna {i}") } else { format!("Tisk \"{i}\" \u{202E}\n") },
            kind: [TicketKind::Incident, TicketKind::Consultation, TicketKind::Change, TicketKind::Request]
                [i as usize % 4],
            role: (i % 2 == 0).then_some(Role::Consultant),
            rate: rust_decimal::Decimal::new(80_050 + i64::from(i), 2 + i % 3),
            raw_minutes: 7 * i,
            free_minutes: i % 2 * 30,
            rounded_minutes: 15 * i,
            prepaid_minutes: 0,
            overage_minutes: u32::MAX - i,
            amount: rust_decimal::Decimal::new(-125 * i64::from(i), 1 + i % 3),
        })
        .collect();
    // Amounts of several scales and signs, and totals that repeat and do not (the writer keeps the
    // text of the amounts it met lately).
    let amount = |i: u32, scale: u32| rust_decimal::Decimal::new(250_000 - 1_234 * i64::from(i % 4), scale);
    for n in [0, 1, 7] {
        let statements: Vec<CustomerStatement> = (0..20u32)
            .map(|i| CustomerStatement {
                customer: crate::store::Customer {
                    id: crate::domain::CustomerId::new(format!("c{i}")),
                    name: if i % 2 == 0 { format!("Acme {i}") } else { format!("Žďár \"{i}\" \u{202E}") },
                    contact: String::new(),
                    created_at: chrono::DateTime::UNIX_EPOCH,
                    archived: false,
                },
                statement: crate::domain::billing::Statement {
                    month: crate::domain::YearMonth::new(2026, 10 + i % 2).unwrap(),
                    tier: [Tier::None, Tier::Standard, Tier::Plus, Tier::Vip][i as usize % 4],
                    fee: amount(i, i % 3),
                    prepaid_minutes: 60 * i,
                    billable_minutes: 15 * i,
                    prepaid_used_minutes: i,
                    prepaid_left_minutes: u32::MAX - i,
                    overage_minutes: 7 * i,
                    overage_amount: amount(i + 1, 2),
                    adjustments: Vec::new(),
                    total_excl_vat: -amount(i + 2, 1),
                    vat_rate: rust_decimal::Decimal::new(21 + i64::from(i % 3 / 2), 2 + i % 2),
                    vat: amount(i / 3, 2),
                    total_incl_vat: rust_decimal::Decimal::new(-i64::from(i % 2), 2),
                    lines: billed[..n].to_vec(),
                },
                upgrade_to: (i % 3 == 1).then_some(Tier::Plus),
            })
            .collect();
        let adjustments: Vec<AdjustmentDoc> = doc(5).adjustments;
        let mut json = StatementsJson::new(Vec::new()).unwrap();
        let mut docs = Vec::new();
        for (i, c) in statements.iter().enumerate() {
            let adjusted = if i % 5 == 0 { &adjustments[..] } else { &[] };
            json.write_billed(Billed::Live(c, adjusted)).unwrap();
            let lines = c.statement.lines.iter().map(crate::statements::line_doc).collect();
            docs.push(crate::statements::doc_from(c, lines, adjusted.to_vec()));
        }
        let by_lines = String::from_utf8(json.finish().unwrap()).unwrap();
        assert_eq!(by_lines, by_serde(&docs), "{n} lines");
    }
}

#[test]
fn the_written_json_reads_back_as_the_statements() {
    let docs: Vec<StatementDoc> = (0..4).map(doc).collect();
    let back: Vec<StatementDoc> = serde_json::from_str(&by_hand(&docs)).unwrap();
    assert_eq!(back, docs);
}
