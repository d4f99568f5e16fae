//! Hostile and broken docs: names a Rust crate could trip on, text that
//! could break a doc comment, nesting that could overflow the stack, files
//! that could hang a read. Each gives a crate that compiles, or a diagnostic
//! with its `file:line` — never a panic, never silence.

use seam_codegen::{Diagnostic, Severity};
use seam_codegen_tests::{root, scratch, spec_of};

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/adversarial")
}

fn warnings_coded(diags: &[Diagnostic], code: &str) -> Vec<String> {
    diags.iter().filter(|d| d.code == Some(code)).map(|d| d.to_string()).collect()
}

/// Every name in the fixture generates Rust that parses (the crate itself
/// is built with clippy in `corpus_crates`), and each name that had to be
/// numbered is a warning naming both sources.
#[test]
fn adversarial_names_generate_and_collisions_name_both_sources() {
    let spec = seam_codegen::load_spec(&fixture()).expect("the fixture loads");
    let out = seam_codegen::generate(&spec, "adversarial").expect("hostile names are no reason to fail");
    for (path, text) in &out.files {
        if path.ends_with(".rs") {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        }
    }
    let collisions = warnings_coded(&out.diagnostics, "name-collision");
    let has = |needle: &str| collisions.iter().any(|c| c.contains(needle));
    // Case conversion: the later name is numbered, the earlier one named
    // with its line.
    assert!(
        has(
            "things/README.md:184: warning[name-collision]: property `foo_bar` and property `fooBar` are both `foo_bar`"
        ) && has("see also things/README.md:178"),
        "{collisions:#?}"
    );
    assert!(has("value `A_B` and value `a-b` are both `AB`"), "{collisions:#?}");
    assert!(has("value `Self` and value `self` are both `SelfValue`"), "{collisions:#?}");
    // Names the crate itself uses.
    for (resource, rust) in
        [("raw", "Raw"), ("from_raw", "FromRaw"), ("serialize_map", "SerializeMap"), ("string", "String")]
    {
        assert!(has(&format!("resource `{resource}` would be `{rust}` in Rust")), "{resource}: {collisions:#?}");
    }
    // Doc comments show hidden characters, and docs code is never a test.
    let resources: String = out
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("src/") && path.as_str() != "src/support.rs")
        .map(|(_, text)| text.as_str())
        .collect();
    assert!(!resources.contains('\u{202E}') && resources.contains(r"override \u{202E} here"));
    assert!(resources.contains("/// ```text\n    /// fn not_a_doctest()"));
    // The docs' value spelled like a doc marker is a value, not a marker.
    assert!(resources.contains(r"a NUL-like \u{1}doc:0 marker"));
}

/// A page with CR-only line endings is read as the same page with `\n`.
#[test]
fn cr_only_pages_read_as_lines() {
    let lf = std::fs::read_to_string(fixture().join("cr_only/README.md")).unwrap().replace('\r', "\n");
    let cr = lf.replace('\n', "\r");
    let crlf = lf.replace('\n', "\r\n");
    let model = |text: &str| {
        let (model, diags) = seam_codegen::build_model(&spec_of(&[("c/README.md", text)]));
        assert!(diags.iter().all(|d| d.severity < Severity::Warning), "{diags:?}");
        serde_json::to_string(&model.resources).unwrap()
    };
    assert!(model(&lf).contains("\"b\""));
    assert_eq!(model(&cr), model(&lf));
    assert_eq!(model(&crlf), model(&lf));
}

/// A page-text enum line holding a single value with no separator.
#[test]
fn page_text_single_value_is_that_value() {
    let page = "Events\nThe event Object\nAn event.\nProperties\nevent_type Enum\nType of event.\nEnum values\nlocked\n\
                workspace_id UUID\nID of the workspace.\n";
    let (model, diags) = seam_codegen::build_model(&spec_of(&[("e/README.txt", page)]));
    assert!(diags.iter().all(|d| d.severity < Severity::Error), "{diags:?}");
    let types: Vec<&str> = model.event_types.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(types, ["locked"]);
}

/// Nesting deeper than anything the docs mean is an error with its line,
/// in every layout that nests: never a stack overflow.
#[test]
fn deep_nesting_is_an_error_with_its_line() {
    let head = "# Things\n\n## The thing Object\n\nA thing.\n\n---\n## Properties\n\n**`a`** *String*\n\nA.\n\n";
    let mdx = |tag: &str, n: usize| {
        format!(
            "---\ntitle: X\n---\n\n{}x\n{}",
            format!("<{tag} title=\"p\">\n").repeat(n),
            format!("</{tag}>\n").repeat(n)
        )
    };
    let cases = [
        (
            "lists/README.md",
            format!("{head}{}", (0..3000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect::<String>()),
        ),
        ("markers/README.md", format!("{head}{}x\n", "- ".repeat(3000))),
        ("details/README.md", format!("{head}{}x\n{}", "<details>\n".repeat(8000), "</details>\n".repeat(8000))),
        // One HTML block (one line) opening them all, in either layout.
        ("one-line/README.md", format!("{head}{}\n", "<details>".repeat(3000))),
        ("one-line.mdx", format!("---\ntitle: X\n---\n\n{}\n", "<details>".repeat(3000))),
        ("one-line-strong/README.md", format!("{head}<details>{}\n", "<strong>".repeat(3000))),
        ("emphasis/README.md", format!("{head}{}x{}\n", "*".repeat(8000), "*".repeat(8000))),
        ("html/README.md", format!("{head}{}x\n", "<strong>".repeat(8000))),
        ("expandable.mdx", mdx("Expandable", 8000)),
        ("fields.mdx", mdx("ResponseField", 5000)),
    ];
    for (path, text) in &cases {
        // Pages are read on worker threads: run this on one of ordinary
        // size, as they are.
        let spec = spec_of(&[(path, text)]);
        let diags = std::thread::scope(|s| s.spawn(|| seam_codegen::build_model(&spec).1).join().unwrap());
        let deep = warnings_coded(&diags, "too-deep");
        assert_eq!(deep.len(), 1, "{path}: {diags:?}");
        assert!(deep[0].starts_with(&format!("{path}:")) && deep[0].contains(": error[too-deep]:"), "{deep:?}");
        assert!(seam_codegen::generate(&spec, "t").is_err(), "{path}: an error stops the run");
    }
}

/// A named pipe (or a dangling link) called like a page is a warning, not a
/// read that waits for ever.
#[cfg(unix)]
#[test]
fn named_pipes_and_dangling_links_are_not_read() {
    let dir = scratch("pipe");
    seam_codegen_tests::copy_tree(&fixture().join("cr_only"), &dir.join("cr_only"));
    let made = std::process::Command::new("mkfifo").arg(dir.join("x.md")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: not checked");
        return;
    }
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("y.md")).unwrap();
    let spec = seam_codegen::load_spec(&dir).expect("the folder loads");
    let unread: Vec<String> = spec.unread.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        unread,
        [
            "x.md:1: warning[unread-file]: not a regular file (a pipe, socket or device): not read",
            "y.md:1: warning[unread-file]: a link to no file: not read"
        ]
    );
    let out = seam_codegen::generate(&spec, "t").expect("the rest generates");
    assert_eq!(warnings_coded(&out.diagnostics, "unread-file").len(), 2);
}

/// A property whose type word says String but that has child properties:
/// only a spec can tell which is right. Beside one, a warning (and the
/// spec's type merged in); without one, an error.
#[test]
fn children_of_a_string_are_an_error_unless_a_spec_settles_them() {
    let page = "# Things\n\n## The thing Object\n\nA thing.\n\n---\n## Properties\n\n**`id`** *String*\n\nID.\n\n---\n\n\
                **`meta`** *String*\n\nMeta.\n\n<details>\n  <summary>Child Properties</summary>\n\n\
                - <strong><code>x</code></strong> <i>String</i>\n\n  X.\n</details>\n\n---\n";
    let coded = |diags: &[Diagnostic]| -> Vec<(Severity, String)> {
        diags.iter().filter(|d| d.code == Some("children-of-scalar")).map(|d| (d.severity, d.to_string())).collect()
    };
    let (_, diags) = seam_codegen::build_model(&spec_of(&[("things/README.md", page)]));
    let found = coded(&diags);
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!(found[0].0, Severity::Error);
    assert!(
        found[0].1.starts_with("things/README.md:16: error[children-of-scalar]: `meta` has child properties"),
        "{found:?}"
    );

    let openapi = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"thing": {"type": "object", "properties": {
            "id": {"type": "string"},
            "meta": {"type": "object", "properties": {"x": {"type": "string"}}}}}}}}"#;
    let (model, diags) = seam_codegen::build_model(&spec_of(&[("openapi.json", openapi), ("things/README.md", page)]));
    let found = coded(&diags);
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!(found[0].0, Severity::Warning, "{found:?}");
    assert!(model.resources["thing"].properties.iter().any(|p| p.name == "meta"));
}

/// Hostile names in the API surface: each fact reads back as one fact
/// (quoting keeps a name with `: `, brackets or dots from splitting a line
/// in the wrong place), and what is below a resource is below it.
#[test]
fn adversarial_names_keep_the_api_surface_unambiguous() {
    use seam_codegen::surface::{Fact, Surface, facts};
    let spec = seam_codegen::load_spec(&fixture()).expect("the fixture loads");
    let out = seam_codegen::generate(&spec, "adversarial").expect("hostile names are no reason to fail");
    let lines = facts(&out.model);
    let surface = Surface::parse(&out.files[seam_codegen::surface::FILE_NAME]);
    assert_eq!(surface.facts.len(), lines.len(), "two lines read back as one fact");
    assert_eq!(surface, Surface::of(&out.model));
    assert_eq!(surface.count("resource"), out.model.resources.len());
    // Every property of a resource is below it.
    let resources: Vec<String> =
        surface.facts.keys().filter(|k| Fact::kind_of(k) == "resource").map(|k| Fact::place(k)).collect();
    for key in surface.facts.keys().filter(|k| Fact::kind_of(k) == "property") {
        let place = Fact::place(key);
        if !place.starts_with("event[") {
            assert!(resources.iter().any(|r| Fact::is_below(&place, r)), "{key} is below no resource");
        }
    }
}
