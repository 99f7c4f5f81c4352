//! What the pipeline knows about a source image before processing it: its kind (from its
//! bytes, not its name), its content hash (the cache key) and its displayed size.
//!
//! Only the header is decoded here, so Markdown can write `width`, `height` and `srcset` while
//! pages render; the pixels are decoded once, later, in the parallel queue.

use std::io::Cursor;
use std::path::Path;

use image::metadata::Orientation;

use crate::args;
use crate::messages::{io, Reason};
use image::{ImageDecoder, ImageFormat, ImageReader};

/// The image formats lots publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Jpeg,
    Png,
    Gif,
    WebP,
    Svg,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::Gif => "GIF",
            Kind::WebP => "WebP",
            Kind::Svg => "SVG",
        }
    }

    pub fn image_format(self) -> Option<ImageFormat> {
        match self {
            Kind::Jpeg => Some(ImageFormat::Jpeg),
            Kind::Png => Some(ImageFormat::Png),
            Kind::Gif => Some(ImageFormat::Gif),
            Kind::WebP => Some(ImageFormat::WebP),
            Kind::Svg => None,
        }
    }
}

/// What the pipeline does with a content file, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// JPEG, PNG, GIF or WebP: metadata stripped, resized for `srcset`.
    Raster,
    /// Copied with scripts and external references removed.
    Svg,
    /// A photo format that carries EXIF/GPS but that lots cannot clean: publishing it would
    /// leak the metadata, so it is an error.
    Refused(&'static str),
    /// Not an image lots touches (PDF, BMP, text): copied as it is.
    Other,
}

pub fn handling(key: &str) -> Handling {
    let extension = key
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "jpg" | "jpeg" | "jpe" | "jfif" | "png" | "apng" | "gif" | "webp" => Handling::Raster,
        "svg" => Handling::Svg,
        "tif" | "tiff" => Handling::Refused("TIFF"),
        "heic" | "heif" => Handling::Refused("HEIC"),
        "avif" => Handling::Refused("AVIF"),
        "jxl" => Handling::Refused("JPEG XL"),
        _ => Handling::Other,
    }
}

/// A source image, as far as its header tells.
#[derive(Debug, Clone)]
pub struct Source {
    /// Content key (`guider/diagram/bild.png`).
    pub key: String,
    pub hash: blake3::Hash,
    pub kind: Kind,
    /// Size as shown, after the EXIF orientation is applied; 0 when an SVG gives none.
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation, applied (and then dropped with the EXIF) when processing.
    pub orientation: Orientation,
}

impl Source {
    pub fn is_raster(&self) -> bool {
        self.kind != Kind::Svg
    }
}

/// Reads `content_dir/key` and its header. The error says what is wrong, for a person.
pub fn read(content_dir: &Path, key: &str) -> Result<Source, Reason> {
    if let Handling::Refused(name) = handling(key) {
        return Err(Reason::new("image.why.refused", args!("format" => name)));
    }
    let bytes = std::fs::read(content_dir.join(key)).map_err(|e| unreadable_file(&e))?;
    let hash = blake3::hash(&bytes);
    if handling(key) == Handling::Svg {
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| Reason::new("image.why.svg_encoding", Vec::new()))?;
        let (width, height) = super::svg::dimensions(text).unwrap_or((0, 0));
        return Ok(Source {
            key: key.to_string(),
            hash,
            kind: Kind::Svg,
            width,
            height,
            orientation: Orientation::NoTransforms,
        });
    }
    let header = inspect(&bytes)?;
    Ok(Source {
        key: key.to_string(),
        hash,
        kind: header.kind,
        width: header.width,
        height: header.height,
        orientation: header.orientation,
    })
}

/// A raster image's header.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
}

/// The kind, displayed size and orientation of raster image bytes.
pub fn inspect(bytes: &[u8]) -> Result<Header, Reason> {
    let kind = detect(bytes)?;
    let format = kind.image_format().expect("a raster kind");
    let corrupt = |e: image::ImageError| unreadable(kind, &e);
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(Reason::new(
            "image.why.no_pixels",
            args!("format" => kind.name()),
        ));
    }
    // A broken EXIF block must not stop an otherwise good photo: it is dropped anyway.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = if turns_sideways(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Header {
        kind,
        width,
        height,
        orientation,
    })
}

/// What a decoder's error means for the person who saved the image: its own text names the
/// decoder's insides (`Format error decoding Jpeg: I/O errors Not enough bytes, expected 1
/// but found 0`), not what happened to the file or what to do.
pub fn unreadable(kind: Kind, err: &image::ImageError) -> Reason {
    use image::ImageError;
    let text = err.to_string().to_ascii_lowercase();
    let cut_off = [
        "not enough bytes",
        "eof",
        "end of file",
        "unexpected end",
        "truncated",
        "fill whole buffer",
        "no more data",
    ]
    .iter()
    .any(|words| text.contains(words));
    let key = match err {
        ImageError::Limits(_) => "image.why.too_large",
        ImageError::Unsupported(_) => "image.why.variant",
        _ if cut_off => "image.why.cut_off",
        _ => "image.why.damaged",
    };
    Reason::new(key, args!("format" => kind.name()))
}

/// Why an image file could not be read from the disk.
pub fn unreadable_file(err: &std::io::Error) -> Reason {
    Reason::new("image.why.unreadable", args!("reason" => io::reason(err)))
}

/// The kind of raster bytes, from their signature: a `.png` that is really a JPEG is treated
/// as the JPEG it is.
pub fn detect(bytes: &[u8]) -> Result<Kind, Reason> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(Kind::Jpeg),
        Ok(ImageFormat::Png) => Ok(Kind::Png),
        Ok(ImageFormat::Gif) => Ok(Kind::Gif),
        Ok(ImageFormat::WebP) => Ok(Kind::WebP),
        Ok(other) => Err(Reason::new(
            "image.why.other_format",
            args!("format" => format!("{other:?}")),
        )),
        Err(_) => Err(Reason::new("image.why.not_an_image", Vec::new())),
    }
}

/// Orientations that swap width and height.
pub fn turns_sideways(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}
