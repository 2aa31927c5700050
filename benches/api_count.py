#!/usr/bin/env python3
"""Counts the public items that rustdoc reaches from the crate root (issue 24 item 6).

    benches/api_count.py                 # builds the rustdoc JSON, prints the count
    benches/api_count.py --json FILE     # counts an existing rustdoc JSON file
    benches/api_count.py --list          # also lists every counted item by path

The JSON comes from the stable toolchain with `RUSTC_BOOTSTRAP=1 cargo rustdoc -p jwcrypt
--lib -- -Z unstable-options --output-format json` (default features). The walk starts at
the root module and follows every public item and `pub use` re-export (an item reached by
two paths counts once; `#[doc(hidden)]` items and modules are walked but not counted).

What counts (the total):
  - functions, and the methods and associated constants of inherent `impl` blocks;
  - types (structs, enums, unions, type aliases);
  - traits, with the methods, associated types and constants they declare;
  - constants and statics;
  - macros.
What does not: trait impls (`impl Display for X`, derives, blanket impls), modules, enum
variants and public fields (both are printed beside the total, for reference).
"""

import argparse
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    env = dict(os.environ, RUSTC_BOOTSTRAP="1")
    subprocess.run(
        ["cargo", "rustdoc", "-p", "jwcrypt", "--lib", "--", "-Z", "unstable-options",
         "--output-format", "json"],
        cwd=ROOT, env=env, check=True)
    return os.path.join(target, "doc", "jwcrypt.json")


def kind_of(item):
    inner = item.get("inner") or {}
    if isinstance(inner, dict) and inner:
        return next(iter(inner)), inner[next(iter(inner))]
    return None, None


def hidden(item):
    attrs = item.get("attrs") or []
    for a in attrs:
        text = a if isinstance(a, str) else json.dumps(a)
        if "doc(hidden)" in text.replace(" ", ""):
            return True
    return False


def public(item):
    return item.get("visibility") == "public"


def count(doc, listing):
    index = doc["index"]
    root = doc["root"]
    seen = set()
    counted = collections.Counter()
    by_module = collections.defaultdict(collections.Counter)
    listed = []

    paths = doc.get("paths", {})

    def add(category, path, module, item_id=None):
        # Grouped by the module that defines the item (rustdoc's canonical path).
        canonical = paths.get(str(item_id), {}).get("path") if item_id is not None else None
        if canonical:
            module = "::".join(canonical[1:-1]) or "(root)"
        counted[category] += 1
        by_module[module][category] += 1
        listed.append((category, path))

    def visit(item_id, path, module):
        key = str(item_id)
        if key in seen or key not in index:
            return
        seen.add(key)
        item = index[key]
        if hidden(item):
            return
        kind, inner = kind_of(item)
        name = item.get("name") or ""
        here = f"{path}::{name}" if path else name
        if kind == "module":
            for child in inner["items"]:
                c = index.get(str(child))
                if c is not None and public(c):
                    visit(child, here, here)
        elif kind == "use":
            target = inner.get("id")
            if target is None:
                return
            if inner.get("is_glob"):
                t = index.get(str(target))
                if t is not None and kind_of(t)[0] == "module":
                    for child in kind_of(t)[1]["items"]:
                        c = index.get(str(child))
                        if c is not None and public(c):
                            visit(child, path, module)
                return
            t = index.get(str(target))
            if t is None:
                return
            visit(target, path, module)
        elif kind == "function":
            add("functions", here, module, item_id)
        elif kind in ("struct", "enum", "union", "type_alias", "typedef"):
            add("types", here, module, item_id)
            if kind == "enum":
                for v in inner.get("variants", []):
                    if str(v) in index:
                        counted["(variants)"] += 1
            if kind == "struct":
                sk = inner.get("kind") or {}
                fields = []
                if isinstance(sk, dict):
                    plain = sk.get("plain") or {}
                    fields = plain.get("fields", []) if isinstance(plain, dict) else []
                    tup = sk.get("tuple")
                    if isinstance(tup, list):
                        fields += [f for f in tup if f is not None]
                for f in fields:
                    fi = index.get(str(f))
                    if fi is not None and public(fi):
                        counted["(public fields)"] += 1
            for impl_id in inner.get("impls", []):
                impl = index.get(str(impl_id))
                if impl is None:
                    continue
                ik, ii = kind_of(impl)
                if ik != "impl" or ii.get("trait") is not None or ii.get("blanket_impl"):
                    continue
                if ii.get("is_synthetic"):
                    continue
                for m in ii.get("items", []):
                    mi = index.get(str(m))
                    if mi is None or not public(mi) or hidden(mi):
                        continue
                    mk, _ = kind_of(mi)
                    mpath = f"{here}::{mi.get('name')}"
                    if mk == "function":
                        add("methods", mpath, module, item_id)
                    elif mk in ("assoc_const", "constant"):
                        add("constants", mpath, module, item_id)
        elif kind == "trait":
            add("traits", here, module, item_id)
            for m in inner.get("items", []):
                mi = index.get(str(m))
                if mi is None or hidden(mi):
                    continue
                mk, _ = kind_of(mi)
                mpath = f"{here}::{mi.get('name')}"
                if mk == "function":
                    add("methods", mpath, module, item_id)
                elif mk in ("assoc_const", "assoc_type"):
                    add("constants" if mk == "assoc_const" else "types", mpath, module, item_id)
        elif kind in ("constant", "static"):
            add("constants", here, module, item_id)
        elif kind in ("macro", "proc_macro"):
            add("macros", here, module, item_id)

    top = index[str(root)]
    for child in kind_of(top)[1]["items"]:
        c = index.get(str(child))
        if c is not None and public(c):
            visit(child, "", "(root)")
    return counted, by_module, listed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="an existing rustdoc JSON file")
    ap.add_argument("--list", action="store_true", help="list every counted item")
    args = ap.parse_args()
    path = args.json or build()
    with open(path) as f:
        doc = json.load(f)
    counted, by_module, listed = count(doc, args.list)
    cats = ["functions", "methods", "types", "traits", "constants", "macros"]
    total = sum(counted[c] for c in cats)
    print(f"public items reached from the crate root: {total}")
    print("  " + ", ".join(f"{c} {counted[c]}" for c in cats))
    print(f"  not counted: enum variants {counted['(variants)']}, "
          f"public fields {counted['(public fields)']}")
    print("by module (where the walk reached the item):")
    for module in sorted(by_module, key=lambda m: -sum(by_module[m][c] for c in cats)):
        n = sum(by_module[module][c] for c in cats)
        detail = ", ".join(f"{c} {by_module[module][c]}" for c in cats if by_module[module][c])
        print(f"  {module:24} {n:4}  ({detail})")
    if args.list:
        for category, p in sorted(listed, key=lambda x: x[1]):
            print(f"{category:10} {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
