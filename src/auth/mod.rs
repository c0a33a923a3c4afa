//! Sign-in: OAuth URL building, PKCE, callback parsing and the session.
