//! The layers of ARCHITECTURE.md, checked over the source: every `crate::…` path a module
//! names (in code or docs, before its `#[cfg(test)]` tests) points to its own layer or one
//! below. This is what keeps the primitives (`jwa`) free of `jwk`, and the graph free of
//! cycles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first. A module may name modules of lower layers only (the modules of
/// one layer are independent of each other).
const LAYERS: &[&[&str]] = &[
    &["error", "test_util"],
    &["limits", "rng"],
    &["b64", "json", "secret"],
    &["jwa"],
    &["policy"],
    &["jwk"],
    &["header"],
    &["jws", "jwe"],
    &["jwt"],
    &["remote", "dangerous"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module of each library file and the top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        if top == "lib" || top == "bin" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let body = text.split("#[cfg(test)]").next().unwrap();
        let names = graph.entry(top.clone()).or_default();
        for (i, _) in body.match_indices("crate::") {
            if i > 0 && body[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue; // e.g. `jwcrypt::` in a doc example is not `crate::`
            }
            let rest = &body[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() && name != top {
                names.insert(name);
            }
        }
    }
    graph
}

/// Every module is in a layer, and names only its own layer's modules or lower ones.
#[test]
fn modules_point_down_only() {
    let mut broken = Vec::new();
    for (module, names) in graph() {
        let Some(own) = layer_of(&module) else {
            broken.push(format!("{module} is in no layer of ARCHITECTURE.md"));
            continue;
        };
        for name in names {
            match layer_of(&name) {
                Some(l) if l < own => {}
                Some(l) if l == own => {
                    broken.push(format!("{module} names {name}, of the same layer"));
                }
                Some(_) => broken.push(format!("{module} names {name}, a higher layer")),
                // Items re-exported at the crate root (`crate::Error`, `crate::Jwk`, ...).
                None if name.starts_with(|c: char| c.is_ascii_lowercase()) => {
                    broken.push(format!(
                        "{module} names crate::{name}, which is in no layer"
                    ));
                }
                None => {}
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The primitives never name the key layer (the rule the layers exist for).
#[test]
fn primitives_never_name_jwk() {
    let g = graph();
    assert!(!g["jwa"].contains("jwk"), "{:?}", g["jwa"]);
    assert!(
        !g["jwa"]
            .iter()
            .any(|m| matches!(m.as_str(), "jws" | "jwe" | "jwt"))
    );
}

/// No cycle among the top-level modules (implied by the layers; checked on its own so a
/// change to `LAYERS` cannot hide one).
#[test]
fn no_import_cycle() {
    let g = graph();
    fn visit(
        g: &BTreeMap<String, BTreeSet<String>>,
        m: &str,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(1) => {
                let at = path.iter().position(|p| p == m).unwrap();
                let mut cycle = path[at..].to_vec();
                cycle.push(m.to_owned());
                return Some(cycle);
            }
            Some(_) => return None,
            None => {}
        }
        state.insert(m.to_owned(), 1);
        path.push(m.to_owned());
        for next in g.get(m).into_iter().flatten() {
            if g.contains_key(next)
                && let Some(c) = visit(g, next, state, path)
            {
                return Some(c);
            }
        }
        path.pop();
        state.insert(m.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        if let Some(cycle) = visit(&g, m, &mut state, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}
