//! Save formats 1 and 2: every profile and attempt in one `progress.ron`. Read to
//! migrate into journals, and kept on disk afterwards.

use super::{Attempt, SAVE_VERSION, is_valid_profile_name};
use serde::{Deserialize, Serialize};

pub const SAVE_FILE: &str = "progress.ron";
/// The whole-file save before the last one written (format 2): what an unreadable
/// `progress.ron` is replaced with when it is migrated.
pub const BACKUP_FILE: &str = "progress.backup.ron";
/// A whole-file save larger than this is not read (it would not be one of ours).
pub const MAX_SAVE_BYTES: u64 = 32 * 1024 * 1024;
/// The last format that kept everything in one file.
const LAST_WHOLE_FILE_VERSION: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LegacyProfile {
    pub name: String,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
}

/// A format 1 or 2 save.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LegacySave {
    pub version: u32,
    #[serde(default)]
    pub profiles: Vec<LegacyProfile>,
}

impl LegacySave {
    /// Parses a format 1 or 2 save, and checks that what it holds is something this
    /// program could have written. Format 1 attempts get their ids here.
    pub fn parse(text: &str) -> Result<LegacySave, String> {
        let mut save: LegacySave = ron::Options::default().from_str(text).map_err(|e| e.to_string())?;
        if save.version == 0 || save.version > LAST_WHOLE_FILE_VERSION {
            let hint = if save.version > SAVE_VERSION { "" } else { " in one file" };
            return Err(format!(
                "save format version {} is not one this build knows{hint} (1..={LAST_WHOLE_FILE_VERSION})",
                save.version
            ));
        }
        if save.version == 1 {
            for profile in &mut save.profiles {
                for attempt in &mut profile.attempts {
                    if attempt.id.is_empty() {
                        attempt.id = migrated_id(&profile.name, attempt);
                    }
                }
            }
            save.version = LAST_WHOLE_FILE_VERSION;
        }
        save.check()?;
        Ok(save)
    }

    /// Values out of range, or names the game could not have saved.
    fn check(&self) -> Result<(), String> {
        let mut names = std::collections::HashSet::new();
        for (p, profile) in self.profiles.iter().enumerate() {
            let who = format!("profile {}", p + 1);
            if !is_valid_profile_name(&profile.name) {
                return Err(format!("{who} has an empty, overlong or unprintable name"));
            }
            if !names.insert(profile.name.as_str()) {
                return Err(format!("{who}'s name is used by another profile"));
            }
            for (a, attempt) in profile.attempts.iter().enumerate() {
                if let Some(problem) = attempt.problem() {
                    return Err(format!("{who}, attempt {} has {problem}", a + 1));
                }
            }
        }
        Ok(())
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(4);
        ron::ser::to_string_pretty(self, config).expect("save data always serialises")
    }
}

/// The id a version-1 attempt is given: derived from its profile and contents, so
/// migrating the same save twice gives the same ids.
fn migrated_id(profile: &str, attempt: &Attempt) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f72_6f6e_746c_696e_6500_0000_0000_0001);
    let name = format!("{profile}\n{}\n{}\n{}\n{:?}", attempt.scenario, attempt.seed, attempt.date, attempt.picks);
    uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// The id a migrated profile's journal gets: derived from its name, so a migration
/// that was interrupted and runs again writes the same files.
pub(super) fn migrated_profile_id(name: &str) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f72_6f6e_746c_696e_6500_0000_0000_0002);
    uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}
