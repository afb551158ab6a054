//! The exhaustive analysis on the bundled library (whatever it holds today): the
//! reference example has no errors, every path the analysis reports replays through a
//! real run to the reported result, and random play never leaves what it found.

use frontline::analysis::{analyze, best_possible};
use frontline::engine::{Rules, Run, stars};
use frontline::scenario::{Ending, Scenario, load_library};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

fn library() -> Vec<Scenario> {
    load_library(&[]).library.scenarios.into_iter().map(|l| l.scenario).collect()
}

/// The scenario as the analysis sees it: base mood, no jitter.
fn unjittered(scenario: &Scenario) -> Scenario {
    let mut sc = scenario.clone();
    sc.customer.mood_jitter = 0;
    sc
}

#[test]
fn the_reference_example_has_no_analysis_errors() {
    let text = include_str!("../docs/examples/late-parcel.ron");
    let sc = frontline::scenario::parse_scenario("late-parcel.ron", text).expect("the reference example loads").0;
    let a = analyze(&sc, &Rules::default());
    assert_eq!(a.error_count(), 0, "{:#?}", a.findings);
    assert!(!a.capped);
    assert!(a.states > 10);
}

#[test]
fn reported_paths_replay_to_the_reported_mood_and_ending() {
    let rules = Rules::default();
    for sc in library() {
        let a = analyze(&sc, &rules);
        for p in [&a.best, &a.worst, &a.research, &a.apology_heavy].into_iter().flatten() {
            let run = Run::replay(unjittered(&sc), rules.clone(), 1, &p.replies)
                .unwrap_or_else(|e| panic!("{}: {:?} does not replay: {e}", sc.id, p.picks));
            assert_eq!(run.state().ending, Some(p.ending), "{}: {:?}", sc.id, p.picks);
            assert_eq!(run.state().mood, p.mood, "{}: {:?}", sc.id, p.picks);
            assert_eq!(run.state().node, p.node, "{}", sc.id);
            assert_eq!(run.state().paid_apologies, p.paid_apologies, "{}", sc.id);
        }
        let best = a.best.as_ref().expect("every bundled scenario can end");
        let worst = a.worst.as_ref().expect("every bundled scenario can end");
        assert!(best.mood >= worst.mood);
    }
}

#[test]
fn random_play_stays_within_what_the_analysis_found() {
    let rules = Rules::default();
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    for sc in library() {
        let a = analyze(&sc, &rules);
        let endings: BTreeSet<(Ending, Option<String>)> =
            a.endings.iter().map(|e| (e.ending, e.node.clone())).collect();
        let (best, worst) = (a.best.as_ref().unwrap().mood, a.worst.as_ref().unwrap().mood);
        let sc0 = unjittered(&sc);
        for _ in 0..300 {
            let mut run = Run::new(sc0.clone(), rules.clone(), 1);
            let mut seen = vec![run.state().node.clone()];
            for _ in 0..200 {
                let replies = run.replies();
                if replies.is_empty() {
                    break;
                }
                let pick = replies[rng.random_range(0..replies.len())].index;
                let node = run.state().node.clone();
                assert!(
                    !a.unshown_replies.contains(&(node.clone(), pick)),
                    "{}: reply {pick} of {node} was shown but reported never shown",
                    sc.id
                );
                run.choose(pick).unwrap();
                seen.push(run.state().node.clone());
            }
            for node in &seen {
                assert!(!a.unreached_nodes.contains(node), "{}: {node} was reached but reported unreachable", sc.id);
            }
            let Some(ending) = run.state().ending else {
                // Only a trap can keep a conversation going this long.
                assert!(!a.traps.is_empty(), "{}: 200 replies and no ending, but no trap reported", sc.id);
                continue;
            };
            let node = sc0.node(&run.state().node).filter(|n| n.end.is_some()).map(|_| run.state().node.clone());
            assert!(endings.contains(&(ending, node.clone())), "{}: {ending:?} at {node:?} not reported", sc.id);
            let mood = run.state().mood;
            assert!((worst..=best).contains(&mood), "{}: mood {mood} outside {worst}..={best}", sc.id);
        }
    }
}

/// Every starting mood the dice can draw for a scenario.
fn possible_starts(scenario: &Scenario) -> std::ops::RangeInclusive<i32> {
    let (mood, jitter) = (scenario.customer.mood, scenario.customer.mood_jitter.max(0));
    (mood - jitter).max(1)..=(mood + jitter).min(100)
}

/// Stars are measured against the best possible from the run's own start, so 3 stars
/// are within reach whatever the dice draw: from every possible start of every
/// bundled scenario a resolved ending can be reached, and the best path there earns 3.
#[test]
fn three_stars_are_reachable_in_every_scenario_from_every_start() {
    let rules = Rules::default();
    for sc in library() {
        for start in possible_starts(&sc) {
            let best = best_possible(&sc, &rules, start);
            let best = best.unwrap_or_else(|| panic!("{}: no resolved ending from start {start}", sc.id));
            assert_eq!(stars(Some(Ending::Resolved), best, Some(best)), 3);
        }
    }
}

/// The same picks earn the same stars on every seed: each scenario's research path
/// and apology path, played on 20 seeds, judged by the analysis.
#[test]
fn the_same_picks_earn_the_same_stars_on_twenty_seeds() {
    let rules = Rules::default();
    for sc in library() {
        let best: std::collections::HashMap<i32, Option<i32>> =
            possible_starts(&sc).map(|start| (start, best_possible(&sc, &rules, start))).collect();
        for test in sc.tests.iter().filter(|t| t.kind != frontline::scenario::TestKind::Other) {
            let mut seen = BTreeSet::new();
            for seed in 1..=20 {
                let mut run = Run::new(sc.clone(), rules.clone(), seed);
                // A path can depend on the mood (a branch), so a seed whose start
                // takes it elsewhere is not the same picks.
                if test.picks.iter().any(|p| run.pick(p).is_err()) {
                    continue;
                }
                let state = run.state();
                seen.insert(stars(state.ending, state.mood, best[&run.start_mood()]));
            }
            assert!(seen.len() <= 1, "{} \"{}\": stars {seen:?} across seeds", sc.id, test.name);
            assert_eq!(seen.len(), 1, "{} \"{}\" played on no seed", sc.id, test.name);
        }
    }
}
