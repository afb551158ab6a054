//! `frontline stats`: a profile's progress as text or JSON, read from the save
//! without locking it (a game may be running).

use super::profiles::{choose_profile, read_save};
use super::{Common, emit};
use crate::engine::minutes_text;
use crate::progress::{Stats, today};
use crate::scenario::load_library;
use std::process::ExitCode;

pub(crate) fn stats(common: &Common, profile: Option<&str>, json: bool) -> Result<ExitCode, String> {
    let (dir, save) = read_save(common)?;
    let profile = choose_profile(&dir, &save, profile)?;
    let library = load_library(&common.scenarios).library;
    let stats = Stats::of(profile, &library, today());
    let out = if json {
        let mut text = serde_json::to_string_pretty(&stats).expect("stats always serialise");
        text.push('\n');
        text
    } else {
        stats_text(&stats)
    };
    emit(&out);
    Ok(ExitCode::SUCCESS)
}

fn stats_text(s: &Stats) -> String {
    let mut out = format!("Progress of {}\n", s.profile);
    let rate = s.first_contact_rate.map_or_else(|| "none yet".to_string(), |r| format!("{r}%"));
    out += &format!(
        "Attempts: {} ({} played out, {} passes) · first-contact rate: {rate} · {} day{} in a row · {} practised\n",
        s.attempts,
        s.finished,
        s.passes,
        s.streak_days,
        if s.streak_days == 1 { "" } else { "s" },
        minutes_text((s.practised_secs / 60) as u32)
    );
    out += &format!("By mode: {}\n\n", modes_text(&s.modes));
    out += "Tracks\n";
    for t in &s.tracks {
        out += &format!("  {:<24} {} of {} passed\n", t.name, t.passed, t.scenarios);
    }
    out += "\nScenarios (best result, passes / attempts)\n";
    for sc in &s.scenarios {
        let best = match (sc.best_stars, sc.best_mood) {
            (Some(stars), Some(mood)) => {
                format!("{}{} mood {mood:>3}", "★".repeat(stars.into()), "☆".repeat(3 - usize::from(stars)))
            }
            _ => "not played out".to_string(),
        };
        out += &format!("  {:<40} {best:<18} {} / {}\n", sc.title, sc.passes, sc.attempts);
    }
    out += &format!("\nSkills (average, then the last {} attempts, oldest first)\n", crate::progress::TREND_LENGTH);
    for skill in &s.skills {
        let average = skill.average.map_or_else(|| "  -".to_string(), |a| format!("{a:>3}"));
        let trend: Vec<String> = skill.recent.iter().map(u8::to_string).collect();
        out += &format!("  {:<26} {average}  {}\n", skill.skill.label(), trend.join(" "));
    }
    out
}

/// Attempts per mode, every mode named: "3 practice, 1 mentor, 0 test".
pub(crate) fn modes_text(modes: &std::collections::BTreeMap<crate::progress::Mode, usize>) -> String {
    crate::progress::Mode::ALL
        .iter()
        .map(|mode| format!("{} {}", modes.get(mode).copied().unwrap_or(0), mode.name()))
        .collect::<Vec<_>>()
        .join(", ")
}
