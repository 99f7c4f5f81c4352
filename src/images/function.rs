//! `resize_image(path, width, height, op, format)` for templates, as in Zola: returns
//! `{url, width, height, orig_width, orig_height}` at once and queues the work, which runs in
//! parallel after the pages are rendered.
//!
//! `path` may be a content path (`symboler/kod-88/bild.png`, also written `@/…`) or the URL a
//! template already has for a file (`page.fields.bild`, an asset's `permalink`). An SVG is not
//! rasterised: its own (cleaned) URL comes back with the size the operation gives, since an
//! SVG is sharp at any size.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tera::{Function, Result, Value};

use crate::config::MAX_IMAGE_SIDE;
use crate::content::paths::ROOT_MARK;
use crate::content::Library;

use super::ops::{self, Op};
use super::{Format, Images, Kind, User};

pub struct ResizeImage {
    images: Arc<Images>,
    library: Arc<Library>,
    /// Output path → content key, to accept URLs from `page.fields` and `page.assets`.
    by_output: HashMap<String, String>,
}

#[derive(Serialize)]
struct Answer {
    url: String,
    width: u32,
    height: u32,
    orig_width: u32,
    orig_height: u32,
}

impl ResizeImage {
    pub fn new(images: Arc<Images>, library: Arc<Library>) -> ResizeImage {
        let by_output = library
            .linkable
            .iter()
            .map(|(key, asset)| (asset.output.clone(), key.clone()))
            .collect();
        ResizeImage {
            images,
            library,
            by_output,
        }
    }

    /// The content key `path` names.
    fn key(&self, path: &str) -> std::result::Result<String, String> {
        let trimmed = path.trim();
        if let Some(output) = trimmed.strip_prefix(ROOT_MARK) {
            if let Some(key) = self.by_output.get(output) {
                return Ok(key.clone());
            }
        }
        let key = trimmed
            .trim_start_matches("@/")
            .trim_start_matches('/')
            .trim_start_matches("content/");
        if self.library.linkable.contains_key(key) {
            return Ok(key.to_string());
        }
        Err(format!(
            "`{path}` is not a file of the site; give a path in content/ such as `symboler/kod-88/bild.png`, or a file field such as `page.fields.bild`"
        ))
    }

    fn resize(&self, args: &HashMap<String, Value>) -> std::result::Result<Answer, String> {
        let path = match args.get("path") {
            Some(Value::String(s)) => s,
            _ => return Err("needs `path=...`, the image's path in content/".into()),
        };
        let size = |name: &str| -> std::result::Result<Option<u32>, String> {
            match args.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(Some)
                    .ok_or_else(|| format!("`{name}` must be a whole number of pixels")),
            }
        };
        let text = |name: &str| args.get(name).and_then(Value::as_str);
        let op = Op::parse(text("op").unwrap_or("fill"))?;
        let key = self.key(path)?;
        let source = self
            .images
            .source(&key)
            .map_err(|why| format!("cannot use content/{key}: {}", why.in_english()))?;
        self.images.add_user(&key, User::Template);
        let original = (source.width, source.height);
        if source.kind == Kind::Svg {
            // An SVG is shown as it is: the template publishes it, if no page does.
            let Some(file) = self.library.linkable.get(&key) else {
                return Err(format!("content/{key} is not a file of the site"));
            };
            let output = &file.output;
            if !self.library.assets.contains_key(&key) {
                self.images.publish_for_template(&key, output);
            }
            let (width, height) = (size("width")?, size("height")?);
            let plan = ops::plan(op, width, height, svg_extent(original, width, height))?;
            return Ok(Answer {
                url: format!("{ROOT_MARK}{output}"),
                width: plan.width,
                height: plan.height,
                orig_width: source.width,
                orig_height: source.height,
            });
        }
        let plan = ops::plan(op, size("width")?, size("height")?, original)?;
        let format = Format::choose(text("format"), source.kind, self.images.settings().format)?;
        let copy = self.images.request(&source, plan, format);
        Ok(Answer {
            url: copy.url,
            width: copy.width,
            height: copy.height,
            orig_width: source.width,
            orig_height: source.height,
        })
    }
}

/// An SVG scales without loss, so the operations may enlarge it: its aspect ratio at the
/// largest size lots handles. Without a declared size, the requested box is taken as it.
fn svg_extent(original: (u32, u32), width: Option<u32>, height: Option<u32>) -> (u32, u32) {
    let (w, h) = if original.0 > 0 && original.1 > 0 {
        original
    } else {
        let side = width.or(height).unwrap_or(1);
        (width.unwrap_or(side), height.unwrap_or(side))
    };
    let factor = (MAX_IMAGE_SIDE / w.max(h)).max(1);
    (w * factor, h * factor)
}

impl Function for ResizeImage {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let answer = self
            .resize(args)
            .map_err(|why| tera::Error::msg(format!("`resize_image`: {why}")))?;
        Ok(tera::to_value(answer)?)
    }

    fn is_safe(&self) -> bool {
        false
    }
}
