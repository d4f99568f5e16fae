//! The `package` section of `codegen.yaml`: the generated `Cargo.toml`
//! says what it sets, any text reads back from it as the same text, and a
//! bad value is an error at its line, never a panic or a broken crate.

use seam_codegen::Config;
use seam_codegen::config::{Feature, Package};
use seam_codegen_tests::{scratch, seeds};

/// The files the seeds generate with this `codegen.yaml` text.
fn generate(config: &str) -> std::collections::BTreeMap<String, String> {
    let mut spec = seeds();
    spec.config.package = Config::parse(config).unwrap_or_else(|e| panic!("{e:?}")).package;
    seam_codegen::generate(&spec, "spec/").expect("the seeds generate").files
}

fn cargo_toml(files: &std::collections::BTreeMap<String, String>) -> toml::Table {
    files["Cargo.toml"].parse().unwrap_or_else(|e| panic!("{e}\n{}", files["Cargo.toml"]))
}

#[test]
fn defaults_are_todays_package() {
    assert_eq!(Config::parse("").unwrap().package, Package::default());
    assert_eq!(Config::parse("package: {}\n").unwrap().package, Package::default());
    // Versions unquoted are read as text, not as numbers (`1.90` is not 1.9).
    let package = Config::parse("package:\n  version: 1.2.0\n  rust_version: 1.90\n").unwrap().package;
    assert_eq!((package.version.to_string(), package.rust_version.to_string()), ("1.2.0".into(), "1.90".into()));
    let toml = cargo_toml(&generate(""));
    let package = toml["package"].as_table().unwrap();
    assert_eq!(package["name"].as_str(), Some("seam-types"));
    assert_eq!(package["version"].as_str(), Some("0.1.0"));
    assert_eq!(package["rust-version"].as_str(), Some("1.85"));
    assert_eq!(package["edition"].as_str(), Some("2024"));
    assert_eq!(package["license"].as_str(), Some("MIT OR Apache-2.0"));
    assert_eq!(package["publish"].as_bool(), Some(false));
    assert!(package.get("repository").is_none());
    let features = toml["features"].as_table().unwrap();
    assert_eq!(features["default"].as_array().unwrap().len(), 0);
    assert_eq!(features["http"].as_array().unwrap()[0].as_str(), Some("webhook"));
    // serde is never optional; the webhook crates always are.
    let deps = toml["dependencies"].as_table().unwrap();
    for name in ["serde", "serde_json", "chrono", "uuid"] {
        assert!(deps[name].get("optional").is_none(), "{name}");
    }
    for name in ["base64", "hmac", "sha2", "http"] {
        assert_eq!(deps[name]["optional"].as_bool(), Some(true), "{name}");
    }
}

#[test]
fn every_setting_reaches_cargo_toml_and_reads_back_as_written() {
    let config = r#"
package:
  name: acme_seam-2
  version: 2.3.4-beta.1+build.5
  description: "A \"quoted\" description with C:\\back\\slashes,\nline breaks,\ttabs, \u007f, [brackets] = and 'quotes' é"
  repository: 'https://example.com/acme/seam "types"'
  license: MIT AND (Apache-2.0 OR BSD-3-Clause) \ odd
  rust_version: "1.88.1"
  publish: true
  features:
    default: [http, webhook, http]
"#;
    let package = Config::parse(config).unwrap().package;
    assert_eq!(package.features.default, [Feature::Http, Feature::Webhook, Feature::Http]);
    let files = generate(config);
    let toml = cargo_toml(&files);
    let p = toml["package"].as_table().unwrap();
    assert_eq!(p["name"].as_str(), Some("acme_seam-2"));
    assert_eq!(p["version"].as_str(), Some("2.3.4-beta.1+build.5"));
    assert_eq!(p["description"].as_str(), Some(package.description.as_str()));
    assert!(package.description.contains("\"quoted\" description with C:\\back\\slashes,\nline"));
    assert_eq!(p["repository"].as_str(), Some(r#"https://example.com/acme/seam "types""#));
    assert_eq!(p["license"].as_str(), Some(r"MIT AND (Apache-2.0 OR BSD-3-Clause) \ odd"));
    assert_eq!(p["rust-version"].as_str(), Some("1.88.1"));
    assert_eq!(p["publish"].as_bool(), Some(true));
    let default: Vec<&str> =
        toml["features"]["default"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(default, ["webhook", "http"]);
    // The doc examples name the crate by its name, so that they still run.
    assert!(files["src/lib.rs"].contains("use acme_seam_2::{Event, EventType};"));
    assert!(files["src/support.rs"].contains("acme_seam_2::from_str::<acme_seam_2::Event>(body)"));
    assert!(files["src/webhook.rs"].contains("use acme_seam_2::{Event, WebhookVerifier};"));
    for (path, text) in &files {
        assert!(!text.contains("seam_types"), "{path} still names seam_types");
    }
}

/// Each bad value, with the line it is reported at and what is said.
#[test]
fn bad_values_are_errors_at_their_line() {
    let cases: &[(&str, &str)] = &[
        ("name: 9lives", "package name `9lives`: must start with an ASCII letter"),
        ("name: seam types", "package name `seam types`: ` ` is not allowed"),
        ("name: seam.types", "`.` is not allowed"),
        ("name: \"\"", "package name ``: empty"),
        ("name: fn", "a Rust keyword or built-in crate"),
        ("name: proc-macro", "a Rust keyword or built-in crate"),
        ("name: sëam", "`ë` is not allowed"),
        ("version: 1.0", "package.version: unexpected end of input while parsing minor version number"),
        ("version: 01.0.0", "invalid leading zero in major version number"),
        ("version: 1.0.0-", "empty identifier segment in pre-release identifier"),
        ("rust_version: 1.8x", "rust_version `1.8x`: expected MAJOR.MINOR"),
        ("rust_version: \"1.84\"", "edition 2024, which needs Rust 1.85 or later"),
        ("rust_version: \"1\"", "expected MAJOR.MINOR or MAJOR.MINOR.PATCH"),
        ("rust_version: \"1.85.0-nightly\"", "expected MAJOR.MINOR or MAJOR.MINOR.PATCH"),
        ("rust_version: \"1.085\"", "expected MAJOR.MINOR or MAJOR.MINOR.PATCH"),
        ("features: { default: [serde] }", "unknown variant `serde`, expected `webhook` or `http`"),
        ("features: { optional: [] }", "unknown field `optional`"),
        ("edition: \"2021\"", "unknown field `edition`"),
        ("publish: maybe", "invalid type"),
    ];
    for (line, want) in cases {
        let text = format!("docs_url: https://example.com/\npackage:\n  license: MIT\n  {line}\n");
        let (at, message) = Config::parse(&text).expect_err(line);
        assert!(message.contains(want), "{line}: {message}");
        assert_eq!(at, 4, "{line}: reported at line {at}: {message}");
    }
}

/// Through `load_spec`, as `cargo xtask codegen` reports it.
#[test]
fn a_bad_package_stops_the_run_with_the_file_and_line() {
    let dir = scratch("bad-package");
    std::fs::write(dir.join("codegen.yaml"), "trees: [a]\npackage:\n  version: one\n").unwrap();
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let err = seam_codegen::load_spec(&dir).unwrap_err().to_string();
    assert!(err.contains("codegen.yaml:3: error: "), "{err}");
    assert!(err.contains("unexpected character 'o' while parsing major version number"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `codegen.yaml` without `package:` (or with other keys only) is today's
/// package, not an error.
#[test]
fn a_config_without_package_is_the_default_package() {
    for text in ["", "strict: true\n", "trees: [v1]\nevent_tag: kind\n"] {
        let config = Config::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        assert_eq!(config.package.name.as_str(), "seam-types", "{text:?}");
    }
}

/// Without the `client` feature the crate has no HTTP dependency: every
/// dependency it always has is one of the JSON and value crates, and the
/// HTTP stack comes only with `client`.
#[test]
fn only_the_client_feature_brings_http() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/Cargo.toml")).unwrap();
    let toml: toml::Table = text.parse().unwrap();
    let deps = toml["dependencies"].as_table().unwrap();
    let always: Vec<&str> = deps
        .iter()
        .filter(|(_, d)| !d.get("optional").and_then(toml::Value::as_bool).unwrap_or(false))
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(always, ["chrono", "erased-serde", "memchr", "serde", "serde_json", "serde_path_to_error", "uuid"]);
    let client: Vec<&str> =
        toml["features"]["client"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(client, ["dep:reqwest", "dep:tokio", "dep:futures-core", "dep:futures-util"]);
    // And no other feature brings them.
    for (name, list) in toml["features"].as_table().unwrap() {
        if name != "client" {
            let list = list.as_array().unwrap();
            assert!(!list.iter().any(|v| v.as_str().is_some_and(|v| v.contains("reqwest") || v.contains("tokio"))));
        }
    }
}

/// The crate declares `rust-version = "1.85"` by default, so it may use no
/// syntax that came later: `let` chains (`if let .. && ..`, Rust 1.88).
/// clippy's `incompatible_msrv` sees library APIs only, not syntax. Checked
/// on tokens, so that macro bodies count too: the runtime templates whole
/// (every section) and examples, and every file the seeds generate.
#[test]
fn generated_code_has_no_let_chains() {
    assert_eq!(Package::default().rust_version.to_string(), "1.85", "raise it to 1.88 and drop this test");
    let templates = concat!(env!("CARGO_MANIFEST_DIR"), "/../generator/templates");
    let examples = std::fs::read_dir(format!("{templates}/examples")).unwrap();
    let mut files: Vec<(String, String)> = ["support.rs", "webhook.rs", "client.rs"]
        .iter()
        .map(|name| format!("{templates}/{name}"))
        .chain(examples.map(|e| e.unwrap().path().display().to_string()))
        .map(|path| (path.clone(), std::fs::read_to_string(&path).unwrap()))
        .collect();
    assert!(files.len() > 3, "the examples were not found");
    files.extend(generate("").into_iter().filter(|(path, _)| path.ends_with(".rs")));
    let mut found = Vec::new();
    for (path, text) in &files {
        let tokens: proc_macro2::TokenStream = text.parse().unwrap_or_else(|e| panic!("{path}: {e}"));
        let_chains(tokens, path, &mut found);
    }
    assert!(found.is_empty(), "let chains (Rust 1.88): {found:#?}");
    // The check itself finds one, in a macro body too.
    let mut one = Vec::new();
    let_chains("macro_rules! m { () => { if let Some(a) = b && c { } } }".parse().unwrap(), "t", &mut one);
    let_chains("fn f() { if x && let Some(a) = b {} }".parse().unwrap(), "t", &mut one);
    let_chains(
        "fn f() { if let Some(a) = b { x && y } while let Some(a) = (b && c) {} }".parse().unwrap(),
        "t",
        &mut one,
    );
    assert_eq!(one.len(), 2, "{one:?}");
}

/// Where `tokens` (and the groups in them) chain `let` with `&&`.
fn let_chains(tokens: proc_macro2::TokenStream, path: &str, found: &mut Vec<String>) {
    use proc_macro2::{Delimiter, Spacing, TokenTree};
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let word = |t: Option<&TokenTree>, w: &str| matches!(t, Some(TokenTree::Ident(i)) if i == w);
    // Inside an `if let` or `while let` condition, before its block.
    let mut in_let_condition = false;
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Group(g) => {
                if g.delimiter() == Delimiter::Brace {
                    in_let_condition = false;
                }
                let_chains(g.stream(), path, found);
            }
            TokenTree::Ident(_)
                if (word(Some(t), "if") || word(Some(t), "while")) && word(tokens.get(i + 1), "let") =>
            {
                in_let_condition = true;
            }
            TokenTree::Punct(p) if p.as_char() == ';' => in_let_condition = false,
            TokenTree::Punct(p)
                if p.as_char() == '&'
                    && p.spacing() == Spacing::Joint
                    && matches!(tokens.get(i + 1), Some(TokenTree::Punct(q)) if q.as_char() == '&')
                    && (in_let_condition || word(tokens.get(i + 2), "let")) =>
            {
                let around: Vec<String> = tokens[i.saturating_sub(8)..(i + 4).min(tokens.len())]
                    .iter()
                    .map(|t| match t {
                        TokenTree::Group(_) => "(..)".to_owned(),
                        t => t.to_string(),
                    })
                    .collect();
                found.push(format!("{path}: {}", around.join(" ")));
            }
            _ => {}
        }
    }
}
