//! Social cards: every briefing, actor, question and topic page without a
//! picture of its own shares a 1200×630 PNG drawn by the build, the same
//! bytes on every build; pages with a picture share that instead.

mod common;

use common::{TestSite, assert_ok};

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: Брифінги\nbase_url: https://example.org/\nsocial_cards: true\n");
    site.actor("ann", "name: Анна Коваль\nkind: person\nrole: Посол");
    site.question("troops", "Чи потрібні війська?");
    let sources = "sources:\n  - { id: s, title: Заява }";
    site.briefing(
        "kyiv",
        &format!("title: Двадцять шість країн обіцяють війська\ndate: 2025-09-04\ntopics: [security]\npositions:\n  - {{ actor: ann, question: troops, stance: supports, sources: [s] }}\n{sources}"),
        "Текст [@s].\n",
    );
    site.briefing("cairo", &format!("title: ستة وعشرون دولة تتعهد\ndate: 2025-09-05\n{sources}"), "نص [@s].\n");
    let mut png = Vec::new();
    let img = image::RgbImage::from_pixel(800, 400, image::Rgb([10, 80, 160]));
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    site.write_bytes("content/briefings/lead/photo.png", &png);
    site.write(
        "content/briefings/lead/index.md",
        &format!("---\ntitle: With a picture\ndate: 2025-09-06\nimage: {{ src: photo.png, alt: Blue }}\n{sources}\n---\nText [@s].\n"),
    );
    site
}

/// The `og:image` of the page at `rel`, and its `twitter:card`.
fn shared(site: &TestSite, rel: &str) -> (String, String) {
    let page = site.page(rel);
    let meta = |key: &str| {
        let at = page.find(key).unwrap_or_else(|| panic!("{rel}: no {key}"));
        let rest = &page[at..];
        let content = &rest[rest.find("content=\"").unwrap() + 9..];
        content[..content.find('"').unwrap()].to_owned()
    };
    (meta(r#"property="og:image""#), meta(r#"name="twitter:card""#))
}

#[test]
fn pages_without_a_picture_share_a_card_drawn_the_same_every_time() {
    let site = site();
    assert_ok(&site.build());
    let out = site.root().join("public");
    let mut cards = Vec::new();
    for rel in [
        "briefings/kyiv/index.html",
        "briefings/cairo/index.html",
        "actors/ann/index.html",
        "questions/troops/index.html",
        "topics/security/index.html",
    ] {
        let (image, card) = shared(&site, rel);
        assert_eq!(card, "summary_large_image", "{rel}");
        let file = image.strip_prefix("https://example.org/").unwrap_or_else(|| panic!("{rel}: {image}"));
        assert!(file.starts_with("cards/") && file.ends_with(".png"), "{rel}: {file}");
        let bytes = std::fs::read(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let png = image::load_from_memory(&bytes).unwrap();
        assert_eq!((png.width(), png.height()), (1200, 630), "{file}");
        cards.push((file.to_owned(), bytes));
    }
    assert!(
        site.page("briefings/kyiv/index.html")
            .contains(r#"<meta property="og:image:alt" content="Briefing: Двадцять шість"#)
    );
    // A page with a lead image shares it, not a card.
    let (lead, _) = shared(&site, "briefings/lead/index.html");
    assert!(lead.starts_with("https://example.org/images/photo-"), "{lead}");
    assert!(
        !out.join("cards/briefings").read_dir().unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("lead."))
    );

    // Drawn again from nothing: the same bytes.
    std::fs::remove_dir_all(site.root().join(".dossier-cache")).unwrap();
    let again = site.root().join("again");
    assert_ok(&site.run(&["build", "--output", again.to_str().unwrap()]));
    for (file, bytes) in &cards {
        assert!(std::fs::read(again.join(file)).unwrap() == *bytes, "{file} changed");
    }
    // The title in another script makes another card.
    assert_ne!(cards[0].1, cards[1].1);
}

#[test]
fn without_social_cards_nothing_is_drawn() {
    let site = site();
    site.write("dossier.yaml", "title: Брифінги\nbase_url: https://example.org/\n");
    assert_ok(&site.build());
    assert!(!site.root().join("public/cards").exists());
    let page = site.page("briefings/kyiv/index.html");
    assert!(!page.contains("og:image") && page.contains(r#"<meta name="twitter:card" content="summary">"#), "{page}");
}
