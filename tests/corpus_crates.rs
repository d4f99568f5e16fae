//! The generated crates, checked as a user would: the crates for `spec/`
//! and for the whole corpus trees compile with warnings denied, are
//! clippy-clean (with every feature, and held to their `rust-version`) and
//! document without warnings; every JSON example the July
//! 2025 and the Mintlify pages show reads into its type (resource or event)
//! and serializes back to the same JSON; the types from an older tree read
//! the newer API's payloads; and `strict: true` gives plain types exactly
//! where the OpenAPI spec declares a property required and non-null.
//!
//! Each crate is generated into a temporary folder and checked with cargo;
//! dependencies are built once, into `target/corpus-crates`. Skipped, with a
//! notice, when `../shared/corpus` is absent.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use seam_codegen_tests::root;

fn tree(name: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpus").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("{} not found: not checked", dir.display());
        None
    }
}

/// A fresh folder outside the workspace (a crate inside it would be taken
/// for a member).
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("seam-codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Generates the crate for a docs tree into `out`.
fn generate(tree: &Path, out: &Path) -> seam_codegen::Model {
    let spec = seam_codegen::load_spec(tree).expect("the tree loads");
    let generated = seam_codegen::generate(&spec, "corpus").expect("the tree generates");
    seam_codegen::output::write(out, &generated.files).expect("the crate is written");
    // The workspace's lock file: the same dependency versions, no surprises.
    std::fs::copy(root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    generated.model
}

fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/corpus-crates"))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .expect("cargo runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// Clippy with `-D warnings`, and rustdoc with `-D warnings` (the docs'
/// descriptions are the crate's documentation: no broken links).
fn clean(name: &str, tree: &Path) {
    let dir = temp(name);
    generate(tree, &dir);
    // The crate's `[lints]` add the pedantic lints a library's users
    // notice (must_use, missing docs, errors and panics sections).
    clippy(&dir, name);
    let out = Command::new(env!("CARGO"))
        .args(["doc", "--quiet", "--no-deps", "--all-features"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root().join("target/corpus-crates"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "rustdoc warns on the crate generated from {name}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Clippy with `-D warnings`, with the default features and with all of
/// them (the webhook module). Its `incompatible_msrv` lint holds the code
/// to the package's `rust-version`.
fn clippy(dir: &Path, name: &str) {
    for features in [&[][..], &["--all-features"]] {
        let args = [&["clippy", "--quiet", "--all-targets"][..], features, &["--", "-D", "warnings"]].concat();
        let (ok, log) = cargo(dir, &args);
        assert!(ok, "the crate generated from {name} does not pass clippy -D warnings {features:?}:\n{log}");
    }
}

fn clippy_clean(name: &str) {
    if let Some(tree) = tree(name) {
        clean(name, &tree);
    }
}

#[test]
fn spec_crate_is_warning_free_clippy_clean_and_documented() {
    clean("spec", &root().join("spec"));
}

/// Names a crate could trip on (keywords, the crate's own names, names
/// that collide after case conversion), bidi and control characters in
/// docs, CR-only pages: the crate builds, clippy-clean, documented.
#[test]
fn adversarial_crate_is_warning_free_clippy_clean_and_documented() {
    clean("adversarial", &root().join("tests/fixtures/adversarial"));
}

#[test]
fn may_2025_crate_is_warning_free_and_clippy_clean() {
    clippy_clean("seam-docs-2025-05");
}

#[test]
fn july_2025_crate_is_warning_free_and_clippy_clean() {
    clippy_clean("seam-docs-2025-07");
}

/// Every ```json example of the July 2025 resource pages, through the
/// generated type and back.
#[test]
fn july_2025_examples_round_trip() {
    let Some(tree) = tree("seam-docs-2025-07") else { return };
    let dir = temp("july-examples");
    let model = generate(&tree, &dir.join("seam-types"));
    let types = seam_codegen::backend::resource_type_names(&model);

    let mut checks = String::new();
    let mut count = 0;
    for (name, r) in &model.resources {
        for ex in &r.examples {
            let ty = &types[name];
            let title = format!("{name} ({}) at {}", ex.title.as_deref().unwrap_or("untitled"), ex.source);
            writeln!(checks, "    failures += check::<seam_types::{ty}>({title:?}, r####\"{}\"####);", ex.json)
                .unwrap();
            count += 1;
        }
    }
    // Every example the pages show is in the model: count them in the text.
    let shown = readmes(&tree).iter().map(|page| page.matches("```json").count()).sum::<usize>();
    assert_eq!(count, shown, "the pages show {shown} JSON examples, the model has {count}");

    let (ok, log) = run_harness(&dir, &checks);
    assert!(ok, "examples did not round-trip:\n{log}");
    assert!(log.contains(&format!("{count} example(s) round-tripped")), "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Forward compatibility: the types generated from the May 2025 docs read
/// what the July 2025 API sends, losslessly: every July resource example of a
/// resource May knows, and a payload for every July event type (built from
/// the July docs' description of it), through `Event`.
#[test]
fn may_2025_types_read_july_2025_payloads() {
    let (Some(may), Some(july)) = (tree("seam-docs-2025-05"), tree("seam-docs-2025-07")) else { return };
    let dir = temp("forward");
    let old = generate(&may, &dir.join("seam-types"));
    let types = seam_codegen::backend::resource_type_names(&old);
    let new = seam_codegen::build_model(&seam_codegen::load_spec(&july).unwrap()).0;

    let mut checks = String::new();
    let mut count = 0;
    for (name, r) in &new.resources {
        let Some(ty) = types.get(name) else { continue };
        for ex in &r.examples {
            let title = format!("July {name} example ({})", ex.title.as_deref().unwrap_or("untitled"));
            writeln!(checks, "    failures += check::<seam_types::{ty}>({title:?}, r####\"{}\"####);", ex.json)
                .unwrap();
            count += 1;
        }
    }
    for (event_type, json) in seam_codegen::samples::event_payloads(&new) {
        writeln!(
            checks,
            "    failures += check::<seam_types::Event>({:?}, r####\"{json}\"####);",
            format!("July event {event_type}")
        )
        .unwrap();
        count += 1;
    }
    assert!(count > 90, "{count} payloads");

    let (ok, log) = run_harness(&dir, &checks);
    assert!(ok, "the May 2025 types reject July 2025 payloads:\n{log}");
    println!("{}", log.trim());
    assert!(log.contains(&format!("{count} example(s) round-tripped")), "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Builds and runs a program that depends on the crate in `dir/seam-types`
/// and runs `checks` (lines of `failures += check::<T>(title, json);`).
fn run_harness(dir: &Path, checks: &str) -> (bool, String) {
    std::fs::create_dir_all(dir.join("harness/src")).unwrap();
    std::fs::write(
        dir.join("harness/Cargo.toml"),
        "[package]\nname = \"harness\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nseam-types = { path = \"../seam-types\" }\nserde = \"1\"\nserde_json = \"1\"\n",
    )
    .unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("harness/Cargo.lock")).unwrap();
    std::fs::write(dir.join("harness/src/main.rs"), HARNESS.replace("    // CHECKS\n", checks)).unwrap();
    cargo(&dir.join("harness"), &["run", "--quiet"])
}

fn readmes(dir: &Path) -> Vec<String> {
    pages(dir, &|name| name == "README.md")
}

/// The text of every file under `dir` whose name `keep` accepts.
fn pages(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(pages(&p, keep));
        } else if p.file_name().and_then(|n| n.to_str()).is_some_and(keep) {
            out.push(std::fs::read_to_string(&p).unwrap());
        }
    }
    out
}

/// Lines of the harness that read every example of `model` (resources into
/// their types, events and the event envelope into `Event`) and write it
/// back; resources the crate does not know are skipped. The crate is
/// generated from `crate_model`: an example of an event type it documents
/// must read into that type's variant.
fn example_checks(
    model: &seam_codegen::Model,
    crate_model: &seam_codegen::Model,
    types: &std::collections::BTreeMap<String, String>,
    label: &str,
) -> (String, usize) {
    let mut checks = String::new();
    let mut count = 0;
    let mut typed = 0;
    fn line(checks: &mut String, count: &mut usize, ty: &str, title: String, json: &str) {
        writeln!(checks, "    failures += check::<seam_types::{ty}>({title:?}, r####\"{json}\"####);").unwrap();
        *count += 1;
    }
    for (name, r) in &model.resources {
        let Some(ty) = types.get(name) else { continue };
        for ex in &r.examples {
            line(
                &mut checks,
                &mut count,
                ty,
                format!("{label} {name} ({}) at {}", ex.title.as_deref().unwrap_or("untitled"), ex.source),
                &ex.json,
            );
        }
    }
    let all_events =
        model.event_object.iter().flat_map(|o| &o.examples).chain(model.events.values().flat_map(|e| &e.examples));
    let mut events = 0;
    for ex in all_events {
        events += 1;
        let title = format!("{label} event ({}) at {}", ex.title.as_deref().unwrap_or("untitled"), ex.source);
        // An event type the crate's docs describe must read into its own
        // variant, not `Unknown` (the types its model documents, not the
        // types the crate lists).
        let tag = crate_model.event_tag();
        let ty =
            serde_json::from_str::<serde_json::Value>(&ex.json).ok().and_then(|v| v[tag].as_str().map(str::to_owned));
        match ty.filter(|t| crate_model.events.contains_key(t)) {
            Some(t) => {
                writeln!(
                    checks,
                    "    failures += check::<seam_types::Event>({title:?}, r####\"{}\"####).max(typed_payload({title:?}, {t:?}, r####\"{}\"####));",
                    ex.json, ex.json
                )
                .unwrap();
                count += 1;
                typed += 1;
            }
            None => line(&mut checks, &mut count, "Event", title, &ex.json),
        }
    }
    assert!(events == 0 || typed > 0, "{label}: no example of a documented event type");
    (checks, count)
}

/// Every ```json example of a Mintlify tree's object and events pages
/// (resources, events, the event envelope), through the generated types
/// and back; those that contradict the spec included.
fn mintlify_examples_round_trip(name: &str) {
    let Some(tree) = tree(name) else { return };
    let dir = temp(&format!("{name}-examples"));
    let model = generate(&tree, &dir.join("seam-types"));
    let types = seam_codegen::backend::resource_type_names(&model);
    let (checks, count) = example_checks(&model, &model, &types, name);
    let shown: usize = pages(&tree.join("api"), &|n| n == "object.mdx" || n == "events.mdx")
        .iter()
        .map(|page| page.matches("```json").count())
        .sum();
    assert_eq!(count, shown, "the pages show {shown} JSON examples, the model has {count}");
    let (ok, log) = run_harness(&dir, &checks);
    assert!(ok, "examples did not round-trip:\n{log}");
    println!("{name}: {}", log.trim());
    assert!(log.contains(&format!("{count} example(s) round-tripped")), "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every call the docs show (the cURL samples of a Mintlify tree's
/// `openapi.json`, the cURL examples of a GitBook tree's endpoint pages):
/// its request body through the endpoint's request type and back, its
/// response through the response type and back. Every one must: one that
/// contradicts the docs is reported (`drift-example`, at that sample) and
/// widens the type where it does. `shown` counts the calls from the
/// docs' text, apart from the generator.
fn calls_round_trip(name: &str, shown: fn(&Path) -> usize) {
    let Some(tree) = tree(name) else { return };
    let dir = temp(&format!("{name}-calls"));
    let spec = seam_codegen::load_spec(&tree).unwrap();
    let generated = seam_codegen::generate(&spec, "corpus").unwrap();
    seam_codegen::output::write(&dir.join("seam-types"), &generated.files).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("seam-types/Cargo.lock")).unwrap();
    let model = generated.model;
    let drift: Vec<&seam_codegen::model::Source> =
        generated.diagnostics.iter().filter(|d| d.code == Some("drift-example")).map(|d| &d.source).collect();
    // A drift warning about an example: at its pointer, or on one of its
    // lines.
    let flagged = |at: &seam_codegen::model::Source, json: &str| {
        drift.iter().any(|d| match &at.pointer {
            Some(p) => d.pointer.as_ref() == Some(p),
            None => d.file == at.file && (at.line..=at.line + 2 + json.lines().count() as u32).contains(&d.line),
        })
    };
    let types = seam_codegen::backend::endpoint_type_names(&model);
    let mut checks = String::new();
    let mut count = 0;
    for (path, e) in &model.endpoints {
        let Some((request, response)) = types.get(path) else { continue };
        for ex in &e.examples {
            let response_at = ex.response_source.as_ref().unwrap_or(&ex.source);
            for (ty, json, what, at) in
                [(request, &ex.request, "request", &ex.source), (response, &ex.response, "response", response_at)]
            {
                if let Some(json) = json {
                    let mark = if flagged(at, json) { " [drift reported]" } else { "" };
                    let title = format!("{name} {path} {what} at {at}{mark}");
                    writeln!(
                        checks,
                        "    failures += check::<seam_types::endpoints::{ty}>({title:?}, r####\"{json}\"####);"
                    )
                    .unwrap();
                    count += 1;
                }
            }
        }
    }
    let shown = shown(&tree);
    assert!(count > 100, "{name}: only {count} call examples");
    assert_eq!(count, shown, "{name}: the docs show {shown} request bodies and responses, the model has {count}");
    let (_, log) = run_harness(&dir, &checks);
    println!("{name}: {}", log.trim());
    assert!(log.contains("example(s) round-tripped"), "the harness did not run:\n{log}");
    // Those that contradict the docs' schema were reported, and widened
    // where they contradict it: every call reads.
    let failed: Vec<&str> = log.lines().filter(|l| l.starts_with("FAIL ")).collect();
    assert!(failed.is_empty(), "calls that do not round-trip:\n{}", failed.join("\n"));
    assert!(log.contains(&format!("{count} example(s) round-tripped, 0 failed")), "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What a spec shows, counted from its text: a body after `<<` and a
/// `# Response:` per cURL sample.
fn spec_calls(tree: &Path) -> usize {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tree.join("openapi.json")).unwrap()).unwrap();
    doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|item| item.get("post"))
        .filter(|op| op.get("x-undocumented").is_none())
        .flat_map(|op| op["x-codeSamples"].as_array().into_iter().flatten())
        .filter(|s| s["lang"] == "bash")
        .map(|s| {
            let text = s["source"].as_str().unwrap_or("");
            usize::from(text.contains("<<")) + usize::from(text.contains("# Response:"))
        })
        .sum()
}

/// What GitBook endpoint pages show, counted from their text: a cURL
/// command with a body (`<<`), and the JSON block after each command.
fn page_calls(tree: &Path) -> usize {
    fn walk(dir: &Path, n: &mut usize) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, n);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                let blocks: Vec<&str> = text.split("```").skip(1).step_by(2).collect();
                for (i, block) in blocks.iter().enumerate() {
                    let body = block.split_once('\n').map_or("", |(_, b)| b).trim_start();
                    if body.starts_with("curl ") {
                        *n += usize::from(body.contains("<<"));
                        let next =
                            blocks.get(i + 1).and_then(|b| b.split_once('\n')).map_or("", |(_, b)| b.trim_start());
                        *n += usize::from(next.starts_with('{') || next.starts_with('['));
                    }
                }
            }
        }
    }
    let mut n = 0;
    walk(tree, &mut n);
    n
}

#[test]
fn mintlify_2026_06_calls_round_trip() {
    calls_round_trip("seam-mintlify-2026-06", spec_calls);
}

#[test]
fn mintlify_2026_07_calls_round_trip() {
    calls_round_trip("seam-mintlify-2026-07", spec_calls);
}

/// The July 2025 tree has no spec: its endpoint pages give the types, and
/// their cURL examples the calls.
#[test]
fn july_2025_calls_round_trip() {
    calls_round_trip("seam-docs-2025-07", page_calls);
}

#[test]
fn mintlify_2026_06_crate_is_warning_free_and_clippy_clean() {
    clippy_clean("seam-mintlify-2026-06");
}

#[test]
fn mintlify_2026_07_crate_is_warning_free_and_clippy_clean() {
    clippy_clean("seam-mintlify-2026-07");
}

#[test]
fn mintlify_2026_06_examples_round_trip() {
    mintlify_examples_round_trip("seam-mintlify-2026-06");
}

#[test]
fn mintlify_2026_07_examples_round_trip() {
    mintlify_examples_round_trip("seam-mintlify-2026-07");
}

/// Forward compatibility with default settings: the types generated from
/// the June 2026 docs (pages and spec) read what the July 2026 API sends:
/// every July example, and a payload for every July event type shaped by
/// the July docs, losslessly.
#[test]
fn june_2026_types_read_july_2026_payloads() {
    let (Some(june), Some(july)) = (tree("seam-mintlify-2026-06"), tree("seam-mintlify-2026-07")) else { return };
    let dir = temp("forward-2026");
    let old = generate(&june, &dir.join("seam-types"));
    let types = seam_codegen::backend::resource_type_names(&old);
    let new = seam_codegen::build_model(&seam_codegen::load_spec(&july).unwrap()).0;
    let (mut checks, mut count) = example_checks(&new, &old, &types, "July 2026");
    for (event_type, json) in seam_codegen::samples::event_payloads(&new) {
        writeln!(
            checks,
            "    failures += check::<seam_types::Event>({:?}, r####\"{json}\"####);",
            format!("July 2026 event {event_type}")
        )
        .unwrap();
        count += 1;
    }
    assert!(count > 140, "{count} payloads");
    let (ok, log) = run_harness(&dir, &checks);
    assert!(ok, "the June 2026 types reject July 2026 payloads:\n{log}");
    println!("{}", log.trim());
    assert!(log.contains(&format!("{count} example(s) round-tripped")), "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

const HARNESS: &str = r#"
use serde_json::Value;

/// Where `got` differs from `want`, as a JSON pointer: every value the same
/// (numbers as `serde_json` reads them: `1` and `1.0` differ), strings byte
/// for byte (IDs and times written back spelled as they came), no key lost
/// or added.
fn diff(got: &Value, want: &Value, at: &str) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            if let Some(k) = w.keys().find(|k| !g.contains_key(*k)) {
                return Some(format!("{at}/{k}: lost"));
            }
            if let Some(k) = g.keys().find(|k| !w.contains_key(*k)) {
                return Some(format!("{at}/{k}: added"));
            }
            w.iter().find_map(|(k, v)| diff(&g[k], v, &format!("{at}/{k}")))
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => {
            g.iter().zip(w).enumerate().find_map(|(i, (g, w))| diff(g, w, &format!("{at}/{i}")))
        }
        (Value::String(g), Value::String(w)) if g.as_bytes() == w.as_bytes() => None,
        (Value::Number(g), Value::Number(w)) if g == w => None,
        (g, w) if g == w && !g.is_string() && !g.is_number() => None,
        (g, w) => Some(format!("{at}: {g} instead of {w}")),
    }
}

fn check<T: serde::de::DeserializeOwned + serde::Serialize>(title: &str, json: &str) -> usize {
    let want: Value = serde_json::from_str(json).expect("the example is JSON");
    let typed: T = match serde_json::from_str(json) {
        Ok(t) => t,
        Err(e) => {
            println!("FAIL {title}: does not read: {e}");
            return 1;
        }
    };
    // Written as text (what a service sends on), and into a `Value`.
    let text = serde_json::to_string(&typed).expect("serializes");
    let got: Value = serde_json::from_str(&text).expect("writes JSON");
    let direct = serde_json::to_value(&typed).expect("serializes");
    // Read from a `Value` too (a replayed, owned input).
    let replayed = serde_json::from_value::<T>(want.clone()).map(|t| serde_json::to_value(&t).expect("serializes"));
    let problem = diff(&got, &want, "")
        .map(|d| format!("as text: {d}"))
        .or_else(|| diff(&direct, &want, "").map(|d| format!("as a Value: {d}")))
        .or_else(|| match &replayed {
            Ok(v) => diff(v, &want, "").map(|d| format!("read from a Value: {d}")),
            Err(e) => Some(format!("does not read from a Value: {e}")),
        });
    match problem {
        None => 0,
        Some(p) => {
            println!("FAIL {title}: reads, but does not serialize back the same: {p}\n{text}\ninstead of\n{json}");
            1
        }
    }
}

/// A documented event type reads into its own variant, not `Unknown`.
#[allow(dead_code)] // when the tree shows no event example
fn typed_payload(title: &str, event_type: &str, json: &str) -> usize {
    match serde_json::from_str::<seam_types::Event>(json) {
        Ok(e) if matches!(e.payload, seam_types::EventPayload::Unknown(_)) => {
            println!("FAIL {title}: `{event_type}` is documented, but read as an unknown event");
            1
        }
        Ok(e) if e.tag() != event_type => {
            println!("FAIL {title}: read as `{}`", e.tag());
            1
        }
        _ => 0,
    }
}

fn main() {
    let mut failures = 0;
    // CHECKS
    let total = include_str!("main.rs").matches("failures += check::<").count() - 1;
    println!("{} example(s) round-tripped, {failures} failed", total - failures);
    std::process::exit(i32::from(failures > 0));
}
"#;

/// The whole July tree, read in reverse order, generates the same bytes.
#[test]
fn july_2025_output_does_not_depend_on_page_order() {
    let Some(tree) = tree("seam-docs-2025-07") else { return };
    let spec = seam_codegen::load_spec(&tree).unwrap();
    let first = seam_codegen::generate(&spec, "corpus").unwrap().files;
    let mut reversed = spec.clone();
    reversed.pages.reverse();
    assert!(first == seam_codegen::generate(&reversed, "corpus").unwrap().files, "output depends on page order");
}

/// `strict: true`, walked against the spec: in the crate generated from the
/// July 2026 tree with `strict: true`, a field is a plain `T` exactly when
/// `openapi.json` declares its property required and not nullable, and an
/// `Option` otherwise, in every resource, every nested object, and every
/// event. The spec is read here with `serde_json::Value`; the crate's
/// source with `syn`.
#[test]
fn strict_crate_is_plain_exactly_where_the_spec_requires() {
    let Some(tree) = tree("seam-mintlify-2026-07") else { return };
    let dir = temp("strict");
    copy_tree_to(&tree.join("api"), &dir.join("spec/api"));
    std::fs::copy(tree.join("openapi.json"), dir.join("spec/openapi.json")).unwrap();
    std::fs::write(dir.join("spec/codegen.yaml"), "strict: true\n").unwrap();
    let spec = seam_codegen::load_spec(&dir.join("spec")).unwrap();
    let generated = seam_codegen::generate(&spec, "spec").expect("the strict crate generates");
    let names = seam_codegen::backend::resource_type_names(&generated.model);
    let mut structs = std::collections::BTreeMap::new();
    let mut tags = std::collections::BTreeMap::new();
    let mut union_tags = std::collections::BTreeMap::new();
    // Every module: one per resource, and the events'.
    for (file, text) in &generated.files {
        if !file.starts_with("src/") || file == "src/lib.rs" || file == "src/support.rs" {
            continue;
        }
        let ast: syn::File = syn::parse_str(text).unwrap();
        for item in ast.items {
            match item {
                syn::Item::Struct(s) => {
                    structs.insert(s.ident.to_string(), s);
                }
                // `tagged_impls!(new, LockLockedEvent, ("event_type", "lock.locked"), ...)`.
                syn::Item::Macro(m) if m.mac.path.is_ident("tagged_impls") => {
                    let tokens: Vec<proc_macro2::TokenTree> = m.mac.tokens.clone().into_iter().collect();
                    if let (Some(proc_macro2::TokenTree::Ident(name)), Some(proc_macro2::TokenTree::Group(tag))) =
                        (tokens.get(2), tokens.get(4))
                        && let Some(proc_macro2::TokenTree::Literal(value)) = tag.stream().into_iter().last()
                        && let Ok(value) = syn::parse_str::<syn::LitStr>(&value.to_string())
                    {
                        tags.insert(value.value(), name.to_string());
                    }
                }
                // `union_impls!(DeviceError, DeviceErrorKind, kind, "error_code", ...)`:
                // the tag is the union's, not a field.
                syn::Item::Macro(m) if m.mac.path.is_ident("union_impls") => {
                    let tokens: Vec<proc_macro2::TokenTree> = m.mac.tokens.clone().into_iter().collect();
                    if let (Some(proc_macro2::TokenTree::Ident(name)), Some(proc_macro2::TokenTree::Literal(tag))) =
                        (tokens.first(), tokens.get(6))
                        && let Ok(tag) = syn::parse_str::<syn::LitStr>(&tag.to_string())
                    {
                        union_tags.insert(name.to_string(), tag.value());
                    }
                }
                _ => {}
            }
        }
    }
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tree.join("openapi.json")).unwrap()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut walk = Walk { structs: &structs, union_tags: &union_tags, checked: 0, wrong: Vec::new() };
    for (name, schema) in schemas {
        if name == "event" || spec_undocumented(schema) {
            continue;
        }
        walk.object(name, schema, &names[name], None);
    }
    for member in doc["components"]["schemas"]["event"]["oneOf"].as_array().unwrap() {
        if spec_undocumented(member) {
            continue;
        }
        let t = member["properties"]["event_type"]["enum"][0].as_str().unwrap();
        // The envelope is `Event`'s own: the payload struct has the rest.
        walk.object(t, member, &tags[t], Some("Event"));
    }
    println!("{} fields checked against the spec's `required` and `nullable`", walk.checked);
    assert!(walk.wrong.is_empty(), "{} field(s) typed against the spec:\n{}", walk.wrong.len(), walk.wrong.join("\n"));
    assert!(walk.checked > 2000, "only {} fields checked", walk.checked);
    // And the strict crate builds, clippy-clean.
    seam_codegen::output::write(&dir.join("out"), &generated.files).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("out/Cargo.lock")).unwrap();
    clippy(&dir.join("out"), "the strict July 2026 tree");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A crate with its own `package:` settings in `codegen.yaml` (another
/// name, the webhook feature on by default): it builds clippy-clean, its doc
/// examples (which name the crate) run, and a std API newer than its
/// `rust-version` is a clippy error.
#[test]
fn configured_package_builds_runs_its_doc_tests_and_holds_its_msrv() {
    let dir = temp("package");
    let mut spec = seam_codegen_tests::seeds();
    let config = "package:\n  name: acme-seam\n  version: 3.0.0\n  description: 'A \"quoted\" \\ description'\n  \
                  features: { default: [webhook] }\n";
    spec.config.package = seam_codegen::Config::parse(config).unwrap().package;
    let generated = seam_codegen::generate(&spec, "spec/").expect("the seeds generate");
    seam_codegen::output::write(&dir, &generated.files).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    clippy(&dir, "the seeds, as acme-seam");
    let (ok, log) = cargo(&dir, &["test", "--doc"]);
    assert!(ok, "the doc tests of acme-seam fail:\n{log}");
    assert!(log.contains("webhook.rs"), "the webhook module's example did not run:\n{log}");
    // Vec::pop_if is stable since Rust 1.86; the crate says 1.85.
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    let too_new =
        "/// Newer than the crate's Rust.\npub fn last(v: &mut Vec<u8>) -> Option<u8> {\n    v.pop_if(|_| true)\n}\n";
    std::fs::write(dir.join("src/lib.rs"), format!("{lib}{too_new}")).unwrap();
    let (ok, log) = cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"]);
    assert!(!ok && log.contains("incompatible_msrv") && log.contains("1.86"), "clippy let a too new API pass:\n{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn copy_tree_to(from: &Path, to: &Path) {
    seam_codegen_tests::copy_tree(from, to);
}

/// Left out of the docs: `x-undocumented`, or the flag at the head of the
/// description (`undocumented: …` over a `---` line).
fn spec_undocumented(s: &serde_json::Value) -> bool {
    s.get("x-undocumented").is_some()
        || s["description"].as_str().is_some_and(|d| {
            let mut lines = d.lines().map(str::trim).filter(|l| !l.is_empty());
            lines.next().is_some_and(|l| l.starts_with("undocumented:")) && lines.any(|l| l.starts_with("---"))
        })
}

struct Walk<'a> {
    structs: &'a std::collections::BTreeMap<String, syn::ItemStruct>,
    /// The tag of each union struct: a property that is no field.
    union_tags: &'a std::collections::BTreeMap<String, String>,
    checked: usize,
    wrong: Vec<String>,
}

impl Walk<'_> {
    /// An object schema (with its `allOf` parts) against the struct.
    fn object(&mut self, path: &str, schema: &serde_json::Value, rust: &str, envelope: Option<&str>) {
        let envelope = envelope.and_then(|e| self.structs.get(e));
        let Some(s) = self.structs.get(rust) else {
            self.wrong.push(format!("{path}: no struct `{rust}`"));
            return;
        };
        let mut props: Vec<(String, serde_json::Value)> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        fn gather(s: &serde_json::Value, props: &mut Vec<(String, serde_json::Value)>, required: &mut Vec<String>) {
            for part in s["allOf"].as_array().into_iter().flatten() {
                gather(part, props, required);
            }
            for (k, v) in s["properties"].as_object().into_iter().flatten() {
                props.push((k.clone(), v.clone()));
            }
            required
                .extend(s["required"].as_array().into_iter().flatten().filter_map(|r| r.as_str().map(str::to_owned)));
        }
        gather(schema, &mut props, &mut required);
        for (name, p) in props {
            if spec_undocumented(&p) || name == "event_type" || self.union_tags.get(rust) == Some(&name) {
                continue;
            }
            // Rust names drop a leading `_` (`_member_group_id`).
            let field = s.fields.iter().chain(envelope.into_iter().flat_map(|e| e.fields.iter())).find(|f| {
                f.ident.as_ref().is_some_and(|i| i.to_string().trim_start_matches("r#") == name.trim_start_matches('_'))
            });
            let Some(field) = field else {
                // A union's struct has the fields every variant shares; the
                // rest are its variants' (the spec's items are one plain
                // object: `device.warnings` even names the tag `error_code`
                // where the pages tag by `warning_code`).
                if !self.union_tags.contains_key(rust) {
                    self.wrong.push(format!("{path}.{name}: no field"));
                }
                continue;
            };
            let nullable = p["nullable"].as_bool() == Some(true)
                || p["oneOf"].as_array().is_some_and(|m| m.iter().any(|x| x["type"] == "null"));
            let want_plain = required.contains(&name) && !nullable;
            let (wrapper, inner) = wrapper(&field.ty);
            self.checked += 1;
            if want_plain != (wrapper.is_none()) {
                self.wrong.push(format!(
                    "{path}.{name}: required {}, nullable {nullable}, typed `{}`",
                    required.contains(&name),
                    quote::ToTokens::to_token_stream(&field.ty)
                ));
            }
            // Nested objects, and lists of them, are structs of their own.
            let (schema, ty) = match (p["type"].as_str(), &inner) {
                (Some("array"), syn::Type::Path(tp)) if tp.path.segments.last().unwrap().ident == "Vec" => {
                    (p["items"].clone(), generic(tp).cloned())
                }
                _ => (p.clone(), Some(inner.clone())),
            };
            if (schema.get("properties").is_some() || schema.get("allOf").is_some())
                && schema.get("oneOf").is_none()
                && let Some(syn::Type::Path(tp)) = ty
            {
                let rust = tp.path.segments.last().unwrap().ident.to_string();
                if self.structs.contains_key(&rust) {
                    self.object(&format!("{path}.{name}"), &schema, &rust, None);
                }
            }
        }
    }
}

/// `Option<T>` or `Field<T>`: the wrapper's name and `T`; else no wrapper.
fn wrapper(ty: &syn::Type) -> (Option<String>, syn::Type) {
    if let syn::Type::Path(tp) = ty {
        let last = tp.path.segments.last().unwrap();
        if (last.ident == "Option" || last.ident == "Field")
            && let Some(inner) = generic(tp)
        {
            return (Some(last.ident.to_string()), inner.clone());
        }
    }
    (None, ty.clone())
}

fn generic(tp: &syn::TypePath) -> Option<&syn::Type> {
    match &tp.path.segments.last()?.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// Any crate of a build can turn on `serde_json`'s `arbitrary_precision`,
/// which hands numbers over as maps of their text: the committed crate
/// still reads them into `Number` fields and extras, and writes them back
/// digit for digit (a float, `-0.0`, an integer past 64 bits).
#[test]
fn numbers_survive_serde_json_arbitrary_precision() {
    let dir = temp("arbitrary-precision");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"harness\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nseam-types = {{ path = {:?} }}\nserde_json = {{ version = \"1\", features = [\"arbitrary_precision\"] }}\n",
            root().join("generated").display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        r###"
use seam_types::access_codes::AccessCodeDormakabaOracodeMetadata as Meta;
fn main() {
    let text = r#"{"stay_id":72.50,"site_name":"x","extra_float":-0.0,"extra_big":123456789012345678901234567890,"nested":{"t":1e3}}"#;
    let meta: Meta = serde_json::from_str(text).expect("reads");
    assert_eq!(meta.stay_id.get().map(ToString::to_string).as_deref(), Some("72.50"));
    let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&meta).unwrap()).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap());
    assert_eq!(back["extra_big"].to_string(), "123456789012345678901234567890");
    // A number is still not an object.
    assert!(serde_json::from_str::<Meta>("1.5").is_err());
    let err = serde_json::from_str::<Meta>(r#"{"stay_id":"seven"}"#).unwrap_err().to_string();
    assert!(err.contains("stay_id"), "{err}");
    println!("ok");
}
"###,
    )
    .unwrap();
    let (ok, log) = cargo(&dir, &["run", "--quiet"]);
    assert!(ok && log.contains("ok"), "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}
