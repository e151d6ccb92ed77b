//! `brief import FILE|DIR|-... [--out DIR] [--id ID] [--date YYYY-MM-DD] [--source NAME]
//! [--force] [--json]`: raw news articles in (plain text or saved web pages), draft briefings
//! out.
//!
//! Each draft (see `crate::import`) is written to `DIR/ID.toml` (DIR: `--out`, else
//! `$BRIEF_DIR`, else `./briefings`, created if missing), and the path is printed. Before it
//! is written, the draft is loaded back through the loader: a draft that does not load without
//! errors is a bug in the importer and is never written. An existing file is never replaced
//! without `--force`, and an id another briefing in DIR already has is refused.
//!
//! A folder stands for the articles in it (`.txt`, `.text`, `.html`, `.htm`, in name order).
//! With several articles, each is imported and reported on its own line, a failure is reported
//! on stderr and the others still go ahead; `--id` and `--json` take one article only.
//!
//! `--json` prints the draft as `brief show --json` would show it, and writes nothing.
//!
//! Exit status with one article: 0 written (or printed); 1 the article has no date or no text;
//! 2 usage or I/O error (unreadable article, existing file, bad `--id`, unwritable folder).
//! With several: 0 when every one was written, 1 when any failed.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::output::count;
use super::{EXIT_PROBLEMS, Failure, Result, shown, shown_path};
use crate::briefing::{self, Briefing, Date, MAX_FILE_BYTES};
use crate::import::{self, Draft, ImportError};

pub struct Options {
    /// The articles and folders of articles; `-` is standard input.
    pub inputs: Vec<PathBuf>,
    /// The folder the drafts go to.
    pub out: PathBuf,
    pub id: Option<String>,
    /// The article's date, over whatever the article says.
    pub date: Option<Date>,
    /// The outlet's name, over whatever the article says.
    pub source: Option<String>,
    pub force: bool,
    pub json: bool,
}

/// File name endings taken from a folder: plain text and saved web pages.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm"];

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn is_html_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The articles the inputs name: files as given, a folder's articles in name order.
fn articles(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if is_stdin(input) || !input.is_dir() {
            out.push(input.clone());
            continue;
        }
        let entries = fs::read_dir(input)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", shown_path(input))))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    && p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_lowercase().as_str()))
            })
            .collect();
        if found.is_empty() {
            return Err(Failure::usage(format!(
                "{} holds no articles (files ending in .txt, .text, .html or .htm)",
                shown_path(input)
            )));
        }
        found.sort();
        out.extend(found);
    }
    if out.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(Failure::usage("standard input (-) can be read only once"));
    }
    Ok(out)
}

pub fn run(
    options: &Options,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let articles = articles(&options.inputs)?;
    if articles.len() == 1 {
        return import_one(&articles[0], options, stdin, out);
    }
    if options.id.is_some() {
        return Err(Failure::usage(format!(
            "--id names one draft, and {} articles were given",
            articles.len()
        )));
    }
    if options.json {
        return Err(Failure::usage(format!(
            "--json prints one draft, and {} articles were given",
            articles.len()
        )));
    }
    let mut failed = 0;
    for article in &articles {
        match import_one(article, options, stdin, out) {
            Ok(_) => {}
            Err(failure) => {
                failed += 1;
                if let Some(message) = failure.message {
                    // Keep the report in order when both streams go to one terminal.
                    out.flush()?;
                    writeln!(err, "brief: {message}")?;
                }
            }
        }
    }
    if failed > 0 {
        out.flush()?;
        writeln!(
            err,
            "brief: {failed} of {} articles could not be imported; the others were",
            articles.len()
        )?;
        return Ok(EXIT_PROBLEMS);
    }
    Ok(0)
}

/// Imports one article: writes (or prints) its draft and reports it on `out`.
fn import_one(
    input: &Path,
    options: &Options,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<u8> {
    let from_stdin = is_stdin(input);
    let name = if from_stdin {
        "standard input".to_string()
    } else {
        shown_path(input)
    };
    let text = if from_stdin {
        read_limited(stdin, &name)?
    } else {
        let mut file = fs::File::open(input)
            .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
        read_limited(&mut file, &name)?
    };
    let origin = (!from_stdin).then(|| {
        input.file_name().map_or_else(
            || input.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let draft = import::import(
        &text,
        &import::Options {
            id: options.id.clone(),
            origin,
            date: options.date,
            source: options.source.clone(),
            html: is_html_name(input).then_some(true),
        },
    )
    .map_err(|e| match e {
        ImportError::BadId(_) => Failure::usage(format!("{e}; pass a valid --id")),
        ImportError::Empty | ImportError::NoDate | ImportError::NoArticleText => {
            Failure::problems(format!("cannot import {name}: {e}"))
        }
    })?;
    let toml = draft.to_toml();
    if options.json {
        let scratch = scratch_path(&std::env::temp_dir(), &draft.id);
        let briefing = verified(&toml, &scratch)?;
        let _ = fs::remove_file(&scratch);
        let json = serde_json::to_string_pretty(briefing.as_ref())
            .map_err(|e| Failure::usage(format!("cannot write JSON: {e}")))?;
        writeln!(out, "{json}")?;
        return Ok(0);
    }
    let path = write(&draft, &toml, options).map_err(|f| Failure {
        message: f.message.map(|m| format!("cannot import {name}: {m}")),
        ..f
    })?;
    writeln!(
        out,
        "wrote {}: {}, {}, {} (a draft: check it against the article, then remove the \"draft\" tag)",
        shown_path(&path),
        count(draft.actors.len(), "actor", "actors"),
        count(draft.quotes.len(), "quote", "quotes"),
        count(draft.events.len(), "event", "events"),
    )?;
    Ok(0)
}

/// Reads at most the loader's limit: a larger article could not become a briefing anyway.
fn read_limited(reader: &mut dyn Read, name: &str) -> Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::usage(format!(
            "{name} is larger than 4 MiB; import one article at a time"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::usage(format!(
            "{name} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A hidden file name next to where the draft goes (the loader skips hidden names).
fn scratch_path(dir: &Path, id: &str) -> PathBuf {
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    dir.join(format!(
        ".brief-import-{}-{nonce}-{id}.toml",
        std::process::id()
    ))
}

/// Writes the draft to `scratch` and loads it back: the briefing, or why it is a bug.
fn verified(toml: &str, scratch: &Path) -> Result<Arc<Briefing>> {
    fs::write(scratch, toml)
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", shown_path(scratch))))?;
    let result = briefing::load_file(scratch);
    let errors: Vec<String> = result
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.message.clone())
        .collect();
    match result.briefing {
        Some(b) if errors.is_empty() => Ok(b),
        _ => {
            let _ = fs::remove_file(scratch);
            Err(Failure::usage(format!(
                "the draft did not pass the format's checks, so nothing was written (a bug in \
                 brief import; please report it with the article): {}",
                shown(&errors.join("; "))
            )))
        }
    }
}

/// Writes `DIR/ID.toml`, never over an existing file without `--force`.
fn write(draft: &Draft, toml: &str, options: &Options) -> Result<PathBuf> {
    let dir = &options.out;
    fs::create_dir_all(dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", shown_path(dir))))?;
    let target = dir.join(format!("{}.toml", draft.id));
    if target.exists() && !options.force {
        return Err(Failure::usage(format!(
            "{} already exists; pass --force to overwrite it, or --id to choose another id",
            shown_path(&target)
        )));
    }
    refuse_duplicate_id(&draft.id, dir, &target)?;
    let scratch = scratch_path(dir, &draft.id);
    verified(toml, &scratch)?;
    let placed = if options.force {
        fs::rename(&scratch, &target)
    } else {
        // `create_new`: a file that appeared since the check above is not replaced either.
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut f| {
                f.write_all(toml.as_bytes())?;
                f.sync_all()
            })
    };
    let _ = fs::remove_file(&scratch);
    placed.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure::usage(format!(
            "{} already exists; pass --force to overwrite it, or --id to choose another id",
            shown_path(&target)
        )),
        _ => Failure::usage(format!("cannot write {}: {e}", shown_path(&target))),
    })?;
    Ok(target)
}

/// Another file in the folder with the same briefing id would make both fail to load.
fn refuse_duplicate_id(id: &str, dir: &Path, target: &Path) -> Result<()> {
    let Ok(library) = briefing::load(&[dir.to_path_buf()]) else {
        return Ok(());
    };
    let same = |a: &Path| {
        fs::canonicalize(a)
            .ok()
            .zip(fs::canonicalize(target).ok())
            .is_some_and(|(a, b)| a == b)
    };
    if let Some(other) = library
        .briefings
        .iter()
        .find(|b| b.id == id && !same(&b.path))
    {
        return Err(Failure::usage(format!(
            "{} already holds a briefing with id `{}`; pass --id to choose another",
            shown_path(&other.path),
            shown(id)
        )));
    }
    Ok(())
}
