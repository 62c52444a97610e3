//! Every parser of outside input, fed arbitrary text: it answers Ok or a clear error, never panics,
//! and what it prints reads back the same.

use clap::Parser;
use helpdesk::cli::{Cli, input};
use helpdesk::config::Settings;
use helpdesk::domain::worktime::parse_minutes;
use helpdesk::domain::{Role, TicketKind, TicketNumber, TicketStatus, Tier, YearMonth};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn ticket_numbers(s in "\\PC{0,24}") {
        if let Ok(n) = s.parse::<TicketNumber>() {
            prop_assert_eq!(n.to_string().parse::<TicketNumber>().unwrap(), n);
        }
    }

    #[test]
    fn ticket_numbers_round_trip(tag in "([A-Z]{1,3}(\\.[A-Z]{1,2}){0,2})?", seq in 1u64..10_000_000) {
        let n = TicketNumber::new(&tag, seq);
        prop_assert_eq!(n.to_string().parse::<TicketNumber>().unwrap(), n);
    }

    #[test]
    fn months(s in "\\PC{0,12}") {
        if let Ok(m) = s.parse::<YearMonth>() {
            prop_assert_eq!(m.to_string().parse::<YearMonth>().unwrap(), m);
        }
    }

    #[test]
    fn vocabulary(s in "\\PC{0,16}") {
        let _ = s.parse::<Tier>();
        let _ = s.parse::<Role>();
        let _ = s.parse::<TicketKind>();
        let _ = s.parse::<TicketStatus>();
        let _ = parse_minutes(&s);
    }

    #[test]
    fn instants_and_dates(s in "\\PC{0,40}") {
        let cal = Settings::defaults().calendar;
        if let Ok(t) = input::instant(&s) {
            prop_assert_eq!(input::instant(&t.to_rfc3339()).unwrap(), t);
        }
        let _ = input::date_or_instant(&s, &cal, "--resolve-by");
    }

    #[test]
    fn instants_near_the_rfc_3339_shape(
        y in 0u32..10000, mo in 0u32..14, d in 0u32..33, h in 0u32..26, mi in 0u32..62, off in -30i32..30,
    ) {
        let s = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00{}{:02}:00", if off < 0 { '-' } else { '+' }, off.abs());
        let _ = input::instant(&s);
    }

    #[test]
    fn command_lines(args in proptest::collection::vec("[-a-z0-9=:. ]{0,12}", 0..6)) {
        let _ = Cli::try_parse_from(std::iter::once("helpdesk".to_string()).chain(args));
    }

    #[test]
    fn config_files(name in prop::sample::select(vec!["tariffs.toml", "calendar.toml", "config.toml"]), text in "\\PC{0,200}") {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &text).unwrap();
        if let Err(e) = Settings::load_from(Some(dir.path())) {
            prop_assert!(e.to_string().contains(name), "{}", e);
        }
    }

    #[test]
    fn config_values(
        key in prop::sample::select(vec!["vat_rate", "billing_block_minutes", "at_risk_fraction", "currency"]),
        value in prop::sample::select(vec!["\"0.2\"", "-1", "\"x\"", "1e400", "[]", "{}", "\"\"", "99999999999999999999", "0"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tariffs.toml"), format!("{key} = {value}\n")).unwrap();
        if let Err(e) = Settings::load_from(Some(dir.path())) {
            prop_assert!(e.to_string().contains("tariffs.toml"), "{}", e);
        }
    }
}
