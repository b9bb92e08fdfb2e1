//! Bad input: every mistake is reported with file, line and column and a
//! hint where one applies; the build exits 1 and leaves the earlier output
//! exactly as it was.

mod common;

use common::{TestSite, assert_ok, files_under, sample_site, stderr};

/// Builds the good sample site, then adds `rel` with `bytes` and builds
/// again; asserts the failure and returns what the user was told.
fn fails_with(rel: &str, bytes: &[u8]) -> String {
    let site = sample_site();
    assert_ok(&site.build());
    let before = files_under(&site.root().join("public"));
    site.write_bytes(rel, bytes);
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("the output folder was left as it was"), "{err}");
    assert_eq!(files_under(&site.root().join("public")), before, "output changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(site.root()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().contains("staging")), "{leftovers:?}");
    err
}

fn fails(rel: &str, text: &str) -> String {
    fails_with(rel, text.as_bytes())
}

fn briefing(front: &str) -> String {
    format!("---\ntitle: T\ndate: 2025-01-01\n{front}---\nBody.\n")
}

#[test]
fn yaml_syntax_error() {
    let err = fails("content/briefings/bad.md", "---\ntitle: T\ndate: 2025-01-01\nactors: [alice\n---\n");
    assert!(err.contains("content/briefings/bad.md:5:1: error:"), "{err}");
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn wrong_type() {
    let err = fails("content/briefings/bad.md", &briefing("positions: alice\n"));
    assert!(
        err.contains(
            "content/briefings/bad.md:4:12: error: positions: invalid type: string \"alice\", expected a sequence"
        ),
        "{err}"
    );
    assert!(err.contains("help: write a list"), "{err}");
}

#[test]
fn missing_required_key() {
    let err = fails("content/actors/carol.md", "---\nkind: person\n---\n");
    assert!(err.contains("content/actors/carol.md:2:1: error: missing field `name`"), "{err}");
    assert!(err.contains("help: add `name:` to the front matter"), "{err}");
}

#[test]
fn misspelt_key() {
    let err = fails("content/briefings/bad.md", "---\ntitel: T\ndate: 2025-01-01\n---\n");
    assert!(err.contains("content/briefings/bad.md:2:1: error: unknown field `titel`"), "{err}");
    assert!(err.contains("did you mean `title`?"), "{err}");
}

#[test]
fn unknown_actor_question_and_source_ids() {
    let err = fails(
        "content/briefings/bad.md",
        &briefing(
            "actors: [bobb]\npositions:\n  - actor: alise\n    question: tax-cutt\n    stance: supports\n    sources: [speach]\nsources:\n  - id: speech\n    title: S\n",
        ),
    );
    assert!(err.contains("content/briefings/bad.md:4:10: error: unknown actor `bobb`"), "{err}");
    assert!(err.contains("did you mean `bob`?"), "{err}");
    assert!(err.contains("content/briefings/bad.md:6:12: error: unknown actor `alise`"), "{err}");
    assert!(err.contains("did you mean `alice`?"), "{err}");
    assert!(err.contains("content/briefings/bad.md:7:15: error: unknown question `tax-cutt`"), "{err}");
    assert!(err.contains("did you mean `tax-cut`?"), "{err}");
    assert!(err.contains("content/briefings/bad.md:9:15: error: unknown source `speach`"), "{err}");
    assert!(err.contains("did you mean `speech`?"), "{err}");
}

#[test]
fn unknown_ids_in_the_body() {
    let err = fails("content/briefings/bad.md", &format!("{}\nAs [[alise]] said [@nope].\n", briefing("")));
    assert!(err.contains("content/briefings/bad.md:7:4: error: unknown actor `alise`"), "{err}");
    assert!(err.contains("content/briefings/bad.md:7:20: error: unknown source `nope`"), "{err}");
    assert!(err.contains("add a source with `id: nope` under `sources:`, or to the library"), "{err}");
}

#[test]
fn unknown_affiliation() {
    let err = fails("content/actors/carol.md", "---\nname: Carol\naffiliations: [acm]\n---\n");
    assert!(err.contains("content/actors/carol.md:3:16: error: unknown actor `acm`"), "{err}");
    assert!(err.contains("did you mean `acme`?"), "{err}");
}

#[test]
fn duplicate_id() {
    let err = fails("content/actors/people/alice.md", "---\nname: Other Alice\n---\n");
    assert!(err.contains("error: duplicate actor id `alice`"), "{err}");
    assert!(err.contains(":1:1: error:"), "{err}");
    assert!(err.contains("rename one of the two files"), "{err}");
}

#[test]
fn invalid_stance() {
    let err = fails(
        "content/briefings/bad.md",
        &briefing(
            "positions:\n  - actor: alice\n    stance: suports\n    sources: [s]\nsources:\n  - id: s\n    title: S\n",
        ),
    );
    assert!(
        err.contains("content/briefings/bad.md:6:13: error: positions[0].stance: unknown variant `suports`"),
        "{err}"
    );
    assert!(err.contains("did you mean `supports`?"), "{err}");
}

#[test]
fn non_http_url() {
    let err = fails(
        "content/briefings/bad.md",
        &briefing("sources:\n  - id: s\n    title: S\n    url: javascript:alert(1)\n"),
    );
    assert!(
        err.contains("content/briefings/bad.md:7:10: error: sources[0].url: invalid URL `javascript:alert(1)`"),
        "{err}"
    );
    assert!(err.contains("only absolute http:// or https://"), "{err}");
}

#[test]
fn impossible_date() {
    let err = fails("content/briefings/bad.md", "---\ntitle: T\ndate: 2025-02-30\n---\n");
    assert!(err.contains("content/briefings/bad.md:3:7: error: date: invalid date `2025-02-30`"), "{err}");
}

#[test]
fn unterminated_front_matter() {
    let err = fails("content/briefings/bad.md", "---\ntitle: T\ndate: 2025-01-01\n");
    assert!(err.contains("content/briefings/bad.md:1:1: error: unterminated front matter"), "{err}");
    assert!(err.contains("help: add a line with only `---`"), "{err}");
}

#[test]
fn empty_file() {
    let err = fails("content/briefings/bad.md", "");
    assert!(err.contains("content/briefings/bad.md:1:1: error: the file is empty"), "{err}");
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn invalid_utf8() {
    let err = fails_with("content/briefings/bad.md", b"---\ntitle: caf\xE9\ndate: 2025-01-01\n---\n");
    assert!(err.contains("content/briefings/bad.md:2:11: error: the file is not valid UTF-8"), "{err}");
    assert!(err.contains("help: save the file with UTF-8 encoding"), "{err}");
}

#[test]
fn two_files_mapping_to_one_url() {
    let err = fails("content/actors.md", "---\ntitle: Actors\n---\n");
    assert!(err.contains("content/actors.md:1:1: error: page `actors` maps to /actors/"), "{err}");
    let err2 = {
        let site = sample_site();
        site.write("content/about.md", "---\ntitle: A\n---\n").write("content/x/about.md", "---\ntitle: B\n---\n");
        stderr(&site.build())
    };
    assert!(err2.contains("error: duplicate page id `about`"), "{err2}");
}

#[test]
fn bad_file_name() {
    let err = fails("content/actors/Carol Smith.md", "---\nname: Carol\n---\n");
    assert!(err.contains("invalid id `Carol Smith`"), "{err}");
    assert!(err.contains("rename it to `carol-smith.md`"), "{err}");
}

#[test]
fn all_problems_are_reported_together() {
    let site = sample_site();
    site.write("content/actors/x.md", "---\nnme: X\n---\n");
    site.write("content/questions/y.md", "");
    site.briefing("z", "title: Z\ndate: 2025-01-01\nactors: [nobody]", "");
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("content/actors/x.md:2:1: error: unknown field `nme`"), "{err}");
    assert!(err.contains("content/questions/y.md:1:1: error: the file is empty"), "{err}");
    // A file that fails to load leaves the others checked.
    assert!(err.contains("content/briefings/z.md:4:10: error: unknown actor `nobody`"), "{err}");
    assert!(err.contains("Build failed: 3 errors"), "{err}");
    assert!(!site.root().join("public").exists(), "nothing is written on failure");
}

#[test]
fn check_reports_without_writing() {
    let site = sample_site();
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Checked: 0 errors,"), "{}", stderr(&out));
    site.briefing("z", "title: Z\ndate: 2025-01-01\nactors: [nobody]", "");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown actor `nobody`"));
    assert!(!site.root().join("public").exists());
}

#[test]
fn ambiguous_alias_is_an_error_at_the_link() {
    let site = TestSite::new();
    site.actor("a", "name: A\naliases: [Chief]");
    site.actor("b", "name: B\naliases: [chief]");
    site.briefing("x", "title: X\ndate: 2025-01-01", "The [[Chief]] spoke.\n");
    let err = stderr(&site.build());
    assert!(err.contains("content/briefings/x.md:5:5: error: `Chief` is ambiguous: it names `a` and `b`"), "{err}");
}

#[test]
fn unused_source_is_a_warning() {
    let site = sample_site();
    site.write("dossier.yaml", "title: Test briefings\nbase_url: https://example.org/\n");
    site.briefing("x", "title: X\ndate: 2025-01-01\nsources:\n  - id: lonely\n    title: L", "Text.\n");
    let err = assert_ok(&site.build());
    assert!(err.contains("content/briefings/x.md:5:9: warning: source `lonely` is never cited"), "{err}");
    assert!(err.contains(", 1 warning;"), "{err}");
}

#[test]
fn refuses_to_replace_the_site_itself() {
    let site = sample_site();
    let out = site.run(&["build", "--output", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("refusing to use"), "{}", stderr(&out));
    let out = site.run(&["build", "--output", "content"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(site.root().join("content/actors/alice.md").exists());
}

#[test]
fn misspelt_config_key() {
    let err = fails("dossier.yaml", "title: T\nbase_ulr: /x/\n");
    assert!(err.contains("dossier.yaml:2:1: error: unknown field `base_ulr`"), "{err}");
    assert!(err.contains("did you mean `base_url`?"), "{err}");
}

#[test]
fn broken_template_names_the_file() {
    let err = fails(
        "templates/actor.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.actor.name {% endblock %}",
    );
    assert!(err.contains("templates/actor.html: error: template error"), "{err}");
}

#[test]
fn template_using_missing_data_names_the_template() {
    let err = fails("templates/question.html", "{{ page.no_such_field.deeper }}");
    assert!(err.contains("templates/question.html: error: cannot render /questions/tax-cut/"), "{err}");
}

#[test]
fn unknown_theme() {
    let err = fails("dossier.yaml", "theme: fancy\n");
    assert!(err.contains("dossier.yaml: error: theme `fancy` not found"), "{err}");
}

#[test]
fn an_update_before_the_date_and_a_position_from_the_future_are_errors() {
    let err = fails(
        "content/briefings/dated.md",
        "---\ntitle: Dated\ndate: 2025-05-10\nupdated: 2025-05-01\nactors: [alice]\npositions:\n  - actor: alice\n    stance: supports\n    date: 2999-01-01\n    sources: [s]\nsources:\n  - id: s\n    title: S\n---\nx\n",
    );
    assert!(
        err.contains("content/briefings/dated.md:4:10: error: `updated` (2025-05-01) is before the briefing's `date` (2025-05-10)"),
        "{err}"
    );
    assert!(
        err.contains("content/briefings/dated.md:9:11: error: this position is dated in the future (2999-01-01)"),
        "{err}"
    );
}

#[test]
fn every_files_problems_are_reported_in_one_run_without_echoes_of_a_broken_file() {
    let site = sample_site();
    // A colon mistake in an actor file the sample's briefings name.
    site.actor("bob", "name: Bob: the builder\nkind: person");
    site.briefing("third", "title: Third\ndate: 2025-04-01\nactors: [alise]", "Text.\n");
    site.briefing("fourth", "title: Fourth\ndate: 2025-04-02\nactors: [alice]", "Claim [@nope].\n");
    let out = site.build();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/actors/bob.md:2:7: error: this value holds `: `"), "{err}");
    assert!(err.contains("content/briefings/third.md:4:10: error: unknown actor `alise`"), "{err}");
    assert!(err.contains("content/briefings/fourth.md:6:8: error: unknown source `nope`"), "{err}");
    // `first` names `bob` twice (actors list, body link): his own error covers it.
    assert!(!err.contains("unknown actor `bob`"), "{err}");
    assert!(err.contains("(3 errors)") || err.contains("3 errors"), "{err}");
}

#[test]
fn yaml_mistakes_are_said_in_plain_words_where_they_are() {
    let cases = [
        (
            "actors:\n\t- alice\n",
            "content/briefings/bad.md:5:1: error: a tab indents this line",
            "replace the tab with spaces",
        ),
        ("summary: \"He said \"no\" to it\"\n", "bad.md:4:10: error: this value's quotes end early", "single quotes"),
        ("summary: \"Never closed\nstatus: developing\n", "bad.md:4:10: error: this `\"` is never closed", "same line"),
        (
            "summary: a\ntitle: again\n",
            "bad.md:5:1: error: `title` is set twice; it is already set on line 2",
            "keep one",
        ),
        ("summary: Note: this\n", "bad.md:4:10: error: this value holds `: `", "`summary: \"Note: this\"`"),
    ];
    for (front, said, hint) in cases {
        let err = fails("content/briefings/bad.md", &briefing(front));
        assert!(err.contains(said), "{front:?}:\n{err}");
        assert!(err.contains(hint), "{front:?}:\n{err}");
    }
}
