//! Phase timings on stderr when `LOTS_TIMINGS` is set, to see where a build's time goes
//! and the memory resident after it (the benchmarks report whole runs; this tells which phase
//! to look at).

use std::time::Instant;

pub struct Timer {
    enabled: bool,
    last: Instant,
}

impl Timer {
    pub fn new() -> Timer {
        Timer {
            enabled: std::env::var_os("LOTS_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    /// Prints the time since the last lap under `phase`.
    pub fn lap(&mut self, phase: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!(
                "{phase:>12}: {:7.1} ms {:6} MB resident",
                (now - self.last).as_secs_f64() * 1000.0,
                resident_mb()
            );
            self.last = now;
        }
    }
}

/// The process's resident memory now, in MB (Linux; 0 elsewhere): which phase holds memory
/// matters as much as which takes time.
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096 / 1_000_000)
}
