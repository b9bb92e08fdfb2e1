//! Where a value sits in block-style YAML text (serde keeps no spans).
//!
//! An [`Outline`] is made once per document and answers any number of
//! lookups: a briefing with 100,000 positions may get a warning for each,
//! and scanning the text for every one of them took minutes. Each block a
//! lookup passes through is indexed the first time (its keys and list
//! items, with where each ends), so every line is read a bounded number of
//! times whatever the number of lookups.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One step of a path into the YAML tree: a key or a list index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A list item, from 0.
    Index(usize),
}

/// Where a scalar value sits: line (1-based, within the text), column
/// (1-based, characters) and its length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    /// Line (1-based) within the YAML.
    pub line: usize,
    /// Column (1-based, in characters).
    pub column: usize,
    /// Characters to underline.
    pub length: usize,
}

/// Finds the value at `path` in `yaml`; for a single lookup.
pub fn locate(yaml: &str, path: &[Seg]) -> Option<Spot> {
    Outline::new(yaml).locate(yaml, path)
}

/// A line with content (not blank, not a comment): its number, its bytes
/// in the text, and its indent in spaces.
#[derive(Debug)]
struct Line {
    no: usize,
    start: usize,
    end: usize,
    indent: usize,
}

/// A region of the text: the rest of line `first` from byte `col`, then the
/// following lines up to (not including) `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Node {
    first: usize,
    col: usize,
    end: usize,
}

/// A node's entries: its keys (the first entry of each name) and its list
/// items, each with the line it starts on and the line its block ends at.
#[derive(Debug, Default)]
struct Entries {
    keys: HashMap<Box<str>, (usize, usize)>,
    items: Vec<(usize, usize)>,
}

/// The lines of one YAML text, and the entries of each node looked up so far.
#[derive(Debug)]
pub struct Outline {
    lines: Vec<Line>,
    nodes: Mutex<HashMap<Node, Arc<Entries>>>,
}

impl Outline {
    /// The outline of `yaml`: where each block starts.
    pub fn new(yaml: &str) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        for (no, raw) in yaml.split_inclusive('\n').enumerate() {
            let text = raw.strip_suffix('\n').unwrap_or(raw);
            let text = text.strip_suffix('\r').unwrap_or(text);
            let trimmed = text.trim_start();
            if !trimmed.trim_end().is_empty() && !trimmed.starts_with('#') {
                let indent = text.len() - text.trim_start_matches(' ').len();
                lines.push(Line { no: no + 1, start, end: start + text.len(), indent });
            }
            start += raw.len();
        }
        Outline { lines, nodes: Mutex::new(HashMap::new()) }
    }

    /// Finds the value at `path` in `yaml`, the text this outline was made
    /// from. `None` for layouts it does not follow; callers then fall back
    /// to a coarser position.
    pub fn locate(&self, yaml: &str, path: &[Seg]) -> Option<Spot> {
        let first = self.lines.first()?;
        let mut node = Node { first: 0, col: first.indent, end: self.lines.len() };
        for seg in path {
            node = match *seg {
                Seg::Key(k) => self.find_key(yaml, node, k)?,
                Seg::Index(i) => {
                    if self.text(yaml, node.first).get(node.col..)?.starts_with('[') {
                        return self.flow_item(yaml, node, i);
                    }
                    let &(first, end) = self.entries(yaml, node).items.get(i)?;
                    let after = &self.text(yaml, first)[node.col + 1..];
                    Node { first, col: node.col + 1 + (after.len() - after.trim_start().len()), end }
                }
            };
        }
        let text = self.text(yaml, node.first);
        let value = strip_comment(text.get(node.col..)?).trim_end();
        Some(Spot {
            line: self.lines[node.first].no,
            column: text[..node.col].chars().count() + 1,
            length: value.chars().count().max(1),
        })
    }

    fn text<'y>(&self, yaml: &'y str, line: usize) -> &'y str {
        let l = &self.lines[line];
        &yaml[l.start..l.end]
    }

    fn find_key(&self, yaml: &str, node: Node, key: &str) -> Option<Node> {
        let &(i, end) = self.entries(yaml, node).keys.get(key)?;
        let after = &self.text(yaml, i)[node.col + key.len() + 1..];
        if strip_comment(after).trim().is_empty() {
            let next = i + 1;
            return (next < end).then(|| Node { first: next, col: self.lines[next].indent, end });
        }
        Some(Node { first: i, col: node.col + key.len() + 1 + (after.len() - after.trim_start().len()), end })
    }

    /// The entries of `node`, indexed on first use.
    fn entries(&self, yaml: &str, node: Node) -> Arc<Entries> {
        let mut nodes = self.nodes.lock().unwrap_or_else(|e| e.into_inner());
        nodes.entry(node).or_insert_with(|| Arc::new(self.index(yaml, node))).clone()
    }

    /// Reads `node` once. Entries start on its first line (from its column)
    /// and on every later line at that indent; a line indented less ends it.
    /// A key's block runs to the next entry that is not a list item (YAML
    /// lets a key's list sit at the key's own indent); an item's to the next
    /// entry.
    fn index(&self, yaml: &str, node: Node) -> Entries {
        let mut starts = vec![node.first];
        let mut stop = node.end;
        for i in node.first + 1..node.end {
            match self.lines[i].indent {
                indent if indent < node.col => {
                    stop = i;
                    break;
                }
                indent if indent == node.col => starts.push(i),
                _ => {}
            }
        }
        let rest = |i: usize| self.text(yaml, i).get(node.col..).unwrap_or("");
        let is_item = |i: usize| {
            let r = rest(i);
            r == "-" || r.starts_with("- ")
        };
        let mut entries = Entries::default();
        // Walked backwards, so the end of each block is known when reached.
        let mut next_entry = stop;
        let mut next_key_end = stop;
        for &i in starts.iter().rev() {
            if is_item(i) {
                entries.items.push((i, next_entry));
            } else if let Some(key) = key_of(rest(i)) {
                // Earlier entries of the same name win, as a scan would find.
                entries.keys.insert(key.into(), (i, next_key_end));
            }
            if !is_item(i) {
                next_key_end = i;
            }
            next_entry = i;
        }
        entries.items.reverse();
        entries
    }

    fn flow_item(&self, yaml: &str, node: Node, index: usize) -> Option<Spot> {
        let line = self.text(yaml, node.first);
        let text = &line[node.col + 1..];
        let close = text.find(']').unwrap_or(text.len());
        let mut offset = node.col + 1;
        for (n, item) in text[..close].split(',').enumerate() {
            if n == index {
                let start = offset + (item.len() - item.trim_start().len());
                return Some(Spot {
                    line: self.lines[node.first].no,
                    column: line[..start].chars().count() + 1,
                    length: item.trim().chars().count().max(1),
                });
            }
            offset += item.len() + 1;
        }
        None
    }
}

/// The key an entry starts with: the text before the first `:` that ends
/// the line or is followed by a space.
fn key_of(entry: &str) -> Option<&str> {
    let bytes = entry.as_bytes();
    (0..bytes.len()).find(|&p| bytes[p] == b':' && bytes.get(p + 1).is_none_or(|&c| c == b' ')).map(|p| &entry[..p])
}

fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) if !s.starts_with('"') && !s.starts_with('\'') => &s[..i],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "title: A\nactors: [a, bee, c]\npositions:\n  - actor: putn\n    sources: [x]\n  - actor: macron\n    sources:\n      - one\n      - two  # note\n";

    fn at(path: &[Seg]) -> Option<(usize, usize, usize)> {
        locate(DOC, path).map(|s| (s.line, s.column, s.length))
    }

    #[test]
    fn finds_scalars_in_block_and_flow_style() {
        assert_eq!(at(&[Seg::Key("title")]), Some((1, 8, 1)));
        assert_eq!(at(&[Seg::Key("actors"), Seg::Index(1)]), Some((2, 13, 3)));
        assert_eq!(at(&[Seg::Key("positions"), Seg::Index(0), Seg::Key("actor")]), Some((4, 12, 4)));
        assert_eq!(at(&[Seg::Key("positions"), Seg::Index(1), Seg::Key("actor")]), Some((6, 12, 6)));
        assert_eq!(at(&[Seg::Key("positions"), Seg::Index(1), Seg::Key("sources"), Seg::Index(1)]), Some((9, 9, 3)));
        assert_eq!(at(&[Seg::Key("positions"), Seg::Index(2)]), None);
        assert_eq!(at(&[Seg::Key("nope")]), None);
    }

    #[test]
    fn sequences_may_sit_at_the_key_indent() {
        let doc = "positions:\n- actor: a\n- actor: b\nsources:\n- id: s\n";
        let spot = locate(doc, &[Seg::Key("positions"), Seg::Index(1), Seg::Key("actor")]).unwrap();
        assert_eq!((spot.line, spot.column), (3, 10));
        // The list ends where the next key starts.
        assert_eq!(locate(doc, &[Seg::Key("positions"), Seg::Index(2)]), None);
        let spot = locate(doc, &[Seg::Key("sources"), Seg::Index(0), Seg::Key("id")]).unwrap();
        assert_eq!((spot.line, spot.column), (5, 7));
    }

    #[test]
    fn the_first_of_a_repeated_key_is_found_and_crlf_lines_count_once() {
        let doc = "title: A\r\n# note\r\n\r\ntitle: B\r\nurl: https://x.example/a:b\r\n";
        assert_eq!(locate(doc, &[Seg::Key("title")]).map(|s| (s.line, s.column)), Some((1, 8)));
        let url = locate(doc, &[Seg::Key("url")]).unwrap();
        assert_eq!((url.line, url.column, url.length), (5, 6, 21));
    }

    #[test]
    fn one_outline_answers_many_lookups_in_linear_time() {
        let n = 50_000;
        let mut doc = String::from("positions:\n");
        for i in 0..n {
            doc.push_str(&format!("  - actor: a{i}\n    stance: supports\n"));
        }
        let outline = Outline::new(&doc);
        let started = std::time::Instant::now();
        for i in (0..n).rev() {
            let spot = outline.locate(&doc, &[Seg::Key("positions"), Seg::Index(i), Seg::Key("actor")]).unwrap();
            assert_eq!((spot.line, spot.column), (2 + 2 * i, 12));
        }
        // Quadratic scanning took minutes here; a generous bound only.
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
    }
}
