//! Broken scenario files under tests/broken/ carry their expected diagnostics in
//! `// expect: LINE:COL: text` (or `// expect: LINE: text`) comments; every one must
//! be reported, at that place, without a panic.

use frontline::scenario::{Diagnostic, MAX_SCENARIO_BYTES, SourceFile, load_sources, parse_scenario};
use std::path::Path;

struct Expectation {
    line: usize,
    col: Option<usize>,
    text: String,
}

fn expectations(text: &str) -> Vec<Expectation> {
    text.lines()
        .filter_map(|l| l.strip_prefix("// expect: "))
        .map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap().trim().parse().expect("line number");
            let second = parts.next().unwrap_or("").trim();
            match second.parse() {
                Ok(col) => Expectation { line, col: Some(col), text: parts.next().unwrap_or("").trim().to_string() },
                Err(_) => Expectation {
                    line,
                    col: None,
                    text: [second, parts.next().unwrap_or("")].join(":").trim().trim_end_matches(':').to_string(),
                },
            }
        })
        .collect()
}

fn matches(d: &Diagnostic, e: &Expectation) -> bool {
    let Some((line, col)) = d.pos else { return false };
    line == e.line && e.col.is_none_or(|c| c == col) && d.message.contains(&e.text)
}

#[test]
fn every_broken_file_reports_its_expected_errors_with_line_and_column() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 8, "the broken set is in place");
    for path in files {
        let name = format!("tests/broken/{}", path.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = expectations(&text);
        assert!(!expected.is_empty(), "{name} states what it expects");
        let errors = parse_scenario(&name, &text).expect_err(&name);
        for e in &expected {
            assert!(
                errors.iter().any(|d| matches(d, e)),
                "{name}: expected an error at {}:{:?} containing {:?}; got:\n{}",
                e.line,
                e.col,
                e.text,
                errors.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
            );
        }
        for d in &errors {
            let shown = d.to_string();
            assert!(shown.starts_with(&format!("{name}:")), "{shown}");
        }
    }
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let text = format!("// {}\n", "x".repeat(MAX_SCENARIO_BYTES));
    let errors = parse_scenario("big.ron", &text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().starts_with("big.ron: file is"), "{}", errors[0]);
}

#[test]
fn a_duplicate_scenario_id_is_reported_on_the_second_file() {
    let late = include_str!("../docs/examples/late-parcel.ron");
    let sources = vec![
        (SourceFile { name: "a/late-parcel.ron".into(), text: late.into() }, false),
        (SourceFile { name: "b/copy.ron".into(), text: late.into() }, false),
    ];
    let report = load_sources(sources, Vec::new(), &[]);
    assert_eq!(report.library.scenarios.len(), 1);
    let shown: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(shown.iter().any(|s| s.starts_with("b/copy.ron:5:5: duplicate scenario id \"late-parcel\"")), "{shown:?}");
}

#[test]
fn requires_naming_an_unknown_scenario_is_an_error() {
    let text = include_str!("../docs/examples/late-parcel.ron").replace("requires: [],", "requires: [\"missing\"],");
    let report = load_sources(vec![(SourceFile { name: "x.ron".into(), text }, false)], Vec::new(), &[]);
    let shown: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(shown.iter().any(|s| s.starts_with("x.ron:11:16: `requires` names \"missing\"")), "{shown:?}");
}

#[test]
fn the_reference_example_loads_without_any_diagnostic() {
    let text = include_str!("../docs/examples/late-parcel.ron");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/scenario-format/late-parcel.ron");
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert_eq!(text, original, "the docs copy of late-parcel.ron must stay unchanged");
    }
    let (scenario, warnings) = parse_scenario("late-parcel.ron", text).expect("loads");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(scenario.nodes.len(), 8);
}

#[test]
fn arbitrary_bytes_never_panic_the_loader() {
    // A cheap deterministic fuzz: every prefix of a real file, and byte flips.
    let text = include_str!("../docs/examples/late-parcel.ron");
    for cut in (0..text.len()).step_by(97) {
        if text.is_char_boundary(cut) {
            let _ = parse_scenario("cut.ron", &text[..cut]);
        }
    }
    let bytes = text.as_bytes();
    for i in (0..bytes.len()).step_by(61) {
        let mut flipped = bytes.to_vec();
        flipped[i] = b"([{)]}\":,#\\"[i % 11];
        let _ = parse_scenario("flip.ron", &String::from_utf8_lossy(&flipped));
    }
}
