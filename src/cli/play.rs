//! `frontline play` (and `frontline` alone): the terminal game, or plain mode, line
//! by line, when asked for or when the terminal cannot show the game.

use super::{Common, find_scenario, load_rules};
use crate::progress::{Mode, ProgressError, SaveFile, Store, is_valid_profile_name, tidy_name};
use crate::scenario::{Library, Scenario, load_library};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// `--mode`, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlayMode {
    Practice,
    Mentor,
    Test,
}

impl From<PlayMode> for Mode {
    fn from(mode: PlayMode) -> Mode {
        match mode {
            PlayMode::Practice => Mode::Practice,
            PlayMode::Mentor => Mode::Mentor,
            PlayMode::Test => Mode::Test,
        }
    }
}

/// What `frontline play` was asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlayArgs {
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    pub plain: bool,
    pub profile: Option<String>,
    pub mode: Option<PlayMode>,
}

/// An environment variable as text, if it is set.
fn env_text(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

pub(crate) fn play(common: &Common, args: &PlayArgs) -> Result<ExitCode, String> {
    let plain = crate::plain::wants_plain(
        std::io::stdout().is_terminal(),
        env_text("TERM").as_deref(),
        env_text("ACCESSIBLE").as_deref(),
        args.plain,
    );
    if !plain && (args.scenario.is_some() || args.mode.is_some()) {
        return Err("a scenario and --mode are for plain mode (add --plain); in the terminal game choose the \
                    scenario in the library, where m changes the mode"
            .into());
    }
    let rules = load_rules(common)?;
    let report = load_library(&common.scenarios);
    let mut notices: Vec<String> =
        report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    let dir = crate::progress::data_dir(common.data_dir.as_deref()).map_err(|e| e.to_string())?;
    let (mut store, mut save, set_aside, read_only) =
        crate::progress::Store::open_or_read_only(&dir).map_err(|e| e.to_string())?;
    for problem in set_aside.iter().rev() {
        notices.insert(0, problem.to_string());
    }
    if let Some(reason) = read_only {
        notices.insert(
            0,
            format!(
                "Playing without saving: {reason}. Set FRONTLINE_DATA_DIR or --data-dir to a folder you can write."
            ),
        );
    }
    let profile = match &args.profile {
        Some(name) => Some(profile_for(&mut store, &mut save, name)?),
        None => None,
    };
    if plain {
        let scenario = match &args.scenario {
            Some(name) => Some(scenario_named(common, &report.library, name)?),
            None => None,
        };
        let session = PlainSetup { library: report.library, rules, store, save, notices, profile, dir: &dir };
        return Ok(play_plain(session, scenario, args));
    }
    // A broken settings file stops nothing but delivery to the LRS, and says so.
    let config = crate::config::Config::load().unwrap_or_else(|problem| {
        notices.push(format!("Attempts are not sent to an LRS: {problem}"));
        crate::config::Config::default()
    });
    let seed = args.seed;
    let ctx = crate::app::AppContext { library: report.library, rules, store, save, notices, seed, profile };
    crate::app::run(ctx, config).map_err(|e| format!("terminal: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The profile `--profile` names, created if it is new. A name that is another
/// profile's but for case or spacing is that person's: refused, naming theirs.
fn profile_for(store: &mut Store, save: &mut SaveFile, typed: &str) -> Result<String, String> {
    let name = typed.trim();
    if !is_valid_profile_name(name) {
        return Err(format!("--profile needs a printable name of 1 to {} characters", crate::progress::MAX_NAME_CHARS));
    }
    if let Some(profile) = save.profile(name) {
        return Ok(profile.name.clone());
    }
    if let Some(other) = save.same_person_as(name) {
        let refusal = ProgressError::SamePerson { name: name.to_string(), existing: other.name.clone() };
        return Err(format!("{refusal}; use --profile \"{}\"", other.name));
    }
    match store.create_profile(save, name) {
        // Without a writable folder the profile lasts for this game; the game says why.
        Ok(()) | Err(ProgressError::ReadOnly(_)) => Ok(tidy_name(name)),
        Err(e) => Err(e.to_string()),
    }
}

/// A scenario by id from the library, or read from a file.
fn scenario_named(common: &Common, library: &Library, name: &str) -> Result<Scenario, String> {
    match library.get(name) {
        Some(loaded) if !Path::new(name).is_file() => Ok(loaded.scenario.clone()),
        // A file, or an id the library lacks (then the error lists the ids).
        _ => find_scenario(common, name),
    }
}

/// Everything a plain session starts from.
struct PlainSetup<'a> {
    library: Library,
    rules: crate::engine::Rules,
    store: Store,
    save: SaveFile,
    notices: Vec<String>,
    profile: Option<String>,
    dir: &'a Path,
}

/// Plain mode on stdin and stdout. Each attempt is queued for the LRS (when one is
/// configured) as `run --profile` queues it.
fn play_plain(setup: PlainSetup, scenario: Option<Scenario>, args: &PlayArgs) -> ExitCode {
    // Typed answers are echoed by a terminal; from a pipe the output repeats them.
    let echo = !std::io::stdin().is_terminal();
    // Read on its own thread, so Ctrl-C ends the input like Ctrl-D: an unfinished
    // conversation is saved as abandoned before leaving.
    let input = match crate::plain::Interruptible::stdin() {
        Ok(input) => input,
        Err(e) => {
            eprintln!("frontline: cannot watch for Ctrl-C: {e}");
            return ExitCode::from(2);
        }
    };
    let console = crate::plain::Console::new(input, std::io::stdout().lock(), echo);
    let dir = setup.dir.to_path_buf();
    let queue = move |profile: &str, attempt: &crate::progress::Attempt, run: &crate::engine::Run| {
        super::run::queue_for_lrs(&dir, profile, attempt, run);
    };
    let mut session = crate::plain::Session::new(console, setup.library, setup.rules, setup.store, setup.save)
        .seed(args.seed)
        .mode(args.mode.map_or(Mode::Practice, Mode::from))
        .profile(setup.profile)
        .notices(setup.notices)
        .before_save(Box::new(queue));
    let end = session.run(scenario);
    // Stopped by a signal: end with the status the signal would have given.
    if let Some(signal) = crate::plain::stopped_by() {
        return ExitCode::from((128 + signal).clamp(0, 255) as u8);
    }
    match end {
        crate::plain::SessionEnd::Refused => ExitCode::from(1),
        crate::plain::SessionEnd::Done | crate::plain::SessionEnd::InputEnded => ExitCode::SUCCESS,
    }
}
