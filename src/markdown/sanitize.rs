//! `safe_html: true`: bodies cleaned with ammonia (the one place that uses
//! it), for sites whose contributors are not all trusted. Raw HTML keeps
//! only harmless tags and attributes; scripts, event handlers, `style`,
//! frames, forms and `javascript:` URLs go. What dossier's own Markdown
//! rendering writes (heading anchors, highlighted code, citations,
//! footnotes, task lists) passes unchanged, though re-serialized (`"` for
//! `&quot;` in text, `<input>` for `<input/>`); table alignment, written
//! as `style`, is lost.

use std::sync::LazyLock;

use super::anchors::{RESERVED, taken_by_page};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Anchors, citations and footnotes link by id; highlighting and our
    // links carry classes.
    b.add_generic_attributes(["id", "class"]);
    // Task lists: `<input disabled="" type="checkbox" checked="">`.
    b.add_tags(["input"]);
    b.add_tag_attributes("input", ["type", "checked", "disabled"]);
    b.add_tag_attributes("a", ["title", "aria-label"]);
    // Processed pictures: WebP first, every width, their size.
    b.add_tags(["picture", "source"]);
    b.add_tag_attributes("source", ["type", "srcset", "sizes"]);
    b.add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"]);
    // Highlighted code names its language.
    b.add_tag_attributes("code", ["data-lang"]);
    // Our links stay as written: no rel added to every one.
    b.link_rel(None);
    // Ids the page keeps for itself would let raw HTML stand in for them.
    b.attribute_filter(|_, attribute, value| match attribute == "id" && taken_by_page(value, RESERVED) {
        true => None,
        false => Some(value.into()),
    });
    b
});

/// The body's HTML with everything unsafe removed.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn scripts_handlers_and_javascript_urls_go() {
        let dirty = "<p onclick=\"x()\">a<script>alert(1)</script><img src=x onerror=alert(1)>\
                     <a href=\"javascript:alert(1)\">b</a><iframe src=\"https://evil\"></iframe>\
                     <span style=\"position:fixed\">c</span></p>";
        let cleaned = clean(dirty);
        for gone in ["script", "onerror", "onclick", "javascript:", "iframe", "style"] {
            assert!(!cleaned.contains(gone), "{gone} left in {cleaned}");
        }
        assert!(cleaned.contains("<img src=\"x\">") && cleaned.contains(">b</a>"), "{cleaned}");
    }

    #[test]
    fn ids_the_page_keeps_for_itself_go() {
        let dirty = "<a id=\"source-s1\" class=\"preview\">fake</a><div id=\"search-app\">x</div><p id=\"mine\">y</p>";
        assert_eq!(clean(dirty), "<a class=\"preview\">fake</a><div>x</div><p id=\"mine\">y</p>");
    }

    #[test]
    fn harmless_markup_stays() {
        let html = "<h2 id=\"a\">A</h2>\n<p><a href=\"/actors/x/\" class=\"actor\">X</a> \
                    <sup class=\"cite\" id=\"cite-1\"><a href=\"#source-s\">1</a></sup></p>\n";
        assert_eq!(clean(html), html);
    }
}
