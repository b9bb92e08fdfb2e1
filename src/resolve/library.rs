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
    /// The library of `content` (the first of two sources with one id).
    pub(crate) fn new(content: &'c Content) -> Self {
        let mut library = Library { sources: Vec::new(), by_id: HashMap::default() };
        for (f, file) in content.library.iter().enumerate() {
            for source in &file.matter {
                if !library.by_id.contains_key(source.id.as_str()) {
                    library.by_id.insert(source.id.as_str(), library.sources.len());
                    library.sources.push((source, f));
                }
            }
        }
        library
    }

    /// Its ids two library files define, or a briefing's own source
    /// reuses, as errors naming both files.
    pub(crate) fn problems(&self, content: &Content) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for file in &content.library {
            for (i, source) in file.matter.iter().enumerate() {
                // Every source but the first with its id (the one kept).
                let Some(&(first, f)) = self.by_id.get(source.id.as_str()).map(|&l| &self.sources[l]) else { continue };
                if std::ptr::eq(first, source) {
                    continue;
                }
                let other = &content.library[f].path;
                let at = [Seg::Index(i), Seg::Key("id")];
                problems.push(
                    file.problem_at(Code::Duplicate, &at, format!("source `{}` is already in the library", source.id))
                        .hint(format!("{} defines it too: keep one, or give this one another id", other.display())),
                );
            }
        }
        for b in &content.briefings {
            for (i, source) in b.matter.sources.iter().enumerate() {
                if let Some(&l) = self.by_id.get(source.id.as_str()) {
                    let other = &content.library[self.sources[l].1].path;
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
        problems
    }
}
