//! The `events` resource, split by what a call does: reading (`list`, `get`,
//! `instances`) and writing (`insert`, `quickAdd`, `patch`, `update`, `delete`), with what writing
//! needs: body shaping, the rules on who may change what, exceptions of series, and
//! the notifications Google would send.

mod exceptions;
pub mod list;
mod notify;
mod rules;
mod shape;
pub mod write;
