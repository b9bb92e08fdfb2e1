//! Micro-benchmarks of the hot stages: front-matter parsing (the subset
//! parser, and serde_yaml alone), Markdown rendering, one briefing page and
//! one actor page.
//!
//!     cargo bench --bench stages

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::content::model::BriefingMatter;
use dossier::markdown::{self, Links, Target, Unresolved};

const FRONT: &str = "title: \"Coalition pledges troops\"\ndate: 2025-09-04\nsummary: \"One or two sentences.\"\ntopics: [security, war]\nactors: [first-actor, second-actor]\npositions:\n  - actor: first-actor\n    question: the-question\n    stance: supports\n    summary: \"Backs the plan.\"\n    quote: \"We will be there.\"\n    sources: [s1, s2]\n  - actor: second-actor\n    question: the-question\n    stance: opposes\n    summary: \"Rejects it.\"\n    sources: [s2]\nsources:\n  - id: s1\n    title: \"Statement\"\n    publisher: \"Office\"\n    url: https://example.org/s1\n    date: 2025-09-04\n    kind: primary\n  - id: s2\n    title: \"Report\"\n    publisher: \"Paper\"\n    url: https://example.org/s2\n    date: 2025-09-05\n    kind: news\n";

struct Resolver;
impl Links for Resolver {
    fn wikilink(&mut self, target: &str) -> Result<Target, Unresolved> {
        Ok(Target { url: format!("/actors/{target}/"), label: target.to_owned() })
    }
    fn citation(&mut self, key: &str) -> Result<(usize, String), Unresolved> {
        Ok((1, format!("source-{key}")))
    }
}

fn body() -> String {
    let paragraph = "The coalition met in Paris and [[first-actor]] announced the pledges [@s1]. Officials said the plan \
        would take effect after a ceasefire, while [[second-actor|the Kremlin]] called it a threat [@s2]. Analysts \
        noted that the *air* component was still being **finalised**, and that talks would continue.\n\n";
    let mut text = String::new();
    for i in 0..12 {
        if i % 4 == 0 {
            text.push_str(&format!("## Section {i}\n\n"));
        }
        text.push_str(paragraph);
    }
    text
}

/// A small site on disk: 200 briefings, 40 actors, 10 questions.
fn site(dir: &Path) {
    let write = |rel: String, text: String| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    for a in 0..40 {
        write(format!("content/actors/a{a}.md"), format!("---\nname: Actor {a}\nkind: person\n---\nProfile.\n"));
    }
    for q in 0..10 {
        write(format!("content/questions/q{q}.md"), format!("---\ntitle: Question {q}?\n---\n"));
    }
    for b in 0..200 {
        let fill = |text: &str| {
            text.replace("first-actor", &format!("a{}", b % 40))
                .replace("second-actor", &format!("a{}", (b + 1) % 40))
                .replace("the-question", &format!("q{}", b % 10))
                .replace("2025-09-04", &format!("2025-{:02}-04", b % 12 + 1))
        };
        write(format!("content/briefings/b{b}.md"), format!("---\n{}---\n{}", fill(FRONT), fill(&body())));
    }
}

fn stages(c: &mut Criterion) {
    c.bench_function("front matter: parse one briefing", |b| {
        b.iter(|| dossier::content::yaml::parse::<BriefingMatter>(black_box(FRONT), Path::new("x.md"), 2).unwrap())
    });
    c.bench_function("front matter: parse one briefing, serde_yaml alone", |b| {
        b.iter(|| dossier::content::yaml::parse_full::<BriefingMatter>(black_box(FRONT), Path::new("x.md"), 2).unwrap())
    });
    let text = body();
    c.bench_function("markdown: render one briefing body", |b| {
        b.iter(|| markdown::render(black_box(&text), &mut Resolver, &[], &[]))
    });

    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let options = dossier::BuildOptions::new(dir.path());
    let (site, diags) = dossier::load_site(&options);
    let site = site.unwrap_or_else(|| panic!("{}", diags.render(dir.path(), false)));
    let (tera, _) = dossier::render::templates::load(dir.path(), "default", &site.words, &mut Vec::new()).unwrap();
    let renderer = dossier::render::Renderer::new(std::sync::Arc::new(site), tera).unwrap();
    let pages = renderer.pages();
    let find = |url: &str| *pages.iter().find(|p| renderer.url(**p) == url).unwrap();
    let mut buffer = Vec::new();
    let briefing = find("/briefings/b7/");
    c.bench_function("render: one briefing page", |b| b.iter(|| renderer.render_page(briefing, &mut buffer).unwrap()));
    let actor = find("/actors/a7/");
    c.bench_function("render: one actor page", |b| b.iter(|| renderer.render_page(actor, &mut buffer).unwrap()));
}

criterion_group!(benches, stages);
criterion_main!(benches);
