//! Full-text search over tickets: diacritics and case ignored, word prefixes, comments (deleted ones
//! not), re-indexing on title and description changes, merges, rebuilding from the log, hostile input,
//! and files written by schema version 1. Every `now` is fixed.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use helpdesk::domain::{TicketKind, TicketStatus, Tier, YearMonth};
use helpdesk::store::{NewTicket, Store, TicketChange, TicketRow};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("a valid RFC 3339 instant in the test").with_timezone(&Utc)
}

/// Monday 2 March 2026, 09:00 in Prague.
fn base() -> DateTime<Utc> {
    t("2026-03-02T09:00:00+01:00")
}

fn mins(n: i64) -> Duration {
    Duration::minutes(n)
}

fn store_with_customer() -> (Store, helpdesk::domain::CustomerId) {
    let mut s = Store::open_in_memory("alice").unwrap();
    let c = s.add_customer("Účetní kancelář Dvořák", "", Tier::Plus, YearMonth::new(2026, 1).unwrap(), base()).unwrap();
    (s, c.id)
}

fn open(s: &mut Store, customer: &str, title: &str, description: &str, received: DateTime<Utc>) -> TicketRow {
    let new = NewTicket {
        customer_id: helpdesk::domain::CustomerId::new(customer),
        title: title.to_string(),
        description: description.to_string(),
        kind: TicketKind::Request,
        assignee: None,
        received_at: received,
    };
    s.open_ticket(new, received).unwrap()
}

/// The titles found, in the order the search returns them.
fn titles(s: &Store, query: &str) -> Vec<String> {
    s.search_tickets(query, false, 50).unwrap().into_iter().map(|r| r.summary.title).collect()
}

#[test]
fn diacritics_and_case_are_ignored_both_ways() {
    let (mut s, c) = store_with_customer();
    open(&mut s, &c, "Účetní závěrka nejde uložit", "", base());
    open(&mut s, &c, "Tiskárna", "", base() + mins(1));
    let want = vec!["Účetní závěrka nejde uložit".to_string()];
    for q in ["ucetni", "ÚČETNÍ", "Ucetni zaverka", "ZÁVĚRKA", "závěrka účetní", "ulozit"] {
        assert_eq!(titles(&s, q), want, "query {q:?}");
    }
}

#[test]
fn words_are_prefixes_and_all_must_match() {
    let (mut s, c) = store_with_customer();
    open(&mut s, &c, "Import bankovních výpisů hlásí chybu", "", base());
    open(&mut s, &c, "Export faktur", "", base() + mins(1));
    assert_eq!(titles(&s, "bank"), vec!["Import bankovních výpisů hlásí chybu"]);
    assert_eq!(titles(&s, "imp vyp"), vec!["Import bankovních výpisů hlásí chybu"]);
    assert_eq!(titles(&s, "port"), Vec::<String>::new(), "a prefix, not a substring");
    assert_eq!(titles(&s, "import faktur"), Vec::<String>::new(), "every word must match");
    assert_eq!(titles(&s, "bankx"), Vec::<String>::new());
}

#[test]
fn newest_received_first_with_limit_and_open_filter() {
    let (mut s, c) = store_with_customer();
    let old = open(&mut s, &c, "Faktura 1", "", base());
    open(&mut s, &c, "Faktura 3", "", base() + mins(20));
    open(&mut s, &c, "Faktura 2", "", base() + mins(10));
    assert_eq!(titles(&s, "faktura"), vec!["Faktura 3", "Faktura 2", "Faktura 1"]);
    let two: Vec<String> =
        s.search_tickets("faktura", false, 2).unwrap().into_iter().map(|r| r.summary.title).collect();
    assert_eq!(two, vec!["Faktura 3", "Faktura 2"]);
    assert!(s.search_tickets("faktura", false, 0).unwrap().is_empty());

    for ticket in s.search_tickets("faktura", false, 10).unwrap() {
        if ticket.id != old.id {
            s.update_ticket(&ticket.id, vec![TicketChange::Status(TicketStatus::Closed)], base() + mins(30)).unwrap();
        }
    }
    let open_ones = s.search_tickets("faktura", true, 10).unwrap();
    assert_eq!(open_ones.len(), 1);
    assert_eq!(open_ones[0].id, old.id);
    assert_eq!(open_ones[0].customer_name, "Účetní kancelář Dvořák");
}

#[test]
fn tickets_received_in_the_same_second_are_all_found() {
    let (mut s, c) = store_with_customer();
    for i in 0..5 {
        open(&mut s, &c, &format!("Výpadek {i}"), "", base());
    }
    assert_eq!(titles(&s, "vypadek").len(), 5);
}

#[test]
fn description_and_comments_are_searched_as_one_ticket() {
    let (mut s, c) = store_with_customer();
    let tk = open(&mut s, &c, "Nefunguje tisk", "Chyba se objevuje na pobočce Hradec Králové.", base());
    open(&mut s, &c, "Jiný požadavek", "", base() + mins(1));
    s.add_comment(&tk.id, "Zkusili jsme ovladač LaserJet 4250, bez úspěchu.", base() + mins(5)).unwrap();
    assert_eq!(titles(&s, "kralove"), vec!["Nefunguje tisk"]);
    assert_eq!(titles(&s, "laserjet"), vec!["Nefunguje tisk"]);
    assert_eq!(titles(&s, "uspech"), vec!["Nefunguje tisk"]);
    // The words may come from the title, the description and a comment at once.
    assert_eq!(titles(&s, "tisk hradec laserjet"), vec!["Nefunguje tisk"]);
}

#[test]
fn deleted_comments_are_not_found() {
    let (mut s, c) = store_with_customer();
    let tk = open(&mut s, &c, "Nefunguje tisk", "", base());
    let keep = s.add_comment(&tk.id, "Volali jsme zákazníkovi.", base() + mins(1)).unwrap();
    let gone = s.add_comment(&tk.id, "Heslo je ukryté v šuplíku.", base() + mins(2)).unwrap();
    assert_eq!(titles(&s, "supliku"), vec!["Nefunguje tisk"]);
    s.delete_comment(&gone.id, base() + mins(3)).unwrap();
    assert!(titles(&s, "supliku").is_empty());
    assert!(titles(&s, "heslo").is_empty());
    assert_eq!(titles(&s, "zakaznikovi"), vec!["Nefunguje tisk"], "the other comment stays searchable");
    assert_eq!(titles(&s, "tisk"), vec!["Nefunguje tisk"]);
    assert!(s.delete_comment(&gone.id, base() + mins(4)).is_err(), "a deleted comment cannot be deleted again");
    assert!(keep.id != gone.id);
}

#[test]
fn changed_title_and_description_are_reindexed() {
    let (mut s, c) = store_with_customer();
    let tk = open(&mut s, &c, "Pomalá odezva skladu", "Týká se modulu Objednávky.", base());
    s.add_comment(&tk.id, "Analýza logů probíhá.", base() + mins(1)).unwrap();
    s.update_ticket(
        &tk.id,
        vec![
            TicketChange::Title("Výpadek synchronizace e-shopu".into()),
            TicketChange::Description("Týká se modulu Fakturace.".into()),
        ],
        base() + mins(2),
    )
    .unwrap();
    assert!(titles(&s, "pomala").is_empty(), "the old title no longer matches");
    assert!(titles(&s, "objednavky").is_empty(), "the old description no longer matches");
    let new = vec!["Výpadek synchronizace e-shopu".to_string()];
    assert_eq!(titles(&s, "synchronizace"), new);
    assert_eq!(titles(&s, "fakturace"), new);
    assert_eq!(titles(&s, "analyza"), new, "comments stay indexed after a title change");
    assert_eq!(titles(&s, "e-shop"), new, "a hyphenated word is a phrase of its parts");
}

#[test]
fn merged_copies_search_alike_whichever_title_wins() {
    let mut a = Store::open_in_memory("alice").unwrap();
    let c = a.add_customer("Pekárna U Klasu", "", Tier::Standard, YearMonth::new(2026, 1).unwrap(), base()).unwrap();
    let tk = open(&mut a, &c.id, "Původní název", "", base());
    let mut b = Store::open_in_memory("bob").unwrap();
    let from_a = a.ops_missing_from(&Default::default()).unwrap();
    b.apply_remote(&from_a).unwrap();

    // Alice renames first, Bob later: Bob's title wins everywhere (last writer wins).
    let (seen_a, seen_b) = (a.vector().unwrap(), b.vector().unwrap());
    a.update_ticket(&tk.id, vec![TicketChange::Title("Alenin název".into())], base() + mins(5)).unwrap();
    b.update_ticket(&tk.id, vec![TicketChange::Title("Bobův název".into())], base() + mins(10)).unwrap();
    let new_a = a.ops_missing_from(&seen_a).unwrap();
    let new_b = b.ops_missing_from(&seen_b).unwrap();
    a.apply_remote(&new_b).unwrap();
    b.apply_remote(&new_a).unwrap();
    for s in [&a, &b] {
        assert_eq!(titles(s, "bobuv"), vec!["Bobův název"]);
        assert!(titles(s, "alenin").is_empty());
        assert!(titles(s, "puvodni").is_empty());
    }
}

#[test]
fn rebuilding_from_the_log_keeps_search_working() {
    let (mut s, c) = store_with_customer();
    let tk = open(&mut s, &c, "Chyba při uzávěrce", "", base());
    open(&mut s, &c, "Nový uživatel", "Přidat účet pro paní Kučerovou.", base() + mins(1));
    let gone = s.add_comment(&tk.id, "Dočasné řešení: restart služby.", base() + mins(2)).unwrap();
    s.add_comment(&tk.id, "Oprava nasazena.", base() + mins(3)).unwrap();
    s.delete_comment(&gone.id, base() + mins(4)).unwrap();
    s.update_ticket(&tk.id, vec![TicketChange::Title("Chyba při měsíční uzávěrce".into())], base() + mins(5)).unwrap();
    let queries = ["uzaverka", "mesicni", "restart", "oprava", "kucerovou", "chyba oprava", "ucet"];
    let before: Vec<Vec<String>> = queries.iter().map(|q| titles(&s, q)).collect();
    s.rebuild_from_log().unwrap();
    let after: Vec<Vec<String>> = queries.iter().map(|q| titles(&s, q)).collect();
    assert_eq!(after, before);
    assert_eq!(titles(&s, "mesicni"), vec!["Chyba při měsíční uzávěrce"]);
    assert!(titles(&s, "restart").is_empty());
    // Rebuilt twice: no document is indexed twice.
    s.rebuild_from_log().unwrap();
    assert_eq!(titles(&s, "chyba"), vec!["Chyba při měsíční uzávěrce"]);
}

#[test]
fn hostile_input_never_errors() {
    let (mut s, c) = store_with_customer();
    open(&mut s, &c, "Dotaz \"AND\" NEAR(x) -flag ^caret *star* col:umn", "OR NOT", base());
    let hostile = [
        "\"",
        "\"\"",
        "*",
        "**",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "NEAR(a b",
        "-",
        "^",
        "^a",
        "(",
        ")",
        "a:b",
        "title:x",
        "{title}: x",
        "a OR",
        "\"unterminated",
        "x\" OR \"y",
        "+",
        "'",
        "''",
        "\\",
        "\0",
        "a\0b",
        "ß",
        "🙂",
        "中文",
        "\u{202E}rtl",
        "x*y",
        "NEAR/3",
        "AND AND",
        "- - -",
        "   ",
    ];
    for q in hostile {
        let r = s.search_tickets(q, false, 10);
        assert!(r.is_ok(), "query {q:?} failed: {r:?}");
        let r = s.search_tickets(q, true, 10);
        assert!(r.is_ok(), "query {q:?} (open only) failed: {r:?}");
    }
    // Operator words are searched as text.
    assert_eq!(titles(&s, "AND").len(), 1);
    assert_eq!(titles(&s, "near(").len(), 1);
    assert_eq!(titles(&s, "-flag").len(), 1);
    assert_eq!(titles(&s, "\"AND\"").len(), 1);
    assert_eq!(titles(&s, "or not").len(), 1);
    assert_eq!(titles(&s, "col:umn").len(), 1);
    assert!(titles(&s, "").is_empty());
    assert!(titles(&s, "\" * ^ -").is_empty());
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn a_schema_v1_file_is_searchable_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v1.db");
    std::fs::copy(fixture("schema-v1.db"), &db).unwrap();
    let (comment, tickets): (String, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 1, "the fixture is a version-1 file");
        let body = conn.query_row("SELECT body FROM comments WHERE deleted = 0 LIMIT 1", [], |r| r.get(0)).unwrap();
        (body, conn.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0)).unwrap())
    };
    let mut s = Store::open(&db, "tester").unwrap();
    assert_eq!(titles(&s, "faktura"), vec!["Faktura se netiskne"]);
    let word = comment.split_whitespace().max_by_key(|w| w.chars().count()).unwrap().to_string();
    assert!(!titles(&s, &word).is_empty(), "the comment word {word:?} is found");
    // Every existing ticket got a document: each one is found by its own number-free title.
    let mut found = 0;
    for n in 1..=tickets {
        let tk = s.ticket_by_number(&n.to_string().parse().unwrap()).unwrap().unwrap();
        let ids: Vec<helpdesk::domain::TicketId> =
            s.search_tickets(&tk.title, false, 50).unwrap().into_iter().map(|r| r.summary.id).collect();
        found += usize::from(ids.contains(&tk.id));
    }
    assert_eq!(found as i64, tickets);
    open_matches_agree(&s, &["faktura", &word]);
    // New writes are indexed too.
    let tk = s.ticket_by_number(&"1".parse().unwrap()).unwrap().unwrap();
    s.add_comment(&tk.id, "Po aktualizaci ověřeno.", base()).unwrap();
    assert_eq!(titles(&s, "overeno"), vec!["Faktura se netiskne"]);
}

/// The open-only search (its own index) against the whole index filtered by status.
fn open_matches_agree(s: &Store, queries: &[&str]) {
    for q in queries {
        let mut want: Vec<helpdesk::domain::TicketId> = s
            .search_tickets(q, false, 10_000)
            .unwrap()
            .into_iter()
            .filter(|t| t.status.is_open())
            .map(|t| t.summary.id)
            .collect();
        let mut got: Vec<helpdesk::domain::TicketId> =
            s.search_tickets(q, true, 10_000).unwrap().into_iter().map(|t| t.summary.id).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "open tickets matching {q:?}");
    }
}

#[test]
fn open_ticket_search_follows_closing_reopening_and_edits() {
    let (mut s, c) = store_with_customer();
    let a = open(&mut s, &c, "Tiskárna nefunguje", "Papír se zasekává.", base());
    let b = open(&mut s, &c, "Tiskárna v účtárně", "", base() + mins(1));
    open(&mut s, &c, "Nový účet", "Pro paní Kučerovou.", base() + mins(2));
    let open_titles = |s: &Store, q: &str| -> Vec<String> {
        s.search_tickets(q, true, 50).unwrap().into_iter().map(|t| t.summary.title).collect()
    };
    assert_eq!(open_titles(&s, "tiskarna"), ["Tiskárna v účtárně", "Tiskárna nefunguje"]);
    let at = |m| base() + mins(m);
    s.update_ticket(&a.id, vec![TicketChange::Status(TicketStatus::Closed)], at(10)).unwrap();
    assert_eq!(open_titles(&s, "tiskarna"), ["Tiskárna v účtárně"], "a closed ticket leaves");
    assert_eq!(titles(&s, "tiskarna").len(), 2, "but stays in the whole index");
    s.add_comment(&a.id, "Zákazník volal znovu: zaseklý papír.", at(11)).unwrap();
    assert!(open_titles(&s, "znovu").is_empty(), "a comment on a closed ticket stays out");
    s.update_ticket(&a.id, vec![TicketChange::Status(TicketStatus::Open)], at(12)).unwrap();
    assert_eq!(open_titles(&s, "znovu"), ["Tiskárna nefunguje"], "reopened, with its new comment");
    s.update_ticket(&b.id, vec![TicketChange::Title("Skener v účtárně".into())], at(13)).unwrap();
    assert_eq!(open_titles(&s, "tiskarna"), ["Tiskárna nefunguje"]);
    assert_eq!(open_titles(&s, "skener"), ["Skener v účtárně"]);
    // Waiting is open too; resolved is not.
    s.update_ticket(&b.id, vec![TicketChange::Status(TicketStatus::Waiting)], at(14)).unwrap();
    s.update_ticket(&a.id, vec![TicketChange::Status(TicketStatus::Resolved)], at(15)).unwrap();
    let queries = ["tiskarna", "skener", "ucet", "znovu", "papir", "kucerovou"];
    open_matches_agree(&s, &queries);
    s.rebuild_from_log().unwrap();
    open_matches_agree(&s, &queries);
    assert_eq!(open_titles(&s, "skener"), ["Skener v účtárně"]);
}

#[test]
fn ids_only_search_finds_what_the_full_search_finds() {
    let (mut s, c) = store_with_customer();
    for i in 0..30 {
        let t = open(&mut s, &c, &format!("Faktura {i}"), "", base() + mins(i));
        if i % 3 == 0 {
            s.update_ticket(&t.id, vec![TicketChange::Status(TicketStatus::Closed)], base() + mins(40)).unwrap();
        }
    }
    for open_only in [false, true] {
        for limit in [5, 100] {
            let full: Vec<helpdesk::domain::TicketId> =
                s.search_tickets("faktura", open_only, limit).unwrap().into_iter().map(|t| t.summary.id).collect();
            assert_eq!(s.search_ticket_ids("faktura", open_only, limit).unwrap(), full, "{open_only} {limit}");
        }
    }
    assert_eq!(s.search_ticket_ids("faktura", true, 100).unwrap().len(), 20);
}

/// Every query, against the whole index (typed words expanded into the words they start) and the
/// index of open tickets (FTS5 prefix queries): with every ticket open they must find the same.
fn whole_and_open_agree(s: &Store, queries: &[&str]) {
    for q in queries {
        for limit in [3, 1000] {
            let whole = s.search_ticket_ids(q, false, limit).unwrap();
            let open = s.search_ticket_ids(q, true, limit).unwrap();
            assert_eq!(whole, open, "{q:?} (limit {limit})");
        }
    }
}

#[test]
fn typed_words_expand_into_the_words_they_start_exactly_like_prefix_queries() {
    let (mut s, c) = store_with_customer();
    // 70 words sharing `fakt` (more than an expansion takes), Polish and German letters FTS5 keeps,
    // diacritics it removes, and punctuation inside words.
    for i in 0..70 {
        let suffix: String = format!("{i:02}").chars().map(|d| (b'a' + d as u8 - b'0') as char).collect();
        open(&mut s, &c, &format!("Faktur{suffix} číslo {i}"), "Łódź Straße e-shop", base() + mins(i));
    }
    open(&mut s, &c, "Zákazník nemůže tisknout", "Zákazníka jsme kontaktovali.", base() + mins(80));
    let t = open(&mut s, &c, "Účetní uzávěrka", "", base() + mins(81));
    s.add_comment(&t.id, "Zákaznice volala, zakázku převzal Łukasz.", base() + mins(82)).unwrap();
    let queries = [
        "fakt",
        "faktura",
        "fakturba",
        "faktur",
        "fak",
        "zakaz",
        "zákazník",
        "zakaznika",
        "zakaznic",
        "lodz",
        "łódź",
        "łuk",
        "strasse",
        "straße",
        "e-shop",
        "shop",
        "cislo 4",
        "ucetni uzav",
        "xyz",
        "c",
        "zakaz tisk",
        "zakazk",
        "\"",
        "FAKTUR",
    ];
    whole_and_open_agree(&s, &queries);
    assert_eq!(s.search_ticket_ids("zakaznic", false, 10).unwrap(), vec![t.id.clone()], "a comment's new word");
    // A word of one or two letters that starts more words than an expansion takes (here the 70
    // `faktur…`) is searched as itself in all tickets (the open tickets' small index still takes it as
    // a prefix).
    for short in ["f", "fa"] {
        assert!(s.search_ticket_ids(short, false, 100).unwrap().is_empty(), "{short}");
        assert_eq!(s.search_ticket_ids(short, true, 100).unwrap().len(), 70, "{short}");
    }
    s.rebuild_from_log().unwrap();
    whole_and_open_agree(&s, &queries);
}

#[test]
fn check_finds_search_indexes_out_of_step_with_the_tickets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let mut s = Store::open(&db, "alice").unwrap();
    let c = s.add_customer("Acme", "", Tier::Plus, YearMonth::new(2026, 1).unwrap(), base()).unwrap();
    open(&mut s, &c.id, "Tiskárna nefunguje", "Papír se zasekává.", base());
    assert_eq!(s.check(true).unwrap().problems, Vec::<String>::new());
    drop(s);
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute("UPDATE search_docs SET open = 1 - open", []).unwrap();
    raw.execute("DELETE FROM search_terms WHERE term = 'papir'", []).unwrap();
    drop(raw);
    let mut s = Store::open(&db, "alice").unwrap();
    assert_eq!(
        s.check(false).unwrap().problems,
        [
            "search: 1 document with a wrong open flag".to_string(),
            "search: the open tickets' index differs from the open tickets in 1 document".to_string(),
            "search: 1 indexed word missing from search_terms".to_string()
        ]
    );
}

#[test]
fn check_of_a_read_only_file_finds_a_healthy_one_healthy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let mut s = Store::open(&db, "alice").unwrap();
    let c = s.add_customer("Acme", "", Tier::Plus, YearMonth::new(2026, 1).unwrap(), base()).unwrap();
    open(&mut s, &c.id, "Tiskárna nefunguje", "", base());
    drop(s);
    let mut ro = Store::open_read_only(&db, "alice").unwrap();
    assert_eq!(ro.check(false).unwrap().problems, Vec::<String>::new());
}
