//! Images, end to end with the real binary: `srcset` markup and the widths written, metadata
//! gone from every published image, EXIF orientation applied, SVGs cleaned, the cache making a
//! rebuild redo nothing, `resize_image` in templates, and broken images reported at the page
//! and line that show them.
//!
//! Every test image is made here, in code, with its metadata segments built byte by byte.

mod common;

use std::fs;
use std::io::Cursor;
use std::path::Path;

use common::{fixture, list_files, Run, Site};
use image::{DynamicImage, ImageFormat, RgbImage};

// ---------------------------------------------------------------- test images

/// A picture with some detail, so encoders have something to compress.
fn picture(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    }))
}

fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, format)
        .expect("encode a test image");
    bytes.into_inner()
}

/// An EXIF block (TIFF, big-endian) with an orientation and a GPS position in Stockholm.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2A\0\0\0\x08".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value);
    };
    // IFD0 at 8: orientation, pointer to the GPS IFD at 38.
    t.extend_from_slice(&2u16.to_be_bytes());
    let o = orientation.to_be_bytes();
    entry(&mut t, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, 4, 1, 38u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    // GPS IFD at 38: latitude ref, latitude (at 80), map datum (at 104).
    t.extend_from_slice(&3u16.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, 80u32.to_be_bytes());
    entry(&mut t, 0x0012, 2, 7, 104u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 80);
    for (num, den) in [(59u32, 1u32), (19, 1), (4380, 100)] {
        t.extend_from_slice(&num.to_be_bytes());
        t.extend_from_slice(&den.to_be_bytes());
    }
    t.extend_from_slice(b"WGS-84\0");
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(t);
    payload
}

fn jpeg_segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// A JPEG with EXIF (orientation, GPS), XMP and a comment right after its start marker.
fn jpeg_with_metadata(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let plain = encoded(&picture(width, height), ImageFormat::Jpeg);
    let mut out = plain[..2].to_vec();
    out.extend(jpeg_segment(0xE1, &exif(orientation)));
    out.extend(jpeg_segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>59,19N</exif:GPSLatitude></x:xmpmeta>",
    ));
    out.extend(jpeg_segment(0xFE, b"Fotograf: Anna Andersson"));
    out.extend_from_slice(&plain[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG with a tEXt chunk naming its author, after IHDR.
fn png_with_text(width: u32, height: u32) -> Vec<u8> {
    let plain = encoded(&picture(width, height), ImageFormat::Png);
    let mut chunk_body = b"tEXt".to_vec();
    chunk_body.extend_from_slice(b"Author\0Anna Andersson");
    let mut out = plain[..33].to_vec(); // signature and IHDR
    out.extend_from_slice(&((chunk_body.len() - 4) as u32).to_be_bytes());
    out.extend_from_slice(&chunk_body);
    out.extend_from_slice(&crc32(&chunk_body).to_be_bytes());
    out.extend_from_slice(&plain[33..]);
    out
}

/// A GIF with a comment and an XMP application block after its colour table.
fn gif_with_comment() -> Vec<u8> {
    let plain = encoded(&picture(40, 30), ImageFormat::Gif);
    let flags = plain[10];
    let table = if flags & 0x80 != 0 {
        3 << ((flags & 7) + 1)
    } else {
        0
    };
    let at = 13 + table;
    let mut out = plain[..at].to_vec();
    out.extend_from_slice(&[0x21, 0xFE, 24]);
    out.extend_from_slice(b"Fotograf: Anna Andersson");
    out.push(0);
    out.extend_from_slice(&[0x21, 0xFF, 11]);
    out.extend_from_slice(b"XMP DataXMP");
    out.extend_from_slice(&[14]);
    out.extend_from_slice(b"GPSLatitude 59");
    out.push(0);
    out.extend_from_slice(&plain[at..]);
    out
}

/// An extended WebP (VP8X) with an EXIF chunk.
fn webp_with_exif(width: u32, height: u32) -> Vec<u8> {
    let plain = encoded(&picture(width, height), ImageFormat::WebP);
    let image_chunk = &plain[12..]; // the VP8L chunk
    let mut body = b"WEBP".to_vec();
    body.extend_from_slice(b"VP8X");
    body.extend_from_slice(&10u32.to_le_bytes());
    body.push(0x08); // EXIF present
    body.extend_from_slice(&[0, 0, 0]);
    body.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
    body.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
    body.extend_from_slice(image_chunk);
    let exif = &exif(1)[6..]; // WebP's EXIF chunk holds the TIFF data without "Exif\0\0"
    body.extend_from_slice(b"EXIF");
    body.extend_from_slice(&(exif.len() as u32).to_le_bytes());
    body.extend_from_slice(exif);
    if exif.len() % 2 == 1 {
        body.push(0);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" onload="alert('svg')">
<script>alert('script')</script>
<a href="javascript:alert('href')"><rect width="120" height="80" fill="#fff"/></a>
<foreignObject width="10" height="10"><p>html</p></foreignObject>
<image xlink:href="https://tracker.example/pixel.png" width="1" height="1"/>
<text x="60" y="55">88</text>
</svg>
"##;

// ---------------------------------------------------------------- helpers

const CONFIG: &str = "title: \"Bilder\"\nbase_url: \"https://example.org\"\nimages:\n  widths: [320, 640, 1280]\n  quality: 80\n";

/// A site with a bundle page showing every kind of image.
fn photo_site() -> Site {
    let site = fixture("minimal");
    site.write("config.yaml", CONFIG);
    site.write(
        "content/reportage/foto.jpg",
        jpeg_with_metadata(1400, 700, 1),
    );
    site.write("content/reportage/diagram.png", png_with_text(800, 600));
    site.write(
        "content/reportage/vriden.jpg",
        jpeg_with_metadata(40, 20, 6),
    );
    site.write("content/reportage/anim.gif", gif_with_comment());
    site.write("content/reportage/karta.webp", webp_with_exif(500, 250));
    site.write("content/reportage/symbol.svg", SVG);
    site.write(
        "content/reportage/index.md",
        "---\ntitle: \"Reportage\"\n---\n\nInledning.\n\n![Ett foto från mötet](foto.jpg \"Mötet i Rinkeby\")\n\n![Diagram](diagram.png)\n\n![Vriden](vriden.jpg) ![Animation](anim.gif) ![Karta](karta.webp) ![Symbol](symbol.svg)\n",
    );
    site
}

/// The `<img ...>` whose `alt` is `alt`.
fn img_tag(html: &str, alt: &str) -> String {
    let needle = format!("alt=\"{alt}\"");
    html.split("<img ")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(""))
        .find(|tag| tag.contains(&needle))
        .unwrap_or_else(|| panic!("no <img> with {needle} in:\n{html}"))
        .to_string()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let tag = format!(" {tag}");
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[start..].split('"').next()?.to_string())
}

/// (made, from the cache) from the build's `Bilder:` line (the fixture is a Swedish site).
fn image_counts(run: &Run) -> (usize, usize) {
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Bilder: "))
        .unwrap_or_else(|| panic!("no Bilder: line in\n{}", run.stdout));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

fn dimensions(path: &Path) -> (u32, u32) {
    let image = image::open(path).unwrap_or_else(|e| panic!("decode {}: {e}", path.display()));
    (image.width(), image.height())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// ---------------------------------------------------------------- tests

#[test]
fn markdown_images_get_srcset_sizes_dimensions_and_lazy_loading() {
    let site = photo_site();
    let run = site.build_ok(&[]);
    let html = run.read("reportage/index.html");
    let foto = img_tag(&html, "Ett foto från mötet");
    assert_eq!(attr(&foto, "src").unwrap(), "../reportage/foto.jpg");
    assert_eq!(attr(&foto, "title").unwrap(), "Mötet i Rinkeby");
    assert_eq!(attr(&foto, "width").unwrap(), "1400");
    assert_eq!(attr(&foto, "height").unwrap(), "700");
    assert_eq!(attr(&foto, "loading").unwrap(), "lazy");
    assert_eq!(attr(&foto, "decoding").unwrap(), "async");
    assert_eq!(
        attr(&foto, "sizes").unwrap(),
        "(max-width: 46rem) 100vw, 46rem"
    );
    let srcset = attr(&foto, "srcset").unwrap();
    let candidates: Vec<(&str, &str)> = srcset
        .split(", ")
        .map(|c| c.split_once(' ').expect("url and width"))
        .collect();
    let widths: Vec<&str> = candidates.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, ["320w", "640w", "1280w", "1400w"], "{srcset}");
    for ((url, _), expected) in candidates.iter().zip([(320, 160), (640, 320), (1280, 640)]) {
        let file = url.strip_prefix("../").expect("relative to the page");
        assert!(file.starts_with("processed_images/foto-"), "{url}");
        assert_eq!(dimensions(&run.file(file)), expected, "{url}");
    }
    assert_eq!(candidates[3].0, "../reportage/foto.jpg");

    // Never upscaled: an 800-pixel diagram gets 320 and 640, then itself.
    let diagram = img_tag(&html, "Diagram");
    let srcset = attr(&diagram, "srcset").unwrap();
    assert!(
        srcset.contains(" 640w, ../reportage/diagram.png 800w"),
        "{srcset}"
    );
    assert!(!srcset.contains("1280w"), "{srcset}");
    let copies = list_files(&run.file("processed_images"));
    assert!(copies.iter().all(|f| !f.contains("1280x960")), "{copies:?}");

    // A GIF keeps its animation (no copies), an SVG scales itself; both get their size.
    let gif = img_tag(&html, "Animation");
    assert_eq!(attr(&gif, "srcset"), None);
    assert_eq!(
        (attr(&gif, "width").unwrap(), attr(&gif, "height").unwrap()),
        ("40".into(), "30".into())
    );
    let svg = img_tag(&html, "Symbol");
    assert_eq!(attr(&svg, "width").unwrap(), "120");
    assert_eq!(attr(&svg, "loading").unwrap(), "lazy");
}

#[test]
fn no_metadata_survives_in_any_published_image() {
    let site = photo_site();
    let run = site.build_ok(&[]);
    let secrets: [&[u8]; 7] = [
        b"Exif",
        b"WGS-84",
        b"GPSLatitude",
        b"tEXt",
        b"Anna Andersson",
        b"http://ns.adobe.com/xap",
        b"XMP",
    ];
    let images: Vec<String> = run
        .files()
        .into_iter()
        .filter(|f| {
            [".jpg", ".png", ".gif", ".webp", ".svg"]
                .iter()
                .any(|e| f.ends_with(e))
        })
        .collect();
    assert!(images.len() >= 10, "{images:?}");
    for file in &images {
        let bytes = fs::read(run.file(file)).unwrap();
        for secret in secrets {
            assert!(
                !contains(&bytes, secret),
                "{file} still holds {:?}",
                String::from_utf8_lossy(secret)
            );
        }
        if !file.ends_with(".svg") {
            dimensions(&run.file(file)); // still a valid image
        }
    }
    // The originals are published whole, at their size.
    assert_eq!(dimensions(&run.file("reportage/foto.jpg")), (1400, 700));
    assert_eq!(dimensions(&run.file("reportage/karta.webp")), (500, 250));
    let gif = image::open(run.file("reportage/anim.gif")).unwrap();
    assert_eq!((gif.width(), gif.height()), (40, 30));
}

#[test]
fn exif_orientation_is_applied_before_the_exif_goes() {
    let site = photo_site();
    let run = site.build_ok(&[]);
    let tag = img_tag(&run.read("reportage/index.html"), "Vriden");
    assert_eq!(
        (attr(&tag, "width").unwrap(), attr(&tag, "height").unwrap()),
        ("20".into(), "40".into())
    );
    assert_eq!(dimensions(&run.file("reportage/vriden.jpg")), (20, 40));
}

#[test]
fn svg_loses_scripts_handlers_and_external_references() {
    let site = photo_site();
    let run = site.build_ok(&[]);
    let svg = run.read("reportage/symbol.svg");
    for gone in [
        "alert",
        "<script",
        "onload",
        "javascript:",
        "foreignObject",
        "tracker.example",
    ] {
        assert!(!svg.contains(gone), "`{gone}` survived:\n{svg}");
    }
    assert!(svg.contains("<text x=\"60\" y=\"55\">88</text>"), "{svg}");
    assert!(svg.contains("<rect width=\"120\""), "{svg}");
    let shown = site.shown("content/reportage/symbol.svg");
    assert!(
        run.stderr.contains(&format!(
            "warning: {shown}:2:1: tog bort <script>: en SVG får inte köra kod"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn svg_declaring_entities_is_refused_with_its_position() {
    let site = fixture("minimal");
    site.write(
        "content/bild/bomb.svg",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaaaaaa\">]>\n<svg>&a;</svg>\n",
    );
    site.write(
        "content/bild/index.md",
        "---\ntitle: \"Bild\"\n---\n\n![Bomb](bomb.svg)\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("content/bild/bomb.svg"),
        2,
        1,
        "en SVG vars DOCTYPE deklarerar entiteter tas inte emot",
        "<!DOCTYPE svg [<!ENTITY a \"aaaaaaaa\">]>",
    );
}

#[test]
fn a_rebuild_processes_nothing_and_a_changed_image_only_itself() {
    let site = photo_site();
    let first = site.build_ok(&[]);
    let (made, reused) = image_counts(&first);
    assert!(made >= 10 && reused == 0, "{}", first.stdout);
    let cache = site.path(".lots-cache/images");
    let stamps = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        list_files(dir)
            .into_iter()
            .map(|f| {
                let modified = fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
                (f, modified)
            })
            .collect()
    };
    let before = stamps(&cache);
    let published = common::snapshot(&first.out);

    let second = site.build_ok(&[]);
    assert_eq!(image_counts(&second), (0, made), "{}", second.stdout);
    assert_eq!(stamps(&cache), before, "the cache was rewritten");
    assert_eq!(common::snapshot(&second.out), published);

    // A new diagram: its original and its two copies, nothing else.
    site.write("content/reportage/diagram.png", png_with_text(700, 500));
    let third = site.build_ok(&[]);
    assert_eq!(image_counts(&third), (3, made - 3), "{}", third.stdout);

    // Deleting the cache is safe: the same site comes out.
    let published = common::snapshot(&third.out);
    fs::remove_dir_all(site.path(".lots-cache")).unwrap();
    let fourth = site.build_ok(&[]);
    assert_eq!(image_counts(&fourth).1, 0);
    assert_eq!(common::snapshot(&fourth.out), published);
}

#[test]
fn broken_missing_and_unsupported_images_are_errors_at_their_line() {
    let site = fixture("minimal");
    let mut truncated = png_with_text(800, 600);
    truncated.truncate(truncated.len() / 2);
    site.write("content/trasig/skrap.png", b"this is not an image at all");
    site.write("content/trasig/avhuggen.png", &truncated);
    site.write("content/trasig/foto.heic", b"....ftypheic");
    site.write("content/trasig/ensam.jpg", b"\xFF\xD8\xFF\xE0 broken");
    site.write(
        "content/trasig/index.md",
        "---\ntitle: \"Trasig\"\n---\n\n![Skräp](skrap.png)\n\n![Avhuggen](avhuggen.png)\n\n![Foto](foto.heic)\n\n![Saknas](saknas.jpg)\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    let page = site.shown("content/trasig/index.md");
    run.assert_error_at(
        &page,
        5,
        1,
        "bilden content/trasig/skrap.png kan inte användas: det är inte en JPEG-, PNG-, GIF- eller WebP-bild",
        "![Skräp](skrap.png)",
    );
    run.assert_error_at(
        &page,
        7,
        1,
        "bilden content/trasig/avhuggen.png kan inte användas: PNG-filen är avklippt (ofullständig), som efter en avbruten nedladdning eller kopiering; spara eller kopiera den igen från originalet",
        "![Avhuggen](avhuggen.png)",
    );
    run.assert_error_at(
        &page,
        9,
        1,
        "HEIC-bilder kan inte publiceras",
        "![Foto](foto.heic)",
    );
    run.assert_error_at(&page, 11, 1, "saknas.jpg", "![Saknas](saknas.jpg)");
    // An image no page shows is still published, so it is checked too.
    run.assert_error_names(
        &site.shown("content/trasig/ensam.jpg"),
        "JPEG-filen är avklippt (ofullständig)",
    );
    assert!(run.error_summary().contains("5 fel"), "{}", run.stderr);
}

#[test]
fn resize_image_in_templates() {
    let site = photo_site();
    site.write(
        "config.yaml",
        format!("{CONFIG}collections:\n  - name: symboler\n    sections: [symboler]\n    fields:\n      bild: {{type: file, required: true}}\n"),
    );
    site.write(
        "content/symboler/_index.md",
        "---\ntitle: \"Symboler\"\n---\n",
    );
    site.write(
        "content/symboler/kod-88/index.md",
        "---\ntitle: \"88\"\nbild: kod-88.png\n---\n",
    );
    site.write(
        "content/symboler/kod-88/kod-88.png",
        encoded(&picture(300, 200), ImageFormat::Png),
    );
    site.write(
        "templates/pages/galleri.html",
        r#"{% set p = get_page(path="symboler/kod-88/index.md") -%}
{% for op in ["fill", "fit", "scale"] %}{% set r = resize_image(path="reportage/foto.jpg", width=200, height=200, op=op) %}{{ op }} {{ r.url }} {{ r.width }}x{{ r.height }} {{ r.orig_width }}x{{ r.orig_height }}
{% endfor %}{% set r = resize_image(path="@/reportage/foto.jpg", width=300, op="fit_width", format="webp") %}fit_width {{ r.url }} {{ r.width }}x{{ r.height }}
{% set r = resize_image(path="reportage/foto.jpg", height=100, op="fit_height") %}fit_height {{ r.url }} {{ r.width }}x{{ r.height }}
{% set r = resize_image(path=p.fields.bild, width=100, height=100, op="fill") %}thumb {{ r.url }} {{ r.width }}x{{ r.height }}
{% set r = resize_image(path="reportage/symbol.svg", width=240, op="fit_width") %}svg {{ r.url }} {{ r.width }}x{{ r.height }}
"#,
    );
    let run = site.build_ok(&[]);
    let page = run.read("galleri.html");
    let line = |op: &str| -> Vec<String> {
        let found = page
            .lines()
            .find(|l| l.starts_with(&format!("{op} ")))
            .unwrap_or_else(|| panic!("no {op} line in\n{page}"));
        found.split(' ').map(str::to_string).collect()
    };
    for (op, size) in [
        ("fill", (200, 200)),
        ("fit", (200, 100)),
        ("scale", (200, 200)),
        ("fit_height", (200, 100)),
        ("thumb", (100, 100)),
    ] {
        let parts = line(op);
        assert_eq!(parts[2], format!("{}x{}", size.0, size.1), "{op}: {page}");
        assert!(parts[1].starts_with("processed_images/"), "{op}: {page}");
        assert_eq!(dimensions(&run.file(&parts[1])), size, "{op}");
    }
    assert_eq!(line("fill")[3], "1400x700");
    let webp = line("fit_width");
    assert!(webp[1].ends_with(".webp") && webp[2] == "300x150", "{page}");
    assert_eq!(&fs::read(run.file(&webp[1])).unwrap()[8..12], b"WEBP");
    assert_eq!(
        line("svg")[1..],
        ["reportage/symbol.svg".to_string(), "240x160".to_string()]
    );

    site.write(
        "templates/pages/galleri.html",
        "Galleri\n{% set r = resize_image(path=\"reportage/saknas.jpg\", width=10, height=10) %}{{ r.url }}\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(
        &site.shown("templates/pages/galleri.html"),
        2,
        12,
        "`resize_image`: `reportage/saknas.jpg` is not a file of the site",
        "{% set r = resize_image(path=\"reportage/saknas.jpg\", width=10, height=10) %}{{ r.url }}",
    );
}

#[test]
fn webp_format_setting_writes_webp_copies() {
    let site = photo_site();
    site.write(
        "config.yaml",
        CONFIG.replace("quality: 80", "quality: 80\n  format: webp"),
    );
    let run = site.build_ok(&[]);
    let tag = img_tag(&run.read("reportage/index.html"), "Ett foto från mötet");
    let srcset = attr(&tag, "srcset").unwrap();
    assert_eq!(srcset.matches(".webp ").count(), 3, "{srcset}");
    assert!(srcset.ends_with("../reportage/foto.jpg 1400w"), "{srcset}");
}

#[test]
fn images_settings_are_checked() {
    let site = fixture("minimal");
    site.write(
        "config.yaml",
        "title: \"T\"\nbase_url: \"https://example.org\"\nimages:\n  widths: [320]\n  qualty: 80\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    run.assert_error_at(&site.shown("config.yaml"), 5, 3, "qualty", "  qualty: 80");

    site.write(
        "config.yaml",
        "title: \"T\"\nbase_url: \"https://example.org\"\nimages:\n  quality: 0\n",
    );
    let run = site.build(&[]);
    run.assert_content_error();
    assert!(
        run.stderr
            .contains("`images.quality` must be between 1 and 100"),
        "{}",
        run.stderr
    );
}
