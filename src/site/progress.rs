//! A progress bar for long builds on a terminal; silent for short ones and in pipes.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    after: Duration,
    terminal: bool,
    shown: AtomicBool,
}

/// A build shorter than this shows no bar; `LOTS_PROGRESS_AFTER_MS` sets another wait (the
/// tests show it at once).
const SHOW_AFTER: Duration = Duration::from_secs(1);

fn show_after() -> Duration {
    std::env::var("LOTS_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(SHOW_AFTER, Duration::from_millis)
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} sidor {elapsed}") {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: Instant::now(),
            after: show_after(),
            terminal: std::io::stderr().is_terminal(),
            shown: AtomicBool::new(false),
        }
    }

    pub fn inc(&self) {
        self.bar.inc(1);
        if self.terminal
            && self.started.elapsed() >= self.after
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
