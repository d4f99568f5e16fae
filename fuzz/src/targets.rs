//! The fuzz targets: what one input is, where the seeds come from, and what
//! running one input checks.
//!
//! A target returns the features an input showed (kinds of diagnostics, the
//! shape of what was read): an input showing a feature no earlier input did
//! joins the corpus. A panic is a finding, caught by the worker; a
//! [`Finding`] is a property the output broke (emitted Rust that does not
//! parse, JSON that does not read back as it was written).

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use seam_codegen::frontend::{self, split::Knowledge};
use seam_codegen::model::{Model, Property, Type};
use seam_codegen::{Diagnostic, SourceFile};
use serde_json::Value;

/// What an input breaks, other than by panicking.
#[derive(Debug)]
pub struct Finding {
    /// What makes two findings the same (the property, the type).
    pub key: String,
    pub message: String,
}

pub const DOCS_URL: &str = "https://docs.seam.co/latest/api/";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// GitBook Markdown pages: the "Format:" and condensed layouts.
    Gitbook,
    /// Text copied from the web site.
    PageText,
    /// Mintlify MDX pages.
    Mdx,
    /// An OpenAPI document, JSON or YAML.
    OpenApi,
    /// A small docs tree through the whole pipeline.
    Pipeline,
    /// JSON into the generated crate's types.
    Types,
    /// Checks the harness itself: panics, overflows its stack or hangs on
    /// the inputs that say so.
    SelfTest,
}

pub const ALL: &[(&str, Kind)] = &[
    ("gitbook", Kind::Gitbook),
    ("page-text", Kind::PageText),
    ("mdx", Kind::Mdx),
    ("openapi", Kind::OpenApi),
    ("pipeline", Kind::Pipeline),
    ("types", Kind::Types),
];

pub fn by_name(name: &str) -> Option<Kind> {
    if name == "selftest" {
        return Some(Kind::SelfTest);
    }
    ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::SelfTest => "selftest",
            k => ALL.iter().find(|(_, x)| *x == k).map(|(n, _)| *n).expect("listed"),
        }
    }

    /// The extension of a saved input, so that it opens as what it is.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Gitbook => "md",
            Kind::PageText => "txt",
            Kind::Mdx => "mdx",
            Kind::OpenApi => "openapi",
            Kind::Pipeline => "bundle",
            Kind::Types => "json",
            Kind::SelfTest => "txt",
        }
    }

    pub fn max_len(self) -> usize {
        match self {
            Kind::Pipeline | Kind::OpenApi => 96 * 1024,
            Kind::Types => 16 * 1024,
            _ => 48 * 1024,
        }
    }

    /// Mutated structurally as JSON (when the input parses as JSON).
    pub fn json(self) -> bool {
        matches!(self, Kind::OpenApi | Kind::Types)
    }
}

/// Where seeds come from: the project's `spec/` and fixtures, and the
/// shared corpus when it is there.
pub struct Roots {
    pub workspace: PathBuf,
    pub corpus: Option<PathBuf>,
}

impl Roots {
    pub fn find() -> Roots {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("fuzz/ is in the workspace").to_owned();
        let corpus = workspace.join("../shared/corpus");
        Roots { corpus: corpus.is_dir().then_some(corpus), workspace }
    }
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

fn read(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

/// Cuts a page to about `max` bytes, at a line end.
fn clip(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut at = max;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let at = text[..at].rfind('\n').map_or(at, |i| i + 1);
    text[..at].to_owned()
}

/// Pages of one layout family from `spec/`, the fixtures and the corpus.
fn pages(roots: &Roots, ext: &str, max: usize) -> Vec<String> {
    let mut paths = Vec::new();
    files_under(&roots.workspace.join("spec"), ext, &mut paths);
    files_under(&roots.workspace.join("tests/fixtures"), ext, &mut paths);
    if let Some(c) = &roots.corpus {
        files_under(c, ext, &mut paths);
        if ext == "txt" {
            files_under(&c.join("../seeds"), ext, &mut paths);
        }
    }
    let mut seen = BTreeSet::new();
    paths.iter().filter_map(|p| read(p)).map(|t| clip(&t, max)).filter(|t| seen.insert(t.clone())).collect()
}

/// Small OpenAPI documents cut from the big ones: one schema, a few
/// events, a few paths each.
fn openapi_seeds(roots: &Roots) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(yaml) = read(&roots.workspace.join("tests/fixtures/mintlify/openapi.yaml")) {
        out.push(yaml);
    }
    let Some(doc) = read(&roots.workspace.join("spec/v4/openapi.json")) else { return out };
    let Ok(doc) = serde_json::from_str::<Value>(&doc) else { return out };
    let head = |schemas: serde_json::Map<String, Value>, paths: serde_json::Map<String, Value>| {
        serde_json::json!({
            "openapi": doc["openapi"],
            "info": doc["info"],
            "components": {"schemas": schemas},
            "paths": paths,
        })
    };
    let schemas = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
    for (name, schema) in &schemas {
        if name == "event" {
            let one_of = schema["oneOf"].as_array().cloned().unwrap_or_default();
            for chunk in one_of.chunks(4).take(30) {
                let mut event = schema.clone();
                event["oneOf"] = Value::Array(chunk.to_vec());
                let doc = head(serde_json::Map::from_iter([("event".to_owned(), event)]), Default::default());
                out.push(serde_json::to_string_pretty(&doc).expect("JSON"));
            }
            continue;
        }
        let doc = head(serde_json::Map::from_iter([(name.clone(), schema.clone())]), Default::default());
        let text = serde_json::to_string_pretty(&doc).expect("JSON");
        if text.len() < 48 * 1024 {
            out.push(text);
        }
    }
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    let paths: Vec<_> = paths.into_iter().collect();
    for chunk in paths.chunks(3).step_by(4) {
        let some = schemas.iter().take(1).map(|(k, v)| (k.clone(), v.clone()));
        let doc = head(serde_json::Map::from_iter(some), serde_json::Map::from_iter(chunk.iter().cloned()));
        let text = serde_json::to_string(&doc).expect("JSON");
        if text.len() < 48 * 1024 {
            out.push(text);
        }
    }
    out
}

/// Bundles of a few pages (and maybe an OpenAPI document, a
/// `codegen.yaml`): `=== path` lines start each file.
fn pipeline_seeds(roots: &Roots) -> Vec<String> {
    let w = &roots.workspace;
    let page = |rel: &str| read(&w.join(rel)).map(|t| clip(&t, 12 * 1024)).unwrap_or_default();
    let bundle = |files: &[(&str, String)]| {
        files.iter().map(|(p, t)| format!("=== {p}\n{t}{}", if t.ends_with('\n') { "" } else { "\n" })).collect()
    };
    let mut out: Vec<String> = vec![
        bundle(&[
            ("action_attempts/README.md", page("spec/v1/action_attempts/README.md")),
            ("events/README.md", page("spec/v1/events/README.md")),
        ]),
        bundle(&[("action_attempts/README.md", page("spec/v2/action_attempts/README.md"))]),
        bundle(&[("events/README.md", page("spec/v1/events/README.md")), ("events.txt", page("spec/v3/events.txt"))]),
        bundle(&[
            ("codegen.yaml", "docs_url: https://docs.seam.co/latest/api/\ntrees: [a, b]\nstrict: true\n".to_owned()),
            ("a/action_attempts/README.md", page("spec/v1/action_attempts/README.md")),
            ("b/action_attempts/README.md", page("spec/v2/action_attempts/README.md")),
        ]),
    ];
    // The Mintlify fixture: pages and their OpenAPI document.
    let mut fixture = Vec::new();
    files_under(&w.join("tests/fixtures/mintlify"), "mdx", &mut fixture);
    let mut files: Vec<(String, String)> = fixture
        .iter()
        .filter_map(|p| Some((p.strip_prefix(w.join("tests/fixtures/mintlify")).ok()?.display().to_string(), read(p)?)))
        .collect();
    files.push(("openapi.yaml".to_owned(), page("tests/fixtures/mintlify/openapi.yaml")));
    let refs: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    out.push(bundle(&refs));
    // Small Mintlify pages of spec/v4, two at a time, beside a small spec.
    let mut mdx = Vec::new();
    files_under(&w.join("spec/v4/api"), "mdx", &mut mdx);
    let small: Vec<_> = mdx.iter().filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 10_000)).collect();
    let specs = openapi_seeds(roots);
    for (i, pair) in small.chunks(2).enumerate() {
        let mut files: Vec<(String, String)> = pair
            .iter()
            .filter_map(|p| Some((p.strip_prefix(w.join("spec/v4")).ok()?.display().to_string(), read(p)?)))
            .collect();
        if i % 2 == 0 && !specs.is_empty() {
            files.push(("openapi.json".to_owned(), specs[(i * 7) % specs.len()].clone()));
        }
        let refs: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
        out.push(bundle(&refs));
    }
    out
}

/// JSON payloads: one per documented event type and resource of `spec/`,
/// and every JSON example of its pages.
fn types_seeds(roots: &Roots) -> Vec<String> {
    let Ok(spec) = seam_codegen::load_spec(&roots.workspace.join("spec")) else { return Vec::new() };
    let (model, _) = seam_codegen::build_model(&spec);
    let mut out: Vec<String> = seam_codegen::samples::event_payloads(&model).into_iter().map(|(_, j)| j).collect();
    for r in model.resources.values() {
        out.push(seam_codegen::samples::sample(&Type::Object { properties: r.properties.clone() }).to_string());
        out.extend(r.examples.iter().map(|e| e.json.clone()));
    }
    for e in model.events.values() {
        out.extend(e.examples.iter().map(|e| e.json.clone()));
    }
    out.retain(|j| j.len() < 16 * 1024);
    out
}

pub fn seeds(kind: Kind, roots: &Roots) -> Vec<String> {
    match kind {
        Kind::Gitbook => pages(roots, "md", 24 * 1024),
        Kind::PageText => pages(roots, "txt", 24 * 1024),
        Kind::Mdx => pages(roots, "mdx", 24 * 1024),
        Kind::OpenApi => openapi_seeds(roots),
        Kind::Pipeline => pipeline_seeds(roots),
        Kind::Types => types_seeds(roots),
        Kind::SelfTest => ["fine", "panic", "overflow", "hang", "fine again"].map(str::to_owned).to_vec(),
    }
}

/// Tokens of each target's syntax, for insertion; words, for replacing
/// words; pairs that nest.
pub struct Dictionary {
    pub tokens: Vec<String>,
    pub words: Vec<String>,
    pub wrappers: Vec<(String, String)>,
    pub max_nest: usize,
}

pub fn dictionary(kind: Kind) -> Dictionary {
    let mut tokens: Vec<&str> =
        vec!["\n", "\n\n", "`", "**", "*", "- ", "  - ", "## ", "### ", "#### ", "---\n", "|", "\\"];
    let markdown = [
        "Format: ",
        "`UUID`",
        "`Datetime`",
        "`String`",
        "`Boolean`",
        "`Number`",
        "`Enum`",
        "`Object`",
        "`List`",
        "`Record`",
        "**`",
        "`**",
        " *UUID*",
        " *Datetime*",
        " *String*",
        " *Boolean*",
        " *Number*",
        " *Enum*",
        " *Object*",
        " *List* *of Objects*",
        " *Record*",
        " *List* *of Enums*",
        "<details>",
        "</details>",
        "<summary>",
        "</summary>",
        "<summary>Enum values</summary>",
        "<summary>Child Properties</summary>",
        "Enum values:",
        "Child Properties",
        "Variants:",
        "Possible enum values:",
        "Possible enum values:\n- `a`\n",
        "<strong>",
        "</strong>",
        "<code>",
        "</code>",
        "<i>",
        "</i>",
        "<br>",
        "**Deprecated**. ",
        "Deprecated: ",
        "Value: `x`",
        "```json\n{\"a\": 1}\n```\n",
        "```\n",
        "{% hint style=\"info\" %}",
        "{% endhint %}",
        "[link](../other/README.md)",
        "[Events](events.md)",
        "## Properties\n",
        "## Events\n",
        "## Errors\n",
        "## Warnings\n",
        "## Endpoints\n",
        "`event_type`",
        "`error_code`",
        "`warning_code`",
        "&amp;",
        "<!-- c -->",
        "{{ x }}",
        "\u{a0}",
        "é",
        "\t",
        "\r\n",
        "\u{0}",
        "<a href=\"x\">",
        "</a>",
        "1. ",
        "> ",
        "| a | b |\n|---|---|\n",
        "[^1]",
        "***",
        "___",
        "~~~\n",
        "<details open>",
        "</summary>\n\n",
        "POST /x/create\n",
        "**`event_type`** *Enum*\n",
        "### `prop`\n\nFormat: `Enum`\n",
        "## `thing`\n",
    ];
    let mdx = [
        "<ResponseField name=\"x\" type=\"string\">",
        "</ResponseField>",
        "<ResponseField name=\"x\" type=\"String (UUID)\" />",
        "<Expandable title=\"properties\">",
        "</Expandable>",
        "<Accordion title=\"Enum values\">",
        "</Accordion>",
        "<Tab title=\"a\">",
        "</Tab>",
        "<Tabs>",
        "</Tabs>",
        "<Warning>",
        "</Warning>",
        "<Note>",
        "</Note>",
        "<ResponseExample>",
        "</ResponseExample>",
        "---\ntitle: \"Thing\"\n---\n",
        "---\n",
        "type=\"Enum\"",
        "type=\"List of Object\"",
        "type=\"Object\"",
        "type=\"Datetime\"",
        " deprecated",
        " required",
        " default=\"x\"",
        "{",
        "}",
        "{/* c */}",
        "/>",
        "<br />",
        "import X from '/snippets/x.mdx'\n",
        "export const a = 1;\n",
        "openapi: GET /x\n",
        "<Unknown a=\"b\">",
        "</Unknown>",
        "<",
        ">",
        "=\"",
        "\"",
        "name=\"",
        "type=\"",
        "{\"a\"}",
        "<>",
        "</>",
    ];
    let page_text = [
        "Enum values",
        "Enum values\n",
        "UUID",
        "Datetime",
        "String",
        "Boolean",
        "Number",
        "Enum",
        "Object",
        "List",
        "Record",
        "Deprecated",
        "Was this helpful?",
        "Previous",
        "Next",
        "Last updated",
        "event_type",
        ".",
        "_",
        "\n",
        "Child Properties",
        "Variants",
        "Properties",
        "Events",
        "access_code.",
        ".created",
        "_changed",
        "device.",
        "lock.",
        "unlocked",
        "action_attempt.",
        "Copy",
        "Ask AI",
    ];
    match kind {
        Kind::Gitbook | Kind::Pipeline => tokens.extend(markdown),
        Kind::Mdx => tokens.extend(markdown.iter().chain(&mdx)),
        Kind::PageText => tokens.extend(page_text),
        _ => {}
    }
    if kind == Kind::Pipeline {
        tokens.extend(mdx);
        tokens.extend([
            "=== a/b/README.md\n",
            "=== openapi.json\n",
            "=== codegen.yaml\n",
            "=== x.mdx\n",
            "=== y.txt\n",
        ]);
        tokens.extend(["trees: [a, b]\n", "strict: true\n", "presence:\n  x:\n    y: required\n"]);
    }
    if kind == Kind::OpenApi {
        tokens.extend([
            "\"$ref\": \"#/components/schemas/x\"",
            "oneOf",
            "allOf",
            "anyOf",
            "\"nullable\": true",
            "enum",
            "const",
            "x-undocumented",
            "x-deprecated",
            "x-draft",
            "format",
            "date-time",
            "uuid",
            "integer",
            "array",
            "items",
            "- ",
            ": ",
            "{",
            "}",
            "[",
            "]",
            ",",
            "null",
            "~",
            "&a",
            "*a",
            "!!str ",
            "? ",
            "'",
            "\"",
        ]);
    }
    let words: Vec<&str> = vec![
        "a",
        "x_y",
        "type",
        "event_type",
        "id",
        "name",
        "created_at",
        "errors",
        "warnings",
        "Unknown",
        "unknown",
        "extra",
        "Field",
        "Value",
        "Map",
        "Number",
        "Timestamp",
        "Uuid",
        "serde",
        "crate",
        "super",
        "fn",
        "async",
        "await",
        "dyn",
        "r#type",
        "_",
        "__",
        "0",
        "1a",
        "a-b",
        "a.b",
        "a..b",
        ".a",
        "a.",
        "A",
        "AB_CD",
        "é",
        "ñandú",
        "with space",
        "None",
        "Some",
        "Ok",
        "Err",
        "std",
        "core",
        "String",
        "Option",
        "Vec",
        "Box",
        "Default",
        "Debug",
        "Clone",
        "Serialize",
        "Deserialize",
        "deserialize",
        "serialize",
        "get",
        "is_empty",
        "len",
        "event_id",
        "workspace_id",
        "occurred_at",
        "object",
        "list",
        "enum",
        "record",
        "string",
        "uuid",
        "datetime",
        "message",
        "error_code",
        "warning_code",
        "properties",
        "true",
        "false",
        "null",
        "abc_",
        "_abc",
        "a__b",
        "A_B",
        "aB",
        "Ab",
        "ABC",
        "0x1",
        "√",
        "mod",
        "use",
        "impl",
        "match",
        "loop",
        "macro_rules",
        "union",
        "Events",
        "Properties",
        "Resources",
        "Endpoints",
        "Variants",
        "self",
        "Self",
        "map",
        "key",
        "entries",
        "raw",
        "from_raw",
        "serialize_map",
    ];
    let wrappers: Vec<(&str, &str)> = match kind {
        Kind::Gitbook | Kind::Pipeline | Kind::Mdx => {
            let mut w = vec![
                ("<details>\n<summary>Child Properties</summary>\n\n", "</details>\n"),
                ("<details>", "</details>"),
                ("- ", ""),
                ("  ", ""),
                ("> ", ""),
                ("**", "**"),
                ("*", "*"),
                ("<strong>", "</strong>"),
                ("<code>", "</code>"),
                ("[", "](x)"),
            ];
            if kind != Kind::Gitbook {
                w.extend([
                    ("<Expandable title=\"properties\">\n", "</Expandable>\n"),
                    ("<Accordion title=\"x\">\n", "</Accordion>\n"),
                    ("<ResponseField name=\"x\" type=\"Object\">\n", "</ResponseField>\n"),
                    ("<Warning>", "</Warning>"),
                ]);
            }
            w
        }
        Kind::OpenApi => vec![("{\"a\":", "}"), ("[", "]"), ("- ", "")],
        Kind::Types => vec![("[", "]"), ("{\"a\":", "}")],
        _ => Vec::new(),
    };
    Dictionary {
        tokens: tokens.into_iter().map(str::to_owned).collect(),
        words: words.into_iter().map(str::to_owned).collect(),
        wrappers: wrappers.into_iter().map(|(a, b)| (a.to_owned(), b.to_owned())).collect(),
        // Up to thousands of levels: past 100 the generator must answer
        // with an error, never overflow its stack.
        max_nest: 10_000,
    }
}

/// Features: hashes of what an input made the code do.
#[derive(Default)]
pub struct Features(pub Vec<u64>);

impl Features {
    pub fn add(&mut self, what: impl Hash + std::fmt::Debug) {
        if std::env::var_os("SEAM_FUZZ_SHOW_FEATURES").is_some() {
            eprintln!("feature: {what:?}");
        }
        let mut h = std::hash::DefaultHasher::new();
        what.hash(&mut h);
        self.0.push(h.finish());
    }
}

/// A message without the names, numbers and positions in it: its kind.
/// What is quoted (between the first and the last backtick, or in double
/// quotes) goes, since quotes nest in what the docs say.
pub fn normalize(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    let msg = match (msg.find('`'), msg.rfind('`')) {
        (Some(a), Some(b)) if a < b => format!("{}`_`{}", &msg[..a], &msg[b + 1..]),
        _ => msg.to_owned(),
    };
    // What follows a colon late in a message is what it quotes (`page
    // chrome, not content: ...`).
    let msg = match msg.get(10..).and_then(|rest| rest.find(": ")) {
        Some(i) => msg[..10 + i].to_owned(),
        None => msg,
    };
    let mut out = String::new();
    let mut prev_digit = false;
    let mut in_quote = false;
    for c in msg.chars() {
        if c == '"' {
            in_quote = !in_quote;
            continue;
        }
        if in_quote {
            continue;
        }
        if c.is_ascii_digit() {
            if !prev_digit {
                out.push('0');
            }
            prev_digit = true;
            continue;
        }
        prev_digit = false;
        out.push(c);
    }
    out.chars().take(120).collect()
}

fn diag_features(diags: &[Diagnostic], f: &mut Features) {
    for d in diags {
        f.add(("diag", d.severity as u8, d.code, normalize(&d.message)));
    }
}

fn bucket(n: usize) -> u32 {
    usize::BITS - n.leading_zeros()
}

fn type_features(ty: &Type, depth: usize, f: &mut Features) {
    let d = depth.min(12);
    match ty {
        Type::Enum { values } => {
            f.add(("enum", d, bucket(values.len()), values.iter().any(|v| v.unsplit)));
            f.add(("enum-dep", values.iter().any(|v| v.deprecated.is_some())));
        }
        Type::Object { properties } => {
            f.add(("object", d, bucket(properties.len())));
            props_features(properties, depth + 1, f);
        }
        Type::List { item } => {
            f.add(("list", d));
            type_features(item, depth + 1, f);
        }
        Type::Variants { variants, .. } => {
            f.add(("variants", d, bucket(variants.len())));
            for v in variants {
                props_features(&v.properties, depth + 1, f);
            }
        }
        other => f.add(("type", d, other.docs_label())),
    }
}

fn props_features(props: &[Property], depth: usize, f: &mut Features) {
    for p in props {
        f.add(("prop", depth.min(12), p.deprecated.is_some(), p.draft.is_some(), p.declared.is_some()));
        type_features(&p.ty, depth, f);
    }
}

fn model_features(m: &Model, f: &mut Features) {
    f.add(("counts", bucket(m.resources.len()), bucket(m.events.len()), bucket(m.event_types.len())));
    f.add(("endpoints", bucket(m.endpoints.len()), bucket(m.unnamed_endpoints.len())));
    for p in &m.pages {
        f.add(("page", p.layout, p.kind));
    }
    for r in m.resources.values() {
        f.add(("resource", r.deprecated.is_some(), r.draft.is_some(), bucket(r.examples.len())));
        props_features(&r.properties, 0, f);
    }
    for e in m.events.values() {
        f.add(("event", e.deprecated.is_some(), bucket(e.examples.len())));
        props_features(&e.properties, 0, f);
    }
    if let Some(o) = &m.event_object {
        props_features(&o.properties, 0, f);
    }
}

/// What a worker keeps between inputs.
pub struct State {
    kind: Kind,
    knowledge: Knowledge,
    dir: PathBuf,
}

impl State {
    /// `scratch` is a folder the target may use (the pipeline writes its
    /// docs tree there).
    pub fn new(kind: Kind, roots: &Roots, scratch: PathBuf) -> State {
        let mut knowledge = Knowledge::new();
        if kind == Kind::PageText {
            // What the other pages of `spec/` know: page text is read with
            // it, as in a run of the pipeline.
            if let Ok(mut spec) = seam_codegen::load_spec(&roots.workspace.join("spec")) {
                spec.pages.retain(|p| !p.path.ends_with(".txt"));
                let (model, _) = seam_codegen::build_model(&spec);
                knowledge.absorb(&model);
            }
        }
        State { kind, knowledge, dir: scratch }
    }

    pub fn run(&mut self, input: &str, f: &mut Features) -> Result<(), Finding> {
        match self.kind {
            Kind::Gitbook => self.page("api/things/README.md", "things/README.md", input, f),
            Kind::PageText => self.page("api/events.txt", "events.txt", input, f),
            Kind::Mdx => self.page("api/things/object.mdx", "api/things/object.mdx", input, f),
            Kind::OpenApi => {
                let name = if input.trim_start().starts_with('{') { "openapi.json" } else { "openapi.yaml" };
                self.page(name, name, input, f)
            }
            Kind::Pipeline => self.pipeline(input, f),
            Kind::Types => types(input, f),
            Kind::SelfTest => {
                self_test(input.trim());
                Ok(())
            }
        }
    }

    fn page(&self, path: &str, doc_path: &str, input: &str, f: &mut Features) -> Result<(), Finding> {
        let file = SourceFile::new(path, doc_path, input);
        let r = frontend::read_page(&file, DOCS_URL, &self.knowledge);
        f.add(("layout", r.layout));
        diag_features(&r.diagnostics, f);
        model_features(&r.model, f);
        Ok(())
    }

    fn pipeline(&self, input: &str, f: &mut Features) -> Result<(), Finding> {
        let files = parse_bundle(input);
        let _ = std::fs::remove_dir_all(&self.dir);
        std::fs::create_dir_all(&self.dir).expect("the scratch folder can be made");
        for (path, text) in &files {
            let p = self.dir.join(path);
            if let Some(parent) = p.parent()
                && std::fs::create_dir_all(parent).is_err()
            {
                continue;
            }
            let _ = std::fs::write(&p, text);
        }
        let spec = match seam_codegen::load_spec(&self.dir) {
            Ok(s) => s,
            Err(e) => {
                f.add(("load", normalize(&e.to_string())));
                return Ok(());
            }
        };
        match seam_codegen::generate(&spec, "fuzz/") {
            Err(e) => {
                let kind = match &e {
                    seam_codegen::Error::Docs(d) => {
                        diag_features(d, f);
                        "docs"
                    }
                    seam_codegen::Error::NoApi { .. } => "no-api",
                    _ => "other",
                };
                f.add(("generate-error", kind));
                Ok(())
            }
            Ok(out) => {
                diag_features(&out.diagnostics, f);
                model_features(&out.model, f);
                for (name, text) in &out.files {
                    if !name.ends_with(".rs") {
                        continue;
                    }
                    if let Err(e) = syn::parse_file(text) {
                        return Err(Finding {
                            key: format!("emitted {name} does not parse: {}", normalize(&e.to_string())),
                            message: format!("{name}: {e}"),
                        });
                    }
                }
                // The API surface: every fact reads back as one fact.
                let lines = seam_codegen::surface::facts(&out.model);
                let read = seam_codegen::surface::Surface::parse(&out.files[seam_codegen::surface::FILE_NAME]);
                if read.facts.len() != lines.len() {
                    return Err(Finding {
                        key: "api surface lines read back as fewer facts".to_owned(),
                        message: format!("{} lines, {} facts: {lines:?}", lines.len(), read.facts.len()),
                    });
                }
                Ok(())
            }
        }
    }
}

/// A bundle's files: `=== path` starts each; text before the first goes
/// to `page.md`. Paths are kept inside the folder.
pub fn parse_bundle(input: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut current = ("page.md".to_owned(), String::new());
    for line in input.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("=== ") {
            if !current.1.is_empty() || current.0 != "page.md" {
                files.push(std::mem::take(&mut current));
            }
            current.0 = safe_path(rest.trim_end());
            continue;
        }
        current.1.push_str(line);
    }
    if !current.1.is_empty() || current.0 != "page.md" {
        files.push(current);
    }
    files.truncate(16);
    files
}

fn safe_path(p: &str) -> String {
    let parts: Vec<String> = p
        .split('/')
        .map(|c| c.chars().filter(|c| c.is_ascii_alphanumeric() || "._-".contains(*c)).take(64).collect::<String>())
        .filter(|c| !c.is_empty() && c != "." && c != "..")
        .take(6)
        .collect();
    if parts.is_empty() { "page.md".to_owned() } else { parts.join("/") }
}

/// JSON into every object type of `seam-types`: no panic, and whatever is
/// accepted writes back as the same JSON and reads back equal.
fn types(input: &str, f: &mut Features) -> Result<(), Finding> {
    let value: Option<Value> = serde_json::from_str(input).ok();
    f.add(("json", value.is_some()));
    // With a key twice in one object, JSON has no one meaning (RFC 8259
    // 4): a `Value` keeps the last, a typed read may refuse. Only that
    // nothing panics is checked.
    if value.is_some() && serde_json::from_str::<NoDuplicateKeys>(input).is_err() {
        f.add("duplicate keys");
        macro_rules! read_all {
            ($($t:ident),* $(,)?) => { $( agree::<seam_types::$t>(stringify!($t), input)?; )* };
        }
        read_all!(
            Event,
            AccessCode,
            AccessGrant,
            AccessMethod,
            AcsAccessGroup,
            AcsCredential,
            AcsEncoder,
            AcsEntrance,
            AcsSystem,
            AcsUser,
            ActionAttempt,
            Batch,
            ClientSession,
            ConnectWebview,
            ConnectedAccount,
            CustomerPortal,
            Device,
            DeviceProvider,
            InstantKey,
            NoiseThreshold,
            Pagination,
            Phone,
            Space,
            ThermostatDailyProgram,
            ThermostatSchedule,
            UnmanagedAccessCode,
            UnmanagedDevice,
            UserIdentity,
            Webhook,
            Workspace,
        );
        return Ok(());
    }
    macro_rules! check_all {
        ($($t:ident),* $(,)?) => {
            $( check::<seam_types::$t>(stringify!($t), input, value.as_ref(), f)?; )*
        };
    }
    check_all!(
        Event,
        AccessCode,
        AccessGrant,
        AccessMethod,
        AcsAccessGroup,
        AcsCredential,
        AcsEncoder,
        AcsEntrance,
        AcsSystem,
        AcsUser,
        ActionAttempt,
        Batch,
        ClientSession,
        ConnectWebview,
        ConnectedAccount,
        CustomerPortal,
        Device,
        DeviceProvider,
        InstantKey,
        NoiseThreshold,
        Pagination,
        Phone,
        Space,
        ThermostatDailyProgram,
        ThermostatSchedule,
        UnmanagedAccessCode,
        UnmanagedDevice,
        UserIdentity,
        Webhook,
        Workspace,
    );
    if let Ok(e) = serde_json::from_str::<seam_types::Event>(input) {
        f.add(("event-type", format!("{:?}", e.event_type())));
    }
    Ok(())
}

/// Where two JSON values first differ, and what each holds there.
fn first_difference(a: &Value, b: &Value, path: String) -> (String, Value, Value) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if w == v => {}
                    Some(w) => return first_difference(v, w, format!("{path}/{k}")),
                    None => return (format!("{path}/{k}"), v.clone(), Value::String("(absent)".into())),
                }
            }
            let extra = y.keys().find(|k| !x.contains_key(*k)).cloned().unwrap_or_default();
            (format!("{path}/{extra}"), Value::String("(absent)".into()), y.get(&extra).cloned().unwrap_or_default())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => match x.iter().zip(y).position(|(v, w)| v != w) {
            Some(i) => first_difference(&x[i], &y[i], format!("{path}/{i}")),
            None => (path, a.clone(), b.clone()),
        },
        _ => (path, a.clone(), b.clone()),
    }
}

/// Reads any JSON, and fails on an object with a key twice.
struct NoDuplicateKeys;

impl<'de> serde::Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = NoDuplicateKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, _: bool) -> Result<NoDuplicateKeys, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_i64<E>(self, _: i64) -> Result<NoDuplicateKeys, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_u64<E>(self, _: u64) -> Result<NoDuplicateKeys, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_f64<E>(self, _: f64) -> Result<NoDuplicateKeys, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_str<E>(self, _: &str) -> Result<NoDuplicateKeys, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_unit<E>(self) -> Result<NoDuplicateKeys, E> {
                Ok(NoDuplicateKeys)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<NoDuplicateKeys, A::Error> {
                while a.next_element::<NoDuplicateKeys>()?.is_some() {}
                Ok(NoDuplicateKeys)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<NoDuplicateKeys, A::Error> {
                let mut keys = BTreeSet::new();
                while let Some(k) = a.next_key::<String>()? {
                    if !keys.insert(k) {
                        return Err(serde::de::Error::custom("a key twice"));
                    }
                    a.next_value::<NoDuplicateKeys>()?;
                }
                Ok(NoDuplicateKeys)
            }
        }
        d.deserialize_any(V)
    }
}

/// The crate's own JSON reader (`seam_types::read_json`, which
/// `seam_types::from_str` and `serde_json::from_str` use first) against
/// serde_json's own parser (`seam_types::read_serde`): what it reads,
/// serde_json reads, the same.
fn agree<T>(name: &str, input: &str) -> Result<bool, Finding>
where
    T: seam_types::Readable + PartialEq + std::fmt::Debug,
{
    let finding = |what: &str, detail: String| Finding { key: format!("{name}: {what}"), message: detail };
    // serde_json's own parser, with no part of the crate's reader (which
    // `serde_json::from_str` uses too): the reference.
    let reference = seam_types::read_serde::<T>(input);
    if serde_json::from_str::<T>(input).ok().as_ref() != reference.as_ref().ok() {
        return Err(finding("serde_json::from_str reads otherwise than serde_json's parser", input.to_owned()));
    }
    let Some(fast) = seam_types::read_json::<T>(input) else { return Ok(false) };
    match reference {
        Ok(slow) if slow == fast => Ok(true),
        Ok(slow) => Err(finding("the crate's reader reads otherwise than serde_json", format!("{fast:?}\n{slow:?}"))),
        Err(e) => Err(finding("the crate's reader accepts what serde_json rejects", format!("{e}\nread as {fast:?}"))),
    }
}

fn check<T>(name: &str, input: &str, value: Option<&Value>, f: &mut Features) -> Result<(), Finding>
where
    T: seam_types::Readable + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let finding = |what: &str, detail: String| Finding { key: format!("{name}: {what}"), message: detail };
    f.add((name, "own reader", agree::<T>(name, input)?));
    let typed = match serde_json::from_str::<T>(input) {
        Ok(t) => t,
        Err(e) => {
            f.add((name, "rejected", normalize(&e.to_string())));
            // Reading from a `Value` must say the same.
            if let Some(v) = value
                && let Ok(t) = serde_json::from_value::<T>(v.clone())
            {
                return Err(finding(
                    "rejected from text but accepted from a Value",
                    format!("text: {e}\nvalue read as {t:?}"),
                ));
            }
            return Ok(());
        }
    };
    f.add((name, "accepted"));
    let Some(value) = value else {
        return Err(finding("accepted text that is not JSON", format!("{typed:?}")));
    };
    let back = serde_json::to_value(&typed).map_err(|e| finding("does not serialize", e.to_string()))?;
    if back != *value {
        let (path, a, b) = first_difference(value, &back, String::new());
        // Keyed by cause, not by type: the same spelling rewritten in every
        // type is one finding.
        let key = match (a.as_str(), b.as_str()) {
            (Some(x), Some(y)) if x.parse::<seam_types::Uuid>().is_ok_and(|u| y.parse() == Ok(u)) => {
                "a UUID not spelled hyphenated lowercase is written back otherwise".to_owned()
            }
            (Some(x), Some(y))
                if seam_types::Timestamp::parse(x).is_some_and(|t| seam_types::Timestamp::parse(y) == Some(t)) =>
            {
                "a time spelled as Timestamp cannot repeat (space for T, whitespace, over 9 fraction digits) is written back otherwise".to_owned()
            }
            _ => format!("{name}: serializes to different JSON"),
        };
        return Err(Finding {
            key,
            message: format!("{name} at {path}: {a} became {b}\ninput: {value}\nback:  {back}"),
        });
    }
    let again: T = serde_json::from_value(back.clone())
        .map_err(|e| finding("its own JSON does not read back", format!("{e}: {back}")))?;
    if again != typed {
        return Err(finding("reads back different", format!("first: {typed:?}\nagain: {again:?}")));
    }
    let from_value: T = serde_json::from_value(value.clone())
        .map_err(|e| finding("accepted from text but rejected from a Value", format!("{e}: {value}")))?;
    if from_value != typed {
        return Err(finding("reads differently from a Value", format!("text: {typed:?}\nvalue: {from_value:?}")));
    }
    Ok(())
}

fn self_test(input: &str) {
    match input {
        "panic" => panic!("the self test panics"),
        "overflow" => {
            fn deep(n: u64) -> u64 {
                let pad = std::hint::black_box([n; 64]);
                if pad[0] == u64::MAX { 0 } else { deep(n + 1) + pad[1] }
            }
            std::hint::black_box(deep(0));
        }
        "hang" => std::thread::sleep(std::time::Duration::from_secs(30)),
        _ => {}
    }
}

/// FNV-1a: a stable name for a kept input.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
