//! Inputs for the parser property tests (`parsers_prop`): arbitrary text mixed with the
//! pieces hostile mail is made of (encoded-word syntax, HTML, MIME structure, JSON).

use proptest::prelude::*;

/// Strings from `pieces` and arbitrary characters, up to `max` of them.
pub(super) fn made_of(
    pieces: &'static [&'static str],
    max: usize,
) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(pieces).prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z0-9+/=_-]{0,40}",
    ];
    prop::collection::vec(piece, 0..max).prop_map(|p| p.concat())
}

pub(super) const WORD_PIECES: &[&str] = &[
    "=?",
    "?=",
    "?",
    "=",
    "utf-8",
    "UTF-8",
    "iso-8859-1",
    "x-unknown",
    "windows-1252",
    "x",
    "*en",
    "B",
    "Q",
    "b",
    "q",
    "€",
    " ",
    "  ",
    "\t",
    "\r\n ",
    "=E2",
    "=82",
    "=AC",
    "=C3",
    "=A9",
    "_",
    "SGVsbG8",
    "4oKs",
    "==",
    "é",
    "=?utf-8?B?4oKs?=",
    "=?utf-8?Q?=E2=82=AC?=",
    "=?x?€?y?=",
    "<",
    ">",
    "\"",
    "=??",
    "??=",
];

pub(super) fn header_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), made_of(WORD_PIECES, 80)]
}

pub(super) const HTML_PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "<p>",
    "</p>",
    "<br>",
    "<div>",
    "<td>",
    "<li>",
    "<script>",
    "</script>",
    "</SCRIPT >",
    "<style",
    "<head>",
    "<title>",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<pre>",
    "</pre>",
    "<a href=",
    "<img src=x onerror=alert(1)>",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "&",
    "&amp;",
    "&#",
    "&#x",
    ";",
    "&nbsp;",
    "&#8212;",
    "&#x110000;",
    "€",
    "é",
    "text",
];

pub(super) const MIME_PIECES: &[&str] = &[
    "\r\n",
    "\n",
    "\r\n\r\n",
    "Subject: ",
    "From: ",
    "To: ",
    "Cc: ",
    "In-Reply-To: <a@b>",
    "Content-Type: multipart/mixed; boundary=",
    "Content-Type: multipart/alternative; boundary=\"b\"",
    "Content-Type: text/html; charset=iso-8859-1",
    "Content-Type: text/plain; format=flowed; delsp=yes",
    "Content-Type: image/png; name=",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Disposition: attachment; filename=",
    "filename*0*=utf-8''%E2%82",
    "; filename*1*=%AC",
    "; filename*=x-unknown''%FF",
    "b",
    "\"b\"",
    "--b",
    "--b--",
    "--",
    " ",
    "\t",
    "\"",
    "<",
    ">",
    ",",
    ";",
    ":",
    "(",
    ")",
    "\\",
    "=",
    "=\r\n",
    "=?utf-8?B?4oKs?=",
    "=?x?€?y?=",
    "a@b.co",
    "€",
    "x",
    "<p>hi</p>",
];

pub(super) fn mime() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        8 => prop::sample::select(MIME_PIECES).prop_map(|p| p.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..20),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|p| p.concat())
}

/// A `messages.get` answer of the shape Satchel reads, with hostile values in it.
pub(super) fn message_json() -> impl Strategy<Value = String> {
    (
        header_text(),
        header_text(),
        made_of(HTML_PIECES, 30),
        any::<i64>(),
        any::<bool>(),
    )
        .prop_map(|(from, subject, snippet, date, unread)| {
            serde_json::json!({
                "id": "m1",
                "labelIds": if unread { vec!["INBOX", "UNREAD"] } else { vec!["INBOX"] },
                "snippet": snippet,
                "internalDate": date.to_string(),
                "payload": {"headers": [
                    {"name": "From", "value": from},
                    {"name": "subject", "value": subject},
                    {"name": "To", "value": from},
                ]},
            })
            .to_string()
        })
}

pub(super) fn json_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        made_of(
            &[
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                "\"id\"",
                "\"payload\"",
                "\"headers\"",
                "\"name\"",
                "\"value\"",
                "\"labels\"",
                "\"messages\"",
                "\"raw\"",
                "null",
                "1e999",
                "\"\\ud800\"",
                "\"x\"",
                "true",
                "-0"
            ],
            60
        ),
        message_json().prop_map(|j| j.chars().take(j.len() / 2).collect()),
    ]
}
