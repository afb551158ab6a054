//! A conversation in progress: picking replies, the desk view, scrolling, mentor
//! undo, leaving, and saving the attempt once when it ends.

use super::{Action, App, DebriefScreen, Screen, newly_unlocked, page, scroll_by};
use crate::engine::Run;
use crate::progress::{Attempt, Mode};

/// A conversation in progress.
#[derive(Debug, Clone)]
pub struct PlayScreen {
    pub run: Run,
    /// Position in `run.replies()` of the highlighted reply.
    pub selected: usize,
    /// How many lines the conversation log is scrolled back from the newest line.
    pub scroll: usize,
    /// "Leave this conversation?" is being asked.
    pub confirm_leave: bool,
    /// The desk view (`d`) is open: the coach's note and every desk entry in full, in
    /// place of the conversation. The replies stay below it.
    pub desk_view: bool,
    /// First line of the desk view shown.
    pub desk_scroll: usize,
    /// Ids of the desk facts the last reply revealed: shown in full first.
    pub new_facts: Vec<String>,
    /// Replies taken back in this conversation (mentor mode).
    pub undos: u32,
    /// Where this conversation is saved in the profile's attempts, once it has been:
    /// finishing again after an undo updates that attempt instead of adding one.
    pub saved: Option<String>,
    /// When the conversation began (kept across undos): the real time played.
    pub started: std::time::Instant,
}

impl PlayScreen {
    /// A conversation shown from its newest line, the first reply highlighted.
    pub fn new(run: Run) -> PlayScreen {
        PlayScreen {
            run,
            selected: 0,
            scroll: 0,
            confirm_leave: false,
            desk_view: false,
            desk_scroll: 0,
            new_facts: Vec::new(),
            undos: 0,
            saved: None,
            started: std::time::Instant::now(),
        }
    }
}

impl App {
    pub(super) fn update_play(&mut self, mut play: Box<PlayScreen>, action: Action) -> Screen {
        if play.confirm_leave {
            match action {
                Action::Yes => {
                    let attempt = self.attempt_of(&play);
                    self.status = Some(match self.record(attempt, play.saved.clone()) {
                        Ok(_) => "Left the conversation; the attempt was saved as abandoned.".to_string(),
                        Err((_, e)) => format!("Left the conversation, but it could not be saved: {e}"),
                    });
                    return Screen::Library;
                }
                Action::No => play.confirm_leave = false,
                _ => {}
            }
            return Screen::Play(play);
        }
        let replies = play.run.replies();
        match action {
            Action::Pick(n) => {
                if let Some(reply) = replies.get(usize::from(n) - 1) {
                    return self.choose(*play, reply.index);
                }
            }
            Action::Select => {
                if let Some(reply) = replies.get(play.selected) {
                    return self.choose(*play, reply.index);
                }
            }
            Action::Up => play.selected = play.selected.saturating_sub(1),
            Action::Down => play.selected = (play.selected + 1).min(replies.len().saturating_sub(1)),
            Action::Desk => {
                play.desk_view = !play.desk_view;
                play.desk_scroll = 0;
            }
            Action::PageUp | Action::PageDown | Action::Top | Action::Bottom if play.desk_view => {
                let page = crate::ui::play::desk_page(&play, self.size);
                let max = crate::ui::play::desk_max_scroll(&play, self.size);
                play.desk_scroll = scroll_by(play.desk_scroll, action, page, max);
            }
            Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                let max = crate::ui::play::max_scroll(&play, self.mode, self.size);
                // The log counts back from the newest line, so "up" means further back.
                play.scroll = match action {
                    Action::PageUp => (play.scroll + page(self.size)).min(max),
                    Action::PageDown => play.scroll.saturating_sub(page(self.size)),
                    Action::Top => max,
                    _ => 0,
                };
            }
            Action::Rewind => match self.mode {
                Mode::Mentor if !play.run.picks().is_empty() => {
                    play.run = play.run.rewind();
                    play.undos += 1;
                    play.selected = 0;
                    play.scroll = 0;
                    play.new_facts.clear();
                    self.status = Some("Took back the last reply. Try another one.".to_string());
                }
                Mode::Mentor => self.status = Some("Nothing to undo yet.".to_string()),
                Mode::Practice | Mode::Test => {
                    self.status = Some("Undo is for mentor mode (press m in the library).".to_string());
                }
            },
            // Esc closes the desk view first; q always asks to leave.
            Action::Back if play.desk_view => play.desk_view = false,
            Action::Back | Action::Quit => play.confirm_leave = true,
            _ => {}
        }
        Screen::Play(play)
    }

    fn choose(&mut self, mut play: PlayScreen, index: usize) -> Screen {
        let known_before = play.run.state().facts.clone();
        if let Err(e) = play.run.choose(index) {
            self.status = Some(e.to_string());
        }
        play.new_facts = play.run.state().facts.difference(&known_before).map(|f| f.to_string()).collect();
        play.selected = 0;
        play.scroll = 0;
        // Back to the conversation, to see what the reply led to.
        play.desk_view = false;
        play.desk_scroll = 0;
        self.after_reply(play)
    }

    /// Stays in the conversation, or moves to the debrief once it has ended.
    pub(super) fn after_reply(&mut self, play: PlayScreen) -> Screen {
        if !play.run.is_over() {
            return Screen::Play(Box::new(play));
        }
        let debrief = crate::analysis::debrief(&play.run);
        let mut attempt = Attempt::from_run(&play.run, &debrief, self.mode);
        attempt.undos = play.undos;
        attempt.played_secs = play.started.elapsed().as_secs();
        let passed = attempt.passed();
        let before = self.profile().cloned();
        let (saved, save_error) = match self.record(attempt, play.saved.clone()) {
            Ok(at) => (Some(at), None),
            Err((at, e)) => (at, Some(e)),
        };
        let unlocked = newly_unlocked(&self.library, before.as_ref(), self.profile());
        Screen::Debrief(Box::new(DebriefScreen {
            run: play.run,
            debrief,
            save_error,
            scroll: 0,
            undos: play.undos,
            saved,
            started: play.started,
            passed,
            unlocked,
        }))
    }

    /// The attempt a conversation in progress would be saved as.
    pub(super) fn attempt_of(&self, play: &PlayScreen) -> Attempt {
        let mut attempt = Attempt::from_run(&play.run, &crate::analysis::debrief(&play.run), self.mode);
        attempt.undos = play.undos;
        attempt.played_secs = play.started.elapsed().as_secs();
        attempt
    }

    /// Adds an attempt to the current profile, or replaces the one saved earlier
    /// with id `saved` (the same conversation, saved before an undo). Returns the
    /// attempt's id; on a failed write, the id it is kept under in memory and why.
    pub(super) fn record(
        &mut self,
        mut attempt: Attempt,
        saved: Option<String>,
    ) -> Result<String, (Option<String>, String)> {
        let name = self.profile.clone().unwrap_or_else(|| "Player".to_string());
        let scenario = self.library.get(&attempt.scenario).map(|l| &l.scenario);
        if let Some(id) = &saved {
            attempt.id.clone_from(id);
        }
        let queue_warning = self.delivery.queue(&name, &attempt, scenario);
        let written = match saved {
            Some(_) => self.store.replace(&mut self.save, &name, &attempt),
            None => self.store.record(&mut self.save, &name, &attempt),
        };
        self.delivery.send();
        if let Some(warning) = queue_warning {
            self.status = Some(warning);
        }
        written.map(|()| attempt.id.clone()).map_err(|e| (Some(attempt.id.clone()), e.to_string()))
    }
}
