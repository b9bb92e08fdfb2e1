//! The example site in this repository builds cleanly and every internal
//! link and `#fragment` in it resolves.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn example_site_builds_without_warnings_and_links_resolve() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()])
        .output()
        .unwrap();
    let err = common::stderr(&run);
    assert!(run.status.success(), "{err}");
    assert!(err.contains(", 0 warnings"), "{err}");
    assert!(!err.contains("warning:"), "{err}");
    assert_eq!(common::broken_links(&output, "/"), Vec::<String>::new());

    // The content the issue asks for is there.
    let count = |dir: &str| {
        std::fs::read_dir(output.join(dir)).unwrap().filter(|e| e.as_ref().unwrap().path().is_dir()).count()
    };
    assert!(count("briefings") >= 3, "at least 3 briefings");
    assert!(count("actors") >= 10, "at least 10 actors");
    assert!(count("questions") >= 4, "at least 4 questions");
    let putin = std::fs::read_to_string(output.join("actors/vladimir-putin/index.html")).unwrap();
    assert!(putin.contains("legitimate targets for destruction"), "Putin's quote is on his page");
}
