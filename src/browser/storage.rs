//! Web Storage. `session` is per tab and dies with it (tokens, drafts being typed);
//! `local` survives (client ID, calendar choices) and must never hold a token.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Session,
    Local,
}

fn storage(area: Area) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match area {
        Area::Session => window.session_storage().ok().flatten(),
        Area::Local => window.local_storage().ok().flatten(),
    }
}

/// Reads a key; `None` when absent or when storage is unavailable (private modes).
pub fn get(area: Area, key: &str) -> Option<String> {
    storage(area)?.get_item(key).ok().flatten()
}

/// Writes a key. Returns false when the browser refused (quota, disabled storage).
pub fn set(area: Area, key: &str, value: &str) -> bool {
    storage(area).is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(area: Area, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(key);
    }
}

/// Reads and deletes a key in one step (one-time values such as an OAuth `state`).
pub fn take(area: Area, key: &str) -> Option<String> {
    let value = get(area, key);
    remove(area, key);
    value
}
