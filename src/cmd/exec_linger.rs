//! What happens to `exec --server`'s endpoint after the command exits.
//! Processes the command left behind (a backgrounded job, a daemon) still
//! hold the endpoint's URL and token. If roleshift exited, its port would be
//! free, and another local user could bind it and serve those processes
//! credentials of their choosing. So on Linux roleshift makes itself a child
//! subreaper: the command's orphaned descendants become roleshift's children,
//! and roleshift keeps the port, answering every request with an error
//! (503 `SessionEnded`), until the last of them has exited. A signal to
//! roleshift in that phase (Ctrl-C, SIGTERM) ends the wait.

/// Called before the command starts, so that its orphans come to roleshift.
pub fn adopt_orphans() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_CHILD_SUBREAPER takes an integer and touches no memory.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }
}

/// After the command exited: stop serving credentials and wait for every
/// process it left behind. Without a subreaper (other systems), the orphans
/// went to init and there is nothing to wait for.
pub fn end_and_wait(store: &crate::server::Store) {
    store.end();
    #[cfg(target_os = "linux")]
    loop {
        let mut status = 0;
        // SAFETY: waitpid writes only `status`.
        let pid = unsafe { libc::waitpid(-1, &mut status, 0) };
        if pid > 0 {
            tracing::debug!(pid, "a process the command left behind has exited");
            continue;
        }
        if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            // ECHILD: none left.
            return;
        }
    }
}
