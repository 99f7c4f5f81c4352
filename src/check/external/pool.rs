//! Runs one job per address on a fixed number of threads, never more than `per_host` of them
//! on the same host at once: a worker takes the first waiting address whose host has a free
//! place, or sleeps until a job ends.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};

/// Runs `job` on every address; the answers come back in no particular order.
pub(super) fn run<T, F>(
    urls: Vec<String>,
    threads: usize,
    per_host: usize,
    job: F,
) -> Vec<(String, T)>
where
    T: Send,
    F: Fn(&str) -> T + Sync,
{
    let threads = threads.max(1).min(urls.len());
    let per_host = per_host.max(1);
    let queue = Queue {
        waiting: urls.into_iter().map(|url| (host_of(&url), url)).collect(),
        busy: HashMap::new(),
    };
    let queue = Mutex::new(queue);
    let freed = Condvar::new();
    let answers = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some((host, url)) = take(&queue, &freed, per_host) {
                    let answer = job(&url);
                    lock(&answers).push((url, answer));
                    let mut queue = lock(&queue);
                    if let Some(count) = queue.busy.get_mut(&host) {
                        *count -= 1;
                    }
                    freed.notify_all();
                }
            });
        }
    });
    answers.into_inner().unwrap_or_else(PoisonError::into_inner)
}

struct Queue {
    /// (host, address) not started yet, in the order given.
    waiting: VecDeque<(String, String)>,
    /// Jobs running per host.
    busy: HashMap<String, usize>,
}

/// The next address whose host has a free place; `None` when nothing is left to start.
fn take(queue: &Mutex<Queue>, freed: &Condvar, per_host: usize) -> Option<(String, String)> {
    let mut queue = lock(queue);
    loop {
        if queue.waiting.is_empty() {
            return None;
        }
        let free = {
            let busy = &queue.busy;
            queue
                .waiting
                .iter()
                .position(|(host, _)| busy.get(host).copied().unwrap_or(0) < per_host)
        };
        if let Some(index) = free {
            let (host, url) = queue.waiting.remove(index)?;
            *queue.busy.entry(host.clone()).or_insert(0) += 1;
            return Some((host, url));
        }
        queue = freed.wait(queue).unwrap_or_else(PoisonError::into_inner);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Host and port, lower case: the unit the per-host limit counts. An address that does not
/// parse gets a host of its own (its check fails at once without a request).
fn host_of(url: &str) -> String {
    match url.parse::<ureq::http::Uri>() {
        Ok(uri) => {
            let host = uri.host().unwrap_or_default().to_ascii_lowercase();
            let port = uri
                .port_u16()
                .unwrap_or(if uri.scheme_str() == Some("http") {
                    80
                } else {
                    443
                });
            format!("{host}:{port}")
        }
        Err(_) => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://WWW.a.se/x"), "www.a.se:443");
        assert_eq!(host_of("http://a.se/x"), "a.se:80");
        assert_eq!(host_of("http://a.se:8080/"), "a.se:8080");
    }

    /// Counts the jobs running at once, in all and for host `a`.
    #[test]
    fn limits_hold() {
        let urls: Vec<String> = (0..30)
            .map(|i| format!("http://{}.se/{i}", if i % 3 == 0 { "a" } else { "b" }))
            .chain((0..10).map(|i| format!("http://c{i}.se/")))
            .collect();
        let (running, max, running_a, max_a) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let answers = run(urls.clone(), 5, 2, |url| {
            let on_a = url.starts_with("http://a.");
            max.fetch_max(running.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
            if on_a {
                max_a.fetch_max(
                    running_a.fetch_add(1, Ordering::SeqCst) + 1,
                    Ordering::SeqCst,
                );
            }
            std::thread::sleep(Duration::from_millis(20));
            if on_a {
                running_a.fetch_sub(1, Ordering::SeqCst);
            }
            running.fetch_sub(1, Ordering::SeqCst);
            url.len()
        });
        assert_eq!(answers.len(), urls.len());
        assert_eq!(max.load(Ordering::SeqCst), 5);
        assert_eq!(max_a.load(Ordering::SeqCst), 2);
    }
}
