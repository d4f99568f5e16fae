//! `cargo xtask codegen` end to end, through the binary: what it refuses to
//! write over, what it refuses to generate, the header's docs path, the
//! command line (clap), the change report, the version bump and `--watch`.

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

fn xtask_raw(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).current_dir(cwd).output().expect("xtask runs")
}

#[test]
fn help_lists_the_subcommands_and_every_codegen_option() {
    let run = xtask_raw(&root(), &["--help"]);
    assert!(ok(&run));
    let help = String::from_utf8_lossy(&run.stdout);
    for sub in ["codegen", "bench-events", "fuzz"] {
        assert!(help.contains(sub), "{help}");
    }
    let run = xtask(&root(), &["--help"]);
    assert!(ok(&run));
    let help = String::from_utf8_lossy(&run.stdout);
    for flag in
        ["--check", "--strict", "--spec", "--out", "--model", "--verbose", "--report-from", "--report", "--watch"]
    {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    assert!(help.contains("Usage: cargo xtask codegen"), "{help}");
}

#[test]
fn an_unknown_flag_is_refused_by_clap() {
    let run = xtask(&root(), &["--frobnicate"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("unexpected argument '--frobnicate'") && stderr.contains("Usage:"), "{stderr}");
    // A flag that wants a value, without one.
    let run = xtask(&root(), &["--spec"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("a value is required"), "{:?}", run);
    // No subcommand: the usage.
    let run = xtask_raw(&root(), &[]);
    assert_eq!(run.status.code(), Some(2));
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every regeneration says what changed in the API, as Markdown on stdout,
/// and `--check` says it before the diff; `--report` writes it.
#[test]
fn regenerating_and_checking_report_the_api_changes() {
    let dir = scratch("report", false);
    let spec = docs(&dir);
    let out = dir.join("crate");
    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out)]);
    assert!(ok(&run));
    assert!(
        stdout(&run).contains("everything is new") && stdout(&run).contains("- Resource `thing` (with 2 properties")
    );
    assert!(files(&out).contains_key("api-surface.txt"));
    // Nothing changed: one line, on stderr.
    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out)]);
    assert!(ok(&run));
    assert_eq!(stdout(&run), "");
    assert!(stderr(&run).contains("API surface unchanged (5 facts): patch"), "{}", stderr(&run));

    // A value added: minor; --check shows the report, then the diff.
    std::fs::write(spec.join("things/README.md"), PAGE.replace("- `off`\n", "- `off`\n- `standby`\n")).unwrap();
    let report = dir.join("changes.md");
    let run = xtask(&root(), &["--check", "--spec", s(&spec), "--out", s(&out), "--report", s(&report)]);
    assert!(!run.status.success());
    let text = stdout(&run);
    assert!(text.starts_with("## API changes: `"), "{text}");
    assert!(
        text.contains("**Semver: minor** (additions only).")
            && text.contains("- Enum value of `thing.state`: `standby`")
    );
    let diff_at = text.find("\n--- ").expect("a diff follows");
    assert!(diff_at > text.find("Enum value").unwrap(), "the report comes before the diff");
    assert!(text.starts_with(&std::fs::read_to_string(&report).unwrap()), "--report writes the report");
    assert!(stderr(&run).contains("API changes: 1 added, 0 removed, 0 retyped: minor"), "{}", stderr(&run));

    // A value removed: breaking.
    std::fs::write(spec.join("things/README.md"), PAGE.replace("- `off`\n", "")).unwrap();
    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out)]);
    assert!(ok(&run));
    assert!(
        stdout(&run).contains("**Semver: major**")
            && stdout(&run).contains("- Removed enum value of `thing.state`: `off`")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--report-from OLD` compares two docs trees and writes no crate.
#[test]
fn report_from_compares_two_docs_trees() {
    let dir = scratch("report-from", true);
    let old = docs(&dir);
    let new = dir.join("new");
    std::fs::create_dir_all(new.join("things")).unwrap();
    std::fs::write(new.join("things/README.md"), PAGE.replace("### `state`", "### `status`")).unwrap();
    let run = xtask(&dir, &["--spec", "new", "--report-from", "docs"]);
    assert!(ok(&run));
    let md = stdout(&run);
    assert!(md.starts_with("## API changes: `docs/` → `new/`"), "{md}");
    assert!(md.contains("- Removed property `thing.state`: `enum` (with 2 enum values)"), "{md}");
    assert!(md.contains("- Property `thing.status`: `enum` (with 2 enum values)"), "{md}");
    assert!(!root().join("generated").join("docs").exists() && !dir.join("generated").exists());
    let run = xtask(&dir, &["--spec", "new", "--report-from", s(&old), "--check"]);
    assert_eq!(run.status.code(), Some(2), "--report-from writes nothing: --check makes no sense with it");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `bump_version: true`: the version goes up by the level of the change,
/// once; `--check` right after is clean.
#[test]
fn bump_version_bumps_by_the_level_of_the_changes() {
    let dir = scratch("bump", false);
    let spec = docs(&dir);
    std::fs::write(spec.join("codegen.yaml"), "bump_version: true\n").unwrap();
    let out = dir.join("crate");
    let version = || {
        let toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
        seam_codegen::changes::package_version(&toml).unwrap().to_owned()
    };
    let run = |args: &[&str]| {
        let mut all = vec!["--spec", s(&spec), "--out", s(&out)];
        all.extend(args);
        xtask(&root(), &all)
    };
    assert!(ok(&run(&[])));
    let first = version();
    assert!(ok(&run(&[])));
    assert_eq!(version(), first, "nothing changed: no bump");

    let page = spec.join("things/README.md");
    std::fs::write(&page, PAGE.replace("- `off`\n", "- `off`\n- `standby`\n")).unwrap();
    let checked = run(&["--check"]);
    assert!(stderr(&checked).contains(&format!("the crate's version would be bumped: {first} → ")));
    let r = run(&[]);
    assert!(ok(&r));
    let minor = seam_codegen::changes::bump(&first, seam_codegen::changes::Level::Minor);
    assert_eq!(version(), minor);
    assert!(stderr(&r).contains(&format!("the crate's version is bumped: {first} → {minor}")), "{}", stderr(&r));
    assert!(ok(&run(&["--check"])), "--check after the bump is clean");
    assert!(ok(&run(&[])));
    assert_eq!(version(), minor, "regenerating again bumps nothing");

    std::fs::write(&page, PAGE).unwrap();
    assert!(ok(&run(&[])));
    assert_eq!(version(), seam_codegen::changes::bump(&minor, seam_codegen::changes::Level::Major));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Stage lines are for terminals (or `--progress always`): a pipe gets the
/// plain output.
#[test]
fn stage_lines_only_on_a_terminal_or_when_asked() {
    let dir = scratch("progress", false);
    let spec = docs(&dir);
    let out = dir.join("crate");
    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out)]);
    assert!(ok(&run));
    assert!(!stderr(&run).contains("load:"), "{}", stderr(&run));
    let run = xtask(&root(), &["--spec", s(&spec), "--out", s(&out), "--progress", "always"]);
    assert!(ok(&run));
    let err = stderr(&run);
    for stage in [
        "load:   1 page(s) / 1 file(s) from ",
        "model:  1 resource(s), 0 event type(s), 2 properties at every depth, 2 enum values",
        "emit:   10 file(s), ",
        "write:  0 changed file(s)",
    ] {
        assert!(err.contains(stage), "{stage} missing:\n{err}");
    }
    assert!(!err.contains('\x1b'), "no escape sequences off a terminal");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--watch`: a change to a page regenerates the crate and prints the
/// report; an error in the docs is shown and the watch goes on; fixing it
/// regenerates again. Only a generous timeout, no timing.
#[test]
fn watch_regenerates_on_a_change_and_survives_errors() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    let dir = scratch("watch", false);
    let spec = docs(&dir);
    let out = dir.join("crate");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--watch", "--spec", s(&spec), "--out", s(&out)])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("xtask runs");
    // Both streams, line by line, into one channel.
    let (tx, rx) = mpsc::channel::<String>();
    let err_tx = tx.clone();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let stdout = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || stderr.lines().map_while(Result::ok).for_each(|l| drop(err_tx.send(l))));
    std::thread::spawn(move || stdout.lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
    let mut seen = Vec::new();
    let mut wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
                let found = line.contains(needle);
                seen.push(line);
                if found {
                    return;
                }
            }
        }
        panic!("no `{needle}` within 60 s; the watch said:\n{}", seen.join("\n"));
    };
    wait_for("watching ");
    assert!(files(&out)["src/things.rs"].contains("pub struct Thing"));

    let page = spec.join("things/README.md");
    std::fs::write(&page, PAGE.replace("- `off`\n", "- `off`\n- `standby`\n")).unwrap();
    wait_for("- Enum value of `thing.state`: `standby`");
    wait_for("watching ");
    assert!(files(&out)["src/things.rs"].contains("Standby"));

    // An error: shown, the crate kept, the watch goes on.
    std::fs::write(&page, WARNED.replace("<sparkle>x</sparkle>", "**`b`***String*")).unwrap();
    wait_for("error[malformed-property]");
    wait_for("is left as it was: the watch goes on");
    assert!(files(&out)["src/things.rs"].contains("Standby"));

    // Fixed: regenerated, reported against the last generation.
    std::fs::write(&page, PAGE).unwrap();
    wait_for("## API changes: `previous generation` → ");
    wait_for("- Removed enum value of `thing.state`: `standby`");
    wait_for("watching ");
    assert!(!files(&out)["src/things.rs"].contains("Standby"));
    assert!(child.try_wait().unwrap().is_none(), "the watch is still running");
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
