//! The workspace's tasks: `cargo xtask codegen` (regenerate `generated/`
//! from the docs in `spec/`, check it, report the API changes, watch the
//! docs), `cargo xtask bench-events`, `bench-codegen`, `bench-memory` and
//! `cargo xtask fuzz`. `cargo xtask --help` lists them, `cargo xtask
//! codegen --help` tells every option.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench_memory;
mod codegen;
mod report;
mod ui;
mod watch;

use seam_codegen::output;

// Generation makes a great many small allocations (token streams, syntax
// trees) on every core; mimalloc halves the time glibc's allocator takes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "The seam-codegen workspace's tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Regenerate the seam-types crate (generated/) from the docs (spec/),
    /// and report what changed in its API.
    #[command(long_about = codegen::LONG_ABOUT)]
    Codegen(codegen::Args),
    /// Measure how fast the crate generated from a docs tree reads webhook
    /// events (a release build under target/bench-events).
    BenchEvents {
        /// The docs to generate the crate from [default: spec/].
        #[arg(long, value_name = "DIR")]
        spec: Option<PathBuf>,
        /// A docs tree whose JSON examples are read (repeatable)
        /// [default: the --spec tree].
        #[arg(long, value_name = "DIR")]
        payloads: Vec<PathBuf>,
        /// Rounds, each timing every reader once.
        #[arg(long, default_value_t = 51, value_parser = clap::value_parser!(u64).range(1..))]
        rounds: u64,
        /// An OpenAPI document: `cargo typify` (`cargo install
        /// cargo-typify`) makes types of its `components.schemas`, and its
        /// `Event` becomes one more reader, a peer.
        #[arg(long, value_name = "FILE")]
        typify: Option<PathBuf>,
    },
    /// Time generation end to end (this binary's `codegen --check`) for
    /// docs trees, and `cargo typify` over an OpenAPI document's schemas
    /// when asked, alternating them in every round.
    #[command(after_help = "Example:\n  cargo xtask bench-codegen --tree ../shared/corpus/seam-docs-2025-07 \\\n    \
                      --tree ../shared/corpus/seam-mintlify-2026-07 \\\n    \
                      --typify ../shared/corpus/seam-mintlify-2026-07/openapi.json")]
    BenchCodegen {
        /// A docs tree to generate from (repeatable).
        #[arg(long, value_name = "DIR", required = true)]
        tree: Vec<PathBuf>,
        /// An OpenAPI document: its `components.schemas`, as a JSON Schema
        /// of `definitions`, are given to `cargo typify` (installed with
        /// `cargo install cargo-typify`) in every round, and each tree's
        /// median is also given as a ratio to typify's.
        #[arg(long, value_name = "FILE")]
        typify: Option<PathBuf>,
        /// Rounds, each running every command once.
        #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..))]
        rounds: u64,
    },
    /// Measure the generator's peak memory (a child's peak RSS) on a
    /// synthetic resource page of the GitBook condensed layout, written
    /// under target/bench-memory, as a multiple of the page's size.
    BenchMemory {
        /// How many properties the page lists.
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        properties: u64,
        /// A lean page instead: five plain types in turn, a description of
        /// two words each (about 45 bytes a property).
        #[arg(long)]
        lean: bool,
    },
    /// Run the fuzzer (fuzz/, the seam-fuzz package).
    #[command(
        after_help = "Examples:\n  cargo xtask fuzz gitbook --minutes 3\n  cargo xtask fuzz all --minutes 3 [--execs N] \
                      [--seed N] [--out DIR] [--timeout-ms N]\n  cargo xtask fuzz minimize pipeline FILE [--out FILE]\n  \
                      cargo xtask fuzz exec types FILE\n\nTargets: gitbook, page-text, mdx, openapi, pipeline, types"
    )]
    Fuzz {
        /// A target (or `all`) and its options, or `minimize TARGET FILE`,
        /// or `exec TARGET FILE`: passed to seam-fuzz.
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true, value_name = "TARGET|all ARGS")]
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen(args) => codegen::run(&args),
        Command::Fuzz { args } => Ok(fuzz(&args)),
        Command::BenchEvents { spec, payloads, rounds, typify } => {
            bench_events(spec, payloads, rounds, typify.as_deref())
        }
        Command::BenchCodegen { tree, typify, rounds } => bench_codegen(&tree, typify.as_deref(), rounds),
        Command::BenchMemory { properties, lean } => bench_memory::run(&workspace_root(), properties, lean),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask fuzz ...`: runs the fuzzer (`fuzz/`, the `seam-fuzz`
/// package) with these arguments; `all` runs every target in turn.
fn fuzz(args: &[String]) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = std::process::Command::new(cargo);
    cmd.args(["run", "--quiet", "--package", "seam-fuzz", "--"]);
    match args.first().map(String::as_str) {
        Some("all" | "minimize" | "exec") => cmd.args(args),
        _ => cmd.arg("run").args(args),
    };
    match cmd.current_dir(workspace_root()).status() {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_owned()
}

/// `cargo xtask bench-codegen`: generation timed as a user runs it, a
/// process per run (this binary, `codegen --check` against a crate written
/// first), commands alternating within every round so that the machine's
/// drift touches them alike. Prints each command's median and fastest
/// run, and ratios to typify's median.
fn bench_codegen(trees: &[PathBuf], typify: Option<&Path>, rounds: u64) -> Result<ExitCode, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let work = workspace_root().join("target/bench-codegen");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let mut commands: Vec<(String, std::process::Command)> = Vec::new();
    for (i, tree) in trees.iter().enumerate() {
        let out = work.join(format!("crate-{i}"));
        let codegen = |check: bool| {
            let mut c = std::process::Command::new(&exe);
            c.arg("codegen").args(check.then_some("--check")).arg("--spec").arg(tree).arg("--out").arg(&out);
            c
        };
        let status = codegen(false).output().map_err(|e| e.to_string())?;
        if !status.status.success() {
            return Err(format!("{}: generation fails:\n{}", tree.display(), String::from_utf8_lossy(&status.stderr)));
        }
        commands.push((format!("codegen {}", tree.display()), codegen(true)));
    }
    if let Some(doc) = typify {
        let schema = work.join("typify.schema.json");
        write_typify_schema(doc, &schema)?;
        commands.push(("cargo typify".to_owned(), typify_command(&schema, &work.join("typify.rs"))));
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); commands.len()];
    for _ in 0..rounds {
        for ((name, command), times) in commands.iter_mut().zip(&mut times) {
            let start = std::time::Instant::now();
            let out = command.output().map_err(|e| format!("{name}: {e}"))?;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            if !out.status.success() {
                return Err(format!("{name} failed:\n{}", String::from_utf8_lossy(&out.stderr)));
            }
        }
    }
    let median = |t: &[f64]| {
        let mut t = t.to_vec();
        t.sort_by(f64::total_cmp);
        t[t.len() / 2]
    };
    let typify_median = typify.map(|_| median(times.last().expect("typify timed")));
    println!("{rounds} rounds, alternating; milliseconds");
    for ((name, _), t) in commands.iter().zip(&times) {
        let fastest = t.iter().copied().fold(f64::INFINITY, f64::min);
        let ratio = typify_median.map(|ty| format!("  ratio to typify {:.3}", median(t) / ty)).unwrap_or_default();
        println!("{name}: median {:.1}, fastest {fastest:.1}{ratio}", median(t));
    }
    Ok(ExitCode::SUCCESS)
}

/// `cargo typify` writing the types of `schema` to `out`.
fn typify_command(schema: &Path, out: &Path) -> std::process::Command {
    let mut c = std::process::Command::new("cargo");
    c.arg("typify").arg(schema).arg("-o").arg(out);
    c
}

/// The JSON Schema `cargo typify` reads for the OpenAPI document `doc`:
/// its `components.schemas` as `definitions`, in draft 07.
fn write_typify_schema(doc: &Path, schema: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(doc).map_err(|e| format!("{}: {e}", doc.display()))?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", doc.display()))?;
    let schemas = doc.pointer("/components/schemas").cloned().ok_or("the document has no components.schemas")?;
    let json_schema = serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": draft_07(schemas),
    });
    std::fs::write(schema, json_schema.to_string()).map_err(|e| format!("{}: {e}", schema.display()))
}

/// An OpenAPI 3.0 schema as JSON Schema draft 07, as typify reads it:
/// `$ref`s to `definitions`, `nullable` folded into the type, boolean
/// `exclusiveMinimum`/`exclusiveMaximum` as numbers.
fn draft_07(schema: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match schema {
        Value::Array(items) => Value::Array(items.into_iter().map(draft_07).collect()),
        Value::Object(map) => {
            let mut x: serde_json::Map<String, Value> = map.into_iter().map(|(k, v)| (k, draft_07(v))).collect();
            if let Some(Value::String(r)) = x.get_mut("$ref") {
                *r = r.replace("#/components/schemas/", "#/definitions/");
            }
            for (flag, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
                if let Some(Value::Bool(on)) = x.get(flag).cloned() {
                    x.remove(flag);
                    if let Some(b) = on.then(|| x.remove(bound)).flatten() {
                        x.insert(flag.to_owned(), b);
                    }
                }
            }
            if x.remove("nullable") == Some(Value::Bool(true)) {
                let composite = ["$ref", "oneOf", "allOf", "anyOf"].iter().any(|k| x.contains_key(*k));
                if let Some(Value::String(t)) = x.get("type").cloned() {
                    x.insert("type".to_owned(), serde_json::json!([t, "null"]));
                } else if let Some(Value::Array(values)) = x.get_mut("enum") {
                    values.push(Value::Null);
                } else if composite {
                    return serde_json::json!({"anyOf": [Value::Object(x), {"type": "null"}]});
                }
            }
            Value::Object(x)
        }
        other => other,
    }
}

/// `cargo xtask bench-events`: how fast the crate generated from a docs
/// tree reads the JSON examples of docs trees (its own by default): event
/// payloads into `Event`, resource examples into their types, against
/// `serde_json::Value`, two bare envelopes, a serde-derived struct of every
/// property, serde_json's check alone and (`--typify`) typify's `Event`,
/// readers interleaved in every round. Builds a release harness under `target/bench-events`.
fn bench_events(
    spec: Option<PathBuf>,
    payload_trees: Vec<PathBuf>,
    rounds: u64,
    typify: Option<&Path>,
) -> Result<ExitCode, String> {
    let root = workspace_root();
    let spec_dir = spec.unwrap_or_else(|| root.join("spec"));
    let spec = seam_codegen::load_spec(&spec_dir).map_err(|e| e.to_string())?;
    let generated = seam_codegen::generate(&spec, "bench").map_err(|e| e.to_string())?;
    let work = root.join("target/bench-events");
    output::write(&work.join("seam-types"), &generated.files).map_err(|e| e.to_string())?;
    let types = seam_codegen::backend::resource_type_names(&generated.model);

    // The examples the docs show, from every tree asked for.
    let mut models = Vec::new();
    if payload_trees.is_empty() {
        models.push(generated.model.clone());
    }
    for tree in &payload_trees {
        let spec = seam_codegen::load_spec(tree).map_err(|e| format!("{}: {e}", tree.display()))?;
        models.push(seam_codegen::build_model(&spec).0);
    }
    let mut seen = std::collections::BTreeSet::new();
    let (mut real, mut resources) = (String::new(), String::new());
    for model in &models {
        let events =
            model.event_object.iter().flat_map(|o| &o.examples).chain(model.events.values().flat_map(|e| &e.examples));
        for ex in events {
            if let Some(line) = one_line(&ex.json).filter(|l| seen.insert(l.clone())) {
                real.push_str(&format!("event\t{line}\n"));
            }
        }
        for (name, r) in &model.resources {
            let Some(ty) = types.get(name) else { continue };
            for ex in &r.examples {
                if let Some(line) = one_line(&ex.json).filter(|l| seen.insert(l.clone())) {
                    resources.push_str(&format!("{ty}\t{line}\n"));
                }
            }
        }
    }
    let synthesised: String = seam_codegen::samples::event_payloads(&generated.model)
        .iter()
        .map(|(_, json)| format!("event\t{json}\n"))
        .collect();
    let arms: String = types
        .values()
        .collect::<std::collections::BTreeSet<_>>()
        .iter()
        .map(|ty| format!("        {ty:?} => black_box(serde_json::from_str::<seam_types::{ty}>(p)).is_ok(),\n"))
        .collect();

    let harness = work.join("harness");
    let write = |name: &str, text: &str| std::fs::write(harness.join(name), text).map_err(|e| e.to_string());
    std::fs::create_dir_all(harness.join("src")).map_err(|e| e.to_string())?;
    write("events-real.tsv", &real)?;
    write("events-synthesised.tsv", &synthesised)?;
    write("resources.tsv", &resources)?;
    for line in ["        // RESOURCES\n", "    // FLAT\n", "// TYPIFY\n", "        // TYPIFY READER\n"] {
        if !BENCH_MAIN.contains(line) {
            return Err(format!("the harness template lost its `{}` line", line.trim()));
        }
    }
    let (mut typify_items, mut typify_reader, mut toml) = (String::new(), String::new(), BENCH_TOML.to_owned());
    if let Some(doc) = typify {
        let schema = work.join("typify.schema.json");
        write_typify_schema(doc, &schema)?;
        eprintln!("cargo typify {}...", doc.display());
        let out = typify_command(&schema, &harness.join("src/typify_types.rs"))
            .output()
            .map_err(|e| format!("cargo typify: {e}"))?;
        if !out.status.success() {
            return Err(format!("cargo typify failed:\n{}", String::from_utf8_lossy(&out.stderr)));
        }
        typify_items = TYPIFY_ITEMS.to_owned();
        typify_reader = "        (\"typify's Event\", typify),\n".to_owned();
        toml.push_str(TYPIFY_DEPENDENCIES);
    }
    write("Cargo.toml", &toml)?;
    let main = BENCH_MAIN
        .replace("        // RESOURCES\n", &arms)
        .replace("    // FLAT\n", &flat_fields(real.lines().chain(synthesised.lines())))
        .replace("// TYPIFY\n", &typify_items)
        .replace("        // TYPIFY READER\n", &typify_reader);
    write("src/main.rs", &main)?;
    std::fs::copy(root.join("Cargo.lock"), harness.join("Cargo.lock")).map_err(|e| e.to_string())?;
    eprintln!("crate from {}; building the harness (release)...", spec_dir.display());
    let status = std::process::Command::new(env!("CARGO"))
        .args(["run", "--release", "--quiet", "--", &rounds.to_string()])
        .current_dir(&harness)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .status()
        .map_err(|e| e.to_string())?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The fields of the harness's `Flat`: every top-level property of the
/// payloads (`type\tjson` lines), as `String`, `bool` or `f64` where every
/// payload has that kind there, else skipped (`IgnoredAny`).
fn flat_fields<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut kinds = std::collections::BTreeMap::<String, &str>::new();
    for line in lines {
        let Some((_, json)) = line.split_once('\t') else { continue };
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str(json) else { continue };
        for (key, value) in map {
            let kind = match value {
                serde_json::Value::String(_) => "String",
                serde_json::Value::Bool(_) => "bool",
                serde_json::Value::Number(_) => "f64",
                _ => "serde::de::IgnoredAny",
            };
            let seen = kinds.entry(key).or_insert(kind);
            if *seen != kind {
                *seen = "serde::de::IgnoredAny";
            }
        }
    }
    kinds
        .iter()
        .enumerate()
        .map(|(i, (key, kind))| format!("    #[serde(rename = {key:?})]\n    f{i}: Option<{kind}>,\n"))
        .collect()
}

/// An example's JSON on one line, as the API sends it: compact, keys in
/// the example's order, strings as written; `None` when it is not a JSON
/// object.
fn one_line(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    if !value.is_object() {
        return None;
    }
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    Some(out)
}

const BENCH_TOML: &str = r#"[package]
name = "bench-events"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
seam-types = { path = "../seam-types" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[workspace]
"#;

const BENCH_MAIN: &str = include_str!("../templates/bench_events.rs");

/// With `--typify`: typify's types, and its `Event` as a reader.
const TYPIFY_ITEMS: &str = r#"#[allow(warnings, clippy::all)]
mod typify_types;

fn typify(_: &str, p: &str) -> bool {
    black_box(serde_json::from_str::<typify_types::Event>(p)).is_ok()
}
"#;

/// What typify's output needs.
const TYPIFY_DEPENDENCIES: &str = r#"
[dependencies.regress]
version = "0.10"
[dependencies.chrono]
version = "0.4"
features = ["serde"]
[dependencies.uuid]
version = "1"
features = ["serde"]
"#;
