//! Clerk mode under `/<lang>/amt/`: the authority's staff sign in (password and the code of
//! an authenticator app), work their inbox and cases, and enter applications for people at
//! the counter. Every page but the sign-in sits in
//! [`crate::components::staff_area::StaffArea`].

pub mod case;
pub mod counter;
pub mod forms;
pub mod inbox;
pub mod payments;
pub mod services;
pub mod settings;
pub mod setup;
pub mod sign_in;
pub mod team;
