//! `cargo xtask codegen [--check] [--strict] [--spec DIR] [--out DIR] [--model FILE] [--verbose]`
//!
//! Regenerates the `seam-types` crate (`generated/`) from the docs in
//! `spec/`. `--check` generates in memory, writes nothing, and fails with a
//! unified diff when the files on disk differ. `--model FILE` also writes the
//! merged model as YAML. `--strict` counts warnings as errors (for CI):
//! with any, nothing is written and the run fails.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod report;

use seam_codegen::{Severity, output};

// Generation makes a great many small allocations (token streams, syntax
// trees) on every core; mimalloc halves the time glibc's allocator takes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str =
    "usage: cargo xtask codegen [--check] [--strict] [--spec DIR] [--out DIR] [--model FILE] [--verbose]
       cargo xtask bench-events [--spec DIR]
       cargo xtask fuzz TARGET|all [--minutes N] [--execs N] [--seed N] [--out DIR]
       cargo xtask fuzz minimize TARGET FILE";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen(&args[1..]) {
            Ok(code) => code,
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::FAILURE
            }
        },
        Some("fuzz") => fuzz(&args[1..]),
        Some("bench-events") => match bench_events(&args[1..]) {
            Ok(code) => code,
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
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
        Some(_) => cmd.arg("run").args(args),
        None => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
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

fn codegen(args: &[String]) -> Result<ExitCode, String> {
    let root = workspace_root();
    let mut check = false;
    let mut verbose = false;
    let mut strict = false;
    let mut spec: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut model_out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value =
            |name: &str| it.next().map(PathBuf::from).ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match a.as_str() {
            "--check" => check = true,
            "--verbose" | "-v" => verbose = true,
            "--strict" => strict = true,
            "--spec" => spec = Some(value("--spec")?),
            "--out" => out = Some(value("--out")?),
            "--model" => model_out = Some(value("--model")?),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let out_label = out.as_ref().map_or_else(|| "generated".to_owned(), |p| p.display().to_string());
    let spec_dir = spec.unwrap_or_else(|| root.join("spec"));
    // The header names the docs relative to the workspace root however
    // `--spec` spelled them (by their name alone when outside it), so that
    // the output does not depend on the spelling, the checkout or the
    // machine.
    let origin = output::docs_label(&spec_dir, &root);
    let out_dir = out.unwrap_or_else(|| root.join("generated"));

    let spec = seam_codegen::load_spec(&spec_dir).map_err(|e| e.to_string())?;
    let generated = match seam_codegen::generate(&spec, &origin) {
        Ok(g) => g,
        // Errors in the docs: each shown at its line, then the count.
        Err(seam_codegen::Error::Docs(diags)) => {
            let errors: Vec<&seam_codegen::Diagnostic> =
                diags.iter().filter(|d| d.severity == Severity::Error).collect();
            for d in &errors {
                eprintln!("{}", report::render(d, &spec.pages, strict));
            }
            return Err(format!("{} error(s) in the docs; nothing was written", errors.len()));
        }
        Err(e) => return Err(e.to_string()),
    };

    let mut counts = [0usize; 3];
    for d in &generated.diagnostics {
        counts[d.severity as usize] += 1;
        if verbose || d.severity >= Severity::Warning {
            eprintln!("{}", report::render(d, &spec.pages, strict));
        }
    }
    use seam_codegen::model::{Layout, PageKind};
    let pages = &generated.model.pages;
    let count = |k: PageKind| pages.iter().filter(|p| p.kind == k).count();
    let layouts: Vec<String> = [
        (Layout::Format, "GitBook \"Format:\""),
        (Layout::Condensed, "GitBook condensed"),
        (Layout::PageText, "page text"),
        (Layout::Mintlify, "Mintlify MDX"),
        (Layout::Unknown, "in no known layout"),
    ]
    .iter()
    .filter_map(|(l, name)| {
        // Endpoint pages are recognised, not read: their layout is not told.
        let n =
            pages.iter().filter(|p| p.layout == *l && !matches!(p.kind, PageKind::Spec | PageKind::Endpoint)).count();
        (n > 0).then(|| format!("{n} {name}"))
    })
    .collect();
    eprintln!(
        "read {} file(s): {} page(s) ({}): {} modelled (objects, events), {} endpoint page(s) recognised, \
         {} namespace, {} other; {} OpenAPI document(s); {} file(s) that are not pages ignored",
        spec.pages.len() + spec.ignored.len(),
        pages.iter().filter(|p| p.kind != PageKind::Spec).count(),
        layouts.join(", "),
        count(PageKind::Resource),
        count(PageKind::Endpoint),
        count(PageKind::Namespace),
        count(PageKind::Other),
        count(PageKind::Spec),
        spec.ignored.len(),
    );
    for p in pages.iter().filter(|p| p.kind == PageKind::Spec) {
        if let Some(c) = &p.spec {
            eprintln!(
                "  {} (OpenAPI {}): {} schema(s), {} event type(s), {} path(s); {} undocumented item(s) left out",
                p.file, c.version, c.schemas, c.event_types, c.paths, c.undocumented
            );
        }
    }
    eprintln!(
        "modelled {} resource(s), {} event type(s), {} documented event(s), {} endpoint(s); {} warning(s), {} note(s){}",
        generated.model.resources.len(),
        generated.model.event_types.len(),
        generated.model.events.len(),
        generated.model.endpoints.len(),
        counts[1],
        counts[0],
        if verbose || counts[0] == 0 { "" } else { " (--verbose shows the notes)" },
    );

    // The docs-vs-spec drift report, by kind.
    let mut drift: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in &generated.diagnostics {
        if let Some(code) = d.code.filter(|c| c.starts_with("drift-")) {
            *drift.entry(code).or_default() += 1;
        }
    }
    if !drift.is_empty() {
        let kinds: Vec<String> = seam_codegen::drift::KINDS
            .iter()
            .filter_map(|(code, what)| drift.get(code).map(|n| format!("{n} {what} [{code}]")))
            .collect();
        eprintln!("docs vs spec: {} disagreement(s): {}", drift.values().sum::<usize>(), kinds.join("; "));
    }

    if strict && counts[1] > 0 {
        return Err(format!("{} warning(s), which --strict counts as errors; nothing was written", counts[1]));
    }

    if let Some(path) = model_out {
        let yaml = seam_codegen::yaml::to_string(&generated.model).map_err(|e| e.to_string())?;
        std::fs::write(&path, yaml).map_err(|e| format!("{}: {e}", path.display()))?;
    }

    if check {
        let drift =
            output::check(&out_dir, &out_label, &generated.files).map_err(|e| format!("{}: {e}", out_dir.display()))?;
        if drift.is_clean() {
            eprintln!("{out_label} is up to date with the docs");
            return Ok(ExitCode::SUCCESS);
        }
        print!("{drift}");
        eprintln!("{out_label} differs from what the docs generate: run `cargo xtask codegen`");
        return Ok(ExitCode::FAILURE);
    }
    // Errors name the file they concern.
    let changed = output::write(&out_dir, &generated.files).map_err(|e| e.to_string())?;
    eprintln!("wrote {changed} changed file(s) to {out_label}");
    Ok(ExitCode::SUCCESS)
}

/// `cargo xtask bench-events [--spec DIR]`: how fast the crate generated
/// from a docs tree reads webhook events, against `serde_json::Value` and a
/// bare five-string envelope, on one payload per event type shaped by the
/// docs. Builds a release harness under `target/bench-events`.
fn bench_events(args: &[String]) -> Result<ExitCode, String> {
    let root = workspace_root();
    let spec_dir = match args {
        [] => root.join("spec"),
        [flag, dir] if flag == "--spec" => PathBuf::from(dir),
        _ => return Err(format!("unknown arguments\n{USAGE}")),
    };
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
