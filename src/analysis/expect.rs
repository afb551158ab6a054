//! A scenario's own tests (`tests: [...]`), played through a real `Run` like
//! `frontline run --pick`.

use super::{Finding, Place};
use crate::engine::{PickError, Rules, Run};
use crate::scenario::{Ending, Scenario, ScenarioTest, TestKind};
use serde::Serialize;

/// What one scenario test did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestOutcome {
    /// Position in the scenario's `tests`.
    pub index: usize,
    pub name: String,
    pub kind: TestKind,
    pub passed: bool,
    /// How the conversation ended (`None`: not over).
    pub ending: Option<Ending>,
    pub final_mood: i32,
    /// Picks that were played before the test stopped.
    pub picks_played: usize,
    /// Why the test failed.
    pub problem: Option<String>,
}

impl TestOutcome {
    /// The error for a failed test, located at the test in the file.
    pub fn finding(&self) -> Option<Finding> {
        let problem = self.problem.as_ref()?;
        Some(Finding::error(Place::Test(self.index), format!("test \"{}\" failed: {problem}", self.name)))
    }
}

/// Endings as the file writes them (`Resolved`, `Callback`…).
fn ending_text(ending: Option<Ending>) -> String {
    ending.map_or_else(|| "not over".to_string(), |e| format!("{e:?}"))
}

fn pick_problem(n: usize, fragment: &str, err: &PickError) -> String {
    let listed = |available: &[String]| available.iter().map(|r| format!("\"{r}\"")).collect::<Vec<_>>().join(", ");
    match err {
        PickError::NoMatch { available, .. } => {
            format!("pick {n} (\"{fragment}\") matches no available reply; the replies were: {}", listed(available))
        }
        PickError::Ambiguous { available, .. } => {
            format!("pick {n} (\"{fragment}\") matches more than one reply; the replies were: {}", listed(available))
        }
        other => format!("pick {n} (\"{fragment}\"): {other}"),
    }
}

/// Plays one test with its seed (1 when it has none) and checks what it expects.
pub fn run_test(scenario: &Scenario, rules: &Rules, index: usize, test: &ScenarioTest) -> TestOutcome {
    let mut run = Run::new(scenario.clone(), rules.clone(), test.seed.unwrap_or(1));
    let mut problem = None;
    let mut played = 0;
    for (i, fragment) in test.picks.iter().enumerate() {
        if run.is_over() {
            problem = Some(format!(
                "the conversation ended ({}, mood {}) after pick {i}; pick {} (\"{fragment}\") was never used",
                ending_text(run.state().ending),
                run.state().mood,
                i + 1
            ));
            break;
        }
        if let Err(err) = run.pick(fragment) {
            problem = Some(pick_problem(i + 1, fragment, &err));
            break;
        }
        played += 1;
    }
    let state = run.state();
    let (ending, mood) = (state.ending, state.mood);
    if problem.is_none() {
        problem = match ending {
            None => Some(format!(
                "the conversation is not over after all {} pick(s): it is at node \"{}\" with mood {mood}; expected {}",
                test.picks.len(),
                state.node,
                ending_text(Some(test.expect))
            )),
            Some(e) if e != test.expect => Some(format!(
                "expected {} but the conversation ended {} with mood {mood}",
                ending_text(Some(test.expect)),
                ending_text(Some(e))
            )),
            Some(e) => match (test.min_mood, test.max_mood) {
                (Some(min), _) if mood < min => {
                    Some(format!("final mood {mood} ({}) is below min_mood {min}", ending_text(Some(e))))
                }
                (_, Some(max)) if mood > max => {
                    Some(format!("final mood {mood} ({}) is above max_mood {max}", ending_text(Some(e))))
                }
                _ => None,
            },
        };
    }
    TestOutcome {
        index,
        name: test.name.clone(),
        kind: test.kind,
        passed: problem.is_none(),
        ending,
        final_mood: mood,
        picks_played: played,
        problem,
    }
}

/// Plays every test of the scenario, in order.
pub fn run_tests(scenario: &Scenario, rules: &Rules) -> Vec<TestOutcome> {
    scenario.tests.iter().enumerate().map(|(i, t)| run_test(scenario, rules, i, t)).collect()
}
