//! The one renewal rule, shared by the cache, the shell hook and
//! `exec --server`, with the clock injected so tests can move time.
//!
//! A session obtained with more than `min_ttl` left is renewed when
//! `min_ttl` is left: the cache stops handing it out at that moment, and the
//! hook and `exec --server` renew it then. A session that already had
//! `min_ttl` or less when obtained (a short `--duration`, a large
//! `ROLESHIFT_MIN_TTL`) can never satisfy the rule, so it is renewed halfway
//! through what it had left instead of at every use.
//!
//! Times are wall-clock (Unix seconds). Deadlines are compared with the wall
//! clock after every wake-up, so a laptop that slept through a deadline renews
//! as soon as it wakes: a monotonic sleep stops counting during suspend.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Cached sessions with less than this left are renewed (SPEC: 10 minutes).
pub const DEFAULT_MIN_TTL: u64 = 600;

/// The rule for one `--min-ttl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub min_ttl: u64,
}

impl Rule {
    pub fn new(min_ttl: Option<u64>) -> Rule {
        Rule {
            min_ttl: min_ttl.unwrap_or(DEFAULT_MIN_TTL),
        }
    }

    /// Whether a session expiring at `expires` may still be handed out at `now`.
    pub fn fresh(&self, now: i64, expires: i64) -> bool {
        expires - now > self.min_ttl as i64
    }

    /// When a session obtained at `now`, expiring at `expires`, is renewed.
    pub fn renew_at(&self, now: i64, expires: i64) -> i64 {
        let left = (expires - now).max(0);
        if left > self.min_ttl as i64 {
            expires - self.min_ttl as i64
        } else {
            now + left / 2
        }
    }
}

/// After a failed renewal: soon enough to succeed before expiry, not a flood.
pub fn retry_at(now: i64, expires: i64) -> i64 {
    now + ((expires - now) / 4).clamp(1, 30)
}

/// Wall-clock time and sleeping, injectable for tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> i64;
    fn sleep(&self, d: Duration);
}

/// The real clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        unix_now()
    }
    fn sleep(&self, d: Duration) {
        std::thread::sleep(d)
    }
}

pub fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// The longest one sleep lasts before the wall clock is looked at again:
/// how late a deadline may be noticed after the machine wakes from suspend.
pub const WAKE_CHECK: Duration = Duration::from_secs(15);

/// Sleeps until the wall clock reaches `deadline`, in slices of at most
/// `WAKE_CHECK`, so a suspend that passes the deadline ends the wait at the
/// first wake-up.
pub fn sleep_until(clock: &dyn Clock, deadline: i64) {
    loop {
        let left = deadline - clock.now();
        if left <= 0 {
            return;
        }
        clock.sleep(Duration::from_secs(left as u64).min(WAKE_CHECK));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    const NOW: i64 = 1_000_000;

    #[test]
    fn renews_when_min_ttl_is_left() {
        let rule = Rule::new(Some(600));
        assert_eq!(rule.renew_at(NOW, NOW + 3600), NOW + 3000);
        // A 15-minute session with the default 10 minutes: renewed with 10
        // minutes left, as documented (not halfway).
        assert_eq!(Rule::new(None).renew_at(NOW, NOW + 900), NOW + 300);
        assert_eq!(Rule::new(Some(898)).renew_at(NOW, NOW + 900), NOW + 2);
    }

    #[test]
    fn a_session_that_cannot_satisfy_min_ttl_is_renewed_halfway() {
        let rule = Rule::new(Some(1200));
        assert_eq!(rule.renew_at(NOW, NOW + 900), NOW + 450);
        assert_eq!(rule.renew_at(NOW, NOW + 1), NOW);
        assert_eq!(rule.renew_at(NOW, NOW - 5), NOW);
    }

    #[test]
    fn the_cache_stops_handing_out_a_session_when_the_hook_renews_it() {
        for (min_ttl, lifetime) in [(600, 3600), (600, 900), (60, 61), (0, 10)] {
            let rule = Rule::new(Some(min_ttl));
            let at = rule.renew_at(NOW, NOW + lifetime);
            assert!(rule.fresh(at - 1, NOW + lifetime), "{min_ttl} {lifetime}");
            assert!(!rule.fresh(at, NOW + lifetime), "{min_ttl} {lifetime}");
        }
    }

    #[test]
    fn retries_are_bounded() {
        assert_eq!(retry_at(NOW, NOW + 3600), NOW + 30);
        assert_eq!(retry_at(NOW, NOW), NOW + 1);
        assert_eq!(retry_at(NOW, NOW + 40), NOW + 10);
    }

    /// A clock whose sleeps advance time, with a suspend of `jump` seconds
    /// during the first sleep (the monotonic clock would not see it).
    struct Fake {
        now: Mutex<i64>,
        jump: Mutex<i64>,
        sleeps: Mutex<Vec<Duration>>,
    }

    impl Clock for Fake {
        fn now(&self) -> i64 {
            *self.now.lock().unwrap()
        }
        fn sleep(&self, d: Duration) {
            let jump = std::mem::take(&mut *self.jump.lock().unwrap());
            *self.now.lock().unwrap() += d.as_secs() as i64 + jump;
            self.sleeps.lock().unwrap().push(d);
        }
    }

    fn fake(jump: i64) -> Fake {
        Fake {
            now: Mutex::new(NOW),
            jump: Mutex::new(jump),
            sleeps: Mutex::new(Vec::new()),
        }
    }

    #[test]
    fn sleeping_until_a_deadline_notices_a_suspend_at_the_next_wake_up() {
        let clock = fake(40 * 60);
        sleep_until(&clock, NOW + 1800);
        // One slice, then the wall clock says the deadline passed.
        assert_eq!(clock.sleeps.lock().unwrap().len(), 1);
        assert!(clock.now() >= NOW + 1800);
        assert!(clock.now() <= NOW + 40 * 60 + WAKE_CHECK.as_secs() as i64);
    }

    #[test]
    fn sleeping_until_a_deadline_without_suspend_ends_on_time() {
        let clock = fake(0);
        sleep_until(&clock, NOW + 100);
        assert_eq!(clock.now(), NOW + 100);
        let sleeps = clock.sleeps.lock().unwrap();
        assert!(sleeps.iter().all(|d| *d <= WAKE_CHECK));
        sleep_until(&clock, NOW);
        assert_eq!(clock.now(), NOW + 100, "a past deadline does not sleep");
    }
}
