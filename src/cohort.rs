//! The cohort view: Frontline's statements, read back from the LRS, added up per
//! learner — attempts, passes per scenario, the average of each skill and the
//! first-contact rate — so a trainer sees a whole cohort across machines.
//!
//! Works on the statements alone (no save, no library): what makes a statement
//! Frontline's, and where its figures are, is `crate::xapi`'s shape.

use crate::engine::Skill;
use crate::progress::Mode;
use crate::xapi;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// One learner's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Learner {
    /// The account name (the profile's name).
    pub name: String,
    pub home_page: String,
    pub attempts: usize,
    /// Attempts played out to an ending (not abandoned).
    pub played_out: usize,
    pub passes: usize,
    /// Attempts per mode (statements that name no mode of ours are not counted here).
    pub modes: BTreeMap<Mode, usize>,
    /// Per scenario id, attempts and passes.
    pub scenarios: BTreeMap<String, ScenarioFigures>,
    /// Per skill, the average score over played-out attempts (`None`: no score yet).
    pub skills: Vec<SkillAverage>,
    /// Share of played-out attempts resolved in the first contact, as a percentage.
    pub first_contact_rate: Option<u8>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ScenarioFigures {
    pub attempts: usize,
    pub passes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SkillAverage {
    pub skill: Skill,
    /// Rounded to one decimal.
    pub average: Option<f64>,
}

/// The whole cohort.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cohort {
    /// Sorted by name (case-insensitive), then home page.
    pub learners: Vec<Learner>,
    /// Frontline statements counted (each id once).
    pub statements: usize,
    /// Statements read but left out: another tool's, a repeat of an id, or before `since`.
    pub ignored: usize,
}

/// Per learner, the running sums.
#[derive(Default)]
struct Tally {
    attempts: usize,
    played_out: usize,
    passes: usize,
    first_contact: usize,
    modes: BTreeMap<Mode, usize>,
    scenarios: BTreeMap<String, ScenarioFigures>,
    skill_sums: [(u64, u64); 6],
}

/// Adds up the Frontline statements among `statements`, each id once; with `since`,
/// only those whose `timestamp` falls on that UTC day or later.
pub fn aggregate(statements: &[Value], since: Option<jiff::civil::Date>) -> Cohort {
    let mut seen = HashSet::new();
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut cohort = Cohort::default();
    for statement in statements {
        let Some(attempt) = read_attempt(statement) else {
            cohort.ignored += 1;
            continue;
        };
        let before = since.is_some_and(|since| statement_day(statement).is_none_or(|day| day < since));
        if before || !seen.insert(attempt.id) {
            cohort.ignored += 1;
            continue;
        }
        cohort.statements += 1;
        let tally = tallies.entry((attempt.learner, attempt.home_page)).or_default();
        tally.attempts += 1;
        if let Some(mode) = attempt.mode {
            *tally.modes.entry(mode).or_default() += 1;
        }
        let figures = tally.scenarios.entry(attempt.scenario).or_default();
        figures.attempts += 1;
        if attempt.passed {
            tally.passes += 1;
            figures.passes += 1;
        }
        if attempt.played_out {
            tally.played_out += 1;
            for (sums, score) in tally.skill_sums.iter_mut().zip(attempt.skills) {
                if let Some(score) = score {
                    sums.0 += u64::from(score);
                    sums.1 += 1;
                }
            }
            let fcr = attempt.skills[skill_index(Skill::FirstContactResolution)];
            if attempt.resolved && fcr == Some(100) {
                tally.first_contact += 1;
            }
        }
    }
    cohort.learners = tallies.into_iter().map(|((name, home_page), tally)| learner(name, home_page, tally)).collect();
    cohort.learners.sort_by(|a, b| {
        (a.name.to_lowercase(), &a.name, &a.home_page).cmp(&(b.name.to_lowercase(), &b.name, &b.home_page))
    });
    cohort
}

fn learner(name: String, home_page: String, tally: Tally) -> Learner {
    let skills = Skill::ALL
        .iter()
        .zip(tally.skill_sums)
        .map(|(&skill, (sum, count))| SkillAverage {
            skill,
            average: (count > 0).then(|| (sum as f64 / count as f64 * 10.0).round() / 10.0),
        })
        .collect();
    let first_contact_rate = (tally.played_out > 0).then(|| (tally.first_contact * 100 / tally.played_out) as u8);
    Learner {
        name,
        home_page,
        attempts: tally.attempts,
        played_out: tally.played_out,
        passes: tally.passes,
        modes: tally.modes,
        scenarios: tally.scenarios,
        skills,
        first_contact_rate,
    }
}

fn skill_index(skill: Skill) -> usize {
    Skill::ALL.iter().position(|&s| s == skill).expect("every skill is in ALL")
}

/// What one statement says about one attempt.
struct AttemptFacts {
    id: String,
    learner: String,
    home_page: String,
    scenario: String,
    mode: Option<Mode>,
    passed: bool,
    played_out: bool,
    resolved: bool,
    skills: [Option<u8>; 6],
}

/// The attempt a statement records, when it is one of Frontline's: an actor with an
/// account, one of Frontline's verbs, and a scenario activity of Frontline's.
fn read_attempt(statement: &Value) -> Option<AttemptFacts> {
    let id = statement.get("id")?.as_str()?.to_ascii_lowercase();
    let account = statement.pointer("/actor/account")?;
    let learner = account.get("name")?.as_str()?.to_string();
    let home_page = account.get("homePage").and_then(Value::as_str).unwrap_or_default().to_string();
    let verb = statement.pointer("/verb/id")?.as_str()?;
    if ![xapi::VERB_PASSED, xapi::VERB_FAILED, xapi::VERB_ATTEMPTED].contains(&verb) {
        return None;
    }
    let object = statement.pointer("/object/id")?.as_str()?;
    let encoded = object.strip_prefix(&xapi::activity_iri(""))?;
    let scenario = percent_encoding::percent_decode_str(encoded).decode_utf8().ok()?.into_owned();
    if scenario.is_empty() {
        return None;
    }
    let ending = statement.pointer("/result/extensions").and_then(|e| e.get(xapi::EXT_ENDING)).and_then(Value::as_str);
    let played_out = match ending {
        Some(name) => name != xapi::ending_name(None),
        None => statement.pointer("/result/completion").and_then(Value::as_bool) == Some(true),
    };
    let context = statement.pointer("/context/extensions");
    let mode_name = context.and_then(|c| c.get(xapi::EXT_MODE)).and_then(Value::as_str);
    let mode = Mode::ALL.into_iter().find(|&m| Some(xapi::mode_name(m)) == mode_name);
    let mut skills = [None; 6];
    for (slot, (_, iri)) in skills.iter_mut().zip(xapi::SKILL_EXTENSIONS) {
        *slot = context.and_then(|c| c.get(iri)).and_then(Value::as_u64).map(|s| s.min(100) as u8);
    }
    Some(AttemptFacts {
        id,
        learner,
        home_page,
        scenario,
        mode,
        passed: verb == xapi::VERB_PASSED || statement.pointer("/result/success") == Some(&Value::Bool(true)),
        played_out,
        resolved: ending == Some(xapi::ending_name(Some(crate::scenario::Ending::Resolved))),
        skills,
    })
}

/// The UTC day of a statement's `timestamp`.
fn statement_day(statement: &Value) -> Option<jiff::civil::Date> {
    let text = statement.get("timestamp")?.as_str()?;
    Some(crate::progress::parse_utc(text)?.to_zoned(jiff::tz::TimeZone::UTC).date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Attempt, Mode};
    use crate::scenario::Ending;

    fn attempt(id: u128, scenario: &str, ending: Option<Ending>, stars: u8, fcr: u8, date: &str) -> Attempt {
        let skills = Skill::ALL
            .iter()
            .map(|&s| (s, if s == Skill::FirstContactResolution { fcr } else { 60 + id as u8 }))
            .collect();
        Attempt {
            scenario: scenario.into(),
            seed: 1,
            picks: vec![0],
            ending,
            final_mood: 70,
            satisfaction: 4,
            stars,
            skills,
            date: date.into(),
            mode: Mode::Practice,
            undos: 0,
            id: uuid::Uuid::from_u128(id).to_string(),
            played_secs: 60,
            content_hash: String::new(),
            notes: Vec::new(),
        }
    }

    fn statement(profile: &str, a: &Attempt) -> Value {
        xapi::statement(profile, a, None, xapi::DEFAULT_HOME_PAGE)
    }

    const DAY: &str = "2026-11-18T09:30:00Z";

    #[test]
    fn figures_per_learner_from_frontline_statements() {
        let statements = vec![
            statement("Ana", &attempt(1, "wrong-door", Some(Ending::Resolved), 3, 100, DAY)),
            statement("Ana", &attempt(2, "wrong-door", Some(Ending::Resolved), 1, 40, DAY)),
            statement("Ana", &attempt(3, "late refund", Some(Ending::Walkout), 0, 0, DAY)),
            statement("Ana", &attempt(4, "late refund", None, 0, 100, DAY)),
            statement("Ben", &attempt(5, "wrong-door", Some(Ending::Resolved), 3, 100, DAY)),
        ];
        let cohort = aggregate(&statements, None);
        assert_eq!((cohort.statements, cohort.ignored), (5, 0));
        let names: Vec<&str> = cohort.learners.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Ana", "Ben"]);
        let ana = &cohort.learners[0];
        assert_eq!((ana.attempts, ana.played_out, ana.passes), (4, 3, 1));
        assert_eq!(ana.scenarios["wrong-door"], ScenarioFigures { attempts: 2, passes: 1 });
        assert_eq!(ana.scenarios["late refund"], ScenarioFigures { attempts: 2, passes: 0 }, "decoded from the IRI");
        assert_eq!(ana.first_contact_rate, Some(33), "1 of 3 played out; the abandoned one does not count");
        // Played-out attempts only: acknowledgment 61, 62, 63.
        assert_eq!(ana.skills[0], SkillAverage { skill: Skill::Acknowledgment, average: Some(62.0) });
        let fcr = ana.skills.iter().find(|s| s.skill == Skill::FirstContactResolution).unwrap();
        assert_eq!(fcr.average, Some(46.7));
        assert_eq!(cohort.learners[1].first_contact_rate, Some(100));
    }

    #[test]
    fn each_statement_id_counts_once_and_others_statements_are_left_out() {
        let a = statement("Ana", &attempt(1, "wrong-door", Some(Ending::Resolved), 3, 100, DAY));
        let mut shouting = a.clone();
        shouting["id"] = Value::String(a["id"].as_str().unwrap().to_uppercase());
        let mut foreign = a.clone();
        foreign["id"] = "00000000-0000-4000-8000-000000000009".into();
        foreign["object"]["id"] = "https://elsewhere.example/course/1".into();
        let mut no_account = statement("Ana", &attempt(2, "wrong-door", Some(Ending::Resolved), 3, 100, DAY));
        no_account["actor"] = serde_json::json!({"mbox": "mailto:a@example.com"});
        let cohort = aggregate(&[a.clone(), a, shouting, foreign, no_account, Value::Null], None);
        assert_eq!((cohort.statements, cohort.ignored), (1, 5));
        assert_eq!(cohort.learners[0].attempts, 1);
    }

    #[test]
    fn since_keeps_statements_from_that_utc_day_on() {
        let statements = vec![
            statement("Ana", &attempt(1, "wrong-door", Some(Ending::Resolved), 3, 100, "2026-11-17T23:59:59Z")),
            statement("Ana", &attempt(2, "wrong-door", Some(Ending::Resolved), 3, 100, "2026-11-18T00:00:00Z")),
            statement("Ana", &attempt(3, "wrong-door", Some(Ending::Resolved), 3, 100, "no date")),
        ];
        let since = jiff::civil::date(2026, 11, 18);
        let cohort = aggregate(&statements, Some(since));
        assert_eq!((cohort.statements, cohort.ignored), (1, 2));
        assert_eq!(aggregate(&statements, None).statements, 3);
    }

    #[test]
    fn attempts_are_counted_per_mode_the_statements_name() {
        let mut mentored = attempt(2, "wrong-door", Some(Ending::Resolved), 3, 100, DAY);
        mentored.mode = Mode::Mentor;
        let mut tested = attempt(3, "wrong-door", Some(Ending::Resolved), 3, 100, DAY);
        tested.mode = Mode::Test;
        let mut unnamed = statement("Ana", &attempt(4, "wrong-door", Some(Ending::Resolved), 3, 100, DAY));
        unnamed["context"]["extensions"][xapi::EXT_MODE] = "freestyle".into();
        let statements = [
            statement("Ana", &attempt(1, "wrong-door", Some(Ending::Resolved), 3, 100, DAY)),
            statement("Ana", &mentored),
            statement("Ana", &tested),
            unnamed,
        ];
        let cohort = aggregate(&statements, None);
        let ana = &cohort.learners[0];
        assert_eq!(ana.attempts, 4);
        let modes: Vec<(Mode, usize)> = ana.modes.iter().map(|(m, n)| (*m, *n)).collect();
        assert_eq!(modes, [(Mode::Practice, 1), (Mode::Mentor, 1), (Mode::Test, 1)], "a mode not ours is not counted");
    }

    #[test]
    fn the_same_name_under_two_home_pages_is_two_learners() {
        let a = attempt(1, "wrong-door", Some(Ending::Resolved), 3, 100, DAY);
        let b = attempt(2, "wrong-door", Some(Ending::Resolved), 3, 100, DAY);
        let statements = [statement("Ana", &a), xapi::statement("Ana", &b, None, "https://other.example/")];
        assert_eq!(aggregate(&statements, None).learners.len(), 2);
    }
}
