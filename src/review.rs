//! Looking back at saved attempts: finding one by its short id, replaying it
//! exactly, and where two attempts at the same scenario went different ways. Used by
//! `history`, `transcript`, `compare` and the replay and compare screens.

use crate::engine::{Rules, Run};
use crate::progress::{Attempt, SaveFile, attempts_of};
use crate::scenario::Library;
use std::path::Path;

/// The fewest characters of an id accepted on a command line.
pub const MIN_ID_CHARS: usize = 4;

/// A saved attempt and whose it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub profile: String,
    pub attempt: Attempt,
}

/// Finds the attempt whose id starts with `query` (its short id, or more of it),
/// among the attempts of `profile`, or of every profile.
pub fn find(dir: &Path, save: &SaveFile, profile: Option<&str>, query: &str) -> Result<Found, String> {
    let query = query.trim().to_ascii_lowercase();
    if query.len() < MIN_ID_CHARS || !query.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(format!(
            "“{query}” is not an attempt id: give at least {MIN_ID_CHARS} characters of one (`frontline history` lists them)"
        ));
    }
    let profiles: Vec<_> = match profile {
        Some(name) => vec![save.profile(name).ok_or_else(|| format!("there is no profile called “{name}”"))?],
        None => save.profiles.iter().collect(),
    };
    let mut found = Vec::new();
    for p in profiles {
        for attempt in attempts_of(dir, p)? {
            if attempt.id.starts_with(&query) {
                found.push(Found { profile: p.name.clone(), attempt });
            }
        }
    }
    match found.len() {
        0 => Err(format!("no attempt has an id starting “{query}” (`frontline history` lists them)")),
        1 => Ok(found.remove(0)),
        n => {
            let ids: Vec<String> = found.iter().map(|f| format!("{} ({})", f.attempt.id, f.profile)).collect();
            Err(format!("“{query}” starts {n} attempts' ids: {}; give more of the id", ids.join(", ")))
        }
    }
}

/// Why a saved attempt cannot be shown again as it was played.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the scenario “{0}” is not in the library any more, so the attempt cannot be replayed")]
    ScenarioMissing(String),
    #[error(
        "the scenario “{scenario}” has changed since this attempt was played (content hash {saved} then, {now} now); replaying it would show a different conversation"
    )]
    ScenarioChanged { scenario: String, saved: String, now: String },
    #[error("the saved replies no longer fit the scenario “{scenario}”: {problem}")]
    Picks { scenario: String, problem: String },
    /// The same scenario and replies end otherwise: the attempt was scored by other
    /// rules (`--rules`), which the content hash does not cover.
    #[error(
        "replayed with the rules in use now, the attempt ends differently ({now}) from how it was saved ({saved}); it was played with other rules (--rules), so the conversation cannot be shown as it happened"
    )]
    EndsDifferently { saved: String, now: String },
}

fn ending_and_mood(ending: Option<crate::scenario::Ending>, mood: i32) -> String {
    format!("{}, mood {mood}", ending.map_or("Abandoned", |e| e.label()))
}

/// An attempt played again from its seed and picks.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub run: Run,
    /// The scenario is the one played, by its content hash. Attempts saved before
    /// hashes were kept (format 1) cannot be checked.
    pub verified: bool,
}

/// Plays a saved attempt again, exactly: the same seed and the same replies give
/// the same conversation, unless the scenario has changed since, which is refused
/// rather than shown as if it were what happened.
pub fn replay(attempt: &Attempt, library: &Library, rules: &Rules) -> Result<Replayed, ReplayError> {
    let loaded =
        library.get(&attempt.scenario).ok_or_else(|| ReplayError::ScenarioMissing(attempt.scenario.clone()))?;
    let scenario = &loaded.scenario;
    let verified = !attempt.content_hash.is_empty();
    if verified {
        let now = scenario.content_hash();
        if now != attempt.content_hash {
            return Err(ReplayError::ScenarioChanged {
                scenario: scenario.id.clone(),
                saved: short_hash(&attempt.content_hash),
                now: short_hash(&now),
            });
        }
    }
    let run = Run::replay(scenario.clone(), rules.clone(), attempt.seed, &attempt.picks)
        .map_err(|e| ReplayError::Picks { scenario: scenario.id.clone(), problem: e.to_string() })?;
    let (ending, mood) = (run.state().ending, run.state().mood);
    if ending != attempt.ending || mood != attempt.final_mood {
        return Err(ReplayError::EndsDifferently {
            saved: ending_and_mood(attempt.ending, attempt.final_mood),
            now: ending_and_mood(ending, mood),
        });
    }
    Ok(Replayed { run, verified })
}

fn short_hash(hash: &str) -> String {
    hash.get(..12).unwrap_or(hash).to_string()
}

/// How many replies two attempts share before they part: the index of the first
/// turn where they picked differently (the length of the shorter when one is the
/// start of the other).
pub fn divergence(a: &Attempt, b: &Attempt) -> usize {
    a.picks.iter().zip(&b.picks).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(picks: &[usize]) -> Attempt {
        let library = crate::scenario::load_library(&[]).library;
        let scenario = library.get("wrong-door").unwrap().scenario.clone();
        let run = Run::new(scenario, Rules::default(), 1);
        let mut attempt = Attempt::from_run(&run, &crate::analysis::debrief(&run), crate::progress::Mode::Practice);
        attempt.picks = picks.to_vec();
        attempt
    }

    #[test]
    fn attempts_part_at_their_first_different_reply() {
        assert_eq!(divergence(&attempt(&[1, 2, 3]), &attempt(&[1, 2, 0, 3])), 2);
        assert_eq!(divergence(&attempt(&[1, 2]), &attempt(&[1, 2, 0])), 2);
        assert_eq!(divergence(&attempt(&[0]), &attempt(&[1])), 0);
    }

    #[test]
    fn a_changed_scenario_is_refused_and_a_same_one_replays_exactly() {
        let library = crate::scenario::load_library(&[]).library;
        let scenario = library.get("wrong-door").unwrap().scenario.clone();
        let mut run = Run::new(scenario, Rules::default(), 9);
        let first = run.replies()[0].index;
        run.choose(first).unwrap();
        let mut saved = Attempt::from_run(&run, &crate::analysis::debrief(&run), crate::progress::Mode::Practice);
        let replayed = replay(&saved, &library, &Rules::default()).unwrap();
        assert!(replayed.verified);
        assert_eq!(replayed.run.turns(), run.turns());
        saved.final_mood += 1;
        let err = replay(&saved, &library, &Rules::default()).unwrap_err();
        assert!(matches!(err, ReplayError::EndsDifferently { .. }), "{err}");
        saved.final_mood -= 1;
        saved.content_hash = "0".repeat(64);
        let err = replay(&saved, &library, &Rules::default()).unwrap_err();
        assert!(matches!(err, ReplayError::ScenarioChanged { .. }), "{err}");
        assert!(err.to_string().contains("has changed since"), "{err}");
        saved.content_hash.clear();
        assert!(!replay(&saved, &library, &Rules::default()).unwrap().verified);
        saved.scenario = "gone".into();
        assert_eq!(
            replay(&saved, &library, &Rules::default()).unwrap_err(),
            ReplayError::ScenarioMissing("gone".into())
        );
    }
}
