//! The merchant's config (spec §2): read by cartlift's own JSON reader ([`crate::json`]) into
//! [`raw`] types by [`decode`], checked whole by the checker (`check/`: every problem at once,
//! each with its code, its path, a sentence, and its line and column in the text), and
//! resolved into the [`model`] the widgets compute from. The sample `cart` a config may hold
//! is checked against the config by [`crate::setup`].

use crate::sort::CollectVec;
pub(crate) mod check;
pub mod decode;
pub mod labels;
pub mod model;
pub mod raw;
mod safety;

use crate::error::{Error, Errors};

pub(crate) use check::resolve;
pub(crate) use check::unknown_currency;
pub use check::validate;
pub use model::*;
pub use safety::{is_country_code, is_safe_url, is_well_formed_locale};

/// `errs` with the line and column of each, found in `text` (one pass for all of them).
pub(crate) fn located(text: &str, mut errs: Vec<Error>) -> Vec<Error> {
    if !crate::error::HAS_MESSAGES {
        return errs;
    }
    let found = {
        let paths: Vec<&str> = errs.iter().map(Error::path).collect_vec();
        crate::json::locate(text, &paths)
    };
    for (e, at) in errs.iter_mut().zip(found) {
        if let (None, Some((line, column))) = (e.line(), at) {
            e.place(line, column);
        }
    }
    errs
}

/// Reads JSON text and decodes it with `decode`: a syntax error, or every problem of shape.
pub(crate) fn parse_json<T>(
    text: &str,
    decode: impl FnOnce(&crate::json::Json, &mut Errors) -> Option<T>,
) -> Result<T, Vec<Error>> {
    let json = crate::json::parse(text).map_err(|e| vec![e])?;
    let mut errs = Errors::default();
    match decode(&json, &mut errs) {
        Some(value) if errs.is_empty() => Ok(value),
        _ => Err(errs.into_result(()).err().unwrap_or_default()),
    }
}
