//! `cargo xtask codegen`: argument parsing and reporting around the
//! library; no logic of its own beyond choosing what to compare.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use seam_codegen::changes::{self, Report};
use seam_codegen::model::{Layout, PageKind};
use seam_codegen::surface::{self, Surface};
use seam_codegen::{Output, Severity, Spec, output};

use crate::report;
use crate::ui::{Ui, When, bytes, thousands};

pub const LONG_ABOUT: &str = "Regenerate the seam-types crate (generated/) from the docs (spec/), \
and report what changed in its API.

Every run compares the API surface of the docs (resources, event types, properties at every depth \
with their types, variants, enum values, deprecations) with the surface of the crate in --out \
(its api-surface.txt), prints what changed as Markdown (on stdout) and the semver level it implies: \
major when anything is removed or retyped or a property must now be present, minor when anything \
is added, patch otherwise. With `bump_version: true` in codegen.yaml the crate's version is bumped \
by that level.

--check writes nothing and fails, with the report and a unified diff, when --out differs from what \
the docs generate. --report-from OLD compares two docs trees directly and writes no crate. --watch \
regenerates whenever a file under --spec changes.";

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Generate in memory and write nothing: fail, with the change report
    /// and a unified diff, when --out differs from what the docs generate.
    #[arg(long)]
    pub check: bool,
    /// Count warnings as errors: with any, nothing is written and the run
    /// fails.
    #[arg(long)]
    pub strict: bool,
    /// The docs: a folder with codegen.yaml and its trees, a Mintlify or
    /// GitBook tree, page text, or one OpenAPI document [default: spec/].
    #[arg(long, value_name = "DIR")]
    pub spec: Option<PathBuf>,
    /// Where the crate is written [default: generated/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write the merged model as YAML.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Print every note, not only warnings and errors.
    #[arg(long, short)]
    pub verbose: bool,
    /// Compare the API of --spec with the API of these older docs instead
    /// of the crate in --out: print the change report, write no crate.
    #[arg(long, value_name = "OLD_SPEC", conflicts_with_all = ["check", "watch", "out"])]
    pub report_from: Option<PathBuf>,
    /// Also write the change report (Markdown) to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Regenerate whenever a file under --spec changes, printing the change
    /// report each time; errors in the docs are shown and the watch goes
    /// on. Ctrl-C stops it.
    #[arg(long, conflicts_with = "check")]
    pub watch: bool,
    /// Progress and a summary line per stage (load, model, emit, write).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = When::Auto)]
    pub progress: When,
}

/// Where a run reads and writes, and how it talks.
pub struct Ctx {
    pub spec_dir: PathBuf,
    /// How the generated header names the docs (`spec/`).
    pub origin: String,
    pub out_dir: PathBuf,
    /// How messages name the output folder (`generated`).
    pub out_label: String,
    pub ui: Ui,
}

impl Ctx {
    pub fn new(args: &Args) -> Ctx {
        let root = crate::workspace_root();
        let out_label = args.out.as_ref().map_or_else(|| "generated".to_owned(), |p| p.display().to_string());
        let spec_dir = args.spec.clone().unwrap_or_else(|| root.join("spec"));
        // The header names the docs relative to the workspace root however
        // `--spec` spelled them (by their name alone when outside it), so
        // that the output does not depend on the spelling, the checkout or
        // the machine.
        let origin = output::docs_label(&spec_dir, &root);
        let out_dir = args.out.clone().unwrap_or_else(|| root.join("generated"));
        Ctx { spec_dir, origin, out_dir, out_label, ui: Ui::new(args.progress) }
    }

    /// How the report names the crate's committed surface.
    pub fn committed_label(&self) -> String {
        format!("{}/{}", self.out_label.trim_end_matches('/'), surface::FILE_NAME)
    }
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let ctx = Ctx::new(args);
    if args.watch {
        return crate::watch::run(&ctx, args);
    }
    let generated = generate(&ctx, args)?;
    let new = &generated.surface;

    if let Some(old_dir) = &args.report_from {
        let label = output::docs_label(old_dir, &crate::workspace_root());
        let stage = ctx.ui.start("report", &format!("generating {label} to compare"));
        let old = surface_of_docs(old_dir, &label);
        let Ok(old) = old else {
            ctx.ui.failed(stage);
            return Err(old.err().unwrap_or_default());
        };
        let report = Report::compare(&label, Some(&old), &ctx.origin, new);
        ctx.ui.done(stage, &report.summary());
        stdout(&report.markdown());
        write_report(args, &report)?;
        if !ctx.ui.shows_stages() {
            eprintln!("{}", report.summary());
        }
        return Ok(ExitCode::SUCCESS);
    }

    let committed = read_surface(&ctx.out_dir)?;
    let report = Report::compare(&ctx.committed_label(), committed.as_ref(), &ctx.origin, new);
    write_report(args, &report)?;
    let mut files = generated.output.files;
    let on_disk = |path: &str| std::fs::read_to_string(ctx.out_dir.join(path)).ok();
    let bump = generated.spec.config.bump_version.then(|| changes::apply_bump(&mut files, &on_disk, report.level()));

    if args.check {
        let stage = ctx.ui.start("check", &format!("comparing with {}", ctx.out_label));
        let drift = output::check(&ctx.out_dir, &ctx.out_label, &files)
            .map_err(|e| format!("{}: {e}", ctx.out_dir.display()))?;
        if drift.is_clean() {
            ctx.ui.done(stage, &format!("{} is up to date", ctx.out_label));
            eprintln!("{} is up to date with the docs", ctx.out_label);
            return Ok(ExitCode::SUCCESS);
        }
        ctx.ui.done(stage, &format!("{} file(s) differ", drift.diffs.len() + drift.stale.len()));
        // What it means first, then the lines.
        stdout(&format!("{}\n{drift}", report.markdown()));
        eprintln!("{}", report.summary());
        say_bump(bump.flatten().as_ref(), "would be");
        eprintln!("{} differs from what the docs generate: run `cargo xtask codegen`", ctx.out_label);
        return Ok(ExitCode::FAILURE);
    }
    write(&ctx, &files, &report, bump.flatten().as_ref())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the crate, then says what changed: the report (on stdout, when
/// the surface changed), its summary, the version, the files written.
pub fn write(
    ctx: &Ctx,
    files: &std::collections::BTreeMap<String, String>,
    report: &Report,
    bump: Option<&changes::VersionBump>,
) -> Result<(), String> {
    let stage = ctx.ui.start("write", &format!("writing {}", ctx.out_label));
    // Errors name the file they concern.
    let changed = match output::write(&ctx.out_dir, files) {
        Ok(n) => n,
        Err(e) => {
            ctx.ui.failed(stage);
            return Err(e.to_string());
        }
    };
    ctx.ui.done(stage, &format!("{changed} changed file(s) to {}", ctx.out_label));
    if !report.is_unchanged() {
        stdout(&report.markdown());
    }
    eprintln!("{}", report.summary());
    say_bump(bump, "is");
    if !ctx.ui.shows_stages() {
        eprintln!("wrote {changed} changed file(s) to {}", ctx.out_label);
    }
    Ok(())
}

/// Text on stdout; a reader that went away (`| head`) is no error.
fn stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn say_bump(bump: Option<&changes::VersionBump>, verb: &str) {
    if let Some(b) = bump.filter(|b| b.from != b.to) {
        eprintln!("the crate's version {verb} bumped: {} → {}", b.from, b.to);
    }
}

fn write_report(args: &Args, report: &Report) -> Result<(), String> {
    match &args.report {
        Some(path) => std::fs::write(path, report.markdown()).map_err(|e| format!("{}: {e}", path.display())),
        None => Ok(()),
    }
}

/// The surface the crate in `dir` carries; `None` when it has none.
pub fn read_surface(dir: &Path) -> Result<Option<Surface>, String> {
    let path = dir.join(surface::FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(Surface::parse(&text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The surface of other docs, generated in memory; their diagnostics are
/// not shown, only a count of their errors.
fn surface_of_docs(dir: &Path, label: &str) -> Result<Surface, String> {
    let spec = seam_codegen::load_spec(dir).map_err(|e| e.to_string())?;
    match seam_codegen::generate(&spec, label) {
        Ok(out) => Ok(Surface::parse(&out.files[surface::FILE_NAME])),
        Err(seam_codegen::Error::Docs(diags)) => {
            let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
            Err(format!("{}: {errors} error(s) in the docs to compare with", dir.display()))
        }
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

/// What the docs generated.
pub struct Generated {
    pub spec: Spec,
    pub output: Output,
    pub surface: Surface,
}

/// Loads the docs, models and emits them, printing the diagnostics and the
/// run's summary lines. An error: the docs could not be read, or hold
/// errors (shown), or warnings under `--strict`.
pub fn generate(ctx: &Ctx, args: &Args) -> Result<Generated, String> {
    let ui = &ctx.ui;
    let stage = ui.start("load", &format!("reading {}", ctx.spec_dir.display()));
    let spec = match seam_codegen::load_spec(&ctx.spec_dir) {
        Ok(s) => s,
        Err(e) => {
            ui.failed(stage);
            return Err(e.to_string());
        }
    };
    let read = spec.pages.len() + spec.ignored.len();
    ui.done(
        stage,
        &format!("{} page(s) / {} file(s) from {}", thousands(spec.pages.len()), thousands(read), ctx.origin),
    );

    let stage = ui.start("model", "reading the pages");
    let (model, diagnostics) = seam_codegen::build_model(&spec);
    if ui.shows_stages() {
        let s = Surface::of(&model);
        let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        ui.done(
            stage,
            &format!(
                "{} resource(s), {} event type(s), {} properties at every depth, {} enum values; {} error(s), {} warning(s)",
                thousands(s.count("resource")),
                thousands(s.count("event_type")),
                thousands(s.count("property")),
                thousands(s.count("value")),
                errors,
                warnings,
            ),
        );
    }

    let stage = ui.start("emit", "writing Rust");
    let generated = match seam_codegen::generate_from_model(&spec, model, diagnostics, &ctx.origin) {
        Ok(g) => {
            let size: usize = g.files.values().map(String::len).sum();
            ui.done(stage, &format!("{} file(s), {}", g.files.len(), bytes(size)));
            g
        }
        // Errors in the docs: each shown at its line, then the count.
        Err(seam_codegen::Error::Docs(diags)) => {
            ui.failed(stage);
            let errors: Vec<&seam_codegen::Diagnostic> =
                diags.iter().filter(|d| d.severity == Severity::Error).collect();
            for d in &errors {
                eprintln!("{}", report::render(d, &spec.pages, args.strict));
            }
            return Err(format!("{} error(s) in the docs; nothing was written", errors.len()));
        }
        Err(e) => {
            ui.failed(stage);
            return Err(e.to_string());
        }
    };
    summarise(&spec, &generated, args.verbose, args.strict);

    let warnings = generated.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    if args.strict && warnings > 0 {
        return Err(format!("{warnings} warning(s), which --strict counts as errors; nothing was written"));
    }
    if let Some(path) = &args.model {
        let yaml = seam_codegen::yaml::to_string(&generated.model).map_err(|e| e.to_string())?;
        std::fs::write(path, yaml).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let surface = Surface::parse(&generated.files[surface::FILE_NAME]);
    Ok(Generated { spec, output: generated, surface })
}

/// The diagnostics, what was read and what was modelled, the drift report.
fn summarise(spec: &Spec, generated: &Output, verbose: bool, strict: bool) {
    let mut counts = [0usize; 3];
    for d in &generated.diagnostics {
        counts[d.severity as usize] += 1;
        if verbose || d.severity >= Severity::Warning {
            eprintln!("{}", report::render(d, &spec.pages, strict));
        }
    }
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
}
