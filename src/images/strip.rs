//! Lossless metadata removal for published originals: the file is walked segment by segment
//! (JPEG), chunk by chunk (PNG, WebP) or block by block (GIF), and only what is needed to show
//! the picture is kept. The pixels are never re-encoded, so a photo loses no quality.
//!
//! Kept on purpose: colour profiles (ICC) and colour/gamma chunks, which change how the
//! picture looks and say nothing about who took it or where; APNG and GIF animation control.
//! Dropped: EXIF (camera, GPS position, time), XMP, IPTC/Photoshop, comments, text chunks,
//! unknown ancillary data, and anything after the end marker (phones hide whole videos there).

use super::source::Kind;
use crate::messages::Reason;

/// The bytes of `data` without metadata. An error means the file's structure is broken.
pub fn strip(kind: Kind, data: &[u8]) -> Result<Vec<u8>, Reason> {
    let stripped = match kind {
        Kind::Jpeg => jpeg(data),
        Kind::Png => png(data),
        Kind::Gif => gif(data),
        Kind::WebP => webp(data),
        Kind::Svg => Err("an SVG is cleaned, not stripped".into()),
    };
    // The walks' own texts name the structure (for the tests); the person who saved the
    // file can only save it again.
    stripped.map_err(|_| Reason::new("image.why.broken", crate::args!("format" => kind.name())))
}

/// A decoder fills a cut-off image with grey and says nothing; taking the metadata out
/// needs the file's structure whole.
const TRUNCATED: &str = "the file is cut off (incomplete) or damaged, as after an interrupted download or copy; save or copy it again from the original";

fn jpeg(data: &[u8]) -> Result<Vec<u8>, String> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return Err("not a JPEG file".into());
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut pos = 2;
    loop {
        // Markers may be padded with any number of 0xFF fill bytes.
        while data.get(pos) == Some(&0xFF) && data.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        if data.get(pos) != Some(&0xFF) {
            return Err(TRUNCATED.into());
        }
        let marker = *data.get(pos + 1).ok_or(TRUNCATED)?;
        pos += 2;
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Ok(out); // anything after the end of the image is dropped
            }
            0x01 | 0xD0..=0xD7 => out.extend_from_slice(&[0xFF, marker]),
            _ => {
                let length = usize::from(u16::from_be_bytes([
                    *data.get(pos).ok_or(TRUNCATED)?,
                    *data.get(pos + 1).ok_or(TRUNCATED)?,
                ]));
                let end = pos + length;
                if length < 2 || end > data.len() {
                    return Err(TRUNCATED.into());
                }
                if keep_jpeg_segment(marker, &data[pos + 2..end]) {
                    out.extend_from_slice(&[0xFF, marker]);
                    out.extend_from_slice(&data[pos..end]);
                }
                pos = end;
                if marker == 0xDA {
                    let scan_end = entropy_end(data, pos).ok_or(TRUNCATED)?;
                    out.extend_from_slice(&data[pos..scan_end]);
                    pos = scan_end;
                }
            }
        }
    }
}

/// APP0 (JFIF), APP2 only for an ICC profile, APP14 (Adobe colour transform) and every
/// non-APP segment; no APP1 (EXIF, XMP), APP13 (IPTC), other APPn or COM (comments).
fn keep_jpeg_segment(marker: u8, payload: &[u8]) -> bool {
    match marker {
        0xE0 => payload.starts_with(b"JFIF\0") || payload.starts_with(b"JFXX\0"),
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
        0xEE => payload.starts_with(b"Adobe"),
        0xE1..=0xEF | 0xFE => false,
        _ => true,
    }
}

/// Where the entropy-coded data after a start-of-scan ends: at the first marker that is not
/// a stuffed 0xFF00 or a restart marker.
fn entropy_end(data: &[u8], mut pos: usize) -> Option<usize> {
    while pos + 1 < data.len() {
        if data[pos] == 0xFF {
            match data[pos + 1] {
                0x00 | 0xD0..=0xD7 | 0xFF => {}
                _ => return Some(pos),
            }
        }
        pos += 1;
    }
    None
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Chunks that draw the picture or set its colours; everything else is dropped.
const PNG_KEEP: [&[u8; 4]; 16] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"acTL", b"fcTL", b"fdAT",
];

fn png(data: &[u8]) -> Result<Vec<u8>, String> {
    if !data.starts_with(PNG_SIGNATURE) {
        return Err("not a PNG file".into());
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut pos = PNG_SIGNATURE.len();
    loop {
        let header = data.get(pos..pos + 8).ok_or(TRUNCATED)?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = &header[4..8];
        let end = pos
            .checked_add(12)
            .and_then(|p| p.checked_add(length))
            .filter(|e| *e <= data.len())
            .ok_or(TRUNCATED)?;
        // Unknown critical chunks (upper-case first letter) are kept: the picture needs them.
        let critical = kind[0].is_ascii_uppercase();
        if critical || PNG_KEEP.iter().any(|k| k.as_slice() == kind) {
            out.extend_from_slice(&data[pos..end]);
        }
        pos = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

fn gif(data: &[u8]) -> Result<Vec<u8>, String> {
    if !(data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a")) || data.len() < 13 {
        return Err("not a GIF file".into());
    }
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 13 + color_table_len(data[10]);
    out.extend_from_slice(data.get(..pos).ok_or(TRUNCATED)?);
    loop {
        match *data.get(pos).ok_or(TRUNCATED)? {
            0x3B => {
                out.push(0x3B);
                return Ok(out);
            }
            0x21 => {
                let label = *data.get(pos + 1).ok_or(TRUNCATED)?;
                let end = sub_blocks_end(data, pos + 2)?;
                if keep_gif_extension(label, &data[pos + 2..end]) {
                    out.extend_from_slice(&data[pos..end]);
                }
                pos = end;
            }
            0x2C => {
                let flags = *data.get(pos + 9).ok_or(TRUNCATED)?;
                // Descriptor, local colour table, LZW code size, then the data sub-blocks.
                let blocks = pos + 10 + color_table_len(flags) + 1;
                let end = sub_blocks_end(data, blocks)?;
                out.extend_from_slice(&data[pos..end]);
                pos = end;
            }
            _ => return Err(TRUNCATED.into()),
        }
    }
}

/// Graphic control (timing, transparency), plain text and the looping application blocks;
/// no comments, no XMP or other application data.
fn keep_gif_extension(label: u8, blocks: &[u8]) -> bool {
    match label {
        0xF9 | 0x01 => true,
        0xFF => blocks
            .get(1..12)
            .is_some_and(|id| id == b"NETSCAPE2.0" || id == b"ANIMEXTS1.0"),
        _ => false,
    }
}

fn color_table_len(flags: u8) -> usize {
    if flags & 0x80 == 0 {
        0
    } else {
        3 << ((flags & 0x07) + 1)
    }
}

/// The end of a chain of GIF sub-blocks (each a length byte and data; 0 ends the chain).
fn sub_blocks_end(data: &[u8], mut pos: usize) -> Result<usize, String> {
    loop {
        let size = usize::from(*data.get(pos).ok_or(TRUNCATED)?);
        pos += 1 + size;
        if size == 0 {
            return Ok(pos);
        }
        if pos > data.len() {
            return Err(TRUNCATED.into());
        }
    }
}

fn webp(data: &[u8]) -> Result<Vec<u8>, String> {
    if data.len() < 12 || &data[..4] != b"RIFF" || &data[8..12] != b"WEBP" {
        return Err("not a WebP file".into());
    }
    let declared = u32::from_le_bytes([data[4], data[5], data[6], data[7]]) as usize;
    let body_end = (declared + 8).min(data.len());
    let mut body = Vec::with_capacity(data.len());
    let mut pos = 12;
    while pos + 8 <= body_end {
        let fourcc = &data[pos..pos + 4];
        let size = u32::from_le_bytes([data[pos + 4], data[pos + 5], data[pos + 6], data[pos + 7]])
            as usize;
        let data_end = pos + 8 + size;
        if data_end > body_end {
            return Err(TRUNCATED.into());
        }
        // Chunks are padded to an even length; a missing last pad byte is forgiven.
        let end = (data_end + (size & 1)).min(body_end);
        match fourcc {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut chunk = data[pos..end].to_vec();
                if let Some(flags) = chunk.get_mut(8) {
                    *flags &= !(0x08 | 0x04); // the EXIF and XMP flags
                }
                body.extend_from_slice(&chunk);
            }
            _ => body.extend_from_slice(&data[pos..end]),
        }
        pos = end;
    }
    let mut out = Vec::with_capacity(body.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn jpeg_loses_exif_and_comments_but_keeps_the_picture() {
        let mut data = vec![0xFF, 0xD8];
        data.extend_from_slice(&[0xFF, 0xE0, 0, 7]);
        data.extend_from_slice(b"JFIF\0");
        data.extend_from_slice(&[0xFF, 0xE1, 0, 10]);
        data.extend_from_slice(b"Exif\0\0GP");
        data.extend_from_slice(&[0xFF, 0xFE, 0, 6]);
        data.extend_from_slice(b"hemt");
        data.extend_from_slice(&[0xFF, 0xDA, 0, 2, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]);
        data.extend_from_slice(b"trailer");
        let out = jpeg(&data).unwrap();
        assert!(contains(&out, b"JFIF"));
        assert!(!contains(&out, b"Exif") && !contains(&out, b"hemt"));
        assert!(out.ends_with(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]));
        assert!(jpeg(&data[..20]).is_err());
    }

    #[test]
    fn png_loses_text_chunks() {
        let chunk = |kind: &[u8], body: &[u8]| {
            let mut c = (body.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(body);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut data = PNG_SIGNATURE.to_vec();
        data.extend(chunk(b"IHDR", &[0; 13]));
        data.extend(chunk(b"tEXt", b"Author\0Anna"));
        data.extend(chunk(b"eXIf", b"MM"));
        data.extend(chunk(b"IDAT", b"xx"));
        data.extend(chunk(b"IEND", b""));
        let out = png(&data).unwrap();
        assert!(!contains(&out, b"tEXt") && !contains(&out, b"Anna") && !contains(&out, b"eXIf"));
        assert!(contains(&out, b"IDAT") && out.ends_with(b"IEND\0\0\0\0"));
        assert!(png(&data[..data.len() - 3]).is_err());
    }

    #[test]
    fn gif_loses_comments_and_xmp() {
        let mut data = b"GIF89a".to_vec();
        data.extend_from_slice(&[1, 0, 1, 0, 0x80, 0, 0]); // 1x1, 2-colour global table
        data.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
        data.extend_from_slice(&[0x21, 0xFE, 4]);
        data.extend_from_slice(b"hemt");
        data.push(0);
        data.extend_from_slice(&[0x21, 0xFF, 11]);
        data.extend_from_slice(b"XMP DataXMP");
        data.extend_from_slice(&[3, b'a', b'b', b'c', 0]);
        data.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0, 0x3B]);
        let out = gif(&data).unwrap();
        assert!(!contains(&out, b"hemt") && !contains(&out, b"XMP"));
        assert!(out.ends_with(&[0x4C, 0x01, 0, 0x3B]));
    }

    #[test]
    fn webp_loses_exif_and_clears_its_flag() {
        let mut body = b"WEBP".to_vec();
        body.extend_from_slice(b"VP8X");
        body.extend_from_slice(&10u32.to_le_bytes());
        body.extend_from_slice(&[0x08 | 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        body.extend_from_slice(b"EXIF");
        body.extend_from_slice(&3u32.to_le_bytes());
        body.extend_from_slice(b"GPS\0");
        body.extend_from_slice(b"VP8L");
        body.extend_from_slice(&2u32.to_le_bytes());
        body.extend_from_slice(b"ab");
        let mut data = b"RIFF".to_vec();
        data.extend_from_slice(&(body.len() as u32).to_le_bytes());
        data.extend_from_slice(&body);
        let out = webp(&data).unwrap();
        assert!(!contains(&out, b"EXIF") && !contains(&out, b"GPS"));
        assert_eq!(out[20], 0, "the EXIF and XMP flags are cleared");
        assert_eq!(
            u32::from_le_bytes([out[4], out[5], out[6], out[7]]) as usize,
            out.len() - 8
        );
    }
}
