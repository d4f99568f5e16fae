//! Page text: a docs page copied as the web site shows it, with every mark
//! gone (seed 003). Recognised, but not read yet: the page is reported so
//! that nothing is skipped silently.

use super::PageCx;
use crate::model::Model;

pub(super) fn read(cx: &mut PageCx, _out: &mut Model) {
    cx.warning(
        0,
        "layout not supported yet: page text copied from the web site (no Markdown); the page is not modelled",
    );
}
