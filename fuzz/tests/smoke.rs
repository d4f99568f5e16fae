//! The fuzzer keeps working: a few hundred executions of every target, and
//! the self-test target's panic, stack overflow and hang are each caught,
//! saved and told apart (a few seconds in all).

use std::path::{Path, PathBuf};
use std::process::Command;

fn fuzz(out: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_seam-fuzz"))
        .arg("run")
        .args(args)
        .arg("--out")
        .arg(out)
        .args(["--seed", "7"])
        .output()
        .expect("seam-fuzz runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "seam-fuzz {args:?} failed:\n{stdout}\n{stderr}");
    stdout
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("seam-fuzz-smoke-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The row of the summary table for `target`: its execution count.
fn execs(summary: &str, target: &str) -> u64 {
    let row = summary.lines().find(|l| l.split_whitespace().next() == Some(target)).expect("a summary row");
    row.split_whitespace().nth(2).and_then(|n| n.parse().ok()).expect("an execution count")
}

#[test]
fn panics_overflows_and_hangs_are_caught_and_saved() {
    let out = scratch("selftest");
    let summary = fuzz(&out, &["selftest", "--execs", "300", "--timeout-ms", "300"]);
    assert!(execs(&summary, "selftest") >= 300, "{summary}");
    assert!(summary.contains("selftest: panic at fuzz/src/targets.rs"), "{summary}");
    assert!(summary.contains("selftest: stack overflow"), "{summary}");
    assert!(summary.contains("selftest: hang"), "{summary}");
    let crashes = out.join("crashes/selftest");
    let saved: Vec<String> = std::fs::read_dir(&crashes)
        .expect("findings are saved")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    // The smallest input of each kind, and its message: three findings, two
    // files each.
    assert!(saved.iter().any(|s| s.trim() == "panic"), "{saved:?}");
    assert!(saved.iter().any(|s| s.trim() == "overflow"), "{saved:?}");
    assert!(saved.iter().any(|s| s.trim() == "hang"), "{saved:?}");
    assert!(saved.iter().any(|s| s.contains("the self test panics")), "{saved:?}");
    assert!(saved.iter().any(|s| s.starts_with("stack overflow\n")), "{saved:?}");
    assert_eq!(saved.len(), 6, "{saved:?}");
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn every_target_runs() {
    let out = scratch("targets");
    for (target, n) in
        [("gitbook", 150), ("page-text", 60), ("mdx", 150), ("openapi", 60), ("pipeline", 40), ("types", 150)]
    {
        let n = n.to_string();
        let summary = fuzz(&out, &[target, "--execs", &n]);
        assert!(execs(&summary, target) >= n.parse().unwrap(), "{summary}");
    }
    let _ = std::fs::remove_dir_all(out);
}

/// Every input the fuzzer once found a problem with (`fuzz/regressions/
/// TARGET/`) now runs clean: no panic, no round-trip difference. (The slow
/// YAML one is refused at once now: `yaml.rs`'s own test checks that.)
#[test]
fn past_findings_run_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut checked = 0;
    for target in std::fs::read_dir(&dir).expect("fuzz/regressions") {
        let target = target.unwrap();
        let name = target.file_name().to_string_lossy().into_owned();
        for input in std::fs::read_dir(target.path()).unwrap() {
            let input = input.unwrap().path();
            let output = Command::new(env!("CARGO_BIN_EXE_seam-fuzz"))
                .args(["exec", &name])
                .arg(&input)
                .output()
                .expect("seam-fuzz runs");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success() && stdout.trim_end().ends_with("ok"),
                "{}: {stdout}{}",
                input.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} regression inputs");
}
