//! Plain mode: the game as lines of text, for screen readers, braille displays and
//! pipes. No alternate screen, no escape codes, no box drawing: the customer's line,
//! the numbered replies, and the trainee types a number. Every mood change is said
//! in words. The session reads any [`BufRead`] and writes any [`Write`], so it is
//! tested with scripted input; the command line hands it stdin and stdout.

mod debrief;
mod input;
mod library;
mod play;

pub use input::{Interruptible, stopped_by};

pub use debrief::{Verdict, debrief_lines};
pub use play::Outcome;

use crate::engine::{Rules, Run};
use crate::progress::{Attempt, Mode, SaveFile, Store};
use crate::scenario::{Library, Scenario};
use std::io::{BufRead, Read, Write};

/// Whether `frontline play` should be played in plain mode: asked for with
/// `--plain`, or the output is not a terminal (a pipe, a file, a screen reader's
/// capture), `TERM` is `dumb`, or `ACCESSIBLE` is set to anything.
pub fn wants_plain(stdout_is_terminal: bool, term: Option<&str>, accessible: Option<&str>, flag: bool) -> bool {
    flag || !stdout_is_terminal || term == Some("dumb") || accessible.is_some_and(|a| !a.is_empty())
}

/// The longest line read from the trainee, in bytes; the rest of a longer line is
/// skipped, so a stream with no line breaks cannot fill the memory.
const MAX_LINE_BYTES: usize = 4096;

/// Text as plain mode prints it: nothing that could steer a terminal (see
/// [`crate::text::sanitize`]), no carriage return, and no box-drawing or block
/// characters, which a screen reader reads out one by one.
pub fn plain_text(text: &str) -> String {
    crate::text::sanitize(text)
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| if ('\u{2500}'..='\u{259F}').contains(&c) { '-' } else { c })
        .collect()
}

/// A mood change in words: `up 6`, `down 4`, `no change`.
fn direction(delta: i32) -> String {
    match delta {
        0 => "no change".to_string(),
        d if d > 0 => format!("up {d}"),
        d => format!("down {}", -d),
    }
}

/// Lines out, lines in.
pub struct Console<R, W> {
    input: R,
    output: W,
    /// Write each answer after its question: input from a pipe is not echoed by a
    /// terminal, and the output should still read as the whole conversation.
    echo: bool,
    /// The output can no longer be written (a closed pipe): nothing more is shown,
    /// and every question finds the input ended.
    closed: bool,
}

impl<R: BufRead, W: Write> Console<R, W> {
    pub fn new(input: R, output: W, echo: bool) -> Console<R, W> {
        Console { input, output, echo, closed: false }
    }

    /// Prints `text` and a line break.
    pub fn say(&mut self, text: &str) {
        let line = format!("{}\n", plain_text(text));
        self.write(&line);
    }

    /// An empty line, between parts.
    pub fn gap(&mut self) {
        self.write("\n");
    }

    fn write(&mut self, text: &str) {
        if self.closed {
            return;
        }
        if self.output.write_all(text.as_bytes()).and_then(|()| self.output.flush()).is_err() {
            self.closed = true;
        }
    }

    /// Asks `question` and returns the answer without its line break, or `None`
    /// when the input has ended (or cannot be read, or nobody can see the question).
    pub fn ask(&mut self, question: &str) -> Option<String> {
        self.write(&format!("{} ", plain_text(question)));
        if self.closed {
            return None;
        }
        let Some(answer) = read_line(&mut self.input) else {
            // Ends the question's line, so whatever follows starts on its own.
            self.write("\n");
            return None;
        };
        if self.echo {
            self.write(&format!("{}\n", plain_text(&answer)));
        }
        Some(answer)
    }

    pub fn output(&self) -> &W {
        &self.output
    }
}

/// One line of input, without its line break; `None` at the end of the input or
/// when it cannot be read. Bytes that are not UTF-8 become U+FFFD.
fn read_line(input: &mut impl BufRead) -> Option<String> {
    let mut line = Vec::new();
    let read = Read::take(&mut *input, MAX_LINE_BYTES as u64).read_until(b'\n', &mut line).ok()?;
    if read == 0 {
        return None;
    }
    if line.last() != Some(&b'\n') && read == MAX_LINE_BYTES {
        // Too long: skip to the end of the line, a bounded piece at a time.
        let mut rest = Vec::new();
        loop {
            rest.clear();
            match Read::take(&mut *input, MAX_LINE_BYTES as u64).read_until(b'\n', &mut rest) {
                Ok(0) | Err(_) => break,
                Ok(_) if rest.last() == Some(&b'\n') => break,
                Ok(_) => {}
            }
        }
    }
    let text = String::from_utf8_lossy(&line);
    Some(text.trim_end_matches(['\n', '\r']).to_string())
}

/// Called with the profile, the attempt and its run just before each attempt is
/// saved (the command line queues it for the LRS there).
pub type BeforeSave = Box<dyn FnMut(&str, &Attempt, &Run)>;

/// A plain-mode session: choosing the profile and the scenario, the conversations,
/// and saving each attempt.
pub struct Session<R, W> {
    console: Console<R, W>,
    library: Library,
    rules: Rules,
    store: Store,
    save: SaveFile,
    seed: Option<u64>,
    mode: Mode,
    profile: Option<String>,
    notices: Vec<String>,
    before_save: Option<BeforeSave>,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// The trainee finished or quit.
    Done,
    /// The input ended (an unfinished conversation was saved as abandoned).
    InputEnded,
    /// The scenario asked for is locked for the profile; the reason was said.
    Refused,
}

impl<R: BufRead, W: Write> Session<R, W> {
    pub fn new(console: Console<R, W>, library: Library, rules: Rules, store: Store, save: SaveFile) -> Self {
        Session {
            console,
            library,
            rules,
            store,
            save,
            seed: None,
            mode: Mode::Practice,
            profile: None,
            notices: Vec::new(),
            before_save: None,
        }
    }

    /// Plays every conversation with this seed (else a random one each).
    pub fn seed(mut self, seed: Option<u64>) -> Self {
        self.seed = seed;
        self
    }

    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Plays as this profile, which must be in the save; without one the session
    /// takes the only profile there is, or asks.
    pub fn profile(mut self, name: Option<String>) -> Self {
        self.profile = name;
        self
    }

    /// Messages shown once at the start (files left out, a save kept aside).
    pub fn notices(mut self, notices: Vec<String>) -> Self {
        self.notices = notices;
        self
    }

    pub fn before_save(mut self, hook: BeforeSave) -> Self {
        self.before_save = Some(hook);
        self
    }

    pub fn console(&self) -> &Console<R, W> {
        &self.console
    }

    pub fn save_file(&self) -> &SaveFile {
        &self.save
    }

    /// Runs the session: `scenario` once if given, else the library until the
    /// trainee quits.
    pub fn run(&mut self, scenario: Option<Scenario>) -> SessionEnd {
        for notice in std::mem::take(&mut self.notices) {
            self.console.say(&format!("Note: {notice}"));
        }
        if self.choose_profile().is_none() {
            return SessionEnd::InputEnded;
        }
        if let Some(scenario) = scenario {
            let profile = self.profile.as_deref().and_then(|n| self.save.profile(n));
            if let Some(reason) = crate::app::locked_reason(&self.library, &scenario, profile) {
                self.console.say(&reason);
                return SessionEnd::Refused;
            }
            return match self.converse(scenario) {
                Outcome::InputEnded => SessionEnd::InputEnded,
                Outcome::Finished | Outcome::Left => SessionEnd::Done,
            };
        }
        loop {
            let scenario = match self.choose_scenario() {
                library::Choice::Play(scenario) => scenario,
                library::Choice::Quit => return SessionEnd::Done,
                library::Choice::InputEnded => return SessionEnd::InputEnded,
            };
            if self.converse(*scenario) == Outcome::InputEnded {
                return SessionEnd::InputEnded;
            }
        }
    }

    fn profile_name(&self) -> String {
        self.profile.clone().unwrap_or_else(|| "Player".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_asked_piped_dumb_or_accessible() {
        assert!(!wants_plain(true, Some("xterm-256color"), None, false), "a real terminal gets the full game");
        assert!(!wants_plain(true, None, None, false));
        assert!(!wants_plain(true, Some("xterm"), Some(""), false), "an empty ACCESSIBLE is not set");
        assert!(wants_plain(true, Some("xterm"), None, true), "--plain");
        assert!(wants_plain(false, Some("xterm"), None, false), "stdout is a pipe or a file");
        assert!(wants_plain(true, Some("dumb"), None, false), "TERM=dumb");
        assert!(!wants_plain(true, Some("dumber"), None, false));
        assert!(wants_plain(true, Some("xterm"), Some("1"), false), "ACCESSIBLE=1");
        assert!(wants_plain(true, None, Some("yes"), false));
    }

    #[test]
    fn plain_text_has_no_escapes_and_no_box_drawing() {
        let text = plain_text("a\u{1b}[31mb\r┌─┐█▒\u{202E}c");
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
        assert!(!text.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c)), "{text:?}");
        assert_eq!(text, "a\u{FFFD}[31mb-----\u{FFFD}c");
        assert_eq!(plain_text("Zoë: “fine” — 日本語"), "Zoë: “fine” — 日本語");
    }

    #[test]
    fn lines_are_read_without_breaks_and_end_with_none() {
        let mut input: &[u8] = b"1\r\n  two \nlast";
        assert_eq!(read_line(&mut input).as_deref(), Some("1"));
        assert_eq!(read_line(&mut input).as_deref(), Some("  two "));
        assert_eq!(read_line(&mut input).as_deref(), Some("last"));
        assert_eq!(read_line(&mut input), None);
    }

    #[test]
    fn an_overlong_line_is_cut_and_the_next_one_read() {
        let mut bytes = vec![b'x'; MAX_LINE_BYTES * 3];
        bytes.extend_from_slice(b"\n2\n\xff\xfe\n");
        let mut input = bytes.as_slice();
        assert_eq!(read_line(&mut input).map(|l| l.len()), Some(MAX_LINE_BYTES));
        assert_eq!(read_line(&mut input).as_deref(), Some("2"));
        assert_eq!(read_line(&mut input).as_deref(), Some("\u{FFFD}\u{FFFD}"), "bytes that are not UTF-8");
    }

    /// A writer whose reader has gone, like a closed pipe.
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_ends_the_questions() {
        let mut console = Console::new(&b"1\n"[..], Closed, false);
        console.say("hello");
        assert_eq!(console.ask("Your reply:"), None, "nobody can see the question");
    }

    #[test]
    fn answers_are_echoed_when_the_input_is_not_a_terminal() {
        let mut console = Console::new(&b"2\n"[..], Vec::new(), true);
        assert_eq!(console.ask("Pick:").as_deref(), Some("2"));
        assert_eq!(console.ask("Again:"), None);
        assert_eq!(
            String::from_utf8(console.output().clone()).unwrap(),
            "Pick: 2\nAgain: \n",
            "the line ends at the end of input"
        );
    }
}
