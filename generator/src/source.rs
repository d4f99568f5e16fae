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
    /// A page. Line breaks are made `\n` whatever they were (`\r\n`, or
    /// a bare `\r` as old Mac files have), so every layout reads them alike
    /// and lines are counted as an editor counts them.
    pub fn new(path: impl Into<String>, doc_path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.contains('\r') {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        // Kept as long as the page: no room left over.
        line_starts.shrink_to_fit();
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

    #[test]
    fn any_line_break_is_one_line() {
        for text in ["a\nb\nc", "a\r\nb\r\nc", "a\rb\rc", "a\r\nb\rc"] {
            let f = SourceFile::new("a.md", "a.md", text);
            assert_eq!(f.text, "a\nb\nc");
            assert_eq!(f.line_of(4), 3);
        }
    }
}
