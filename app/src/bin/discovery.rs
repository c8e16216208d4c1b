//! The discovery bundle: the home page, the search results and the service pages
//! (`contract::bundles`).

fn main() {
    console_error_panic_hook::set_once();
    app::first_screen::mount(app::routes::DiscoveryApp);
}
