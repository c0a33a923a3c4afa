//! Calendar: the agenda (events grouped by day) and the Calendar calls.
