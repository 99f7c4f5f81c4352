//! Answers with a published file on disk (a static file, a bundle's attachment, an image copy)
//! only while it still is the plain file inside the site the build saw, streamed, with the one
//! byte range a video player asks for.

use std::fs::{self, File};
use std::io::{self, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use futures_util::stream;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

/// The file at `from` as a response, or `None` when it is no longer a file inside `root`.
pub async fn response(
    root: &Path,
    from: &Path,
    content_type: String,
    range: Option<&HeaderValue>,
) -> Option<Response> {
    let (root, from): (PathBuf, PathBuf) = (root.into(), from.into());
    let (file, length) = tokio::task::spawn_blocking(move || {
        let file = open_inside(&root, &from)?;
        let length = file.metadata()?.len();
        io::Result::Ok((file, length))
    })
    .await
    .ok()?
    .ok()?;
    let mut builder = Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CACHE_CONTROL, "no-store");
    let Ok(wanted) = byte_range(range, length) else {
        let response = builder
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CONTENT_RANGE, format!("bytes */{length}"))
            .body(Body::empty());
        return response.ok();
    };
    let part = match &wanted {
        Some(part) => {
            builder = builder.status(StatusCode::PARTIAL_CONTENT).header(
                header::CONTENT_RANGE,
                format!("bytes {}-{}/{length}", part.start, part.end - 1),
            );
            part.clone()
        }
        None => 0..length,
    };
    let mut file = tokio::fs::File::from_std(file);
    file.seek(SeekFrom::Start(part.start)).await.ok()?;
    let body = Body::from_stream(chunks(file.take(part.end - part.start)));
    builder
        .header(header::CONTENT_LENGTH, part.end - part.start)
        .body(body)
        .ok()
}

/// The reader's bytes in chunks; a read error ends the stream with that error.
fn chunks(
    reader: tokio::io::Take<tokio::fs::File>,
) -> impl futures_util::Stream<Item = io::Result<Vec<u8>>> {
    stream::unfold(Some(reader), |reader| async move {
        let mut reader = reader?;
        let mut chunk = vec![0; 64 * 1024];
        match reader.read(&mut chunk).await {
            Ok(0) => None,
            Ok(n) => {
                chunk.truncate(n);
                Some((Ok(chunk), Some(reader)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}

/// The one byte range a `Range` header asks for. `Ok(None)` means the whole file: no header, or
/// one this server does not take (several ranges, another unit, nonsense), which HTTP lets a
/// server ignore; `Err` a range that starts past the end.
fn byte_range(value: Option<&HeaderValue>, length: u64) -> Result<Option<Range<u64>>, ()> {
    let spec = value
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().strip_prefix("bytes="));
    let Some((first, last)) = spec.and_then(|s| s.split_once('-')) else {
        return Ok(None);
    };
    let number = |text: &str| text.trim().parse::<u64>().ok();
    let range = match (first.trim().is_empty(), last.trim().is_empty()) {
        (true, true) => return Ok(None),
        (true, false) => match number(last) {
            Some(0) => return Err(()),
            Some(suffix) => length.saturating_sub(suffix)..length,
            None => return Ok(None),
        },
        (false, true) => match number(first) {
            Some(start) => start..length,
            None => return Ok(None),
        },
        (false, false) => match (number(first), number(last)) {
            (Some(start), Some(end)) if start <= end => start..end.saturating_add(1).min(length),
            _ => return Ok(None),
        },
    };
    match range.start < length {
        true => Ok(Some(range)),
        false => Err(()),
    }
}

/// Opens a published file only if it still is a regular file inside `root` (canonical): not a
/// symbolic link, and not reached through a folder that became one, however it changed since
/// the build. The opened file is compared with what the path names after opening, so a link
/// swapped in between the checks and the opening does not pass either.
pub fn open_inside(root: &Path, path: &Path) -> io::Result<File> {
    let refused = || io::Error::new(io::ErrorKind::NotFound, "no longer a file inside the site");
    // Checked before opening, so a folder or a pipe swapped in is never opened.
    if !fs::symlink_metadata(path)?.is_file() {
        return Err(refused());
    }
    let file = File::open(path)?;
    let opened = file.metadata()?;
    let canonical = fs::canonicalize(path)?;
    let named = fs::symlink_metadata(path)?;
    let inside = canonical.starts_with(root)
        && named.is_file()
        && same_file(&opened, &named)
        && same_file(&opened, &fs::symlink_metadata(&canonical)?);
    match inside {
        true => Ok(file),
        false => Err(refused()),
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Elsewhere the canonical path's place under the root is the whole check.
#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(value: &str, length: u64) -> Result<Option<Range<u64>>, ()> {
        byte_range(
            Some(&HeaderValue::from_str(value).expect("a header")),
            length,
        )
    }

    #[test]
    fn byte_ranges() {
        assert_eq!(byte_range(None, 10), Ok(None));
        assert_eq!(range("bytes=0-3", 10), Ok(Some(0..4)));
        assert_eq!(range("bytes=4-", 10), Ok(Some(4..10)));
        assert_eq!(range("bytes=-3", 10), Ok(Some(7..10)));
        assert_eq!(range("bytes=-30", 10), Ok(Some(0..10)));
        assert_eq!(range("bytes=5-99", 10), Ok(Some(5..10)));
        assert_eq!(range("bytes=10-", 10), Err(()));
        assert_eq!(range("bytes=-0", 10), Err(()));
        assert_eq!(range("bytes=0-1,4-5", 10), Ok(None));
        assert_eq!(range("bytes=5-2", 10), Ok(None));
        assert_eq!(range("items=0-3", 10), Ok(None));
        assert_eq!(range("bytes=x-3", 10), Ok(None));
    }

    #[test]
    fn only_plain_files_inside_the_root_open() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let base = fs::canonicalize(tmp.path()).expect("canonical");
        let root = base.join("site");
        fs::create_dir_all(root.join("mapp")).expect("folders");
        fs::create_dir_all(base.join("ute")).expect("folders");
        fs::write(root.join("mapp/fil.txt"), "inne").expect("write");
        fs::write(base.join("ute/fil.txt"), "ute").expect("write");
        assert!(open_inside(&root, &root.join("mapp/fil.txt")).is_ok());
        assert!(open_inside(&root, &root.join("mapp")).is_err());
        assert!(open_inside(&root, &root.join("saknas.txt")).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(base.join("ute/fil.txt"), root.join("lank.txt")).expect("link");
            symlink(root.join("mapp/fil.txt"), root.join("inre-lank.txt")).expect("link");
            symlink(base.join("ute"), root.join("lankmapp")).expect("link");
            assert!(open_inside(&root, &root.join("lank.txt")).is_err());
            assert!(open_inside(&root, &root.join("inre-lank.txt")).is_err());
            assert!(open_inside(&root, &root.join("lankmapp/fil.txt")).is_err());
            assert!(open_inside(&root, &root.join("mapp/../lankmapp/fil.txt")).is_err());
        }
    }
}
