//! `frontline check` speed: the whole bundled library (validation, exhaustive
//! analysis, scenario tests, research and surface lints), the analysis of a
//! generated 2,000-node scenario, and the worst case a valid file can pose (the
//! analysis budget stops it). Targets on one core: library < 0.5 s, 2,000 nodes
//! < 5 s, worst case < 10 s and 500 MB.
//!
//! Run with `cargo bench --bench check`; it takes about half a minute.

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use frontline::analysis::{analyze, check_scenario, check_sources, flag_explosion, generate_scenario};
use frontline::engine::Rules;
use frontline::scenario::{bundled_sources, parse_scenario};
use std::hint::black_box;
use std::time::Duration;

/// The seed of the generated scenario measured: the median of seeds 0 to 11 by
/// state count (about 525,000 states with both ends of the mood jitter explored;
/// the others range from 290,000 to 850,000).
const SEED: u64 = 4;

fn bundled_library(c: &mut Criterion) {
    let rules = Rules::default();
    let check = || check_sources(bundled_sources().into_iter().map(|s| (s, true)).collect(), Vec::new(), &[], &rules);
    let report = check();
    let states: usize = report.scenarios.iter().map(|s| s.analysis.states).sum();
    eprintln!(
        "bundled library: {} scenarios, {states} states, {} error(s), {} warning(s)",
        report.scenarios.len(),
        report.error_count(),
        report.warning_count()
    );
    let mut group = c.benchmark_group("check");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    group.bench_function("bundled library", |b| b.iter(|| black_box(check())));
    group.finish();
}

fn generated_2000_nodes(c: &mut Criterion) {
    let rules = Rules::default();
    let scenario = generate_scenario(2000, SEED);
    let analysis = analyze(&scenario, &rules);
    eprintln!(
        "generated scenario: {} nodes, seed {SEED}, {} states, capped: {}",
        scenario.nodes.len(),
        analysis.states,
        analysis.capped
    );
    let mut group = c.benchmark_group("analyze");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(10));
    group.bench_function("generated 2000 nodes", |b| b.iter(|| black_box(analyze(&scenario, &rules))));
    group.finish();
}

/// The worst case a valid file can pose: 2^20 flag states with 300 filler replies
/// each (about 18 KB). The work budget stops it; target: under 10 s and 500 MB.
fn worst_case(c: &mut Criterion) {
    let rules = Rules::default();
    let text = flag_explosion(20, 300);
    let (scenario, _) = parse_scenario("flags.ron", &text).expect("the worst case is a valid file");
    let report = check_scenario(&scenario, &rules, "flags.ron", &text, false);
    eprintln!(
        "worst case: {} bytes, {} states, stopped: {:?}",
        text.len(),
        report.analysis.states,
        report.analysis.stopped.as_ref().map(|s| s.describe())
    );
    let mut group = c.benchmark_group("check");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(20));
    group.bench_function("worst case: 20 flags x 300 fillers", |b| {
        b.iter(|| black_box(check_scenario(&scenario, &rules, "flags.ron", &text, false)))
    });
    group.finish();
}

criterion_group!(benches, bundled_library, generated_2000_nodes, worst_case);
criterion_main!(benches);
