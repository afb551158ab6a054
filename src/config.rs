//! The install's settings: an optional RON file in the platform config folder, with
//! environment variables over it. Today it holds the xAPI `homePage` that names
//! learners and the learning-record store (LRS) attempts are delivered to.
//!
//! ```ron
//! (
//!     home_page: Some("https://training.example.com"),
//!     lrs: Some((endpoint: "https://lrs.example.com/xAPI/", key: "frontline", secret: "…")),
//! )
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The settings file's name inside the config folder.
pub const CONFIG_FILE: &str = "config.ron";
/// Replaces the whole config folder (tests, portable installs).
pub const CONFIG_DIR_ENV: &str = "FRONTLINE_CONFIG_DIR";
pub const LRS_ENDPOINT_ENV: &str = "FRONTLINE_LRS_ENDPOINT";
pub const LRS_KEY_ENV: &str = "FRONTLINE_LRS_KEY";
pub const LRS_SECRET_ENV: &str = "FRONTLINE_LRS_SECRET";
/// A settings file larger than this is not ours.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// The `homePage` of learner accounts when the config names none.
pub use crate::xapi::DEFAULT_HOME_PAGE;

/// The file as written: every field optional, so the environment can fill gaps.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    home_page: Option<String>,
    #[serde(default)]
    lrs: Option<LrsFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LrsFile {
    #[serde(default)]
    endpoint: Option<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    secret: Option<String>,
}

/// Where and how to reach the LRS. Neither `Debug` nor `Display` shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct LrsConfig {
    endpoint: String,
    key: String,
    secret: String,
}

impl LrsConfig {
    /// Checks the values: an `http(s)://` endpoint, a key usable as a Basic-auth user
    /// (no `:`), a secret, nothing blank and no control characters. The endpoint's
    /// trailing `/` is dropped, so `…/xAPI` and `…/xAPI/` are the same LRS.
    pub fn new(endpoint: &str, key: &str, secret: &str) -> Result<LrsConfig, String> {
        let endpoint = endpoint.trim();
        check_url("the LRS endpoint", endpoint)?;
        if key.is_empty() || key.chars().any(|c| c.is_control() || c == ':') {
            return Err("the LRS key must not be blank and may not hold ':' or control characters".into());
        }
        if secret.is_empty() || secret.chars().any(char::is_control) {
            return Err("the LRS secret must not be blank and may not hold control characters".into());
        }
        Ok(LrsConfig { endpoint: endpoint.trim_end_matches('/').to_string(), key: key.into(), secret: secret.into() })
    }

    /// The xAPI base URL, without a trailing `/` (statements live at `{endpoint}/statements`).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// For the `Authorization` header only; never print it.
    pub fn secret(&self) -> &str {
        &self.secret
    }
}

impl std::fmt::Debug for LrsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LrsConfig")
            .field("endpoint", &self.endpoint)
            .field("key", &self.key)
            .field("secret", &"<hidden>")
            .finish()
    }
}

impl std::fmt::Display for LrsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (key {})", self.endpoint, self.key)
    }
}

fn check_url(what: &str, value: &str) -> Result<(), String> {
    // `https://user:password@host` puts a credential where it gets printed: refused
    // first, without quoting it.
    let after_scheme = value.split_once("://").map_or(value, |(_, rest)| rest);
    if after_scheme.split(['/', '?', '#']).next().unwrap_or_default().contains('@') {
        return Err(format!("{what} may not hold a user name or password (before '@'); use the key and secret"));
    }
    let lower = value.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => {}
        _ => return Err(format!("{what} must be an http:// or https:// address, not \"{value}\"")),
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{what} may not hold spaces or control characters: \"{value}\""));
    }
    Ok(())
}

/// The install's settings, after the file and the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    home_page: Option<String>,
    lrs: Option<LrsConfig>,
    /// The settings file that was (or would be) read.
    file: Option<PathBuf>,
}

/// The config folder: `FRONTLINE_CONFIG_DIR`, else the platform's. `None` when the
/// platform has none (no usable home folder).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "frontline")?;
    Some(dirs.config_dir().to_path_buf()).filter(|d| d.is_absolute())
}

impl Config {
    /// Reads the settings file (if any) from [`config_dir`] and applies the
    /// environment. A broken file is an error `file:line:col: message`; a missing
    /// one is no error.
    pub fn load() -> Result<Config, String> {
        let env = |name: &str| std::env::var(name).ok();
        Config::load_with(config_dir().as_deref(), &env)
    }

    /// [`Config::load`] with the folder and the environment given: for tests.
    pub fn load_with(dir: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Result<Config, String> {
        let file = dir.map(|d| d.join(CONFIG_FILE));
        let parsed = match &file {
            Some(path) => read_file(path)?,
            None => ConfigFile::default(),
        };
        let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let place = file.as_ref().map_or_else(|| "the settings".to_string(), |p| p.display().to_string());
        if let Some(home) = &parsed.home_page {
            check_url("home_page", home.trim()).map_err(|e| format!("{place}: {e}"))?;
        }
        let from_file = parsed.lrs.unwrap_or_default();
        let endpoint = env(LRS_ENDPOINT_ENV).or(from_file.endpoint);
        let key = env(LRS_KEY_ENV).or(from_file.key);
        let secret = env(LRS_SECRET_ENV).or(from_file.secret);
        let lrs = match (endpoint, key, secret) {
            (None, None, None) => None,
            (Some(endpoint), Some(key), Some(secret)) => {
                Some(LrsConfig::new(&endpoint, &key, &secret).map_err(|e| format!("{place}: {e}"))?)
            }
            (endpoint, key, secret) => {
                let missing: Vec<String> =
                    [(endpoint.is_none(), "endpoint", LRS_ENDPOINT_ENV), (key.is_none(), "key", LRS_KEY_ENV)]
                        .into_iter()
                        .chain([(secret.is_none(), "secret", LRS_SECRET_ENV)])
                        .filter(|(absent, _, _)| *absent)
                        .map(|(_, field, var)| format!("{field} (in {place} or {var})"))
                        .collect();
                return Err(format!("the LRS is only partly configured; missing: {}", missing.join(", ")));
            }
        };
        let home_page = parsed.home_page.map(|h| h.trim().to_string());
        Ok(Config { home_page, lrs, file })
    }

    /// The `homePage` of learner accounts.
    pub fn home_page(&self) -> &str {
        self.home_page.as_deref().unwrap_or(DEFAULT_HOME_PAGE)
    }

    /// The LRS to deliver attempts to, if one is configured.
    pub fn lrs(&self) -> Option<&LrsConfig> {
        self.lrs.as_ref()
    }

    /// The settings file this config was read from (or would be, if it existed).
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// How to configure an LRS, for messages to people who have not.
    pub fn how_to_configure_lrs(&self) -> String {
        let place = match &self.file {
            Some(path) => format!("in {}", path.display()),
            None => format!("in {CONFIG_FILE} in the folder {CONFIG_DIR_ENV} names"),
        };
        format!(
            "configure one {place}, e.g. `(lrs: Some((endpoint: \"https://lrs.example.com/xAPI/\", key: \"…\", secret: \"…\")))`, or set {LRS_ENDPOINT_ENV}, {LRS_KEY_ENV} and {LRS_SECRET_ENV}"
        )
    }
}

fn read_file(path: &Path) -> Result<ConfigFile, String> {
    use crate::files::{ReadError, read_text_limited};
    let name = path.display();
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ConfigFile::default()),
        _ => {}
    }
    let text = read_text_limited(path, MAX_CONFIG_BYTES).map_err(|e| match e {
        ReadError::TooLarge { limit } => {
            format!("{name}: file is larger than {limit} bytes, the most a settings file may be")
        }
        other => format!("{name}: {other}"),
    })?;
    // implicit_some so `home_page: "…"` works as well as `Some("…")`.
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<ConfigFile>(&text)
        .map_err(|e| format!("{name}:{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn write(dir: &Path, text: &str) {
        std::fs::write(dir.join(CONFIG_FILE), text).unwrap();
    }

    #[test]
    fn no_file_and_no_environment_means_defaults_and_no_lrs() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load_with(Some(dir.path()), &no_env).unwrap();
        assert_eq!(config.home_page(), DEFAULT_HOME_PAGE);
        assert!(config.lrs().is_none());
        assert_eq!(config.file(), Some(dir.path().join(CONFIG_FILE).as_path()));
    }

    #[test]
    fn the_file_names_the_home_page_and_the_lrs() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            r#"(home_page: Some("https://acme.example/people"),
                lrs: Some((endpoint: "http://127.0.0.1:8100/xAPI/", key: "k", secret: "s3")))"#,
        );
        let config = Config::load_with(Some(dir.path()), &no_env).unwrap();
        assert_eq!(config.home_page(), "https://acme.example/people");
        let lrs = config.lrs().unwrap();
        assert_eq!(lrs.endpoint(), "http://127.0.0.1:8100/xAPI", "the trailing slash is dropped");
        assert_eq!((lrs.key(), lrs.secret()), ("k", "s3"));
    }

    #[test]
    fn environment_variables_override_the_file_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), r#"(lrs: (endpoint: "https://file.example/xAPI", key: "file-key", secret: "file-secret"))"#);
        let env = |name: &str| match name {
            LRS_SECRET_ENV => Some("env-secret".to_string()),
            LRS_ENDPOINT_ENV => Some(String::new()), // blank counts as unset
            _ => None,
        };
        let config = Config::load_with(Some(dir.path()), &env).unwrap();
        let lrs = config.lrs().unwrap();
        assert_eq!((lrs.endpoint(), lrs.key(), lrs.secret()), ("https://file.example/xAPI", "file-key", "env-secret"));
    }

    #[test]
    fn the_environment_alone_configures_an_lrs() {
        let env = |name: &str| match name {
            LRS_ENDPOINT_ENV => Some("https://lrs.example/xAPI/".to_string()),
            LRS_KEY_ENV => Some("k".to_string()),
            LRS_SECRET_ENV => Some("s".to_string()),
            _ => None,
        };
        let config = Config::load_with(None, &env).unwrap();
        assert_eq!(config.lrs().unwrap().endpoint(), "https://lrs.example/xAPI");
    }

    #[test]
    fn a_broken_file_is_reported_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "(\n  home_page: Some(\"https://a.example\"),\n  lrs: Some((endpoint: 3)),\n)");
        let err = Config::load_with(Some(dir.path()), &no_env).unwrap_err();
        let expected = format!("{}:3:", dir.path().join(CONFIG_FILE).display());
        assert!(err.starts_with(&expected), "{err}");

        write(dir.path(), "(colour: \"red\")");
        let err = Config::load_with(Some(dir.path()), &no_env).unwrap_err();
        assert!(err.contains(":1:") && err.contains("colour"), "an unknown field is named: {err}");
    }

    #[test]
    fn a_partial_lrs_says_what_is_missing_and_where_to_set_it() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), r#"(lrs: (endpoint: "https://lrs.example/xAPI", secret: "hush"))"#);
        let err = Config::load_with(Some(dir.path()), &no_env).unwrap_err();
        assert!(err.contains("key") && err.contains(LRS_KEY_ENV), "{err}");
        assert!(!err.contains("hush"), "the secret is never shown: {err}");
    }

    #[test]
    fn bad_values_are_refused_without_showing_the_secret() {
        for (endpoint, key) in [
            ("ftp://x", "k"),
            ("https://", "k"),
            ("https://a b", "k"),
            ("https://a", "a:b"),
            ("https://u:hush@a/x", "k"),
            ("ftp://u:hush@a b", "k"),
        ] {
            let err = LrsConfig::new(endpoint, key, "hush").unwrap_err();
            assert!(!err.contains("hush"), "{err}");
        }
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), r#"(home_page: "not a url")"#);
        let err = Config::load_with(Some(dir.path()), &no_env).unwrap_err();
        assert!(err.contains("home_page") && err.contains("not a url"), "{err}");
    }

    #[test]
    fn debug_and_display_never_show_the_secret() {
        let lrs = LrsConfig::new("https://lrs.example/xAPI", "trainer", "correct-horse").unwrap();
        let shown = format!("{lrs:?} {lrs} {:?}", Config { lrs: Some(lrs.clone()), ..Config::default() });
        assert!(!shown.contains("correct-horse"), "{shown}");
        assert!(shown.contains("trainer") && shown.contains("https://lrs.example/xAPI"), "{shown}");
    }

    #[test]
    fn a_settings_file_that_is_too_large_or_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &format!("({})", " ".repeat(MAX_CONFIG_BYTES as usize)));
        let err = Config::load_with(Some(dir.path()), &no_env).unwrap_err();
        assert!(err.contains("larger than"), "{err}");
        std::fs::remove_file(dir.path().join(CONFIG_FILE)).unwrap();
        std::fs::create_dir(dir.path().join(CONFIG_FILE)).unwrap();
        let err = Config::load_with(Some(dir.path()), &no_env).unwrap_err();
        assert!(err.contains("folder"), "{err}");
    }
}
