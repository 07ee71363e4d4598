//! Session durations as users write them: `900`, `15m`, `1h`, `1h30m`, `12h`.

/// STS accepts 15 minutes to 12 hours; a role's own maximum may be lower.
pub const MIN_SECONDS: u32 = 900;
pub const MAX_SECONDS: u32 = 43_200;

/// Parses a duration into seconds without range checks (also used for `--min-ttl`).
pub fn parse_seconds(s: &str) -> Result<u64, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty duration".into());
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().map_err(|_| format!("`{s}` is too large"));
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => {
                return Err(format!(
                    "`{s}` is not a duration: use e.g. 900, 15m, 1h or 1h30m"
                ));
            }
        };
        let n: u64 = digits
            .parse()
            .map_err(|_| format!("`{s}` is not a duration: use e.g. 900, 15m, 1h or 1h30m"))?;
        digits.clear();
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| format!("`{s}` is too large"))?;
    }
    if !digits.is_empty() {
        return Err(format!("`{s}` lacks a unit after {digits}: use s, m or h"));
    }
    Ok(total)
}

/// Parses a session duration and checks STS's bounds.
pub fn parse_session(s: &str) -> Result<u32, String> {
    let secs = parse_seconds(s)?;
    if secs < MIN_SECONDS as u64 || secs > MAX_SECONDS as u64 {
        return Err(format!(
            "`{s}` is outside what STS allows: 15m (900) to 12h (43200)"
        ));
    }
    Ok(secs as u32)
}

/// GetSessionToken (an MFA session of an IAM user) allows up to 36 hours.
pub const MAX_MFA_SECONDS: u32 = 129_600;

/// Parses an MFA session's duration (`ROLESHIFT_MFA_DURATION`): 15m to 36h.
pub fn parse_mfa_session(s: &str) -> Result<u32, String> {
    let secs = parse_seconds(s)?;
    if secs < MIN_SECONDS as u64 || secs > MAX_MFA_SECONDS as u64 {
        return Err(format!(
            "`{s}` is outside what STS allows for an MFA session: 15m (900) to 36h (129600)"
        ));
    }
    Ok(secs as u32)
}

/// `--duration`: up to 36 hours, the most any session allows; the plan then
/// holds each kind of session to its own limit (roles: 12 hours).
pub fn parse_duration_arg(s: &str) -> Result<u32, String> {
    parse_mfa_session(s)
}

/// `42m`, `3h05m`: how prompts and listings show time left.
pub fn human(secs: i64) -> String {
    if secs <= 0 {
        return "expired".into();
    }
    let (h, m) = (secs / 3600, (secs % 3600) / 60);
    match (h, m) {
        (0, 0) => format!("{secs}s"),
        (0, m) => format!("{m}m"),
        (h, m) => format!("{h}h{m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_documented_forms() {
        assert_eq!(parse_session("900"), Ok(900));
        assert_eq!(parse_session("15m"), Ok(900));
        assert_eq!(parse_session("1h"), Ok(3600));
        assert_eq!(parse_session("1h30m"), Ok(5400));
        assert_eq!(parse_session("12h"), Ok(43200));
    }

    #[test]
    fn rejects_out_of_range_and_garbage() {
        for bad in [
            "",
            "899",
            "14m",
            "13h",
            "1d",
            "h",
            "1h30",
            "-5m",
            "1.5h",
            "99999999999999999999h",
        ] {
            assert!(parse_session(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn mfa_sessions_reach_36_hours() {
        assert_eq!(parse_mfa_session("36h"), Ok(129_600));
        assert_eq!(parse_duration_arg("24h"), Ok(86_400));
        assert!(parse_mfa_session("37h").is_err());
        assert!(parse_mfa_session("14m").is_err());
    }

    #[test]
    fn human_forms() {
        assert_eq!(human(42 * 60 + 10), "42m");
        assert_eq!(human(3 * 3600 + 5 * 60), "3h05m");
        assert_eq!(human(30), "30s");
        assert_eq!(human(-1), "expired");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = parse_seconds(&s);
            let _ = parse_session(&s);
        }
    }
}
