//! Editing for coordinators (`lots serve --edit`, `lots new`): forms generated from each
//! collection's schema, a live preview by the real pipeline, and writes that change only what
//! the user changed. A client of the pipeline (`site`, `content`): nothing there imports it.

pub mod front_matter;
pub mod messages;
pub mod new_page;
pub mod paths;
