//! helpdesk: a terminal helpdesk for contract-guaranteed support.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod editor;
pub mod environment;
pub mod i18n;
pub mod keymap;
pub mod language;
pub mod logging;
pub mod mail;
pub mod progress;
pub mod statements;
pub mod store;
pub mod sync;
pub mod team;
pub mod ticket_sla;
pub mod tui;
pub mod ui;
