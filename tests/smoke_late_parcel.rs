use frontline::engine::{Rules, Run};
use frontline::scenario::{Ending, load_library};

#[test]
fn late_parcel_loads_and_the_research_path_beats_the_apology_path() {
    let report = load_library(&[]);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    let sc = report.library.get("late-parcel").expect("bundled").scenario.clone();
    let mut good = Run::new(sc.clone(), Rules::default(), 7);
    for p in [
        "pull up your order",
        "replacement today by express, no charge",
        "refund the express fee right now",
        "Let's do the replacement",
    ] {
        good.pick(p).unwrap();
    }
    let mut bad = Run::new(sc, Rules::default(), 7);
    for p in ["so sorry", "truly sorry", "truly sorry"] {
        if bad.is_over() {
            break;
        }
        bad.pick(p).unwrap();
    }
    let (g, b) = (good.debrief(), bad.debrief());
    println!("{:#?}\n{:#?}", g, b);
    assert_eq!(g.ending, Some(Ending::Resolved));
    assert!(g.final_mood >= b.final_mood + 15);
}
