//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};

use seam_codegen::{SourceFile, Spec};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_owned()
}

/// `../shared/corpus`, the real docs trees, when it is there; otherwise a
/// notice that `what` is not measured.
pub fn corpus(what: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("{} not found: {what} not measured", dir.display());
        None
    }
}

/// The committed docs, as `cargo xtask codegen` reads them.
pub fn spec() -> Spec {
    seam_codegen::load_spec(&root().join("spec")).expect("spec/ loads")
}

/// The seed pages alone (`spec/`'s trees `v1` to `v3`, before the Mintlify
/// tree): small enough to snapshot whole.
pub fn seeds() -> Spec {
    let mut spec = spec();
    spec.config.trees.retain(|t| ["v1", "v2", "v3"].contains(&t.as_str()));
    spec.pages.retain(|p| ["v1/", "v2/", "v3/"].iter().any(|t| p.path.starts_with(t)));
    spec
}

/// A spec made of the given pages (path relative to the spec, text), with the
/// default configuration: one tree, the spec folder itself.
pub fn spec_of(pages: &[(&str, &str)]) -> Spec {
    Spec {
        config: seam_codegen::Config::default(),
        config_text: String::new(),
        pages: pages.iter().map(|(p, t)| SourceFile::new(*p, *p, *t)).collect(),
        ignored: Vec::new(),
        unread: Vec::new(),
    }
}

/// A fresh scratch folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
