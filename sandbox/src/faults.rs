//! Injected faults: the failures a real network and a real Google produce, on demand.
//!
//! JSON layout (serde, internally tagged by `type`, snake_case):
//! `{"method":"gmail.users.messages.send","count":1,"kind":{"type":"status","status":503,"retry_after":1}}`
//! with kinds `status`, `status_after`, `delay` (`ms`), `delay_after` (`ms`), `drop_before`,
//! `drop_after`, `expire_token`. `status_after`, `delay_after` and `drop_after` fire *after*
//! the request took effect (the mail is sent, the draft deleted), as Google's front ends
//! sometimes answer.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Fault {
    /// A Discovery method id (`gmail.users.messages.send`), an OAuth endpoint id
    /// (`oauth.token`, `oauth.revoke`, `oauth.tokeninfo`, `openid.userinfo`), or `*` for every
    /// Discovery method.
    pub method: String,
    /// How many matching requests it affects.
    #[serde(default = "one")]
    pub count: u32,
    pub kind: FaultKind,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with this status and Google's error JSON (429, 500, 503, ...), before any
    /// processing; `retry_after` (seconds) becomes a `Retry-After` header.
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<u64>,
    },
    /// Process the request fully (the change is stored, mail really sent), then answer
    /// this status and Google's error JSON instead of the real answer.
    StatusAfter {
        status: u16,
        #[serde(default)]
        retry_after: Option<u64>,
    },
    /// Wait this long, then handle the request normally.
    Delay { ms: u64 },
    /// Process the request fully (mail really sent), then wait this long before answering:
    /// a page that goes away meanwhile (a reload, a crash) never learns that it worked.
    DelayAfter { ms: u64 },
    /// Close the connection without processing the request or answering.
    DropBefore,
    /// Process the request fully (mail really sent), then close the connection unanswered.
    DropAfter,
    /// Expire the caller's access token just before handling, so the call gets a 401.
    ExpireToken,
}
