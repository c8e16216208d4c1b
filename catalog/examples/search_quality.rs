//! Search quality on a query set: success@5 and MRR@10.
//!
//! ```sh
//! cargo run -p catalog --release --example search_quality -- [queries.tsv …] [--summary queries.tsv …]
//! ```
//! Defaults to `../shared/benchmarks/search-dev-queries.tsv`, `catalog/data/search-heldout-queries.tsv`,
//! `catalog/data/search-probe-queries.tsv`, `catalog/data/search-probe-queries-2.tsv`,
//! `catalog/data/search-probe-queries-3.tsv`, `catalog/data/search-probe-queries-4.tsv`,
//! `catalog/data/search-probe-queries-5.tsv`, `catalog/data/search-probe-queries-6.tsv`,
//! `catalog/data/search-probe-queries-7.tsv` and `catalog/data/search-probe-queries-8.tsv` with
//! their misses, and
//! `catalog/data/search-fresh-queries.tsv` as a summary only: it was written before any result
//! was seen and is the measure of whether the search generalises, so its misses are never shown
//! (never tune to them). A file after `--summary` prints its aggregate numbers only.
//! TSV columns: query, language, comma-separated relevant id prefixes, and optionally the country
//! of the citizen's municipality (`ch` or `de`), passed to the search as the portal passes the
//! chosen municipality's country; a language with a region (`de-CH`) gives the country too.
//! Without either the search sees no country. Misses are listed with
//! the top five. Also prints the index build time and per-query latency percentiles.

use catalog::model::Country;
use catalog::search::{SearchIndex, SearchQuery};
use catalog::synonyms::Synonyms;
use contract::Lang;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../../shared/data");
    // (file, summary only)
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    let mut summary_only = false;
    for arg in std::env::args().skip(1) {
        if arg == "--summary" {
            summary_only = true;
        } else {
            files.push((PathBuf::from(arg), summary_only));
        }
    }
    if files.is_empty() {
        files.push((
            root.join("../../shared/benchmarks/search-dev-queries.tsv"),
            false,
        ));
        files.push((root.join("data/search-heldout-queries.tsv"), false));
        files.push((root.join("data/search-probe-queries.tsv"), false));
        files.push((root.join("data/search-probe-queries-2.tsv"), false));
        files.push((root.join("data/search-probe-queries-3.tsv"), false));
        files.push((root.join("data/search-probe-queries-4.tsv"), false));
        files.push((root.join("data/search-probe-queries-5.tsv"), false));
        files.push((root.join("data/search-probe-queries-6.tsv"), false));
        files.push((root.join("data/search-probe-queries-7.tsv"), false));
        files.push((root.join("data/search-probe-queries-8.tsv"), false));
        files.push((root.join("data/search-fresh-queries.tsv"), true));
    }
    let started = Instant::now();
    let services = catalog::load_all_services(&data)?;
    let syn_a = std::fs::read_to_string(data.join("zh-lebenslagen-synonyms/synonyms_de-CH.json"))?;
    let syn_b = std::fs::read_to_string(data.join("zh-lebenslagen-synonyms/lebenslagen_zh.json"))?;
    let synonyms = Synonyms::from_sources([
        ("zh-synonyms", syn_a.as_str()),
        ("zh-lebenslagen", syn_b.as_str()),
    ])?;
    let n = services.len();
    let index = SearchIndex::build(services, &synonyms)?;
    println!(
        "index: {n} services, built in {} ms",
        started.elapsed().as_millis()
    );

    if let Ok(id) = std::env::var("TERMS") {
        let i = index
            .services()
            .iter()
            .rposition(|s| s.id == id)
            .expect("id");
        println!("{:?}", index.terms_of(i));
        return Ok(());
    }
    // LIST=1 prints every service variant: id, country, German and English title.
    if std::env::var("LIST").is_ok() {
        for s in index.services() {
            println!(
                "{}\t{:?}\t{}\t{}",
                s.id,
                s.country,
                s.title.de,
                s.title.get_or_de(Lang::En).0
            );
        }
        return Ok(());
    }
    if let Ok(q) = std::env::var("EXPLAIN") {
        let lang: Lang = std::env::var("LANG_Q")
            .ok()
            .and_then(|l| l.parse().ok())
            .unwrap_or_default();
        for (i, c) in index.explain(&q, lang).iter().enumerate() {
            println!("concept {i}: {:?}", &c[..c.len().min(12)]);
        }
        // COUNTRY=ch|de searches as from a municipality in that country.
        let country = match std::env::var("COUNTRY").as_deref() {
            Ok("ch") => Some(Country::Ch),
            Ok("de") => Some(Country::De),
            _ => None,
        };
        let hits = index.search(&SearchQuery {
            text: &q,
            lang,
            country,
            allowed: None,
            limit: 5,
        });
        for h in hits {
            let s = &index.services()[h.index];
            println!(
                "  {:.2} {} {:?} {}",
                h.score,
                s.id,
                s.country,
                s.title.get_or_de(lang).0
            );
        }
        return Ok(());
    }
    // RANKS=1 lists the queries found at rank 2–5 as well (not for summary-only files).
    let show_ranks = std::env::var("RANKS").is_ok();
    let mut latencies = Vec::new();
    for (file, summary_only) in files {
        let Ok(tsv) = std::fs::read_to_string(&file) else {
            println!("(skipping {}: not found)", file.display());
            continue;
        };
        let (mut total, mut success, mut rr) = (0usize, 0usize, 0f64);
        let mut misses = Vec::new();
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            // A language with a region ("de-CH") is that language spoken in that country.
            let (code, region) = f[1].split_once('-').unwrap_or((f[1], ""));
            let lang: Lang = code.parse().unwrap_or_default();
            let relevant: Vec<&str> = f[2].split(',').map(str::trim).collect();
            let country = match f.get(3).map_or(region, |c| c.trim()) {
                c if c.eq_ignore_ascii_case("ch") => Some(Country::Ch),
                c if c.eq_ignore_ascii_case("de") => Some(Country::De),
                _ => None,
            };
            let t = Instant::now();
            let hits = index.search(&SearchQuery {
                text: f[0],
                lang,
                country,
                allowed: None,
                limit: 10,
            });
            latencies.push(t.elapsed());
            let ids: Vec<&str> = hits
                .iter()
                .map(|h| index.services()[h.index].id.as_str())
                .collect();
            let rank = ids
                .iter()
                .position(|id| relevant.iter().any(|p| id.starts_with(p)));
            total += 1;
            if rank.is_some_and(|r| r < 5) {
                success += 1;
            } else {
                let top: Vec<String> = hits
                    .iter()
                    .take(5)
                    .map(|h| {
                        let s = &index.services()[h.index];
                        format!("{} {}", s.id, s.title.get_or_de(lang).0)
                    })
                    .collect();
                misses.push(format!(
                    "  MISS {:?} ({}) want {:?} rank {:?}\n     {}",
                    f[0],
                    f[1],
                    relevant,
                    rank.map(|r| r + 1),
                    top.join("\n     ")
                ));
            }
            if let Some(r) = rank {
                rr += 1.0 / (r as f64 + 1.0);
                if r > 0 && r < 5 && show_ranks {
                    misses.push(format!(
                        "  rank {} {:?} ({}): first {}",
                        r + 1,
                        f[0],
                        f[1],
                        ids.first().map_or("-", |v| v)
                    ));
                }
            }
        }
        println!("\n{}", file.display());
        if summary_only {
            println!("  (summary only: misses not shown)");
        } else {
            for m in &misses {
                println!("{m}");
            }
        }
        println!(
            "queries {total}  success@5 {:.3}  MRR@10 {:.3}",
            success as f64 / total.max(1) as f64,
            rr / total.max(1) as f64
        );
    }
    latencies.sort();
    if !latencies.is_empty() {
        let p =
            |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
        println!(
            "\nlatency per query: p50 {:?}  p99 {:?}  max {:?}",
            p(0.5),
            p(0.99),
            latencies.last().unwrap()
        );
    }
    Ok(())
}
