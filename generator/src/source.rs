//! Docs pages as the generator sees them: a path relative to the spec root,
//! the text, and a line index so that any byte offset can be named as
//! `file:line`.

use crate::model::Source;

/// One page of a docs tree.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the spec root, always with `/` separators
    /// (`v1/events/README.md`), so output does not depend on the OS.
    pub path: String,
    /// Path relative to the root of the docs tree the page belongs to
    /// (`events/README.md`); relative links are resolved against it.
    pub doc_path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, doc_path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { path: path.into(), doc_path: doc_path.into(), text, line_starts }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        let idx = self.line_starts.partition_point(|&start| start <= offset);
        idx.max(1) as u32
    }

    /// The `file:line` source of a byte offset.
    pub fn source(&self, offset: usize) -> Source {
        Source::line(self.path.clone(), self.line_of(offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_cover_every_offset() {
        let f = SourceFile::new("a.md", "a.md", "ab\ncd\n\nef");
        assert_eq!(f.line_of(0), 1);
        assert_eq!(f.line_of(2), 1);
        assert_eq!(f.line_of(3), 2);
        assert_eq!(f.line_of(6), 3);
        assert_eq!(f.line_of(7), 4);
        assert_eq!(f.line_of(100), 4);
    }
}
