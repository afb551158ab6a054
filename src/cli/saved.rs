//! A saved attempt found by its id and played again, for `transcript` and
//! `compare`; or, when that cannot be done faithfully, the reason why.

use super::profiles::named_profile;
use crate::engine::{Rules, Run};
use crate::progress::{Attempt, SaveFile};
use crate::review::{self, Found};
use crate::scenario::Library;
use std::path::Path;

/// A saved attempt, with its scenario's title and, when it can be shown again as it
/// was played, the replayed run.
pub(crate) struct Saved {
    pub profile: String,
    pub attempt: Attempt,
    /// The scenario's title now, or its id when it is gone from the library.
    pub title: String,
    pub replay: Result<Run, String>,
    /// Something the reader should know about a replay that is shown.
    pub caution: Option<String>,
}

/// Finds the attempt `query` names (a short id or more of one), in `profile` or in
/// every profile, and replays it.
pub(crate) fn find(
    dir: &Path,
    save: &SaveFile,
    profile: Option<&str>,
    query: &str,
    library: &Library,
    rules: &Rules,
) -> Result<Saved, String> {
    if let Some(name) = profile {
        named_profile(dir, save, name)?;
    }
    let Found { profile, attempt } = review::find(dir, save, profile.map(str::trim), query)?;
    let title = library.get(&attempt.scenario).map_or_else(|| attempt.scenario.clone(), |l| l.scenario.title.clone());
    let (replay, caution) = match review::replay(&attempt, library, rules) {
        Err(e) => (Err(e.to_string()), None),
        Ok(replayed) => match replayed.verified {
            false => (
                Ok(replayed.run),
                Some(
                    "this attempt was saved before scenarios were fingerprinted, so it cannot be checked that the \
                     scenario is unchanged; the replay does end as the attempt did"
                        .to_string(),
                ),
            ),
            true => (Ok(replayed.run), None),
        },
    };
    Ok(Saved { profile, attempt, title, replay, caution })
}

/// An ending as people read it; an attempt left mid-conversation is abandoned.
pub(crate) fn ending_text(ending: Option<crate::scenario::Ending>) -> &'static str {
    ending.map_or("Abandoned", |e| e.label())
}

/// Whether the attempt passed, and if not, why not, in words.
pub(crate) fn pass_text(attempt: &Attempt) -> String {
    use crate::progress::{Mode, PASS_STARS};
    if attempt.passed() {
        return format!("yes ({} stars or more, nothing taken back)", PASS_STARS);
    }
    let why = if attempt.ending.is_none() {
        "abandoned before the end".to_string()
    } else if attempt.mode == Mode::Mentor {
        "a mentor-mode attempt never passes".to_string()
    } else if attempt.undos > 0 {
        format!("{} taken back", plural(attempt.undos as usize, "reply", "replies"))
    } else {
        format!("{} of the {PASS_STARS} needed", plural(attempt.stars.into(), "star", "stars"))
    };
    format!("no ({why})")
}

/// "1 reply", "3 replies".
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The attempt's date in local time to the minute, or as saved if it cannot be read.
pub(crate) fn local_date(attempt: &Attempt) -> String {
    crate::progress::local_time(&attempt.date).unwrap_or_else(|| attempt.date.clone())
}
