//! Images: every raster image a page shows is published in the widths of `images.widths`
//! (never wider than the original) for `srcset`, every published image is free of metadata
//! (EXIF with GPS positions, XMP, comments), every SVG is cleaned of scripts and external
//! references, and all of it is cached by content hash so a rebuild redoes nothing.
//!
//! How a build uses it:
//!
//! 1. While Markdown renders (in parallel), [`Images::markdown_img`] reads each image's header
//!    (size, orientation, hash) and queues the resized copies its `srcset` names; templates
//!    queue theirs through `resize_image` ([`function::ResizeImage`]). Nothing is decoded yet,
//!    and a copy asked for twice is queued once.
//! 2. [`Images::process`] runs the queue with rayon: one decode per source image serves its
//!    published original and all its copies; results land in `.lots-cache/images/`, keyed by
//!    a blake3 hash of the source bytes and the parameters, so a cached result is never stale
//!    and deleting the cache only costs time; each is one file, used only while its bytes
//!    match the hash in its name ([`cache`]), else made again with a warning.
//! 3. The site copies the results from the cache into the output ([`Images::outputs`],
//!    [`Images::published_file`]).
//!
//! Problems are [`Diagnostic`]s at the page and line that shows the image, naming the file.

mod cache;
mod encode;
pub mod function;
mod markup;
mod ops;
mod queue;
mod source;
mod strip;
pub mod svg;
mod svg_text;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::messages::Reason;

use crate::config::ImagesConfig;
use crate::content::slugs::slugify;
use crate::diagnostics::Diagnostic;

pub use cache::{Pruned, UNUSED_FOR};
pub use encode::Format;
pub use markup::ImageUse;
pub use ops::{Op, Plan};
pub use queue::unusable;
pub use source::{handling, Handling, Kind, Source};

/// The cache folder at the site root; `images/` inside it is ours.
pub const CACHE_DIR: &str = ".lots-cache";
/// Where resized copies go in the output.
pub const OUTPUT_DIR: &str = "processed_images";
/// Part of every cache key: raise it when processing changes, so old results are not reused.
/// (2: entries carry a hash of their bytes; older ones, without it, are not looked at. Where
/// that hash is kept is the cache's business: the keys stayed when it moved into the name.
/// 3: a copy is resized from a fixed ladder of halvings, so its bytes no longer depend on
/// which other copies the same build made.)
const PIPELINE_VERSION: u32 = 3;

type SourceResult = Result<Arc<Source>, Reason>;

/// This build's images: what was asked for, and what is done.
pub struct Images {
    content_dir: PathBuf,
    cache: cache::Cache,
    settings: ImagesConfig,
    /// Header of each source image, read once per build however many pages show it.
    sources: Mutex<HashMap<String, Arc<OnceLock<SourceResult>>>>,
    /// Resized copies by output path.
    variants: Mutex<BTreeMap<String, queue::Variant>>,
    /// Who shows each source image, to point at them when it turns out to be broken.
    users: Mutex<HashMap<String, Vec<User>>>,
    /// Sources whose problem a page already reported with its line.
    reported: Mutex<HashSet<String>>,
    /// Published originals (stripped raster, cleaned SVG): content key → file in the cache,
    /// `None` when the image failed (it is not tried again in the same build).
    published: Mutex<HashMap<String, Option<PathBuf>>>,
    made: AtomicUsize,
    reused: AtomicUsize,
    /// Warnings about damaged cache entries that were made again.
    repaired: Mutex<Vec<Diagnostic>>,
    /// Files a template shows as they are (an SVG given to `resize_image`) that no page
    /// publishes: output path → content key.
    shown_by_templates: Mutex<BTreeMap<String, String>>,
}

/// Who asked for an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum User {
    /// A Markdown image in a page or section, and where it is ([`markup::ImageUse::at`]).
    Page { key: String, at: Diagnostic },
    /// A template's `resize_image` call.
    Template,
}

/// How much work the images took in a build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files processed now (decoded, resized, stripped or cleaned, and written to the cache).
    pub made: usize,
    /// Files taken from the cache.
    pub reused: usize,
}

/// A copy made by a resize: where it is published and its size.
#[derive(Debug, Clone)]
pub struct Resized {
    /// Root-marked URL, like every URL while rendering.
    pub url: String,
    pub width: u32,
    pub height: u32,
}

impl Images {
    pub fn new(root: &Path, settings: &ImagesConfig) -> Images {
        Images {
            content_dir: root.join("content"),
            cache: cache::Cache::new(root.join(CACHE_DIR).join("images")),
            settings: settings.clone(),
            sources: Mutex::default(),
            variants: Mutex::default(),
            users: Mutex::default(),
            reported: Mutex::default(),
            published: Mutex::default(),
            made: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            repaired: Mutex::default(),
            shown_by_templates: Mutex::default(),
        }
    }

    pub fn settings(&self) -> &ImagesConfig {
        &self.settings
    }

    /// The path a problem with content file `key` names.
    pub fn file_path(&self, key: &str) -> PathBuf {
        self.content_dir.join(key)
    }

    /// The header of content file `key`, read on first use.
    pub fn source(&self, key: &str) -> Result<Arc<Source>, Reason> {
        let cell = {
            let mut sources = lock(&self.sources);
            sources.entry(key.to_string()).or_default().clone()
        };
        // Read outside the lock: other pages' images are read at the same time.
        cell.get_or_init(|| source::read(&self.content_dir, key).map(Arc::new))
            .clone()
    }

    /// Records that `user` shows `key`, so a later failure can point at them.
    pub fn add_user(&self, key: &str, user: User) {
        let mut users = lock(&self.users);
        let list = users.entry(key.to_string()).or_default();
        if !list.contains(&user) {
            list.push(user);
        }
    }

    /// Notes that a page already reported `key`'s problem, so it is not reported again
    /// without a position.
    pub fn mark_reported(&self, key: &str) {
        lock(&self.reported).insert(key.to_string());
    }

    /// Queues a resized copy of `source` (once, however often it is asked for) and returns
    /// where it will be published.
    pub fn request(&self, source: &Arc<Source>, plan: Plan, format: Format) -> Resized {
        let quality = self.settings.quality;
        let key = variant_hash(source, &plan, format, quality);
        let stem = file_stem(&source.key);
        let output = format!(
            "{OUTPUT_DIR}/{stem}-{}x{}.{}.{}",
            plan.width,
            plan.height,
            &key[..16],
            format.extension()
        );
        lock(&self.variants)
            .entry(output.clone())
            .or_insert_with(|| queue::Variant {
                source: source.clone(),
                plan,
                format,
                quality,
                entry: format!("{key}.{}", format.extension()),
                state: queue::State::Pending,
            });
        Resized {
            url: format!("{}{output}", crate::content::paths::ROOT_MARK),
            width: plan.width,
            height: plan.height,
        }
    }

    /// Publishes content file `key` at `output`, cleaned like every image, because a template
    /// shows it as it is: a template naming a file publishes it, as a page linking it does.
    pub fn publish_for_template(&self, key: &str, output: &str) {
        lock(&self.shown_by_templates).insert(output.to_string(), key.to_string());
    }

    /// Every finished copy, and every file templates show that no page publishes: output
    /// path and the cache file to publish.
    pub fn outputs(&self) -> Vec<(String, PathBuf)> {
        let mut outputs: Vec<(String, PathBuf)> = lock(&self.variants)
            .iter()
            .filter_map(|(out, v)| match &v.state {
                queue::State::Done(file) => Some((out.clone(), file.clone())),
                _ => None,
            })
            .collect();
        let shown = lock(&self.shown_by_templates).clone();
        outputs.extend(
            shown
                .into_iter()
                .filter_map(|(output, key)| Some((output, self.published_file(&key)?))),
        );
        outputs
    }

    /// The cleaned file to publish in place of content file `key`, when it is an image.
    pub fn published_file(&self, key: &str) -> Option<PathBuf> {
        lock(&self.published).get(key).cloned().flatten()
    }

    /// Takes the warnings about damaged cache entries found (and made again) so far.
    pub fn take_repaired(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *lock(&self.repaired))
    }

    /// Removes what the cache holds that this build did not use and no build has used for a
    /// month: for `lots build`, once the site is in place (see `cache::prune`).
    pub fn prune_cache(&self) -> Pruned {
        self.cache.prune()
    }

    pub fn stats(&self) -> Stats {
        Stats {
            made: self.made.load(Ordering::Relaxed),
            reused: self.reused.load(Ordering::Relaxed),
        }
    }
}

/// Locks a mutex; a panic elsewhere cannot leave these maps half-updated, so a poisoned lock
/// is still usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The cache key of a copy: the source's bytes and everything that changes the result.
fn variant_hash(source: &Source, plan: &Plan, format: Format, quality: u8) -> String {
    // Quality only changes JPEG copies; a PNG copy survives a quality change.
    let quality = if format == Format::Jpeg { quality } else { 0 };
    let mut hasher = blake3::Hasher::new();
    hasher.update(
        format!(
            "lots-image v{PIPELINE_VERSION}|{}|{}|{:?}|q{quality}",
            source.hash.to_hex(),
            plan.describe(),
            format
        )
        .as_bytes(),
    );
    hasher.finalize().to_hex().to_string()
}

/// The cache key of a published original.
fn original_hash(source: &Source) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(format!("lots-original v{PIPELINE_VERSION}|{}", source.hash.to_hex()).as_bytes());
    hasher.finalize().to_hex().to_string()
}

/// A readable name for copies: the source's file name, slugified (`Mitt foto.JPG` → `mitt-foto`).
fn file_stem(key: &str) -> String {
    let name = key.rsplit('/').next().unwrap_or(key);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let slug: String = slugify(stem).chars().take(48).collect();
    if slug.is_empty() {
        "bild".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_for_people_and_keyed_by_content() {
        assert_eq!(file_stem("a/Mitt foto.JPG"), "mitt-foto");
        assert_eq!(file_stem("a/.png"), "bild");
        let source = Source {
            key: "a.png".into(),
            hash: blake3::hash(b"x"),
            kind: Kind::Png,
            width: 10,
            height: 10,
            orientation: image::metadata::Orientation::NoTransforms,
        };
        let plan = ops::plan(Op::FitWidth, Some(5), None, (10, 10)).unwrap();
        let png = variant_hash(&source, &plan, Format::Png, 80);
        assert_eq!(png, variant_hash(&source, &plan, Format::Png, 50));
        assert_ne!(
            variant_hash(&source, &plan, Format::Jpeg, 80),
            variant_hash(&source, &plan, Format::Jpeg, 50)
        );
        let other = Source {
            hash: blake3::hash(b"y"),
            ..source.clone()
        };
        assert_ne!(png, variant_hash(&other, &plan, Format::Png, 80));
    }
}
