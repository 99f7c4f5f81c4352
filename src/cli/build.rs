//! `lots build`.

use crate::site::{self, BuildOptions};

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
            println!(
                "Built {} pages in {:.2} s ({} pages, {} sections) into {}",
                report.html_files,
                report.seconds,
                report.pages,
                report.sections,
                options.output.display()
            );
            if report.images.made + report.images.reused > 0 {
                println!(
                    "Images: {} made, {} from the cache",
                    report.images.made, report.images.reused
                );
            }
            if report.pruned.files > 0 {
                println!(
                    "Image cache: removed {} files ({:.1} MB) no build has used for {} days",
                    report.pruned.files,
                    report.pruned.bytes as f64 / 1e6,
                    crate::images::UNUSED_FOR.as_secs() / 86_400
                );
            }
            0
        }
        Err(err) => {
            eprintln!("{}", err.report(&site::language_of(&options.root)));
            1
        }
    }
}
