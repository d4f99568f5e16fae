//! Property tests of the parsers: random input, checked against an
//! independent expectation.

use proptest::prelude::*;
use seam_codegen::model::{Layout, Type};
use seam_codegen::{Severity, SourceFile, frontend};

// ---------------------------------------------------------------------------
// Timestamps: the generated crate's fast RFC 3339 path agrees with chrono.

fn rfc3339() -> impl Strategy<Value = String> {
    (
        1u32..=9999,
        1u32..=12,
        1u32..=31,
        0u32..24,
        0u32..60,
        0u32..60,
        (0usize..=9, 0u32..1_000_000_000),
        prop_oneof![
            Just("Z".to_owned()),
            (any::<bool>(), 0u32..24, 0u32..60)
                .prop_map(|(neg, h, m)| format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' }))
        ],
    )
        .prop_map(|(y, mo, d, h, mi, s, (digits, frac), off)| {
            let frac = if digits == 0 { String::new() } else { format!(".{:09}", frac)[..digits + 1].to_owned() };
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{off}")
        })
}

proptest! {
    #[test]
    fn timestamp_parse_agrees_with_chrono(s in rfc3339()) {
        let ours = seam_types::Timestamp::parse(&s).map(|t| t.0);
        let chrono = chrono::DateTime::parse_from_rfc3339(&s).ok().map(|d| d.to_utc());
        prop_assert_eq!(ours, chrono, "{}", s);
    }

    #[test]
    fn timestamp_round_trips_through_json(s in rfc3339()) {
        if let Some(t) = seam_types::Timestamp::parse(&s) {
            let json = serde_json::to_string(&t).unwrap();
            let back: seam_types::Timestamp = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, t);
        }
    }
}

// ---------------------------------------------------------------------------
// Nothing panics: any mix of the docs' syntax, in any order.

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<details>".to_owned()),
        Just("</details>".to_owned()),
        Just("<summary>".to_owned()),
        Just("</summary>".to_owned()),
        Just("<code>".to_owned()),
        Just("</code>".to_owned()),
        Just("<strong>".to_owned()),
        Just("</strong>".to_owned()),
        Just("<i>".to_owned()),
        Just("</i>".to_owned()),
        Just("**".to_owned()),
        Just("*".to_owned()),
        Just("`".to_owned()),
        Just("## ".to_owned()),
        Just("### ".to_owned()),
        Just("- ".to_owned()),
        Just("---".to_owned()),
        Just("Format: ".to_owned()),
        Just("Possible enum values:".to_owned()),
        Just("Enum values".to_owned()),
        Just("Value: ".to_owned()),
        Just("Properties".to_owned()),
        Just("Events".to_owned()),
        Just("Endpoints".to_owned()),
        Just("UUID".to_owned()),
        Just("Enum".to_owned()),
        Just("List".to_owned()),
        Just("[x](./y.md)".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("  ".to_owned()),
        "[a-z_.]{1,12}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn no_text_panics_the_frontends(text in markdownish()) {
        let page = SourceFile::new("p.md", "p.md", text);
        let r = frontend::read_page(&page, "https://docs.seam.co/latest/api/", &Default::default());
        for d in &r.diagnostics {
            prop_assert!(d.source.line >= 1 && d.source.line as usize <= page.text.lines().count().max(1));
        }
    }
}

// ---------------------------------------------------------------------------
// Round trip: a random resource, rendered in a docs layout, reads back as
// exactly what was rendered.

#[derive(Debug, Clone)]
struct Prop {
    name: String,
    label: &'static str,
    values: Vec<String>,
    description: String,
}

fn word() -> impl Strategy<Value = String> {
    "[a-z]{2,8}(_[a-z]{2,6}){0,2}"
}

fn prop_strategy() -> impl Strategy<Value = Prop> {
    (
        word(),
        prop_oneof![
            Just("UUID"),
            Just("Datetime"),
            Just("String"),
            Just("Boolean"),
            Just("Number"),
            Just("Object"),
            Just("Record"),
            Just("Enum")
        ],
        prop::collection::btree_set(prop_oneof![word(), "[A-Z]{2,6}(_[A-Z]{2,6}){0,2}"], 1..6),
        "[A-Z][a-z]{2,8}( [a-z]{1,8}){0,6}\\.",
    )
        .prop_map(|(name, label, values, description)| Prop {
            name,
            label,
            values: if label == "Enum" { values.into_iter().collect() } else { Vec::new() },
            description,
        })
}

fn resource() -> impl Strategy<Value = (String, Vec<Prop>)> {
    (word(), prop::collection::vec(prop_strategy(), 1..8)).prop_map(|(name, mut props)| {
        let mut seen = std::collections::BTreeSet::new();
        props.retain(|p| seen.insert(p.name.clone()));
        (name, props)
    })
}

fn render_format(name: &str, props: &[Prop]) -> String {
    let mut s = format!("# Things\n\n## `{name}`\n\nA thing.\n\n");
    for p in props {
        s += &format!("### `{}`\n\nFormat: `{}`\n\n{}\n\n", p.name, p.label, p.description);
        if !p.values.is_empty() {
            s += "Possible enum values:\n";
            for v in &p.values {
                s += &format!("- `{v}`\n");
            }
            s += "\n";
        }
        s += "---\n\n";
    }
    s
}

fn render_condensed(name: &str, props: &[Prop]) -> String {
    let mut s = format!(
        "# Things\n\n## The {name} Object\n\n- [Properties](./#properties)\n\n\nA thing.\n\n---\n## Properties\n\n"
    );
    for p in props {
        s += &format!("**`{}`** *{}*\n\n{}\n\n", p.name, p.label, p.description);
        if !p.values.is_empty() {
            s += "<details>\n<summary>Enum values</summary>\n\n";
            for v in &p.values {
                s += &format!("- <code>{v}</code>\n");
            }
            s += "</details>\n\n";
        }
        s += "\n---\n\n";
    }
    s
}

fn check_round_trip(layout: Layout, text: String, name: &str, props: &[Prop]) -> Result<(), TestCaseError> {
    let page = SourceFile::new("r/README.md", "r/README.md", text);
    let r = frontend::read_page(&page, "https://docs.seam.co/latest/api/", &Default::default());
    prop_assert_eq!(r.layout, layout);
    let problems: Vec<String> =
        r.diagnostics.iter().filter(|d| d.severity >= Severity::Warning).map(|d| d.to_string()).collect();
    prop_assert!(problems.is_empty(), "{:?}\n{}", problems, page.text);
    let resource = r.model.resources.get(name).ok_or_else(|| TestCaseError::fail(format!("no `{name}`")))?;
    prop_assert_eq!(resource.properties.len(), props.len());
    for (got, want) in resource.properties.iter().zip(props) {
        prop_assert_eq!(&got.name, &want.name);
        prop_assert_eq!(got.ty.docs_label(), want.label);
        prop_assert_eq!(got.description.as_deref(), Some(want.description.as_str()));
        if let Type::Enum { values } = &got.ty {
            let got: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            prop_assert_eq!(got, want.values.iter().map(String::as_str).collect::<Vec<_>>());
        }
        // Every fact points at the line that states it.
        let line = got.sources[0].line as usize;
        let quoted = format!("`{}`", want.name);
        let stated = page.text.lines().nth(line - 1).unwrap_or_default();
        prop_assert!(stated.contains(&quoted), "line {} is {:?}", line, stated);
    }
    Ok(())
}

proptest! {
    #[test]
    fn format_layout_reads_back_what_was_written((name, props) in resource()) {
        check_round_trip(Layout::Format, render_format(&name, &props), &name, &props)?;
    }

    #[test]
    fn condensed_layout_reads_back_what_was_written((name, props) in resource()) {
        check_round_trip(Layout::Condensed, render_condensed(&name, &props), &name, &props)?;
    }
}
