use super::*;

fn d(year: i32, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// UTC ms of a UTC wall time, for expectations.
fn utc(year: i32, month: u8, day: u8, h: i64, m: i64) -> i64 {
    d(year, month, day).utc_midnight_ms() + h * HOUR_MS + m * MINUTE_MS
}

#[test]
fn days_round_trip_and_known_values() {
    assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
    assert_eq!(d(2000, 3, 1).days_since_epoch(), 11_017);
    assert_eq!(d(1969, 12, 31).days_since_epoch(), -1);
    assert_eq!(d(2026, 11, 24).days_since_epoch(), 20_781);
    for n in (-800_000..800_000).step_by(97) {
        let date = Date::from_days_since_epoch(n);
        assert_eq!(date.days_since_epoch(), n);
        assert!(
            Date::new(date.year, date.month, date.day).is_some(),
            "{date}"
        );
    }
    // Consecutive days across a leap day and a year end.
    assert_eq!(d(2028, 2, 28).add_days(1), d(2028, 2, 29));
    assert_eq!(d(2028, 2, 29).add_days(1), d(2028, 3, 1));
    assert_eq!(d(2026, 12, 31).add_days(1), d(2027, 1, 1));
    assert_eq!(d(2026, 11, 24).days_until(d(2026, 12, 1)), 7);
}

#[test]
fn weekdays() {
    assert_eq!(d(1970, 1, 1).weekday(), Weekday::Thursday);
    assert_eq!(d(2026, 11, 24).weekday(), Weekday::Tuesday);
    assert_eq!(d(2026, 3, 8).weekday(), Weekday::Sunday);
    assert_eq!(d(1969, 12, 29).weekday(), Weekday::Monday);
}

#[test]
fn date_validation_and_parsing() {
    assert_eq!(Date::new(2026, 2, 29), None);
    assert_eq!(Date::new(2028, 2, 29), Some(d(2028, 2, 29)));
    assert_eq!(Date::new(2026, 13, 1), None);
    assert_eq!(Date::new(2026, 4, 31), None);
    assert_eq!(Date::parse("2026-11-24"), Ok(d(2026, 11, 24)));
    assert_eq!(Date::parse("2026-02-30"), Err(TimeError::OutOfRange));
    assert_eq!(Date::parse("2026-00-10"), Err(TimeError::OutOfRange));
    for bad in [
        "",
        "2026-1-24",
        "2026/11/24",
        "2026-11-24T",
        "+026-11-24",
        "２026-11-2",
    ] {
        assert_eq!(Date::parse(bad), Err(TimeError::Syntax), "{bad:?}");
    }
    assert_eq!(d(2026, 3, 8).to_string(), "2026-03-08");
}

#[test]
fn rfc3339_offsets_and_z() {
    let expected = utc(2026, 11, 24, 11, 0);
    assert_eq!(parse_rfc3339("2026-11-24T13:00:00+02:00"), Ok(expected));
    assert_eq!(parse_rfc3339("2026-11-24T11:00:00Z"), Ok(expected));
    assert_eq!(parse_rfc3339("2026-11-24t11:00:00z"), Ok(expected));
    assert_eq!(parse_rfc3339("2026-11-24 11:00:00Z"), Ok(expected));
    assert_eq!(parse_rfc3339("2026-11-24T11:00:00-00:00"), Ok(expected));
    assert_eq!(parse_rfc3339("2026-11-24T06:00:00-05:00"), Ok(expected));
    // Negative offset crossing back to the previous local day.
    assert_eq!(parse_rfc3339("2026-11-23T21:30:00-13:30"), Ok(expected));
    // Half- and quarter-hour zones.
    assert_eq!(parse_rfc3339("2026-11-24T16:45:00+05:45"), Ok(expected));
    let with = parse_rfc3339_with_offset("2026-11-24T06:00:00-05:00");
    assert_eq!(
        with,
        Ok(OffsetDateTime {
            utc_ms: expected,
            offset_minutes: -300
        })
    );
    // Before 1970.
    assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Ok(-1000));
}

#[test]
fn rfc3339_fractions() {
    let base = utc(2026, 11, 24, 11, 0);
    assert_eq!(parse_rfc3339("2026-11-24T11:00:00.5Z"), Ok(base + 500));
    assert_eq!(parse_rfc3339("2026-11-24T11:00:00.25Z"), Ok(base + 250));
    assert_eq!(parse_rfc3339("2026-11-24T11:00:00.123Z"), Ok(base + 123));
    // Digits beyond milliseconds are truncated, not rounded.
    assert_eq!(
        parse_rfc3339("2026-11-24T11:00:00.123999999Z"),
        Ok(base + 123)
    );
    assert_eq!(parse_rfc3339("2026-11-24T13:00:00.000+02:00"), Ok(base));
    assert_eq!(
        parse_rfc3339("2026-11-24T11:00:00.Z"),
        Err(TimeError::Syntax)
    );
}

#[test]
fn rfc3339_invalid_input_is_an_error() {
    use TimeError::*;
    let cases = [
        ("", Syntax),
        ("2026-11-24", Syntax),
        ("2026-11-24T13:00", Syntax),
        ("2026-11-24T13:00:00", MissingOffset),
        ("2026-11-24T13:00:00.5", MissingOffset),
        ("2026-11-24T13:00:00+0200", Syntax),
        ("2026-11-24T13:00:00+02", Syntax),
        ("2026-11-24T13:00:00 +02:00", Syntax),
        ("2026-11-24T13:00:00+02:00x", Syntax),
        ("2026-11-24T13:00:00ZZ", Syntax),
        ("2026-11-24X13:00:00Z", Syntax),
        ("2026-11-24T1a:00:00Z", Syntax),
        ("2026-11-24T-1:00:00Z", Syntax),
        ("2026-11-24T24:00:00Z", OutOfRange),
        ("2026-11-24T13:60:00Z", OutOfRange),
        ("2026-11-24T13:00:61Z", OutOfRange),
        ("2026-11-24T13:00:00+24:00", OutOfRange),
        ("2026-11-24T13:00:00+02:60", OutOfRange),
        ("2026-02-29T13:00:00Z", OutOfRange),
        ("2026-11-24T13:00:00+02:00\u{e9}", Syntax),
        ("\u{e9}026-11-24T13:00:00Z", Syntax),
    ];
    for (text, err) in cases {
        assert_eq!(parse_rfc3339(text), Err(err), "{text:?}");
    }
    // A leap second rolls over rather than failing.
    assert_eq!(
        parse_rfc3339("2016-12-31T23:59:60Z"),
        Ok(utc(2017, 1, 1, 0, 0))
    );
}

#[test]
fn format_with_offset_round_trips() {
    let t = utc(2026, 11, 24, 11, 0);
    assert_eq!(format_rfc3339(t, 120), "2026-11-24T13:00:00+02:00");
    assert_eq!(format_rfc3339(t, 0), "2026-11-24T11:00:00Z");
    assert_eq!(format_rfc3339(t, -300), "2026-11-24T06:00:00-05:00");
    assert_eq!(format_rfc3339(t, -690), "2026-11-23T23:30:00-11:30");
    assert_eq!(format_rfc3339(t + 7, 60), "2026-11-24T12:00:00.007+01:00");
    assert_eq!(format_rfc3339(-1, 0), "1969-12-31T23:59:59.999Z");
    for offset in [-720, -570, -300, 0, 345, 540, 840] {
        for t in [t, t + 123, -86_399_999, 0] {
            let text = format_rfc3339(t, offset);
            assert_eq!(
                parse_rfc3339_with_offset(&text),
                Ok(OffsetDateTime {
                    utc_ms: t,
                    offset_minutes: offset
                }),
                "{text}"
            );
        }
    }
}

#[test]
fn local_time_of_day() {
    let t = utc(2026, 11, 24, 23, 5);
    assert_eq!(format_hhmm(t, 0), "23:05");
    assert_eq!(format_hhmm(t, 120), "01:05");
    assert_eq!(format_hhmm(t, -300), "18:05");
    assert_eq!(
        to_local(t, 120),
        (d(2026, 11, 25), TimeOfDay { hour: 1, minute: 5 })
    );
    assert_eq!(local_date_fixed(t, -300), d(2026, 11, 24));
    assert_eq!(local_time(t + 59_999, 0).to_string(), "23:05");
    assert_eq!(
        local_midnight_fixed(d(2026, 11, 24), 120),
        utc(2026, 11, 23, 22, 0)
    );
    assert_eq!(format_hhmm(-1, 0), "23:59");
}
