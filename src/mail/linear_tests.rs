//! Time bounds on hostile network input (issue 12: 160 KB of HTML took seconds): each
//! parser gets a hostile input and eight times as much; the large one must finish within a
//! plain ceiling and take well under the 64x a quadratic parser would. Native only (the
//! clock traps on wasm32).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::api::MessageMeta;
use super::encoding::{decode_header_text, decode_quoted_printable, param_value, split_params};
use super::{html_to_text, parse_draft, parse_recipients};

/// One linear test at a time: they measure, and would otherwise slow each other down.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Time this thread has spent running (`CLOCK_THREAD_CPUTIME_ID`, from the C library std
/// already links): unlike the wall clock it does not count waiting for a CPU, so builds
/// running beside the tests do not make them fail. `None` off 64-bit Linux.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
pub(super) fn cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        seconds: i64,
        nanos: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut time = Timespec {
        seconds: 0,
        nanos: 0,
    };
    // SAFETY: `time` is a valid, writable timespec for the duration of the call.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) } == 0;
    let seconds = u64::try_from(time.seconds).ok()?;
    let nanos = u32::try_from(time.nanos).ok()?;
    ok.then(|| Duration::new(seconds, nanos))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub(super) fn cpu_time() -> Option<Duration> {
    None
}

/// How long `run` takes: CPU time where it can be read, else wall-clock time.
pub(super) fn time(run: &dyn Fn()) -> Duration {
    let (cpu, wall) = (cpu_time(), Instant::now());
    run();
    match (cpu, cpu_time()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => wall.elapsed(),
    }
}

/// `run(input(n))` against `run(input(8 n))`: under `ceiling`, and under 24x (linear is 8x,
/// quadratic 64x; the slack is for caches and a machine busy with other work). Each is the
/// best of five runs, interleaved, so a burst of load elsewhere does not decide.
fn assert_linear(
    what: &str,
    n: usize,
    ceiling: Duration,
    input: impl Fn(usize) -> String,
    run: impl Fn(&str),
) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (small_input, large_input) = (input(n), input(8 * n));
    let (mut small, mut large) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        small = small.min(time(&|| run(&small_input)));
        large = large.min(time(&|| run(&large_input)));
    }
    println!(
        "linear_time {what}: {} KB in {small:?}, {} KB in {large:?}",
        small_input.len() / 1024,
        large_input.len() / 1024
    );
    assert!(
        large < ceiling,
        "{what}: {} bytes took {large:?}",
        large_input.len()
    );
    // Below two milliseconds noise dominates: compare from there.
    let floor = small.max(Duration::from_millis(2));
    assert!(
        large < floor * 24,
        "{what}: 8x the input took {small:?} -> {large:?}"
    );
}

/// Repeats `unit` to about `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// A debug build (CPU time); the release build is many times faster.
const SECOND: Duration = Duration::from_secs(2);

#[test]
fn html_to_text_is_linear() {
    for unit in [
        // Realistic newsletter markup.
        "<div dir=\"ltr\"><p>Hello <b>Jane</b>,&nbsp;see <a href=\"https://x.example/?a=1&amp;b=2\">this</a>.</p><br><table><tr><td>1</td></tr></table></div>\n",
        // A `<` that opens a tag that never closes: each was a scan to the end.
        "<a",
        "<p title=\"x",
        "<!-",
        "&#x",
        "<script",
    ] {
        assert_linear(&format!("html {unit:.12}"), 20 * 1024, SECOND, |n| repeat_to(unit, n), |h| {
            html_to_text(h);
        });
    }
}

#[test]
fn header_decoding_is_linear() {
    for unit in [
        "=?a?Q?b =?a?B?",
        "=?",
        "=?utf-8?Q?",
        "=?utf-8?B?4oKs?= ",
        "=?utf-8?Q?caf=C3=A9_?=",
        "=?x?€?y?=",
        "Lorem ipsum dolor sit amet ",
    ] {
        assert_linear(
            &format!("header {unit}"),
            32 * 1024,
            SECOND,
            |n| repeat_to(unit, n),
            |t| {
                decode_header_text(t);
            },
        );
    }
}

#[test]
fn inbox_rows_are_linear() {
    let json = |n: usize| {
        let subject = repeat_to("=?x?Q?a ", n);
        serde_json::json!({"id": "m", "snippet": repeat_to("&amp;", n),
            "payload": {"headers": [{"name": "Subject", "value": subject},
                {"name": "From", "value": repeat_to("\"<\" (", n)}]}})
        .to_string()
    };
    assert_linear("inbox row", 16 * 1024, SECOND, json, |j| {
        let meta: MessageMeta = serde_json::from_str(j).unwrap_or_default();
        meta.summary();
    });
}

#[test]
fn mime_and_addresses_are_linear() {
    let many_parts = |n: usize| {
        format!(
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n{}",
            repeat_to("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n", n)
        )
    };
    assert_linear("many parts", 16 * 1024, SECOND, many_parts, |m| {
        parse_draft(m.as_bytes());
    });
    let many_headers = |n: usize| {
        format!(
            "{}\r\n",
            repeat_to("To: a@b.co, (c) \"d\" <e@f.co>\r\n ", n)
        )
    };
    assert_linear("address headers", 16 * 1024, SECOND, many_headers, |m| {
        parse_draft(m.as_bytes());
    });
    assert_linear(
        "recipients",
        32 * 1024,
        SECOND,
        |n| repeat_to("\"a,\" <b@c.de>, ", n),
        |f| {
            let _ = parse_recipients(f);
        },
    );
    assert_linear(
        "parameters",
        32 * 1024,
        SECOND,
        |n| repeat_to("; name*1*=%AC", n),
        |p| {
            let (_, params) = split_params(p);
            param_value(&params, "name");
        },
    );
    assert_linear(
        "quoted-printable",
        32 * 1024,
        SECOND,
        |n| repeat_to("=C3=A9 =\r\n", n),
        |q| {
            decode_quoted_printable(q.as_bytes());
        },
    );
}
