//! `cargo xtask bench-memory`: the generator's peak memory on one large
//! resource page of the GitBook condensed layout, as a multiple of the
//! page's size.
//!
//! The page follows the grammar of the 2025-07 tree's resource pages
//! (`**`name`** *Type*`, a description, `---` between properties, enum
//! values and child properties in `<details>`, deprecation hints), with a
//! mix of the types the real pages print. It is written under
//! `target/bench-memory/`, and this binary's `codegen` runs over it in a
//! child process, first writing a crate into an empty folder (as a first
//! run does), then `--check` against that crate (as CI does). A child's
//! peak resident set size is its kernel's `ru_maxrss`, read when it is
//! reaped (`wait4`), so nothing of this process is counted in it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The page's opening: the resource, its example, `## Properties`.
const HEAD: &str = "# Things\n\n## The thing Object\n\n- [Properties](./#properties)\n- [Endpoints](./#endpoints)\n\n\n\
         Represents a thing, a synthetic resource with a great many properties.\n\n\
         {% tabs %}\n{% tab title=\"Thing\" %}\n\nA thing resource.\n\n```json\n{\n  \
         \"prop_000000\": \"e9cf6dd6-89aa-477f-a701-c08f3de13c1f\"\n}\n```\n{% endtab %}\n{% endtabs %}\n\n\
         ---\n## Properties\n\n";

/// The page's end: its endpoints.
const TAIL: &str = "---\n\n\n## Endpoints\n\n\n[**`/things/get`**](./get.md)\n\nReturns a specified thing.\n\n";

/// A lean page: UUIDs, strings, booleans, numbers and times in turn, each
/// with a description of two words (about 45 bytes a property, near the
/// 44 of the page issue 11 measured).
pub fn lean_page(properties: u64) -> String {
    const TYPES: [&str; 5] = ["UUID", "String", "Boolean", "Number", "Datetime"];
    let mut page = String::with_capacity(properties as usize * 48 + 1024);
    page.push_str(HEAD);
    for i in 0..properties {
        if i > 0 {
            page.push_str("---\n\n");
        }
        // `write!` into a String cannot fail.
        let _ = write!(page, "**`prop_{i:06}`** *{}*\n\nIts {i}.\n\n", TYPES[(i % 5) as usize]);
    }
    page.push_str(TAIL);
    page
}

/// The synthetic docs tree: `things/README.md`, one resource page with
/// `properties` properties. Returns the page's text.
pub fn synthetic_page(properties: u64) -> String {
    let mut page = String::with_capacity(properties as usize * 160 + 1024);
    page.push_str(HEAD);
    for i in 0..properties {
        let name = format!("prop_{i:06}");
        if i > 0 {
            page.push_str("---\n\n");
        }
        // `write!` into a String cannot fail.
        let _ = match i % 10 {
            0 => write!(page, "**`{name}`** *UUID*\n\nUnique identifier for the thing's {name}.\n\n\n\n\n"),
            1 => write!(
                page,
                "**`{name}`** *Datetime*\n\nDate and time at which the thing's {name} was last set.\n\n\n\n\n"
            ),
            2 => write!(
                page,
                "**`{name}`** *String*\n\nName of the {name}, as the provider shows it to its users.\n\n\n\n\n"
            ),
            3 => write!(page, "**`{name}`** *Boolean*\n\nIndicates whether the thing supports {name}.\n\n\n\n\n"),
            4 => write!(page, "**`{name}`** *Number*\n\nNumber of {name} units the thing holds.\n\n\n\n\n"),
            5 => write!(
                page,
                "**`{name}`** *Enum*\n\nCurrent status of the thing's {name}.\n\n\n<details>\n<summary>Enum values</summary>\n\n\
                 - <code>{name}_on</code>\n- <code>{name}_off</code>\n- <code>unknown</code>\n</details>\n\n\n"
            ),
            6 => write!(
                page,
                "**`{name}`** *Object*\n\nMetadata of the thing's {name}.\n\n\n\n<details>\n  <summary>Child Properties</summary>\n\n  \
                 - <strong><code>label</code></strong> <i>String</i>\n  \n    Label of the {name}.\n\n  \
                 - <strong><code>is_enabled</code></strong> <i>Boolean</i>\n  \n    Indicates whether the {name} is enabled.\n\n\
                 </details>\n\n"
            ),
            7 => write!(page, "**`{name}`** *List* *of Strings*\n\nNames of the thing's {name} entries.\n\n\n\n\n"),
            8 => write!(page, "**`{name}`** *Record*\n\nOptional custom metadata for the thing's {name}.\n\n\n\n\n"),
            _ => write!(
                page,
                "**`{name}`** *String*\n\nFormer name of the {name}.\n\n{{% hint style=\"warning\" %}}\n\
                 **Deprecated**. use thing.display_name instead\n{{% endhint %}}\n\n\n\n"
            ),
        };
    }
    page.push_str(TAIL);
    page
}

/// Writes the tree, runs the generator over it twice and prints what each
/// run's peak memory is, in bytes and as a multiple of the page's size.
pub fn run(root: &Path, properties: u64, lean: bool) -> Result<ExitCode, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let work = root.join("target/bench-memory");
    let docs = work.join("docs");
    let out = work.join("crate");
    for dir in [&docs, &out] {
        match std::fs::remove_dir_all(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: {e}", dir.display())),
        }
    }
    let page_dir = docs.join("things");
    std::fs::create_dir_all(&page_dir).map_err(|e| format!("{}: {e}", page_dir.display()))?;
    let page = if lean { lean_page(properties) } else { synthetic_page(properties) };
    let page_path = page_dir.join("README.md");
    std::fs::write(&page_path, &page).map_err(|e| format!("{}: {e}", page_path.display()))?;
    let input = page.len() as u64;
    drop(page);
    println!("input: {} ({input} bytes, {properties} properties)", page_path.display());

    let log = work.join("codegen.stderr");
    for (label, check) in [("write into an empty --out", false), ("--check against it", true)] {
        let mut cmd = std::process::Command::new(&exe);
        cmd.arg("codegen").args(check.then_some("--check")).arg("--progress").arg("never");
        cmd.arg("--spec").arg(&docs).arg("--out").arg(&out);
        let (status, peak, elapsed) = peak_rss(cmd, &log)?;
        if !status.success() {
            let stderr = std::fs::read_to_string(&log).unwrap_or_default();
            let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(format!("codegen ({label}) failed ({status}); the end of its stderr:\n{}", tail.join("\n")));
        }
        println!(
            "codegen, {label}: peak RSS {peak} bytes ({:.1} MiB), {:.1}x the input, {:.2} s",
            peak as f64 / (1024.0 * 1024.0),
            peak as f64 / input as f64,
            elapsed.as_secs_f64(),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `cmd` to its end, its stdout discarded and its stderr into `log`;
/// returns how it exited, its peak resident set size in bytes and how long
/// it took.
#[cfg(unix)]
fn peak_rss(
    mut cmd: std::process::Command,
    log: &PathBuf,
) -> Result<(std::process::ExitStatus, u64, std::time::Duration), String> {
    use std::os::unix::process::ExitStatusExt;
    let stderr = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(stderr);
    let start = std::time::Instant::now();
    let child = cmd.spawn().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data that `wait4` fills in; `pid` is
    // our own child, which nothing else waits for (`child` is never waited
    // on, and dropping a `Child` does not wait).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = loop {
        // SAFETY: valid pointers to locals, as above.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        break r;
    };
    let elapsed = start.elapsed();
    drop(child);
    if reaped != pid {
        return Err(format!("cannot wait for the generator: {}", std::io::Error::last_os_error()));
    }
    // Linux counts in KiB, macOS in bytes.
    let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * unit;
    Ok((std::process::ExitStatus::from_raw(status), peak, elapsed))
}

#[cfg(not(unix))]
fn peak_rss(
    _cmd: std::process::Command,
    _log: &PathBuf,
) -> Result<(std::process::ExitStatus, u64, std::time::Duration), String> {
    Err("bench-memory reads a child's peak memory with wait4, which needs a Unix".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page reads as one resource with every property, no diagnostic
    /// above a note, in the condensed layout.
    #[test]
    fn synthetic_page_reads_as_the_condensed_layout() {
        for (shape, page) in [("full", synthetic_page(20)), ("lean", lean_page(20))] {
            let dir = std::env::temp_dir().join(format!("bench-memory-test-{shape}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("things")).unwrap();
            std::fs::write(dir.join("things/README.md"), page).unwrap();
            let spec = seam_codegen::load_spec(&dir).unwrap();
            let (model, diags) = seam_codegen::build_model(&spec);
            let _ = std::fs::remove_dir_all(&dir);
            let worrying: Vec<_> = diags.iter().filter(|d| d.severity != seam_codegen::diag::Severity::Info).collect();
            assert!(worrying.is_empty(), "{shape}: {worrying:#?}");
            let thing = &model.resources["thing"];
            assert_eq!(thing.properties.len(), 20, "{shape}");
        }
    }
}
