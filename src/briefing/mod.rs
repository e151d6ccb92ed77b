//! Briefings: the model, the loader and the rules of the format. Knows nothing of terminals.

pub mod cache;
mod decode;
mod file;
pub mod ids;
mod library;
mod load;
mod model;
mod node;
mod problem;
pub mod sanitize;

pub use decode::FORMAT_VERSION;
pub use file::{MAX_FILE_BYTES, Stamp, load_file};
pub use ids::{ItemKind, Target, TargetError};
pub use library::{Item, Library};
pub use load::{LoadError, Loader, discover, discover_up_to, load};
pub use model::*;
pub use problem::{Excerpt, Locator, Problem, Severity};
