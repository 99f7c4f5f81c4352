//! `lots init [DIR]` and `lots init --from-zola ZOLADIR [DIR]`: thin, the work is in
//! [`crate::init`]. What it says is in Swedish for a new site, in the site's language for
//! one made from Zola.

use std::path::Path;

use crate::args;
use crate::init::{self, FromZolaError};
use crate::messages::{self, say, Lang};

use super::InitArgs;

pub fn run(args: InitArgs) -> i32 {
    match &args.from_zola {
        None => new_site(&args.dir),
        Some(zola) => from_zola(zola, &args.dir),
    }
}

fn new_site(dir: &Path) -> i32 {
    let lang = Lang::Sv;
    match init::new_site(dir, crate::content::freshness::default_today()) {
        Ok(()) => {
            let done = args!("dir" => dir.display(), "section" => init::SECTION);
            println!("{}", say(lang, "init.created", &done));
            println!("{}", say(lang, "init.serve_hint", &hint(dir)));
            0
        }
        Err(problem) => {
            eprintln!("{}", problem.text(lang));
            1
        }
    }
}

fn from_zola(zola: &Path, dir: &Path) -> i32 {
    let mut imported = match init::from_zola(zola, dir) {
        Ok(imported) => imported,
        Err(FromZolaError::Problem(problem)) => {
            eprintln!("{}", problem.text(Lang::Sv));
            return 1;
        }
        Err(FromZolaError::Config(mut problems)) => {
            messages::localize(&mut problems, "sv");
            for problem in problems {
                eprintln!("{problem}");
            }
            return 1;
        }
    };
    let language = imported.config.language.clone();
    let lang = Lang::of(&language);
    messages::localize(&mut imported.config.warnings, &language);
    let copied = imported.copied.join(", ");
    let done = args!(
        "dir" => dir.display(),
        "zola" => zola.display(),
        "copied" => copied,
        "file" => imported.config_file,
    );
    println!("{}", say(lang, "init.from_zola", &done));
    if !imported.config.warnings.is_empty() || !imported.not_carried.is_empty() {
        println!("{}", say(lang, "init.not_carried", &[]));
        for warning in &imported.config.warnings {
            println!("{warning}");
        }
        for left in &imported.not_carried {
            println!("  {}", left.text(lang));
        }
    }
    println!("{}", say(lang, "init.serve_hint", &hint(dir)));
    0
}

/// ` --root DIR` for the commands to run next, nothing for the current folder.
fn hint(dir: &Path) -> messages::Args {
    let root = if dir == Path::new(".") {
        String::new()
    } else {
        format!(" --root {}", dir.display())
    };
    args!("root" => root)
}
