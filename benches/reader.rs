//! The reader without a terminal: drawing a frame into ratatui's `TestBackend`, moving the
//! selection, and a search keystroke, on generated corpora.
//!
//! ```text
//! cargo bench --bench reader
//! BRIEF_BENCH_100K=1 cargo bench --bench reader   # adds 100,000-briefing cases
//! ```
//!
//! A frame here is `Terminal::draw`: the views fill a buffer and ratatui diffs it against the
//! previous one into the backend. The bytes that reach a real terminal are measured by
//! `scripts/bench.sh`.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use brief::briefing::Library;
use brief::keymap::Action;
use brief::search::SearchIndex;
use brief::store::Store;
use brief::theme::Theme;
use brief::tui::input::Edit;
use brief::tui::model::Model;
use brief::tui::update::{edit_input, update};
use brief::tui::view;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A prefix of names in the corpus (the surname Qadiri, the state Qadesh), typed a letter at a
/// time: each keystroke narrows the matches.
const QUERY: &str = "qadi";

fn sizes() -> Vec<usize> {
    let mut sizes = vec![1_000, 10_000];
    if common::want_100k() {
        sizes.push(100_000);
    }
    sizes
}

fn library(n: usize) -> (Library, std::path::PathBuf) {
    let dir = common::corpus(n);
    let library = brief::briefing::load(std::slice::from_ref(&dir)).expect("corpus loads");
    assert_eq!(library.briefings.len(), n);
    (library, dir)
}

fn model(n: usize, size: (u16, u16)) -> Model {
    let (library, dir) = library(n);
    let mut model = Model::new(library, Store::open_in_memory(), dir, Theme::COLOR);
    model.size = size;
    model
}

fn terminal(size: (u16, u16)) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(size.0, size.1)).expect("test backend")
}

fn draw(terminal: &mut Terminal<TestBackend>, model: &mut Model) {
    terminal
        .draw(|frame| view::draw(frame, model))
        .expect("draw into a test backend");
}

/// What a bench works on: a model and a terminal of the size, made the first time the bench
/// runs (so a filtered `cargo bench --bench reader NAME` loads only what NAME needs).
type Screen = (Model, Terminal<TestBackend>);

fn screen(n: usize, size: (u16, u16)) -> Screen {
    let mut model = model(n, size);
    let mut terminal = terminal(size);
    draw(&mut terminal, &mut model);
    (model, terminal)
}

/// One frame, nothing changed since the last (the views still build every widget).
fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in sizes() {
        for size in [(80, 24), (200, 60)] {
            let mut state: Option<Screen> = None;
            group.bench_function(BenchmarkId::new(format!("{}x{}", size.0, size.1), n), |b| {
                let (model, terminal) = state.get_or_insert_with(|| screen(n, size));
                b.iter(|| draw(terminal, black_box(model)))
            });
        }
    }
    group.finish();
}

/// `j` then `k`, each followed by a frame: what one press of a movement key costs.
fn move_selection(c: &mut Criterion) {
    let mut group = c.benchmark_group("move");
    for n in sizes() {
        let size = (200, 60);
        let mut state: Option<Screen> = None;
        let mut down = true;
        group.bench_function(BenchmarkId::new("200x60", n), |b| {
            let (model, terminal) = state.get_or_insert_with(|| {
                let (mut model, mut terminal) = screen(n, size);
                update(&mut model, Action::Down);
                draw(&mut terminal, &mut model);
                (model, terminal)
            });
            b.iter(|| {
                update(model, if down { Action::Down } else { Action::Up });
                down = !down;
                draw(terminal, model);
            })
        });
    }
    group.finish();
}

/// The search index on its own: built on the first `/`, then one scan per keystroke.
fn search_index(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    for n in sizes() {
        let mut library_state: Option<Library> = None;
        let mut index_state: Option<SearchIndex> = None;
        group.sample_size(if n >= 100_000 { 10 } else { 30 });
        group.bench_function(BenchmarkId::new("build", n), |b| {
            let library = library_state.get_or_insert_with(|| library(n).0);
            b.iter(|| SearchIndex::build(black_box(library)))
        });
        for len in 1..=QUERY.len() {
            let query = &QUERY[..len];
            group.bench_function(BenchmarkId::new(format!("query-{query}"), n), |b| {
                let index = index_state.get_or_insert_with(|| {
                    SearchIndex::build(library_state.get_or_insert_with(|| library(n).0))
                });
                b.iter(|| index.search(black_box(query), 500))
            });
        }
    }
    group.finish();
}

/// The list filter on what briefings say (`actor:`, a free word): answered from the search
/// index, and, for comparison, by reading every file as the reader does without one. Prints
/// the index's size beside the size the same text took with every actor kept per briefing.
fn filter(c: &mut Criterion) {
    use brief::search::{Filter, fold, pieces_of};
    let mut group = c.benchmark_group("filter");
    for n in sizes() {
        let (full, dir) = library(n);
        let index = SearchIndex::build(&full);
        // Each briefing's pieces folded one after the other, actors included: the layout
        // before actors were kept once.
        let per_briefing: usize = full
            .briefings
            .iter()
            .map(|b| {
                pieces_of(b)
                    .iter()
                    .map(|(_, _, text)| fold(text).len() + 1)
                    .sum::<usize>()
                    + 40
            })
            .sum();
        eprintln!(
            "search index at {n}: {} bytes, {} distinct actors; with actors per briefing: {per_briefing} bytes",
            index.heap_bytes(),
            index.actors()
        );
        let stubs = brief::briefing::Loader::lean(vec![dir])
            .load(&|_, _| {})
            .expect("corpus loads");
        group.sample_size(10);
        for query in ["actor:zubair", "harbour", "actor:demir since:2024"] {
            let parsed = Filter::parse(query).expect("a filter");
            group.bench_function(BenchmarkId::new(format!("index/{query}"), n), |b| {
                b.iter(|| index.filter(&stubs, black_box(&parsed), |_| (false, false)))
            });
            if n <= 10_000 {
                group.bench_function(BenchmarkId::new(format!("read/{query}"), n), |b| {
                    b.iter(|| stubs.each_full(|_, b| parsed.matches(b, false, false)))
                });
            }
        }
    }
    group.finish();
}

/// A keystroke in the search box as the reader handles it: the edit, the search, the frame.
/// The box holds the query's first letters before each timed keystroke; the letter is taken
/// back (untimed) after it.
fn search_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_keystroke");
    for n in sizes() {
        let size = (200, 60);
        // The screen with the search box open, and the letters typed into it so far.
        let mut state: Option<(Screen, usize)> = None;
        for (at, letter) in QUERY.char_indices() {
            let typed = &QUERY[..at + letter.len_utf8()];
            group.bench_function(BenchmarkId::new(format!("200x60-{typed}"), n), |b| {
                let ((model, terminal), done) = state.get_or_insert_with(|| {
                    let (mut model, mut terminal) = screen(n, size);
                    update(&mut model, Action::Search);
                    draw(&mut terminal, &mut model);
                    ((model, terminal), 0)
                });
                for earlier in QUERY[*done..at].chars() {
                    edit_input(model, Edit::Insert(earlier));
                    draw(terminal, model);
                }
                *done = at;
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        let start = Instant::now();
                        edit_input(model, Edit::Insert(letter));
                        draw(terminal, model);
                        spent += start.elapsed();
                        edit_input(model, Edit::Backspace);
                        draw(terminal, model);
                    }
                    spent
                })
            });
        }
    }
    group.finish();
}

/// The follow-up view of a team of 20 members with 10,000 flags each, on the 1,000-briefing
/// corpus held as the reader holds it (list fields only, briefings read in full when shown):
/// opening it (its rows built, a frame drawn) on the whole team's 200,000 flags and on the
/// user's own 10,000, one frame with it open, and a move in it. The team folder is read once
/// before, as the reader reads it at start-up and not when the view opens.
fn team_view(c: &mut Criterion) {
    use brief::team::{Scope, Team};
    use brief::tui::model::{Overlay, TeamSession};
    let size = (120, 40);
    let mut state: Option<Screen> = None;
    let mut setup = || {
        let (corpus, team) = common::team(1_000, 20, 10_000);
        let library = brief::briefing::Loader::lean(vec![corpus.clone()])
            .load(&|_, _| {})
            .expect("corpus loads");
        let mut model = Model::new(library, Store::open_in_memory(), corpus, Theme::COLOR);
        model.size = size;
        let team = Team::new(team, Some("member00"), false).expect("team folder");
        model.team = Some(TeamSession::new(team));
        let mut terminal = terminal(size);
        draw(&mut terminal, &mut model);
        (model, terminal)
    };
    let mut group = c.benchmark_group("team_view");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for (name, scope) in [("open_team", Scope::Team), ("open_mine", Scope::Mine)] {
        group.bench_function(BenchmarkId::new(name, "20x10000"), |b| {
            let (model, terminal) = state.get_or_insert_with(&mut setup);
            b.iter(|| {
                model.overlay = None;
                if let Some(session) = model.team.as_mut() {
                    session.scope = scope;
                }
                update(model, Action::FollowUp);
                draw(terminal, black_box(model));
            })
        });
    }
    group.bench_function(BenchmarkId::new("frame_team", "20x10000"), |b| {
        let (model, terminal) = state.get_or_insert_with(&mut setup);
        if let Some(session) = model.team.as_mut() {
            session.scope = Scope::Team;
        }
        model.overlay = None;
        update(model, Action::FollowUp);
        assert!(matches!(model.overlay, Some(Overlay::FollowUp { .. })));
        b.iter(|| draw(terminal, black_box(model)))
    });
    group.bench_function(BenchmarkId::new("move_team", "20x10000"), |b| {
        let (model, terminal) = state.get_or_insert_with(&mut setup);
        b.iter(|| {
            update(model, Action::Down);
            draw(terminal, black_box(model));
            update(model, Action::Up);
            draw(terminal, black_box(model));
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    frame,
    move_selection,
    search_index,
    search_keystroke,
    filter,
    team_view
);
criterion_main!(benches);
