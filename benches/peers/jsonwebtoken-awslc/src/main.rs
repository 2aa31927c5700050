#[path = "../../jsonwebtoken-common/ops.rs"]
mod ops;

fn main() {
    ops::main(
        "jsonwebtoken (aws-lc-rs)",
        &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER,
    );
}
