//! Names the commit a binary was built from, and when, for `dossier
//! --version` (bug reports): `DOSSIER_BUILT` is empty outside a git
//! checkout, e.g. when built from the published crate.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let built = if Path::new(".git").exists() { from_git() } else { None };
    println!("cargo:rustc-env=DOSSIER_BUILT={}", built.unwrap_or_default());
}

/// ` (commit 7f7c4d5 of 2026-11-30, built 2026-11-30)`, rebuilt on every
/// commit and checkout.
fn from_git() -> Option<String> {
    println!("cargo:rerun-if-changed=.git/HEAD");
    let head = std::fs::read_to_string(".git/HEAD").ok()?;
    if let Some(branch) = head.trim().strip_prefix("ref: ") {
        println!("cargo:rerun-if-changed=.git/{branch}");
        println!("cargo:rerun-if-changed=.git/packed-refs");
    }
    let git = |args: &[&str]| {
        let out = Command::new("git").args(args).output().ok().filter(|o| o.status.success())?;
        Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short=9", "HEAD"])?;
    let committed = git(&["show", "-s", "--format=%cs", "HEAD"])?;
    Some(format!(" (commit {commit} of {committed}, built {})", today()))
}

/// Today (or `SOURCE_DATE_EPOCH`'s day, for reproducible builds) as
/// YYYY-MM-DD, by the civil-from-days algorithm.
fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.parse::<i64>().ok()).unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        now.map_or(0, |d| d.as_secs() as i64)
    });
    let days = secs.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
