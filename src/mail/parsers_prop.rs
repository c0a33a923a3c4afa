//! Property tests for every function that reads network data: for any input (arbitrary
//! bytes and strings, and generators of hostile structure: random encoded-words, MIME
//! boundaries, HTML tags, JSON shapes) it returns, does not panic, and each case finishes
//! within [`CASE_BOUND`]. Native only.
//!
//! Cases per parser: `PROPTEST_CASES` (default 256); `cargo xtask bench parsers` runs 10,000
//! each and prints the time per parser (`--nocapture` shows the same lines here).

use std::cell::Cell;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};

use super::api::{short_date, DraftMeta, IdList, LabelList, MessageMeta, RawDraft};
use super::encoding::{
    decode_base64, decode_charset, decode_gmail_raw, decode_header_text, decode_quoted_printable,
    decode_rfc2231, param_value, split_params,
};
use super::html_text::decode_entities;
use super::limits::{decode_capped, shown, MAX_SHOWN_CHARS, TOO_LONG};
use super::linear_tests::time;
use super::prop_inputs::{header_text, json_text, made_of, message_json, mime, HTML_PIECES};
use super::{html_to_text, parse_draft, parse_gmail_raw_draft, parse_recipients};
use super::{validate_addr_spec, MessageDate};

/// Far above any case's real time (milliseconds of CPU time in a debug build): a case this
/// slow means super-linear work or a loop that does not end.
const CASE_BOUND: Duration = Duration::from_secs(2);

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256)
}

/// Runs `check` on `cases()` inputs from `strategy`, failing on a panic or a slow case, and
/// prints `parsers_prop <name>: <cases> cases in <time> (slowest <time>)`.
fn check<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value))
where
    S::Value: Clone,
{
    let config = ProptestConfig {
        cases: cases(),
        // No regression files: the suite must not write into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config.clone());
    let started = Instant::now();
    let slowest = Cell::new(Duration::ZERO);
    let result = runner.run(&strategy, |input| {
        let took = time(&|| check(input.clone()));
        slowest.set(slowest.get().max(took));
        if took > CASE_BOUND {
            return Err(TestCaseError::fail(format!("one case took {took:?}")));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    println!(
        "parsers_prop {name}: {} cases in {:.2} s (slowest {:.2} ms)",
        config.cases,
        started.elapsed().as_secs_f64(),
        slowest.get().as_secs_f64() * 1000.0
    );
}

fn shown_ok(text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n > MAX_SHOWN_CHARS + TOO_LONG.len() {
        return Err(format!("{n} characters shown"));
    }
    Ok(())
}

#[test]
fn parsers_prop_header_words() {
    check("decode_header_text", header_text(), |text| {
        let once = decode_header_text(&text);
        // Decoding is idempotent on text without words, and never panics on its output.
        decode_header_text(&once);
        if !text.contains("=?") {
            assert_eq!(once, text);
        }
        let (capped, cut) = decode_capped(&text);
        assert!(shown_ok(&shown(&capped, cut)).is_ok());
    });
}

#[test]
fn parsers_prop_html_to_text() {
    let html = prop_oneof![any::<String>(), made_of(HTML_PIECES, 150)];
    check("html_to_text", html, |html| {
        let text = html_to_text(&html);
        assert!(
            text.len() <= 4 * html.len() + 16,
            "{} -> {}",
            html.len(),
            text.len()
        );
        decode_entities(&html);
    });
}

#[test]
fn parsers_prop_parse_draft() {
    let bytes = prop_oneof![prop::collection::vec(any::<u8>(), 0..600), mime()];
    check("parse_draft", bytes, |bytes| {
        let draft = parse_draft(&bytes);
        assert!(draft.body.len() <= 4 * bytes.len() + 16);
    });
}

#[test]
fn parsers_prop_gmail_raw() {
    let raw = prop_oneof![
        any::<String>(),
        "[A-Za-z0-9_=+/ \r\n-]{0,400}",
        mime().prop_map(|m| super::encode_gmail_raw(&m)),
    ];
    check("parse_gmail_raw_draft", raw, |raw| {
        let _ = decode_gmail_raw(&raw);
        let _ = parse_gmail_raw_draft(&raw);
    });
}

#[test]
fn parsers_prop_transfer_encodings() {
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        made_of(
            &["=", "=\r\n", "=\n", "=4", "=C3=A9", " ", "\t", "\r\n", "\r", "==", "A"],
            100
        )
        .prop_map(String::into_bytes),
    ];
    check("base64/quoted-printable", bytes, |bytes| {
        assert!(decode_base64(&bytes).len() <= bytes.len());
        assert!(decode_quoted_printable(&bytes).len() <= bytes.len());
    });
}

#[test]
fn parsers_prop_params_and_charsets() {
    let pieces: &'static [&'static str] = &[
        ";",
        "=",
        "\"",
        "\\",
        "'",
        "%",
        "%E2",
        "%8",
        "%AC",
        "*",
        "*0",
        "*1*",
        "*4294967296*",
        "name",
        "filename",
        "charset",
        "utf-8",
        "x-unknown",
        "windows-1252",
        " ",
        "€",
        "=?x?€?y?=",
    ];
    check("params/RFC 2231/charsets", made_of(pieces, 60), |value| {
        let (_, params) = split_params(&value);
        for name in ["name", "filename", "charset"] {
            param_value(&params, name);
        }
        decode_rfc2231(&value);
        for label in ["utf-8", "iso-8859-1", "windows-1252", "iso-8859-15", &value] {
            decode_charset(label, value.as_bytes());
        }
    });
}

#[test]
fn parsers_prop_addresses() {
    let pieces: &'static [&'static str] = &[
        "a",
        "@",
        ".",
        "..",
        "\"",
        "\\",
        "<",
        ">",
        "(",
        ")",
        ",",
        ";",
        ":",
        "[",
        "]",
        " ",
        "\r\n",
        "b.co",
        "IPv6:",
        "€",
        "χ",
        "-",
        "=?utf-8?B?4oKs?=",
        "=?x?€?y?=",
    ];
    check(
        "addresses",
        prop_oneof![any::<String>(), made_of(pieces, 60)],
        |field| {
            let _ = parse_recipients(&field);
            let _ = validate_addr_spec(&field);
            // Address headers of a draft read back: groups, comments, names.
            for header in ["From", "To", "Cc", "Bcc"] {
                parse_draft(format!("{header}: {field}\r\n\r\n").as_bytes());
            }
        },
    );
}

#[test]
fn parsers_prop_json_shapes() {
    check(
        "JSON shapes",
        prop_oneof![json_text(), message_json()],
        |json| {
            if let Ok(meta) = serde_json::from_str::<MessageMeta>(&json) {
                let row = meta.summary();
                for text in [&row.from, &row.subject, &row.snippet] {
                    assert!(shown_ok(text).is_ok(), "{text}");
                }
            }
            let wrapped = format!("{{\"id\":\"d\",\"message\":{json}}}");
            if let Ok(draft) = serde_json::from_str::<DraftMeta>(&wrapped) {
                let row = draft.summary();
                assert!(shown_ok(&row.to).is_ok() && shown_ok(&row.subject).is_ok());
            }
            let _ = serde_json::from_str::<IdList>(&json).map(IdList::ids);
            let _ = serde_json::from_str::<LabelList>(&json).map(|l| l.choices());
            let _ = serde_json::from_str::<RawDraft>(&json);
        },
    );
}

#[test]
fn parsers_prop_dates() {
    check(
        "internalDate/short_date",
        (any::<i64>(), any::<i64>(), any::<i32>()),
        |(ms, now, offset)| {
            assert!(!short_date(ms, now, offset).is_empty());
            assert!(MessageDate::new(ms, offset).to_rfc5322().len() <= 31);
        },
    );
}
