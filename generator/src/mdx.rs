//! MDX, as Mintlify pages are written: YAML front matter, then Markdown
//! with JSX components (`<ResponseField name="id" type="String">`,
//! `<Expandable>`, `<Accordion>`...).
//!
//! MDX's grammar puts a component's tags on lines of their own (a flow
//! element) or inside a line of text (an inline element). Here:
//!
//! - a component is a [`Block::Component`] holding the blocks between its
//!   tags, at any depth; its attributes are read as written (`name="x"`,
//!   `cols={3}`, a bare `deprecated`);
//! - the Markdown between two tags is parsed by the shared Markdown layer
//!   ([`markdown::parse_fragment`]), its common indentation removed (MDX
//!   indents a component's children, which Markdown would read as code), and
//!   its offsets mapped back to the page, so every block still names its
//!   line;
//! - callouts (`<Warning>`, `<Info>`, `<Note>`, `<Tip>`, `<Check>`,
//!   `<Danger>`) are transparent: their tags are dropped and their text
//!   stays where it is, so a callout inside a `<details>` list (as the
//!   hand-written pages have) does not break the list;
//! - fenced code and code spans are never read as tags (`<Seam::Device>` in
//!   a Ruby sample is code); `{/* comments */}` and `import`/`export` lines
//!   are not content.
//!
//! Unbalanced tags are diagnostics with the line of the tag; parsing never
//! fails.

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::markdown::{self, Block};
use crate::source::SourceFile;

/// Components whose tags are dropped and whose text stays in place.
const CALLOUTS: &[&str] = &["Warning", "Info", "Note", "Tip", "Check", "Danger", "Tooltip", "Badge", "Icon"];

/// A parsed MDX page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The YAML front matter, by key (values as JSON).
    pub front_matter: BTreeMap<String, serde_json::Value>,
    pub blocks: Vec<Block>,
}

/// Does this text look like MDX: a JSX component at the start of a line
/// outside fenced code, or front matter with a `title` (Mintlify requires
/// one; GitBook's front matter has a `description` but takes the title from
/// the page's `#` heading)?
pub fn is_mdx(text: &str) -> bool {
    if let Some((yaml, _)) = markdown::front_matter(text)
        && text[yaml].lines().any(|l| l.starts_with("title:"))
    {
        return true;
    }
    let mut fence: Option<(u8, usize)> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(f) = fence_of(t) {
            match fence {
                None => fence = Some(f),
                Some((c, n)) if f.0 == c && f.1 >= n && t.trim_end().len() == f.1 => fence = None,
                Some(_) => {}
            }
            continue;
        }
        if fence.is_none() && starts_component(t.as_bytes(), 0) {
            return true;
        }
    }
    false
}

/// `<Name` or `</Name` with an upper-case first letter: a JSX tag.
fn starts_component(b: &[u8], i: usize) -> bool {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(b'<'), Some(c), _) if c.is_ascii_uppercase() => true,
        (Some(b'<'), Some(b'/'), Some(c)) if c.is_ascii_uppercase() => true,
        _ => false,
    }
}

/// ```` ``` ```` or `~~~` (three or more) opening a line: the fence's
/// character and length.
fn fence_of(trimmed: &str) -> Option<(u8, usize)> {
    let b = trimmed.as_bytes();
    let c = *b.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = b.iter().take_while(|&&x| x == c).count();
    (n >= 3).then_some((c, n))
}

pub fn parse(file: &SourceFile) -> (Page, Vec<Diagnostic>) {
    let mut p = Parser { file, stack: vec![Open::root()], diags: Vec::new(), too_deep: false };
    let (front_matter, body_start) = p.front_matter();
    p.body(body_start);
    // Close what was left open: the page ended inside it.
    while p.stack.len() > 1 {
        let open = p.stack.pop().expect("more than the root");
        if p.too_deep {
            p.close(open);
            continue;
        }
        p.diags.push(Diagnostic::error(
            file.source(open.at),
            format!("`<{}>` is never closed: expected `</{}>` before the end of the page", open.name, open.name),
        ));
        p.close(open);
    }
    let mut root = p.stack.pop().expect("the root");
    p.flush(&mut root);
    (Page { front_matter, blocks: root.blocks }, p.diags)
}

/// A component being read.
struct Open {
    name: String,
    attrs: Vec<(String, Option<String>)>,
    at: usize,
    blocks: Vec<Block>,
    /// The Markdown since the last tag: lines, each a list of pieces of the
    /// page (offset, text).
    lines: Vec<Vec<(usize, String)>>,
}

impl Open {
    fn root() -> Self {
        Open { name: String::new(), attrs: Vec::new(), at: 0, blocks: Vec::new(), lines: Vec::new() }
    }
}

struct Parser<'a> {
    file: &'a SourceFile,
    stack: Vec<Open>,
    diags: Vec<Diagnostic>,
    /// Components nested too deep: the rest of the page is not read.
    too_deep: bool,
}

/// A JSX tag found in the text.
struct Tag {
    name: String,
    attrs: Vec<(String, Option<String>)>,
    closing: bool,
    self_closing: bool,
    /// Offset just past the `>`.
    end: usize,
}

impl Parser<'_> {
    /// The front matter (`---` lines around YAML) and where the body starts.
    fn front_matter(&mut self) -> (BTreeMap<String, serde_json::Value>, usize) {
        let text = self.file.text.as_str();
        let Some((yaml, body)) = markdown::front_matter(text) else {
            if text.starts_with("---\n") || text.starts_with("---\r\n") {
                self.diags.push(Diagnostic::warning(
                    self.file.source(0),
                    "front matter is never closed: expected a `---` line; the page is read as Markdown",
                ));
            }
            return (BTreeMap::new(), 0);
        };
        let fm = match crate::yaml::from_str::<BTreeMap<String, serde_json::Value>>(&text[yaml.clone()]) {
            Ok(fm) => fm,
            Err(e) => {
                let line = self.file.line_of(yaml.start) + e.line.unwrap_or(1).saturating_sub(1);
                self.diags.push(Diagnostic::warning(
                    crate::model::Source::line(self.file.path.clone(), line),
                    format!("front matter is not YAML ({e}); it is ignored"),
                ));
                BTreeMap::new()
            }
        };
        (fm, body)
    }

    fn body(&mut self, start: usize) {
        let text = self.file.text.as_str();
        let bytes = text.as_bytes();
        let mut pos = start;
        let mut fence: Option<(u8, usize)> = None;
        while pos < text.len() && !self.too_deep {
            let mut line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
            let line = &text[pos..line_end];
            let trimmed = line.trim_start();
            // Fenced code is text, whatever it holds.
            if let Some(f) = fence_of(trimmed) {
                match fence {
                    None => fence = Some(f),
                    Some((c, n)) if f.0 == c && f.1 >= n && trimmed.trim_end().len() == f.1 => fence = None,
                    Some(_) => {}
                }
                self.push_line(vec![(pos, line.to_owned())]);
                pos = line_end + 1;
                continue;
            }
            if fence.is_some() {
                self.push_line(vec![(pos, line.to_owned())]);
                pos = line_end + 1;
                continue;
            }
            // ESM at the top level is code, not content.
            if self.stack.len() == 1 && (line.starts_with("import ") || line.starts_with("export ")) {
                self.push_line(Vec::new());
                pos = line_end + 1;
                continue;
            }
            let mut pieces: Vec<(usize, String)> = Vec::new();
            let mut piece_start = pos;
            let mut i = pos;
            while i < line_end {
                match bytes[i] {
                    b'`' => {
                        // A code span: skip to the matching run of backticks.
                        let n = bytes[i..line_end].iter().take_while(|&&b| b == b'`').count();
                        let run = &text[i..i + n];
                        i += n;
                        if let Some(close) = text[i..line_end].find(run) {
                            i += close + n;
                        }
                    }
                    b'{' if text[i..].starts_with("{/*") => {
                        let end = text[i..].find("*/}").map_or(text.len(), |e| i + e + 3);
                        pieces.push((piece_start, text[piece_start..i].to_owned()));
                        i = end;
                        piece_start = end;
                        if end > line_end {
                            line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
                        }
                    }
                    b'<' if starts_component(bytes, i) => match self.tag(i) {
                        Some(tag) => {
                            pieces.push((piece_start, text[piece_start..i].to_owned()));
                            let tag_at = i;
                            i = tag.end;
                            piece_start = i;
                            if i > line_end {
                                line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                            }
                            if !CALLOUTS.contains(&tag.name.as_str()) {
                                self.push_line(std::mem::take(&mut pieces));
                                self.structure(tag, tag_at);
                            }
                        }
                        None => i += 1,
                    },
                    _ => i += 1,
                }
            }
            pieces.push((piece_start, text[piece_start..line_end].to_owned()));
            self.push_line(pieces);
            pos = line_end + 1;
        }
    }

    /// Adds a line of Markdown to the open component. A line that holds
    /// nothing but whitespace is a blank line.
    fn push_line(&mut self, mut pieces: Vec<(usize, String)>) {
        pieces.retain(|(_, t)| !t.is_empty());
        let open = self.stack.last_mut().expect("the root is always open");
        if pieces.iter().all(|(_, t)| t.trim().is_empty()) {
            // A blank line; leading blank lines of a fragment do not matter.
            if !open.lines.is_empty() {
                open.lines.push(Vec::new());
            }
            return;
        }
        open.lines.push(pieces);
    }

    /// A tag changes the structure: the Markdown before it is finished.
    fn structure(&mut self, tag: Tag, at: usize) {
        let mut top = self.stack.pop().expect("the root is always open");
        self.flush(&mut top);
        self.stack.push(top);
        if tag.closing {
            match self.stack.iter().rposition(|o| o.name == tag.name) {
                Some(depth) if depth > 0 => {
                    while self.stack.len() > depth + 1 {
                        let open = self.stack.pop().expect("deeper than depth");
                        self.diags.push(Diagnostic::error(
                            self.file.source(open.at),
                            format!("`<{}>` is never closed: `</{}>` comes first", open.name, tag.name),
                        ));
                        self.close(open);
                    }
                    let open = self.stack.pop().expect("at depth");
                    self.close(open);
                }
                _ => self.diags.push(Diagnostic::error(
                    self.file.source(at),
                    format!("`</{}>` without a matching `<{}>`", tag.name, tag.name),
                )),
            }
        } else if tag.self_closing {
            let open = Open { name: tag.name, attrs: tag.attrs, at, blocks: Vec::new(), lines: Vec::new() };
            self.close(open);
        } else if self.stack.len() > crate::markdown::MAX_NESTING {
            self.diags.push(
                Diagnostic::error(
                    self.file.source(at),
                    format!(
                        "components nested more than {} levels deep: the rest of the page is not read",
                        crate::markdown::MAX_NESTING
                    ),
                )
                .with_code("too-deep"),
            );
            self.too_deep = true;
        } else {
            self.stack.push(Open { name: tag.name, attrs: tag.attrs, at, blocks: Vec::new(), lines: Vec::new() });
        }
    }

    /// A finished component becomes a block of its parent.
    fn close(&mut self, mut open: Open) {
        self.flush(&mut open);
        let block = Block::Component { name: open.name, attrs: open.attrs, blocks: open.blocks, at: open.at };
        self.stack.last_mut().expect("the root is always open").blocks.push(block);
    }

    /// Parses the Markdown gathered since the last tag into blocks.
    fn flush(&mut self, open: &mut Open) {
        let mut lines = std::mem::take(&mut open.lines);
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        if lines.is_empty() {
            return;
        }
        // The indentation every non-blank line shares.
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let first: String = l.iter().map(|(_, t)| t.as_str()).collect();
                first.len() - first.trim_start_matches([' ', '\t']).len()
            })
            .min()
            .unwrap_or(0);
        // MDX has no indented code: indentation means nesting only. A line
        // is moved left to at most three columns right of the innermost
        // list item that holds it (a sibling item keeps its sibling's
        // column), so Markdown reads the nesting MDX meant, never code.
        let mut fence: Option<(u8, usize)> = None;
        // Open list items: (original marker column, new marker column, new
        // content column).
        let mut items: Vec<(usize, usize, usize)> = Vec::new();
        // The fragment, and where each piece of it starts in the page.
        let mut text = String::new();
        let mut breaks: Vec<(usize, usize)> = Vec::new();
        for line in &lines {
            let joined: String = line.iter().map(|(_, t)| t.as_str()).collect();
            let lead = joined.len() - joined.trim_start_matches([' ', '\t']).len();
            let body = joined.trim_start_matches([' ', '\t']);
            let mut cut = indent.min(lead);
            if !body.is_empty() {
                let col = lead - cut;
                if let Some((c, n)) = fence {
                    if fence_of(body).is_some_and(|f| f.0 == c && f.1 >= n && body.trim_end().len() == f.1) {
                        fence = None;
                    }
                } else {
                    while items.last().is_some_and(|&(orig, _, _)| orig >= col) {
                        items.pop();
                    }
                    let base = items.last().map_or(0, |&(_, _, content)| content);
                    let new_col = col.min(base + 3);
                    cut += col - new_col;
                    if let Some(f) = fence_of(body) {
                        fence = Some(f);
                    } else if let Some(width) = list_marker_width(body) {
                        items.push((col, new_col, new_col + width));
                    }
                }
            }
            let mut skip = cut;
            for (at, piece) in line {
                let cut = skip.min(piece.len() - piece.trim_start_matches([' ', '\t']).len());
                skip -= cut;
                breaks.push((text.len(), at + cut));
                text.push_str(&piece[cut..]);
            }
            breaks.push((text.len(), breaks.last().map_or(0, |&(f, o)| o + (text.len() - f))));
            text.push('\n');
        }
        let map = |at: usize| -> usize {
            let k = breaks.partition_point(|&(f, _)| f <= at).saturating_sub(1);
            let (f, o) = breaks.get(k).copied().unwrap_or((0, 0));
            o + (at - f)
        };
        let (blocks, diags) = markdown::parse_fragment(self.file, &text, &map);
        open.blocks.extend(blocks);
        self.diags.extend(diags);
    }

    /// The JSX tag starting at `i` (`<Name attrs>`, `</Name>`, `<Name />`),
    /// which may run over several lines; `None` when it never ends.
    fn tag(&mut self, i: usize) -> Option<Tag> {
        let text = self.file.text.as_str();
        let b = text.as_bytes();
        let mut j = i + 1;
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'_' | b'-')) {
            j += 1;
        }
        let name = text[name_start..j].to_owned();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                None => {
                    self.diags.push(Diagnostic::error(
                        self.file.source(i),
                        format!("tag `<{name}` is never closed with `>`; it is read as text"),
                    ));
                    return None;
                }
                Some(b'>') => {
                    return Some(Tag { name, attrs, closing, self_closing: false, end: j + 1 });
                }
                Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                    return Some(Tag { name, attrs, closing, self_closing: true, end: j + 2 });
                }
                Some(_) => {
                    let key_start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
                        j += 1;
                    }
                    if j == key_start {
                        // A stray `/`, say: skip it.
                        j += 1;
                        continue;
                    }
                    let key = text[key_start..j].to_owned();
                    if b.get(j) != Some(&b'=') {
                        attrs.push((key, None));
                        continue;
                    }
                    j += 1;
                    let (value, end) = attr_value(text, j)?;
                    attrs.push((key, Some(value)));
                    j = end;
                }
            }
        }
    }
}

/// `- `, `* `, `+ `, `1. `, `1) ` starting a line: the width of the marker
/// and the spaces after it (the item's content column, relative).
fn list_marker_width(body: &str) -> Option<usize> {
    let b = body.as_bytes();
    let marker = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        c if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let spaces = b[marker..].iter().take_while(|&&c| c == b' ').count();
    match (b.get(marker), spaces) {
        (None, _) => Some(marker + 1),
        (Some(b' '), 1..=4) => Some(marker + spaces),
        (Some(b' '), _) => Some(marker + 1),
        _ => None,
    }
}

/// An attribute's value at `j`: `"text"`, `'text'` or `{expression}` (kept
/// as written, braces included), and the offset past it.
fn attr_value(text: &str, j: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    match b.get(j)? {
        q @ (b'"' | b'\'') => {
            let end = text[j + 1..].find(*q as char)? + j + 1;
            Some((decode(&text[j + 1..end]), end + 1))
        }
        b'{' => {
            let mut depth = 0;
            for (k, c) in text[j..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((text[j..j + k + 1].to_owned(), j + k + 1));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        _ => {
            let end = text[j..].find(|c: char| c.is_whitespace() || c == '>').map_or(text.len(), |e| j + e);
            Some((text[j..end].to_owned(), end))
        }
    }
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The value of attribute `name`, if the component has it.
pub fn attr<'a>(attrs: &'a [(String, Option<String>)], name: &str) -> Option<Option<&'a str>> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Inline;

    fn parse_ok(text: &str) -> (Page, SourceFile) {
        let file = SourceFile::new("p.mdx", "p.mdx", text);
        let (page, diags) = parse(&file);
        assert!(diags.is_empty(), "{diags:#?}");
        (page, file)
    }

    #[test]
    fn front_matter_and_components_nest_with_lines_kept() {
        let text = "---\ntitle: 'The Thing'\n---\n\n## The thing Object\n\n<ResponseField name=\"id\" type=\"String (UUID)\">\n  ID of the [thing](/x).\n  <Expandable title=\"properties\">\n    <ResponseField name=\"a\" type=\"number\" deprecated>\n      Deep text.\n    </ResponseField>\n  </Expandable>\n</ResponseField>\n";
        let (page, file) = parse_ok(text);
        assert_eq!(page.front_matter["title"], "The Thing");
        let [Block::Heading { .. }, Block::Component { name, attrs, blocks, at }] = page.blocks.as_slice() else {
            panic!("{:#?}", page.blocks)
        };
        assert_eq!(name, "ResponseField");
        assert_eq!(attr(attrs, "name"), Some(Some("id")));
        assert_eq!(file.line_of(*at), 7);
        let [Block::Paragraph { inlines, at }, Block::Component { name: exp, blocks: inner, .. }] = blocks.as_slice()
        else {
            panic!("{blocks:#?}")
        };
        assert_eq!(exp, "Expandable");
        assert_eq!(file.line_of(*at), 8);
        assert!(matches!(&inlines[1], Inline::Link { url, .. } if url == "/x"));
        // Indented six columns, the deepest text is a paragraph, not code.
        let [Block::Component { attrs, blocks: deepest, .. }] = inner.as_slice() else { panic!("{inner:#?}") };
        assert_eq!(attr(attrs, "deprecated"), Some(None));
        let [Block::Paragraph { inlines, at }] = deepest.as_slice() else { panic!("{deepest:#?}") };
        assert_eq!(markdown::plain_text(inlines), "Deep text.");
        assert_eq!(file.line_of(*at), 11);
        assert_eq!(&text[*at..*at + 4], "Deep");
    }

    #[test]
    fn callouts_are_transparent_and_code_is_never_a_tag() {
        let text = "<details>\n<summary>Enum values</summary>\n\n- `a`\n  <Warning>**Deprecated**. Use b.</Warning>\n- `b`\n</details>\n\n```ruby\n<Seam::Device:0x1\n```\n\nSee `<Foo>` here.\n";
        let (page, _) = parse_ok(text);
        let [Block::Details { blocks, .. }, Block::CodeBlock { text: code, .. }, Block::Paragraph { .. }] =
            page.blocks.as_slice()
        else {
            panic!("{:#?}", page.blocks)
        };
        assert!(code.contains("<Seam::Device"));
        let [Block::List { items, .. }] = blocks.as_slice() else { panic!("{blocks:#?}") };
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn unbalanced_tags_are_errors_with_their_lines() {
        let file = SourceFile::new("p.mdx", "p.mdx", "<Accordion title=\"x\">\n\ntext\n\n</Expandable>\n");
        let (_, diags) = parse(&file);
        let lines: Vec<u32> = diags.iter().map(|d| d.source.line).collect();
        assert_eq!(lines, [5, 1], "{diags:#?}");
    }

    #[test]
    fn attributes_in_every_form_and_tags_over_several_lines() {
        let (page, _) = parse_ok(
            "<CardGroup cols={3}>\n<Card\n  title='A &amp; B'\n  href=\"/x\"\n  horizontal\n/>\n</CardGroup>\n",
        );
        let [Block::Component { attrs, blocks, .. }] = page.blocks.as_slice() else { panic!("{:#?}", page.blocks) };
        assert_eq!(attr(attrs, "cols"), Some(Some("{3}")));
        let [Block::Component { attrs, .. }] = blocks.as_slice() else { panic!("{blocks:#?}") };
        assert_eq!(attr(attrs, "title"), Some(Some("A & B")));
        assert_eq!(attr(attrs, "horizontal"), Some(None));
    }
}
