//! Large synthetic scenarios for benchmarks and tests of the analysis.
//!
//! The shape follows the bundled library, scaled up: a tree of triage questions
//! leads to many separate cases, each about the size of a bundled scenario. A case
//! has an intake with an apology loop (in half of them one that only the customer
//! walking out ends), one to four detail questions (a look-up, a colleague to
//! consult, a one-time "hold on" loop, legwork pushed onto the customer, an angry
//! branch), an options node (explore, conditions on facts, flags and options,
//! commit), a confirmation that can loop back, and the shared endings. Cases are
//! still about three times as dense in states per node as the bundled library.

use crate::scenario::{
    Branch, Channel, Condition, Customer, Ending, Fact, Fluency, Move, Node, Register, Reply, Scenario, SolutionOption,
    Value,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

const PRODUCTS: [&str; 8] = ["router", "washing machine", "sofa", "phone", "kettle", "laptop", "bike", "camera"];
const PROBLEMS: [&str; 5] =
    ["arrived broken", "never arrived", "was charged twice", "stopped working", "came in the wrong colour"];
const FIXES: [&str; 6] = [
    "send a replacement today",
    "refund it in full",
    "book an engineer visit",
    "add a store credit",
    "repair it free of charge",
    "collect it from your door",
];
const ENDINGS: [(&str, Ending, &str); 5] = [
    ("resolved", Ending::Resolved, "Great, thanks for sorting it out."),
    ("callback", Ending::Callback, "Fine, I'll wait for the call."),
    ("transfer", Ending::Transfer, "...hold music starts."),
    ("escalated", Ending::Escalated, "So someone else decides. Right."),
    ("unresolved", Ending::Unresolved, "Forget it, I'll sort it out myself."),
];

fn reply(text: impl Into<String>, moves: Vec<Move>, next: impl Into<String>) -> Reply {
    Reply {
        text: text.into(),
        moves,
        when: Vec::new(),
        mood: 0,
        minutes: None,
        once: false,
        set: Vec::new(),
        note: None,
        next: next.into(),
    }
}

fn node(say: impl Into<String>, replies: Vec<Reply>) -> Node {
    Node { say: vec![say.into()], by_mood: None, coach: None, branch: Vec::new(), replies, end: None }
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

/// Nodes one case needs with `details` detail questions.
fn case_size(details: usize) -> usize {
    details + 4
}

/// Case detail counts and the number of triage (router) nodes so that the scenario
/// has exactly `total` nodes when that is possible (at least 10).
fn plan(total: usize, rng: &mut ChaCha8Rng) -> (Vec<usize>, usize) {
    let budget = total.saturating_sub(ENDINGS.len()).max(case_size(1));
    let mut details = Vec::new();
    let mut used = 0;
    // About 7 nodes per case with its share of the triage tree.
    while used + 7 <= budget || details.is_empty() {
        let d = rng.random_range(1..=4);
        details.push(d);
        used += case_size(d);
        if used >= budget {
            break;
        }
    }
    // Routers: each has 2 or 3 children, so R routers serve R+1..=2R+1 cases.
    loop {
        let cases = details.len();
        let sum: usize = details.iter().map(|&d| case_size(d)).sum();
        let routers = budget as isize - sum as isize;
        let (lo, hi) = (cases as isize / 2, cases as isize - 1);
        if (lo..=hi).contains(&routers) {
            return (details, routers as usize);
        }
        if routers < lo {
            // Too many nodes: shorten a case, or drop one.
            if let Some(d) = details.iter_mut().find(|d| **d > 1) {
                *d -= 1;
            } else if details.len() > 1 {
                details.pop();
            } else {
                return (details, 0);
            }
        } else if let Some(d) = details.iter_mut().find(|d| **d < 12) {
            *d += 1;
        } else {
            details.push(1);
        }
    }
}

/// A valid scenario with `nodes` nodes (at least 10), the same for the same seed.
#[doc(hidden)]
pub fn generate_scenario(nodes: usize, seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (details, routers) = plan(nodes, &mut rng);
    let mut desk = vec![Fact {
        id: "account".into(),
        label: "Account".into(),
        text: "Customer since 2019, no open complaints.".into(),
        shown: true,
    }];
    let mut options = Vec::new();
    let mut map = BTreeMap::new();
    for (id, ending, say) in ENDINGS {
        map.insert(
            id.to_string(),
            Node {
                say: vec![say.into()],
                by_mood: None,
                coach: None,
                branch: Vec::new(),
                replies: Vec::new(),
                end: Some(ending),
            },
        );
    }

    let mut entries = Vec::new();
    for (i, &d) in details.iter().enumerate() {
        let product = pick(&mut rng, &PRODUCTS);
        let problem = pick(&mut rng, &PROBLEMS);
        let c = format!("c{i}");
        let (record, stock, asked) = (format!("{c}-record"), format!("{c}-stock"), format!("{c}-asked"));
        desk.push(Fact {
            id: record.clone(),
            label: format!("Order {}", 1000 + i),
            text: format!("The {product} {problem}; order placed {} days ago.", rng.random_range(2..30)),
            shown: false,
        });
        desk.push(Fact {
            id: stock.clone(),
            label: "Warehouse".into(),
            text: format!("{} in stock.", rng.random_range(1..40)),
            shown: false,
        });
        let mut fixes: Vec<&str> = FIXES.to_vec();
        let mut opt = Vec::new();
        for k in 0..3 {
            let f = fixes.remove(rng.random_range(0..fixes.len()));
            let id = format!("{c}-{}", ["a", "b", "c"][k]);
            options.push(SolutionOption { id: id.clone(), label: format!("{f} ({product})"), fit: Default::default() });
            opt.push((id, f));
        }
        let first_detail = format!("{c}-d0");
        let options_id = format!("{c}-options");
        let angry = format!("{c}-angry");
        let confirm = format!("{c}-confirm");

        // Intake, with an apology loop that ends when the customer walks out.
        let mut sorry =
            reply("I'm so sorry about this, that must be frustrating.", vec![Move::Apologize, Move::Empathize], &c);
        sorry.note = Some("Apologies without a next step only wear the customer down.".into());
        // Some cases let the agent apologise again and again (until the customer walks
        // out), others only once, as in the bundled library.
        sorry.once = rng.random_bool(0.5);
        let intake = node(
            format!("Hi, my {product} {problem}. What are you going to do about it?"),
            vec![
                reply(
                    format!("Sorry to hear that. Let me pull up your {product} order right now."),
                    vec![Move::Acknowledge, Move::Apologize, Move::LookUp(record.clone())],
                    &first_detail,
                ),
                sorry,
                reply("Could you tell me a bit more about what happened?", vec![Move::Probe], &first_detail),
                reply(
                    "You could contact the manufacturer directly about that.",
                    vec![Move::DeflectToCustomer],
                    "unresolved",
                ),
            ],
        );
        map.insert(c.clone(), intake);

        for k in 0..d {
            let here = format!("{c}-d{k}");
            let next = if k + 1 == d { options_id.clone() } else { format!("{c}-d{}", k + 1) };
            let mut replies = vec![reply(
                format!("Thanks, that helps. So the {product} {problem}, understood."),
                vec![Move::Acknowledge],
                &next,
            )];
            if k < 2 {
                let mut check =
                    reply("Let me check what we have in the warehouse.", vec![Move::LookUp(stock.clone())], &next);
                check.once = true;
                replies.push(check);
            }
            if k + 1 == d {
                let mut consult = reply("I'll ask a colleague about this one.", vec![Move::Consult], &next);
                consult.minutes = Some(3);
                consult.set = vec![asked.clone()];
                replies.push(consult);
            }
            if k == 0 || rng.random_bool(0.2) {
                let mut hold = reply("Hold on, just checking a couple of things.", vec![Move::Empathize], &here);
                hold.minutes = Some(rng.random_range(4..=8));
                hold.once = true;
                replies.push(hold);
            }
            if k == 0 {
                replies.push(reply(
                    format!("Have you tried turning the {product} off and on again?"),
                    vec![Move::DeflectToCustomer, Move::Scripted],
                    &angry,
                ));
            }
            if rng.random_bool(0.3) {
                replies.push(reply(
                    format!("Could you read me the serial number on the {product}?"),
                    vec![Move::Probe, Move::Scripted],
                    &next,
                ));
            }
            let mut n = node(format!("It's the {product}. It {problem}, and I need it sorted."), replies);
            if k % 2 == 1 {
                n.branch.push(Branch { when: vec![Condition::MoodBelow(10)], goto: angry.clone() });
            }
            map.insert(here, n);
        }

        let explore = |text: String, moves: Vec<Move>, when: Vec<Condition>| {
            let mut r = reply(text, moves, &options_id);
            r.once = true;
            r.when = when;
            r
        };
        let mut commit_a = reply(
            format!("Let's do that: I'll {} for you, {{first}}.", opt[0].1),
            vec![Move::Commit(opt[0].0.clone()), Move::Personalize],
            &confirm,
        );
        commit_a.when = vec![Condition::Explored(opt[0].0.clone())];
        let mut commit_b =
            reply(format!("Let's go with that: I'll {}.", opt[1].1), vec![Move::Commit(opt[1].0.clone())], &confirm);
        commit_b.when = vec![Condition::Explored(opt[1].0.clone())];
        let mut opts = node(
            "OK. So what can you do?",
            vec![
                explore(format!("One option: I can {}.", opt[0].1), vec![Move::Explore(opt[0].0.clone())], vec![]),
                explore(
                    format!("Since it's in stock, I could also {}.", opt[1].1),
                    vec![Move::Explore(opt[1].0.clone())],
                    vec![Condition::Knows(stock.clone())],
                ),
                explore(
                    format!("My colleague says we can {} as well.", opt[2].1),
                    vec![Move::Explore(opt[2].0.clone()), Move::ExtraMile],
                    vec![Condition::Flag(asked.clone())],
                ),
                commit_a,
                commit_b,
                reply("I'll get someone to call you back about it.", vec![Move::Callback], "callback"),
            ],
        );
        opts.branch.push(Branch { when: vec![Condition::MoodBelow(20)], goto: angry.clone() });
        map.insert(options_id.clone(), opts);

        let mut rethink = reply("Actually, let me see what else we could do.", vec![Move::Probe], &options_id);
        rethink.when = vec![Condition::MoodAtLeast(30)];
        map.insert(
            confirm,
            node(
                "Right. And that will actually happen?",
                vec![
                    reply("Yes, it's all done for you now. Anything else?", vec![Move::Close], "resolved"),
                    rethink,
                    reply("Let me escalate this to make sure it sticks.", vec![Move::Escalate], "escalated"),
                ],
            ),
        );
        map.insert(
            angry,
            node(
                "This is ridiculous. I want this fixed or I want a manager.",
                vec![
                    reply(
                        format!("You're right. I'll {} right now.", opt[0].1),
                        vec![Move::Acknowledge, Move::Explore(opt[0].0.clone()), Move::Commit(opt[0].0.clone())],
                        "resolved",
                    ),
                    reply("I'll transfer you to my supervisor.", vec![Move::Transfer], "transfer"),
                    reply("Let me escalate this.", vec![Move::Escalate], "escalated"),
                ],
            ),
        );
        entries.push(c);
    }

    // The triage tree: the first routers take three cases or routers, the rest two.
    let three_way = (details.len() - 1).saturating_sub(routers);
    // Each case is reached by one path through the triage tree, so those replies
    // stay mild: a case's own replies decide how the conversation goes.
    let openers: [(&str, Vec<Move>); 5] = [
        ("I hear you. Which part matters most to you?", vec![Move::Acknowledge, Move::Probe]),
        ("That's not good. Let's look at it together.", vec![Move::Acknowledge]),
        ("Can you tell me which order this is about?", vec![Move::Probe]),
        ("Thanks, {first}. I've got your account open.", vec![Move::Personalize, Move::Acknowledge]),
        ("Let me check your account first.", vec![Move::LookUp("account".into())]),
    ];
    let mut queue: std::collections::VecDeque<String> = entries.into();
    for r in 0..routers {
        let take = if r < three_way { 3 } else { 2 };
        let mut replies = Vec::new();
        for _ in 0..take {
            let Some(child) = queue.pop_front() else { break };
            let (text, moves) = &openers[rng.random_range(0..openers.len())];
            replies.push(reply(format!("{text} ({child})"), moves.clone(), child));
        }
        if rng.random_bool(0.3) {
            let mut hold = reply("One moment, let me ask a colleague.", vec![Move::Consult], format!("triage-{r}"));
            hold.once = true;
            hold.minutes = Some(2);
            replies.push(hold);
        }
        map.insert(format!("triage-{r}"), node("There's a problem with my order.", replies));
        queue.push_back(format!("triage-{r}"));
    }
    let start = queue.pop_front().unwrap_or_else(|| "c0".into());

    let values = [Value::Speed, Value::Warmth, Value::Detail, Value::Brevity][rng.random_range(0..4)];
    let register = [Register::Casual, Register::Neutral, Register::Formal][rng.random_range(0..3)];
    let channel = [Channel::Phone, Channel::Chat, Channel::Email, Channel::Social][rng.random_range(0..4)];
    Scenario {
        id: format!("generated-{}-{seed}", map.len()),
        title: format!("Generated scenario ({} nodes)", map.len()),
        summary: "A large synthetic scenario for benchmarks.".into(),
        track: "Generated".into(),
        difficulty: 3,
        channel,
        requires: Vec::new(),
        customer: Customer {
            names: vec!["Alex Morgan".into(), "Sam Lee".into()],
            register,
            fluency: Fluency::Native,
            values,
            mood: rng.random_range(30..=60),
            mood_jitter: 5,
        },
        desk,
        options,
        start,
        nodes: map,
        tests: Vec::new(),
    }
}

/// The worst case for the analysis that a valid file can be: one node whose
/// `flags` replies each set a flag of their own and are offered while it is unset
/// (2^flags states), plus `fillers` replies that change nothing but must be looked
/// at in every state. Used by the benchmark and tests of the analysis budget.
pub fn flag_explosion(flags: usize, fillers: usize) -> String {
    let mut replies = String::new();
    for f in 0..flags {
        replies += &format!(
            "(text: \"Switch {f} on.\", when: [NotFlag(\"f{f}\")], moves: [Close], set: [\"f{f}\"], next: \"hub\"),\n"
        );
    }
    for k in 0..fillers {
        replies += &format!("(text: \"Filler {k}.\", moves: [Close], next: \"hub\"),\n");
    }
    replies += "(text: \"Done.\", moves: [Acknowledge], next: \"done\"),\n";
    format!(
        r#"Scenario(
    id: "flag-explosion", title: "Flags", summary: "Every subset of flags.", track: "test", difficulty: 1,
    channel: Phone,
    customer: (names: ["Ola Berg"], register: Neutral, fluency: Native, values: Speed, mood: 50),
    start: "hub",
    nodes: {{
        "hub": (say: ["Well?"], replies: [
{replies}        ]),
        "done": (say: ["Thanks."], end: Resolved),
    }},
)"#
    )
}
