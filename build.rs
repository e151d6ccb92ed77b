//! Names the commit `brief` is built from, for `brief --version`: `BRIEF_VERSION` is
//! `0.1.0 (commit abc1234)`, with `-dirty` when the sources that make the binary differ from that
//! commit, or just `0.1.0` outside a git checkout (a crates.io tarball, a source package, no
//! `git` installed). Never fails the build: every git question that gets no answer means "no
//! commit to name".

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The paths whose changes make a different binary: what "dirty" looks at, and what makes
/// cargo run this script again.
const SOURCES: &[&str] = &["src", "build.rs", "Cargo.toml", "Cargo.lock"];

fn main() {
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = if own_checkout(&manifest_dir) {
        watch_git(&manifest_dir);
        for source in SOURCES {
            println!("cargo:rerun-if-changed={source}");
        }
        commit(&manifest_dir)
    } else {
        // Without any rerun-if-changed cargo would rerun this script for every file changed.
        println!("cargo:rerun-if-changed=build.rs");
        None
    };
    let full = match commit {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version,
    };
    println!("cargo:rustc-env=BRIEF_VERSION={full}");
}

/// Whether the package is the top of a git checkout. Only our own: a crate unpacked inside some
/// other repository must not take that repository's commit.
fn own_checkout(manifest_dir: &Path) -> bool {
    let Some(top) = git(manifest_dir, &["rev-parse", "--show-toplevel"]) else {
        return false;
    };
    match (Path::new(&top).canonicalize(), manifest_dir.canonicalize()) {
        (Ok(top), Ok(dir)) => top == dir,
        _ => false,
    }
}

/// The short commit, with `-dirty` when the sources differ from it.
fn commit(manifest_dir: &Path) -> Option<String> {
    let hash = git(manifest_dir, &["rev-parse", "--short", "HEAD"])?;
    let mut status = vec!["status", "--porcelain", "--"];
    status.extend_from_slice(SOURCES);
    // A status that cannot be had is not "clean": say nothing rather than something untrue.
    let changes = git(manifest_dir, &status)?;
    Some(if changes.is_empty() {
        hash
    } else {
        format!("{hash}-dirty")
    })
}

/// Reruns this script when HEAD moves: a checkout (HEAD), a commit (the branch's ref, loose or
/// packed) and a `git add` or `git commit` (the index). Paths come from git itself, because in
/// a worktree `.git` is a file and the refs live in the main repository; only existing paths
/// are given, since cargo reruns every time for a path that does not exist.
fn watch_git(dir: &Path) {
    let mut watched: Vec<String> = ["HEAD", "index", "packed-refs"].map(String::from).into();
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
}

/// One git command's trimmed output, or `None` if git is missing, fails or says nothing usable.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    // --no-optional-locks: `git status` must not refresh the index it is watched through, or
    // every build would see it changed and run this script again.
    let output = Command::new("git")
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    Some(text.trim().to_string())
}
