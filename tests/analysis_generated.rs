//! The generated large scenarios the benchmarks use: valid, the size asked for, and
//! analysed within the state cap with nothing to report.

use frontline::analysis::{DEFAULT_MAX_STATES, analyze, generate_scenario};
use frontline::engine::{Rules, Run};
use frontline::scenario::{Scenario, validate};

fn ron_text(sc: &Scenario) -> String {
    ron::ser::to_string_pretty(sc, ron::ser::PrettyConfig::default()).expect("a scenario serialises")
}

fn assert_valid(sc: &Scenario) {
    let text = ron_text(sc);
    let diagnostics = validate(sc, "generated.ron", &text);
    assert!(diagnostics.is_empty(), "{:#?}", &diagnostics[..diagnostics.len().min(5)]);
}

#[test]
fn generated_scenarios_have_the_size_asked_for_and_validate() {
    for nodes in (10..=80).chain([150, 333]) {
        let sc = generate_scenario(nodes, nodes as u64);
        assert_eq!(sc.nodes.len(), nodes);
        assert_valid(&sc);
    }
    assert_eq!(generate_scenario(3, 1).nodes.len(), 10, "the smallest shape has 10 nodes");
}

#[test]
fn generated_scenarios_are_the_same_for_the_same_seed() {
    assert_eq!(generate_scenario(200, 9), generate_scenario(200, 9));
    assert_ne!(generate_scenario(200, 9), generate_scenario(200, 10));
}

#[test]
fn small_generated_scenarios_analyse_cleanly_and_their_best_path_replays() {
    let rules = Rules::default();
    for seed in 0..6 {
        let sc = generate_scenario(60, seed);
        let a = analyze(&sc, &rules);
        assert!(!a.capped);
        assert!(a.findings.is_empty(), "seed {seed}: {:#?}", &a.findings[..a.findings.len().min(5)]);
        let best = a.best.expect("an ending is reachable");
        let mut unjittered = sc.clone();
        unjittered.customer.mood_jitter = 0;
        let run = Run::replay(unjittered, rules.clone(), 1, &best.replies).expect("the best path replays");
        assert_eq!(run.state().mood, best.mood);
    }
}

#[test]
fn a_generated_2000_node_scenario_validates_and_analyses_within_the_cap() {
    let sc = generate_scenario(2000, 4);
    assert_eq!(sc.nodes.len(), 2000);
    assert_valid(&sc);
    let a = analyze(&sc, &Rules::default());
    assert!(!a.capped);
    assert!(a.states > 10_000 && a.states < DEFAULT_MAX_STATES, "{} states", a.states);
    assert_eq!(a.error_count(), 0, "{:#?}", &a.findings[..a.findings.len().min(5)]);
    assert!(a.endings.len() >= 5, "{:#?}", a.endings);
}
