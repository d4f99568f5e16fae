//! `cargo xtask codegen` end to end, through the binary: what it refuses to
//! write over, what it refuses to generate, and the header's docs path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PAGE: &str = "# Things\n\n## `thing`\n\n### `thing_id`\n\nFormat: `UUID`\n\n### `state`\n\nFormat: `Enum`\n\n\
                    Possible enum values:\n- `on`\n- `off`\n";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_owned()
}

/// A fresh folder: under the workspace's `target/` or, `outside`, under the
/// system's temporary folder.
fn scratch(name: &str, outside: bool) -> PathBuf {
    let base = if outside { std::env::temp_dir() } else { root().join("target/test-scratch") };
    let dir = base.join(format!("xtask-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A docs folder of one page.
fn docs(dir: &Path) -> PathBuf {
    let spec = dir.join("docs");
    std::fs::create_dir_all(spec.join("things")).unwrap();
    std::fs::write(spec.join("things/README.md"), PAGE).unwrap();
    spec
}

fn xtask(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).arg("codegen").args(args).current_dir(cwd).output().expect("xtask runs")
}

fn ok(out: &Output) -> bool {
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    out.status.success()
}

/// Every file under `dir`, with its text.
fn files(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn s(p: &Path) -> &str {
    p.to_str().expect("scratch paths are UTF-8")
}

#[test]
fn out_holding_a_hand_written_crate_is_refused_and_left_as_it_was() {
    let dir = scratch("foreign", false);
    let spec = docs(&dir);
    let out = dir.join("mine");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    std::fs::write(out.join("src/lib.rs"), "//! Mine.\n").unwrap();
    let before = files(&out);

    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out)]);
    assert!(!run.status.success(), "a hand-written crate was overwritten");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&out.join("Cargo.toml").display().to_string()), "the error names the file:\n{stderr}");
    assert_eq!(files(&out), before, "nothing is written");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An empty docs folder, or one whose trees are empty folders, is an
/// error: the crate already in `--out` stays as it was.
#[test]
fn docs_without_api_content_never_replace_the_crate() {
    let dir = scratch("empty", false);
    let spec = docs(&dir);
    let out = dir.join("crate");
    assert!(ok(&xtask(&root(), &["--spec", s(&spec), "--out", s(&out)])));
    let before = files(&out);
    assert!(before["src/things.rs"].contains("pub struct Thing"));

    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let trees = dir.join("trees");
    std::fs::create_dir_all(trees.join("v1")).unwrap();
    std::fs::create_dir_all(trees.join("v2")).unwrap();
    std::fs::write(trees.join("codegen.yaml"), "trees: [v1, v2]\n").unwrap();
    for spec in [&empty, &trees] {
        for check in [false, true] {
            let mut args = vec!["--spec", s(spec), "--out", s(&out)];
            if check {
                args.push("--check");
            }
            let run = xtask(&root(), &args);
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert!(!run.status.success(), "{}: {stderr}", spec.display());
            assert!(stderr.contains("holds API reference content"), "{stderr}");
            assert_eq!(files(&out), before, "{}: the crate is untouched", spec.display());
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The header names the docs relative to the workspace root, `/`-separated,
/// however `--spec` spells them: every spelling gives the same bytes, and
/// `--check` with one spelling accepts the crate written with another.
#[test]
fn every_spelling_of_the_docs_path_gives_the_same_crate() {
    let dir = scratch("spellings", false);
    docs(&dir);
    let rel = dir.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
    let spellings = [
        format!("{rel}/docs"),
        format!("./{rel}/docs/"),
        format!("{rel}/docs/../docs"),
        format!("{rel}/./docs"),
        dir.join("docs").display().to_string(),
    ];
    let mut crates = Vec::new();
    for (i, spelling) in spellings.iter().enumerate() {
        let out = dir.join(format!("out{i}"));
        assert!(ok(&xtask(&root(), &["--spec", spelling, "--out", s(&out)])), "{spelling}");
        crates.push(files(&out));
    }
    let lib = &crates[0]["src/lib.rs"];
    assert!(lib.lines().next().unwrap().contains(&format!("in `{rel}/docs/`.")), "{lib}");
    for (spelling, files) in spellings.iter().zip(&crates) {
        assert_eq!(files, &crates[0], "`--spec {spelling}` gives other bytes than `--spec {}`", spellings[0]);
    }
    // From another working directory too.
    let out = dir.join("out0");
    for spelling in [format!("{}/docs", s(&dir)), "docs".to_owned(), "./docs/".to_owned()] {
        let run = xtask(&dir, &["--check", "--spec", &spelling, "--out", s(&out)]);
        assert!(ok(&run), "`--check --spec {spelling}` reports drift on the same docs");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Docs outside the workspace are named by their folder alone: no path of
/// the maintainer's machine lands in the crate.
#[test]
fn docs_outside_the_workspace_leave_no_absolute_path_in_the_crate() {
    let dir = scratch("outside", true);
    if dir.starts_with(root()) {
        eprintln!("the temporary folder is inside the workspace: nothing to check");
        return;
    }
    let spec = docs(&dir);
    let out = dir.join("crate");
    assert!(ok(&xtask(&root(), &["--spec", s(&spec), "--out", s(&out)])));
    for (rel, text) in files(&out) {
        let first = text.lines().next().unwrap();
        assert!(first.ends_with("in `docs/`."), "{rel}: {first}");
        assert!(!text.contains(s(&dir)), "{rel} holds the absolute path {}", dir.display());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A page with one warning (an enum value list item that is prose) and one
/// malformed property line.
const WARNED: &str = "# Things\n\n## The thing Object\n\nA thing.\n\n---\n## Properties\n\n**`a`** *String*\n\nA.\n\n\
                      <sparkle>x</sparkle>\n\n---\n";

#[test]
fn diagnostics_show_their_line_with_a_marker_and_strict_fails_on_warnings() {
    let dir = scratch("strict", false);
    let spec = dir.join("docs");
    std::fs::create_dir_all(spec.join("things")).unwrap();
    std::fs::write(spec.join("things/README.md"), WARNED).unwrap();
    let out = dir.join("out");

    // A warning: shown with its code, its line and a marker; the run goes on.
    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out)]);
    assert!(ok(&run));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("warning[markup]: HTML tag `<sparkle>` is not understood")
            && stderr.contains("--> things/README.md:14:1")
            && stderr.contains("14 | <sparkle>x</sparkle>")
            && stderr.contains("   | ^^^^^^^^^^^^^^^^^^^^"),
        "{stderr}"
    );
    let written = files(&out);
    assert!(!written.is_empty());

    // --strict: the same warning is an error, and nothing is written.
    std::fs::remove_dir_all(&out).unwrap();
    let run = xtask(&root(), &["--strict", "--spec", s(&spec), "--out", s(&out)]);
    assert!(!run.status.success(), "--strict passed with a warning");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("error[markup]: HTML tag `<sparkle>`"), "{stderr}");
    assert!(stderr.contains("1 warning(s), which --strict counts as errors; nothing was written"), "{stderr}");
    assert!(files(&out).is_empty(), "--strict wrote files");

    // An error in the docs: shown the same way, at its line.
    std::fs::write(spec.join("things/README.md"), WARNED.replace("<sparkle>x</sparkle>", "**`b`***String*")).unwrap();
    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out)]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("error[malformed-property]: this line looks like the property `b`")
            && stderr.contains("14 | **`b`***String*"),
        "{stderr}"
    );
}
