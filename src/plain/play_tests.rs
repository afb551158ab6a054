//! Plain-mode conversations driven by scripted input, saved in a temp folder.

use crate::engine::{Rules, Run};
use crate::plain::{Console, Session, SessionEnd};
use crate::progress::{Attempt, Mode, Note, Store, attempts_of, peek};
use crate::scenario::{Ending, Library, Scenario, TestKind, load_library};
use std::io::Cursor;
use tempfile::TempDir;

const SEED: u64 = 3;

type TestSession = Session<Cursor<Vec<u8>>, Vec<u8>>;

fn library() -> Library {
    load_library(&[]).library
}

fn scenario(id: &str) -> Scenario {
    library().get(id).unwrap_or_else(|| panic!("no scenario {id}")).scenario.clone()
}

/// The scenario's own research-backed path, as reply fragments.
fn research_path(id: &str) -> Vec<String> {
    let scenario = scenario(id);
    let test = scenario.tests.iter().find(|t| t.kind == TestKind::Research).expect("a research test");
    test.picks.clone()
}

/// The number each fragment has on screen in turn, playing from `SEED`: what a
/// trainee would type to give those replies.
fn numbers(id: &str, fragments: &[impl AsRef<str>]) -> Vec<String> {
    let mut run = Run::new(scenario(id), Rules::default(), SEED);
    fragments
        .iter()
        .map(|fragment| {
            let index = run.find_reply(fragment.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", fragment.as_ref()));
            let position = run.replies().iter().position(|r| r.index == index).expect("shown");
            run.choose(index).expect("available");
            (position + 1).to_string()
        })
        .collect()
}

/// A session on a fresh save folder holding `profiles`, reading `input` lines.
fn new_session(input: &[impl AsRef<str>], mode: Mode, profiles: &[&str]) -> (TestSession, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, mut save, _) = Store::open(dir.path()).expect("open store");
    for name in profiles {
        store.create_profile(&mut save, name).expect("a new profile");
    }
    let text: String = input.iter().map(|l| format!("{}\n", l.as_ref())).collect();
    let console = Console::new(Cursor::new(text.into_bytes()), Vec::new(), true);
    let session = Session::new(console, library(), Rules::default(), store, save).seed(Some(SEED)).mode(mode);
    (session, dir)
}

fn output(session: &TestSession) -> String {
    let bytes = session.console().output();
    assert_plain(bytes);
    String::from_utf8(bytes.clone()).expect("UTF-8 output")
}

/// No escape byte, no box drawing, no block elements, ever.
fn assert_plain(bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "an escape byte in plain output");
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c)), "box drawing in plain output:\n{text}");
    assert!(!text.contains('★') && !text.contains('☆'), "star symbols instead of words:\n{text}");
}

fn saved(dir: &TempDir, profile: &str) -> Vec<Attempt> {
    let save = peek(dir.path()).expect("readable save");
    let profile = save.profile(profile).unwrap_or_else(|| panic!("no profile {profile}"));
    attempts_of(dir.path(), profile).expect("readable attempts")
}

/// Plays wrong-door as Pat with `input` in `mode`; returns the end, the output and
/// what was saved.
fn play(input: &[impl AsRef<str>], mode: Mode) -> (SessionEnd, String, Vec<Attempt>) {
    let (mut session, dir) = new_session(input, mode, &["Pat"]);
    let end = session.run(Some(scenario("wrong-door")));
    let text = output(&session);
    (end, text, saved(&dir, "Pat"))
}

#[test]
fn practice_says_each_mood_change_in_words_and_keeps_reasons_for_the_debrief() {
    let input = numbers("wrong-door", &research_path("wrong-door"));
    let (end, text, attempts) = play(&input, Mode::Practice);
    assert_eq!(end, SessionEnd::Done);
    assert!(text.contains("Playing as Pat."), "{text}");
    assert!(text.contains("Leah: "), "the customer speaks:\n{text}");
    assert!(text.contains("1. ") && text.contains("Your reply, 1 to 4, or ? for help: "), "{text}");
    let (live, debrief) = text.split_once("Debrief: Delivered to the wrong door").expect("the debrief is printed");
    // The first reply acknowledges and looks it up: the mood goes up, said in words.
    assert!(live.contains("Mood 4") && live.contains(", uneasy, up "), "{live}");
    assert!(!live.contains("Quick acknowledgment"), "practice hides the reasons until the debrief:\n{live}");
    assert!(!live.contains("Why:"), "{live}");
    assert!(debrief.contains("Quick acknowledgment, up "), "{debrief}");
    assert!(debrief.contains("Stars: 3 of 3."), "{debrief}");
    assert!(debrief.contains("Ending: Resolved, in the first contact."), "{debrief}");
    assert!(debrief.contains("Best possible here: "), "{debrief}");
    assert!(debrief.contains("Progress: Passed."), "{debrief}");
    assert!(debrief.contains("Option exploration: "), "{debrief}");
    assert_eq!(attempts.len(), 1);
    let attempt = &attempts[0];
    assert_eq!((attempt.mode, attempt.ending, attempt.undos), (Mode::Practice, Some(Ending::Resolved), 0));
    assert_eq!(attempt.picks.len(), input.len());
    assert!(debrief.contains(&format!("as attempt {}", attempt.short_id())), "{debrief}");
}

#[test]
fn mentor_mode_gives_each_reason_as_it_happens() {
    let mut fragments = vec!["so sorry. I do apologise".to_string()];
    fragments.extend(["how upsetting", "Let me look properly"].map(String::from));
    let mut input = numbers("wrong-door", &fragments);
    input.push("q".into());
    input.push("y".into());
    let (end, text, attempts) = play(&input, Mode::Mentor);
    assert_eq!(end, SessionEnd::Done);
    assert!(text.contains("Mentor mode: every mood change is explained"), "{text}");
    // Two apologies in one reply: the second is past the opening and costs.
    assert!(text.contains("Extra apology, down "), "{text}");
    assert!(text.contains(": Apology 2 went past the opening"), "{text}");
    assert!(text.contains("That took "), "the time a reply took:\n{text}");
    let mood_line = text.lines().find(|l| l.starts_with("Mood ") && l.contains("down")).expect("a mood line");
    assert!(mood_line.ends_with(':'), "the reasons follow the mood line: {mood_line}");
    assert_eq!(attempts.len(), 1);
    assert_eq!((attempts[0].mode, attempts[0].ending), (Mode::Mentor, None));
}

#[test]
fn undo_takes_back_a_reply_and_is_counted() {
    let path = research_path("wrong-door");
    let mut input = numbers("wrong-door", &["so sorry. I do apologise"]);
    input.push("u".into());
    input.extend(numbers("wrong-door", &path));
    let (_, text, attempts) = play(&input, Mode::Mentor);
    assert!(text.contains("Took back the last reply. Try another one."), "{text}");
    assert_eq!(attempts.len(), 1);
    let attempt = &attempts[0];
    assert_eq!(attempt.undos, 1);
    assert_eq!(attempt.ending, Some(Ending::Resolved));
    assert_eq!(attempt.picks.len(), path.len(), "the taken-back reply is not among the picks");
    assert!(!attempt.passed(), "a coached attempt is never a pass");
    assert!(text.contains("1 reply taken back: a coached attempt"), "{text}");
}

#[test]
fn undo_after_the_debrief_replaces_the_saved_attempt() {
    let path = research_path("wrong-door");
    let mut input = numbers("wrong-door", &path);
    input.push("u".into());
    // The last reply again: the same ending, saved over the first version.
    input.push(input[path.len() - 1].clone());
    input.push(String::new());
    let (end, text, attempts) = play(&input, Mode::Mentor);
    assert_eq!(end, SessionEnd::Done);
    assert_eq!(text.matches("Debrief: ").count(), 2, "{text}");
    assert_eq!(attempts.len(), 1, "replaced, not added: {attempts:?}");
    assert_eq!(attempts[0].undos, 1);
    assert_eq!(attempts[0].ending, Some(Ending::Resolved));
}

#[test]
fn undo_is_refused_outside_mentor_mode() {
    let mut input = numbers("wrong-door", &["so sorry. I do apologise"]);
    input.extend(["u", "n"].map(String::from));
    for mode in [Mode::Practice, Mode::Test] {
        let (end, text, attempts) = play(&input, mode);
        assert_eq!(end, SessionEnd::InputEnded);
        assert!(text.contains("Undo is for mentor mode."), "{text}");
        assert!(text.contains("Notes are for mentor mode."), "{text}");
        assert_eq!(attempts[0].picks.len(), 1, "nothing taken back");
        assert!(!text.contains("Extra apology"), "{mode:?} gives no reasons live:\n{text}");
        assert!(text.contains("Mood 3") && text.contains("down"), "{mode:?} still says the mood:\n{text}");
    }
}

#[test]
fn a_mentor_note_is_saved_with_the_attempt() {
    let path = research_path("wrong-door");
    let replies = numbers("wrong-door", &path);
    let mut input = vec![replies[0].clone(), "n".into(), "  ask about their deadline first ".into()];
    input.extend(["n".into(), String::new()]);
    input.extend(replies[1..].iter().cloned());
    let (_, text, attempts) = play(&input, Mode::Mentor);
    assert!(text.contains("Note added after reply 1; it is saved with the attempt."), "{text}");
    assert!(text.contains("No note added."), "an empty note adds none:\n{text}");
    let note = Note { turn: 1, text: "ask about their deadline first".into() };
    assert_eq!(attempts[0].notes, vec![note]);
    assert!(text.contains("Notes:\nAfter reply 1: ask about their deadline first"), "the debrief shows it:\n{text}");
}

#[test]
fn q_then_y_leaves_and_saves_an_abandoned_attempt() {
    let mut input = numbers("wrong-door", &["order number and your postcode"]);
    input.extend(["q", "maybe", "y", "1"].map(String::from));
    let (end, text, attempts) = play(&input, Mode::Practice);
    assert_eq!(end, SessionEnd::Done);
    assert!(text.contains("Leave this conversation? It will be saved as abandoned. (y/n) maybe"), "{text}");
    assert!(text.contains("Type y to leave or n to keep playing."), "{text}");
    assert!(text.contains("Left the conversation; the attempt was saved as abandoned."), "{text}");
    assert!(!text.contains("Debrief:"), "{text}");
    assert_eq!(attempts.len(), 1);
    assert_eq!((attempts[0].ending, attempts[0].picks.len()), (None, 1));
}

#[test]
fn q_then_n_carries_on() {
    let path = research_path("wrong-door");
    let replies = numbers("wrong-door", &path);
    let mut input = vec![replies[0].clone(), "q".into(), "n".into()];
    input.extend(replies[1..].iter().cloned());
    let (end, text, attempts) = play(&input, Mode::Practice);
    assert_eq!(end, SessionEnd::Done);
    assert!(text.contains("Carrying on."), "{text}");
    assert!(text.contains("Debrief: "), "{text}");
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].ending, Some(Ending::Resolved));
}

#[test]
fn the_end_of_input_mid_conversation_saves_an_abandoned_attempt() {
    let input = numbers("wrong-door", &["order number and your postcode"]);
    let (end, text, attempts) = play(&input, Mode::Practice);
    assert_eq!(end, SessionEnd::InputEnded);
    assert!(text.trim_end().ends_with("The input ended; the attempt was saved as abandoned."), "{text}");
    assert_eq!(attempts.len(), 1);
    assert_eq!((attempts[0].ending, attempts[0].picks.len()), (None, 1));
    // Also at the leave question and at the note prompt.
    let (end, _, attempts) = play(&["q"], Mode::Practice);
    assert_eq!((end, attempts.len(), attempts[0].ending), (SessionEnd::InputEnded, 1, None));
    let (end, _, attempts) = play(&["n"], Mode::Mentor);
    assert_eq!((end, attempts.len(), attempts[0].ending), (SessionEnd::InputEnded, 1, None));
}

#[test]
fn bad_input_is_asked_again() {
    let path = research_path("wrong-door");
    let mut input: Vec<String> = ["", "abc", "0", "9", "-1", "1.5", "\u{1b}[31m"].map(String::from).to_vec();
    input.extend(numbers("wrong-door", &path));
    let (end, text, attempts) = play(&input, Mode::Practice);
    assert_eq!(end, SessionEnd::Done);
    assert!(text.contains("Type the number of a reply, 1 to 4, or ? for help."), "{text}");
    assert!(text.contains("\u{201c}abc\u{201d} is not a reply number. Type a number from 1 to 4"), "{text}");
    assert!(text.contains("There is no reply 0. Type a number from 1 to 4."), "{text}");
    assert!(text.contains("There is no reply 9."), "{text}");
    assert!(
        text.contains("\u{201c}\u{FFFD}[31m\u{201d} is not a reply number"),
        "typed escapes are not echoed:\n{text}"
    );
    assert_eq!(attempts[0].ending, Some(Ending::Resolved));
    assert_eq!(attempts[0].picks.len(), path.len());
}

#[test]
fn help_desk_and_repeat_answer_without_replying() {
    let (_, text, attempts) = play(&["?", "d", "r"], Mode::Practice);
    assert!(text.contains("d: the desk"), "{text}");
    assert!(text.contains("How you are scored:"), "{text}");
    assert!(text.contains("The desk.\nOrder 7730: Children's scooter"), "{text}");
    assert!(text.contains("Options put to the customer: none yet."), "{text}");
    assert_eq!(text.matches("Your replies:").count(), 2, "r offers the replies again:\n{text}");
    assert!(attempts[0].picks.is_empty());
}

#[test]
fn test_mode_keeps_the_coach_quiet() {
    let run = |mode| {
        let (mut session, _dir) = new_session(&["d"], mode, &["Pat"]);
        session.run(Some(scenario("welcome-desk")));
        output(&session)
    };
    let practice = run(Mode::Practice);
    assert!(practice.contains("\nCoach: Welcome!"), "{practice}");
    let test = run(Mode::Test);
    assert!(!test.contains("Coach:"), "{test}");
    assert!(test.contains("Test mode: no undo, no coach's notes, no live scoring"), "{test}");
}

#[test]
fn a_locked_scenario_is_refused_with_the_reason() {
    let (mut session, _dir) = new_session(&["1"], Mode::Practice, &["Pat"]);
    assert_eq!(session.run(Some(scenario("gym-freeze"))), SessionEnd::Refused);
    let text = output(&session);
    assert!(text.contains("Locked: pass \u{201c}Welcome to the desk\u{201d} first"), "{text}");
    assert!(!text.contains("Your replies:"), "{text}");
}

#[test]
fn the_library_lists_tracks_with_locks_and_plays_the_number_typed() {
    let lib = library();
    let order = crate::app::display_order(&crate::app::tracks(&lib));
    let number = |id: &str| order.iter().position(|&i| lib.scenarios[i].scenario.id == id).expect("listed") + 1;
    let (locked, open) = (number("gym-freeze"), number("wrong-door"));
    let replies = numbers("wrong-door", &research_path("wrong-door"));
    let mut input = vec!["x".to_string(), locked.to_string(), "m".into(), "m".into(), "m".into(), open.to_string()];
    input.extend(replies);
    input.push("q".into());
    let (mut session, dir) = new_session(&input, Mode::Practice, &["Pat"]);
    assert_eq!(session.run(None), SessionEnd::Done);
    let text = output(&session);
    assert!(text.contains("Scenarios for Pat, in practice mode:\nTrack: Onboarding."), "{text}");
    assert!(text.contains(&format!("{open}. Delivered to the wrong door. Phone, difficulty 1 of 5. Not played yet.")));
    assert!(text.contains(&format!("{locked}. ")), "{text}");
    assert!(text.contains("\u{201c}x\u{201d} is not a scenario number."), "{text}");
    assert!(text.contains("Locked: pass \u{201c}Welcome to the desk\u{201d} first"), "{text}");
    assert!(text.contains("Mentor mode: every mood change") && text.contains("Test mode: no undo"), "{text}");
    // After the debrief the library again, with the new best.
    assert!(
        text.contains(&format!("{open}. Delivered to the wrong door. Phone, difficulty 1 of 5. Best: 3 stars of 3"))
    );
    assert_eq!(saved(&dir, "Pat").len(), 1);
}

#[test]
fn a_pass_says_what_it_unlocks() {
    let path = research_path("welcome-desk");
    let input = numbers("welcome-desk", &path);
    let (mut session, _dir) = new_session(&input, Mode::Practice, &["Pat"]);
    session.run(Some(scenario("welcome-desk")));
    let text = output(&session);
    assert!(text.contains("Progress: Passed. This unlocks: \u{201c}"), "{text}");
}

#[test]
fn the_only_profile_plays_and_otherwise_a_name_is_asked() {
    // Several profiles: a number, or a name in another case, picks one.
    let (mut session, dir) = new_session(&["", "3", "  pAT  "], Mode::Practice, &["Ann", "Pat"]);
    assert_eq!(session.run(Some(scenario("wrong-door"))), SessionEnd::InputEnded);
    let text = output(&session);
    assert!(text.contains("Profiles on this machine:\n1. Ann\n2. Pat\n"), "{text}");
    assert!(text.contains("Type a name first"), "{text}");
    assert!(text.contains("There is no profile 3. Type a number from 1 to 2, or a name."), "{text}");
    assert!(text.contains("Playing as Pat."), "the same person's profile:\n{text}");
    assert_eq!(saved(&dir, "Pat").len(), 1, "the abandoned attempt is Pat's");
    assert_eq!(session.save_file().profiles.len(), 2, "no twin profile");

    // None yet: the name typed starts one.
    let (mut session, dir) = new_session(&["Sam Lee"], Mode::Practice, &[]);
    session.run(Some(scenario("wrong-door")));
    assert!(output(&session).contains("Your name, to start your profile: Sam Lee\nPlaying as Sam Lee."));
    assert_eq!(saved(&dir, "Sam Lee").len(), 1);

    // The end of input before a name: nothing is played or saved.
    let (mut session, dir) = new_session(&[] as &[&str], Mode::Practice, &[]);
    assert_eq!(session.run(Some(scenario("wrong-door"))), SessionEnd::InputEnded);
    assert!(peek(dir.path()).unwrap().profiles.is_empty());
}
