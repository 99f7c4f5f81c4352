//! The site `serve` shows, kept in memory: rendered files as bytes, published files as paths
//! on disk. Replacing entries is cheap, so one edit updates only what it touched.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::site::Sink;
use crate::templates::deps::Dep;

#[derive(Clone, Debug)]
pub enum Entry {
    Bytes(Arc<[u8]>),
    Disk(PathBuf),
}

/// Collects what one rebuild produced.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<HashMap<String, Entry>>,
    pub deps: Mutex<HashMap<String, Vec<Dep>>>,
}

impl MemorySink {
    pub fn into_parts(self) -> (HashMap<String, Entry>, HashMap<String, Vec<Dep>>) {
        let files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        let deps = self.deps.into_inner().unwrap_or_else(|p| p.into_inner());
        (files, deps)
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut files = self
            .files
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?;
        files.insert(path.to_string(), Entry::Bytes(Arc::from(bytes)));
        Ok(())
    }

    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        let mut files = self
            .files
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?;
        files.insert(path.to_string(), Entry::Disk(from.to_path_buf()));
        Ok(())
    }

    fn put_rendered(&self, path: &str, bytes: &[u8], deps: Vec<Dep>) -> io::Result<()> {
        self.put(path, bytes)?;
        if !deps.is_empty() {
            let mut all = self.deps.lock().map_err(|_| io::Error::other("poisoned"))?;
            all.insert(path.to_string(), deps);
        }
        Ok(())
    }
}
