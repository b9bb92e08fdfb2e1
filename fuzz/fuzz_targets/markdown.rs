//! A body through the Markdown pipeline with every adapter on: wikilinks,
//! citations and links to files and paths (some resolving, some not),
//! autolinked names, reserved anchors, directives (some placing something,
//! some not); then each problem's span cut from the source and placed, as
//! `resolve` does, the sanitizer, the search text extraction and the
//! splicing of what directives place.
#![no_main]

use dossier::diagnostics::Position;
use dossier::markdown::{self, AutoLink, Directive, Embed, Links, Target, Unresolved};
use libfuzzer_sys::fuzz_target;

struct Site;

impl Links for Site {
    fn wikilink(&mut self, target: &str) -> Result<Target, Unresolved> {
        match target {
            "alice" | "questions/q" | "briefings/b" => Ok(Target { url: format!("/{target}/"), label: target.into() }),
            _ => Err(Unresolved::new(format!("unknown `{target}`"), None)),
        }
    }

    fn citation(&mut self, key: &str) -> Result<(usize, String), Unresolved> {
        match key {
            "s1" => Ok((1, "source-s1".into())),
            "s2" => Ok((2, "source-s2".into())),
            _ => Err(Unresolved::new(format!("unknown source `{key}`"), None)),
        }
    }

    fn destination(&mut self, dest: &str, _at: std::ops::Range<usize>) -> Option<Result<String, Unresolved>> {
        match dest {
            "a.md" => Some(Ok("/a/".into())),
            d if d.ends_with(".md") => Some(Err(Unresolved::new(format!("no file `{d}`"), None))),
            d if d.starts_with('/') => Some(Ok(format!("/base{d}"))),
            _ => None,
        }
    }

    fn picture(&mut self, dest: &str, alt: &str, title: &str) -> Option<String> {
        // A processed picture: the adapter swaps the image's events for it.
        (dest == "p.png").then(|| format!("<picture><img alt=\"{}\" title=\"{}\"></picture>", alt.len(), title.len()))
    }

    fn embed(&mut self, d: &Directive) -> Result<Embed, (std::ops::Range<usize>, Unresolved)> {
        match (d.name, d.label.trim()) {
            ("figure", _) => Ok(Embed::Figure { src: "p.png".into(), alt: String::new(), caption: None, credit: None }),
            (_, "alice") => Ok(Embed::Actor(0)),
            (_, "q") => Ok(Embed::Stances(0)),
            (_, label) => Err((d.label_range(), Unresolved::new(format!("unknown `{label}`"), None))),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let autolinks = [
        AutoLink { name: "Alice Ames".into(), url: "/actors/alice/".into(), key: 0 },
        AutoLink { name: "Bob".into(), url: "/actors/bob/".into(), key: 1 },
    ];
    let rendered = markdown::render(body, &mut Site, &["sources", "top"], &autolinks);
    for (range, _) in &rendered.problems {
        let _ = Position::of_offset(body, range.start);
        let _ = body[range.clone()].chars().count();
    }
    let html = rendered.html.text();
    let _ = markdown::sanitize::clean(&html);
    let _ = dossier::search::html_text(&html);
    // Every marker filled, in order: none is left, and the text around survives.
    let filled = markdown::splice(&html, |n| rendered.embeds.get(n).map(|_| "<div>embed</div>"));
    assert!(filled.matches("<div>embed</div>").count() >= rendered.embeds.len());
});
