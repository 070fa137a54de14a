//! What cartlift remembers of one browser (spec §8), and what that means for the quote: the
//! pure part of personalization. The widget keeps the record in one versioned `localStorage`
//! key (a small bridge module reads and writes the text); everything here is the text's
//! meaning, tested natively, in three parts: [`record`] (reading a stored record without ever
//! trusting it, recording visits, views and orders within their caps, the typical order),
//! [`audience`] (the personal threshold, segment conditions, who a shopper is on a page) and
//! [`experiment`] (the deterministic, sticky assignment to variants, and a variant's config laid
//! over the merchant's).
//!
//! Nothing here sends anything anywhere; the record holds no name, address or email, only what
//! this browser did in this shop.

pub mod audience;
pub mod experiment;
pub mod record;

pub use audience::{memberships, personal_threshold, Page, Personal, Shopper, When};
pub use experiment::{overlay, variant};
pub use record::{
    Landing, PastOrder, Visitor, MAX_ORDERS, MAX_STORED_BYTES, MAX_VIEWED, VERSION,
    VISIT_GAP_SECONDS,
};
