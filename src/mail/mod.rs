//! Mail: addresses, MIME building and the Gmail calls.
