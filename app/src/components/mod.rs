//! Reusable pieces of the user interface.

pub mod account_ui;
pub mod combobox;
pub mod error_summary;
pub mod fee_table;
pub mod fields;
pub mod focus;
pub mod form_facts;
pub mod form_page;
pub mod highlight;
pub mod in_groups;
pub mod later;
pub mod layout;
pub mod municipality_picker;
pub mod overlay_extras;
pub mod payment;
pub mod receipt_parts;
pub mod search_box;
pub mod staff_area;
pub mod thread;
