//! Polling: a check run until it is done, and what counts as done.

use std::time::{Duration, Instant};

/// What a `poll` check gives: done (`true`, `Some(value)`, `Ok(value)`), or not yet, where
/// `Err` says what it saw (for the message when time runs out).
pub trait Check {
    type Done;
    fn done(self) -> Result<Self::Done, String>;
}

impl Check for bool {
    type Done = ();
    fn done(self) -> Result<(), String> {
        self.then_some(()).ok_or_else(String::new)
    }
}

impl<T> Check for Option<T> {
    type Done = T;
    fn done(self) -> Result<T, String> {
        self.ok_or_else(String::new)
    }
}

impl<T, E: std::fmt::Display> Check for Result<T, E> {
    type Done = T;
    fn done(self) -> Result<T, String> {
        self.map_err(|e| e.to_string())
    }
}

/// `Ok` when `got` is `want`; else what it is (a `poll` check).
pub fn is<T: PartialEq + std::fmt::Debug>(got: T, want: T) -> Result<(), String> {
    match got == want {
        true => Ok(()),
        false => Err(format!("it is {got:?}, not {want:?}")),
    }
}

/// Runs `check` every 50 ms until it is done, up to `seconds`, and returns what it gave;
/// panics naming `what` (and what `check` saw last) when time runs out.
pub async fn poll<C: Check>(
    what: &str,
    seconds: u64,
    mut check: impl std::ops::AsyncFnMut() -> C,
) -> C::Done {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let last = match check().await.done() {
            Ok(done) => return done,
            Err(last) => last,
        };
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}{}{last}",
            if last.is_empty() { "" } else { ": " }
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
