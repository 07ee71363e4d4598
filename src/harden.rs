//! Process-wide hardening done once, first thing in `main`: a roleshift process
//! may hold a session secret and a long-term key, so it must not leave them in
//! a core file or let another process of the same user read its memory through
//! ptrace (which `PR_SET_DUMPABLE` 0 also forbids).

/// Turns core dumps off for this process. Only the soft `RLIMIT_CORE` limit
/// drops to 0: the programs `exec` starts inherit it but may raise it again,
/// since they are the user's programs; the dumpable flag resets on their exec.
pub fn no_core_dumps() {
    #[cfg(unix)]
    // SAFETY: plain system calls with valid pointers; a failure leaves the
    // process as it was, which is all that could be done anyway.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_CORE, &mut lim) == 0 {
            lim.rlim_cur = 0;
            libc::setrlimit(libc::RLIMIT_CORE, &lim);
        }
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_DUMPABLE takes an integer argument and touches no memory.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Whether this process may dump core: the check behind the test below and
/// the `core_dumps_are_off` attack test (which reads /proc of a live roleshift).
#[cfg(target_os = "linux")]
pub fn dumpable() -> bool {
    // SAFETY: PR_GET_DUMPABLE takes no pointer.
    unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) != 0 }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn turns_dumps_off() {
        // A forked child, so the test process itself keeps its settings.
        // SAFETY: the child only makes system calls and exits.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            super::no_core_dumps();
            let mut lim = libc::rlimit {
                rlim_cur: 1,
                rlim_max: 1,
            };
            let ok = unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut lim) } == 0
                && lim.rlim_cur == 0
                && !super::dumpable();
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        let mut status = 0;
        assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
        assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    }
}
