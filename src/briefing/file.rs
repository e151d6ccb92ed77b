//! Reading one briefing file: the size limit, UTF-8, TOML or JSON, the rules of the format. What
//! the loader does for every file of a folder, and the library for a briefing it holds only
//! the list fields of.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::decode::{Decoded, decode};
use super::model::Briefing;
use super::node::{Span, parse_json, parse_toml};
use super::problem::{Locator, Problem, Severity};

/// Larger files are rejected without being read whole.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Toml,
    Json,
}

pub(super) fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()? {
        "toml" => Some(Format::Toml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// The outcome of one file.
#[derive(Clone, Debug)]
pub struct FileResult {
    pub path: PathBuf,
    pub briefing: Option<Arc<Briefing>>,
    pub problems: Vec<Problem>,
    pub(super) id_span: Span,
    /// The file as it was opened (before reading, so a change while reading is noticed).
    pub(super) stamp: Option<Stamp>,
}

impl FileResult {
    /// The file as it was when it was read (none when it could not be opened).
    pub fn stamp(&self) -> Option<Stamp> {
        self.stamp
    }

    /// The file: its briefing's path when it has one (the loader keeps the path there only,
    /// leaving `path` empty), else `path`.
    pub fn file(&self) -> &Path {
        match &self.briefing {
            Some(b) => &b.path,
            None => &self.path,
        }
    }
}

/// Reads, parses and checks one file.
pub fn load_file(path: &Path) -> FileResult {
    let mut result = FileResult {
        path: path.to_path_buf(),
        briefing: None,
        problems: Vec::new(),
        id_span: 0..0,
        stamp: None,
    };
    let whole = |message: String, hint: Option<String>| {
        vec![Problem::whole_file(path.to_path_buf(), message, hint)]
    };
    let text = match read_limited(path, &mut result.stamp) {
        Ok(text) => text,
        Err(problem) => {
            result.problems = whole(problem.0, problem.1);
            return result;
        }
    };
    // A byte-order mark is noise some editors add; it is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        result.problems = whole(
            "the file is empty".into(),
            Some("a briefing needs at least `title`, `date` and `summary`".into()),
        );
        return result;
    }
    let parsed = match format_of(path) {
        Some(Format::Toml) => parse_toml(text),
        Some(Format::Json) => parse_json(text),
        None => {
            result.problems = whole(
                "not a briefing file: the name must end in .toml or .json".into(),
                None,
            );
            return result;
        }
    };
    let root = match parsed {
        Ok(root) => root,
        Err(e) => {
            let problem = match e.span {
                Some(span) => Locator::new(text).problem(
                    path.to_path_buf(),
                    Severity::Error,
                    span,
                    &format!("syntax error: {}", e.message),
                    None,
                ),
                None => Problem::whole_file(
                    path.to_path_buf(),
                    format!("syntax error: {}", e.message),
                    None,
                ),
            };
            result.problems = vec![problem];
            return result;
        }
    };
    let stem = path.file_stem().map(|s| s.to_string_lossy());
    let Decoded {
        briefing,
        id_span,
        issues,
    } = decode(&root, text, stem.as_deref());
    if !issues.is_empty() {
        let locator = Locator::new(text);
        result.problems = issues
            .into_iter()
            .map(|i| {
                locator.problem(
                    path.to_path_buf(),
                    i.severity,
                    i.span,
                    &i.message,
                    i.hint.as_deref(),
                )
            })
            .collect();
    }
    result.id_span = id_span;
    result.briefing = briefing.map(|mut b| {
        b.path = path.to_path_buf();
        Arc::new(b)
    });
    result
}

/// The file's text, or why it cannot be a briefing: too large, unreadable, not UTF-8.
fn read_limited(
    path: &Path,
    stamp: &mut Option<Stamp>,
) -> Result<String, (String, Option<String>)> {
    let cannot = |e: std::io::Error| (format!("cannot read the file: {e}"), None);
    let file = fs::File::open(path).map_err(cannot)?;
    let too_large = |size: u64| {
        (
            format!(
                "the file is {:.1} MiB; briefings are limited to 4 MiB",
                size as f64 / (1024.0 * 1024.0)
            ),
            Some("split it into several briefings".into()),
        )
    };
    let meta = file.metadata().map_err(cannot)?;
    *stamp = Some(Stamp::from_metadata(&meta));
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow between the size check and the read; never read past the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        (
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            Some("save the file as UTF-8".into()),
        )
    })
}

/// What a file was when it was read: a file rewritten since, even within the same second at the
/// same size, has another change time (nanoseconds) or, replaced by a rename, another inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: i64,
    pub changed_ns: i64,
    pub inode: u64,
    pub device: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        fs::metadata(path)
            .ok()
            .map(|meta| Stamp::from_metadata(&meta))
    }

    pub fn from_metadata(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified_ns: meta
                .mtime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.mtime_nsec()),
            changed_ns: meta
                .ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }
}

impl Default for Stamp {
    fn default() -> Stamp {
        Stamp {
            len: u64::MAX,
            modified_ns: 0,
            changed_ns: 0,
            inode: 0,
            device: 0,
        }
    }
}
