//! The debrief as plain lines: what the debrief screen shows, in words a screen
//! reader reads well ("3 stars of 3", not a row of symbols), one fact a line.

use crate::engine::{Debrief, MoodChange, Run, Speaker, THREE_STAR_GAP, TWO_STAR_GAP, minutes_text, mood_word};
use crate::progress::{Mode, Note, PASS_STARS};
use crate::scenario::Ending;
use std::collections::BTreeSet;

/// What became of the attempt: whose it is, how it was played, and whether it was
/// saved, passed and unlocked anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub profile: String,
    pub mode: Mode,
    pub undos: u32,
    pub passed: bool,
    /// Titles of the scenarios this attempt's pass unlocked.
    pub unlocked: Vec<String>,
    /// The attempt's short id once saved, or why it could not be.
    pub saved: Result<String, String>,
    pub notes: Vec<Note>,
}

fn quoted(text: &str) -> String {
    format!("\u{201c}{text}\u{201d}")
}

/// The whole debrief, a line each.
pub fn debrief_lines(run: &Run, d: &Debrief, verdict: &Verdict) -> Vec<String> {
    let mut out = vec![format!("Debrief: {}", run.scenario().title)];
    let ending = d.ending_text();
    out.push(format!("Ending: {ending}."));
    // An unsolved problem is not a satisfied customer, whatever the mood says.
    let feeling = if d.ending == Some(Ending::Resolved) {
        mood_word(d.final_mood).to_lowercase()
    } else {
        "problem not solved".to_string()
    };
    out.push(format!(
        "Final mood: {}, {feeling}. It started at {}, {}.",
        d.final_mood,
        d.start_mood,
        mood_word(d.start_mood).to_lowercase()
    ));
    let capped = if d.ending == Some(Ending::Resolved) { "" } else { ", 3 at most when the problem is not solved" };
    out.push(format!("Satisfaction: {} of 5 from the customer{capped}.", d.satisfaction));
    out.push(format!("Stars: {} of 3.", d.stars));
    out.push(match d.best_possible {
        Some(best) => format!(
            "Best possible here: {best}; you: {}. Resolved within {THREE_STAR_GAP} of the best earns 3 stars, within {TWO_STAR_GAP} earns 2.",
            d.final_mood
        ),
        None => "No resolved ending can be reached from this start, so the stars use fixed moods.".to_string(),
    });
    out.push(format!("Progress: {}", progress(verdict)));
    let replies = if d.turns == 1 { "1 reply".to_string() } else { format!("{} replies", d.turns) };
    out.push(format!("Took: {replies}, {} simulated.", minutes_text(d.minutes)));
    out.push(match &verdict.saved {
        Ok(id) => format!("Saved: in {}'s profile, as attempt {id}, {} mode.", verdict.profile, verdict.mode.name()),
        Err(e) => format!("Not saved: your progress could not be saved: {e}"),
    });
    if let Some(last) = run.transcript().iter().rev().find(|u| u.speaker != Speaker::Agent) {
        let who = match last.speaker {
            Speaker::Customer => format!("{}: ", run.first_name()),
            _ => String::new(),
        };
        out.push(format!("Last words: {who}{}", last.text));
    }
    if let Some(note) = run.coach_note() {
        out.push(format!("Coach: {note}"));
    }

    out.push(String::new());
    out.push("Skills:".to_string());
    for skill in &d.skills {
        out.push(format!("{}: {} of 100. {}", skill.skill.label(), skill.score, skill.comment));
    }

    out.push(String::new());
    out.push("Reply by reply:".to_string());
    if d.events.is_empty() {
        out.push("No rule moved the customer's mood.".to_string());
    }
    let mut explained = BTreeSet::new();
    let opening: Vec<MoodChange> = d.events.iter().filter(|e| e.turn == 0).map(|e| e.change.clone()).collect();
    if !opening.is_empty() {
        out.push("Before the first reply:".to_string());
        push_changes(&mut out, &opening, &mut explained);
    }
    for step in &d.steps {
        out.push(format!(
            "Reply {}, {}, mood {} after: {}",
            step.turn,
            minutes_text(step.minutes),
            step.mood_after,
            quoted(&step.reply)
        ));
        push_changes(&mut out, &step.events, &mut explained);
        if let Some(better) = &step.better {
            out.push(format!(
                "  Better here: {}, which could still reach mood {}.",
                quoted(&better.text),
                better.final_mood
            ));
        }
    }

    if !verdict.notes.is_empty() {
        out.push(String::new());
        out.push("Notes:".to_string());
        for note in &verdict.notes {
            let at = match note.turn {
                0 => "Before the first reply".to_string(),
                n => format!("After reply {n}"),
            };
            out.push(format!("{at}: {}", note.text));
        }
    }
    out
}

/// Passed, and what it unlocked; or why it is not a pass.
fn progress(verdict: &Verdict) -> String {
    if verdict.undos > 0 {
        let taken = if verdict.undos == 1 { "1 reply".to_string() } else { format!("{} replies", verdict.undos) };
        format!("{taken} taken back: a coached attempt, kept in your history but never a pass or your best.")
    } else if verdict.passed {
        match verdict.unlocked.as_slice() {
            [] => "Passed.".to_string(),
            titles => {
                format!("Passed. This unlocks: {}.", titles.iter().map(|t| quoted(t)).collect::<Vec<_>>().join(", "))
            }
        }
    } else if verdict.mode == Mode::Mentor {
        "Mentor mode: only practice and test attempts count as passes.".to_string()
    } else {
        format!("Not a pass yet: {PASS_STARS} stars in practice or test mode pass a scenario.")
    }
}

/// Each change with its rule and reason, and the principle behind a rule the first
/// time it comes up.
fn push_changes(out: &mut Vec<String>, changes: &[MoodChange], explained: &mut BTreeSet<&'static str>) {
    for change in changes {
        out.push(format!("  {}, {}: {}", change.rule.label(), super::direction(change.delta), change.reason));
        if explained.insert(change.rule.principle()) {
            out.push(format!("  Why: {}", change.rule.principle()));
        }
    }
}
