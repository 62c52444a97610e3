//! helpdesk: a terminal helpdesk for contract-guaranteed support.

pub mod cli;
pub mod config;
pub mod domain;
pub mod queue;
pub mod statements;
pub mod store;
