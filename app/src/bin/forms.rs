//! The forms bundle: an application, the drafts and the receipt page (`contract::bundles`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::routes::FormsApp);
}
