//! The published pages by key: in key order for every walk over them, as a `BTreeMap` would
//! keep them, and found by key in one hash lookup.
//!
//! Links, lists and term pages look pages up by key hundreds of thousands of times in a big
//! site; in a `BTreeMap` each lookup compares the key with a dozen others that share its
//! folders, and at 100,000 pages those comparisons grew faster than the site. Walks go over
//! one vector instead of the tree's nodes.

use indexmap::IndexMap;

use super::Page;

/// Every published page by key, in key order. Each is boxed: a loaded page is moved in
/// without a copy, and reordering moves pointers.
#[derive(Debug, Default)]
pub struct Pages {
    /// Kept sorted by key: every insertion puts the key in its place.
    map: IndexMap<String, Box<Page>>,
}

impl Pages {
    /// The pages of `loaded`, in key order; a key given twice keeps its last page.
    pub fn from_unsorted(loaded: impl IntoIterator<Item = (String, Box<Page>)>) -> Pages {
        let mut map: IndexMap<String, Box<Page>> = loaded.into_iter().collect();
        map.sort_unstable_keys();
        Pages { map }
    }

    pub fn get(&self, key: &str) -> Option<&Page> {
        self.map.get(key).map(|page| &**page)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Page> {
        self.map.get_mut(key).map(|page| &mut **page)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Puts `page` at `key`, in its place in the order; returns the page it replaced.
    pub fn insert(&mut self, key: String, page: Box<Page>) -> Option<Box<Page>> {
        if let Some(slot) = self.map.get_mut(&key) {
            return Some(std::mem::replace(slot, page));
        }
        let at = self
            .map
            .binary_search_keys(&key)
            .unwrap_or_else(|place| place);
        self.map.shift_insert(at, key, page);
        None
    }

    /// Takes the page at `key` out, keeping the others in order.
    pub fn remove(&mut self, key: &str) -> Option<Box<Page>> {
        self.map.shift_remove(key)
    }

    /// Keeps only the pages `keep` says yes to, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut Box<Page>) -> bool) {
        self.map.retain(|key, page| keep(key, page));
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.map.keys()
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Page> + ExactSizeIterator {
        self.map.values().map(|page| &**page)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Page> + ExactSizeIterator {
        self.map.values_mut().map(|page| &mut **page)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &Page)> + ExactSizeIterator {
        self.map.iter().map(|(key, page)| (key, &**page))
    }

    pub fn iter_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = (&String, &mut Page)> + ExactSizeIterator {
        self.map.iter_mut().map(|(key, page)| (key, &mut **page))
    }

    /// Every page with its key, shared out over rayon's threads.
    pub fn par_iter(&self) -> impl rayon::iter::IndexedParallelIterator<Item = (&String, &Page)> {
        use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
        self.map.par_iter().map(|(key, page)| (key, &**page))
    }
}

impl std::ops::Index<&str> for Pages {
    type Output = Page;

    /// The page at `key`; panics when there is none, as a map's index does.
    fn index(&self, key: &str) -> &Page {
        &self.map[key]
    }
}

/// A page with its key, as a walk over [`Pages`] gives it.
type Entry<'a> = (&'a String, &'a Page);

impl<'a> IntoIterator for &'a Pages {
    type Item = Entry<'a>;
    type IntoIter = std::iter::Map<
        indexmap::map::Iter<'a, String, Box<Page>>,
        fn((&'a String, &'a Box<Page>)) -> Entry<'a>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.map.iter().map(|(key, page)| (key, &**page))
    }
}
