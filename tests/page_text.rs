//! Page text (seed 003): the layout, the run-together enum values, and the
//! merge of docs versions.

use proptest::prelude::*;
use seam_codegen::frontend::split::{self, Knowledge, Part};
use seam_codegen::model::{Layout, Type};
use seam_codegen::{Severity, SourceFile};
use seam_codegen_tests::{root, spec_of};

/// The 95 values the seed 003 page shows, written down by reading the page.
fn seed_003_values() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/fixtures/seed_003_event_types.txt"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn page_003() -> String {
    std::fs::read_to_string(root().join("spec/v3/events/README.txt")).unwrap()
}

fn event_type_values(model: &seam_codegen::Model) -> Vec<String> {
    let event = model.event_object.as_ref().expect("the event object");
    match &event.properties.iter().find(|p| p.name == "event_type").expect("event.event_type").ty {
        Type::Enum { values } => values.iter().map(|v| v.value.clone()).collect(),
        other => panic!("event_type is {other:?}"),
    }
}

#[test]
fn the_fixture_is_the_page() {
    // The expectation is tied to the page, not to the parser: run together,
    // it is the page's line exactly.
    let page = page_003();
    let line = page.lines().nth(9).unwrap();
    assert_eq!(seed_003_values().concat(), line);
    assert_eq!(seed_003_values().len(), 95);
}

#[test]
fn seed_003_alone_gives_exactly_the_values_the_page_shows() {
    let spec = spec_of(&[("events/README.txt", &page_003())]);
    let (model, diags) = seam_codegen::build_model(&spec);
    let loud: Vec<String> = diags.iter().filter(|d| d.severity > Severity::Info).map(|d| d.to_string()).collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert_eq!(model.pages[0].layout, Layout::PageText);
    assert_eq!(event_type_values(&model), seed_003_values());

    // The rest of the object: properties with types and descriptions.
    let event = model.event_object.as_ref().unwrap();
    assert_eq!(event.description.as_deref(), Some("Represents an event that occurred in your workspace."));
    let props: Vec<(&str, &str, Option<&str>)> =
        event.properties.iter().map(|p| (p.name.as_str(), p.ty.docs_label(), p.description.as_deref())).collect();
    assert_eq!(
        props,
        [
            ("event_id", "UUID", Some("ID of the event.")),
            ("event_type", "Enum", Some("Type of event.")),
            ("workspace_id", "UUID", Some("ID of the workspace associated with the event.")),
            ("created_at", "Datetime", Some("Date and time at which the event was created.")),
            ("occurred_at", "Datetime", Some("Date and time at which the event occurred.")),
        ]
    );
    // The endpoints it still shows, without their paths.
    let endpoints: Vec<&str> = model.unnamed_endpoints.iter().filter_map(|e| e.description.as_deref()).collect();
    assert_eq!(endpoints.len(), 2);
    assert!(endpoints[0].starts_with("Returns a specified event."), "{endpoints:?}");
    assert!(endpoints[1].starts_with("Returns a list of all events."), "{endpoints:?}");
    // Page chrome is recognised, and said.
    assert!(diags.iter().any(|d| d.severity == Severity::Info && d.message.contains("Last updated")));
}

#[test]
fn merged_spec_keeps_every_event_type_of_every_version_with_its_sources() {
    // The seed trees: the versions of the events page the seeds are.
    let (model, diags) = seam_codegen::build_model(&seam_codegen_tests::seeds());
    let loud: Vec<String> = diags.iter().filter(|d| d.severity > Severity::Info).map(|d| d.to_string()).collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert_eq!(model.event_types.len(), 96);
    let files = |value: &str| -> Vec<String> {
        let v = model.event_types.iter().find(|v| v.value == value).unwrap_or_else(|| panic!("no {value}"));
        let mut f: Vec<String> = v.sources.iter().map(|s| s.file.clone()).collect();
        f.dedup();
        f
    };
    // Listed by both versions of the events page.
    assert_eq!(files("lock.locked"), ["v1/events/README.md", "v3/events/README.txt"]);
    // Dropped by the later version: still readable, sourced from the older.
    assert_eq!(files("connected_account.successful_login"), ["v1/events/README.md"]);
    // The 8 only the later version lists.
    let only_003: Vec<&str> = model
        .event_types
        .iter()
        .filter(|v| v.sources.iter().all(|s| s.file == "v3/events/README.txt"))
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(
        only_003,
        [
            "access_grant.access_times_changed",
            "access_grant.could_not_create_requested_access_methods",
            "access_method.deleted",
            "access_method.reissued",
            "connected_account.reauthorization_requested",
            "space.device_membership_changed",
            "space.created",
            "space.deleted",
        ]
    );
    for v in &model.event_types {
        assert!(!v.sources.is_empty() && v.sources.iter().all(|s| s.line > 0), "{v:?}");
    }
}

fn split_values(text: &str, knowledge: &Knowledge) -> Vec<String> {
    split::split(text, knowledge)
        .into_iter()
        .map(|p| match p {
            Part::Value(v) => v,
            Part::Ambiguous { text, .. } => panic!("ambiguous stretch `{text}`"),
        })
        .collect()
}

/// The same algorithm on other versions of the list: seed 002's 88 values
/// and the July 2025 events page's 89, each run together and read alone.
#[test]
fn other_versions_of_the_list_split_back_exactly() {
    let seed_002: Vec<String> = std::fs::read_to_string(root().join("spec/v1/events/README.md"))
        .unwrap()
        .lines()
        .filter_map(|l| Some(l.strip_prefix("- `")?.strip_suffix('`')?.to_owned()))
        .collect();
    assert_eq!(seed_002.len(), 88);
    assert_eq!(split_values(&seed_002.concat(), &Knowledge::default()), seed_002);

    let july = root().join("../shared/corpus/seam-docs-2025-07/events/README.md");
    match std::fs::read_to_string(&july) {
        Ok(page) => {
            let values: Vec<String> = page
                .lines()
                .filter_map(|l| Some(l.strip_prefix("- <code>")?.strip_suffix("</code>")?.to_owned()))
                .collect();
            assert_eq!(values.len(), 89);
            assert_eq!(split_values(&values.concat(), &Knowledge::default()), values);
        }
        Err(_) => eprintln!("{} not found: the July 2025 list is not checked", july.display()),
    }
}

#[test]
fn knowledge_from_other_pages_agrees() {
    let mut k = Knowledge::default();
    for v in seed_003_values().iter().take(40) {
        k.add(v);
    }
    assert_eq!(split_values(&seed_003_values().concat(), &k), seed_003_values());
}

#[test]
fn snake_case_values_split_with_knowledge() {
    let mut k = Knowledge::default();
    for v in ["LOCK_DOOR", "UNLOCK_DOOR", "SCAN_CREDENTIAL", "SET_FAN_MODE"] {
        k.add(v);
    }
    assert_eq!(
        split_values("LOCK_DOORUNLOCK_DOORSCAN_CREDENTIALSET_FAN_MODE", &k),
        ["LOCK_DOOR", "UNLOCK_DOOR", "SCAN_CREDENTIAL", "SET_FAN_MODE"]
    );
}

/// Two readings that fit equally well: not guessed, kept whole, reported
/// with both candidates and the file and line.
#[test]
fn an_ambiguous_stretch_is_reported_and_kept_whole() {
    // Other pages know the namespaces `cd` and `d`, and the segments `ab` and
    // `abc`: `n.abcd.e` is `n.ab` + `cd.e` or `n.abc` + `d.e`, equally.
    let other = "# N\n\n## `thing`\n\n### `kind`\n\nFormat: `Enum`\n\nPossible enum values:\n- `n.ab`\n- `n.abc`\n- `cd.e`\n- `d.e`\n";
    let text = "Things\nThe thing Object\nA thing.\nProperties\nkind Enum\nWhat kind.\nEnum values\nn.abcd.e\n";
    let spec = spec_of(&[("a/README.md", other), ("b/README.txt", text)]);
    let (model, diags) = seam_codegen::build_model(&spec);
    let warnings: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1, "{diags:#?}");
    let d = warnings[0];
    assert_eq!(d.source.to_string(), "b/README.txt:8");
    assert!(d.message.contains("kept whole as `n.abcd.e`"), "{}", d.message);
    assert!(d.message.contains("n.ab + cd.e") && d.message.contains("n.abc + d.e"), "{}", d.message);
    // Nothing is lost: the stretch is in the model, flagged.
    let Type::Enum { values } = &model.resource_property("thing", "kind").unwrap().ty else { panic!() };
    let kept = values.iter().find(|v| v.value == "n.abcd.e").expect("the stretch is kept");
    assert!(kept.unsplit);
    // And the generated enum has no variant for it.
    let out = seam_codegen::generate(&spec, "t").unwrap();
    assert!(!out.files["src/things.rs"].contains("\"n.abcd.e\""));
}

#[test]
fn page_text_is_recognised_by_content_not_name() {
    let page = SourceFile::new("whatever.md", "whatever.md", page_003());
    let r = seam_codegen::frontend::read_page(&page, "https://docs.seam.co/latest/api/", &Knowledge::default());
    assert_eq!(r.layout, Layout::PageText);
}

// ---------------------------------------------------------------------------
// Property: a random list, shaped like the docs' lists (values grouped by
// namespace, words from an API's vocabulary), run together, splits back
// exactly, or the split says where it is unsure. It is never silently wrong.

const NOUNS: &[&str] = &[
    "access",
    "code",
    "grant",
    "method",
    "device",
    "lock",
    "thermostat",
    "sensor",
    "noise",
    "user",
    "system",
    "credential",
    "entrance",
    "encoder",
    "group",
    "account",
    "session",
    "client",
    "webview",
    "phone",
    "space",
    "workspace",
    "door",
    "keypad",
    "battery",
    "schedule",
    "preset",
    "climate",
    "key",
    "card",
    "network",
    "hub",
];
const VERBS: &[&str] = &[
    "created",
    "deleted",
    "changed",
    "added",
    "removed",
    "connected",
    "disconnected",
    "issued",
    "revoked",
    "updated",
    "activated",
    "deactivated",
    "locked",
    "unlocked",
    "triggered",
    "expired",
    "renamed",
    "synced",
    "failed",
    "succeeded",
    "reached",
    "detected",
    "denied",
    "converted",
];

fn namespace() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(NOUNS), 1..3).prop_map(|w| w.join("_"))
}

fn segment() -> impl Strategy<Value = String> {
    (prop::collection::vec(prop::sample::select(NOUNS), 0..3), prop::sample::select(VERBS)).prop_map(|(mut w, v)| {
        w.push(v);
        w.join("_")
    })
}

fn docs_like_list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec((namespace(), prop::collection::btree_set(segment(), 2..6)), 2..8).prop_map(|groups| {
        let mut seen = std::collections::BTreeSet::new();
        let mut values = Vec::new();
        for (ns, segs) in groups {
            if !seen.insert(ns.clone()) {
                continue;
            }
            values.extend(segs.into_iter().map(|s| format!("{ns}.{s}")));
        }
        values
    })
}

/// The text a split came from: its values and unsure stretches, joined.
fn rejoin(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Value(v) => v.as_str(),
            Part::Ambiguous { text, .. } => text.as_str(),
        })
        .collect()
}

/// Checks a split against the true values: every value right, every unsure
/// stretch a run of true values. With `truth_among_candidates`, an unsure
/// stretch must also offer the true reading.
fn check_split(values: &[String], parts: &[Part], truth_among_candidates: bool) -> Result<(), TestCaseError> {
    let text = values.concat();
    // Nothing lost, nothing invented.
    prop_assert_eq!(rejoin(parts), text);
    let mut i = 0;
    for p in parts {
        match p {
            Part::Value(v) => {
                prop_assert!(i < values.len() && v == &values[i], "split wrongly: {:?}", parts);
                i += 1;
            }
            Part::Ambiguous { text, candidates } => {
                let mut j = i;
                let mut covered = String::new();
                while covered.len() < text.len() && j < values.len() {
                    covered.push_str(&values[j]);
                    j += 1;
                }
                prop_assert_eq!(&covered, text, "an unsure stretch that is not a run of values: {:?}", parts);
                if truth_among_candidates {
                    prop_assert!(
                        candidates.iter().any(|c| c == &values[i..j]),
                        "the true reading is not a candidate: {:?}",
                        parts
                    );
                }
                i = j;
            }
        }
    }
    prop_assert_eq!(i, values.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Nothing known but the text (no prose on any page): the split loses
    /// and invents nothing. (Whether it is right can then depend on
    /// coincidences no algorithm can see: `updated` and `converted` both end
    /// in `ted`, so `tedencoder` fits as well as `encoder`.)
    #[test]
    fn alone_a_split_loses_and_invents_nothing(values in docs_like_list()) {
        let text = values.concat();
        prop_assert_eq!(rejoin(&split::split(&text, &Knowledge::default())), text);
    }

    /// The words are known from other pages' prose, the values are not.
    #[test]
    fn with_the_words_known_lists_split_back_or_offer_the_truth(values in docs_like_list()) {
        let mut k = Knowledge::default();
        k.add_words(&NOUNS.join(" "));
        k.add_words(&VERBS.join(" "));
        check_split(&values, &split::split(&values.concat(), &k), true)?;
    }

    #[test]
    fn with_the_values_known_lists_split_exactly(values in docs_like_list()) {
        let mut k = Knowledge::default();
        values.iter().for_each(|v| k.add(v));
        prop_assert_eq!(split_values(&values.concat(), &k), values);
    }
}
