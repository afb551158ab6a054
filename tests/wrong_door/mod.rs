//! The bundled "Delivered to the wrong door" played by reply fragments, for the
//! tests that build histories through the binary.
#![allow(dead_code)] // each test binary uses its own share of these

/// Acknowledge, look it up, tell her, two fitting options, settle: resolved in the
/// first contact, 3 stars.
pub const RESEARCH: [&str; 5] = [
    "not what delivered should mean",
    "numbered 41, not 14",
    "One way: I send a replacement",
    "driver can go back to 41",
    "go with the replacement",
];

/// `RESEARCH` as `run` arguments.
pub const RESEARCH_ARGS: [&str; 10] =
    ["--pick", RESEARCH[0], "--pick", RESEARCH[1], "--pick", RESEARCH[2], "--pick", RESEARCH[3], "--pick", RESEARCH[4]];
