//! `lots bundle`: builds into a temporary folder (the site's `public/` is not touched) and
//! zips the result. Drafts are never bundled.

use crate::args;
use crate::config::Config;
use crate::content::slugs::slugify;
use crate::messages::{self, say, Lang};
use crate::offline::bundle::zip_folder;
use crate::site::{self, BuildOptions};

use super::BundleArgs;

pub fn run(args: BundleArgs) -> i32 {
    let (name, language) = match Config::load(&args.root) {
        Ok(config) => {
            let slug: String = slugify(&config.title).chars().take(48).collect();
            (slug.trim_end_matches('-').to_string(), config.language)
        }
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            return 1;
        }
    };
    let name = if name.is_empty() {
        "webbplats".to_string()
    } else {
        name
    };
    let lang = Lang::of(&language);
    let target = args
        .output
        .unwrap_or_else(|| args.root.join(format!("{name}.zip")));
    let work = match tempfile::tempdir() {
        Ok(work) => work,
        Err(err) => {
            let why = args!("reason" => messages::io::reason(&err));
            eprintln!("{}", say(lang, "bundle.temporary", &why));
            return 1;
        }
    };
    let options = BuildOptions {
        root: args.root,
        output: work.path().join(&name),
        include_drafts: false,
        base_url: None,
        today: None,
    };
    if let Err(err) = site::build(&options) {
        eprintln!("{}", err.report(&language));
        return 1;
    }
    match zip_folder(&options.output, &name, &target) {
        Ok(count) => {
            let done = args!("count" => count, "zip" => target.display(), "name" => name);
            println!("{}", say(lang, "bundle.done", &done));
            0
        }
        Err(err) => {
            let why = args!("zip" => target.display(), "reason" => messages::io::reason(&err));
            eprintln!("{}", say(lang, "bundle.write", &why));
            1
        }
    }
}
