//! Who asks what, when: requests run on `concurrency` threads, never more
//! than `per_host` at once to one host; an address that fails for a reason
//! that may pass (no answer, a reset, a 5xx) is asked again later, up to
//! `retries` times, waiting longer each time; a `429 Too Many Requests`
//! holds back its whole host for as long as its `Retry-After` says (up to
//! a minute; a longer wait is noted, not waited for).

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use super::Outcome;
use super::http::{Answer, status_text};

/// The longest `Retry-After` waited for.
const MAX_WAIT: Duration = Duration::from_secs(60);
/// Redirects followed before an address counts as dead.
const MAX_REDIRECTS: usize = 10;

/// How hard the checker may press.
#[derive(Debug, Clone)]
pub(super) struct Limits {
    /// Requests at once, over all hosts.
    pub(super) concurrency: usize,
    /// Requests at once to one host.
    pub(super) per_host: usize,
    /// Tries after the first, for failures that may pass.
    pub(super) retries: u32,
    /// The wait before the first retry; it doubles each time.
    pub(super) backoff: Duration,
}

struct Job {
    url: String,
    attempt: u32,
    not_before: Instant,
}

#[derive(Default)]
struct Host {
    queue: VecDeque<Job>,
    in_flight: usize,
    not_before: Option<Instant>,
}

struct State {
    hosts: HashMap<String, Host>,
    left: usize,
    done: Vec<(String, Outcome)>,
}

/// What to do with an address after an answer.
enum Verdict {
    Done(Outcome),
    /// Ask again after a while; `host_wide` holds back the whole host.
    Again {
        after: Duration,
        host_wide: bool,
    },
}

/// Asks about every address in `urls` (each once) with `get`, within
/// `limits`; `tick` is called as each is settled. Returns each address
/// with its outcome, in the order settled.
pub(super) fn run(
    urls: Vec<String>,
    limits: &Limits,
    get: &(dyn Fn(&str) -> Answer + Sync),
    tick: &(dyn Fn() + Sync),
) -> Vec<(String, Outcome)> {
    let now = Instant::now();
    let mut hosts: HashMap<String, Host> = HashMap::new();
    let left = urls.len();
    for url in urls {
        let job = Job { url, attempt: 0, not_before: now };
        hosts.entry(host_of(&job.url)).or_default().queue.push_back(job);
    }
    let state = Mutex::new(State { hosts, left, done: Vec::with_capacity(left) });
    let ready = Condvar::new();
    let workers = limits.concurrency.clamp(1, left.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| work(&state, &ready, limits, get, tick));
        }
    });
    state.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).done
}

fn work(
    state: &Mutex<State>,
    ready: &Condvar,
    limits: &Limits,
    get: &(dyn Fn(&str) -> Answer + Sync),
    tick: &(dyn Fn() + Sync),
) {
    while let Some((host, mut job)) = next(state, ready, limits.per_host) {
        let (answer, moved) = follow(&job.url, get);
        let verdict = judge(answer, moved, job.attempt, limits);
        let mut s = state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let h = s.hosts.get_mut(&host).expect("a job's host stays");
        h.in_flight -= 1;
        match verdict {
            Verdict::Done(outcome) => {
                s.done.push((job.url, outcome));
                s.left -= 1;
                tick();
            }
            Verdict::Again { after, host_wide } => {
                job.attempt += 1;
                job.not_before = now + after;
                if host_wide {
                    h.not_before = Some(h.not_before.map_or(now + after, |t| t.max(now + after)));
                }
                h.queue.push_back(job);
            }
        }
        drop(s);
        ready.notify_all();
    }
}

/// The next job a thread may start, waiting until one may; none once
/// every address is settled.
fn next(state: &Mutex<State>, ready: &Condvar, per_host: usize) -> Option<(String, Job)> {
    let mut s = state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    loop {
        if s.left == 0 {
            return None;
        }
        let now = Instant::now();
        let mut wake: Option<Instant> = None;
        let mut earliest = |t: Instant| wake = Some(wake.map_or(t, |w| w.min(t)));
        for (name, host) in &mut s.hosts {
            if host.in_flight >= per_host {
                continue;
            }
            if let Some(t) = host.not_before.filter(|t| *t > now) {
                earliest(t);
                continue;
            }
            if let Some(i) = host.queue.iter().position(|j| j.not_before <= now) {
                let job = host.queue.remove(i).expect("found at i");
                host.in_flight += 1;
                return Some((name.clone(), job));
            }
            host.queue.iter().for_each(|j| earliest(j.not_before));
        }
        // Woken by a finished request, or when a wait is over.
        let timeout = wake.map_or(Duration::from_millis(250), |w| w.saturating_duration_since(now));
        s = ready.wait_timeout(s, timeout.max(Duration::from_millis(1))).unwrap_or_else(|e| e.into_inner()).0;
    }
}

/// The answer at the end of `url`'s redirects, and the address it ended
/// at when every redirect on the way was permanent (301, 308).
fn follow(url: &str, get: &(dyn Fn(&str) -> Answer + Sync)) -> (Answer, Option<String>) {
    let mut current = url.to_owned();
    let mut permanent = true;
    for _ in 0..=MAX_REDIRECTS {
        let answer = get(&current);
        let Answer::Status { code: code @ (301 | 302 | 303 | 307 | 308), location: Some(location), .. } = &answer
        else {
            let moved = (permanent && current != url).then_some(current);
            return (answer, moved);
        };
        permanent &= matches!(code, 301 | 308);
        match url::Url::parse(&current).and_then(|base| base.join(location)) {
            Ok(next) => current = next.into(),
            Err(_) => return (Answer::Failed(format!("redirects to `{location}`, which is no address")), None),
        }
    }
    (Answer::Failed(format!("more than {MAX_REDIRECTS} redirects")), None)
}

fn judge(answer: Answer, moved: Option<String>, attempt: u32, limits: &Limits) -> Verdict {
    let backoff = limits.backoff * 2u32.saturating_pow(attempt);
    let again = attempt < limits.retries;
    let code = match answer {
        Answer::Failed(_) if again => return Verdict::Again { after: backoff, host_wide: false },
        Answer::Failed(reason) => return Verdict::Done(Outcome::Dead { reason }),
        Answer::Status { code: 429, retry_after, .. } => {
            let wait = retry_after.as_deref().and_then(parse_retry_after).unwrap_or(backoff);
            return match (again, wait <= MAX_WAIT) {
                (true, true) => Verdict::Again { after: wait, host_wide: true },
                _ => Verdict::Done(Outcome::Unchecked {
                    reason: format!("{} (asked to wait {} s)", status_text(429), wait.as_secs()),
                }),
            };
        }
        Answer::Status { code, .. } => code,
    };
    Verdict::Done(match code {
        200..=399 => moved.map_or(Outcome::Alive, |to| Outcome::Moved { to }),
        // Many news sites turn automated requests away: not a dead page.
        401 | 403 => Outcome::Unchecked { reason: status_text(code) },
        408 | 500..=599 if again => return Verdict::Again { after: backoff, host_wide: false },
        _ => Outcome::Dead { reason: status_text(code) },
    })
}

/// `Retry-After`: seconds, or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The host (and port) an address is on, lowercased: what `per_host`
/// counts by.
pub(super) fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    host.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_counted_by_name_and_port() {
        assert_eq!(host_of("https://User@Example.org:8080/a?b#c"), "example.org:8080");
        assert_eq!(host_of("http://example.org"), "example.org");
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Fri, 15 May 2015 15:34:21 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn redirects_are_followed_and_only_permanent_ones_move_an_address() {
        let get = |url: &str| {
            let (code, to) = match url {
                "https://a.org/old" => (301, Some("/new")),
                "https://a.org/new" => (200, None),
                "https://a.org/login" => (302, Some("https://b.org/form")),
                "https://b.org/form" => (200, None),
                _ => (308, Some("https://a.org/loop")),
            };
            Answer::Status { code, location: to.map(str::to_owned), retry_after: None }
        };
        assert_eq!(follow("https://a.org/old", &get).1.as_deref(), Some("https://a.org/new"));
        assert_eq!(follow("https://a.org/login", &get).1, None);
        assert!(matches!(follow("https://a.org/loop", &get).0, Answer::Failed(r) if r.contains("redirects")));
    }
}
