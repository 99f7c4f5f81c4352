//! One address over HTTP: `HEAD`, then `GET` if that fails, redirects followed by hand (to
//! know the first status and the final address), one wait-and-retry on 429 and 503.

use std::time::{Duration, SystemTime};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use ureq::http::{StatusCode, Uri};

use super::{Checked, ExternalOptions, ExternalOutcome, MAX_REDIRECTS};

/// What browsers encode in an address before sending it; `%` is left alone because an
/// address as written is already encoded where its author meant it to be.
const UNSAFE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

pub(super) struct Client {
    agent: ureq::Agent,
    timeout: Duration,
    max_retry_after: Duration,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Head,
    Get,
}

/// One answer from a server, or why there was none.
enum Answer {
    Status {
        code: u16,
        location: Option<String>,
        retry_after: Option<Duration>,
    },
    Failed {
        reason: String,
        /// A network failure (timeout, refused, unknown host): `GET` would fail the same way.
        network: bool,
    },
}

/// Where following an address's redirects ended.
struct Trace {
    first_status: Option<u16>,
    last: Answer,
    final_url: String,
    redirects: usize,
}

impl Trace {
    fn new(first_status: Option<u16>, last: Answer, final_url: String, redirects: usize) -> Self {
        Trace {
            first_status,
            last,
            final_url,
            redirects,
        }
    }
}

impl Client {
    pub fn new(options: &ExternalOptions) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(options.timeout))
            .user_agent(concat!("lots/", env!("CARGO_PKG_VERSION"), " (link check)"))
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            timeout: options.timeout,
            max_retry_after: options.max_retry_after,
        }
    }

    pub fn check(&self, url: &str) -> Checked {
        let encoded = utf8_percent_encode(url.trim(), UNSAFE).to_string();
        if !matches!(encoded.parse::<Uri>(), Ok(uri) if uri.host().is_some()) {
            return broken(None, "is not a valid web address".into());
        }
        let mut retried = false;
        let head = self.follow(Method::Head, &encoded, &mut retried);
        let trace = match head.last {
            // Busy is not a refused `HEAD`: asking again with `GET` would only add load.
            Answer::Status { code, .. } if is_success(code) || code == 429 || code == 503 => head,
            Answer::Failed { network: true, .. } => head,
            _ => self.follow(Method::Get, &encoded, &mut retried),
        };
        self.judge(trace)
    }

    fn judge(&self, trace: Trace) -> Checked {
        match trace.last {
            Answer::Status { code, .. } if is_success(code) => {
                let outcome = if trace.redirects == 0 {
                    ExternalOutcome::Ok
                } else {
                    ExternalOutcome::Redirected {
                        to: trace.final_url,
                    }
                };
                Checked {
                    status: trace.first_status,
                    outcome,
                }
            }
            Answer::Status {
                code, retry_after, ..
            } => {
                let mut reason = format!("answers {}", status_text(code));
                if (300..400).contains(&code) {
                    reason = format!("{reason} without a usable Location to go on to");
                }
                if let Some(wait) = retry_after.filter(|w| *w > self.max_retry_after) {
                    reason = format!(
                        "{reason} and asks to wait {} s, longer than the check waits ({} s)",
                        wait.as_secs(),
                        self.max_retry_after.as_secs()
                    );
                }
                if trace.redirects > 0 {
                    reason = format!("redirects to {}, which {reason}", trace.final_url);
                }
                broken(Some(code), reason)
            }
            Answer::Failed { reason, .. } => {
                let reason = match trace.redirects {
                    0 => reason,
                    _ => format!("redirects to {}, which {reason}", trace.final_url),
                };
                broken(None, reason)
            }
        }
    }

    /// Requests `url`, following redirects.
    fn follow(&self, method: Method, url: &str, retried: &mut bool) -> Trace {
        let mut current = url.to_string();
        let mut first_status = None;
        let mut redirects = 0;
        loop {
            let answer = self.send_with_retry(method, &current, retried);
            let Answer::Status { code, location, .. } = &answer else {
                break Trace::new(first_status, answer, current, redirects);
            };
            first_status.get_or_insert(*code);
            let next = location
                .as_deref()
                .filter(|_| (300..400).contains(code))
                .and_then(|location| resolve(&current, location));
            let Some(next) = next else {
                break Trace::new(first_status, answer, current, redirects);
            };
            if redirects == MAX_REDIRECTS {
                let last = Answer::Failed {
                    reason: format!("redirects more than {MAX_REDIRECTS} times (a redirect loop?)"),
                    network: false,
                };
                break Trace::new(first_status, last, current, 0);
            }
            current = next;
            redirects += 1;
        }
    }

    /// One request; a 429 or 503 is asked again once per address, after the wait it asks
    /// for (one second when it names none), if that wait is short enough.
    fn send_with_retry(&self, method: Method, url: &str, retried: &mut bool) -> Answer {
        let answer = self.send(method, url);
        if let Answer::Status {
            code: 429 | 503,
            retry_after,
            ..
        } = answer
        {
            let wait = retry_after.unwrap_or(Duration::from_secs(1));
            if !*retried && wait <= self.max_retry_after {
                *retried = true;
                std::thread::sleep(wait);
                return self.send(method, url);
            }
        }
        answer
    }

    fn send(&self, method: Method, url: &str) -> Answer {
        let request = match method {
            Method::Head => self.agent.head(url),
            Method::Get => self.agent.get(url),
        };
        // A proxy from the environment cannot reach this machine's own loopback.
        let result = if is_loopback(url) {
            request.config().proxy(None).build().call()
        } else {
            request.call()
        };
        // The body of a `GET` is not read: dropping the answer closes the connection.
        match result {
            Ok(response) => {
                let header = |name: &str| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::trim)
                };
                Answer::Status {
                    code: response.status().as_u16(),
                    location: header("location").map(str::to_string),
                    retry_after: header("retry-after").and_then(parse_retry_after),
                }
            }
            Err(error) => self.failure(error),
        }
    }

    fn failure(&self, error: ureq::Error) -> Answer {
        use std::io::ErrorKind;
        let (reason, network) = match error {
            ureq::Error::Timeout(_) => (
                format!("did not answer within {} s", self.timeout.as_secs_f32()),
                true,
            ),
            ureq::Error::HostNotFound => {
                ("cannot be reached: its host name is unknown".into(), true)
            }
            ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => (
                "cannot be reached: the server refused the connection".into(),
                true,
            ),
            ureq::Error::Io(e) if e.kind() == ErrorKind::TimedOut => (
                format!("did not answer within {} s", self.timeout.as_secs_f32()),
                true,
            ),
            // A reset or a broken answer may be the server's way of refusing `HEAD`.
            ureq::Error::Io(e) => (format!("cannot be reached: {e}"), false),
            ureq::Error::ConnectionFailed => {
                ("cannot be reached: the connection failed".into(), true)
            }
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
                ("is not a valid web address".into(), false)
            }
            e @ (ureq::Error::Tls(_) | ureq::Error::Rustls(_)) => {
                (format!("has no valid secure connection: {e}"), true)
            }
            other => (format!("fails: {other}"), false),
        };
        Answer::Failed { reason, network }
    }
}

fn is_loopback(url: &str) -> bool {
    let Ok(uri) = url.parse::<Uri>() else {
        return false;
    };
    let host = uri.host().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn broken(status: Option<u16>, reason: String) -> Checked {
    Checked {
        status,
        outcome: ExternalOutcome::Broken { status, reason },
    }
}

fn is_success(code: u16) -> bool {
    (200..300).contains(&code)
}

/// `404 Not Found`.
fn status_text(code: u16) -> String {
    let reason = StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    }
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`; a date in the past is
/// no wait.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// The absolute address a `Location` names, read against the address that answered with it.
fn resolve(base: &str, location: &str) -> Option<String> {
    let location = utf8_percent_encode(location, UNSAFE).to_string();
    let base: Uri = base.parse().ok()?;
    let scheme = base.scheme_str()?;
    let authority = base.authority()?.as_str();
    let has_scheme = location
        .parse::<Uri>()
        .is_ok_and(|uri| uri.scheme().is_some());
    let absolute = if has_scheme {
        location
    } else if location.starts_with("//") {
        format!("{scheme}:{location}")
    } else if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else {
        let path = base.path();
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{scheme}://{authority}{dir}{location}")
    };
    let scheme_ok = absolute.starts_with("http://") || absolute.starts_with("https://");
    scheme_ok.then_some(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        let base = "https://a.se/dir/sida?x=1";
        assert_eq!(resolve(base, "https://b.se/"), Some("https://b.se/".into()));
        assert_eq!(resolve(base, "//c.se/x"), Some("https://c.se/x".into()));
        assert_eq!(resolve(base, "/ny"), Some("https://a.se/ny".into()));
        assert_eq!(
            resolve(base, "annan"),
            Some("https://a.se/dir/annan".into())
        );
        assert_eq!(
            resolve("https://a.se", "ny"),
            Some("https://a.se/ny".into())
        );
        assert_eq!(resolve(base, "/väg"), Some("https://a.se/v%C3%A4g".into()));
        assert_eq!(resolve(base, "ftp://a.se/"), None);
    }

    #[test]
    fn loopback() {
        assert!(is_loopback("http://127.0.0.1:8080/x"));
        assert!(is_loopback("http://LOCALHOST/"));
        assert!(is_loopback("http://[::1]:80/"));
        assert!(!is_loopback("https://www.stockholm.se/"));
    }

    #[test]
    fn retry_after() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let wait = parse_retry_after(&soon).expect("a date");
        assert!((28..=30).contains(&wait.as_secs()), "{wait:?}");
        assert_eq!(parse_retry_after("snart"), None);
    }
}
