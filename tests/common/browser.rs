//! Headless Chromium for tests that need a real browser (scripts, layout),
//! driven through ChromeDriver's WebDriver protocol: plain JSON over HTTP,
//! spoken here with the standard library and serde_json.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file())
}

/// Chromium and ChromeDriver (`$DOSSIER_CHROMIUM`, `$DOSSIER_CHROMEDRIVER`,
/// or found on PATH). Missing, the test is skipped with a message, except
/// under CI (`CI` set), where `.ci/run` installs them and their absence is
/// a failure.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let chromium = std::env::var_os("DOSSIER_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| ["chromium", "chromium-browser", "google-chrome"].into_iter().find_map(on_path));
    let driver = std::env::var_os("DOSSIER_CHROMEDRIVER").map(PathBuf::from).or_else(|| on_path("chromedriver"));
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        _ => {
            assert!(std::env::var_os("CI").is_none(), "CI needs Debian's `chromium` and `chromium-driver`");
            eprintln!("skipped: install Debian's `chromium` and `chromium-driver` to run the browser tests");
            None
        }
    }
}

/// One headless browser window; closed (and its driver stopped) on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Browser {
    /// A window `width`×`height` CSS pixels, or `None` when skipping.
    ///
    /// Tries three times: the free port is picked by binding and releasing
    /// it, so another process (a browser started by a test running alongside)
    /// can take it before the driver does; the driver then exits and the
    /// session request meets the other process.
    pub fn start(width: u32, height: u32) -> Option<Browser> {
        let (chromium, driver) = tools()?;
        let mut last_error = String::new();
        for _ in 0..3 {
            match Browser::try_start(&chromium, &driver, width, height) {
                Ok(browser) => return Some(browser),
                Err(e) => last_error = e,
            }
        }
        panic!("could not start a browser session: {last_error}");
    }

    fn try_start(chromium: &PathBuf, driver: &PathBuf, width: u32, height: u32) -> Result<Browser, String> {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        // Dropped on failure: kills the driver.
        let mut browser = Browser { driver: child, port, session: String::new() };
        let started = Instant::now();
        while !browser.request("GET", "/status", &json!({})).is_ok_and(|v| v["ready"] == true) {
            if let Ok(Some(status)) = browser.driver.try_wait() {
                return Err(format!("chromedriver exited ({status})"));
            }
            if started.elapsed() > Duration::from_secs(20) {
                return Err("chromedriver was not ready after 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = std::env::temp_dir().join(format!("dossier-chromium-{port}"));
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            &format!("--window-size={width},{height}"),
            &format!("--user-data-dir={}", profile.display()),
        ];
        let mut options = json!({"binary": chromium, "args": args});
        // Chromium's windows are at least 500 px wide; narrower, emulate a phone.
        if width < 500 {
            options["mobileEmulation"] =
                json!({"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0, "touch": true}});
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let reply = browser.request("POST", "/session", &caps)?;
        browser.session = reply["sessionId"].as_str().ok_or("no WebDriver session in the reply")?.to_owned();
        // A headless window need not have the system's focus (Chromium 148
        // gives it none when several run at once or none ever had it):
        // without this, `focus()` moves no focus events and the pages'
        // focus handlers go untested.
        let focused = json!({ "cmd": "Emulation.setFocusEmulationEnabled", "params": { "enabled": true } });
        browser.request("POST", &format!("/session/{}/goog/cdp/execute", browser.session), &focused)?;
        Ok(browser)
    }

    fn call(&self, method: &str, path: &str, body: &Value) -> Value {
        self.request(method, path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    /// One WebDriver command; its `value`, or what went wrong.
    fn request(&self, method: &str, path: &str, body: &Value) -> Result<Value, String> {
        let fail = |e: &dyn std::fmt::Display| format!("{method} {path}: {e}");
        let body = body.to_string();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| fail(&e))?;
        stream.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .map_err(|e| fail(&e))?;
        // The driver keeps connections open: read the head, then exactly
        // Content-Length bytes.
        let mut raw = Vec::new();
        let mut byte = [0u8; 1];
        while !raw.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).map_err(|e| fail(&e))?;
            raw.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&raw).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| fail(&format!("no Content-Length in {head}")))?;
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).map_err(|e| fail(&e))?;
        let value: Value =
            serde_json::from_slice(&body).map_err(|e| fail(&format!("{e}: {}", String::from_utf8_lossy(&body))))?;
        let value = value["value"].clone();
        match value.get("error") {
            Some(_) => Err(fail(&value)),
            None => Ok(value),
        }
    }

    fn session_call(&self, method: &str, path: &str, body: &Value) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Emulates `prefers-color-scheme: dark` (or light) for this window, as
    /// a reader's system setting would, through ChromeDriver's DevTools
    /// passthrough.
    pub fn prefer_dark(&self, dark: bool) {
        let value = if dark { "dark" } else { "light" };
        self.session_call(
            "POST",
            "/goog/cdp/execute",
            &json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "features": [{ "name": "prefers-color-scheme", "value": value }] } }),
        );
    }

    /// Navigates and waits for the page's `load` event.
    pub fn open(&self, url: &str) {
        self.session_call("POST", "/url", &json!({ "url": url }));
    }

    /// Runs `script` (a function body; `return` gives the value) in the page.
    pub fn eval(&self, script: &str) -> Value {
        self.session_call("POST", "/execute/sync", &json!({ "script": script, "args": [] }))
    }

    /// Polls `condition` (an expression) until it is truthy, for 30 s at most.
    pub fn wait_for(&self, condition: &str) {
        let started = Instant::now();
        let script = format!("return Boolean({condition});");
        while self.eval(&script) != Value::Bool(true) {
            if started.elapsed() > Duration::from_secs(30) {
                let text = self.eval(
                    "return location.href + '\\n' + document.body.innerText + '\\nresources: ' + \
                     performance.getEntriesByType('resource').map(r => r.name + ' ' + Math.round(r.duration)).join('\\n');",
                );
                panic!("gave up waiting for `{condition}`; console errors {:?}; page:\n{text}", self.console_errors());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Saves a PNG of the window to `path`.
    pub fn screenshot(&self, path: &std::path::Path) {
        use base64::Engine;
        let data = self.session_call("GET", "/screenshot", &json!({}));
        let png = base64::engine::general_purpose::STANDARD.decode(data.as_str().unwrap()).unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    /// The page's serialized DOM.
    pub fn html(&self) -> String {
        self.eval("return document.documentElement.outerHTML;").as_str().unwrap_or_default().to_owned()
    }

    /// Messages the page logged at level SEVERE (errors), since the last call.
    pub fn console_errors(&self) -> Vec<String> {
        let logs = self.session_call("POST", "/se/log", &json!({ "type": "browser" }));
        logs.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.request("DELETE", &format!("/session/{}", self.session), &json!({}));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!("dossier-chromium-{}", self.port)));
    }
}
