//! `brief import FILE|- [--out DIR] [--id ID] [--force] [--json]`: a raw news article in, a
//! draft briefing out.
//!
//! The draft (see `crate::import`) is written to `DIR/ID.toml` (DIR: `--out`, else
//! `$BRIEF_DIR`, else `./briefings`, created if missing), and the path is printed. Before it
//! is written, the draft is loaded back through the loader: a draft that does not load without
//! errors is a bug in the importer and is never written. An existing file is never replaced
//! without `--force`, and an id another briefing in DIR already has is refused.
//!
//! `--json` prints the draft as `brief show --json` would show it, and writes nothing.
//!
//! Exit status: 0 written (or printed); 1 the article has no date or no text; 2 usage or I/O
//! error (unreadable article, existing file, bad `--id`, unwritable folder).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::output::count;
use super::{Failure, Result, shown, shown_path};
use crate::briefing::{self, Briefing, MAX_FILE_BYTES};
use crate::import::{self, Draft, ImportError};

pub struct Options {
    /// The article; `-` is standard input.
    pub input: PathBuf,
    /// The folder the draft goes to.
    pub out: PathBuf,
    pub id: Option<String>,
    pub force: bool,
    pub json: bool,
}

pub fn run(options: &Options, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<u8> {
    let from_stdin = options.input.as_os_str() == "-";
    let text = if from_stdin {
        read_limited(stdin, "standard input")?
    } else {
        let name = shown_path(&options.input);
        let mut file = fs::File::open(&options.input)
            .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
        read_limited(&mut file, &name)?
    };
    let origin = (!from_stdin).then(|| {
        options.input.file_name().map_or_else(
            || options.input.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let draft = import::import(
        &text,
        &import::Options {
            id: options.id.clone(),
            origin,
        },
    )
    .map_err(|e| match e {
        ImportError::BadId(_) => Failure::usage(format!("{e}; pass a valid --id")),
        ImportError::Empty | ImportError::NoDate => {
            let name = if from_stdin {
                "standard input".to_string()
            } else {
                shown_path(&options.input)
            };
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
    let path = write(&draft, &toml, options)?;
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
