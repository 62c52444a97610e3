//! Numbers in and out of the price list (bb6 #5): a VAT rate reads with the language's decimal
//! separator (`DPH 15,5 %`, `VAT 15.5 %`), a money amount with more than two decimal places is refused
//! naming its file and key (it would be rounded silently), and a TOML float for money or a rate is
//! refused with how to write it (`"0.21"`: the file says never floats).

mod cli_common;

use cli_common::Desk;

fn desk(tariffs: &str) -> Desk {
    let mut d = Desk::new();
    std::fs::write(d.config.join("tariffs.toml"), tariffs).unwrap();
    d.at("2026-03-20T12:00:00+01:00");
    d
}

#[test]
fn a_vat_rate_with_decimals_reads_with_a_decimal_comma_in_czech_and_a_point_in_english() {
    let d = desk("vat_rate = \"0.155\"\n");
    let out = d.run(&["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let cs = d.run(&["--lang", "cs", "report", "customer", "S", "--month", "2026-03"]);
    assert!(cs.stdout.contains("DPH 15,5 %"), "{}", cs.stdout);
    let en = d.run(&["--lang", "en", "report", "customer", "S", "--month", "2026-03"]);
    assert!(en.stdout.contains("VAT 15.5 %"), "{}", en.stdout);
}

#[test]
fn a_money_amount_with_three_decimal_places_is_refused_naming_its_file_and_key() {
    for (toml, key) in [
        ("[tiers.standard]\nmonthly_fee = \"950.005\"\n", "tiers.standard.monthly_fee"),
        ("[tiers.vip]\nhourly_rate = \"800.001\"\n", "tiers.vip.hourly_rate"),
        ("[no_contract]\ntechnician_rate = \"1000.125\"\n", "no_contract.technician_rate"),
    ] {
        let d = desk(toml);
        let out = d.run(&["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]);
        assert_eq!(out.code, 2, "{toml}: {}", out.stderr);
        assert!(out.stderr.contains("tariffs.toml"), "{}", out.stderr);
        assert!(out.stderr.contains(key) && out.stderr.contains("more than two decimal places"), "{}", out.stderr);
    }
    // Two places, or a rate (a fraction) with more, are fine.
    let d = desk("vat_rate = \"0.155\"\n[tiers.standard]\nmonthly_fee = \"950.50\"\n");
    assert_eq!(d.run(&["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]).code, 0);
}

#[test]
fn a_toml_float_for_money_or_a_rate_is_refused_with_how_to_write_it() {
    for toml in ["vat_rate = 0.21\n", "[tiers.standard]\nmonthly_fee = 950.5\n"] {
        let d = desk(toml);
        let out = d.run(&["customer", "add", "S", "--tier", "standard", "--since", "2026-01"]);
        assert_eq!(out.code, 2, "{toml}: {}", out.stderr);
        assert!(out.stderr.contains("tariffs.toml") && out.stderr.contains("\"0.21\""), "{}", out.stderr);
        assert!(out.stderr.contains("TOML float"), "{}", out.stderr);
    }
}

#[test]
fn minutes_in_a_czech_statement_are_grouped_by_thousands_as_czech_amounts_are() {
    let d = desk("");
    for args in [
        &["customer", "add", "S", "--tier", "standard", "--since", "2026-01"][..],
        &["ticket", "open", "--customer", "S", "--title", "t", "--at", "2026-03-02T08:00:00+01:00"],
        &["time", "add", "1", "--minutes", "1440", "--at", "2026-03-03T08:00:00+01:00"],
    ] {
        let out = d.run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    let cs = d.run(&["--lang", "cs", "report", "customer", "S", "--month", "2026-03"]);
    assert!(cs.stdout.contains("1 440 min"), "{}", cs.stdout);
    let en = d.run(&["--lang", "en", "report", "customer", "S", "--month", "2026-03"]);
    assert!(en.stdout.contains("1440m"), "{}", en.stdout);
}
