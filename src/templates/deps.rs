//! What a template looked up while rendering one file, recorded so that `serve` can
//! re-render only the files that depend on a changed page.
//!
//! A render runs start to end on one thread, so a thread-local list is enough and costs
//! nothing to the build, which never reads it.

use std::cell::RefCell;

/// One thing a rendered file depends on beyond its own page or section.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dep {
    Page(String),
    Section(String),
    Collection(String),
    Taxonomy(String),
    /// The list of recently updated pages: any page's dates.
    RecentPages,
    /// The URL of a page or section (`get_url`): it changes only when the page moves,
    /// appears or disappears, so pages linking it are not re-rendered for every edit of it.
    Url(String),
    /// The title and URL of every page (the A–Ö list).
    PageTitles,
}

thread_local! {
    static RECORDED: RefCell<Option<Vec<Dep>>> = const { RefCell::new(None) };
}

/// Records a dependency of the file being rendered on this thread, if recording.
pub fn record(dep: Dep) {
    RECORDED.with(|r| {
        if let Some(list) = r.borrow_mut().as_mut() {
            if !list.contains(&dep) {
                list.push(dep);
            }
        }
    });
}

/// Runs `render` and returns its result with the dependencies it recorded.
pub fn recording<T>(render: impl FnOnce() -> T) -> (T, Vec<Dep>) {
    RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let result = render();
    let deps = RECORDED.with(|r| r.borrow_mut().take()).unwrap_or_default();
    (result, deps)
}
