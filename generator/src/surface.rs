//! The API surface of the generated crate, as facts: one line each, in a
//! fixed order, computed from the [`Model`] alone (never from the Rust the
//! backend prints). `generate` writes it into the crate as
//! [`FILE_NAME`]; [`crate::changes`] compares two surfaces and tells what
//! changed and what semver level that implies.
//!
//! ```text
//! resource device
//! property device.battery.level: number
//! property device.device_type: enum
//! value device.device_type = august_lock
//! property device.errors: list<variants<error_code>>
//! variant device.errors[]{error_code=account_disconnected}
//! property device.errors[]{error_code=account_disconnected}.message: string
//! deprecated property device.location
//! envelope event[*]
//! property event[*].event_id: uuid (required)
//! event_type device.connected
//! property event[device.connected].device_id: uuid
//! ```
//!
//! A fact is identified by everything before its first `: ` (the *key*);
//! what follows is its *detail*, a property's type: a fact whose key stays
//! and whose detail changes is retyped. Paths go down objects (`.name`),
//! list items (`[]`) and variants (`{discriminator=value}`); the payload of
//! an event type is under `event[TYPE]`, the envelope every event shares
//! under `event[*]`. A property's presence is part of its type when it is not
//! the default (absent or null): `(required)`, `(required, nullable)`,
//! `(optional)`, as `strict: true` or a `presence:` pin makes it. Names and
//! values that hold anything but plain characters are written as JSON
//! strings, so that every line reads back unambiguously. Children are
//! sorted by name: the docs' order is not part of the API.
//!
//! Endpoints are not part of it: the crate does not type them yet.

use std::collections::BTreeMap;

use crate::model::{EnumValue, Model, Presence, Property, Type};

/// The surface's file in the generated crate.
pub const FILE_NAME: &str = "api-surface.txt";

/// The surface of a model, as the file the crate carries: the generated
/// header (as every generated file has it, with `#` comments), a line
/// saying what the file is, then the facts.
pub fn render(model: &Model, origin: &str) -> String {
    let mut out = header(origin);
    out.push_str(
        "#\n# The API surface of this crate, one fact per line: `cargo xtask codegen` compares it with the\n\
         # surface of the docs it regenerates from, and reports what changed and the semver level.\n\n",
    );
    for line in facts(model) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The generated header every file has (`#` comments, as in
/// `Cargo.toml`). `output` refuses to overwrite a file without it.
fn header(origin: &str) -> String {
    crate::backend::header("#", origin)
}

/// Where the event envelope's properties are, the fields every event has
/// (as `*` stands for every event in `codegen.yaml`): an event type named
/// `*` would be written `event["*"]`.
pub const ENVELOPE: &str = "event[*]";

/// The facts of a model, one per line, in file order: resources by name,
/// then the event envelope, then event types by name; below each, its
/// properties depth first, sorted by name at each level.
pub fn facts(model: &Model) -> Vec<String> {
    let mut out = Facts::default();
    for r in model.resources.values() {
        let root = name(&r.name);
        out.push(format!("resource {root}"));
        if r.deprecated.is_some() {
            out.push(format!("deprecated resource {root}"));
        }
        out.props(&root, &r.properties, false);
    }
    if let Some(envelope) = &model.event_object {
        // Its `event_type` enum lists the event types, which have facts of
        // their own below.
        out.push(format!("envelope {ENVELOPE}"));
        if envelope.deprecated.is_some() {
            out.push(format!("deprecated envelope {ENVELOPE}"));
        }
        out.props(ENVELOPE, &envelope.properties, true);
    }
    let mut types: BTreeMap<&str, bool> = BTreeMap::new();
    for v in &model.event_types {
        *types.entry(v.value.as_str()).or_default() |= v.deprecated.is_some();
    }
    for (t, e) in &model.events {
        *types.entry(t.as_str()).or_default() |= e.deprecated.is_some();
    }
    for (raw, deprecated) in types {
        let t = word(raw);
        out.push(format!("event_type {t}"));
        if deprecated {
            out.push(format!("deprecated event_type {t}"));
        }
        if let Some(e) = model.events.get(raw) {
            let root = format!("event[{t}]");
            out.push(format!("payload {root}"));
            out.props(&root, &e.properties, false);
        }
    }
    out.lines
}

/// The lines, each once (the model never repeats a name in one object, but
/// hostile docs may still spell two names the same once quoted).
#[derive(Default)]
struct Facts {
    lines: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Facts {
    fn push(&mut self, line: String) {
        if self.seen.insert(line.clone()) {
            self.lines.push(line);
        }
    }

    /// `envelope`: the event envelope, whose `event_type` values are not
    /// listed (they are the `event_type` facts).
    fn props(&mut self, base: &str, props: &[Property], envelope: bool) {
        let mut sorted: Vec<&Property> = props.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        for p in sorted {
            let path = format!("{base}.{}", name(&p.name));
            self.push(format!("property {path}: {}{}", type_label(&p.ty), presence_label(p.presence)));
            if p.deprecated.is_some() {
                self.push(format!("deprecated property {path}"));
            }
            if !(envelope && p.name == "event_type") {
                self.children(&path, &p.ty);
            }
        }
    }

    fn children(&mut self, path: &str, ty: &Type) {
        match ty {
            Type::Enum { values } => self.values(path, values),
            Type::Object { properties } => self.props(path, properties, false),
            Type::List { item } => self.children(&format!("{path}[]"), item),
            Type::Disputed { documented } => self.children(path, documented),
            Type::Variants { discriminator, variants } => {
                let mut sorted: Vec<_> = variants.iter().collect();
                sorted.sort_by(|a, b| a.value.cmp(&b.value));
                for v in sorted {
                    let vpath = format!("{path}{{{}={}}}", name(discriminator), word(&v.value));
                    self.push(format!("variant {vpath}"));
                    self.props(&vpath, &v.properties, false);
                }
            }
            _ => {}
        }
    }

    fn values(&mut self, path: &str, values: &[EnumValue]) {
        let mut sorted: Vec<&EnumValue> = values.iter().collect();
        sorted.sort_by(|a, b| a.value.cmp(&b.value));
        for v in sorted {
            let fact = format!("value {path} = {}", word(&v.value));
            self.push(fact.clone());
            if v.deprecated.is_some() {
                self.push(format!("deprecated {fact}"));
            }
        }
    }
}

/// How a type is written: the docs' kind, lower case, with what it holds
/// (`list<enum>`, `variants<error_code>`, `ref<device>`, `const x`).
pub fn type_label(ty: &Type) -> String {
    match ty {
        Type::Uuid => "uuid".into(),
        Type::Datetime => "datetime".into(),
        Type::String => "string".into(),
        Type::Boolean => "boolean".into(),
        Type::Number => "number".into(),
        Type::Enum { .. } => "enum".into(),
        Type::Const { value } => format!("const {}", word(value)),
        Type::Object { .. } => "object".into(),
        Type::List { item } => format!("list<{}>", type_label(item)),
        Type::Variants { discriminator, .. } => format!("variants<{}>", name(discriminator)),
        Type::Record => "record".into(),
        Type::Ref { name: r } => format!("ref<{}>", name(r)),
        Type::Any => "any".into(),
        Type::Disputed { documented } => format!("disputed<{}>", type_label(documented)),
    }
}

/// Presence, when not the default: it changes the Rust type (`T`,
/// `Option<T>`, `Field<T>`).
fn presence_label(p: Presence) -> &'static str {
    match (p.required, p.nullable) {
        _ if p == Presence::UNKNOWN => "",
        (true, false) => " (required)",
        (true, true) => " (required, nullable)",
        (false, false) => " (optional)",
        (false, true) => "",
    }
}

/// A name in a path (a resource, a property, a discriminator): as it is
/// when it is plain (letters, digits, `_`, `-`, `$`, `@`), else a JSON
/// string.
fn name(s: &str) -> String {
    quote_unless(s, |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$' | '@'))
}

/// A value (an event type, an enum value, a constant): as `name`, and dots
/// and slashes may stay too.
fn word(s: &str) -> String {
    quote_unless(s, |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$' | '@' | '.' | '/' | '+'))
}

fn quote_unless(s: &str, plain: impl Fn(char) -> bool) -> String {
    if !s.is_empty() && s.chars().all(plain) {
        s.to_owned()
    } else {
        serde_json::to_string(s).expect("a string serializes")
    }
}

/// A surface read back: each fact's key and its detail (a property's type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    pub facts: BTreeMap<String, Option<String>>,
}

impl Surface {
    /// The surface of a model.
    pub fn of(model: &Model) -> Surface {
        Surface::from_lines(facts(model).iter().map(String::as_str))
    }

    /// Reads a surface file: comment (`#`) and blank lines are skipped.
    pub fn parse(text: &str) -> Surface {
        Surface::from_lines(text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')))
    }

    fn from_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Surface {
        let mut facts = BTreeMap::new();
        for line in lines {
            let (key, detail) = split_detail(line);
            facts.insert(key.to_owned(), detail.map(str::to_owned));
        }
        Surface { facts }
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// How many facts of a kind (`resource`, `event_type`, `property`,
    /// `value`, `variant`, `envelope`, `deprecated`).
    pub fn count(&self, kind: &str) -> usize {
        self.facts.keys().filter(|k| Fact::kind_of(k) == kind).count()
    }
}

/// A line's key and detail: split at the first `: ` outside a quoted name.
fn split_detail(line: &str) -> (&str, Option<&str>) {
    let bytes = line.as_bytes();
    let mut quoted = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quoted => i += 1,
            b'"' => quoted = !quoted,
            b':' if !quoted && bytes.get(i + 1) == Some(&b' ') => return (&line[..i], Some(&line[i + 2..])),
            _ => {}
        }
        i += 1;
    }
    (line, None)
}

/// What a fact's key says: its kind, and where it sits.
pub struct Fact;

impl Fact {
    /// The first word of a key.
    pub fn kind_of(key: &str) -> &str {
        key.split_once(' ').map_or(key, |(k, _)| k)
    }

    /// Where a fact sits in the tree of paths: a property's or variant's
    /// path, `PATH = VALUE` for an enum value, `event[TYPE]` for an event
    /// type, `event[TYPE] payload` for its documented payload (what is in
    /// the payload is below it: `event[TYPE] payload.device_id`), a
    /// resource's name, and `PATH deprecated` for a deprecation (below the
    /// fact it marks). A fact is below another when its place starts with
    /// the other's, followed by `.`, `[`, `{` or a space.
    pub fn place(key: &str) -> String {
        let rest = key.split_once(' ').map_or("", |(_, r)| r);
        match Fact::kind_of(key) {
            "event_type" => format!("event[{rest}]"),
            "payload" => format!("{rest} payload"),
            "deprecated" => format!("{} deprecated", Fact::place(rest)),
            "property" | "value" | "variant" => match event_root(rest) {
                Some(end) if &rest[..end] != ENVELOPE => format!("{} payload{}", &rest[..end], &rest[end..]),
                _ => rest.to_owned(),
            },
            _ => rest.to_owned(),
        }
    }

    /// A property path's parent and last name: `a.b[].c` → (`a.b[]`, `c`).
    pub fn split_path(path: &str) -> Option<(&str, &str)> {
        let bytes = path.as_bytes();
        let (mut quoted, mut depth, mut last) = (false, 0i32, None);
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if quoted => i += 1,
                b'"' => quoted = !quoted,
                b'[' | b'{' if !quoted => depth += 1,
                b']' | b'}' if !quoted => depth -= 1,
                b'.' if !quoted && depth == 0 => last = Some(i),
                _ => {}
            }
            i += 1;
        }
        last.map(|i| (&path[..i], &path[i + 1..]))
    }
}

/// Where `event[TYPE]` ends in a path that starts with it.
fn event_root(path: &str) -> Option<usize> {
    let inner = path.strip_prefix("event[")?;
    let len = if inner.starts_with('"') {
        let mut escaped = false;
        let close = inner.char_indices().skip(1).find(|&(_, c)| {
            let end = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            end
        })?;
        close.0 + 1
    } else {
        inner.find(']')?
    };
    inner[len..].starts_with(']').then_some("event[".len() + len + 1)
}

impl Fact {
    /// Whether the place `below` is under the place `above`.
    pub fn is_below(below: &str, above: &str) -> bool {
        below.len() > above.len()
            && below.starts_with(above)
            && matches!(below.as_bytes()[above.len()], b'.' | b'[' | b'{' | b' ')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Resource, Source, Variant};

    fn prop(name: &str, ty: Type) -> Property {
        Property::new(name, ty, Source::line("p.md", 1))
    }

    fn values(vs: &[&str]) -> Type {
        Type::Enum { values: vs.iter().map(|v| EnumValue::new(*v, Source::line("p.md", 1))).collect() }
    }

    fn model() -> Model {
        let mut m = Model::default();
        let mut r = Resource::new("device", Source::line("p.md", 1));
        let mut required = prop("device_id", Type::Uuid);
        required.presence = Presence { required: true, nullable: false };
        r.properties = vec![
            prop("zeta", values(&["b", "a", "has space"])),
            required,
            prop(
                "errors",
                Type::List {
                    item: Box::new(Type::Variants {
                        discriminator: "error_code".into(),
                        variants: vec![Variant {
                            value: "offline".into(),
                            description: None,
                            properties: vec![prop("message", Type::String)],
                            sources: vec![],
                        }],
                    }),
                },
            ),
            prop("a: b", Type::Object { properties: vec![prop("x.y", Type::Number)] }),
        ];
        m.resources.insert("device".into(), r);
        m
    }

    #[test]
    fn facts_are_sorted_depth_first_and_odd_names_quoted() {
        assert_eq!(
            facts(&model()),
            [
                "resource device",
                "property device.\"a: b\": object",
                "property device.\"a: b\".\"x.y\": number",
                "property device.device_id: uuid (required)",
                "property device.errors: list<variants<error_code>>",
                "variant device.errors[]{error_code=offline}",
                "property device.errors[]{error_code=offline}.message: string",
                "property device.zeta: enum",
                "value device.zeta = a",
                "value device.zeta = b",
                "value device.zeta = \"has space\"",
            ]
        );
    }

    #[test]
    fn a_rendered_surface_reads_back_as_its_facts() {
        let m = model();
        let text = render(&m, "spec/");
        assert!(text.starts_with("# @generated by `cargo xtask codegen`"));
        let s = Surface::parse(&text);
        assert_eq!(s, Surface::of(&m));
        assert_eq!(s.facts["property device.\"a: b\""].as_deref(), Some("object"));
        assert_eq!(s.facts["property device.device_id"].as_deref(), Some("uuid (required)"));
        assert_eq!(s.facts["value device.zeta = \"has space\""], None);
        assert_eq!((s.count("property"), s.count("value"), s.count("variant")), (6, 3, 1));
    }

    #[test]
    fn places_nest() {
        let place = Fact::place("property event[a.b].c");
        assert_eq!(place, "event[a.b] payload.c");
        assert!(Fact::is_below(&place, &Fact::place("payload event[a.b]")));
        assert!(Fact::is_below(&Fact::place("payload event[a.b]"), &Fact::place("event_type a.b")));
        assert_eq!(Fact::place("value event[\"a]\\\"\"].c = d"), "event[\"a]\\\"\"] payload.c = d");
        assert_eq!(Fact::place("property event[*].event_id"), "event[*].event_id");
        assert_eq!(Fact::split_path("a.b[]{k=v.w}.c"), Some(("a.b[]{k=v.w}", "c")));
        assert_eq!(Fact::split_path("a.\"x.y\""), Some(("a", "\"x.y\"")));
        assert_eq!(Fact::split_path("event[a.b]"), None);
        assert!(Fact::is_below(&Fact::place("value x.y = z"), "x.y"));
        assert!(Fact::is_below(&Fact::place("deprecated value x.y = z"), &Fact::place("value x.y = z")));
        assert!(Fact::is_below("x.y[]{k=v}", "x.y"));
        assert!(!Fact::is_below("x.yz", "x.y"));
        assert!(!Fact::is_below("x.y", "x.y"));
    }
}
