//! Rust items for model types: structs for objects, string enums with an
//! `Unknown` fallback, and the hand-written serde impls both need.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{self, Scope, field_ident, ident, pascal};
use crate::model::{EnumValue, Presence, Property, Type, Variant};

/// Builds the items of the generated files.
pub struct Emitter<'a> {
    /// Type names, shared by every file of the crate.
    pub types: &'a mut Scope,
    /// The Rust type of each resource, by docs name (for `Type::Ref`).
    pub resources: &'a std::collections::BTreeMap<String, String>,
    /// Where finished items go (to be formatted while more are built).
    pub sink: &'a mut Sink,
    /// Docs names whose Rust names collided.
    pub diags: Vec<crate::diag::Diagnostic>,
}

/// One item on its way to a formatting thread: its number (output order),
/// its tokens as text (token streams are not `Send`), and the doc texts its
/// doc markers stand for.
pub type Job = (usize, String, Vec<(usize, String)>);

/// Items, numbered in the order they are built, on their way to the
/// formatting threads.
pub struct Sink {
    pub tx: std::sync::mpsc::Sender<Job>,
    pub sent: usize,
}

impl Emitter<'_> {
    /// The name of the type of an object, enum or variants property:
    /// its owner's name and its own.
    fn type_name(&mut self, owner: &str, prop: &Property) -> String {
        let base = format!("{owner}{}", pascal(&prop.name));
        self.types.claim_for(&base, &format!("the type of property `{}`", prop.name), prop.sources.first())
    }

    pub fn push(&mut self, item: TokenStream) {
        let text = item.to_string();
        let docs = take_docs(&text);
        self.sink.tx.send((self.sink.sent, text, docs)).expect("the formatting threads outlive the emitter");
        self.sink.sent += 1;
    }
}

/// What a doc attribute holds while its item is formatted: the docs' text
/// is long, and escaping it into a literal, tokenizing, parsing and
/// unescaping it again only to print it as `///` lines costs a sixth of
/// generation. Items carry `#[doc = " \u{1}doc:N"]` instead, and
/// [`expand_docs`] prints the text where prettyplease printed the marker,
/// exactly as prettyplease prints doc attributes.
const DOC_MARK: &str = "\u{1}doc:";

thread_local! {
    static DOCS: std::cell::RefCell<std::collections::BTreeMap<usize, String>> = Default::default();
    static NEXT_DOC: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Doc attributes for a Markdown text (one marker, see [`DOC_MARK`]).
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else { return TokenStream::new() };
    let k = NEXT_DOC.with(|n| {
        let k = n.get();
        n.set(k + 1);
        k
    });
    DOCS.with(|d| d.borrow_mut().insert(k, doc_safe(text)));
    let marker = format!(" {DOC_MARK}{k}");
    quote! { #[doc = #marker] }
}

/// Docs text as it may stand in `///` lines: line breaks are `\n` (a bare
/// CR is an error in a doc comment), and characters that are invisible or
/// reorder text (bidi controls, which rustc rejects; other control
/// characters) are written as visible `\u{..}` escapes.
///
/// Code the docs show is never a doc test: a fence rustdoc would compile
/// (no language, or only rustdoc's own words) is marked `text`.
pub fn doc_safe(text: &str) -> String {
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() };
    let text = if text.contains("```") || text.contains("~~~") { untested_fences(&text) } else { text };
    crate::diag::printable(&text).into_owned()
}

/// Marks the code blocks rustdoc would run as `text`.
fn untested_fences(text: &str) -> String {
    const RUSTDOC_WORDS: &[&str] =
        &["rust", "ignore", "should_panic", "no_run", "compile_fail", "test_harness", "standalone_crate"];
    let rustdoc_word = |w: &str| RUSTDOC_WORDS.contains(&w) || w.starts_with("edition");
    let mut out = String::with_capacity(text.len() + 16);
    // The open fence: its character and length.
    let mut open: Option<(char, usize)> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let c = body.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = c.map_or(0, |c| body.len() - body.trim_start_matches(c).len());
        let info = body[run..].trim();
        match (open, c) {
            (None, Some(c)) if run >= 3 && !(c == '`' && info.contains('`')) => {
                open = Some((c, run));
                let words = info.split([',', ' ', '\t']).filter(|w| !w.is_empty());
                if words.clone().all(rustdoc_word) {
                    out.push_str(&line[..line.len() - body.len()]);
                    out.push_str(&body[..run]);
                    out.push_str("text");
                    out.push_str(if line.ends_with('\n') { "\n" } else { "" });
                    continue;
                }
            }
            (Some((o, n)), Some(c)) if c == o && run >= n && info.is_empty() => open = None,
            _ => {}
        }
        out.push_str(line);
    }
    out
}

/// The doc texts whose markers the item's text holds.
fn take_docs(text: &str) -> Vec<(usize, String)> {
    // The marker is the whole value of a doc attribute: `\u{1}` in the
    // token text. A docs value spelled like it elsewhere is never taken for
    // it: only `doc = " \u{1}doc:N"]` is.
    let escaped = "doc = \" \\u{1}doc:";
    let mut out = Vec::new();
    DOCS.with(|d| {
        let mut d = d.borrow_mut();
        for (i, _) in text.match_indices(escaped) {
            let rest = &text[i + escaped.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if rest[digits.len()..].starts_with("\"]")
                && let Ok(k) = digits.parse::<usize>()
                && let Some(doc) = d.remove(&k)
            {
                out.push((k, doc));
            }
        }
    });
    out
}

/// Prints each doc marker line of formatted code as the doc text it stands
/// for: `///` and the line, trailing spaces trimmed, as prettyplease prints
/// `#[doc = " line"]`.
pub fn expand_docs(formatted: &str, docs: &[(usize, String)]) -> String {
    if docs.is_empty() {
        return formatted.to_owned();
    }
    let mut out = String::with_capacity(formatted.len() + docs.iter().map(|(_, d)| d.len() + 16).sum::<usize>());
    for line in formatted.split_inclusive('\n') {
        let body = line.trim_start();
        let doc = body
            .strip_prefix("/// ")
            .and_then(|m| m.trim_end().strip_prefix(DOC_MARK))
            .and_then(|k| k.parse::<usize>().ok())
            .and_then(|k| docs.iter().find(|(j, _)| *j == k));
        match doc {
            Some((_, text)) => {
                let indent = &line[..line.len() - body.len()];
                for l in text.lines() {
                    let value = format!(" {l}");
                    out.push_str(indent);
                    out.push_str("///");
                    out.push_str(value.trim_end_matches(' '));
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A field's docs: the sources' description, their draft note, and, when
/// the type does not say it (a `Field`), what the spec declares of its
/// presence.
fn field_doc(p: &Property) -> Option<String> {
    let mut parts: Vec<String> = p.description.iter().cloned().collect();
    if let Some(note) = &p.draft {
        parts.push(if note.is_empty() { "**Draft.**".to_owned() } else { format!("**Draft:** {note}") });
    }
    if p.presence == Presence::UNKNOWN
        && let Some(d) = p.declared
    {
        parts.push(
            match (d.required, d.nullable) {
                (true, false) => "The spec says it is always there and never null: [`Field::get`] has it.",
                (true, true) => "The spec says it is always there, maybe null.",
                (false, false) => "The spec says it may be left out, and is never null.",
                (false, true) => "The spec says it may be left out or null.",
            }
            .to_owned(),
        );
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The pages a type came from, as a doc line. Files only: line numbers
/// would make every edit of a page ripple through the generated code (the
/// model snapshot has them).
pub fn sources_doc(sources: &[crate::model::Source]) -> String {
    let mut files: Vec<&str> = sources.iter().map(|s| s.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let files: Vec<String> = files.iter().map(|f| format!("`{f}`")).collect();
    format!("Documented in {}.", files.join(", "))
}

pub struct StructSpec<'p> {
    pub name: String,
    pub doc: Option<String>,
    pub props: &'p [Property],
    /// For one shape of a tagged object (an event, an error): the tag field
    /// and its value (`("event_type", "lock.locked")`). The tag property is
    /// then not a field: the struct's type says it.
    pub tag: Option<(String, String)>,
    /// The name error messages use (`action_attempt`).
    pub docs_name: String,
}

impl Emitter<'_> {
    /// The Rust type of a property's type, emitting the enums and structs
    /// it needs, named after `owner` and the property.
    pub fn type_of(&mut self, ty: &Type, owner: &str, prop: &Property) -> TokenStream {
        match ty {
            Type::Uuid => quote!(Uuid),
            Type::Datetime => quote!(Timestamp),
            Type::String | Type::Const { .. } => quote!(String),
            Type::Boolean => quote!(bool),
            Type::Number => quote!(Number),
            Type::Record => quote!(Map),
            Type::Any => quote!(Value),
            Type::Ref { name } => match self.resources.get(name) {
                Some(r) => {
                    let id = ident(r);
                    quote!(#id)
                }
                None => quote!(Map),
            },
            Type::Object { properties } if properties.is_empty() => quote!(Map),
            Type::Object { properties } => {
                let name = self.type_name(owner, prop);
                let id = ident(&name);
                let spec = StructSpec {
                    name,
                    doc: prop.description.clone(),
                    props: properties,
                    tag: None,
                    docs_name: prop.name.clone(),
                };
                self.object_struct(&spec);
                quote!(#id)
            }
            Type::Enum { values } => {
                let name = self.type_name(owner, prop);
                let id = ident(&name);
                let mut doc = format!("Values of `{}`", prop.name);
                match &prop.description {
                    Some(d) => doc.push_str(&format!(": {d}")),
                    None => doc.push('.'),
                }
                doc.push_str("\n\n");
                doc.push_str(&sources_doc(&prop.sources));
                self.string_enum(&name, Some(&doc), values);
                quote!(#id)
            }
            Type::List { item } => {
                let inner = self.type_of(item, owner, prop);
                quote!(Vec<#inner>)
            }
            Type::Variants { discriminator, variants } => {
                let name = self.type_name(owner, prop);
                self.tagged_enum(&name, prop, discriminator, variants);
                let id = ident(&name);
                quote!(#id)
            }
        }
    }

    /// An object tagged by `discriminator`: an enum with one struct per
    /// documented value, and `Unknown` keeping any other object whole.
    fn tagged_enum(&mut self, name: &str, prop: &Property, discriminator: &str, variants: &[Variant]) {
        let id = ident(name);
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut arms = Vec::new();
        let mut decls = Vec::new();
        let mut sers = Vec::new();
        let mut tags = Vec::new();
        for v in variants {
            let base = pascal(&v.value);
            let base = if base == "Unknown" { "UnknownValue" } else { &base };
            let variant = ident(&scope.claim_for(base, &format!("variant `{}`", v.value), v.sources.first()));
            let struct_name = self.types.claim(&format!("{name}{variant}"));
            let doc = v.description.clone();
            self.object_struct(&StructSpec {
                name: struct_name.clone(),
                doc: doc.clone(),
                props: &v.properties,
                tag: Some((discriminator.to_owned(), v.value.clone())),
                docs_name: v.value.clone(),
            });
            let s = ident(&struct_name);
            let doc = doc_attrs(Some(&format!("`{}`{}", v.value, doc.map(|d| format!(": {d}")).unwrap_or_default())));
            decls.push(quote! { #doc #variant(#s), });
            sers.push(quote! { Self::#variant(v) => v.serialize(s), });
            tags.push((v.value.clone(), variant, s));
        }
        self.diags.append(&mut scope.collisions);
        tags.sort_by(|a, b| a.0.cmp(&b.0));
        let values: Vec<&str> = tags.iter().map(|t| t.0.as_str()).collect();
        let n = proc_macro2::Literal::usize_unsuffixed(values.len());
        for (i, (_, variant, s)) in tags.iter().enumerate() {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            arms.push(quote! { Some(#i) => Self::#variant(<#s as FromEntries>::from_entries::<A::Error>(entries)?), });
        }
        let mut doc = prop.description.clone().unwrap_or_default();
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&format!("Tagged by `{discriminator}`. {}", sources_doc(&prop.sources)));
        let doc = doc_attrs(Some(&doc));
        let unknown_doc =
            format!(" An object whose `{discriminator}` the docs did not list when this crate was generated, whole.");
        let expecting = format!("an object with a `{discriminator}`");
        self.push(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #id {
                #(#decls)*
                #[doc = #unknown_doc]
                Unknown(Map),
            }

            impl FromMap for #id {
                const EXPECTING: &'static str = #expecting;
                fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                    const TAGS: [&str; #n] = [#(#values),*];
                    let entries = read_entries(map)?;
                    let tag = tag_value::<A::Error>(&entries, #discriminator)?;
                    Ok(match find_tag(&TAGS, tag) {
                        #(#arms)*
                        _ => Self::Unknown(entries_to_map(entries)),
                    })
                }
            }

            object_serde!(#id);

            impl Serialize for #id {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#sers)*
                        Self::Unknown(m) => m.serialize(s),
                    }
                }
            }
        });
    }

    /// A struct with one field per property, plus `extra` for the
    /// properties the docs do not list.
    ///
    /// Plain structs read their object as it streams (`FromMap`). Event
    /// structs (`spec.tag`) are built from the payload's entries
    /// (`FromEntries`), because `Event` has to see the whole payload to find
    /// its `event_type` before it knows which struct to build.
    pub fn object_struct(&mut self, spec: &StructSpec) {
        let name = ident(&spec.name);
        let mut fields = Scope::default();
        let mut decls = Vec::new();
        // How each property is read and written (see `object_impls!` in
        // support.rs), and the fields in order.
        let mut entries = Vec::new();
        let mut field_ids = Vec::new();
        let tag_field = spec.tag.as_ref().map(|(f, _)| f.as_str());
        let is_tag = |p: &Property| Some(p.name.as_str()) == tag_field;
        let props: Vec<&Property> = spec.props.iter().filter(|p| !is_tag(p)).collect();
        let field_names: Vec<String> = props
            .iter()
            .map(|p| fields.claim_for(&names::snake(&p.name), &format!("property `{}`", p.name), p.sources.first()))
            .collect();
        let extra = ident(&fields.claim("extra"));
        self.diags.append(&mut fields.collisions);

        if let Some((field, value)) = &spec.tag
            && !spec.props.iter().any(is_tag)
        {
            entries.push(quote! { (tag, #field, #value) });
        }
        let owner = spec.name.clone();
        let mut field_iter = props.iter().zip(&field_names);
        for p in spec.props {
            if is_tag(p) {
                let (field, value) = spec.tag.as_ref().expect("a tag property implies a tag");
                entries.push(quote! { (tag, #field, #value) });
                continue;
            }
            let (p, fname) = field_iter.next().expect("one field per non-tag property");
            let f = field_ident(fname);
            let json = &p.name;
            let inner = self.type_of(&p.ty, &owner, p);
            let mut doc = doc_attrs(field_doc(p).as_deref());
            match p.deprecated.as_deref() {
                Some("") => doc.extend(quote! { #[deprecated] }),
                Some(note) => doc.extend(quote! { #[deprecated(note = #note)] }),
                None => {}
            }
            let (ty, kind) = match (p.presence.required, p.presence.nullable) {
                (true, false) => (quote!(#inner), quote!(required)),
                (true, true) => (quote!(Option<#inner>), quote!(nullable)),
                (false, false) => (quote!(Option<#inner>), quote!(optional)),
                (false, true) => (quote!(Field<#inner>), quote!(field)),
            };
            decls.push(quote! { #doc pub #f: #ty, });
            entries.push(quote! { (#kind, #json, #f) });
            field_ids.push(f);
        }
        let doc = doc_attrs(spec.doc.as_deref());
        let impls = match &spec.tag {
            Some((field, value)) => quote! {
                tagged_impls!(#name, (#field, #value), #extra, [#(#field_ids),*], [#(#entries),*]);
            },
            None => {
                let expecting = format!("a `{}` object", spec.docs_name);
                quote! {
                    object_impls!(#name, #expecting, #extra, [#(#field_ids),*], [#(#entries),*]);
                }
            }
        };
        self.push(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            pub struct #name {
                #(#decls)*
                /// Properties the docs did not list when this crate was generated, as they came.
                pub #extra: Map,
            }

            #impls
        });
    }

    /// A string enum: one variant per documented value, and `Unknown(String)`
    /// for any other, so that values the API adds later still read.
    pub fn string_enum(&mut self, name: &str, doc: Option<&str>, values: &[EnumValue]) {
        let name = ident(name);
        // A stretch of values the docs ran together and that could not be
        // split is no value: payloads with any of them read as `Unknown`.
        let values: Vec<&EnumValue> = values.iter().filter(|v| !v.unsplit).collect();
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let variants: Vec<_> = values
            .iter()
            .map(|v| {
                let base = pascal(&v.value);
                let base = if base == "Unknown" { "UnknownValue".to_owned() } else { base };
                ident(&scope.claim_for(&base, &format!("value `{}`", v.value), v.sources.first()))
            })
            .collect();
        self.diags.append(&mut scope.collisions);
        let strs: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
        let docs = values.iter().map(|v| {
            let mut d = format!("`{}`", v.value);
            if let Some(desc) = &v.description {
                d.push_str(": ");
                d.push_str(desc);
            }
            doc_attrs(Some(&d))
        });
        let doc = doc_attrs(doc);
        // An enum whose docs list no value reads every value as unknown,
        // without a match of one arm.
        let methods = if variants.is_empty() {
            quote! {
                impl #name {
                    /// The value as the API spells it.
                    pub fn as_str(&self) -> &str {
                        let Self::Unknown(s) = self;
                        s
                    }
                }

                impl From<&str> for #name {
                    fn from(s: &str) -> Self {
                        Self::Unknown(s.to_owned())
                    }
                }
            }
        } else {
            quote! {
                impl #name {
                    /// The value as the API spells it.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(Self::#variants => #strs,)*
                            Self::Unknown(s) => s,
                        }
                    }
                }

                impl From<&str> for #name {
                    fn from(s: &str) -> Self {
                        match s {
                            #(#strs => Self::#variants,)*
                            _ => Self::Unknown(s.to_owned()),
                        }
                    }
                }
            }
        };
        self.push(quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #name {
                #(#docs #variants,)*
                /// A value the docs did not list when this crate was generated, as it came.
                Unknown(String),
            }

            #methods

            str_enum_serde!(#name);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_code_is_never_a_doc_test_and_odd_characters_show() {
        assert_eq!(doc_safe("a\n```\nlet x;\n```\nb"), "a\n```text\nlet x;\n```\nb");
        assert_eq!(doc_safe("```rust,no_run\nx\n```"), "```text\nx\n```");
        assert_eq!(doc_safe("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(doc_safe("  ~~~~\n```\n~~~~\n"), "  ~~~~text\n```\n~~~~\n");
        assert_eq!(doc_safe("a\u{202E}b\rc\u{1}"), "a\\u{202E}b\nc\\u{1}");
    }
}
