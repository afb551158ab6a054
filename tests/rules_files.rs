//! Rules files are shared by trainers and untrusted: each file in tests/broken_rules/
//! states the one error it must get (`// expect: LINE:COL: text`), and the binary
//! reports it instead of playing with nonsense weights.

use frontline::engine::{RuleId, Rules};
use frontline::scenario::{Value, load_library};
use std::path::Path;

#[test]
fn every_broken_rules_file_is_refused_at_the_right_place() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken_rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 8);
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text.lines().find_map(|l| l.strip_prefix("// expect: ")).expect("an expectation");
        let err = Rules::parse(&name, &text).expect_err(&name).to_string();
        assert_eq!(err, format!("{name}:{expect}"));

        let out = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(["--rules", &name, "run", "wrong-door"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(expect), "{name}");
    }
}

#[test]
fn the_bundled_rules_pass_their_own_checks() {
    let rules = Rules::default();
    assert_eq!(Rules::parse("copy", &rules_text()).unwrap(), rules);
}

fn rules_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine/default_rules.ron")).unwrap()
}

/// The largest weights and times a valid file allows cannot overflow the engine, even
/// at the end of a conversation that has run for billions of replies (debug builds
/// panic on overflow, so this fails loudly if any sum is unguarded).
#[test]
fn the_extremes_a_valid_file_allows_never_overflow() {
    use frontline::engine::{RunState, apply_reply, enter_node};
    let text = rules_text()
        .replace("first_cost: 4, step: 2, wasted_minutes: 1", "first_cost: 100, step: 100, wasted_minutes: 10080")
        .replace(
            "Phone: (default_minutes: 1, expected_minutes: 3)",
            "Phone: (default_minutes: 10080, expected_minutes: 1)",
        );
    let rules = Rules::parse("extreme", &text).expect("within the limits");
    let library = load_library(&[]).library;
    let scenario = library.get("welcome-desk").unwrap().scenario.clone();
    let mut state = RunState::start(&scenario, 50);
    let _ = enter_node(&scenario, &rules, &mut state, &scenario.start);
    state.turn = u32::MAX;
    state.clock = u32::MAX - 1;
    state.apologies = u32::MAX;
    state.paid_apologies = u32::MAX;
    state.tone_slips = u32::MAX;
    state.slow_replies = u32::MAX;
    state.empty_empathy = u32::MAX;
    let node = scenario.node(&state.node).unwrap();
    let sorry = node.replies.iter().position(|r| r.moves.contains(&frontline::scenario::Move::Apologize)).unwrap();
    let changes = apply_reply(&scenario, &rules, &mut state, sorry);
    assert!(!changes.is_empty());
    assert!((0..=100).contains(&state.mood));
    assert_eq!(state.clock, u32::MAX);
    assert!(rules.weight(RuleId::ExtraApology, Value::Brevity, i32::MIN) <= 0);
}
