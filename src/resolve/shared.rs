//! Work that concurrent resolutions in one process do once per key: the MFA
//! session of a device (one code for every profile behind it) and the
//! assertion of a `saml_assertion_process` (one sign-in for every role it
//! offers). `exec --each` resolves many profiles at once, each on its own
//! thread and runtime: the first to need a key does the work while the others
//! wait, then take its result as long as it is still fresh.
//!
//! Failures are not remembered: the next caller tries again (a mistyped MFA
//! code is asked for again rather than failing every profile).

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use anyhow::Result;

/// One slot per key. The inner lock is tokio's: it is held across the STS
/// call, and it works across the runtimes of different threads.
type Slot = Arc<tokio::sync::Mutex<Option<Box<dyn Any + Send>>>>;

static SLOTS: LazyLock<Mutex<HashMap<String, Slot>>> = LazyLock::new(Default::default);

/// The value for `key`: the one already made in this process if `fresh`
/// accepts it, else what `make` returns (then kept for later callers).
pub async fn once<T, Fut>(
    key: &str,
    fresh: impl Fn(&T) -> bool,
    make: impl FnOnce() -> Fut,
) -> Result<T>
where
    T: Clone + Send + 'static,
    Fut: Future<Output = Result<T>>,
{
    let slot = {
        // A panic elsewhere while holding the map leaves it usable.
        let mut map = SLOTS.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key.to_string()).or_default().clone()
    };
    let mut held = slot.lock().await;
    if let Some(v) = held.as_ref().and_then(|b| b.downcast_ref::<T>())
        && fresh(v)
    {
        return Ok(v.clone());
    }
    let v = make().await?;
    *held = Some(Box::new(v.clone()));
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn concurrent_callers_on_separate_runtimes_share_one_result() {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let threads: Vec<_> = (0..8)
            .map(|_| {
                std::thread::spawn(|| {
                    crate::resolve::runtime().unwrap().block_on(once(
                        "test-shared-one",
                        |_: &u32| true,
                        || async {
                            MADE.fetch_add(1, Ordering::SeqCst);
                            // Give the other threads time to queue on the slot.
                            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                            Ok(7u32)
                        },
                    ))
                })
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap().unwrap(), 7);
        }
        assert_eq!(MADE.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn stale_values_and_failures_are_made_again() {
        let rt = crate::resolve::runtime().unwrap();
        let key = "test-shared-stale";
        assert!(
            rt.block_on(once(
                key,
                |_: &u32| true,
                || async { anyhow::bail!("wrong code") }
            ))
            .is_err()
        );
        assert_eq!(
            rt.block_on(once(key, |_: &u32| true, || async { Ok(1u32) }))
                .unwrap(),
            1
        );
        let got = rt.block_on(once(key, |v: &u32| *v > 1, || async { Ok(2u32) }));
        assert_eq!(got.unwrap(), 2, "a value `fresh` rejects is made again");
        let kept = rt.block_on(once(key, |v: &u32| *v > 1, || async { Ok(3u32) }));
        assert_eq!(kept.unwrap(), 2);
    }
}
