//! Which calendars the agenda shows. The user's own choice in Satchel wins; a calendar they
//! never ticked or unticked here starts as it is in Google Calendar (`selected`).
//!
//! Choices are two lists of calendar ids (kept in localStorage by the shell): those the
//! user hid, as before, and those they showed. A calendar is in at most one of them.

/// Whether the calendar `id` is shown, `selected` being Google's tick for it.
pub fn is_shown(id: &str, selected: bool, hidden: &[String], shown: &[String]) -> bool {
    if hidden.iter().any(|h| h == id) {
        false
    } else if shown.iter().any(|s| s == id) {
        true
    } else {
        selected
    }
}

/// Records that the user ticked (`show`) or unticked the calendar `id`.
pub fn choose(id: &str, show: bool, hidden: &mut Vec<String>, shown: &mut Vec<String>) {
    hidden.retain(|h| h != id);
    shown.retain(|s| s != id);
    if show {
        shown.push(id.to_string());
    } else {
        hidden.push(id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_ticks_decide_until_the_user_chooses_here() {
        let (mut hidden, mut shown) = (Vec::new(), Vec::new());
        assert!(is_shown("work", true, &hidden, &shown));
        assert!(
            !is_shown("family", false, &hidden, &shown),
            "unticked in Google"
        );
        choose("family", true, &mut hidden, &mut shown);
        assert!(
            is_shown("family", false, &hidden, &shown),
            "ticked here wins"
        );
        choose("work", false, &mut hidden, &mut shown);
        assert!(
            !is_shown("work", true, &hidden, &shown),
            "unticked here wins"
        );
        choose("family", false, &mut hidden, &mut shown);
        assert!(!is_shown("family", true, &hidden, &shown));
        assert_eq!((hidden.len(), shown.len()), (2, 0), "one list per calendar");
        // An old hidden list (before `selected` was read) still hides what it names.
        assert!(!is_shown("old", true, &["old".to_string()], &[]));
    }
}
