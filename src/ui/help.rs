//! The help overlay (`?`): the controls, the three modes, and one line per scoring
//! principle.

use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, block, hanging, hint_line, render_scrolled};
use crate::app::App;
use crate::engine::RuleId;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

const CONTROLS: [(&str, &str); 9] = [
    (
        "Library",
        "↑↓ or j/k select · Enter play · s your progress · p profiles · m mode (practice, mentor, test) · q or Esc quit",
    ),
    (
        "Playing",
        "1-9 pick a reply · ↑↓ and Enter also choose · PgUp/PgDn scroll the conversation · d the desk and the coach's note in full (d or Esc back) · u undo a reply (mentor) · n a note on this point of the conversation (mentor; Enter saves it, Esc cancels) · q or Esc leave (asks first)",
    ),
    (
        "Debrief",
        "↑↓ PgUp/PgDn Home/End scroll · u take back the last reply (mentor) · n a note on the whole attempt (mentor) · Enter, Esc or q back to the library",
    ),
    (
        "Progress",
        "Tab or ←→ the next panel (overview, skills, scenarios) · ↑↓ PgUp/PgDn scroll the scenarios · a every attempt (history) · Esc or q back",
    ),
    (
        "History",
        "↑↓ PgUp/PgDn Home/End select · Enter replay the attempt · c mark it, then c on another attempt at the same scenario to compare · Esc or q back",
    ),
    (
        "Replay",
        "→ or l the next step · ← or h the one before · Home/End the opening/the end · ↑↓ PgUp/PgDn scroll the conversation · Esc or q back",
    ),
    ("Compare", "↑↓ PgUp/PgDn Home/End scroll the replies · Esc or q back to the history"),
    (
        "Profiles",
        "↑↓ and Enter choose · n new · r rename · x or Del delete (asks first) · on a first start, type your name and Enter",
    ),
    (
        "Anywhere",
        "? or F1 this help (F1 while typing a name or a note) · Ctrl-C quit at once (a conversation is kept as abandoned)",
    ),
];

const MODES: [(&str, &str); 3] = [
    ("Practice", "scores stay hidden until the debrief."),
    (
        "Mentor",
        "each mood change and its reason appear as they happen; u takes back a reply to try another; n writes a note, saved with the attempt and shown at its turn.",
    ),
    ("Test", "no undo, no coach's note, no live scoring: the result is the trainee's own, and a pass counts."),
];

fn popup(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(84);
    let h = area.height.saturating_sub(2);
    area.centered(Constraint::Length(w), Constraint::Length(h))
}

fn lines(theme: Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(Span::styled("Controls", theme.heading()))];
    let label = |name: &str| Span::styled(format!("{name:<10}"), theme.bold());
    for (name, text) in CONTROLS {
        out.extend(hanging(label(name), text, Style::new(), width));
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Modes", theme.heading())));
    for (name, text) in MODES {
        out.extend(hanging(label(name), text, Style::new(), width));
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("How you are scored", theme.heading())));
    let mut seen: Vec<&str> = Vec::new();
    for rule in RuleId::ALL {
        let principle = rule.principle();
        if seen.contains(&principle) {
            continue;
        }
        seen.push(principle);
        let text = format!("{}: {principle}", rule.label());
        out.extend(hanging(Span::styled("• ", theme.bold()), &text, Style::new(), width));
    }
    out
}

fn inner(size: Size) -> Rect {
    let area = Rect::new(0, 0, size.width.max(MIN_WIDTH), size.height.max(MIN_HEIGHT));
    Block::bordered().inner(popup(area))
}

/// How far the help can scroll at this terminal size.
pub fn max_scroll(size: Size) -> usize {
    let inner = inner(size);
    lines(Theme::plain(), usize::from(inner.width)).len().saturating_sub(usize::from(inner.height))
}

/// How far PgUp/PgDn move: the panel's height less one line.
pub fn page(size: Size) -> usize {
    usize::from(inner(size).height.saturating_sub(1)).max(1)
}

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let area = popup(area);
    Clear.render(area, buf);
    let help_block =
        block(theme, "Help").title_bottom(hint_line(theme, &[("↑↓", "scroll"), ("Esc or ?", "close")]).right_aligned());
    let all = lines(theme, usize::from(help_block.inner(area).width));
    render_scrolled(theme, help_block, all, scroll, (" ▼ more ", None), area, buf);
}
