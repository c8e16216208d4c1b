//! Reusable pieces of the user interface.

pub mod combobox;
pub mod focus;
pub mod highlight;
pub mod layout;
pub mod municipality_picker;
pub mod search_box;
