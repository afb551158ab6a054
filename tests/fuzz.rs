//! Fuzzing, as property tests that run on stable: mutated scenario, rules and save
//! files go through everything a user's file goes through, and nothing may panic,
//! hang or point outside the file.
//!
//! - scenarios: load and validate; if accepted, analyse (within a small budget),
//!   play seeded paths, judge the run and draw the play screen and the debrief;
//! - rules files: parse; if accepted, every value is in range and a game plays;
//! - saves: a whole-file save parses and, if accepted, writes back to what it read;
//!   a journal opens without panicking, and what the store holds afterwards is
//!   what another reader sees.
//!
//! CI runs a short campaign (the default 64 cases a property). A long one, locally:
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz`. A failure is shrunk and
//! its seed saved under `proptest-regressions/`, which is committed: the input is
//! replayed first from then on.

mod tui_support;

use frontline::analysis::{Limits, analyze_with, debrief};
use frontline::engine::{Rules, Run};
use frontline::progress::{JOURNAL_DIR, LegacySave, Store, peek};
use frontline::scenario::{Diagnostic, Library, LoadedScenario, bundled_sources, parse_scenario};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use tui_support::{draw, game_with, press, screen_text};

/// Files the mutations start from: every bundled scenario and the docs' examples.
fn seeds() -> Vec<String> {
    let mut texts: Vec<String> = bundled_sources().into_iter().map(|s| s.text).collect();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    for entry in std::fs::read_dir(examples).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "ron") {
            texts.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    texts
}

/// Pieces that make mutations interesting: RON syntax, escapes, hostile and odd
/// characters, numbers at the edges, names the format knows.
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "//",
    "/*",
    "*/",
    "r#\"",
    "'",
    "#![enable(implicit_some)]",
    "\\u{1b}",
    "\\u{202E}",
    "\\u{E0041}",
    "\\u{0}",
    "\u{1b}[2J",
    "\u{202E}",
    "\u{200B}",
    "\u{FEFF}",
    "é",
    "日本",
    "0",
    "-1",
    "255",
    "4294967296",
    "18446744073709551615",
    "-2147483649",
    "1e308",
    "NaN",
    "inf",
    "Some(",
    "None",
    "true",
    "false",
    "Resolved",
    "Walkout",
    "Explore(\"x\")",
    "Tell(\"order\")",
    "Told(\"x\")",
    "Ask(\"order\")",
    "NotFlag(\"f\")",
    "fit: Poor",
    "once: true",
    "when: [MoodBelow(0)]",
    "next: \"open\"",
    "{name}",
    "{first}",
    "{",
    "\n",
    "    ",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert {
        at: usize,
        piece: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Replace {
        at: usize,
        len: usize,
        piece: usize,
    },
    /// Copies a span of the file to another place (duplicate keys, repeated nodes).
    Duplicate {
        from: usize,
        len: usize,
        to: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1..12usize, 0..PIECES.len()).prop_map(|(at, len, piece)| Mutation::Replace { at, len, piece }),
        (any::<usize>(), 1..200usize, any::<usize>()).prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
    ]
}

/// The char boundary at or before `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_string();
    for m in mutations {
        match *m {
            Mutation::Insert { at, piece } => {
                let at = boundary(&text, at);
                text.insert_str(at, PIECES[piece]);
            }
            Mutation::Delete { at, len } => {
                let start = boundary(&text, at);
                let end = boundary(&text, start + len.min(text.len() - start));
                text.replace_range(start..end.max(start), "");
            }
            Mutation::Replace { at, len, piece } => {
                let start = boundary(&text, at);
                let end = boundary(&text, start + len.min(text.len() - start));
                text.replace_range(start..end.max(start), PIECES[piece]);
            }
            Mutation::Duplicate { from, len, to } => {
                let start = boundary(&text, from);
                let end = boundary(&text, start + len.min(text.len() - start));
                let span = text[start..end.max(start)].to_string();
                let to = boundary(&text, to);
                text.insert_str(to, &span);
            }
        }
    }
    text
}

/// Every diagnostic points inside the file it names.
fn positions_inside(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diagnostics {
        if let Some((line, col)) = d.pos {
            prop_assert!(line >= 1 && line <= lines.len(), "{d}: line outside the file");
            prop_assert!(col >= 1 && col <= lines[line - 1].chars().count() + 1, "{d}: column outside its line");
        }
    }
    Ok(())
}

/// Everything a valid scenario goes through in the game, on a small budget.
fn exercise(text: &str, seed: u64) -> Result<(), TestCaseError> {
    let (scenario, _) = match parse_scenario("fuzz.ron", text) {
        Ok(parsed) => parsed,
        Err(diagnostics) => {
            prop_assert!(!diagnostics.is_empty(), "a refused file says why");
            return positions_inside(text, &diagnostics);
        }
    };
    let rules = Rules::default();
    let limits = Limits { max_states: 20_000, max_work: 400_000, ..Limits::default() };
    let analysis = analyze_with(&scenario, &rules, limits);
    prop_assert!(analysis.states <= 20_000);
    // A few seeded paths: pick the reply the seed points at, turn after turn.
    let mut run = Run::new(scenario.clone(), rules.clone(), seed);
    for turn in 0..40u64 {
        let replies = run.replies();
        if replies.is_empty() {
            break;
        }
        let pick = replies[((seed >> (turn % 48)) as usize + turn as usize) % replies.len()].index;
        prop_assert!(run.choose(pick).is_ok());
    }
    prop_assert!((0..=100).contains(&run.state().mood));
    let report = debrief(&run);
    prop_assert!(report.skills.iter().all(|s| s.score <= 100) && report.stars <= 3);
    // The screens: the conversation as it opens, and the debrief when it ends.
    let library = Library { scenarios: vec![LoadedScenario { scenario, file: "fuzz.ron".into(), bundled: false }] };
    let (mut app, _dir) = game_with(library, &["Fuzz"]);
    press(&mut app, &[KeyCode::Enter]);
    for _ in 0..12 {
        press(&mut app, &[KeyCode::Char('1')]);
    }
    for (w, h) in [(80, 24), (40, 12)] {
        let screen = screen_text(&draw(&mut app, w, h));
        prop_assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202E}'), "{screen}");
    }
    Ok(())
}

/// 64 cases a property unless `PROPTEST_CASES` asks for more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_scenarios_never_panic_and_errors_point_inside_the_file(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
        seed in any::<u64>(),
    ) {
        let seeds = seeds();
        let base: &String = file.get(&seeds);
        let text = apply(base, &mutations);
        exercise(&text, seed)?;
    }

    #[test]
    fn mutated_rules_files_are_refused_or_in_range(mutations in prop::collection::vec(mutation(), 1..6)) {
        let base = frontline::engine::rules::DEFAULT_RULES;
        let text = apply(base, &mutations);
        if let Ok(rules) = Rules::parse("fuzz-rules.ron", &text) {
            // Whatever was accepted passes the same checks again and plays a game.
            let again = Rules::parse("again", &text).expect("the same text parses the same way");
            prop_assert_eq!(&again, &rules);
            let scenario = frontline::scenario::load_library(&[]).library.get("wrong-door").unwrap().scenario.clone();
            let mut run = Run::new(scenario, rules, 1);
            for _ in 0..30 {
                let Some(reply) = run.replies().first().map(|r| r.index) else { break };
                prop_assert!(run.choose(reply).is_ok());
            }
            prop_assert!((0..=100).contains(&run.state().mood));
        }
    }

    #[test]
    fn mutated_saves_are_refused_or_write_back_what_they_read(mutations in prop::collection::vec(mutation(), 1..6)) {
        let base = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/progress-v1.ron")).unwrap();
        let text = apply(&base, &mutations);
        if let Ok(save) = LegacySave::parse(&text) {
            let written = save.to_ron();
            let read_back = LegacySave::parse(&written);
            prop_assert!(read_back.is_ok(), "wrote what it cannot read: {:?}", read_back.err());
            prop_assert_eq!(read_back.unwrap(), save);
        }
    }

    #[test]
    fn mutated_journals_open_and_read_back_as_held(mutations in prop::collection::vec(mutation(), 1..6)) {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/progress-v3").join(JOURNAL_DIR);
        let entry = std::fs::read_dir(&sample).unwrap().map(|e| e.unwrap().path()).find(|p| {
            std::fs::read_to_string(p).unwrap().contains("Sample Trainee")
        }).unwrap();
        let text = apply(&std::fs::read_to_string(&entry).unwrap(), &mutations);
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(JOURNAL_DIR)).unwrap();
        std::fs::write(dir.path().join(JOURNAL_DIR).join(entry.file_name().unwrap()), &text).unwrap();
        let (store, held, _set_aside) = Store::open(dir.path()).expect("opens whatever the journal holds");
        drop(store);
        prop_assert_eq!(peek(dir.path()).unwrap(), held.clone());
        let (_store, again, more) = Store::open(dir.path()).unwrap();
        prop_assert!(more.is_empty(), "mended once, reported once: {:?}", more);
        prop_assert_eq!(again, held);
    }
}
