//! Where the reader was left in each folder: the briefing, the pane and the item, so the next
//! start reopens there.
//!
//! A file of its own in the state folder (`session.json`), apart from the flags journal: it is
//! a convenience, rewritten whole at every quit, and losing it only loses the place. It is
//! written as the journal is rewritten (a temporary file, fsynced, renamed over the old one, mode
//! 0600), so a crash leaves the old place or the new one, never a torn file. Two readers
//! quitting at once each write a whole file; the last one's places win.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::journal::write_atomic;

/// The file's name in the state folder.
pub const FILE_NAME: &str = "session.json";

/// The format of the file; a newer one is left alone (neither read nor overwritten).
const FORMAT: u32 = 1;

/// Folders remembered; the least recently left go first.
const KEPT: usize = 64;

/// A place in a folder of briefings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The item at the reading position (or the briefing), as a target (`ID/KIND/ITEM`).
    pub target: String,
    /// The pane that had the focus: `list`, `summary`, `judgments`, `actors`, `quotes` or
    /// `timeline`.
    pub pane: String,
    /// When it was left, in seconds since the Unix epoch: the oldest places are dropped first.
    #[serde(default)]
    pub left: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    format: u32,
    /// Places by folder (the folder as given to the reader, made absolute).
    places: BTreeMap<String, Place>,
}

fn path(state_dir: &Path) -> PathBuf {
    state_dir.join(FILE_NAME)
}

/// The folder as a key: absolute, symbolic links resolved where the folder exists.
fn key(folder: &Path) -> String {
    let folder = std::fs::canonicalize(folder)
        .or_else(|_| std::path::absolute(folder))
        .unwrap_or_else(|_| folder.to_path_buf());
    folder.to_string_lossy().into_owned()
}

/// Reads the whole file: none yet is an empty one.
fn read(state_dir: &Path) -> Result<File, String> {
    let file = path(state_dir);
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(File::default()),
        Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
    };
    let read: File = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "{} is damaged ({e}); it only holds where the reader was, and is rewritten at the next quit",
            file.display()
        )
    })?;
    if read.format > FORMAT {
        return Err(format!(
            "{} was written by a newer brief (format {}); it is left as it is",
            file.display(),
            read.format
        ));
    }
    Ok(read)
}

/// Where the reader was left in `folder`, if it was; an error says why the file could not be
/// read (the reader then starts at the top, and says so).
pub fn load(state_dir: &Path, folder: &Path) -> Result<Option<Place>, String> {
    Ok(read(state_dir)?.places.remove(&key(folder)))
}

/// Remembers `place` for `folder`, keeping the places of other folders.
///
/// A file that cannot be read because it is damaged is replaced; one from a newer brief is
/// left alone (an error).
pub fn save(state_dir: &Path, folder: &Path, mut place: Place) -> io::Result<()> {
    let mut file = match read(state_dir) {
        Ok(file) => file,
        Err(_) if path(state_dir).exists() && newer(state_dir) => {
            return Err(io::Error::other(format!(
                "{} was written by a newer brief; not overwritten",
                path(state_dir).display()
            )));
        }
        Err(_) => File::default(),
    };
    file.format = FORMAT;
    if place.left == 0 {
        place.left = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
    }
    file.places.insert(key(folder), place);
    while file.places.len() > KEPT {
        let oldest = file
            .places
            .iter()
            .min_by_key(|(_, p)| p.left)
            .map(|(k, _)| k.clone());
        match oldest {
            Some(k) => file.places.remove(&k),
            None => break,
        };
    }
    std::fs::create_dir_all(state_dir)?;
    let bytes = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
    write_atomic(&path(state_dir), &bytes)
}

/// Whether the file names a format newer than this brief's.
fn newer(state_dir: &Path) -> bool {
    #[derive(Deserialize)]
    struct Format {
        format: u32,
    }
    std::fs::read(path(state_dir))
        .ok()
        .and_then(|b| serde_json::from_slice::<Format>(&b).ok())
        .is_some_and(|f| f.format > FORMAT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(target: &str, pane: &str) -> Place {
        Place {
            target: target.into(),
            pane: pane.into(),
            left: 0,
        }
    }

    #[test]
    fn a_place_saved_is_loaded_for_its_folder_only() {
        let state = tempfile::tempdir().unwrap();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        assert_eq!(load(state.path(), a.path()).unwrap(), None);
        save(state.path(), a.path(), place("x/quote/q1", "quotes")).unwrap();
        save(state.path(), b.path(), place("y", "summary")).unwrap();
        let got = load(state.path(), a.path()).unwrap().unwrap();
        assert_eq!(
            (got.target.as_str(), got.pane.as_str()),
            ("x/quote/q1", "quotes")
        );
        assert!(got.left > 0);
        assert_eq!(load(state.path(), b.path()).unwrap().unwrap().target, "y");
        // Owner-only, as the journal.
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path(state.path()))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_damaged_file_is_reported_and_then_replaced() {
        let state = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(path(state.path()), b"{ not json").unwrap();
        let err = load(state.path(), folder.path()).unwrap_err();
        assert!(err.contains("session.json is damaged"), "{err}");
        save(state.path(), folder.path(), place("x", "list")).unwrap();
        assert_eq!(
            load(state.path(), folder.path()).unwrap().unwrap().target,
            "x"
        );
    }

    #[test]
    fn a_newer_format_is_neither_read_nor_overwritten() {
        let state = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let newer = br#"{"format": 9, "places": {}}"#;
        std::fs::write(path(state.path()), newer).unwrap();
        assert!(
            load(state.path(), folder.path())
                .unwrap_err()
                .contains("newer brief")
        );
        assert!(save(state.path(), folder.path(), place("x", "list")).is_err());
        assert_eq!(std::fs::read(path(state.path())).unwrap(), newer);
    }

    #[test]
    fn only_the_most_recent_folders_are_kept() {
        let state = tempfile::tempdir().unwrap();
        for i in 0..KEPT as u64 + 3 {
            let mut p = place("x", "list");
            p.left = 1000 + i;
            save(state.path(), Path::new(&format!("/no/such/folder/{i}")), p).unwrap();
        }
        let file = read(state.path()).unwrap();
        assert_eq!(file.places.len(), KEPT);
        assert!(!file.places.contains_key("/no/such/folder/0"));
        assert!(
            file.places
                .contains_key(&format!("/no/such/folder/{}", KEPT + 2))
        );
    }
}
