//! Fuzz target `shortcodes`: arbitrary bytes through `checks::shortcodes` (see `fuzz/checks/mod.rs`).
#![no_main]

#[allow(dead_code, unused_imports)]
#[path = "../checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::shortcodes(data));
