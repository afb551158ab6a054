//! One conversation in plain mode: the customer's line, the numbered replies, the
//! mood change of each reply in words, the desk, help, mentor undo and notes,
//! leaving, and saving the attempt.

use super::{Session, Verdict, debrief_lines, direction};
use crate::engine::{Run, Speaker, minutes_text, mood_word};
use crate::progress::{Attempt, MAX_NOTE_CHARS, MAX_NOTES, Mode, Note, is_valid_note};
use crate::scenario::Scenario;
use std::io::{BufRead, Write};

/// How a conversation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It reached an ending; the debrief was shown.
    Finished,
    /// The trainee left (`q`, then `y`); saved as abandoned.
    Left,
    /// The input ended mid-conversation; saved as abandoned.
    InputEnded,
}

/// A conversation in progress.
struct Conversation {
    run: Run,
    /// Replies taken back (mentor mode).
    undos: u32,
    notes: Vec<Note>,
    /// The id the attempt was saved under, once it has been: saving again after an
    /// undo replaces that attempt instead of adding one.
    saved: Option<String>,
    /// Real time since the conversation began (kept across undos).
    started: std::time::Instant,
    /// The coach's note said last, so it is said again only when it changes.
    coach_said: Option<String>,
}

/// What a line typed during a conversation asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    Reply(usize),
    Desk,
    Help,
    Repeat,
    Undo,
    Note,
    Leave,
    Nothing,
    Unknown(String),
}

fn command(line: &str) -> Command {
    let line = line.trim();
    if let Ok(n) = line.parse::<usize>() {
        return Command::Reply(n);
    }
    match line.to_lowercase().as_str() {
        "" => Command::Nothing,
        "d" | "desk" => Command::Desk,
        "?" | "h" | "help" => Command::Help,
        "r" | "repeat" => Command::Repeat,
        "u" | "undo" => Command::Undo,
        "n" | "note" => Command::Note,
        "q" | "quit" | "leave" => Command::Leave,
        _ => Command::Unknown(line.to_string()),
    }
}

/// `1`, or `1 to 4`: the reply numbers there are.
fn range(count: usize) -> String {
    if count == 1 { "1".to_string() } else { format!("1 to {count}") }
}

/// `Mood 48, uneasy`.
fn mood_now(mood: i32) -> String {
    format!("Mood {mood}, {}", mood_word(mood).to_lowercase())
}

impl<R: BufRead, W: Write> Session<R, W> {
    /// Plays `scenario` until it ends, the trainee leaves or the input ends.
    pub(super) fn converse(&mut self, scenario: Scenario) -> Outcome {
        let seed = self.seed.unwrap_or_else(rand::random);
        let mut c = Conversation {
            run: Run::new(scenario, self.rules.clone(), seed),
            undos: 0,
            notes: Vec::new(),
            saved: None,
            started: std::time::Instant::now(),
            coach_said: None,
        };
        self.introduce(&c.run);
        self.say_from(&c.run, 0);
        self.offer(&mut c);
        loop {
            if c.run.is_over() {
                self.finish(&mut c);
                if self.mode == Mode::Mentor && !c.run.picks().is_empty() {
                    let question = "Type u to take back the last reply and try another, or press Enter to finish:";
                    if self.console.ask(question).is_some_and(|a| command(&a) == Command::Undo) {
                        self.undo(&mut c);
                        continue;
                    }
                }
                return Outcome::Finished;
            }
            let count = c.run.replies().len();
            let Some(line) = self.console.ask(&format!("Your reply, {}, or ? for help:", range(count))) else {
                return self.leave(&mut c, Outcome::InputEnded);
            };
            match command(&line) {
                Command::Reply(n) if (1..=count).contains(&n) => self.reply(&mut c, n),
                Command::Reply(n) => {
                    self.console.say(&format!("There is no reply {n}. Type a number from {}.", range(count)));
                }
                Command::Desk => self.desk(&c.run),
                Command::Help => self.help(),
                Command::Repeat => self.repeat(&mut c),
                Command::Undo => self.undo(&mut c),
                Command::Note => {
                    if !self.note(&mut c) {
                        return self.leave(&mut c, Outcome::InputEnded);
                    }
                }
                Command::Leave => match self.confirm_leave() {
                    Some(true) => return self.leave(&mut c, Outcome::Left),
                    Some(false) => self.console.say("Carrying on."),
                    None => return self.leave(&mut c, Outcome::InputEnded),
                },
                Command::Nothing => {
                    self.console.say(&format!("Type the number of a reply, {}, or ? for help.", range(count)));
                }
                Command::Unknown(text) => {
                    self.console.say(&format!(
                        "\u{201c}{text}\u{201d} is not a reply number. Type a number from {}, or ? for help.",
                        range(count)
                    ));
                }
            }
        }
    }

    /// The scenario, the customer, the mode and the mood at the start.
    fn introduce(&mut self, run: &Run) {
        let sc = run.scenario();
        self.console.gap();
        self.console.say(&format!("{}. {}, difficulty {} of 5.", sc.title, sc.channel.label(), sc.difficulty));
        self.console.say(&sc.summary);
        self.console.say(super::library::mode_text(self.mode));
        self.console.say(&format!("The customer is {}. {}.", run.customer_name(), mood_now(run.state().mood)));
        if self.mode == Mode::Mentor {
            self.changes(run, 0);
        }
        self.console.gap();
    }

    /// Says the transcript from line `from` on (the agent's own lines as "You:").
    fn say_from(&mut self, run: &Run, from: usize) {
        let transcript = run.transcript();
        for line in transcript.iter().skip(from) {
            match line.speaker {
                Speaker::Customer => self.console.say(&format!("{}: {}", run.first_name(), line.text)),
                Speaker::Agent => self.console.say(&format!("You: {}", line.text)),
                Speaker::Narrator => self.console.say(&line.text),
            }
        }
    }

    /// The coach's note when it is new (never in test mode), then the replies.
    fn offer(&mut self, c: &mut Conversation) {
        if c.run.is_over() {
            return;
        }
        let note = c.run.coach_note().filter(|_| self.mode != Mode::Test);
        if note.is_some() && note != c.coach_said {
            self.console.say(&format!("Coach: {}", note.as_deref().unwrap_or_default()));
        }
        c.coach_said = note;
        let replies = c.run.replies();
        if replies.is_empty() {
            self.console.say("No reply is possible here. Type q to leave.");
            return;
        }
        self.console.say("Your replies:");
        for (i, reply) in replies.iter().enumerate() {
            self.console.say(&format!("{}. {}", i + 1, reply.text));
        }
    }

    /// Picks reply number `n` (from 1) and says what it did.
    fn reply(&mut self, c: &mut Conversation, n: usize) {
        let Some(reply) = c.run.replies().get(n - 1).cloned() else { return };
        let mood_before = c.run.state().mood;
        let facts_before = c.run.state().facts.clone();
        let said = c.run.transcript().len();
        if let Err(e) = c.run.choose(reply.index) {
            self.console.say(&format!("That reply cannot be picked: {e}."));
            return;
        }
        self.console.gap();
        // The reply itself, then what it did, then the customer's answer.
        self.console.say(&format!("You: {}", reply.text));
        self.announce(c, mood_before);
        for fact in c.run.known_facts() {
            if !facts_before.contains(fact.id.as_str()) {
                self.console.say(&format!("New on the desk, {}: {}", fact.label, fact.text));
            }
        }
        self.say_from(&c.run, said + 1);
        self.offer(c);
    }

    /// The mood after the last reply in words and its direction; in mentor mode
    /// also what it took and each change with its reason.
    fn announce(&mut self, c: &Conversation, before: i32) {
        let run = &c.run;
        let after = run.state().mood;
        let turn = run.state().turn;
        let mentor = self.mode == Mode::Mentor;
        let has_changes = run.events().iter().any(|e| e.turn == turn);
        let end = if mentor && has_changes { ":" } else { "." };
        self.console.say(&format!("{}, {}{end}", mood_now(after), direction(after - before)));
        if mentor {
            self.changes(run, turn);
            if let Some(last) = run.turns().last() {
                self.console.say(&format!(
                    "That took {}; {} so far.",
                    minutes_text(last.minutes),
                    minutes_text(run.state().clock)
                ));
            }
        }
    }

    /// The mood changes of reply `turn` (0: before the first reply), each with its
    /// rule and reason.
    fn changes(&mut self, run: &Run, turn: u32) {
        for event in run.events().iter().filter(|e| e.turn == turn) {
            let change = &event.change;
            self.console.say(&format!("  {}, {}: {}", change.rule.label(), direction(change.delta), change.reason));
        }
    }

    /// The customer's last line, the mood now and the replies, again.
    fn repeat(&mut self, c: &mut Conversation) {
        let run = &c.run;
        if let Some(line) = run.transcript().iter().rev().find(|u| u.speaker != Speaker::Agent) {
            let text = match line.speaker {
                Speaker::Customer => format!("{}: {}", run.first_name(), line.text),
                _ => line.text.clone(),
            };
            self.console.say(&text);
        }
        self.console.say(&format!("{}.", mood_now(run.state().mood)));
        c.coach_said = None;
        self.offer(c);
    }

    /// The desk: the coach's note (not in test mode), what the agent knows and the
    /// options put to the customer so far.
    fn desk(&mut self, run: &Run) {
        self.console.say("The desk.");
        if let Some(note) = run.coach_note().filter(|_| self.mode != Mode::Test) {
            self.console.say(&format!("Coach: {note}"));
        }
        let facts = run.known_facts();
        if facts.is_empty() {
            self.console.say("Nothing on the desk yet.");
        }
        for fact in facts {
            self.console.say(&format!("{}: {}", fact.label, fact.text));
        }
        let options = run.explored_options();
        if options.is_empty() {
            self.console.say("Options put to the customer: none yet.");
        } else {
            self.console.say("Options put to the customer:");
            for option in options {
                self.console.say(&format!("- {}", option.label));
            }
        }
        self.console.say(&format!("{} so far. {}.", minutes_text(run.state().clock), mood_now(run.state().mood)));
    }

    fn help(&mut self) {
        let lines = [
            "Type the number of a reply and press Enter.",
            "d: the desk: what you know, the options you have offered, the coach's note.",
            "r: the customer's last line and the replies again.",
            "u: take back the last reply, in mentor mode.",
            "n: add a note to this point of the conversation, in mentor mode.",
            "q: leave the conversation; it is saved as abandoned. Ending the input (Ctrl-D) does the same.",
            "?: this help.",
        ];
        for line in lines {
            self.console.say(line);
        }
        self.console.say(match self.mode {
            Mode::Practice => "Practice mode: each reply's mood change is said; the reasons wait for the debrief.",
            Mode::Mentor => "Mentor mode: each mood change is said with its reasons as it happens.",
            Mode::Test => "Test mode: no undo, no notes and no coach's notes; the result is your own.",
        });
        self.console.say("How you are scored:");
        let mut seen: Vec<&str> = Vec::new();
        for rule in crate::engine::RuleId::ALL {
            let principle = rule.principle();
            if !seen.contains(&principle) {
                seen.push(principle);
                self.console.say(&format!("- {}: {principle}", rule.label()));
            }
        }
    }

    /// Takes back the last reply, in mentor mode.
    fn undo(&mut self, c: &mut Conversation) {
        match self.mode {
            Mode::Mentor if !c.run.picks().is_empty() => {
                c.run = c.run.rewind();
                c.undos += 1;
                self.console.say("Took back the last reply. Try another one.");
                self.repeat(c);
            }
            Mode::Mentor => self.console.say("Nothing to undo yet."),
            Mode::Practice | Mode::Test => self.console.say("Undo is for mentor mode."),
        }
    }

    /// Asks for a note on this point of the conversation, in mentor mode. False
    /// when the input ended.
    fn note(&mut self, c: &mut Conversation) -> bool {
        if self.mode != Mode::Mentor {
            self.console.say("Notes are for mentor mode.");
            return true;
        }
        if c.notes.len() >= MAX_NOTES {
            self.console.say(&format!("This attempt has {MAX_NOTES} notes already, the most it can carry."));
            return true;
        }
        let Some(text) = self.console.ask("Your note (an empty line adds none):") else { return false };
        let text = text.trim();
        if text.is_empty() {
            self.console.say("No note added.");
        } else if !is_valid_note(text) {
            self.console.say(&format!("A note is at most {MAX_NOTE_CHARS} printable characters; none added."));
        } else {
            let turn = c.run.picks().len();
            c.notes.push(Note { turn, text: text.to_string() });
            let at = if turn == 0 { "before the first reply".to_string() } else { format!("after reply {turn}") };
            self.console.say(&format!("Note added {at}; it is saved with the attempt."));
        }
        true
    }

    /// Asks whether to leave; `None` when the input ended.
    fn confirm_leave(&mut self) -> Option<bool> {
        loop {
            let answer = self.console.ask("Leave this conversation? It will be saved as abandoned. (y/n)")?;
            match answer.trim().to_lowercase().as_str() {
                "y" | "yes" => return Some(true),
                "n" | "no" => return Some(false),
                _ => self.console.say("Type y to leave or n to keep playing."),
            }
        }
    }

    /// Saves the unfinished conversation as abandoned and says so.
    fn leave(&mut self, c: &mut Conversation, outcome: Outcome) -> Outcome {
        let (_, verdict) = self.keep(c);
        let how = if outcome == Outcome::InputEnded { "The input ended" } else { "Left the conversation" };
        self.console.gap();
        self.console.say(&match verdict.saved {
            Ok(_) => format!("{how}; the attempt was saved as abandoned."),
            Err(e) => format!("{how}, but the attempt could not be saved: {e}"),
        });
        outcome
    }

    /// Saves the finished conversation and prints the debrief.
    fn finish(&mut self, c: &mut Conversation) {
        let (debrief, verdict) = self.keep(c);
        self.console.gap();
        for line in debrief_lines(&c.run, &debrief, &verdict) {
            self.console.say(&line);
        }
        self.console.gap();
    }

    /// Saves the conversation as it stands: a new attempt, or the one saved before
    /// an undo replaced.
    fn keep(&mut self, c: &mut Conversation) -> (crate::engine::Debrief, Verdict) {
        let debrief = crate::analysis::debrief(&c.run);
        let mut attempt = Attempt::from_run(&c.run, &debrief, self.mode);
        attempt.undos = c.undos;
        attempt.played_secs = c.started.elapsed().as_secs();
        attempt.notes = c.notes.clone();
        if let Some(id) = &c.saved {
            attempt.id = id.clone();
        }
        let name = self.profile_name();
        let before = self.save.profile(&name).cloned();
        // Queued before it is saved, as `run --profile` does: a kill in between
        // leaves a statement for an attempt played, never a saved one the LRS misses.
        if self.store.read_only_reason().is_none()
            && let Some(hook) = &mut self.before_save
        {
            hook(&name, &attempt, &c.run);
        }
        let written = match &c.saved {
            Some(_) => self.store.replace(&mut self.save, &name, &attempt),
            None => self.store.record(&mut self.save, &name, &attempt),
        };
        c.saved = Some(attempt.id.clone());
        let unlocked = crate::app::newly_unlocked(&self.library, before.as_ref(), self.save.profile(&name));
        let verdict = Verdict {
            profile: name,
            mode: self.mode,
            undos: c.undos,
            passed: attempt.passed(),
            unlocked,
            saved: written.map(|()| attempt.short_id().to_string()).map_err(|e| e.to_string()),
            notes: c.notes.clone(),
        };
        (debrief, verdict)
    }
}

#[cfg(test)]
#[path = "play_tests.rs"]
mod tests;
