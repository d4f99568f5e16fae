//! What changed in the API between two surfaces ([`crate::surface`]), the
//! semver level that implies, as Markdown for a changelog or a pull
//! request, and the crate version bumped by that level.
//!
//! The rules ([`Report::level`]):
//! - **major** (breaking): anything removed (a resource, an event type, a
//!   property, an enum value, a variant), a property retyped (its type, at
//!   any depth, or its presence: `T`, `Option<T>` and `Field<T>` are
//!   different Rust types), or a new property that must be present (a
//!   required property of an object that was already there, as `strict:
//!   true` or a `presence:` pin makes it: payloads without it no longer
//!   read);
//! - **minor**: anything added (a new enum value included: every generated
//!   enum keeps unknown values, so old payloads still read), a deprecation
//!   added or lifted;
//! - **patch**: nothing in the surface changed (descriptions, examples,
//!   links: the docs only), or nothing at all.
//!
//! A change below another change (the properties of a new resource, the
//! values of a property that is no longer an enum) is counted with it, not
//! listed again: the report lists what a reader acts on.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::surface::{Fact, Surface};

/// The semver level of a change, from least to most disruptive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Patch,
    Minor,
    Major,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a fact changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Removed,
    Retyped,
    Added,
}

/// One change a reader acts on, with the changes below it folded in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub change: Change,
    /// The fact's key (`property device.name`).
    pub key: String,
    /// The detail before (removed, retyped) and after (added, retyped).
    pub old: Option<String>,
    pub new: Option<String>,
    /// The changes folded into this one, by kind of fact.
    pub below: BTreeMap<String, usize>,
}

impl Entry {
    pub fn kind(&self) -> &str {
        Fact::kind_of(&self.key)
    }

    /// The fact without its kind: a path, `PATH = VALUE`, or for a
    /// deprecation the key of the fact it marks.
    pub fn subject(&self) -> &str {
        self.key.split_once(' ').map_or("", |(_, s)| s)
    }

    /// The semver level this change implies on its own.
    pub fn level(&self) -> Level {
        match (self.change, self.kind()) {
            (_, "deprecated") => Level::Minor,
            (Change::Removed | Change::Retyped, _) => Level::Major,
            (Change::Added, "property") if self.new.as_deref().is_some_and(is_required) => Level::Major,
            (Change::Added, _) => Level::Minor,
        }
    }
}

/// A property detail that says it must be present: `T (required)` or
/// `T (required, nullable)`.
fn is_required(detail: &str) -> bool {
    detail.ends_with(" (required)") || detail.ends_with(" (required, nullable)")
}

/// The changes from one surface to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What is compared, as the title names them (`generated/`, `spec/`).
    pub from: String,
    pub to: String,
    /// Whether there was a surface to compare with (absent: everything is new).
    pub had_old: bool,
    /// The changes a reader acts on, sorted by place.
    pub entries: Vec<Entry>,
    /// Every fact that changed, folded or not: (kind, change) → count.
    pub totals: BTreeMap<(String, Change), usize>,
    /// Facts in the new surface.
    pub facts: usize,
}

impl Report {
    /// Compares two surfaces. `old` is `None` when there is none (a crate
    /// not generated yet): every fact is new.
    pub fn compare(from: &str, old: Option<&Surface>, to: &str, new: &Surface) -> Report {
        let empty = Surface::default();
        let old_s = old.unwrap_or(&empty);
        let mut changes: Vec<Entry> = Vec::new();
        let entry = |change, key: &String, old: Option<&String>, new: Option<&String>| Entry {
            change,
            key: key.clone(),
            old: old.cloned(),
            new: new.cloned(),
            below: BTreeMap::new(),
        };
        for (key, detail) in &old_s.facts {
            match new.facts.get(key) {
                None => changes.push(entry(Change::Removed, key, detail.as_ref(), None)),
                Some(d) if d != detail => changes.push(entry(Change::Retyped, key, detail.as_ref(), d.as_ref())),
                Some(_) => {}
            }
        }
        for (key, detail) in &new.facts {
            if !old_s.facts.contains_key(key) {
                changes.push(entry(Change::Added, key, None, detail.as_ref()));
            }
        }
        let mut totals: BTreeMap<(String, Change), usize> = BTreeMap::new();
        for c in &changes {
            *totals.entry((c.kind().to_owned(), c.change)).or_default() += 1;
        }

        // Fold each change into the outermost change above it.
        let places: Vec<String> = changes.iter().map(|c| Fact::place(&c.key)).collect();
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, p) in places.iter().enumerate() {
            at.entry(p.as_str()).or_insert(i);
        }
        let mut head: Vec<Option<usize>> = vec![None; changes.len()];
        for (i, p) in places.iter().enumerate() {
            head[i] = p
                .char_indices()
                .filter(|&(j, c)| j > 0 && matches!(c, '.' | '[' | '{' | ' '))
                .find_map(|(j, _)| at.get(&p[..j]).copied().filter(|&h| h != i));
        }
        let mut entries = Vec::new();
        let mut index = vec![usize::MAX; changes.len()];
        for (i, c) in changes.iter().enumerate() {
            if head[i].is_none() {
                index[i] = entries.len();
                entries.push(c.clone());
            }
        }
        for (i, c) in changes.iter().enumerate() {
            if let Some(h) = head[i] {
                // Heads have no head themselves: `h` is outermost.
                let e = &mut entries[index[h]];
                *e.below.entry(c.kind().to_owned()).or_default() += 1;
            }
        }
        // By place, a closing bracket before anything: `event[a.b]` before
        // `event[a.b.c]`.
        let order = |e: &Entry| Fact::place(&e.key).replace([']', '}'], "\u{1}");
        entries.sort_by_cached_key(|e| (e.change, order(e), e.key.clone()));
        Report {
            from: from.to_owned(),
            to: to.to_owned(),
            had_old: old.is_some(),
            entries,
            totals,
            facts: new.facts.len(),
        }
    }

    /// The semver level the changes imply: the highest of any one.
    pub fn level(&self) -> Level {
        self.entries.iter().map(Entry::level).max().unwrap_or(Level::Patch)
    }

    pub fn is_unchanged(&self) -> bool {
        self.entries.is_empty()
    }

    fn total(&self, change: Change) -> usize {
        self.totals.iter().filter(|((_, c), _)| *c == change).map(|(_, n)| n).sum()
    }

    /// One line: the level and the counts of changed facts.
    pub fn summary(&self) -> String {
        if self.is_unchanged() {
            return format!("API surface unchanged ({} facts): patch", self.facts);
        }
        format!(
            "API changes: {} added, {} removed, {} retyped: {}{}",
            self.total(Change::Added),
            self.total(Change::Removed),
            self.total(Change::Retyped),
            self.level(),
            if self.level() == Level::Major { " (breaking)" } else { "" },
        )
    }

    /// The report as Markdown, for a changelog or a pull request.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## API changes: {} → {}\n", code(&self.from), code(&self.to));
        if !self.had_old {
            let _ = writeln!(out, "No earlier API surface to compare with: everything is new.\n");
        }
        if self.is_unchanged() {
            let _ = writeln!(
                out,
                "**Semver: patch.** The API surface is unchanged ({} facts): descriptions and examples at most.",
                self.facts
            );
            return out;
        }
        let level = self.level();
        let _ = writeln!(
            out,
            "**Semver: {level}**{}.\n",
            match level {
                Level::Major => " (breaking: something was removed or retyped, or must now be present)",
                Level::Minor => " (additions only)",
                Level::Patch => "",
            }
        );
        // Totals by kind of fact, folded changes included.
        let _ = writeln!(out, "| | added | removed | retyped |\n| --- | ---: | ---: | ---: |");
        for (kind, label) in KINDS {
            let n = |c| self.totals.get(&(kind.to_string(), c)).copied().unwrap_or(0);
            let (a, r, t) = (n(Change::Added), n(Change::Removed), n(Change::Retyped));
            if a + r + t > 0 {
                let cell = |n: usize| if n == 0 { String::new() } else { n.to_string() };
                let _ = writeln!(out, "| {label} | {} | {} | {} |", cell(a), cell(r), cell(t));
            }
        }
        for (n, title) in SECTIONS.iter().enumerate() {
            let mine: Vec<&Entry> = self.entries.iter().filter(|e| section(e) == n).collect();
            if mine.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {title}\n");
            let mut i = 0;
            while i < mine.len() {
                // Enum values of one property, changed the same way: one line.
                let e = mine[i];
                if e.kind() == "value" {
                    let (path, _) = value_parts(e.subject());
                    let mut values = Vec::new();
                    while i < mine.len()
                        && mine[i].kind() == "value"
                        && mine[i].change == e.change
                        && value_parts(mine[i].subject()).0 == path
                    {
                        values.push(format!("{}{}", code(value_parts(mine[i].subject()).1), below(mine[i])));
                        i += 1;
                    }
                    let what = if values.len() == 1 { "enum value" } else { "enum values" };
                    let verb = if e.change == Change::Removed { "Removed " } else { "" };
                    let what = if verb.is_empty() { capitalise(what) } else { what.to_owned() };
                    let _ = writeln!(out, "- {verb}{what} of {}: {}", code(path), values.join(", "));
                    continue;
                }
                // Properties of one object, added or removed: one line.
                let parent = |e: &Entry| Fact::split_path(e.subject()).map(|(p, _)| p.to_owned());
                if e.kind() == "property" && e.change != Change::Retyped && parent(e).is_some() {
                    let mut j = i;
                    while j < mine.len()
                        && mine[j].kind() == "property"
                        && mine[j].change == e.change
                        && parent(mine[j]) == parent(e)
                    {
                        j += 1;
                    }
                    if j - i > 1 {
                        let items: Vec<String> = mine[i..j].iter().map(|e| grouped(e)).collect();
                        let verb = if e.change == Change::Removed { "Removed properties" } else { "Properties" };
                        let parent = parent(e).unwrap_or_default();
                        let _ = writeln!(out, "- {verb} of {}: {}", code(&parent), items.join(", "));
                        i = j;
                        continue;
                    }
                }
                let _ = writeln!(out, "- {}", line(e));
                i += 1;
            }
        }
        out
    }
}

/// The report's sections, in order.
const SECTIONS: [&str; 5] =
    ["Breaking: removed", "Breaking: retyped", "Breaking: new required properties", "Added", "Deprecated"];

/// The section of [`SECTIONS`] an entry is listed in.
fn section(e: &Entry) -> usize {
    match (e.change, e.kind(), e.level()) {
        (_, "deprecated", _) => 4,
        (Change::Removed, _, _) => 0,
        (Change::Retyped, _, _) => 1,
        (Change::Added, _, Level::Major) => 2,
        (Change::Added, _, _) => 3,
    }
}

/// Kinds of facts, as the totals table names them.
const KINDS: [(&str, &str); 8] = [
    ("resource", "resources"),
    ("envelope", "event envelope"),
    ("event_type", "event types"),
    ("payload", "event payloads documented"),
    ("property", "properties (at every depth)"),
    ("variant", "variants"),
    ("value", "enum values"),
    ("deprecated", "deprecations"),
];

/// `PATH = VALUE` → (`PATH`, `VALUE`).
fn value_parts(subject: &str) -> (&str, &str) {
    subject.split_once(" = ").unwrap_or((subject, ""))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A fact, as a reader says it: `property `device.name``.
fn describe(key: &str) -> String {
    let subject = key.split_once(' ').map_or("", |(_, s)| s);
    match Fact::kind_of(key) {
        "resource" => format!("resource {}", code(subject)),
        "event_type" => format!("event type {}", code(subject)),
        "envelope" => format!("event envelope {}", code(subject)),
        "payload" => {
            let t = subject.strip_prefix("event[").and_then(|s| s.strip_suffix(']')).unwrap_or(subject);
            format!("payload of event type {}", code(t))
        }
        "property" => format!("property {}", code(subject)),
        "variant" => format!("variant {}", code(subject)),
        "value" => {
            let (path, value) = value_parts(subject);
            format!("enum value {} of {}", code(value), code(path))
        }
        "deprecated" => describe(subject),
        other => format!("{other} {}", code(subject)),
    }
}

/// One bullet.
fn line(e: &Entry) -> String {
    let what = describe(&e.key);
    let detail = |d: &Option<String>| d.as_deref().map(|d| format!(": {}", code(d))).unwrap_or_default();
    let text = match (e.change, e.kind()) {
        (Change::Added, "deprecated") => format!("{what} is deprecated"),
        (Change::Removed, "deprecated") => format!("{what} is no longer deprecated"),
        (Change::Added, _) => capitalise(&format!("{what}{}", detail(&e.new))),
        (Change::Removed, _) => format!("Removed {what}{}", detail(&e.old)),
        (Change::Retyped, _) => {
            format!("{what}: {} → {}", code(e.old.as_deref().unwrap_or("")), code(e.new.as_deref().unwrap_or("")))
        }
    };
    capitalise(&format!("{text}{}", below(e)))
}

/// A property in a line of several: `` `name` (`type`, with 2 enum values) ``.
fn grouped(e: &Entry) -> String {
    let name = Fact::split_path(e.subject()).map_or(e.subject(), |(_, n)| n);
    let detail = if e.change == Change::Removed { &e.old } else { &e.new };
    let below = below(e);
    let below = below.trim_start().trim_start_matches('(').trim_end_matches(')');
    match (detail, below.is_empty()) {
        (Some(d), true) => format!("{} ({})", code(name), code(d)),
        (Some(d), false) => format!("{} ({}, {below})", code(name), code(d)),
        (None, _) => code(name),
    }
}

/// What was folded into an entry: ` (with 3 properties, 2 enum values)`.
fn below(e: &Entry) -> String {
    if e.below.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = KINDS
        .iter()
        .filter(|(kind, _)| *kind != "payload")
        .filter_map(|(kind, _)| {
            let n = *e.below.get(*kind)?;
            let word = match (*kind, n) {
                ("property", 1) => "property",
                ("property", _) => "properties",
                ("value", 1) => "enum value",
                ("value", _) => "enum values",
                ("variant", 1) => "variant",
                ("variant", _) => "variants",
                ("deprecated", 1) => "deprecation",
                ("deprecated", _) => "deprecations",
                ("resource", _) => "resource(s)",
                ("envelope", _) => "event envelope",
                _ => "event type(s)",
            };
            Some(format!("{n} {word}"))
        })
        .collect();
    let payload = if e.below.contains_key("payload") { "a payload of " } else { "" };
    match e.change {
        Change::Retyped => format!(" ({payload}{} below it changed)", parts.join(", ")),
        _ => format!(" (with {payload}{})", parts.join(", ")),
    }
}

/// Inline code, with a fence longer than any run of backticks inside.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    if longest == 0 {
        return format!("`{s}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {s} {fence}")
}

/// A version bumped by a level, the Cargo way: below 1.0.0 a breaking
/// change bumps the minor number and anything else the patch number;
/// from 1.0.0 on, major, minor and patch as named. A pre-release
/// (`1.0.0-rc.1`) becomes its release whatever the level. A version that
/// is not `MAJOR.MINOR.PATCH` comes back as it was.
pub fn bump(version: &str, level: Level) -> String {
    let Some((major, minor, patch, pre)) = parse_version(version) else {
        return version.to_owned();
    };
    if pre {
        return format!("{major}.{minor}.{patch}");
    }
    let (major, minor, patch) = match (major, level) {
        (0, Level::Major) => (0, minor + 1, 0),
        (0, _) => (0, minor, patch + 1),
        (_, Level::Major) => (major + 1, 0, 0),
        (_, Level::Minor) => (major, minor + 1, 0),
        (_, Level::Patch) => (major, minor, patch + 1),
    };
    format!("{major}.{minor}.{patch}")
}

/// `MAJOR.MINOR.PATCH`, and whether a pre-release or build part follows.
fn parse_version(v: &str) -> Option<(u64, u64, u64, bool)> {
    let core_end = v.find(['-', '+']).unwrap_or(v.len());
    let mut parts = v[..core_end].split('.').map(|p| p.parse::<u64>().ok());
    let (major, minor, patch) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    Some((major, minor, patch, v[core_end..].starts_with('-')))
}

/// The `version` of a `Cargo.toml`'s `[package]` table.
pub fn package_version(cargo_toml: &str) -> Option<&str> {
    version_line(cargo_toml).map(|(_, v)| v)
}

/// The `Cargo.toml` with its `[package]` version set (`None`: it has none).
pub fn with_package_version(cargo_toml: &str, version: &str) -> Option<String> {
    let (line, old) = version_line(cargo_toml)?;
    let start = cargo_toml.lines().take(line).map(|l| l.len() + 1).sum::<usize>();
    let text = &cargo_toml[start..];
    let at = start + text.find(old)?;
    Some(format!("{}{version}{}", &cargo_toml[..at], &cargo_toml[at + old.len()..]))
}

/// The line (0-based) and value of `version = "..."` in `[package]`.
fn version_line(cargo_toml: &str) -> Option<(usize, &str)> {
    let mut in_package = false;
    for (i, l) in cargo_toml.lines().enumerate() {
        let t = l.trim();
        if t.starts_with('[') {
            in_package = t == "[package]";
        } else if in_package
            && let Some(rest) = t.strip_prefix("version")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            return Some((i, value.trim().strip_prefix('"')?.split('"').next()?));
        }
    }
    None
}

/// A version changed by [`apply_bump`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionBump {
    pub from: String,
    pub to: String,
}

/// `bump_version: true`: sets the generated `Cargo.toml`'s version to the
/// version of the crate on disk (`on_disk` reads a file of it by its path
/// in `files`), bumped by `level` when anything changes: the surface
/// (`level` above patch) or any file. Nothing changed: the version on disk
/// stays, so that regenerating twice, or `--check` after regenerating,
/// changes nothing. No crate on disk, or a version in the generated
/// `Cargo.toml` above the one on disk (set by hand in the config): left as
/// generated, `None`.
pub fn apply_bump(
    files: &mut BTreeMap<String, String>,
    on_disk: &dyn Fn(&str) -> Option<String>,
    level: Level,
) -> Option<VersionBump> {
    let committed_toml = on_disk("Cargo.toml")?;
    let committed = package_version(&committed_toml)?.to_owned();
    let toml = files.get("Cargo.toml")?;
    let configured = package_version(toml)?;
    if let (Some(c), Some(d)) = (parse_version(configured), parse_version(&committed))
        && (c.0, c.1, c.2) > (d.0, d.1, d.2)
    {
        return None;
    }
    let at_committed = with_package_version(toml, &committed)?;
    files.insert("Cargo.toml".to_owned(), at_committed);
    let changed = level > Level::Patch || files.iter().any(|(path, text)| on_disk(path).as_deref() != Some(text));
    let to = if changed { bump(&committed, level) } else { committed.clone() };
    let toml = with_package_version(&files["Cargo.toml"], &to)?;
    files.insert("Cargo.toml".to_owned(), toml);
    Some(VersionBump { from: committed, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface<S: AsRef<str>>(lines: &[S]) -> Surface {
        Surface::parse(&lines.iter().map(AsRef::as_ref).collect::<Vec<&str>>().join("\n"))
    }

    fn report<A: AsRef<str>, B: AsRef<str>>(old: &[A], new: &[B]) -> Report {
        Report::compare("old/", Some(&surface(old)), "new/", &surface(new))
    }

    const BASE: &[&str] = &[
        "resource device",
        "property device.device_id: uuid",
        "property device.status: enum",
        "value device.status = online",
        "value device.status = offline",
        "event_type device.connected",
        "property event[device.connected].device_id: uuid",
    ];

    fn with(extra: &[&str]) -> Vec<String> {
        BASE.iter().chain(extra).map(|s| s.to_string()).collect()
    }

    fn without(gone: &str) -> Vec<String> {
        BASE.iter().filter(|l| !l.starts_with(gone)).map(|s| s.to_string()).collect()
    }

    #[test]
    fn nothing_changed_is_patch() {
        let r = report(BASE, BASE);
        assert!(r.is_unchanged());
        assert_eq!(r.level(), Level::Patch);
        assert!(r.markdown().contains("**Semver: patch.** The API surface is unchanged (7 facts)"), "{}", r.markdown());
        // The order of the lines is no change.
        let mut reversed = BASE.to_vec();
        reversed.reverse();
        assert!(report(BASE, &reversed).is_unchanged());
    }

    #[test]
    fn additions_are_minor() {
        for added in [
            "resource lock",
            "event_type device.disconnected",
            "property device.name: string",
            "property device.name: string (optional)",
            "value device.status = asleep",
            "variant device.errors[]{code=x}",
            "deprecated property device.status",
        ] {
            let r = report(BASE, &with(&[added]));
            assert_eq!(r.level(), Level::Minor, "{added}");
            assert_eq!(r.entries.len(), 1, "{added}");
        }
    }

    #[test]
    fn removals_and_retypes_are_major() {
        for gone in ["resource device", "property device.status", "value device.status = offline", "event_type"] {
            assert_eq!(report(BASE, &without(gone)).level(), Level::Major, "{gone}");
        }
        // An enum no more: its values go with it.
        let mut retyped: Vec<String> =
            BASE.iter().filter(|l| !l.contains("device.status")).map(|s| s.to_string()).collect();
        retyped.push("property device.status: string".into());
        let r = report(BASE, &retyped);
        assert_eq!(r.level(), Level::Major);
        // The values of the property, gone with the enum, are counted with it.
        assert_eq!(r.entries.len(), 1, "{:#?}", r.entries);
        assert_eq!(r.entries[0].below, BTreeMap::from([("value".to_owned(), 2)]));
        assert!(
            r.markdown().contains("- Property `device.status`: `enum` → `string` (2 enum values below it changed)")
        );
        // Presence is part of the type.
        let mut presence = without("property device.device_id");
        presence.push("property device.device_id: uuid (required)".into());
        assert_eq!(report(BASE, &presence).level(), Level::Major);
        // Lifting a deprecation is not breaking.
        let deprecated = with(&["deprecated property device.status"]);
        assert_eq!(report(&deprecated, BASE).level(), Level::Minor);
    }

    #[test]
    fn a_new_required_property_is_major_unless_its_object_is_new() {
        for required in ["string (required)", "string (required, nullable)"] {
            let line = format!("property device.name: {required}");
            assert_eq!(report(BASE, &with(&[&line])).level(), Level::Major, "{required}");
            // In a new resource, or a new event, it breaks nothing.
            let r = report(BASE, &with(&["resource lock", &line.replace("device.", "lock.")]));
            assert_eq!(r.level(), Level::Minor, "{required}");
            let r = report(BASE, &with(&["event_type lock.opened", &line.replace("device.", "event[lock.opened].")]));
            assert_eq!(r.level(), Level::Minor, "{required}");
            assert_eq!(r.entries[0].below, BTreeMap::from([("property".to_owned(), 1)]));
        }
        let r = report(BASE, &with(&["property device.name: string (required)"]));
        assert!(r.markdown().contains("### Breaking: new required properties\n\n- Property `device.name`"));
        // In an event's payload: breaking when the payload was documented
        // before, not when the payload itself is new.
        let payload = with(&["payload event[device.connected]"]);
        let required = "property event[device.connected].name: string (required)";
        let mut more = payload.clone();
        more.push(required.to_owned());
        assert_eq!(report(&payload, &more).level(), Level::Major);
        let r = report(BASE, &with(&["payload event[device.connected]", required]));
        assert_eq!(r.level(), Level::Minor, "{:#?}", r.entries);
        assert_eq!(line(&r.entries[0]), "Payload of event type `device.connected` (with 1 property)");
        // The envelope's fields: below the envelope.
        let envelope = ["envelope event[*]", "property event[*].event_id: uuid (required)"];
        assert_eq!(report(BASE, &with(&envelope)).level(), Level::Minor);
        assert_eq!(report(&with(&envelope[..1]), &with(&envelope)).level(), Level::Major);
    }

    #[test]
    fn everything_below_a_new_or_removed_fact_is_folded_into_it() {
        let r = Report::compare("none", None, "new/", &surface(BASE));
        assert_eq!(r.level(), Level::Minor);
        let lines: Vec<String> = r.entries.iter().map(line).collect();
        assert_eq!(
            lines,
            ["Resource `device` (with 2 properties, 2 enum values)", "Event type `device.connected` (with 1 property)"]
        );
        assert!(r.markdown().contains("everything is new"));
        let r = report::<_, &str>(BASE, &[]);
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.totals[&("value".to_owned(), Change::Removed)], 2);
    }

    #[test]
    fn enum_values_of_one_property_share_a_line() {
        let r = report(BASE, &with(&["value device.status = asleep", "value device.status = \"a b\""]));
        assert!(r.markdown().contains("- Enum values of `device.status`: `\"a b\"`, `asleep`"), "{}", r.markdown());
        let r = report(&with(&["value device.status = asleep"]), &without("value device.status = offline"));
        assert!(
            r.markdown().contains("- Removed enum values of `device.status`: `asleep`, `offline`"),
            "{}",
            r.markdown()
        );
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("plain"), "`plain`");
    }

    #[test]
    fn bumps() {
        assert_eq!(bump("0.1.0", Level::Major), "0.2.0");
        assert_eq!(bump("0.1.3", Level::Minor), "0.1.4");
        assert_eq!(bump("0.1.3", Level::Patch), "0.1.4");
        assert_eq!(bump("1.2.3", Level::Major), "2.0.0");
        assert_eq!(bump("1.2.3", Level::Minor), "1.3.0");
        assert_eq!(bump("1.2.3", Level::Patch), "1.2.4");
        assert_eq!(bump("1.2.3+build.5", Level::Patch), "1.2.4");
        assert_eq!(bump("2.0.0-rc.1", Level::Major), "2.0.0");
        assert_eq!(bump("not a version", Level::Major), "not a version");
        assert_eq!(bump("1.2", Level::Major), "1.2");
    }

    const TOML: &str = "# header\n\n[package]\nname = \"seam-types\"\nversion = \"0.1.0\"\n\n[dependencies]\n\
                        chrono = { version = \"0.4.38\" }\n";

    #[test]
    fn the_package_version_is_read_and_set_in_its_table_only() {
        assert_eq!(package_version(TOML), Some("0.1.0"));
        let set = with_package_version(TOML, "0.2.0").unwrap();
        assert_eq!(set, TOML.replace("version = \"0.1.0\"", "version = \"0.2.0\""));
        assert!(set.contains("version = \"0.4.38\""));
        assert_eq!(package_version("[dependencies]\nversion = \"1\"\n"), None);
    }

    #[test]
    fn the_bump_starts_from_the_crate_on_disk_and_only_when_something_changed() {
        let disk: BTreeMap<String, String> =
            [("Cargo.toml".to_owned(), TOML.replace("0.1.0", "0.3.1")), ("src/lib.rs".to_owned(), "lib".to_owned())]
                .into();
        let read = |p: &str| disk.get(p).cloned();
        let generated = |lib: &str| -> BTreeMap<String, String> {
            [("Cargo.toml".to_owned(), TOML.to_owned()), ("src/lib.rs".to_owned(), lib.to_owned())].into()
        };
        // Nothing changed: the version on disk stays.
        let mut files = generated("lib");
        let b = apply_bump(&mut files, &read, Level::Patch).unwrap();
        assert_eq!((b.from.as_str(), b.to.as_str()), ("0.3.1", "0.3.1"));
        assert_eq!(files, disk);
        // The docs only: patch.
        let mut files = generated("lib, better documented");
        assert_eq!(apply_bump(&mut files, &read, Level::Patch).unwrap().to, "0.3.2");
        assert_eq!(package_version(&files["Cargo.toml"]), Some("0.3.2"));
        // Breaking, below 1.0: the minor number.
        let mut files = generated("lib2");
        assert_eq!(apply_bump(&mut files, &read, Level::Major).unwrap().to, "0.4.0");
        // No crate on disk: as generated.
        let mut files = generated("lib2");
        assert_eq!(apply_bump(&mut files, &|_| None, Level::Major), None);
        assert_eq!(files, generated("lib2"));
        // A version set by hand above the one on disk wins.
        let mut files = generated("lib2");
        files.insert("Cargo.toml".into(), TOML.replace("0.1.0", "1.0.0"));
        assert_eq!(apply_bump(&mut files, &read, Level::Major), None);
        assert_eq!(package_version(&files["Cargo.toml"]), Some("1.0.0"));
    }
}
