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

/// Bumped whenever the layout changes; a cache of another version is ignored.
const VERSION: u32 = 2;

/// How many rows the first page holds: more than any screen shows, so the first frame of a
/// warm start reads this much of the cache and checks this many files, whatever the size of
/// the folder.
pub const PAGE: usize = 256;

/// The first line of the cache file: what the first frame needs, and only that.
#[derive(Deserialize)]
struct Head {
    version: u32,
    /// The folders it describes, as given.
    paths: Vec<PathBuf>,
    /// How many briefing files there were (loaded or failed): the whole list's size.
    files: usize,
    /// The first rows of the list, in list order (newest first).
    entries: Vec<Row>,
}

/// The second line: the rest of the list, and the files that failed to load last time.
#[derive(Deserialize)]
struct Rest {
    entries: Vec<Row>,
    failed: Vec<(PathBuf, Stamp)>,
}

/// One entry as it is read: made a stub as soon as it is parsed, so reading the cache never
/// holds the entries and the stubs made of them side by side.
#[derive(Deserialize)]
#[serde(try_from = "Entry")]
struct Row {
    stub: Arc<Briefing>,
    stamp: Stamp,
}

impl TryFrom<Entry> for Row {
    type Error = &'static str;

    fn try_from(e: Entry) -> Result<Row, &'static str> {
        let stamp = e.stamp;
        let stub = e.into_stub().ok_or("not a date")?;
        Ok(Row {
            stub: Arc::new(stub),
            stamp,
        })
    }
}

impl Row {
    fn entry(&self) -> EntryRef<'_> {
        EntryRef::of(&self.stub, self.stamp)
    }
}

/// An entry as it is written and read.
#[derive(Deserialize)]
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

/// The fingerprint of `count` entries and the failed files. Entries are hashed one at a time,
/// as they come, so that a save never gathers a copy of the whole list to hash it; the
/// entries read back are hashed as they would be written again.
fn fingerprint<'a>(
    count: usize,
    entries: impl Iterator<Item = EntryRef<'a>>,
    failed: &[(PathBuf, Stamp)],
) -> Fingerprint {
    use std::hash::{Hash, Hasher};
    // Both sides of a comparison are computed by the same process: std's hasher will do.
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write_usize(count);
    for e in entries {
        e.hash(&mut hasher);
    }
    failed.hash(&mut hasher);
    Fingerprint(hasher.finish())
}

/// An entry as it is written (and hashed): borrowed from the library, so that writing the
/// cache of 100,000 briefings copies none of their fields. Read back as an `Entry`.
#[derive(Hash, Serialize)]
struct EntryRef<'a> {
    path: &'a Path,
    stamp: Stamp,
    id: &'a str,
    title: &'a str,
    date: String,
    handling: Option<&'a str>,
    tags: &'a [String],
}

impl<'a> EntryRef<'a> {
    fn of(b: &'a Briefing, stamp: Stamp) -> EntryRef<'a> {
        EntryRef {
            path: &b.path,
            stamp,
            id: &b.id,
            title: &b.title,
            date: b.date.to_string(),
            handling: b.handling.map(|h| h.as_str()),
            tags: &b.tags,
        }
    }
}

/// The first line as it is written.
#[derive(Serialize)]
struct HeadRef<'a> {
    version: u32,
    paths: &'a [PathBuf],
    files: usize,
    entries: Vec<EntryRef<'a>>,
}

/// The second line as it is written: the entries serialized as they are made.
#[derive(Serialize)]
struct RestRef<'a, E> {
    entries: E,
    failed: &'a [(PathBuf, Stamp)],
}

/// A sequence serialized from an iterator made afresh, never collected.
struct Each<I>(I);

impl<'a, I: Fn() -> It, It: Iterator<Item = EntryRef<'a>>> Serialize for Each<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
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
    // A briefing whose file has no stamp (gone since it was read) is left out.
    let entries = || {
        library
            .briefings
            .iter()
            .filter_map(|b| Some(EntryRef::of(b, stamp(&b.path)?)))
    };
    let failed: Vec<(PathBuf, Stamp)> = library
        .failed
        .iter()
        .filter_map(|p| Some((p.clone(), stamp(p)?)))
        .collect();
    let count = entries().count();
    let now = fingerprint(count, entries(), &failed);
    if previous == Some(now) {
        return previous;
    }
    let head = HeadRef {
        version: VERSION,
        paths,
        files: count + failed.len(),
        entries: entries().take(PAGE).collect(),
    };
    let rest = RestRef {
        entries: Each(|| entries().skip(PAGE)),
        failed: &failed,
    };
    if let Some(dir) = file.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let mut out = atomic_write_file::AtomicWriteFile::open(&file).ok()?;
    // Straight into the file: a large cache is never held twice, as values and as text. Two
    // lines (compact JSON never holds a raw newline): the first page, then the rest.
    let mut writer = std::io::BufWriter::new(&mut out);
    serde_json::to_writer(&mut writer, &head).ok()?;
    std::io::Write::write_all(&mut writer, b"\n").ok()?;
    serde_json::to_writer(&mut writer, &rest).ok()?;
    std::io::Write::write_all(&mut writer, b"\n").ok()?;
    std::io::Write::flush(&mut writer).ok()?;
    drop(writer);
    out.commit().ok()?;
    Some(now)
}

/// The first rows of the cached list, for the first frame of a warm start: read from the
/// first line of the cache alone, each row's file checked (its stamp unchanged), so every row
/// shown is what its file says. What it cannot tell: whether files were added, removed or
/// changed elsewhere in the folder. The caller shows it while `provisional` checks the
/// whole cache behind the first frame, and reads every file when that fails.
pub struct FirstPage {
    /// The first rows, in list order, as list stubs.
    pub library: Library,
    /// How many briefing files the whole cache describes.
    pub files: usize,
}

pub fn first_page(dir: &Path, paths: &[PathBuf]) -> Option<FirstPage> {
    use std::io::BufRead;
    let file = fs::File::open(cache_file(dir, paths)).ok()?;
    let mut line = Vec::new();
    std::io::BufReader::with_capacity(1 << 16, file)
        .read_until(b'\n', &mut line)
        .ok()?;
    // A first line cut short (a truncated file) does not parse.
    let head = serde_json::from_slice::<Head>(&line).ok()?;
    if head.version != VERSION || head.paths != paths {
        return None;
    }
    if !head
        .entries
        .iter()
        .all(|e| Stamp::of(&e.stub.path).as_ref() == Some(&e.stamp))
    {
        return None;
    }
    let mut library = Library {
        briefings: head.entries.into_iter().map(|e| e.stub).collect(),
        ..Library::default()
    };
    library.sort();
    Some(FirstPage {
        library,
        files: head.files,
    })
}

/// The whole cached list, checked against the files there are.
pub struct Cached {
    /// List stubs, in list order.
    pub library: Library,
    /// What the cache holds, for `save`.
    pub held: Fingerprint,
    /// Each stub with the stamp of the file it describes, for `Loader::adopt`: the load that
    /// follows keeps these stubs instead of making copies of them.
    pub stamped: Vec<(Arc<Briefing>, Stamp)>,
}

/// A library of list entries only (titles, dates, markings; no content), if the cache still
/// describes exactly the files there are now. `None` when there is no cache, or any file was
/// added, removed or changed since: then only a full load can say what is there.
pub fn provisional(dir: &Path, paths: &[PathBuf]) -> Result<Option<Cached>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(discover(path)?);
    }
    Ok(provisional_for(dir, paths, &files))
}

/// `provisional`, for callers that have already listed the files; with what the cache holds,
/// for `save`.
pub fn provisional_for(dir: &Path, paths: &[PathBuf], files: &[PathBuf]) -> Option<Cached> {
    use rayon::prelude::*;
    use std::io::BufRead;
    let file = fs::File::open(cache_file(dir, paths)).ok()?;
    // Read as it is parsed, not whole first: at 100,000 briefings the file is 40 MB.
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line).ok()?;
    let head = serde_json::from_slice::<Head>(&line).ok()?;
    if head.version != VERSION || head.paths != paths {
        return None;
    }
    // Both lines whole, or nothing: a file cut anywhere fails here (the second line must be
    // one whole value, followed by nothing but white space).
    let rest = serde_json::from_reader::<_, Rest>(reader).ok()?;
    let mut rows = head.entries;
    rows.extend(rest.entries);
    let failed = rest.failed;
    if files.len() != rows.len() + failed.len() || head.files != files.len() {
        return None;
    }
    // One stamp per file, on all cores: at 100,000 files most of the time this takes.
    let unchanged = |path: &Path, stamp: &Stamp| Stamp::of(path).as_ref() == Some(stamp);
    if !failed.par_iter().all(|(p, s)| unchanged(p, s))
        || !rows.par_iter().all(|e| unchanged(&e.stub.path, &e.stamp))
    {
        return None;
    }
    // The cache names exactly the files there are: not one removed and another added.
    let mut named: Vec<&[u8]> = rows
        .iter()
        .map(|e| e.stub.path.as_path())
        .chain(failed.iter().map(|(p, _)| p.as_path()))
        .map(|p| p.as_os_str().as_encoded_bytes())
        .collect();
    named.par_sort_unstable();
    let mut listed: Vec<&[u8]> = files
        .iter()
        .map(|p| p.as_os_str().as_encoded_bytes())
        .collect();
    listed.par_sort_unstable();
    if named != listed {
        return None;
    }
    drop((named, listed));
    let held = fingerprint(rows.len(), rows.iter().map(Row::entry), &failed);
    let mut library = Library {
        briefings: rows.iter().map(|e| Arc::clone(&e.stub)).collect(),
        failed: failed.into_iter().map(|(p, _)| p).collect(),
        ..Library::default()
    };
    library.sort();
    Some(Cached {
        library,
        held,
        stamped: rows.into_iter().map(|e| (e.stub, e.stamp)).collect(),
    })
}

impl Entry {
    fn into_stub(self) -> Option<Briefing> {
        let date = Date::parse(&self.date)?;
        let handling = self.handling.as_deref().and_then(Handling::parse);
        Some(Briefing::stub(
            self.id, self.title, date, handling, self.tags, self.path,
        ))
    }
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
            let cached = provisional(cache, &paths)
                .unwrap()
                .expect("cache used")
                .library;
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
            let read = provisional(cache, &paths)
                .unwrap()
                .expect("cache used")
                .held;
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

    /// A folder of `n` briefings, dated so that the list order is the reverse of the names.
    fn folder_of(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            let (year, day) = (2000 + i / 300, 1 + i % 28);
            let month = 1 + (i / 28) % 10;
            fs::write(
                dir.path().join(format!("b{i:04}.toml")),
                format!(
                    "id = \"b{i:04}\"\ntitle = \"Title {i}\"\ndate = {year}-{month:02}-{day:02}\nsummary = \"S\"\n"
                ),
            )
            .unwrap();
        }
        dir
    }

    fn ids(library: &Library) -> Vec<String> {
        library.briefings.iter().map(|b| b.id.clone()).collect()
    }

    /// What the first page shows is the start of what the full load shows.
    #[test]
    fn the_first_page_is_the_start_of_the_list() {
        with_cache_dir(|cache| {
            let dir = folder_of(PAGE + 40);
            let paths = vec![dir.path().to_path_buf()];
            assert!(first_page(cache, &paths).is_none(), "no cache yet");
            let library = load(&paths).unwrap();
            save(cache, &paths, &library, Stamp::of, None);
            let page = first_page(cache, &paths).expect("page used");
            assert_eq!(page.files, PAGE + 40);
            assert_eq!(ids(&page.library), ids(&library)[..PAGE]);
            let whole = provisional(cache, &paths)
                .unwrap()
                .expect("cache used")
                .library;
            assert_eq!(ids(&whole), ids(&library));
        });
    }

    /// A file changed beyond the first page: the page's rows are still right (each checked),
    /// the whole cache is refused, so the reader reads the files.
    #[test]
    fn a_change_beyond_the_page_refuses_the_whole_cache_only() {
        with_cache_dir(|cache| {
            let dir = folder_of(PAGE + 40);
            let paths = vec![dir.path().to_path_buf()];
            let library = load(&paths).unwrap();
            save(cache, &paths, &library, Stamp::of, None);
            let last = &library.briefings.last().unwrap().path;
            let text = fs::read_to_string(last).unwrap().replace("Title", "Tidle");
            fs::write(last, text).unwrap();
            assert!(first_page(cache, &paths).is_some());
            assert!(provisional(cache, &paths).unwrap().is_none());
            // Changed within the page: not even the page.
            let first = &library.briefings[0].path;
            let text = fs::read_to_string(first).unwrap().replace("Title", "Tidle");
            fs::write(first, text).unwrap();
            assert!(first_page(cache, &paths).is_none());
        });
    }

    #[test]
    fn a_deleted_file_refuses_the_cache() {
        with_cache_dir(|cache| {
            let dir = folder_of(PAGE + 40);
            let paths = vec![dir.path().to_path_buf()];
            let library = load(&paths).unwrap();
            save(cache, &paths, &library, Stamp::of, None);
            fs::remove_file(&library.briefings.last().unwrap().path).unwrap();
            assert!(provisional(cache, &paths).unwrap().is_none());
            fs::remove_file(&library.briefings[3].path).unwrap();
            assert!(first_page(cache, &paths).is_none());
        });
    }

    /// A file added and another removed: the same count, still refused.
    #[test]
    fn a_file_swapped_for_another_refuses_the_cache() {
        with_cache_dir(|cache| {
            let dir = folder_of(PAGE + 40);
            let paths = vec![dir.path().to_path_buf()];
            let library = load(&paths).unwrap();
            save(cache, &paths, &library, Stamp::of, None);
            let last = library.briefings.last().unwrap().path.clone();
            fs::rename(&last, dir.path().join("moved.toml")).unwrap();
            assert!(provisional(cache, &paths).unwrap().is_none());
        });
    }

    /// A cache cut short anywhere: the whole cache is refused; a page whose line is whole
    /// still shows only rows it checked.
    #[test]
    fn a_truncated_cache_shows_no_wrong_row() {
        with_cache_dir(|cache| {
            let dir = folder_of(PAGE + 40);
            let paths = vec![dir.path().to_path_buf()];
            let library = load(&paths).unwrap();
            save(cache, &paths, &library, Stamp::of, None);
            let file = cache_file(cache, &paths);
            let bytes = fs::read(&file).unwrap();
            let head_end = bytes.iter().position(|&b| b == b'\n').unwrap();
            for cut in [
                bytes.len() - 2,
                bytes.len() - 30,
                head_end + 200,
                head_end + 1,
                head_end,
            ] {
                fs::write(&file, &bytes[..cut]).unwrap();
                assert!(
                    provisional(cache, &paths).unwrap().is_none(),
                    "cut at {cut}"
                );
                let page = first_page(cache, &paths).expect("the first line is whole");
                assert_eq!(ids(&page.library), ids(&library)[..PAGE]);
            }
            for cut in [head_end - 1, head_end / 2, 10, 0] {
                fs::write(&file, &bytes[..cut]).unwrap();
                assert!(first_page(cache, &paths).is_none(), "cut at {cut}");
                assert!(
                    provisional(cache, &paths).unwrap().is_none(),
                    "cut at {cut}"
                );
            }
        });
    }

    /// A cache written by another version (the one-object layout of version 1, or another
    /// version number) is never read.
    #[test]
    fn a_cache_of_another_version_is_ignored() {
        with_cache_dir(|cache| {
            let dir = folder_of(PAGE + 40);
            let paths = vec![dir.path().to_path_buf()];
            let library = load(&paths).unwrap();
            save(cache, &paths, &library, Stamp::of, None);
            let file = cache_file(cache, &paths);
            let text = fs::read_to_string(&file).unwrap();
            let other = text.replacen(
                &format!("{{\"version\":{VERSION},"),
                &format!("{{\"version\":{},", VERSION + 1),
                1,
            );
            assert_ne!(other, text);
            fs::write(&file, other).unwrap();
            assert!(first_page(cache, &paths).is_none());
            assert!(provisional(cache, &paths).unwrap().is_none());
            // Version 1: one object, entries and failures together, no page.
            let (head, rest) = text.split_once('\n').unwrap();
            let mut v1: serde_json::Value = serde_json::from_str(head).unwrap();
            let rest: serde_json::Value = serde_json::from_str(rest).unwrap();
            v1["version"] = 1.into();
            v1["failed"] = rest["failed"].clone();
            v1.as_object_mut().unwrap().remove("files");
            fs::write(&file, serde_json::to_string(&v1).unwrap()).unwrap();
            assert!(first_page(cache, &paths).is_none());
            assert!(provisional(cache, &paths).unwrap().is_none());
        });
    }
}
