//! JSON both ways, our own: the [`read`](mod@read) module turns the merchant's and the page's text into a tree
//! whose numbers stay the exact digits written, and the [`write`](mod@write) module turns cartlift's results into the
//! text the page parses with one `JSON.parse`. Both are held to serde_json by the oracle tests
//! (`core/tests/oracles.rs`); why ours and not serde_json is said in each module.

pub mod read;
pub mod write;

pub(crate) use read::describe;
pub use read::{errors_from_json, field, locate, parse, Json};
pub use write::{to_string, tree_to_string, Out, ToJson};
