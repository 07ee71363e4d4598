//! The hook's decision, as a pure function of what it remembers and what it
//! finds, so that every rule has a unit test. Doing it (resolving, printing
//! code, messages) is `hook::env`'s job.

use std::path::PathBuf;

use super::config::DirConfig;
use super::state::State;

/// What the directory asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// No `.roleshift.toml` here or in any parent.
    None,
    /// The nearest file must not be applied; `line` says why, once per `id`.
    Blocked { id: String, line: String },
    /// A trusted, valid file.
    Tree {
        id: String,
        path: PathBuf,
        cfg: DirConfig,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Nothing applied and nothing to apply.
    Nothing,
    /// The tree in force is still right and nothing is due.
    Keep,
    /// Apply a tree: from nothing, from another tree, or anew in the same one.
    Enter,
    Switch,
    Renew,
    /// Restore what was there before the tree.
    Leave(LeaveWhy),
    /// The last attempt to enter was cancelled (Ctrl-C): do not retry until
    /// the shell leaves the tree or the file or its trust changes.
    CancelledEnter,
    /// The last renewal was cancelled: keep the credentials until they
    /// expire, and try again then.
    CancelledRenew,
    /// This tree failed before; wait for a change rather than fail at every cd.
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveWhy {
    /// Out of the tree, or its file is no longer trusted.
    Left,
    /// Switching was cancelled: the old tree's role must not stay here.
    Cancelled,
    /// A renewal was cancelled and the credentials have expired since.
    Expired,
}

pub fn decide(prev: &State, want: &Want, now: i64, cancelled: bool) -> Step {
    let applied = prev.applied.as_ref();
    let Want::Tree { id, .. } = want else {
        return match applied {
            Some(_) => Step::Leave(LeaveWhy::Left),
            None => Step::Nothing,
        };
    };
    match applied {
        Some(a) if a.id == *id => {
            if cancelled {
                if a.expires.is_some_and(|e| e <= now) {
                    Step::Leave(LeaveWhy::Expired)
                } else {
                    Step::CancelledRenew
                }
            } else if a.renew_at.is_some_and(|r| r <= now) {
                Step::Renew
            } else {
                Step::Keep
            }
        }
        Some(_) if cancelled => Step::Leave(LeaveWhy::Cancelled),
        Some(_) => Step::Switch,
        None if cancelled => Step::CancelledEnter,
        None if prev.failed.as_deref() == Some(id) => Step::Skip,
        None => Step::Enter,
    }
}

#[cfg(test)]
mod tests {
    use super::super::state::Applied;
    use super::*;

    fn tree(id: &str) -> Want {
        Want::Tree {
            id: id.into(),
            path: PathBuf::from("/p/.roleshift.toml"),
            cfg: DirConfig::default(),
        }
    }

    fn applied(id: &str, renew_at: i64, expires: i64) -> State {
        State {
            applied: Some(Applied {
                id: id.into(),
                renew_at: Some(renew_at),
                expires: Some(expires),
                ..Applied::default()
            }),
            ..State::default()
        }
    }

    const NOW: i64 = 1_000_000;

    #[test]
    fn entering_staying_switching_leaving() {
        let none = State::default();
        let a = applied("a", NOW + 100, NOW + 700);
        assert_eq!(decide(&none, &Want::None, NOW, false), Step::Nothing);
        assert_eq!(decide(&none, &tree("a"), NOW, false), Step::Enter);
        assert_eq!(decide(&a, &tree("a"), NOW, false), Step::Keep);
        assert_eq!(decide(&a, &tree("b"), NOW, false), Step::Switch);
        assert_eq!(
            decide(&a, &Want::None, NOW, false),
            Step::Leave(LeaveWhy::Left)
        );
    }

    #[test]
    fn an_untrusted_or_edited_file_is_left_not_applied() {
        let blocked = Want::Blocked {
            id: "a2".into(),
            line: "not allowed".into(),
        };
        assert_eq!(
            decide(&State::default(), &blocked, NOW, false),
            Step::Nothing
        );
        let a = applied("a", NOW + 100, NOW + 700);
        assert_eq!(
            decide(&a, &blocked, NOW, false),
            Step::Leave(LeaveWhy::Left)
        );
    }

    #[test]
    fn renews_when_due() {
        let a = applied("a", NOW, NOW + 600);
        assert_eq!(decide(&a, &tree("a"), NOW, false), Step::Renew);
        assert_eq!(decide(&a, &tree("a"), NOW - 1, false), Step::Keep);
    }

    #[test]
    fn a_cancelled_attempt_is_not_retried_blindly() {
        let none = State::default();
        assert_eq!(decide(&none, &tree("a"), NOW, true), Step::CancelledEnter);
        let a = applied("a", NOW - 10, NOW + 300);
        assert_eq!(decide(&a, &tree("a"), NOW, true), Step::CancelledRenew);
        let expired = applied("a", NOW - 700, NOW - 1);
        assert_eq!(
            decide(&expired, &tree("a"), NOW, true),
            Step::Leave(LeaveWhy::Expired)
        );
        assert_eq!(
            decide(&a, &tree("b"), NOW, true),
            Step::Leave(LeaveWhy::Cancelled)
        );
    }

    #[test]
    fn a_failed_tree_waits_for_a_change() {
        let failed = State {
            failed: Some("a".into()),
            ..State::default()
        };
        assert_eq!(decide(&failed, &tree("a"), NOW, false), Step::Skip);
        // An edit (and a new allow) makes a new id.
        assert_eq!(decide(&failed, &tree("a2"), NOW, false), Step::Enter);
    }
}
