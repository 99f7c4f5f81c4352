//! Phase timings on stderr when `LOTS_TIMINGS` is set, to see where a build's time goes
//! (the benchmarks report whole runs; this tells which phase to look at).

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
                "{phase:>12}: {:7.1} ms",
                (now - self.last).as_secs_f64() * 1000.0
            );
            self.last = now;
        }
    }
}
