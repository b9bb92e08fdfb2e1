//! Components and partial templates rendered once into HTML values that
//! pages embed without escaping them again.

use crate::codes::Code;
use serde::Serialize;
use tera::{Context, Tera, Value};

use super::value;
use crate::diagnostics::Diagnostic;
use crate::render::templates::error_chain;

pub(super) const BRIEFING_ITEM: &str = "partials/briefing_item.html";
pub(super) const FEED_ENTRY: &str = "partials/feed_entry.xml";
pub(super) const POSITION: &str = "partials/position.html";

/// The component `name` rendered with `view` as its argument `arg`, as HTML
/// that is not escaped again; `None` when the templates define no such
/// component (a theme may drop the built-in ones with the pages using them).
pub(super) fn component(tera: &Tera, name: &str, arg: &'static str, view: &Value) -> Result<Option<Value>, Diagnostic> {
    if !tera.contains_component(name) {
        return Ok(None);
    }
    let mut context = Context::new();
    context.insert_value(arg, view.clone());
    let html = tera.render_component(name, &context, None, true).map_err(|e| {
        Diagnostic::new(Code::Template, "templates/macros.html", error_chain(&e))
            .hint(format!("the `{name}` component gets `{arg}`; see templates/macros.html"))
    })?;
    Ok(Some(Value::safe_string(&html)))
}

/// `template` rendered with `view` as `name`, as HTML that is not escaped again.
pub(super) fn partial<T: Serialize>(
    tera: &Tera,
    template: &str,
    name: &'static str,
    view: &T,
) -> Result<Value, Diagnostic> {
    render_partial(tera, template, name, value(view))
}

pub(in crate::render) fn render_partial(
    tera: &Tera,
    template: &str,
    name: &'static str,
    view: Value,
) -> Result<Value, Diagnostic> {
    let mut context = Context::new();
    context.insert_value(name, view);
    let html = tera.render(template, &context).map_err(|e| {
        Diagnostic::new(Code::Template, std::path::Path::new("templates").join(template), error_chain(&e))
            .hint("partial templates get one item; see templates/partials/ for the fields")
    })?;
    Ok(Value::safe_string(&html))
}
