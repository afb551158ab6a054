//! Text that leaves the program: nothing from a file may steer the terminal.

use crate::scenario::forbidden_char;

/// Replaces control, bidi-override and invisible format characters (except line
/// breaks and tabs) with U+FFFD, so printed text can never carry escape sequences.
pub fn sanitize(text: &str) -> String {
    text.chars().map(|c| if forbidden_char(c).is_some() { '\u{FFFD}' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn strips_escape_sequences_and_bidi_overrides() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{202E}c\nd\te"), "a\u{FFFD}[31mb\u{FFFD}c\nd\te");
    }
}
