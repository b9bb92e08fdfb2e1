//! Answering requests from the in-memory site (the one place that uses
//! axum and hyper): files by path, `index.html` for folders, the site's 404
//! page, the reload event stream, and the reload script (plus the error
//! overlay) injected into HTML.
//!
//! It is a local preview, and guards against what a web page open in the
//! same browser could do: a request naming another host (`Host:
//! attacker.example`, as DNS rebinding makes a browser send) gets 421, the
//! reload stream answers only this server's own pages (`Origin`), and a
//! connection that does not send a whole request header in time is closed,
//! idle or trickling (slowloris).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;

use super::{Snapshot, State};
use crate::escape;

/// Where open pages listen for "the site changed".
pub(super) const EVENTS_PATH: &str = "/__dossier/events";

/// How long a connection may take to send a request's header, counted
/// from when it opens or its last response ended.
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves until the process ends.
pub(super) async fn run(listener: tokio::net::TcpListener, state: Arc<State>) -> std::io::Result<()> {
    let app = axum::Router::new().fallback(respond).with_state(state);
    let service = hyper_util::service::TowerToHyperService::new(app);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of file descriptors and the like: wait, do not spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service.clone());
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
}

async fn respond(Shared(state): Shared<Arc<State>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD are served");
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_none_or(is_local_host) {
        return text(StatusCode::MISDIRECTED_REQUEST, "this preview answers only to its own address");
    }
    let Some(path) = decode_path(uri.path()) else {
        return text(StatusCode::BAD_REQUEST, "bad request path");
    };
    if path == EVENTS_PATH {
        let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
        let own = |o: &str| o.strip_prefix("http://").is_some_and(is_local_host);
        if !origin.is_none_or(own) {
            return text(StatusCode::FORBIDDEN, "the reload stream is for this preview's own pages");
        }
        let query = || uri.query().unwrap_or("").split('&');
        let seen = query().find_map(|kv| kv.strip_prefix("v=")?.parse().ok());
        // The page's `location.pathname` (percent-encoded as browsers keep
        // it), percent-encoded once more to pass as a query value.
        let page = query().find_map(|kv| decode_path(&decode_path(&format!("/{}", kv.strip_prefix("p=")?))?));
        return events(Arc::clone(&state), seen, page).into_response();
    }
    // Read under the snapshot's lock, which every version bump holds.
    state.read(|now| lookup(&path, now, state.live_reload.then(|| *state.version.borrow())))
}

/// Whether a `Host` header names this server, not a domain someone else
/// controls: `localhost` or an IP address (which no DNS answer can stand
/// for), with any port.
pub(super) fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => return v6.split_once(']').is_some_and(|(ip, _)| ip.parse::<std::net::Ipv6Addr>().is_ok()),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// Percent-decodes a request path and refuses anything that could name a
/// file outside the site: `..` or `.` segments, backslashes, NUL, non-UTF-8.
/// Runs of `/` count as one: `//actors` is `/actors`, never a redirect to
/// `//actors/` (which a browser reads as another host).
pub(super) fn decode_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') {
        return None;
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out.dedup_by(|a, b| *a == b'/' && *b == b'/');
    let path = String::from_utf8(out).ok()?;
    let unsafe_segment = path.split('/').any(|s| s == ".." || s == ".");
    if unsafe_segment || path.contains(['\\', '\0']) {
        return None;
    }
    Some(path)
}

/// The file a request path names: `index.html` in a folder.
pub(super) fn file_key(path: &str) -> String {
    let key = path.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') { format!("{key}index.html") } else { key.to_owned() }
}

/// `reload`: the version to put in the reload script; `None` for no script.
fn lookup(path: &str, now: &Snapshot, reload: Option<u64>) -> Response {
    let key = file_key(path);
    if let Some(bytes) = now.files.get(key.as_str()).or_else(|| now.search.get(key.as_str())) {
        return file(&key, bytes, StatusCode::OK, now, reload);
    }
    // A picture's source, shown until it was processed, asked for by a
    // page loaded before the rebuild: its processed picture instead.
    if let Some((found, bytes)) = processed_instead(&key, now) {
        return file(found, bytes, StatusCode::OK, now, reload);
    }
    // `/actors/x` → `/actors/x/`, as static hosts do.
    if now.files.contains_key(format!("{key}/index.html").as_str()) {
        let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(location) = HeaderValue::from_str(&format!("{path}/")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    match now.files.get("404.html") {
        Some(page) => file("404.html", page, StatusCode::NOT_FOUND, now, reload),
        None if now.errors.is_some() => {
            let page = b"<!doctype html><title>Build failed</title><body></body>";
            file("404.html", page, StatusCode::NOT_FOUND, now, reload)
        }
        None => text(StatusCode::NOT_FOUND, "not found"),
    }
}

/// For `images/<name>-<hash>-preview.<ext>` (see `images::prepare`), the
/// widest fallback of the same picture, processed since.
fn processed_instead<'s>(key: &str, now: &'s Snapshot) -> Option<(&'s str, &'s [u8])> {
    let prefix = key.strip_prefix("images/")?.rsplit_once("-preview.")?.0;
    let prefix = format!("images/{prefix}-");
    let width = |k: &str| k[prefix.len()..].split('.').next()?.parse::<u32>().ok();
    let below = now.files.range::<_, str>((std::ops::Bound::Included(prefix.as_str()), std::ops::Bound::Unbounded));
    let processed = below.take_while(|(k, _)| k.starts_with(&prefix)).filter(|(k, _)| !k.ends_with(".webp"));
    let (k, bytes) =
        processed.filter_map(|(k, b)| Some((width(k)?, k, b))).max_by_key(|(w, ..)| *w).map(|(_, k, b)| (k, b))?;
    Some((&**k, &**bytes))
}

fn file(key: &str, bytes: &[u8], status: StatusCode, now: &Snapshot, reload: Option<u64>) -> Response {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html { inject(bytes, now, reload) } else { bytes.to_vec() };
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => "text/javascript; charset=utf-8".to_owned(),
        _ => mime.essence_str().to_owned(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Adds the reload script (unless turned off), and the error overlay while
/// the build is broken, before `</body>` (or at the end of a page without one).
fn inject(page: &[u8], now: &Snapshot, reload: Option<u64>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(errors) = &now.errors {
        extra.push_str(
            "<div id=\"dossier-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;\
             z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#1d1f23;color:#f3f1ec;border-top:4px solid #d2352a;\
             font:14px/1.45 ui-monospace,monospace\"><strong>dossier: the last edit did not build.</strong> \
             This page shows the last good build.<pre style=\"white-space:pre-wrap;margin:.75rem 0 0\">",
        );
        extra.push_str(&escape::html(errors));
        extra.push_str("</pre></div>");
    }
    if let Some(version) = reload {
        extra.push_str(&format!(
            "<script>new EventSource(\"{EVENTS_PATH}?v={version}&p=\"+encodeURIComponent(location.pathname))\
             .addEventListener(\"reload\",()=>location.reload());</script>"
        ));
    }
    let at = find_last(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// A server-sent event stream: `reload` as soon as the site's version
/// differs from the one the page was served with (at once if it already
/// does) and, when the stream names its `page`, that page changed since
/// (an edit elsewhere leaves it as it is); a comment every 15 s keeps the
/// connection open.
fn events(
    state: Arc<State>,
    seen: Option<u64>,
    page: Option<String>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let receiver = state.version.subscribe();
    let seen = seen.unwrap_or_else(|| *receiver.borrow());
    let changed =
        move |v: &u64| *v != seen && page.as_deref().is_none_or(|page| state.read(|now| now.changed_since(page, seen)));
    let stream =
        WatchStream::new(receiver).filter(changed).map(|v| Ok(Event::default().event("reload").data(v.to_string())));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{decode_path, is_local_host, processed_instead};
    use crate::serve::Snapshot;

    #[test]
    fn a_pictures_source_asked_for_after_processing_gets_the_processed_picture() {
        let names = ["images/x-0123456789-480.png", "images/x-0123456789-960.png", "images/x-0123456789-960.webp"];
        let files = names.iter().map(|n| (Arc::<str>::from(*n), Arc::<[u8]>::from(n.as_bytes()))).collect();
        let now = Snapshot { files, ..Snapshot::default() };
        let found = processed_instead("images/x-0123456789-preview.png", &now).map(|(k, _)| k);
        assert_eq!(found, Some("images/x-0123456789-960.png"));
        assert_eq!(processed_instead("images/y-0123456789-preview.png", &now), None);
        assert_eq!(processed_instead("images/x-0123456789-960.png", &now), None);
    }

    #[test]
    fn only_local_names_and_addresses_are_this_host() {
        for ok in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST", "[::1]:1111", "192.168.1.5:80", "127.0.0.1"] {
            assert!(is_local_host(ok), "{ok}");
        }
        for bad in ["attacker.example", "attacker.example:1111", "localhost.attacker.example", "[::1", "1.2.3.4.nip.io"]
        {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(decode_path("/actors/x/").as_deref(), Some("/actors/x/"));
        assert_eq!(decode_path("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(decode_path("//actors//x").as_deref(), Some("/actors/x"));
        assert_eq!(decode_path("/%2f/evil.example").as_deref(), Some("/evil.example"));
        for bad in
            ["/../etc/passwd", "/a/%2e%2e/b", "/%2E%2E/x", "/a/./b", "/a%5cb", "/a%00", "/%zz", "/%ff", "etc", "/%2"]
        {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
    }
}
