//! The Bürgerkonto's pages under `/<lang>/konto/`: signing in, registering, the links from
//! e-mails (confirming an address, a new password), Mein Konto, the Postfach and the profile.

pub mod home;
pub mod organisations;
pub mod postfach;
pub mod profile;
pub mod register;
pub mod sign_in;
pub mod tokens;
