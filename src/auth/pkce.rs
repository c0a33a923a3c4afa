//! PKCE (RFC 7636) with S256: a random verifier that never leaves this tab, and its
//! challenge, which goes in the authorization URL.

use crate::mail::encoding::{encode_base64, URL_SAFE};

use crate::auth::sha256::sha256;

/// A verifier from 32 random bytes: 43 base64url characters (RFC 7636 wants 43–128).
/// The bytes come from `crypto.getRandomValues` in the browser.
pub fn verifier_from_random(random: &[u8; 32]) -> String {
    encode_base64(random, URL_SAFE, false)
}

/// `BASE64URL(SHA256(ASCII(verifier)))`.
pub fn challenge_s256(verifier: &str) -> String {
    encode_base64(&sha256(verifier.as_bytes()), URL_SAFE, false)
}

/// A one-time `state` from 16 random bytes, with the way the result must come back
/// (`.popup` or `.redirect`), which boot.js reads to decide where to deliver it.
pub fn state_from_random(random: &[u8; 16], same_tab: bool) -> String {
    let suffix = if same_tab { ".redirect" } else { ".popup" };
    format!("{}{suffix}", encode_base64(random, URL_SAFE, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636, appendix B.
    #[test]
    fn rfc7636_appendix_b() {
        let random: [u8; 32] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let verifier = verifier_from_random(&random);
        assert_eq!(verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(
            challenge_s256(&verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifier_length_and_alphabet() {
        let verifier = verifier_from_random(&[255; 32]);
        assert_eq!(verifier.len(), 43);
        assert!(verifier
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn state_carries_its_mode() {
        assert!(state_from_random(&[1; 16], false).ends_with(".popup"));
        assert!(state_from_random(&[1; 16], true).ends_with(".redirect"));
        assert_ne!(
            state_from_random(&[1; 16], false),
            state_from_random(&[2; 16], false)
        );
    }
}
