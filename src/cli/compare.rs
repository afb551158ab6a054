//! `frontline compare A B`: two attempts at the same scenario side by side (a
//! trainee's and a mentor's, or a first and a latest): where they parted, the
//! replies they shared, each side's replies from there with the mood after each,
//! both results, and both mood curves on one text chart.

use super::mood_chart::mood_chart;
use super::saved::{self, Saved, ending_text, local_date, pass_text};
use super::transcript::{NOT_REPLAYED, warn_about_library};
use super::{Common, emit, load_rules};
use crate::engine::{Run, mood_word};
use crate::review::divergence;
use crate::scenario::load_library;
use std::process::ExitCode;

pub(crate) fn compare(
    common: &Common,
    first: &str,
    second: &str,
    profile: Option<&str>,
    json: bool,
) -> Result<ExitCode, String> {
    let (dir, save) = super::profiles::read_save(common)?;
    let report = load_library(&common.scenarios);
    let rules = load_rules(common)?;
    let find = |label: &str, query: &str| {
        saved::find(&dir, &save, profile, query, &report.library, &rules).map_err(|e| format!("{label}: {e}"))
    };
    let a = find("A", first)?;
    let b = find("B", second)?;
    if a.attempt.id == b.attempt.id {
        return Err(format!("A and B are the same attempt ({}); give two different ones", a.attempt.id));
    }
    if a.attempt.scenario != b.attempt.scenario {
        return Err(format!(
            "A ({}) is an attempt at “{}” and B ({}) one at “{}”: compare lays side by side two attempts at the same scenario",
            a.attempt.short_id(),
            a.title,
            b.attempt.short_id(),
            b.title
        ));
    }
    let comparison = Comparison::of(&a, &b);
    emit(&if json { comparison.json() } else { comparison.text() });
    if comparison.runs().is_some() {
        return Ok(ExitCode::SUCCESS);
    }
    warn_about_library(&report.diagnostics);
    for (label, side) in [("A", &a), ("B", &b)] {
        if let Err(reason) = &side.replay {
            eprintln!("frontline: {label} is not shown as played: {}", crate::text::sanitize(reason));
        }
    }
    Ok(ExitCode::from(NOT_REPLAYED))
}

/// Two attempts at one scenario, and how far they went together.
struct Comparison<'a> {
    a: &'a Saved,
    b: &'a Saved,
    /// Replies picked alike before they parted; known only when both were played
    /// on the same version of the scenario.
    shared: Option<usize>,
}

/// A side's moods: at the start, then after each reply.
fn moods(run: &Run) -> Vec<i32> {
    std::iter::once(run.start_mood()).chain(run.turns().iter().map(|t| t.mood_after)).collect()
}

fn mood_text(mood: i32) -> String {
    format!("{mood}, {}", mood_word(mood).to_lowercase())
}

impl<'a> Comparison<'a> {
    fn of(a: &'a Saved, b: &'a Saved) -> Comparison<'a> {
        let same_version = a.attempt.content_hash == b.attempt.content_hash;
        let shared = same_version.then(|| divergence(&a.attempt, &b.attempt));
        Comparison { a, b, shared }
    }

    /// Both replayed runs, when both can be shown as played.
    fn runs(&self) -> Option<(&Run, &Run)> {
        Some((self.a.replay.as_ref().ok()?, self.b.replay.as_ref().ok()?))
    }

    /// The reply where they first differ (1-based), when they do.
    fn parted_at(&self) -> Option<usize> {
        let shared = self.shared?;
        let (a, b) = (self.a.attempt.picks.len(), self.b.attempt.picks.len());
        (shared < a.max(b)).then_some(shared + 1)
    }

    fn parting_text(&self) -> String {
        let (a, b) = (self.a.attempt.picks.len(), self.b.attempt.picks.len());
        match self.shared {
            None => "They were played on different versions of the scenario, so their replies cannot be matched."
                .to_string(),
            Some(shared) if shared == a && shared == b => {
                format!("Both picked the same {} all the way.", saved::plural(shared, "reply", "replies"))
            }
            Some(0) => "They part at the first reply.".to_string(),
            Some(shared) => {
                let first = if shared == 1 { "reply".to_string() } else { format!("{shared} replies") };
                let stopped = |who: &str| format!("{who} stopped there");
                match (shared == a, shared == b) {
                    (true, _) => format!("They share the first {first}; {}, B goes on.", stopped("A")),
                    (_, true) => format!("They share the first {first}; {}, A goes on.", stopped("B")),
                    _ => format!("They share the first {first} and part at reply {}.", shared + 1),
                }
            }
        }
    }

    fn text(&self) -> String {
        let (a, b) = (self.a, self.b);
        let mut out = format!("Comparing two attempts at “{}” ({})\n\n", a.title, a.attempt.scenario);
        for (label, side) in [("A", a), ("B", b)] {
            let at = &side.attempt;
            out += &format!(
                "{label}  {}  {}, {}, {}, seed {}\n",
                at.short_id(),
                side.profile,
                at.mode.name(),
                local_date(at),
                at.seed
            );
        }
        out.push('\n');
        for (label, side) in [("A", a), ("B", b)] {
            if let Err(reason) = &side.replay {
                out +=
                    &format!("NOTICE: {label} cannot be shown as played: {reason}. Only its saved result is shown.\n");
            }
        }
        if self.runs().is_none() {
            out.push('\n');
        }
        out += &self.parting_text();
        out += "\n\n";
        if let (Some((run_a, run_b)), Some(shared)) = (self.runs(), self.shared) {
            out += &self.replies_text(run_a, run_b, shared);
        }
        out += &self.results_text();
        if let Some((run_a, run_b)) = self.runs() {
            out += "\nMood at the start and after each reply\n\n";
            out += &mood_chart(&moods(run_a), &moods(run_b), self.parted_at());
            out += &format!("A = {}   B = {}   * = both\n", a.attempt.short_id(), b.attempt.short_id());
        }
        out
    }

    fn replies_text(&self, run_a: &Run, run_b: &Run, shared: usize) -> String {
        let mut out = String::new();
        if shared > 0 {
            out += "Shared replies (mood after: A / B)\n";
            for (k, (ta, tb)) in run_a.turns().iter().zip(run_b.turns()).take(shared).enumerate() {
                out += &format!("  {}. {}   A {} / B {}\n", k + 1, ta.text, ta.mood_after, tb.mood_after);
            }
            out.push('\n');
        }
        for (label, run) in [("A", run_a), ("B", run_b)] {
            let rest = &run.turns()[shared.min(run.turns().len())..];
            if rest.is_empty() {
                continue;
            }
            out += &format!("{label} from reply {}\n", shared + 1);
            for (k, turn) in rest.iter().enumerate() {
                out += &format!("  {}. {}   mood {}\n", shared + k + 1, turn.text, mood_text(turn.mood_after));
            }
            out.push('\n');
        }
        out
    }

    fn results_text(&self) -> String {
        let header = ["", "Ending", "Final mood", "Stars", "Satisfaction", "Pass"];
        let rows: Vec<Vec<String>> = [("A", self.a), ("B", self.b)]
            .iter()
            .map(|(label, side)| {
                let at = &side.attempt;
                vec![
                    label.to_string(),
                    ending_text(at.ending).to_string(),
                    mood_text(at.final_mood),
                    format!("{}/3", at.stars),
                    format!("{}/5", at.satisfaction),
                    pass_text(at),
                ]
            })
            .collect();
        let widths: Vec<usize> = (0..header.len())
            .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0))
            .collect();
        let mut out = "Results\n".to_string();
        let header: Vec<String> = header.iter().map(ToString::to_string).collect();
        for row in std::iter::once(&header).chain(&rows) {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
                .collect();
            out += "  ";
            out += cells.join("  ").trim_end();
            out.push('\n');
        }
        out
    }

    fn side_json(&self, side: &Saved) -> serde_json::Value {
        let at = &side.attempt;
        let run = side.replay.as_ref().ok();
        let from = self.shared.unwrap_or(0);
        let replies_after: Option<Vec<serde_json::Value>> = run.filter(|_| self.shared.is_some()).map(|run| {
            run.turns()
                .iter()
                .enumerate()
                .skip(from)
                .map(|(k, t)| {
                    serde_json::json!({
                        "turn": k + 1,
                        "text": t.text,
                        "mood_after": t.mood_after,
                        "mood_word": mood_word(t.mood_after).to_lowercase(),
                    })
                })
                .collect()
        });
        serde_json::json!({
            "id": at.id,
            "short_id": at.short_id(),
            "profile": side.profile,
            "date": at.date,
            "local_date": local_date(at),
            "mode": at.mode,
            "seed": at.seed,
            "undos": at.undos,
            "replayed": side.replay.is_ok(),
            "notice": side.replay.as_ref().err(),
            "ending": at.ending,
            "final_mood": at.final_mood,
            "stars": at.stars,
            "satisfaction": at.satisfaction,
            "passed": at.passed(),
            "moods": run.map(moods),
            "replies_after_parting": replies_after,
        })
    }

    fn json(&self) -> String {
        let shared_replies: Option<Vec<serde_json::Value>> = self.runs().zip(self.shared).map(|((ra, rb), shared)| {
            ra.turns()
                .iter()
                .zip(rb.turns())
                .take(shared)
                .enumerate()
                .map(|(k, (ta, tb))| {
                    serde_json::json!({
                        "turn": k + 1,
                        "text": ta.text,
                        "mood_after_a": ta.mood_after,
                        "mood_after_b": tb.mood_after,
                    })
                })
                .collect()
        });
        let value = serde_json::json!({
            "scenario": self.a.attempt.scenario,
            "title": self.a.title,
            "shared": self.shared,
            "parted_at": self.parted_at(),
            "shared_replies": shared_replies,
            "a": self.side_json(self.a),
            "b": self.side_json(self.b),
        });
        let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialise");
        text.push('\n');
        text
    }
}
