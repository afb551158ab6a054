//! `frontline run`: a scenario played without a terminal, as a transcript or JSON.

use super::{Common, emit, find_scenario, load_rules};
use crate::engine::{Debrief, Run, Speaker, minutes_text, mood_word};
use std::process::ExitCode;

/// `frontline run`: plays the picks and prints the transcript or JSON.
pub(crate) fn headless(
    common: &Common,
    name: &str,
    seed: u64,
    picks: &[String],
    json: bool,
    profile: Option<&str>,
) -> Result<ExitCode, String> {
    let started = std::time::Instant::now();
    let rules = load_rules(common)?;
    let scenario = find_scenario(common, name)?;
    let mut run = Run::new(scenario, rules, seed);
    for (i, fragment) in picks.iter().enumerate() {
        if run.is_over() {
            return Err(format!(
                "the conversation ended after {i} pick(s); pick {} (\"{fragment}\") was not used",
                i + 1
            ));
        }
        run.pick(fragment).map_err(|e| format!("pick {} (\"{fragment}\"): {e}", i + 1))?;
    }
    let out = if json { result_json(&run) } else { transcript_text(&run) };
    emit(&out);
    if let Some(name) = profile {
        record(common, name, &run, started.elapsed().as_secs())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Saves the headless attempt in the profile `name` (created if new), so scripts can
/// build a history. Said on stderr, so `--json` output stays a document.
fn record(common: &Common, name: &str, run: &Run, played_secs: u64) -> Result<(), String> {
    let name = name.trim();
    if !crate::progress::is_valid_profile_name(name) {
        return Err(format!("--profile needs a printable name of 1 to {} characters", crate::progress::MAX_NAME_CHARS));
    }
    let dir = crate::progress::data_dir(common.data_dir.as_deref()).map_err(|e| e.to_string())?;
    // Another `run --profile` holds the folder only while it saves: wait for it.
    let patience = std::time::Duration::from_secs(10);
    let (mut store, mut save, set_aside) =
        crate::progress::Store::open_waiting(&dir, patience).map_err(|e| e.to_string())?;
    for problem in set_aside {
        eprintln!("frontline: {}", crate::text::sanitize(&problem.to_string()));
    }
    let debrief = crate::analysis::debrief(run);
    let mut attempt = crate::progress::Attempt::from_run(run, &debrief, crate::progress::Mode::Practice);
    attempt.played_secs = played_secs;
    let name = match (save.profile(name), save.same_person_as(name)) {
        (Some(profile), _) => profile.name.clone(),
        (None, Some(other)) => {
            return Err(crate::progress::ProgressError::SamePerson {
                name: name.to_string(),
                existing: other.name.clone(),
            }
            .to_string());
        }
        (None, None) => crate::progress::tidy_name(name),
    };
    // Queued before it is saved: a kill in between then leaves a statement for an
    // attempt that was played, never a saved attempt the LRS will not hear of.
    queue_for_lrs(&dir, &name, &attempt, run);
    store.record(&mut save, &name, &attempt).map_err(|e| e.to_string())?;
    eprintln!(
        "frontline: recorded in profile \"{}\" as attempt {} ({})",
        crate::text::sanitize(&name),
        attempt.id,
        dir.display()
    );
    Ok(())
}

/// Queues the saved attempt for the LRS, when one is configured (`frontline sync`
/// sends it). The attempt is saved whatever happens here: a problem is a warning.
pub(super) fn queue_for_lrs(dir: &std::path::Path, profile: &str, attempt: &crate::progress::Attempt, run: &Run) {
    let config = match crate::config::Config::load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("frontline: warning: not queued for the LRS: {}", crate::text::sanitize(&e));
            return;
        }
    };
    let scenario = run.scenario();
    let activity =
        crate::xapi::ActivityInfo { title: &scenario.title, summary: &scenario.summary, track: &scenario.track };
    match crate::outbox::queue_attempt(dir, &config, profile, attempt, Some(&activity)) {
        Ok(true) => {
            let waiting = crate::outbox::Outbox::new(dir).count();
            eprintln!("frontline: queued for the LRS ({waiting} waiting; `frontline sync` sends them)");
        }
        Ok(false) => {}
        Err(e) => eprintln!("frontline: warning: not queued for the LRS: {e}"),
    }
}

/// The transcript and result of a run, as plain text.
pub fn transcript_text(run: &Run) -> String {
    let sc = run.scenario();
    let d = crate::analysis::debrief(run);
    let mut out = String::new();
    out += &format!(
        "{} ({}) - {}, difficulty {}/5, seed {}\n",
        sc.title,
        sc.id,
        sc.channel.label(),
        sc.difficulty,
        run.seed()
    );
    out += &format!(
        "Customer: {}, starting mood {} ({})\n\n",
        run.customer_name(),
        run.start_mood(),
        mood_word(run.start_mood())
    );
    let event_line = |change: &crate::engine::MoodChange| {
        format!("    {:+} {}: {}\n", change.delta, change.rule.label(), change.reason)
    };
    for event in run.events().iter().filter(|e| e.turn == 0) {
        out += &event_line(&event.change);
    }
    let mut steps = d.steps.iter();
    for line in run.transcript() {
        match line.speaker {
            Speaker::Customer => out += &format!("{}: {}\n", run.first_name(), line.text),
            Speaker::Narrator => out += &format!("* {}\n", line.text),
            Speaker::Agent => {
                out += &format!("You: {}\n", line.text);
                // End-of-conversation rules fire on the last reply too, so its step
                // lists them before the customer's last line.
                if let Some(step) = steps.next() {
                    out += &format!("    ({}, mood {} after)\n", minutes_text(step.minutes), step.mood_after);
                    for change in &step.events {
                        out += &event_line(change);
                    }
                    if let Some(better) = &step.better {
                        out += &format!("    Better here: \"{}\" -> {} at best\n", better.text, better.final_mood);
                    }
                }
            }
        }
    }
    out += "\n";
    out += &result_text(&d);
    if !run.is_over() {
        out += "\nNot finished. Replies available now:\n";
        for reply in run.replies() {
            out += &format!("  - {}\n", reply.text);
        }
    }
    out
}

fn result_text(d: &Debrief) -> String {
    let mut out = String::new();
    let ending = d.ending.map_or("Not finished", |e| e.label());
    let feeling = if d.ending == Some(crate::scenario::Ending::Resolved) {
        mood_word(d.final_mood)
    } else {
        "problem not solved"
    };
    let best = d.best_possible.map_or_else(|| "none resolved".to_string(), |b| b.to_string());
    out += &format!(
        "Ending: {ending}\nFinal mood: {} ({feeling}), from {}\nSatisfaction: {}/5\nStars: {}/3 (best possible here: {best}; you: {})\nReplies: {}, time: {}\n",
        d.final_mood,
        d.start_mood,
        d.satisfaction,
        d.stars,
        d.final_mood,
        d.turns,
        minutes_text(d.minutes)
    );
    out += "Skills:\n";
    for s in &d.skills {
        out += &format!("  {:<26} {:>3}  {}\n", s.skill.label(), s.score, s.comment);
    }
    out
}

/// The result of a run as JSON, for scripts and tests.
pub fn result_json(run: &Run) -> String {
    let d = crate::analysis::debrief(run);
    let mut text = serde_json::to_string_pretty(&result_value(run, &d)).expect("JSON values always serialise");
    text.push('\n');
    text
}

/// The result of a run judged by `d`, as the JSON value `run --json` prints and
/// `transcript --json` extends.
pub(crate) fn result_value(run: &Run, d: &Debrief) -> serde_json::Value {
    let steps: Vec<serde_json::Value> = d
        .steps
        .iter()
        .map(|s| {
            serde_json::json!({
                "turn": s.turn,
                "text": s.reply,
                "mood_after": s.mood_after,
                "minutes": s.minutes,
                "events": s.events,
                "better": s.better.as_ref().map(|b| serde_json::json!({"text": b.text, "final_mood": b.final_mood})),
            })
        })
        .collect();
    serde_json::json!({
        "scenario": run.scenario().id,
        "seed": run.seed(),
        "customer": run.customer_name(),
        "picks": run.picks(),
        "ending": d.ending,
        "start_mood": d.start_mood,
        "final_mood": d.final_mood,
        "satisfaction": d.satisfaction,
        "stars": d.stars,
        "best_possible": d.best_possible,
        "turns": d.turns,
        "minutes": d.minutes,
        "first_contact": d.first_contact,
        "skills": d.skills.iter().map(|s| (format!("{:?}", s.skill), serde_json::Value::from(s.score))).collect::<serde_json::Map<_, _>>(),
        "events": d.events,
        "transcript": run.transcript(),
        "steps": steps,
        "replies": run.replies().iter().map(|r| r.text.clone()).collect::<Vec<_>>(),
        "finished": run.is_over(),
    })
}
