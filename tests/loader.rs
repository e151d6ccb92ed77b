//! The loader against the fixtures: every rule of the format reported where it is broken.

use std::fs;
use std::path::{Path, PathBuf};

use brief::briefing::{ItemKind, Severity, Target, load, load_file};

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

/// One problem a fixture expects: `# expect: LINE:COL SEVERITY: MESSAGE`, with the hint as
/// `(hint: HINT)` at the end when there is one; from the fixture itself or a `.expect` sidecar
/// (for files that cannot hold a comment).
#[derive(Debug, PartialEq)]
struct Expected {
    line: usize,
    column: usize,
    /// `SEVERITY: MESSAGE (hint: HINT)`, as the problem gives it.
    text: String,
}

fn expectations(path: &Path, tag: &str) -> Vec<Expected> {
    let sidecar = PathBuf::from(format!("{}.expect", path.display()));
    let text = fs::read_to_string(&sidecar)
        .or_else(|_| fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix(tag))
        .map(|rest| {
            let (pos, text) = rest
                .trim()
                .split_once(' ')
                .unwrap_or_else(|| panic!("{}: `{tag}{rest}` has no message", path.display()));
            let (line, column) = pos
                .split_once(':')
                .unwrap_or_else(|| panic!("{}: `{pos}` is not LINE:COL", path.display()));
            Expected {
                line: line.parse().unwrap(),
                column: column.parse().unwrap(),
                text: text.trim().to_string(),
            }
        })
        .collect()
}

/// What an expectation is compared with.
fn described(p: &brief::briefing::Problem) -> String {
    match &p.hint {
        Some(hint) => format!("{}: {} (hint: {hint})", p.severity, p.message),
        None => format!("{}: {}", p.severity, p.message),
    }
}

#[test]
fn every_invalid_fixture_fails_where_it_says() {
    let mut checked = 0;
    for entry in fs::read_dir(fixtures("invalid")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expect") {
            continue;
        }
        let result = load_file(&path);
        assert!(result.briefing.is_none(), "{} loaded", path.display());
        let errors: Vec<_> = result
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(!errors.is_empty(), "{}: no error", path.display());
        let expected = expectations(&path, "# expect:");
        assert!(!expected.is_empty(), "{}: no expectation", path.display());
        for want in expected {
            // A syntax error's column is the parser's choice; its line and message are not.
            let syntax = path.to_string_lossy().contains("syntax");
            assert!(
                errors.iter().any(|p| p.line == want.line
                    && (syntax || p.column == want.column)
                    && described(p) == want.text),
                "{}: expected `{}:{} {}`, got:\n{}",
                path.display(),
                want.line,
                want.column,
                want.text,
                errors
                    .iter()
                    .map(|p| format!("{}:{} {}", p.line, p.column, described(p)))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} fixtures");
}

#[test]
fn problems_start_with_file_line_col() {
    let path = fixtures("invalid/unknown-field-sumary.toml");
    let result = load_file(&path);
    let first = result.problems[0].to_string();
    assert!(
        first.starts_with(&format!("{}:", path.display())),
        "{first}"
    );
    let unknown = result
        .problems
        .iter()
        .find(|p| p.message.contains("sumary"))
        .unwrap();
    assert_eq!(unknown.hint.as_deref(), Some("did you mean `summary`?"));
}

#[test]
fn valid_fixtures_load_cleanly_with_derived_ids() {
    let library = load(&[fixtures("valid")]).unwrap();
    assert_eq!(library.problems, vec![], "{:#?}", library.problems);
    assert_eq!(library.briefings.len(), 3);
    let toml = library.briefing("full-toml").unwrap();
    let json = library.briefing("full-json").unwrap();
    // Same content in both formats gives the same derived ids.
    let ids = |b: &brief::briefing::Briefing| {
        (
            b.quotes.iter().map(|q| q.id.clone()).collect::<Vec<_>>(),
            b.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
            b.judgments.iter().map(|j| j.id.clone()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(ids(toml), ids(json));
    assert!(
        toml.quotes.iter().any(|q| q.id.starts_with("q-")),
        "a derived quote id"
    );
}

#[test]
fn derived_ids_survive_reordering_and_edits_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let write = |quotes: &str| {
        let text = format!(
            "title = \"T\"\ndate = 2024-01-01\nsummary = \"S\"\n[[actors]]\nid = \"a\"\nname = \"A\"\n{quotes}"
        );
        fs::write(dir.path().join("b.toml"), text).unwrap();
        let library = load(&[dir.path().to_path_buf()]).unwrap();
        assert!(library.problems.is_empty(), "{:?}", library.problems);
        let b = &library.briefings[0];
        b.quotes
            .iter()
            .map(|q| (q.text.clone(), q.id.clone()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let one = "[[quotes]]\nspeaker = \"a\"\ntext = \"one\"\n";
    let two = "[[quotes]]\nspeaker = \"a\"\ntext = \"two\"\n";
    let two_edited =
        "[[quotes]]\nspeaker = \"a\"\ntext = \"two\"\nnote = \"edited\"\ncontext = \"new\"\n";
    let before = write(&format!("{one}{two}"));
    let reordered = write(&format!("{two}{one}"));
    let edited = write(&format!("{two_edited}{one}"));
    assert_eq!(before, reordered);
    assert_eq!(before, edited);
}

#[test]
fn hostile_text_loads_with_warnings_and_placeholders() {
    for name in ["escapes.toml", "escapes.json"] {
        let path = fixtures("hostile").join(name);
        let result = load_file(&path);
        let b = result
            .briefing
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: {:#?}", result.problems));
        let warnings: Vec<_> = result
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .collect();
        assert!(!warnings.is_empty(), "{name}");
        for want in expectations(&path, "# expect-warning:") {
            assert!(
                warnings.iter().any(|p| p.line == want.line
                    && p.column == want.column
                    && described(p) == want.text),
                "{name}: expected `{}:{} {}`, got:\n{}",
                want.line,
                want.column,
                want.text,
                warnings
                    .iter()
                    .map(|p| format!("{}:{} {}", p.line, p.column, described(p)))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        let json = serde_json::to_string(&**b).unwrap();
        let all_text = format!("{json}{}", b.title);
        for c in all_text.chars() {
            assert!(
                !brief::briefing::sanitize::is_forbidden(c),
                "{name}: {c:?} survived"
            );
        }
        for p in &result.problems {
            assert!(
                !p.to_string()
                    .chars()
                    .any(brief::briefing::sanitize::is_forbidden)
            );
        }
    }
}

#[test]
fn duplicate_briefing_ids_are_an_error_in_each_file() {
    let library = load(&[fixtures("dupes")]).unwrap();
    assert!(library.briefings.is_empty());
    let errors: Vec<String> = library.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].contains("a.toml") && errors[0].contains("b.toml"));
    assert!(errors[1].contains("b.toml") && errors[1].contains("a.toml"));
}

#[test]
fn a_bad_file_never_stops_the_others() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixtures("valid/minimal.toml"), dir.path().join("good.toml")).unwrap();
    fs::write(dir.path().join("bad.toml"), "title = ").unwrap();
    fs::write(dir.path().join("garbage.json"), [0xff, 0xfe, 0, 1, 2]).unwrap();
    fs::write(dir.path().join(".hidden.toml"), "not even toml").unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join(".git/x.toml"), "nope").unwrap();
    fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    let library = load(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(library.briefings.len(), 1);
    assert_eq!(library.failed.len(), 2);
}

#[test]
fn files_over_four_mib_are_rejected_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(5 * 1024 * 1024).unwrap();
    let result = load_file(&path);
    assert_eq!((result.problems[0].line, result.problems[0].column), (1, 1));
    assert!(
        result.problems[0].message.contains("4 MiB"),
        "{}",
        result.problems[0]
    );
}

#[cfg(unix)]
#[test]
fn symlinked_folders_are_not_followed_but_symlinked_files_are() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::copy(fixtures("valid/minimal.toml"), real.join("minimal.toml")).unwrap();
    std::os::unix::fs::symlink(&real, real.join("loop")).unwrap();
    let other = tempfile::tempdir().unwrap();
    fs::copy(fixtures("valid/full.toml"), other.path().join("full.toml")).unwrap();
    std::os::unix::fs::symlink(other.path().join("full.toml"), real.join("linked.toml")).unwrap();
    let library = load(&[real]).unwrap();
    assert_eq!(library.briefings.len(), 2, "{:?}", library.problems);
}

#[test]
fn the_shipped_briefings_are_clean() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let library = load(&[shipped]).unwrap();
    assert_eq!(
        library.problems,
        vec![],
        "brief check briefings must stay clean"
    );
    assert!(library.briefings.len() >= 6);
    // Newest first.
    assert!(library.briefings.windows(2).all(|w| w[0].date >= w[1].date));
    let seed = library.briefing("2024-09-18-qaani-baghdad").unwrap();
    let target = Target::item(&seed.id, ItemKind::Actor, "qaani");
    assert!(
        library.resolve(&target).is_some() || seed.actors.iter().any(|a| a.name.contains("Qaani"))
    );
}

#[test]
fn garbage_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let samples: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"[[[[[[".to_vec(),
        "[".repeat(10_000).into_bytes(),
        format!("a = {}", "[".repeat(10_000)).into_bytes(),
        b"title = 1\ndate = 1979-05-27T07:32:00Z\nsummary = []".to_vec(),
        b"{\"title\": {\"a\": [1, 2, {}]}, \"date\": null}".to_vec(),
        (0..=255u8).collect(),
        "x = \"\u{1b}]52;c;aGk=\u{7}\"".into(),
    ];
    for (i, bytes) in samples.iter().enumerate() {
        for ext in ["toml", "json"] {
            let path = dir.path().join(format!("s{i}.{ext}"));
            fs::write(&path, bytes).unwrap();
            let result = load_file(&path);
            assert!(result.briefing.is_none());
            assert!(!result.problems.is_empty());
        }
    }
}

/// A worker that fails stops the pass: its panic reaches the caller, rather than its share
/// of the files going missing and every later result pointing at the wrong briefing.
#[test]
fn a_worker_that_fails_fails_the_load() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let paths = brief::briefing::discover(&shipped).unwrap();
    assert!(paths.len() >= 6);
    let victim = load_file(&paths[paths.len() / 2])
        .briefing
        .unwrap()
        .id
        .clone();
    let mut loader = brief::briefing::Loader::new(vec![shipped]);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        loader.load_watched(&|_, _| {}, &|b| {
            if b.id == victim {
                panic!("a worker fails on {victim}");
            }
        })
    }));
    let message = outcome.expect_err("the load came back without the failed worker's files");
    assert!(
        message
            .downcast_ref::<String>()
            .is_some_and(|m| m.contains("a worker fails")),
        "another panic than the worker's"
    );
}

/// The same for a pass over every briefing in full (filter, actor index, `brief list`).
#[test]
fn a_worker_that_fails_fails_the_pass_over_the_library() {
    let library = load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]).unwrap();
    let n = library.briefings.len();
    assert!(n >= 6);
    let all = library.each_full(|i, b| (i, b.id.clone()));
    assert_eq!(
        all,
        library
            .briefings
            .iter()
            .enumerate()
            .map(|(i, b)| (i, b.id.clone()))
            .collect::<Vec<_>>(),
        "in library order"
    );
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        library.each_full(|i, _| {
            if i == n - 1 {
                panic!("a worker fails on the last briefing");
            }
            i
        })
    }));
    assert!(
        outcome.is_err(),
        "the pass came back shorter instead of failing"
    );
}

/// ICD 203's paired terms are read, and shown and exported as the first term of their pair.
#[test]
fn paired_likelihood_terms_mean_the_first_term() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = [
        ("remote", "almost no chance"),
        ("highly improbable", "very unlikely"),
        ("improbable", "unlikely"),
        ("roughly even odds", "roughly even chance"),
        ("probable", "likely"),
        ("highly probable", "very likely"),
        ("nearly certain", "almost certain"),
    ];
    for (i, (paired, first)) in pairs.iter().enumerate() {
        let path = dir.path().join(format!("b{i}.toml"));
        fs::write(
            &path,
            format!(
                "title = \"T\"\ndate = 2024-01-01\nsummary = \"S\"\n[[judgments]]\ntext = \"J\"\nlikelihood = \"{paired}\"\n"
            ),
        )
        .unwrap();
        let result = load_file(&path);
        let b = result
            .briefing
            .unwrap_or_else(|| panic!("{paired}: {:?}", result.problems));
        let likelihood = b.judgments[0].likelihood.unwrap();
        assert_eq!(likelihood.as_str(), *first);
        let json = serde_json::to_value(&*b).unwrap();
        assert_eq!(json["judgments"][0]["likelihood"], *first);
    }
}
