//! The full app: every page, including the account and clerk pages (`contract::bundles`).

fn main() {
    console_error_panic_hook::set_once();
    app::first_screen::mount(app::routes::App);
}
