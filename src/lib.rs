//! helpdesk: a terminal helpdesk for contract-guaranteed support.

pub mod config;
pub mod domain;
pub mod store;
