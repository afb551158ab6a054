//! The progress screen's state and keys: the current profile's figures, worked out
//! once when the screen opens, and which panel is shown.

use super::{Action, App, Screen, scroll_by};
use crate::progress::Stats;

/// The panels of the progress screen. A large terminal shows them all at once; a
/// smaller one a tab at a time, with the skills on the overview when they fit
/// there (see `ui::progress::tabs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressTab {
    /// Totals and track completion, and the skill trends when they fit.
    Overview,
    /// The skill trends.
    Skills,
    /// Each scenario's best result, passes and attempts.
    Scenarios,
}

impl ProgressTab {
    pub fn label(self) -> &'static str {
        match self {
            ProgressTab::Overview => "Overview",
            ProgressTab::Skills => "Skills",
            ProgressTab::Scenarios => "Scenarios",
        }
    }
}

/// A profile's progress, as it stood when the screen opened.
#[derive(Debug, Clone)]
pub struct ProgressScreen {
    pub stats: Stats,
    pub tab: ProgressTab,
    /// First row of the scenario table shown.
    pub scroll: usize,
}

impl ProgressScreen {
    pub fn new(stats: Stats) -> ProgressScreen {
        ProgressScreen { stats, tab: ProgressTab::Overview, scroll: 0 }
    }
}

impl App {
    /// The current profile's progress; the figures are worked out here, once, not on
    /// every frame.
    pub(super) fn open_progress(&mut self) -> Screen {
        let Some(profile) = self.profile() else {
            self.status = Some("Choose a profile first (p).".to_string());
            return Screen::Library;
        };
        let stats = Stats::of(profile, &self.library, crate::progress::today());
        Screen::Progress(Box::new(ProgressScreen::new(stats)))
    }

    pub(super) fn update_progress(&mut self, mut screen: Box<ProgressScreen>, action: Action) -> Screen {
        match action {
            Action::Back | Action::Quit => return Screen::Library,
            Action::History => return self.open_history(screen),
            Action::NextTab | Action::PrevTab => {
                // The tabs depend on the terminal's size: step from the one shown.
                let tabs = crate::ui::progress::tabs(&screen.stats, self.size);
                if let Some(shown) = crate::ui::progress::shown_tab(&screen, self.size) {
                    let at = tabs.iter().position(|&t| t == shown).unwrap_or(0);
                    let step = if action == Action::NextTab { 1 } else { tabs.len() - 1 };
                    screen.tab = tabs[(at + step) % tabs.len()];
                }
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                let max = crate::ui::progress::max_scroll(&screen, self.size);
                let page = crate::ui::progress::page(&screen, self.size);
                screen.scroll = scroll_by(screen.scroll, action, page, max);
            }
            _ => {}
        }
        Screen::Progress(screen)
    }
}
