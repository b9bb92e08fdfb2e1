//! A whole file as loading sees it: normalized, split into front matter
//! and body, the front matter parsed as a briefing (or an actor), and every
//! error rendered against the source with its span, as `build` prints it.
//! What the front-matter subset parser accepts must mean what serde_yaml
//! says it means.
#![no_main]

use std::path::Path;

use dossier::content::frontmatter;
use dossier::content::model::{ActorMatter, BriefingMatter};
use dossier::content::yaml::{self, Seg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = frontmatter::normalize(text);
    let path = Path::new("content/briefings/fuzz.md");
    let split = match frontmatter::split(&text) {
        Ok(split) => split,
        Err(e) => {
            let (message, hint, at) = e.message();
            let d = dossier::Diagnostic::new(dossier::codes::Code::FrontMatter, path, message).at(at).hint(hint);
            let _ = d.render(Some(&text), false);
            return;
        }
    };
    let (yaml, line) = (split.front_matter, split.front_matter_line);
    let parsed = if data.first().is_some_and(|b| b % 2 == 0) {
        agree::<BriefingMatter>(yaml, path, line)
    } else {
        agree::<ActorMatter>(yaml, path, line)
    };
    agree::<serde_json::Value>(yaml, path, line);
    if let Some(d) = parsed {
        let _ = d.render(Some(&text), false);
    }
    for at in [
        &[Seg::Key("title")][..],
        &[Seg::Key("positions"), Seg::Index(1), Seg::Key("actor")],
        &[Seg::Key("sources"), Seg::Index(0), Seg::Key("url")],
    ] {
        let _ = yaml::locate(split.front_matter, at);
    }
});

/// `yaml::parse` and serde_yaml alone give the same value or both fail;
/// the error, if any.
fn agree<T: serde::de::DeserializeOwned + std::fmt::Debug>(yaml: &str, path: &Path, line: usize) -> Option<dossier::Diagnostic> {
    let fast = yaml::parse::<T>(yaml, path, line);
    let full = yaml::parse_full::<T>(yaml, path, line);
    let show = |r: &Result<T, dossier::Diagnostic>| r.as_ref().ok().map(|v| format!("{v:?}"));
    assert_eq!(show(&fast), show(&full), "the subset parser disagrees with serde_yaml on {yaml:?}");
    fast.err()
}
