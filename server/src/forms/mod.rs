//! Online forms on the server: the published templates and overlays ([`store`]) and the
//! `/api/v1/forms` routes ([`routes`]) that serve the effective form of a municipality and
//! validate answers with the same code the browser runs.

pub mod routes;
pub mod service;
pub mod store;

/// Today's date where the portal's authorities are (Switzerland and Germany share the time
/// zone), as the date rules of forms ("not in the past") mean it.
pub fn today() -> time::Date {
    let now = jiff::Zoned::now().with_time_zone(
        jiff::tz::TimeZone::get("Europe/Zurich").unwrap_or(jiff::tz::TimeZone::UTC),
    );
    let d = now.date();
    time::Date::from_calendar_date(
        i32::from(d.year()),
        time::Month::try_from(d.month() as u8).unwrap_or(time::Month::January),
        d.day() as u8,
    )
    .unwrap_or(time::Date::MIN)
}
