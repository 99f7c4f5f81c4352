//! `lots build`.

use crate::args;
use crate::messages::{decimal, say, Lang};
use crate::site::{self, BuildOptions, BuildReport};

use super::BuildArgs;

pub fn run(args: BuildArgs) -> i32 {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let options = BuildOptions {
        root: args.root,
        output,
        include_drafts: args.drafts,
        base_url: args.base_url,
        today: args.today,
    };
    match site::build(&options) {
        Ok(report) => {
            crate::diagnostics::print_warnings(&report.warnings);
            for line in summary(&report, &options) {
                println!("{line}");
            }
            0
        }
        Err(err) => {
            eprintln!("{}", err.report(&site::language_of(&options.root)));
            1
        }
    }
}

/// What a build that succeeded says, in the site's language: what it wrote where, and what
/// the images and their cache came to when there were any.
fn summary(report: &BuildReport, options: &BuildOptions) -> Vec<String> {
    let lang = Lang::of(&report.language);
    let built = args!(
        "files" => report.html_files,
        "seconds" => decimal(lang, report.seconds, 2),
        "pages" => report.pages,
        "sections" => report.sections,
        "output" => options.output.display(),
    );
    let mut lines = vec![say(lang, "build.done", &built)];
    let images = &report.images;
    if images.made + images.reused > 0 {
        let counts = args!("made" => images.made, "reused" => images.reused);
        lines.push(say(lang, "build.images", &counts));
    }
    let pruned = &report.pruned;
    if pruned.files > 0 {
        let removed = args!(
            "files" => pruned.files,
            "size" => decimal(lang, pruned.bytes as f64 / 1e6, 1),
            "days" => crate::images::UNUSED_FOR.as_secs() / 86_400,
        );
        lines.push(say(lang, "build.pruned", &removed));
    }
    lines
}
