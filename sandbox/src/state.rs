//! The sandbox's shared state: one lock for the data (tokens, mailboxes, calendars,
//! outbox), and separate small locks for the fault queue and the request log so inspecting
//! never waits on a handler.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde_json::Value;

use crate::calendar::store::CalendarSet;
use crate::faults::{Fault, FaultKind};
use crate::gmail::store::Mailbox;
use crate::oauth::OAuthState;
use crate::util::Rng;
use crate::{Options, DEMO_CLIENT_ID};

/// Requests kept for `/_sandbox/requests`; older ones are dropped first.
const LOG_LIMIT: usize = 10_000;

pub struct Shared {
    pub opts: Options,
    /// The sandbox's own origin, `http://127.0.0.1:PORT`.
    pub url: String,
    /// Exact redirect URIs registered for the demo client.
    pub redirect_uris: Vec<String>,
    data: Mutex<Data>,
    faults: Mutex<Vec<Fault>>,
    log: Mutex<VecDeque<Value>>,
    /// Keep connections alive (as real hosts do) instead of one request per connection.
    keep_alive: AtomicBool,
}

pub struct Data {
    pub oauth: OAuthState,
    /// One mailbox per account, indexed like `ACCOUNTS`.
    pub mail: Vec<Mailbox>,
    /// One set of calendars per account, indexed like `ACCOUNTS`.
    pub cal: Vec<CalendarSet>,
    pub outbox: Vec<Value>,
    /// What Google Calendar would have emailed (invitations, updates, cancellations,
    /// replies), for `/_sandbox/calendar/notifications`.
    pub notifications: Vec<Value>,
    /// For ids made at run time (messages, events, tokens); seeded from the clock so
    /// tokens differ between runs, while the seeded data stays deterministic.
    pub rng: Rng,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking handler must not take the whole sandbox down with a poisoned lock.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn new(opts: Options, url: String) -> Shared {
        let mut redirect_uris: Vec<String> = opts
            .app_origins
            .iter()
            .map(|o| format!("{}/", o.trim_end_matches('/')))
            .collect();
        redirect_uris.extend(opts.redirect_uris.iter().cloned());
        let now = chrono::Utc::now();
        let (mail, cal) = crate::seed::build(opts.seed, now);
        let clock = now.timestamp_nanos_opt().unwrap_or_default() as u64;
        let data = Data {
            oauth: OAuthState::default(),
            mail,
            cal,
            outbox: Vec::new(),
            notifications: Vec::new(),
            rng: Rng::new(clock ^ opts.seed.rotate_left(17)),
        };
        Shared {
            opts,
            url,
            redirect_uris,
            data: Mutex::new(data),
            faults: Mutex::new(Vec::new()),
            log: Mutex::new(VecDeque::new()),
            keep_alive: AtomicBool::new(false),
        }
    }

    pub fn data(&self) -> MutexGuard<'_, Data> {
        lock(&self.data)
    }

    pub fn client_known(&self, client_id: &str) -> bool {
        client_id == DEMO_CLIENT_ID
    }

    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.opts
            .app_origins
            .iter()
            .any(|o| o.trim_end_matches('/') == origin)
    }

    pub fn inject(&self, fault: Fault) {
        if fault.count > 0 {
            lock(&self.faults).push(fault);
        }
    }

    /// New connections from now on are kept alive (`true`) or carry one request each.
    pub fn set_keep_alive(&self, on: bool) {
        self.keep_alive.store(on, Ordering::SeqCst);
    }

    pub fn keep_alive(&self) -> bool {
        self.keep_alive.load(Ordering::SeqCst)
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    pub fn faults(&self) -> Value {
        serde_json::to_value(&*lock(&self.faults)).unwrap_or(Value::Null)
    }

    /// Takes one use of the first queued fault for `method_id`. `*` faults apply to Discovery
    /// methods only, so a catch-all fault never breaks the sign-in pages.
    pub fn take_fault(&self, method_id: &str, discovery: bool) -> Option<FaultKind> {
        let mut faults = lock(&self.faults);
        let index = faults
            .iter()
            .position(|f| f.method == method_id || (f.method == "*" && discovery))?;
        let kind = faults[index].kind.clone();
        faults[index].count -= 1;
        if faults[index].count == 0 {
            faults.remove(index);
        }
        Some(kind)
    }

    pub fn expire_all_tokens(&self) {
        self.data().oauth.expire_all();
    }

    pub fn outbox(&self) -> Value {
        Value::Array(self.data().outbox.clone())
    }

    pub fn requests(&self) -> Value {
        Value::Array(lock(&self.log).iter().cloned().collect())
    }

    pub fn log(&self, entry: Value) {
        let mut log = lock(&self.log);
        if log.len() >= LOG_LIMIT {
            log.pop_front();
        }
        log.push_back(entry);
    }
}
