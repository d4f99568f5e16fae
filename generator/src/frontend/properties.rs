//! Reading properties, shared by the Markdown layouts: `PropDraft` collects
//! what one property's lines say (type, description, enum values,
//! deprecation, children, variants) and reports what is missing;
//! `read_props` reads a run of properties at any depth, restoring the
//! nesting the docs' indentation lost.

use super::{PageCx, TYPE_LABELS, TypedName, format_label, labelled_code, type_from_label, typed_name};
use crate::markdown::{self, Block, Inline};
use crate::model::{EnumValue, Presence, Property, Source, Type, Variant};

/// `<code>name</code> Format: <code>Type</code>` (and maybe
/// ` Item format: <code>Item</code>`), in a summary or a list item: a draft
/// with its type set.
pub(crate) fn format_draft(inlines: &[Inline]) -> Option<PropDraft> {
    let sig = markdown::significant(inlines);
    let (head, item) = match sig.as_slice() {
        [head @ .., Inline::Text { text, .. }, Inline::Code { text: item, at }] if text.trim() == "Item format:" => {
            (head, Some((item.clone(), *at)))
        }
        all => (all, None),
    };
    match head {
        [Inline::Code { text: name, at }, Inline::Text { text, .. }, Inline::Code { text: ty, at: ty_at }]
            if text.trim() == "Format:" =>
        {
            let mut d = PropDraft::new(name.clone(), *at);
            d.label = Some((ty.clone(), *ty_at));
            d.item_label = item;
            Some(d)
        }
        _ => None,
    }
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
    /// Properties of an object, or of a list's objects.
    pub children: Option<Vec<Property>>,
    /// The field that tells the shapes of a list's objects apart, and the
    /// shapes.
    pub discriminator: Option<String>,
    pub variants: Vec<Variant>,
    /// The last line was `Child Properties`: the list that follows holds them.
    pub expect_children: bool,
    /// The page declares the property required (Mintlify's `required`).
    pub required: bool,
    /// The page marks the property undocumented (`undocumented: note`
    /// then `---`, the generator's flag leaking into Mintlify text).
    pub undocumented: Option<String>,
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
            children: None,
            discriminator: None,
            variants: Vec::new(),
            expect_children: false,
            required: false,
            undocumented: None,
        }
    }

    /// Is this a list of objects (whose item properties may follow)?
    pub fn is_object_list(&self) -> bool {
        self.label.as_ref().is_some_and(|(l, _)| l == "List")
            && self.item_label.as_ref().is_some_and(|(l, _)| l == "Object")
    }

    /// Takes one block of a property's body. Returns false when the block is
    /// not a property line (the caller decides).
    pub fn take(&mut self, block: &Block, cx: &mut PageCx) -> bool {
        match block {
            // `undocumented: Unreleased.` over a `---` line: a setext heading
            // to Markdown, the source's undocumented flag to the docs.
            Block::Heading { inlines, .. } if undocumented_note(inlines).is_some() => {
                self.undocumented = undocumented_note(inlines);
                true
            }
            Block::Paragraph { inlines, .. } => {
                self.expect_enum_list = false;
                let plain = markdown::plain_text(inlines);
                let plain = plain.trim();
                if let Some(note) = undocumented_note(inlines) {
                    self.undocumented = Some(note);
                } else if let Some(l) = format_label(inlines) {
                    self.label = Some(l);
                } else if let Some(l) = labelled_code(inlines, "Item format:") {
                    self.item_label = Some(l);
                } else if let Some(v) = labelled_code(inlines, "Value:") {
                    self.const_value = Some(v);
                } else if matches!(plain, "Possible enum values:" | "Enum values:" | "Possible enum values" | "Enum values")
                {
                    self.expect_enum_list = true;
                    self.enum_values.get_or_insert_with(Vec::new);
                } else if let Some(note) = deprecation(inlines, cx) {
                    self.deprecated = Some(note);
                } else if let Some(field) = discriminator_sentence(inlines) {
                    self.discriminator = Some(field);
                } else if matches!(plain, "Child Properties" | "Child Object Properties") {
                    self.expect_children = true;
                } else if plain == "Variants:" {
                    // The `<details>` that follow are the variants.
                } else {
                    // GitBook's template tags (`{% hint %}`) are not text;
                    // what they hold is.
                    let text = strip_liquid(&cx.md(inlines));
                    if !text.is_empty() {
                        self.description.push(text);
                    }
                }
                true
            }
            Block::List { .. } if self.expect_children => {
                self.expect_children = false;
                let props = read_props(std::slice::from_ref(block), cx);
                self.children.get_or_insert_with(Vec::new).extend(props);
                true
            }
            Block::List { items, at, .. } if self.expect_enum_list => {
                self.expect_enum_list = false;
                let values = self.enum_values.get_or_insert_with(Vec::new);
                for item in items {
                    match enum_item(item, cx) {
                        Some(v) => values.push(v),
                        None => cx.error(
                            item.first().map_or(*at, Block::at),
                            format!("enum value of `{}`: expected a list item holding one `value` in code", self.name),
                        ),
                    }
                }
                true
            }
            // `Enum values:` whose items Markdown read as an indented code
            // block (`    - <code>x</code>`).
            Block::CodeBlock { text, at, .. } if self.expect_enum_list => {
                self.expect_enum_list = false;
                let values = self.enum_values.get_or_insert_with(Vec::new);
                for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                    let item = line.trim().trim_start_matches(['-', '*']).trim();
                    let value = item
                        .strip_prefix("<code>")
                        .and_then(|v| v.strip_suffix("</code>"))
                        .or_else(|| item.strip_prefix('`').and_then(|v| v.strip_suffix('`')));
                    match value {
                        Some(v) => values.push(EnumValue::new(
                            v,
                            Source { line: cx.src(*at).line + 1 + n as u32, ..cx.src(*at) },
                        )),
                        None => cx.error(*at, format!("enum value of `{}`: expected `- <code>value</code>`, found `{}`", self.name, line.trim())),
                    }
                }
                true
            }
            // The "Format:" layout's item properties of a list of objects:
            // `- <code>name</code> Format: <code>Type</code>` items.
            Block::List { items, .. }
                if items.iter().all(|item| matches!(item.first(), Some(Block::Paragraph { inlines, .. }) if format_draft(inlines).is_some())) =>
            {
                for item in items {
                    let Some(Block::Paragraph { inlines, .. }) = item.first() else { continue };
                    let Some(mut child) = format_draft(inlines) else { continue };
                    for b in &item[1..] {
                        if !child.take(b, cx) {
                            cx.warning(b.at(), format!("unexpected block in `{}`; it is not modelled", child.name));
                        }
                    }
                    if let Some(p) = child.finish(cx) {
                        self.children.get_or_insert_with(Vec::new).push(p);
                    }
                }
                true
            }
            Block::List { .. } | Block::CodeBlock { .. } => {
                if let Some(md) = cx.block_md(block) {
                    self.description.push(md);
                }
                true
            }
            Block::Details { summary, blocks, at } => {
                let title = markdown::plain_text(summary);
                let title = title.trim().trim_end_matches(':');
                if title == "Enum values" {
                    self.expect_enum_list = true;
                    self.enum_values.get_or_insert_with(Vec::new);
                    for b in blocks {
                        self.take(b, cx);
                    }
                    if self.expect_enum_list {
                        cx.error(*at, format!("`Enum values` of `{}`: expected a list of values", self.name));
                        self.expect_enum_list = false;
                    }
                } else if ["Child Properties", "Child Object Properties", "Properties"]
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(title))
                {
                    let props = read_props(blocks, cx);
                    self.children.get_or_insert_with(Vec::new).extend(props);
                } else if let Some(mut child) = format_draft(summary) {
                    // The "Format:" layout's children: one `<details>` each.
                    for b in blocks {
                        if !child.take(b, cx) {
                            cx.warning(b.at(), format!("unexpected block in `{}`; it is not modelled", child.name));
                        }
                    }
                    if let Some(p) = child.finish(cx) {
                        self.children.get_or_insert_with(Vec::new).push(p);
                    }
                } else if let [Inline::Code { text: value, at: value_at }] = markdown::significant(summary).as_slice() {
                    // One variant of a discriminated list.
                    let split = blocks.iter().position(|b| header(b).is_some()).unwrap_or(blocks.len());
                    let description: Vec<String> = blocks[..split].iter().filter_map(|b| cx.block_md(b)).collect();
                    let properties = read_props(&blocks[split..], cx);
                    self.variants.push(Variant {
                        value: value.clone(),
                        description: (!description.is_empty()).then(|| description.join("\n\n")),
                        properties,
                        sources: vec![cx.src(*value_at)],
                    });
                } else {
                    return false;
                }
                true
            }
            Block::Rule { .. } => true,
            // A property nested without an `<Expandable>`.
            Block::Component { name, .. } if name == "ResponseField" => {
                if let Some(p) = response_field(block, cx) {
                    self.children.get_or_insert_with(Vec::new).push(p);
                }
                true
            }
            _ => false,
        }
    }

    /// The finished property, or an error when a type is missing or unknown.
    pub fn finish(self, cx: &mut PageCx) -> Option<Property> {
        if let Some(note) = &self.undocumented {
            cx.diags.push(crate::diag::Diagnostic::info(
                cx.src(self.at),
                format!(
                    "`{}` is marked undocumented ({note}): not modelled, as nothing undocumented is; \
                     payloads keep it in `extra`",
                    self.name
                ),
            ));
            return None;
        }
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
            // Values may come from another source; `check` reports an
            // enum that ends up with none.
            (Type::Enum { .. }, None, None) => Type::Enum { values: Vec::new() },
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
        // Children and variants shape an object, or a list's objects.
        let shaped = |children: Option<Vec<Property>>, discriminator: Option<String>, variants: Vec<Variant>| {
            if !variants.is_empty() {
                let discriminator = discriminator.unwrap_or_else(|| "type".to_owned());
                Some(Type::Variants { discriminator, variants })
            } else {
                children.map(|properties| Type::Object { properties })
            }
        };
        ty = match ty {
            Type::Object { .. } => shaped(self.children, self.discriminator, self.variants)
                .unwrap_or(Type::Object { properties: Vec::new() }),
            Type::List { item } if matches!(*item, Type::Object { .. } | Type::Any) => {
                let item = shaped(self.children, self.discriminator, self.variants).unwrap_or(*item);
                Type::List { item: Box::new(item) }
            }
            t => {
                // Which is wrong, the type word or the children? Only a
                // spec can tell: with one beside the pages, its type is
                // merged with this one (`Any` if they differ); without,
                // the run stops (see `build_model`).
                if self.children.is_some() || !self.variants.is_empty() {
                    cx.diags.push(
                        crate::diag::Diagnostic::warning(
                            cx.src(self.at),
                            format!(
                                "`{}` has child properties but is a {}; the children are not modelled",
                                self.name,
                                t.docs_label()
                            ),
                        )
                        .with_code("children-of-scalar"),
                    );
                }
                t
            }
        };
        let description = (!self.description.is_empty()).then(|| self.description.join("\n\n"));
        // A page says `required`, never whether null is allowed.
        let declared = self.required.then_some(Presence { required: true, nullable: true });
        Some(Property { description, deprecated: self.deprecated, declared, ..Property::new(self.name, ty, source) })
    }
}

/// The property a block starts: a `**`name`** *Type*` paragraph.
pub(crate) fn header(block: &Block) -> Option<TypedName> {
    match block {
        Block::Paragraph { inlines, .. } => typed_name(inlines).filter(|h| !h.labels.is_empty()),
        _ => None,
    }
}

/// A paragraph that looks like a property line and is not one (a typo: the
/// name not in code, no type, a tag never closed, marks run together): the
/// property name it seems to hold. Such a line is an error, never a line of
/// the previous property's description.
pub(crate) fn near_header(block: &Block) -> Option<(String, usize)> {
    let Block::Paragraph { inlines, .. } = block else { return None };
    if header(block).is_some() {
        return None;
    }
    let ident = |s: &str| {
        let s = s.trim();
        !s.is_empty()
            && s.len() <= 80
            && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
    };
    let sig = markdown::significant(inlines);
    // Text before the first mark, as Markdown split it (`*`, `*`).
    let lead: String =
        sig.iter().map_while(|i| if let Inline::Text { text, .. } = i { Some(text.as_str()) } else { None }).collect();
    let after_lead = sig.iter().find(|i| !matches!(i, Inline::Text { .. }));
    if matches!(lead.trim(), "**" | "__" | "<strong>")
        && let Some(Inline::Code { text, at }) = after_lead
        && ident(text)
    {
        return Some((text.clone(), *at));
    }
    match sig.as_slice() {
        // `**`name`**` with no type, `<strong><code>name</code> ...` never
        // closed, `**`name`***Type*`.
        [Inline::Strong { children, .. }, ..] => match markdown::significant(children).first() {
            Some(Inline::Code { text, at }) if ident(text) => Some((text.clone(), *at)),
            // `**name** *Type*`: a bare name in bold, then a type in italics.
            Some(Inline::Text { text, at })
                if ident(text) && children.len() == 1 && matches!(sig.get(1), Some(Inline::Emph { .. })) =>
            {
                Some((text.trim().to_owned(), *at))
            }
            _ => None,
        },
        // Marks Markdown did not read at all (`**`name`***Type*`).
        [Inline::Text { text, at }, ..] => {
            let rest = text.trim_start().strip_prefix("**").or_else(|| text.trim_start().strip_prefix("<strong>"))?;
            let name = rest.trim_start_matches(['`', '*']).trim_start_matches("<code>");
            let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))).unwrap_or(name.len());
            ident(&name[..end]).then(|| (name[..end].to_owned(), *at))
        }
        [Inline::Code { text, at }, Inline::Text { text: after, .. }, ..]
            if ident(text) && after.trim_start().starts_with(['*', '_']) =>
        {
            Some((text.clone(), *at))
        }
        _ => None,
    }
}

/// The error for a `what` (line, item) that [`near_header`] took for the
/// property `name`.
fn malformed(cx: &mut PageCx, what: &str, name: &str, at: usize) {
    cx.diags.push(
        crate::diag::Diagnostic::error(
            cx.src(at),
            format!(
                "this {what} looks like the property `{name}` but is not written as one: \
                 expected `**`{name}`** *Type*`; it is not modelled"
            ),
        )
        .with_code("malformed-property"),
    );
}

/// A draft from a `**`name`** *Type* *of Items*` line.
pub(crate) fn draft(h: TypedName) -> PropDraft {
    let mut d = PropDraft::new(h.name, h.at);
    d.required = h.required;
    let mut labels = h.labels.into_iter();
    d.label = labels.next();
    if let Some((of, at)) = labels.next() {
        let item = of.strip_prefix("of ").unwrap_or(&of);
        let singular = match item {
            "UUIDs" => "UUID",
            "Datetimes" => "Datetime",
            "Strings" => "String",
            "Booleans" => "Boolean",
            "Numbers" => "Number",
            "Enums" => "Enum",
            "Objects" => "Object",
            "Records" => "Record",
            other => other,
        };
        d.item_label = Some((singular.to_owned(), at));
    }
    d
}

/// Properties in the condensed layout's style, at any depth: header
/// paragraphs followed by their bodies, or list items that each start with
/// a header. A list's items may lose their indentation in the docs: items
/// at a smaller column than the list's first, after a list of objects, are
/// that list's item properties.
pub(crate) fn read_props(blocks: &[Block], cx: &mut PageCx) -> Vec<Property> {
    read_props_of(&blocks.iter().collect::<Vec<_>>(), cx)
}

/// [`read_props`], for blocks gathered from here and there (a section's),
/// not copied together.
pub(crate) fn read_props_of(blocks: &[&Block], cx: &mut PageCx) -> Vec<Property> {
    nest_dotted(read_flat(blocks, cx))
}

/// The docs print some nested children with dotted names, after their
/// parent and at its level (`features`, then `features.wifi`): each becomes
/// a child of the sibling its name starts with (an object, or a list's
/// objects).
pub(crate) fn nest_dotted(props: Vec<Property>) -> Vec<Property> {
    let mut out: Vec<Property> = Vec::with_capacity(props.len());
    for mut p in props {
        let parent = p.name.split_once('.').and_then(|(head, _)| out.iter_mut().rev().find(|q| q.name == head));
        let Some(parent) = parent else {
            out.push(p);
            continue;
        };
        let children = match &mut parent.ty {
            Type::Object { properties } => Some(properties),
            Type::List { item } => {
                if matches!(**item, Type::Any) {
                    **item = Type::Object { properties: Vec::new() };
                }
                match item.as_mut() {
                    Type::Object { properties } => Some(properties),
                    _ => None,
                }
            }
            _ => None,
        };
        match children {
            Some(children) => {
                p.name = p.name.split_once('.').map(|(_, rest)| rest.to_owned()).unwrap_or_default();
                children.push(p);
                let nested = nest_dotted(std::mem::take(children));
                *children = nested;
            }
            None => out.push(p),
        }
    }
    out
}

fn read_flat(blocks: &[&Block], cx: &mut PageCx) -> Vec<Property> {
    let mut props = Vec::new();
    let mut current: Option<PropDraft> = None;
    let finish = |current: &mut Option<PropDraft>, props: &mut Vec<Property>, cx: &mut PageCx| {
        if let Some(p) = current.take().and_then(|d| d.finish(cx)) {
            props.push(p);
        }
    };
    let mut i = 0;
    while i < blocks.len() {
        let b = blocks[i];
        i += 1;
        if matches!(b, Block::Component { name, .. } if name == "ResponseField") {
            finish(&mut current, &mut props, cx);
            props.extend(response_field(b, cx));
            continue;
        }
        if let Some(h) = header(b) {
            finish(&mut current, &mut props, cx);
            current = Some(draft(h));
            continue;
        }
        // The docs' indentation lost: a bullet list of properties right
        // after an object, or a list of objects, with no children yet, in a
        // run of properties that are not bullets, holds its children (its
        // siblings would be written as the rest are).
        if is_property_list(b)
            && let Some(d) = current.as_mut()
            && !d.expect_children
            && d.children.is_none()
            && d.variants.is_empty()
            && (d.is_object_list() || d.label.as_ref().is_some_and(|(l, _)| l == "Object"))
        {
            let name = d.name.clone();
            cx.diags.push(
                crate::diag::Diagnostic::warning(
                    cx.src(b.at()),
                    format!(
                        "the properties listed here follow `{name}` at its own indentation, written unlike its \
                         siblings: read as the children of `{name}`"
                    ),
                )
                .with_code("repaired-nesting"),
            );
            d.expect_children = true;
            let taken = d.take(b, cx);
            debug_assert!(taken, "a list is taken as children when children are expected");
            continue;
        }
        if is_property_list(b) && !current.as_ref().is_some_and(|d| d.expect_children) {
            finish(&mut current, &mut props, cx);
            let mut entries = Vec::new();
            flatten_property_list(b, &mut entries);
            // Blocks the docs indented less than the last item's content
            // (an `Enum values` block) end the list but belong to that item.
            while let Some(&next) = blocks.get(i)
                && header(next).is_none()
                && !is_property_list(next)
                && !matches!(next, Block::Rule { .. })
            {
                if let Some(last) = entries.last_mut() {
                    last.1.push(next.clone());
                }
                i += 1;
            }
            props.extend(read_list_entries(entries, cx));
            continue;
        }
        if let Some((name, at)) = near_header(b) {
            malformed(cx, "line", &name, at);
            continue;
        }
        match current.as_mut() {
            Some(d) => {
                if !d.take(b, cx) {
                    cx.warning(b.at(), format!("block in property `{}` is not understood; it is not modelled", d.name));
                }
            }
            None if matches!(b, Block::Rule { .. }) => {}
            None => cx.warning(b.at(), "expected a `**`name`** *Type*` line; this is not modelled"),
        }
    }
    finish(&mut current, &mut props, cx);
    props
}

/// The items of a property list, with nesting the docs lost restored: after
/// a list of objects, the items that sit left of it (their description, or
/// failing that their marker, at a smaller column) are its item properties.
fn read_list_entries(entries: Vec<(usize, Vec<Block>)>, cx: &mut PageCx) -> Vec<Property> {
    let column = |at: usize| at - cx.file.text[..at].rfind('\n').map_or(0, |n| n + 1);
    let description_column = |item: &[Block]| match item.get(1) {
        Some(Block::Paragraph { at, .. }) => Some(column(*at)),
        _ => None,
    };
    let base = entries.first().map_or(0, |e| e.0);
    let mut props = Vec::new();
    // The sibling being read, and the column of its description.
    let mut last: Option<(PropDraft, Option<usize>)> = None;
    for (marker, item) in entries {
        let Some(h) = item.first().and_then(header) else {
            match item.first().and_then(near_header) {
                Some((name, at)) => malformed(cx, "item", &name, at),
                None => cx.warning(
                    item.first().map_or(0, Block::at),
                    "list item without a `name` *Type* line; it is not modelled",
                ),
            }
            continue;
        };
        let desc = description_column(&item);
        let mut d = draft(h);
        for rest in &item[1..] {
            if !d.take(rest, cx) {
                cx.warning(rest.at(), format!("block in property `{}` is not understood; it is not modelled", d.name));
            }
        }
        let is_child = match &last {
            Some((parent, parent_desc)) if parent.is_object_list() => match (desc, parent_desc) {
                (Some(d), Some(p)) if d != *p => d < *p,
                _ => marker < base,
            },
            _ => false,
        };
        if is_child {
            let (parent, _) = last.as_mut().expect("a child has a parent");
            if let Some(p) = d.finish(cx) {
                parent.children.get_or_insert_with(Vec::new).push(p);
            }
        } else {
            if let Some(p) = last.take().and_then(|(d, _)| d.finish(cx)) {
                props.push(p);
            }
            last = Some((d, desc));
        }
    }
    if let Some(p) = last.and_then(|(d, _)| d.finish(cx)) {
        props.push(p);
    }
    props
}

/// A list whose items are property lines.
fn is_property_list(block: &Block) -> bool {
    matches!(block, Block::List { items, .. } if items.iter().any(|item| item.first().and_then(header).is_some()))
}

/// The items of a property list with their marker columns, in order. A
/// property list nested in an item is never that item's children (those
/// come in a `Child Properties` block): it is indentation Markdown misread,
/// so its items are lifted out, keeping their own columns.
fn flatten_property_list(block: &Block, out: &mut Vec<(usize, Vec<Block>)>) {
    let Block::List { items, columns, .. } = block else { return };
    for (item, &column) in items.iter().zip(columns) {
        let own: Vec<Block> =
            item.iter().enumerate().filter(|(i, b)| *i == 0 || !is_property_list(b)).map(|(_, b)| b.clone()).collect();
        out.push((column, own));
        for n in item.iter().skip(1).filter(|b| is_property_list(b)) {
            flatten_property_list(n, out);
        }
    }
}

/// Markdown without GitBook's `{% ... %}` template tags.
pub(crate) fn strip_liquid(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(i) = rest.find("{%") {
        out.push_str(&rest[..i]);
        match rest[i..].find("%}") {
            Some(end) => rest = &rest[i + end + 2..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// `{% hint %} **Deprecated**. Use `x`. {% endhint %}`: the note.
fn deprecation(inlines: &[Inline], cx: &PageCx) -> Option<String> {
    let pos = inlines.iter().position(
        |i| matches!(i, Inline::Strong { children, .. } if markdown::plain_text(children).trim() == "Deprecated"),
    )?;
    let rest: Vec<Inline> = inlines[pos + 1..]
        .iter()
        .filter(|i| !matches!(i, Inline::Text { text, .. } if text.trim().starts_with("{%")))
        .cloned()
        .collect();
    let note = cx.md(&rest);
    let note = note.trim().trim_start_matches('.').trim();
    Some(note.lines().filter(|l| !l.trim().starts_with("{%")).collect::<Vec<_>>().join(" ").trim().to_owned())
}

/// "The specific structure of each object in this list depends on the value
/// of its `error_code` field." → `error_code`.
fn discriminator_sentence(inlines: &[Inline]) -> Option<String> {
    let plain = markdown::plain_text(inlines);
    if !plain.contains("depends on the value of its") {
        return None;
    }
    inlines.iter().rev().find_map(|i| match i {
        Inline::Code { text, .. } => Some(text.clone()),
        _ => None,
    })
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
        description: (!desc.is_empty()).then(|| desc.to_owned()),
        ..EnumValue::new(text.clone(), cx.src(*at))
    })
}

/// A Mintlify `<ResponseField name="x" type="String (UUID)">`: its body is
/// read like a property's lines (description, `Enum values`, `Value:`,
/// child properties in an `<Expandable>`, lowered to a `<details>`).
pub(crate) fn response_field(block: &Block, cx: &mut PageCx) -> Option<Property> {
    let Block::Component { attrs, blocks, at, .. } = block else { return None };
    let attr = |k: &str| crate::mdx::attr(attrs, k);
    let Some(Some(name)) = attr("name") else {
        cx.error(*at, "`<ResponseField>` without a `name`: expected `<ResponseField name=\"x\" type=\"String\">`");
        return None;
    };
    let mut d = PropDraft::new(name.to_owned(), *at);
    match attr("type") {
        Some(Some(t)) => d.label = Some((t.to_owned(), *at)),
        _ => cx.error(*at, format!("`<ResponseField name=\"{name}\">` has no `type`")),
    }
    if attr("deprecated").is_some_and(|v| v != Some("false")) {
        d.deprecated = Some(String::new());
    }
    d.required = attr("required").is_some_and(|v| v != Some("false"));
    for b in blocks {
        if !d.take(b, cx) {
            cx.warning(b.at(), format!("block in property `{}` is not understood; it is not modelled", d.name));
        }
    }
    d.finish(cx)
}

/// `undocumented: Unreleased.`: the note of a source's undocumented flag.
fn undocumented_note(inlines: &[Inline]) -> Option<String> {
    let plain = markdown::plain_text(inlines);
    let note = plain.trim().strip_prefix("undocumented:")?;
    Some(note.lines().next().unwrap_or_default().trim().to_owned())
}
