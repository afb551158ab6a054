//! `frontline sync`: sends the outbox to the configured LRS and says what happened.

use super::{Common, emit};
use crate::config::Config;
use crate::outbox::{Outbox, SyncReport};
use std::process::ExitCode;
use std::time::Duration;

/// How long one request may take before the LRS counts as not answering.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for another process already sending the same outbox.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// `frontline sync`: exit 0 when nothing is left waiting, 1 when something is.
pub(crate) fn sync(common: &Common) -> Result<ExitCode, String> {
    let config = Config::load()?;
    let Some(lrs) = config.lrs() else {
        return Err(format!("no LRS is configured: {}", config.how_to_configure_lrs()));
    };
    let dir = crate::progress::data_dir(common.data_dir.as_deref()).map_err(|e| e.to_string())?;
    let outbox = Outbox::new(&dir);
    let report = outbox.send_all(&crate::lrs::Client::new(lrs, REQUEST_TIMEOUT), LOCK_WAIT);
    emit(&summary(&report, lrs.endpoint()));
    Ok(if report.waiting == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn attempts(n: usize) -> String {
    format!("{n} attempt{}", if n == 1 { "" } else { "s" })
}

/// What a sync did, in a few lines.
pub(crate) fn summary(report: &SyncReport, endpoint: &str) -> String {
    let mut lines = Vec::new();
    if report.busy {
        lines.push(format!(
            "Another Frontline is sending these attempts right now; {} waiting. Try again in a moment.",
            report.waiting
        ));
        return lines.join("\n") + "\n";
    }
    let delivered = report.sent + report.already_there;
    if delivered == 0 && report.waiting == 0 && report.failed.is_empty() {
        lines.push("Nothing to send: no attempts are waiting.".to_string());
    } else {
        let mut line = format!("Sent {} to {endpoint}", attempts(delivered));
        if report.already_there > 0 {
            line += &format!(" ({} of them it already had)", report.already_there);
        }
        lines.push(line + ".");
    }
    if report.waiting > 0 {
        lines.push(format!("{} still waiting: {}.", report.waiting, reasons(report)));
    }
    for kept in &report.set_aside {
        lines.push(format!("Kept aside, not sent: {kept}."));
    }
    lines.join("\n") + "\n"
}

/// Why attempts are still waiting: what stopped the sending, else each distinct
/// failure with how many it hit.
fn reasons(report: &SyncReport) -> String {
    if let Some(stopped) = &report.stopped {
        return stopped.to_string();
    }
    let mut counted: Vec<(String, usize)> = Vec::new();
    for (_, error) in &report.failed {
        let reason = error.to_string();
        match counted.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => counted.push((reason, 1)),
        }
    }
    if counted.is_empty() {
        // Queued while this sync ran, or not readable: the next sync takes them.
        return "queued while sending, for the next sync".to_string();
    }
    counted
        .into_iter()
        .map(|(reason, n)| if n == 1 { reason } else { format!("{reason} ({})", attempts(n)) })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lrs::LrsError;

    const AT: &str = "https://lrs.example/xAPI";

    #[test]
    fn a_full_sync_says_how_many_went_where() {
        let report = SyncReport { sent: 2, already_there: 1, ..SyncReport::default() };
        assert_eq!(summary(&report, AT), "Sent 3 attempts to https://lrs.example/xAPI (1 of them it already had).\n");
        assert_eq!(summary(&SyncReport::default(), AT), "Nothing to send: no attempts are waiting.\n");
    }

    #[test]
    fn what_is_left_says_why() {
        let report = SyncReport {
            sent: 3,
            failed: vec![("a".into(), LrsError::RefusedCredentials(401))],
            stopped: Some(LrsError::RefusedCredentials(401)),
            not_tried: 0,
            waiting: 1,
            ..SyncReport::default()
        };
        assert_eq!(
            summary(&report, AT),
            "Sent 3 attempts to https://lrs.example/xAPI.\n1 still waiting: the LRS refused the credentials (401).\n"
        );
        let rejected = || LrsError::Rejected { status: 400, detail: "bad".into() };
        let report = SyncReport {
            failed: vec![("a".into(), rejected()), ("b".into(), rejected())],
            waiting: 2,
            ..SyncReport::default()
        };
        assert_eq!(
            summary(&report, AT),
            "Sent 0 attempts to https://lrs.example/xAPI.\n2 still waiting: the LRS rejected the statement (400): bad (2 attempts).\n"
        );
    }
}
