//! Answering one request from the in-memory site: files by path,
//! `index.html` for folders, the site's 404 page, the reload event stream,
//! and the reload script (plus the error overlay) injected into HTML.

use std::io::Write;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::State;
use crate::escape;

/// Where open pages listen for "the site changed".
pub const EVENTS_PATH: &str = "/__dossier/events";

pub fn respond(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served"));
        return;
    }
    let (path, query) = request.url().split_once('?').unwrap_or((request.url(), ""));
    let Some(path) = decode_path(path) else {
        let _ = request.respond(text(400, "bad request path"));
        return;
    };
    if path == EVENTS_PATH {
        let seen = query.split('&').find_map(|kv| kv.strip_prefix("v=")).and_then(|v| v.parse().ok());
        events(request, state, seen);
        return;
    }
    let response = state.read(|now| lookup(&path, now, state.live_reload));
    let _ = request.respond(response);
}

/// Percent-decodes a request path and refuses anything that could name a
/// file outside the site: `..` or `.` segments, backslashes, NUL, non-UTF-8.
pub fn decode_path(raw: &str) -> Option<String> {
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
    let path = String::from_utf8(out).ok()?;
    let unsafe_segment = path.split('/').any(|s| s == ".." || s == ".");
    if unsafe_segment || path.contains(['\\', '\0']) {
        return None;
    }
    Some(path)
}

fn lookup(path: &str, now: &super::Snapshot, reload: bool) -> Response<std::io::Cursor<Vec<u8>>> {
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') { format!("{key}index.html") } else { key.to_owned() };
    if let Some(bytes) = now.files.get(&key) {
        return file(&key, bytes, 200, now, reload);
    }
    // `/actors/x` → `/actors/x/`, as static hosts do.
    if now.files.contains_key(&format!("{key}/index.html")) {
        let location = Header::from_bytes("Location", format!("{path}/")).expect("a decoded path is a valid header");
        return Response::from_data(Vec::new()).with_status_code(301).with_header(location);
    }
    match now.files.get("404.html") {
        Some(page) => file("404.html", page, 404, now, reload),
        None if now.errors.is_some() => {
            file("404.html", b"<!doctype html><title>Build failed</title><body></body>", 404, now, reload)
        }
        None => text(404, "not found"),
    }
}

fn file(
    key: &str,
    bytes: &[u8],
    status: u16,
    now: &super::Snapshot,
    reload: bool,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html { inject(bytes, now, reload) } else { bytes.to_vec() };
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => "text/javascript; charset=utf-8".to_owned(),
        _ => mime.essence_str().to_owned(),
    };
    Response::from_data(body)
        .with_status_code(status)
        .with_header(Header::from_bytes("Content-Type", content_type).expect("a MIME type is a valid header"))
        .with_header(Header::from_bytes("Cache-Control", "no-store").expect("valid header"))
}

/// Adds the reload script (unless turned off), and the error overlay while the build is broken,
/// before `</body>` (or at the end of a page without one).
fn inject(page: &[u8], now: &super::Snapshot, reload: bool) -> Vec<u8> {
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
    if reload {
        extra.push_str(&format!(
            "<script>new EventSource(\"{EVENTS_PATH}?v={}\").addEventListener(\"reload\",()=>location.reload());</script>",
            now.version
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
/// differs from the one the page was served with, a comment every 15 s to
/// keep the connection open. Written by hand on the raw connection, since
/// a chunked response body would be buffered.
fn events(request: Request, state: &State, seen: Option<u64>) {
    let mut seen = seen.unwrap_or_else(|| state.read(|s| s.version));
    let mut out = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).and_then(|()| out.flush()).is_err() {
        return;
    }
    loop {
        let now = state.wait_change(seen, Duration::from_secs(15));
        let message =
            if now == seen { ": still here\n\n".to_owned() } else { format!("event: reload\ndata: {now}\n\n") };
        seen = now;
        if out.write_all(message.as_bytes()).and_then(|()| out.flush()).is_err() {
            return; // the tab closed
        }
    }
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(StatusCode(status))
        .with_header(Header::from_bytes("Content-Type", "text/plain; charset=utf-8").expect("valid header"))
}

#[cfg(test)]
mod tests {
    use super::decode_path;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(decode_path("/actors/x/").as_deref(), Some("/actors/x/"));
        assert_eq!(decode_path("/a%20b").as_deref(), Some("/a b"));
        for bad in
            ["/../etc/passwd", "/a/%2e%2e/b", "/%2E%2E/x", "/a/./b", "/a%5cb", "/a%00", "/%zz", "/%ff", "etc", "/%2"]
        {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
    }
}
