//! The desk: known facts and explored options in the side panel, and the desk
//! view (`d`) with every fact, option and the coach's note in full.

use super::{Areas, areas, coach_note, section};
use crate::app::PlayScreen;
use crate::progress::Mode;
use crate::ui::text::{clean_line, truncate, wrap};
use crate::ui::theme::Theme;
use crate::ui::{block, hanging};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// Known facts and explored options in the side panel: the facts the last reply
/// revealed in full first, then the others from the newest (lower on the desk) up,
/// each in full while the rest still fit on one line each, else cut to one line.
/// Whenever anything is cut, the panel says that `d` shows it all.
pub(super) fn render_desk(theme: Theme, play: &PlayScreen, a: &Areas, buf: &mut Buffer) {
    let (area, wide) = (a.desk, !a.compact);
    let mut desk = section(theme, "Desk", a.compact);
    if desk.inner(area).is_empty() {
        return;
    }
    let inner = desk.inner(area);
    let width = usize::from(inner.width);
    // Each item as (full lines, one-line form, revealed by the last reply).
    let mut items: Vec<(Vec<Line>, Line, bool)> = Vec::new();
    for fact in play.run.known_facts() {
        let lead = Span::styled(format!("{}: ", clean_line(&fact.label)), theme.bold());
        let full = flowing(lead.clone(), &fact.text, width);
        let short = truncate(&clean_line(&fact.text), width.saturating_sub(crate::ui::text::width(&lead.content)));
        items.push((full, Line::from(vec![lead, Span::raw(short)]), play.new_facts.contains(&fact.id)));
    }
    let options = play.run.explored_options();
    if options.is_empty() && wide {
        let none = Line::from(Span::styled("No option explored yet.", theme.muted()));
        items.push((vec![none.clone()], none, false));
    }
    for option in options {
        let lead = Span::styled("✓ ", theme.bold());
        let full = hanging(lead.clone(), &option.label, Style::new(), width);
        let short = Line::from(vec![lead, Span::raw(truncate(&clean_line(&option.label), width.saturating_sub(2)))]);
        items.push((full, short, false));
    }
    // Who gets full text: the just-revealed facts always, then the others from the
    // bottom up while every item after them still has a line; the rest get one line
    // each, and the oldest are left out when even that does not fit.
    let mut order: Vec<usize> = (0..items.len()).rev().collect();
    order.sort_by_key(|&i| !items[i].2);
    let mut shown: Vec<Option<bool>> = vec![None; items.len()];
    let mut room = usize::from(inner.height);
    let mut undecided = items.iter().filter(|item| !item.2).count();
    for i in order {
        let (full, _, new) = &items[i];
        if !new {
            undecided -= 1;
        }
        if *new || full.len() + undecided <= room {
            shown[i] = Some(true);
            room = room.saturating_sub(full.len());
        } else if room > 0 {
            shown[i] = Some(false);
            room -= 1;
        }
    }
    let cut = shown.iter().zip(&items).any(|(s, item)| *s != Some(true) && (s.is_none() || item.0.len() > 1));
    let lines: Vec<Line> = items
        .into_iter()
        .zip(shown)
        .flat_map(|((lines, short, _), shown)| match shown {
            Some(true) => lines,
            Some(false) => vec![short],
            None => Vec::new(),
        })
        .collect();
    if cut || lines.len() > usize::from(inner.height) {
        let mark = Line::from(Span::styled(" … all in full: d ", theme.muted()));
        desk = if a.compact { desk.title(mark.right_aligned()) } else { desk.title_bottom(mark) };
    }
    Paragraph::new(lines).block(desk).render(area, buf);
}

/// The desk view's text: the coach's note (but in test mode), every known fact and
/// every explored option, all in full.
fn desk_view_lines(play: &PlayScreen, mode: Mode, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let run = &play.run;
    let mut out = Vec::new();
    if let Some(note) = coach_note(play, mode) {
        out.push(Line::from(Span::styled("Coach's note", theme.heading())));
        out.extend(wrap(&crate::ui::text::clean(&note), width).into_iter().map(|l| Line::styled(l, theme.coach())));
        out.push(Line::raw(""));
    }
    out.push(Line::from(Span::styled("What you know", theme.heading())));
    let facts = run.known_facts();
    if facts.is_empty() {
        out.push(Line::from(Span::styled("Nothing on the desk yet.", theme.muted())));
    }
    for fact in facts {
        let new = if play.new_facts.contains(&fact.id) { " (new)" } else { "" };
        let lead = Span::styled(format!("{}{new}: ", clean_line(&fact.label)), theme.bold());
        out.extend(flowing(lead, &fact.text, width));
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Options you have put to the customer", theme.heading())));
    let options = run.explored_options();
    if options.is_empty() {
        out.push(Line::from(Span::styled("None yet.", theme.muted())));
    }
    for option in options {
        out.extend(hanging(Span::styled("✓ ", theme.bold()), &option.label, Style::new(), width));
    }
    out
}

/// The desk view's text area at this terminal size.
fn desk_view_inner(play: &PlayScreen, mode: Mode, size: Size) -> Rect {
    let a = areas(play, mode, Rect::new(0, 0, size.width, size.height));
    Block::bordered().inner(a.desk)
}

/// How far the desk view can scroll at this terminal size.
pub fn desk_max_scroll(play: &PlayScreen, mode: Mode, size: Size) -> usize {
    let inner = desk_view_inner(play, mode, size);
    desk_view_lines(play, mode, Theme::plain(), usize::from(inner.width))
        .len()
        .saturating_sub(usize::from(inner.height))
}

/// How far PgUp/PgDn move the desk view: its height less one line.
pub fn desk_page(play: &PlayScreen, mode: Mode, size: Size) -> usize {
    usize::from(desk_view_inner(play, mode, size).height.saturating_sub(1)).max(1)
}

pub(super) fn render_desk_view(theme: Theme, play: &PlayScreen, mode: Mode, area: Rect, buf: &mut Buffer) {
    let view = block(theme, if mode == Mode::Test { "Desk" } else { "Desk and coach's note" });
    let lines = desk_view_lines(play, mode, theme, usize::from(view.inner(area).width));
    let marks = (" ▼ more below: PgDn ", Some(" ▲ more above: PgUp "));
    crate::ui::render_scrolled(theme, view, lines, play.desk_scroll, marks, area, buf);
}

/// `lead` then `text`, wrapped to `width` with no indent after the first line.
fn flowing(lead: Span<'static>, text: &str, width: usize) -> Vec<Line<'static>> {
    let lead_text = lead.content.to_string();
    let all = wrap(&format!("{lead_text}{}", crate::ui::text::clean(text)), width);
    all.into_iter()
        .enumerate()
        .map(|(i, line)| match line.strip_prefix(lead_text.trim_end()) {
            Some(rest) if i == 0 => Line::from(vec![
                Span::styled(lead_text.trim_end().to_string(), lead.style),
                Span::raw(rest.to_string()),
            ]),
            _ => Line::raw(line),
        })
        .collect()
}
