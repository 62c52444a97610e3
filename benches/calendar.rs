//! Business-calendar throughput: first-response deadlines (4/24/48 business hours) and business time
//! between two instants, for pseudo-random instants spread over 2024–2027 in the shipped calendar.
//!
//! `cargo bench --bench calendar` (optionally `-- COUNT` for the number of deadlines, default 3 000 000).
//! The claim it checks: more than 1 000 000 deadlines per second.
//!
//! Under `cargo test` (no `--bench` argument) it runs 10 000 instants and checks every result instead:
//! a deadline is not before its start and holds exactly its budget of business time, and business time
//! between two instants is never negative nor longer than the wall-clock time between them.

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use helpdesk::config::Settings;

const FROM: i64 = 1_704_063_600; // 2024-01-01 00:00 Prague
const TO: i64 = 1_830_294_000; // 2028-01-01 00:00 Prague

/// splitmix64: a fixed seed gives the same instants on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn main() {
    // `cargo bench` passes `--bench` after our arguments; `cargo test` passes nothing.
    let full = std::env::args().any(|a| a == "--bench");
    let count: usize =
        std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(if full { 3_000_000 } else { 10_000 });
    let cal = Settings::defaults().calendar;
    let budgets = [Duration::hours(4), Duration::hours(24), Duration::hours(48)];

    let mut rng = Rng(0x5EED);
    let received: Vec<(DateTime<Utc>, Duration)> = (0..count)
        .map(|i| {
            let secs = FROM + rng.below((TO - FROM) as u64) as i64;
            (DateTime::from_timestamp(secs, 0).unwrap(), budgets[i % budgets.len()])
        })
        .collect();
    // Ranges of up to two weeks, as a countdown or a report asks for.
    let ranges: Vec<(DateTime<Utc>, DateTime<Utc>)> =
        received.iter().map(|&(t, _)| (t, t + Duration::seconds(rng.below(14 * 86_400) as i64))).collect();

    if !full {
        check(&cal, &received, &ranges);
        return;
    }

    // Warm up caches and the branch predictor on a slice, then measure the whole set.
    for &(t, d) in received.iter().take(count / 20) {
        black_box(cal.add(black_box(t), black_box(d)));
    }

    let start = Instant::now();
    let mut check: i64 = 0;
    for &(t, d) in &received {
        check = check.wrapping_add(black_box(cal.add(black_box(t), black_box(d))).timestamp());
    }
    let deadlines = start.elapsed();

    let start = Instant::now();
    let mut total = Duration::zero();
    for &(from, to) in &ranges {
        total += black_box(cal.between(black_box(from), black_box(to)));
    }
    let between = start.elapsed();

    let rate = |n: usize, d: std::time::Duration| (n as f64 / d.as_secs_f64()).round() as u64;
    println!("instants: {count} over 2024-2027, budgets 4/24/48 h, ranges up to 14 days");
    println!(
        "deadlines per second: {} ({:.1} ns each)",
        rate(count, deadlines),
        deadlines.as_nanos() as f64 / count as f64
    );
    println!("between per second: {} ({:.1} ns each)", rate(count, between), between.as_nanos() as f64 / count as f64);
    println!("checksum: {check} {}", total.num_minutes());
}

/// Correctness at a small size (`cargo test`): every deadline and every range, no timing.
fn check(
    cal: &helpdesk::domain::BusinessCalendar,
    received: &[(DateTime<Utc>, Duration)],
    ranges: &[(DateTime<Utc>, DateTime<Utc>)],
) {
    for &(t, d) in received {
        let due = cal.add(t, d);
        assert!(due >= t, "deadline {due} before its start {t} ({d})");
        assert_eq!(cal.between(t, due), d, "business time from {t} to its deadline {due}");
    }
    for &(from, to) in ranges {
        let b = cal.between(from, to);
        assert!(b >= Duration::zero() && b <= to - from, "business time {b} from {from} to {to}");
    }
    println!("calendar: {} deadlines and {} ranges checked", received.len(), ranges.len());
}
