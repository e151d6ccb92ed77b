//! Reading briefing files from disk into a `Library`.
//!
//! A bad file never stops the others: each file's problems are collected and the file is left
//! out, everything else loads. Files are parsed on all cores; the result does not depend on it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::file::{FileResult, Stamp, format_of, load_file};
use super::library::Library;
use super::model::Briefing;
use super::problem::{Locator, Problem, Severity};

/// A path the user named cannot be read at all (as opposed to a bad briefing inside it).
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}: {source}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Every briefing file under `root`: `*.toml` and `*.json`, recursively, in a stable order,
/// skipping hidden names and not following symlinked folders (no loops). A file named
/// directly is taken whatever its name.
pub fn discover(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = discover_up_to(root, usize::MAX)?;
    // By the bytes of the path: a stable order, for a fraction of the cost of comparing
    // component by component on a large folder.
    files.sort_unstable_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    Ok(files)
}

/// Briefing files under `root` as `discover` finds them, but no more than `limit` of them and
/// in no particular order: enough to tell a small folder from a large one without listing
/// every file of the large one.
pub fn discover_up_to(root: &Path, limit: usize) -> Result<Vec<PathBuf>, LoadError> {
    let fail = |source| LoadError {
        path: root.to_path_buf(),
        source,
    };
    let meta = fs::metadata(root).map_err(fail)?;
    if !meta.is_dir() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop()
        && files.len() < limit
    {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            // The root must be readable; an unreadable subfolder is skipped like a bad file.
            Err(e) if folder == root => return Err(fail(e)),
            Err(_) => continue,
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                folders.push(path);
            } else if format_of(&path).is_some() && (kind.is_file() || kind.is_symlink()) {
                // A symlink to a folder named `x.toml` is not a file; let reading say so.
                if kind.is_symlink() && path.is_dir() {
                    continue;
                }
                files.push(path);
            }
        }
    }
    files.truncate(limit);
    Ok(files)
}

/// Loads every briefing under each of `paths` (folders or single files).
pub fn load(paths: &[PathBuf]) -> Result<Library, LoadError> {
    Loader::new(paths.to_vec()).once().load(&|_, _| {})
}

/// Loads a folder again and again (live updates, `r`), reading only the files that changed
/// since the last time; the others keep their outcome.
#[derive(Debug, Default)]
pub struct Loader {
    paths: Vec<PathBuf>,
    /// The outcome of every file of the last load (with the stamp the file was read under;
    /// none when it could not be read: never matched), sorted by the bytes of its path: no
    /// map, and no second copy of a path. An outcome with a briefing keeps its path there
    /// only (see `FileResult::file`).
    known: Vec<FileResult>,
    /// Whether the last load found any file added, removed or changed.
    changed: bool,
    /// Keep only what a list needs of each briefing (`brief check` needs no more).
    lean: bool,
    /// Loads once: nothing is kept for a next load (the commands).
    once: bool,
    /// Stubs held elsewhere already (the reader's cached list), by path, with the stamp of
    /// the file they were made from: the next load keeps such a stub, rather than a copy of
    /// it, for a file it reads under that very stamp with the same list fields, so the list
    /// fields are not held twice. Taken by that load.
    adopted: Vec<(Arc<Briefing>, Stamp)>,
}

impl Loader {
    pub fn new(paths: Vec<PathBuf>) -> Loader {
        Loader {
            paths,
            known: Vec::new(),
            changed: true,
            lean: false,
            once: false,
            adopted: Vec::new(),
        }
    }

    /// A loader for one load (the commands): it keeps no outcome or stamp for a next load,
    /// sparing a map of every file and a copy of each outcome.
    pub fn once(self) -> Loader {
        Loader { once: true, ..self }
    }

    /// A loader that checks everything but keeps only the list fields of each briefing: all
    /// a check needs, in a fraction of the memory.
    pub fn lean(paths: Vec<PathBuf>) -> Loader {
        Loader {
            lean: true,
            ..Loader::new(paths)
        }
    }

    /// Stubs already held elsewhere, each with the stamp of the file it was made from: the
    /// next load of a lean loader keeps the very stub (the same `Arc`) for a file it reads
    /// under that stamp with the same list fields, instead of a copy. A file read under any
    /// other stamp gets a stub of its own, so a stub still means one version of its file.
    pub fn adopt(&mut self, stubs: impl IntoIterator<Item = (Arc<Briefing>, Stamp)>) {
        let mut stubs: Vec<(Arc<Briefing>, Stamp)> = stubs.into_iter().collect();
        stubs.sort_unstable_by(|(a, _), (b, _)| path_bytes(&a.path).cmp(path_bytes(&b.path)));
        self.adopted = stubs;
    }

    /// Whether the last load found anything added, removed or changed since the one before.
    pub fn changed(&self) -> bool {
        self.changed
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The file as it was when the last load read it (not as it is now: it may have changed
    /// since, and what was read must not be recorded under the new stamp).
    pub fn stamp(&self, path: &Path) -> Option<Stamp> {
        find(&self.known, path).and_then(|at| self.known[at].stamp)
    }

    /// Loads, calling `progress(done, total)` now and then from the worker threads.
    pub fn load(&mut self, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Library, LoadError> {
        self.load_watched(progress, &|_| {})
    }

    /// `load`, also handing each briefing read to `on_briefing` as soon as it is read (from
    /// the worker threads), before the whole library is ready: what lets the reader show the
    /// list of a large folder as it fills.
    pub fn load_watched(
        &mut self,
        progress: &(dyn Fn(usize, usize) + Sync),
        on_briefing: &(dyn Fn(&Briefing) + Sync),
    ) -> Result<Library, LoadError> {
        self.load_streamed(progress, &|full, _| on_briefing(full))
    }

    /// `load_watched`, also handing over what the library will hold of each briefing read
    /// (its stub, for a lean loader): a list filled from these holds the very briefings the
    /// library will, not copies.
    pub fn load_streamed(
        &mut self,
        progress: &(dyn Fn(usize, usize) + Sync),
        on_briefing: &(dyn Fn(&Briefing, &Arc<Briefing>) + Sync),
    ) -> Result<Library, LoadError> {
        let files = self.files()?;
        let old = std::mem::take(&mut self.known);
        // Where each file was in the last load, if it was.
        let places: Vec<Option<usize>> = match old.is_empty() {
            true => Vec::new(),
            false => files.iter().map(|f| find(&old, f)).collect(),
        };
        // The first load reads everything and takes each stamp from the open file; later ones
        // look at every stamp first and read only what changed.
        let stale: Vec<usize> = if old.is_empty() {
            (0..files.len()).collect()
        } else {
            (0..files.len())
                .filter(|&i| match (Stamp::of(&files[i]), places[i]) {
                    (Some(now), Some(at)) => old[at].stamp != Some(now),
                    _ => true,
                })
                .collect()
        };
        let adopted = std::mem::take(&mut self.adopted);
        let how = How {
            lean: self.lean,
            adopted: &adopted,
        };
        let fresh = load_all(&files, &stale, &how, progress, on_briefing);
        drop(adopted);
        // Each outcome (or briefing) holds its own path: the listing is not needed any more.
        let count = files.len();
        drop(files);
        if self.once {
            // Every file read, in file order: the outcomes are the library's as they are.
            self.changed = true;
            let duplicates = duplicate_ids(&fresh);
            return Ok(Library::from_results(&fresh, duplicates));
        }
        // Every file, in file order: what was just read, else what was read before (moved,
        // not copied). A file of the last load not listed now is gone.
        let old_files = old.len();
        let mut old: Vec<Option<FileResult>> = old.into_iter().map(Some).collect();
        let mut fresh = fresh.into_iter();
        let mut stale_at = stale.iter().copied().peekable();
        let mut kept_old = 0;
        let mut known = Vec::with_capacity(count);
        let mut places = places.into_iter();
        for i in 0..count {
            let place = places.next().flatten();
            if stale_at.next_if_eq(&i).is_some() {
                let Some(mut result) = fresh.next() else {
                    break;
                };
                // The briefing holds the same path.
                if result.briefing.is_some() {
                    result.path = PathBuf::new();
                }
                // Gone or unreadable: no stamp, never matched, so always read again.
                known.push(result);
            } else if let Some(entry) = place.and_then(|at| old[at].take()) {
                kept_old += 1;
                known.push(entry);
            }
        }
        drop(old);
        self.changed = !stale.is_empty() || kept_old != old_files;
        // The library of what is known, in file order (nothing copied but the problems and
        // the paths of failed files: it holds the very stubs the loader keeps).
        let duplicates = duplicate_ids(&known);
        let library = Library::from_results(&known, duplicates);
        known.sort_unstable_by(|a, b| path_bytes(a.file()).cmp(path_bytes(b.file())));
        self.known = known;
        Ok(library)
    }

    /// Every file under the paths, each once even when two paths overlap.
    fn files(&self) -> Result<Vec<PathBuf>, LoadError> {
        let mut files = Vec::new();
        for path in &self.paths {
            files.extend(discover(path)?);
        }
        if self.paths.len() > 1 {
            // `b` and `b/x.toml`, or `b` and `./b`: the same file named twice is read once.
            use std::os::unix::fs::MetadataExt;
            let mut seen = std::collections::HashSet::new();
            // The link itself, not what it points at: a symlinked file is a file of its own.
            files.retain(|f| match fs::symlink_metadata(f) {
                Ok(m) => seen.insert((m.dev(), m.ino())),
                Err(_) => true,
            });
        }
        Ok(files)
    }
}

fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// Where the outcome of `path` is in `known` (sorted by path bytes).
fn find(known: &[FileResult], path: &Path) -> Option<usize> {
    known
        .binary_search_by(|r| path_bytes(r.file()).cmp(path_bytes(path)))
        .ok()
}

/// What a load keeps of each briefing.
struct How<'a> {
    /// Its list fields only.
    lean: bool,
    /// Stubs to keep as they are, sorted by path (`Loader::adopt`).
    adopted: &'a [(Arc<Briefing>, Stamp)],
}

impl How<'_> {
    /// What the library keeps of a briefing just read: the briefing, or its stub, the adopted
    /// one if it was made from this very file (same path and stamp) and lists the same.
    fn keep(&self, full: Arc<Briefing>, stamp: Option<Stamp>) -> Arc<Briefing> {
        if !self.lean {
            return full;
        }
        let found = self
            .adopted
            .binary_search_by(|(b, _)| path_bytes(&b.path).cmp(path_bytes(&full.path)))
            .ok()
            .map(|at| &self.adopted[at])
            .filter(|(b, then)| Some(*then) == stamp && b.same_list_fields(&full));
        match found {
            Some((stub, _)) => Arc::clone(stub),
            None => Arc::new(full.to_stub()),
        }
    }
}

/// Loads the files at `which` on all cores (rayon hands each idle worker the next file, since
/// files differ in size); returns the outcomes in the order of `which`. A worker's panic is
/// raised again here, never turned into a missing file.
fn load_all(
    files: &[PathBuf],
    which: &[usize],
    how: &How,
    progress: &(dyn Fn(usize, usize) + Sync),
    on_briefing: &(dyn Fn(&Briefing, &Arc<Briefing>) + Sync),
) -> Vec<FileResult> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let total = which.len();
    let done = AtomicUsize::new(0);
    which
        .par_iter()
        .with_max_len(1)
        .map(|&i| {
            let mut result = load_file(&files[i]);
            if let Some(full) = result.briefing.take() {
                // A lean load drops the content here, file by file, so the whole of it is
                // never held at once.
                let kept = how.keep(Arc::clone(&full), result.stamp);
                on_briefing(&full, &kept);
                result.briefing = Some(kept);
                // The briefing holds the same path (`FileResult::file`).
                result.path = PathBuf::new();
            }
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if finished.is_multiple_of(256) || finished == total {
                progress(finished, total);
            }
            result
        })
        .collect()
}

/// Two files with the same briefing id: an error in each, naming the other, and neither is
/// shown, since a flag on that id could mean either. The outcomes are left as they are (the
/// loader keeps them for the next load); each problem comes with the place of its file.
fn duplicate_ids(results: &[FileResult]) -> Vec<(usize, Problem)> {
    // Sorted by id (and place), so each id's files are side by side: no map of every id.
    let mut by_id: Vec<(&str, usize)> = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.briefing.as_ref()?.id.as_str(), i)))
        .collect();
    by_id.sort_unstable();
    let mut groups: Vec<Vec<usize>> = by_id
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
        .map(|group| group.iter().map(|&(_, i)| i).collect())
        .collect();
    groups.sort();
    let mut problems = Vec::new();
    for group in groups {
        for &i in &group {
            // Name a few of the others: a folder of copies must not cost a message per pair.
            let others: Vec<String> = group
                .iter()
                .filter(|&&j| j != i)
                .take(3)
                .map(|&j| results[j].file().display().to_string())
                .collect();
            let more = match group.len() - 1 - others.len() {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let r = &results[i];
            let path = r.file();
            let id = r
                .briefing
                .as_ref()
                .map(|b| b.id.as_str())
                .unwrap_or_default();
            let message = format!(
                "briefing id `{id}` is also used by {}{more}",
                others.join(", ")
            );
            let hint = Some("give one of them another `id`, or remove the copy".to_string());
            let problem = match fs::read_to_string(path) {
                Ok(text) => Locator::new(&text).problem(
                    path.to_path_buf(),
                    Severity::Error,
                    r.id_span.clone(),
                    &message,
                    hint.as_deref(),
                ),
                Err(_) => Problem::whole_file(path.to_path_buf(), message, hint),
            };
            problems.push((i, problem));
        }
    }
    problems.sort_by_key(|(i, _)| *i);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, title: &str, summary: &str) {
        fs::write(
            dir.join(format!("{name}.toml")),
            format!(
                "id = \"{name}\"\ntitle = \"{title}\"\ndate = 2024-01-02\nsummary = \"{summary}\"\n"
            ),
        )
        .unwrap();
    }

    fn by_id<'a>(library: &'a Library, id: &str) -> &'a Arc<Briefing> {
        library.briefings.iter().find(|b| b.id == id).unwrap()
    }

    /// A reload reads only what changed, keeps the rest as it was (the very same stubs), and
    /// forgets files that are gone.
    #[test]
    fn a_reload_reads_only_changed_files_and_forgets_removed_ones() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            write(dir.path(), name, name, "S");
        }
        let mut loader = Loader::lean(vec![dir.path().to_path_buf()]);
        let first = loader.load(&|_, _| {}).unwrap();
        assert!(loader.changed());
        let again = loader.load(&|_, _| {}).unwrap();
        assert!(!loader.changed(), "nothing changed");
        for id in ["a", "b", "c"] {
            assert!(Arc::ptr_eq(by_id(&first, id), by_id(&again, id)));
        }
        write(dir.path(), "b", "B again", "S");
        fs::remove_file(dir.path().join("c.toml")).unwrap();
        let read = std::sync::Mutex::new(Vec::new());
        let third = loader
            .load_watched(&|_, _| {}, &|b| read.lock().unwrap().push(b.id.clone()))
            .unwrap();
        assert!(loader.changed());
        assert_eq!(
            *read.lock().unwrap(),
            ["b"],
            "only the changed file is read"
        );
        assert!(Arc::ptr_eq(by_id(&first, "a"), by_id(&third, "a")));
        assert_eq!(by_id(&third, "b").title, "B again");
        assert_eq!(third.briefings.len(), 2);
        assert!(loader.stamp(&dir.path().join("c.toml")).is_none());
        assert!(loader.stamp(&dir.path().join("a.toml")).is_some());
        // Only a removal is a change too.
        fs::remove_file(dir.path().join("a.toml")).unwrap();
        loader.load(&|_, _| {}).unwrap();
        assert!(loader.changed());
    }

    /// Two files with one id: each has an error naming the other and neither is shown, on
    /// every load, the loader's own outcomes left as they were read.
    #[test]
    fn duplicate_ids_are_refused_on_every_load() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a", "A", "S");
        write(dir.path(), "b", "B", "S");
        fs::copy(dir.path().join("a.toml"), dir.path().join("copy.toml")).unwrap();
        let mut loader = Loader::lean(vec![dir.path().to_path_buf()]);
        for _ in 0..2 {
            let library = loader.load(&|_, _| {}).unwrap();
            let ids: Vec<&str> = library.briefings.iter().map(|b| b.id.as_str()).collect();
            assert_eq!(ids, ["b"]);
            assert_eq!(library.failed.len(), 2);
            assert_eq!(library.errors(), 2);
            assert!(
                library.problems[0].to_string().contains("copy.toml"),
                "{}",
                library.problems[0]
            );
        }
        fs::remove_file(dir.path().join("copy.toml")).unwrap();
        let library = loader.load(&|_, _| {}).unwrap();
        assert_eq!(library.briefings.len(), 2);
        assert!(library.problems.is_empty());
    }

    /// Stubs adopted from elsewhere (the reader's cached list) are kept as they are for files
    /// read under the stamp they were made from, with the same list fields; any other file
    /// gets a stub of its own, so a stub never stands for two versions of a file.
    #[test]
    fn adopted_stubs_are_kept_only_for_the_file_they_were_made_from() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            write(dir.path(), name, name, "S");
        }
        let paths = vec![dir.path().to_path_buf()];
        let before = Loader::lean(paths.clone()).load(&|_, _| {}).unwrap();
        let stamped: Vec<(Arc<Briefing>, Stamp)> = before
            .briefings
            .iter()
            .map(|b| (Arc::clone(b), Stamp::of(&b.path).unwrap()))
            .collect();
        // `b` rewritten with the same list fields (another summary, another stamp); `c`'s
        // adopted stub claims another title under the right stamp.
        write(dir.path(), "b", "b", "another summary, another length");
        let mut stamped = stamped;
        let c = stamped.iter_mut().find(|(b, _)| b.id == "c").unwrap();
        let mut other = c.0.to_stub();
        other.title = "not what the file says".into();
        c.0 = Arc::new(other);
        let mut loader = Loader::lean(paths);
        loader.adopt(stamped.clone());
        let streamed = std::sync::Mutex::new(Vec::new());
        let after = loader
            .load_streamed(&|_, _| {}, &|_, kept| {
                streamed.lock().unwrap().push(Arc::clone(kept))
            })
            .unwrap();
        let adopted = |id: &str| &stamped.iter().find(|(b, _)| b.id == id).unwrap().0;
        assert!(Arc::ptr_eq(by_id(&after, "a"), adopted("a")));
        assert!(!Arc::ptr_eq(by_id(&after, "b"), adopted("b")));
        assert!(!Arc::ptr_eq(by_id(&after, "c"), adopted("c")));
        assert_eq!(by_id(&after, "c").title, "c");
        // What was streamed is what the library holds, not copies.
        for b in streamed.lock().unwrap().iter() {
            assert!(Arc::ptr_eq(b, by_id(&after, &b.id)));
        }
        // A loader that keeps whole briefings adopts nothing.
        let mut full = Loader::new(vec![dir.path().to_path_buf()]);
        full.adopt(stamped.clone());
        let whole = full.load(&|_, _| {}).unwrap();
        assert!(!by_id(&whole, "a").is_stub());
    }
}
