//! The arrows between modules, checked on the source: what ARCHITECTURE.md promises about who
//! may use what holds because this test fails otherwise.

use std::fs;
use std::path::{Path, PathBuf};

/// The modules that may draw on a terminal: the reader, the commands (colour, the terminal's
/// width), and the settings they share (key map, themes, the configuration that gives them).
/// Every other module, including one added later, is domain and must not.
const TERMINAL_MODULES: [&str; 6] = ["tui", "cli", "config", "keymap", "theme", "main"];

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to: `briefing` for `src/briefing/load.rs`, `text` for
/// `src/text.rs`.
fn module_of(file: &Path) -> String {
    let relative = file.strip_prefix(src()).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    Path::new(first)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The code of a file without its comments (line comments only: the project uses no others),
/// with the line numbers.
fn code_lines(file: &Path) -> Vec<(usize, String)> {
    fs::read_to_string(file)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let code = line.split("//").next().unwrap_or("");
            (i + 1, code.to_string())
        })
        .collect()
}

/// Where in `files` the code names any of `needles`: `FILE:LINE: code`.
fn uses(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        for (n, code) in code_lines(file) {
            if needles.iter().any(|needle| code.contains(needle)) {
                let shown = file.strip_prefix(src()).unwrap().display();
                found.push(format!("src/{shown}:{n}: {}", code.trim()));
            }
        }
    }
    found
}

#[test]
fn the_domain_never_uses_the_terminal() {
    let domain: Vec<PathBuf> = sources(&src())
        .into_iter()
        .filter(|f| {
            let module = module_of(f);
            module != "lib" && !TERMINAL_MODULES.contains(&module.as_str())
        })
        .collect();
    // The domain as ARCHITECTURE.md names it is all covered.
    for module in ["briefing", "store", "search", "import", "followup", "text"] {
        assert!(
            domain.iter().any(|f| module_of(f) == module),
            "no source of the domain module {module}"
        );
    }
    let found = uses(&domain, &["ratatui", "crossterm"]);
    assert!(
        found.is_empty(),
        "terminal code in the domain:\n{}",
        found.join("\n")
    );
}

/// A file that uses nothing from elsewhere proves nothing: the check itself must find a use
/// where there is one.
#[test]
fn the_check_finds_terminal_code_where_there_is_some() {
    let reader = sources(&src().join("tui"));
    assert!(!uses(&reader, &["ratatui"]).is_empty());
}

#[test]
fn the_reader_uses_nothing_of_the_commands() {
    let found = uses(&sources(&src().join("tui")), &["crate::cli", "cli::"]);
    assert!(
        found.is_empty(),
        "the reader uses the commands:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_configuration_uses_nothing_of_the_reader() {
    let mut files = sources(&src())
        .into_iter()
        .filter(|f| ["config", "keymap", "theme"].contains(&module_of(f).as_str()))
        .collect::<Vec<_>>();
    files.sort();
    assert!(!files.is_empty());
    let found = uses(&files, &["crate::tui", "crate::cli"]);
    assert!(
        found.is_empty(),
        "the configuration uses the faces:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_library_and_the_loader_do_not_use_each_other() {
    let briefing = src().join("briefing");
    let library = uses(&[briefing.join("library.rs")], &["load::", "super::load"]);
    assert!(
        library.is_empty(),
        "the library uses the loader:\n{}",
        library.join("\n")
    );
    // The loader builds a library; the library reads single files through `file`, not the
    // loader.
    assert!(!uses(&[briefing.join("load.rs")], &["Library"]).is_empty());
}
