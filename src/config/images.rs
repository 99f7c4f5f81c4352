//! `images:` in config.yaml: the widths every raster image is published in, the JPEG quality,
//! the format of resized copies and the `sizes` attribute written beside `srcset`.
//!
//! Every key is optional; a site without the section gets the defaults below, which suit the
//! default theme's content column (`--measure: 46rem`).

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Spanned};

/// The largest width or height lots writes. Bigger requests are typos (an extra zero) and
/// would only cost memory.
pub const MAX_IMAGE_SIDE: u32 = 10_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    /// Widths (pixels) of the copies written for `srcset`; none wider than the original.
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    /// JPEG quality, 1–100. WebP copies are lossless (the image crate writes no lossy WebP).
    #[serde(default = "default_quality")]
    pub quality: u8,
    /// Format of the resized copies: the original's (`keep`) or WebP.
    #[serde(default)]
    pub format: ImageOutputFormat,
    /// The `sizes` attribute: how wide the image is shown, so the browser picks from `srcset`.
    #[serde(default = "default_sizes")]
    pub sizes: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageOutputFormat {
    #[default]
    Keep,
    Webp,
}

fn default_widths() -> Vec<u32> {
    vec![320, 640, 1280]
}

fn default_quality() -> u8 {
    80
}

fn default_sizes() -> String {
    "(max-width: 46rem) 100vw, 46rem".to_string()
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: default_widths(),
            quality: default_quality(),
            format: ImageOutputFormat::Keep,
            sizes: default_sizes(),
        }
    }
}

impl ImagesConfig {
    /// Checks the values serde cannot (ranges, markup in `sizes`) and sorts the widths.
    pub fn checked(
        raw: Option<Spanned<ImagesConfig>>,
        block: yaml::Block<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> ImagesConfig {
        let Some(spanned) = raw else {
            return ImagesConfig::default();
        };
        let mut images = spanned.value.clone();
        if let Some(bad) = images
            .widths
            .iter()
            .find(|w| **w == 0 || **w > MAX_IMAGE_SIDE)
        {
            problems.push(block.at(
                &spanned,
                format!("`images.widths`: {bad} is not a width between 1 and {MAX_IMAGE_SIDE}"),
            ));
        }
        if !(1..=100).contains(&images.quality) {
            problems.push(block.at(
                &spanned,
                format!(
                    "`images.quality` must be between 1 and 100, not {}",
                    images.quality
                ),
            ));
        }
        if images.sizes.trim().is_empty() || images.sizes.contains(['"', '<', '>', '&']) {
            problems.push(block.at(
                &spanned,
                "`images.sizes` must be a media-condition list such as `(max-width: 46rem) 100vw, 46rem`",
            ));
        }
        images.widths.sort_unstable();
        images.widths.dedup();
        images
    }
}
