//! An endpoint's own page, in the GitBook layouts (the May and July 2025
//! trees):
//!
//! ```text
//! # Get a Device                   its title, then its description
//! ```                              (May) the call's signature: method,
//! POST /devices/get ⇒ { device }   path, and the response key
//! ```
//! {% tab title="cURL" %}           examples: a cURL command (its URL gives
//! ```curl                          the path, its here-document the
//! curl … "https://…/devices/get"   request body), then the JSON answered
//! ```                              in the next code block (`#### Output:`)
//! ## Request Parameters            (July) `**`name`** *Type* (Required)`,
//!                                  (May) `### `name`` + `Format: `T``
//!                                  `Required: Yes`
//! ## Response / ## Return Type     `void`, `[resource](./)`, or a list of
//!                                  them: `Array of [resources](./)` (July),
//!                                  `Array<[resource](./)>` (May)
//! ```
//!
//! The page gives the endpoint's request parameters (their presence as the
//! page marks it), its response (the resource it answers with, under the
//! key the API uses) and the calls its examples show.

use super::condensed::is_liquid;
use super::properties::{draft, header};
use super::sections::push_description;
use super::{PageCx, PropDraft, read_props, strip_liquid, typed_name};
use crate::markdown::{self, Block, Inline};
use crate::model::{CallExample, Endpoint, Model, Property, Response, Source, Type};

#[derive(PartialEq)]
enum Section {
    /// The title and description, and the first examples.
    Preamble,
    Parameters,
    Response,
    /// Authentication, examples: only their code blocks are read.
    Other,
}

/// Reads an endpoint page into `out.endpoints`.
pub(super) fn read(blocks: &[Block], cx: &mut PageCx, out: &mut Model) {
    let mut e = Endpoint::default();
    let mut section = Section::Preamble;
    // The description stops at the first example (`{% tabs %}`).
    let mut describing = true;
    let mut params: Vec<Block> = Vec::new();
    let mut curl = Curl::default();
    let mut key_hint: Option<Signature> = None;
    let mut page_at = 0;
    let mut response: Option<Response> = None;

    for block in blocks {
        if let Block::CodeBlock { text, at, .. } = block {
            // The response section's JSON is the resource's, not an answer.
            if section == Section::Response {
                curl.finish(&mut e);
            } else {
                read_code(text, *at, &mut e, &mut curl, &mut key_hint, cx);
            }
            continue;
        }
        if let Block::Heading { level, inlines, at } = block {
            let title = markdown::plain_text(inlines);
            let title = title.trim();
            if *level == 1 {
                e.title = Some(title.to_owned());
                page_at = *at;
                continue;
            }
            if *level == 2 {
                section = match title {
                    "Request Parameters" | "Request" => Section::Parameters,
                    "Response" | "Return Type" => Section::Response,
                    _ => Section::Other,
                };
                describing = false;
                continue;
            }
            // `### `name``: one parameter of the May layout.
            if section == Section::Parameters {
                params.push(block.clone());
            }
            continue;
        }
        match section {
            Section::Preamble => {
                if is_liquid(block) {
                    describing = false;
                } else if describing
                    && matches!(block, Block::Paragraph { .. })
                    && let Some(md) = cx.block_md(block)
                {
                    let md = strip_liquid(&md);
                    if !md.is_empty() {
                        push_description(&mut e.description, md);
                    }
                }
            }
            Section::Parameters => params.push(block.clone()),
            Section::Response if response.is_none() => {
                if let Block::Paragraph { inlines, at } = block {
                    response = read_response(inlines, *at, cx);
                }
            }
            Section::Response | Section::Other => {}
        }
    }
    curl.finish(&mut e);
    if e.path.is_empty() {
        cx.warning(
            page_at,
            "an endpoint page that shows no path (no `POST /path` line, no cURL example): it is not modelled",
        );
        return;
    }
    // `### `name`` headings (the May layout), or property lines.
    let headings = params.iter().any(|b| matches!(b, Block::Heading { .. }));
    let mut request = if headings { read_format_params(&params, cx) } else { read_params(&params, cx) };
    // A page marks parameters that must be sent; it never says a
    // parameter may be null.
    for p in &mut request {
        if let Some(d) = p.declared.as_mut() {
            d.nullable = false;
        }
    }
    e.request = Some(request);
    // The key the answers show (`access_code` for an `unmanaged_access_code`)
    // is the key on the wire, whatever the response section's link says.
    // So is the signature's (`⇒ { user_identity }`).
    if let Some(r) = response.as_mut()
        && let Some(shown) = shown_key(&e).or_else(|| key_hint.as_ref().map(|(k, _)| k.clone()))
        && let [p] = r.properties.as_mut_slice()
        && r.key.as_deref() != Some(shown.as_str())
    {
        cx.diags.push(crate::diag::Diagnostic::info(
            p.sources.first().cloned().unwrap_or_else(|| cx.src(page_at)),
            format!(
                "the response section names `{}`; the page's answers hold it under `{shown}`: read under that key",
                p.name
            ),
        ));
        p.name = shown.clone();
        r.key = Some(shown);
    }
    // The signature's response key, when the section did not say.
    e.response = response.or_else(|| {
        key_hint.clone().map(|(key, item)| {
            let ty = match item {
                Some(item) => Type::List { item: Box::new(Type::Ref { name: item }) },
                None => Type::Ref { name: key.clone() },
            };
            Response { key: Some(key.clone()), properties: vec![Property::new(&key, ty, cx.src(page_at))] }
        })
    });
    if e.sources.is_empty() {
        e.sources.push(cx.src(page_at));
    }
    out.endpoints.insert(e.path.clone(), e);
}

/// A code block: the call's signature (`POST /path ⇒ { key }`), a cURL
/// command, or what the last cURL command answered.
fn read_code(text: &str, at: usize, e: &mut Endpoint, curl: &mut Curl, key: &mut Option<Signature>, cx: &PageCx) {
    let first = text.trim_start().lines().next().unwrap_or_default();
    if let Some((method, rest)) = first.split_once(' ')
        && METHODS.contains(&method)
        && rest.starts_with('/')
    {
        let (path, answer) = rest.split_once('⇒').unwrap_or((rest, ""));
        set_path(e, path.trim(), method, at, cx);
        // `{ device }`, `{ devices: [device, …] }`, `void`.
        let answer = answer.trim().trim_start_matches('{').trim_end_matches('}').trim();
        if !answer.is_empty() && answer != "void" {
            *key = Some(match answer.split_once(':') {
                Some((name, item)) => {
                    let item = item.trim().trim_start_matches('[').split([',', ']']).next().unwrap_or_default().trim();
                    let item = if item.is_empty() { singular(name.trim()) } else { item.to_owned() };
                    (name.trim().to_owned(), Some(item))
                }
                None => (answer.to_owned(), None),
            });
        }
        return;
    }
    if first.starts_with("curl ") {
        curl.finish(e);
        let (method, url) = curl_target(text);
        let path = url.as_deref().and_then(url_path);
        if let Some(path) = &path {
            set_path(e, path, method.as_deref().unwrap_or("POST"), at, cx);
        }
        // A call to another endpoint (a setup step) is not this one's.
        if path.is_none_or(|p| p != e.path) {
            return;
        }
        // Located so that the body's first line is the line after `source`,
        // as for a JSON block after its fence.
        let mut source = cx.src(at);
        if let Some(head) = text.split_once("<<").and_then(|(head, rest)| Some((head, rest.split_once('\n')?))) {
            source.line += head.0.matches('\n').count() as u32 + 1;
        }
        curl.request = Some((heredoc(text), source));
        return;
    }
    // The answer of the command before, if it is JSON.
    let trimmed = text.trim_start();
    if curl.request.is_some() && (trimmed.starts_with('{') || trimmed.starts_with('[')) {
        curl.response = Some((text.to_owned(), cx.src(at)));
        curl.finish(e);
    }
}

/// The response key a signature names, and the resource each item of its
/// list is (`None`: not a list).
type Signature = (String, Option<String>);

const METHODS: [&str; 5] = ["POST", "GET", "PUT", "PATCH", "DELETE"];

/// The path an endpoint page shows: the first one; one of its examples
/// calling another path is not this endpoint's.
fn set_path(e: &mut Endpoint, path: &str, method: &str, at: usize, cx: &PageCx) {
    if e.path.is_empty() {
        e.path = path.to_owned();
        e.sources.push(cx.src(at));
    }
    if e.path == path && !e.methods.iter().any(|m| m == method) {
        e.methods.push(method.to_owned());
    }
}

/// A cURL example being read: the request body its command sends, until
/// the block that shows the answer.
#[derive(Default)]
struct Curl {
    request: Option<(Option<String>, Source)>,
    response: Option<(String, Source)>,
}

impl Curl {
    fn finish(&mut self, e: &mut Endpoint) {
        if let Some((request, source)) = self.request.take() {
            let (response, response_source) = self.response.take().unzip();
            if request.is_some() || response.is_some() {
                e.examples.push(CallExample { request, response, source, response_source });
            }
        }
    }
}

/// `--request METHOD` and the URL of a cURL command.
fn curl_target(text: &str) -> (Option<String>, Option<String>) {
    let words = shell_words(text.split("<<").next().unwrap_or_default());
    let mut method = None;
    let mut url = None;
    let mut it = words.iter();
    while let Some(w) = it.next() {
        match w.as_str() {
            "--request" | "-X" => method = it.next().cloned(),
            // The first URL: later ones are options' (`--proxy`).
            w if url.is_none() && (w.starts_with("http://") || w.starts_with("https://")) => url = Some(w.to_owned()),
            "--proxy" | "-x" | "--referer" | "-e" => {
                it.next();
            }
            _ => {}
        }
    }
    (method, url)
}

/// Words of a shell command: quotes removed, `\` line continuations joined.
fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            // In double quotes, `\"` and `\\` are the character.
            (Some('"'), '\\') if matches!(chars.peek(), Some('"' | '\\')) => word.extend(chars.next()),
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => quote = Some(c),
            (None, '\\') => {
                if chars.peek() != Some(&'\n') {
                    word.extend(chars.next());
                } else {
                    chars.next();
                }
            }
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `https://connect.getseam.com/devices/get` → `/devices/get`.
fn url_path(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Some(path.to_owned())
}

/// The here-document of a command (`<<EOF` … `EOF`): the request body.
fn heredoc(text: &str) -> Option<String> {
    let (_, body) = text.split_once("<<")?;
    let (marker, body) = body.split_once('\n')?;
    // `<<EOF`, `<<-EOF` (tabs stripped), `<<'EOF'`, `<<EOF | jq .`.
    let marker = marker.trim().trim_start_matches('-').split_whitespace().next().unwrap_or_default();
    let marker = marker.trim_matches(['\'', '"']);
    let end = body.lines().position(|l| l.trim() == marker)?;
    let lines: Vec<&str> = body.lines().take(end).collect();
    Some(lines.join("\n"))
}

/// `void`, `[device](./)`, `Array of [devices](./)`, `Array<[device](./)>`.
fn read_response(inlines: &[Inline], at: usize, cx: &mut PageCx) -> Option<Response> {
    let text = markdown::plain_text(inlines);
    let text = text.trim();
    if text == "void" {
        return Some(Response { key: None, properties: Vec::new() });
    }
    let link = inlines.iter().find_map(|i| match i {
        Inline::Link { children, .. } => Some(markdown::plain_text(children)),
        _ => None,
    });
    let Some(name) = link.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()) else {
        cx.warning(
            at,
            format!(
                "response `{text}` is not understood: expected `void`, `[resource](./)` or `Array of [resources](./)`; \
                 the response is not modelled"
            ),
        );
        return None;
    };
    let list = text.starts_with("Array");
    // `Array<[acs_entrance]>` names the item; the key is its plural.
    let (key, item) = if list && text.starts_with("Array<") {
        (plural(&name), name)
    } else if list {
        (name.clone(), singular(&name))
    } else {
        (name.clone(), name)
    };
    let ty = if list { Type::List { item: Box::new(Type::Ref { name: item }) } } else { Type::Ref { name: item } };
    Some(Response { key: Some(key.clone()), properties: vec![Property::new(&key, ty, cx.src(at))] })
}

/// `devices` → `device`, `acs_entrances` → `acs_entrance`: the resource a
/// plural key names (the docs name resources in the singular).
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = word.strip_suffix("sses") {
        format!("{stem}ss")
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('y') {
        format!("{stem}ies")
    } else if word.ends_with('s') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// The May layout's parameters: `### `name`` headings, each with its
/// `Format: `T`` / `Required: Yes` paragraph and its description.
fn read_format_params(blocks: &[Block], cx: &mut PageCx) -> Vec<Property> {
    let mut out = Vec::new();
    let mut current: Option<PropDraft> = None;
    for block in blocks {
        if let Block::Heading { inlines, at, .. } = block {
            out.extend(current.take().and_then(|d| d.finish(cx)));
            match markdown::significant(inlines).as_slice() {
                [Inline::Code { text, .. }] => current = Some(PropDraft::new(text.clone(), *at)),
                _ => cx.warning(*at, "expected a parameter heading `### `name``; not modelled"),
            }
            continue;
        }
        let Some(d) = current.as_mut() else { continue };
        // `Format: `UUID`` and `Required: No` on two lines of one paragraph.
        if let Block::Paragraph { inlines, .. } = block
            && markdown::plain_text(inlines).lines().any(|l| l.trim().starts_with("Required:"))
        {
            let plain = markdown::plain_text(inlines);
            d.required |= plain.lines().any(|l| l.trim() == "Required: Yes");
            let sig = markdown::significant(inlines);
            for pair in sig.windows(2) {
                if let [Inline::Text { text, .. }, Inline::Code { text: code, at }] = pair
                    && text.trim() == "Format:"
                {
                    d.label = Some((code.clone(), *at));
                }
            }
            continue;
        }
        if !d.take(block, cx) && !matches!(block, Block::Rule { .. }) {
            cx.warning(block.at(), format!("unexpected block in parameter `{}`; it is not modelled", d.name));
        }
    }
    out.extend(current.take().and_then(|d| d.finish(cx)));
    out
}

/// The July layout's parameters: property lines, as on a resource page;
/// an object parameter's children follow it, each a `<details>` whose
/// summary is its property line (`<b><code>auto_join</code></b>
/// <i>Boolean</i>`), the later ones after `---` lines.
fn read_params(blocks: &[Block], cx: &mut PageCx) -> Vec<Property> {
    let mut top = Vec::new();
    let mut children: Vec<(String, Property, usize)> = Vec::new();
    let mut parent: Option<String> = None;
    for b in blocks {
        if let Some(h) = header(b) {
            parent = Some(h.name.clone());
        } else if let Block::Details { summary, blocks: inner, at } = b
            && let Some(h) = typed_name(summary).filter(|h| !h.labels.is_empty())
            && let Some(parent) = &parent
        {
            let mut d = draft(h);
            for inner in inner {
                if !d.take(inner, cx) {
                    cx.warning(inner.at(), format!("unexpected block in parameter `{}`; it is not modelled", d.name));
                }
            }
            children.extend(d.finish(cx).map(|p| (parent.clone(), p, *at)));
            continue;
        }
        top.push(b.clone());
    }
    let mut props = read_props(&top, cx);
    for (parent, child, at) in children {
        let target = props.iter_mut().find(|p| p.name == parent).map(|p| &mut p.ty);
        match target {
            Some(Type::Object { properties }) => properties.push(child),
            _ => cx.warning(
                at,
                format!(
                    "`{}` follows parameter `{parent}` as its child, but `{parent}` is no object; not modelled",
                    child.name
                ),
            ),
        }
    }
    props
}

/// The one key (besides `ok` and `pagination`) the page's example answers
/// hold, when they agree on one.
fn shown_key(e: &Endpoint) -> Option<String> {
    let mut shown: Option<String> = None;
    for ex in &e.examples {
        let Some(json) = &ex.response else { continue };
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) else { continue };
        let keys: Vec<&String> = map.keys().filter(|k| !matches!(k.as_str(), "ok" | "pagination")).collect();
        match (keys.as_slice(), &shown) {
            ([k], None) => shown = Some((*k).clone()),
            ([k], Some(s)) if *k == s => {}
            _ => return None,
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use crate::frontend::{read_page, split::Knowledge};
    use crate::model::{Endpoint, Type};
    use crate::source::SourceFile;

    fn read(text: &str) -> (Option<Endpoint>, Vec<String>) {
        let file = SourceFile::new("things/get.md", "things/get.md", text);
        let r = read_page(&file, "https://docs.example.com/api/", &Knowledge::new());
        let diags = r.diagnostics.iter().map(|d| format!("{}: {}", d.source, d.message)).collect();
        (r.model.endpoints.into_values().next(), diags)
    }

    const JULY: &str = r#"# Get a Thing

- [Request Parameters](#request-parameters)
- [Response](#response)

Returns a specified [thing](../things/README.md).

{% tabs %}
{% tab title="cURL" %}

Gets one.

#### Code:

```curl
curl --include --request POST "https://connect.example.com/things/get" \
  --header "Authorization: Bearer $KEY" \
  --json @- <<EOF
{
  "thing_id": "a75bff05-29a3-4215-a09f-2156c52a4ac7"
}
EOF
```

#### Output:

```curl
{
  "widget": { "thing_id": "a75bff05-29a3-4215-a09f-2156c52a4ac7" }
}
```
{% endtab %}
{% endtabs %}

## Request Parameters

**`thing_id`** *String* (Required)

ID of the thing.

---

**`options`** *Object*

How to get it.

<details>

<summary><b><code>fresh</code></b> <i>Boolean</i></summary>

Skip the cache.
</details>

---

<details>

<summary><b><code>depth</code></b> <i>Number</i></summary>

</details>

---

## Response

[thing](.)
"#;

    #[test]
    fn a_july_page_gives_path_parameters_response_and_calls() {
        let (e, diags) = read(JULY);
        assert_eq!(
            diags,
            [
                "things/get.md:66: the response section names `thing`; the page's answers hold it under `widget`: read under that key"
            ]
        );
        let e = e.expect("an endpoint");
        assert_eq!(e.path, "/things/get");
        assert_eq!(e.methods, ["POST"]);
        assert_eq!(e.title.as_deref(), Some("Get a Thing"));
        assert_eq!(e.description.as_deref(), Some("Returns a specified [thing](https://docs.example.com/api/things)."));
        let request = e.request.expect("parameters");
        let names: Vec<(&str, bool)> =
            request.iter().map(|p| (p.name.as_str(), p.declared.is_some_and(|d| d.required && !d.nullable))).collect();
        assert_eq!(names, [("thing_id", true), ("options", false)]);
        let Type::Object { properties } = &request[1].ty else { panic!("{:?}", request[1].ty) };
        let children: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(children, ["fresh", "depth"]);
        // The key the example answers with, not the resource's name.
        let response = e.response.expect("a response");
        assert_eq!(response.key.as_deref(), Some("widget"));
        assert_eq!(response.properties[0].name, "widget");
        assert_eq!(response.properties[0].ty, Type::Ref { name: "thing".into() });
        assert_eq!(e.examples.len(), 1);
        let call = &e.examples[0];
        assert_eq!(call.request.as_deref(), Some("{\n  \"thing_id\": \"a75bff05-29a3-4215-a09f-2156c52a4ac7\"\n}"));
        assert!(call.response.as_deref().is_some_and(|r| r.contains("\"widget\"")));
        // The line before the body, for each: the `--json @- <<EOF` line,
        // the output's fence.
        assert_eq!(call.source.line, 18);
        assert_eq!(call.response_source.as_ref().map(|s| s.line), Some(27));
    }

    #[test]
    fn a_may_page_gives_its_signature_and_parameters() {
        let text = "# List Things\n\n```\nPOST /things/list ⇒ { things: [thing, …] }\n```\n\nLists them.\n\n\
                    ## Request Parameters\n\n### `owner_id`\n\nFormat: `UUID`\nRequired: Yes\n\nWhose things.\n\n***\n\n\
                    ### `limit`\n\nFormat: `Number`\nRequired: No\n\n***\n\n## Return Type\n\nArray<[thing](./)>\n";
        let (e, diags) = read(text);
        assert!(diags.is_empty(), "{diags:?}");
        let e = e.expect("an endpoint");
        assert_eq!((e.path.as_str(), e.methods.as_slice()), ("/things/list", ["POST".to_owned()].as_slice()));
        let request = e.request.expect("parameters");
        let got: Vec<(&str, &Type, bool)> =
            request.iter().map(|p| (p.name.as_str(), &p.ty, p.declared.is_some_and(|d| d.required))).collect();
        assert_eq!(got, [("owner_id", &Type::Uuid, true), ("limit", &Type::Number, false)]);
        let response = e.response.expect("a response");
        assert_eq!(response.key.as_deref(), Some("things"));
        let item = Type::Ref { name: "thing".into() };
        assert_eq!(response.properties[0].ty, Type::List { item: Box::new(item) });
    }

    #[test]
    fn void_and_list_responses() {
        let page = |response: &str| format!("# Do\n\n```\nPOST /things/do ⇒ void\n```\n\n## Response\n\n{response}\n");
        let (e, _) = read(&page("void"));
        let response = e.unwrap().response.unwrap();
        assert!(response.key.is_none() && response.properties.is_empty());
        let (e, _) = read(&page("Array of [acs\\_entrances](./)"));
        let response = e.unwrap().response.unwrap();
        assert_eq!(response.key.as_deref(), Some("acs_entrances"));
        let item = Type::Ref { name: "acs_entrance".into() };
        assert_eq!(response.properties[0].ty, Type::List { item: Box::new(item) });
        // What the section does not say in its grammar is reported.
        let (e, diags) = read(&page("Something else"));
        assert!(e.unwrap().response.is_none());
        assert!(diags.iter().any(|d| d.contains("response `Something else` is not understood")), "{diags:?}");
    }

    #[test]
    fn a_page_without_a_path_is_reported_not_guessed() {
        let text = "# Get related\n\nGets them.\n\n## Request Parameters\n\n**`ids`** *Array* *of UUIDs* (Required)\n\nThe IDs.\n";
        let (e, diags) = read(text);
        assert!(e.is_none());
        assert!(
            diags.iter().any(|d| d.starts_with("things/get.md:1: an endpoint page that shows no path")),
            "{diags:?}"
        );
    }

    /// A signature's list names its item; the page's own answers name the
    /// key (a note says so when the response section differs); a call to
    /// another path is not this endpoint's example; the response
    /// section's JSON is no answer.
    #[test]
    fn keys_items_and_calls_that_are_not_this_endpoints() {
        let text = "# List Unmanaged\n\n```\nPOST /things/unmanaged/list ⇒ { things: [unmanaged_thing, …] }\n```\n\n\
                    {% tab title=\"cURL\" %}\n\n```curl\ncurl -X POST https://x.test/things/create --json @- <<EOF\n{\"a\": 1}\nEOF\n```\n\n\
                    ```curl\n{\"thing\": {}}\n```\n\n\
                    ```curl\ncurl -X POST \"https://x.test/things/unmanaged/list\" --json @- <<-EOF | jq .\n{\"limit\": 2}\nEOF\n```\n\n\
                    ## Return Type\n\nArray<[unmanaged\\_thing](./)>\n\n```json\n{\"thing_id\": \"x\"}\n```\n";
        let (e, diags) = read(text);
        let e = e.expect("an endpoint");
        assert_eq!(e.path, "/things/unmanaged/list");
        let response = e.response.expect("a response");
        assert_eq!(response.key.as_deref(), Some("things"));
        let item = Type::Ref { name: "unmanaged_thing".into() };
        assert_eq!(response.properties[0].ty, Type::List { item: Box::new(item) });
        assert!(
            diags.iter().any(|d| d.contains("names `unmanaged_things`; the page's answers hold it under `things`")),
            "{diags:?}"
        );
        // Only the call to this path, and without an answer.
        assert_eq!(e.examples.len(), 1, "{:?}", e.examples);
        assert_eq!(e.examples[0].request.as_deref(), Some("{\"limit\": 2}"));
        assert_eq!(e.examples[0].response, None);
    }

    #[test]
    fn shell_words_and_heredocs() {
        let words = super::shell_words("curl -H \"X: \\\"q\\\"\" --proxy http://p.test https://x.test/a");
        assert_eq!(words, ["curl", "-H", "X: \"q\"", "--proxy", "http://p.test", "https://x.test/a"]);
        assert_eq!(super::curl_target(&words.join(" ")).1.as_deref(), Some("https://x.test/a"));
        let cmd = "curl --request PATCH \\\n  'https://x.test/a/b?c=1' --json @- <<'END'\n{\"a\": 1}\nEND\n";
        assert_eq!(super::curl_target(cmd), (Some("PATCH".into()), Some("https://x.test/a/b?c=1".into())));
        assert_eq!(super::url_path("https://x.test/a/b?c=1").as_deref(), Some("/a/b"));
        assert_eq!(super::heredoc(cmd).as_deref(), Some("{\"a\": 1}"));
        assert_eq!(super::heredoc("curl https://x.test/a"), None);
        assert_eq!(super::singular("entries"), "entry");
        assert_eq!(super::plural("acs_entrance"), "acs_entrances");
    }
}
