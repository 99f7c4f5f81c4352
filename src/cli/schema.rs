//! `lots schema`: prints the collections and their fields of the site's config.yaml.

use crate::config::{schema_doc, Config};

use super::{SchemaArgs, SchemaFormat};

pub fn run(args: SchemaArgs) -> i32 {
    match Config::load(&args.root) {
        Ok(config) => {
            match args.format {
                SchemaFormat::Markdown => print!("{}", schema_doc::markdown(&config, &args.root)),
            }
            0
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            1
        }
    }
}
