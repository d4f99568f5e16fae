//! Frontends: one per docs layout. Each reads one page into a fragment of the
//! model; `merge` then folds the fragments together. Frontends know Markdown
//! and the docs' conventions, and nothing of Rust.

mod condensed;
mod endpoint_page;
mod format;
mod mintlify;
mod openapi;
mod page_text;
mod properties;
mod sections;
pub mod split;

use crate::diag::Diagnostic;
use crate::markdown::{self, Block, Inline};
use crate::model::{Layout, Model, Page, PageKind, Source, Type};
use crate::source::SourceFile;
pub(crate) use properties::{PropDraft, format_draft, read_props, read_props_of, strip_liquid};

static NO_KNOWLEDGE: split::Knowledge = split::Knowledge::new();

/// What one page contributed.
#[derive(Debug)]
pub struct PageResult {
    pub layout: Layout,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one page, whatever its layout. `knowledge` is what the other pages
/// say about enum values: page text needs it to split values that run
/// together.
pub fn read_page(file: &SourceFile, docs_url: &str, knowledge: &split::Knowledge) -> PageResult {
    read_page_with(file, docs_url, Some(knowledge))
}

/// [`read_page`]; without `knowledge`, a page of page text is only
/// recognised (its values cannot be split yet) and read later.
pub(crate) fn read_page_with(file: &SourceFile, docs_url: &str, knowledge: Option<&split::Knowledge>) -> PageResult {
    if is_structured(&file.path) {
        return openapi::read(file, &site_root(docs_url));
    }
    // MDX is told apart by its syntax (front matter, JSX components), then
    // its components are lowered to the blocks the condensed grammar reads.
    let mut endpoint_page = false;
    let (blocks, mut diagnostics, layout, component_diags) = if crate::mdx::is_mdx(&file.text) {
        let (page, diags) = crate::mdx::parse(file);
        endpoint_page = page.front_matter.contains_key("openapi");
        let lowered = mintlify::lower(page, file);
        (lowered.blocks, diags, Layout::Mintlify, lowered.component_diags)
    } else {
        let (blocks, diags) = markdown::parse(file);
        let layout = detect(&blocks);
        (blocks, diags, layout, Vec::new())
    };
    let Some(knowledge) = knowledge.or(if layout == Layout::PageText { None } else { Some(&NO_KNOWLEDGE) }) else {
        return PageResult { layout, model: Model::default(), diagnostics };
    };
    // A Mintlify tree is a copy of the whole site (`api/...`): its links
    // resolve against the site's root, not the GitBook API folder's.
    let site = site_root(docs_url);
    let docs_url = if layout == Layout::Mintlify { site.as_str() } else { docs_url };
    let mut cx = PageCx { file, docs_url, diags: Vec::new() };
    let mut model = Model::default();
    // A Mintlify endpoint page renders the OpenAPI document, which is read
    // itself; a GitBook one is read here.
    let kind = if endpoint_page {
        PageKind::Endpoint
    } else if layout != Layout::Mintlify && is_endpoint_page(&blocks) {
        endpoint_page::read(&blocks, &mut cx, &mut model);
        PageKind::Endpoint
    } else {
        match layout {
            Layout::Format => format::read(&blocks, &mut cx, &mut model),
            Layout::Condensed | Layout::Mintlify => condensed::read(&blocks, &mut cx, &mut model),
            Layout::PageText => page_text::read(&mut cx, &mut model, knowledge),
            Layout::Unknown | Layout::OpenApi => {}
        }
        let facts = !model.resources.is_empty() || !model.events.is_empty() || !model.event_types.is_empty();
        if facts {
            cx.diags.extend(component_diags);
            PageKind::Resource
        } else if !model.endpoints.is_empty() || has_heading(&blocks, "Resources") || has_heading(&blocks, "Endpoints")
        {
            cx.diags.extend(component_diags);
            PageKind::Namespace
        } else if layout == Layout::Mintlify {
            // A guide (installation, pagination...): its components,
            // sections and HTML are its own, and nothing in it is API
            // reference; what the reading made of it is not reported.
            // Errors stay: a page that could not be read whole (a tag
            // never closed, nesting too deep) may be reference content.
            let unread = cx.diags.len() + diagnostics.len() + component_diags.len();
            cx.diags.retain(|d| d.severity == crate::diag::Severity::Error);
            diagnostics.retain(|d| d.severity == crate::diag::Severity::Error);
            cx.diags.push(Diagnostic::info(
                file.source(0),
                format!(
                    "a guide, with no API reference content (no object, property, event or endpoint): counted, \
                     nothing to model ({unread} note(s) on its markup not reported)"
                ),
            ));
            PageKind::Other
        } else if layout == Layout::Unknown && !looks_like_reference(&blocks) {
            cx.diags.push(Diagnostic::info(
                file.source(0),
                "no API reference content here (no object, property, event or endpoint): counted, nothing to model",
            ));
            PageKind::Other
        } else {
            cx.diags.push(Diagnostic::warning(
                file.source(0),
                "no known docs layout recognised: expected `Format: `-style property headings, \
                 `**`name`** *Type*` property lines, or page text copied from the web site; the page is not modelled",
            ));
            PageKind::Other
        }
    };
    model.pages.push(Page { file: file.path.clone(), layout, kind, spec: None });
    diagnostics.append(&mut cx.diags);
    PageResult { layout, model, diagnostics }
}

/// `https://docs.seam.co/latest/api/` → `https://docs.seam.co/`.
fn site_root(docs_url: &str) -> String {
    match docs_url.find("://") {
        Some(i) => {
            let host_end = docs_url[i + 3..].find('/').map_or(docs_url.len(), |e| i + 3 + e);
            format!("{}/", &docs_url[..host_end])
        }
        None => docs_url.to_owned(),
    }
}

/// Is this file a structured document (an OpenAPI document, or other JSON
/// or YAML), not a page?
pub fn is_structured(path: &str) -> bool {
    [".json", ".yaml", ".yml"].iter().any(|e| path.ends_with(e))
}

/// Markdown from a structured source (an OpenAPI description), rendered the
/// way page text is: brackets that are no link escaped, bare URLs as
/// autolinks, relative links made absolute against the docs site `site`.
pub(crate) fn markdown_to_docs(text: &str, site: &str) -> String {
    let file = SourceFile::new("", "", text);
    let (blocks, _) = markdown::parse(&file);
    let cx = PageCx { file: &file, docs_url: site, diags: Vec::new() };
    let parts: Vec<String> = blocks.iter().filter_map(|b| cx.block_md(b)).collect();
    parts.join("\n\n")
}

/// An endpoint's page: its request and response sections, or its
/// `POST /path` line.
fn is_endpoint_page(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Heading { inlines, .. } => {
            matches!(
                markdown::plain_text(inlines).trim(),
                "Request Parameters" | "Request" | "Response" | "Return Type"
            )
        }
        Block::CodeBlock { text, .. } => {
            let first = text.trim_start();
            ["POST /", "GET /", "PUT /", "PATCH /", "DELETE /"].iter().any(|m| first.starts_with(m))
        }
        _ => false,
    })
}

fn has_heading(blocks: &[Block], title: &str) -> bool {
    blocks.iter().any(|b| matches!(b, Block::Heading { inlines, .. } if markdown::plain_text(inlines).trim() == title))
}

/// Does a page look like it means to describe the API (so that not reading
/// it is worth a warning)? Headings that name code, or say Properties.
fn looks_like_reference(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Heading { inlines, .. } => {
            inlines.iter().any(|i| matches!(i, Inline::Code { .. }))
                || matches!(markdown::plain_text(inlines).trim(), "Properties" | "Events")
        }
        _ => false,
    })
}

/// Recognises a page's layout from its content alone.
pub fn detect(blocks: &[Block]) -> Layout {
    let mut stats = Stats::default();
    stats.visit(blocks);
    if stats.format_lines > 0 {
        Layout::Format
    } else if stats.typed_name_lines > 0 || stats.bold_code_headers > 0 {
        Layout::Condensed
    } else if !stats.markup && stats.plain_paragraphs > 0 {
        Layout::PageText
    } else {
        Layout::Unknown
    }
}

#[derive(Default)]
struct Stats {
    /// `Format: `X`` lines (paragraphs or summaries).
    format_lines: usize,
    /// `**`name`** *Type*` lines.
    typed_name_lines: usize,
    /// `**`name`**` alone on a line.
    bold_code_headers: usize,
    /// Any heading, code, emphasis, list or HTML structure.
    markup: bool,
    plain_paragraphs: usize,
}

impl Stats {
    fn visit(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph { inlines, .. } => {
                    self.line(inlines);
                    if inlines.iter().all(|i| matches!(i, Inline::Text { .. } | Inline::Break { .. })) {
                        self.plain_paragraphs += 1;
                    } else {
                        self.markup = true;
                    }
                }
                Block::Heading { .. } | Block::Rule { .. } | Block::CodeBlock { .. } => self.markup = true,
                Block::List { items, .. } => {
                    self.markup = true;
                    items.iter().for_each(|i| self.visit(i));
                }
                Block::Details { summary, blocks, .. } => {
                    self.markup = true;
                    self.line(summary);
                    self.visit(blocks);
                }
                Block::Component { blocks, .. } => {
                    self.markup = true;
                    self.visit(blocks);
                }
            }
        }
    }

    fn line(&mut self, inlines: &[Inline]) {
        if format_label(inlines).is_some() || format_draft(inlines).is_some() {
            self.format_lines += 1;
        }
        if let Some(h) = typed_name(inlines) {
            if h.labels.is_empty() {
                self.bold_code_headers += 1;
            } else {
                self.typed_name_lines += 1;
            }
        }
    }
}

/// Per-page state every frontend needs: where facts are, and how to write
/// descriptions.
pub(crate) struct PageCx<'a> {
    pub file: &'a SourceFile,
    pub docs_url: &'a str,
    pub diags: Vec<Diagnostic>,
}

impl PageCx<'_> {
    pub fn src(&self, at: usize) -> Source {
        self.file.source(at)
    }

    /// Markdown of the inlines, links made absolute.
    pub fn md(&self, inlines: &[Inline]) -> String {
        let (url, page) = (self.docs_url, self.file.doc_path.as_str());
        markdown::to_markdown(inlines, &|href| markdown::resolve_link(url, page, href))
    }

    #[track_caller]
    pub fn error(&mut self, at: usize, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.src(at), msg));
    }

    #[track_caller]
    pub fn warning(&mut self, at: usize, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(self.src(at), msg));
    }

    /// A description block as Markdown: paragraphs as they are, list items as
    /// `- ` lines.
    pub fn block_md(&self, block: &Block) -> Option<String> {
        match block {
            Block::Paragraph { inlines, .. } => Some(self.md(inlines)),
            Block::List { items, .. } => Some(
                items
                    .iter()
                    .map(|item| {
                        let text: Vec<String> = item.iter().filter_map(|b| self.block_md(b)).collect();
                        // Continuation lines stay inside the item.
                        format!("- {}", text.join("\n\n").replace('\n', "\n  "))
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Block::CodeBlock { lang, text, .. } => Some(format!("```{lang}\n{text}```")),
            // Components are lowered before any page is read.
            Block::Component { blocks, .. } => {
                let parts: Vec<String> = blocks.iter().filter_map(|b| self.block_md(b)).collect();
                (!parts.is_empty()).then(|| parts.join("\n\n"))
            }
            _ => None,
        }
    }
}

/// The docs' type words, as a model type: GitBook's (`UUID`, `Datetime`,
/// and `DateTime` as the events page spells it) and Mintlify's, which name
/// a JSON type with a detail in parentheses (`String (UUID)`, `String (ISO
/// 8601)`, `Enum (String)`, `number`, `Array`). Words are case-insensitive;
/// `T[]` and `Array (T)` are lists of `T`.
pub(crate) fn type_from_label(label: &str) -> Option<Type> {
    let label = label.trim();
    if let Some(item) = label.strip_suffix("[]") {
        return Some(Type::List { item: Box::new(type_from_label(item)?) });
    }
    if let Some((base, detail)) = label.strip_suffix(')').and_then(|l| l.split_once('(')) {
        let (base, detail) = (base.trim().to_ascii_lowercase(), detail.trim());
        return match base.as_str() {
            "string" => Some(match detail.to_ascii_lowercase().as_str() {
                "uuid" => Type::Uuid,
                "iso 8601" | "date-time" | "datetime" => Type::Datetime,
                _ => Type::String,
            }),
            "enum" => Some(Type::Enum { values: Vec::new() }),
            "array" | "list" => Some(Type::List { item: Box::new(type_from_label(detail)?) }),
            _ => None,
        };
    }
    Some(match label.to_ascii_lowercase().as_str() {
        "uuid" => Type::Uuid,
        "datetime" => Type::Datetime,
        "string" => Type::String,
        "boolean" | "bool" => Type::Boolean,
        "number" | "integer" => Type::Number,
        "enum" => Type::Enum { values: Vec::new() },
        "object" => Type::Object { properties: Vec::new() },
        "list" | "array" => Type::List { item: Box::new(Type::Any) },
        "record" => Type::Record,
        _ => return None,
    })
}

pub(crate) const TYPE_LABELS: &str = "UUID, Datetime, String, Boolean, Number, Enum, Object, List, Record \
                                      (any case; Mintlify's `String (UUID)`, `String (ISO 8601)`, `Enum (String)`, \
                                      `Array`, `T[]`)";

/// `Format: `X`` → `X` and its offset.
pub(crate) fn format_label(inlines: &[Inline]) -> Option<(String, usize)> {
    labelled_code(inlines, "Format:")
}

/// `<prefix> `X`` (a text then one code span) → `X`.
pub(crate) fn labelled_code(inlines: &[Inline], prefix: &str) -> Option<(String, usize)> {
    let sig = markdown::significant(inlines);
    match sig.as_slice() {
        [Inline::Text { text, .. }, Inline::Code { text: code, at }] if text.trim() == prefix => {
            Some((code.clone(), *at))
        }
        _ => None,
    }
}

/// A `**`name`** *Type* *of X*` line (also `<strong><code>name</code></strong>
/// <i>Type</i>`, and with the name linked): the name, its offset, and the
/// type words in order.
pub(crate) struct TypedName {
    pub name: String,
    pub at: usize,
    pub labels: Vec<(String, usize)>,
    /// The line ends with `(Required)` (a request parameter).
    pub required: bool,
}

pub(crate) fn typed_name(inlines: &[Inline]) -> Option<TypedName> {
    let sig = markdown::significant(inlines);
    let (first, rest) = sig.split_first()?;
    let strong = match first {
        Inline::Strong { children, .. } => children,
        Inline::Link { children, .. } => match markdown::significant(children).as_slice() {
            [Inline::Strong { children, .. }] => children,
            _ => return None,
        },
        _ => return None,
    };
    let (name, at) = match markdown::significant(strong).as_slice() {
        [Inline::Code { text, at }] => (text.clone(), *at),
        _ => return None,
    };
    let mut labels = Vec::new();
    let mut required = false;
    for i in rest {
        match i {
            Inline::Emph { children, at } if !required => {
                labels.push((markdown::plain_text(children).trim().to_owned(), *at))
            }
            Inline::Text { text, .. } if !labels.is_empty() && !required && text.trim() == "(Required)" => {
                required = true
            }
            _ => return None,
        }
    }
    Some(TypedName { name, at, labels, required })
}
