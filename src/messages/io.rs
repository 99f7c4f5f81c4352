//! Why the system could not read or write a file, told as a sentence for the person whose
//! file it is: the kind of `io::Error` becomes a catalogue word (`io.storage_full`), so that
//! "No space left on device (os error 28)" reads "the disk is full; free some space …" in the
//! site's language.

use std::io::{self, ErrorKind};

/// The reason of `err` as a message argument: a catalogue word for the kinds a person can
/// act on, else the system's own text (rare kinds, which no sentence of ours would improve).
pub fn reason(err: &io::Error) -> String {
    match key(err) {
        Some(key) => super::word(key),
        None => err.to_string(),
    }
}

/// The reason of `err` in English, for a message that is not in the catalogue yet.
pub fn in_english(err: &io::Error) -> String {
    match key(err) {
        Some(key) => super::english(key, &[]),
        None => err.to_string(),
    }
}

/// The catalogue word of an error kind, if it has one.
fn key(err: &io::Error) -> Option<&'static str> {
    // ENOSPC and EDQUOT by number too: an error made from a raw code keeps its kind, but
    // one wrapped by a library may only say `Other`.
    match err.raw_os_error() {
        Some(28) => return Some("io.storage_full"),
        Some(122) => return Some("io.quota"),
        _ => {}
    }
    Some(match err.kind() {
        ErrorKind::NotFound => "io.not_found",
        ErrorKind::PermissionDenied => "io.permission",
        ErrorKind::StorageFull => "io.storage_full",
        ErrorKind::QuotaExceeded => "io.quota",
        ErrorKind::IsADirectory => "io.is_directory",
        ErrorKind::NotADirectory => "io.not_a_directory",
        ErrorKind::ReadOnlyFilesystem => "io.read_only",
        ErrorKind::InvalidData => "io.invalid_data",
        ErrorKind::FileTooLarge => "io.too_large",
        ErrorKind::UnexpectedEof => "io.cut_off",
        ErrorKind::AlreadyExists => "io.exists",
        ErrorKind::DirectoryNotEmpty => "io.not_empty",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{text, Lang};

    fn say(lang: Lang, err: io::Error) -> String {
        text(lang, "file.unreadable", &[("reason", reason(&err))]).unwrap()
    }

    #[test]
    fn common_kinds_are_sentences_in_both_languages() {
        let full = io::Error::from_raw_os_error(28);
        assert_eq!(
            say(Lang::Sv, full),
            "filen går inte att läsa: disken är full; frigör utrymme (töm papperskorgen, ta bort gamla filer) och försök igen"
        );
        let moved = io::Error::from(ErrorKind::NotFound);
        assert_eq!(
            say(Lang::En, moved),
            "the file cannot be read: it does not exist (it may have been moved or deleted meanwhile)"
        );
        let denied = io::Error::from(ErrorKind::PermissionDenied);
        assert!(say(Lang::En, denied).contains("permission denied: your user may not open it"));
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::IsADirectory,
            ErrorKind::InvalidData,
            ErrorKind::ReadOnlyFilesystem,
        ] {
            let word = key(&io::Error::from(kind)).expect("a word for the kind");
            for lang in [Lang::Sv, Lang::En] {
                assert!(text(lang, word, &[]).is_some(), "{word} in {lang:?}");
            }
        }
    }

    #[test]
    fn a_rare_kind_keeps_the_system_text() {
        let odd = io::Error::other("odd");
        assert_eq!(reason(&odd), "odd");
    }
}
