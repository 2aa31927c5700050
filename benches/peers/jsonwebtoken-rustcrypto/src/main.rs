#[path = "../../jsonwebtoken-common/ops.rs"]
mod ops;

fn main() {
    ops::main(
        "jsonwebtoken (rust_crypto)",
        &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER,
    );
}
