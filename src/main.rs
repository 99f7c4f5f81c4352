//! The `lots` command: a thin shell over the library.

/// mimalloc, not glibc's allocator: a build allocates and frees millions of small strings on
/// every core at once, and at 100,000 pages glibc's arenas spent a quarter of the wall time
/// consolidating free lists and faulting in pages they had just given back (BENCHMARKS.md,
/// issue 18).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(lots::cli::run());
}
