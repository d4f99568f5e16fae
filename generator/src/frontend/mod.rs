//! Frontends: one per docs layout. Each reads one page into a fragment of the
//! model; `merge` then folds the fragments together. Frontends know Markdown
//! and the docs' conventions, and nothing of Rust.

mod condensed;
mod format;
mod page_text;
pub mod split;

use crate::diag::Diagnostic;
use crate::markdown::{self, Block, Inline};
use crate::model::{EnumValue, Layout, Model, Page, Property, Source, Type};
use crate::source::SourceFile;

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
    let (blocks, mut diagnostics) = markdown::parse(file);
    let layout = detect(&blocks);
    let mut cx = PageCx { file, docs_url, diags: Vec::new() };
    let mut model = Model::default();
    match layout {
        Layout::Format => format::read(&blocks, &mut cx, &mut model),
        Layout::Condensed => condensed::read(&blocks, &mut cx, &mut model),
        Layout::PageText => page_text::read(&mut cx, &mut model, knowledge),
        Layout::Unknown => cx.diags.push(Diagnostic::warning(
            file.source(0),
            "no known docs layout recognised: expected `Format: `-style property headings, \
             `**`name`** *Type*` property lines, or page text copied from the web site; the page is not modelled",
        )),
    }
    model.pages.push(Page { file: file.path.clone(), layout });
    diagnostics.append(&mut cx.diags);
    PageResult { layout, model, diagnostics }
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
            }
        }
    }

    fn line(&mut self, inlines: &[Inline]) {
        if format_label(inlines).is_some() || summary_format(inlines).is_some() {
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

    pub fn error(&mut self, at: usize, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.src(at), msg));
    }

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
                        format!("- {}", text.join(" "))
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Block::CodeBlock { lang, text, .. } => Some(format!("```{lang}\n{text}```")),
            _ => None,
        }
    }
}

/// The docs' type words, as a model type. `DateTime` (the events page's
/// spelling) is the same as `Datetime`.
pub(crate) fn type_from_label(label: &str) -> Option<Type> {
    Some(match label.trim() {
        "UUID" | "Uuid" => Type::Uuid,
        "Datetime" | "DateTime" => Type::Datetime,
        "String" => Type::String,
        "Boolean" => Type::Boolean,
        "Number" => Type::Number,
        "Enum" => Type::Enum { values: Vec::new() },
        "Object" => Type::Object { properties: Vec::new() },
        "List" => Type::List { item: Box::new(Type::Any) },
        "Record" => Type::Record,
        _ => return None,
    })
}

pub(crate) const TYPE_LABELS: &str = "UUID, Datetime, String, Boolean, Number, Enum, Object, List, Record";

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

/// `<code>name</code> Format: <code>Type</code>` in a summary.
pub(crate) fn summary_format(inlines: &[Inline]) -> Option<(String, usize, String, usize)> {
    let sig = markdown::significant(inlines);
    match sig.as_slice() {
        [Inline::Code { text: name, at }, Inline::Text { text, .. }, Inline::Code { text: ty, at: ty_at }]
            if text.trim() == "Format:" =>
        {
            Some((name.clone(), *at, ty.clone(), *ty_at))
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
    for i in rest {
        match i {
            Inline::Emph { children, at } => labels.push((markdown::plain_text(children).trim().to_owned(), *at)),
            _ => return None,
        }
    }
    Some(TypedName { name, at, labels })
}

/// A property being read: what its lines said so far.
pub(crate) struct PropDraft {
    pub name: String,
    pub at: usize,
    pub label: Option<(String, usize)>,
    pub item_label: Option<(String, usize)>,
    pub description: Vec<String>,
    pub enum_values: Option<Vec<EnumValue>>,
    pub const_value: Option<(String, usize)>,
    /// The last line announced an enum list (`Possible enum values:`).
    pub expect_enum_list: bool,
    /// A deprecation note (`**Deprecated**. use x.`).
    pub deprecated: Option<String>,
}

impl PropDraft {
    pub fn new(name: String, at: usize) -> Self {
        PropDraft {
            name,
            at,
            label: None,
            item_label: None,
            description: Vec::new(),
            enum_values: None,
            const_value: None,
            expect_enum_list: false,
            deprecated: None,
        }
    }

    /// Takes one block of a property's body. Returns false when the block is
    /// not a property line (the caller decides).
    pub fn take(&mut self, block: &Block, cx: &mut PageCx) -> bool {
        match block {
            Block::Paragraph { inlines, at } => {
                self.expect_enum_list = false;
                if let Some(l) = format_label(inlines) {
                    self.label = Some(l);
                } else if let Some(l) = labelled_code(inlines, "Item format:") {
                    self.item_label = Some(l);
                } else if let Some(v) = labelled_code(inlines, "Value:") {
                    self.const_value = Some(v);
                } else if matches!(
                    markdown::plain_text(inlines).trim(),
                    "Possible enum values:" | "Enum values:" | "Possible enum values" | "Enum values"
                ) {
                    self.expect_enum_list = true;
                    self.enum_values.get_or_insert_with(Vec::new);
                    let _ = at;
                } else {
                    self.description.push(cx.md(inlines));
                }
                true
            }
            Block::List { items, at } => {
                if self.expect_enum_list {
                    self.expect_enum_list = false;
                    let values = self.enum_values.get_or_insert_with(Vec::new);
                    for item in items {
                        match enum_item(item, cx) {
                            Some(v) => values.push(v),
                            None => cx.error(
                                item.first().map_or(*at, Block::at),
                                format!(
                                    "enum value of `{}`: expected a list item holding one `value` in code",
                                    self.name
                                ),
                            ),
                        }
                    }
                } else if let Some(md) = cx.block_md(block) {
                    self.description.push(md);
                }
                true
            }
            Block::Details { summary, blocks, at } if markdown::plain_text(summary).trim() == "Enum values" => {
                self.expect_enum_list = true;
                self.enum_values.get_or_insert_with(Vec::new);
                for b in blocks {
                    self.take(b, cx);
                }
                if self.expect_enum_list {
                    cx.error(*at, format!("`Enum values` of `{}`: expected a list of values", self.name));
                    self.expect_enum_list = false;
                }
                true
            }
            Block::Rule { .. } => true,
            _ => false,
        }
    }

    /// The finished property, or an error when a type is missing or unknown.
    pub fn finish(self, cx: &mut PageCx) -> Option<Property> {
        if self.expect_enum_list {
            cx.error(self.at, format!("`{}` announces enum values but no list follows", self.name));
        }
        let Some((label, label_at)) = self.label else {
            cx.error(self.at, format!("property `{}` has no type: expected a `Format: `Type`` line", self.name));
            return None;
        };
        let Some(mut ty) = type_from_label(&label) else {
            cx.error(label_at, format!("unknown type `{label}` for `{}`: expected one of {TYPE_LABELS}", self.name));
            return None;
        };
        if let (Type::List { item }, Some((l, l_at))) = (&mut ty, &self.item_label) {
            match type_from_label(l) {
                Some(t) => **item = t,
                None => cx.error(
                    *l_at,
                    format!("unknown item type `{l}` for `{}`: expected one of {TYPE_LABELS}", self.name),
                ),
            }
        }
        let source = cx.src(self.at);
        ty = match (ty, self.enum_values, self.const_value) {
            (_, _, Some((value, _))) => Type::Const { value },
            // A `String` with listed values is an enum (the docs do this).
            (Type::Enum { .. } | Type::String, Some(values), None) => Type::Enum { values },
            (Type::Enum { .. }, None, None) => {
                cx.warning(self.at, format!("enum `{}` lists no values; every value is read as unknown", self.name));
                Type::Enum { values: Vec::new() }
            }
            (Type::List { item }, Some(values), None)
                if matches!(*item, Type::Enum { .. } | Type::String | Type::Any) =>
            {
                Type::List { item: Box::new(Type::Enum { values }) }
            }
            (t, Some(_), None) => {
                cx.warning(
                    self.at,
                    format!("`{}` lists enum values but is a {}; the values are ignored", self.name, t.docs_label()),
                );
                t
            }
            (t, None, None) => t,
        };
        let description = (!self.description.is_empty()).then(|| self.description.join("\n\n"));
        Some(Property {
            name: self.name,
            ty,
            description,
            presence: Default::default(),
            deprecated: self.deprecated,
            sources: vec![source],
        })
    }
}

/// One enum list item: `` `value` `` or `<code>value</code>`, maybe followed
/// by a description.
fn enum_item(item: &[Block], cx: &PageCx) -> Option<EnumValue> {
    let Some(Block::Paragraph { inlines, .. }) = item.first() else { return None };
    let sig = markdown::significant(inlines);
    let (Inline::Code { text, at }, rest) = sig.split_first()? else { return None };
    let rest: Vec<Inline> = rest.iter().map(|i| (*i).clone()).collect();
    let desc = cx.md(&rest);
    let desc = desc.trim().trim_start_matches([':', '-', '—']).trim();
    Some(EnumValue {
        value: text.clone(),
        description: (!desc.is_empty()).then(|| desc.to_owned()),
        sources: vec![cx.src(*at)],
        unsplit: false,
    })
}
