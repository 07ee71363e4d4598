//! Ctrl-C during a hook switch (issue 12 item 6): `cd` from tree A into a
//! tree whose role is slow to get, and Ctrl-C. The old tree's credentials
//! must be gone for the very next command in the new directory, not only
//! after the next prompt. Without an INT trap the shells abort the hook and
//! draw a fresh prompt, which runs it again; with the user's own trap they
//! go on after it instead, and only the hook can drop the old session then.
//! Run in each shell by tests/e2e_hooks_cancel.rs.

use super::hook_scenarios::{World, get, short_sessions_lasting};
use super::tty::{Kind, read_env};

/// With `user_trap`, the user has an INT trap (fish: handler), which must
/// still run once per Ctrl-C and stay in place.
pub fn ctrl_c_during_a_switch_drops_the_old_tree_at_once(kind: Kind, user_trap: bool) {
    let w = World::new(kind);
    w.allow("alpha");
    short_sessions_lasting(&w, 3600);
    let trapped = w.sb.path("trapped");
    let rc = match (user_trap, kind) {
        (false, _) => String::new(),
        (true, Kind::Fish) => format!(
            "function on_int --on-signal INT; echo trapped >>'{}'; end",
            trapped.display()
        ),
        (true, _) => format!("trap 'echo trapped >>\"{}\"' INT", trapped.display()),
    };
    let tty = w.shell(&rc, &[]);
    tty.run("enter", "cd alpha");
    let a = tty.probe("a");
    assert_eq!(get(&a, "ROLESHIFT_PROFILE"), Some("alpha"));

    std::fs::write(w.sb.path("cwd/slow"), "").unwrap();
    let slowing = w.sb.path("cwd/slowing");
    // zsh and fish switch during the `cd` itself; with a trap, they go on
    // with the rest of the line after Ctrl-C, before any prompt. bash
    // switches at the prompt after the line, so the next line is next.
    let same_line = user_trap && kind != Kind::Bash;
    let env_file = tty.file("after.env");
    let done = tty.file("after.done");
    let probe = format!(
        "env -0 >'{}'; true >'{}'",
        env_file.display(),
        done.display()
    );
    if same_line {
        tty.line(&format!("cd ../short; {probe}"));
    } else {
        tty.line("cd ../short");
    }
    // The switch is under way once short's credential_process is stuck.
    tty.wait_file(&slowing);
    tty.keys("C-c");
    std::fs::remove_file(w.sb.path("cwd/slow")).unwrap();
    // The next command, in the new directory: no prompt in between that
    // could have removed alpha's session.
    if !same_line {
        tty.line(&probe);
    }
    tty.wait_file(&done);
    let after = read_env(&env_file);
    assert_eq!(
        get(&after, "AWS_ACCESS_KEY_ID"),
        None,
        "alpha's keys outlived a cancelled switch\n{}",
        tty.screen()
    );
    assert_eq!(get(&after, "ROLESHIFT_PROFILE"), None);
    assert_eq!(
        get(&after, "AWS_PROFILE"),
        Some("mine"),
        "the user's own is back"
    );
    assert_eq!(get(&after, "AWS_REGION"), Some("us-east-2"));

    let here = tty.file("where.txt");
    tty.run("where", &format!("pwd >'{}'", here.display()));
    let here = std::fs::read_to_string(&here).unwrap();
    assert_eq!(
        Some(here.trim()),
        w.sb.path("cwd/short").to_str(),
        "the cd happened"
    );

    // The next prompt says so, and does not retry until the shell comes back.
    let later = tty.probe("later");
    assert_eq!(get(&later, "AWS_ACCESS_KEY_ID"), None);
    assert!(
        tty.screen()
            .contains("is not applied (cd out and back in to retry)"),
        "{}",
        tty.screen()
    );
    tty.run("back", "cd ..");
    tty.run("again", "cd short");
    let again = tty.probe("again");
    assert_eq!(
        get(&again, "ROLESHIFT_PROFILE"),
        Some("short"),
        "{}",
        tty.screen()
    );
    let back = tty.probe("settled");
    assert_eq!(get(&back, "ROLESHIFT_PROFILE"), Some("short"));

    let traps = || {
        std::fs::read_to_string(&trapped)
            .map(|t| t.lines().count())
            .unwrap_or(0)
    };
    if user_trap {
        assert_eq!(traps(), 1, "the user's INT trap ran once for the Ctrl-C");
        tty.keys("C-c");
        tty.wait_file(&trapped);
        let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while traps() < 2 && std::time::Instant::now() < end {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(traps(), 2, "the user's INT trap is still in place");
    } else {
        assert_eq!(traps(), 0);
    }
}
