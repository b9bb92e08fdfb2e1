//! One request, through ureq: the only module that knows the HTTP client.
//! Redirects are not followed here; [`super::schedule`] follows them, so it
//! can tell a permanent move from a temporary one.

use std::time::Duration;

/// What a server said, or why it said nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Answer {
    /// A status, with the headers the checker reads.
    Status { code: u16, location: Option<String>, retry_after: Option<String> },
    /// No answer: refused, reset, timed out, no such host.
    Failed(String),
}

/// Requests addresses with the checker's manners: a User-Agent naming
/// dossier, a time limit, no redirects followed, no body read.
pub(super) struct Client {
    agent: ureq::Agent,
}

impl Client {
    /// A client giving up on an address after `timeout`.
    pub(super) fn new(timeout: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION"), " (link check of a dossier site)"))
            .accept("text/html,application/xhtml+xml,*/*;q=0.8")
            .build();
        Client { agent: config.new_agent() }
    }

    /// GET `url`; the body is never read (the connection is dropped).
    pub(super) fn get(&self, url: &str) -> Answer {
        match self.agent.get(url).call() {
            Ok(response) => {
                let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                Answer::Status {
                    code: response.status().as_u16(),
                    location: header("location"),
                    retry_after: header("retry-after"),
                }
            }
            Err(e) => Answer::Failed(reason(&e)),
        }
    }
}

/// An error in words a reader of the report understands.
fn reason(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "no answer in time".into(),
        ureq::Error::HostNotFound => "no such host".into(),
        ureq::Error::ConnectionFailed => "connection refused".into(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::UnexpectedEof => "connection reset".into(),
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::TimedOut => "no answer in time".into(),
            _ => io.to_string(),
        },
        other => other.to_string(),
    }
}

/// "404 Not Found".
pub(super) fn status_text(code: u16) -> String {
    let reason = ureq::http::StatusCode::from_u16(code).ok().and_then(|s| s.canonical_reason());
    reason.map_or_else(|| code.to_string(), |r| format!("{code} {r}"))
}
