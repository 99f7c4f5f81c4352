//! Decoding with the EXIF orientation applied, and encoding the formats lots writes.
//!
//! The image crate's encoders write pixels only: no EXIF, XMP, ICC or text, so anything
//! re-encoded here is free of metadata by construction.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader};

use crate::config::ImageOutputFormat;
use crate::messages::Reason;

use super::source::Kind;

/// A format lots writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    /// The format a resized copy of a `kind` image keeps. A GIF's copy is a PNG: the image
    /// crate's GIF encoder would re-quantise the palette, and a resized copy is a still image.
    pub fn keeping(kind: Kind) -> Format {
        match kind {
            Kind::Jpeg => Format::Jpeg,
            Kind::WebP => Format::WebP,
            Kind::Png | Kind::Gif | Kind::Svg => Format::Png,
        }
    }

    /// The format of a copy: `requested` from a template (`auto`, `keep`, `jpg`, `png`,
    /// `webp`), else the site's `images.format`.
    pub fn choose(
        requested: Option<&str>,
        kind: Kind,
        setting: ImageOutputFormat,
    ) -> Result<Format, String> {
        match requested.unwrap_or("auto") {
            "auto" => Ok(match setting {
                ImageOutputFormat::Keep => Format::keeping(kind),
                ImageOutputFormat::Webp => Format::WebP,
            }),
            "keep" => Ok(Format::keeping(kind)),
            "jpg" | "jpeg" => Ok(Format::Jpeg),
            "png" => Ok(Format::Png),
            "webp" => Ok(Format::WebP),
            other => Err(format!(
                "`format` must be one of auto, keep, jpg, png, webp, not `{other}`"
            )),
        }
    }
}

/// Decodes raster bytes and turns the pixels the way the EXIF orientation says, since the
/// EXIF that says so is not published.
pub fn decode(bytes: &[u8], kind: Kind) -> Result<DynamicImage, Reason> {
    let format = kind
        .image_format()
        .ok_or_else(|| Reason::new("image.why.no_pixels", crate::args!("format" => kind.name())))?;
    let corrupt = |e: image::ImageError| super::source::unreadable(kind, &e);
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(corrupt)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Encodes `image`; `quality` (1–100) applies to JPEG only.
pub fn encode(image: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, Reason> {
    let mut bytes = Vec::new();
    let failed = |e: image::ImageError| {
        let args = crate::args!("format" => format!("{format:?}"), "detail" => e);
        Reason::new("image.why.encode", args)
    };
    match format {
        Format::Jpeg => {
            // JPEG has no alpha: flatten, keeping grey images grey.
            let pixels = match image {
                DynamicImage::ImageLuma8(_) => image.clone(),
                DynamicImage::ImageLumaA8(_) => DynamicImage::ImageLuma8(image.to_luma8()),
                _ => DynamicImage::ImageRgb8(image.to_rgb8()),
            };
            let encoder = JpegEncoder::new_with_quality(&mut bytes, quality.clamp(1, 100));
            pixels.write_with_encoder(encoder).map_err(failed)?;
        }
        Format::Png => {
            let pixels = match image {
                DynamicImage::ImageLuma8(_)
                | DynamicImage::ImageLumaA8(_)
                | DynamicImage::ImageRgb8(_)
                | DynamicImage::ImageRgba8(_)
                | DynamicImage::ImageLuma16(_)
                | DynamicImage::ImageLumaA16(_)
                | DynamicImage::ImageRgb16(_)
                | DynamicImage::ImageRgba16(_) => image.clone(),
                _ => DynamicImage::ImageRgba8(image.to_rgba8()),
            };
            pixels
                .write_with_encoder(PngEncoder::new(&mut bytes))
                .map_err(failed)?;
        }
        Format::WebP => {
            // The image crate writes lossless WebP only, from 8-bit RGB(A).
            let pixels = if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8())
            };
            pixels
                .write_with_encoder(WebPEncoder::new_lossless(&mut bytes))
                .map_err(failed)?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_format() {
        let image = DynamicImage::new_rgba8(8, 4);
        for format in [Format::Jpeg, Format::Png, Format::WebP] {
            let bytes = encode(&image, format, 80).unwrap();
            let kind = super::super::source::detect(&bytes).unwrap();
            let back = decode(&bytes, kind).unwrap();
            assert_eq!((back.width(), back.height()), (8, 4), "{format:?}");
        }
    }

    #[test]
    fn format_choice() {
        let keep = ImageOutputFormat::Keep;
        assert_eq!(Format::choose(None, Kind::Gif, keep).unwrap(), Format::Png);
        assert_eq!(
            Format::choose(None, Kind::Jpeg, ImageOutputFormat::Webp).unwrap(),
            Format::WebP
        );
        assert_eq!(
            Format::choose(Some("jpg"), Kind::Png, keep).unwrap(),
            Format::Jpeg
        );
        assert!(Format::choose(Some("bmp"), Kind::Png, keep).is_err());
    }
}
