//! Resize operations, named as in Zola: `scale`, `fit_width`, `fit_height`, `fit`, `fill`.
//!
//! A [`Plan`] is computed from the original's size alone, before any pixel is decoded, so a
//! template gets the final `width` and `height` at once and the work can be queued. Only
//! `scale` may enlarge an image (it was asked for an exact size); the others never upscale,
//! because an enlarged image is blurred and heavier for nothing.

use image::imageops::FilterType;
use image::DynamicImage;

use crate::config::MAX_IMAGE_SIDE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Exactly `width`×`height`, the aspect ratio ignored.
    Scale,
    /// `width` wide, the height following the aspect ratio.
    FitWidth,
    /// `height` high, the width following the aspect ratio.
    FitHeight,
    /// As large as fits inside `width`×`height`, the aspect ratio kept.
    Fit,
    /// Covers `width`×`height`, cropped around the centre.
    Fill,
}

impl Op {
    pub fn parse(name: &str) -> Result<Op, String> {
        match name {
            "scale" => Ok(Op::Scale),
            "fit_width" => Ok(Op::FitWidth),
            "fit_height" => Ok(Op::FitHeight),
            "fit" => Ok(Op::Fit),
            "fill" => Ok(Op::Fill),
            other => Err(format!(
                "`op` must be one of fill, fit, fit_width, fit_height, scale, not `{other}`"
            )),
        }
    }
}

/// A region of the original, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// What to do to the (oriented) original: crop, then resize to `width`×`height`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Plan {
    pub width: u32,
    pub height: u32,
    pub crop: Option<Crop>,
}

impl Plan {
    /// Text that identifies the plan in a cache key.
    pub fn describe(&self) -> String {
        match self.crop {
            Some(c) => format!(
                "{}x{} from {}x{}+{}+{}",
                self.width, self.height, c.width, c.height, c.x, c.y
            ),
            None => format!("{}x{}", self.width, self.height),
        }
    }
}

/// The plan for `op` on an original of `original` size (width, height).
pub fn plan(
    op: Op,
    width: Option<u32>,
    height: Option<u32>,
    original: (u32, u32),
) -> Result<Plan, String> {
    let (ow, oh) = original;
    for (name, value) in [("width", width), ("height", height)] {
        if let Some(v) = value {
            if v == 0 || v > MAX_IMAGE_SIDE {
                return Err(format!(
                    "`{name}` must be between 1 and {MAX_IMAGE_SIDE}, not {v}"
                ));
            }
        }
    }
    let need = |value: Option<u32>, name: &str| {
        value.ok_or_else(|| format!("`op=\"{}\"` needs `{name}=...`", op_name(op)))
    };
    let plain = |width, height| Plan {
        width,
        height,
        crop: None,
    };
    Ok(match op {
        Op::Scale => plain(need(width, "width")?, need(height, "height")?),
        Op::FitWidth => {
            let w = need(width, "width")?.min(ow);
            plain(w, proportional(oh, w, ow))
        }
        Op::FitHeight => {
            let h = need(height, "height")?.min(oh);
            plain(proportional(ow, h, oh), h)
        }
        Op::Fit => {
            let (w, h) = (need(width, "width")?, need(height, "height")?);
            if ow <= w && oh <= h {
                plain(ow, oh)
            } else if u64::from(ow) * u64::from(h) > u64::from(oh) * u64::from(w) {
                plain(w, proportional(oh, w, ow))
            } else {
                plain(proportional(ow, h, oh), h)
            }
        }
        Op::Fill => fill(need(width, "width")?, need(height, "height")?, ow, oh),
    })
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Scale => "scale",
        Op::FitWidth => "fit_width",
        Op::FitHeight => "fit_height",
        Op::Fit => "fit",
        Op::Fill => "fill",
    }
}

/// `side` scaled by `to / from`, rounded, at least 1.
fn proportional(side: u32, to: u32, from: u32) -> u32 {
    let scaled = (f64::from(side) * f64::from(to) / f64::from(from.max(1))).round();
    (scaled as u32).max(1)
}

/// The largest centred region of the target's aspect ratio, shrunk to the target, or kept at
/// its own size when it is smaller than the target (no upscaling).
fn fill(w: u32, h: u32, ow: u32, oh: u32) -> Plan {
    let wider = u64::from(ow) * u64::from(h) > u64::from(oh) * u64::from(w);
    let (cw, ch) = if wider {
        (proportional(oh, w, h).min(ow), oh)
    } else {
        (ow, proportional(ow, h, w).min(oh))
    };
    let crop = (cw != ow || ch != oh).then_some(Crop {
        x: (ow - cw) / 2,
        y: (oh - ch) / 2,
        width: cw,
        height: ch,
    });
    let (width, height) = if cw >= w { (w, h) } else { (cw, ch) };
    Plan {
        width,
        height,
        crop,
    }
}

/// Carries out `plan` on the decoded, oriented original.
pub fn apply(image: &DynamicImage, plan: &Plan) -> DynamicImage {
    let cropped = match plan.crop {
        Some(c) => image.crop_imm(c.x, c.y, c.width, c.height),
        None => image.clone(),
    };
    if cropped.width() == plan.width && cropped.height() == plan.height {
        return cropped;
    }
    // Lanczos3, as Zola: the sharpest of the image crate's filters for photos shrunk a lot.
    cropped.resize_exact(plan.width, plan.height, FilterType::Lanczos3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(op: &str, w: Option<u32>, h: Option<u32>, original: (u32, u32)) -> (u32, u32) {
        let p = plan(Op::parse(op).unwrap(), w, h, original).unwrap();
        (p.width, p.height)
    }

    #[test]
    fn operations_follow_zola() {
        assert_eq!(dims("scale", Some(100), Some(30), (400, 300)), (100, 30));
        assert_eq!(dims("fit_width", Some(200), None, (400, 300)), (200, 150));
        assert_eq!(dims("fit_height", None, Some(150), (400, 300)), (200, 150));
        assert_eq!(dims("fit", Some(100), Some(100), (400, 300)), (100, 75));
        assert_eq!(dims("fit", Some(100), Some(100), (300, 400)), (75, 100));
        assert_eq!(dims("fill", Some(100), Some(100), (400, 300)), (100, 100));
    }

    #[test]
    fn never_upscales_except_scale() {
        assert_eq!(dims("fit_width", Some(800), None, (400, 300)), (400, 300));
        assert_eq!(dims("fit", Some(800), Some(800), (400, 300)), (400, 300));
        // A 2:1 box from a 400x300 original: the 400x200 centre, not enlarged.
        let p = plan(Op::Fill, Some(1000), Some(500), (400, 300)).unwrap();
        assert_eq!((p.width, p.height), (400, 200));
        assert_eq!(
            p.crop,
            Some(Crop {
                x: 0,
                y: 50,
                width: 400,
                height: 200
            })
        );
        assert_eq!(dims("scale", Some(800), Some(600), (400, 300)), (800, 600));
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert!(plan(Op::Fit, Some(100), None, (10, 10))
            .unwrap_err()
            .contains("needs `height"));
        assert!(plan(Op::Scale, Some(0), Some(5), (10, 10))
            .unwrap_err()
            .contains("between 1"));
        assert!(Op::parse("crop").unwrap_err().contains("fill, fit"));
    }

    #[test]
    fn apply_crops_and_resizes() {
        let image = DynamicImage::new_rgb8(400, 300);
        let p = plan(Op::Fill, Some(50), Some(50), (400, 300)).unwrap();
        let out = apply(&image, &p);
        assert_eq!((out.width(), out.height()), (50, 50));
    }
}
