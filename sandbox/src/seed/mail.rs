//! Seed mail: a lived-in inbox for Ada (about fifty messages: people, receipts, travel,
//! family, newsletters, a thread, Greek and Hebrew subjects, an attachment, HTML with
//! script in it, spam and trash, sent mail and a draft, then a few hostile messages: see
//! [`hostile::HOSTILE`]) and a smaller one for Grace.

mod ada;
mod grace;
mod hostile;
mod seeder;

pub use ada::ada;
pub use grace::grace;
