//! The judgment model, one behaviour per test: option fit, honest credit, telling
//! the customer, stars against the best possible, ending caps, the stable reply list.

mod lab_support;

use frontline::analysis::{best_possible, debrief, judge};
use frontline::engine::{RuleId, Rules, Run, satisfaction, stars};
use frontline::scenario::{Condition, Ending, Fit, Move, Reply, Scenario, parse_scenario};
use lab_support::{deltas, plain_rules, play, reply};

const BASE: &str = r#"Scenario(
    id: "lab", title: "Lab", summary: "A test bench.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ada Lane"], register: Neutral, fluency: Native, values: Detail, mood: 50),
    desk: [
        (id: "order", label: "Order", text: "On the desk from the start.", shown: true),
        (id: "scan", label: "Scan", text: "Found by a look-up."),
    ],
    options: [
        (id: "good", label: "A good fix"),
        (id: "fair", label: "A fair fix", fit: Fair),
        (id: "poor", label: "A generous fix that doesn't help", fit: Poor),
    ],
    start: "hub",
    nodes: {
        "hub": (say: ["Well?"], replies: [
            (text: "placeholder", moves: [Close], next: "done"),
            (text: "hand-off", moves: [Transfer], next: "gave-up"),
        ]),
        "done": (say: ["Thanks."], end: Resolved),
        "gave-up": (say: ["Forget it."], end: Transfer),
    },
)"#;

fn lab(replies: Vec<Reply>) -> Scenario {
    let (mut scenario, _) = parse_scenario("lab.ron", BASE).expect("lab scenario is valid");
    scenario.nodes.get_mut("hub").expect("hub").replies = replies;
    scenario
}

use Move::*;

#[test]
fn an_option_without_fit_is_good_so_old_files_keep_their_meaning() {
    let (scenario, _) = parse_scenario("lab.ron", BASE).unwrap();
    assert_eq!(scenario.option("good").unwrap().fit, Fit::Good);
    assert_eq!(scenario.option("poor").unwrap().fit, Fit::Poor);
}

#[test]
fn exploring_a_poor_option_costs_and_committing_to_it_costs_more() {
    let sc = lab(vec![
        reply("poor", vec![Explore("poor".into())], "hub"),
        reply("take it", vec![Commit("poor".into())], "done"),
    ]);
    let run = play(sc, plain_rules(), &["poor", "take it"]);
    assert_eq!(deltas(&run, RuleId::PoorOption), vec![-4]);
    assert_eq!(deltas(&run, RuleId::PoorCommitment), vec![-8]);
    assert!(deltas(&run, RuleId::OptionExplored).is_empty());
}

#[test]
fn only_fitting_options_count_toward_the_range() {
    let sc = lab(vec![
        reply("good", vec![Explore("good".into())], "hub"),
        reply("poor", vec![Explore("poor".into())], "hub"),
        reply("fair", vec![Explore("fair".into())], "hub"),
        reply("take it", vec![Commit("good".into())], "done"),
    ]);
    let with_poor = play(sc.clone(), plain_rules(), &["good", "poor", "take it"]);
    assert!(deltas(&with_poor, RuleId::RangeOfOptions).is_empty(), "a poor option is not a second option");
    let with_fair = play(sc, plain_rules(), &["good", "fair", "take it"]);
    assert_eq!(deltas(&with_fair, RuleId::RangeOfOptions), vec![6]);
}

#[test]
fn a_customer_in_a_hurry_rewards_a_prompt_good_commitment_over_a_long_list() {
    let mut sc = lab(vec![
        reply("good", vec![Explore("good".into())], "hub"),
        reply("fair", vec![Explore("fair".into())], "hub"),
        reply("take it", vec![Commit("good".into())], "done"),
    ]);
    sc.options.push(frontline::scenario::SolutionOption { id: "more".into(), label: "More".into(), fit: Fit::Fair });
    sc.nodes.get_mut("hub").unwrap().replies.push(reply("more", vec![Explore("more".into())], "hub"));
    sc.customer.values = frontline::scenario::Value::Speed;
    let rules = Rules::default();
    let prompt = play(sc.clone(), rules.clone(), &["good", "fair", "take it"]);
    let long = play(sc, rules, &["good", "fair", "more", "take it"]);
    assert_eq!(deltas(&prompt, RuleId::PromptCommitment), vec![5]);
    assert!(deltas(&long, RuleId::PromptCommitment).is_empty());
    assert!(prompt.state().mood > long.state().mood, "{} vs {}", prompt.state().mood, long.state().mood);
}

#[test]
fn a_scripted_reply_earns_no_acknowledgment_or_probe_credit() {
    let sc = lab(vec![reply("preamble", vec![Acknowledge, Probe, Scripted], "hub"), reply("end", vec![Close], "done")]);
    let run = play(sc, plain_rules(), &["preamble", "end"]);
    assert!(deltas(&run, RuleId::EarlyAcknowledgment).is_empty());
    assert!(deltas(&run, RuleId::Probe).is_empty());
    assert_eq!(deltas(&run, RuleId::NoAcknowledgment), vec![-6], "a stock preamble is no acknowledgment");
    assert_eq!(run.state().acknowledged_at, None);
}

#[test]
fn asking_for_what_the_desk_shows_costs_and_asking_for_the_unknown_is_a_question() {
    let sc = lab(vec![
        reply("number", vec![Ask("order".into())], "hub"),
        reply("what happened", vec![Ask("scan".into())], "hub"),
        reply("end", vec![Close], "done"),
    ]);
    let run = play(sc, plain_rules(), &["number", "what happened"]);
    assert_eq!(deltas(&run, RuleId::NeedlessQuestion), vec![-3]);
    assert_eq!(deltas(&run, RuleId::Probe), vec![1]);
    assert!(run.state().facts.contains("scan"), "the answer lands on the desk");
}

#[test]
fn a_look_up_is_for_the_agent_and_telling_is_for_the_customer() {
    let mut tell = reply("tell", vec![Tell("scan".into())], "hub");
    tell.when = vec![Condition::Knows("scan".into())];
    let mut react = reply("react", vec![Close], "done");
    react.when = vec![Condition::Told("scan".into())];
    let sc = lab(vec![reply("look", vec![LookUp("scan".into())], "hub"), tell, react]);
    let mut run = play(sc, plain_rules(), &["look"]);
    assert!(run.find_reply("react").is_err(), "the customer cannot react to a finding never told");
    run.pick("tell").unwrap();
    assert_eq!(deltas(&run, RuleId::KeptInformed), vec![2]);
    run.pick("tell").unwrap();
    assert_eq!(deltas(&run, RuleId::KeptInformed), vec![2], "telling the same fact again earns nothing");
    run.pick("react").unwrap();
    assert_eq!(run.state().ending, Some(Ending::Resolved));
}

#[test]
fn telling_a_fact_the_agent_does_not_know_earns_nothing() {
    let sc = lab(vec![reply("guess", vec![Tell("scan".into())], "hub"), reply("end", vec![Close], "done")]);
    let run = play(sc, plain_rules(), &["guess"]);
    assert!(deltas(&run, RuleId::KeptInformed).is_empty());
    assert!(run.state().told.is_empty());
}

#[test]
fn stars_measure_the_gap_to_the_best_possible_and_unsolved_endings_earn_one_at_most() {
    assert_eq!(stars(Some(Ending::Resolved), 75, Some(84)), 3);
    assert_eq!(stars(Some(Ending::Resolved), 70, Some(84)), 2);
    assert_eq!(stars(Some(Ending::Resolved), 60, Some(84)), 1);
    assert_eq!(stars(Some(Ending::Transfer), 84, Some(84)), 1);
    assert_eq!(stars(Some(Ending::Callback), 50, Some(84)), 0);
    assert_eq!(stars(Some(Ending::Walkout), 0, Some(84)), 0);
    assert_eq!(satisfaction(Some(Ending::Escalated), 95), 3);
    assert_eq!(satisfaction(Some(Ending::Resolved), 95), 5);
}

#[test]
fn a_transfer_is_reported_as_unsolved_whatever_the_mood() {
    let sc = lab(vec![
        reply("pass it on", vec![Acknowledge, Transfer], "gave-up"),
        reply("fix", vec![Commit("good".into())], "done"),
    ]);
    let run = play(sc, plain_rules(), &["pass it on"]);
    let d = debrief(&run);
    assert_eq!(d.ending, Some(Ending::Transfer));
    assert!(d.satisfaction <= 3);
    assert!(d.stars <= 1);
}

#[test]
fn the_debrief_states_the_best_possible_and_the_better_reply() {
    let sc = lab(vec![
        reply("helpful", vec![Acknowledge, Explore("good".into())], "hub"),
        reply("settle", vec![Commit("good".into())], "done"),
        reply("shrug", vec![Empathize], "hub"),
    ]);
    let run = play(sc, plain_rules(), &["shrug", "settle"]);
    let d = debrief(&run);
    let best = d.best_possible.expect("a resolved ending is reachable");
    assert!(best > d.final_mood);
    let better = d.steps[0].better.as_ref().expect("the shrug lowered the best outcome");
    assert_eq!(better.text, "helpful");
    assert_eq!(better.final_mood, best);
    assert_eq!(d.steps[0].reply, "shrug");
}

/// The best possible is computed from each run's own start, so the same picks earn
/// the same stars whatever the dice drew.
#[test]
fn the_same_picks_earn_the_same_stars_on_every_seed() {
    let mut sc = lab(vec![
        reply("ack", vec![Acknowledge, Explore("good".into())], "hub"),
        reply("fair", vec![Explore("fair".into())], "hub"),
        reply("settle", vec![Commit("good".into())], "done"),
    ]);
    sc.customer.mood = 30;
    sc.customer.mood_jitter = 10;
    for picks in [&["ack", "fair", "settle"][..], &["ack", "settle"], &["settle"]] {
        let stars: Vec<u8> = (0..20)
            .map(|seed| {
                let mut run = Run::new(sc.clone(), Rules::default(), seed);
                for p in picks {
                    run.pick(p).unwrap();
                }
                debrief(&run).stars
            })
            .collect();
        assert!(stars.iter().all(|&s| s == stars[0]), "{picks:?}: {stars:?}");
    }
    let starts: std::collections::BTreeSet<i32> =
        (0..20).map(|seed| Run::new(sc.clone(), Rules::default(), seed).start_mood()).collect();
    assert!(starts.len() > 3, "the dice did vary the start: {starts:?}");
}

#[test]
fn judging_a_run_finds_its_states_in_the_analysis() {
    let sc = lab(vec![reply("ack", vec![Acknowledge], "hub"), reply("settle", vec![Commit("good".into())], "done")]);
    let run = play(sc.clone(), plain_rules(), &["ack", "settle"]);
    let judgement = judge(&run);
    assert_eq!(judgement.better, vec![None, None], "both replies kept the best outcome");
    assert_eq!(judgement.best_possible, best_possible(&sc, &plain_rules(), run.start_mood()));
}

#[test]
fn the_reply_list_keeps_its_order_when_the_conversation_returns() {
    let sc = lab(vec![
        reply("one", vec![Close], "hub"),
        reply("two", vec![Close], "hub"),
        reply("three", vec![Close], "hub"),
        reply("four", vec![Close], "hub"),
        reply("end", vec![Close], "done"),
    ]);
    for seed in 0..10 {
        let mut run = Run::new(sc.clone(), plain_rules(), seed);
        let first: Vec<String> = run.replies().into_iter().map(|r| r.text).collect();
        run.pick("two").unwrap();
        let again: Vec<String> = run.replies().into_iter().map(|r| r.text).collect();
        assert_eq!(first, again, "seed {seed}");
    }
}
