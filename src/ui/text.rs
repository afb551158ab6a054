//! Text helpers for the screens: cleaning strings from files before they reach the
//! terminal, measuring, wrapping and shortening them to a width.

use crate::scenario::forbidden_char;
use ratatui::text::Span;

/// Text from a scenario or save file, safe to show: tabs become spaces, line breaks
/// are kept, every other control character and invisible format mark is dropped.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            '\r' => None,
            c if forbidden_char(c).is_some() => None,
            c => Some(c),
        })
        .collect()
}

/// Like [`clean`], on one line: line breaks become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace('\n', " ")
}

/// Display width in terminal columns.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// Greedy word wrap to `max` columns. Words longer than a line are cut; line breaks
/// in the text start new lines. Always at least one line (possibly empty).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word);
            if line_width > 0 && line_width + 1 + w <= max {
                line.push(' ');
                line.push_str(word);
                line_width += 1 + w;
                continue;
            }
            if line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            if w <= max {
                line.push_str(word);
                line_width = w;
                continue;
            }
            for c in word.chars() {
                let cw = char_width(c);
                if line_width + cw > max && line_width > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// `text` cut to `max` columns, ending with `…` when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = char_width(c);
        if used + cw > max - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// A filled and empty bar of `cells` cells for `value` out of `max`.
pub fn bar(value: u32, max: u32, cells: usize) -> (String, String) {
    let filled = if max == 0 { 0 } else { (value.min(max) as usize * cells + max as usize / 2) / max as usize };
    ("█".repeat(filled), "░".repeat(cells - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_controls_and_bidi_but_keeps_text() {
        assert_eq!(clean("a\u{1b}[31mb\u{202E}c\u{200B}d\te\nf\r"), "a[31mbcd e\nf");
        assert_eq!(clean_line("one\ntwo"), "one two");
        assert_eq!(clean("Zoë — ok ★"), "Zoë — ok ★");
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(wrap("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(wrap("the quick brown fox", 100), ["the quick brown fox"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
    }

    #[test]
    fn wrap_cuts_words_longer_than_a_line() {
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        for line in wrap("日本語のテキスト", 5) {
            assert!(width(&line) <= 5, "{line}");
        }
    }

    #[test]
    fn wrap_never_returns_lines_wider_than_asked() {
        let text = "Stuck at the depot since Monday? Brilliant. So what now, I just wait? 🙂🙂🙂";
        for w in 1..40 {
            for line in wrap(text, w) {
                assert!(width(&line) <= w.max(2), "{w}: {line:?}");
            }
        }
    }

    #[test]
    fn truncate_adds_an_ellipsis_only_when_cutting() {
        assert_eq!(truncate("headphones", 20), "headphones");
        assert_eq!(truncate("headphones", 5), "head…");
        assert_eq!(truncate("headphones", 1), "…");
        assert_eq!(truncate("headphones", 0), "");
    }

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(50, 100, 10), ("█████".to_string(), "░░░░░".to_string()));
        assert_eq!(bar(0, 100, 4).0, "");
        assert_eq!(bar(100, 100, 4).1, "");
        assert_eq!(bar(120, 100, 4).0.chars().count(), 4);
    }
}
