//! Search latency on a real file (issue 6: first results in under 50 ms on 1M tickets):
//! `cargo bench --bench search -- PATH [QUERY …]`. Make a large file first with
//! `helpdesk --db PATH demo --customers 10000 --tickets 1000000 --entries 10000000`.
//! Prints, per query and filter, the slowest and the median of several runs of the first 50 results.

use std::time::{Duration, Instant};

use helpdesk::store::Store;

const RUNS: usize = 7;
const LIMIT: usize = 50;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; everything else is ours.
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let Some(path) = args.next() else {
        println!("usage: cargo bench --bench search -- PATH [QUERY …] (PATH: a file made by `helpdesk demo`)");
        return Ok(());
    };
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = ["a", "f", "fa", "fak", "faktur", "zakaznik", "nefunguje tisk", "ucetni uzaverka ostrava", "xyzzy"]
            .map(String::from)
            .to_vec();
    }
    let store = Store::open_read_only(std::path::Path::new(&path), "bench")?;
    println!("{:<28} {:>6} {:>9} {:>9}", "query", "open", "median", "slowest");
    for q in &queries {
        for open_only in [false, true] {
            let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
            let mut found = 0;
            for _ in 0..RUNS {
                let start = Instant::now();
                found = store.search_tickets(q, open_only, LIMIT)?.len();
                times.push(start.elapsed());
            }
            times.sort();
            println!(
                "{:<28} {:>6} {:>7.2}ms {:>7.2}ms  ({found} found)",
                format!("{q:?}"),
                open_only,
                times[RUNS / 2].as_secs_f64() * 1e3,
                times[RUNS - 1].as_secs_f64() * 1e3
            );
        }
    }
    Ok(())
}
