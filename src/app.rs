//! The terminal game: the event loop, the screens as a state machine, and the
//! actions that move between them. Drawing lives in [`crate::ui`]; deciding lives in
//! the domain modules. Keys become [`Action`]s first, so every transition is
//! testable without a terminal.

mod catalog;
mod compare;
mod debrief;
mod delivery;
mod history;
mod keys;
mod library;
mod notes;
mod play;
mod profile;
mod progress;
mod replay;
mod signals;

pub use crate::progress::MAX_NAME_CHARS;
pub use catalog::{Track, display_order, is_locked, locked_reason, missing_requirements, newly_unlocked, tracks};
pub use compare::{CompareScreen, CompareSide};
pub use debrief::DebriefScreen;
pub use history::HistoryScreen;
pub use keys::{Action, InputMode, action_for};
pub use notes::NoteField;
pub use play::{PlayScreen, note_place};
pub use profile::ProfileScreen;
pub(crate) use profile::attempts_text;
pub use progress::{ProgressScreen, ProgressTab};
pub use replay::ReplayScreen;

use crate::engine::Rules;
use crate::progress::{Mode, Profile, SaveFile, Store};
use crate::scenario::{Library, LoadedScenario};
use crate::ui::theme::Theme;
use delivery::Delivery;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEvent};
use ratatui::layout::Size;
use std::io::{self, IsTerminal};

/// Everything the game needs, prepared by `main`.
pub struct AppContext {
    pub library: Library,
    pub rules: Rules,
    pub store: Store,
    pub save: SaveFile,
    /// Messages to show once at start (e.g. a corrupt save kept aside, scenario files with errors).
    pub notices: Vec<String>,
    /// Fixed seed for every attempt (tests, `--seed`), else random per attempt.
    pub seed: Option<u64>,
    /// Start as this profile (`--profile`), without the profile menu. It must be in
    /// `save`; a name that is not is ignored.
    pub profile: Option<String>,
}

/// Plays the game in the terminal until the player quits. The terminal is restored
/// on every way out, including a panic.
pub fn run(ctx: AppContext, config: crate::config::Config) -> io::Result<()> {
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "Frontline needs an interactive terminal; use `frontline run` to play without one",
        ));
    }
    let watch = signals::SignalWatch::start()?;
    let mut app = App::new(ctx);
    app.deliver_to(config, signals::wake_loop);
    let result = ratatui::try_init().and_then(|mut terminal| app.event_loop(&mut terminal, &watch));
    ratatui::restore();
    // Ended by a signal: end now, as it would have (the watch thread may be waiting
    // out its grace period; it ends with the process).
    if let Some(signal) = app.ended_by {
        signals::end_as(signal);
    }
    watch.stop();
    result
}

#[derive(Debug, Clone)]
pub enum Screen {
    Profile(ProfileScreen),
    Library,
    Play(Box<PlayScreen>),
    Debrief(Box<DebriefScreen>),
    Progress(Box<ProgressScreen>),
    /// Every attempt of the profile, from the progress screen.
    History(Box<HistoryScreen>),
    /// A saved attempt played again, step by step.
    Replay(Box<ReplayScreen>),
    /// Two attempts at the same scenario side by side.
    Compare(Box<CompareScreen>),
}

/// The whole game state.
pub struct App {
    library: Library,
    tracks: Vec<Track>,
    /// Scenario indices in display order; the library's selection is a position here.
    order: Vec<usize>,
    rules: Rules,
    store: Store,
    save: SaveFile,
    profile: Option<String>,
    mode: Mode,
    seed: Option<u64>,
    screen: Screen,
    /// Scroll position of the help overlay while it is open.
    help: Option<usize>,
    notices: Vec<String>,
    status: Option<String>,
    selected: usize,
    running: bool,
    theme: Theme,
    size: Size,
    /// The signal that ended the game, so `run` can end the process the same way.
    ended_by: Option<i32>,
    /// Attempts on their way to the organisation's LRS.
    delivery: Delivery,
}

impl App {
    /// A new game with colours chosen from the environment (`NO_COLOR`).
    pub fn new(ctx: AppContext) -> App {
        App::with_theme(ctx, Theme::from_env())
    }

    pub fn with_theme(ctx: AppContext, theme: Theme) -> App {
        let tracks = tracks(&ctx.library);
        let order = display_order(&tracks);
        let chosen = ctx.profile.filter(|name| ctx.save.profile(name).is_some());
        let (profile, screen) = match ctx.save.profiles.as_slice() {
            _ if chosen.is_some() => (chosen, Screen::Library),
            [] => (None, Screen::Profile(ProfileScreen::Name { text: String::new(), error: None })),
            [only] => (Some(only.name.clone()), Screen::Library),
            _ => (None, Screen::Profile(ProfileScreen::Pick { selected: 0 })),
        };
        let mut app = App {
            library: ctx.library,
            tracks,
            order,
            rules: ctx.rules,
            store: ctx.store,
            save: ctx.save,
            profile,
            mode: Mode::Practice,
            seed: ctx.seed,
            screen,
            help: None,
            notices: ctx.notices,
            status: None,
            selected: 0,
            running: true,
            theme,
            size: Size::new(80, 24),
            ended_by: None,
            delivery: Delivery::off(),
        };
        app.selected = app.first_unlocked();
        app
    }

    fn event_loop(&mut self, terminal: &mut DefaultTerminal, watch: &signals::SignalWatch) -> io::Result<()> {
        self.size = terminal.size()?;
        while self.running {
            terminal.draw(|frame| frame.render_widget(&*self, frame.area()))?;
            // Blocks until something happens: no work at all while the player thinks.
            let event = event::read()?;
            match watch.take() {
                Some(signals::SignalAction::Quit(signal)) => {
                    self.interrupt();
                    self.ended_by = Some(signal);
                    break;
                }
                Some(signals::SignalAction::Suspend) => {
                    ratatui::restore();
                    terminal.show_cursor()?;
                    signals::stop_here()?;
                    // Continued: take the terminal back and draw everything anew.
                    ratatui::crossterm::terminal::enable_raw_mode()?;
                    ratatui::crossterm::execute!(io::stdout(), ratatui::crossterm::terminal::EnterAlternateScreen)?;
                    // Redraw everything on a cleared screen. Not `clear()`: it asks the
                    // terminal where the cursor is and gives up after 2 s, which a busy
                    // machine can exceed; a resize to the same size clears without asking.
                    let size = terminal.size()?;
                    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
                }
                None => {}
            }
            self.size = terminal.size()?;
            self.handle_event(&event);
        }
        Ok(())
    }

    /// Reacts to one terminal event: key presses become actions, a resize is noted
    /// (the next draw uses the new size), everything else is ignored.
    pub fn handle_event(&mut self, event: &Event) {
        // A send to the LRS may have ended (its thread woke the loop to say so).
        self.delivery.poll();
        match event {
            Event::Resize(w, h) => self.size = Size::new(*w, *h),
            _ => {
                if let Some(key) = event.as_key_press_event() {
                    self.handle_key(key);
                }
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(action) = action_for(key, self.input_mode()) {
            self.update(action);
        }
    }

    /// What kind of input the screen waits for now.
    pub fn input_mode(&self) -> InputMode {
        match &self.screen {
            _ if self.help.is_some() => InputMode::Navigate,
            Screen::Profile(ProfileScreen::Name { .. } | ProfileScreen::Rename { .. }) => InputMode::Text,
            Screen::Profile(ProfileScreen::ConfirmDelete { .. }) => InputMode::Confirm,
            Screen::Play(play) if play.note_field.is_some() => InputMode::Text,
            Screen::Play(play) if play.confirm_leave => InputMode::Confirm,
            Screen::Debrief(debrief) if debrief.note_field.is_some() => InputMode::Text,
            _ => InputMode::Navigate,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if action == Action::Interrupt {
            self.interrupt();
            return;
        }
        if let Some(scroll) = self.help {
            self.help = match action {
                Action::Help | Action::Back | Action::Quit | Action::Select | Action::No => None,
                _ => Some(scroll_by(
                    scroll,
                    action,
                    crate::ui::help::page(self.size),
                    crate::ui::help::max_scroll(self.size),
                )),
            };
            return;
        }
        if action == Action::Help {
            self.help = Some(0);
            return;
        }
        self.status = None;
        let screen = std::mem::replace(&mut self.screen, Screen::Library);
        self.screen = match screen {
            Screen::Profile(profile) => self.update_profile(profile, action),
            Screen::Library => self.update_library(action),
            Screen::Play(play) => self.update_play(play, action),
            Screen::Debrief(debrief) => self.update_debrief(debrief, action),
            Screen::Progress(progress) => self.update_progress(progress, action),
            Screen::History(history) => self.update_history(history, action),
            Screen::Replay(replay) => self.update_replay(replay, action),
            Screen::Compare(compare) => self.update_compare(compare, action),
        };
    }

    /// Ctrl-C: leave at once, keeping an unfinished conversation as an abandoned attempt.
    fn interrupt(&mut self) {
        if let Screen::Play(play) = &self.screen {
            let (attempt, saved) = (self.attempt_of(play), play.saved.clone());
            // Leaving anyway; there is no screen left to show a save error on.
            let _ = self.record(attempt, saved);
        }
        self.running = false;
    }

    /// Queues every attempt saved from now on for the LRS `config` names (if any),
    /// and starts sending what is already queued. `wake` is called from the sending
    /// thread when it ends.
    pub fn deliver_to(&mut self, config: crate::config::Config, wake: fn()) {
        self.delivery = Delivery::new(config, self.store.dir().to_path_buf(), wake);
        self.delivery.send();
    }

    /// Attempts waiting for the LRS (when one is configured), and why, if a send
    /// could not deliver them.
    pub fn lrs_waiting(&self) -> Option<(usize, Option<&str>)> {
        self.delivery.waiting().map(|n| (n, self.delivery.problem()))
    }

    /// Waits (at most `patience`) for a send to the LRS under way to end.
    pub fn finish_delivery(&mut self, patience: std::time::Duration) {
        self.delivery.finish(patience);
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn tracks(&self) -> &[Track] {
        &self.tracks
    }

    /// Position of the selected scenario in [`display_order`].
    pub fn selected_position(&self) -> usize {
        self.selected
    }

    pub fn selected_scenario(&self) -> Option<&LoadedScenario> {
        self.order.get(self.selected).map(|&i| &self.library.scenarios[i])
    }

    pub fn save_file(&self) -> &SaveFile {
        &self.save
    }

    pub fn profile_name(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_deref().and_then(|n| self.save.profile(n))
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The scroll position of the help overlay, when it is open.
    pub fn help(&self) -> Option<usize> {
        self.help
    }

    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// A one-line message about the last action (locked scenario, save error, …).
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn size(&self) -> Size {
        self.size
    }

    /// The terminal size the next draw will use (kept for scrolling limits).
    pub fn resize(&mut self, size: Size) {
        self.size = size;
    }
}

fn page(size: Size) -> usize {
    usize::from(size.height / 2).max(1)
}

/// A scroll position moved by a navigation action, kept within `0..=max`: a line
/// at a time, `page` lines for PgUp/PgDn, or to either end.
fn scroll_by(scroll: usize, action: Action, page: usize, max: usize) -> usize {
    let page = page.max(1);
    match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll + 1,
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => scroll + page,
        Action::Top => 0,
        Action::Bottom => max,
        _ => scroll,
    }
    .min(max)
}
