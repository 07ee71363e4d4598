# roleshift hook for nushell: the role of the nearest trusted .roleshift.toml
# is active at every prompt. nushell runs its hooks only before it draws a
# prompt, so in `cd proj; aws ...` on one line, aws runs before the role is
# applied. nushell cannot evaluate generated code at startup, so save the
# hook once and source it (this also defines `roleshift-unset`, below):
#
#   # in env.nu
#   mkdir ($nu.cache-dir | path join roleshift)
#   roleshift hook nu | save --force ($nu.cache-dir | path join roleshift hook.nu)
#   # in config.nu
#   source ($nu.cache-dir | path join roleshift hook.nu)
#
# A prompt where nothing changed starts no process: the hook compares $PWD,
# a renewal deadline, the session's expiry and target (a `roleshift export`
# by hand is watched and renewed too) and two files' modification times with
# what it saw last. Only then does it run `roleshift hook-env --shell nu`, which prints
# data (JSON), never code. The hook keeps its state, and the values it must
# restore, in records under $env: nushell passes only strings to other
# programs, so none of it is exported.

export-env {
    let bin = __ROLESHIFT_BIN__

    # Whether a watched file changed: [file, stamp]; no stamp means the file
    # did not exist then.
    let changed = {|w|
        if $w == null { return false }
        let file = ($w | get 0)
        let stamp = ($w | get 1)
        if $stamp == null { return ($file | path exists) }
        if not ($file | path exists) or not ($stamp | path exists) { return true }
        (ls -D $file | get 0.modified) != (ls -D $stamp | get 0.modified)
    }

    # The session's expiry and target, to notice a `roleshift export` by hand.
    let seen = {|| $"($env.AWS_CREDENTIAL_EXPIRATION? | default '')/($env.ROLESHIFT_PROFILE? | default '')" }

    # Leaving: every MANAGED variable back to its saved value, then the
    # ones the user changed by hand (KEEP) as they were.
    let leave = {|managed, keep|
        let old = ($env.__roleshift_old? | default null)
        if $old != null {
            for n in $managed {
                let v = if ($n in ($old | columns)) { $old | get $n } else { null }
                if $v == null { hide-env -i $n } else { load-env ({} | insert $n $v) }
            }
            hide-env -i __roleshift_old
        }
        for n in ($keep | columns) {
            let v = ($keep | get $n)
            if $v == null { hide-env -i $n } else { load-env ({} | insert $n $v) }
        }
    }

    let hook = {||
        let now = ((date now | into int) // 1_000_000_000)
        let st = ($env.__roleshift? | default {})
        let busy = ($st.busy? | default false)
        let idle = (not $busy) and (($st.pwd? | default "") == $env.PWD) and (($st.seen? | default null) == (do $seen)) and (($st.deadline? == null) or ($now < $st.deadline)) and (not (do $changed ($st.cfg? | default null))) and (not (do $changed ($st.trust? | default null)))
        if $idle { return }

        # Still busy: the last run was cut short (Ctrl-C).
        let flag = if $busy { ["--cancelled"] } else { [] }
        $env.__roleshift = ($st | upsert busy true)
        # hook-env alone sees the saved values and the state, as strings.
        mut extra = {}
        let old = ($env.__roleshift_old? | default null)
        if $old != null {
            for k in ($old | columns) {
                let v = ($old | get $k)
                if $v != null { $extra = ($extra | insert $"__roleshift_old_($k)" $v) }
            }
            $extra = ($extra | insert __roleshift_saved "1")
        }
        if ($st.state? | default null) != null {
            $extra = ($extra | insert __roleshift_state $st.state)
        }
        let res = (with-env $extra { ^$bin hook-env --shell nu ...$flag | complete })
        if ($res.stderr | is-not-empty) { print --stderr --no-newline $res.stderr }
        # hook-env always prints a whole object, even when it fails; anything
        # else was cut short (Ctrl-C) and the busy mark stays for the next prompt.
        let d = (try { $res.stdout | from json } catch { null })
        if ($d == null) or ($d.state? == null) {
            # Cut short outside the applied tree (a switch, or leaving): the
            # old tree's session goes at once, as leaving would remove it.
            let undo = ($st.undo? | default null)
            if ($undo != null) and ($env.PWD != $undo.root) and (not ($env.PWD | str starts-with $"($undo.root)/")) {
                do --env $leave $undo.managed $undo.keep
                $env.__roleshift = ($env.__roleshift | upsert state $undo.state | upsert undo null)
            }
            let st = ($env.__roleshift? | default {})
            if $busy {
                # Cut short twice in a row: stop until something changes.
                $env.__roleshift = { pwd: $env.PWD, seen: (do $seen), state: ($st.state? | default null), cfg: null, trust: null, deadline: null, busy: false }
            }
            return
        }
        let restore = {|n|
            let o = ($env.__roleshift_old? | default {})
            let v = if ($n in ($o | columns)) { $o | get $n } else { null }
            if $v == null { null } else { $v }
        }
        if $d.drop_inherited and ($env.__roleshift_old? == null) and ("ROLESHIFT_PROFILE" in ($env | columns)) {
            for n in $d.session_vars { hide-env -i $n }
        }
        if $d.export != null {
            # The first export saves every managed variable (null: unset).
            if ($env.__roleshift_old? == null) {
                mut saved = {}
                for n in $d.managed {
                    let v = if ($n in ($env | columns)) { $env | get $n } else { null }
                    $saved = ($saved | insert $n $v)
                }
                $env.__roleshift_old = $saved
            }
            let e = $d.export
            for n in $d.managed {
                let v = if ($n in ($e | columns)) { $e | get $n } else { do $restore $n }
                if $v == null { hide-env -i $n } else { load-env ({} | insert $n $v) }
            }
        }
        if $d.leave { do --env $leave $d.managed $d.keep }
        let deadline = if $d.ttl == null { null } else { $now + $d.ttl }
        $env.__roleshift = { pwd: $env.PWD, seen: (do $seen), state: $d.state, cfg: $d.cfg, trust: $d.trust, deadline: $deadline, busy: false, undo: ($d.undo? | default null) }
    }

    # Prepended to the prompt hooks and to env_change.PWD, once: installing
    # twice replaces the earlier copy instead of adding a second.
    let hooks = ($env.config?.hooks? | default {})
    let pre = ($hooks.pre_prompt? | default [] | where {|h| ($h | describe) != "closure" or not (view source $h | str contains "__roleshift_hook_v1") })
    let pwd = ($hooks.env_change?.PWD? | default [] | where {|h| ($h | describe) != "closure" or not (view source $h | str contains "__roleshift_hook_v1") })
    let tagged = {|| "__roleshift_hook_v1"; do --env $hook }
    let on_pwd = {|before, after| "__roleshift_hook_v1"; do --env $hook }
    $env.config = ($env.config? | default {}
        | upsert hooks.pre_prompt ([$tagged] | append $pre)
        | upsert hooks.env_change.PWD ([$on_pwd] | append $pwd))
}

# `roleshift unset` for nushell. The first `roleshift export X --format nu |
# from json | load-env` of a shell saved the variables' earlier values in
# $env.__roleshift_old (a record: it never reaches other programs), and the
# hook saves them there too. This puts them back; with no record (a session
# inherited from a parent shell) it removes the session's keys instead.
def --env roleshift-unset [] {
    let old = ($env.__roleshift_old? | default null)
    let back = if $old != null { $old } else { ^__ROLESHIFT_BIN__ unset --format nu | from json }
    for n in ($back | columns) {
        let v = ($back | get $n)
        if $v == null { hide-env --ignore-errors $n } else { load-env ({} | insert $n $v) }
    }
    hide-env --ignore-errors __roleshift_old
}
