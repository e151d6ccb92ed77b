//! Everything the reader waits for, on one channel: keys and resizes from the terminal, the
//! progress and outcome of loading the briefings (in a thread of its own, so the keyboard is
//! never blocked), and changes to the briefing files on disk.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::crossterm::event as terminal;

use std::sync::{Arc, Mutex};

use crate::briefing::{Briefing, Library, LoadError, Loader, cache};
use crate::search::{ActorTable, FoldedBriefing, SearchIndex};

pub enum Event {
    Terminal(terminal::Event),
    /// Files read so far, of how many.
    Progress(usize, usize),
    /// Briefings read so far by a first load, as list stubs: the list fills while it runs.
    Partial(Vec<Arc<Briefing>>),
    /// The whole cached list, every file's stamp checked against it, behind the first page
    /// shown at start-up (list stubs; the full load still follows).
    Cached(Library),
    /// A load finished; also after files changed on disk. The search index comes with the
    /// library, made from the text folded as each file was read: the first `/` never waits.
    Loaded(Result<(Library, SearchIndex), LoadError>),
    /// A briefing next to the selection, read in full in the background for the stub the list
    /// held (`Events::prepare`); `update::prepared` puts it in only if that stub is still there.
    Prepared {
        stub: Arc<Briefing>,
        full: Arc<Briefing>,
    },
}

/// How often the loader looks at the files when nothing told it they changed: file events do
/// not cross network file systems, so this is what notices a change made on another machine.
const POLL_EVERY: Duration = Duration::from_secs(5);
/// When the file watcher could not be set up, polling is all there is: look more often.
const POLL_WITHOUT_WATCHER: Duration = Duration::from_secs(1);

pub struct Events {
    rx: Receiver<Event>,
    requests: Sender<Request>,
    /// To the thread that reads the selection's neighbours ahead of the keys.
    ahead: Sender<Vec<Arc<Briefing>>>,
}

/// Whether the loader keeps the start-up list cache (`briefing::cache`) up to date.
pub enum ListCache {
    /// Write it, in the cache folder `dir`, after each load that changed something, unless
    /// it holds that already (`held`: what it held at start-up, if the reader used it).
    Write {
        dir: PathBuf,
        held: Option<cache::Fingerprint>,
        /// The files of the rows on screen before the loader started (the cache's first
        /// page, checked): the loader checks the whole cache behind them, and when it no
        /// longer holds, streams the files it reads without these.
        page: Vec<PathBuf>,
    },
    /// Leave it alone (no cache folder, or tests).
    Off,
}

/// What the reader asks of the loader thread.
enum Request {
    /// The first frame is out: set up the file watcher, and load if `load`.
    Start { load: bool },
    /// Look at the files again.
    Reload,
}

impl Events {
    /// Starts the threads: terminal input, and the loader, which waits for `started`.
    pub fn start(loader: Loader, cache: ListCache) -> Events {
        let (tx, rx) = mpsc::channel();
        spawn_input(tx.clone());
        let (requests, incoming) = mpsc::channel();
        let ahead = spawn_reader_ahead(tx.clone());
        spawn_loader(loader, cache, tx, incoming, requests.clone());
        Events {
            rx,
            requests,
            ahead,
        }
    }

    /// Has `stubs` (the briefings next to the selection) read in full in the background, each
    /// coming back as `Event::Prepared`: the next `j` or `k` then finds its briefing read. A
    /// newer request replaces one not yet started.
    pub fn prepare(&self, stubs: Vec<Arc<Briefing>>) {
        if !stubs.is_empty() {
            let _ = self.ahead.send(stubs);
        }
    }

    /// The first frame is drawn: the loader may now use the cores (watching a large folder
    /// means a walk of every file, which must not delay the first frame).
    pub fn started(&self, load: bool) {
        let _ = self.requests.send(Request::Start { load });
    }

    /// The next event, or `None` after `timeout` without one.
    pub fn next(&self, timeout: Duration) -> Option<Event> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Asks the loader to look at the files again (`r`).
    pub fn reload(&self) {
        let _ = self.requests.send(Request::Reload);
    }
}

fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            // While another program (the user's editor) has the terminal, its keys are not
            // ours: wait without reading (see `terminal::suspend`).
            if super::terminal::input_paused() {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match terminal::poll(Duration::from_millis(50)) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => break,
            }
            let Ok(event) = terminal::read() else { break };
            if tx.send(Event::Terminal(event)).is_err() {
                break;
            }
        }
    });
}

/// The thread that reads ahead: the briefings next to the selection, parsed off the loop's
/// thread so that a move finds its briefing in memory. Only the latest request is read (the
/// selection moved on from the others).
fn spawn_reader_ahead(tx: Sender<Event>) -> Sender<Vec<Arc<Briefing>>> {
    let (ahead, asked) = mpsc::channel::<Vec<Arc<Briefing>>>();
    std::thread::spawn(move || {
        while let Ok(mut stubs) = asked.recv() {
            while let Ok(newer) = asked.try_recv() {
                stubs = newer;
            }
            for stub in stubs {
                let Some(full) = crate::briefing::load_file(&stub.path).briefing else {
                    continue;
                };
                if tx.send(Event::Prepared { stub, full }).is_err() {
                    return;
                }
            }
        }
    });
    ahead
}

/// The loader thread: loads on request, on file events, and every so often; reads only what
/// changed (see `Loader`), and reports a library only when something did or it was asked.
fn spawn_loader(
    mut loader: Loader,
    mut cache: ListCache,
    tx: Sender<Event>,
    incoming: Receiver<Request>,
    requests: Sender<Request>,
) {
    std::thread::spawn(move || {
        let paths = loader.paths().to_vec();
        let Ok(Request::Start { load }) = incoming.recv() else {
            return;
        };
        // The first page of the cache is on screen: the rest of the cache, if every file is
        // as it says (checked before the watcher's walk of the folder, so the list completes
        // first); else the first load streams in what it reads, but for the rows shown.
        let mut shown: std::collections::HashSet<PathBuf> = Default::default();
        let mut first_load = load;
        if let ListCache::Write { dir, held, page } = &mut cache
            && !page.is_empty()
        {
            match cache::provisional(dir, &paths) {
                Ok(Some(cached)) => {
                    *held = Some(cached.held);
                    // The load that follows keeps these very stubs for the files it finds
                    // unchanged: the list on screen and the loader's share them.
                    loader.adopt(cached.stamped);
                    first_load = false;
                    if tx.send(Event::Cached(cached.library)).is_err() {
                        return;
                    }
                }
                _ => shown = std::mem::take(page).into_iter().collect(),
            }
        }
        // Each file's searchable text, folded as the file is read (the only time the reader
        // holds it in full), kept until the file changes: by the stub the loader keeps for
        // it, which is replaced when the file changes.
        let mut folded = Folded::new();
        // The actors those texts name, each folded once; it only grows (an actor no file
        // names any more stays until the reader quits: a few hundred bytes each).
        let actors = ActorTable::default();
        // A first start with nothing on screen: the first rows come from the first files
        // found, read before the whole folder is listed (listing 100,000 files takes longer
        // than reading a screenful of them). The load keeps their stubs and streams the rest.
        // Their stubs, by address: their text is folded already.
        let mut folded_early: std::collections::HashSet<usize> = Default::default();
        if first_load && shown.is_empty() {
            let early = read_first_files(&paths, &actors);
            if !early.is_empty() {
                folded_early.extend(early.iter().map(|(stub, _, _)| Arc::as_ptr(stub) as usize));
                let stubs: Vec<Arc<Briefing>> =
                    early.iter().map(|(stub, _, _)| Arc::clone(stub)).collect();
                shown.extend(stubs.iter().map(|stub| stub.path.clone()));
                loader.adopt(
                    early
                        .iter()
                        .map(|(stub, stamp, _)| (Arc::clone(stub), *stamp)),
                );
                for (stub, _, text) in early {
                    folded.insert(Arc::as_ptr(&stub) as usize, (stub, text));
                }
                if tx.send(Event::Partial(stubs)).is_err() {
                    return;
                }
            }
        }
        // Set up beside the first load, not before it: on a large folder it walks every
        // file, which would delay the first rows. A file changed meanwhile is an event once
        // it is set up, or is found by the next look. Kept alive for as long as the thread
        // runs.
        let mut setting_up = Some({
            let paths = paths.clone();
            std::thread::spawn(move || watch(&paths, requests))
        });
        let mut watcher = None;
        let mut base = POLL_EVERY;
        // How long the last look on its own (nothing asked for) took.
        let mut last_look = Duration::ZERO;
        let mut asked = load;
        loop {
            if !asked {
                asked = match incoming.recv_timeout(poll_interval(base, last_look)) {
                    Ok(_) => true,
                    Err(RecvTimeoutError::Timeout) => false,
                    Err(RecvTimeoutError::Disconnected) => break,
                };
            }
            // A burst of file events is one reload.
            while incoming.try_recv().is_ok() {}
            // Only a first load with nothing on screen streams what it reads.
            let stream = std::mem::take(&mut first_load);
            let batch: Mutex<Vec<Arc<Briefing>>> = Mutex::new(Vec::new());
            // Pushed by the workers (a moment under the lock), put in the map after the load.
            let just_folded: Mutex<Vec<(Arc<Briefing>, FoldedBriefing)>> = Mutex::default();
            // `kept` is what the library will hold of the briefing: the list streams that very
            // stub, never a copy of it.
            let on_briefing = |full: &Briefing, kept: &Arc<Briefing>| {
                if !folded_early.contains(&(Arc::as_ptr(kept) as usize)) {
                    let text = FoldedBriefing::of(full, &actors);
                    lock(&just_folded).push((Arc::clone(kept), text));
                }
                if stream && !shown.contains(&full.path) {
                    lock(&batch).push(Arc::clone(kept));
                }
            };
            let progress = |done, total| {
                let read = std::mem::take(&mut *lock(&batch));
                if !read.is_empty() {
                    let _ = tx.send(Event::Partial(read));
                }
                let _ = tx.send(Event::Progress(done, total));
            };
            let looking = std::time::Instant::now();
            let result = loader.load_streamed(&progress, &on_briefing);
            folded_early.clear();
            if let Some(setting_up) = setting_up.take() {
                watcher = setting_up.join().ok().flatten();
                if watcher.is_none() {
                    base = POLL_WITHOUT_WATCHER;
                }
            }
            for (stub, text) in just_folded.into_inner().unwrap_or_else(|e| e.into_inner()) {
                folded.insert(Arc::as_ptr(&stub) as usize, (stub, text));
            }
            let changed = loader.changed();
            // A look that found nothing to read: what looking alone costs.
            if !asked && !changed {
                last_look = looking.elapsed();
            }
            // A poll that found nothing new (or failed again) is not news.
            let news = asked || (result.is_ok() && changed);
            asked = false;
            if !news {
                continue;
            }
            // What the cache needs of the library, kept to write it after the reader has the
            // library: search and the filter wait for it, not for the cache.
            let for_cache = match (&result, &cache) {
                (Ok(library), ListCache::Write { .. }) if changed => Some(Library {
                    briefings: library.briefings.clone(),
                    failed: library.failed.clone(),
                    ..Library::default()
                }),
                _ => None,
            };
            let loaded = result.map(|library| {
                let index = search_index(&library, &actors, &mut folded);
                (library, index)
            });
            let letters = loaded.as_ref().ok().and_then(|(_, i)| i.letters_later());
            if tx.send(Event::Loaded(loaded)).is_err() {
                break;
            }
            if let (Some(library), ListCache::Write { dir, held, .. }) = (for_cache, &mut cache) {
                *held = cache::save(dir, &paths, &library, |p| loader.stamp(p), *held);
            }
            // Behind the reader's use of the index, and after the cache is written (its copy
            // of the list dropped): until this is done, a one-letter search scans every
            // briefing, as any other does.
            if let Some(letters) = letters {
                letters.count();
            }
        }
        drop(watcher);
    });
}

/// The first briefing files found under the first folder (a screenful, in no particular
/// order, without listing the whole folder), read on all cores: each one's stub, the stamp it
/// was read under and its folded text. Files with errors are left to the full load.
fn read_first_files(
    paths: &[PathBuf],
    actors: &ActorTable,
) -> Vec<(Arc<Briefing>, crate::briefing::Stamp, FoldedBriefing)> {
    use rayon::prelude::*;
    let Some(root) = paths.first() else {
        return Vec::new();
    };
    let Ok(files) = crate::briefing::discover_up_to(root, cache::PAGE) else {
        return Vec::new();
    };
    files
        .par_iter()
        .filter_map(|path| {
            let result = crate::briefing::load_file(path);
            let stamp = result.stamp()?;
            let full = result.briefing?;
            let text = FoldedBriefing::of(&full, actors);
            Some((Arc::new(full.to_stub()), stamp, text))
        })
        .collect()
}

/// Each file's folded text, by the address of the stub the loader keeps for the file (held
/// here, so the address is not reused while the entry lives); a changed file gets a new stub,
/// so its old text is never taken for the new one.
type Folded = HashMap<usize, (Arc<Briefing>, FoldedBriefing)>;

/// The search index of a library just loaded, from the texts folded as its files were read;
/// the texts of briefings no longer in it are dropped.
fn search_index(library: &Library, actors: &ActorTable, folded: &mut Folded) -> SearchIndex {
    let held: std::collections::HashSet<usize> = library
        .briefings
        .iter()
        .map(|b| Arc::as_ptr(b) as usize)
        .collect();
    folded.retain(|at, _| held.contains(at));
    SearchIndex::build_with(library, actors, |b| {
        folded
            .get(&(b as *const Briefing as usize))
            .map(|(_, text)| text.clone())
    })
}

/// How long to wait before looking at the files again: `base`, or longer on a folder so large
/// that looking (a stamp per file) would otherwise keep a core busy: at most 1% of one.
fn poll_interval(base: Duration, last_look: Duration) -> Duration {
    base.max(last_look.saturating_mul(100))
}

/// A lock that a panic elsewhere does not poison for good: what it guards is rebuilt by the
/// next load anyway.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Watches the folders for briefing files created, changed or removed.
fn watch(paths: &[PathBuf], reload: Sender<Request>) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let relevant = !matches!(event.kind, EventKind::Access(_))
            && event.paths.iter().any(|p| {
                let hidden = p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                let briefing = p.extension().is_some_and(|e| e == "toml" || e == "json");
                !hidden && (briefing || p.extension().is_none())
            });
        if relevant {
            let _ = reload.send(Request::Reload);
        }
    })
    .ok()?;
    for path in paths {
        watcher.watch(path, RecursiveMode::Recursive).ok()?;
    }
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looking_at_a_large_folder_takes_at_most_one_percent_of_a_core() {
        let ms = Duration::from_millis;
        assert_eq!(poll_interval(POLL_EVERY, Duration::ZERO), POLL_EVERY);
        // 10,000 files: about 40 ms a look, well under 1% at the usual pace.
        assert_eq!(poll_interval(POLL_EVERY, ms(40)), POLL_EVERY);
        // 100,000 files: about 0.4 s a look, so every 40 s.
        assert_eq!(poll_interval(POLL_EVERY, ms(400)), Duration::from_secs(40));
        assert_eq!(
            poll_interval(POLL_WITHOUT_WATCHER, ms(5)),
            POLL_WITHOUT_WATCHER
        );
    }
}
