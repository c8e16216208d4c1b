//! Measures the PDF receipt: render time and size for a receipt (by default the dog
//! registration in `receipt-sample.json`, as the receipt test produced it).
//!
//!     cargo run --release -p server --example receipt_pdf [-- receipt.json [iterations]]

use std::time::Instant;

use contract::submission::Receipt;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/receipt-sample.json").to_owned()
    });
    let iterations: usize = args.next().map_or(Ok(200), |n| n.parse())?;
    let receipt: Receipt = serde_json::from_slice(&std::fs::read(&path)?)?;

    // The first render loads and parses the fonts.
    let start = Instant::now();
    let first = server::receipt::pdf::render(&receipt)?;
    let cold = start.elapsed();

    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let start = Instant::now();
        let pdf = server::receipt::pdf::render(&receipt)?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(
            pdf.len(),
            first.len(),
            "the same receipt renders the same size"
        );
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "receipt {} ({} answers)",
        receipt.reference,
        receipt.summary.iter().map(|s| s.rows.len()).sum::<usize>()
    );
    println!("size {:.1} KB", first.len() as f64 / 1024.0);
    println!(
        "first render (fonts loaded) {:.1} ms",
        cold.as_secs_f64() * 1000.0
    );
    println!(
        "render p50 {:.2} ms  p90 {:.2} ms  p99 {:.2} ms  ({} iterations, one core)",
        at(0.5),
        at(0.9),
        at(0.99),
        iterations
    );
    Ok(())
}
