//! Test-only, never published: an attribute named `test` that is `#[wasm_bindgen_test]`.
//!
//! jwcrypt's library imports it with `#[macro_use]` in its unit-test build for
//! `wasm32-unknown-unknown` (src/lib.rs). Macros imported that way take precedence over the
//! standard prelude's `test`, so every unit test's plain `#[test]` becomes a
//! `#[wasm_bindgen_test]`, which `wasm-bindgen-test-runner` runs under Node (.ci/run), with no
//! edit to any test. `#[should_panic]` and `#[ignore]` after it are read by
//! `wasm_bindgen_test` as they are by the standard harness.
#![forbid(unsafe_code)]

use proc_macro::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

/// `#[test]` as `#[::wasm_bindgen_test::wasm_bindgen_test]`: the item is passed on unchanged.
#[proc_macro_attribute]
pub fn test(_args: TokenStream, item: TokenStream) -> TokenStream {
    let mut path = TokenStream::new();
    for name in ["wasm_bindgen_test", "wasm_bindgen_test"] {
        path.extend([
            TokenTree::Punct(Punct::new(':', Spacing::Joint)),
            TokenTree::Punct(Punct::new(':', Spacing::Alone)),
            TokenTree::Ident(Ident::new(name, Span::call_site())),
        ]);
    }
    let mut out = TokenStream::from_iter([
        TokenTree::Punct(Punct::new('#', Spacing::Alone)),
        TokenTree::Group(Group::new(Delimiter::Bracket, path)),
    ]);
    out.extend(item);
    out
}
