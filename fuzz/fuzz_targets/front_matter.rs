//! Fuzz target `front_matter`: arbitrary bytes through `checks::front_matter` (see `fuzz/checks/mod.rs`).
#![no_main]

#[allow(dead_code, unused_imports)]
#[path = "../checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::front_matter(data));
