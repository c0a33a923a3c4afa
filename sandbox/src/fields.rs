//! Partial responses (`fields=`): comma lists, `a/b` paths and `a(b,c)` sub-selections,
//! applied to objects and, element-wise, to arrays.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// A selection; an empty map means "the whole value".
#[derive(Debug, Default, Clone, PartialEq)]
struct Selection(BTreeMap<String, Selection>);

pub fn apply(value: &Value, spec: &str) -> Value {
    let chars: Vec<char> = spec.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pos = 0;
    let selection = parse_list(&chars, &mut pos);
    if selection.0.is_empty() {
        return value.clone();
    }
    select(value, &selection)
}

fn parse_list(chars: &[char], pos: &mut usize) -> Selection {
    let mut out = Selection::default();
    while *pos < chars.len() && chars[*pos] != ')' {
        let mut path = vec![String::new()];
        while *pos < chars.len() && !matches!(chars[*pos], ',' | '(' | ')') {
            if chars[*pos] == '/' {
                path.push(String::new());
            } else if let Some(last) = path.last_mut() {
                last.push(chars[*pos]);
            }
            *pos += 1;
        }
        let mut sub = Selection::default();
        if *pos < chars.len() && chars[*pos] == '(' {
            *pos += 1;
            sub = parse_list(chars, pos);
            if *pos < chars.len() && chars[*pos] == ')' {
                *pos += 1;
            }
        }
        insert(&mut out, &path, sub);
        if *pos < chars.len() && chars[*pos] == ',' {
            *pos += 1;
        }
    }
    out
}

fn insert(into: &mut Selection, path: &[String], leaf: Selection) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if first.is_empty() {
        return;
    }
    let existed = into.0.contains_key(first);
    let node = into.0.entry(first.clone()).or_default();
    if existed && node.0.is_empty() {
        return; // already selected whole
    }
    if rest.is_empty() {
        if leaf.0.is_empty() {
            node.0.clear();
        } else {
            for (k, v) in leaf.0 {
                insert(node, &[k], v);
            }
        }
    } else {
        insert(node, rest, leaf);
    }
}

fn select(value: &Value, selection: &Selection) -> Value {
    if selection.0.is_empty() {
        return value.clone();
    }
    match value {
        Value::Array(items) => Value::Array(items.iter().map(|v| select(v, selection)).collect()),
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, sub) in &selection.0 {
                if key == "*" {
                    for (k, v) in map {
                        out.entry(k.clone()).or_insert_with(|| select(v, sub));
                    }
                } else if let Some(v) = map.get(key) {
                    out.insert(key.clone(), select(v, sub));
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_lists_paths_and_groups() {
        let v = json!({"items":[{"id":"a","start":{"dateTime":"x","timeZone":"z"},"summary":"s"}],"nextPageToken":"t","kind":"k"});
        assert_eq!(
            apply(&v, "items(id,start/dateTime),nextPageToken"),
            json!({"items":[{"id":"a","start":{"dateTime":"x"}}],"nextPageToken":"t"})
        );
        assert_eq!(apply(&v, "kind"), json!({"kind":"k"}));
        assert_eq!(
            apply(&v, "items/summary"),
            json!({"items":[{"summary":"s"}]})
        );
    }
}
