//! Money in `rust_decimal`: rounding to hellers (0.01) half-up, and the two ways amounts are printed.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero to 0.01 and keeps exactly two decimal places.
pub fn round_money(amount: Decimal) -> Decimal {
    let mut r = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

/// Machine form: a plain decimal string with two places, e.g. `1234.50`.
pub fn plain(amount: Decimal) -> String {
    round_money(amount).to_string()
}

/// Human form: `1 234,50 Kč` (thin grouping by spaces, decimal comma).
pub fn human(amount: Decimal, currency: &str) -> String {
    let s = plain(amount);
    let (neg, digits) = s.strip_prefix('-').map_or((false, s.as_str()), |d| (true, d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let grouped = group_thousands(int, ' ');
    let symbol = if currency == "CZK" { "Kč" } else { currency };
    format!("{}{grouped},{frac} {symbol}", if neg { "-" } else { "" })
}

/// A run of ASCII digits with `separator` between each group of three from the right (`1234567`, ' ' →
/// `1 234 567`).
pub fn group_thousands(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_up_to_hellers() {
        assert_eq!(plain(d("0.005")), "0.01");
        assert_eq!(plain(d("0.004")), "0.00");
        assert_eq!(plain(d("1234.5")), "1234.50");
        assert_eq!(plain(d("-0.005")), "-0.01");
    }

    #[test]
    fn human_form_groups_thousands() {
        assert_eq!(human(d("1234.5"), "CZK"), "1 234,50 Kč");
        assert_eq!(human(d("950"), "CZK"), "950,00 Kč");
        assert_eq!(human(d("1234567"), "CZK"), "1 234 567,00 Kč");
        assert_eq!(human(d("-200"), "EUR"), "-200,00 EUR");
    }
}
