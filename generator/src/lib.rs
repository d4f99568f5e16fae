//! Turns the Seam API reference docs into a typed Rust crate.
//!
//! The pipeline: [`load_spec`] reads a docs folder, [`build_model`] runs one
//! frontend per page and merges the fragments into a [`model::Model`],
//! [`backend::emit`] turns the model into the files of a crate. [`generate`]
//! does all three and refuses to produce output when any page is malformed.
//! See ARCHITECTURE.md for the map.

pub mod backend;
pub mod changes;
pub mod check;
pub mod config;
pub mod diag;
pub mod drift;
pub mod frontend;
pub mod markdown;
pub mod mdx;
pub mod merge;
pub mod model;
pub mod openapi;
pub mod output;
pub mod samples;
pub mod source;
pub mod surface;
pub mod yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Source;

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
    /// Entries that are not read at all (a named pipe, a device, a link to
    /// nowhere), each a warning.
    pub unread: Vec<Diagnostic>,
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
    /// No page and no OpenAPI document held any API reference content.
    NoApi {
        files: usize,
    },
    /// The generator's own bug (the backend built tokens that are not
    /// Rust): reported, never written.
    Internal(String),
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
            Error::NoApi { files } => write!(
                f,
                "none of the {files} file(s) read holds API reference content (no object, event or endpoint page, \
                 no OpenAPI document): nothing was written"
            ),
            Error::Internal(message) => write!(
                f,
                "internal error, please report it with the docs that caused it: {message}; nothing was written"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Is this file a docs page? Markdown, or page text copied from the site.
/// A Markdown or MDX page, page text, or a structured document (an OpenAPI
/// document is JSON or YAML; other JSON or YAML is noted and ignored).
fn is_page(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "mdx" | "txt" | "json" | "yaml" | "yml"))
}

/// Reads a docs folder: `codegen.yaml` if present, then every page of every
/// tree, in a fixed order whatever the file system's.
pub fn load_spec(dir: &Path) -> Result<Spec, Error> {
    let io = |path: &Path, e: std::io::Error| Error::Io { path: path.to_owned(), message: e.to_string() };
    // A single file (a bare `openapi.json`, one page): the only page of a
    // spec with the default configuration.
    if dir.is_file() {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read(dir).map_err(|e| io(dir, e))?;
        let text = String::from_utf8(text)
            .map_err(|_| Error::Io { path: dir.to_owned(), message: "not UTF-8 text".into() })?;
        return Ok(Spec {
            config: Config::default(),
            config_text: String::new(),
            pages: vec![SourceFile::new(name.clone(), name, text)],
            ignored: Vec::new(),
            unread: Vec::new(),
        });
    }
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
    let mut unread = Vec::new();
    walk(dir, dir, &mut files, &mut unread).map_err(|(p, e)| io(&p, e))?;
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
    Ok(Spec { config, config_text, pages: pages.into_iter().map(|(_, f)| f).collect(), ignored, unread })
}

/// The files under `dir`, relative to `root`, `/`-separated. Only regular
/// files (or links to them) are read: reading a named pipe would wait for
/// ever, so anything else is a warning instead.
fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<String>,
    unread: &mut Vec<Diagnostic>,
) -> Result<(), (PathBuf, std::io::Error)> {
    let entries = std::fs::read_dir(dir).map_err(|e| (dir.to_owned(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| (dir.to_owned(), e))?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = path.strip_prefix(root).expect("walked paths are under the root");
        let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let rel = rel.join("/");
        let ty = entry.file_type().map_err(|e| (path.clone(), e))?;
        if ty.is_dir() {
            walk(root, &path, out, unread)?;
        } else if ty.is_file() || (ty.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file())) {
            out.push(rel);
        } else {
            let what =
                if ty.is_symlink() { "a link to no file" } else { "not a regular file (a pipe, socket or device)" };
            unread
                .push(Diagnostic::warning(Source::line(rel, 1), format!("{what}: not read")).with_code("unread-file"));
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

    // Pages are independent: read them on every core, merge in order. The
    // largest go first, each to the least loaded worker, so that an
    // OpenAPI document of megabytes does not hold the others up.
    let docs_url = spec.config.docs_url.as_str();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(pages[i].text.len()));
    let mut shares: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); threads];
    for i in order {
        let least = shares.iter_mut().min_by_key(|(load, _)| *load).expect("at least one worker");
        least.0 += pages[i].text.len();
        least.1.push(i);
    }
    let mut results: Vec<Option<frontend::PageResult>> = (0..pages.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        // Page text waits for the others' knowledge: it is read below.
        let pages = &pages;
        let handles: Vec<_> = shares
            .into_iter()
            .map(|(_, share)| {
                scope.spawn(move || {
                    share
                        .into_iter()
                        .map(|i| (i, frontend::read_page_with(pages[i], docs_url, None)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (i, r) in h.join().expect("frontends do not panic") {
                results[i] = Some(r);
            }
        }
    });
    let mut results: Vec<frontend::PageResult> = results.into_iter().map(|r| r.expect("every page read")).collect();
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
    // Tree by tree: the pages, then the spec beside them (compared with
    // those pages only), then the trees, oldest first.
    let mut diags = spec.unread.clone();
    let mut trees_out: Vec<Model> = Vec::new();
    let mut current: Option<usize> = None;
    let mut page_frags: Vec<Model> = Vec::new();
    let mut spec_frags: Vec<Model> = Vec::new();
    // `tree_start`: where the tree's diagnostics start.
    let mut tree_start = diags.len();
    // Where each tree's calls contradict its schema: widened once the
    // trees are merged.
    let mut disputes = Vec::new();
    let mut flush =
        |page_frags: &mut Vec<Model>, spec_frags: &mut Vec<Model>, diags: &mut Vec<Diagnostic>, tree_start: usize| {
            if page_frags.is_empty() && spec_frags.is_empty() {
                return;
            }
            let mut pages_model = merge::fold(std::mem::take(page_frags), diags);
            if spec_frags.is_empty() {
                // A shape only a spec could settle, and none beside the pages.
                for d in diags[tree_start..].iter_mut().filter(|d| d.code == Some("children-of-scalar")) {
                    d.severity = Severity::Error;
                    d.message.push_str(", and no OpenAPI document beside the pages says which is right");
                }
                // The calls the endpoint pages show, against those pages.
                drift::check_calls(&pages_model, &mut disputes, diags);
                trees_out.push(pages_model);
                return;
            }
            let spec_model = merge::fold(std::mem::take(spec_frags), diags);
            drift::compare(&spec_model, &mut pages_model, &mut disputes, diags);
            // What the pages add to the spec: the comparison above said where
            // they disagree; the merge's notes on detail are noise here.
            let mut merge_diags = Vec::new();
            trees_out.push(merge::fold(vec![spec_model, pages_model], &mut merge_diags));
            diags.extend(merge_diags.into_iter().filter(|d| d.severity > Severity::Info));
        };
    for (r, page) in results.into_iter().zip(&pages) {
        let tree = tree_of(&page.path);
        if current != Some(tree) {
            flush(&mut page_frags, &mut spec_frags, &mut diags, tree_start);
            tree_start = diags.len();
            current = Some(tree);
        }
        diags.extend(r.diagnostics);
        let mut fragment = r.model;
        merge::dedupe(&mut fragment, &mut diags);
        if r.layout == model::Layout::OpenApi {
            spec_frags.push(fragment);
        } else {
            page_frags.push(fragment);
        }
    }
    flush(&mut page_frags, &mut spec_frags, &mut diags, tree_start);
    let mut model = merge::fold(trees_out, &mut diags);
    model.event_tag = spec.config.event_tag.clone();
    merge::finish(&mut model);
    drift::widen(&mut model, &disputes);
    spec.config.apply(&mut model, config::FILE_NAME, &spec.config_text, &mut diags);
    check::check(&model, &mut diags);
    (model, diags)
}

/// The address of each page on the docs site, by its path in the spec:
/// a GitBook page (`devices/README.md`) under `docs_url`, its folder for a
/// `README`; a Mintlify page (`api/devices/object.mdx`) from the site's
/// root. An OpenAPI document is no page: it has none.
pub fn page_links(spec: &Spec, model: &Model) -> BTreeMap<String, String> {
    let docs_url = spec.config.docs_url.as_str();
    let Some(scheme_end) = docs_url.find("://") else { return BTreeMap::new() };
    let host_end = docs_url[scheme_end + 3..].find('/').map_or(docs_url.len(), |i| scheme_end + 3 + i);
    let site = &docs_url[..host_end];
    let base = docs_url.trim_end_matches('/');
    let layouts: BTreeMap<&str, model::Layout> = model.pages.iter().map(|p| (p.file.as_str(), p.layout)).collect();
    spec.pages
        .iter()
        .filter_map(|page| {
            let layout = *layouts.get(page.path.as_str())?;
            let (stem, _) = page.doc_path.rsplit_once('.')?;
            let url = match layout {
                model::Layout::OpenApi | model::Layout::Unknown => return None,
                model::Layout::Mintlify => format!("{site}/{}", stem.trim_end_matches("/index")),
                model::Layout::Format | model::Layout::Condensed | model::Layout::PageText => {
                    let stem = if stem.eq_ignore_ascii_case("readme") { "" } else { stem };
                    let stem = stem.strip_suffix("/README").or_else(|| stem.strip_suffix("/readme")).unwrap_or(stem);
                    if stem.is_empty() { base.to_owned() } else { format!("{base}/{stem}") }
                }
            };
            Some((page.path.clone(), url))
        })
        .collect()
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
    generate_from_model(spec, model, diagnostics, origin)
}

/// The second half of [`generate`]: the crate of a model [`build_model`]
/// made of `spec` (with its diagnostics), for a caller that times the
/// stages. The crate's files, and its API surface (`api-surface.txt`, see
/// [`surface`]).
pub fn generate_from_model(
    spec: &Spec,
    model: Model,
    diagnostics: Vec<Diagnostic>,
    origin: &str,
) -> Result<Output, Error> {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Docs(diagnostics));
    }
    // An empty crate from a folder of the wrong files is the worst outcome:
    // say so instead.
    if model.resources.is_empty() && model.event_types.is_empty() && model.endpoints.is_empty() {
        return Err(Error::NoApi { files: spec.pages.len() + spec.ignored.len() });
    }
    let links = page_links(spec, &model);
    let (mut files, naming) = backend::emit(&model, origin, &links, &spec.config.package).map_err(Error::Internal)?;
    files.insert(surface::FILE_NAME.to_owned(), surface::render(&model, origin));
    let mut diagnostics = diagnostics;
    diagnostics.extend(naming);
    Ok(Output { files, model, diagnostics })
}
