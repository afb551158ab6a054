//! `frontline transcript`: a saved attempt as Markdown a mentor can read and
//! annotate away from the terminal (or, with `--json`, the same structured): the
//! conversation turn by turn with the mood after each reply, every mood change with
//! its reason, the better reply where one existed, the mentor's notes where they were
//! written, and the debrief.
//!
//! The conversation is the attempt replayed from its seed and picks. When that
//! cannot be done faithfully (the scenario changed or is gone, or other rules give
//! another ending) the transcript says so at the top, prints only what the attempt
//! itself holds, and the command exits 1.

use super::saved::{self, Saved, ending_text, local_date, pass_text, plural};
use super::{Common, emit, load_rules};
use crate::engine::{Debrief, DebriefStep, MoodChange, Run, Speaker, Utterance, minutes_text, mood_word};
use crate::progress::{Attempt, Note};
use crate::scenario::load_library;
use std::process::ExitCode;

/// The exit code when the attempt could not be shown as it was played.
pub(crate) const NOT_REPLAYED: u8 = 1;

pub(crate) fn transcript(common: &Common, query: &str, profile: Option<&str>, json: bool) -> Result<ExitCode, String> {
    let (dir, save) = super::profiles::read_save(common)?;
    let report = load_library(&common.scenarios);
    let rules = load_rules(common)?;
    let saved = saved::find(&dir, &save, profile, query, &report.library, &rules)?;
    if saved.replay.is_err() {
        warn_about_library(&report.diagnostics);
    }
    emit(&if json { transcript_json(&saved) } else { markdown(&saved) });
    match &saved.replay {
        Ok(_) => Ok(ExitCode::SUCCESS),
        Err(reason) => {
            eprintln!(
                "frontline: attempt {} is not shown as played: {}",
                saved.attempt.short_id(),
                crate::text::sanitize(reason)
            );
            Ok(ExitCode::from(NOT_REPLAYED))
        }
    }
}

/// A trainer's scenario file that did not load may be why a scenario is missing.
pub(crate) fn warn_about_library(diagnostics: &[crate::scenario::Diagnostic]) {
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("frontline: warning: {}", crate::text::sanitize(&d.to_string()));
    }
}

/// What was said before one reply (the customer, or the game), and the reply's
/// debrief step; the last exchange has no step when lines follow the last reply.
pub(crate) struct Exchange<'a> {
    pub said: Vec<&'a Utterance>,
    pub step: Option<&'a DebriefStep>,
}

/// The conversation cut at each reply.
pub(crate) fn exchanges<'a>(run: &'a Run, debrief: &'a Debrief) -> Vec<Exchange<'a>> {
    let mut steps = debrief.steps.iter();
    let mut out = Vec::new();
    let mut said = Vec::new();
    for line in run.transcript() {
        if line.speaker == Speaker::Agent {
            out.push(Exchange { said: std::mem::take(&mut said), step: steps.next() });
        } else {
            said.push(line);
        }
    }
    if !said.is_empty() {
        out.push(Exchange { said, step: None });
    }
    out
}

/// Escapes what Markdown would read as markup (or raw HTML) in text from a
/// scenario or a note. Text is always written after a label, so only its later
/// lines can start a heading, list or quote.
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = false;
    for c in text.chars() {
        let block_marker = line_start && matches!(c, '#' | '>' | '-' | '+' | '=');
        if block_marker || matches!(c, '\\' | '`' | '*' | '_' | '<' | '[' | ']' | '|') {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n';
    }
    out
}

/// A note as a Markdown block quote, every line of it quoted.
fn quote(label: &str, text: &str) -> String {
    format!("> **{label}:** {}\n\n", md(text.trim_end()).replace('\n', "\n> "))
}

fn note_label(turn: usize) -> String {
    if turn == 0 { "Note, before the first reply".to_string() } else { format!("Note, after reply {turn}") }
}

/// "up 6", "down 6", "unchanged".
fn change_text(mood: i32, before: i32) -> String {
    match mood - before {
        0 => "unchanged".to_string(),
        d if d > 0 => format!("up {d}"),
        d => format!("down {}", -d),
    }
}

/// "48, uneasy (down 6)".
fn mood_after(mood: i32, before: i32) -> String {
    format!("{mood}, {} ({})", mood_word(mood).to_lowercase(), change_text(mood, before))
}

fn event_line(change: &MoodChange) -> String {
    format!("- {:+} {}: {}\n", change.delta, md(change.rule.label()), md(&change.reason))
}

fn header(s: &Saved, run: Option<&Run>) -> String {
    let a = &s.attempt;
    let mut out = format!("# Transcript: {}\n\n", md(&s.title));
    match (&s.replay, &s.caution) {
        (Err(reason), _) => {
            out += &format!(
                "> **Not the conversation.** {}. What follows is only what the attempt itself holds: its result, \
                 its notes and the replies it picked, not the lines, moods or reasons of a conversation.\n\n",
                md(&capitalised(reason))
            );
        }
        (Ok(_), Some(caution)) => out += &format!("> **Caution:** {}.\n\n", md(&capitalised(caution))),
        (Ok(_), None) => {}
    }
    let mut scenario = format!("{} (`{}`)", md(&s.title), a.scenario);
    if let Some(run) = run {
        let sc = run.scenario();
        scenario += &format!(", {}, difficulty {}/5", sc.channel.label().to_lowercase(), sc.difficulty);
    }
    out += &format!("- **Scenario:** {scenario}\n");
    out += &format!("- **Profile:** {}\n", md(&s.profile));
    out += &format!("- **Date:** {} (local time)\n", local_date(a));
    out += &format!("- **Mode:** {}\n", a.mode.name());
    out += &format!("- **Seed:** {}\n", a.seed);
    out += &format!("- **Attempt:** {} (short id `{}`)\n", a.id, a.short_id());
    if let Some(run) = run {
        out += &format!(
            "- **Customer:** {}, starting mood {} ({})\n",
            md(run.customer_name()),
            run.start_mood(),
            mood_word(run.start_mood()).to_lowercase()
        );
    }
    if a.undos > 0 {
        out += &format!("- **Taken back:** {} (mentor mode)\n", plural(a.undos as usize, "reply", "replies"));
    }
    out + "\n"
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The whole transcript as Markdown.
pub(crate) fn markdown(s: &Saved) -> String {
    match &s.replay {
        Ok(run) => {
            let debrief = crate::analysis::debrief(run);
            header(s, Some(run)) + &conversation(s, run, &debrief) + &debrief_text(&s.attempt, &debrief)
        }
        Err(_) => header(s, None) + &record_only(&s.attempt),
    }
}

fn notes_at(notes: &[Note], turn: usize) -> impl Iterator<Item = &Note> {
    notes.iter().filter(move |n| n.turn == turn)
}

fn conversation(s: &Saved, run: &Run, debrief: &Debrief) -> String {
    let notes = &s.attempt.notes;
    let speaker = |line: &Utterance| match line.speaker {
        Speaker::Customer => format!("**{}:** {}\n\n", md(run.first_name()), md(&line.text)),
        _ => format!("*{}*\n\n", md(&line.text)),
    };
    let mut out = "## Conversation\n\n".to_string();
    let mut mood = run.start_mood();
    for (k, exchange) in exchanges(run, debrief).iter().enumerate() {
        let Some(step) = exchange.step else {
            out += if run.is_over() { "### The end\n\n" } else { "### Left here\n\n" };
            exchange.said.iter().for_each(|line| out += &speaker(line));
            if !run.is_over() {
                out += "The conversation was left here, unfinished, and saved as abandoned.\n\n";
            }
            continue;
        };
        out += &format!("### Turn {}\n\n", step.turn);
        exchange.said.iter().for_each(|line| out += &speaker(line));
        if k == 0 {
            let opening: Vec<_> = debrief.events.iter().filter(|e| e.turn == 0).collect();
            if !opening.is_empty() {
                out += "Before any reply:\n\n";
                opening.iter().for_each(|e| out += &event_line(&e.change));
                out.push('\n');
            }
            notes_at(notes, 0).for_each(|n| out += &quote(&note_label(0), &n.text));
        }
        out += &format!("**You:** {}\n\n", md(&step.reply));
        out += &format!("Mood after: {} · {}\n\n", mood_after(step.mood_after, mood), minutes_text(step.minutes));
        mood = step.mood_after;
        if !step.events.is_empty() {
            step.events.iter().for_each(|e| out += &event_line(e));
            out.push('\n');
        }
        if let Some(better) = &step.better {
            out += &format!(
                "**Better here:** “{}” (from there the mood could still reach {})\n\n",
                md(&better.text),
                better.final_mood
            );
        }
        let turn = step.turn as usize;
        notes_at(notes, turn).for_each(|n| out += &quote(&note_label(turn), &n.text));
    }
    // Notes past the last reply cannot be placed; they are kept, not dropped.
    let last = debrief.steps.len();
    let stray: Vec<&Note> = notes.iter().filter(|n| n.turn > last).collect();
    if !stray.is_empty() {
        out += "### Notes after the conversation\n\n";
        stray.iter().for_each(|n| out += &quote(&note_label(n.turn), &n.text));
    }
    out
}

fn debrief_text(a: &Attempt, d: &Debrief) -> String {
    let mut out = "## Debrief\n\n".to_string();
    out += &format!("- **Ending:** {}\n", ending_text(d.ending));
    let best = match d.best_possible {
        Some(best) => format!("best possible from this start: {best}; this attempt: {}", d.final_mood),
        None => "no resolved ending can be reached from this start".to_string(),
    };
    out += &format!("- **Stars:** {}/3 ({best})\n", a.stars);
    out += &format!("- **Satisfaction:** {}/5\n", a.satisfaction);
    out += &format!(
        "- **Final mood:** {}, {} ({} from {})\n",
        d.final_mood,
        mood_word(d.final_mood).to_lowercase(),
        change_text(d.final_mood, d.start_mood),
        d.start_mood
    );
    out += &format!("- **Replies:** {}, {}\n", d.turns, minutes_text(d.minutes));
    out += &format!("- **Pass:** {}\n\n", pass_text(a));
    out += "| Skill | Score | Comment |\n| --- | ---: | --- |\n";
    for skill in &d.skills {
        out += &format!("| {} | {} | {} |\n", skill.skill.label(), skill.score, md(&skill.comment));
    }
    out
}

/// What the attempt holds when its conversation cannot be shown.
fn record_only(a: &Attempt) -> String {
    let mut out = "## What the attempt holds\n\n".to_string();
    out += &format!("- **Ending:** {}\n", ending_text(a.ending));
    out += &format!("- **Final mood:** {}, {}\n", a.final_mood, mood_word(a.final_mood).to_lowercase());
    out += &format!("- **Stars:** {}/3\n", a.stars);
    out += &format!("- **Satisfaction:** {}/5\n", a.satisfaction);
    out += &format!("- **Pass:** {}\n", pass_text(a));
    let picks: Vec<String> = a.picks.iter().map(usize::to_string).collect();
    out += &format!(
        "- **Replies picked:** {} (each reply's place in its step of the scenario as it was then: {})\n\n",
        a.picks.len(),
        if picks.is_empty() { "none".to_string() } else { picks.join(", ") }
    );
    out += "| Skill | Score |\n| --- | ---: |\n";
    for (skill, score) in &a.skills {
        out += &format!("| {} | {score} |\n", skill.label());
    }
    if !a.notes.is_empty() {
        out += "\n## Notes\n\n";
        a.notes.iter().for_each(|n| out += &quote(&note_label(n.turn), &n.text));
    }
    out
}

/// The same content as the Markdown, structured: the attempt as saved, and, when it
/// could be replayed, `run --json`'s result extended with each reply's customer
/// line, mood in words and notes.
pub(crate) fn transcript_json(s: &Saved) -> String {
    let a = &s.attempt;
    let notice = match &s.replay {
        Err(reason) => Some(reason.clone()),
        Ok(_) => s.caution.clone(),
    };
    let conversation = s.replay.as_ref().ok().map(|run| {
        let debrief = crate::analysis::debrief(run);
        let mut value = super::run::result_value(run, &debrief);
        let groups = exchanges(run, &debrief);
        if let Some(steps) = value.get_mut("steps").and_then(serde_json::Value::as_array_mut) {
            for (step, exchange) in steps.iter_mut().zip(&groups) {
                let turn = step["turn"].as_u64().unwrap_or(0) as usize;
                let mood = step["mood_after"].as_i64().unwrap_or(0) as i32;
                step["before"] = serde_json::json!(exchange.said);
                step["mood_word"] = mood_word(mood).to_lowercase().into();
                step["notes"] = notes_at(&a.notes, turn).map(|n| n.text.clone()).collect::<Vec<_>>().into();
            }
        }
        let closing = groups.last().filter(|g| g.step.is_none()).map(|g| g.said.clone()).unwrap_or_default();
        value["closing"] = serde_json::json!(closing);
        value["skill_comments"] = debrief
            .skills
            .iter()
            .map(|s| (format!("{:?}", s.skill), serde_json::Value::from(s.comment.clone())))
            .collect::<serde_json::Map<_, _>>()
            .into();
        value
    });
    let value = serde_json::json!({
        "id": a.id,
        "short_id": a.short_id(),
        "profile": s.profile,
        "scenario": a.scenario,
        "title": s.title,
        "date": a.date,
        "local_date": local_date(a),
        "mode": a.mode,
        "seed": a.seed,
        "undos": a.undos,
        "content_hash": a.content_hash,
        "replayed": s.replay.is_ok(),
        "notice": notice,
        "saved": {
            "ending": a.ending,
            "final_mood": a.final_mood,
            "satisfaction": a.satisfaction,
            "stars": a.stars,
            "passed": a.passed(),
            "skills": a.skills,
            "picks": a.picks,
        },
        "notes": a.notes,
        "conversation": conversation,
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialise");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_scenario_text_and_notes_is_escaped_for_markdown() {
        assert_eq!(md("a *b* _c_ `d` <e> [f] g|h \\ i"), "a \\*b\\* \\_c\\_ \\`d\\` \\<e> \\[f\\] g\\|h \\\\ i");
        assert_eq!(md("#41, -5, 1 > 0"), "#41, -5, 1 > 0", "mid-line they are text");
        assert_eq!(md("one\n# two\n- three\n> four"), "one\n\\# two\n\\- three\n\\> four");
        assert_eq!(quote("Note", "line one\n# line two\n"), "> **Note:** line one\n> \\# line two\n\n");
    }

    #[test]
    fn the_conversation_is_cut_at_each_reply_with_the_lines_before_it() {
        let library = crate::scenario::load_library(&[]).library;
        let scenario = library.get("wrong-door").unwrap().scenario.clone();
        let mut run = Run::new(scenario, crate::engine::Rules::default(), 1);
        for fragment in ["not what delivered should mean", "numbered 41, not 14"] {
            run.pick(fragment).unwrap();
        }
        let debrief = crate::analysis::debrief(&run);
        let cut = exchanges(&run, &debrief);
        assert_eq!(cut.len(), 3, "two replies and the line after the last");
        assert_eq!(cut[0].said, [&run.transcript()[0]]);
        assert_eq!(cut[1].step.map(|s| s.reply.as_str()), Some(run.turns()[1].text.as_str()));
        assert!(cut[2].step.is_none());
        assert_eq!(cut[2].said, [run.transcript().last().unwrap()]);
        // Nothing lost, nothing twice: the lines and replies make the transcript again.
        let lines: usize = cut.iter().map(|e| e.said.len() + usize::from(e.step.is_some())).sum();
        assert_eq!(lines, run.transcript().len());
    }
}
