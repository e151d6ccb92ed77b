//! Reading briefing files from disk into a `Library`.
//!
//! A bad file never stops the others: each file's problems are collected and the file is left
//! out, everything else loads. Files are parsed on all cores; the result does not depend on it.

use std::collections::HashMap;
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
    known: HashMap<PathBuf, (Stamp, FileResult)>,
    /// Whether the last load found any file added, removed or changed.
    changed: bool,
    /// Keep only what a list needs of each briefing (`brief check` needs no more).
    lean: bool,
    /// Loads once: nothing is kept for a next load (the commands).
    once: bool,
}

impl Loader {
    pub fn new(paths: Vec<PathBuf>) -> Loader {
        Loader {
            paths,
            known: HashMap::new(),
            changed: true,
            lean: false,
            once: false,
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
        self.known
            .get(path)
            .map(|(stamp, _)| *stamp)
            .filter(|s| *s != Stamp::default())
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
        let files = self.files()?;
        // The first load reads everything and takes each stamp from the open file; later ones
        // look at every stamp first and read only what changed.
        let stale: Vec<usize> = if self.known.is_empty() {
            (0..files.len()).collect()
        } else {
            (0..files.len())
                .filter(
                    |&i| match (Stamp::of(&files[i]), self.known.get(&files[i])) {
                        (Some(now), Some((then, _))) => now != *then,
                        _ => true,
                    },
                )
                .collect()
        };
        let fresh = load_all(&files, &stale, self.lean, progress, on_briefing);
        if self.once {
            // Every file read, in file order: the outcomes are the library's as they are.
            let mut results = fresh;
            mark_duplicate_ids(&mut results);
            self.changed = true;
            return Ok(Library::from_results(results));
        }
        for (i, result) in stale.iter().zip(fresh) {
            // Gone or unreadable: never matched by a stamp, so always read again.
            let stamp = result.stamp.unwrap_or_default();
            self.known.insert(files[*i].clone(), (stamp, result));
        }
        let before = self.known.len();
        let wanted: std::collections::HashSet<&PathBuf> = files.iter().collect();
        self.known.retain(|path, _| wanted.contains(path));
        self.changed = !stale.is_empty() || self.known.len() != before;
        let mut results: Vec<FileResult> = files
            .iter()
            .filter_map(|f| self.known.get(f).map(|(_, r)| r.clone()))
            .collect();
        mark_duplicate_ids(&mut results);
        Ok(Library::from_results(results))
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

/// Loads the files at `which` on all cores (rayon hands each idle worker the next file, since
/// files differ in size); returns the outcomes in the order of `which`. A worker's panic is
/// raised again here, never turned into a missing file.
fn load_all(
    files: &[PathBuf],
    which: &[usize],
    lean: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
    on_briefing: &(dyn Fn(&Briefing) + Sync),
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
            if let Some(b) = &result.briefing {
                on_briefing(b);
            }
            if lean && let Some(b) = result.briefing.take() {
                // Dropped here, file by file, so the whole content is never held at once.
                result.briefing = Some(Arc::new(b.to_stub()));
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
/// shown, since a flag on that id could mean either.
fn mark_duplicate_ids(results: &mut [FileResult]) {
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in results.iter().enumerate() {
        if let Some(b) = &r.briefing {
            by_id.entry(b.id.clone()).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_id.into_values().filter(|v| v.len() > 1).collect();
    groups.sort();
    for group in groups {
        for &i in &group {
            // Name a few of the others: a folder of copies must not cost a message per pair.
            let others: Vec<String> = group
                .iter()
                .filter(|&&j| j != i)
                .take(3)
                .map(|&j| results[j].path.display().to_string())
                .collect();
            let more = match group.len() - 1 - others.len() {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let r = &mut results[i];
            let id = r.briefing.take().map(|b| b.id.clone()).unwrap_or_default();
            let message = format!(
                "briefing id `{id}` is also used by {}{more}",
                others.join(", ")
            );
            let hint = Some("give one of them another `id`, or remove the copy".to_string());
            let problem = match fs::read_to_string(&r.path) {
                Ok(text) => Locator::new(&text).problem(
                    r.path.clone(),
                    Severity::Error,
                    r.id_span.clone(),
                    &message,
                    hint.as_deref(),
                ),
                Err(_) => Problem::whole_file(r.path.clone(), message, hint),
            };
            r.problems.push(problem);
        }
    }
}
