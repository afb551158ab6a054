//! The debrief: how it ended, the customer's final mood and rating, stars, a score
//! per skill, and every mood change with the rule and the principle behind it.

use super::text::{bar, clean_line, wrap};
use super::theme::Theme;
use super::{block, frame_areas, hanging, render_footer, render_header, render_scrolled, stars};
use crate::app::{App, DebriefScreen};
use crate::engine::{Speaker, mood_word};
use crate::progress::Mode;
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
    let lines = lines(screen, theme, usize::from(debrief_block.inner(body).width));
    let marks = (" ▼ more below ", Some(" ▲ more above "));
    render_scrolled(theme, debrief_block, lines, screen.scroll, marks, body, buf);
    let mut hints = vec![("↑↓ PgUp/PgDn Home/End", "scroll"), ("Enter/Esc", "library")];
    if app.mode() == Mode::Mentor {
        hints.push(("u", "undo last reply"));
    }
    hints.push(("?", "help"));
    render_footer(app, &hints, footer, buf);
}

fn inner(size: Size) -> Rect {
    let [_, body, _] = frame_areas(Rect::new(0, 0, size.width, size.height));
    Block::bordered().inner(body)
}

/// How far the debrief can scroll at this terminal size.
pub fn max_scroll(screen: &DebriefScreen, size: Size) -> usize {
    let inner = inner(size);
    let total = lines(screen, Theme::plain(), usize::from(inner.width)).len();
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

/// The whole debrief as lines wrapped to `width`.
fn lines(screen: &DebriefScreen, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let d = &screen.debrief;
    let run = &screen.run;
    let mut out = Vec::new();

    let ending = match d.ending {
        Some(e) if d.first_contact => format!("{}, in the first contact", e.label()),
        Some(e) => e.label().to_string(),
        None => "Left unfinished".to_string(),
    };
    out.push(field(theme, "Ending:", vec![Span::styled(ending, theme.bold())]));
    out.push(field(
        theme,
        "Final mood:",
        vec![
            Span::styled(format!("{} {}", d.final_mood, mood_word(d.final_mood)), theme.mood(d.final_mood).bold()),
            Span::styled(format!(" (started at {} {})", d.start_mood, mood_word(d.start_mood)), theme.muted()),
        ],
    ));
    out.push(field(theme, "Satisfaction:", vec![Span::raw(format!("{}/5 from the customer", d.satisfaction))]));
    out.push(field(
        theme,
        "Stars:",
        vec![Span::styled(stars(d.stars), theme.stars()), Span::raw(format!(" {} of 3", d.stars))],
    ));
    out.push(field(
        theme,
        "Took:",
        vec![Span::raw(format!(
            "{} repl{} · {} simulated minute{}",
            d.turns,
            if d.turns == 1 { "y" } else { "ies" },
            d.minutes,
            if d.minutes == 1 { "" } else { "s" }
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
    out.push(Line::from(Span::styled("Mood changes", theme.heading())));
    if d.events.is_empty() {
        out.push(Line::from(Span::styled("  None: the customer's mood never moved.", theme.muted())));
    }
    let mut explained: BTreeSet<&str> = BTreeSet::new();
    for event in &d.events {
        let when = if event.turn == 0 { "Start".to_string() } else { format!("Reply {}", event.turn) };
        let delta = event.change.delta;
        let lead = vec![
            Span::raw(format!("  {when:<9}")),
            Span::styled(format!("{delta:>+4}  "), theme.delta(delta).bold()),
            Span::styled(event.change.rule.label().to_string(), theme.bold()),
        ];
        out.push(Line::from(lead));
        let indent = Span::raw(" ".repeat(17));
        out.extend(hanging(indent.clone(), &event.change.reason, Style::new(), width));
        if explained.insert(event.change.rule.principle()) {
            out.extend(hanging(indent, &format!("Why: {}", event.change.rule.principle()), theme.muted(), width));
        }
    }
    out
}
