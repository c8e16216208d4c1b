//! Rebuilds the crate when an embedded data file changes (`include_dir!` alone does not tell
//! Cargo about the files it reads).

fn main() {
    println!("cargo:rerun-if-changed=data");
}
