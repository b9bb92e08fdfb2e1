//! The source library resolved: every source of `content/sources/`, once,
//! by id. An id two library files define, or a briefing's own source
//! reuses, is an error naming both files.

use crate::codes::Code;
use rustc_hash::FxHashMap as HashMap;

use crate::content::Content;
use crate::content::model::SourceMatter;
use crate::content::yaml::Seg;
use crate::diagnostics::Diagnostic;

/// Where each library source is: its file (in `Content::library`) and place in it.
pub(crate) struct Library<'c> {
    pub sources: Vec<(&'c SourceMatter, usize)>,
    pub by_id: HashMap<&'c str, usize>,
}

impl<'c> Library<'c> {
    /// The library of `content`, and its duplicate ids as errors.
    pub(crate) fn new(content: &'c Content) -> (Self, Vec<Diagnostic>) {
        let mut library = Library { sources: Vec::new(), by_id: HashMap::default() };
        let mut problems = Vec::new();
        for (f, file) in content.library.iter().enumerate() {
            for (i, source) in file.matter.iter().enumerate() {
                if let Some(&first) = library.by_id.get(source.id.as_str()) {
                    let other = &content.library[library.sources[first].1].path;
                    let at = [Seg::Index(i), Seg::Key("id")];
                    problems.push(
                        file.problem_at(
                            Code::Duplicate,
                            &at,
                            format!("source `{}` is already in the library", source.id),
                        )
                        .hint(format!("{} defines it too: keep one, or give this one another id", other.display())),
                    );
                    continue;
                }
                library.by_id.insert(source.id.as_str(), library.sources.len());
                library.sources.push((source, f));
            }
        }
        for b in &content.briefings {
            for (i, source) in b.matter.sources.iter().enumerate() {
                if let Some(&l) = library.by_id.get(source.id.as_str()) {
                    let other = &content.library[library.sources[l].1].path;
                    let at = [Seg::Key("sources"), Seg::Index(i), Seg::Key("id")];
                    problems.push(
                        b.problem_at(
                            Code::Duplicate,
                            &at,
                            format!("source `{}` is also in the library ({})", source.id, other.display()),
                        )
                        .hint("cite the library's source by its id and remove this one, or give this one another id"),
                    );
                }
            }
        }
        (library, problems)
    }
}
