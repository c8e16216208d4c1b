//! The full app: every page, including the account and clerk pages (`contract::bundles`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::routes::App);
}
