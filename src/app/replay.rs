//! The replay screen's state and keys: a saved attempt played again from its seed
//! and picks, shown a step at a time, forward and back. A scenario that changed
//! since (or is gone) is refused by `review::replay`, and the screen says so.

use super::{Action, App, HistoryScreen, Screen, scroll_by};
use crate::engine::{MoodEvent, Rules, Run};
use crate::progress::{Attempt, Note};
use crate::review::{ReplayError, Replayed, replay};
use crate::scenario::Library;

/// One saved attempt, replayed.
#[derive(Debug, Clone)]
pub struct ReplayScreen {
    pub attempt: Attempt,
    /// The scenario's title, or its id when the library no longer has it.
    pub title: String,
    /// The attempt played again, or why it cannot be.
    pub replay: Result<Replayed, ReplayError>,
    /// Replies given at the step shown: 0 is the opening, before the first reply.
    pub step: usize,
    /// Lines the conversation is scrolled back from its newest line.
    pub scroll: usize,
    /// The history it was opened from, shown again on the way back.
    pub back: Box<HistoryScreen>,
}

impl ReplayScreen {
    /// Replays `attempt` (once, here) and shows its last step.
    pub fn new(attempt: Attempt, library: &Library, rules: &Rules, back: Box<HistoryScreen>) -> ReplayScreen {
        let title =
            library.get(&attempt.scenario).map_or_else(|| attempt.scenario.clone(), |s| s.scenario.title.clone());
        let replay = replay(&attempt, library, rules);
        let mut screen = ReplayScreen { attempt, title, replay, step: 0, scroll: 0, back };
        screen.step = screen.last_step();
        screen
    }

    pub fn run(&self) -> Option<&Run> {
        self.replay.as_ref().ok().map(|r| &r.run)
    }

    /// The last step: the number of replies the attempt gave (0 when refused).
    pub fn last_step(&self) -> usize {
        self.run().map_or(0, |run| run.turns().len())
    }

    /// The customer's mood after `step` replies (before the first, for 0).
    pub fn mood_at(&self, step: usize) -> Option<i32> {
        self.run()?.mood_curve().get(step).copied()
    }

    /// The mood changes of the step shown, each with its reason.
    pub fn events(&self) -> Vec<&MoodEvent> {
        let Some(run) = self.run() else { return Vec::new() };
        run.events().iter().filter(|e| e.turn as usize == self.step).collect()
    }

    /// The mentor's notes written at the step shown.
    pub fn notes(&self) -> Vec<&Note> {
        self.attempt.notes.iter().filter(|n| n.turn == self.step).collect()
    }
}

impl App {
    pub(super) fn update_replay(&mut self, mut screen: Box<ReplayScreen>, action: Action) -> Screen {
        let last = screen.last_step();
        let step = screen.step;
        match action {
            Action::Back | Action::Quit => return Screen::History(screen.back),
            Action::NextTab => screen.step = (step + 1).min(last),
            Action::PrevTab => screen.step = step.saturating_sub(1),
            Action::Top => screen.step = 0,
            Action::Bottom => screen.step = last,
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let max = crate::ui::replay::max_scroll(self, &screen, self.size);
                let page = crate::ui::replay::page(self, &screen, self.size);
                // The conversation is shown from its newest line, so Up goes back in
                // it; the refusal reads from the top.
                let flipped = match action {
                    _ if screen.run().is_none() => action,
                    Action::Up => Action::Down,
                    Action::Down => Action::Up,
                    Action::PageUp => Action::PageDown,
                    _ => Action::PageUp,
                };
                screen.scroll = scroll_by(screen.scroll, flipped, page, max);
            }
            _ => {}
        }
        if screen.step != step {
            screen.scroll = 0;
        }
        Screen::Replay(screen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_starts_at_the_mood_before_the_first_reply_and_follows_each() {
        let library = crate::scenario::load_library(&[]).library;
        for loaded in &library.scenarios {
            let scenario = loaded.scenario.clone();
            let mut run = Run::new(scenario.clone(), Rules::default(), 5);
            let before = run.state().mood;
            let mut moods = vec![before];
            while let Some(reply) = run.replies().first().cloned() {
                run.choose(reply.index).unwrap();
                moods.push(run.state().mood);
            }
            assert_eq!(run.mood_curve(), moods, "{}", scenario.id);
        }
    }
}
