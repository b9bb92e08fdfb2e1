//! What a page is made of, as values and as a digest of them. A page's
//! bytes are a function of its template and the values it gets (templates
//! read nothing else: their only filters translate), so `serve` compares
//! digests before and after an edit and renders only the pages whose
//! digest changed.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use serde::Serialize;
use tera::{Context, Value};

/// The values a page's template gets, by name, in the order given.
#[derive(Default)]
pub(super) struct Values(Vec<(&'static str, Value)>);

impl Values {
    /// Adds `value` as `key`.
    pub(super) fn put<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.0.push((key, Value::from_serializable(value)));
    }

    /// Adds a value made already.
    pub(super) fn put_value(&mut self, key: &'static str, value: Value) {
        self.0.push((key, value));
    }

    /// The values as a template context.
    pub(super) fn into_context(self) -> Context {
        let mut context = Context::new();
        self.0.into_iter().for_each(|(k, v)| context.insert_value(k, v));
        context
    }

    /// Sets each value in `context` (the site-wide one of a `Tera`).
    pub(super) fn set_in(&self, context: &mut Context) {
        self.0.iter().for_each(|(k, v)| context.insert_value(*k, v.clone()));
    }
}

/// A 64-bit digest of `names` (the template, the URL) and `values`: of
/// every string (and whether it is marked safe), number and map entry.
/// Maps digest the same whatever order their entries come in (a template
/// value's map keeps none).
pub(super) fn of(names: &[&str], values: &Values, known: &Known) -> u64 {
    let mut h = FxHasher::default();
    for name in names {
        h.write(name.as_bytes());
    }
    for (key, v) in &values.0 {
        h.write(key.as_bytes());
        value(&mut h, v, known);
    }
    h.finish()
}

/// The digests of values many pages share, by where they are in memory:
/// a shared value is one allocation, which lives as long as the renderer
/// that made it, so no other value can sit at its place meanwhile.
#[derive(Default)]
pub(super) struct Known(FxHashMap<(usize, usize), u64>);

impl Known {
    /// The digests of the values of `stages`, in parallel within a stage;
    /// a value of a later stage holding one of an earlier stage's takes
    /// that one's digest rather than digesting it again.
    pub(super) fn of(stages: &[Vec<&Value>]) -> Known {
        Known::again(&Known::default(), stages)
    }

    /// [`Known::of`], taking the digests `before` has of values at the
    /// same place. Only while every value `before` knows is alive: then
    /// a value at one of its places is that value.
    pub(super) fn again(before: &Known, stages: &[Vec<&Value>]) -> Known {
        let mut known = Known::default();
        for stage in stages {
            let digests: Vec<((usize, usize), u64)> = stage
                .par_iter()
                .with_min_len(256)
                .filter_map(|v| {
                    let place = place(v)?;
                    let digest = before.0.get(&place).copied().unwrap_or_else(|| {
                        let mut h = FxHasher::default();
                        value(&mut h, v, &known);
                        h.finish()
                    });
                    Some((place, digest))
                })
                .collect();
            known.0.extend(digests);
        }
        known
    }
}

/// Where a value's contents are, when they are shared by reference
/// (a map, a list, a long string): address and length.
fn place(v: &Value) -> Option<(usize, usize)> {
    if let Some(map) = v.as_map() {
        return Some((std::ptr::from_ref(map) as usize, map.len()));
    }
    if let Some(items) = v.as_array() {
        return Some((items.as_ptr() as usize, items.len()));
    }
    // Short strings are kept inside the value itself, which moves.
    v.as_str().filter(|s| s.len() > 64).map(|s| (s.as_ptr() as usize, s.len()))
}

/// Adds `v` to `h`, tagged by its kind so that no two kinds digest alike.
fn value(h: &mut FxHasher, v: &Value, known: &Known) {
    if let Some(digest) = place(v).and_then(|p| known.0.get(&p)) {
        h.write_u8(13);
        h.write_u64(*digest);
    } else if let Some(s) = v.as_str() {
        h.write_u8(if v.is_safe() { 1 } else { 2 });
        h.write(s.as_bytes());
    } else if let Some(items) = v.as_array() {
        h.write_u8(3);
        h.write_usize(items.len());
        items.iter().for_each(|item| value(h, item, known));
    } else if let Some(map) = v.as_map() {
        h.write_u8(4);
        h.write_usize(map.len());
        let entries = map.iter().map(|(k, v)| {
            let mut entry = FxHasher::default();
            k.hash(&mut entry);
            value(&mut entry, v, known);
            entry.finish()
        });
        h.write_u64(entries.fold(0u64, u64::wrapping_add));
    } else if let Some(b) = v.as_bool() {
        h.write_u8(5 + u8::from(b));
    } else if let Some(bytes) = v.as_bytes() {
        h.write_u8(7);
        h.write(bytes);
    } else if v.is_none() {
        h.write_u8(8);
    } else if v.is_undefined() {
        h.write_u8(9);
    } else if let Some(n) = v.as_i128() {
        // Every integer, whichever width it was made with (a template
        // shows 3u64 and 3i64 alike).
        h.write_u8(10);
        h.write_i128(n);
    } else if let Some(n) = v.as_u128() {
        h.write_u8(11);
        h.write_u128(n);
    } else if let Some(f) = v.as_f64() {
        h.write_u8(12);
        h.write_u64(f.to_bits());
    } else {
        // A kind this list does not know: never taken for unchanged.
        h.write_u64(UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    }
}

static UNIQUE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(pairs: &[(&'static str, Value)]) -> u64 {
        let mut values = Values::default();
        pairs.iter().for_each(|(k, v)| values.put_value(k, v.clone()));
        of(&["page.html", "/a/"], &values, &Known::default())
    }

    #[test]
    fn values_that_render_alike_digest_alike_and_others_do_not() {
        let map = |entries: &[(&str, i64)]| {
            let mut m = tera::Map::default();
            entries.iter().for_each(|&(k, v)| _ = m.insert(k.to_owned().into(), Value::from(v)));
            Value::from(m)
        };
        let a = digest(&[("page", map(&[("x", 1), ("y", 2)]))]);
        assert_eq!(a, digest(&[("page", map(&[("y", 2), ("x", 1)]))]), "a map's order is not kept");
        assert_ne!(a, digest(&[("page", map(&[("x", 1), ("y", 3)]))]));
        assert_ne!(a, digest(&[("page", map(&[("x", 1)]))]));
        // The same text, escaped or not, renders differently.
        let text = "<b>bold</b>";
        assert_ne!(digest(&[("t", Value::safe_string(text))]), digest(&[("t", Value::normal_string(text))]));
        // Lists: order and length count.
        let list = |items: &[&str]| Value::from(items.iter().map(|s| Value::from(*s)).collect::<Vec<_>>());
        assert_ne!(digest(&[("l", list(&["a", "b"]))]), digest(&[("l", list(&["b", "a"]))]));
        assert_ne!(digest(&[("l", list(&["ab"]))]), digest(&[("l", list(&["a", "b"]))]));
        // A shared value known by its place digests as its contents do not.
        let shared = Value::from("a long enough string to be kept by reference rather than inline in the value");
        let known = Known::of(&[vec![&shared]]);
        let mut values = Values::default();
        values.put_value("s", shared.clone());
        let by_place = of(&["page.html", "/a/"], &values, &known);
        let by_contents = of(&["page.html", "/a/"], &values, &Known::default());
        assert_ne!(by_place, by_contents);
        assert_eq!(by_place, of(&["page.html", "/a/"], &values, &known), "the same every time");
    }
}
