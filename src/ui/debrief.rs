//! The debrief: how it ended, the customer's final mood and rating, stars, a score
//! per skill, and every mood change with the rule and the principle behind it.

use super::mood_curve::mood_curve_lines;
use super::notes::{indented, note_lines, notes_from, render_note_field};
use super::text::{bar, clean_line, wrap};
use super::theme::Theme;
use super::{block, frame_areas, hanging, render_footer, render_header, render_scrolled, stars};
use crate::app::{App, DebriefScreen};
use crate::engine::{Debrief, MoodChange, Speaker, THREE_STAR_GAP, TWO_STAR_GAP, minutes_text, mood_word};
use crate::progress::{Mode, PASS_STARS};
use crate::scenario::Ending;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use std::collections::BTreeSet;

pub fn render(app: &App, screen: &DebriefScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let [header, body, footer] = frame_areas(area);
    render_header(app, &format!("Debrief: {}", clean_line(&screen.run.scenario().title)), None, header, buf);
    let debrief_block = block(theme, "Debrief");
    let lines = lines(app, screen, theme, debrief_block.inner(body).as_size());
    let marks = (" ▼ more below ", Some(" ▲ more above "));
    render_scrolled(theme, debrief_block, lines, screen.scroll, marks, body, buf);
    if let Some(field) = &screen.note_field {
        render_footer(app, &[("Enter", "save the note"), ("Esc", "cancel"), ("F1", "help")], footer, buf);
        let place = "On the whole attempt: saved with it, shown after the last reply.";
        render_note_field(theme, ("Mentor's note", place), field, body, buf);
        return;
    }
    let mut hints = vec![("↑↓ PgUp/PgDn Home/End", "scroll"), ("Enter/Esc", "library")];
    if app.mode() == Mode::Mentor {
        hints.extend([("u", "undo last reply"), ("n", "note")]);
    }
    hints.push(("?", "help"));
    render_footer(app, &hints, footer, buf);
}

fn inner(size: Size) -> Rect {
    let [_, body, _] = frame_areas(Rect::new(0, 0, size.width, size.height));
    Block::bordered().inner(body)
}

/// How far the debrief can scroll at this terminal size.
pub fn max_scroll(app: &App, screen: &DebriefScreen, size: Size) -> usize {
    let inner = inner(size);
    let total = lines(app, screen, Theme::plain(), inner.as_size()).len();
    total.saturating_sub(usize::from(inner.height))
}

/// How far PgUp/PgDn move: the panel's height less one line, kept in view as context.
pub fn page(size: Size) -> usize {
    usize::from(inner(size).height.saturating_sub(1)).max(1)
}

fn field(theme: Theme, label: &str, value: Vec<Span<'static>>) -> Line<'static> {
    let mut spans = vec![Span::styled(format!("{label:<14}"), theme.bold())];
    spans.extend(value);
    Line::from(spans)
}

/// The whole debrief as lines wrapped to the panel's width; the mood chart's
/// height follows the panel's.
fn lines(app: &App, screen: &DebriefScreen, theme: Theme, panel: Size) -> Vec<Line<'static>> {
    let width = usize::from(panel.width);
    let d = &screen.debrief;
    let run = &screen.run;
    let mut out = Vec::new();

    let ending = d.ending_text();
    out.push(field(theme, "Ending:", vec![Span::styled(ending, theme.bold())]));
    // An unsolved problem is not a satisfied customer, whatever the mood says.
    let feeling = if d.ending == Some(Ending::Resolved) { mood_word(d.final_mood) } else { "problem not solved" };
    out.push(field(
        theme,
        "Final mood:",
        vec![
            Span::styled(format!("{} {feeling}", d.final_mood), theme.mood(d.final_mood).bold()),
            Span::styled(format!(" (started at {} {})", d.start_mood, mood_word(d.start_mood)), theme.muted()),
        ],
    ));
    let capped = if d.ending == Some(Ending::Resolved) { "" } else { " (3 at most when unsolved)" };
    out.push(field(theme, "Satisfaction:", vec![Span::raw(format!("{}/5 from the customer{capped}", d.satisfaction))]));
    out.push(field(
        theme,
        "Stars:",
        vec![Span::styled(stars(d.stars), theme.stars()), Span::raw(format!(" {} of 3", d.stars))],
    ));
    let yardstick = match d.best_possible {
        Some(best) => format!(
            "Best possible here: {best}; you: {}. Resolved within {THREE_STAR_GAP} of the best: 3 stars; \
             within {TWO_STAR_GAP}: 2.",
            d.final_mood
        ),
        None => "No resolved ending can be reached from this start, so stars use fixed moods.".to_string(),
    };
    out.extend(hanging(Span::raw(" ".repeat(14)), &yardstick, theme.muted(), width));
    let verdict = if screen.undos > 0 {
        format!(
            "{} taken back: a coached attempt, kept in your history but never a pass or your best.",
            if screen.undos == 1 { "1 reply".to_string() } else { format!("{} replies", screen.undos) }
        )
    } else if screen.passed {
        match screen.unlocked.as_slice() {
            [] => "Passed.".to_string(),
            titles => format!(
                "Passed. This unlocks: {}.",
                titles.iter().map(|t| format!("\u{201c}{}\u{201d}", clean_line(t))).collect::<Vec<_>>().join(", ")
            ),
        }
    } else if app.mode() == Mode::Mentor {
        "Mentor mode: only practice- and test-mode attempts count as passes.".to_string()
    } else {
        format!("Not a pass yet: {PASS_STARS} stars in practice or test mode are a pass.")
    };
    let style = if screen.passed { theme.bold() } else { theme.muted() };
    out.extend(hanging(Span::styled(format!("{:<14}", "Progress:"), theme.bold()), &verdict, style, width));
    out.push(field(
        theme,
        "Took:",
        vec![Span::raw(format!(
            "{} repl{} · {} simulated",
            d.turns,
            if d.turns == 1 { "y" } else { "ies" },
            minutes_text(d.minutes)
        ))],
    ));
    match &screen.save_error {
        None => out.push(field(theme, "Saved:", vec![Span::raw("to your profile")])),
        Some(e) => {
            let lead = Span::styled(format!("{:<14}", "Not saved:"), theme.error());
            out.extend(hanging(lead, &format!("your progress could not be saved: {e}"), theme.error(), width));
        }
    }
    let last = run.transcript().iter().rev().find(|u| u.speaker != Speaker::Agent);
    if let Some(last) = last {
        let who = match last.speaker {
            Speaker::Customer => format!("{}:", clean_line(run.first_name())),
            _ => "»".to_string(),
        };
        let lead = Span::styled(format!("{:<14}", "Last words:"), theme.bold());
        out.extend(hanging(lead, &format!("{who} {}", last.text), Style::new(), width));
    }
    if let Some(note) = run.coach_note() {
        let lead = Span::styled(format!("{:<14}", "Coach:"), theme.bold());
        out.extend(hanging(lead, &note, theme.coach(), width));
    }
    out.extend(mood_section(d, theme, panel));

    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Skills", theme.heading())));
    let label_w = 28;
    let wide = width >= label_w + 16 + 30;
    for skill in &d.skills {
        let (full, empty) = bar(u32::from(skill.score), 100, 10);
        let score = vec![
            Span::styled(full, theme.score(skill.score)),
            Span::styled(empty, theme.muted()),
            Span::styled(format!(" {:>3} ", skill.score), theme.bold()),
        ];
        let name = format!("  {:<w$}", skill.skill.label(), w = label_w - 2);
        if wide {
            let lead = Span::styled(name.clone(), theme.bold());
            let mut first = true;
            for line in wrap(&skill.comment, width - label_w - 15) {
                let mut spans = vec![if first { lead.clone() } else { Span::raw(" ".repeat(label_w)) }];
                spans.extend(if first { score.clone() } else { vec![Span::raw(" ".repeat(15))] });
                spans.push(Span::styled(line, theme.muted()));
                out.push(Line::from(spans));
                first = false;
            }
        } else {
            let mut spans = vec![Span::styled(name, theme.bold())];
            spans.extend(score);
            out.push(Line::from(spans));
            out.extend(hanging(Span::raw("    "), &skill.comment, theme.muted(), width));
        }
    }

    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Reply by reply", theme.heading())));
    if d.events.is_empty() {
        out.push(Line::from(Span::styled("  No rule moved the customer's mood.", theme.muted())));
    }
    let mut explained: BTreeSet<&str> = BTreeSet::new();
    let indent = Span::raw(" ".repeat(9));
    let notes = &screen.attempt.notes;
    let note_width = width.saturating_sub(9);
    let opening: Vec<_> = d.events.iter().filter(|e| e.turn == 0).map(|e| e.change.clone()).collect();
    let opening_notes = note_lines(notes, 0, theme, note_width);
    if !opening.is_empty() || !opening_notes.is_empty() {
        out.push(Line::from(Span::styled("  Start", theme.bold())));
        push_changes(&mut out, &opening, &mut explained, theme, width);
        out.extend(indented(opening_notes, 9));
    }
    for step in &d.steps {
        out.push(Line::from(vec![
            Span::styled(format!("  Reply {}", step.turn), theme.bold()),
            Span::styled(format!("  · {} · mood {} after", minutes_text(step.minutes), step.mood_after), theme.muted()),
        ]));
        out.extend(hanging(indent.clone(), &format!("\u{201c}{}\u{201d}", step.reply), theme.quote(), width));
        push_changes(&mut out, &step.events, &mut explained, theme, width);
        if let Some(better) = &step.better {
            let text = format!("Better here: \u{201c}{}\u{201d} → {} at best", better.text, better.final_mood);
            out.extend(hanging(indent.clone(), &text, theme.coach(), width));
        }
        out.extend(indented(note_lines(notes, step.turn as usize, theme, note_width), 9));
    }
    // Notes on replies taken back since they were written.
    out.extend(indented(notes_from(notes, d.steps.len() + 1, theme, note_width), 9));
    out
}

/// Mood changes under a reply: the change, the rule, the reason, and the principle
/// the first time a rule's principle comes up.
fn push_changes(
    out: &mut Vec<Line<'static>>,
    changes: &[MoodChange],
    explained: &mut BTreeSet<&'static str>,
    theme: Theme,
    width: usize,
) {
    let indent = Span::raw(" ".repeat(15));
    for change in changes {
        out.push(Line::from(vec![
            Span::raw(" ".repeat(9)),
            Span::styled(format!("{:>+4}  ", change.delta), theme.delta(change.delta).bold()),
            Span::styled(change.rule.label().to_string(), theme.bold()),
        ]));
        out.extend(hanging(indent.clone(), &change.reason, Style::new(), width));
        if explained.insert(change.rule.principle()) {
            out.extend(hanging(indent.clone(), &format!("Why: {}", change.rule.principle()), theme.muted(), width));
        }
    }
}

/// How many of the replies that moved the mood most the chart marks.
pub const MARKED_MOVES: usize = 3;

/// The mood over the conversation as a chart, with the replies that moved it most
/// marked on it and listed under it with the rules behind them.
fn mood_section(d: &Debrief, theme: Theme, panel: Size) -> Vec<Line<'static>> {
    let width = usize::from(panel.width);
    let mut out = vec![
        Line::raw(""),
        Line::from(vec![
            Span::styled("Mood over the conversation", theme.heading()),
            Span::styled(" · after each reply, 0 the start", theme.muted()),
        ]),
    ];
    let curve = d.mood_curve();
    let moves = d.largest_moves(MARKED_MOVES);
    let marks: Vec<usize> = moves.iter().map(|m| m.turn as usize).collect();
    // A third of the panel high (so at 80×24 it shows whole with the summary above),
    // with its row of reply numbers.
    let rows = (panel.height / 3).clamp(4, 12) + 1;
    out.extend(mood_curve_lines(&[("Mood", &curve)], &marks, panel.width.min(100), rows, theme));
    if moves.is_empty() {
        out.push(Line::from(Span::styled("  No reply moved the mood.", theme.muted())));
        return out;
    }
    out.push(Line::from(Span::styled("  Moved it most (marked on the chart):", theme.bold())));
    for m in moves {
        let lead = [
            Span::styled(format!("  Reply {:<3}", m.turn), theme.bold()),
            Span::styled(format!("{:>+4}  ", m.delta), theme.delta(m.delta).bold()),
        ];
        let indent = lead.iter().map(|s| super::text::width(&s.content)).sum::<usize>();
        for (i, part) in wrap(&m.reason(), width.saturating_sub(indent).max(1)).into_iter().enumerate() {
            let mut spans = if i == 0 { lead.to_vec() } else { vec![Span::raw(" ".repeat(indent))] };
            spans.push(Span::styled(part, theme.muted()));
            out.push(Line::from(spans));
        }
    }
    out
}
