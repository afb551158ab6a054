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

    /// Every invisible or direction-changing character a fuzz campaign got through a
    /// hand-written list; the Unicode properties catch them all.
    #[test]
    fn strips_every_invisible_and_bidi_character() {
        let hidden = ['\u{061C}', '\u{00AD}', '\u{180E}', '\u{115F}', '\u{1160}', '\u{3164}', '\u{FFA0}']
            .into_iter()
            .chain('\u{2060}'..='\u{2064}')
            .chain('\u{206A}'..='\u{206F}')
            .chain('\u{FFF9}'..='\u{FFFB}')
            .chain('\u{E0000}'..='\u{E007F}')
            .chain('\u{202A}'..='\u{202E}')
            .chain('\u{2066}'..='\u{2069}');
        for c in hidden {
            assert_eq!(sanitize(&format!("a{c}b")), "a\u{FFFD}b", "U+{:04X} got through", c as u32);
        }
        // Ordinary text in any script stays as it is.
        for text in ["Zoë, naïve café", "Łódź", "日本語", "مرحبا", "שלום", "emoji 😀", "tab\tand\nline"]
        {
            assert_eq!(sanitize(text), text);
        }
    }

    #[test]
    fn strips_escape_sequences_and_bidi_overrides() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{202E}c\nd\te"), "a\u{FFFD}[31mb\u{FFFD}c\nd\te");
    }
}
