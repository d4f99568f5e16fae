//! Turns the Seam API reference docs into a typed Rust crate.
//!
//! The pipeline: [`load_spec`] reads a docs folder, [`build_model`] runs one
//! frontend per page and merges the fragments into a [`model::Model`],
//! [`backend::emit`] turns the model into the files of a crate. [`generate`]
//! does all three and refuses to produce output when any page is malformed.
//! See ARCHITECTURE.md for the map.

pub mod backend;
pub mod check;
pub mod config;
pub mod diag;
pub mod frontend;
pub mod markdown;
pub mod mdx;
pub mod merge;
pub mod model;
pub mod output;
pub mod samples;
pub mod source;
pub mod yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use config::Config;
pub use diag::{Diagnostic, Severity};
pub use model::Model;
pub use source::SourceFile;

/// A docs folder, read into memory.
#[derive(Debug, Clone)]
pub struct Spec {
    pub config: Config,
    /// The text of `codegen.yaml` (empty when there is none).
    pub config_text: String,
    /// Every page, in merge order: by tree (oldest first), then by path.
    pub pages: Vec<SourceFile>,
    /// Files the spec holds that are neither pages nor the config.
    pub ignored: Vec<String>,
}

/// Why nothing was generated.
#[derive(Debug)]
pub enum Error {
    Io {
        path: PathBuf,
        message: String,
    },
    Config {
        path: PathBuf,
        line: u32,
        message: String,
    },
    /// The docs are malformed: at least one diagnostic is an error.
    Docs(Vec<Diagnostic>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Config { path, line, message } => write!(f, "{}:{line}: error: {message}", path.display()),
            Error::Docs(diags) => {
                let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
                for d in &errors {
                    writeln!(f, "{d}")?;
                }
                write!(f, "{} error(s) in the docs; nothing was written", errors.len())
            }
        }
    }
}

impl std::error::Error for Error {}

/// Is this file a docs page? Markdown, or page text copied from the site.
fn is_page(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "mdx" | "txt"))
}

/// Reads a docs folder: `codegen.yaml` if present, then every page of every
/// tree, in a fixed order whatever the file system's.
pub fn load_spec(dir: &Path) -> Result<Spec, Error> {
    let io = |path: &Path, e: std::io::Error| Error::Io { path: path.to_owned(), message: e.to_string() };
    let config_path = dir.join(config::FILE_NAME);
    let config_text = match std::fs::read_to_string(&config_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(&config_path, e)),
    };
    let config = Config::parse(&config_text).map_err(|(line, message)| Error::Config {
        path: config_path.clone(),
        line,
        message,
    })?;

    let mut files = Vec::new();
    walk(dir, dir, &mut files).map_err(|(p, e)| io(&p, e))?;
    files.sort();
    let trees: Vec<&str> =
        if config.trees.is_empty() { vec![""] } else { config.trees.iter().map(|t| t.trim_matches('/')).collect() };
    for t in &trees {
        if !t.is_empty() && !dir.join(t).is_dir() {
            return Err(Error::Config {
                path: config_path.clone(),
                line: config_text.lines().position(|l| l.contains(t)).map_or(1, |i| i as u32 + 1),
                message: format!("tree `{t}` is not a folder of {}", dir.display()),
            });
        }
    }
    let mut pages: Vec<(usize, SourceFile)> = Vec::new();
    let mut ignored = Vec::new();
    for rel in files {
        if rel == config::FILE_NAME {
            continue;
        }
        let tree = trees.iter().position(|t| t.is_empty() || rel.starts_with(&format!("{t}/")));
        match tree {
            Some(i) if is_page(Path::new(&rel)) => {
                let text = std::fs::read(dir.join(&rel)).map_err(|e| io(&dir.join(&rel), e))?;
                let text = String::from_utf8(text).map_err(|_| Error::Io {
                    path: dir.join(&rel),
                    message: "not UTF-8 text: expected a Markdown or text page".into(),
                })?;
                let doc_path = if trees[i].is_empty() { rel.clone() } else { rel[trees[i].len() + 1..].to_owned() };
                pages.push((i, SourceFile::new(rel, doc_path, text)));
            }
            _ => ignored.push(rel),
        }
    }
    pages.sort_by(|a, b| (a.0, &a.1.path).cmp(&(b.0, &b.1.path)));
    Ok(Spec { config, config_text, pages: pages.into_iter().map(|(_, f)| f).collect(), ignored })
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), (PathBuf, std::io::Error)> {
    let entries = std::fs::read_dir(dir).map_err(|e| (dir.to_owned(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| (dir.to_owned(), e))?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let ty = entry.file_type().map_err(|e| (path.clone(), e))?;
        if ty.is_dir() {
            walk(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).expect("walked paths are under the root");
            let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.push(rel.join("/"));
        }
    }
    Ok(())
}

/// Runs every page through its frontend and merges the results. The order
/// of `spec.pages` does not matter: pages are put in merge order first.
pub fn build_model(spec: &Spec) -> (Model, Vec<Diagnostic>) {
    let trees = &spec.config.trees;
    let tree_of =
        |path: &str| trees.iter().position(|t| path.starts_with(&format!("{}/", t.trim_matches('/')))).unwrap_or(0);
    let mut pages: Vec<&SourceFile> = spec.pages.iter().collect();
    pages.sort_by(|a, b| (tree_of(&a.path), &a.path).cmp(&(tree_of(&b.path), &b.path)));

    // Pages are independent: read them on every core, merge in order.
    let docs_url = spec.config.docs_url.as_str();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = pages.len().div_ceil(threads).max(1);
    let mut results: Vec<frontend::PageResult> = std::thread::scope(|scope| {
        // Page text waits for the others' knowledge: it is read below.
        let handles: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                scope
                    .spawn(move || part.iter().map(|p| frontend::read_page_with(p, docs_url, None)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("frontends do not panic")).collect()
    });
    // Page text runs enum values together; splitting them uses what every
    // other page knows, so those pages are read again with that knowledge.
    if results.iter().any(|r| r.layout == model::Layout::PageText) {
        let mut knowledge = frontend::split::Knowledge::new();
        for r in results.iter().filter(|r| r.layout != model::Layout::PageText) {
            knowledge.absorb(&r.model);
        }
        for (r, page) in results.iter_mut().zip(&pages) {
            if r.layout == model::Layout::PageText {
                *r = frontend::read_page(page, docs_url, &knowledge);
            }
        }
    }
    let mut diags = Vec::new();
    let mut fragments = Vec::with_capacity(results.len());
    for r in results {
        diags.extend(r.diagnostics);
        fragments.push(r.model);
    }
    let mut model = merge::merge(fragments, &mut diags);
    spec.config.apply(&mut model, config::FILE_NAME, &spec.config_text, &mut diags);
    check::check(&model, &mut diags);
    (model, diags)
}

/// The files of the generated crate, by path relative to the crate root.
#[derive(Debug, Clone)]
pub struct Output {
    pub files: BTreeMap<String, String>,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

/// The whole pipeline. `origin` names the docs in the generated headers
/// (`spec/`). Any error diagnostic fails the run: no half-right crate.
pub fn generate(spec: &Spec, origin: &str) -> Result<Output, Error> {
    let (model, diagnostics) = build_model(spec);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Docs(diagnostics));
    }
    let files = backend::emit(&model, origin);
    Ok(Output { files, model, diagnostics })
}
