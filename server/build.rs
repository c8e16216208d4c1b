//! Rebuilds the server when a migration is added (`sqlx::migrate!` embeds the folder, but Cargo
//! only notices new files through this hint, as the sqlx documentation recommends).

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
