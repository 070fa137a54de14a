//! The part of wasm-streams' API that server_fn's browser client uses, without streaming:
//! see `Cargo.toml` for why cartlift ships this instead of the real crate.

use core::pin::Pin;
use core::task::{Context, Poll};
use futures_util::Stream;
use wasm_bindgen::{JsCast, JsValue};

/// A web `ReadableStream`, held but never read or written from Rust.
pub struct ReadableStream(web_sys::ReadableStream);

impl ReadableStream {
    /// Wraps a stream from the browser (a fetch response body).
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self(raw)
    }

    /// A request body cannot be streamed from Rust here: the stream is refused, and the
    /// request goes out with a body the browser rejects (`undefined` is not a stream).
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        Self(JsValue::UNDEFINED.unchecked_into())
    }

    /// The browser's stream.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.0
    }

    /// A response body cannot be read as a Rust stream here: it yields one error, then ends.
    pub fn into_stream(self) -> IntoStream {
        IntoStream(Some(JsValue::from_str(
            "streaming responses are not available in this build (wasm-streams stand-in)",
        )))
    }
}

/// What [`ReadableStream::into_stream`] returns: one error, then the end.
pub struct IntoStream(Option<JsValue>);

impl Stream for IntoStream {
    type Item = Result<JsValue, JsValue>;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Err))
    }
}
