//! The list cache: what the reader's list needs of each briefing (id, title, date, marking),
//! with the stamp of the file it came from, so the reader can show its list at once on the
//! next start while everything is read and checked again behind it.
//!
//! The cache is never trusted for a changed file: an entry counts only while the file's stamp
//! (size, modification and change times in nanoseconds, inode) is what it was; and the full
//! load that follows replaces every entry anyway. It lives in `$XDG_CACHE_HOME/brief` and is
//! safe to delete.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::file::Stamp;
use super::ids::stable_hash;
use super::library::Library;
use super::load::{LoadError, discover};
use super::model::{Briefing, Date, Handling};

/// Bumped whenever the entry layout changes; an older cache is ignored.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    /// The folders it describes, as given.
    paths: Vec<PathBuf>,
    entries: Vec<Entry>,
    /// Files that failed to load last time (the reader shows their count at once).
    failed: Vec<(PathBuf, Stamp)>,
}

#[derive(Clone, Debug, Hash, Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    stamp: Stamp,
    id: String,
    title: String,
    date: String,
    handling: Option<String>,
    tags: Vec<String>,
}

/// The user's cache folder for `brief`: `$XDG_CACHE_HOME/brief`, else the platform's (usually
/// `~/.cache/brief`). `None` when there is no home to put it in.
pub fn default_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| etcetera::choose_base_strategy().ok().map(|s| s.cache_dir()))?;
    Some(base.join("brief"))
}

/// Where the cache for these folders lives in the cache folder `dir`: one file per set of
/// folders.
pub fn cache_file(dir: &Path, paths: &[PathBuf]) -> PathBuf {
    let key: Vec<String> = paths
        .iter()
        .map(|p| {
            fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string()
        })
        .collect();
    let refs: Vec<&str> = key.iter().map(String::as_str).collect();
    dir.join(format!("list-{:016x}.json", stable_hash(&refs)))
}

/// What a cache holds, hashed: a save that would write the same again is skipped (a start
/// that found nothing changed does not rewrite the cache).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(u64);

fn fingerprint(entries: &[Entry], failed: &[(PathBuf, Stamp)]) -> Fingerprint {
    use std::hash::{Hash, Hasher};
    // Both sides of a comparison are computed by the same process: std's hasher will do.
    let mut hasher = std::hash::DefaultHasher::new();
    entries.hash(&mut hasher);
    failed.hash(&mut hasher);
    Fingerprint(hasher.finish())
}

/// Writes the cache (in the cache folder `dir`) for a library just loaded, each entry under the stamp its file had when it
/// was read (`stamp`), unless it would hold what `previous` says the cache already holds.
/// Returns what it holds now. Failing to write a cache is not worth telling anyone about: the
/// next start is merely slower.
pub fn save(
    dir: &Path,
    paths: &[PathBuf],
    library: &Library,
    stamp: impl Fn(&Path) -> Option<Stamp>,
    previous: Option<Fingerprint>,
) -> Option<Fingerprint> {
    let file = cache_file(dir, paths);
    let entries: Vec<Entry> = library
        .briefings
        .iter()
        .filter_map(|b| {
            Some(Entry {
                stamp: stamp(&b.path)?,
                path: b.path.clone(),
                id: b.id.clone(),
                title: b.title.clone(),
                date: b.date.to_string(),
                handling: b.handling.map(|h| h.as_str().to_string()),
                tags: b.tags.clone(),
            })
        })
        .collect();
    let failed: Vec<(PathBuf, Stamp)> = library
        .failed
        .iter()
        .filter_map(|p| Some((p.clone(), stamp(p)?)))
        .collect();
    let now = fingerprint(&entries, &failed);
    if previous == Some(now) {
        return previous;
    }
    let cache = CacheFile {
        version: VERSION,
        paths: paths.to_vec(),
        entries,
        failed,
    };
    if let Some(dir) = file.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let mut out = atomic_write_file::AtomicWriteFile::open(&file).ok()?;
    // Straight into the file: a large cache is never held twice, as values and as text.
    let mut writer = std::io::BufWriter::new(&mut out);
    serde_json::to_writer(&mut writer, &cache).ok()?;
    std::io::Write::flush(&mut writer).ok()?;
    drop(writer);
    out.commit().ok()?;
    Some(now)
}

/// A library of list entries only (titles, dates, markings; no content), if the cache still
/// describes exactly the files there are now. `None` when there is no cache, or any file was
/// added, removed or changed since: then only a full load can say what is there.
pub fn provisional(
    dir: &Path,
    paths: &[PathBuf],
) -> Result<Option<(Library, Fingerprint)>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(discover(path)?);
    }
    Ok(provisional_for(dir, paths, &files))
}

/// `provisional`, for callers that have already listed the files; with what the cache holds,
/// for `save`.
pub fn provisional_for(
    dir: &Path,
    paths: &[PathBuf],
    files: &[PathBuf],
) -> Option<(Library, Fingerprint)> {
    let file = cache_file(dir, paths);
    let bytes = fs::read(&file).ok()?;
    let cache = serde_json::from_slice::<CacheFile>(&bytes).ok()?;
    if cache.version != VERSION || cache.paths != paths {
        return None;
    }
    if files.len() != cache.entries.len() + cache.failed.len() {
        return None;
    }
    let unchanged = |path: &Path, stamp: &Stamp| Stamp::of(path).as_ref() == Some(stamp);
    if !cache.failed.iter().all(|(p, s)| unchanged(p, s))
        || !cache.entries.iter().all(|e| unchanged(&e.path, &e.stamp))
    {
        return None;
    }
    let held = fingerprint(&cache.entries, &cache.failed);
    let mut library = Library {
        failed: cache.failed.into_iter().map(|(p, _)| p).collect(),
        ..Library::default()
    };
    for e in cache.entries {
        let date = Date::parse(&e.date)?;
        let handling = e.handling.as_deref().and_then(Handling::parse);
        library.briefings.push(Arc::new(Briefing::stub(
            e.id, e.title, date, handling, e.tags, e.path,
        )));
    }
    library.sort();
    Some((library, held))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load;

    /// Runs `f` with a cache folder of its own, so tests never share one.
    fn with_cache_dir<T>(f: impl FnOnce(&Path) -> T) -> T {
        let cache = tempfile::tempdir().unwrap();
        f(cache.path())
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, title, date) in [("a", "Alpha", "2024-01-02"), ("b", "Beta", "2025-03-04")] {
            fs::write(
                dir.path().join(format!("{name}.toml")),
                format!("title = \"{title}\"\ndate = {date}\nsummary = \"S\"\n"),
            )
            .unwrap();
        }
        dir
    }

    #[test]
    fn a_saved_list_comes_back_while_nothing_changed() {
        with_cache_dir(|cache| {
            let dir = folder();
            let paths = vec![dir.path().to_path_buf()];
            assert!(
                provisional(cache, &paths).unwrap().is_none(),
                "no cache yet"
            );
            let library = load(&paths).unwrap();
            save(cache, &paths, &library, Stamp::of, None);
            let (cached, _) = provisional(cache, &paths).unwrap().expect("cache used");
            let ids: Vec<&str> = cached.briefings.iter().map(|b| b.id.as_str()).collect();
            assert_eq!(ids, ["b", "a"], "newest first, as the full load");
            assert_eq!(cached.briefings[0].title, "Beta");
        });
    }

    #[test]
    fn a_file_rewritten_at_the_same_size_in_the_same_second_is_noticed() {
        with_cache_dir(|cache| {
            let dir = folder();
            let paths = vec![dir.path().to_path_buf()];
            save(cache, &paths, &load(&paths).unwrap(), Stamp::of, None);
            // Same length, same second: only the nanoseconds of the change time differ.
            let file = dir.path().join("a.toml");
            let text = fs::read_to_string(&file).unwrap().replace("Alpha", "Alefa");
            fs::write(&file, text).unwrap();
            assert!(provisional(cache, &paths).unwrap().is_none());
        });
    }

    #[test]
    fn an_added_or_removed_file_invalidates_it() {
        with_cache_dir(|cache| {
            let dir = folder();
            let paths = vec![dir.path().to_path_buf()];
            save(cache, &paths, &load(&paths).unwrap(), Stamp::of, None);
            fs::write(
                dir.path().join("c.toml"),
                "title = \"C\"\ndate = 2020-01-01\nsummary = \"S\"\n",
            )
            .unwrap();
            assert!(provisional(cache, &paths).unwrap().is_none());
            save(cache, &paths, &load(&paths).unwrap(), Stamp::of, None);
            fs::remove_file(dir.path().join("c.toml")).unwrap();
            assert!(provisional(cache, &paths).unwrap().is_none());
        });
    }

    /// A file changed after the load read it and before the cache was written: its entry
    /// keeps the stamp of what was read, so the next start does not show the old title as
    /// current.
    #[test]
    fn entries_carry_the_stamp_of_what_was_read() {
        with_cache_dir(|cache| {
            let dir = folder();
            let paths = vec![dir.path().to_path_buf()];
            let mut loader = crate::briefing::Loader::lean(paths.clone());
            let library = loader.load(&|_, _| {}).unwrap();
            let file = dir.path().join("a.toml");
            let text = fs::read_to_string(&file).unwrap().replace("Alpha", "Alefa");
            fs::write(&file, text).unwrap();
            save(cache, &paths, &library, |p| loader.stamp(p), None);
            assert!(provisional(cache, &paths).unwrap().is_none());
        });
    }

    #[test]
    fn a_save_that_changes_nothing_writes_nothing() {
        with_cache_dir(|cache| {
            let dir = folder();
            let paths = vec![dir.path().to_path_buf()];
            let library = load(&paths).unwrap();
            let held = save(cache, &paths, &library, Stamp::of, None).expect("written");
            let (_, read) = provisional(cache, &paths).unwrap().expect("cache used");
            assert_eq!(read, held, "what was written is what is read back");
            let file = cache_file(cache, &paths);
            fs::remove_file(&file).unwrap();
            assert_eq!(
                save(cache, &paths, &library, Stamp::of, Some(held)),
                Some(held)
            );
            assert!(!file.exists(), "not written again");
            // Another title is another cache.
            fs::write(
                dir.path().join("c.toml"),
                "title = \"C\"\ndate = 2020-01-01\nsummary = \"S\"\n",
            )
            .unwrap();
            let more = load(&paths).unwrap();
            assert_ne!(
                save(cache, &paths, &more, Stamp::of, Some(held)),
                Some(held)
            );
            assert!(file.exists());
        });
    }

    #[test]
    fn a_damaged_cache_is_ignored() {
        with_cache_dir(|cache| {
            let dir = folder();
            let paths = vec![dir.path().to_path_buf()];
            let file = cache_file(cache, &paths);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(&file, b"{ not json").unwrap();
            assert!(provisional(cache, &paths).unwrap().is_none());
        });
    }
}
