//! Shared by the terminal-UI tests: a small fixed library (independent of the bundled
//! scenarios, so screen snapshots only change when the UI does), a game on a temp
//! data folder, key presses and rendering into a `TestBackend`.
#![allow(dead_code)]

use frontline::app::{App, AppContext};
use frontline::engine::Rules;
use frontline::engine::Run;
use frontline::progress::{Attempt, LegacyProfile, Mode, Store, format_utc};
use frontline::scenario::{Library, LoadedScenario, parse_scenario};
use frontline::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use tempfile::TempDir;

pub const SEED: u64 = 42;

/// A chat where reply texts are unique, with a coach note, desk facts and options.
pub const HOLD: &str = r#"Scenario(
    id: "hold-shelf",
    title: "The book that was not on the shelf",
    summary: "A reserved book is missing from the hold shelf and the book club meets on Thursday.",
    track: "basics",
    difficulty: 1,
    channel: Chat,
    customer: (names: ["Ruth Abernathy"], register: Neutral, fluency: Native, values: Speed, mood: 50),
    desk: [
        (id: "member", label: "Member", text: "Card ending 2291, home branch Harbour Street.", shown: true),
        (id: "hold", label: "Hold", text: "Ready since Monday, but scanned in at Northgate by mistake."),
    ],
    options: [
        (id: "ebook", label: "Lend the ebook copy right now"),
        (id: "collect", label: "Collect it at Northgate, hold extended a week"),
    ],
    start: "open",
    nodes: {
        "open": (
            say: ["Hi, the text said my book was ready but it is not on the shelf. Where is it?"],
            coach: "Show you have understood the problem in your first reply.",
            replies: [
                (text: "Sorry about that wasted trip. Let me open your hold record.", moves: [Acknowledge, Apologize, LookUp("hold")], next: "found"),
                (text: "I am so sorry, I really do apologise.", moves: [Apologize, Apologize, Empathize], next: "found"),
            ],
        ),
        "found": (
            say: ["So where is it, then?"],
            replies: [
                (text: "It is at Northgate. I can lend you the ebook copy right now.", moves: [Explore("ebook")], once: true, next: "found"),
                (text: "Or you can collect it at Northgate, and I will extend the hold a week.", moves: [Explore("collect")], once: true, next: "found"),
                (text: "Let's do the ebook now and keep the print copy at Northgate for you.", when: [Explored("ebook")], moves: [Commit("ebook"), Close], next: "done"),
            ],
        ),
        "done": (say: ["Perfect, thanks for sorting it out."], end: Resolved),
    },
)"#;

/// A harder scenario that needs `hold-shelf` first.
pub const FOLLOW_UP: &str = r#"Scenario(
    id: "late-fee",
    title: "A late fee for a book never borrowed",
    summary: "A member is charged a late fee for a book they say they never took out.",
    track: "basics",
    difficulty: 3,
    channel: Email,
    requires: ["hold-shelf"],
    customer: (names: ["Omar Haddad"], register: Formal, fluency: Learner, values: Detail, mood: 40),
    start: "open",
    nodes: {
        "open": (say: ["I was charged for a book I never borrowed."], replies: [(text: "I will remove the fee.", moves: [Acknowledge, Close], next: "done")]),
        "done": (say: ["Thank you."], end: Resolved),
    },
)"#;

/// A second track.
pub const PHONE: &str = r#"Scenario(
    id: "noisy-line",
    title: "A noisy line",
    summary: "The caller can hardly hear you.",
    track: "channels",
    difficulty: 2,
    channel: Phone,
    customer: (names: ["Lee Park"], register: Casual, fluency: Native, values: Warmth, mood: 60),
    start: "open",
    nodes: {
        "open": (say: ["Hello? Can you hear me?"], replies: [(text: "Yes, I can hear you now. How can I help?", moves: [Acknowledge], next: "done")]),
        "done": (say: ["Great."], end: Resolved),
    },
)"#;

/// A desk full of long facts, a long coach note and a node with six replies: what
/// cuts text on a small screen. Played alone (see [`desk_library`]).
pub const DESK: &str = r#"Scenario(
    id: "lighthouse",
    title: "The Lighthouse Keeper's Year",
    summary: "A reserved book went to the wrong branch and the book group meets on Thursday.",
    track: "basics",
    difficulty: 1,
    channel: Phone,
    customer: (names: ["Ruth Abernathy"], register: Neutral, fluency: Native, values: Speed, mood: 55),
    desk: [
        (id: "member", label: "Member card", text: "Card ending 2291. Home branch: Harbour Street. No fines, no overdue items.", shown: true),
        (id: "hold", label: "Hold record", text: "Marked Ready on Monday, but the transit slip was scanned at Northgate branch, so the book is sitting on Northgate's hold shelf."),
        (id: "digital", label: "Digital loans", text: "Same title as an ebook: one licence free right now, a two-week loan, added to the card at once."),
        (id: "van", label: "Branch van", text: "Runs Northgate to Harbour Street on Tuesdays and Fridays only; the next run arrives Friday at noon, after the book group."),
    ],
    options: [
        (id: "ebook", label: "Lend the ebook copy tonight"),
        (id: "collect", label: "Collect it at Northgate, hold extended a week"),
    ],
    start: "open",
    nodes: {
        "open": (
            say: ["Hello. My hold was ready but it wasn't on the shelf, and I need it for Thursday."],
            replies: [
                (text: "That's annoying after a wasted trip. Let me open your hold record.", moves: [Acknowledge, LookUp("hold")], next: "options"),
            ],
        ),
        "options": (
            say: ["So what can we do before Thursday?"],
            coach: "Now explore: customers judge you most on this. Each option you put to them lifts the mood, and two or more before you commit earn a bonus. Sympathy with no next step costs a little. LAST-COACH-WORDS",
            replies: [
                (text: "Let me check whether there is a digital copy you could start on tonight.", moves: [LookUp("digital")], once: true, next: "options"),
                (text: "Let me look at when the branch van runs between the two branches.", moves: [LookUp("van")], once: true, next: "options"),
                (text: "It's at Northgate: you could collect it there, and I'd hold it a week longer.", moves: [Explore("collect")], once: true, next: "options"),
                (text: "I'll put you through to Northgate branch so they can sort it out with you.", moves: [Transfer], next: "done"),
                (text: "I completely understand how disappointing this must be for you.", moves: [Empathize], next: "options"),
                (text: "Let's settle it: collect it at Northgate, held for you a week longer. SIXTH-REPLY", when: [Explored("collect")], moves: [Commit("collect"), Close], next: "done"),
                (text: "I'll lend you the ebook tonight, and the print copy waits at Northgate. SIXTH-REPLY", moves: [Explore("ebook"), Commit("ebook"), Close], next: "done"),
            ],
        ),
        "done": (say: ["Right. Thank you."], end: Resolved),
    },
)"#;

/// Only the [`DESK`] scenario.
pub fn desk_library() -> Library {
    let (scenario, _) = parse_scenario("desk.ron", DESK).unwrap_or_else(|e| panic!("desk.ron: {e:#?}"));
    Library { scenarios: vec![LoadedScenario { scenario, file: "desk.ron".to_string(), bundled: false }] }
}

pub fn library() -> Library {
    let scenarios = [("hold.ron", HOLD), ("fee.ron", FOLLOW_UP), ("phone.ron", PHONE)]
        .into_iter()
        .map(|(file, text)| {
            let (scenario, _) = parse_scenario(file, text).unwrap_or_else(|e| panic!("{file}: {e:#?}"));
            LoadedScenario { scenario, file: file.to_string(), bundled: false }
        })
        .collect();
    Library { scenarios }
}

/// [`library`] and the [`DESK`] scenario: four scenarios in two tracks, one of them
/// with a transfer that fails the first contact.
pub fn full_library() -> Library {
    let mut library = library();
    library.scenarios.extend(desk_library().scenarios);
    library
}

/// A game on a fresh temp data folder holding the given profiles.
pub fn game_with(library: Library, profiles: &[&str]) -> (App, TempDir) {
    game_seeded(library, profiles, SEED)
}

pub fn game_seeded(library: Library, profiles: &[&str], seed: u64) -> (App, TempDir) {
    game_full(library, profiles, seed, Vec::new())
}

pub fn game_full(library: Library, profiles: &[&str], seed: u64, notices: Vec<String>) -> (App, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, mut save, _) = Store::open(dir.path()).expect("open store");
    for name in profiles {
        store.create_profile(&mut save, name).expect("a new profile");
    }
    let ctx = AppContext { library, rules: Rules::default(), store, save, notices, seed: Some(seed), profile: None };
    (App::with_theme(ctx, Theme::plain()), dir)
}

/// A profile not saved yet: a name and the attempts it will hold.
pub fn person(name: &str) -> LegacyProfile {
    LegacyProfile { name: name.to_string(), attempts: Vec::new() }
}

/// A game on a fresh temp data folder holding `profiles` (recorded there first, as
/// games that ran before would have).
pub fn game_with_save(library: Library, profiles: Vec<LegacyProfile>) -> (App, TempDir) {
    game_with_save_themed(library, profiles, Theme::plain())
}

pub fn game_with_save_themed(library: Library, profiles: Vec<LegacyProfile>, theme: Theme) -> (App, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, mut save, _) = Store::open(dir.path()).expect("open store");
    for profile in &profiles {
        store.create_profile(&mut save, &profile.name).expect("a new profile");
        for attempt in &profile.attempts {
            store.record(&mut save, &profile.name, attempt).expect("recorded");
        }
    }
    let ctx = AppContext {
        library,
        rules: Rules::default(),
        store,
        save,
        notices: Vec::new(),
        seed: Some(SEED),
        profile: None,
    };
    (App::with_theme(ctx, theme), dir)
}

/// A real attempt at scenario `id`: a run picking the replies containing
/// `fragments` in turn, judged as the game judges it. Too few fragments leave
/// it abandoned.
pub fn played(library: &Library, id: &str, fragments: &[&str], mode: Mode) -> Attempt {
    let scenario = library.get(id).unwrap_or_else(|| panic!("no scenario {id}")).scenario.clone();
    let mut run = Run::new(scenario, Rules::default(), SEED);
    for fragment in fragments {
        run.pick(fragment).unwrap_or_else(|e| panic!("{id}: {fragment:?}: {e}"));
    }
    Attempt::from_run(&run, &frontline::analysis::debrief(&run), mode)
}

/// Seconds since 1970, now.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("a clock after 1970").as_secs()
}

/// The replies of the library's scenarios, from an apology-heavy conversation to a
/// research-backed one.
pub const HOLD_APOLOGISING: &[&str] = &["I am so sorry", "lend you the ebook", "Let's do the ebook"];
pub const HOLD_ONE_OPTION: &[&str] = &["Sorry about that wasted trip", "lend you the ebook", "Let's do the ebook"];
pub const HOLD_BEST: &[&str] =
    &["Sorry about that wasted trip", "lend you the ebook", "collect it at Northgate", "Let's do the ebook"];

pub const DESK_TRANSFER: &[&str] = &["That's annoying", "put you through to Northgate"];
pub const DESK_SYMPATHY: &[&str] = &["That's annoying", "disappointing", "lend you the ebook tonight"];
pub const DESK_BEST: &[&str] = &["That's annoying", "digital copy", "collect it there", "Let's settle it"];

/// Ann's fortnight on [`full_library`]: she starts by apologising and transferring,
/// learns to explore options and passes two scenarios; she left the phone call
/// unfinished and has not tried the late fee; she has practised on the last three
/// days up to today. Every attempt is a real run;
/// only its date (noon UTC, `days_ago` days back) and time played are set.
pub fn history(library: &Library) -> LegacyProfile {
    let today = (now_secs() / 86_400 * 86_400 + 12 * 3600) as i64;
    let plan: [(&str, &[&str], u64, u64); 13] = [
        ("hold-shelf", HOLD_APOLOGISING, 12, 240),
        ("lighthouse", DESK_TRANSFER, 12, 130),
        ("hold-shelf", HOLD_APOLOGISING, 9, 200),
        ("hold-shelf", &HOLD_BEST[..1], 5, 60),
        ("lighthouse", DESK_SYMPATHY, 5, 260),
        ("hold-shelf", HOLD_ONE_OPTION, 5, 180),
        ("noisy-line", &[], 5, 25),
        ("lighthouse", DESK_TRANSFER, 2, 140),
        ("hold-shelf", HOLD_BEST, 2, 210),
        ("hold-shelf", HOLD_BEST, 1, 160),
        ("lighthouse", DESK_BEST, 1, 300),
        ("hold-shelf", HOLD_BEST, 0, 150),
        ("lighthouse", DESK_BEST, 0, 280),
    ];
    let mut profile = person("Ann");
    for (id, fragments, days_ago, secs) in plan {
        let mut attempt = played(library, id, fragments, Mode::Practice);
        attempt.date = format_utc(jiff::Timestamp::from_second(today - days_ago as i64 * 86_400).unwrap());
        attempt.played_secs = secs;
        profile.attempts.push(attempt);
    }
    profile
}

pub fn game(profiles: &[&str]) -> (App, TempDir) {
    game_with(library(), profiles)
}

/// A profile and every attempt it holds, as read back from disk.
#[derive(Debug, PartialEq)]
pub struct SavedProfile {
    pub name: String,
    pub attempts: Vec<frontline::progress::Attempt>,
}

#[derive(Debug, PartialEq)]
pub struct Saved {
    pub profiles: Vec<SavedProfile>,
}

/// The save as written on disk, read the way another process would.
pub fn saved(dir: &TempDir) -> Saved {
    saved_in(dir.path())
}

pub fn saved_in(dir: &std::path::Path) -> Saved {
    let save = frontline::progress::peek(dir).expect("the save is readable");
    let profiles = save
        .profiles
        .iter()
        .map(|p| SavedProfile {
            name: p.name.clone(),
            attempts: frontline::progress::attempts_of(dir, p).expect("the attempts are readable"),
        })
        .collect();
    Saved { profiles }
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        app.handle_key(key(code));
    }
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

/// Draws the game at `w`×`h`, as the event loop would after a resize.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.resize(Size::new(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|frame| frame.render_widget(&*app, frame.area())).expect("draw");
    terminal
}

/// Everything on screen as text, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width.max(1))
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
