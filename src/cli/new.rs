//! `lots new SECTION "Title"`: writes a new page with every required field waiting to be
//! filled in (`edit::new_page`), for people who write in their own editor.

use std::path::Path;

use crate::config::Config;
use crate::content::placeholder::PLACEHOLDER;
use crate::edit::{messages, new_page};

use super::NewArgs;

pub fn run(args: NewArgs) -> i32 {
    let config = match Config::load(&args.root) {
        Ok(config) => config,
        Err(problems) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            return 1;
        }
    };
    let options = new_page::Options {
        draft: args.draft,
        today: args
            .today
            .unwrap_or_else(crate::content::freshness::default_today),
    };
    let title = args.title.trim();
    match new_page::create(&args.root, &config, &args.section, title, &options) {
        Ok(created) => {
            let shown = shown_path(&args.root, &created.key);
            println!(
                "{}",
                messages::page_created(&shown, PLACEHOLDER, created.placeholders)
            );
            0
        }
        Err(problem) => {
            eprintln!("{problem}");
            1
        }
    }
}

/// The new file as the user would type it: `content/a/b.md` from the site folder.
fn shown_path(root: &Path, key: &str) -> String {
    if root == Path::new(".") {
        format!("content/{key}")
    } else {
        root.join("content").join(key).display().to_string()
    }
}
