//! What the command's local servers (the preview, the collector) share: a listener bound
//! beforehand (so that the address is printed before anything is served), a small runtime, and
//! an optional time limit for scripts and tests.

/// Serves `app` on `listener` until stopped, or for `exit_after` seconds. `what` names the
/// server in the sentence of a failure.
pub fn run(
    listener: std::net::TcpListener,
    app: axum::Router,
    exit_after: Option<u64>,
    what: &str,
) -> Result<(), String> {
    if let Some(seconds) = exit_after {
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(seconds));
            std::process::exit(0);
        });
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the {what}: {e}"))?;
    runtime.block_on(async move {
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        axum::serve(listener, app)
            .await
            .map_err(|e| format!("the {what} failed: {e}"))
    })
}
