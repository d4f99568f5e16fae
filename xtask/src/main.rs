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
        Command::BenchEvents { spec } => bench_events(spec),
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

/// `cargo xtask bench-events [--spec DIR]`: how fast the crate generated
/// from a docs tree reads webhook events, against `serde_json::Value` and a
/// bare five-string envelope, on one payload per event type shaped by the
/// docs. Builds a release harness under `target/bench-events`.
fn bench_events(spec: Option<PathBuf>) -> Result<ExitCode, String> {
    let root = workspace_root();
    let spec_dir = spec.unwrap_or_else(|| root.join("spec"));
    let spec = seam_codegen::load_spec(&spec_dir).map_err(|e| e.to_string())?;
    let generated = seam_codegen::generate(&spec, "bench").map_err(|e| e.to_string())?;
    let work = root.join("target/bench-events");
    output::write(&work.join("seam-types"), &generated.files).map_err(|e| e.to_string())?;
    let payloads = seam_codegen::samples::event_payloads(&generated.model);
    let harness = work.join("harness");
    std::fs::create_dir_all(harness.join("src")).map_err(|e| e.to_string())?;
    let lines: Vec<&str> = payloads.iter().map(|(_, json)| json.as_str()).collect();
    std::fs::write(harness.join("payloads.jsonl"), lines.join("\n")).map_err(|e| e.to_string())?;
    std::fs::write(harness.join("Cargo.toml"), BENCH_TOML).map_err(|e| e.to_string())?;
    std::fs::write(harness.join("src/main.rs"), BENCH_MAIN).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("Cargo.lock"), harness.join("Cargo.lock")).map_err(|e| e.to_string())?;
    eprintln!("{} event payload(s) from {}; building the harness (release)...", payloads.len(), spec_dir.display());
    let status = std::process::Command::new(env!("CARGO"))
        .args(["run", "--release", "--quiet"])
        .current_dir(&harness)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .status()
        .map_err(|e| e.to_string())?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
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

const BENCH_MAIN: &str = r#"//! Reads every payload many times, in rounds, and reports the median round.
use std::hint::black_box;
use std::time::Instant;

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Envelope<'a> {
    event_id: &'a str,
    event_type: &'a str,
    workspace_id: &'a str,
    created_at: &'a str,
    occurred_at: &'a str,
}

fn median_round(payloads: &[&str], read: impl Fn(&str)) -> f64 {
    for _ in 0..50 {
        payloads.iter().for_each(|p| read(p));
    }
    let mut rounds: Vec<f64> = (0..201)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..10 {
                payloads.iter().for_each(|p| read(black_box(p)));
            }
            t.elapsed().as_secs_f64() / 10.0
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[rounds.len() / 2]
}

fn main() {
    let text = include_str!("../payloads.jsonl");
    let payloads: Vec<&str> = text.lines().collect();
    for p in &payloads {
        let e: seam_types::Event = serde_json::from_str(p).unwrap_or_else(|e| panic!("{e}: {p}"));
        let back = serde_json::to_value(&e).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(p).unwrap(), "not lossless: {p}");
    }
    let bytes: usize = payloads.iter().map(|p| p.len()).sum();
    let value = median_round(&payloads, |p| drop(black_box(serde_json::from_str::<serde_json::Value>(p).unwrap())));
    let envelope = median_round(&payloads, |p| drop(black_box(serde_json::from_str::<Envelope>(p).unwrap())));
    let event = median_round(&payloads, |p| drop(black_box(serde_json::from_str::<seam_types::Event>(p).unwrap())));
    println!("{} payloads, {bytes} bytes; median of 201 rounds", payloads.len());
    for (name, t) in [("serde_json::Value", value), ("5-string envelope", envelope), ("seam_types::Event", event)] {
        println!("  {name:<20} {:8.1} µs/round  {:6.0} MiB/s  {:5.2}x of Value", t * 1e6, bytes as f64 / t / 1048576.0, value / t);
    }
}
"#;
