use super::*;

/// A cache as a new build sees it: listed afresh.
fn open(dir: &Path) -> Cache {
    Cache::new(dir.to_path_buf())
}

fn sound(entry: Entry) -> PathBuf {
    match entry {
        Entry::Sound(file) => file,
        Entry::Missing => panic!("missing"),
        Entry::Damaged { why, .. } => panic!("damaged: {}", why.in_english()),
    }
}

fn damaged(entry: Entry) -> (PathBuf, String) {
    match entry {
        Entry::Damaged { file, why } => (file, why.in_english()),
        Entry::Sound(file) => panic!("sound: {}", file.display()),
        Entry::Missing => panic!("missing"),
    }
}

const NAME: &str = "abcdef0123.png";

#[test]
fn an_entry_is_one_file_named_by_its_hash_in_a_folder_of_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let cache = open(dir.path());
    assert!(matches!(cache.find(NAME), Entry::Missing));
    let file = cache.write(NAME, b"the image").unwrap();
    let hash = blake3::hash(b"the image").to_hex();
    let expected = format!("ab/abcdef0123.{}.png", &hash[..HASH_DIGITS]);
    assert_eq!(file, dir.path().join(&expected));
    assert_eq!(std::fs::read(&file).unwrap(), b"the image");
    // Found by this build and by the next; nothing else was left behind.
    assert_eq!(sound(cache.find(NAME)), file);
    assert_eq!(sound(open(dir.path()).find(NAME)), file);
    let all: Vec<_> = walkdir(dir.path());
    assert_eq!(all, vec![expected]);
}

#[test]
fn a_truncated_changed_or_unhashed_entry_is_damaged_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let file = open(dir.path()).write(NAME, b"the image").unwrap();

    std::fs::write(&file, b"the ima").unwrap();
    let (at, why) = damaged(open(dir.path()).find(NAME));
    assert_eq!(at, file);
    assert!(why.contains("does not match"), "{why}");
    assert!(!file.exists(), "a damaged entry stays");
    assert!(matches!(open(dir.path()).find(NAME), Entry::Missing));

    // Same length, other bytes.
    let file = open(dir.path()).write(NAME, b"the image").unwrap();
    std::fs::write(&file, b"the imagE").unwrap();
    damaged(open(dir.path()).find(NAME));

    // A name without its hash.
    let bare = dir.path().join("ab").join(NAME);
    std::fs::write(&bare, b"the image").unwrap();
    let (at, why) = damaged(open(dir.path()).find(NAME));
    assert_eq!(at, bare);
    assert!(why.contains("no hash"), "{why}");
    assert!(!bare.exists());

    // Made again, it is sound.
    let cache = open(dir.path());
    let file = cache.write(NAME, b"the image").unwrap();
    assert_eq!(sound(open(dir.path()).find(NAME)), file);
}

#[test]
fn a_folder_in_place_of_an_entry_or_its_folder_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let file = open(dir.path()).write(NAME, b"the image").unwrap();
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir_all(file.join("inside")).unwrap();
    let (_, why) = damaged(open(dir.path()).find(NAME));
    assert!(why.contains("folder"), "{why}");
    // Written over a folder that came after the look, too.
    std::fs::create_dir_all(file.join("inside")).unwrap();
    assert_eq!(open(dir.path()).write(NAME, b"the image").unwrap(), file);
    assert_eq!(sound(open(dir.path()).find(NAME)), file);

    // A file where the entry's folder goes.
    let other = "cd01.png";
    std::fs::write(dir.path().join("cd"), b"x").unwrap();
    let file = open(dir.path()).write(other, b"y").unwrap();
    assert_eq!(sound(open(dir.path()).find(other)), file);
}

#[test]
fn sound_entries_of_the_old_layout_are_moved_damaged_ones_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let old = |name: &str, bytes: &[u8], hash: Option<&[u8]>| {
        let entry = dir.path().join(name);
        std::fs::write(&entry, bytes).unwrap();
        if let Some(hashed) = hash {
            let hex = blake3::hash(hashed).to_hex();
            std::fs::write(legacy::hash_file(&entry), hex.as_bytes()).unwrap();
        }
        entry
    };
    let kept = old(NAME, b"the image", Some(b"the image"));
    let changed = old("abcd01.png", b"the ima", Some(b"the image"));
    let unhashed = old("abcd02.png", b"the image", None);
    std::fs::write(dir.path().join("abcd03.png.b3"), "stray").unwrap();
    std::fs::write(dir.path().join(".tmpXYZ"), "cut short").unwrap();

    let cache = open(dir.path());
    let moved = sound(cache.find(NAME));
    assert_eq!(moved.parent(), Some(dir.path().join("ab").as_path()));
    assert_eq!(std::fs::read(&moved).unwrap(), b"the image");
    assert!(!kept.exists() && !legacy::hash_file(&kept).exists());
    assert_eq!(sound(cache.find(NAME)), moved);
    assert_eq!(sound(open(dir.path()).find(NAME)), moved);

    for (name, file, why) in [
        ("abcd01.png", &changed, "does not match"),
        ("abcd02.png", &unhashed, "missing"),
    ] {
        let (at, said) = damaged(cache.find(name));
        assert_eq!(&at, file);
        assert!(said.contains(why), "{said}");
        assert!(!file.exists() && !legacy::hash_file(file).exists());
    }
    assert!(matches!(cache.find("abcd03.png"), Entry::Missing));
    assert!(matches!(cache.find(".tmpXYZ"), Entry::Missing));
}

/// Files under `dir`, relative, sorted.
fn walkdir(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for item in std::fs::read_dir(&folder).unwrap().flatten() {
            if item.file_type().unwrap().is_dir() {
                folders.push(item.path());
            } else {
                let relative = item.path().strip_prefix(dir).unwrap().to_path_buf();
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}
