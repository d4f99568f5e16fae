//! A small block tree over pulldown-cmark's events, shared by the Markdown
//! frontends.
//!
//! The docs mix Markdown with HTML (`<details>`, `<summary>`,
//! `<strong><code>`, `<i>`). pulldown-cmark hands HTML over as raw text, in
//! blocks that may swallow the lines after them; here every HTML tag is
//! tokenised and treated as the structure it is: `<details>` opens a
//! container, `<summary>` its title, `<code>`/`<strong>`/`<i>` inline marks.
//! Every node keeps the byte offset it starts at.

use std::ops::Range;

use pulldown_cmark::{Event as Ev, Options, Parser, Tag, TagEnd};

use crate::diag::Diagnostic;
use crate::source::SourceFile;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        inlines: Vec<Inline>,
        at: usize,
    },
    Paragraph {
        inlines: Vec<Inline>,
        at: usize,
    },
    /// `columns[i]` is the column of item `i`'s marker: the docs sometimes
    /// mean nesting by indentation that Markdown does not see as nesting.
    List {
        items: Vec<Vec<Block>>,
        columns: Vec<usize>,
        at: usize,
    },
    Rule {
        at: usize,
    },
    Details {
        summary: Vec<Inline>,
        blocks: Vec<Block>,
        at: usize,
    },
    CodeBlock {
        lang: String,
        /// What the fence's info string says after the language
        /// (```` ```json Ongoing Access Code ````): the example's title.
        title: Option<String>,
        text: String,
        at: usize,
    },
    /// A JSX component of an MDX page (`<ResponseField name="x">`), with
    /// its attributes (`None`: a bare attribute such as `deprecated`) and
    /// the blocks it holds. Plain Markdown pages never have one.
    Component {
        name: String,
        attrs: Vec<(String, Option<String>)>,
        blocks: Vec<Block>,
        at: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text { text: String, at: usize },
    Code { text: String, at: usize },
    Strong { children: Vec<Inline>, at: usize },
    Emph { children: Vec<Inline>, at: usize },
    Link { url: String, children: Vec<Inline>, at: usize },
    Break { at: usize },
}

impl Block {
    pub fn at(&self) -> usize {
        match self {
            Block::Heading { at, .. }
            | Block::Paragraph { at, .. }
            | Block::List { at, .. }
            | Block::Rule { at }
            | Block::Details { at, .. }
            | Block::CodeBlock { at, .. }
            | Block::Component { at, .. } => *at,
        }
    }

    /// Moves every offset in the block by `map` (a fragment's offsets to its
    /// file's).
    fn remap(&mut self, map: &dyn Fn(usize) -> usize) {
        match self {
            Block::Heading { inlines, at, .. } | Block::Paragraph { inlines, at } => {
                *at = map(*at);
                inlines.iter_mut().for_each(|i| i.remap(map));
            }
            Block::List { items, at, .. } => {
                *at = map(*at);
                items.iter_mut().flatten().for_each(|b| b.remap(map));
            }
            Block::Rule { at } | Block::CodeBlock { at, .. } => *at = map(*at),
            Block::Details { summary, blocks, at } => {
                *at = map(*at);
                summary.iter_mut().for_each(|i| i.remap(map));
                blocks.iter_mut().for_each(|b| b.remap(map));
            }
            Block::Component { blocks, at, .. } => {
                *at = map(*at);
                blocks.iter_mut().for_each(|b| b.remap(map));
            }
        }
    }
}

impl Inline {
    pub fn at(&self) -> usize {
        match self {
            Inline::Text { at, .. }
            | Inline::Code { at, .. }
            | Inline::Strong { at, .. }
            | Inline::Emph { at, .. }
            | Inline::Link { at, .. }
            | Inline::Break { at } => *at,
        }
    }

    fn remap(&mut self, map: &dyn Fn(usize) -> usize) {
        match self {
            Inline::Text { at, .. } | Inline::Code { at, .. } | Inline::Break { at } => *at = map(*at),
            Inline::Strong { children, at } | Inline::Emph { children, at } | Inline::Link { children, at, .. } => {
                *at = map(*at);
                children.iter_mut().for_each(|i| i.remap(map));
            }
        }
    }
}

/// The text of inlines with all marks removed (code spans keep their text).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(&mut out, inlines);
    out
}

fn push_plain(out: &mut String, inlines: &[Inline]) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } | Inline::Code { text, .. } => out.push_str(text),
            Inline::Strong { children, .. } | Inline::Emph { children, .. } | Inline::Link { children, .. } => {
                push_plain(out, children)
            }
            Inline::Break { .. } => out.push('\n'),
        }
    }
}

/// Inlines without the whitespace-only text nodes around marks, so that a
/// frontend can match on the shape of a line.
pub fn significant(inlines: &[Inline]) -> Vec<&Inline> {
    inlines
        .iter()
        .filter(|i| {
            !matches!(i, Inline::Text { text, .. } if text.trim().is_empty()) && !matches!(i, Inline::Break { .. })
        })
        .collect()
}

/// Renders inlines back to Markdown, with every relative link made absolute
/// by `resolve`.
pub fn to_markdown(inlines: &[Inline], resolve: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    push_markdown(&mut out, inlines, resolve);
    out
}

fn push_markdown(out: &mut String, inlines: &[Inline], resolve: &dyn Fn(&str) -> String) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } => push_text(out, text),
            Inline::Code { text, .. } => {
                let fence = if text.contains('`') { "``" } else { "`" };
                out.push_str(fence);
                out.push_str(text);
                out.push_str(fence);
            }
            Inline::Strong { children, .. } => {
                out.push_str("**");
                push_markdown(out, children, resolve);
                out.push_str("**");
            }
            Inline::Emph { children, .. } => {
                out.push('*');
                push_markdown(out, children, resolve);
                out.push('*');
            }
            Inline::Link { url, children, .. } => {
                out.push('[');
                push_markdown(out, children, resolve);
                out.push_str("](");
                out.push_str(&resolve(url));
                out.push(')');
            }
            Inline::Break { .. } => out.push('\n'),
        }
    }
}

/// Text as Markdown that renders as the same text: brackets that were not
/// link syntax are escaped, and a bare URL becomes an autolink (`<url>`).
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find("http://").or_else(|| rest.find("https://")) {
        push_escaped(out, &rest[..i]);
        let end = rest[i..].find(char::is_whitespace).map_or(rest.len(), |e| i + e);
        let url = rest[i..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &rest[i + url.len()..];
    }
    push_escaped(out, rest);
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Resolves a link found on the page at `doc_path` (relative to the root of
/// its docs tree) against the URL the tree is published under. `.md` is
/// dropped and `README.md` names its folder, as on docs.seam.co.
pub fn resolve_link(docs_url: &str, doc_path: &str, href: &str) -> String {
    if href.contains("://") || href.starts_with("mailto:") {
        return href.to_owned();
    }
    let (path_part, fragment) = match href.find('#') {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let Some(scheme_end) = docs_url.find("://") else { return href.to_owned() };
    let host_end = docs_url[scheme_end + 3..].find('/').map_or(docs_url.len(), |i| scheme_end + 3 + i);
    let (origin, base_path) = docs_url.split_at(host_end);
    let mut segments: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
    if !path_part.starts_with('/') {
        // The folder of the page within the tree.
        let dir = doc_path.rsplit_once('/').map_or("", |(d, _)| d);
        segments.extend(dir.split('/').filter(|s| !s.is_empty()));
    } else {
        segments.clear();
    }
    for seg in path_part.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut trailing_slash = path_part.is_empty() || path_part.ends_with('/');
    if let Some(last) = segments.last().copied() {
        if last.eq_ignore_ascii_case("README.md") {
            segments.pop();
            trailing_slash = false;
        } else if let Some(stem) = last.strip_suffix(".md") {
            *segments.last_mut().unwrap() = stem;
        }
    }
    let mut url = String::from(origin);
    for s in &segments {
        url.push('/');
        url.push_str(s);
    }
    if trailing_slash {
        url.push('/');
    }
    url.push_str(fragment);
    url
}

/// Parses a page into blocks. Problems with the HTML structure (a
/// `</details>` without its `<details>`, an unclosed `<details>`) are
/// reported as diagnostics; parsing never fails.
pub fn parse(file: &SourceFile) -> (Vec<Block>, Vec<Diagnostic>) {
    // YAML front matter (GitBook pages may have it too) is no Markdown.
    match front_matter(&file.text) {
        Some((_, body)) => parse_fragment(file, &file.text[body..], &|at| at + body),
        None => parse_fragment(file, &file.text, &|at| at),
    }
}

/// YAML front matter: a page that opens with a `---` line, up to the next
/// `---` line. The range of the YAML, and the offset the body starts at.
pub fn front_matter(text: &str) -> Option<(Range<usize>, usize)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let start = text.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// Parses `src`, a fragment made of pieces of `file` (an MDX page's Markdown
/// between two components, its indentation removed), into blocks whose
/// offsets `map` turns into offsets of `file`.
/// How deep blocks and inlines may nest in a page (or a fragment of one)
/// before it is an error. The docs nest a few levels; a tree much deeper
/// would overflow the stack of the steps that walk it.
pub const MAX_NESTING: usize = 100;

pub fn parse_fragment(file: &SourceFile, src: &str, map: &dyn Fn(usize) -> usize) -> (Vec<Block>, Vec<Diagnostic>) {
    parse_in_pieces(file, src, map, PIECE)
}

/// How much of a page pulldown-cmark is handed at once, at least: its
/// first pass builds a tree of all the blocks it is given, some twenty
/// bytes for each byte of text, so a long page is read in pieces (see
/// [`cuts`]).
const PIECE: usize = 64 * 1024;

/// [`parse_fragment`], handing pulldown-cmark pieces of about `piece`
/// bytes (or more) one after the other, into one block tree.
fn parse_in_pieces(
    file: &SourceFile,
    src: &str,
    map: &dyn Fn(usize) -> usize,
    piece: usize,
) -> (Vec<Block>, Vec<Diagnostic>) {
    let mut b =
        Builder { file, src, map, frames: vec![Frame::Root(Vec::new())], inlines: Vec::new(), diags: Vec::new() };
    let mut code_block: Option<(String, Option<String>, String, usize)> = None;
    let mut truncated = false;
    let cuts = cuts(src, piece);
    let events = cuts.windows(2).flat_map(|piece| {
        let offset = piece[0];
        Parser::new_ext(&src[offset..piece[1]], Options::empty())
            .into_offset_iter()
            .map(move |(ev, range)| (ev, range.start + offset..range.end + offset))
    });
    for (ev, range) in events {
        let start = range.start;
        if let Some((_, _, text, _)) = code_block.as_mut() {
            match ev {
                Ev::Text(t) => text.push_str(&t),
                Ev::End(TagEnd::CodeBlock) => {
                    let (lang, title, text, at) = code_block.take().unwrap();
                    b.push_block(Block::CodeBlock { lang, title, text, at });
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Ev::Start(Tag::Paragraph) => b.inlines.push(InlineFrame::new(InlineKind::Para, range.start)),
            Ev::End(TagEnd::Paragraph) => {
                b.close_inlines_to(|k| matches!(k, InlineKind::Para | InlineKind::ImplicitPara))
            }
            Ev::Start(Tag::Heading { level, .. }) => {
                b.close_implicit();
                b.inlines.push(InlineFrame::new(InlineKind::Heading(level as u8), range.start))
            }
            Ev::End(TagEnd::Heading(_)) => b.close_inlines_to(|k| matches!(k, InlineKind::Heading(_))),
            Ev::Start(Tag::List(_)) => {
                b.close_implicit();
                b.frames.push(Frame::List { items: Vec::new(), columns: Vec::new(), at: range.start })
            }
            Ev::End(TagEnd::List(_)) => {
                b.close_implicit();
                if let Some(Frame::List { items, columns, at }) = b.pop_frame_if(|f| matches!(f, Frame::List { .. })) {
                    b.push_block(Block::List { items, columns, at });
                }
            }
            Ev::Start(Tag::Item) => {
                b.close_implicit();
                // The item's range starts at the line's indentation; the
                // column that matters is the marker's.
                let line_start = src[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let marker =
                    range.start + src[range.start..].len() - src[range.start..].trim_start_matches([' ', '\t']).len();
                if let Some(Frame::List { columns, .. }) = b.frames.last_mut() {
                    columns.push(marker - line_start);
                }
                b.frames.push(Frame::Item(Vec::new()))
            }
            Ev::End(TagEnd::Item) => {
                b.close_implicit();
                // A `<details>` left open inside an item ends with the item.
                b.close_details_until(|f| matches!(f, Frame::Item(_)));
                if let Some(Frame::Item(mut blocks)) = b.pop_frame_if(|f| matches!(f, Frame::Item(_)))
                    && let Some(Frame::List { items, .. }) = b.frames.last_mut()
                {
                    blocks.shrink_to_fit();
                    items.push(blocks);
                }
            }
            Ev::Rule => {
                b.close_implicit();
                b.push_block(Block::Rule { at: range.start })
            }
            Ev::Start(Tag::CodeBlock(kind)) => {
                b.close_implicit();
                let (lang, title) = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        let info = info.trim();
                        let (lang, title) = info.split_once(char::is_whitespace).unwrap_or((info, ""));
                        let title = title.trim();
                        (lang.to_owned(), (!title.is_empty()).then(|| title.to_owned()))
                    }
                    pulldown_cmark::CodeBlockKind::Indented => (String::new(), None),
                };
                code_block = Some((lang, title, String::new(), range.start));
            }
            Ev::Start(Tag::Strong) => b.open_inline(InlineKind::Strong, range.start),
            Ev::Start(Tag::Emphasis) => b.open_inline(InlineKind::Emph, range.start),
            Ev::Start(Tag::Link { dest_url, .. }) | Ev::Start(Tag::Image { dest_url, .. }) => {
                b.open_inline(InlineKind::Link(dest_url.to_string()), range.start)
            }
            Ev::End(TagEnd::Strong) => b.close_inlines_to(|k| matches!(k, InlineKind::Strong)),
            Ev::End(TagEnd::Emphasis) => b.close_inlines_to(|k| matches!(k, InlineKind::Emph)),
            Ev::End(TagEnd::Link) | Ev::End(TagEnd::Image) => b.close_inlines_to(|k| matches!(k, InlineKind::Link(_))),
            Ev::Text(t) => b.push_inline(Inline::Text { text: t.to_string(), at: range.start }),
            Ev::Code(t) => b.push_inline(Inline::Code { text: t.to_string(), at: range.start }),
            Ev::SoftBreak | Ev::HardBreak if !b.inlines.is_empty() => b.push_inline(Inline::Break { at: range.start }),
            Ev::Html(t) => b.html(&t, range, true),
            Ev::InlineHtml(t) => b.html(&t, range, false),
            // An HTML block is a block: text it held does not run on into the
            // next paragraph (unless a `<summary>` is still open).
            Ev::End(TagEnd::HtmlBlock) if !b.inlines.iter().any(|f| f.kind == InlineKind::Summary) => {
                b.close_implicit()
            }
            // Block quotes, tables and the like are transparent: their
            // content is kept, their container is not modelled.
            _ => {}
        }
        // Nothing the docs mean nests this deep; reading on would build a
        // tree that every later step walks by recursion.
        if b.frames.len() + b.inlines.len() > MAX_NESTING {
            b.diags.push(
                Diagnostic::error(
                    b.source(start),
                    format!(
                        "lists, `<details>`, emphasis or links nested more than {MAX_NESTING} levels deep: \
                         the rest of the page is not read"
                    ),
                )
                .with_code("too-deep"),
            );
            truncated = true;
            break;
        }
    }
    b.close_implicit();
    b.close_inlines_to(|_| true);
    while b.frames.len() > 1 {
        let frame = b.frames.pop().unwrap();
        match frame {
            Frame::Details { summary, blocks, at } if truncated => b.push_block(Block::Details { summary, blocks, at }),
            Frame::Details { summary, blocks, at } => {
                b.diags.push(Diagnostic::error(
                    file.source(map(at)),
                    "`<details>` is never closed: expected `</details>` before the end of the page",
                ));
                b.push_block(Block::Details { summary, blocks, at });
            }
            Frame::Item(blocks) => {
                if let Some(Frame::List { items, .. }) = b.frames.last_mut() {
                    items.push(blocks)
                }
            }
            Frame::List { items, columns, at } => b.push_block(Block::List { items, columns, at }),
            Frame::Root(_) => unreachable!("the root frame is never popped"),
        }
    }
    let Some(Frame::Root(mut blocks)) = b.frames.pop() else { unreachable!("the root frame is the last one") };
    // The page's blocks stay while its frontend reads them: no spare room.
    blocks.shrink_to_fit();
    if !std::ptr::eq(src, file.text.as_str()) {
        blocks.iter_mut().for_each(|block| block.remap(map));
    }
    (blocks, b.diags)
}

/// Where `src` may be cut into pieces that pulldown-cmark reads as it
/// reads the whole, from 0 to its length: each piece but the last at
/// least `min` bytes long,
/// cut before a thematic break (`---` and nothing else, at the start of a
/// line) that follows a blank line. There every block has ended: a list,
/// a quote or an indented block does not go on past a line that starts
/// with no indentation and is no paragraph's continuation (a blank line
/// ends any paragraph, so the line is not a setext underline either).
/// What may go on past it is kept whole: a fenced code block or an HTML
/// block of the kinds that end at a marker, not at a blank line (comments,
/// `<pre>`, `<script>`, ...), from the line that opens it to the line
/// that closes it. That line opens one for sure only at the start of a
/// line after a blank one (elsewhere it may be in a list, a quote, or an
/// HTML block that a blank line ends); a page with a line anywhere else
/// that may open one is one piece, and so is a page with anything like a
/// link reference definition (which applies to the whole page).
fn cuts(src: &str, min: usize) -> Vec<usize> {
    // A link reference definition (its label may span lines), or a line
    // ending pulldown-cmark sees and `split_inclusive` does not (a lone
    // `\r`): one piece.
    if src.len() <= min || src.contains("]:") || src.replace("\r\n", "").contains('\r') {
        return vec![0, src.len()];
    }
    let mut cuts = vec![0];
    let mut open: Option<Until> = None;
    let (mut at, mut blank) = (0, true);
    for line in src.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let start = at;
        at += line.len();
        if let Some(until) = &open {
            if until.closed_by(text) {
                open = None;
            }
            blank = false;
            continue;
        }
        if blank && start - cuts[cuts.len() - 1] >= min && text.len() >= 3 && text.bytes().all(|c| c == b'-') {
            cuts.push(start);
        }
        open = Until::opened_by(text);
        if open.is_some() && !(blank && text.starts_with(['`', '~', '<'])) {
            return vec![0, src.len()];
        }
        // Blank as CommonMark has it: spaces and tabs only.
        blank = text.bytes().all(|c| c == b' ' || c == b'\t');
    }
    cuts.push(src.len());
    cuts
}

/// A line's text after its indentation and the marks of the containers
/// it may be in (`>`, list markers).
fn content(line: &str) -> &str {
    line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '>' | '-' | '*' | '+' | '.' | ')') || c.is_ascii_digit()
    })
}

/// The end of a block that a blank line does not end.
enum Until {
    /// A code fence: its character and length.
    Fence(char, usize),
    /// An HTML block: the text that ends it, in lower case.
    Html(&'static str),
}

impl Until {
    /// What a line may open (more often than pulldown-cmark would say).
    fn opened_by(line: &str) -> Option<Until> {
        let t = content(line);
        for fence in ['`', '~'] {
            let n = t.chars().take_while(|c| *c == fence).count();
            // A backtick in a backtick fence's info string: no fence.
            if n >= 3 && !(fence == '`' && t[n..].contains('`')) {
                return Some(Until::Fence(fence, n));
            }
        }
        let lower = t.to_ascii_lowercase();
        let (opener, end) = if lower.starts_with("<!--") {
            (4, "-->")
        } else if lower.starts_with("<?") {
            (2, "?>")
        } else if lower.starts_with("<![cdata[") {
            (9, "]]>")
        } else if lower.starts_with("<!") {
            (2, ">")
        } else {
            let (tag, end) =
                [("<script", "</script>"), ("<pre", "</pre>"), ("<style", "</style>"), ("<textarea", "</textarea>")]
                    .into_iter()
                    .find(|(tag, _)| {
                        lower.strip_prefix(tag).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '>']))
                    })?;
            (tag.len(), end)
        };
        // Ended on its own line already.
        (!lower[opener..].contains(end)).then_some(Until::Html(end))
    }

    /// Whether a line closes the block (opened at the top level).
    fn closed_by(&self, line: &str) -> bool {
        match self {
            Until::Fence(fence, n) => {
                let t = line.trim_start_matches(' ');
                line.len() - t.len() <= 3
                    && t.chars().take_while(|c| c == fence).count() >= *n
                    && t.trim_start_matches(*fence).bytes().all(|c| c == b' ')
            }
            Until::Html(end) => line.to_ascii_lowercase().contains(end),
        }
    }
}

enum Frame {
    Root(Vec<Block>),
    Details { summary: Vec<Inline>, blocks: Vec<Block>, at: usize },
    List { items: Vec<Vec<Block>>, columns: Vec<usize>, at: usize },
    Item(Vec<Block>),
}

#[derive(Debug, Clone, PartialEq)]
enum InlineKind {
    Para,
    /// Text outside any paragraph (tight list items, text in HTML blocks).
    ImplicitPara,
    Heading(u8),
    Summary,
    Strong,
    Emph,
    Code,
    Link(String),
}

struct InlineFrame {
    kind: InlineKind,
    children: Vec<Inline>,
    at: usize,
}

impl InlineFrame {
    fn new(kind: InlineKind, at: usize) -> Self {
        InlineFrame { kind, children: Vec::new(), at }
    }
}

struct Builder<'a> {
    file: &'a SourceFile,
    /// The text being parsed: the file's, or a fragment of it.
    src: &'a str,
    /// Offsets of `src` to offsets of the file.
    map: &'a dyn Fn(usize) -> usize,
    frames: Vec<Frame>,
    inlines: Vec<InlineFrame>,
    diags: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn source(&self, at: usize) -> crate::model::Source {
        self.file.source((self.map)(at))
    }

    fn push_block(&mut self, block: Block) {
        match self.frames.last_mut().expect("the root frame is always there") {
            Frame::Root(blocks) | Frame::Item(blocks) | Frame::Details { blocks, .. } => blocks.push(block),
            Frame::List { items, columns, .. } => {
                // Content directly in a list (cannot happen with pulldown's
                // event order, but stay total): give it an item of its own.
                items.push(vec![block]);
                columns.push(0);
            }
        }
    }

    fn pop_frame_if(&mut self, pred: impl Fn(&Frame) -> bool) -> Option<Frame> {
        if self.frames.len() > 1 && self.frames.last().is_some_and(pred) { self.frames.pop() } else { None }
    }

    fn push_inline(&mut self, inline: Inline) {
        if self.inlines.is_empty() {
            self.inlines.push(InlineFrame::new(InlineKind::ImplicitPara, inline.at()));
        }
        self.inlines.last_mut().unwrap().children.push(inline);
    }

    fn open_inline(&mut self, kind: InlineKind, at: usize) {
        if self.inlines.is_empty() {
            self.inlines.push(InlineFrame::new(InlineKind::ImplicitPara, at));
        }
        self.inlines.push(InlineFrame::new(kind, at));
    }

    fn close_implicit(&mut self) {
        if self.inlines.first().is_some_and(|f| f.kind == InlineKind::ImplicitPara) {
            self.close_inlines_to(|k| *k == InlineKind::ImplicitPara);
        }
    }

    /// Closes inline frames from the top down to and including the first one
    /// matching `pred`. Nothing happens when none matches.
    fn close_inlines_to(&mut self, pred: impl Fn(&InlineKind) -> bool) {
        let Some(pos) = self.inlines.iter().rposition(|f| pred(&f.kind)) else { return };
        while self.inlines.len() > pos {
            let frame = self.inlines.pop().unwrap();
            let InlineFrame { kind, mut children, at } = frame;
            // A page's tree is held whole while the frontends read it: no
            // room left over in its lists (a mark holds one inline, most
            // often, in room for four).
            children.shrink_to_fit();
            let done = match kind {
                InlineKind::Para | InlineKind::ImplicitPara => {
                    if !children.is_empty() {
                        self.push_block(Block::Paragraph { inlines: trim_inlines(children), at });
                    }
                    continue;
                }
                InlineKind::Heading(level) => {
                    self.push_block(Block::Heading { level, inlines: trim_inlines(children), at });
                    continue;
                }
                InlineKind::Summary => {
                    let summary = trim_inlines(children);
                    match self.frames.iter_mut().rev().find_map(|f| match f {
                        Frame::Details { summary, .. } => Some(summary),
                        _ => None,
                    }) {
                        Some(slot) => *slot = summary,
                        None => self.diags.push(Diagnostic::warning(
                            self.source(at),
                            "`<summary>` outside `<details>`: its text is kept as a paragraph",
                        )),
                    }
                    continue;
                }
                InlineKind::Strong => Inline::Strong { children, at },
                InlineKind::Emph => Inline::Emph { children, at },
                InlineKind::Code => Inline::Code { text: plain_text(&children), at },
                InlineKind::Link(url) => Inline::Link { url, children, at },
            };
            match self.inlines.last_mut() {
                Some(parent) => parent.children.push(done),
                None => self.push_inline(done),
            }
        }
    }

    /// Pops `<details>` frames left open inside a container that ends.
    fn close_details_until(&mut self, stop: impl Fn(&Frame) -> bool) {
        while self.frames.len() > 1 && !stop(self.frames.last().unwrap()) {
            match self.frames.pop().unwrap() {
                Frame::Details { summary, blocks, at } => {
                    self.diags.push(Diagnostic::error(
                        self.source(at),
                        "`<details>` is never closed: expected `</details>` before the list item ends",
                    ));
                    self.push_block(Block::Details { summary, blocks, at });
                }
                other => {
                    self.frames.push(other);
                    return;
                }
            }
        }
    }

    /// HTML, inline or a line of an HTML block. An HTML block runs to the
    /// next blank line and so can swallow Markdown lines after a tag
    /// (`</details>\n---`): a thematic break there is still a rule.
    fn html(&mut self, text: &str, range: Range<usize>, in_block: bool) {
        let src = self.src;
        let base = match src.get(range.clone()) {
            Some(s) if s == text => range.start,
            Some(s) => s.find(text).map_or(range.start, |i| range.start + i),
            None => range.start,
        };
        for tok in tokenize_html(text) {
            let at = base + tok.offset;
            match tok.kind {
                HtmlToken::Text(t) if in_block && is_thematic_break(t) => {
                    self.close_implicit();
                    self.push_block(Block::Rule { at });
                }
                HtmlToken::Text(t) => {
                    if t.trim().is_empty() {
                        // Whitespace between tags matters only inside a line.
                        if !self.inlines.is_empty() && !t.contains('\n') {
                            self.push_inline(Inline::Text { text: t.to_owned(), at });
                        }
                    } else {
                        self.push_inline(Inline::Text { text: decode_entities(t.trim_end_matches('\n')), at });
                    }
                }
                HtmlToken::Comment => {}
                HtmlToken::Open(name, attrs) => match name.as_str() {
                    "details" => {
                        self.close_implicit();
                        self.frames.push(Frame::Details { summary: Vec::new(), blocks: Vec::new(), at });
                    }
                    "summary" => {
                        self.close_implicit();
                        self.inlines.push(InlineFrame::new(InlineKind::Summary, at));
                    }
                    "code" | "tt" => self.open_inline(InlineKind::Code, at),
                    "strong" | "b" => self.open_inline(InlineKind::Strong, at),
                    "i" | "em" => self.open_inline(InlineKind::Emph, at),
                    "a" => self.open_inline(InlineKind::Link(attr(attrs, "href").unwrap_or_default()), at),
                    "br" => self.push_inline(Inline::Break { at }),
                    "p" | "div" | "span" | "sup" | "sub" | "table" | "thead" | "tbody" | "tr" | "td" | "th" => {}
                    other => self.diags.push(Diagnostic::warning(
                        self.source(at),
                        format!("HTML tag `<{other}>` is not understood; its text is kept, the tag is not"),
                    )),
                },
                HtmlToken::Close(name) => match name.as_str() {
                    "details" => {
                        self.close_implicit();
                        if self.inlines.iter().any(|f| f.kind == InlineKind::Summary) {
                            self.close_inlines_to(|k| *k == InlineKind::Summary);
                        }
                        self.close_details_until(|f| matches!(f, Frame::Details { .. }));
                        match self.pop_frame_if(|f| matches!(f, Frame::Details { .. })) {
                            Some(Frame::Details { summary, mut blocks, at }) => {
                                blocks.shrink_to_fit();
                                self.push_block(Block::Details { summary, blocks, at })
                            }
                            _ => self.diags.push(Diagnostic::error(
                                self.source(at),
                                "`</details>` without a matching `<details>`",
                            )),
                        }
                    }
                    "summary" => self.close_inlines_to(|k| *k == InlineKind::Summary),
                    "code" | "tt" => self.close_inlines_to(|k| *k == InlineKind::Code),
                    "strong" | "b" => self.close_inlines_to(|k| *k == InlineKind::Strong),
                    "i" | "em" => self.close_inlines_to(|k| *k == InlineKind::Emph),
                    "a" => self.close_inlines_to(|k| matches!(k, InlineKind::Link(_))),
                    _ => {}
                },
            }
            // One HTML block can open thousands of tags: stop as deep as
            // the caller's check allows, which reports it.
            if self.frames.len() + self.inlines.len() > MAX_NESTING {
                return;
            }
        }
    }
}

/// `---`, `***`, `___` (three or more, spaces allowed) alone on a line.
fn is_thematic_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*') || t.chars().all(|c| c == '_'))
}

/// Drops leading and trailing whitespace-only text and breaks.
fn trim_inlines(mut v: Vec<Inline>) -> Vec<Inline> {
    let blank = |i: &Inline| match i {
        Inline::Text { text, .. } => text.trim().is_empty(),
        Inline::Break { .. } => true,
        _ => false,
    };
    while v.last().is_some_and(blank) {
        v.pop();
    }
    let lead = v.iter().take_while(|i| blank(i)).count();
    v.drain(..lead);
    if let Some(Inline::Text { text, .. }) = v.first_mut() {
        *text = text.trim_start().to_owned();
    }
    if let Some(Inline::Text { text, .. }) = v.last_mut() {
        *text = text.trim_end().to_owned();
    }
    v.shrink_to_fit();
    v
}

struct Token<'a> {
    offset: usize,
    kind: HtmlToken<'a>,
}

enum HtmlToken<'a> {
    Text(&'a str),
    Open(String, &'a str),
    Close(String),
    Comment,
}

fn tokenize_html(s: &str) -> Vec<Token<'_>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &s[i..];
        let (len, kind) = if let Some(body) = rest.strip_prefix("<!--") {
            match body.find("-->") {
                Some(end) => (4 + end + 3, HtmlToken::Comment),
                None => (rest.len(), HtmlToken::Comment),
            }
        } else {
            let closing = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = if closing { 2 } else { 1 };
            let name_len = rest[name_start..].bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
            let Some(end) = rest.find('>') else {
                i += 1;
                continue;
            };
            if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
            let attrs = rest[name_start + name_len..end].trim_end_matches('/');
            (end + 1, if closing { HtmlToken::Close(name) } else { HtmlToken::Open(name, attrs) })
        };
        if text_start < i {
            out.push(Token { offset: text_start, kind: HtmlToken::Text(&s[text_start..i]) });
        }
        out.push(Token { offset: i, kind });
        i += len;
        text_start = i;
    }
    if text_start < s.len() {
        out.push(Token { offset: text_start, kind: HtmlToken::Text(&s[text_start..]) });
    }
    out
}

fn attr(attrs: &str, name: &str) -> Option<String> {
    let i = attrs.find(&format!("{name}="))?;
    let rest = &attrs[i + name.len() + 1..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let end = rest[1..].find(quote)?;
        Some(decode_entities(&rest[1..1 + end]))
    } else {
        Some(rest.split_whitespace().next().unwrap_or("").to_owned())
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page of `dir` (recursively), read whole and in the smallest
    /// pieces [`cuts`] allows: the same blocks and the same diagnostics.
    /// Returns how many pages were cut at all.
    fn same_in_pieces(dir: &std::path::Path) -> usize {
        let mut cut = 0;
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md" || e == "mdx") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    cut += usize::from(agrees(&path.display().to_string(), &text));
                }
            }
        }
        cut
    }

    /// Whether `text` read whole and in pieces agree (asserted), and
    /// whether it was cut at all.
    fn agrees(name: &str, text: &str) -> bool {
        let file = SourceFile::new(name, name, text);
        let whole = parse_in_pieces(&file, &file.text, &|at| at, usize::MAX);
        let cut = parse_in_pieces(&file, &file.text, &|at| at, 1);
        assert_eq!(whole, cut, "{name}: read in pieces, cut at {:?}", cuts(&file.text, 1));
        cuts(&file.text, 1).len() > 2
    }

    #[test]
    fn a_page_read_in_pieces_is_the_page_read_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let n = same_in_pieces(&root.join("spec"));
        assert!(n > 10, "spec/'s pages are hardly ever cut");
        let corpus = root.join("../shared/corpus");
        if corpus.is_dir() {
            let n = same_in_pieces(&corpus);
            assert!(n > 100, "the corpus' pages are hardly ever cut");
        }
    }

    #[test]
    fn what_goes_on_past_a_rule_is_never_cut() {
        let cases = [
            // Cut between the two paragraphs, and only there.
            ("a\n\n---\n\nb\n", 2),
            // A setext heading's underline, a rule right after text, an
            // indented one, one with more after it.
            ("a\n---\n\nb\n", 1),
            ("- a\n\n  ---\n\nb\n", 1),
            ("a\n\n--- x\n", 1),
            // Fences of either kind, closed or not, in a list or a quote,
            // with a rule and blank lines inside.
            ("```\na\n\n---\n\n```\n\n---\nb\n", 2),
            ("~~~~ x\n\n---\n~~~\n\n---\n~~~~\n\n---\nb\n", 2),
            ("- a\n\n  ```\n\n---\n\n  ```\n\n---\nb\n", 1),
            ("<details>\n```\n\n---\n\n```\n\n---\nb\n", 1),
            ("a\n```\n\n---\n\n```\n\n---\nb\n", 1),
            ("> ```\n>\n---\n\n---\n", 1),
            ("```\n\n---\n", 1),
            ("    ```\n\n---\n\n---\n", 1),
            ("``` `x`\n\n---\n", 2),
            // HTML blocks that a blank line does not end.
            ("<!-- a\n\n---\n\n-->\n\n---\nb\n", 2),
            ("<!-- a -->\n\n---\nb\n", 2),
            ("<pre>\n\n---\n\n</PRE>\n\n---\nb\n", 2),
            ("<script type=x>\n\n---\n</script>\n\n---\n", 2),
            ("<?php\n\n---\n?>\n\n---\n", 2),
            ("<!DOCTYPE\n\n---\n>\n\n---\n", 2),
            ("<![CDATA[\n\n---\n]]>\n\n---\n", 2),
            ("<details>\n\n---\n\n</details>\n", 2),
            // A link reference definition anywhere, its label on two
            // lines or not: one piece.
            ("[x]\n\n---\n\n- [x]: /u\n", 1),
            ("[x\ny]: /u\n\n---\n\n[x y]\n", 1),
            ("[x y]\n\n---\n\n[x\ny]: /u\n", 1),
            // Blank and closed as CommonMark has them: spaces and tabs only.
            ("a\n\u{a0}\n---\n\nb\n", 1),
            ("a\n \t\n---\n\nb\n", 2),
            ("```\nx\n```\u{a0}\n\n---\n\nb\n", 1),
            ("```\nx\n```  \n\n---\n\nb\n", 2),
            ("```\nx\n``` \t\n\n---\n\nb\n", 1),
            // A lone carriage return ends a line too.
            ("x\r```\n\n---\n\nb\n", 1),
        ];
        for (text, n) in cases {
            agrees(text, text);
            assert_eq!(cuts(text, 1).len() - 1, n, "{text:?}: {:?}", cuts(text, 1));
        }
    }

    fn blocks(text: &str) -> Vec<Block> {
        let (b, d) = parse(&SourceFile::new("t.md", "t.md", text));
        assert!(d.is_empty(), "{d:?}");
        b
    }

    #[test]
    fn details_with_summary_and_body_is_one_block() {
        let b = blocks(
            "<details>\n\n<summary><code>id</code> Format: <code>UUID</code></summary>\n\nID of it.\n</details>\n---\n",
        );
        // The `---` that the HTML block swallowed is still a rule.
        let [Block::Details { summary, blocks, .. }, Block::Rule { at: 94 }] = b.as_slice() else { panic!("{b:#?}") };
        assert_eq!(plain_text(summary), "id Format: UUID");
        assert!(matches!(summary[0], Inline::Code { ref text, .. } if text == "id"));
        let [Block::Paragraph { inlines, .. }] = blocks.as_slice() else { panic!("{blocks:#?}") };
        assert_eq!(plain_text(inlines), "ID of it.");
    }

    #[test]
    fn html_marks_become_inline_marks_with_offsets() {
        let text = "<strong><code>status</code></strong> <i>String</i>\n\n  Status.\n";
        let b = blocks(text);
        let Block::Paragraph { inlines, .. } = &b[0] else { panic!() };
        let sig = significant(inlines);
        let Inline::Strong { children, .. } = sig[0] else { panic!("{sig:?}") };
        let Inline::Code { text: name, at } = &children[0] else { panic!() };
        assert_eq!(name, "status");
        assert_eq!(&text[*at..*at + 6], "<code>");
        assert!(matches!(sig[1], Inline::Emph { .. }));
    }

    #[test]
    fn unclosed_details_is_an_error_with_its_line() {
        let (_, d) = parse(&SourceFile::new("t.md", "t.md", "# T\n\n<details>\n\n<summary>x</summary>\n"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].source.line, 3);
        assert!(d[0].message.contains("never closed"));
    }

    #[test]
    fn stray_closing_details_is_an_error() {
        let (_, d) = parse(&SourceFile::new("t.md", "t.md", "text\n\n</details>\n"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].source.line, 3);
    }

    #[test]
    fn text_renders_back_as_the_same_text() {
        let text = "ID of the [encoder](https://docs.seam.co/x. Or see https://a.b/c, then.";
        let (b, _) = parse(&SourceFile::new("t.md", "t.md", text));
        let Block::Paragraph { inlines, .. } = &b[0] else { panic!() };
        assert_eq!(
            to_markdown(inlines, &|u| u.to_owned()),
            "ID of the \\[encoder\\](<https://docs.seam.co/x>. Or see <https://a.b/c>, then."
        );
    }

    #[test]
    fn links_resolve_against_the_page() {
        let base = "https://docs.seam.co/latest/api/";
        let page = "action_attempts/README.md";
        assert_eq!(
            resolve_link(base, page, "../../core-concepts/action-attempts.md"),
            "https://docs.seam.co/latest/core-concepts/action-attempts"
        );
        assert_eq!(
            resolve_link(base, page, "../../core-concepts/workspaces/README.md"),
            "https://docs.seam.co/latest/core-concepts/workspaces"
        );
        assert_eq!(resolve_link(base, page, "./get.md"), "https://docs.seam.co/latest/api/action_attempts/get");
        assert_eq!(resolve_link(base, page, "./#errors"), "https://docs.seam.co/latest/api/action_attempts/#errors");
        assert_eq!(resolve_link(base, page, "https://example.com/x.md"), "https://example.com/x.md");
    }
}
