//! Property tests over everything that reads what users write: front matter and YAML, Markdown,
//! shortcodes, link destinations, slugs, SVG files and search text. Each property generates
//! hostile input and calls the same check as the fuzz target of that part (`fuzz/checks/`), so
//! the promises are written once; `regressions` replays every input the fuzzers or these tests
//! once broke.

#[path = "../../fuzz/checks/mod.rs"]
mod checks;
#[path = "../common/mod.rs"]
mod common;

mod front_matter;
mod links;
mod markdown;
mod regressions;
mod shortcodes;
mod slugs;
mod svg;
mod tokens;
