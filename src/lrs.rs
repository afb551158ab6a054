//! A small blocking xAPI client for the organisation's learning-record store (LRS):
//! store one statement under its own id, read statements back. Plain threads and
//! timeouts, no async runtime; every failure is classified into a reason a trainee
//! can read, and the secret never appears in one.

use crate::config::LrsConfig;
use serde_json::Value;
use std::time::Duration;

/// The xAPI version spoken, sent on every request.
pub const XAPI_VERSION_HEADER: (&str, &str) = ("X-Experience-API-Version", "1.0.3");
/// Pages of statements read at most by one [`Client::fetch`] (an LRS pages by 100 or
/// so: this is far more than a cohort, and less than forever).
pub const MAX_PAGES: usize = 2_000;
/// The largest answer read from the LRS.
const MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;
/// How much of an LRS's error message is kept in a reason.
const MAX_DETAIL_CHARS: usize = 200;

/// How a statement reached the LRS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Stored now, or found equal to one already stored (both answer 204).
    Stored,
    /// The LRS already holds a statement with this id (409): sent before.
    AlreadyThere,
}

/// Why the LRS did not take (or give) statements, in words for the person at the keyboard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LrsError {
    #[error("the LRS could not be reached ({0})")]
    Unreachable(String),
    #[error("the LRS did not answer within {0:?}")]
    TimedOut(Duration),
    #[error("the LRS refused the credentials ({0})")]
    RefusedCredentials(u16),
    #[error("the LRS had a server error ({status}){}", detail_suffix(.detail))]
    ServerError { status: u16, detail: String },
    #[error("the LRS rejected the statement ({status}){}", detail_suffix(.detail))]
    Rejected { status: u16, detail: String },
    #[error("the LRS gave an answer Frontline does not understand: {0}")]
    BadAnswer(String),
    #[error("the statement cannot be sent: {0}")]
    InvalidStatement(String),
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() { String::new() } else { format!(": {detail}") }
}

impl LrsError {
    /// True when the failure is the LRS's or the network's, not one statement's: the
    /// next statement would fail the same way, so sending stops instead of hammering.
    pub fn affects_every_statement(&self) -> bool {
        !matches!(self, LrsError::Rejected { .. } | LrsError::InvalidStatement(_))
    }
}

/// A connection to one LRS.
pub struct Client {
    agent: ureq::Agent,
    /// `{endpoint}/statements`.
    statements_url: String,
    /// `scheme://host[:port]`: what a `more` link is relative to.
    origin: String,
    authorization: String,
    /// Strings that must never be shown: the secret and the header that encodes it.
    hidden: [String; 2],
    timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("statements_url", &self.statements_url).finish_non_exhaustive()
    }
}

impl Client {
    /// A client that gives up on any one request after `timeout`.
    pub fn new(config: &LrsConfig, timeout: Duration) -> Client {
        use base64::Engine;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .max_redirects(0)
            .build()
            .into();
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", config.key(), config.secret()));
        let endpoint = config.endpoint();
        let origin = match endpoint.find("://") {
            Some(i) => {
                let host_end = endpoint[i + 3..].find('/').map_or(endpoint.len(), |j| i + 3 + j);
                endpoint[..host_end].to_string()
            }
            None => endpoint.to_string(),
        };
        Client {
            agent,
            statements_url: format!("{endpoint}/statements"),
            origin,
            authorization: format!("Basic {token}"),
            hidden: [config.secret().to_string(), token],
            timeout,
        }
    }

    /// Stores one statement under its own `id` (`PUT …/statements?statementId=<id>`),
    /// so sending it again never makes a second record.
    pub fn send(&self, statement: &Value) -> Result<Sent, LrsError> {
        let id = statement_id(statement)?;
        let body = serde_json::to_vec(statement).map_err(|e| LrsError::InvalidStatement(e.to_string()))?;
        let url = format!("{}?statementId={id}", self.statements_url);
        let response = self
            .agent
            .put(&url)
            .header(XAPI_VERSION_HEADER.0, XAPI_VERSION_HEADER.1)
            .header("Authorization", &self.authorization)
            .header("Content-Type", "application/json")
            .send(&body[..])
            .map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        match status {
            200..=299 => Ok(Sent::Stored),
            409 => Ok(Sent::AlreadyThere),
            _ => Err(self.status_error(status, response)),
        }
    }

    /// Every statement the LRS holds (stored since `since`, an RFC 3339 timestamp,
    /// when given), following `more` links to the end.
    pub fn fetch(&self, since: Option<&str>) -> Result<Vec<Value>, LrsError> {
        let mut url = self.statements_url.clone();
        if let Some(since) = since {
            let encoded = percent_encoding::utf8_percent_encode(since, percent_encoding::NON_ALPHANUMERIC);
            url = format!("{url}?since={encoded}");
        }
        let mut statements = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..MAX_PAGES {
            let page = self.get_page(&url)?;
            let more = page.get("more").and_then(Value::as_str).unwrap_or_default().to_string();
            match page.get("statements") {
                Some(Value::Array(list)) => statements.extend(list.iter().cloned()),
                _ => return Err(LrsError::BadAnswer("no \"statements\" list in a statement result".into())),
            }
            if more.is_empty() {
                return Ok(statements);
            }
            if !seen.insert(more.clone()) {
                return Err(LrsError::BadAnswer("the LRS's \"more\" link goes round in a circle".into()));
            }
            url = self.resolve_more(&more)?;
        }
        Err(LrsError::BadAnswer(format!("more than {MAX_PAGES} pages of statements; narrow it with --since")))
    }

    fn get_page(&self, url: &str) -> Result<Value, LrsError> {
        let mut response = self
            .agent
            .get(url)
            .header(XAPI_VERSION_HEADER.0, XAPI_VERSION_HEADER.1)
            .header("Authorization", &self.authorization)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        if !(200..=299).contains(&status) {
            return Err(self.status_error(status, response));
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| self.transport_error(e))?;
        serde_json::from_slice(&bytes).map_err(|e| LrsError::BadAnswer(format!("not JSON ({e})")))
    }

    /// A `more` link is a path on the LRS's host. A full URL is followed only to the
    /// same host: the credentials go nowhere else.
    fn resolve_more(&self, more: &str) -> Result<String, LrsError> {
        if more.starts_with('/') && !more.starts_with("//") {
            return Ok(format!("{}{more}", self.origin));
        }
        let same_host =
            more.strip_prefix(&self.origin).is_some_and(|rest| rest.starts_with('/') && !rest.starts_with("//"));
        if same_host {
            return Ok(more.to_string());
        }
        Err(LrsError::BadAnswer(format!("a \"more\" link that leaves the LRS: {}", self.hide(more))))
    }

    fn status_error(&self, status: u16, mut response: ureq::http::Response<ureq::Body>) -> LrsError {
        if status == 401 || status == 403 {
            return LrsError::RefusedCredentials(status);
        }
        let text = response.body_mut().with_config().limit(64 * 1024).read_to_string().unwrap_or_default();
        let detail = self.hide(&short_detail(&text));
        match status {
            500..=599 => LrsError::ServerError { status, detail },
            400..=499 => LrsError::Rejected { status, detail },
            _ => LrsError::BadAnswer(format!("HTTP status {status}")),
        }
    }

    fn transport_error(&self, error: ureq::Error) -> LrsError {
        use std::io::ErrorKind;
        match error {
            ureq::Error::Timeout(_) => LrsError::TimedOut(self.timeout),
            ureq::Error::HostNotFound => LrsError::Unreachable("its host name was not found".into()),
            ureq::Error::ConnectionFailed => LrsError::Unreachable("the connection failed".into()),
            ureq::Error::Io(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
                LrsError::TimedOut(self.timeout)
            }
            ureq::Error::Io(e) => LrsError::Unreachable(match e.kind() {
                ErrorKind::ConnectionRefused => "connection refused: is it running?".into(),
                ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => {
                    "the connection was cut".into()
                }
                _ => self.hide(&e.to_string()),
            }),
            ureq::Error::BodyExceedsLimit(limit) => LrsError::BadAnswer(format!("an answer larger than {limit} bytes")),
            other => LrsError::Unreachable(self.hide(&other.to_string())),
        }
    }

    /// Replaces anything that could reveal the secret.
    fn hide(&self, text: &str) -> String {
        self.hidden.iter().filter(|h| !h.is_empty()).fold(text.to_string(), |t, h| t.replace(h.as_str(), "<hidden>"))
    }
}

/// The statement's own id, which must be a UUID: it is what makes a re-send harmless.
pub fn statement_id(statement: &Value) -> Result<String, LrsError> {
    let id = statement
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| LrsError::InvalidStatement("it has no \"id\"".into()))?;
    uuid::Uuid::parse_str(id)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| LrsError::InvalidStatement(format!("its id is not a UUID: {id:?}")))
}

/// An LRS's error body, shortened: its JSON `detail`/`message` when it has one.
fn short_detail(body: &str) -> String {
    let text = match serde_json::from_str::<Value>(body) {
        Ok(json) => match json.get("detail").or_else(|| json.get("message")) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => body.to_string(),
        },
        Err(_) => body.to_string(),
    };
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > MAX_DETAIL_CHARS {
        format!("{}…", one_line.chars().take(MAX_DETAIL_CHARS).collect::<String>())
    } else {
        one_line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(endpoint: &str) -> Client {
        Client::new(&LrsConfig::new(endpoint, "key", "s3cret-value").unwrap(), Duration::from_secs(2))
    }

    #[test]
    fn more_links_resolve_on_the_lrs_host_only() {
        let c = client("https://lrs.example:8443/base/xAPI/");
        assert_eq!(c.statements_url, "https://lrs.example:8443/base/xAPI/statements");
        assert_eq!(c.resolve_more("/xAPI/statements?x=1").unwrap(), "https://lrs.example:8443/xAPI/statements?x=1");
        assert_eq!(
            c.resolve_more("https://lrs.example:8443/next?page=2").unwrap(),
            "https://lrs.example:8443/next?page=2"
        );
        for elsewhere in ["https://evil.example/x", "//evil.example/x", "https://lrs.example:8443.evil/x", "x"] {
            assert!(matches!(c.resolve_more(elsewhere), Err(LrsError::BadAnswer(_))), "{elsewhere}");
        }
    }

    #[test]
    fn a_statement_needs_a_uuid_id() {
        let ok = serde_json::json!({"id": "3C1B54F2-8E0D-4B7A-9A61-0F2EC5D817A4"});
        assert_eq!(statement_id(&ok).unwrap(), "3c1b54f2-8e0d-4b7a-9a61-0f2ec5d817a4");
        for bad in [serde_json::json!({}), serde_json::json!({"id": "1; DROP"}), serde_json::json!({"id": 7})] {
            assert!(matches!(statement_id(&bad), Err(LrsError::InvalidStatement(_))), "{bad}");
        }
    }

    #[test]
    fn error_details_are_short_single_lines_without_the_secret() {
        assert_eq!(short_detail(r#"{"detail": "Statement indexation failed"}"#), "Statement indexation failed");
        assert_eq!(short_detail("plain\n  text"), "plain text");
        assert_eq!(short_detail(&"x".repeat(500)).chars().count(), MAX_DETAIL_CHARS + 1);
        let c = client("http://127.0.0.1:1/xAPI");
        let header = c.authorization.trim_start_matches("Basic ").to_string();
        let shown = c.hide(&format!("echo s3cret-value and {header}"));
        assert_eq!(shown, "echo <hidden> and <hidden>");
        assert!(!format!("{c:?}").contains("s3cret"));
    }

    #[test]
    fn reasons_read_as_sentences() {
        assert_eq!(LrsError::RefusedCredentials(401).to_string(), "the LRS refused the credentials (401)");
        let e = LrsError::ServerError { status: 500, detail: "boom".into() };
        assert_eq!(e.to_string(), "the LRS had a server error (500): boom");
        assert!(e.affects_every_statement());
        let e = LrsError::Rejected { status: 400, detail: String::new() };
        assert_eq!(e.to_string(), "the LRS rejected the statement (400)");
        assert!(!e.affects_every_statement());
    }
}
