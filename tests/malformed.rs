//! Malformed pages: an error that names the file, the line and what was
//! expected; never a panic.

use seam_codegen::Severity;
use seam_codegen_tests::spec_of;

/// The error diagnostics for one page, as `file:line: error: message`.
fn errors(page: &str) -> Vec<String> {
    let spec = spec_of(&[("bad/README.md", page)]);
    let (_, diags) = seam_codegen::build_model(&spec);
    let errors: Vec<String> = diags.iter().filter(|d| d.severity == Severity::Error).map(|d| d.to_string()).collect();
    // The pipeline refuses to generate.
    assert_eq!(seam_codegen::generate(&spec, "t").is_err(), !errors.is_empty());
    errors
}

const HEAD: &str = "# Things\n\n## `thing`\n\nA thing.\n\n";

#[test]
fn unknown_type_names_the_line_and_the_known_types() {
    let e = errors(&format!("{HEAD}### `id`\n\nFormat: `Guid`\n\nID.\n"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("bad/README.md:9: error[property]: unknown type `Guid` for `id`: expected one of UUID,"),
        "{e:?}"
    );
}

#[test]
fn property_without_format_line() {
    let e = errors(&format!("{HEAD}### `id`\n\nID, but of what type?\n\n---\n\n### `ok`\n\nFormat: `String`\n"));
    assert_eq!(e, ["bad/README.md:7: error[property]: property `id` has no type: expected a `Format: `Type`` line"]);
}

#[test]
fn enum_values_announced_but_missing() {
    let e = errors(&format!("{HEAD}### `state`\n\nFormat: `Enum`\n\nPossible enum values:\n\n---\n"));
    assert_eq!(e, ["bad/README.md:7: error[property]: `state` announces enum values but no list follows"]);
}

#[test]
fn enum_list_item_without_a_value() {
    let e = errors(&format!("{HEAD}### `state`\n\nFormat: `Enum`\n\nPossible enum values:\n- `on`\n- off\n"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("bad/README.md:13: error[property]: enum value of `state`: expected a list item"),
        "{e:?}"
    );
}

#[test]
fn unclosed_details() {
    let page = "# Events\n\n## Events\n\n### `a.b`\n\nA.\n\n<details>\n\n<summary><code>id</code> Format: <code>UUID</code></summary>\n\nID.\n";
    let e = errors(page);
    assert_eq!(
        e,
        [
            "bad/README.md:9: error[markup]: `<details>` is never closed: expected `</details>` before the end of the page"
        ]
    );
}

#[test]
fn event_property_summary_of_the_wrong_shape() {
    let page = "# Events\n\n## Events\n\n### `a.b`\n\nA.\n\n<details>\n\n<summary><code>ok</code> Format: <code>UUID</code></summary>\n\nOK.\n</details>\n<details>\n\n<summary>id is a UUID</summary>\n\nID.\n</details>\n";
    let e = errors(page);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("bad/README.md:15: error[page]: payload property of `a.b`: expected `<summary><code>name</code> Format: <code>Type</code></summary>`, found `id is a UUID`"),
        "{e:?}"
    );
}

#[test]
fn condensed_property_with_unknown_type() {
    let page = "# Events\n\n## Events\n\n**`a.b`**\n\nA.\n\n<details>\n\n<summary>Properties</summary>\n\n<strong><code>id</code></strong> <i>Guid</i>\n\n  ID.\n</details>\n";
    let e = errors(page);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("bad/README.md:13: error[property]: unknown type `Guid` for `id`"), "{e:?}");
}

#[test]
fn garbage_never_panics() {
    for page in [
        "",
        "\0\0",
        "<details>",
        "</details></summary>",
        "## `x`\n### `y`\nFormat: `List`\nItem format: `Nope`",
        "**`a`** *",
        "<summary>",
    ] {
        let spec = spec_of(&[("p.md", page)]);
        let _ = seam_codegen::build_model(&spec);
    }
}

#[test]
fn unreadable_config_names_its_line() {
    let dir = seam_codegen_tests::scratch("bad-config");
    std::fs::write(dir.join("codegen.yaml"), "docs_url: x\ntrees: [a]\nnonsense: 1\n").unwrap();
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let err = seam_codegen::load_spec(&dir).unwrap_err().to_string();
    assert!(err.contains("codegen.yaml:3: error: unknown field `nonsense`"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The diagnostics of one MDX page at or above `level`, as strings.
fn mdx_diags(page: &str, level: Severity) -> Vec<String> {
    let spec = spec_of(&[("api/x/object.mdx", page)]);
    let (_, diags) = seam_codegen::build_model(&spec);
    diags.iter().filter(|d| d.severity >= level).map(|d| d.to_string()).collect()
}

const MDX_HEAD: &str = "---\ntitle: 'The Thing Object'\n---\n\n## The thing Object\n\nA thing.\n\n## Properties\n\n";

#[test]
fn mintlify_unknown_component_or_attribute_on_a_reference_page_names_its_line() {
    let page = format!(
        "{MDX_HEAD}<ResponseField name=\"id\" type=\"String (UUID)\" nullable>\n  ID.\n</ResponseField>\n\n<Sparkle>\n  Shiny.\n</Sparkle>\n"
    );
    let d = mdx_diags(&page, Severity::Warning);
    assert_eq!(
        d,
        [
            // What the unknown component held, read in its place: no property.
            "api/x/object.mdx:16: warning[property]: expected a `**`name`** *Type*` line; this is not modelled",
            "api/x/object.mdx:11: warning[component]: attribute `nullable` of `<ResponseField>` is not understood; it is ignored",
            "api/x/object.mdx:15: warning[component]: component `<Sparkle>` is not understood; its content is read as if it were not there",
        ]
    );
}

#[test]
fn mintlify_components_on_a_guide_are_not_reported() {
    let page = "---\ntitle: 'Guide'\n---\n\n## Setup\n\n<Sparkle>\n<Card title=\"x\" />\n</Sparkle>\n";
    assert_eq!(mdx_diags(page, Severity::Warning), Vec::<String>::new());
}

#[test]
fn mintlify_unknown_type_word_and_unclosed_component_are_errors_with_their_lines() {
    let page =
        format!("{MDX_HEAD}<ResponseField name=\"id\" type=\"Guid\">\n  ID.\n</ResponseField>\n\n<Expandable>\n");
    let e = errors_of_mdx(&page);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].starts_with("api/x/object.mdx:15: error[markup]: `<Expandable>` is never closed"), "{e:?}");
    assert!(e[1].starts_with("api/x/object.mdx:11: error[property]: unknown type `Guid` for `id`"), "{e:?}");
}

fn errors_of_mdx(page: &str) -> Vec<String> {
    mdx_diags(page, Severity::Error)
}

#[test]
fn openapi_that_does_not_parse_is_an_error_with_its_line() {
    let spec = spec_of(&[("openapi.json", "{\"openapi\": \"3.0.0\",\n \"paths\": {\"/x\": [1, 2]}}")]);
    let (_, diags) = seam_codegen::build_model(&spec);
    let e: Vec<String> = diags.iter().filter(|d| d.severity == Severity::Error).map(|d| d.to_string()).collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("openapi.json:2: error[openapi]: not a valid OpenAPI document"), "{e:?}");
}

/// A folder with no API content (a guide, other JSON) is an error, never an
/// empty crate.
#[test]
fn no_api_content_is_an_error_not_an_empty_crate() {
    let spec = spec_of(&[
        ("api/guide.mdx", "---\ntitle: 'Guide'\n---\n\nRead on.\n"),
        ("package.json", "{\"name\": \"x\"}"),
        ("notes.md", "# Notes\n\nNothing here.\n"),
    ]);
    let err = seam_codegen::generate(&spec, "t").expect_err("no API content");
    assert!(err.to_string().contains("none of the 3 file(s) read holds API reference content"), "{err}");
    let empty = spec_of(&[]);
    assert!(seam_codegen::generate(&empty, "t").is_err());
}

/// An empty docs folder, or a `codegen.yaml` whose trees are empty folders,
/// loads and is then refused as `NoApi`: never an empty crate.
#[test]
fn an_empty_folder_or_empty_trees_are_no_api() {
    let dir = seam_codegen_tests::scratch("no-api");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let trees = dir.join("trees");
    std::fs::create_dir_all(trees.join("v1")).unwrap();
    std::fs::create_dir_all(trees.join("v2/nested")).unwrap();
    std::fs::write(trees.join("codegen.yaml"), "trees: [v1, v2]\n").unwrap();
    for spec in [&empty, &trees] {
        let loaded = seam_codegen::load_spec(spec).expect("an empty folder loads");
        assert!(loaded.pages.is_empty(), "{}", spec.display());
        match seam_codegen::generate(&loaded, "t") {
            Err(seam_codegen::Error::NoApi { files: 0 }) => {}
            other => panic!("{}: expected NoApi, got {other:?}", spec.display()),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--spec` may name a bare OpenAPI document.
#[test]
fn a_bare_openapi_document_is_a_spec() {
    let dir = seam_codegen_tests::scratch("bare-openapi");
    let file = dir.join("openapi.yaml");
    std::fs::write(
        &file,
        "openapi: 3.1.0\ncomponents:\n  schemas:\n    thing:\n      type: object\n      properties:\n        id: {type: string, format: uuid}\n",
    )
    .unwrap();
    let spec = seam_codegen::load_spec(&file).expect("a file is a spec");
    let out = seam_codegen::generate(&spec, "openapi.yaml").expect("it generates");
    assert!(out.files["src/things.rs"].contains("pub struct Thing"));
}
