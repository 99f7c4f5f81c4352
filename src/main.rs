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

/// mimalloc's `allow_thp` (its option 43 in mimalloc 3): whether it asks the kernel for
/// transparent huge pages (`madvise(MADV_HUGEPAGE)`).
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

fn main() {
    // A build frees most of what one phase made before the next phase allocates as much again.
    // Given back, each 2 MB huge page came back zeroed by the kernel: at 100,000 pages 7 % of
    // the build's CPU, and the reason memory faults grew 21 times for 10 times the pages.
    // A lots process either ends after its build or keeps its site in memory (`serve`), so
    // keeping freed memory for reuse costs no more than the peak it already reached.
    // SAFETY: sets one of mimalloc's options, before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    // No transparent huge pages. Each 2 MB page is zeroed whole when first touched, and when
    // the machine's memory is fragmented (after any other big process, such as Hugo in the
    // benchmark) the kernel compacts memory to find one: right after a Hugo build, half of a
    // 100,000-page build's kernel time (8 s of CPU against 4 s with small pages, 10 % of the
    // wall time; BENCHMARKS.md, issue 18). The option stops mimalloc asking for them; the
    // prctl also covers kernels that give them unasked (`enabled` = `always`).
    // SAFETY: as above; prctl with PR_SET_THP_DISABLE only sets a flag of this process.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // What lots prints goes to a reader that may stop reading (`lots build | head -1`). Rust
    // ignores SIGPIPE, so the next `println!` would panic with a backtrace after a build that
    // succeeded; with the default action the process ends quietly, as other command-line
    // tools do. Sockets are not affected: Rust writes to them with MSG_NOSIGNAL.
    // SAFETY: sets this process's action for one signal, before any thread is started.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(lots::cli::run());
}
