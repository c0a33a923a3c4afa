//! Cryptographically strong random bytes (`crypto.getRandomValues`).

/// `N` random bytes, or `None` when the browser has no WebCrypto (then sign-in refuses
/// to start rather than use weak randomness).
pub fn bytes<const N: usize>() -> Option<[u8; N]> {
    let mut buffer = [0u8; N];
    let crypto = web_sys::window()?.crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut buffer).ok()?;
    Some(buffer)
}
