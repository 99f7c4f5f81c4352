//! `lots check`.

use std::io::IsTerminal;

use crate::args;
use crate::check::{self, CheckOptions};
use crate::messages::{say, Lang};

use super::{CheckArgs, Format};

pub fn run(args: CheckArgs) -> i32 {
    let options = CheckOptions {
        root: args.root,
        include_drafts: args.drafts,
        today: args.today,
        external: args.external,
        progress: args.format == Format::Human && std::io::stderr().is_terminal(),
        strict: args.strict,
    };
    match check::check(&options) {
        Ok(report) => {
            let lang = Lang::of(&report.language);
            for note in &report.notes {
                let note = args!("note" => note);
                eprintln!("{}", say(lang, "check.note", &note));
            }
            match args.format {
                Format::Human => print!("{}", check::human(&report)),
                Format::Json => println!("{}", check::json(&report)),
            }
            report.exit_code()
        }
        Err(message) => {
            let lang = Lang::of(&crate::site::language_of(&options.root));
            let why = args!("reason" => message);
            eprintln!("{}", say(lang, "check.failed", &why));
            1
        }
    }
}
