//! The `lots` command: a thin shell over the library.

/// mimalloc, not glibc's allocator: a build allocates and frees millions of small strings on
/// every core at once, and at 100,000 pages glibc's arenas spent a quarter of the wall time
/// consolidating free lists and faulting in pages they had just given back (BENCHMARKS.md,
/// issue 18).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` (its option 15 in mimalloc 3): how long freed memory waits before
/// it goes back to the system; -1 is never.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // A build frees most of what one phase made before the next phase allocates as much again.
    // Given back, each 2 MB huge page came back zeroed by the kernel: at 100,000 pages 7 % of
    // the build's CPU, and the reason memory faults grew 21 times for 10 times the pages.
    // A lots process either ends after its build or keeps its site in memory (`serve`), so
    // keeping freed memory for reuse costs no more than the peak it already reached.
    // SAFETY: sets one of mimalloc's options, before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    std::process::exit(lots::cli::run());
}
