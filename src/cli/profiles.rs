//! Which profile a command means: `--profile NAME`, or the only one there is. Shared
//! by `stats`, `history`, `transcript`, `compare` and `export`, so they all answer a
//! missing or unknown name the same way.

use crate::progress::{Profile, SaveFile, data_dir, peek};
use std::path::{Path, PathBuf};

/// The data folder and its save, read without the lock (a game may be running).
pub(crate) fn read_save(common: &super::Common) -> Result<(PathBuf, SaveFile), String> {
    let dir = data_dir(common.data_dir.as_deref()).map_err(|e| e.to_string())?;
    let save = peek(&dir).map_err(|e| format!("{}: the save cannot be read: {e}", dir.display()))?;
    Ok((dir, save))
}

/// The profile `wanted` names, or the only profile when none is named; several
/// profiles and no name is an error that lists them.
pub(crate) fn choose_profile<'a>(dir: &Path, save: &'a SaveFile, wanted: Option<&str>) -> Result<&'a Profile, String> {
    match (wanted, save.profiles.as_slice()) {
        (Some(name), _) => named_profile(dir, save, name),
        (None, [only]) => Ok(only),
        (None, []) => Err(no_profiles_yet(dir)),
        (None, _) => Err(format!("several profiles; choose one with --profile: {}", names(save))),
    }
}

/// The profile called `name` (surrounding spaces ignored); an unknown name is an
/// error that lists the profiles there are.
pub(crate) fn named_profile<'a>(dir: &Path, save: &'a SaveFile, name: &str) -> Result<&'a Profile, String> {
    let name = name.trim();
    if let Some(profile) = save.profile(name) {
        return Ok(profile);
    }
    if save.profiles.is_empty() {
        return Err(format!("no profile \"{name}\": {}", no_profiles_yet(dir)));
    }
    Err(format!("no profile \"{name}\"; the profiles are: {}", names(save)))
}

fn no_profiles_yet(dir: &Path) -> String {
    format!("no profiles yet in {}; play or use `run --profile NAME`", dir.display())
}

fn names(save: &SaveFile) -> String {
    save.profiles.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
}
