//! The Rust items a crate is made of, between the model and the tokens:
//! what [`lower`](super::lower) decides (every name, every derive, which
//! module holds what) and all the printer needs. It knows nothing of the
//! docs' layout and nothing of `quote`.
//!
//! Its `Display` is the reviewable summary the snapshot tests keep: one line
//! per item and per field, no doc text.

use std::fmt;

/// A type the crate defines, by index into [`Crate::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Where a defined type lives and what it is called: decided once, before
/// any item is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    /// The module (index into [`Crate::modules`]).
    pub module: usize,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct Crate {
    pub modules: Vec<Module>,
    pub types: Vec<TypeName>,
    /// What the root re-exports, in order.
    pub root_exports: Vec<TypeId>,
    /// The type of each resource, by docs name.
    pub resources: std::collections::BTreeMap<String, TypeId>,
}

#[derive(Debug)]
pub struct Module {
    /// The Rust module name (`devices`).
    pub name: String,
    /// The module's docs (its first line says what it holds).
    pub doc: String,
    pub items: Vec<Item>,
}

#[derive(Debug)]
pub enum Item {
    Struct(Struct),
    Enum(StrEnum),
    Union(Union),
}

impl Item {
    pub fn id(&self) -> TypeId {
        match self {
            Item::Struct(s) => s.id,
            Item::Enum(e) => e.id,
            Item::Union(u) => u.id,
        }
    }
}

/// An object: one field per documented property, and `extra` for the rest.
#[derive(Debug)]
pub struct Struct {
    pub id: TypeId,
    pub doc: String,
    /// What an error message says was expected (`a \`device\` object`).
    pub expecting: String,
    pub fields: Vec<FieldDef>,
    /// The name of the field holding the properties the docs do not list.
    pub extra: String,
    /// One shape of a tagged union: the tag field and the value this struct
    /// is for. The tag is not a field: the struct's type says it.
    pub tag: Option<(String, String)>,
    /// Whether the struct derives `Default` (no field it cannot leave out).
    pub default: bool,
    /// The request of an endpoint: its path, and the type of its response.
    pub endpoint: Option<EndpointDef>,
}

/// What ties a request type to its endpoint (`impl Endpoint`).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointDef {
    pub path: String,
    pub response: TypeId,
    /// The spec lists `GET` for the path too: the call only reads, and a
    /// client may repeat it.
    pub safe: bool,
    /// How its results come in pages, when they do.
    pub pages: Option<Pages>,
}

/// A paged endpoint's results: the response field holding a page's items
/// (a list), and the type of one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    pub items: String,
    pub item: Ty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// The Rust field name (`r#type` written as `type`).
    pub name: String,
    /// The property as the JSON spells it.
    pub json: String,
    pub ty: Ty,
    pub kind: Kind,
    pub doc: String,
    /// `Some("")`: deprecated without a note.
    pub deprecated: Option<String>,
}

/// How a property is present: what its Rust type wraps `ty` in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `T`: always there, never null.
    Required,
    /// `Option<T>`: always there, maybe null.
    Nullable,
    /// `Option<T>`: maybe absent, never null.
    Optional,
    /// `Field<T>`: absent, null or a value.
    Field,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Required => "required",
            Kind::Nullable => "nullable",
            Kind::Optional => "optional",
            Kind::Field => "field",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Uuid,
    Timestamp,
    String,
    Bool,
    Number,
    /// A JSON object of any shape.
    Map,
    /// Any JSON value.
    Value,
    Named(TypeId),
    List(Box<Ty>),
    /// `Loose<T>`: the documented type, or the JSON as it came when it is
    /// not that (the docs' own examples show other JSON there).
    Loose(Box<Ty>),
}

/// A string enum: a variant per documented value, and `Unknown(String)`.
#[derive(Debug)]
pub struct StrEnum {
    pub id: TypeId,
    pub doc: String,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug)]
pub struct EnumVariant {
    pub name: String,
    pub value: String,
    pub doc: String,
}

/// An object whose shape depends on one of its fields, the tag: a struct
/// with the fields every shape shares (an event's envelope) and the
/// payload, an enum with one variant per documented tag value (each a
/// [`Struct`] with that `tag`), and `Unknown` for any other.
#[derive(Debug)]
pub struct Union {
    pub id: TypeId,
    pub doc: String,
    pub expecting: String,
    /// The tag field, as the JSON spells it (`event_type`).
    pub tag: String,
    /// A string enum of the tag's values, when the crate has one
    /// (`EventType`): the tag accessor returns it.
    pub tag_enum: Option<TypeId>,
    /// The name of the tag accessor (`event_type`).
    pub tag_method: String,
    /// Fields every shape has, read and written by the union itself.
    pub common: Vec<FieldDef>,
    /// The field holding the shape's own fields (`payload`, `kind`).
    pub payload_field: String,
    /// The payload enum.
    pub payload: TypeId,
    pub payload_doc: String,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug)]
pub struct UnionVariant {
    pub name: String,
    pub value: String,
    /// The struct of this shape's own fields.
    pub ty: TypeId,
    pub doc: String,
}

impl Crate {
    /// The sections of the runtime (`support.rs`) the items need: `uuid`,
    /// `timestamp` (a field of that type), `required` (a field that must be
    /// there).
    pub fn runtime_needs(&self) -> std::collections::BTreeSet<&'static str> {
        fn scalar(ty: &Ty, needs: &mut std::collections::BTreeSet<&'static str>) {
            match ty {
                Ty::Uuid => {
                    needs.insert("uuid");
                }
                Ty::Timestamp => {
                    needs.insert("timestamp");
                }
                Ty::List(item) => scalar(item, needs),
                Ty::Loose(item) => {
                    needs.insert("loose");
                    scalar(item, needs);
                }
                _ => {}
            }
        }
        let mut needs = std::collections::BTreeSet::new();
        let fields = self.modules.iter().flat_map(|m| &m.items).flat_map(|i| match i {
            Item::Struct(s) => s.fields.as_slice(),
            Item::Union(u) => u.common.as_slice(),
            Item::Enum(_) => &[],
        });
        let mut items = self.modules.iter().flat_map(|m| &m.items);
        if items.any(|i| matches!(i, Item::Struct(s) if s.endpoint.is_some())) {
            needs.insert("endpoints");
        }
        let mut items = self.modules.iter().flat_map(|m| &m.items);
        if items.any(|i| matches!(i, Item::Struct(s) if s.endpoint.as_ref().is_some_and(|e| e.pages.is_some()))) {
            needs.insert("pages");
        }
        for f in fields {
            scalar(&f.ty, &mut needs);
            if matches!(f.kind, Kind::Required | Kind::Nullable) {
                needs.insert("required");
            }
        }
        needs
    }

    /// The item that defines `id`.
    pub fn item(&self, id: TypeId) -> Option<&Item> {
        self.modules.iter().flat_map(|m| &m.items).find(|i| i.id() == id)
    }

    pub fn name(&self, id: TypeId) -> &str {
        &self.types[id.0].name
    }

    pub fn module_of(&self, id: TypeId) -> &str {
        &self.modules[self.types[id.0].module].name
    }

    fn ty(&self, ty: &Ty) -> String {
        match ty {
            Ty::Uuid => "Uuid".to_owned(),
            Ty::Timestamp => "Timestamp".to_owned(),
            Ty::String => "String".to_owned(),
            Ty::Bool => "bool".to_owned(),
            Ty::Number => "Number".to_owned(),
            Ty::Map => "Map".to_owned(),
            Ty::Value => "Value".to_owned(),
            Ty::Named(id) => self.name(*id).to_owned(),
            Ty::List(item) => format!("Vec<{}>", self.ty(item)),
            Ty::Loose(item) => format!("Loose<{}>", self.ty(item)),
        }
    }

    fn field(&self, f: &mut fmt::Formatter<'_>, field: &FieldDef) -> fmt::Result {
        let ty = self.ty(&field.ty);
        let ty = match field.kind {
            Kind::Required => ty,
            Kind::Nullable | Kind::Optional => format!("Option<{ty}>"),
            Kind::Field => format!("Field<{ty}>"),
        };
        let json = if field.json == field.name { String::new() } else { format!(" as \"{}\"", field.json) };
        let deprecated = if field.deprecated.is_some() { " deprecated" } else { "" };
        writeln!(f, "    {}: {ty}{json}{deprecated}", field.name)
    }
}

/// The summary: modules, items, fields and variants, in print order.
impl fmt::Display for Crate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for m in &self.modules {
            writeln!(f, "mod {} ({} items)", m.name, m.items.len())?;
            for item in &m.items {
                match item {
                    Item::Struct(s) => {
                        let tag = s.tag.as_ref().map(|(k, v)| format!(" [{k} = {v}]")).unwrap_or_default();
                        let default = if s.default { " +Default" } else { "" };
                        writeln!(f, "  struct {}{tag}{default}", self.name(s.id))?;
                        if let Some(e) = &s.endpoint {
                            let safe = if e.safe { " (safe)" } else { "" };
                            writeln!(f, "    endpoint POST {}{safe} -> {}", e.path, self.name(e.response))?;
                            if let Some(p) = &e.pages {
                                writeln!(f, "    pages of {}", p.items)?;
                            }
                        }
                        for field in &s.fields {
                            self.field(f, field)?;
                        }
                        writeln!(f, "    {}: Extra (other properties)", s.extra)?;
                    }
                    Item::Enum(e) => {
                        writeln!(f, "  enum {}", self.name(e.id))?;
                        for v in &e.variants {
                            writeln!(f, "    | {} = {}", v.name, v.value)?;
                        }
                        writeln!(f, "    | Unknown(String)")?;
                    }
                    Item::Union(u) => {
                        let tag_enum = u.tag_enum.map(|t| format!(" ({})", self.name(t))).unwrap_or_default();
                        writeln!(f, "  union {} by {}{tag_enum}", self.name(u.id), u.tag)?;
                        for field in &u.common {
                            self.field(f, field)?;
                        }
                        writeln!(f, "    {}: {}", u.payload_field, self.name(u.payload))?;
                        for v in &u.variants {
                            writeln!(f, "    | {} = {} => {}", v.name, v.value, self.name(v.ty))?;
                        }
                        writeln!(f, "    | Unknown")?;
                    }
                }
            }
        }
        let exports: Vec<&str> = self.root_exports.iter().map(|id| self.name(*id)).collect();
        writeln!(f, "root: {}", exports.join(", "))
    }
}
