//! The history screen's state and keys: the current profile's attempts, newest
//! first, read from the save once when the screen opens. Enter replays the
//! selected attempt; `c` marks one, and `c` on a second attempt at the same
//! scenario compares the two.

use super::{Action, App, CompareScreen, ProgressScreen, ReplayScreen, Screen};
use crate::progress::{Attempt, attempts_of};

/// A profile's attempts, as saved when the screen opened.
#[derive(Debug, Clone)]
pub struct HistoryScreen {
    /// Every attempt, newest first.
    pub attempts: Vec<Attempt>,
    /// Position in `attempts` of the highlighted one.
    pub selected: usize,
    /// First row shown; kept so the highlighted row stays in view.
    pub offset: usize,
    /// Position in `attempts` of the one marked with `c`, waiting for a second.
    pub marked: Option<usize>,
    /// Why the attempts could not be read, when they could not.
    pub error: Option<String>,
    /// The progress screen it was opened from, shown again on the way back.
    pub back: Box<ProgressScreen>,
}

impl HistoryScreen {
    /// `attempts` in the order played, shown newest first.
    pub fn new(mut attempts: Vec<Attempt>, back: Box<ProgressScreen>) -> HistoryScreen {
        attempts.reverse();
        HistoryScreen { attempts, selected: 0, offset: 0, marked: None, error: None, back }
    }

    pub fn selected_attempt(&self) -> Option<&Attempt> {
        self.attempts.get(self.selected)
    }

    /// Moves the window of `visible` rows so the highlighted row is in it.
    fn keep_in_view(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}

impl App {
    /// The current profile's attempts, read once here rather than on every frame.
    pub(super) fn open_history(&mut self, back: Box<ProgressScreen>) -> Screen {
        let Some(profile) = self.profile() else {
            self.status = Some("Choose a profile first (p).".to_string());
            return Screen::Progress(back);
        };
        let screen = match attempts_of(self.store.dir(), profile) {
            Ok(attempts) => HistoryScreen::new(attempts, back),
            Err(e) => {
                let mut screen = HistoryScreen::new(Vec::new(), back);
                screen.error = Some(format!("The attempts could not be read: {e}"));
                screen
            }
        };
        Screen::History(Box::new(screen))
    }

    pub(super) fn update_history(&mut self, mut screen: Box<HistoryScreen>, action: Action) -> Screen {
        let last = screen.attempts.len().saturating_sub(1);
        let visible = crate::ui::history::visible_rows(self.size);
        let page = visible.saturating_sub(1).max(1);
        match action {
            Action::Back | Action::Quit => return Screen::Progress(screen.back),
            Action::Up => screen.selected = screen.selected.saturating_sub(1),
            Action::Down => screen.selected = (screen.selected + 1).min(last),
            Action::PageUp => screen.selected = screen.selected.saturating_sub(page),
            Action::PageDown => screen.selected = (screen.selected + page).min(last),
            Action::Top => screen.selected = 0,
            Action::Bottom => screen.selected = last,
            Action::Select => {
                if let Some(attempt) = screen.selected_attempt().cloned() {
                    let replay = ReplayScreen::new(attempt, &self.library, &self.rules, screen);
                    return Screen::Replay(Box::new(replay));
                }
            }
            Action::Compare => return self.mark_for_compare(screen),
            _ => {}
        }
        screen.keep_in_view(visible);
        Screen::History(screen)
    }

    /// `c`: marks the highlighted attempt, unmarks it, or compares it with the
    /// one marked before when both are at the same scenario.
    fn mark_for_compare(&mut self, mut screen: Box<HistoryScreen>) -> Screen {
        let Some(chosen) = screen.selected_attempt().cloned() else {
            return Screen::History(screen);
        };
        match screen.marked {
            None => {
                screen.marked = Some(screen.selected);
                self.status = Some(format!(
                    "Marked {}: c on another attempt at the same scenario compares the two.",
                    chosen.short_id()
                ));
            }
            Some(marked) if marked == screen.selected => {
                screen.marked = None;
                self.status = Some("Unmarked.".to_string());
            }
            Some(marked) => {
                let first = &screen.attempts[marked];
                if first.scenario != chosen.scenario {
                    self.status = Some(format!(
                        "{} and {} are attempts at different scenarios ({} and {}); compare two attempts at the same one.",
                        first.short_id(),
                        chosen.short_id(),
                        self.title_of(&first.scenario),
                        self.title_of(&chosen.scenario),
                    ));
                    return Screen::History(screen);
                }
                // Older on the left: the list is newest first.
                let (older, newer) = (marked.max(screen.selected), marked.min(screen.selected));
                let pair = [screen.attempts[older].clone(), screen.attempts[newer].clone()];
                screen.marked = None;
                let compare = CompareScreen::new(pair, &self.library, &self.rules, screen);
                return Screen::Compare(Box::new(compare));
            }
        }
        Screen::History(screen)
    }

    /// A scenario's title, or its id when the library no longer has it.
    pub(super) fn title_of(&self, scenario: &str) -> String {
        self.library.get(scenario).map_or_else(|| scenario.to_string(), |s| s.scenario.title.clone())
    }
}
