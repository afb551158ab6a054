//! The compare screen's state and keys: two attempts at the same scenario, each
//! replayed once when the screen opens, and the reply where they parted.

use super::{Action, App, HistoryScreen, Screen, scroll_by};
use crate::engine::{Rules, Turn};
use crate::progress::Attempt;
use crate::review::{ReplayError, Replayed, divergence, replay};
use crate::scenario::Library;

/// One of the two attempts compared.
#[derive(Debug, Clone)]
pub struct CompareSide {
    pub attempt: Attempt,
    /// The attempt played again, or why it cannot be.
    pub replay: Result<Replayed, ReplayError>,
    /// The mood before the first reply and after each (empty when refused).
    pub moods: Vec<i32>,
}

impl CompareSide {
    fn new(attempt: Attempt, library: &Library, rules: &Rules) -> CompareSide {
        let replay = replay(&attempt, library, rules);
        let moods = replay.as_ref().map(|r| r.run.mood_curve()).unwrap_or_default();
        CompareSide { attempt, replay, moods }
    }

    /// The replies given, with the mood after each (none when refused).
    pub fn turns(&self) -> &[Turn] {
        self.replay.as_ref().map_or(&[], |r| r.run.turns())
    }
}

/// Two attempts at one scenario, the older first.
#[derive(Debug, Clone)]
pub struct CompareScreen {
    pub sides: [CompareSide; 2],
    /// The scenario's title, or its id when the library no longer has it.
    pub title: String,
    /// Replies the two gave alike before they parted.
    pub shared: usize,
    /// First line of the replies shown.
    pub scroll: usize,
    /// The history it was opened from, shown again on the way back.
    pub back: Box<HistoryScreen>,
}

impl CompareScreen {
    pub fn new(pair: [Attempt; 2], library: &Library, rules: &Rules, back: Box<HistoryScreen>) -> CompareScreen {
        let shared = divergence(&pair[0], &pair[1]);
        let scenario = &pair[0].scenario;
        let title = library.get(scenario).map_or_else(|| scenario.clone(), |s| s.scenario.title.clone());
        let sides = pair.map(|attempt| CompareSide::new(attempt, library, rules));
        CompareScreen { sides, title, shared, scroll: 0, back }
    }

    /// The reply at which the two went different ways (1 for the first), or `None`
    /// when they gave the same replies throughout.
    pub fn parted_at(&self) -> Option<usize> {
        let [a, b] = &self.sides;
        let same = a.attempt.picks == b.attempt.picks;
        (!same).then_some(self.shared + 1)
    }
}

impl App {
    pub(super) fn update_compare(&mut self, mut screen: Box<CompareScreen>, action: Action) -> Screen {
        match action {
            Action::Back | Action::Quit => return Screen::History(screen.back),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                let max = crate::ui::compare::max_scroll(&screen, self.size);
                let page = crate::ui::compare::page(&screen, self.size);
                screen.scroll = scroll_by(screen.scroll, action, page, max);
            }
            _ => {}
        }
        Screen::Compare(screen)
    }
}
