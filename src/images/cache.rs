//! Entries of the image cache in `.lots-cache/images/`: each is written atomically together
//! with a blake3 hash of its bytes in a file beside it (`NAME.b3`), and is used only while its
//! bytes still match that hash. A truncated or overwritten entry (a full disk, a crash of the
//! machine, a hand edit) is made again instead of being published as it is.

use std::io::Write;
use std::path::{Path, PathBuf};

/// What a cache entry is worth.
pub(super) enum Entry {
    /// Its bytes match the hash stored beside it.
    Sound,
    /// Not made yet (or deleted, which is always safe).
    Missing,
    /// It is there, but its hash is missing or does not match: why.
    Damaged(String),
}

/// The file beside `entry` that holds the hash of its bytes.
fn hash_file(entry: &Path) -> PathBuf {
    let mut name = entry.as_os_str().to_os_string();
    name.push(".b3");
    PathBuf::from(name)
}

/// Checks `entry` against the hash stored beside it.
pub(super) fn check(entry: &Path) -> Entry {
    if entry.is_dir() {
        return Entry::Damaged("a folder stands in its place".into());
    }
    let bytes = match std::fs::read(entry) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Entry::Missing,
        Err(e) => return Entry::Damaged(format!("it cannot be read: {e}")),
    };
    let Ok(stored) = std::fs::read_to_string(hash_file(entry)) else {
        return Entry::Damaged("the hash stored beside it is missing or unreadable".into());
    };
    if stored.trim() == blake3::hash(&bytes).to_hex().as_str() {
        Entry::Sound
    } else {
        Entry::Damaged("its content does not match the hash stored beside it".into())
    }
}

/// Writes `data` to `path` and its hash beside it, each through a temporary file and a rename,
/// so no reader sees half a file. The hash goes last: an entry whose write was cut short has
/// none, or the old one, and is made again.
pub(super) fn write(path: &Path, data: &[u8]) -> Result<(), String> {
    write_atomic(path, data)?;
    write_atomic(&hash_file(path), blake3::hash(data).to_hex().as_bytes())
}

fn write_atomic(path: &Path, data: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let failed = |e: std::io::Error| {
        let why = crate::messages::io::in_english(&e);
        format!("cannot write {} to the cache: {why}", path.display())
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    file.write_all(data).map_err(failed)?;
    // A folder where the entry goes (made by hand, or by another program) would make the
    // rename fail, and with it the build: the cache is ours, so it goes.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(path).map_err(failed)?;
    }
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_sound_only_with_its_own_hash() {
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("a.png");
        assert!(matches!(check(&entry), Entry::Missing));
        write(&entry, b"the image").unwrap();
        assert!(matches!(check(&entry), Entry::Sound));
        std::fs::write(&entry, b"the ima").unwrap();
        assert!(matches!(check(&entry), Entry::Damaged(_)));
        write(&entry, b"the image").unwrap();
        std::fs::remove_file(hash_file(&entry)).unwrap();
        assert!(matches!(check(&entry), Entry::Damaged(_)));
        // A folder in place of the entry or of its hash is replaced by the next write.
        std::fs::remove_file(&entry).unwrap();
        std::fs::create_dir_all(entry.join("inside")).unwrap();
        std::fs::create_dir_all(hash_file(&entry)).unwrap();
        assert!(matches!(check(&entry), Entry::Damaged(_)));
        write(&entry, b"the image").unwrap();
        assert!(matches!(check(&entry), Entry::Sound));
    }
}
