//! The processing queue: every image asset's published original and every queued copy,
//! grouped by source so one decode serves them all, run in parallel with rayon. Results are
//! written to the cache atomically (a killed build leaves no half-written file), and what is
//! already there is not made again.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use image::DynamicImage;
use rayon::prelude::*;

use crate::content::Library;
use crate::diagnostics::Diagnostic;
use crate::messages::{because, io, Reason};

use super::cache;
use super::encode::{self, Format};
use super::ops::{self, Plan};
use super::source::{Handling, Kind, Source};
use super::{lock, original_hash, strip, svg, Images, User};

/// A queued resized copy.
pub(super) struct Variant {
    pub source: Arc<Source>,
    pub plan: Plan,
    pub format: Format,
    pub quality: u8,
    /// The name of its entry in the cache (`KEY.EXT`).
    pub entry: String,
    pub state: State,
}

pub(super) enum State {
    Pending,
    /// Made or found in the cache: the file to publish.
    Done(PathBuf),
    Failed,
}

#[derive(Clone)]
struct Job {
    output: String,
    plan: Plan,
    format: Format,
    quality: u8,
    entry: String,
}

/// The work for one source image.
struct Group {
    key: String,
    /// Publish the original (an asset not yet published in this build).
    original: bool,
    jobs: Vec<Job>,
}

/// What became of one group.
struct Outcome {
    key: String,
    published: Option<PathBuf>,
    /// Finished copies: output path and the file in the cache to publish.
    done: Vec<(String, PathBuf)>,
    failure: Option<Failure>,
    warnings: Vec<Diagnostic>,
}

enum Failure {
    /// The image cannot be used; reported at every page that shows it.
    Unusable(Reason),
    /// A problem inside the file itself (an SVG's broken markup), with its own position.
    At(Diagnostic),
}

/// Problems (the build fails) and warnings of a run of the queue.
pub type Reports = (Vec<Diagnostic>, Vec<Diagnostic>);

impl Images {
    /// Publishes every image asset of `library` not yet published and makes every queued
    /// copy. Safe to call again: only new work is done.
    pub fn process(&self, library: &Library) -> Reports {
        let groups = self.pending(library);
        if groups.is_empty() {
            return (Vec::new(), Vec::new());
        }
        if let Err(e) = std::fs::create_dir_all(self.cache.dir()) {
            let args = crate::args!("reason" => io::reason(&e));
            let problem = Diagnostic::file(self.cache.dir(), "").with_text_as(
                "image.invalid",
                "image.invalid/cache_folder",
                args,
            );
            return (vec![problem], Vec::new());
        }
        let outcomes: Vec<Outcome> = groups.into_par_iter().map(|g| self.run(g)).collect();
        let (mut problems, mut warnings) = (Vec::new(), Vec::new());
        for outcome in outcomes {
            warnings.extend(outcome.warnings.iter().cloned());
            problems.extend(self.record(library, outcome));
        }
        (problems, warnings)
    }

    /// Unpublished image assets and pending copies, by source key.
    fn pending(&self, library: &Library) -> Vec<Group> {
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        {
            let published = lock(&self.published);
            let shown = lock(&self.shown_by_templates);
            for key in library.assets.keys().chain(shown.values()) {
                if super::handling(key) != Handling::Other && !published.contains_key(key) {
                    groups
                        .entry(key.clone())
                        .or_insert_with(|| group(key))
                        .original = true;
                }
            }
        }
        for (output, variant) in lock(&self.variants).iter() {
            if matches!(variant.state, State::Pending) {
                let key = &variant.source.key;
                groups
                    .entry(key.clone())
                    .or_insert_with(|| group(key))
                    .jobs
                    .push(Job {
                        output: output.clone(),
                        plan: variant.plan,
                        format: variant.format,
                        quality: variant.quality,
                        entry: variant.entry.clone(),
                    });
            }
        }
        groups.into_values().collect()
    }

    fn run(&self, group: Group) -> Outcome {
        let mut outcome = Outcome {
            key: group.key.clone(),
            published: None,
            done: Vec::new(),
            failure: None,
            warnings: Vec::new(),
        };
        let result = match self.source(&group.key) {
            Ok(source) if source.kind == Kind::Svg => self.publish_svg(&source, &mut outcome),
            Ok(source) => self.run_raster(&source, &group, &mut outcome),
            Err(why) => Err(Failure::Unusable(why)),
        };
        if let Err(failure) = result {
            outcome.failure = Some(failure);
        }
        outcome
    }

    /// One decode for the original and every missing copy; cached results are only counted.
    fn run_raster(
        &self,
        source: &Source,
        group: &Group,
        outcome: &mut Outcome,
    ) -> Result<(), Failure> {
        let original_entry = format!(
            "{}.{}",
            original_hash(source),
            source.kind.name().to_ascii_lowercase()
        );
        let mut original = None;
        if group.original {
            original = self.cached(&original_entry, &source.key);
        }
        let need_original = group.original && original.is_none();
        let (mut done, mut missing) = (Vec::new(), Vec::new());
        for job in &group.jobs {
            match self.cached(&job.entry, &source.key) {
                Some(file) => done.push((job.output.clone(), file)),
                None => missing.push(job),
            }
        }
        let cached = usize::from(group.original && !need_original) + done.len();
        self.reused.fetch_add(cached, Ordering::Relaxed);
        if need_original || !missing.is_empty() {
            let bytes = self.read_unchanged(source).map_err(Failure::Unusable)?;
            // Decoding validates the whole file, so a truncated image is caught even when
            // only its original is published.
            let image = encode::decode(&bytes, source.kind).map_err(Failure::Unusable)?;
            if need_original {
                let data = original_bytes(source, &bytes, &image, self.settings.quality)
                    .map_err(Failure::Unusable)?;
                let file = self.cache.write(&original_entry, &data);
                original = Some(file.map_err(Failure::Unusable)?);
                self.made.fetch_add(1, Ordering::Relaxed);
            }
            let made = self.make_copies(&image, missing);
            done.extend(made.map_err(Failure::Unusable)?);
        }
        outcome.published = original;
        outcome.done = done;
        Ok(())
    }

    /// Makes the missing copies of one image. A copy of the whole picture is resized from
    /// the smallest of the original's halvings that is still at least twice its size, else
    /// from the original: as sharp, and a fraction of the work on a large photo (resizing
    /// costs in proportion to the size of what is resized). The halvings depend on the
    /// original only, so a copy's bytes do not depend on which other copies this build makes
    /// or finds cached: two builds sharing the cache agree on every entry. Returns each
    /// copy's output path and file in the cache.
    fn make_copies(
        &self,
        image: &DynamicImage,
        missing: Vec<&Job>,
    ) -> Result<Vec<(String, PathBuf)>, Reason> {
        let mut halvings = Halvings::of(image);
        let mut files = Vec::new();
        for job in missing {
            let base = match job.plan.crop {
                Some(_) => image,
                None => halvings.base_for(job.plan.width, job.plan.height),
            };
            let copy = ops::apply(base, &job.plan);
            let data = encode::encode(&copy, job.format, job.quality)?;
            files.push((job.output.clone(), self.cache.write(&job.entry, &data)?));
            self.made.fetch_add(1, Ordering::Relaxed);
        }
        Ok(files)
    }

    /// Cleans an SVG on every build (it is quick, and its warnings are shown every time);
    /// the cache only saves the write.
    fn publish_svg(&self, source: &Source, outcome: &mut Outcome) -> Result<(), Failure> {
        let path = self.file_path(&source.key);
        let bytes = self.read_unchanged(source).map_err(Failure::Unusable)?;
        let text = String::from_utf8_lossy(&bytes);
        let at = |offset: usize, code: &'static str, why: &Reason| {
            Diagnostic::at_offset(&path, &text, offset, "").with_text_as(
                code,
                why.key,
                why.args.clone(),
            )
        };
        let cleaned =
            svg::clean(&text).map_err(|r| Failure::At(at(r.offset, "image.invalid", &r.why)))?;
        outcome.warnings = cleaned
            .removed
            .iter()
            .map(|(offset, what)| at(*offset, "image.warning", what).warning())
            .collect();
        let entry = format!("{}.svg", original_hash(source));
        let file = match self.cached(&entry, &source.key) {
            Some(file) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                file
            }
            None => {
                let written = self.cache.write(&entry, cleaned.text.as_bytes());
                let file = written.map_err(Failure::Unusable)?;
                self.made.fetch_add(1, Ordering::Relaxed);
                file
            }
        };
        outcome.published = Some(file);
        Ok(())
    }

    /// The file of cache entry `entry`, made from content file `key`, when it can be used as
    /// it is. A damaged one is made again by the caller, and said so in a warning.
    fn cached(&self, entry: &str, key: &str) -> Option<PathBuf> {
        match self.cache.find(entry) {
            cache::Entry::Sound(file) => Some(file),
            cache::Entry::Missing => None,
            cache::Entry::Damaged { file, why } => {
                let warning = Diagnostic::file(&file, "").with_text_as(
                    "image.warning",
                    "image.warning/cache_damaged",
                    about_image(key, &why),
                );
                lock(&self.repaired).push(warning);
                None
            }
        }
    }

    /// The source's bytes, checked against the hash its cache keys were made from.
    fn read_unchanged(&self, source: &Source) -> Result<Vec<u8>, Reason> {
        let bytes = std::fs::read(self.file_path(&source.key))
            .map_err(|e| super::source::unreadable_file(&e))?;
        if blake3::hash(&bytes) != source.hash {
            return Err(Reason::new("file.changed", Vec::new()));
        }
        Ok(bytes)
    }

    /// Stores an outcome; returns its problems, at the pages that show the image.
    fn record(&self, library: &Library, outcome: Outcome) -> Vec<Diagnostic> {
        let failed = outcome.failure.is_some();
        if failed || outcome.published.is_some() {
            lock(&self.published).insert(outcome.key.clone(), outcome.published);
        }
        {
            let mut variants = lock(&self.variants);
            for variant in variants.values_mut() {
                if failed && variant.source.key == outcome.key {
                    variant.state = State::Failed;
                }
            }
            for (output, file) in outcome.done {
                if let Some(variant) = variants.get_mut(&output) {
                    variant.state = State::Done(file);
                }
            }
        }
        match outcome.failure {
            None => Vec::new(),
            Some(Failure::At(diagnostic)) => vec![diagnostic],
            Some(Failure::Unusable(why)) => self.blame(library, &outcome.key, &why),
        }
    }

    /// A problem with image `key`, at every page that shows it, or at the file itself.
    fn blame(&self, library: &Library, key: &str, why: &Reason) -> Vec<Diagnostic> {
        if lock(&self.reported).contains(key) {
            return Vec::new(); // the pages said so already, with their lines
        }
        let users = lock(&self.users).get(key).cloned().unwrap_or_default();
        let mut found: Vec<Diagnostic> = users
            .iter()
            .filter_map(|user| match user {
                User::Page { key: page, at } => library
                    .document(page)
                    .map(|_| unusable(at.clone(), key, why)),
                User::Template => None,
            })
            .collect();
        if found.is_empty() {
            let text = if users.contains(&User::Template) {
                "image.invalid/template"
            } else {
                "image.invalid/file"
            };
            let at = Diagnostic::file(&self.file_path(key), "");
            found.push(at.with_text_as("image.invalid", text, because("why", why)));
        }
        found
    }
}

/// The problem at `at` (a page's line that shows image `key`): the image cannot be used.
pub fn unusable(at: Diagnostic, key: &str, why: &Reason) -> Diagnostic {
    at.with_text_as("image.invalid", "image.invalid", about_image(key, why))
}

/// The arguments of a message about image `key` (`{image}`) and `why` (`{why}`).
fn about_image(key: &str, why: &Reason) -> crate::messages::Args {
    let mut args = because("why", why);
    args.push(("image", format!("content/{key}")));
    args
}

fn group(key: &str) -> Group {
    Group {
        key: key.to_string(),
        original: false,
        jobs: Vec::new(),
    }
}

/// The original without metadata: stripped losslessly, or re-encoded when its EXIF turned
/// it (the turn is applied, since the EXIF that says so goes).
fn original_bytes(
    source: &Source,
    bytes: &[u8],
    image: &image::DynamicImage,
    quality: u8,
) -> Result<Vec<u8>, Reason> {
    if source.orientation == image::metadata::Orientation::NoTransforms {
        return strip::strip(source.kind, bytes);
    }
    // The original is the best copy there is: do not let a low `quality` spoil it.
    encode::encode(image, Format::keeping(source.kind), quality.max(90))
}

/// An image and its halvings (half, a quarter, ...), each made from the one before when a
/// copy first needs it.
struct Halvings<'a> {
    original: &'a DynamicImage,
    steps: Vec<DynamicImage>,
}

impl<'a> Halvings<'a> {
    fn of(original: &'a DynamicImage) -> Self {
        Halvings {
            original,
            steps: Vec::new(),
        }
    }

    /// The size of the `depth`th halving (0: the original).
    fn size(&self, depth: u32) -> (u32, u32) {
        let halve = |n: u32| n.checked_shr(depth).unwrap_or(0);
        (halve(self.original.width()), halve(self.original.height()))
    }

    /// The smallest halving at least twice as wide and as high as `width` x `height`, or the
    /// original when none is.
    fn base_for(&mut self, width: u32, height: u32) -> &DynamicImage {
        let large_enough = |(w, h): (u32, u32)| {
            w >= width.saturating_mul(2).max(2) && h >= height.saturating_mul(2).max(2)
        };
        let mut depth = 0;
        while large_enough(self.size(depth + 1)) {
            depth += 1;
        }
        while self.steps.len() < depth as usize {
            let (w, h) = self.size(self.steps.len() as u32 + 1);
            let larger = self.steps.last().unwrap_or(self.original);
            let step = larger.resize_exact(w, h, image::imageops::FilterType::Lanczos3);
            self.steps.push(step);
        }
        match depth {
            0 => self.original,
            _ => &self.steps[depth as usize - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halvings_stop_at_twice_the_copy() {
        let original = DynamicImage::new_rgb8(1000, 600);
        let mut halvings = Halvings::of(&original);
        let sizes = |h: &mut Halvings, w, ht| {
            let base = h.base_for(w, ht);
            (base.width(), base.height())
        };
        assert_eq!(sizes(&mut halvings, 600, 360), (1000, 600));
        assert_eq!(sizes(&mut halvings, 200, 120), (500, 300));
        assert_eq!(sizes(&mut halvings, 250, 150), (500, 300));
        assert_eq!(sizes(&mut halvings, 100, 60), (250, 150));
        // A copy of another shape needs both sides large enough.
        assert_eq!(sizes(&mut halvings, 100, 300), (1000, 600));
        assert_eq!(sizes(&mut halvings, 1, 1), (3, 2));
        assert_eq!(halvings.steps.len(), 8);
    }

    #[test]
    fn a_copy_does_not_depend_on_the_copies_made_before_it() {
        let mut original = image::RgbImage::new(640, 480);
        for (x, y, pixel) in original.enumerate_pixels_mut() {
            *pixel = image::Rgb([
                (x * 7 % 256) as u8,
                (y * 3 % 256) as u8,
                ((x ^ y) % 256) as u8,
            ]);
        }
        let original = DynamicImage::ImageRgb8(original);
        let small = |halvings: &mut Halvings| {
            ops::apply(
                halvings.base_for(80, 60),
                &Plan {
                    width: 80,
                    height: 60,
                    crop: None,
                },
            )
        };
        let mut alone = Halvings::of(&original);
        let mut after_others = Halvings::of(&original);
        after_others.base_for(300, 225);
        after_others.base_for(150, 112);
        assert_eq!(
            small(&mut alone).as_bytes(),
            small(&mut after_others).as_bytes()
        );
    }
}
