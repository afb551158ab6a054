//! A conversation: the log, the customer card with the mood gauge, the desk, the
//! coach's note and the numbered replies. In mentor mode every mood change is shown
//! in the log with its reason as it happens.

mod desk;

pub use desk::{desk_max_scroll, desk_page};

use super::mood_gauge::MoodGauge;
use super::notes::{note_lines, notes_from, render_note_field};
use super::text::{clean_line, truncate, wrap};
use super::theme::Theme;
use super::{block, centered, frame_areas, hanging, hint_line, render_footer, render_header};
use crate::app::{App, PlayScreen, note_place};
use crate::engine::{MoodEvent, Speaker, minutes_text};
use crate::progress::Mode;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

/// Where each part of the play screen goes. Computed the same way for drawing and
/// for scrolling limits.
struct Areas {
    header: Rect,
    log: Rect,
    /// The customer card, or in the compact layout a two-line customer strip.
    customer: Rect,
    desk: Rect,
    coach: Rect,
    replies: Rect,
    footer: Rect,
    /// Small terminal: no side column, sections separated by a rule instead of boxes.
    compact: bool,
}

/// Wide and tall enough for the side column with the customer card and the desk.
const WIDE: u16 = 72;
const TALL: u16 = 20;
/// The narrowest side column.
const SIDE: u16 = 32;

/// A boxed section, or in the compact layout a titled rule above it.
fn section(theme: Theme, title: &str, compact: bool) -> Block<'static> {
    if compact { block(theme, title).borders(Borders::TOP) } else { block(theme, title) }
}

fn areas(play: &PlayScreen, mode: Mode, area: Rect) -> Areas {
    let [header, body, footer] = frame_areas(area);
    let compact = area.width < WIDE || area.height < TALL;
    let frame = |r: Rect| section(Theme::plain(), "", compact).inner(r);
    let reply_lines = reply_lines(play, Theme::plain(), usize::from(frame(body).width)).len() as u16;
    let chrome = body.height - frame(body).height;
    if play.desk_view {
        // The desk in full over the whole body, the replies still below it.
        let replies_h = (reply_lines + chrome).min(body.height * 2 / 5).max(chrome + 1);
        let [desk, replies] = body.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(replies_h)]));
        let none = Rect::new(body.x, body.y, 0, 0);
        return Areas { header, log: none, customer: none, desk, coach: none, replies, footer, compact };
    }
    let coach_lines = |column: Rect| {
        coach_note(play, mode).map_or(0, |c| wrap(&super::text::clean(&c), usize::from(frame(column).width)).len())
            as u16
    };
    if !compact {
        let replies_h = (reply_lines + chrome).min(body.height / 2);
        let [upper, replies] = body.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(replies_h)]));
        let side = (area.width * 35 / 100).clamp(SIDE, 2 * SIDE);
        let [left, side] = upper.layout(&Layout::horizontal([Constraint::Min(0), Constraint::Length(side)]));
        // The coach's note sits under the log and takes at most three fifths of its column.
        let coach_h = match coach_lines(left) {
            0 => 0,
            n => (n + chrome).min(left.height * 3 / 5),
        };
        let [log, coach] = left.layout(&Layout::vertical([Constraint::Min(0), Constraint::Length(coach_h)]));
        let [customer, desk] = side.layout(&Layout::vertical([Constraint::Length(5), Constraint::Min(0)]));
        return Areas { header, log, customer, desk, coach, replies, footer, compact };
    }
    // Compact: customer strip, log, the coach (at least a line of it, its rule saying
    // when the rest is cut), then the desk when there is room.
    let [customer, rest] = body.layout(&Layout::vertical([Constraint::Length(2), Constraint::Min(0)]));
    let replies_h = (reply_lines + chrome).min((rest.height / 2).max(2));
    let room = rest.height.saturating_sub(replies_h);
    let coach_h = match coach_lines(rest) {
        0 => 0,
        // Too short for a line of the note: the footer's `d` hint names it instead.
        n if room >= 5 => (n + chrome).min((room / 3).max(chrome + 1)),
        _ => 0,
    };
    let desk_rows = (play.run.known_facts().len() + play.run.explored_options().len()) as u16;
    let desk_h = if desk_rows > 0 && room - coach_h >= 7 { (desk_rows + chrome).min((room - coach_h) / 3) } else { 0 };
    let [log, coach, desk, replies] = rest.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(coach_h),
        Constraint::Length(desk_h),
        Constraint::Length(replies_h),
    ]));
    Areas { header, log, customer, desk, coach, replies, footer, compact }
}

pub fn render(app: &App, play: &PlayScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let a = areas(play, app.mode(), area);
    let turn = play.run.state().turn;
    render_header(app, &play.run.scenario().title, Some(format!("reply {}", turn + 1)), a.header, buf);
    if play.desk_view {
        desk::render_desk_view(theme, play, app.mode(), a.desk, buf);
    } else {
        render_log(app, play, &a, buf);
        if a.compact {
            render_strip(app, play, a.customer, buf);
        } else {
            render_card(app, play, a.customer, buf);
        }
        desk::render_desk(theme, play, &a, buf);
        render_coach(theme, play, app.mode(), &a, buf);
    }
    render_replies(theme, play, &a, buf);
    if let Some(field) = &play.note_field {
        render_footer(app, &[("Enter", "save the note"), ("Esc", "cancel"), ("F1", "help")], a.footer, buf);
        let place =
            format!("{}: saved with the attempt, shown here in the conversation.", note_place(play.run.picks().len()));
        let [_, body, _] = frame_areas(area);
        render_note_field(theme, ("Mentor's note", &upper_first(&place)), field, body, buf);
    } else if play.confirm_leave {
        render_footer(app, &[("y", "leave and save as abandoned"), ("n", "keep playing")], a.footer, buf);
        render_confirm(theme, area, buf);
    } else {
        let coach_hidden = !play.desk_view && a.coach.is_empty() && coach_note(play, app.mode()).is_some();
        let hints = hints(play, app.mode(), coach_hidden);
        render_footer(app, &fit_hints(&hints, usize::from(a.footer.width)), a.footer, buf);
    }
}

/// The play screen's key hints, each with a rank: when the footer is too narrow the
/// highest ranks go first, so replying, the desk, help and leaving always show.
/// When the window is too short to show any of the coach's note, `d` names it.
fn hints(play: &PlayScreen, mode: Mode, coach_hidden: bool) -> Vec<(&'static str, &'static str, u8)> {
    let mut hints = vec![("1-9", "reply", 0), ("↑↓ Enter", "choose", 3)];
    if play.desk_view {
        hints.extend([("PgUp/PgDn", "scroll", 1), ("d/Esc", "conversation", 0)]);
    } else {
        hints.extend([("PgUp/PgDn", "log", 2), ("d", if coach_hidden { "coach note" } else { "desk" }, 0)]);
    }
    if mode == Mode::Mentor {
        hints.extend([("u", "undo", 2), ("n", "note", 2)]);
    }
    hints.extend([("?", "help", 1), ("q", "leave", 1)]);
    hints
}

/// The hints that fit in `width` columns, dropping the highest ranks first.
fn fit_hints<'a>(hints: &[(&'a str, &'a str, u8)], width: usize) -> Vec<(&'a str, &'a str)> {
    let mut kept: Vec<_> = hints.to_vec();
    let used = |kept: &[(&str, &str, u8)]| -> usize {
        kept.iter().map(|(k, w, _)| super::text::width(k) + 1 + super::text::width(w)).sum::<usize>()
            + 2 * kept.len().saturating_sub(1)
    };
    while used(&kept) > width && kept.len() > 1 {
        let Some(worst) = kept.iter().enumerate().max_by_key(|(i, h)| (h.2, *i)).map(|(i, _)| i) else { break };
        kept.remove(worst);
    }
    kept.into_iter().map(|(k, w, _)| (k, w)).collect()
}

/// The coach's note for where the conversation is, unless the mode hides it: a
/// test is the trainee's own work.
fn coach_note(play: &PlayScreen, mode: Mode) -> Option<String> {
    if mode == Mode::Test { None } else { play.run.coach_note() }
}

fn render_coach(theme: Theme, play: &PlayScreen, mode: Mode, a: &Areas, buf: &mut Buffer) {
    let Some(note) = coach_note(play, mode) else { return };
    if a.coach.is_empty() {
        return;
    }
    let mut coach = section(theme, "Coach", a.compact);
    let inner = coach.inner(a.coach);
    let lines: Vec<Line> = wrap(&super::text::clean(&note), usize::from(inner.width))
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.coach())))
        .collect();
    if lines.len() > usize::from(inner.height) {
        // Never cut silently. Compact sections have no bottom border, so the mark goes
        // beside the title there.
        let mark = Line::from(Span::styled(" … more: press d ", theme.muted()));
        coach = if a.compact { coach.title(mark.right_aligned()) } else { coach.title_bottom(mark) };
    }
    Paragraph::new(lines).block(coach).render(a.coach, buf);
}

/// How far the log can scroll back at this terminal size.
pub fn max_scroll(play: &PlayScreen, mode: Mode, size: Size) -> usize {
    let a = areas(play, mode, Rect::new(0, 0, size.width, size.height));
    let inner = section(Theme::plain(), "", a.compact).inner(a.log);
    let lines = log_lines(play, mode, Theme::plain(), usize::from(inner.width)).len();
    lines.saturating_sub(usize::from(inner.height))
}

fn event_lines(theme: Theme, event: &MoodEvent, width: usize) -> Vec<Line<'static>> {
    let delta = event.change.delta;
    let lead = Span::styled(format!("    {delta:+} "), theme.delta(delta));
    let text = format!("{}: {}", event.change.rule.label(), event.change.reason);
    hanging(lead, &text, theme.muted(), width)
}

/// The conversation, wrapped to `width`, oldest first, with the mentor's notes
/// where they were written. In mentor mode each agent reply is followed by the
/// mood changes it caused.
fn log_lines(play: &PlayScreen, mode: Mode, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let run = &play.run;
    let mentor = mode == Mode::Mentor;
    let customer = format!("{}: ", clean_line(run.first_name()));
    let mut lines = Vec::new();
    let events_of = |turn: u32, lines: &mut Vec<Line<'static>>| {
        for event in run.events().iter().filter(|e| e.turn == turn) {
            lines.extend(event_lines(theme, event, width));
        }
    };
    if mentor {
        events_of(0, &mut lines);
    }
    let mut agent_turn = 0;
    for utterance in run.transcript() {
        let lead = match utterance.speaker {
            Speaker::Customer => Span::styled(customer.clone(), theme.customer()),
            Speaker::Agent => Span::styled("You: ", theme.agent()),
            Speaker::Narrator => Span::styled("» ", theme.narrator()),
        };
        if utterance.speaker == Speaker::Agent {
            // Notes written before this reply, after what the customer said.
            lines.extend(note_lines(&play.notes, agent_turn as usize, theme, width));
        }
        lines.extend(hanging(lead, &utterance.text, Style::new(), width));
        if utterance.speaker == Speaker::Agent {
            agent_turn += 1;
            if mentor {
                // The time a reply costs, as it happens: the clock is part of the score.
                if let Some(turn) = run.turns().get(agent_turn as usize - 1) {
                    let text = format!(
                        "took {}, {} so far",
                        minutes_text(turn.minutes),
                        minutes_text(clock_after(run, agent_turn))
                    );
                    lines.extend(hanging(Span::styled("    · ", theme.muted()), &text, theme.muted(), width));
                }
                events_of(agent_turn, &mut lines);
            }
        }
    }
    // Notes since the last reply, and any on replies since taken back.
    lines.extend(notes_from(&play.notes, agent_turn as usize, theme, width));
    lines
}

/// `text` with its first letter a capital.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Simulated minutes on the clock after reply `turn`.
fn clock_after(run: &crate::engine::Run, turn: u32) -> u32 {
    run.turns().iter().take(turn as usize).map(|t| t.minutes).sum()
}

fn render_log(app: &App, play: &PlayScreen, a: &Areas, buf: &mut Buffer) {
    let theme = app.theme();
    let area = a.log;
    let mut log_block = section(theme, "Conversation", a.compact);
    let inner = log_block.inner(area);
    let lines = log_lines(play, app.mode(), theme, usize::from(inner.width));
    let height = usize::from(inner.height);
    let scroll = play.scroll.min(lines.len().saturating_sub(height));
    let end = lines.len() - scroll;
    let start = end.saturating_sub(height);
    // On the border: below the log when boxed, beside the title when compact (a
    // bottom title there would take the newest line's row).
    let marks = [(start > 0, " ▲ PgUp: earlier "), (scroll > 0, " ▼ PgDn: newer ")];
    for (i, (show, text)) in marks.into_iter().enumerate() {
        if !show {
            continue;
        }
        let mut mark = Line::from(Span::styled(text, theme.muted()));
        if i == 1 || a.compact {
            mark = mark.right_aligned();
        }
        log_block = if a.compact { log_block.title(mark) } else { log_block.title_bottom(mark) };
    }
    Paragraph::new(lines[start..end].to_vec()).block(log_block).render(area, buf);
}

/// The mood change of the last reply, shown on the gauge in mentor mode.
fn last_delta(play: &PlayScreen, mode: Mode) -> Option<i32> {
    let turn = play.run.state().turn;
    if mode != Mode::Mentor || turn == 0 {
        return None;
    }
    Some(play.run.events().iter().filter(|e| e.turn == turn).map(|e| e.change.delta).sum())
}

fn render_card(app: &App, play: &PlayScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let card = block(theme, "Customer");
    let inner = card.inner(area);
    card.render(area, buf);
    let width = usize::from(inner.width);
    let run = &play.run;
    let lines = vec![
        Line::from(Span::styled(truncate(&clean_line(run.customer_name()), width), theme.bold())),
        Line::from(Span::styled(
            format!("{} · {} min so far", run.scenario().channel.label(), run.state().clock),
            theme.muted(),
        )),
    ];
    let [text, gauge] = inner.layout(&Layout::vertical([Constraint::Length(2), Constraint::Length(1)]));
    Paragraph::new(lines).render(text, buf);
    MoodGauge::new(run.state().mood).delta(last_delta(play, app.mode())).theme(theme).render(gauge, buf);
}

/// The narrow layout's customer line and mood gauge.
fn render_strip(app: &App, play: &PlayScreen, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let run = &play.run;
    let [who, gauge] = area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1)]));
    let text =
        format!("{} · {} · {} min", clean_line(run.customer_name()), run.scenario().channel.label(), run.state().clock);
    Line::from(Span::styled(truncate(&text, usize::from(who.width)), theme.bold())).render(who, buf);
    let [label, bar] = gauge.layout(&Layout::horizontal([Constraint::Length(6), Constraint::Min(0)]));
    Line::from(Span::styled("Mood ", theme.bold())).render(label, buf);
    MoodGauge::new(run.state().mood).delta(last_delta(play, app.mode())).theme(theme).render(bar, buf);
}

/// The numbered replies, each wrapped with its number hanging, plus the line on
/// which each reply starts.
fn reply_lines(play: &PlayScreen, theme: Theme, width: usize) -> Vec<(usize, Line<'static>)> {
    let replies = play.run.replies();
    if replies.is_empty() {
        return vec![(0, Line::from(Span::styled("No reply is possible here.", theme.muted())))];
    }
    let mut lines = Vec::new();
    for (i, reply) in replies.iter().enumerate() {
        let selected = i == play.selected;
        let style = if selected { theme.selected() } else { Style::new() };
        let lead = Span::styled(format!("{}. ", i + 1), if selected { theme.selected() } else { theme.key() });
        for line in hanging(lead, &reply.text, style, width) {
            lines.push((i, line));
        }
    }
    lines
}

fn render_replies(theme: Theme, play: &PlayScreen, a: &Areas, buf: &mut Buffer) {
    let area = a.replies;
    let mut replies_block = section(theme, "Your reply", a.compact);
    let inner = replies_block.inner(area);
    let lines = reply_lines(play, theme, usize::from(inner.width));
    let height = usize::from(inner.height);
    // Keep the highlighted reply in view when the list is taller than the panel.
    let first = lines.iter().position(|(i, _)| *i == play.selected).unwrap_or(0);
    let last = lines.iter().rposition(|(i, _)| *i == play.selected).unwrap_or(0);
    let offset = (last + 1).saturating_sub(height).min(first);
    // Replies not (wholly) in view, above and below: numbers still pick them.
    let end = offset + height;
    let count = play.run.replies().len();
    let whole = |n: usize| {
        let first = lines.iter().position(|(i, _)| *i == n).unwrap_or(0);
        let last = lines.iter().rposition(|(i, _)| *i == n).unwrap_or(0);
        first >= offset && last < end
    };
    let above: Vec<usize> = (0..count).filter(|&n| !whole(n) && n < play.selected).collect();
    let below: Vec<usize> = (0..count).filter(|&n| !whole(n) && n > play.selected).collect();
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).map(|(_, l)| l).collect();
    if let Some(mark) = more_mark(&above, &below, usize::from(area.width).saturating_sub(14)) {
        replies_block = replies_block.title(Line::from(Span::styled(mark, theme.muted())).right_aligned());
    }
    Paragraph::new(shown).block(replies_block).render(area, buf);
}

/// `1-3` for replies 0, 1 and 2 (shown from 1).
fn numbers(replies: &[usize]) -> Option<String> {
    match replies {
        [] => None,
        [one] => Some(format!("{}", one + 1)),
        [first, .., last] => Some(format!("{}-{}", first + 1, last + 1)),
    }
}

/// The mark on the replies panel when some replies are out of view, as long as
/// fits in `room` columns: which numbers are hidden and that they still work.
fn more_mark(above: &[usize], below: &[usize], room: usize) -> Option<String> {
    let parts: Vec<String> = [("↑", numbers(above)), ("↓", numbers(below))]
        .into_iter()
        .filter_map(|(arrow, n)| n.map(|n| format!("{arrow} {n}")))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let list = parts.join(" · ");
    let arrow = if below.is_empty() { "↑" } else { "↓" };
    [format!(" more: {list} (press the number or {arrow}) "), format!(" more: {list} "), format!(" {arrow} more ")]
        .into_iter()
        .find(|m| super::text::width(m) <= room)
}

fn render_confirm(theme: Theme, area: Rect, buf: &mut Buffer) {
    let popup = centered(area, 52, 7);
    Clear.render(popup, buf);
    let width = usize::from(popup.width.saturating_sub(2));
    let mut lines: Vec<Line> = wrap("Leave this conversation? It is saved as an abandoned attempt.", width)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    lines.push(hint_line(theme, &[("y", "leave"), ("n", "keep playing")]));
    Paragraph::new(lines).block(block(theme, "Leave?")).render(popup, buf);
}
