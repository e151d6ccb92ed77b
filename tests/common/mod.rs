//! What the end-to-end tests check in the bytes the reader wrote to a terminal: shared by the
//! pseudo-terminal tests and the tests through a real sshd.
#![allow(dead_code)] // each test binary uses a part

pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

/// The screen with line numbers, for failure messages.
pub fn dump(screen: &str) -> String {
    screen
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{i:>3}|{l}\n"))
        .collect()
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The end of the output, readable, for failure messages.
pub fn tail(raw: &[u8]) -> String {
    let from = raw.len().saturating_sub(400);
    String::from_utf8_lossy(&raw[from..])
        .escape_debug()
        .to_string()
}

/// Anything but mode changes (`CSI ... h` / `l`), attribute resets (`CSI ... m`) and a keyboard
/// protocol pop (`CSI < u`) after the last leave-alternate-screen: a frame, or part of one,
/// drawn onto the user's own screen.
pub fn stray_after_leaving(raw: &[u8]) -> Option<String> {
    let left = rfind(raw, LEAVE_ALT)? + LEAVE_ALT.len();
    let rest = &raw[left..];
    let mut i = 0;
    while i < rest.len() {
        // Keys typed after the reader left are echoed by the terminal itself, not written by
        // the reader: the tests type tabs.
        if rest[i] == b'\t' {
            i += 1;
            continue;
        }
        if rest[i] == 0x1b && rest.get(i + 1) == Some(&b'[') {
            let mut end = i + 2;
            while end < rest.len() && (0x20..0x40).contains(&rest[end]) {
                end += 1;
            }
            if end < rest.len() && matches!(rest[end], b'h' | b'l' | b'm' | b'u') {
                i = end + 1;
                continue;
            }
        }
        let shown = String::from_utf8_lossy(&rest[i..(i + 40).min(rest.len())])
            .escape_debug()
            .to_string();
        return Some(format!("{shown:?}"));
    }
    None
}

/// The terminal was given back, judged on the bytes written to it: the alternate screen left
/// and the cursor shown after the last time the reader took it over, the cursor not hidden
/// again, and nothing drawn on the user's own screen afterwards.
pub fn assert_restored_bytes(raw: &[u8]) {
    let raw = raw.to_vec();
    let entered = rfind(&raw, ENTER_ALT).expect("the reader never entered the alternate screen");
    let after = &raw[entered..];
    let left = rfind(after, LEAVE_ALT).unwrap_or_else(|| {
        panic!(
            "no leave-alternate-screen after the last enter; output ends:\n{}",
            tail(&raw)
        )
    });
    let shown = rfind(after, SHOW_CURSOR).unwrap_or_else(|| {
        panic!(
            "no show-cursor after the last enter; output ends:\n{}",
            tail(&raw)
        )
    });
    if let Some(hidden) = rfind(after, HIDE_CURSOR) {
        assert!(
            hidden < shown,
            "the cursor was hidden again after it was shown; output ends:\n{}",
            tail(&raw)
        );
    }
    assert!(
        find(&after[left..], ENTER_ALT).is_none(),
        "the alternate screen was entered again after leaving it; output ends:\n{}",
        tail(&raw)
    );
    if let Some(stray) = stray_after_leaving(&raw) {
        panic!(
            "the reader wrote {stray} after leaving the alternate screen; output ends:\n{}",
            tail(&raw)
        );
    }
}

/// The terminal was given back, judged on the bytes (`assert_restored_bytes`) and on the
/// emulated terminal they were fed to: off the alternate screen, the cursor shown.
pub fn assert_restored_terminal(raw: &[u8], screen: &vt100::Screen) {
    assert_restored_bytes(raw);
    assert!(
        !screen.alternate_screen(),
        "the emulated terminal is still on the alternate screen"
    );
    assert!(
        !screen.hide_cursor(),
        "the emulated terminal still has the cursor hidden"
    );
}

/// A test that cannot run here says so where it is seen and passes, except under `CI=true`,
/// where what it needs is expected to be there and a skip would hide that it is not.
pub fn cannot_run(reason: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test} cannot run under CI=true: {reason}");
    }
    // Straight to stderr, not `eprintln!`: the test harness swallows what a passing test
    // prints with the macros, and a skip must be seen.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {reason}");
}
