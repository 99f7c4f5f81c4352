//! Lots: a static knowledge-base site generator.
//!
//! Data flows one way: `config` → `content` → `markdown` → `templates` → output,
//! orchestrated by `site`. Every stage reports problems as [`diagnostics::Diagnostic`]s
//! so that one build prints every error of every file.

pub mod charts;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod edit;
pub mod images;
pub mod init;
pub mod markdown;
pub mod messages;
pub mod offline;
pub mod search;
pub mod serve;
pub mod site;
pub mod templates;
#[cfg(test)]
mod test_text;
pub mod toml_yaml;
pub mod yaml;
