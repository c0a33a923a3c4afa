//! The accept loop. It is ours rather than `axum::serve` so that a fault can close a
//! connection without answering: each connection gets a `Notify` that the dispatcher fires
//! to make the connection task drop the socket mid-request.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::state::Shared;

pub async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let keep_alive = shared.keep_alive();
        tokio::spawn(async move {
            let kill = Arc::new(Notify::new());
            let service_kill = kill.clone();
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                let shared = shared.clone();
                let kill = service_kill.clone();
                async move {
                    Ok::<_, Infallible>(
                        crate::dispatch::handle(shared, req.map(Body::new), kill).await,
                    )
                }
            });
            // No keep-alive by default: browsers silently re-send a request when a *reused*
            // connection closes before the response, which turns a drop fault into a second
            // request the app never made. One request per connection makes every drop a real
            // network error. `/_sandbox/keep_alive` turns keep-alive on, as real hosts have
            // it, so tests can show what that silent re-send does.
            let connection = hyper::server::conn::http1::Builder::new()
                .keep_alive(keep_alive)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                // Dropping the connection future closes the socket with nothing written.
                _ = kill.notified() => {}
            }
        });
    }
}
