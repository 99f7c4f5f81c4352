//! `lots serve`, and `lots serve --edit` with the editor wired into its hooks.

use crate::messages::{say, Lang};
use crate::serve::{self, ServeOptions};

use super::ServeArgs;

pub fn run(args: ServeArgs) -> i32 {
    if args.edit && !args.bind.is_loopback() {
        let lang = Lang::of(&crate::site::language_of(&args.root));
        let refused = crate::args!("address" => args.bind);
        eprintln!("{}", say(lang, "serve.edit_not_local", &refused));
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
