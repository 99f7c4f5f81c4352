//! `lots check`.

use std::io::IsTerminal;

use crate::check::{self, CheckOptions};

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
            for note in &report.notes {
                eprintln!("note: {note}");
            }
            match args.format {
                Format::Human => print!("{}", check::human(&report)),
                Format::Json => println!("{}", check::json(&report)),
            }
            report.exit_code()
        }
        Err(message) => {
            eprintln!("Check failed: {message}");
            1
        }
    }
}
