//! What a profile's history adds up to: per scenario the best result and passes,
//! per track how much is passed, per skill the trend over the last attempts, the
//! first-contact rate, days practised in a row and time practised. The numbers
//! behind `frontline stats` (and, later, the progress screen).

use super::{Mode, Profile};
use crate::engine::Skill;
use crate::scenario::Library;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// Attempts per mode.
    pub modes: BTreeMap<Mode, usize>,
    pub scenarios: Vec<ScenarioStats>,
    pub tracks: Vec<TrackStats>,
    pub skills: Vec<SkillTrend>,
    pub first_contact_rate: Option<u8>,
    /// Days in a row with at least one attempt, ending today or yesterday.
    pub streak_days: u32,
    pub practised_secs: u64,
}

/// Consecutive practice days ending at `today` or the day before.
fn streak(days: &std::collections::BTreeSet<Date>, today: Date) -> u32 {
    let mut day = if days.contains(&today) { today } else { today.yesterday().unwrap_or(today) };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        let Ok(before) = day.yesterday() else { break };
        day = before;
    }
    count
}

impl Stats {
    /// The figures for `profile` against the scenarios of `library`; `today` is the
    /// trainee's local date.
    pub fn of(profile: &Profile, library: &Library, today: Date) -> Stats {
        let track_order = library.tracks();
        let rank = |track: &str| track_order.iter().position(|t| t == track).unwrap_or(usize::MAX);
        let mut ordered: Vec<_> = library.scenarios.iter().collect();
        ordered.sort_by_key(|l| (rank(&l.scenario.track), l.scenario.requires.len(), l.scenario.difficulty));
        let scenarios: Vec<ScenarioStats> = ordered
            .into_iter()
            .map(|l| {
                let id = &l.scenario.id;
                let record = profile.scenarios.get(id);
                let best = profile.best(id);
                ScenarioStats {
                    id: id.clone(),
                    title: l.scenario.title.clone(),
                    track: l.scenario.track.clone(),
                    attempts: record.map_or(0, |r| r.attempts),
                    passes: record.map_or(0, |r| r.passes),
                    best_stars: best.map(|b| b.stars),
                    best_mood: best.map(|b| b.final_mood),
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
        let skills = Skill::ALL
            .iter()
            .map(|&skill| {
                let recent: Vec<u8> = profile.recent.iter().filter_map(|skills| skills.get(&skill).copied()).collect();
                let average = (!recent.is_empty())
                    .then(|| (recent.iter().map(|&s| u32::from(s)).sum::<u32>() / recent.len() as u32) as u8);
                SkillTrend { skill, recent, average }
            })
            .collect();
        Stats {
            profile: profile.name.clone(),
            attempts: profile.attempts,
            finished: profile.finished,
            passes: profile.passes,
            modes: profile.modes.clone(),
            scenarios,
            tracks,
            skills,
            first_contact_rate: profile.first_contact_rate(),
            streak_days: streak(&profile.days, today),
            practised_secs: profile.played_secs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streak_counts_days_in_a_row_ending_today_or_yesterday() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let days: std::collections::BTreeSet<Date> =
            ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"].iter().map(|s| d(s)).collect();
        assert_eq!(streak(&days, d("2024-03-01")), 4, "through a leap day");
        assert_eq!(streak(&days, d("2024-03-02")), 4, "today not practised yet");
        assert_eq!(streak(&days, d("2024-03-03")), 0);
        assert_eq!(streak(&days, d("2024-02-28")), 2);
    }
}
