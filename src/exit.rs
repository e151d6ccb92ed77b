//! The exit statuses `brief` returns, shared by the commands and the reader.

/// The command ran and found problems (a `check` error, an unknown id or target).
pub const EXIT_PROBLEMS: u8 = 1;
/// Usage, I/O or state error.
pub const EXIT_USAGE: u8 = 2;
