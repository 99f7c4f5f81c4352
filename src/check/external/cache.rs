//! The answers of earlier checks, in `external.json`: the address, when it was checked and
//! what it answered. A file that cannot be read or parsed counts as empty.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::Checked;

const FILE: &str = "external.json";
/// Raised when the format changes, so that an old file is ignored rather than misread.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since 1970 when the address was checked.
    checked: u64,
    answer: Checked,
}

pub(super) struct Cache {
    dir: PathBuf,
    entries: BTreeMap<String, Entry>,
}

impl Cache {
    pub fn load(dir: &Path) -> Cache {
        let entries = std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.version == VERSION)
            .map(|stored| stored.entries)
            .unwrap_or_default();
        Cache {
            dir: dir.to_path_buf(),
            entries,
        }
    }

    /// The answer for `url` if it was checked less than `ttl` before `now`.
    pub fn fresh(&self, url: &str, ttl: Duration, now: u64) -> Option<&Checked> {
        let entry = self.entries.get(url)?;
        is_fresh(entry.checked, ttl, now).then_some(&entry.answer)
    }

    pub fn store(&mut self, url: &str, answer: Checked, now: u64) {
        let entry = Entry {
            checked: now,
            answer,
        };
        self.entries.insert(url.to_string(), entry);
    }

    /// Writes the answers that are still fresh, replacing the file in one step so that a
    /// run stopped half-way never leaves half a file.
    pub fn save(&mut self, ttl: Duration, now: u64) -> std::io::Result<()> {
        self.entries.retain(|_, e| is_fresh(e.checked, ttl, now));
        std::fs::create_dir_all(&self.dir)?;
        let stored = Stored {
            version: VERSION,
            entries: std::mem::take(&mut self.entries),
        };
        let json = serde_json::to_vec(&stored).map_err(std::io::Error::other);
        self.entries = stored.entries;
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        file.write_all(&json?)?;
        file.persist(self.dir.join(FILE)).map_err(|e| e.error)?;
        Ok(())
    }
}

/// A time in the future (the clock was set back) is not trusted.
fn is_fresh(checked: u64, ttl: Duration, now: u64) -> bool {
    now >= checked && Duration::from_secs(now - checked) < ttl
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::external::ExternalOutcome;

    fn answer() -> Checked {
        Checked {
            status: Some(404),
            outcome: ExternalOutcome::Broken {
                status: Some(404),
                reason: "answers 404 Not Found".into(),
            },
        }
    }

    #[test]
    fn round_trip_and_expiry() {
        let dir = tempfile::tempdir().expect("temp dir");
        let hour = Duration::from_secs(3600);
        let mut cache = Cache::load(dir.path());
        cache.store("https://a.se/", answer(), 1000);
        cache.save(hour, 1000).expect("saved");
        let cache = Cache::load(dir.path());
        assert_eq!(cache.fresh("https://a.se/", hour, 4599), Some(&answer()));
        assert_eq!(cache.fresh("https://a.se/", hour, 4600), None);
        assert_eq!(cache.fresh("https://a.se/", Duration::ZERO, 1000), None);
        assert_eq!(
            cache.fresh("https://a.se/", hour, 999),
            None,
            "from the future"
        );
        assert_eq!(cache.fresh("https://b.se/", hour, 1000), None);
    }

    #[test]
    fn a_corrupt_or_old_file_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let hour = Duration::from_secs(3600);
        for text in [
            "{\"version\": 1, \"entr",
            "[]",
            "{\"version\": 0, \"entries\": {}}",
            "\u{0}\u{ff}",
        ] {
            std::fs::write(dir.path().join(FILE), text).expect("written");
            let mut cache = Cache::load(dir.path());
            assert_eq!(cache.fresh("https://a.se/", hour, 1000), None);
            cache.store("https://a.se/", answer(), 1000);
            cache.save(hour, 1000).expect("written anew");
            assert!(Cache::load(dir.path())
                .fresh("https://a.se/", hour, 1000)
                .is_some());
        }
    }
}
