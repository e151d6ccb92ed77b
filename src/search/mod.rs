//! Finding things: search across briefings, the list's filter language, and the same actor
//! across briefings. Knows nothing of terminals.

pub mod actors;
pub mod fold;
pub mod index;
pub mod query;

pub use actors::{ActorIndex, ActorRef, Dossier, DossierRows, dossier};
pub use fold::{fold, fold_with_map};
pub use index::{
    ActorTable, Field, FoldedActor, FoldedBriefing, Hit, LettersToCount, Matches, SearchIndex,
    matches_in, pieces_of, snippet, terms,
};
pub use query::{Filter, QueryError};
