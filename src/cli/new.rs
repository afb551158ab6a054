//! `frontline new`: a commented starter scenario for trainers.

use super::emit;
use crate::scenario::load_library;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `frontline new`: writes a starter scenario that passes `check`, never over an
/// existing file.
pub(crate) fn new_scenario(id: &str, dir: &Path) -> Result<ExitCode, String> {
    crate::analysis::check_new_id(id).map_err(|e| e.to_string())?;
    if let Some(taken) = load_library(&[]).library.get(id) {
        return Err(format!("id \"{id}\" is already used by the bundled scenario {}; choose another", taken.file));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
    let path = dir.join(format!("{id}.ron"));
    let shown = path.display().to_string();
    let text = crate::analysis::starter_scenario(id, &shown).map_err(|e| e.to_string())?;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{shown} already exists; not overwriting it")
        } else {
            format!("{shown}: cannot create: {e}")
        }
    })?;
    if let Err(e) = file.write_all(text.as_bytes()).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(format!("{shown}: cannot write: {e}"));
    }
    emit(&format!("Wrote {shown}: a starter scenario with two tests.\nEdit it, then run `frontline check {shown}`.\n"));
    Ok(ExitCode::SUCCESS)
}
