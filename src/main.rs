//! The `lots` command: a thin shell over the library.
fn main() {
    std::process::exit(lots::cli::run());
}
