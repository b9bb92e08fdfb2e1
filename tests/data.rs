//! Open data: `/data/positions.json` and `.csv`, `/data/actors.json` and
//! `/data/sources.csl.json`, checked row by row on a small site and
//! validated against the JSON Schemas written beside them.

mod common;

use serde_json::{Value, json};

fn read_json(site: &common::TestSite, name: &str) -> Value {
    serde_json::from_str(&site.page(&format!("data/{name}"))).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Validates `data/<name>.json`-style files against the schema the build
/// wrote, formats included.
fn assert_valid(site: &common::TestSite, data: &str, schema: &str) -> Value {
    let value = read_json(site, data);
    let schema = read_json(site, schema);
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{data} against {schema}: {errors:#?}");
    value
}

#[test]
fn positions_actors_and_sources_are_published_as_data_that_match_their_schemas() {
    let site = common::sample_site();
    site.write("dossier.yaml", "title: Test briefings\nbase_url: https://example.org/\n");
    common::assert_ok(&site.build());

    let positions = assert_valid(&site, "positions.json", "positions.schema.json");
    assert_eq!(
        positions,
        json!([
            {
                "actor": "alice", "actor_name": "Alice Ames",
                "question": "tax-cut", "question_title": "Should taxes be cut?",
                "stance": "supports", "date": "2025-01-10",
                "summary": null, "quote": "Cut them now.", "changed_from": null,
                "sources": [{ "title": "Budget speech", "publisher": "Parliament", "url": "https://example.org/speech" }],
                "briefing": "first", "briefing_title": "First briefing",
                "briefing_url": "https://example.org/briefings/first/"
            },
            {
                "actor": "alice", "actor_name": "Alice Ames",
                "question": "tax-cut", "question_title": "Should taxes be cut?",
                "stance": "opposes", "date": "2025-03-01",
                "summary": "Changed her mind.", "quote": null, "changed_from": "supports",
                "sources": [{ "title": "Radio interview", "publisher": "Radio One", "url": null }],
                "briefing": "second", "briefing_title": "Second briefing",
                "briefing_url": "https://example.org/briefings/second/"
            }
        ])
    );

    // The CSV has the same rows, flat.
    let csv = site.page("data/positions.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let cell = |row: usize, column: &str| rows[row][header.iter().position(|h| h == column).unwrap()].to_owned();
    assert_eq!(
        (cell(0, "stance"), cell(0, "date"), cell(0, "quote")),
        ("supports".into(), "2025-01-10".into(), "Cut them now.".into())
    );
    assert_eq!(
        (cell(1, "changed_from"), cell(1, "source_titles"), cell(1, "source_urls")),
        ("supports".into(), "Radio interview".into(), "".into())
    );
    assert_eq!(cell(1, "briefing_url"), "https://example.org/briefings/second/");

    let actors = assert_valid(&site, "actors.json", "actors.schema.json");
    let names: Vec<&str> = actors.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Acme Party", "Alice Ames", "Bob Brown"]);
    let alice = &actors[1];
    assert_eq!(alice["affiliations"], json!(["acme"]));
    assert_eq!(alice["aliases"], json!(["the minister"]));
    assert_eq!((alice["positions"].as_u64(), alice["briefings"].as_u64()), (Some(2), Some(2)));
    assert_eq!(actors[2]["briefings"], json!(1), "Bob is in one briefing");

    let sources = assert_valid(&site, "sources.csl.json", "sources.schema.json");
    assert_eq!(
        sources,
        json!([
            { "id": "first/speech", "type": "webpage", "title": "Budget speech", "publisher": "Parliament", "URL": "https://example.org/speech" },
            { "id": "second/interview", "type": "document", "title": "Radio interview", "publisher": "Radio One" }
        ])
    );
}

#[test]
fn the_schemas_reject_rows_that_break_them() {
    let site = common::sample_site();
    common::assert_ok(&site.build());
    let schema = read_json(&site, "positions.schema.json");
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let mut positions = read_json(&site, "positions.json");
    assert!(validator.is_valid(&positions));
    positions[0]["stance"] = json!("maybe");
    assert!(!validator.is_valid(&positions), "an unknown stance");
    positions[0]["stance"] = json!("supports");
    positions[0]["date"] = json!("10 January 2025");
    assert!(!validator.is_valid(&positions), "a date in words");
}
