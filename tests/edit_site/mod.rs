//! The repository's example site copied into a temporary folder and served with
//! `lots serve --edit`, for the editor's browser tests and the screenshot of the editor.

#![allow(dead_code)]

use crate::common::serve::{start_with_args, Server};
use crate::common::{example_site, Site};

/// A running `lots serve --edit` on a copy of the example site, stopped when dropped.
pub struct EditServer {
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// The copied site's root.
    pub root: std::path::PathBuf,
    _server: Server,
    _site: Site,
}

/// Copies the example site and starts `lots serve --edit` on it, on a free loopback port.
pub fn serve_example_site() -> EditServer {
    let site = example_site();
    let server = start_with_args(&site, &["--edit"]);
    EditServer {
        url: format!("http://{}/", server.address),
        root: site.root.clone(),
        _server: server,
        _site: site,
    }
}
