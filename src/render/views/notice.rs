//! Corrections and updates as templates see them.

use serde::Serialize;
use tera::Value;

use super::shared::Shared;
use super::value;
use crate::resolve::Notice;

/// A correction or update: its date, and its text in words and in HTML.
#[derive(Serialize)]
struct NoticeView<'a> {
    date: Value,
    text: &'a str,
    html: Value,
}

/// `notice` as a template value.
pub(super) fn notice(shared: &Shared, notice: &Notice) -> Value {
    value(&NoticeView {
        date: shared.date(&notice.date),
        text: &notice.text.text,
        html: Value::safe_string(notice.text.html()),
    })
}
