//! Diagnostics as a maintainer reads them: the code, the message, and the
//! line of the docs it is about with a marker under it (annotate-snippets,
//! the renderer rustc's own diagnostics use).

use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use seam_codegen::diag::printable;
use seam_codegen::{Diagnostic, Severity, SourceFile};

/// One diagnostic, rendered. `strict`: warnings are shown as the errors
/// they count as.
pub fn render(d: &Diagnostic, pages: &[SourceFile], strict: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning if strict => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE,
    };
    let message = printable(&d.message);
    let mut title = level.primary_title(message.as_ref());
    if let Some(code) = d.code {
        title = title.id(code);
    }
    let line_text = (d.source.line > 0)
        .then(|| pages.iter().find(|p| p.path == d.source.file))
        .flatten()
        .and_then(|p| p.text.lines().nth(d.source.line as usize - 1))
        .map(|l| printable(l).into_owned());
    let place = d.source.to_string();
    let mut group = Group::with_title(title);
    match &line_text {
        Some(text) if !text.trim().is_empty() => {
            let start = text.len() - text.trim_start().len();
            let end = text.trim_end().len();
            group = group.element(
                Snippet::source(text.as_str())
                    .line_start(d.source.line as usize)
                    .path(d.source.file.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            );
        }
        _ => group = group.element(Level::NOTE.message(format!("at {place}"))),
    }
    let related: Vec<String> = d.related.iter().map(|r| format!("see also {r}")).collect();
    for r in &related {
        group = group.element(Level::NOTE.message(r.as_str()));
    }
    let renderer = if std::io::stderr().is_terminal() { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[group])
}
