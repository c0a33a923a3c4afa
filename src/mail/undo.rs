//! Undo send: how long a sent message waits before it goes, as chosen in Settings.

/// The choices Settings offers, in seconds (0: off).
pub const UNDO_CHOICES: [u32; 5] = [0, 5, 10, 20, 30];

/// The default wait, as in Gmail.
pub const DEFAULT_UNDO_SECONDS: u32 = 5;

/// The stored choice (`None`: never chosen); anything but one of [`UNDO_CHOICES`] is the
/// default.
pub fn undo_seconds(stored: Option<&str>) -> u32 {
    stored
        .and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|n| UNDO_CHOICES.contains(n))
        .unwrap_or(DEFAULT_UNDO_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_stored_choice_or_the_default() {
        assert_eq!(undo_seconds(None), 5);
        assert_eq!(undo_seconds(Some("0")), 0);
        assert_eq!(undo_seconds(Some("30")), 30);
        assert_eq!(undo_seconds(Some("7")), 5, "not a choice");
        assert_eq!(undo_seconds(Some("-1")), 5);
        assert_eq!(undo_seconds(Some("ten")), 5);
    }
}
