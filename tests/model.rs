//! The intermediate model: one snapshot per seed page, one for the merge,
//! and the facts the foundation issue names, asserted outright.

use seam_codegen::model::{Layout, Type};
use seam_codegen::{Severity, frontend};
use seam_codegen_tests::{seeds, spec};

/// Each page alone, through its frontend, as YAML.
#[test]
fn each_seed_page_snapshot() {
    let spec = seeds();
    for page in &spec.pages {
        let r = frontend::read_page(page, &spec.config.docs_url, &Default::default());
        let name = page.path.replace(['/', '.'], "_");
        let diags: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        insta::assert_yaml_snapshot!(format!("page_{name}"), (&r.layout, &r.model, diags));
    }
}

#[test]
fn merged_model_snapshot() {
    let (model, diags) = seam_codegen::build_model(&seeds());
    let diags: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    insta::assert_yaml_snapshot!("merged_model", (&model, diags));
}

#[test]
fn layouts_are_detected_from_content() {
    let spec = seeds();
    let layouts: Vec<(&str, Layout)> = spec
        .pages
        .iter()
        .map(|p| (p.path.as_str(), frontend::read_page(p, &spec.config.docs_url, &Default::default()).layout))
        .collect();
    assert_eq!(
        layouts,
        [
            ("v1/action_attempts/README.md", Layout::Format),
            ("v1/events/README.md", Layout::Format),
            ("v2/action_attempts/README.md", Layout::Condensed),
            ("v3/events/README.txt", Layout::PageText),
        ]
    );
    // Content, not the name: the same text under another name is the same layout.
    let renamed = seam_codegen::SourceFile::new("x/page.txt", "page.txt", spec.pages[0].text.clone());
    assert_eq!(frontend::read_page(&renamed, &spec.config.docs_url, &Default::default()).layout, Layout::Format);
}

#[test]
fn merged_seeds_have_every_event_type_action_type_status_and_event() {
    let (model, diags) = seam_codegen::build_model(&seeds());
    assert!(diags.iter().all(|d| d.severity < Severity::Error), "{diags:#?}");

    // 88 event types of seed 002, each sourced from the events page.
    let seed_002 = std::fs::read_to_string(seam_codegen_tests::root().join("spec/v1/events/README.md")).unwrap();
    let listed: Vec<&str> = seed_002.lines().filter_map(|l| l.strip_prefix("- `")?.strip_suffix('`')).collect();
    assert_eq!(listed.len(), 88);
    // All 88, first and in docs order; the later page (seed 003) adds its
    // own after them (see tests/page_text.rs).
    let types: Vec<&str> = model.event_types.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(types[..88], listed, "event types in docs order");
    assert_eq!(types.len(), 96);
    for v in &model.event_types[..88] {
        assert!(v.sources.iter().any(|s| s.file == "v1/events/README.md" && s.line > 0), "{v:?}");
    }

    // 19 action types and 3 statuses of seed 001.
    let enum_values = |prop: &str| match &model.resource_property("action_attempt", prop).unwrap().ty {
        Type::Enum { values } => values.iter().map(|v| v.value.clone()).collect::<Vec<_>>(),
        other => panic!("{prop} is {other:?}"),
    };
    assert_eq!(enum_values("status"), ["success", "pending", "error"]);
    let action_types = enum_values("action_type");
    assert_eq!(action_types.len(), 19);
    assert_eq!(action_types.first().unwrap(), "LOCK_DOOR");
    assert_eq!(action_types.last().unwrap(), "UPDATE_NOISE_THRESHOLD");

    // The 4 action attempt events, merged from seed 000 and 001.
    let events: Vec<&str> = model.events.keys().map(String::as_str).collect();
    assert_eq!(
        events,
        [
            "action_attempt.lock_door.failed",
            "action_attempt.lock_door.succeeded",
            "action_attempt.unlock_door.failed",
            "action_attempt.unlock_door.succeeded",
        ]
    );
    for ev in model.events.values() {
        let files: Vec<&str> = ev.sources.iter().map(|s| s.file.as_str()).collect();
        assert_eq!(files, ["v1/action_attempts/README.md", "v2/action_attempts/README.md"], "{}", ev.event_type);
        let names: Vec<&str> = ev.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "action_attempt_id",
                "action_type",
                "created_at",
                "event_id",
                "event_type",
                "occurred_at",
                "status",
                "workspace_id"
            ]
        );
        for p in &ev.properties {
            let pages: Vec<&str> = p.sources.iter().map(|s| s.file.as_str()).filter(|f| f.starts_with('v')).collect();
            assert_eq!(
                pages,
                ["v1/action_attempts/README.md", "v2/action_attempts/README.md"],
                "{}.{}",
                ev.event_type,
                p.name
            );
        }
        let ty = |n: &str| &ev.properties.iter().find(|p| p.name == n).unwrap().ty;
        assert_eq!(ty("action_attempt_id"), &Type::Uuid);
        assert_eq!(ty("created_at"), &Type::Datetime);
        assert_eq!(ty("event_type"), &Type::Const { value: ev.event_type.clone() });
        // Seed 000's wording is newer than seed 001's, so it wins.
        let id = ev.properties.iter().find(|p| p.name == "action_attempt_id").unwrap();
        assert_eq!(id.description.as_deref(), Some("ID of the affected action attempt."));
    }
}

/// All of `spec/`: the seeds and the current Mintlify tree with its OpenAPI
/// document, too large to snapshot whole. Its counts are asserted, and its
/// docs-vs-spec drift report (every disagreement the comparison finds, one
/// line each) is a snapshot: a change in the docs or in the comparison shows
/// there.
#[test]
fn committed_docs_model_and_drift_report() {
    let spec = spec();
    let (model, diags) = seam_codegen::build_model(&spec);
    assert!(diags.iter().all(|d| d.severity < Severity::Error), "{diags:#?}");
    let layout = |file: &str| model.pages.iter().find(|p| p.file == file).map(|p| p.layout);
    assert_eq!(layout("v4/api/access_codes/object.mdx"), Some(Layout::Mintlify));
    assert_eq!(layout("v4/api/locks/object.mdx"), Some(Layout::Mintlify));
    assert_eq!(layout("v4/openapi.json"), Some(Layout::OpenApi));
    let counts = model.pages.iter().find_map(|p| p.spec.clone()).expect("the spec is counted");
    assert_eq!((counts.schemas, counts.event_types, counts.paths), (30, 103, 201), "{counts:?}");
    // Every event type of the current docs has its payload; the seeds'
    // older types are still among them.
    assert_eq!(model.events.len(), 103);
    assert_eq!(model.event_types.len(), 103);
    assert_eq!(model.endpoints.len(), 201);
    for r in ["access_code", "device", "action_attempt", "acs_user", "workspace"] {
        assert!(model.resources.contains_key(r), "{r}");
    }
    let report: Vec<String> =
        diags.iter().filter(|d| d.code.is_some_and(|c| c.starts_with("drift-"))).map(|d| d.to_string()).collect();
    insta::assert_yaml_snapshot!("committed_drift_report", report);
}

/// `tests/fixtures/mintlify`: a small tree in today's layout (MDX pages, an
/// OpenAPI 3.1 document in YAML, a guide, a JSON file that is no spec),
/// written to exercise each rule of the Mintlify and OpenAPI frontends and
/// of the drift comparison. Each page alone, and the merge, as YAML.
#[test]
fn mintlify_fixture_snapshots() {
    let dir = seam_codegen_tests::root().join("tests/fixtures/mintlify");
    let spec = seam_codegen::load_spec(&dir).expect("the fixture loads");
    for page in &spec.pages {
        let r = frontend::read_page(page, &spec.config.docs_url, &Default::default());
        let name = page.path.replace(['/', '.'], "_");
        let diags: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        insta::assert_yaml_snapshot!(format!("mintlify_{name}"), (&r.layout, &r.model, diags));
    }
    let (model, diags) = seam_codegen::build_model(&spec);
    let diags: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    insta::assert_yaml_snapshot!("mintlify_merged", (&model, diags));
}

/// Front matter is no Markdown in any layout, and alone no sign of MDX:
/// GitBook pages carry a `description`; Mintlify pages a `title`.
#[test]
fn front_matter_is_read_by_its_layout_not_as_markdown() {
    let body = "## The thing Object\n\nA thing.\n\n## Properties\n\n**`id`** *UUID*\n\nID.\n";
    let gitbook = format!("---\ndescription: Things and such\n---\n\n# Things\n\n{body}");
    let mintlify = format!("---\ntitle: 'The Thing Object'\n---\n\n{body}");
    for (text, layout) in [(gitbook, Layout::Condensed), (mintlify, Layout::Mintlify)] {
        let page = seam_codegen::SourceFile::new("p.md", "p.md", text);
        let r = frontend::read_page(&page, "https://docs.seam.co/latest/api/", &Default::default());
        assert_eq!(r.layout, layout);
        assert!(r.diagnostics.iter().all(|d| d.severity < Severity::Warning), "{:?}", r.diagnostics);
        let thing = &r.model.resources["thing"];
        assert_eq!(thing.description.as_deref(), Some("A thing."));
        assert_eq!(
            thing.properties[0].sources[0].line,
            page.text.lines().position(|l| l.contains("`id`")).unwrap() as u32 + 1
        );
    }
}

/// A call the docs show that contradicts their own schema is reported at
/// the sample, and the schema is widened exactly where it contradicts it,
/// so that the call still reads: a type becomes `Disputed` (its documented
/// type kept), a required parameter left out becomes optional, a `null`
/// where the spec says never becomes nullable. Nothing else changes.
#[test]
fn a_call_that_contradicts_its_schema_is_reported_and_widened_where_it_does() {
    let sample = "curl --request POST \"https://connect.getseam.com/widgets/list\" \\\n  --json @- <<EOF\n\
                  {\"limit\": \"ten\"}\nEOF\n\n# Response:\n# {\n#   \"widgets\": [\n#     {\"widget_id\": \
                  \"0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f\", \"sizes\": [\"s\", true], \"name\": null}\n#   ],\n\
                  #   \"ok\": true\n# }";
    let doc = serde_json::json!({
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": {"widget": {
            "type": "object",
            "properties": {
                "widget_id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "color": {"type": "string"},
                "sizes": {"type": "array", "items": {"type": "string", "enum": ["s", "m"]}}
            },
            "required": ["widget_id", "name", "color"]
        }}},
        "paths": {"/widgets/list": {"post": {
            "x-response-key": "widgets",
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object",
                "properties": {"limit": {"type": "number"}, "owner_id": {"type": "string"}},
                "required": ["owner_id"]
            }}}},
            "responses": {"200": {"content": {"application/json": {"schema": {
                "type": "object",
                "properties": {
                    "widgets": {"type": "array", "items": {"$ref": "#/components/schemas/widget"}},
                    "ok": {"type": "boolean"}
                },
                "required": ["widgets", "ok"]
            }}}}},
            "x-codeSamples": [{"lang": "bash", "source": sample}]
        }}}
    });
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let (model, diags) = seam_codegen::build_model(&seam_codegen_tests::spec_of(&[("openapi.json", &text)]));
    let drift: Vec<&str> =
        diags.iter().filter(|d| d.code == Some("drift-example")).map(|d| d.message.as_str()).collect();
    assert_eq!(drift.len(), 4, "{drift:#?}");
    for (at, what) in [
        ("`limit` is a string, the spec says Number", "kept as written"),
        ("`owner_id` is left out", "read as optional"),
        ("`widgets[0].sizes[1]` is a boolean, the spec says Enum", "kept as written"),
        ("`widgets[0].name` is null", "read as nullable"),
    ] {
        assert!(drift.iter().any(|m| m.contains(at) && m.contains(what)), "{at}: {drift:#?}");
    }
    let endpoint = &model.endpoints["/widgets/list"];
    let request = endpoint.request.as_ref().unwrap();
    let limit = request.iter().find(|p| p.name == "limit").unwrap();
    assert_eq!(limit.ty, Type::Disputed { documented: Box::new(Type::Number) });
    let owner = request.iter().find(|p| p.name == "owner_id").unwrap();
    assert_eq!((owner.ty.clone(), owner.declared.map(|d| d.required)), (Type::String, Some(false)));
    // In the resource, where the response's items are defined: the list's
    // item, not the list; `name` may be null, and stays required.
    let widget = |name: &str| model.resource_property("widget", name).unwrap();
    let Type::List { item } = &widget("sizes").ty else { panic!("{:?}", widget("sizes").ty) };
    assert!(matches!(&**item, Type::Disputed { documented } if matches!(**documented, Type::Enum { .. })));
    assert_eq!(widget("name").declared.map(|d| (d.required, d.nullable)), Some((true, true)));
    // What the call does not contradict is as the spec says.
    assert_eq!(widget("widget_id").ty, Type::Uuid);
    assert_eq!(widget("color").declared.map(|d| (d.required, d.nullable)), Some((true, false)));
    let response = &endpoint.response.as_ref().unwrap().properties;
    assert!(matches!(response.iter().find(|p| p.name == "widgets").unwrap().ty, Type::List { .. }));
}
