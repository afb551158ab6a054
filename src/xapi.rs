//! xAPI 1.0.3 statements for saved attempts: what `frontline export --format xapi`
//! writes and what the LRS outbox sends. One statement per attempt; the same attempt
//! always gives the same statement, byte for byte, so a re-send is never a second
//! record. `docs/xapi.md` describes the shape and the IRIs for the people who read
//! the statements back.

use crate::engine::Skill;
use crate::progress::{Attempt, Mode};
use crate::scenario::Ending;
use serde_json::{Map, Value, json};

/// The xAPI version the statements follow (sent as `X-Experience-API-Version` too).
pub const XAPI_VERSION: &str = "1.0.3";

/// Spelled out once so the constants below can be built from it at compile time.
macro_rules! frontline_iri {
    ($path:literal) => {
        concat!("https://frontline.invalid/xapi/", $path)
    };
}

/// The base of every IRI Frontline defines (activities, tracks, extensions). The
/// project has no domain of its own; `.invalid` is reserved (RFC 6761) and can never
/// belong to anyone else, so these IRIs identify without pretending to resolve.
pub const IRI_BASE: &str = frontline_iri!("");

/// The account `homePage` of a profile unless the install's settings name another
/// (`home_page` in `config.ron`, see `crate::config`): one value for every Frontline
/// install, so the same profile name on two laptops is the same learner in the LRS.
pub const DEFAULT_HOME_PAGE: &str = "https://frontline.invalid/learners";

pub const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
pub const VERB_ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
pub const ACTIVITY_TYPE_SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
/// The type of a track's grouping activity: a track is a module of scenarios.
pub const ACTIVITY_TYPE_MODULE: &str = "http://adlnet.gov/expapi/activities/module";

/// `result.extensions`: how the conversation ended, one of [`ENDING_NAMES`].
pub const EXT_ENDING: &str = frontline_iri!("extensions/ending");
/// `result.extensions`: stars, 0–3, against the best possible from the same start.
pub const EXT_STARS: &str = frontline_iri!("extensions/stars");
/// `result.extensions`: the customer's satisfaction rating, 1–5.
pub const EXT_SATISFACTION: &str = frontline_iri!("extensions/satisfaction");
/// `result.extensions`: replies taken back (mentor mode); an attempt with undos is coached.
pub const EXT_UNDOS: &str = frontline_iri!("extensions/undos");
/// `context.extensions`: the seed, as a decimal string (a u64 does not survive
/// JavaScript's numbers).
pub const EXT_SEED: &str = frontline_iri!("extensions/seed");
/// `context.extensions`: `"practice"` or `"mentor"`.
pub const EXT_MODE: &str = frontline_iri!("extensions/mode");
/// `context.extensions`: the SHA-256 of the scenario as played (absent for attempts
/// migrated from save version 1, whose scenario is not known).
pub const EXT_CONTENT_HASH: &str = frontline_iri!("extensions/content-hash");

/// `context.extensions`: one key per skill, its score 0–100.
pub const SKILL_EXTENSIONS: [(Skill, &str); 6] = [
    (Skill::Acknowledgment, frontline_iri!("extensions/skill/acknowledgment")),
    (Skill::ApologyDiscipline, frontline_iri!("extensions/skill/apology-discipline")),
    (Skill::Exploration, frontline_iri!("extensions/skill/exploration")),
    (Skill::FirstContactResolution, frontline_iri!("extensions/skill/first-contact-resolution")),
    (Skill::Tone, frontline_iri!("extensions/skill/tone")),
    (Skill::Responsiveness, frontline_iri!("extensions/skill/responsiveness")),
];

/// The extension key of a skill's score.
pub fn skill_extension(skill: Skill) -> &'static str {
    SKILL_EXTENSIONS.iter().find(|(s, _)| *s == skill).map(|(_, iri)| *iri).expect("every skill has an extension")
}

/// The values of [`EXT_ENDING`]: every ending, and `"none"` for an abandoned attempt.
pub const ENDING_NAMES: [(Option<Ending>, &str); 7] = [
    (Some(Ending::Resolved), "resolved"),
    (Some(Ending::Callback), "callback"),
    (Some(Ending::Transfer), "transferred"),
    (Some(Ending::Escalated), "escalated"),
    (Some(Ending::Walkout), "walkout"),
    (Some(Ending::Unresolved), "unresolved"),
    (None, "none"),
];

/// The stable name of an ending, as [`EXT_ENDING`] carries it.
pub fn ending_name(ending: Option<Ending>) -> &'static str {
    ENDING_NAMES.iter().find(|(e, _)| *e == ending).map(|(_, name)| *name).expect("every ending has a name")
}

/// The ending a name stands for: `Some(None)` for `"none"` (abandoned), `None` for a
/// name that is not one of ours.
pub fn ending_from_name(name: &str) -> Option<Option<Ending>> {
    ENDING_NAMES.iter().find(|(_, n)| *n == name).map(|(e, _)| *e)
}

/// `"practice"` or `"mentor"`, as [`EXT_MODE`] carries it.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "practice",
        Mode::Mentor => "mentor",
        Mode::Test => "test",
    }
}

/// What the library says about the scenario an attempt was played in.
#[derive(Debug, Clone, Copy)]
pub struct ActivityInfo<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub track: &'a str,
}

/// The activity IRI of a scenario.
pub fn activity_iri(scenario_id: &str) -> String {
    format!("{IRI_BASE}scenarios/{}", percent_encode(scenario_id))
}

/// The IRI of a track's grouping activity. Track names are free text ("Channels &
/// cues"), so they are percent-encoded.
pub fn track_iri(track: &str) -> String {
    format!("{IRI_BASE}tracks/{}", percent_encode(track))
}

/// Keeps RFC 3986's unreserved characters; everything else becomes `%XX` of its UTF-8
/// bytes, so any name makes a valid IRI path segment.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The statement id: a UUID v5 of the attempt's own id, so the same attempt always
/// has the same statement id and an LRS can tell a re-send from a new record.
pub fn statement_id(attempt: &Attempt) -> uuid::Uuid {
    /// Frontline's namespace for statement ids (a random UUID, fixed forever).
    const STATEMENT_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x3c1b_54f2_8e0d_4b7a_9a61_0f2e_c5d8_17a4);
    let key = uuid::Uuid::parse_str(&attempt.id).map_or_else(|_| attempt.id.clone(), |id| id.to_string());
    uuid::Uuid::new_v5(&STATEMENT_NAMESPACE, key.as_bytes())
}

/// ISO 8601 duration of whole seconds, smallest form: `PT0S`, `PT45S`, `PT3M12S`,
/// `PT1H`, `PT26H5M`.
pub fn iso_duration(secs: u64) -> String {
    let (hours, minutes, seconds) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = String::from("PT");
    if hours > 0 {
        out += &format!("{hours}H");
    }
    if minutes > 0 {
        out += &format!("{minutes}M");
    }
    if seconds > 0 || secs == 0 {
        out += &format!("{seconds}S");
    }
    out
}

/// The attempt's date when it is the RFC 3339 UTC timestamp the game writes;
/// anything else is left out (an LRS then stamps the statement itself).
fn timestamp(date: &str) -> Option<&str> {
    crate::progress::parse_utc(date).map(|_| date)
}

fn language_map(text: &str) -> Value {
    json!({ "en-US": text })
}

/// The xAPI statement of one attempt by `profile`. `activity` is what the library
/// says about the scenario, `None` when it is no longer there (the id is the title
/// then, and there is no track). `home_page` is the account's `homePage`.
/// No value is ever an empty string or object: some LRSs (Ralph) refuse those.
pub fn statement(profile: &str, attempt: &Attempt, activity: Option<&ActivityInfo<'_>>, home_page: &str) -> Value {
    let played_out = attempt.ending.is_some();
    let passed = attempt.passed();
    let (verb, verb_name) = match (played_out, passed) {
        (false, _) => (VERB_ATTEMPTED, "attempted"),
        (true, true) => (VERB_PASSED, "passed"),
        (true, false) => (VERB_FAILED, "failed"),
    };

    let mut definition = Map::new();
    definition.insert("type".into(), ACTIVITY_TYPE_SIMULATION.into());
    let title = activity.map(|a| a.title).filter(|t| !t.is_empty()).unwrap_or(&attempt.scenario);
    definition.insert("name".into(), language_map(title));
    if let Some(summary) = activity.map(|a| a.summary).filter(|s| !s.is_empty()) {
        definition.insert("description".into(), language_map(summary));
    }

    let mood = attempt.final_mood.clamp(0, 100);
    let mut result_extensions = Map::new();
    result_extensions.insert(EXT_ENDING.into(), ending_name(attempt.ending).into());
    result_extensions.insert(EXT_STARS.into(), attempt.stars.into());
    result_extensions.insert(EXT_SATISFACTION.into(), attempt.satisfaction.into());
    result_extensions.insert(EXT_UNDOS.into(), attempt.undos.into());
    let result = json!({
        "score": { "scaled": f64::from(mood) / 100.0, "raw": mood, "min": 0, "max": 100 },
        "success": passed,
        "completion": played_out,
        "duration": iso_duration(attempt.played_secs),
        "extensions": result_extensions,
    });

    let mut context_extensions = Map::new();
    for (skill, iri) in SKILL_EXTENSIONS {
        if let Some(&score) = attempt.skills.get(&skill) {
            context_extensions.insert(iri.into(), score.min(100).into());
        }
    }
    context_extensions.insert(EXT_SEED.into(), attempt.seed.to_string().into());
    context_extensions.insert(EXT_MODE.into(), mode_name(attempt.mode).into());
    if !attempt.content_hash.is_empty() {
        context_extensions.insert(EXT_CONTENT_HASH.into(), attempt.content_hash.clone().into());
    }
    let mut context = Map::new();
    if let Ok(registration) = uuid::Uuid::parse_str(&attempt.id) {
        context.insert("registration".into(), registration.to_string().into());
    }
    if let Some(track) = activity.map(|a| a.track).filter(|t| !t.is_empty()) {
        let grouping = json!({
            "objectType": "Activity",
            "id": track_iri(track),
            "definition": { "type": ACTIVITY_TYPE_MODULE, "name": language_map(track) },
        });
        context.insert("contextActivities".into(), json!({ "grouping": [grouping] }));
    }
    context.insert("platform".into(), "Frontline".into());
    context.insert("language".into(), "en-US".into());
    context.insert("extensions".into(), context_extensions.into());

    let mut statement = Map::new();
    statement.insert("id".into(), statement_id(attempt).to_string().into());
    statement.insert(
        "actor".into(),
        json!({
            "objectType": "Agent",
            "name": profile,
            "account": { "homePage": home_page, "name": profile },
        }),
    );
    statement.insert("verb".into(), json!({ "id": verb, "display": language_map(verb_name) }));
    statement.insert(
        "object".into(),
        json!({ "objectType": "Activity", "id": activity_iri(&attempt.scenario), "definition": definition }),
    );
    statement.insert("result".into(), result);
    statement.insert("context".into(), context.into());
    if let Some(timestamp) = timestamp(&attempt.date) {
        statement.insert("timestamp".into(), timestamp.into());
    }
    statement.insert("version".into(), XAPI_VERSION.into());
    statement.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn attempt(ending: Option<Ending>, stars: u8, final_mood: i32) -> Attempt {
        Attempt {
            scenario: "wrong-door".into(),
            seed: u64::MAX,
            picks: vec![3, 0, 1],
            ending,
            final_mood,
            satisfaction: 4,
            stars,
            skills: Skill::ALL.iter().enumerate().map(|(i, &s)| (s, (i * 20) as u8)).collect::<BTreeMap<_, _>>(),
            date: "2026-11-18T09:30:00Z".into(),
            mode: Mode::Practice,
            undos: 0,
            id: "9a4c0f2e-6d1b-4e8a-b7f3-2c5d8e1a0b94".into(),
            played_secs: 192,
            content_hash: "ab12".into(),
            notes: Vec::new(),
        }
    }

    const INFO: ActivityInfo<'static> =
        ActivityInfo { title: "The wrong door", summary: "A parcel at No. 41.", track: "Channels & cues" };

    #[test]
    fn the_same_attempt_always_gives_the_same_statement() {
        let a = attempt(Some(Ending::Resolved), 3, 72);
        let first = statement("Ana", &a, Some(&INFO), DEFAULT_HOME_PAGE);
        let second = statement("Ana", &a.clone(), Some(&INFO), DEFAULT_HOME_PAGE);
        assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
        assert_eq!(first["id"], statement_id(&a).to_string());
        assert_eq!(statement_id(&a).get_version_num(), 5);
        // Another attempt, another id; the attempt id is the registration.
        let mut other = a.clone();
        other.id = "1b2c3d4e-0000-4000-8000-000000000001".into();
        assert_ne!(statement_id(&other), statement_id(&a));
        assert_eq!(first["context"]["registration"], a.id);
    }

    #[test]
    fn a_played_out_attempt_is_passed_or_failed_and_an_abandoned_one_attempted() {
        let verb = |a: &Attempt| statement("Ana", a, Some(&INFO), DEFAULT_HOME_PAGE)["verb"]["id"].clone();
        assert_eq!(verb(&attempt(Some(Ending::Resolved), 2, 60)), VERB_PASSED);
        assert_eq!(verb(&attempt(Some(Ending::Resolved), 1, 40)), VERB_FAILED);
        assert_eq!(verb(&attempt(Some(Ending::Walkout), 0, 5)), VERB_FAILED);
        let mut coached = attempt(Some(Ending::Resolved), 3, 80);
        coached.undos = 1;
        assert_eq!(verb(&coached), VERB_FAILED, "an attempt with undos is never a pass");

        let abandoned = attempt(None, 0, 34);
        let s = statement("Ana", &abandoned, Some(&INFO), DEFAULT_HOME_PAGE);
        assert_eq!(s["verb"]["id"], VERB_ATTEMPTED);
        assert_eq!(s["verb"]["display"]["en-US"], "attempted");
        assert_eq!((s["result"]["completion"].as_bool(), s["result"]["success"].as_bool()), (Some(false), Some(false)));
        assert_eq!(s["result"]["extensions"][EXT_ENDING], "none");
    }

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(iso_duration(0), "PT0S");
        assert_eq!(iso_duration(45), "PT45S");
        assert_eq!(iso_duration(192), "PT3M12S");
        assert_eq!(iso_duration(3600), "PT1H");
        assert_eq!(iso_duration(3661), "PT1H1M1S");
        assert_eq!(iso_duration(93_900), "PT26H5M");
        let s = statement("Ana", &attempt(Some(Ending::Resolved), 3, 72), Some(&INFO), DEFAULT_HOME_PAGE);
        assert_eq!(s["result"]["duration"], "PT3M12S");
    }

    #[test]
    fn the_scaled_score_stays_within_0_and_1() {
        for (mood, scaled, raw) in [(0, 0.0, 0), (72, 0.72, 72), (100, 1.0, 100), (-5, 0.0, 0), (140, 1.0, 100)] {
            let s = statement("Ana", &attempt(Some(Ending::Resolved), 3, mood), None, DEFAULT_HOME_PAGE);
            let score = &s["result"]["score"];
            assert_eq!(score["scaled"].as_f64(), Some(scaled), "mood {mood}");
            assert_eq!(score["raw"].as_i64(), Some(raw), "mood {mood}");
            assert_eq!((score["min"].as_i64(), score["max"].as_i64()), (Some(0), Some(100)));
        }
    }

    #[test]
    fn the_statement_carries_the_actor_activity_track_and_extensions() {
        let a = attempt(Some(Ending::Transfer), 1, 30);
        let s = statement("Ana Lima", &a, Some(&INFO), "https://lms.example.org/");
        assert_eq!(s["actor"]["account"], json!({ "homePage": "https://lms.example.org/", "name": "Ana Lima" }));
        assert_eq!(s["object"]["id"], "https://frontline.invalid/xapi/scenarios/wrong-door");
        assert_eq!(s["object"]["definition"]["type"], ACTIVITY_TYPE_SIMULATION);
        assert_eq!(s["object"]["definition"]["name"]["en-US"], "The wrong door");
        assert_eq!(s["object"]["definition"]["description"]["en-US"], "A parcel at No. 41.");
        let grouping = &s["context"]["contextActivities"]["grouping"][0];
        assert_eq!(grouping["id"], "https://frontline.invalid/xapi/tracks/Channels%20%26%20cues");
        assert_eq!(grouping["definition"]["name"]["en-US"], "Channels & cues");
        let ext = &s["context"]["extensions"];
        for (i, (_, iri)) in SKILL_EXTENSIONS.iter().enumerate() {
            assert!(iri.starts_with(IRI_BASE));
            assert_eq!(ext[*iri].as_u64(), Some(i as u64 * 20), "{iri}");
        }
        assert_eq!(ext[EXT_SEED], u64::MAX.to_string());
        assert_eq!(ext[EXT_MODE], "practice");
        assert_eq!(ext[EXT_CONTENT_HASH], "ab12");
        assert_eq!(s["result"]["extensions"][EXT_ENDING], "transferred");
        assert_eq!(s["result"]["extensions"][EXT_STARS], 1);
        assert_eq!(s["timestamp"], "2026-11-18T09:30:00Z");
        assert_eq!(s["version"], "1.0.3");
    }

    #[test]
    fn a_scenario_gone_from_the_library_is_named_by_its_id_and_nothing_is_left_empty() {
        let mut a = attempt(None, 0, 20);
        a.content_hash.clear();
        a.date = "not a date".into();
        let s = statement("Ana", &a, None, DEFAULT_HOME_PAGE);
        assert_eq!(s["object"]["definition"]["name"]["en-US"], "wrong-door");
        assert!(s["object"]["definition"].get("description").is_none());
        assert!(s["context"].get("contextActivities").is_none());
        assert!(s["context"]["extensions"].get(EXT_CONTENT_HASH).is_none());
        assert!(s.get("timestamp").is_none(), "a date that is not RFC 3339 is left to the LRS");
        fn no_empty(v: &Value, at: &str) {
            match v {
                Value::String(text) => assert!(!text.is_empty(), "empty string at {at}"),
                Value::Object(map) => {
                    assert!(!map.is_empty(), "empty object at {at}");
                    map.iter().for_each(|(k, v)| no_empty(v, &format!("{at}.{k}")));
                }
                Value::Array(items) => items.iter().for_each(|v| no_empty(v, at)),
                _ => {}
            }
        }
        no_empty(&s, "statement");
    }

    #[test]
    fn ending_names_read_back() {
        for (ending, name) in ENDING_NAMES {
            assert_eq!(ending_name(ending), name);
            assert_eq!(ending_from_name(name), Some(ending));
        }
        assert_eq!(ending_from_name("Resolved"), None);
    }
}
