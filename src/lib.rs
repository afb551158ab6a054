//! Frontline: a terminal training game for customer-service agents.
//!
//! Domain modules (`scenario`, `engine`, `progress`, `xapi`, `config`, `lrs`, `outbox`,
//! `cohort`) know nothing about the terminal; `ui` and `app` draw state and turn keys
//! into actions.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod cohort;
pub mod config;
pub mod engine;
pub mod files;
pub mod lrs;
pub mod outbox;
pub mod plain;
pub mod progress;
pub mod review;
pub mod scenario;
pub mod text;
pub mod ui;
pub mod xapi;
