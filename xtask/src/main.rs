//! `cargo xtask codegen [--check] [--spec DIR] [--out DIR] [--model FILE] [--verbose]`
//!
//! Regenerates the `seam-types` crate (`generated/`) from the docs in
//! `spec/`. `--check` generates in memory, writes nothing, and fails with a
//! unified diff when the files on disk differ. `--model FILE` also writes the
//! merged model as YAML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use seam_codegen::{Severity, output};

// Generation makes a great many small allocations (token streams, syntax
// trees) on every core; mimalloc halves the time glibc's allocator takes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--spec DIR] [--out DIR] [--model FILE] [--verbose]";

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
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
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
            "--spec" => spec = Some(value("--spec")?),
            "--out" => out = Some(value("--out")?),
            "--model" => model_out = Some(value("--model")?),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    // The header names the docs as the user named them; the default is
    // workspace-relative so that output does not depend on the checkout.
    let origin = match &spec {
        Some(p) => p.display().to_string(),
        None => "spec/".to_owned(),
    };
    let out_label = out.as_ref().map_or_else(|| "generated".to_owned(), |p| p.display().to_string());
    let spec_dir = spec.unwrap_or_else(|| root.join("spec"));
    let out_dir = out.unwrap_or_else(|| root.join("generated"));

    let spec = seam_codegen::load_spec(&spec_dir).map_err(|e| e.to_string())?;
    let generated = seam_codegen::generate(&spec, &origin).map_err(|e| e.to_string())?;

    let mut counts = [0usize; 3];
    for d in &generated.diagnostics {
        counts[d.severity as usize] += 1;
        if verbose || d.severity >= Severity::Warning {
            eprintln!("{d}");
        }
    }
    use seam_codegen::model::PageKind;
    let count = |k: PageKind| generated.model.pages.iter().filter(|p| p.kind == k).count();
    eprintln!(
        "read {} page(s): {} modelled (objects, events), {} endpoint page(s) recognised (endpoints are not turned into types yet), \
         {} namespace page(s), {} other; {} file(s) that are not pages ignored",
        spec.pages.len(),
        count(PageKind::Resource),
        count(PageKind::Endpoint),
        count(PageKind::Namespace),
        count(PageKind::Other),
        spec.ignored.len(),
    );
    eprintln!(
        "modelled {} resource(s), {} event type(s), {} documented event(s); {} warning(s), {} note(s){}",
        generated.model.resources.len(),
        generated.model.event_types.len(),
        generated.model.events.len(),
        counts[1],
        counts[0],
        if verbose || counts[0] == 0 { "" } else { " (--verbose shows the notes)" },
    );

    if let Some(path) = model_out {
        let yaml = serde_yaml::to_string(&generated.model).map_err(|e| e.to_string())?;
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
    let changed = output::write(&out_dir, &generated.files).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    eprintln!("wrote {changed} changed file(s) to {out_label}");
    Ok(ExitCode::SUCCESS)
}
