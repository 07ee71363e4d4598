# roleshift hook for fish: the role of the nearest trusted .roleshift.toml is
# active at every prompt, and right after each cd. Load it from
# ~/.config/fish/config.fish with:
#
#   roleshift hook fish | source
#
# A prompt where nothing changed starts no process: the hook compares $PWD,
# a renewal deadline, the session's expiry and target (a `roleshift export`
# by hand is watched and renewed too) and two files' modification times (the
# nearest .roleshift.toml and the trust store, against stamp files) with what
# it saw last, with fish builtins only. Only when one of them changed does it run
# `roleshift hook-env` once and source what that prints. Its state lives in
# global, unexported __roleshift_* variables; nothing secret is kept there.
# fish's `path mtime` counts whole seconds, so an edit in the same second as
# the last check is noticed at the next cd rather than at the next prompt.

set -g __roleshift_bin __ROLESHIFT_BIN__

# Unix time without a process: fish has no clock variable, but `path mtime
# --relative` is now minus a file's mtime, a builtin computation.
function __roleshift_now
    math (path mtime /) + (path mtime --relative /)
end

# Whether FILE changed since roleshift looked: STAMP carries FILE's mtime of
# then; no STAMP means FILE did not exist then. No FILE: nothing is watched.
function __roleshift_changed --argument-names file stamp
    test -n "$file"; or return 1
    if test -z "$stamp"
        test -e "$file"
        return
    end
    test -e "$file"; or return 0
    set -l a (path mtime -- $file)
    set -l b (path mtime -- $stamp)
    test "$a" != "$b"
end

# Exports the saved values and the state to hook-env alone (function-scoped
# copies) and runs it.
function __roleshift_call
    for n in (set --names | string match -- '__roleshift_old_*') __roleshift_saved __roleshift_state
        set -q $n; and set -fx $n $$n
    end
    $__roleshift_bin hook-env --shell fish $argv | string collect -N
end

function __roleshift_hook --on-event fish_prompt --on-variable PWD
    set -l now (__roleshift_now)
    if not set -q __roleshift_busy; and set -q __roleshift_pwd; and test "$__roleshift_pwd" = "$PWD"
        and test "$__roleshift_seen" = "$AWS_CREDENTIAL_EXPIRATION/$ROLESHIFT_PROFILE"
        and begin
            test -z "$__roleshift_deadline"; or test "$now" -lt "$__roleshift_deadline"
        end
        and not __roleshift_changed "$__roleshift_cfg" "$__roleshift_cfg_stamp"
        and not __roleshift_changed "$__roleshift_trust" "$__roleshift_trust_stamp"
        return
    end
    # Still set: the last run was cut short (Ctrl-C). hook-env then keeps or
    # removes what is there instead of trying the same slow thing again.
    set -l flag
    set -q __roleshift_busy; and set flag --cancelled
    set -g __roleshift_busy 1
    # With a handler for INT, fish goes on after Ctrl-C (the user's own
    # handlers run too): a cut-short switch has to drop the old tree's
    # session now, not at the next prompt.
    function __roleshift_on_int --on-signal INT
        set -g __roleshift_int 1
    end
    set -l out (__roleshift_call $flag)
    functions -e __roleshift_on_int
    set -e __roleshift_int
    # hook-env always ends its output with the line that clears the busy
    # mark, even when it fails; anything else was cut short (Ctrl-C) and is
    # not sourced, and the mark stays for the next prompt. (With an INT
    # handler defined, fish goes on after Ctrl-C with whatever output there
    # was and a status that says nothing.)
    if string match -qr 'set -e __roleshift_busy\n?$' -- $out
        printf '%s' $out | source
        set -g __roleshift_pwd $PWD
        set -g __roleshift_seen "$AWS_CREDENTIAL_EXPIRATION/$ROLESHIFT_PROFILE"
        set -g __roleshift_deadline
        if test -n "$__roleshift_ttl"
            set __roleshift_deadline (math $now + $__roleshift_ttl)
        end
    else
        # Cut short outside the applied tree (a switch, or leaving): the old
        # tree's session goes at once, as leaving would remove it.
        if test -n "$__roleshift_root"; and test "$PWD" != "$__roleshift_root"
            and test (string sub -l (string length -- "$__roleshift_root/") -- "$PWD") != "$__roleshift_root/"
            printf '%s' $__roleshift_undo | source
        end
        if test -n "$flag"
            # Cut short twice in a row: stop until something changes.
            set -g __roleshift_pwd $PWD
            set -g __roleshift_seen "$AWS_CREDENTIAL_EXPIRATION/$ROLESHIFT_PROFILE"
            set -g __roleshift_deadline
            set -g __roleshift_cfg
            set -g __roleshift_trust
            set -e __roleshift_busy
        end
    end
end
