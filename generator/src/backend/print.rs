//! Printing: the crate's items ([`ir::Crate`]) as tokens, one item at a
//! time. Nothing is decided here: names, derives and modules come from the
//! lowering; this only spells them in Rust.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::doc_attrs;
use super::ir::{Crate, FieldDef, Item, Kind, StrEnum, Struct, Ty, Union};
use super::names::{field_ident, ident};

/// How many fields a part of a struct's declaration declares (see
/// [`Cut`]): a struct of more is declared in several parts.
pub const FIELDS_PER_PART: usize = 256;

/// What of a part's formatted text is left out where it joins its
/// neighbours. A struct of many fields is declared in parts, each
/// `pub struct Name { ... }` with some of its fields: prettyplease prints
/// each named field on lines of its own, whatever the fields around it
/// (its `item_struct`: a hard break after every field), so the parts'
/// fields, put together, are the lines the whole struct would have. The
/// first part keeps the struct's opening (attributes, `pub struct Name
/// {`), the last its closing `}`; the others leave them out.
///
/// `new()` is written in parts the same way: each part's `Self { .. }`
/// holds at least [`INITS_PER_PART`] fields, too many for one line, so
/// that prettyplease writes one per line there as in the whole. The parts
/// after the first are wrapped in `impl Name { pub fn new() -> Self {
/// Self {` (three lines left out), those before the last leave out its
/// three closing lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cut {
    /// How many lines to leave out at the start (each opens a block: `{`).
    pub first_lines: usize,
    /// How many lines to leave out at the end (each a `}`).
    pub last_lines: usize,
}

/// The fewest fields a part of `new()` holds: at three characters each
/// (`a, `), too many to write on one line.
pub const INITS_PER_PART: usize = 32;

/// The tokens of one item (and its impls), in module `module`, handed to
/// `sink` a Rust item or a few at a time, in order: a struct's declaration
/// (in parts of `fields_per_part` fields, see [`Cut`]), then its impls. A
/// caller that formats each part as it comes never holds the tokens (or
/// the syntax tree) of a struct of many properties whole.
pub fn item(c: &Crate, module: usize, item: &Item, fields_per_part: usize, sink: &mut dyn FnMut(TokenStream, Cut)) {
    match item {
        Item::Struct(s) => object(c, module, s, fields_per_part.max(1), sink),
        Item::Enum(e) => sink(str_enum(c, e), Cut::default()),
        Item::Union(u) => sink(union(c, module, u), Cut::default()),
    }
}

/// A type as written in `module`: its own types by name, others by path.
fn ty(c: &Crate, module: usize, t: &Ty) -> TokenStream {
    match t {
        Ty::Uuid => quote!(Uuid),
        Ty::Timestamp => quote!(Timestamp),
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::Number => quote!(Number),
        Ty::Map => quote!(Map),
        Ty::Value => quote!(Value),
        Ty::Named(id) => {
            let name = ident(c.name(*id));
            if c.types[id.0].module == module {
                quote!(#name)
            } else {
                let m = ident(c.module_of(*id));
                quote!(crate::#m::#name)
            }
        }
        Ty::List(item) => {
            let item = ty(c, module, item);
            quote!(Vec<#item>)
        }
        Ty::Loose(item) => {
            let item = ty(c, module, item);
            quote!(Loose<#item>)
        }
    }
}

fn field_ty(c: &Crate, module: usize, f: &FieldDef) -> TokenStream {
    let inner = ty(c, module, &f.ty);
    match f.kind {
        Kind::Required => inner,
        Kind::Nullable | Kind::Optional => quote!(Option<#inner>),
        Kind::Field => quote!(Field<#inner>),
    }
}

/// The declarations of fields, and how each is read and written (see
/// `object_impls!` in support.rs).
struct Fields {
    decls: Vec<TokenStream>,
    entries: Vec<TokenStream>,
    idents: Vec<proc_macro2::Ident>,
    /// `new`'s parameters and each field's first value.
    params: Vec<TokenStream>,
    inits: Vec<TokenStream>,
}

fn fields(c: &Crate, module: usize, defs: &[FieldDef]) -> Fields {
    let mut out =
        Fields { decls: Vec::new(), entries: Vec::new(), idents: Vec::new(), params: Vec::new(), inits: Vec::new() };
    for f in defs {
        out.decls.push(decl(c, module, f));
        out.params.extend(param(c, module, f));
        out.inits.push(init(f));
        out.idents.push(field_ident(&f.name));
    }
    out.entries = entries(None, defs);
    out
}

/// How the fields (and a tag) are read and written, in the order of their
/// JSON names: the order the API writes them in, so that the reader's
/// guess of the next key (`read_fields` in support.rs) mostly holds. The
/// fields themselves stay declared in the docs' order.
fn entries(tag: Option<(&str, &str)>, defs: &[FieldDef]) -> Vec<TokenStream> {
    let tag = tag.map(|(field, value)| (field, quote! { tag #field #value }));
    let mut entries: Vec<(&str, TokenStream)> =
        tag.into_iter().chain(defs.iter().map(|f| (&*f.json, entry(f)))).collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.into_iter().map(|(_, e)| e).collect()
}

/// A field's declaration: its docs, deprecation, name and type.
fn decl(c: &Crate, module: usize, f: &FieldDef) -> TokenStream {
    let id = field_ident(&f.name);
    let t = field_ty(c, module, f);
    let mut doc = doc_attrs(Some(&f.doc));
    match f.deprecated.as_deref() {
        Some("") => doc.extend(quote! { #[deprecated] }),
        Some(note) => doc.extend(quote! { #[deprecated(note = #note)] }),
        None => {}
    }
    quote! { #doc pub #id: #t, }
}

/// How a field is read and written: its kind, JSON name and field, three
/// tokens (see `from_entries_impl!` in support.rs).
fn entry(f: &FieldDef) -> TokenStream {
    let id = field_ident(&f.name);
    let kind = ident(f.kind.word());
    let json = &f.json;
    quote! { #kind #json #id }
}

/// `new`'s parameter for a field, when it has one.
fn param(c: &Crate, module: usize, f: &FieldDef) -> Option<TokenStream> {
    let id = field_ident(&f.name);
    let t = field_ty(c, module, f);
    matches!(f.kind, Kind::Required | Kind::Nullable).then(|| quote! { #id: #t })
}

/// A field's first value in `new`.
fn init(f: &FieldDef) -> TokenStream {
    let id = field_ident(&f.name);
    match f.kind {
        Kind::Required | Kind::Nullable => quote! { #id },
        Kind::Optional => quote! { #id: None },
        Kind::Field => quote! { #id: Field::Absent },
    }
}

/// `new`: the required properties as parameters, the rest left out.
fn constructor(name: &str, params: &[TokenStream], inits: &[TokenStream], rest: Option<TokenStream>) -> TokenStream {
    let doc = if params.is_empty() {
        format!(" A `{name}` with no property set: fill in the fields it needs.")
    } else {
        format!(" A `{name}` with its required properties, and no other set.")
    };
    let many = (params.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        #[doc = #doc]
        #[must_use]
        #many
        #[allow(deprecated)]
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits,)* #rest }
        }
    }
}

/// A struct: its declaration, `new()`, `Default`, `Endpoint` and how it is
/// read and written, each part handed to `sink` as soon as it is printed,
/// and each field printed where its part needs it.
fn object(c: &Crate, module: usize, s: &Struct, fields_per_part: usize, sink: &mut dyn FnMut(TokenStream, Cut)) {
    let name = ident(c.name(s.id));
    let extra = field_ident(&s.extra);
    let parts = s.fields.len().div_ceil(fields_per_part).max(1);
    for part in 0..parts {
        let (first, last) = (part == 0, part + 1 == parts);
        let fields = &s.fields[(part * fields_per_part).min(s.fields.len())..];
        let decls = fields[..fields.len().min(fields_per_part)].iter().map(|f| decl(c, module, f));
        let attrs = first.then(|| {
            let doc = doc_attrs(Some(&s.doc));
            quote! {
                #doc
                // `Debug` shows the JSON it serializes to (`object_impls!`).
                #[derive(Clone, PartialEq)]
                #[non_exhaustive]
            }
        });
        let extra_decl = last.then(|| {
            quote! {
                /// Properties the docs did not list when this crate was generated, as they came.
                pub #extra: Extra,
            }
        });
        let tokens = quote! {
            #attrs
            pub struct #name {
                #(#decls)*
                #extra_decl
            }
        };
        sink(tokens, Cut { first_lines: usize::from(!first), last_lines: usize::from(!last) });
    }

    // `new()`, in parts of at least `INITS_PER_PART` fields (see `Cut`).
    let per_part = fields_per_part.max(INITS_PER_PART);
    let parts = (s.fields.len() / per_part).max(1);
    for part in 0..parts {
        let (first, last) = (part == 0, part + 1 == parts);
        let end = if last { s.fields.len() } else { (part + 1) * per_part };
        let inits: Vec<TokenStream> = s.fields[part * per_part..end].iter().map(init).collect();
        let rest = last.then(|| quote! { #extra: Extra::new() });
        let tokens = if first {
            let params: Vec<TokenStream> = s.fields.iter().filter_map(|f| param(c, module, f)).collect();
            let new = constructor(c.name(s.id), &params, &inits, rest);
            quote! { impl #name { #new } }
        } else {
            quote! { impl #name { pub fn new() -> Self { Self { #(#inits,)* #rest } } } }
        };
        sink(tokens, Cut { first_lines: if first { 0 } else { 3 }, last_lines: if last { 0 } else { 3 } });
    }

    // `Default` is `new()`: a derived one would spell every field again.
    if s.default {
        let default = quote! {
            impl Default for #name {
                fn default() -> Self { Self::new() }
            }
        };
        sink(default, Cut::default());
    }
    if let Some(e) = &s.endpoint {
        let path = &e.path;
        let response = ty(c, module, &Ty::Named(e.response));
        let safe = e.safe.then(|| quote! { const SAFE: bool = true; });
        let pages = e.pages.as_ref().map(|p| {
            let (items, item) = (field_ident(&p.items), ty(c, module, &p.item));
            quote! {
                impl Paginated for #name {
                    type Item = #item;
                    fn items(response: Self::Response) -> Result<Vec<Self::Item>, Value> {
                        Items::into_items(response.#items)
                    }
                }
            }
        });
        let endpoint = quote! {
            impl Endpoint for #name {
                const PATH: &'static str = #path;
                #safe
                type Response = #response;
            }
            #pages
        };
        sink(endpoint, Cut::default());
    }

    // How it is read: into the fields of `new()`, or, when it has required
    // properties, into locals checked last (see `from_entries_impl!`).
    let mode = ident(if s.default { "new" } else { "fields" });
    let idents = s.fields.iter().map(|f| field_ident(&f.name));
    let entries = entries(s.tag.as_ref().map(|(field, value)| (&**field, &**value)), &s.fields);
    let impls = match &s.tag {
        Some((field, value)) => quote! {
            tagged_impls!(#mode, #name, (#field, #value), #extra, [#(#idents),*], [#(#entries),*]);
        },
        None => {
            let expecting = &s.expecting;
            quote! {
                object_impls!(#mode, #name, #expecting, #extra, [#(#idents),*], [#(#entries),*]);
            }
        }
    };
    drop(entries);
    sink(impls, Cut::default());
}

fn str_enum(c: &Crate, e: &StrEnum) -> TokenStream {
    let name = ident(c.name(e.id));
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let strs: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let docs = e.variants.iter().map(|v| doc_attrs(Some(&v.doc)));
    let doc = doc_attrs(Some(&e.doc));
    // An enum whose docs list no value reads every value as unknown,
    // without a match of one arm.
    let methods = if variants.is_empty() {
        quote! {
            impl #name {
                /// The value as the API spells it.
                #[must_use]
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
                #[must_use]
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
    quote! {
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
    }
}

fn union(c: &Crate, module: usize, u: &Union) -> TokenStream {
    let name = ident(c.name(u.id));
    let payload = ident(c.name(u.payload));
    let pf = field_ident(&u.payload_field);
    let Fields { decls, entries, idents, params, inits } = fields(c, module, &u.common);
    let tag = &u.tag;
    let doc = doc_attrs(Some(&u.doc));
    let payload_doc = doc_attrs(Some(&u.payload_doc));
    let payload_enum_doc = doc_attrs(Some(&format!(
        "The shapes of [`{}`], by `{tag}`: one struct per value the docs describe, and `Unknown`, kept whole.",
        c.name(u.id)
    )));

    let vnames: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let vtys: Vec<_> = u.variants.iter().map(|v| ty(c, module, &Ty::Named(v.ty))).collect();
    let vdocs = u.variants.iter().map(|v| doc_attrs(Some(&v.doc)));
    let values: Vec<&str> = u.variants.iter().map(|v| v.value.as_str()).collect();

    let tag_fn = if u.variants.is_empty() {
        quote! { let Self::Unknown(u) = self; &u.tag }
    } else {
        quote! { match self { #(Self::#vnames(_) => #values,)* Self::Unknown(u) => &u.tag, } }
    };
    let tag_method = field_ident(&u.tag_method);
    let typed_tag = u.tag_enum.map(|id| {
        let e = ident(c.name(id));
        let enum_variant = |value: &str| {
            let known = match c.item(id) {
                Some(Item::Enum(en)) => en.variants.iter().find(|v| v.value == value),
                _ => None,
            };
            match known {
                Some(v) => {
                    let v = ident(&v.name);
                    quote!(#e::#v)
                }
                None => quote!(#e::Unknown(#value.to_owned())),
            }
        };
        let arms = u.variants.iter().map(|v| {
            let (vn, val) = (ident(&v.name), enum_variant(&v.value));
            quote! { Self::#vn(_) => #val, }
        });
        let body = if u.variants.is_empty() {
            quote! { #e::from(self.tag()) }
        } else {
            quote! { match self { #(#arms)* Self::Unknown(u) => #e::from(u.tag.as_str()), } }
        };
        let doc = format!(" The `{tag}`.");
        (
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #tag_method(&self) -> #e { #body }
            },
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #tag_method(&self) -> #e { self.#pf.#tag_method() }
            },
        )
    });
    let (payload_tag_typed, union_tag_typed) = match typed_tag {
        Some((p, u)) => (p, u),
        None => {
            let doc = format!(" The `{tag}`, as the object spelled it.");
            let same = u.tag_method == "tag";
            let alias = (!same)
                .then(|| quote! { #[doc = #doc] #[must_use] pub fn #tag_method(&self) -> &str { self.#pf.tag() } });
            (TokenStream::new(), alias.unwrap_or_default())
        }
    };
    // `code()` for objects tagged by a code (`error_code`, `warning_code`).
    let code = (u.tag.ends_with("_code") && u.tag_method != "code").then(|| {
        let doc = format!(" The `{tag}`, as the object spelled it (the same as [`Self::tag`]).");
        quote! { #[doc = #doc] #[must_use] pub fn code(&self) -> &str { self.#pf.tag() } }
    });

    // Reading (`union_impls!`): the tag's values, each with its variant
    // (sorted, so that the list reads well; the lookup is a hash table
    // built at compile time, `support::Tags`).
    let mut sorted: Vec<(usize, &str)> = values.iter().copied().enumerate().collect();
    sorted.sort_by(|a, b| a.1.cmp(b.1));
    let tags: Vec<&str> = sorted.iter().map(|s| s.1).collect();
    let arms = sorted.iter().enumerate().map(|(i, (v, _))| {
        let i = Literal::usize_unsuffixed(i);
        let (vn, vt) = (&vnames[*v], &vtys[*v]);
        quote! { (#i, #vn, #vt) }
    });
    let expecting = &u.expecting;
    let ser_arms = quote! { #(Self::#vnames(p) => p.serialize_fields(map),)* };
    let new =
        constructor(c.name(u.id), &[params, vec![quote! { #pf: #payload }]].concat(), &inits, Some(quote! { #pf }));

    quote! {
        #doc
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#decls)*
            #payload_doc
            pub #pf: #payload,
        }

        #payload_enum_doc
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        // Unboxed, so that a shape can be destructured in a pattern.
        #[allow(clippy::large_enum_variant)]
        pub enum #payload {
            #(#vdocs #vnames(#vtys),)*
            /// A value the docs did not describe when this crate was generated: the object's other properties, as they came.
            Unknown(UnknownVariant),
        }

        impl #payload {
            /// The tag's value, as the object spelled it.
            #[must_use]
            pub fn tag(&self) -> &str { #tag_fn }

            #payload_tag_typed
        }

        impl #name {
            #new

            /// The tag's value, as the object spelled it.
            #[must_use]
            pub fn tag(&self) -> &str { self.#pf.tag() }

            #union_tag_typed
            #code
        }

        union_impls!(#name, #payload, #pf, #tag, #expecting, [#(#idents),*], [#(#entries),*], [#(#arms),*], [#(#tags),*]);


        #[allow(deprecated)]
        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                let m = &mut map;
                write_fields(m, &[#(field_name!(#entries)),*], &[#(field_ref!(self, #entries)),*], &Extra::new())?;
                self.#pf.serialize_fields(m)?;
                map.end()
            }
        }

        impl SerializeFields for #payload {
            fn serialize_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                match self {
                    #ser_arms
                    Self::Unknown(u) => u.serialize_fields(#tag, map),
                }
            }
        }

        impl Serialize for #payload {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                self.serialize_fields(&mut map)?;
                map.end()
            }
        }
    }
}
