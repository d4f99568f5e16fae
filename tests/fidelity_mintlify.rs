//! Fidelity of the Mintlify trees: the model of `seam-mintlify-2026-06/` and
//! `seam-mintlify-2026-07/` (`api/*.mdx` pages and `openapi.json`), scored
//! against ground truth decided by this file alone.
//!
//! `cargo test -p seam-codegen-tests --test fidelity_mintlify -- --nocapture`
//! prints one table per tree (the `*_report` tests) and the first
//! [`LISTED`] missing, wrong and extra items of each category. Each
//! category's floor (the target) is asserted by a test of its own.
//! Skipped, with a notice, when `../shared/corpus` is absent.
//!
//! A model's property that every shape of a discriminated object has counts
//! at the plain path too (`device.errors.message`): a source that does not
//! tell the shapes apart shows it there.
//!
//! # How truth is decided
//!
//! Nothing here calls or copies the generator's frontends: the harness reads
//! the sources itself, with [`serde_json::Value`] and plain text search.
//!
//! - **2026-07** has no oracle: the truth is the tree's own `openapi.json`
//!   ([`spec_truth`]). Every `components.schemas` entry is a resource, but
//!   `event`, whose `oneOf` members (told apart by `event_type`) are the
//!   events. Properties are read at every depth: an object's `properties`,
//!   `allOf` parts merged, an array's `items` (on the array's own path: list
//!   items carry no marker), and `oneOf` members, which are variants (path
//!   `x.errors[code].prop`) when the `oneOf` has a discriminator or its
//!   members share a property with one enum value each, all different;
//!   other `oneOf`s merge their members. Anything marked `x-undocumented`,
//!   or whose description opens with an `undocumented: …` line closed by a
//!   `---` line, is left out, with all it holds.
//! - **2026-06**: the truth is the oracle
//!   (`oracle/seam-model-2026-06.json`, [`oracle_truth`]), leaving out what
//!   it flags `is_undocumented`; `action_attempt` (the union of the oracle's
//!   `action_attempts`) and `pagination` count as resources, as in the spec.
//!   An oracle fact counts only if a source of the tree shows it
//!   ([`shown_by_tree`]): the tree's `openapi.json`, read as above, has it at
//!   that path, or a page shows it (a `<ResponseField>` at that place on a
//!   page about its resource or in its event's section; in the hand-written
//!   layout, every name and variant value on its path). A property the
//!   tree's spec marks undocumented is not shown, whatever the oracle says
//!   (it does not flag `lock.unlocked`'s ACS ids, which the spec and the
//!   pages print as `undocumented: Unreleased.`). Where the
//!   tree's spec gives another type than the oracle, the type is excepted
//!   (listed, not counted). The facts left out are listed in the report.
//!
//! # Categories
//!
//! Resources and event types (100%); properties at every depth, of
//! resources and of event payloads, by path (99.5%); enum values, `path =
//! value` (99.5%); types, a coarse kind per property found on both sides
//! (99.5%, [`spec_kind`]); properties under the wrong parent (none,
//! [`wrong_parents`]); objects repeating a property name (none,
//! [`repeated_names`]). For 2026-07, the pages alone as well: a model built
//! from `api/` without `openapi.json` must have every event type the
//! `events.mdx` pages show and 99.5% of the payload properties they list
//! ([`page_events`]; a field whose printed description is `undocumented:`
//! front matter is left out, as in the spec).
//!
//! `FIDELITY_ALL=1` lists every item instead of the first [`LISTED`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use seam_codegen::model::{Model, Property, Type};
use serde_json::{Map, Value};

const JUNE: &str = "seam-mintlify-2026-06";
const JULY: &str = "seam-mintlify-2026-07";

/// How many missing, wrong or extra items the report lists per category
/// (all of them with `FIDELITY_ALL=1`).
const LISTED: usize = 40;

fn listed() -> usize {
    if std::env::var_os("FIDELITY_ALL").is_some() { usize::MAX } else { LISTED }
}

// ---------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------

/// One property, wherever it sits: in a resource or in an event payload.
#[derive(Debug, Clone)]
struct Prop {
    /// The resource, or the event type, it belongs to.
    owner: String,
    /// The path of the object holding it (`device.properties`,
    /// `device.errors[code]`; the owner itself at the top level).
    parent: String,
    name: String,
    /// Coarse kind: `uuid`, `datetime`, `string`, `boolean`, `number`,
    /// `enum`, `object`, `record`, `any`, `list<kind>`.
    kind: String,
}

impl Prop {
    fn path(&self) -> String {
        format!("{}.{}", self.parent, self.name)
    }
}

/// What one side (truth or model) says, by path.
#[derive(Default)]
struct Facts {
    resources: BTreeSet<String>,
    event_types: BTreeSet<String>,
    /// Properties of resources, at every depth.
    properties: BTreeMap<String, Prop>,
    /// Properties of event payloads (`device.connected.device_id`).
    event_properties: BTreeMap<String, Prop>,
    /// `path = value`, for resources and events alike.
    enum_values: BTreeSet<String>,
    /// Types this side gives but does not vouch for: path to the reason.
    kind_excepted: BTreeMap<String, String>,
    /// Paths the spec marks undocumented (what they hold is left out too).
    undocumented: BTreeSet<String>,
}

impl Facts {
    /// Records a property; returns its path.
    fn add(&mut self, event: bool, owner: &str, parent: &str, name: &str, kind: String) -> String {
        let prop = Prop { owner: owner.to_owned(), parent: parent.to_owned(), name: name.to_owned(), kind };
        let path = prop.path();
        let map = if event { &mut self.event_properties } else { &mut self.properties };
        // The first reading wins (merged `oneOf` members, action types).
        map.entry(path.clone()).or_insert(prop);
        path
    }

    fn all_properties(&self) -> impl Iterator<Item = (&String, &Prop)> {
        self.properties.iter().chain(&self.event_properties)
    }
}

// ---------------------------------------------------------------------------
// Truth from an OpenAPI document, read independently of the generator
// ---------------------------------------------------------------------------

/// Is this schema left out of the docs? `x-undocumented`, or a description
/// whose first line is `undocumented: …` and whose front matter (`key: value`
/// lines) is closed by a `---` line. A bare `undocumented: …` description
/// with no `---` is just a description, as Seam's docs tools read it.
fn undocumented(s: &Value) -> bool {
    s.get("x-undocumented").is_some() || s["description"].as_str().is_some_and(undocumented_text)
}

/// Does a description open with front matter saying `undocumented: …`? (A
/// page prints the description as the spec has it.)
fn undocumented_text(description: &str) -> bool {
    let mut lines = description.lines().map(str::trim).skip_while(|l| l.is_empty());
    if !lines.next().is_some_and(|l| l.starts_with("undocumented:")) {
        return false;
    }
    for line in lines {
        if line == "---" {
            return true;
        }
        if !line.split_once(':').is_some_and(|(k, _)| !k.is_empty() && !k.contains(' ')) {
            return false;
        }
    }
    false
}

/// The schema with its `allOf` parts merged, at any depth: the properties of
/// every part (the first part naming one wins), every other key from the
/// first part that has it.
fn flatten(s: &Value) -> Map<String, Value> {
    let Some(obj) = s.as_object() else { return Map::new() };
    let mut out: Map<String, Value> =
        obj.iter().filter(|(k, _)| *k != "allOf").map(|(k, v)| (k.clone(), v.clone())).collect();
    for part in obj.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        let part = flatten(part);
        for (k, v) in part {
            if k == "properties" {
                let props = out.entry("properties").or_insert_with(|| Value::Object(Map::new()));
                if let (Some(into), Some(from)) = (props.as_object_mut(), v.as_object()) {
                    for (name, p) in from {
                        into.entry(name.clone()).or_insert_with(|| p.clone());
                    }
                }
            } else {
                out.entry(k).or_insert(v);
            }
        }
    }
    out
}

/// The coarse kind of a schema, at the detail OpenAPI gives: a `string`
/// with `enum` is `enum`, `format: uuid` is `uuid`, `date-time` is
/// `datetime`, other strings (`uri`, `email`) `string`; `number` and
/// `integer` are `number`; an array is `list<item>`; an object with
/// properties (or a `$ref` to a schema, or a `oneOf` of objects) is
/// `object`, one with only `additionalProperties` a `record`, one with
/// neither an `object` of unknown shape; a `oneOf` of enums is `enum`, of
/// mixed scalars `any`; a schema with no type at all is `any`.
fn spec_kind(s: &Value) -> String {
    let s = flatten(s);
    if s.contains_key("$ref") {
        return "object".into();
    }
    if let Some(members) = s.get("oneOf").and_then(Value::as_array) {
        let kinds: BTreeSet<String> = members.iter().filter(|m| !undocumented(m)).map(spec_kind).collect();
        return if kinds.len() == 1 { kinds.into_iter().next().unwrap_or_default() } else { "any".into() };
    }
    let has_properties = s.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
    match s.get("type").and_then(Value::as_str) {
        Some("string") if s.contains_key("enum") => "enum".into(),
        Some("string") => match s.get("format").and_then(Value::as_str) {
            Some("uuid") => "uuid".into(),
            Some("date-time") => "datetime".into(),
            _ => "string".into(),
        },
        Some("boolean") => "boolean".into(),
        Some("number" | "integer") => "number".into(),
        Some("array") => format!("list<{}>", spec_kind(s.get("items").unwrap_or(&Value::Null))),
        Some("object") | None if has_properties => "object".into(),
        Some("object") | None if s.get("additionalProperties").is_some_and(|a| a != &Value::Bool(false)) => {
            "record".into()
        }
        Some("object") => "object".into(),
        _ => "any".into(),
    }
}

/// The one value a property schema allows (`enum: [x]` or `const: x`).
fn single_value(s: Option<&Value>) -> Option<String> {
    let s = flatten(s?);
    if let Some(c) = s.get("const").and_then(Value::as_str) {
        return Some(c.to_owned());
    }
    match s.get("enum").and_then(Value::as_array).map(Vec::as_slice) {
        Some([v]) => v.as_str().map(str::to_owned),
        _ => None,
    }
}

/// The discriminator value of each `oneOf` member, when the members are
/// variants: the `discriminator.propertyName` they declare, or else a
/// property every member has with one enum value each, all different.
fn variant_values(oneof: &Map<String, Value>, members: &[Map<String, Value>]) -> Option<Vec<String>> {
    let values_of = |name: &str| -> Option<Vec<String>> {
        let values: Option<Vec<String>> =
            members.iter().map(|m| single_value(m.get("properties")?.get(name))).collect();
        let values = values?;
        let distinct: BTreeSet<&String> = values.iter().collect();
        (distinct.len() == values.len()).then_some(values)
    };
    if let Some(name) = oneof.get("discriminator").and_then(|d| d["propertyName"].as_str()) {
        return values_of(name);
    }
    let first = members.first()?.get("properties")?.as_object()?;
    first.keys().find_map(|name| values_of(name))
}

fn is_object_schema(s: &Map<String, Value>) -> bool {
    s.get("type").and_then(Value::as_str) == Some("object") || s.contains_key("properties")
}

/// Reads what a schema at `here` holds: its enum values, its properties,
/// its array items (on the same path), its `oneOf` members (variants, or
/// merged). `$ref`s are not followed: they name a resource read on its own.
fn spec_node(f: &mut Facts, event: bool, owner: &str, here: &str, s: &Value) {
    let s = flatten(s);
    if s.contains_key("$ref") {
        return;
    }
    if s.get("type").and_then(Value::as_str) == Some("string") {
        for v in s.get("enum").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            f.enum_values.insert(format!("{here} = {v}"));
        }
    }
    if let Some(items) = s.get("items") {
        spec_node(f, event, owner, here, items);
    }
    if let Some(members) = s.get("oneOf").and_then(Value::as_array) {
        let members: Vec<Map<String, Value>> = members.iter().filter(|m| !undocumented(m)).map(flatten).collect();
        let variants = if members.iter().all(is_object_schema) { variant_values(&s, &members) } else { None };
        match variants {
            Some(values) => {
                for (m, v) in members.iter().zip(values) {
                    spec_props(f, event, owner, &format!("{here}[{v}]"), m);
                }
            }
            None => {
                for m in members {
                    spec_node(f, event, owner, here, &Value::Object(m));
                }
            }
        }
    }
    spec_props(f, event, owner, here, &s);
}

fn spec_props(f: &mut Facts, event: bool, owner: &str, parent: &str, s: &Map<String, Value>) {
    for (name, p) in s.get("properties").and_then(Value::as_object).into_iter().flatten() {
        if undocumented(p) {
            f.undocumented.insert(format!("{parent}.{name}"));
            continue;
        }
        let path = f.add(event, owner, parent, name, spec_kind(p));
        spec_node(f, event, owner, &path, p);
    }
}

/// Everything a tree's `openapi.json` documents.
fn spec_truth(openapi: &Value) -> Facts {
    let mut f = Facts::default();
    let schemas = openapi["components"]["schemas"].as_object().cloned().unwrap_or_default();
    for (name, schema) in &schemas {
        if name == "event" || undocumented(schema) {
            continue;
        }
        f.resources.insert(name.clone());
        spec_node(&mut f, false, name, name, schema);
    }
    let events = schemas.get("event").map(flatten).unwrap_or_default();
    for member in events.get("oneOf").and_then(Value::as_array).into_iter().flatten() {
        let member = flatten(member);
        if undocumented(&Value::Object(member.clone())) {
            continue;
        }
        let Some(t) = single_value(member.get("properties").and_then(|p| p.get("event_type"))) else { continue };
        f.event_types.insert(t.clone());
        spec_props(&mut f, true, &t, &t, &member);
    }
    f
}

// ---------------------------------------------------------------------------
// Truth from the oracle (2026-06)
// ---------------------------------------------------------------------------

fn documented(v: &Value) -> bool {
    !v["is_undocumented"].as_bool().unwrap_or(false)
}

/// The oracle's type as a coarse kind: blueprint's `id` is `uuid`, a
/// `discriminated_object` an `object`.
fn oracle_kind(p: &Value) -> String {
    let word = |f: &str| match f {
        "id" => "uuid".to_owned(),
        "discriminated_object" => "object".to_owned(),
        f => f.to_owned(),
    };
    let format = p["format"].as_str().unwrap_or("?");
    if format == "list" { format!("list<{}>", word(p["item_format"].as_str().unwrap_or("?"))) } else { word(format) }
}

fn oracle_props(f: &mut Facts, event: bool, owner: &str, parent: &str, props: &Value) {
    for p in props.as_array().into_iter().flatten().filter(|p| documented(p)) {
        let name = p["name"].as_str().unwrap_or_default();
        let path = f.add(event, owner, parent, name, oracle_kind(p));
        for v in p["enum_values"].as_array().into_iter().chain(p["item_enum_values"].as_array()).flatten() {
            if documented(v) {
                f.enum_values.insert(format!("{path} = {}", v["name"].as_str().unwrap_or_default()));
            }
        }
        oracle_props(f, event, owner, &path, &p["properties"]);
        oracle_props(f, event, owner, &path, &p["item_properties"]);
        for variant in p["variants"].as_array().into_iter().flatten() {
            let value = variant["discriminator_value"].as_str().unwrap_or_default();
            oracle_props(f, event, owner, &format!("{path}[{value}]"), &variant["properties"]);
        }
    }
}

/// Everything the oracle documents. `action_attempt` is the union of its
/// action types' properties; `pagination` is kept apart in the oracle but
/// is a schema of the spec like any resource.
fn oracle_truth(oracle: &Value) -> Facts {
    let mut f = Facts::default();
    for (name, r) in oracle["resources"].as_object().into_iter().flatten().filter(|(_, r)| documented(r)) {
        f.resources.insert(name.clone());
        oracle_props(&mut f, false, name, name, &r["properties"]);
    }
    let attempts: Vec<&Value> =
        oracle["action_attempts"].as_object().into_iter().flatten().map(|(_, a)| a).filter(|a| documented(a)).collect();
    if !attempts.is_empty() {
        f.resources.insert("action_attempt".into());
        for a in attempts {
            oracle_props(&mut f, false, "action_attempt", "action_attempt", &a["properties"]);
        }
    }
    if oracle["pagination"].is_object() {
        f.resources.insert("pagination".into());
        oracle_props(&mut f, false, "pagination", "pagination", &oracle["pagination"]["properties"]);
    }
    for (t, e) in oracle["events"].as_object().into_iter().flatten().filter(|(_, e)| documented(e)) {
        f.event_types.insert(t.clone());
        oracle_props(&mut f, true, t, t, &e["properties"]);
    }
    f
}

// ---------------------------------------------------------------------------
// What the pages show (plain text search)
// ---------------------------------------------------------------------------

/// Every `.mdx` page of a tree: path relative to the tree, text.
struct Pages(Vec<(String, String)>);

impl Pages {
    fn read(tree: &Path) -> Pages {
        fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
            entries.sort();
            for p in entries {
                if p.is_dir() {
                    walk(root, &p, out);
                } else if p.extension().is_some_and(|e| e == "mdx") {
                    let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                    out.extend(std::fs::read_to_string(&p).ok().map(|t| (rel, t)));
                }
            }
        }
        let mut out = Vec::new();
        walk(tree, tree, &mut out);
        Pages(out)
    }

    /// The pages about a resource: those headed `## The {name} Object`
    /// (`The device Object for Locks` too), without their `## Events`
    /// section (hand-written pages list event payloads there).
    fn of_resource(&self, name: &str) -> Vec<String> {
        let heading = format!("## The {name} Object");
        let about = |t: &str| t.lines().any(|l| l == heading || l.starts_with(&format!("{heading} ")));
        let mut out = Vec::new();
        for (_, text) in self.0.iter().filter(|(_, t)| about(t)) {
            let mut in_events = false;
            let mut kept = String::new();
            for line in text.lines() {
                if is_section(line) {
                    in_events = line.trim_end() == "## Events";
                }
                if !in_events {
                    kept.push_str(line);
                    kept.push('\n');
                }
            }
            out.push(kept);
        }
        out
    }

    /// The sections that show an event: from its heading (`## \`t\`` on an
    /// `events.mdx` page, `**\`t\`**` on a hand-written page) to the next
    /// event or section.
    fn of_event(&self, t: &str) -> Vec<String> {
        let (heading, bold) = (format!("## `{t}`"), format!("**`{t}`**"));
        let mut out = Vec::new();
        for (_, text) in &self.0 {
            let mut offset = 0;
            let mut start = None;
            for line in text.split_inclusive('\n') {
                let l = line.trim_end();
                let ends = l.starts_with("**`") || is_section(l);
                if let Some(s) = start.filter(|_| ends) {
                    out.push(text[s..offset].to_owned());
                    start = None;
                }
                if l == heading || l == bold {
                    start = Some(offset);
                }
                offset += line.len();
            }
            if let Some(s) = start {
                out.push(text[s..].to_owned());
            }
        }
        out
    }

    fn any_shows_value(&self, value: &str) -> bool {
        self.0.iter().any(|(_, t)| shows_value(t, value))
    }
}

/// The `<ResponseField name="x">` of a text, each on the path of the fields
/// it sits in (`properties.battery.level`): list items carry no marker, as
/// the pages show none. A field whose text opens with `undocumented: …`
/// front matter closed by `---` (the spec's description, printed as is) is
/// left out, with its children, as the spec's reading leaves it out.
fn response_fields(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // One entry per open field: its name (`None` for a field without one),
    // and whether it is left out.
    let mut stack: Vec<(Option<&str>, bool)> = Vec::new();
    let mut rest = text;
    loop {
        let open = rest.find("<ResponseField");
        let close = rest.find("</ResponseField>");
        match (open, close) {
            (Some(o), c) if c.is_none_or(|c| o < c) => {
                let tag = &rest[o..];
                let end = tag.find('>').unwrap_or(tag.len());
                let attrs = &tag[..end];
                let name = attrs.split("name=\"").nth(1).and_then(|r| r.split('"').next());
                // The field's own text, up to its first child or its end.
                let body = tag[end..].get(1..).unwrap_or_default();
                let body = &body[..body.find('<').unwrap_or(body.len())];
                let left_out = stack.iter().any(|(_, out)| *out) || undocumented_text(body);
                if let Some(name) = name.filter(|_| !left_out) {
                    let path: Vec<&str> = stack.iter().filter_map(|(n, _)| *n).chain([name]).collect();
                    out.insert(path.join("."));
                }
                if !attrs.ends_with('/') {
                    stack.push((name, left_out));
                }
                rest = &tag[end..];
            }
            (_, Some(c)) => {
                stack.pop();
                rest = &rest[c + "</ResponseField>".len()..];
            }
            _ => break,
        }
    }
    out
}

/// A `##` heading that opens a section of a page. Hand-written pages print
/// an `undocumented: …` description line as a `##` heading inside an event:
/// not a section.
fn is_section(line: &str) -> bool {
    line.starts_with("## ") && !line.starts_with("## undocumented:")
}

/// A page, or the part of one, that may show facts of an owner.
struct Scope {
    text: String,
    /// Its `<ResponseField>`s, by path.
    fields: BTreeSet<String>,
}

impl Scope {
    fn new(text: String) -> Scope {
        Scope { fields: response_fields(&text), text }
    }

    /// Does it show the property at `rel` (its path below its owner:
    /// `properties.battery.level`, `errors[code].message`)? Either as a
    /// `<ResponseField>` at that place, or, in the hand-written layout,
    /// by every name on the path (`**\`x\`**`, `<code>x</code>`) and every
    /// variant value.
    fn shows_path(&self, rel: &str) -> bool {
        if self.fields.contains(rel) {
            return true;
        }
        rel.split('.').all(|segment| {
            let (name, variant) = match segment.split_once('[') {
                Some((n, v)) => (n, v.strip_suffix(']')),
                None => (segment, None),
            };
            let named = [format!("**`{name}`**"), format!("<code>{name}</code>")];
            named.iter().any(|f| self.text.contains(f.as_str())) && variant.is_none_or(|v| shows_value(&self.text, v))
        })
    }
}

/// Does the text show this value (in backticks or `<code>`)?
fn shows_value(text: &str, value: &str) -> bool {
    text.contains(&format!("`{value}`")) || text.contains(&format!("<code>{value}</code>"))
}

/// Keeps the oracle facts some source of the tree shows; lists the others
/// in `report`. A property is shown when the spec has it at that path, or a
/// page about its owner names it (and every variant on its path); an enum
/// value when the spec has it, or such a page shows the value; a type when
/// the property is shown and the spec, if it has the path, gives that kind.
fn shown_by_tree(oracle: Facts, spec: &Facts, pages: &Pages, report: &mut Vec<String>) -> Facts {
    let mut f = Facts::default();
    for r in oracle.resources {
        if spec.resources.contains(&r) || !pages.of_resource(&r).is_empty() {
            f.resources.insert(r);
        } else {
            report.push(format!("resource {r}"));
        }
    }
    for t in oracle.event_types {
        if spec.event_types.contains(&t) || pages.any_shows_value(&t) {
            f.event_types.insert(t);
        } else {
            report.push(format!("event type {t}"));
        }
    }
    // The pages (or sections) about each owner, read once.
    let mut scopes: BTreeMap<(bool, String), Vec<Scope>> = BTreeMap::new();
    for p in oracle.properties.values().map(|p| (false, p)).chain(oracle.event_properties.values().map(|p| (true, p))) {
        let (event, owner) = (p.0, &p.1.owner);
        scopes.entry((event, owner.clone())).or_insert_with(|| {
            let texts = if event { pages.of_event(owner) } else { pages.of_resource(owner) };
            texts.into_iter().map(Scope::new).collect()
        });
    }
    let page_scope =
        |owner: &str, event: bool| scopes.get(&(event, owner.to_owned())).map(Vec::as_slice).unwrap_or_default();
    for (event, props) in [(false, oracle.properties), (true, oracle.event_properties)] {
        let spec_props = if event { &spec.event_properties } else { &spec.properties };
        for (path, p) in props {
            let rel = &path[p.owner.len() + 1..];
            let on_page = || page_scope(&p.owner, event).iter().any(|s| s.shows_path(rel));
            let under =
                |u: &String| path.strip_prefix(u.as_str()).is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']));
            if let Some(marked) = spec.undocumented.iter().find(|u| under(u)) {
                report.push(format!("property {path} ({}): the tree's spec marks {marked} undocumented", p.kind));
                continue;
            }
            match spec_props.get(&path) {
                Some(s) => {
                    if s.kind != p.kind {
                        f.kind_excepted
                            .insert(path.clone(), format!("the oracle says {}, the tree's spec {}", p.kind, s.kind));
                    }
                }
                None if on_page() => {}
                None => {
                    report.push(format!("property {path} ({})", p.kind));
                    continue;
                }
            }
            let map = if event { &mut f.event_properties } else { &mut f.properties };
            map.insert(path, p);
        }
    }
    let owners: BTreeMap<String, (String, bool)> = f
        .all_properties()
        .map(|(path, p)| (path.clone(), (p.owner.clone(), f.event_properties.contains_key(path))))
        .collect();
    for e in oracle.enum_values {
        let (path, value) = e.split_once(" = ").unwrap_or((&e, ""));
        let shown = spec.enum_values.contains(&e)
            || owners.get(path).is_some_and(|(o, ev)| page_scope(o, *ev).iter().any(|s| shows_value(&s.text, value)));
        if shown && owners.contains_key(path) {
            f.enum_values.insert(e);
        } else {
            report.push(format!("enum value {e}"));
        }
    }
    f
}

// ---------------------------------------------------------------------------
// The model's side
// ---------------------------------------------------------------------------

fn model_kind(t: &Type) -> String {
    match t {
        Type::Uuid => "uuid".into(),
        Type::Datetime => "datetime".into(),
        Type::String => "string".into(),
        Type::Boolean => "boolean".into(),
        Type::Number => "number".into(),
        Type::Enum { .. } | Type::Const { .. } => "enum".into(),
        Type::Object { .. } | Type::Variants { .. } | Type::Ref { .. } => "object".into(),
        Type::Record => "record".into(),
        Type::Any => "any".into(),
        Type::Disputed { documented } => model_kind(documented),
        Type::List { item } => format!("list<{}>", model_kind(item)),
    }
}

fn model_props(f: &mut Facts, event: bool, owner: &str, parent: &str, props: &[Property]) {
    for p in props {
        let path = f.add(event, owner, parent, &p.name, model_kind(&p.ty));
        model_type(f, event, owner, &path, &p.ty);
    }
}

fn model_type(f: &mut Facts, event: bool, owner: &str, here: &str, ty: &Type) {
    match ty {
        Type::Enum { values } => {
            for v in values.iter().filter(|v| !v.unsplit) {
                f.enum_values.insert(format!("{here} = {}", v.value));
            }
        }
        Type::Const { value } => {
            f.enum_values.insert(format!("{here} = {value}"));
        }
        Type::Object { properties } => model_props(f, event, owner, here, properties),
        Type::List { item } => model_type(f, event, owner, here, item),
        Type::Disputed { documented } => model_type(f, event, owner, here, documented),
        Type::Variants { variants, .. } => {
            for v in variants {
                model_props(f, event, owner, &format!("{here}[{}]", v.value), &v.properties);
            }
            // What every shape has, the objects have: a source that does not
            // tell the shapes apart (a spec's plain `errors` items) shows
            // those properties at the plain path.
            if let Some((first, rest)) = variants.split_first() {
                for p in &first.properties {
                    let all = rest.iter().all(|v| v.properties.iter().any(|q| q.name == p.name && q.ty == p.ty));
                    if all {
                        f.add(event, owner, here, &p.name, model_kind(&p.ty));
                    }
                }
            }
        }
        _ => {}
    }
}

/// The model's facts; the `event` object counts as a resource.
fn model_facts(model: &Model) -> Facts {
    let mut f = Facts::default();
    for (name, r) in model.resources.iter().chain(model.event_object.iter().map(|r| (&r.name, r))) {
        f.resources.insert(name.clone());
        model_props(&mut f, false, name, name, &r.properties);
    }
    f.event_types = model.event_types.iter().filter(|v| !v.unsplit).map(|v| v.value.clone()).collect();
    for (t, e) in &model.events {
        model_props(&mut f, true, t, t, &e.properties);
    }
    f
}

/// Objects of the model (resources, nested objects, list items, variants,
/// event payloads) whose property list holds the same name twice.
fn repeated_names(model: &Model) -> Vec<String> {
    fn props(out: &mut Vec<String>, at: &str, list: &[Property]) {
        let mut seen = BTreeSet::new();
        for p in list {
            if !seen.insert(p.name.as_str()) {
                out.push(format!("{at}: `{}` more than once", p.name));
            }
        }
        let mut visited = BTreeSet::new();
        for p in list.iter().filter(|p| visited.insert(p.name.as_str())) {
            ty(out, &format!("{at}.{}", p.name), &p.ty);
        }
    }
    fn ty(out: &mut Vec<String>, at: &str, t: &Type) {
        match t {
            Type::Object { properties } => props(out, at, properties),
            Type::List { item } => ty(out, at, item),
            Type::Disputed { documented } => ty(out, at, documented),
            Type::Variants { variants, .. } => {
                for v in variants {
                    props(out, &format!("{at}[{}]", v.value), &v.properties);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (name, r) in model.resources.iter().chain(model.event_object.iter().map(|r| (&r.name, r))) {
        props(&mut out, name, &r.properties);
    }
    for (t, e) in &model.events {
        props(&mut out, t, &e.properties);
    }
    out
}

/// Model properties under a parent where the truth does not have them,
/// while the truth has that name under another parent of the same resource
/// (or event payload). Only parents the truth itself has count (its
/// resources, events, objects and variants): a property under an object
/// the truth lacks altogether is an extra of that object, not a misplaced
/// one.
fn wrong_parents(truth: &Facts, model: &Facts) -> Vec<String> {
    let mut parents: BTreeSet<&str> = truth.all_properties().map(|(_, p)| p.parent.as_str()).collect();
    parents.extend(truth.resources.iter().chain(&truth.event_types).map(String::as_str));
    let mut by_name: BTreeMap<(bool, &str, &str), Vec<&str>> = BTreeMap::new();
    for (event, map) in [(false, &truth.properties), (true, &truth.event_properties)] {
        for p in map.values() {
            by_name.entry((event, &p.owner, &p.name)).or_default().push(&p.parent);
        }
    }
    let mut out = Vec::new();
    for (event, (truth_map, model_map)) in
        [(false, (&truth.properties, &model.properties)), (true, (&truth.event_properties, &model.event_properties))]
    {
        for (path, p) in model_map {
            if truth_map.contains_key(path) || !parents.contains(p.parent.as_str()) {
                continue;
            }
            if let Some(elsewhere) = by_name.get(&(event, p.owner.as_str(), p.name.as_str())) {
                let more =
                    if elsewhere.len() > 3 { format!(" and {} more", elsewhere.len() - 3) } else { String::new() };
                let shown: Vec<&str> = elsewhere.iter().take(3).copied().collect();
                out.push(format!("{path}: the truth has `{}` under {}{more}", p.name, shown.join(", ")));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The pages alone (2026-07)
// ---------------------------------------------------------------------------

/// What the `events.mdx` pages show: each `## \`type\`` heading, and each
/// `<ResponseField name="x"` in that section, at every depth, on the path of
/// the fields it sits in (`type.x`, `type.parent.x`).
fn page_events(pages: &Pages) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut types, mut paths) = (BTreeSet::new(), BTreeSet::new());
    for (_, text) in pages.0.iter().filter(|(p, _)| p.ends_with("events.mdx")) {
        for line in text.lines() {
            if let Some(t) = line.strip_prefix("## `").and_then(|r| r.strip_suffix('`')) {
                types.insert(t.to_owned());
            }
        }
    }
    for t in &types {
        for section in pages.of_event(t) {
            paths.extend(response_fields(&section).into_iter().map(|p| format!("{t}.{p}")));
        }
    }
    (types, paths)
}

// ---------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------

/// One kind of fact, counted.
#[derive(Default, Debug)]
struct Score {
    matched: usize,
    missing: Vec<String>,
    extra: Vec<String>,
    wrong: Vec<String>,
    excepted: Vec<String>,
}

impl Score {
    fn expected(&self) -> usize {
        self.matched + self.missing.len() + self.wrong.len()
    }
    fn rate(&self) -> f64 {
        if self.expected() == 0 { 1.0 } else { self.matched as f64 / self.expected() as f64 }
    }
}

/// A category's target: a share of the truth found, or no problem at all.
#[derive(Clone, Copy)]
enum Target {
    Rate(f64),
    Zero,
}

struct Category {
    name: &'static str,
    target: Target,
    score: Score,
}

impl Category {
    fn passes(&self) -> bool {
        match self.target {
            Target::Rate(r) => self.score.rate() >= r,
            Target::Zero => self.score.wrong.is_empty(),
        }
    }
}

fn compare_sets(expected: &BTreeSet<String>, found: &BTreeSet<String>) -> Score {
    let mut s = Score::default();
    for e in expected {
        if found.contains(e) {
            s.matched += 1;
        } else {
            s.missing.push(e.clone());
        }
    }
    s.extra.extend(found.difference(expected).cloned());
    s
}

fn compare_props(expected: &BTreeMap<String, Prop>, found: &BTreeMap<String, Prop>) -> Score {
    let mut s = Score::default();
    for (path, p) in expected {
        if found.contains_key(path) {
            s.matched += 1;
        } else {
            s.missing.push(format!("{path} ({})", p.kind));
        }
    }
    s.extra.extend(found.iter().filter(|(k, _)| !expected.contains_key(*k)).map(|(k, p)| format!("{k} ({})", p.kind)));
    s
}

/// The kind of every property both sides have.
fn compare_kinds(truth: &Facts, model: &Facts) -> Score {
    let mut s = Score::default();
    let found: BTreeMap<&String, &Prop> = model.all_properties().collect();
    for (path, p) in truth.all_properties() {
        let Some(m) = found.get(path) else { continue };
        if m.kind == p.kind {
            s.matched += 1;
        } else if let Some(why) = truth.kind_excepted.get(path) {
            s.excepted.push(format!("{path}: model {}: {why}", m.kind));
        } else {
            s.wrong.push(format!("{path}: expected {}, found {}", p.kind, m.kind));
        }
    }
    s
}

fn score(truth: &Facts, model: &Model) -> Vec<Category> {
    let got = model_facts(model);
    let wrong = Score { wrong: wrong_parents(truth, &got), ..Score::default() };
    let repeated = Score { wrong: repeated_names(model), ..Score::default() };
    vec![
        Category {
            name: "resources",
            target: Target::Rate(1.0),
            score: compare_sets(&truth.resources, &got.resources),
        },
        Category {
            name: "event types",
            target: Target::Rate(1.0),
            score: compare_sets(&truth.event_types, &got.event_types),
        },
        Category {
            name: "properties (every depth)",
            target: Target::Rate(0.995),
            score: compare_props(&truth.properties, &got.properties),
        },
        Category {
            name: "event payload properties",
            target: Target::Rate(0.995),
            score: compare_props(&truth.event_properties, &got.event_properties),
        },
        Category {
            name: "enum values",
            target: Target::Rate(0.995),
            score: compare_sets(&truth.enum_values, &got.enum_values),
        },
        Category { name: "types (coarse kind)", target: Target::Rate(0.995), score: compare_kinds(truth, &got) },
        Category { name: "props under wrong parent", target: Target::Zero, score: wrong },
        Category { name: "objects repeating a name", target: Target::Zero, score: repeated },
    ]
}

/// A scored tree: its categories and the printed report.
struct Scored {
    categories: Vec<Category>,
    table: String,
}

fn table(title: &str, notes: &[String], categories: &[Category]) -> String {
    let mut t = format!("\nfidelity of {title}\n");
    for n in notes {
        writeln!(t, "  {n}").unwrap();
    }
    writeln!(
        t,
        "  {:<26} {:>8} {:>8} {:>6} {:>6} {:>6} {:>8} {:>7}",
        "category", "matched", "missing", "wrong", "extra", "exc.", "rate", "target"
    )
    .unwrap();
    for c in categories {
        let s = &c.score;
        let (rate, target) = match c.target {
            Target::Rate(r) => (format!("{:.2}%", s.rate() * 100.0), format!("{:.1}%", r * 100.0)),
            Target::Zero => ("-".to_owned(), "0".to_owned()),
        };
        let verdict = if c.passes() { "" } else { "  BELOW TARGET" };
        writeln!(
            t,
            "  {:<26} {:>8} {:>8} {:>6} {:>6} {:>6} {:>8} {:>7}{verdict}",
            c.name,
            s.matched,
            s.missing.len(),
            s.wrong.len(),
            s.extra.len(),
            s.excepted.len(),
            rate,
            target
        )
        .unwrap();
    }
    for c in categories {
        let s = &c.score;
        let lists = [("missing", &s.missing), ("wrong", &s.wrong), ("extra", &s.extra), ("excepted", &s.excepted)];
        for (what, items) in lists {
            for i in items.iter().take(listed()) {
                writeln!(t, "    {what} {}: {i}", c.name).unwrap();
            }
            if items.len() > listed() {
                writeln!(t, "    ... and {} more {what} {}", items.len() - listed(), c.name).unwrap();
            }
        }
    }
    t
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Scores a whole tree (pages and spec) against its truth.
fn score_tree(tree: &str) -> Option<Scored> {
    let corpus = seam_codegen_tests::corpus("Mintlify fidelity")?;
    let dir = corpus.join(tree);
    let spec = spec_truth(&read_json(&dir.join("openapi.json")));
    let mut notes = Vec::new();
    let truth = if tree == JUNE {
        let oracle = oracle_truth(&read_json(&corpus.join("oracle/seam-model-2026-06.json")));
        let mut unshown = Vec::new();
        let truth = shown_by_tree(oracle, &spec, &Pages::read(&dir), &mut unshown);
        notes.push(format!(
            "truth: oracle seam-model-2026-06.json; {} documented oracle facts no source of the tree shows, not expected",
            unshown.len()
        ));
        notes.extend(unshown.iter().take(listed()).map(|u| format!("  not shown: {u}")));
        truth
    } else {
        notes.push("truth: the tree's openapi.json, read by this harness".into());
        spec
    };
    let loaded = seam_codegen::load_spec(&dir).expect("the tree loads");
    let (model, _diagnostics) = seam_codegen::build_model(&loaded);
    let categories = score(&truth, &model);
    let table = table(tree, &notes, &categories);
    Some(Scored { categories, table })
}

/// Scores the 2026-07 pages alone: a model of `api/` without `openapi.json`
/// against what the `events.mdx` pages show.
fn score_pages_only() -> Option<Scored> {
    let corpus = seam_codegen_tests::corpus("Mintlify fidelity")?;
    let api = corpus.join(JULY).join("api");
    let (types, paths) = page_events(&Pages::read(&api));
    let scratch = seam_codegen_tests::scratch("fidelity-mintlify-pages");
    seam_codegen_tests::copy_tree(&api, &scratch.join("api"));
    let loaded = seam_codegen::load_spec(&scratch).expect("the pages load");
    let (model, _diagnostics) = seam_codegen::build_model(&loaded);
    let _ = std::fs::remove_dir_all(&scratch);
    let got = model_facts(&model);
    let found: BTreeSet<String> = got.event_properties.keys().cloned().collect();
    let categories = vec![
        Category {
            name: "event types (pages)",
            target: Target::Rate(1.0),
            score: compare_sets(&types, &got.event_types),
        },
        Category {
            name: "payload properties (pages)",
            target: Target::Rate(0.995),
            score: compare_sets(&paths, &found),
        },
    ];
    let notes = vec!["truth: the events.mdx pages; model built from api/ without openapi.json".to_owned()];
    let table = table(&format!("{JULY} pages alone"), &notes, &categories);
    Some(Scored { categories, table })
}

static JUNE_SCORES: OnceLock<Option<Scored>> = OnceLock::new();
static JULY_SCORES: OnceLock<Option<Scored>> = OnceLock::new();
static PAGES_SCORES: OnceLock<Option<Scored>> = OnceLock::new();

fn scored(which: &str) -> Option<&'static Scored> {
    match which {
        JUNE => JUNE_SCORES.get_or_init(|| score_tree(JUNE)).as_ref(),
        JULY => JULY_SCORES.get_or_init(|| score_tree(JULY)).as_ref(),
        _ => PAGES_SCORES.get_or_init(score_pages_only).as_ref(),
    }
}

/// Prints a tree's table. Asserts nothing: the floors are asserted by one
/// test per category.
fn report(which: &str) {
    if let Some(s) = scored(which) {
        println!("{}", s.table);
    }
}

/// Asserts one category at its target.
fn check(which: &str, category: &str) {
    let Some(s) = scored(which) else { return };
    let c = s.categories.iter().find(|c| c.name == category).expect("a known category");
    if !c.passes() {
        let mut problems = String::new();
        for i in c.score.missing.iter().chain(&c.score.wrong).take(LISTED) {
            writeln!(problems, "  {i}").unwrap();
        }
        panic!("{which}: {category} below target (rate {:.2}%)\n{problems}", c.score.rate() * 100.0);
    }
}

const PAGES: &str = "pages";

#[test]
fn june_2026_report() {
    report(JUNE);
}

#[test]
fn june_2026_resources() {
    check(JUNE, "resources");
}

#[test]
fn june_2026_event_types() {
    check(JUNE, "event types");
}

#[test]
fn june_2026_properties() {
    check(JUNE, "properties (every depth)");
}

#[test]
fn june_2026_event_payload_properties() {
    check(JUNE, "event payload properties");
}

#[test]
fn june_2026_enum_values() {
    check(JUNE, "enum values");
}

#[test]
fn june_2026_types() {
    check(JUNE, "types (coarse kind)");
}

#[test]
fn june_2026_no_property_under_wrong_parent() {
    check(JUNE, "props under wrong parent");
}

#[test]
fn june_2026_no_object_repeats_a_name() {
    check(JUNE, "objects repeating a name");
}

#[test]
fn july_2026_report() {
    report(JULY);
}

#[test]
fn july_2026_resources() {
    check(JULY, "resources");
}

#[test]
fn july_2026_event_types() {
    check(JULY, "event types");
}

#[test]
fn july_2026_properties() {
    check(JULY, "properties (every depth)");
}

#[test]
fn july_2026_event_payload_properties() {
    check(JULY, "event payload properties");
}

#[test]
fn july_2026_enum_values() {
    check(JULY, "enum values");
}

#[test]
fn july_2026_types() {
    check(JULY, "types (coarse kind)");
}

#[test]
fn july_2026_no_property_under_wrong_parent() {
    check(JULY, "props under wrong parent");
}

#[test]
fn july_2026_no_object_repeats_a_name() {
    check(JULY, "objects repeating a name");
}

#[test]
fn july_2026_pages_alone_report() {
    report(PAGES);
}

#[test]
fn july_2026_pages_alone_event_types() {
    check(PAGES, "event types (pages)");
}

#[test]
fn july_2026_pages_alone_payload_properties() {
    check(PAGES, "payload properties (pages)");
}
