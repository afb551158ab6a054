//! The engine's rules, one behaviour per test, on a tiny scenario whose single hub
//! node offers one reply per move list under test.

mod lab_support;

use frontline::engine::{RuleId, Rules, Run};
use frontline::scenario::{Ending, Move, Scenario, parse_scenario};
use lab_support::{deltas, plain_rules, play, reply};

const BASE: &str = r#"Scenario(
    id: "lab", title: "Lab", summary: "A test bench.", track: "test", difficulty: 1, channel: Phone,
    customer: (names: ["Ada Lane"], register: Neutral, fluency: Native, values: Detail, mood: 50),
    desk: [(id: "f1", label: "Fact one", text: "One."), (id: "f2", label: "Fact two", text: "Two.")],
    options: [(id: "a", label: "Option A"), (id: "b", label: "Option B"), (id: "c", label: "Option C")],
    start: "hub",
    nodes: {
        "hub": (say: ["Well?"], replies: [(text: "placeholder", moves: [Close], next: "done")]),
        "done": (say: ["Thanks."], end: Resolved),
    },
)"#;

/// The lab scenario whose hub offers `replies`: (text, moves, next).
fn lab(replies: &[(&str, Vec<Move>, &str)]) -> Scenario {
    let (mut scenario, _) = parse_scenario("lab.ron", BASE).expect("lab scenario is valid");
    let hub = scenario.nodes.get_mut("hub").expect("hub");
    hub.replies = replies.iter().map(|(text, moves, next)| reply(text, moves.clone(), next)).collect();
    scenario
}

use Move::*;

#[test]
fn acknowledging_in_the_first_reply_earns_the_early_bonus() {
    let sc = lab(&[("ack", vec![Acknowledge], "hub"), ("end", vec![Close], "done")]);
    let run = play(sc, plain_rules(), &["ack"]);
    assert_eq!(deltas(&run, RuleId::EarlyAcknowledgment), vec![6]);
    assert_eq!(run.state().mood, 56);
}

#[test]
fn acknowledging_in_the_second_reply_is_neither_rewarded_nor_penalised() {
    let sc = lab(&[("ack", vec![Acknowledge], "hub"), ("wait", vec![Close], "hub")]);
    let run = play(sc, plain_rules(), &["wait", "ack"]);
    assert!(deltas(&run, RuleId::EarlyAcknowledgment).is_empty());
    assert!(deltas(&run, RuleId::LateAcknowledgment).is_empty());
}

#[test]
fn acknowledging_late_costs_mood() {
    let sc = lab(&[("ack", vec![Acknowledge], "hub"), ("wait", vec![Close], "hub")]);
    let run = play(sc, plain_rules(), &["wait", "wait", "ack"]);
    assert_eq!(deltas(&run, RuleId::LateAcknowledgment), vec![-4]);
}

#[test]
fn acknowledging_twice_counts_once() {
    let sc = lab(&[("ack", vec![Acknowledge], "hub")]);
    let run = play(sc, plain_rules(), &["ack", "ack", "ack"]);
    assert_eq!(deltas(&run, RuleId::EarlyAcknowledgment), vec![6]);
    assert!(deltas(&run, RuleId::LateAcknowledgment).is_empty());
}

#[test]
fn never_acknowledging_costs_mood_at_the_end() {
    let sc = lab(&[("end", vec![Close], "done")]);
    let run = play(sc, plain_rules(), &["end"]);
    assert_eq!(deltas(&run, RuleId::NoAcknowledgment), vec![-6]);
}

#[test]
fn the_opening_apology_is_free() {
    let sc = lab(&[("sorry", vec![Acknowledge, Apologize], "hub")]);
    let run = play(sc, plain_rules(), &["sorry"]);
    assert!(deltas(&run, RuleId::ExtraApology).is_empty());
    assert_eq!(run.state().apologies, 1);
}

#[test]
fn a_double_apology_in_the_opening_pays_for_the_second() {
    let sc = lab(&[("sorry", vec![Apologize, Apologize], "hub")]);
    let run = play(sc, plain_rules(), &["sorry"]);
    assert_eq!(deltas(&run, RuleId::ExtraApology), vec![-4]);
}

#[test]
fn each_later_apology_costs_more_than_the_last_and_at_least_four() {
    let sc = lab(&[("sorry", vec![Apologize], "hub"), ("wait", vec![Close], "hub")]);
    let run = play(sc, plain_rules(), &["wait", "sorry", "sorry", "sorry"]);
    let costs = deltas(&run, RuleId::ExtraApology);
    assert_eq!(costs, vec![-4, -6, -8]);
    assert!(costs.windows(2).all(|w| w[1] < w[0]));
}

#[test]
fn extra_apologies_waste_time() {
    let sc = lab(&[("sorry", vec![Apologize], "hub"), ("wait", vec![Close], "hub")]);
    let sorry = play(sc.clone(), plain_rules(), &["wait", "sorry"]);
    let plain = play(sc, plain_rules(), &["wait", "wait"]);
    assert_eq!(sorry.state().clock, plain.state().clock + 1);
}

#[test]
fn each_new_option_raises_mood_once() {
    let sc = lab(&[("a", vec![Explore("a".into())], "hub"), ("b", vec![Explore("b".into())], "hub")]);
    let run = play(sc, plain_rules(), &["a", "a", "b"]);
    assert_eq!(deltas(&run, RuleId::OptionExplored), vec![4, 4]);
}

#[test]
fn a_range_of_options_before_committing_earns_a_bonus_that_grows() {
    let replies = [
        ("a", vec![Explore("a".into())], "hub"),
        ("b", vec![Explore("b".into())], "hub"),
        ("c", vec![Explore("c".into())], "hub"),
        ("go", vec![Commit("a".into())], "done"),
    ];
    let one = play(lab(&replies), plain_rules(), &["a", "go"]);
    let two = play(lab(&replies), plain_rules(), &["a", "b", "go"]);
    let three = play(lab(&replies), plain_rules(), &["a", "b", "c", "go"]);
    assert!(deltas(&one, RuleId::RangeOfOptions).is_empty());
    assert_eq!(deltas(&two, RuleId::RangeOfOptions), vec![6]);
    assert_eq!(deltas(&three, RuleId::RangeOfOptions), vec![9]);
    // A range is clearly worth more than a single option.
    assert!(two.state().mood - one.state().mood >= 10);
}

#[test]
fn empathy_without_action_after_the_opening_costs_mood() {
    let sc = lab(&[("feel", vec![Empathize], "hub"), ("feel and look", vec![Empathize, LookUp("f1".into())], "hub")]);
    let opening = play(sc.clone(), plain_rules(), &["feel"]);
    assert!(deltas(&opening, RuleId::EmptyEmpathy).is_empty());
    let later = play(sc.clone(), plain_rules(), &["feel", "feel"]);
    assert_eq!(deltas(&later, RuleId::EmptyEmpathy), vec![-4]);
    let with_action = play(sc, plain_rules(), &["feel", "feel and look"]);
    assert!(deltas(&with_action, RuleId::EmptyEmpathy).is_empty());
}

#[test]
fn hand_offs_and_legwork_cost_mood_and_extra_mile_earns_it_once() {
    let sc = lab(&[
        ("transfer", vec![Transfer], "hub"),
        ("callback", vec![Callback], "hub"),
        ("deflect", vec![DeflectToCustomer], "hub"),
        ("escalate", vec![Escalate], "hub"),
        ("extra", vec![ExtraMile], "hub"),
    ]);
    let run = play(sc, plain_rules(), &["transfer", "callback", "deflect", "escalate", "extra", "extra"]);
    assert_eq!(deltas(&run, RuleId::Transfer), vec![-10]);
    assert_eq!(deltas(&run, RuleId::Callback), vec![-6]);
    assert_eq!(deltas(&run, RuleId::Deflect), vec![-8]);
    assert_eq!(deltas(&run, RuleId::Escalate), vec![-3]);
    assert_eq!(deltas(&run, RuleId::ExtraMile), vec![5]);
}

#[test]
fn looking_up_a_fact_pays_once_and_shows_it_on_the_desk() {
    let sc = lab(&[("look", vec![LookUp("f1".into())], "hub")]);
    let run = play(sc, plain_rules(), &["look", "look"]);
    assert_eq!(deltas(&run, RuleId::LookUp), vec![1]);
    assert_eq!(run.known_facts().iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), vec!["f1"]);
}

#[test]
fn resolving_in_the_first_contact_is_rewarded_but_not_after_a_callback() {
    let sc = lab(&[("fix", vec![Acknowledge, Commit("a".into())], "done"), ("callback", vec![Callback], "hub")]);
    let direct = play(sc.clone(), plain_rules(), &["fix"]);
    assert_eq!(deltas(&direct, RuleId::FirstContactResolution), vec![8]);
    assert_eq!(direct.state().ending, Some(Ending::Resolved));
    let later = play(sc, plain_rules(), &["callback", "fix"]);
    assert!(deltas(&later, RuleId::FirstContactResolution).is_empty());
}

#[test]
fn tone_mismatches_cost_mood_by_customer() {
    let replies = [("slang", vec![Slang], "hub"), ("script", vec![Scripted], "hub")];
    let mut learner = lab(&replies);
    learner.customer.fluency = frontline::scenario::Fluency::Learner;
    let run = play(learner, plain_rules(), &["slang"]);
    assert_eq!(deltas(&run, RuleId::ToneMismatch), vec![-6]);

    let native = play(lab(&replies), plain_rules(), &["slang"]);
    assert!(deltas(&native, RuleId::ToneMismatch).is_empty(), "slang to a native, neutral customer is fine");

    let mut casual = lab(&replies);
    casual.customer.register = frontline::scenario::Register::Casual;
    let run = play(casual, plain_rules(), &["script"]);
    assert_eq!(deltas(&run, RuleId::ToneMismatch), vec![-5]);

    let run = play(lab(&replies), plain_rules(), &["script"]);
    assert_eq!(deltas(&run, RuleId::Scripted), vec![-2]);
}

#[test]
fn a_reply_slower_than_the_channel_expects_costs_mood() {
    let mut sc = lab(&[("quick", vec![Close], "hub"), ("slow", vec![Close], "hub")]);
    sc.nodes.get_mut("hub").unwrap().replies[1].minutes = Some(10);
    let run = play(sc, plain_rules(), &["quick", "slow"]);
    assert_eq!(deltas(&run, RuleId::SlowReply), vec![-5]);
    assert_eq!(run.state().clock, 11);
}

#[test]
fn the_customer_walks_out_at_mood_zero() {
    let mut sc = lab(&[("rude", vec![Close], "hub")]);
    sc.nodes.get_mut("hub").unwrap().replies[0].mood = -30;
    let mut run = Run::new(sc, plain_rules(), 1);
    run.pick("rude").unwrap();
    assert!(!run.is_over());
    run.pick("rude").unwrap();
    assert_eq!(run.state().mood, 0);
    assert_eq!(run.state().ending, Some(Ending::Walkout));
    assert!(run.pick("rude").is_err(), "no reply after a walkout");
}

#[test]
fn persona_traits_scale_rule_weights() {
    let mut speedy = lab(&[("ack", vec![Acknowledge], "hub"), ("wait", vec![Close], "hub")]);
    speedy.customer.values = frontline::scenario::Value::Speed;
    let run = play(speedy, Rules::default(), &["wait", "wait", "ack"]);
    assert_eq!(deltas(&run, RuleId::LateAcknowledgment), vec![-6]);
}

#[test]
fn scenario_specific_mood_is_recorded_with_its_note() {
    let mut sc = lab(&[("nice", vec![Close], "hub")]);
    let reply = &mut sc.nodes.get_mut("hub").unwrap().replies[0];
    reply.mood = 7;
    reply.note = Some("She liked that.".into());
    let run = play(sc, plain_rules(), &["nice"]);
    let event = run.events().iter().find(|e| e.change.rule == RuleId::Scenario).expect("event");
    assert_eq!((event.change.delta, event.change.reason.as_str()), (7, "She liked that."));
}

#[test]
fn every_mood_change_adds_up_to_the_final_mood() {
    let sc =
        lab(&[("sorry", vec![Apologize, Empathize], "hub"), ("fix", vec![Acknowledge, Commit("a".into())], "done")]);
    let run = play(sc, Rules::default(), &["sorry", "sorry", "fix"]);
    let total: i32 = run.events().iter().map(|e| e.change.delta).sum();
    assert_eq!(run.start_mood() + total, run.state().mood);
}

#[test]
fn a_rules_file_with_a_typo_is_reported_with_line_and_column() {
    let broken = frontline::engine::rules::DEFAULT_RULES.replace("look_up: 1", "look_upp: 1");
    let err = Rules::parse("my-rules.ron", &broken).unwrap_err().to_string();
    assert!(err.starts_with("my-rules.ron:"), "{err}");
    assert!(err.contains("look_upp"), "{err}");
    let line = broken.lines().position(|l| l.contains("look_upp")).unwrap() + 1;
    assert!(err.starts_with(&format!("my-rules.ron:{line}:")), "{err}");
}

#[test]
fn placeholders_are_filled_in_every_text_the_run_shows() {
    let mut sc = lab(&[("Looking, {first}.", vec![LookUp("f1".into())], "hub")]);
    sc.desk[0].text = "Account of {name}.".into();
    sc.options[0].label = "Refund {first}".into();
    let hub = sc.nodes.get_mut("hub").unwrap();
    hub.say = vec!["I am {name}.".into()];
    hub.coach = Some("Greet {first}.".into());
    hub.replies[0].mood = 1;
    hub.replies[0].note = Some("{first} liked it.".into());
    let mut run = Run::new(sc, plain_rules(), 1);
    assert_eq!(run.transcript()[0].text, "I am Ada Lane.");
    assert_eq!(run.coach_note().as_deref(), Some("Greet Ada."));
    assert_eq!(run.replies()[0].text, "Looking, Ada.");
    run.pick("Looking, Ada").unwrap();
    assert_eq!(run.known_facts()[0].text, "Account of Ada Lane.");
    assert_eq!(run.scenario().options[0].label, "Refund Ada");
    assert!(run.events().iter().any(|e| e.change.reason == "Ada liked it."));
}
