//! The replay screen: a saved attempt step by step. The conversation up to the
//! step shown, the mood after it (bar, number and word), the mood changes of that
//! step with their reasons, and the mentor's notes written there. When the
//! scenario has changed or is gone, the refusal and what the attempt itself holds.

use super::history::{ending_word, when};
use super::mood_gauge::MoodGauge;
use super::text::{clean_line, truncate};
use super::theme::Theme;
use super::{block, frame_areas, hanging, render_footer, render_header, render_scrolled, stars};
use crate::app::{App, ReplayScreen};
use crate::engine::{MoodEvent, Run, Speaker, mood_word};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// From this width on, the step's details sit beside the conversation.
const WIDE: u16 = 100;

struct Areas {
    summary: Rect,
    mood: Rect,
    conversation: Rect,
    step: Rect,
}

fn areas(app: &App, screen: &ReplayScreen, area: Rect) -> Areas {
    let [_, body, _] = frame_areas(area);
    let [summary, mood, panes] =
        body.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]));
    let (conversation, step) = if area.width >= WIDE {
        let side = (panes.width * 2 / 5).min(50);
        let [left, right] = panes.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]));
        (left, right)
    } else {
        let wanted = step_lines(app.theme(), screen, usize::from(panes.width.saturating_sub(2))).len() as u16 + 2;
        let height = wanted.min(panes.height / 2);
        let [top, bottom] = panes.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(height)]));
        (top, bottom)
    };
    Areas { summary, mood, conversation, step }
}

fn screen_rect(size: Size) -> Rect {
    Rect::new(0, 0, size.width, size.height)
}

/// The scrolling panel: the conversation, or the refusal when there is none.
fn scroll_inner(app: &App, screen: &ReplayScreen, size: Size) -> Rect {
    let area = screen_rect(size);
    if screen.run().is_none() {
        let [_, body, _] = frame_areas(area);
        return Block::bordered().inner(body);
    }
    Block::bordered().inner(areas(app, screen, area).conversation)
}

fn scroll_lines(app: &App, screen: &ReplayScreen, width: usize) -> usize {
    match screen.run() {
        Some(run) => conversation_lines(Theme::plain(), run, screen.step, width).len(),
        None => refusal_lines(app, Theme::plain(), screen, width).len(),
    }
}

/// How far the conversation (or the refusal) can scroll at this terminal size.
pub fn max_scroll(app: &App, screen: &ReplayScreen, size: Size) -> usize {
    let inner = scroll_inner(app, screen, size);
    scroll_lines(app, screen, usize::from(inner.width)).saturating_sub(usize::from(inner.height))
}

/// How far PgUp/PgDn move: the panel's height less one line.
pub fn page(app: &App, screen: &ReplayScreen, size: Size) -> usize {
    usize::from(scroll_inner(app, screen, size).height.saturating_sub(1)).max(1)
}

pub fn render(app: &App, screen: &ReplayScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let [header, body, footer] = frame_areas(area);
    render_header(
        app,
        &format!("Replay: {}", clean_line(&screen.title)),
        Some(screen.attempt.short_id().to_string()),
        header,
        buf,
    );
    let Some(run) = screen.run() else {
        let frame = Block::bordered()
            .border_style(theme.border())
            .title(Line::from(Span::styled(" Cannot replay this attempt ", theme.error())));
        let lines = refusal_lines(app, theme, screen, usize::from(frame.inner(body).width));
        render_scrolled(theme, frame, lines, screen.scroll, (" ▼ more ", Some(" ▲ more ")), body, buf);
        render_footer(app, &[("↑↓", "scroll"), ("Esc", "history"), ("?", "help")], footer, buf);
        return;
    };
    let a = areas(app, screen, area);
    let width = usize::from(a.summary.width);
    Line::from(Span::styled(truncate(&summary(screen), width), theme.muted())).render(a.summary, buf);
    render_mood(theme, screen, a.mood, buf);
    render_conversation(theme, screen, run, a.conversation, buf);
    let step_block = block(theme, &step_title(screen));
    let lines = step_lines(theme, screen, usize::from(step_block.inner(a.step).width));
    render_scrolled(theme, step_block, lines, 0, (" ▼ more ", None), a.step, buf);
    let hints =
        [("←→", "step"), ("Home/End", "first/last"), ("PgUp/PgDn", "scroll"), ("Esc", "history"), ("?", "help")];
    render_footer(app, &hints, footer, buf);
}

/// `practice · 2026-03-12 14:05 · resolved · ★★☆ · final mood 72 Satisfied · a pass`.
/// An attempt saved before scenarios were fingerprinted ends with `scenario
/// unchecked (old save)`: its replay cannot be checked against the scenario played.
fn summary(screen: &ReplayScreen) -> String {
    let attempt = &screen.attempt;
    let mut parts = vec![
        attempt.mode.name().to_string(),
        when(attempt),
        ending_word(attempt.ending).to_string(),
        stars(attempt.stars),
        format!("final mood {} {}", attempt.final_mood, mood_word(attempt.final_mood)),
    ];
    if attempt.passed() {
        parts.push("a pass".to_string());
    }
    if screen.replay.as_ref().is_ok_and(|r| !r.verified) {
        parts.push("scenario unchecked (old save)".to_string());
    }
    parts.join(" · ")
}

fn step_title(screen: &ReplayScreen) -> String {
    match screen.step {
        0 => "Opening".to_string(),
        n => format!("Reply {n}"),
    }
}

/// `Reply 2 of 4  Mood ████░░ 62 Satisfied (+8)`.
fn render_mood(theme: Theme, screen: &ReplayScreen, area: Rect, buf: &mut Buffer) {
    let last = screen.last_step();
    let label = match screen.step {
        0 => format!("Opening (of {last} replies) · mood "),
        n => format!("Reply {n} of {last} · mood after "),
    };
    let label_width = super::text::width(&label) as u16;
    let [left, right] = area.layout(&Layout::horizontal([Constraint::Length(label_width), Constraint::Min(0)]));
    Line::from(Span::styled(label, theme.bold())).render(left, buf);
    let Some(mood) = screen.mood_at(screen.step) else { return };
    let before = screen.step.checked_sub(1).and_then(|s| screen.mood_at(s));
    MoodGauge::new(mood).delta(before.map(|b| mood - b)).theme(theme).render(right, buf);
}

/// The conversation up to and including the reply of `step` and what the customer
/// said to it: everything before the next reply.
fn conversation_lines(theme: Theme, run: &Run, step: usize, width: usize) -> Vec<Line<'static>> {
    let customer = format!("{}: ", clean_line(run.first_name()));
    let mut lines = Vec::new();
    let mut replies = 0;
    for utterance in run.transcript() {
        if utterance.speaker == Speaker::Agent {
            replies += 1;
            if replies > step {
                break;
            }
        }
        // This step's reply and what followed it stand out; what came before is quieter.
        let current = replies == step;
        let lead = match utterance.speaker {
            Speaker::Customer => Span::styled(customer.clone(), theme.customer()),
            Speaker::Agent if current => Span::styled(format!("You ({replies}): "), theme.agent()),
            Speaker::Agent => Span::styled(format!("You ({replies}): "), theme.muted()),
            Speaker::Narrator => Span::styled("» ", theme.narrator()),
        };
        let style = if current { Style::new() } else { theme.muted() };
        lines.extend(hanging(lead, &utterance.text, style, width));
    }
    lines
}

fn render_conversation(theme: Theme, screen: &ReplayScreen, run: &Run, area: Rect, buf: &mut Buffer) {
    let mut frame = block(theme, "Conversation so far");
    let inner = frame.inner(area);
    let lines = conversation_lines(theme, run, screen.step, usize::from(inner.width));
    let height = usize::from(inner.height);
    let scroll = screen.scroll.min(lines.len().saturating_sub(height));
    let end = lines.len() - scroll;
    let start = end.saturating_sub(height);
    if start > 0 {
        frame = frame.title_bottom(Line::from(Span::styled(" ▲ ↑: earlier ", theme.muted())));
    }
    if scroll > 0 {
        frame = frame.title_bottom(Line::from(Span::styled(" ▼ ↓: later ", theme.muted())).right_aligned());
    }
    Paragraph::new(lines[start..end].to_vec()).block(frame).render(area, buf);
}

fn event_lines(theme: Theme, event: &MoodEvent, width: usize) -> Vec<Line<'static>> {
    let delta = event.change.delta;
    let lead = Span::styled(format!("{delta:+4} "), theme.delta(delta).bold());
    let text = format!("{}: {}", event.change.rule.label(), event.change.reason);
    hanging(lead, &text, Style::new(), width)
}

/// The step's mood changes with their reasons, then the notes written there.
fn step_lines(theme: Theme, screen: &ReplayScreen, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let events = screen.events();
    if events.is_empty() {
        lines.push(Line::styled("No mood change at this step.", theme.muted()));
    }
    for event in events {
        lines.extend(event_lines(theme, event, width));
    }
    let notes = screen.notes();
    if !notes.is_empty() {
        lines.push(Line::styled("Mentor's notes", theme.heading()));
        lines.extend(super::notes::chosen_lines(notes, theme, width));
    }
    lines
}

/// `text` with a capital letter and a full stop, as a sentence on its own.
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    let end = if text.ends_with('.') { "" } else { "." };
    format!("{first}{}{end}", chars.as_str())
}

fn field(theme: Theme, label: &str, value: String, width: usize) -> Vec<Line<'static>> {
    hanging(Span::styled(format!("{label:<14}"), theme.bold()), &value, Style::new(), width)
}

/// Why the attempt cannot be replayed, then everything the attempt itself holds.
fn refusal_lines(app: &App, theme: Theme, screen: &ReplayScreen, width: usize) -> Vec<Line<'static>> {
    let attempt = &screen.attempt;
    let mut lines = Vec::new();
    if let Err(e) = &screen.replay {
        lines.extend(hanging(Span::raw(""), &sentence(&e.to_string()), theme.error(), width));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("What the attempt holds", theme.heading()));
    let scenario = match app.library().get(&attempt.scenario) {
        Some(s) => format!("{} ({})", s.scenario.title, attempt.scenario),
        None => attempt.scenario.clone(),
    };
    let ending = attempt.ending.map_or("left unfinished", |e| e.label());
    let replies = match attempt.picks.len() {
        1 => "1 reply".to_string(),
        n => format!("{n} replies"),
    };
    let fields = [
        ("Played:", format!("{} · {} mode", when(attempt), attempt.mode.name())),
        ("Scenario:", scenario),
        ("Ending:", format!("{ending} after {replies}")),
        ("Final mood:", format!("{} {}", attempt.final_mood, mood_word(attempt.final_mood))),
        ("Satisfaction:", format!("{}/5", attempt.satisfaction)),
        (
            "Stars:",
            format!(
                "{} {} of 3{}",
                stars(attempt.stars),
                attempt.stars,
                if attempt.passed() { ", a pass" } else { "" }
            ),
        ),
    ];
    for (label, value) in fields {
        lines.extend(field(theme, label, value, width));
    }
    if !attempt.notes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Mentor's notes", theme.heading()));
        for note in &attempt.notes {
            let at = match note.turn {
                0 => "Opening:".to_string(),
                n => format!("Reply {n}:"),
            };
            lines.extend(hanging(Span::styled(format!("{at:<10}"), theme.bold()), &note.text, theme.coach(), width));
        }
    }
    lines
}
