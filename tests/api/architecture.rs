//! The layers of ARCHITECTURE.md, checked over the whole source of the library.
//!
//! Every library file is read whole. Test code is left out by the items it is made of: a
//! `#[cfg(test)]` (or `#[cfg(all(test, ...))]`) item, block or `mod NAME;` (whose file is then
//! skipped too) is skipped by matching its braces with a small Rust lexer that knows strings,
//! raw strings, chars, lifetimes and comments; nothing after it is lost. Every path a module
//! names, in code, in `use` trees and in its doc comments, is resolved to the module that
//! defines it: `crate::`, `super::`, `self::` and child-module prefixes, and names re-exported
//! by `pub use` (`crate::Jwk` is `jwk`, `crate::jwt::Claims` is `jwt::claims`). This makes the
//! module graph, on which three rules are checked:
//!
//! - the top-level modules form the layers of [`LAYERS`]: a module names lower layers only;
//! - inside `jwa`, the sublayers of [`JWA_SUBLAYERS`]: the crypto provider at the bottom, the
//!   primitive families above it, the root `jwa.rs` (the algorithm enums) on top;
//! - no import cycle at any depth (two modules that name each other are one).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level layers, bottom first. A module may name modules of lower layers only (the
/// modules of one layer are independent of each other). Every entry must exist.
const LAYERS: &[&[&str]] = &[
    &["error"],
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

/// The sublayers inside `jwa`, bottom first. A module belongs to the entry that is the
/// longest prefix of its path (`jwa::ecdsa::multiples` is in `jwa::ecdsa`'s sublayer); it may
/// name modules of its own sublayer (without a cycle) or lower ones. The provider (and the
/// aws-lc backend modules it replaces) at the bottom, the primitive families above it, the
/// root `jwa.rs` (the algorithm enums) on top.
const JWA_SUBLAYERS: &[&[&str]] = &[
    &["jwa::provider"],
    &[
        "jwa::aes_cbc_hmac",
        "jwa::aes_gcm",
        "jwa::aes_kw",
        "jwa::deflate",
        "jwa::ecdh",
        "jwa::ecdsa",
        "jwa::eddsa",
        "jwa::hmac",
        "jwa::pbes2",
        "jwa::rsa",
        "jwa::symmetric",
    ],
    &["jwa"],
];

/// Edges inside `jwa` that break its sublayers or make a cycle today, while the crypto seam
/// (issue 24 item 2) is being built: `(from, to)`, exact. They are exempt from the jwa rules
/// and left out of the cycle check; every one must still exist (the test fails on a stale
/// entry), and only `jwa` edges may be listed. Empty this list when the seam lands.
const KNOWN_JWA_VIOLATIONS: &[(&str, &str)] = &[
    // Families that name the algorithm enums of the root `jwa.rs` above them.
    ("jwa::aes_cbc_hmac", "jwa"),
    ("jwa::hmac", "jwa"),
    ("jwa::rsa::oaep", "jwa"),
    ("jwa::rsa::sign", "jwa"),
    // HMAC names the `oct` key type that holds its state (symmetric names hmac).
    ("jwa::hmac", "jwa::symmetric"),
];

// ---------------------------------------------------------------------------------------
// A lexer: just enough Rust to find items, braces, paths and doc comments.

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
    /// The text of a doc comment (`///`, `//!`, `/** */`, `/*! */`).
    Doc(String),
    /// A string, char or number literal.
    Lit,
}

fn lex(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let at = |k: usize| c.get(k).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            let end = c[i..]
                .iter()
                .position(|&x| x == '\n')
                .map_or(c.len(), |p| i + p);
            let text: String = c[i..end].iter().collect();
            if (text.starts_with("///") && !text.starts_with("////")) || text.starts_with("//!") {
                out.push(Tok::Doc(text[3..].to_owned()));
            }
            i = end;
        } else if ch == '/' && at(i + 1) == '*' {
            let start = i;
            let mut depth = 0;
            while i < c.len() {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            let text: String = c[start..i.min(c.len())].iter().collect();
            if (text.starts_with("/**") && !text.starts_with("/***") && text != "/**/")
                || text.starts_with("/*!")
            {
                out.push(Tok::Doc(text));
            }
        } else if let Some(end) = raw_string_end(&c, i) {
            out.push(Tok::Lit);
            i = end;
        } else if ch == '"' || (matches!(ch, 'b' | 'c') && at(i + 1) == '"') {
            let mut k = if ch == '"' { i + 1 } else { i + 2 };
            while k < c.len() && c[k] != '"' {
                if c[k] == '\\' {
                    k += 1;
                }
                k += 1;
            }
            out.push(Tok::Lit);
            i = k + 1;
        } else if ch == '\'' || (ch == 'b' && at(i + 1) == '\'') {
            let q = if ch == '\'' { i } else { i + 1 };
            if at(q + 1) == '\\' {
                // An escaped char: '\n', '\'', '\\', '\u{..}'.
                let mut k = q + 3;
                while k < c.len() && c[k] != '\'' {
                    k += 1;
                }
                out.push(Tok::Lit);
                i = k + 1;
            } else if at(q + 2) == '\'' {
                out.push(Tok::Lit);
                i = q + 3;
            } else {
                // A lifetime or a label: its name follows as an identifier.
                i = q + 1;
            }
        } else if ch.is_ascii_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else if ch.is_ascii_digit() {
            while i < c.len()
                && (c[i].is_ascii_alphanumeric()
                    || c[i] == '_'
                    || (c[i] == '.' && at(i + 1).is_ascii_digit()))
            {
                i += 1;
            }
            out.push(Tok::Lit);
        } else if ch == ':' && at(i + 1) == ':' {
            out.push(Tok::Sep);
            i += 2;
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// The end of a raw string (`r"…"`, `r#"…"#`, `br"…"`, `cr"…"`) starting at `i`, if one does.
fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if matches!(c.get(j), Some('b' | 'c')) {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    let mut k = j + 1;
    while c.get(k) == Some(&'#') {
        k += 1;
    }
    if c.get(k) != Some(&'"') {
        return None;
    }
    let hashes = k - j - 1;
    let mut m = k + 1;
    while m < c.len() {
        if c[m] == '"' && (0..hashes).all(|h| c.get(m + 1 + h) == Some(&'#')) {
            return Some(m + 1 + hashes);
        }
        m += 1;
    }
    Some(c.len())
}

fn is_open(t: &Tok) -> bool {
    matches!(t, Tok::Punct('(' | '[' | '{'))
}

fn is_close(t: &Tok) -> bool {
    matches!(t, Tok::Punct(')' | ']' | '}'))
}

fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// The index of the bracket closing the one at `open` (or the end of the tokens).
fn matching(toks: &[Tok], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, t) in toks.iter().enumerate().skip(open) {
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
            if depth == 0 {
                return k;
            }
        }
    }
    toks.len()
}

/// Whether an attribute's tokens (between `[` and `]`) are `cfg(test)` or
/// `cfg(all(..., test, ...))`: code compiled for tests only.
fn is_test_cfg(attr: &[Tok]) -> bool {
    let word = |s: &str| Tok::Ident(s.to_owned());
    if attr.first() != Some(&word("cfg")) || attr.get(1) != Some(&Tok::Punct('(')) {
        return false;
    }
    let inner = &attr[2..attr.len().saturating_sub(1)];
    if inner == [word("test")] {
        return true;
    }
    if inner.first() == Some(&word("all")) && inner.get(1) == Some(&Tok::Punct('(')) {
        let mut depth = 0;
        for t in &inner[1..] {
            if is_open(t) {
                depth += 1;
            } else if is_close(t) {
                depth -= 1;
            } else if depth == 1 && *t == word("test") {
                return true;
            }
        }
    }
    false
}

/// The end (exclusive) of the item, statement, field or arm that starts at `i`: what a
/// `#[cfg(test)]` in front of it takes out.
fn item_end(toks: &[Tok], mut i: usize) -> usize {
    // Its other attributes and doc comments.
    loop {
        match toks.get(i) {
            Some(Tok::Doc(_)) => i += 1,
            Some(Tok::Punct('#')) if toks.get(i + 1) == Some(&Tok::Punct('[')) => {
                i = matching(toks, i + 1) + 1;
            }
            _ => break,
        }
    }
    // Visibility and qualifiers, then the keyword that says how the item ends.
    let mut k = i;
    loop {
        match toks.get(k) {
            Some(Tok::Ident(s)) if s == "pub" => {
                k += 1;
                if toks.get(k) == Some(&Tok::Punct('(')) {
                    k = matching(toks, k) + 1;
                }
            }
            Some(Tok::Ident(s)) if matches!(s.as_str(), "unsafe" | "async" | "extern") => k += 1,
            Some(Tok::Lit) => k += 1,
            _ => break,
        }
    }
    let keyword = ident(toks.get(k)).unwrap_or("");
    let next = ident(toks.get(k + 1)).unwrap_or("");
    let block = matches!(
        keyword,
        "fn" | "mod" | "impl" | "trait" | "enum" | "struct" | "union" | "macro_rules"
    ) || (keyword == "const" && matches!(next, "fn" | "unsafe" | "async" | "extern"));
    let statement = matches!(keyword, "use" | "static" | "type" | "let" | "const");
    let mut depth = 0usize;
    let mut j = k;
    while j < toks.len() {
        let t = &toks[j];
        if depth == 0 {
            match t {
                Tok::Punct(';') => return j + 1,
                Tok::Punct(',') if !block && !statement => return j + 1,
                Tok::Punct('{') if block => return matching(toks, j) + 1,
                t if is_close(t) => return j,
                _ => {}
            }
        }
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth -= 1;
        }
        j += 1;
    }
    toks.len()
}

// ---------------------------------------------------------------------------------------
// The crate: modules, what each names, and what each re-exports.

type ModPath = Vec<String>;

#[derive(Default)]
struct Crate {
    modules: BTreeSet<ModPath>,
    /// Modules declared by a `#[cfg(test)] mod NAME;` or `mod NAME { … }`.
    test_modules: BTreeSet<ModPath>,
    /// The names each module binds with `use` (alias or last segment) to the path it named,
    /// relative to that module.
    bindings: BTreeMap<ModPath, BTreeMap<String, ModPath>>,
    /// Each path a module names, relative to it, with the name it binds when it is a `pub`
    /// re-export.
    named: Vec<(ModPath, ModPath, Option<String>)>,
    /// The identifiers each module's code uses outside its `use` items.
    idents: BTreeMap<ModPath, BTreeSet<String>>,
}

fn child(m: &[String], name: &str) -> ModPath {
    let mut c = m.to_vec();
    c.push(name.to_owned());
    c
}

/// The module a file under `src/` defines: `lib.rs` the crate root, `a/b.rs` `a::b`.
fn file_module(rel: &str) -> ModPath {
    let rel = rel.trim_end_matches(".rs");
    let mut segs: ModPath = rel.split('/').map(str::to_owned).collect();
    if segs == ["lib"] || segs.last().is_some_and(|s| s == "mod") {
        segs.pop();
    }
    segs
}

impl Crate {
    /// Reads the library's files: `(path under src/, text)`.
    fn new(files: &[(String, String)]) -> Crate {
        let mut krate = Crate::default();
        krate.modules.insert(Vec::new());
        for (rel, text) in files {
            let module = file_module(rel);
            krate.modules.insert(module.clone());
            krate.walk(&lex(text), &module);
        }
        // Drop whatever lives in test modules (and the files they declare).
        let tests = krate.test_modules.clone();
        let in_tests = |m: &ModPath| tests.iter().any(|t| m.starts_with(t));
        krate.modules.retain(|m| !in_tests(m));
        krate.bindings.retain(|m, _| !in_tests(m));
        krate.named.retain(|(m, _, _)| !in_tests(m));
        krate
    }

    fn walk(&mut self, toks: &[Tok], file: &[String]) {
        // The inline modules open at this point, with the brace depth inside each.
        let mut scopes: Vec<(ModPath, usize)> = vec![(file.to_vec(), 0)];
        let mut depth = 0usize;
        let mut i = 0;
        while i < toks.len() {
            let cur = scopes.last().unwrap().0.clone();
            match &toks[i] {
                Tok::Punct('#') => {
                    let inner = toks.get(i + 1) == Some(&Tok::Punct('!'));
                    let open = if inner { i + 2 } else { i + 1 };
                    if toks.get(open) != Some(&Tok::Punct('[')) {
                        i += 1;
                        continue;
                    }
                    let close = matching(toks, open);
                    if !is_test_cfg(&toks[open + 1..close.min(toks.len())]) {
                        i += 1; // the attribute's own paths are read like code
                        continue;
                    }
                    if inner {
                        self.test_modules.insert(cur);
                        return;
                    }
                    let end = item_end(toks, close + 1);
                    let item = &toks[close + 1..end];
                    if let Some(p) = item.iter().position(|t| *t == Tok::Ident("mod".into()))
                        && let Some(name) = ident(item.get(p + 1))
                    {
                        self.test_modules.insert(child(&cur, name));
                    }
                    i = end;
                }
                Tok::Ident(kw) if kw == "mod" => {
                    if let Some(name) = ident(toks.get(i + 1)) {
                        let m = child(&cur, name);
                        self.modules.insert(m.clone());
                        if toks.get(i + 2) == Some(&Tok::Punct('{')) {
                            scopes.push((m, depth + 1));
                        }
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                Tok::Ident(kw) if kw == "use" => {
                    let public = (i >= 1 && toks[i - 1] == Tok::Ident("pub".into()))
                        || (i >= 2
                            && toks[i - 1] == Tok::Punct(')')
                            && toks[..i - 1]
                                .iter()
                                .rposition(|t| *t == Tok::Punct('('))
                                .is_some_and(|p| p > 0 && toks[p - 1] == Tok::Ident("pub".into())));
                    i += 1;
                    let mut leaves = Vec::new();
                    use_tree(toks, &mut i, Vec::new(), &mut leaves);
                    for (path, name) in leaves {
                        if let Some(name) = &name {
                            self.bindings
                                .entry(cur.clone())
                                .or_default()
                                .insert(name.clone(), path.clone());
                        }
                        self.named
                            .push((cur.clone(), path, name.filter(|_| public)));
                    }
                }
                Tok::Ident(first) => {
                    self.idents
                        .entry(cur.clone())
                        .or_default()
                        .insert(first.clone());
                    let prev = if i > 0 { toks.get(i - 1) } else { None };
                    let dollar = prev == Some(&Tok::Punct('$'));
                    let visibility = i >= 2
                        && prev == Some(&Tok::Ident("in".into()))
                        && toks[i - 2] == Tok::Punct('(');
                    let mut path = vec![first.clone()];
                    let mut k = i + 1;
                    while toks.get(k) == Some(&Tok::Sep)
                        && let Some(seg) = ident(toks.get(k + 1))
                    {
                        path.push(seg.to_owned());
                        k += 2;
                    }
                    let continues = matches!(prev, Some(Tok::Sep | Tok::Punct('.')));
                    if path.len() > 1 && !continues && !visibility && (!dollar || first == "crate")
                    {
                        self.named.push((cur, path, None));
                    }
                    i = k;
                }
                Tok::Doc(text) => {
                    for path in doc_paths(text) {
                        self.named.push((cur.clone(), path, None));
                    }
                    i += 1;
                }
                Tok::Punct('{') => {
                    depth += 1;
                    i += 1;
                }
                Tok::Punct('}') => {
                    if scopes.len() > 1 && scopes.last().unwrap().1 == depth {
                        scopes.pop();
                    }
                    depth = depth.saturating_sub(1);
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }

    /// `path` named in module `m`, made absolute; `None` for a path that is not the
    /// crate's (`std::…`, a local type's associated item, …).
    fn absolute(&self, m: &[String], path: &[String]) -> Option<ModPath> {
        let (first, rest) = path.split_first()?;
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" => m.to_vec(),
            "super" => m[..m.len().checked_sub(1)?].to_vec(),
            name if self.modules.contains(&child(m, name)) => child(m, name),
            _ => return None,
        };
        let mut rest = rest;
        if first == "super" {
            while let Some((s, r)) = rest.split_first()
                && s == "super"
            {
                base.pop()?;
                rest = r;
            }
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The module that defines what the absolute path `abs` names, following re-exports.
    fn target(&self, abs: &[String], hops: usize) -> ModPath {
        let mut k = abs.len();
        while k > 0 && !self.modules.contains(&abs[..k]) {
            k -= 1;
        }
        let m = abs[..k].to_vec();
        if let Some(name) = abs.get(k)
            && hops < 16
            && let Some(rel) = self.bindings.get(&m).and_then(|b| b.get(name))
            && let Some(mut through) = self.absolute(&m, rel)
        {
            through.extend(abs[k + 1..].iter().cloned());
            return self.target(&through, hops + 1);
        }
        m
    }

    /// The module graph: each module (`a::b`; `crate` for the root) and the modules it names.
    ///
    /// A module's `pub use` of its own descendants' items is its facade, not an import: it
    /// counts only if the module's code uses the name too. (Without this rule every parent
    /// that re-exports a child and defines a helper the child uses would be a cycle; with it,
    /// a parent must be either the facade over its children or a base below them, not both.)
    fn graph(&self) -> Graph {
        let mut graph = Graph::new();
        for m in &self.modules {
            graph.entry(display(m)).or_default();
        }
        for (m, path, reexport) in &self.named {
            let Some(abs) = self.absolute(m, path) else {
                continue;
            };
            let t = self.target(&abs, 0);
            let facade = reexport.as_ref().is_some_and(|name| {
                t.starts_with(m) && !self.idents.get(m).is_some_and(|ids| ids.contains(name))
            });
            if t != *m && !facade {
                graph.entry(display(m)).or_default().insert(display(&t));
            }
        }
        graph
    }
}

fn display(m: &[String]) -> String {
    if m.is_empty() {
        "crate".to_owned()
    } else {
        m.join("::")
    }
}

/// Reads a `use` tree at `i` (after `use`, up to and past its `;`): each leaf's path and the
/// name it binds (`None` for a glob).
fn use_tree(
    toks: &[Tok],
    i: &mut usize,
    prefix: ModPath,
    out: &mut Vec<(ModPath, Option<String>)>,
) {
    let mut segs = prefix;
    if toks.get(*i) == Some(&Tok::Sep) {
        *i += 1;
    }
    loop {
        match toks.get(*i) {
            Some(Tok::Ident(s)) if s != "as" => {
                segs.push(s.clone());
                *i += 1;
                if toks.get(*i) == Some(&Tok::Sep) {
                    *i += 1;
                } else {
                    break;
                }
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                out.push((segs, None));
                finish_use(toks, i);
                return;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                while *i < toks.len() && toks[*i] != Tok::Punct('}') {
                    use_tree(toks, i, segs.clone(), out);
                    if toks.get(*i) == Some(&Tok::Punct(',')) {
                        *i += 1;
                    }
                }
                *i += 1;
                finish_use(toks, i);
                return;
            }
            _ => break,
        }
    }
    if segs.last().is_some_and(|s| s == "self") {
        segs.pop();
    }
    let mut name = segs.last().cloned();
    if toks.get(*i) == Some(&Tok::Ident("as".into())) {
        name = ident(toks.get(*i + 1)).map(str::to_owned);
        *i += 2;
    }
    if !segs.is_empty() {
        out.push((segs, name));
    }
    finish_use(toks, i);
}

/// Steps over the `;` that ends a `use` (a group's `,` and `}` are its caller's).
fn finish_use(toks: &[Tok], i: &mut usize) {
    if toks.get(*i) == Some(&Tok::Punct(';')) {
        *i += 1;
    }
}

/// The `crate::…`, `super::…` and `self::…` paths in a doc comment.
fn doc_paths(text: &str) -> Vec<ModPath> {
    let mut out = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        for (p, _) in text.match_indices(start) {
            if text[..p].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // `jwcrypt::…` in an example, or the middle of a longer path
            }
            let path: String = text[p..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let segs: ModPath = path
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if segs.len() > 1 {
                out.push(segs);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The rules.

type Graph = BTreeMap<String, BTreeSet<String>>;

fn top(m: &str) -> &str {
    m.split("::").next().unwrap_or(m)
}

/// Every top-level module is in a layer, every layer's module exists, and each module
/// names its own top-level module or those of lower layers only.
fn layer_violations(g: &Graph, layers: &[&[&str]]) -> Vec<String> {
    let layer_of = |m: &str| layers.iter().position(|l| l.contains(&top(m)));
    let mut broken = Vec::new();
    for name in layers.iter().flat_map(|l| l.iter()) {
        if !g.contains_key(*name) {
            broken.push(format!("layer module {name} does not exist"));
        }
    }
    for (m, names) in g {
        if m == "crate" {
            continue;
        }
        let Some(own) = layer_of(m) else {
            if !m.contains("::") {
                broken.push(format!("{m} is in no layer of ARCHITECTURE.md"));
            }
            continue;
        };
        for t in names {
            if top(t) == top(m) {
                continue;
            }
            match layer_of(t) {
                Some(l) if l < own => {}
                Some(l) if l == own => broken.push(format!("{m} names {t}, of the same layer")),
                Some(_) => broken.push(format!("{m} names {t}, of a higher layer")),
                None => broken.push(format!("{m} names {t}, which is in no layer")),
            }
        }
    }
    broken
}

/// Inside `jwa`: every module is in a sublayer and names its own sublayer or lower ones,
/// except the `known` edges.
fn jwa_violations(g: &Graph, sublayers: &[&[&str]], known: &[(&str, &str)]) -> Vec<String> {
    let sublayer_of = |m: &str| {
        let mut best: Option<(usize, usize)> = None; // (sublayer, prefix length)
        for (l, entries) in sublayers.iter().enumerate() {
            for e in *entries {
                let fits = m == *e || m.strip_prefix(e).is_some_and(|r| r.starts_with("::"));
                if fits && best.is_none_or(|(_, len)| e.len() > len) {
                    best = Some((l, e.len()));
                }
            }
        }
        best.map(|(l, _)| l)
    };
    let mut broken = Vec::new();
    for (m, names) in g.iter().filter(|(m, _)| top(m) == "jwa") {
        let Some(own) = sublayer_of(m) else {
            broken.push(format!("{m} is in no sublayer of jwa"));
            continue;
        };
        for t in names.iter().filter(|t| top(t) == "jwa") {
            if known.contains(&(m.as_str(), t.as_str())) {
                continue;
            }
            match sublayer_of(t) {
                Some(l) if l <= own => {}
                Some(_) => broken.push(format!("{m} names {t}, of a higher jwa sublayer")),
                None => broken.push(format!("{m} names {t}, which is in no jwa sublayer")),
            }
        }
    }
    for (from, to) in known {
        if top(from) != "jwa" || top(to) != "jwa" {
            broken.push(format!("known violation {from} -> {to} is not inside jwa"));
        } else if !g.get(*from).is_some_and(|n| n.contains(*to)) {
            broken.push(format!(
                "known violation {from} -> {to} is stale: remove it"
            ));
        }
    }
    broken
}

/// The import cycles of the graph without the `known` edges, each as `a -> b -> a`
/// (a mutual import is a cycle of two).
fn cycles(g: &Graph, known: &[(&str, &str)]) -> Vec<String> {
    let edges = |m: &str| -> Vec<String> {
        g.get(m)
            .into_iter()
            .flatten()
            .filter(|t| !known.contains(&(m, t.as_str())) && g.contains_key(*t))
            .cloned()
            .collect()
    };
    // Which modules reach which (the graph has a few hundred edges at most).
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(m) = todo.pop() {
            for t in edges(&m) {
                if seen.insert(t.clone()) {
                    todo.push(t);
                }
            }
        }
        seen
    };
    let mut found = Vec::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for m in g.keys() {
        if reported.contains(m) || !reach(m).contains(m) {
            continue;
        }
        // The shortest cycle through m, by breadth-first search.
        let mut parent: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([m.clone()]);
        'search: while let Some(x) = queue.pop_front() {
            for t in edges(&x) {
                if t == *m {
                    let mut cycle = vec![x.clone()];
                    let mut at = x;
                    while let Some(p) = parent.get(&at) {
                        cycle.push(p.clone());
                        at = p.clone();
                    }
                    cycle.reverse();
                    cycle.push(m.clone());
                    reported.extend(cycle.iter().cloned());
                    found.push(cycle.join(" -> "));
                    break 'search;
                }
                if !parent.contains_key(&t) && t != *m {
                    parent.insert(t.clone(), x.clone());
                    queue.push_back(t);
                }
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------
// The library itself.

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

fn library() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).unwrap().to_str().unwrap();
            (rel.replace('\\', "/"), std::fs::read_to_string(p).unwrap())
        })
        .collect();
    Crate::new(&files)
}

/// Every top-level module is in a layer and names lower layers only.
#[test]
fn modules_point_down_only() {
    let broken = layer_violations(&library().graph(), LAYERS);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// Inside `jwa`: provider, then the primitive families, then the algorithm enums.
#[test]
fn jwa_sublayers_point_down_only() {
    let broken = jwa_violations(&library().graph(), JWA_SUBLAYERS, KNOWN_JWA_VIOLATIONS);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// No import cycle at any depth: no two modules name each other, directly or around a loop.
#[test]
fn no_import_cycle() {
    let found = cycles(&library().graph(), KNOWN_JWA_VIOLATIONS);
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

/// The primitives never name the key layer or the JOSE layers above it (the rule the layers
/// exist for), at any depth.
#[test]
fn primitives_never_name_jwk() {
    let g = library().graph();
    let jwa: Vec<_> = g.iter().filter(|(m, _)| top(m) == "jwa").collect();
    assert!(jwa.len() > 10, "the jwa modules were not found: {jwa:?}");
    for (m, names) in jwa {
        for t in names {
            assert!(
                !matches!(top(t), "jwk" | "jws" | "jwe" | "jwt" | "policy" | "header"),
                "{m} names {t}"
            );
        }
    }
}

/// The reader sees what it must: `super::` paths, `use` groups, re-exports, and nothing of
/// the tests.
#[test]
fn the_library_graph_has_the_known_edges() {
    let krate = library();
    let g = krate.graph();
    assert!(krate.modules.contains(&file_module("jwt/reader.rs")));
    assert!(
        !krate
            .modules
            .iter()
            .any(|m| m.last().is_some_and(|s| s == "tests"))
    );
    // `use super::{Claims, Validation}` in jwt/reader.rs, through jwt.rs's re-exports.
    assert!(
        g["jwt::reader"].contains("jwt::claims"),
        "{:?}",
        g["jwt::reader"]
    );
    assert!(g["jwt::reader"].contains("jwt::validation"));
    // `crate::Error` is `error`, through lib.rs.
    assert!(g["jwk"].contains("error"), "{:?}", g["jwk"]);
}

// ---------------------------------------------------------------------------------------
// The reader has teeth: small synthetic crates whose faults it must find.

fn synthetic(files: &[(&str, &str)]) -> Graph {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect();
    Crate::new(&files).graph()
}

const TWO_LAYERS: &[&[&str]] = &[&["low"], &["high"]];

#[test]
fn finds_a_super_import_cycle_in_use_groups() {
    let g = synthetic(&[
        ("lib.rs", "mod low;\nmod high;\n"),
        ("low.rs", "mod a;\nmod b;\npub use a::A;\n"),
        (
            "low/a.rs",
            "use super::{b::{self, B}, A as _};\npub struct A;\n",
        ),
        ("low/b.rs", "pub struct B;\nfn f() { super::a::A; }\n"),
    ]);
    assert!(g["low::a"].contains("low::b"), "{g:?}");
    assert!(g["low::b"].contains("low::a"), "{g:?}");
    let found = cycles(&g, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("low::a") && found[0].contains("low::b"));
    // A cycle of three is found too.
    let g = synthetic(&[
        ("lib.rs", "mod x;\n"),
        ("x.rs", "mod a;\nmod b;\nmod c;\n"),
        ("x/a.rs", "use super::b::B;\npub struct A;\n"),
        ("x/b.rs", "use crate::x::c;\npub struct B;\n"),
        ("x/c.rs", "/// Made from [`super::a::A`].\npub struct C;\n"),
    ]);
    assert_eq!(cycles(&g, &[]), ["x::a -> x::b -> x::c -> x::a"]);
    // Listed as known, the edge leaves the cycle check.
    assert!(cycles(&g, &[("x::c", "x::a")]).is_empty());
}

#[test]
fn finds_an_import_after_an_unrelated_cfg_test_item() {
    let g = synthetic(&[
        ("lib.rs", "mod low;\nmod high;\n"),
        (
            "low.rs",
            "#[cfg(test)]\nfn helper() -> &'static str { \"}\" }\n\
             #[cfg(test)]\nmod tests { use crate::high::H; fn f() { let _ = '{'; } }\n\
             #[cfg(all(test, feature = \"x\"))]\nmod more;\n\
             const S: &str = r#\"crate::high::Nope }\"#;\n\
             use crate::high::H;\n",
        ),
        ("low/more.rs", "use crate::high::H2;\n"),
        ("high.rs", "pub struct H;\n"),
    ]);
    assert_eq!(g["low"], BTreeSet::from(["high".to_owned()]), "{g:?}");
    assert!(
        !g.contains_key("low::more"),
        "a cfg(test) module's file is test code"
    );
    let broken = layer_violations(&g, TWO_LAYERS);
    assert_eq!(broken, ["low names high, of a higher layer"]);
    // Without the import, only test code names `high`: nothing to report.
    let g = synthetic(&[
        ("lib.rs", "mod low;\nmod high;\n"),
        (
            "low.rs",
            "#[cfg(test)]\nmod tests {\n    use crate::high::H;\n}\n",
        ),
        ("high.rs", "pub struct H;\n"),
    ]);
    assert!(layer_violations(&g, TWO_LAYERS).is_empty(), "{g:?}");
}

#[test]
fn finds_a_doc_link_upward() {
    let g = synthetic(&[
        ("lib.rs", "mod low;\nmod high;\npub use high::Password;\n"),
        (
            "low.rs",
            "/// Takes a [`crate::Password`], never a key.\npub struct L;\n",
        ),
        ("high.rs", "pub struct Password;\n"),
    ]);
    assert_eq!(
        layer_violations(&g, TWO_LAYERS),
        ["low names high, of a higher layer"]
    );
    // `jwcrypt::high::…` in a doc example is the public API, not an import.
    let g = synthetic(&[
        ("lib.rs", "mod low;\nmod high;\n"),
        (
            "low.rs",
            "/// ```\n/// use jwcrypt::high::Password;\n/// ```\npub struct L;\n",
        ),
        ("high.rs", "pub struct Password;\n"),
    ]);
    assert!(layer_violations(&g, TWO_LAYERS).is_empty(), "{g:?}");
}

#[test]
fn finds_a_jwa_sublayer_violation_and_a_stale_known_edge() {
    let g = synthetic(&[
        ("lib.rs", "pub mod jwa;\n"),
        (
            "jwa.rs",
            "mod provider;\nmod hmac;\npub enum SigningAlg { HS256 }\n",
        ),
        (
            "jwa/provider.rs",
            "pub(in crate::jwa) fn mac() { super::hmac::sign(); }\n",
        ),
        (
            "jwa/hmac.rs",
            "use crate::jwa::SigningAlg;\npub fn sign() {}\n",
        ),
    ]);
    let sublayers: &[&[&str]] = &[&["jwa::provider"], &["jwa::hmac"], &["jwa"]];
    let broken = jwa_violations(&g, sublayers, &[]);
    assert_eq!(
        broken,
        [
            "jwa::hmac names jwa, of a higher jwa sublayer",
            "jwa::provider names jwa::hmac, of a higher jwa sublayer",
        ]
    );
    let known = [("jwa::hmac", "jwa"), ("jwa::provider", "jwa::hmac")];
    assert!(jwa_violations(&g, sublayers, &known).is_empty());
    let stale = [("jwa::hmac", "jwa::provider")];
    assert!(
        jwa_violations(&g, sublayers, &stale)
            .iter()
            .any(|b| b.contains("stale"))
    );
}
