//! `lots serve`, and `lots serve --edit` with the editor wired into its hooks.

use crate::serve::{self, ServeOptions};

use super::ServeArgs;

pub fn run(args: ServeArgs) -> i32 {
    if args.edit && !args.bind.is_loopback() {
        eprintln!(
            "--edit cannot be used with --bind {}: the editor writes to content/ and has \
             no login, so it only listens on this computer. Leave out --bind (or use \
             --bind 127.0.0.1) to edit, or leave out --edit to show the site to other computers.",
            args.bind
        );
        return 1;
    }
    let options = ServeOptions {
        root: args.root,
        port: args.port,
        bind: args.bind,
        include_drafts: args.drafts,
        open: args.open,
        extension: args.edit.then(crate::edit::http::extension),
    };
    match serve::serve(options) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}
