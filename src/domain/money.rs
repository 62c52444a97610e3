//! Money in `rust_decimal`: rounding to hellers (0.01) half-up, and the two ways amounts are printed.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero to 0.01 and keeps exactly two decimal places.
pub fn round_money(amount: Decimal) -> Decimal {
    let mut r = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

/// Machine form: a plain decimal string with two places, e.g. `1234.50`. What `Decimal`'s `Display`
/// writes for the rounded amount; written digit by digit here (a month report writes two amounts a
/// line, and the general formatter was a tenth of the report's time).
pub fn plain(amount: Decimal) -> String {
    match PlainDigits::of(amount) {
        Some(digits) => digits.as_str().to_owned(),
        None => round_money(amount).to_string(),
    }
}

/// [`plain`]'s text on the stack (a writer that copies it out needs no allocation).
pub struct PlainDigits {
    buf: [u8; 24],
    at: usize,
}

impl PlainDigits {
    /// The digits of `amount` as [`plain`] writes them; `None` for the amounts it leaves to
    /// `Decimal`'s `Display` (beyond 64 bits of hellers, a negative zero).
    pub fn of(amount: Decimal) -> Option<Self> {
        // Two places or fewer (most amounts: rates, fees, sums of them) round to themselves: the
        // hellers are the mantissa scaled up, without the decimal arithmetic of rounding.
        let (m, scale) = match amount.scale() {
            // In 64 bits when the mantissa fits (every amount of a helpdesk): 128-bit multiplication
            // is a library call.
            s @ 0..=2 => match i64::try_from(amount.mantissa()) {
                Ok(m) => (m.checked_mul(10_i64.pow(2 - s)).map(i128::from), 2),
                Err(_) => (amount.mantissa().checked_mul(10_i128.pow(2 - s)), 2),
            },
            _ => {
                let r = round_money(amount);
                (Some(r.mantissa()), r.scale())
            }
        };
        let m = m?;
        let mut n = u64::try_from(m.unsigned_abs()).ok()?;
        if scale != 2 || (m == 0 && amount.is_sign_negative()) {
            return None;
        }
        // Right to left: two decimals, the point, the whole units (at least one digit), the sign.
        let mut buf = [0u8; 24];
        let mut at = buf.len();
        for i in 0.. {
            if i == 2 {
                at -= 1;
                buf[at] = b'.';
            }
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if i >= 2 && n == 0 {
                break;
            }
        }
        if m < 0 {
            at -= 1;
            buf[at] = b'-';
        }
        Some(Self { buf, at })
    }

    pub fn as_str(&self) -> &str {
        // Digits, a point and a sign: always ASCII.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// [`PlainDigits::as_str`]'s bytes (ASCII: digits, a point, a sign).
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[self.at..]
    }
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

    proptest::proptest! {
        /// The digits written by hand are what `Decimal` writes, for every size and sign of amount.
        #[test]
        fn plain_is_what_decimal_writes(mantissa in proptest::num::i64::ANY, scale in 0u32..8) {
            let amount = Decimal::new(mantissa, scale);
            proptest::prop_assert_eq!(plain(amount), round_money(amount).to_string());
        }

        /// Amounts beyond 64 bits of hellers too (the general formatter writes those).
        #[test]
        fn plain_of_large_amounts(hi in proptest::num::i32::ANY, lo in proptest::num::u64::ANY, scale in 0u32..4) {
            let amount = Decimal::from_i128_with_scale((i128::from(hi) << 64) | i128::from(lo), scale);
            proptest::prop_assert_eq!(plain(amount), round_money(amount).to_string());
        }
    }

    #[test]
    fn plain_of_zeros_and_signs() {
        for s in ["0", "-0", "0.00", "-0.00", "-0.004", "0.005", "-0.005", "-1234.5", "99999999999999999.99"] {
            assert_eq!(plain(d(s)), round_money(d(s)).to_string(), "{s}");
        }
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
