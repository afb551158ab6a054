//! Delivering statements to an LRS through the outbox: against the real Ralph server
//! `.ci/run` starts, and against stand-ins that are down, fail, time out or refuse.

mod lrs_support;

use frontline::config::LrsConfig;
use frontline::lrs::{Client, LrsError};
use frontline::outbox::Outbox;
use frontline::scenario::Ending;
use lrs_support::{Behaviour, FakeLrs, dead_endpoint, ralph, statement, unique};
use serde_json::Value;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);
const NO_WAIT: Duration = Duration::ZERO;

fn ids_of(statements: &[Value]) -> Vec<String> {
    statements.iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
}

/// The statements in the LRS whose actor is `learner`.
fn fetch_for(client: &Client, learner: &str) -> Vec<Value> {
    let all = client.fetch(None).expect("the LRS answers");
    all.into_iter().filter(|s| s["actor"]["account"]["name"] == learner).collect()
}

#[test]
fn statements_reach_ralph_once_however_often_they_are_sent() {
    let Some(config) = ralph() else { return };
    let client = Client::new(&config, TIMEOUT);
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    let learner = unique("once");
    let statements: Vec<Value> = (0..3)
        .map(|i| statement(&learner, "wrong-door", i != 1, [100, 80, 60, 100, 90, 70], Some(Ending::Resolved)))
        .collect();
    for s in &statements {
        outbox.queue(s).unwrap();
    }
    assert_eq!(outbox.count(), 3);

    let report = outbox.send_all(&client, NO_WAIT);
    assert_eq!((report.sent, report.waiting, report.failed.len()), (3, 0, 0), "{report:?}");
    assert_eq!(outbox.count(), 0, "sent entries leave the outbox");

    // The same statements again (a re-queued attempt, a second machine): accepted,
    // and still one record each.
    for s in &statements {
        outbox.queue(s).unwrap();
    }
    let again = outbox.send_all(&client, NO_WAIT);
    assert_eq!((again.sent + again.already_there, again.waiting), (3, 0), "{again:?}");
    assert!(again.failed.is_empty(), "{again:?}");
    // And straight through the client, bypassing the outbox.
    client.send(&statements[0]).expect("a re-send is a success");

    let mut stored = ids_of(&fetch_for(&client, &learner));
    stored.sort();
    let mut sent = ids_of(&statements);
    sent.sort();
    assert_eq!(stored, sent, "one record per statement id");
    let back = fetch_for(&client, &learner).into_iter().find(|s| s["id"] == statements[1]["id"]).unwrap();
    assert_eq!(back["result"], statements[1]["result"], "read back as sent");
    assert_eq!(back["context"]["extensions"], statements[1]["context"]["extensions"]);
}

#[test]
fn fetch_follows_more_links_past_the_first_page() {
    let Some(config) = ralph() else { return };
    let client = Client::new(&config, TIMEOUT);
    let learner = unique("pages");
    // Ralph answers 100 statements a page.
    let statements: Vec<Value> =
        (0..130).map(|_| statement(&learner, "wrong-door", true, [100; 6], Some(Ending::Resolved))).collect();
    for s in &statements {
        client.send(s).unwrap();
    }
    let mut stored = ids_of(&fetch_for(&client, &learner));
    stored.sort();
    stored.dedup();
    assert_eq!(stored.len(), 130, "every statement, across pages");
}

#[test]
fn ralph_refusing_the_credentials_keeps_the_attempt_queued_with_the_reason() {
    let Some(config) = ralph() else { return };
    let wrong = LrsConfig::new(config.endpoint(), config.key(), "not-the-secret").unwrap();
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    let learner = unique("refused");
    let first = statement(&learner, "wrong-door", true, [100; 6], Some(Ending::Resolved));
    let second = statement(&learner, "wrong-door", false, [50; 6], Some(Ending::Walkout));
    outbox.queue(&first).unwrap();
    outbox.queue(&second).unwrap();

    let report = outbox.send_all(&Client::new(&wrong, TIMEOUT), NO_WAIT);
    assert_eq!(report.failed.len(), 1, "stops at the first refusal: {report:?}");
    assert_eq!(report.failed[0].1, LrsError::RefusedCredentials(401));
    assert_eq!((report.not_tried, report.waiting), (1, 2));
    let reason = report.stopped.as_ref().unwrap().to_string();
    assert_eq!(reason, "the LRS refused the credentials (401)");
    let listing = outbox.entries();
    let tried = listing.entries.iter().find(|e| e.tries == 1).expect("one entry was tried");
    assert_eq!(tried.last_error.as_deref(), Some(reason.as_str()));
    assert!(!format!("{report:?}{listing:?}").contains("not-the-secret"));

    // With the right secret, both go, once.
    let client = Client::new(&config, TIMEOUT);
    let report = outbox.send_all(&client, NO_WAIT);
    assert_eq!((report.sent, report.waiting), (2, 0), "{report:?}");
    assert_eq!(fetch_for(&client, &learner).len(), 2);
}

#[test]
fn an_lrs_that_is_down_loses_nothing_and_is_not_hammered() {
    let config = LrsConfig::new(&dead_endpoint(), "k", "s").unwrap();
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    for _ in 0..3 {
        outbox.queue(&statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved))).unwrap();
    }
    let client = Client::new(&config, TIMEOUT);
    for round in 1..=2 {
        let report = outbox.send_all(&client, NO_WAIT);
        assert_eq!((report.sent, report.failed.len(), report.not_tried, report.waiting), (0, 1, 2, 3), "{report:?}");
        let reason = report.stopped.unwrap().to_string();
        assert!(reason.starts_with("the LRS could not be reached"), "{reason}");
        let listing = outbox.entries();
        assert_eq!(listing.entries.iter().map(|e| e.tries).max(), Some(round), "the oldest is retried first");
    }
}

#[test]
fn an_lrs_answering_500_keeps_the_statement_with_the_status() {
    let fake = FakeLrs::start(Behaviour::Status(500, r#"{"detail": "Statement indexation failed"}"#));
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    let s = statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved));
    outbox.queue(&s).unwrap();
    let report = outbox.send_all(&Client::new(&fake.config(), TIMEOUT), NO_WAIT);
    assert_eq!(report.waiting, 1);
    let reason = report.stopped.unwrap().to_string();
    assert_eq!(reason, "the LRS had a server error (500): Statement indexation failed");
    assert_eq!(outbox.entries().entries[0].statement, s, "the statement itself is untouched");

    let requests = fake.requests.lock().unwrap();
    assert_eq!(requests.len(), 1);
    let head = requests[0].to_ascii_lowercase();
    let id = s["id"].as_str().unwrap();
    assert!(head.starts_with(&format!("put /xapi/statements?statementid={id} http/1.1")), "{head}");
    assert!(head.contains("x-experience-api-version: 1.0.3"), "{head}");
    assert!(head.contains("authorization: basic "), "{head}");
}

#[test]
fn an_lrs_that_never_answers_times_out_and_keeps_the_statement() {
    let fake = FakeLrs::start(Behaviour::Silent);
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    outbox.queue(&statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved))).unwrap();
    outbox.queue(&statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved))).unwrap();
    let started = Instant::now();
    let report = outbox.send_all(&Client::new(&fake.config(), Duration::from_millis(500)), NO_WAIT);
    assert!(started.elapsed() < Duration::from_secs(10), "gave up in {:?}", started.elapsed());
    assert!(matches!(report.stopped, Some(LrsError::TimedOut(_))), "{report:?}");
    assert_eq!((report.failed.len(), report.not_tried, report.waiting), (1, 1, 2));
    assert!(
        outbox.entries().entries.iter().any(|e| e.last_error.as_deref().is_some_and(|r| r.contains("did not answer")))
    );
}

#[test]
fn a_rejected_statement_is_kept_and_the_others_are_still_tried() {
    let fake = FakeLrs::start(Behaviour::Status(400, r#"{"detail": "bad verb"}"#));
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    for _ in 0..3 {
        outbox.queue(&statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved))).unwrap();
    }
    let report = outbox.send_all(&Client::new(&fake.config(), TIMEOUT), NO_WAIT);
    assert_eq!((report.failed.len(), report.not_tried, report.waiting), (3, 0, 3), "{report:?}");
    assert!(report.stopped.is_none());
    assert_eq!(report.failed[0].1.to_string(), "the LRS rejected the statement (400): bad verb");
}

#[test]
fn an_unreadable_entry_is_kept_aside_and_reported_never_deleted() {
    let fake = FakeLrs::start(Behaviour::Status(204, ""));
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    outbox.queue(&statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved))).unwrap();
    let broken = outbox.dir().join("0e1d3c2a-0b4e-4c8d-9a7f-112233445566.json");
    std::fs::write(&broken, "{ half a statement").unwrap();

    let report = outbox.send_all(&Client::new(&fake.config(), TIMEOUT), NO_WAIT);
    assert_eq!((report.sent, report.waiting), (1, 0), "{report:?}");
    assert_eq!(report.set_aside.len(), 1);
    let kept = &report.set_aside[0].path;
    assert!(!broken.exists());
    assert_eq!(std::fs::read_to_string(kept).unwrap(), "{ half a statement", "kept as it was");
    assert!(report.set_aside[0].to_string().contains("not an outbox entry"), "{}", report.set_aside[0]);
    // Listed as kept aside, and not set aside (or reported) a second time.
    assert_eq!(outbox.entries().unreadable.len(), 1);
    assert!(outbox.send_all(&Client::new(&fake.config(), TIMEOUT), NO_WAIT).set_aside.is_empty());
}

#[test]
fn two_senders_at_once_send_each_statement_once() {
    let fake = FakeLrs::start(Behaviour::Status(204, ""));
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    for _ in 0..20 {
        outbox.queue(&statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved))).unwrap();
    }
    let senders: Vec<_> = (0..2)
        .map(|_| {
            let outbox = outbox.clone();
            let config = fake.config();
            std::thread::spawn(move || outbox.send_all(&Client::new(&config, TIMEOUT), Duration::from_secs(60)))
        })
        .collect();
    let reports: Vec<_> = senders.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(reports.iter().map(|r| r.sent).sum::<usize>(), 20, "{reports:?}");
    assert_eq!(fake.requests.lock().unwrap().len(), 20, "no statement went twice");
    assert_eq!(outbox.count(), 0);
}

#[test]
fn queueing_while_a_sender_works_loses_nothing() {
    let fake = FakeLrs::start(Behaviour::Status(204, ""));
    let data = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(data.path());
    let queued: Vec<Value> =
        (0..40).map(|_| statement("ann", "wrong-door", true, [100; 6], Some(Ending::Resolved))).collect();
    let writer = {
        let outbox = outbox.clone();
        let queued = queued.clone();
        std::thread::spawn(move || queued.iter().for_each(|s| outbox.queue(s).unwrap()))
    };
    let client = Client::new(&fake.config(), TIMEOUT);
    while !writer.is_finished() {
        outbox.send_all(&client, Duration::from_secs(60));
    }
    writer.join().unwrap();
    outbox.send_all(&client, Duration::from_secs(60));
    let requests = fake.requests.lock().unwrap();
    for s in &queued {
        let id = s["id"].as_str().unwrap();
        assert!(requests.iter().any(|r| r.contains(id)), "{id} was never sent");
    }
    assert_eq!(outbox.count(), 0);
}
