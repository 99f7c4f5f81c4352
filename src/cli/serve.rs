//! `lots serve`.

use crate::serve::{self, ServeOptions};

use super::ServeArgs;

pub fn run(args: ServeArgs) -> i32 {
    let options = ServeOptions {
        root: args.root,
        port: args.port,
        bind: args.bind,
        include_drafts: args.drafts,
        open: args.open,
    };
    match serve::serve(options) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}
