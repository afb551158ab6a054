//! Reading scenario files (bundled or a trainer's) into a checked library.

use super::{Scenario, validate};
use std::fmt;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// Scenario files are shared between trainers; anything larger is refused unread.
pub const MAX_SCENARIO_BYTES: usize = 512 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, printed as `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub pos: Option<(usize, usize)>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, pos: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: file.to_string(), pos, message: message.into() }
    }

    pub fn warning(file: &str, pos: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, file: file.to_string(), pos, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.pos {
            write!(f, ":{line}:{col}")?;
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A scenario file's name and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// A scenario that passed validation, with where it came from.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    pub file: String,
    pub bundled: bool,
}

/// Every playable scenario, bundled first, then each trainer folder in order.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub scenarios: Vec<LoadedScenario>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&LoadedScenario> {
        self.scenarios.iter().find(|s| s.scenario.id == id)
    }

    /// Tracks in the order they first appear, easiest first within the library order.
    pub fn tracks(&self) -> Vec<String> {
        let mut tracks: Vec<(u8, usize, String)> = Vec::new();
        for (i, s) in self.scenarios.iter().enumerate() {
            let sc = &s.scenario;
            match tracks.iter_mut().find(|t| t.2 == sc.track) {
                Some(t) => t.0 = t.0.min(sc.difficulty),
                None => tracks.push((sc.difficulty, i, sc.track.clone())),
            }
        }
        tracks.sort();
        tracks.into_iter().map(|t| t.2).collect()
    }
}

/// What loading a set of files found: the good scenarios and every problem.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
    pub files_read: usize,
}

impl LoadReport {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Characters that must never reach a terminal from a shared file: control codes
/// (other than line breaks and tabs), bidi overrides and invisible format marks.
pub fn forbidden_char(c: char) -> Option<&'static str> {
    use icu_properties::CodePointMapData;
    use icu_properties::props::{BidiControl, BinaryProperty, DefaultIgnorableCodePoint, GeneralCategory};
    match c {
        '\n' | '\t' | '\r' => None,
        c if c.is_control() => Some("a control character"),
        // By Unicode property rather than a hand list, so every bidi control and every
        // invisible character (tags, fillers, soft hyphens…) is caught, now and later.
        c if BidiControl::for_char(c) => Some("a bidi control character"),
        c if DefaultIgnorableCodePoint::for_char(c) => Some("an invisible character"),
        c => match CodePointMapData::<GeneralCategory>::new().get(c) {
            // Format characters the ignorable set leaves out (interlinear annotation marks…).
            GeneralCategory::Format => Some("an invisible format character"),
            GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
                Some("a line or paragraph separator")
            }
            _ => None,
        },
    }
}

fn scan_forbidden(name: &str, text: &str, out: &mut Vec<Diagnostic>) {
    for (i, line) in text.split('\n').enumerate() {
        for (j, c) in line.chars().enumerate() {
            if let Some(what) = forbidden_char(c) {
                out.push(Diagnostic::error(
                    name,
                    Some((i + 1, j + 1)),
                    format!("{what} (U+{:04X}) is not allowed in a scenario file", c as u32),
                ));
            }
        }
    }
}

fn ron_options() -> ron::Options {
    // implicit_some so `end: Resolved` works; the default recursion limit stays on.
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates one scenario file. Every problem of the file is returned at once.
pub fn parse_scenario(name: &str, text: &str) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    if text.len() > MAX_SCENARIO_BYTES {
        return Err(vec![Diagnostic::error(
            name,
            None,
            format!("file is {} bytes; scenario files may be at most {MAX_SCENARIO_BYTES} bytes", text.len()),
        )]);
    }
    let mut diagnostics = Vec::new();
    scan_forbidden(name, text, &mut diagnostics);
    match ron_options().from_str::<Scenario>(text) {
        Ok(scenario) => {
            diagnostics.extend(validate(&scenario, name, text));
            if diagnostics.iter().any(Diagnostic::is_error) { Err(diagnostics) } else { Ok((scenario, diagnostics)) }
        }
        Err(err) => {
            let pos = (err.span.start.line, err.span.start.col);
            diagnostics.push(Diagnostic::error(name, Some(pos), err.code.to_string()));
            Err(diagnostics)
        }
    }
}

/// Reads a file: only a regular file, and never more than a scenario may be.
pub(crate) fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    use crate::files::{ReadError, read_limited};
    let name = path.display().to_string();
    let bytes = read_limited(path, MAX_SCENARIO_BYTES as u64).map_err(|e| match e {
        ReadError::TooLarge { .. } => Diagnostic::error(
            &name,
            None,
            format!("file is larger than {MAX_SCENARIO_BYTES} bytes, the most a scenario file may be"),
        ),
        other => Diagnostic::error(&name, None, other.to_string()),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = String::from_utf8_lossy(valid);
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic::error(&name, Some((line, col)), "file is not valid UTF-8")
    })?;
    Ok(SourceFile { name, text })
}

/// The `.ron` files a path names: the file itself, or a folder's files sorted by name.
pub(crate) fn ron_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::error(&name, None, format!("cannot read: {e}")))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries =
        std::fs::read_dir(path).map_err(|e| Diagnostic::error(&name, None, format!("cannot list folder: {e}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "ron") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// The bundled scenario files as sources.
pub fn bundled_sources() -> Vec<SourceFile> {
    BUNDLED.iter().map(|(name, text)| SourceFile { name: name.to_string(), text: text.to_string() }).collect()
}

/// Loads sources into a library: each file validated, duplicate ids and unknown
/// `requires` reported; files with errors are left out of the library.
/// `also_known` are ids that `requires` may name without being loaded here (the
/// bundled library, when checking a trainer's folder).
pub fn load_sources(
    sources: Vec<(SourceFile, bool)>,
    mut diagnostics: Vec<Diagnostic>,
    also_known: &[String],
) -> LoadReport {
    use super::{Locator, PathSeg};
    let files_read = sources.len();
    let mut parsed = Vec::new();
    for (source, bundled) in sources {
        match parse_scenario(&source.name, &source.text) {
            Ok((scenario, warnings)) => {
                diagnostics.extend(warnings);
                parsed.push((scenario, source, bundled));
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    let known: std::collections::HashSet<String> =
        parsed.iter().map(|(s, _, _)| s.id.clone()).chain(also_known.iter().cloned()).collect();
    let mut library = Library::default();
    for (scenario, source, bundled) in parsed {
        let locator = Locator::new(&source.text);
        if let Some(first) = library.get(&scenario.id) {
            diagnostics.push(Diagnostic::error(
                &source.name,
                Some(locator.locate(&[PathSeg::Field("id")])),
                format!("duplicate scenario id \"{}\" (already used by {})", scenario.id, first.file),
            ));
            continue;
        }
        let mut missing = false;
        for (i, req) in scenario.requires.iter().enumerate() {
            if !known.contains(req) {
                missing = true;
                diagnostics.push(Diagnostic::error(
                    &source.name,
                    Some(locator.locate(&[PathSeg::Field("requires"), PathSeg::Index(i)])),
                    format!("`requires` names \"{req}\", which is not a scenario in the library"),
                ));
            }
        }
        if !missing {
            library.scenarios.push(LoadedScenario { scenario, file: source.name, bundled });
        }
    }
    LoadReport { library, diagnostics, files_read }
}

/// The bundled library plus every `.ron` file in each extra folder.
pub fn load_library(extra: &[PathBuf]) -> LoadReport {
    let (extra_sources, diagnostics) = read_paths(extra);
    let sources =
        bundled_sources().into_iter().map(|s| (s, true)).chain(extra_sources.into_iter().map(|s| (s, false))).collect();
    load_sources(sources, diagnostics, &[])
}

/// Reads the `.ron` files under each path (files or folders) as sources.
pub fn read_paths(paths: &[PathBuf]) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        match ron_files(path) {
            Ok(files) => {
                for file in files {
                    match read_source(&file) {
                        Ok(src) => sources.push(src),
                        Err(d) => diagnostics.push(d),
                    }
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    (sources, diagnostics)
}
