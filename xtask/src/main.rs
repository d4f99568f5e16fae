//! The workspace's tasks: `cargo xtask codegen` (regenerate `generated/`
//! from the docs in `spec/`, check it, report the API changes, watch the
//! docs), `cargo xtask bench-events` and `cargo xtask fuzz`. `cargo xtask
//! --help` lists them, `cargo xtask codegen --help` tells every option.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        Command::BenchEvents { spec, payloads, rounds } => bench_events(spec, payloads, rounds),
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

/// `cargo xtask bench-events`: how fast the crate generated from a docs
/// tree reads the JSON examples of docs trees (its own by default): event
/// payloads into `Event`, resource examples into their types, against
/// `serde_json::Value` and two bare envelopes, readers interleaved in every
/// round. Builds a release harness under `target/bench-events`.
fn bench_events(spec: Option<PathBuf>, payload_trees: Vec<PathBuf>, rounds: u64) -> Result<ExitCode, String> {
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
    write("Cargo.toml", BENCH_TOML)?;
    if !BENCH_MAIN.contains("        // RESOURCES\n") {
        return Err("the harness template lost its `// RESOURCES` line".to_owned());
    }
    write("src/main.rs", &BENCH_MAIN.replace("        // RESOURCES\n", &arms))?;
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
