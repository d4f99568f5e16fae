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
    assert!(e[0].starts_with("bad/README.md:9: error: unknown type `Guid` for `id`: expected one of UUID,"), "{e:?}");
}

#[test]
fn property_without_format_line() {
    let e = errors(&format!("{HEAD}### `id`\n\nID, but of what type?\n\n---\n\n### `ok`\n\nFormat: `String`\n"));
    assert_eq!(e, ["bad/README.md:7: error: property `id` has no type: expected a `Format: `Type`` line"]);
}

#[test]
fn enum_values_announced_but_missing() {
    let e = errors(&format!("{HEAD}### `state`\n\nFormat: `Enum`\n\nPossible enum values:\n\n---\n"));
    assert_eq!(e, ["bad/README.md:7: error: `state` announces enum values but no list follows"]);
}

#[test]
fn enum_list_item_without_a_value() {
    let e = errors(&format!("{HEAD}### `state`\n\nFormat: `Enum`\n\nPossible enum values:\n- `on`\n- off\n"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("bad/README.md:13: error: enum value of `state`: expected a list item"), "{e:?}");
}

#[test]
fn unclosed_details() {
    let page = "# Events\n\n## Events\n\n### `a.b`\n\nA.\n\n<details>\n\n<summary><code>id</code> Format: <code>UUID</code></summary>\n\nID.\n";
    let e = errors(page);
    assert_eq!(
        e,
        ["bad/README.md:9: error: `<details>` is never closed: expected `</details>` before the end of the page"]
    );
}

#[test]
fn event_property_summary_of_the_wrong_shape() {
    let page = "# Events\n\n## Events\n\n### `a.b`\n\nA.\n\n<details>\n\n<summary><code>ok</code> Format: <code>UUID</code></summary>\n\nOK.\n</details>\n<details>\n\n<summary>id is a UUID</summary>\n\nID.\n</details>\n";
    let e = errors(page);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("bad/README.md:15: error: payload property of `a.b`: expected `<summary><code>name</code> Format: <code>Type</code></summary>`, found `id is a UUID`"),
        "{e:?}"
    );
}

#[test]
fn condensed_property_with_unknown_type() {
    let page = "# Events\n\n## Events\n\n**`a.b`**\n\nA.\n\n<details>\n\n<summary>Properties</summary>\n\n<strong><code>id</code></strong> <i>Guid</i>\n\n  ID.\n</details>\n";
    let e = errors(page);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("bad/README.md:13: error: unknown type `Guid` for `id`"), "{e:?}");
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
