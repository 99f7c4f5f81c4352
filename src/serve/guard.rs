//! Keeps `serve` alive through a panic in a rebuild: the panic is caught and comes back as
//! an error to show like a content error's, so the server keeps answering and watching.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, Once, OnceLock};

use crate::site::Site;

/// A test-only hook, inert unless set: with `LOTS_TEST_PANIC_ON_TEXT=WORD` in its
/// environment, `serve` panics in any rebuild that leaves a page whose Markdown holds WORD.
/// Lots has no known panic on content to test the guard with; this gives it one.
pub const TEST_PANIC_VARIABLE: &str = "LOTS_TEST_PANIC_ON_TEXT";

/// Where the last panics happened (`src/x.rs:1:2`) with their messages; the payload does not
/// say, and a panic in a rayon worker reaches the rebuild's thread only as its payload. A
/// panic of another thread at the same time (a test, say) must not lend its place, so the
/// place is looked up by message.
static LAST_PLACES: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
const PLACES_KEPT: usize = 16;

/// Runs `rebuild`, turning a panic in it, or in any thread it waited for, into a message.
pub fn catch<T>(rebuild: impl FnOnce() -> T) -> Result<T, String> {
    remember_places();
    panic::catch_unwind(AssertUnwindSafe(rebuild)).map_err(|payload| {
        let text = message(payload.as_ref());
        let place = {
            let mut places = LAST_PLACES.lock().unwrap_or_else(|e| e.into_inner());
            places
                .iter()
                .rposition(|(said, _)| *said == text)
                .map(|at| format!(" at {}", places.remove(at).1))
                .unwrap_or_default()
        };
        format!(
            "lots crashed while rebuilding ({text}{place}). This is a bug in lots, not in your \
             site: please report it with the change that caused it. The server keeps \
             watching; undo or change the edit and the site is loaded again."
        )
    })
}

/// Adds recording the place to the panic hook, which still prints the panic as before.
fn remember_places() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if let Some(place) = info.location() {
                let mut places = LAST_PLACES.lock().unwrap_or_else(|e| e.into_inner());
                if places.len() == PLACES_KEPT {
                    places.remove(0);
                }
                places.push((message(info.payload()), place.to_string()));
            }
            default(info);
        }));
    });
}

fn message(payload: &(dyn Any + Send)) -> String {
    match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(text), _) => text.to_string(),
        (_, Some(text)) => text.clone(),
        _ => "a panic without a message".into(),
    }
}

/// The test hook of [`TEST_PANIC_VARIABLE`]: panics in a rayon worker, as a panic in the
/// pipeline would, when a page holds the word.
pub fn panic_if_asked(site: &Site) {
    static WORD: OnceLock<Option<String>> = OnceLock::new();
    let Some(word) = WORD.get_or_init(|| {
        std::env::var(TEST_PANIC_VARIABLE)
            .ok()
            .filter(|w| !w.is_empty())
    }) else {
        return;
    };
    use rayon::prelude::*;
    site.library.pages.par_iter().for_each(|(key, page)| {
        if page.doc.source.contains(word.as_str()) {
            panic!("{TEST_PANIC_VARIABLE}: {key} holds `{word}`");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_worker_comes_back_as_a_message_with_its_place() {
        let caught = catch(|| {
            rayon::join(|| 1, || -> i32 { panic!("ett fel i {}", "tråden") });
        });
        let message = caught.expect_err("the panic is caught");
        assert!(message.contains("ett fel i tråden"), "{message}");
        assert!(message.contains("src/serve/guard.rs:"), "{message}");
        assert_eq!(catch(|| 7), Ok(7));
    }
}
