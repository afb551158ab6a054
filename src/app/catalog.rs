//! The library as the player sees it: scenarios grouped by track, in playing order,
//! with what is locked for a profile.

use crate::progress::Profile;
use crate::scenario::{Library, Scenario};

/// One track and its scenarios (indices into `Library::scenarios`) in playing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub name: String,
    pub scenarios: Vec<usize>,
}

/// Tracks in `Library::tracks()` order; within a track, scenarios with fewer
/// prerequisites first, then easier ones, then library order.
pub fn tracks(library: &Library) -> Vec<Track> {
    library
        .tracks()
        .into_iter()
        .map(|name| {
            let mut scenarios: Vec<usize> =
                (0..library.scenarios.len()).filter(|&i| library.scenarios[i].scenario.track == name).collect();
            scenarios.sort_by_key(|&i| {
                let s = &library.scenarios[i].scenario;
                (s.requires.len(), s.difficulty, i)
            });
            Track { name, scenarios }
        })
        .collect()
}

/// Every scenario index in display order, tracks flattened.
pub fn display_order(tracks: &[Track]) -> Vec<usize> {
    tracks.iter().flat_map(|t| t.scenarios.iter().copied()).collect()
}

/// The prerequisites of `scenario` the profile has not passed yet.
pub fn missing_requirements<'a>(scenario: &'a Scenario, profile: Option<&Profile>) -> Vec<&'a str> {
    scenario.requires.iter().filter(|r| !profile.is_some_and(|p| p.has_passed(r))).map(String::as_str).collect()
}

pub fn is_locked(scenario: &Scenario, profile: Option<&Profile>) -> bool {
    !missing_requirements(scenario, profile).is_empty()
}

/// `Locked: finish “A” and “B” first.`, naming the prerequisites by title, or
/// `None` when the scenario is open to the profile.
pub fn locked_reason(library: &Library, scenario: &Scenario, profile: Option<&Profile>) -> Option<String> {
    let missing = missing_requirements(scenario, profile);
    if missing.is_empty() {
        return None;
    }
    let titles: Vec<String> = missing
        .iter()
        .map(|id| library.get(id).map_or(*id, |s| s.scenario.title.as_str()))
        .map(|title| format!("\u{201c}{}\u{201d}", crate::ui::text::clean_line(title)))
        .collect();
    Some(format!("Locked: pass {} first (2 stars in practice or test mode).", titles.join(" and ")))
}

/// Titles of the scenarios `after` opens to the profile that `before` kept locked:
/// what a pass just unlocked.
pub fn newly_unlocked(library: &Library, before: Option<&Profile>, after: Option<&Profile>) -> Vec<String> {
    library
        .scenarios
        .iter()
        .map(|l| &l.scenario)
        .filter(|s| is_locked(s, before) && !is_locked(s, after))
        .map(|s| s.title.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Attempt, Mode};
    use crate::scenario::{LoadedScenario, parse_scenario};

    fn scenario(id: &str, track: &str, difficulty: u8, requires: &[&str]) -> LoadedScenario {
        let requires = requires.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>().join(", ");
        let text = format!(
            r#"Scenario(id: "{id}", title: "T {id}", summary: "S", track: "{track}", difficulty: {difficulty},
            channel: Chat, requires: [{requires}],
            customer: (names: ["Ann"], register: Neutral, fluency: Native, values: Speed, mood: 50),
            start: "a", nodes: {{ "a": (say: ["Hi"], replies: [(text: "Bye", moves: [Close], next: "z")]),
            "z": (say: ["Ok"], end: Resolved) }})"#
        );
        let (scenario, _) = parse_scenario(id, &text).expect("test scenario is valid");
        LoadedScenario { scenario, file: format!("{id}.ron"), bundled: false }
    }

    fn library(list: Vec<LoadedScenario>) -> Library {
        Library { scenarios: list }
    }

    #[test]
    fn tracks_keep_library_track_order_and_sort_by_requires_then_difficulty() {
        let lib = library(vec![
            scenario("b-hard", "basics", 3, &[]),
            scenario("b-after", "basics", 1, &["b-easy"]),
            scenario("b-easy", "basics", 1, &[]),
            scenario("x-one", "extra", 2, &[]),
            scenario("b-mid", "basics", 2, &[]),
        ]);
        let tracks = tracks(&lib);
        let names: Vec<_> = tracks.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, lib.tracks());
        let basics = tracks.iter().find(|t| t.name == "basics").unwrap();
        let ids: Vec<_> = basics.scenarios.iter().map(|&i| lib.scenarios[i].scenario.id.as_str()).collect();
        assert_eq!(ids, ["b-easy", "b-mid", "b-hard", "b-after"]);
        assert_eq!(display_order(&tracks).len(), 5);
    }

    #[test]
    fn equal_scenarios_stay_in_library_order() {
        let lib = library(vec![scenario("second", "t", 1, &[]), scenario("first", "t", 1, &[])]);
        let order: Vec<_> =
            display_order(&tracks(&lib)).into_iter().map(|i| lib.scenarios[i].scenario.id.clone()).collect();
        assert_eq!(order, ["second", "first"]);
    }

    #[test]
    fn a_scenario_unlocks_when_its_prerequisite_is_finished() {
        let lib = library(vec![scenario("a", "t", 1, &[]), scenario("b", "t", 1, &["a"])]);
        let b = &lib.scenarios[1].scenario;
        let mut profile = Profile::new("00000000-0000-4000-8000-000000000001", "Ann", "2026-12-02T09:00:00Z");
        assert!(is_locked(b, None));
        assert!(is_locked(b, Some(&profile)));
        assert_eq!(missing_requirements(b, Some(&profile)), ["a"]);
        assert_eq!(
            locked_reason(&lib, b, Some(&profile)).as_deref(),
            Some("Locked: pass \u{201c}T a\u{201d} first (2 stars in practice or test mode).")
        );
        let mut run = crate::engine::Run::new(lib.scenarios[0].scenario.clone(), crate::engine::Rules::default(), 1);
        let attempt = |run: &crate::engine::Run, mode| Attempt::from_run(run, &crate::analysis::debrief(run), mode);
        profile.add(&attempt(&run, Mode::Practice));
        assert!(is_locked(b, Some(&profile)), "an abandoned attempt does not unlock");
        run.pick("Bye").unwrap();
        let mut coached = attempt(&run, Mode::Mentor);
        coached.stars = 3;
        profile.add(&coached);
        assert!(is_locked(b, Some(&profile)), "a mentor-mode attempt is not a pass");
        let mut weak = attempt(&run, Mode::Practice);
        weak.stars = 1;
        profile.add(&weak);
        assert!(is_locked(b, Some(&profile)), "one star is not a pass");
        let before = profile.clone();
        let mut pass = attempt(&run, Mode::Practice);
        pass.stars = 2;
        profile.add(&pass);
        assert!(!is_locked(b, Some(&profile)));
        assert_eq!(locked_reason(&lib, b, Some(&profile)), None);
        assert_eq!(newly_unlocked(&lib, Some(&before), Some(&profile)), ["T b"]);
    }
}
