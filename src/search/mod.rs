//! The client-side search index, split into shards loaded on demand.
//!
//! (Issue 4 fills this in; until then the site has no search files.)

use crate::config::Config;
use crate::content::Library;
use crate::diagnostics::Diagnostic;

/// One file of the search index: its output path and bytes.
pub struct IndexFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Builds every file of the search index for the published pages of `library`.
pub fn build(_library: &Library, _config: &Config) -> Result<Vec<IndexFile>, Diagnostic> {
    Ok(Vec::new())
}
