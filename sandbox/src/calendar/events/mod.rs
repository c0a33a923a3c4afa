//! The `events` resource, split by what a call does: reading (`list`, `get`,
//! `instances`) and writing (`insert`, `quickAdd`).

pub mod list;
pub mod write;
