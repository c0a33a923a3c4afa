//! The hostile messages of Ada's inbox: headers a client must list as plain text.

use super::seeder::Seeder;

/// Spam a client must list as plain text without falling over (issue 12): (From line,
/// Subject line), written as they are. All are newer than the rest of the Inbox, so they
/// show on its first page; the e2e test `tests/tests/hostile.rs` expects them as listed.
pub const HOSTILE: &[(&str, &str)] = &[
    // Raw UTF-8 after the charset of what looks like an encoded word.
    ("Raw Bytes <raw@hostile.example>", "=?x?€?y?="),
    // An encoded word whose text is such a word: "Re: =?x?€?y?=".
    (
        "Word In Word <word@hostile.example>",
        "=?UTF-8?B?UmU6ID0/eD/igqw/eT89?=",
    ),
    // Malformed words: unknown encoding, no end, empty charset.
    (
        "Malformed Words <malformed@hostile.example>",
        "Malformed =?utf-8?X?abc?= and =??Q?a?= and =?utf-8?Q?no_end",
    ),
    // A charset nobody knows ("Hello world" in base64).
    (
        "Unknown Charset <charset@hostile.example>",
        "Unknown =?x-unknown?B?SGVsbG8gd29ybGQ=?= charset",
    ),
    // Markup and script, in the subject and in the display name.
    (
        "\"<img src=x onerror=window.__pwned=1>\" <markup@hostile.example>",
        "<script>window.__pwned=2</script><b onmouseover=window.__pwned=3>bold</b>",
    ),
];

/// The first words of the 60 KB subject (then "lorem ipsum " up to 60 KB, one line).
pub const LONG_SUBJECT_START: &str = "A very long subject:";

pub(super) fn hostile(s: &mut Seeder, ada: &(String, String)) {
    let long = format!(
        "{LONG_SUBJECT_START} {}",
        "lorem ipsum ".repeat(60 * 1024 / 12)
    );
    let long = ("Long Subject <long@hostile.example>", long.as_str());
    for (i, (from, subject)) in HOSTILE.iter().copied().chain([long]).enumerate() {
        let mut m = s.mail(
            ("Hostile".into(), "hostile@hostile.example".into()),
            vec![ada.clone()],
            "",
            "A message with a hostile header, for Satchel's tests.",
            2 + i as i64,
        );
        m.raw_from = Some(from.to_string());
        m.raw_subject = Some(subject.to_string());
        s.add(m, &["INBOX", "CATEGORY_PROMOTIONS"]);
    }
}
