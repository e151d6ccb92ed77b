//! Taking over the terminal and always giving it back: on quit, on error, on panic, and on
//! SIGTERM and SIGHUP (an SSH connection dropping).
//!
//! When `brief` lays out right-to-left text itself, it tells the terminal so with the explicit
//! bidi mode, `CSI 8 l` (the freedesktop terminal-wg recommendation; VTE terminals and mlterm
//! honour it, others ignore it), so a terminal that reorders does not reorder again; `CSI 8 h`
//! gives the terminal back its implicit mode on every way out.

use std::io::{self, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, event, execute, terminal};

/// The writer the reader draws through: stdout, with colour resets filtered out under
/// `NO_COLOR` (see `NoColor`).
pub type Screen = Terminal<CrosstermBackend<NoColor<io::Stdout>>>;

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
/// The explicit bidi mode was asked for, so restoring must undo it.
static EXPLICIT_BIDI: AtomicBool = AtomicBool::new(false);

/// Explicit bidi mode: the application lays out bidirectional text (BDSM reset).
const EXPLICIT_BIDI_ON: &str = "\x1b[8l";
/// Implicit bidi mode, the terminal's default: it lays out bidirectional text (BDSM set).
const EXPLICIT_BIDI_OFF: &str = "\x1b[8h";
/// Set by the signal thread: the loop draws no more frames, so the thread gets the screen at
/// once rather than after every key still waiting in the queue.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// What the signal thread does after giving the terminal back and before the process ends.
static ON_SIGNAL: OnceLock<Box<dyn Fn() + Send + Sync>> = OnceLock::new();

/// Asks the signal thread to run `last_words` before the process ends (once the terminal is
/// restored; the terminal may be gone, so it must not write to stdout or stderr). Only the
/// first call counts.
pub fn on_signal(last_words: impl Fn() + Send + Sync + 'static) {
    let _ = ON_SIGNAL.set(Box::new(last_words));
}

/// A signal arrived and the process is about to end.
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// Raw mode and the alternate screen (and mouse reports, and the explicit bidi mode when
/// `brief` lays out right-to-left text itself), with a panic hook and signal handlers that
/// restore all of it.
pub fn enter(color: bool, mouse: bool, explicit_bidi: bool) -> io::Result<Screen> {
    install_panic_hook();
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    if let Err(e) = execute!(out, terminal::EnterAlternateScreen) {
        restore();
        return Err(e);
    }
    if mouse {
        MOUSE.store(true, Ordering::SeqCst);
        if let Err(e) = execute!(out, event::EnableMouseCapture) {
            restore();
            return Err(e);
        }
    }
    if explicit_bidi {
        EXPLICIT_BIDI.store(true, Ordering::SeqCst);
        if let Err(e) = out
            .write_all(EXPLICIT_BIDI_ON.as_bytes())
            .and_then(|()| out.flush())
        {
            restore();
            return Err(e);
        }
    }
    install_signal_handlers();
    Terminal::new(CrosstermBackend::new(NoColor::new(io::stdout(), !color)))
        .inspect_err(|_| restore())
}

/// Set while another program has the terminal: the input thread stops reading keys.
static INPUT_PAUSED: AtomicBool = AtomicBool::new(false);
/// The input thread saw `INPUT_PAUSED` and is not reading.
static INPUT_IDLE: AtomicBool = AtomicBool::new(false);

/// For the input thread: true while it must leave the terminal alone (and it says it does).
pub fn input_paused() -> bool {
    let paused = INPUT_PAUSED.load(Ordering::SeqCst);
    INPUT_IDLE.store(paused, Ordering::SeqCst);
    paused
}

/// What the reader had set up on the terminal, to set up again after [`suspend`].
#[derive(Clone, Copy, Debug)]
pub struct Suspended {
    mouse: bool,
    explicit_bidi: bool,
}

/// Hands the terminal over to another program (the user's editor): the input thread stops
/// reading keys (waited for, so it takes none of the editor's), then the terminal is restored as
/// on exit. [`resume`] takes it back.
pub fn suspend() -> Suspended {
    INPUT_PAUSED.store(true, Ordering::SeqCst);
    let start = std::time::Instant::now();
    // The input thread looks at least every 50 ms; a thread that is gone never answers.
    while !INPUT_IDLE.load(Ordering::SeqCst) && start.elapsed() < std::time::Duration::from_secs(1)
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let suspended = Suspended {
        mouse: MOUSE.load(Ordering::SeqCst),
        explicit_bidi: EXPLICIT_BIDI.load(Ordering::SeqCst),
    };
    restore();
    suspended
}

/// Takes the terminal back after [`suspend`]: raw mode, the alternate screen and the modes the
/// reader had, then keys are read again. The caller redraws the whole screen.
pub fn resume(suspended: Suspended) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, terminal::EnterAlternateScreen)?;
    if suspended.mouse {
        MOUSE.store(true, Ordering::SeqCst);
        execute!(out, event::EnableMouseCapture)?;
    }
    if suspended.explicit_bidi {
        EXPLICIT_BIDI.store(true, Ordering::SeqCst);
        out.write_all(EXPLICIT_BIDI_ON.as_bytes())?;
        out.flush()?;
    }
    INPUT_PAUSED.store(false, Ordering::SeqCst);
    Ok(())
}

/// Leaves the alternate screen, ends raw mode, shows the cursor. Safe to call twice.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    // Errors are ignored on purpose: after SIGHUP the terminal is gone, and there is nobody
    // left to tell.
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, event::DisableMouseCapture);
    }
    if EXPLICIT_BIDI.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(EXPLICIT_BIDI_OFF.as_bytes());
    }
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// A thread that waits for SIGTERM, SIGHUP, SIGINT or SIGQUIT, restores the terminal and ends
/// the process with the conventional status. The user's flags need no saving here: every
/// change was written when it was made; what `on_signal` asked for (the reading place) is done
/// here.
fn install_signal_handlers() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            STOPPING.store(true, Ordering::SeqCst);
            // Holding stdout until the process ends means no half-drawn frame can land on the
            // user's screen after it was restored: the loop draws under the same lock.
            let _screen = io::stdout().lock();
            restore();
            if let Some(last_words) = ON_SIGNAL.get() {
                last_words();
            }
            std::process::exit(128 + signal);
        }
    });
}

/// Under `NO_COLOR`, the backend still ends every frame by resetting the colours (SGR 39 and
/// 49). This writer drops exactly those two sequences, so not one colour code reaches the
/// terminal; everything else passes through untouched.
pub struct NoColor<W: Write> {
    inner: W,
    active: bool,
    /// Bytes of a control sequence that may still turn out to be a colour reset.
    held: Vec<u8>,
}

impl<W: Write> NoColor<W> {
    pub fn new(inner: W, active: bool) -> NoColor<W> {
        NoColor {
            inner,
            active,
            held: Vec::new(),
        }
    }

    fn filter(&mut self, buf: &[u8]) -> Vec<u8> {
        const DROPPED: [&[u8]; 2] = [b"\x1b[39m", b"\x1b[49m"];
        let mut out = Vec::with_capacity(buf.len());
        for &byte in buf {
            if self.held.is_empty() && byte != 0x1b {
                out.push(byte);
                continue;
            }
            self.held.push(byte);
            let held = self.held.as_slice();
            if DROPPED.contains(&held) {
                self.held.clear();
            } else if !DROPPED.iter().any(|d| d.starts_with(held)) {
                out.append(&mut self.held);
            }
        }
        out
    }
}

impl<W: Write> Write for NoColor<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        let out = self.filter(buf);
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.held.is_empty() {
            let held = std::mem::take(&mut self.held);
            self.inner.write_all(&held)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_only_colour_resets_even_across_writes() {
        let mut w = NoColor::new(Vec::new(), true);
        w.write_all(b"a\x1b[3").unwrap();
        w.write_all(b"9m\x1b[1mb\x1b[49m\x1b[0m\x1b").unwrap();
        w.write_all(b"[2J").unwrap();
        w.flush().unwrap();
        assert_eq!(w.inner, b"a\x1b[1mb\x1b[0m\x1b[2J");
    }

    #[test]
    fn passes_everything_when_colour_is_on() {
        let mut w = NoColor::new(Vec::new(), false);
        w.write_all(b"\x1b[39m").unwrap();
        assert_eq!(w.inner, b"\x1b[39m");
    }
}
