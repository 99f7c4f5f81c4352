//! `lots bundle`: the built site as one zip that works from the extracted folder.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, Timelike};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::content::discover::walk_files;

/// Files that are compressed already: stored as they are, which is as small and much faster.
const COMPRESSED: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "avif", "mp4", "webm", "m4v", "mov", "mp3", "m4a", "ogg",
    "zip", "gz", "woff", "woff2", "pptx", "docx", "xlsx", "odp", "odt", "ods",
];

/// Zips every file of `site_dir` under one top folder named `folder`, written to a temporary
/// file beside `target` and renamed into place, so a failed run leaves no half-written zip.
pub fn zip_folder(site_dir: &Path, folder: &str, target: &Path) -> io::Result<usize> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let mut builder = tempfile::Builder::new();
    // A temporary file is made 0600; the zip is published, so let the umask decide, as for
    // any file the user writes.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temp = builder
        .prefix(".lots-bundle-")
        .suffix(".zip")
        .tempfile_in(parent)?;
    let mut warnings = Vec::new();
    let files = walk_files(site_dir, &mut warnings);
    {
        let mut zip = ZipWriter::new(BufWriter::new(File::create(temp.path())?));
        let options = SimpleFileOptions::default().last_modified_time(now());
        for (name, path) in &files {
            // Each entry keeps the mode the build gave its file (0644 under umask 022).
            let mut file = File::open(path)?;
            let mode = file_mode(&file)?;
            let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            let method = match extension {
                Some(e) if COMPRESSED.contains(&e.as_str()) => CompressionMethod::Stored,
                _ => CompressionMethod::Deflated,
            };
            zip.start_file(
                format!("{folder}/{name}"),
                options.compression_method(method).unix_permissions(mode),
            )
            .map_err(io::Error::other)?;
            io::copy(&mut file, &mut zip)?;
        }
        zip.finish().map_err(io::Error::other)?.flush()?;
    }
    temp.persist(target).map_err(|e| e.error)?;
    Ok(files.len())
}

#[cfg(unix)]
fn file_mode(file: &File) -> io::Result<u32> {
    use std::os::unix::fs::PermissionsExt;
    Ok(file.metadata()?.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn file_mode(_: &File) -> io::Result<u32> {
    Ok(0o644)
}

/// The local time, for the extracted files' dates (zip has no time zones).
fn now() -> DateTime {
    let t = chrono::Local::now().naive_local();
    DateTime::from_date_and_time(
        t.year().clamp(1980, 2107) as u16,
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second().min(59) as u8,
    )
    .unwrap_or_default()
}
