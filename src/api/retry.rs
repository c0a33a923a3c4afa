//! When to try a Google call again: truncated exponential backoff with jitter, honouring
//! `Retry-After`, as Google's API guidance asks.

/// Tries in all, the first included.
pub const MAX_ATTEMPTS: u32 = 4;
const BASE_MS: u64 = 500;
const CAP_MS: u64 = 16_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then try again.
    RetryAfter(u64),
    GiveUp,
}

/// Whether a status (and Google's `reason`) is worth another try.
pub fn is_retryable(status: u16, reason: Option<&str>) -> bool {
    match status {
        429 | 500 | 502 | 503 | 504 => true,
        403 => matches!(reason, Some("rateLimitExceeded" | "userRateLimitExceeded")),
        _ => false,
    }
}

/// Whether an error answer means Google did not act on the request at all: a quota
/// refusal (429, 403 `rateLimitExceeded`/`userRateLimitExceeded`). A 5xx does not: it can
/// follow a send that took effect.
pub fn is_unprocessed(status: u16, reason: Option<&str>) -> bool {
    match status {
        429 => true,
        403 => matches!(reason, Some("rateLimitExceeded" | "userRateLimitExceeded")),
        _ => false,
    }
}

/// Which failures a call may repeat by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Reads, and writes that are the same when done twice: every transient failure.
    Transient,
    /// Sends: only answers that mean "not processed". Repeating one after a 5xx could
    /// deliver the message twice.
    UnprocessedOnly,
}

/// The decision after attempt number `attempt` (1-based) failed with `status`, under
/// `policy`. `jitter` is a random number in [0, 1) from the caller (the core stays
/// deterministic).
pub fn decide_for(
    policy: Policy,
    status: u16,
    reason: Option<&str>,
    retry_after: Option<&str>,
    attempt: u32,
    jitter: f64,
) -> Decision {
    let retryable = match policy {
        Policy::Transient => is_retryable(status, reason),
        Policy::UnprocessedOnly => is_unprocessed(status, reason),
    };
    if attempt >= MAX_ATTEMPTS || !retryable {
        return Decision::GiveUp;
    }
    if let Some(seconds) = retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
        return Decision::RetryAfter(seconds.saturating_mul(1000).min(CAP_MS * 4));
    }
    let exponential = BASE_MS
        .saturating_mul(1 << (attempt - 1).min(10))
        .min(CAP_MS);
    let jitter_ms = (jitter.clamp(0.0, 1.0) * BASE_MS as f64) as u64;
    Decision::RetryAfter(exponential + jitter_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_the_transient_statuses_only() {
        for status in [429, 500, 502, 503, 504] {
            assert!(is_retryable(status, None), "{status}");
        }
        assert!(is_retryable(403, Some("userRateLimitExceeded")));
        assert!(!is_retryable(403, Some("insufficientPermissions")));
        assert!(!is_retryable(400, None));
        assert!(!is_retryable(401, None));
        assert!(!is_retryable(404, None));
    }

    #[test]
    fn backs_off_exponentially_with_jitter_and_gives_up() {
        assert_eq!(
            decide_for(Policy::Transient, 503, None, None, 1, 0.0),
            Decision::RetryAfter(500)
        );
        assert_eq!(
            decide_for(Policy::Transient, 503, None, None, 2, 0.0),
            Decision::RetryAfter(1000)
        );
        assert_eq!(
            decide_for(Policy::Transient, 503, None, None, 3, 0.5),
            Decision::RetryAfter(2250)
        );
        assert_eq!(
            decide_for(Policy::Transient, 503, None, None, MAX_ATTEMPTS, 0.0),
            Decision::GiveUp
        );
        assert_eq!(
            decide_for(Policy::Transient, 400, None, None, 1, 0.0),
            Decision::GiveUp
        );
    }

    #[test]
    fn sends_repeat_only_what_google_did_not_process() {
        let send =
            |status, reason| decide_for(Policy::UnprocessedOnly, status, reason, None, 1, 0.0);
        assert_eq!(send(429, None), Decision::RetryAfter(500));
        assert_eq!(
            send(403, Some("rateLimitExceeded")),
            Decision::RetryAfter(500)
        );
        for status in [500, 502, 503, 504] {
            assert_eq!(
                send(status, None),
                Decision::GiveUp,
                "{status} may have been sent"
            );
        }
        assert_eq!(send(403, Some("insufficientPermissions")), Decision::GiveUp);
        assert_eq!(
            decide_for(Policy::UnprocessedOnly, 429, None, Some("3"), 2, 0.0),
            Decision::RetryAfter(3000)
        );
    }

    #[test]
    fn honours_retry_after_seconds() {
        assert_eq!(
            decide_for(Policy::Transient, 429, None, Some("2"), 1, 0.9),
            Decision::RetryAfter(2000)
        );
        // An HTTP date is not understood: fall back to backoff.
        assert_eq!(
            decide_for(
                Policy::Transient,
                429,
                None,
                Some("Wed, 21 Oct 2015 07:28:00 GMT"),
                1,
                0.0
            ),
            Decision::RetryAfter(500)
        );
    }
}
