//! `lots check`: what needs an editor's attention in a loaded site.

pub mod external;
