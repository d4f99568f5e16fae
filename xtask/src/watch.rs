//! `cargo xtask codegen --watch`: regenerates whenever a file under the
//! docs changes (notify, debounced by notify-debouncer-mini), and prints
//! the change report relative to the previous generation each time. Errors
//! in the docs are shown and the crate is left as it was; the watch goes on.
//!
//! The version bump (`bump_version`) is taken from the crate as it was when
//! the watch started, so that a session of edits bumps it once, as one
//! `cargo xtask codegen` after them all would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};
use seam_codegen::changes::{self, Report};
use seam_codegen::surface::Surface;

use crate::codegen::{self, Args, Ctx};

/// How long the docs must be quiet before a regeneration: an editor's save,
/// or a copy of many pages, is one change.
const DEBOUNCE: Duration = Duration::from_millis(250);

pub fn run(ctx: &Ctx, args: &Args) -> Result<ExitCode, String> {
    let watched = Watched::new(&ctx.spec_dir, &ctx.out_dir)?;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, tx).map_err(|e| format!("cannot watch the docs: {e}"))?;
    let mode = if watched.file.is_some() { RecursiveMode::NonRecursive } else { RecursiveMode::Recursive };
    debouncer
        .watcher()
        .watch(&watched.dir, mode)
        .map_err(|e| format!("{}: cannot watch: {e}", watched.dir.display()))?;

    let mut session = Session::start(ctx, args);
    session.regenerate();
    let waiting = || eprintln!("watching {} for changes (Ctrl-C stops)", ctx.spec_dir.display());
    waiting();
    pump(&rx, &watched, |changed| {
        let shown: Vec<String> = changed.iter().take(3).map(|p| watched.show(p)).collect();
        let more = if changed.len() > 3 { format!(" and {} more", changed.len() - 3) } else { String::new() };
        eprintln!("\nchanged: {}{more}", shown.join(", "));
        session.regenerate();
        waiting();
    });
    Ok(ExitCode::SUCCESS)
}

/// What is watched, and which changes count.
#[derive(Debug)]
pub struct Watched {
    /// The folder watched: the docs folder, or the folder of a docs file.
    dir: PathBuf,
    /// The docs are this one file of `dir`.
    file: Option<PathBuf>,
    /// The output folder: what the watch itself writes never counts.
    out: PathBuf,
}

impl Watched {
    pub fn new(spec: &Path, out: &Path) -> Result<Watched, String> {
        let abs = |p: &Path| std::path::absolute(p).map_err(|e| format!("{}: {e}", p.display()));
        let spec = abs(spec)?;
        let spec = spec.canonicalize().unwrap_or(spec);
        let out = abs(out)?;
        let out = out.canonicalize().unwrap_or(out);
        if spec.is_file() {
            let dir = spec.parent().map(Path::to_owned).unwrap_or_default();
            Ok(Watched { dir, file: Some(spec), out })
        } else if spec.is_dir() {
            Ok(Watched { dir: spec, file: None, out })
        } else {
            Err(format!("{}: no such folder or file to watch", spec.display()))
        }
    }

    /// Whether a change to `path` calls for a regeneration: a file of the
    /// docs, not one of the output folder, nor a hidden file or an editor's
    /// backup (`.page.md.swp`, `page.md~`, `.git/...`).
    pub fn relevant(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        if let Some(file) = &self.file {
            return path == file;
        }
        let Ok(rel) = path.strip_prefix(&self.dir) else { return false };
        !rel.components().any(|c| {
            let c = c.as_os_str().to_string_lossy();
            c.starts_with('.') || c.ends_with('~') || c.ends_with(".swp") || c.ends_with(".tmp")
        })
    }

    fn show(&self, path: &Path) -> String {
        path.strip_prefix(&self.dir).unwrap_or(path).display().to_string()
    }
}

/// Waits for changes and calls `on_change` with the paths that count,
/// once per burst: batches already queued are taken together. Returns
/// when the watcher goes away.
pub fn pump(rx: &Receiver<DebounceEventResult>, watched: &Watched, mut on_change: impl FnMut(Vec<PathBuf>)) {
    while let Ok(first) = rx.recv() {
        let mut changed = BTreeSet::new();
        for batch in std::iter::once(first).chain(rx.try_iter()) {
            match batch {
                Ok(events) => changed.extend(events.into_iter().map(|e| e.path).filter(|p| watched.relevant(p))),
                Err(e) => eprintln!("warning: watching the docs: {e}"),
            }
        }
        if !changed.is_empty() {
            on_change(changed.into_iter().collect());
        }
    }
}

/// The state of a watch: the crate as it was when the watch started (for
/// the version bump) and the previous generation (for the report).
struct Session<'a> {
    ctx: &'a Ctx,
    args: &'a Args,
    /// The output folder's files when the watch started.
    start_files: BTreeMap<String, String>,
    start_surface: Option<Surface>,
    previous: Option<Surface>,
    previous_label: String,
}

impl<'a> Session<'a> {
    fn start(ctx: &'a Ctx, args: &'a Args) -> Session<'a> {
        let start_surface = codegen::read_surface(&ctx.out_dir).unwrap_or_else(|e| {
            eprintln!("warning: {e}");
            None
        });
        Session {
            ctx,
            args,
            start_files: files_under(&ctx.out_dir),
            previous: start_surface.clone(),
            start_surface,
            previous_label: ctx.committed_label(),
        }
    }

    fn regenerate(&mut self) {
        let ctx = self.ctx;
        let generated = match codegen::generate(ctx, self.args) {
            Ok(g) => g,
            Err(msg) => {
                eprintln!("error: {msg}");
                eprintln!("{} is left as it was: the watch goes on", ctx.out_label);
                return;
            }
        };
        let report = Report::compare(&self.previous_label, self.previous.as_ref(), &ctx.origin, &generated.surface);
        let mut files = generated.output.files;
        let bump = generated.spec.config.bump_version.then(|| {
            let level = Report::compare("", self.start_surface.as_ref(), "", &generated.surface).level();
            changes::apply_bump(&mut files, &|p| self.start_files.get(p).cloned(), level)
        });
        if let Err(msg) = codegen::write(ctx, &files, &report, bump.flatten().as_ref()) {
            eprintln!("error: {msg}");
            return;
        }
        if let Some(path) = &self.args.report
            && let Err(e) = std::fs::write(path, report.markdown())
        {
            eprintln!("error: {}: {e}", path.display());
        }
        self.previous = Some(generated.surface);
        self.previous_label = "previous generation".to_owned();
    }
}

/// Every file under `dir` (not `target/` or hidden ones), by `/`-separated
/// path, with its text.
fn files_under(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name.starts_with('.') || name == "target" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else if let (Ok(text), Ok(rel)) = (std::fs::read_to_string(&path), path.strip_prefix(root)) {
                let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.insert(rel.join("/"), text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_mini::{DebouncedEvent, DebouncedEventKind};

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-watch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("docs/things")).unwrap();
        std::fs::create_dir_all(dir.join("out")).unwrap();
        dir
    }

    fn event(path: PathBuf) -> DebouncedEvent {
        DebouncedEvent::new(path, DebouncedEventKind::Any)
    }

    #[test]
    fn only_changes_to_the_docs_count() {
        let dir = scratch("relevant");
        let w = Watched::new(&dir.join("docs"), &dir.join("out")).unwrap();
        let docs = dir.join("docs").canonicalize().unwrap();
        assert!(w.relevant(&docs.join("things/README.md")));
        assert!(w.relevant(&docs.join("codegen.yaml")));
        assert!(!w.relevant(&docs.join("things/.README.md.swp")));
        assert!(!w.relevant(&docs.join("things/README.md~")));
        assert!(!w.relevant(&docs.join(".git/index")));
        assert!(!w.relevant(&dir.join("out/src/lib.rs").canonicalize().unwrap_or(dir.join("out/src/lib.rs"))));
        // Output inside the docs: never a reason to regenerate.
        let w = Watched::new(&dir.join("docs"), &dir.join("docs/things")).unwrap();
        assert!(!w.relevant(&docs.join("things/README.md")));
        // One file: that file only.
        std::fs::write(docs.join("openapi.json"), "{}").unwrap();
        let w = Watched::new(&dir.join("docs/openapi.json"), &dir.join("out")).unwrap();
        assert!(w.relevant(&docs.join("openapi.json")));
        assert!(!w.relevant(&docs.join("codegen.yaml")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_burst_of_changes_is_one_regeneration_and_noise_none() {
        let dir = scratch("pump");
        let docs = dir.join("docs").canonicalize().unwrap();
        let w = Watched::new(&docs, &dir.join("out")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
        // Queued before the pump looks: taken together.
        tx.send(Ok(vec![event(docs.join("a.md")), event(docs.join(".a.md.swp"))])).unwrap();
        tx.send(Ok(vec![event(docs.join("b.md")), event(docs.join("a.md"))])).unwrap();
        let mut calls = Vec::new();
        let sender = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            // Only noise: no call.
            tx.send(Ok(vec![event(docs.join("c.md~"))])).unwrap();
        });
        pump(&rx, &w, |paths| calls.push(paths));
        sender.join().unwrap();
        let docs = dir.join("docs").canonicalize().unwrap();
        assert_eq!(calls, [vec![docs.join("a.md"), docs.join("b.md")]]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
