//! The exhaustive analysis on small hand-written scenarios: each passes validation
//! (the structure is fine), and only exploring the states shows the problem.

use frontline::analysis::{Limits, Place, analyze, analyze_with, check_scenario};
use frontline::engine::Rules;
use frontline::scenario::{Ending, Scenario, Severity, parse_scenario};

fn parse(text: &str) -> Scenario {
    match parse_scenario("test.ron", text) {
        Ok((scenario, _)) => scenario,
        Err(diagnostics) => panic!("the fixture must pass validation: {diagnostics:#?}"),
    }
}

/// Phone, a Speed customer at mood 50: only rules without a Speed factor fire below.
const TINY: &str = r#"Scenario(
    id: "tiny", title: "Tiny", summary: "Two replies.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 50),
    options: [(id: "a", label: "Fix it")],
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "I'm on it.", moves: [Acknowledge], next: "fix"),
            (text: "Hmm.", moves: [Close], next: "fix"),
            (text: "Ugh, Mondays.", moves: [Close], mood: -10, next: "fix"),
        ]),
        "fix": (say: ["So?"], replies: [
            (text: "Done.", moves: [Commit("a")], next: "done"),
            (text: "Not my problem.", moves: [DeflectToCustomer], next: "gone"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
        "gone": (say: ["Bye."], end: Unresolved),
    },
)"#;

#[test]
fn best_and_worst_moods_and_their_paths_are_exact_for_a_tiny_scenario() {
    let a = analyze(&parse(TINY), &Rules::default());
    // open 50; "I'm on it." +6 (quick acknowledgment) = 56; "Done." +8 (first contact) = 64.
    let best = a.best.expect("some ending is reachable");
    assert_eq!((best.mood, best.ending, best.node.as_str()), (64, Ending::Resolved, "done"));
    assert_eq!(best.picks, ["I'm on it.", "Done."]);
    assert_eq!(best.replies, [0, 0]);
    // "Ugh, Mondays." -10 = 40; "Not my problem." -8 (deflect) and -6 (never acknowledged) = 26.
    let worst = a.worst.expect("some ending is reachable");
    assert_eq!((worst.mood, worst.ending, worst.node.as_str()), (26, Ending::Unresolved, "gone"));
    assert_eq!(worst.picks, ["Ugh, Mondays.", "Not my problem."]);
    // The start, three states at "fix" (two differ only in mood), six end states.
    assert_eq!(a.states, 10);
    let endings: Vec<_> = a.endings.iter().map(|e| (e.ending, e.node.as_deref(), e.worst_mood, e.best_mood)).collect();
    assert_eq!(endings, [(Ending::Resolved, Some("done"), 42, 64), (Ending::Unresolved, Some("gone"), 26, 48)]);
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
}

#[test]
fn the_best_path_is_the_shortest_of_those_with_the_best_mood() {
    // A detour through "chat" ends at the same mood, one reply later.
    let text = TINY.replace(
        r#"(text: "Hmm.", moves: [Close], next: "fix"),"#,
        r#"(text: "Hmm.", moves: [Close], next: "fix"),
            (text: "Lovely weather.", moves: [Acknowledge], next: "chat"),"#,
    );
    let text = text.replace(
        r#""done": (say"#,
        r#""chat": (say: ["Is it?"], replies: [(text: "Anyway.", moves: [Close], next: "fix")]),
        "done": (say"#,
    );
    let a = analyze(&parse(&text), &Rules::default());
    let best = a.best.expect("reachable");
    assert_eq!(best.mood, 64);
    assert_eq!(best.picks, ["I'm on it.", "Done."]);
}

#[test]
fn a_node_that_no_reachable_state_gets_to_is_an_error_at_the_node() {
    // "secret" is linked, but only from a reply that needs a mood the customer never has.
    let text = r#"Scenario(
    id: "unreachable", title: "U", summary: "S.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 40),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "On it.", moves: [Acknowledge], next: "done"),
            (text: "Delighted to hear from you!", when: [MoodAtLeast(90)], moves: [Close], next: "secret"),
        ]),
        "secret": (say: ["Psst."], replies: [(text: "Done.", moves: [Close], next: "done")]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let sc = parse(text);
    let report = check_scenario(&sc, &Rules::default(), "unreachable.ron", text, false);
    assert_eq!(report.analysis.unreached_nodes, ["secret"]);
    assert_eq!(report.analysis.unshown_replies, [("open".to_string(), 1)]);
    let errors: Vec<String> = report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(
        errors.iter().any(|e| e.starts_with("unreachable.ron:10:9: node \"secret\" is never reached")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("unreachable.ron:8:13: reply 2 of node \"open\"")
            && e.contains("never shown")
            && e.contains("MoodAtLeast(90)")),
        "{errors:#?}"
    );
}

#[test]
fn a_reply_whose_fact_is_only_learnt_later_is_never_shown() {
    // "x" can only be looked up in "middle", after "open", and "open" is never revisited.
    let text = r#"Scenario(
    id: "later", title: "L", summary: "S.", track: "test", difficulty: 1, channel: Chat,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Detail, mood: 50),
    desk: [(id: "x", label: "X", text: "The answer.")],
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "Let me see.", moves: [Acknowledge], next: "middle"),
            (text: "As the record says, it's fixed.", when: [Knows("x")], moves: [Close], next: "done"),
        ]),
        "middle": (say: ["Well?"], replies: [(text: "Looking it up.", moves: [LookUp("x")], next: "done")]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let sc = parse(text);
    let report = check_scenario(&sc, &Rules::default(), "later.ron", text, false);
    assert_eq!(report.analysis.unshown_replies, [("open".to_string(), 1)]);
    assert!(report.analysis.unreached_nodes.is_empty());
    let d = report.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(d.pos, Some((9, 13)));
    assert!(d.message.contains("Knows(\"x\")") && d.message.contains("never holds"), "{}", d.message);
}

#[test]
fn a_loop_whose_only_exit_needs_a_flag_this_path_never_set_is_a_trap() {
    // Structurally "spin" can leave (validation passes), but not after "Hold on.".
    let text = r#"Scenario(
    id: "trap", title: "T", summary: "S.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 50),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "Let me get the form ready.", moves: [Acknowledge], set: ["ready"], next: "spin"),
            (text: "Hold on.", moves: [Probe], next: "spin"),
        ]),
        "spin": (say: ["And?"], replies: [
            (text: "Still looking.", moves: [Close], next: "spin"),
            (text: "Here's the form, all done.", when: [Flag("ready")], moves: [Close], next: "done"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let sc = parse(text);
    let report = check_scenario(&sc, &Rules::default(), "trap.ron", text, false);
    let traps = &report.analysis.traps;
    assert_eq!(traps.len(), 1, "{traps:#?}");
    assert_eq!(traps[0].node, "spin");
    assert_eq!(traps[0].picks, ["Hold on."]);
    assert_eq!(traps[0].loop_nodes, ["spin"]);
    assert!(traps[0].stuck_at.is_empty());
    let d = report.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(d.pos, Some((10, 9)), "{d}");
    assert!(d.message.contains("loop with no way out") && d.message.contains("\"Hold on.\""), "{}", d.message);
}

#[test]
fn a_conversation_left_with_no_reply_available_is_reported_as_stuck() {
    // After the one-time "One moment." the only way on needs a flag this path never set.
    let text = r#"Scenario(
    id: "stuck", title: "S", summary: "S.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 50),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "Sure.", moves: [Acknowledge], set: ["ready"], next: "wait"),
            (text: "Hmm.", moves: [Close], next: "wait"),
        ]),
        "wait": (say: ["And?"], replies: [
            (text: "One moment.", moves: [Consult], once: true, next: "wait"),
            (text: "Done.", when: [Flag("ready")], moves: [Close], next: "done"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let a = analyze(&parse(text), &Rules::default());
    assert_eq!(a.traps.len(), 1, "{:#?}", a.traps);
    assert_eq!(a.traps[0].stuck_at, ["wait"]);
    assert_eq!(a.traps[0].picks, ["Hmm."]);
    assert!(a.findings.iter().any(|f| f.message.contains("stuck at \"wait\" with no reply available")));
}

#[test]
fn a_node_always_left_by_its_branch_never_speaks() {
    let text = r#"Scenario(
    id: "router", title: "R", summary: "S.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 50),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [(text: "On it.", moves: [Acknowledge], next: "router")]),
        "router": (say: ["..."], branch: [(when: [MoodAtLeast(10)], goto: "done")], replies: [
            (text: "Never offered.", moves: [Close], next: "done"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let a = analyze(&parse(text), &Rules::default());
    assert_eq!(a.passed_through_nodes, ["router"]);
    assert!(a.unreached_nodes.is_empty());
    assert!(a.findings.iter().any(|f| f.place == Place::Node("router".into()) && f.message.contains("never speaks")));
}

#[test]
fn the_engines_walkout_at_mood_zero_is_an_ending() {
    let text = r#"Scenario(
    id: "walkout", title: "W", summary: "S.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 5),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "On it.", moves: [Acknowledge], next: "done"),
            (text: "Call the courier yourself.", moves: [DeflectToCustomer], next: "done"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let a = analyze(&parse(text), &Rules::default());
    let walkout = a.endings.iter().find(|e| e.ending == Ending::Walkout).expect("a walkout");
    assert_eq!((walkout.node.as_deref(), walkout.best_mood), (None, 0));
    let worst = a.worst.expect("reachable");
    assert_eq!((worst.ending, worst.mood, worst.node.as_str()), (Ending::Walkout, 0, "open"));
}

#[test]
fn hitting_the_state_limit_is_a_warning_not_a_hang_or_a_false_error() {
    let a = analyze_with(&parse(TINY), &Rules::default(), Limits { max_states: 3, ..Limits::default() });
    assert!(a.capped);
    assert_eq!(a.states, 3);
    assert_eq!(a.error_count(), 0);
    let stopped = "the analysis stopped at its limit (the most states it explores) after 3 states";
    assert!(a.findings.iter().any(|f| f.severity == Severity::Warning && f.message.contains(stopped)));
}

/// One node whose replies each set a flag of their own, offered while it is unset:
/// 2^flags states, each with every filler reply to look at. States alone bound
/// nothing here; the work and memory budgets do.
#[test]
fn a_flag_explosion_stops_at_the_work_or_memory_limit_and_says_what_it_explored() {
    let text = frontline::analysis::flag_explosion(16, 200);
    let scenario = parse(&text);
    let a = analyze_with(&scenario, &Rules::default(), Limits { max_work: 2_000_000, ..Limits::default() });
    assert!(a.capped);
    let stopped = a.stopped.as_ref().expect("a reason");
    assert_eq!(stopped.limit, "work");
    assert!(stopped.states < 65_536, "{stopped:?}");
    assert!(a.findings.iter().any(|f| f.message.contains("the most work it does") && f.message.contains("states")));

    let a = analyze_with(&scenario, &Rules::default(), Limits { max_bytes: 1024 * 1024, ..Limits::default() });
    assert_eq!(a.stopped.as_ref().map(|s| s.limit), Some("memory"));
}

#[test]
fn an_apology_loop_that_only_a_walkout_ends_is_finite_and_no_trap() {
    // Each apology costs more than the last, so the loop ends when the customer walks out.
    let text = r#"Scenario(
    id: "sorry", title: "S", summary: "S.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 100),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "So sorry.", moves: [Apologize], next: "open"),
            (text: "On it.", moves: [Acknowledge], next: "done"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let a = analyze(&parse(text), &Rules::default());
    assert!(!a.capped && a.traps.is_empty(), "{:#?}", a.findings);
    let heavy = a.apology_heavy.expect("an apology path");
    assert_eq!(heavy.ending, Ending::Walkout);
    assert!(heavy.paid_apologies >= 7, "{heavy:#?}");
    assert_eq!(heavy.picks.len() as u32, heavy.paid_apologies + 1);
}

#[test]
fn free_apologies_under_tuned_rules_cannot_make_the_search_hang() {
    // A trainer's rules where apologies cost nothing: "So sorry." loops with no change.
    let mut rules = Rules::default();
    rules.apology.first_cost = 0;
    rules.apology.step = 0;
    let text = r#"Scenario(
    id: "free", title: "F", summary: "S.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 60),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], replies: [
            (text: "So sorry.", moves: [Apologize], next: "open"),
            (text: "On it.", moves: [Acknowledge], next: "done"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;
    let a = analyze(&parse(text), &rules);
    assert!(!a.capped && a.traps.is_empty(), "{:#?}", a.findings);
    assert!(a.states < 20, "{} states", a.states);
    assert!(a.apology_heavy.is_some_and(|p| p.paid_apologies >= 1));
}

#[test]
fn an_unvalidated_scenario_with_dangling_names_is_analysed_without_panicking() {
    let mut sc = parse(TINY);
    sc.nodes.get_mut("fix").expect("fix").replies[1].next = "nowhere".into();
    let a = analyze(&sc, &Rules::default());
    assert!(a.traps.iter().any(|t| t.stuck_at == ["nowhere"]), "{:#?}", a.traps);
    sc.start = "missing".into();
    let a = analyze(&sc, &Rules::default());
    assert_eq!(a.states, 1);
    assert!(a.best.is_none());
    assert!(a.unreached_nodes.len() >= 3);
}

/// The start is drawn from mood ± jitter: an ending only a low draw reaches is
/// reachable, not an error, and shows among the endings.
const JITTERY: &str = r#"Scenario(
    id: "jittery", title: "Jittery", summary: "Mood decides the start.", track: "test", difficulty: 1,
    channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 32, mood_jitter: 4),
    start: "open",
    nodes: {
        "open": (say: ["Hi."], branch: [(when: [MoodBelow(30)], goto: "cross")], replies: [
            (text: "On it.", moves: [Acknowledge], next: "done"),
        ]),
        "cross": (say: ["I am fuming."], replies: [(text: "Let me fix it.", moves: [Acknowledge], next: "gone")]),
        "done": (say: ["Thanks."], end: Resolved),
        "gone": (say: ["Whatever."], end: Unresolved),
    },
)"#;

#[test]
fn every_starting_mood_the_jitter_can_draw_is_explored() {
    let sc = parse(JITTERY);
    let a = analyze(&sc, &Rules::default());
    assert_eq!(a.error_count(), 0, "{:#?}", a.findings);
    let endings: Vec<Ending> = a.endings.iter().map(|e| e.ending).collect();
    assert!(endings.contains(&Ending::Unresolved), "{endings:?}");
    // Paths still come from the base mood, so they replay with any seed's base.
    assert_eq!(a.best.expect("an ending").mood, 32 + 6 + 8);

    let mut steady = sc;
    steady.customer.mood_jitter = 0;
    let a = analyze(&steady, &Rules::default());
    assert!(a.unreached_nodes.contains(&"cross".to_string()), "{:?}", a.unreached_nodes);
}
