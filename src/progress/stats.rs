//! What a profile's history adds up to: per scenario the best result and passes,
//! per track how much is passed, per skill the trend over the last attempts, the
//! first-contact rate, days practised in a row and time practised. The numbers
//! behind `frontline stats` (and, later, the progress screen).

use super::{Attempt, Profile};
use crate::engine::Skill;
use crate::scenario::Library;
use serde::Serialize;

/// How many recent attempts a skill's trend shows.
pub const TREND_LENGTH: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioStats {
    pub id: String,
    pub title: String,
    pub track: String,
    pub attempts: usize,
    pub passes: usize,
    /// The best played-out attempt's stars and final mood (see `Profile::best`).
    pub best_stars: Option<u8>,
    pub best_mood: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackStats {
    pub name: String,
    pub passed: usize,
    pub scenarios: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkillTrend {
    pub skill: Skill,
    /// Scores of the last `TREND_LENGTH` played-out attempts, oldest first.
    pub recent: Vec<u8>,
    pub average: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub profile: String,
    pub attempts: usize,
    pub finished: usize,
    pub passes: usize,
    pub scenarios: Vec<ScenarioStats>,
    pub tracks: Vec<TrackStats>,
    pub skills: Vec<SkillTrend>,
    pub first_contact_rate: Option<u8>,
    /// Days in a row with at least one attempt, ending today or yesterday.
    pub streak_days: u32,
    pub practised_secs: u64,
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` date (the civil calendar, UTC).
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let (y, m, d): (i64, i64, i64) =
        (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days-from-civil (Howard Hinnant's algorithm), the inverse of `format_utc`.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Consecutive practice days ending at `today` or the day before.
fn streak(attempts: &[Attempt], today: i64) -> u32 {
    let days: std::collections::BTreeSet<i64> = attempts.iter().filter_map(|a| day_number(&a.date)).collect();
    let mut day = if days.contains(&today) { today } else { today - 1 };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        day -= 1;
    }
    count
}

impl Stats {
    /// The figures for `profile` against the scenarios of `library`; `today` is the
    /// current UTC date (`YYYY-MM-DD…`).
    pub fn of(profile: &Profile, library: &Library, today: &str) -> Stats {
        let attempts = &profile.attempts;
        let track_order = library.tracks();
        let rank = |track: &str| track_order.iter().position(|t| t == track).unwrap_or(usize::MAX);
        let mut ordered: Vec<_> = library.scenarios.iter().collect();
        ordered.sort_by_key(|l| (rank(&l.scenario.track), l.scenario.requires.len(), l.scenario.difficulty));
        let scenarios: Vec<ScenarioStats> = ordered
            .into_iter()
            .map(|l| {
                let id = &l.scenario.id;
                let mine = attempts.iter().filter(|a| &a.scenario == id);
                let best = profile.best(id);
                ScenarioStats {
                    id: id.clone(),
                    title: l.scenario.title.clone(),
                    track: l.scenario.track.clone(),
                    attempts: mine.clone().count(),
                    passes: mine.filter(|a| a.passed()).count(),
                    best_stars: best.map(|a| a.stars),
                    best_mood: best.map(|a| a.final_mood),
                }
            })
            .collect();
        let tracks = library
            .tracks()
            .into_iter()
            .map(|name| {
                let in_track: Vec<_> = scenarios.iter().filter(|s| s.track == name).collect();
                TrackStats { passed: in_track.iter().filter(|s| s.passes > 0).count(), scenarios: in_track.len(), name }
            })
            .collect();
        let played: Vec<&Attempt> = attempts.iter().filter(|a| a.ending.is_some()).collect();
        let skills = Skill::ALL
            .iter()
            .map(|&skill| {
                let recent: Vec<u8> = played
                    .iter()
                    .rev()
                    .take(TREND_LENGTH)
                    .rev()
                    .filter_map(|a| a.skills.get(&skill).copied())
                    .collect();
                let average = (!recent.is_empty())
                    .then(|| (recent.iter().map(|&s| u32::from(s)).sum::<u32>() / recent.len() as u32) as u8);
                SkillTrend { skill, recent, average }
            })
            .collect();
        Stats {
            profile: profile.name.clone(),
            attempts: attempts.len(),
            finished: played.len(),
            passes: attempts.iter().filter(|a| a.passed()).count(),
            scenarios,
            tracks,
            skills,
            first_contact_rate: profile.first_contact_rate(),
            streak_days: day_number(today).map_or(0, |t| streak(attempts, t)),
            practised_secs: attempts.iter().map(|a| a.played_secs).sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_follow_the_calendar() {
        assert_eq!(day_number("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2026-12-02T07:00:00Z").unwrap() - day_number("2026-11-30").unwrap(), 2);
        assert_eq!(day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(), 2, "a leap year");
        assert_eq!(day_number("2026-13-01"), None);
        assert_eq!(day_number("garbage"), None);
    }
}
