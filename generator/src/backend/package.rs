//! The package around the generated code: `Cargo.toml`, from the `package`
//! section of `codegen.yaml`, and the files that do not depend on the docs
//! and are behind a feature (`src/webhook.rs`).
//!
//! The values are checked when `codegen.yaml` is read (a crate name, a
//! semver version, a Rust version); here they are only written, each as a
//! TOML string, so that any description or license text gives a valid
//! `Cargo.toml` that reads back as the same text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::{Feature, Package};

/// Verifying webhook signatures: the generated `src/webhook.rs`, verbatim
/// behind the generated header.
const WEBHOOK: &str = include_str!("../../templates/webhook.rs");

/// What `src/lib.rs` re-exports of the webhook module, under the
/// `webhook` feature, in the order rustfmt keeps: names the docs' types
/// cannot take (they are in `RESERVED`; the docs' `webhook` resource is
/// `Webhook`).
pub const WEBHOOK_ITEMS: [&str; 2] = ["WebhookError", "WebhookVerifier"];

/// What `src/lib.rs` re-exports of the client module, under the `client`
/// feature, in the order rustfmt keeps (they are in `RESERVED`).
pub const CLIENT_ITEMS: [&str; 4] = ["ApiError", "Client", "ClientBuilder", "ClientError"];

/// The name the templates and the crate's doc examples use for the crate.
pub(super) const TEMPLATE_NAME: &str = "seam_types";

/// The files of the package that do not depend on the docs: `Cargo.toml`
/// and `src/webhook.rs`. And when the crate is not named `seam-types`, the
/// doc examples of `files` (`src/lib.rs`, `src/support.rs`, the webhook
/// module) name it by its name, so that they still run.
pub fn add_files(files: &mut BTreeMap<String, String>, header: impl Fn(&str) -> String, package: &Package) {
    let client_example = files.contains_key("examples/unlock_door.rs");
    files.insert("Cargo.toml".to_owned(), cargo_toml(&header("#"), package, client_example));
    files.insert("src/webhook.rs".to_owned(), format!("{}\n{WEBHOOK}", header("//")));
    let ident = package.name.ident();
    if ident != TEMPLATE_NAME {
        for path in [
            "src/lib.rs",
            "src/support.rs",
            "src/webhook.rs",
            "src/client.rs",
            "README.md",
            "examples/read_resource.rs",
            "examples/webhook_receiver.rs",
            "examples/unlock_door.rs",
        ] {
            if let Some(text) = files.get_mut(path) {
                *text = rename(text, &ident);
            }
        }
    }
}

/// `text` with every `seam_types` path in it (`seam_types::Event`,
/// `use seam_types::{...}`) naming the crate `ident` instead.
fn rename(text: &str, ident: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(TEMPLATE_NAME) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + TEMPLATE_NAME.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..at]);
        out.push_str(if word(before) || word(after) { TEMPLATE_NAME } else { ident });
        rest = &rest[at + TEMPLATE_NAME.len()..];
    }
    out.push_str(rest);
    out
}

/// The dependencies every generated crate has: it exists to read and write
/// payloads, so serde is not optional.
const DEPENDENCIES: &str = r#"[dependencies]
# Always on: the crate exists to read and write JSON payloads.
chrono = { version = "0.4.38", default-features = false, features = ["std", "serde"] }
serde = { version = "1.0.200", default-features = false, features = ["std"] }
# `raw_value`: an object is handed over as its text, for the crate's own reader.
serde_json = { version = "1.0.120", features = ["raw_value"] }
# Writes every struct's fields through one function, not one per struct.
erased-serde = { version = "0.4.5", default-features = false, features = ["std"] }
serde_path_to_error = "0.1.16"
# Finds a union's tag in the text (serde_json depends on it already).
memchr = "2.7"
uuid = { version = "1.10", default-features = false, features = ["std", "serde"] }
# The `webhook` feature: HMAC-SHA256 (RustCrypto) and base64, not the `svix`
# crate, which is an API client and brings an HTTP client with it.
base64 = { version = "0.22.1", optional = true, default-features = false, features = ["alloc"] }
hmac = { version = "0.12.1", optional = true }
sha2 = { version = "0.10.8", optional = true, default-features = false }
# The `http` feature.
http = { version = "1.1", optional = true }
# The `client` feature: reqwest (rustls, its default TLS: no OpenSSL to link
# against), the tokio timers it runs on, and futures' `Stream` for pages.
reqwest = { version = "0.13.1", optional = true, default-features = false, features = ["rustls", "http2"] }
tokio = { version = "1.40", optional = true, default-features = false, features = ["time"] }
futures-core = { version = "0.3.30", optional = true, default-features = false }
futures-util = { version = "0.3.30", optional = true, default-features = false }

[dev-dependencies]
# The `unlock_door` example's runtime and `TryStreamExt`.
tokio = { version = "1.40", default-features = false, features = ["macros", "rt", "time"] }
futures-util = { version = "0.3.30", default-features = false }
"#;

/// The generated `Cargo.toml`.
/// `client_example`: the crate has `examples/unlock_door.rs` (its
/// endpoints have the shapes it uses).
pub fn cargo_toml(header: &str, package: &Package, client_example: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{header}");
    out.push_str("[package]\n");
    let _ = writeln!(out, "name = {}", toml_string(package.name.as_str()));
    let _ = writeln!(out, "version = {}", toml_string(&package.version.to_string()));
    out.push_str("edition = \"2024\"\n");
    out.push_str("# The oldest Rust it builds with; clippy's `incompatible_msrv` lint flags newer std APIs.\n");
    let _ = writeln!(out, "rust-version = {}", toml_string(&package.rust_version.to_string()));
    let _ = writeln!(out, "description = {}", toml_string(&package.description));
    if let Some(repository) = &package.repository {
        let _ = writeln!(out, "repository = {}", toml_string(repository));
    }
    let _ = writeln!(out, "license = {}", toml_string(&package.license));
    let _ = writeln!(out, "publish = {}", package.publish);
    out.push_str("readme = \"README.md\"\n\n");
    out.push_str("[package.metadata.docs.rs]\nall-features = true\n\n");
    out.push_str("[[example]]\nname = \"webhook_receiver\"\nrequired-features = [\"webhook\"]\n\n");
    if client_example {
        out.push_str("[[example]]\nname = \"unlock_door\"\nrequired-features = [\"client\"]\n\n");
    }
    // What a library's users notice, checked wherever the crate is linted
    // (a dependency's lints are capped: its users see none of this).
    out.push_str("[lints.rust]\nmissing_docs = \"warn\"\n\n");
    out.push_str("[lints.clippy]\n");
    for lint in ["must_use_candidate", "return_self_not_must_use", "missing_errors_doc", "missing_panics_doc"] {
        let _ = writeln!(out, "{lint} = \"warn\"");
    }
    out.push('\n');
    let mut default: Vec<Feature> = package.features.default.clone();
    default.sort();
    default.dedup();
    let default: Vec<String> = default.iter().map(|f| toml_string(f.name())).collect();
    out.push_str("[features]\n");
    let _ = writeln!(out, "default = [{}]", default.join(", "));
    out.push_str("# `Webhook`: verifies the signatures Seam (through Svix) puts on webhook requests.\n");
    out.push_str("webhook = [\"dep:base64\", \"dep:hmac\", \"dep:sha2\"]\n");
    out.push_str("# `webhook::Headers` for `http::HeaderMap` (axum, hyper, reqwest...).\n");
    out.push_str("http = [\"webhook\", \"dep:http\"]\n");
    out.push_str("# `Client`: calls the API's endpoints (reqwest with rustls, on tokio).\n");
    out.push_str("client = [\"dep:reqwest\", \"dep:tokio\", \"dep:futures-core\", \"dep:futures-util\"]\n\n");
    out.push_str(DEPENDENCIES);
    out
}

/// `s` as a TOML basic string: quotes, backslashes and control characters
/// escaped, everything else as it is.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_what_toml_requires() {
        assert_eq!(toml_string(r#"a "quoted" C:\path"#), r#""a \"quoted\" C:\\path""#);
        assert_eq!(toml_string("line\nbreak\ttab\u{7f}\u{0}é"), r#""line\nbreak\ttab\u007F\u0000é""#);
    }

    #[test]
    fn the_webhook_items_at_the_root_are_public_and_reserved() {
        let file: syn::File = syn::parse_str(WEBHOOK).expect("webhook.rs parses");
        let public: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(i) if matches!(i.vis, syn::Visibility::Public(_)) => Some(i.ident.to_string()),
                syn::Item::Enum(i) if matches!(i.vis, syn::Visibility::Public(_)) => Some(i.ident.to_string()),
                _ => None,
            })
            .collect();
        for name in WEBHOOK_ITEMS {
            assert!(public.iter().any(|p| p == name), "webhook.rs has no public {name}: {public:?}");
            assert!(super::super::RESERVED.contains(&name), "{name} is not reserved");
        }
    }

    #[test]
    fn renaming_touches_the_crate_path_only() {
        let text = "use seam_types::Event;\nlet e = seam_types::from_str(x);\nmy_seam_types::x; seam_types_2";
        assert_eq!(
            rename(text, "acme_seam"),
            "use acme_seam::Event;\nlet e = acme_seam::from_str(x);\nmy_seam_types::x; seam_types_2"
        );
    }
}
