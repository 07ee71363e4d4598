//! Whether a region name can be one: the SDK builds a host name from it, and
//! a bad one fails deep inside the SDK with an interceptor's error text. So
//! it is checked up front, with one line that names the region and where it
//! came from.

/// The SDKs' rule for a region: host labels (letters, digits, `-`, not
/// starting with `-`), joined by dots, at most 63 characters each.
pub fn is_valid(region: &str) -> bool {
    !region.is_empty()
        && region.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// The error for REGION, which came from WHERE (`--region`, `profile prod`,
/// `AWS_REGION`), shown escaped so that no control character reaches the
/// terminal.
pub fn why_invalid(region: &str, from: &str) -> String {
    format!(
        "{from}: `{}` is not a region name (letters, digits and `-`, e.g. eu-west-1)",
        region.escape_debug()
    )
}

/// A region that cannot be one is one line naming it and where it came
/// from (FROM); from the `--region` flag, a usage error (exit 2).
pub fn check(region: Option<&str>, from: &str) -> anyhow::Result<()> {
    match region {
        Some(r) if !is_valid(r) => {
            let why = why_invalid(r, from);
            if from == "--region" {
                return Err(crate::error::usage(why));
            }
            anyhow::bail!("{why}")
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        for ok in ["eu-west-1", "us-gov-west-1", "cn-north-1", "local", "a.b"] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in [
            "",
            "eu west 1",
            "eu-west-1/",
            "-x",
            "a..b",
            "é",
            "us_east_1",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
        assert_eq!(
            why_invalid("eu west 1\n", "--region"),
            "--region: `eu west 1\\n` is not a region name (letters, digits and `-`, e.g. eu-west-1)"
        );
    }
}
