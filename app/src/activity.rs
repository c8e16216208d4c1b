//! When this browser last heard from the server, shared by all its tabs (localStorage): the
//! session's idle timeout starts again with every request the server answers, so every tab
//! counts it from the same moment, and "stay signed in" in one tab closes the warning in all.
//! Signing in or out in one tab is noted here too, so that the others ask who is signed in.

/// The key of the last answer's time (Unix ms).
pub const CONTACT_KEY: &str = "schalter.sitzung.kontakt";
/// The key of the last sign-in or sign-out's time (Unix ms).
pub const CHANGE_KEY: &str = "schalter.sitzung.wechsel";

fn now_ms() -> f64 {
    web_sys::js_sys::Date::now()
}

/// Notes that the server answered (with any status: the request reached it).
pub fn server_contact(_status: u16) {
    stamp(CONTACT_KEY);
}

/// When the server last answered a request of this browser (Unix ms).
pub fn last_contact() -> Option<f64> {
    read(CONTACT_KEY)
}

/// Notes that someone signed in or out in this tab.
pub fn session_changed() {
    stamp(CHANGE_KEY);
}

/// When someone last signed in or out in any tab (Unix ms).
pub fn last_change() -> Option<f64> {
    read(CHANGE_KEY)
}

/// The browser's localStorage (a leaf: not through `storage`; nothing kept here would be lost
/// by a refused write).
fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stamp(key: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, &format!("{}", now_ms() as u64));
    }
}

fn read(key: &str) -> Option<f64> {
    let value = local()?.get_item(key).ok().flatten()?;
    value.parse::<u64>().ok().map(|n| n as f64)
}

/// Now (Unix ms).
pub fn now() -> f64 {
    now_ms()
}
