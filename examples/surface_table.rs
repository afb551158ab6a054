//! The surface-strategy table for the bundled library as a trainee would meet it:
//! seeds 1–3 with the starting mood each seed draws, each run judged against the
//! best possible from its own start. `cargo run --release --example surface_table`.

use frontline::analysis::{Strategy, best_possible, play_strategy};
use frontline::engine::{Rules, stars};
use frontline::scenario::load_library;

fn main() {
    let rules = Rules::default();
    let library = load_library(&[]).library;
    let seeds = 1..=3u64;
    let mut best_sum = 0i64;
    let mut runs = 0i64;
    let mut per_strategy = vec![(0i64, 0i64); Strategy::ALL.len()];
    for loaded in &library.scenarios {
        let scenario = &loaded.scenario;
        for seed in seeds.clone() {
            let mut best = None;
            for (k, strategy) in Strategy::ALL.into_iter().enumerate() {
                let run = play_strategy(scenario, &rules, strategy, seed, None);
                let best = *best.get_or_insert_with(|| best_possible(scenario, &rules, run.start_mood()));
                let state = run.state();
                per_strategy[k].0 += i64::from(state.mood);
                per_strategy[k].1 += i64::from(stars(state.ending, state.mood, best) == 3);
            }
            best_sum += i64::from(best.flatten().unwrap_or(0));
            runs += 1;
        }
    }
    let best_mean = best_sum as f64 / runs as f64;
    println!(
        "{} scenarios x seeds 1-3 = {runs} runs per strategy; best-path mean {best_mean:.1}",
        library.scenarios.len()
    );
    println!("| strategy | mean final mood | below best | 3-star runs |");
    println!("|---|---|---|---|");
    for (strategy, (mood, three)) in Strategy::ALL.into_iter().zip(per_strategy) {
        let mean = mood as f64 / runs as f64;
        println!(
            "| {} | {mean:.1} | {:.1} | {three} of {runs} ({:.0}%) |",
            strategy.name(),
            best_mean - mean,
            100.0 * three as f64 / runs as f64
        );
    }
}
