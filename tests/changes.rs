//! The API change report: between the committed crate and `spec/`, after
//! a docs change, and between the corpus trees (pinned: the report a
//! maintainer pastes into a changelog, GitBook May → July 2025 and
//! Mintlify June → July 2026).

use std::path::Path;

use seam_codegen::changes::{Change, Level, Report};
use seam_codegen::surface::{self, Surface};
use seam_codegen_tests::{copy_tree, root, scratch, seeds, spec};

fn surface_of(spec: &seam_codegen::Spec, origin: &str) -> Surface {
    let out = seam_codegen::generate(spec, origin).expect("the docs generate");
    Surface::parse(&out.files[surface::FILE_NAME])
}

fn surface_of_dir(dir: &Path) -> Surface {
    let label = dir.file_name().unwrap().to_string_lossy().into_owned();
    surface_of(&seam_codegen::load_spec(dir).expect("the docs load"), &format!("{label}/"))
}

/// `generated/api-surface.txt` is the surface of `spec/`: nothing changed.
#[test]
fn the_committed_surface_is_the_docs_surface() {
    let committed = std::fs::read_to_string(root().join("generated").join(surface::FILE_NAME)).unwrap();
    let new = surface_of(&spec(), "spec/");
    let report = Report::compare("generated/api-surface.txt", Some(&Surface::parse(&committed)), "spec/", &new);
    assert!(report.is_unchanged(), "{}", report.markdown());
    assert_eq!(report.level(), Level::Patch);
    assert!(new.count("resource") > 20 && new.count("event_type") > 100, "{:?}", new.facts.len());
}

/// The surface does not depend on the order pages are read in: no fact is
/// reported removed and added again.
#[test]
fn the_surface_does_not_depend_on_page_order() {
    let spec = seeds();
    let mut reversed = spec.clone();
    reversed.pages.reverse();
    assert_eq!(surface_of(&spec, "spec/"), surface_of(&reversed, "spec/"));
}

/// An enum value added to a page: a minor change naming it; removed, a
/// breaking one; a description changed: nothing in the surface.
#[test]
fn a_docs_change_is_reported_at_its_level() {
    let dir = scratch("changes-enum");
    copy_tree(&root().join("spec"), &dir.join("spec"));
    let page = dir.join("spec/v1/action_attempts/README.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let before = surface_of_dir(&dir.join("spec"));

    std::fs::write(&page, original.replacen("- `error`\n", "- `error`\n- `cancelled`\n", 1)).unwrap();
    let added = surface_of_dir(&dir.join("spec"));
    let report = Report::compare("before", Some(&before), "after", &added);
    assert_eq!(report.level(), Level::Minor, "{}", report.markdown());
    let md = report.markdown();
    assert!(md.contains("### Added\n\n- Enum value of `action_attempt.status`: `cancelled`\n"), "{md}");

    let report = Report::compare("after", Some(&added), "before", &before);
    assert_eq!(report.level(), Level::Major);
    assert!(report.markdown().contains("- Removed enum value of `action_attempt.status`: `cancelled`"));

    std::fs::write(&page, original.replacen("Possible enum values:", "The values it may have:", 1)).unwrap();
    let reworded = surface_of_dir(&dir.join("spec"));
    assert_eq!(reworded, before, "wording is not API");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Between two corpus trees: the report, and what every report must be.
fn corpus_report(old: &str, new: &str) -> Option<Report> {
    let corpus = seam_codegen_tests::corpus("the change report between corpus trees")?;
    let old_s = surface_of_dir(&corpus.join(old));
    let new_s = surface_of_dir(&corpus.join(new));
    let report = Report::compare(&format!("{old}/"), Some(&old_s), &format!("{new}/"), &new_s);
    // Each listed change is a fact of the side it names, and what is
    // folded adds up to the totals.
    for e in &report.entries {
        match e.change {
            Change::Added => assert!(new_s.facts.contains_key(&e.key) && !old_s.facts.contains_key(&e.key)),
            Change::Removed => assert!(old_s.facts.contains_key(&e.key) && !new_s.facts.contains_key(&e.key)),
            Change::Retyped => assert_ne!(old_s.facts[&e.key], new_s.facts[&e.key]),
        }
    }
    let listed: usize = report.entries.iter().map(|e| 1 + e.below.values().sum::<usize>()).sum();
    assert_eq!(listed, report.totals.values().sum::<usize>(), "every change is listed or folded once");
    // Reading the trees the other way round reverses the report.
    let back = Report::compare("new", Some(&new_s), "old", &old_s);
    for ((kind, change), n) in &report.totals {
        let flipped = match change {
            Change::Added => Change::Removed,
            Change::Removed => Change::Added,
            Change::Retyped => Change::Retyped,
        };
        assert_eq!(back.totals.get(&(kind.clone(), flipped)), Some(n), "{kind} {change:?}");
    }
    Some(report)
}

#[test]
fn gitbook_2025_05_to_2025_07() {
    let Some(report) = corpus_report("seam-docs-2025-05", "seam-docs-2025-07") else { return };
    assert_eq!(report.level(), Level::Major);
    insta::assert_snapshot!(report.markdown());
}

#[test]
fn mintlify_2026_06_to_2026_07() {
    let Some(report) = corpus_report("seam-mintlify-2026-06", "seam-mintlify-2026-07") else { return };
    assert_eq!(report.level(), Level::Major);
    insta::assert_snapshot!(report.markdown());
}
