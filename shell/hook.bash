# shellcheck shell=bash
# roleshift hook for bash: the role of the nearest trusted .roleshift.toml is
# active at every prompt. Load it from ~/.bashrc with:
#
#   eval "$(roleshift hook bash)"
#
# A prompt where nothing changed starts no process: the hook compares $PWD,
# a renewal deadline, the session's expiry and target (a `roleshift export`
# by hand is watched and renewed too) and two files' modification times (the
# nearest .roleshift.toml and the trust store, against stamp files) with what
# it saw last, in bash itself. Only when one of them changed does it run
# `roleshift hook-env` once and evaluate what that prints. Its state lives in
# unexported __roleshift_* variables; nothing secret is kept there.

__roleshift_bin=__ROLESHIFT_BIN__

# Seconds on a clock of this shell's own; only differences are used.
__roleshift_now() {
  if [[ -n ${EPOCHSECONDS-} ]]; then
    __roleshift_t=$EPOCHSECONDS
  elif ! printf -v __roleshift_t '%(%s)T' -1 2>/dev/null; then
    __roleshift_t=$SECONDS
  fi
}

# Whether FILE changed since roleshift looked: STAMP carries FILE's mtime of
# then; no STAMP means FILE did not exist then. No FILE: nothing is watched.
__roleshift_changed() {
  [[ -n $1 ]] || return 1
  if [[ -z $2 ]]; then
    [[ -e $1 ]]
    return
  fi
  [[ ! -e $1 || $1 -nt $2 || $1 -ot $2 ]]
}

__roleshift_hook() {
  local __roleshift_status=$?
  __roleshift_now
  if [[ -z ${__roleshift_busy-} && ${__roleshift_pwd-} == "$PWD" ]] &&
    [[ ${__roleshift_seen-} == "${AWS_CREDENTIAL_EXPIRATION-}/${ROLESHIFT_PROFILE-}" ]] &&
    { [[ -z ${__roleshift_deadline-} ]] || ((__roleshift_t < __roleshift_deadline)); } &&
    ! __roleshift_changed "${__roleshift_cfg-}" "${__roleshift_cfg_stamp-}" &&
    ! __roleshift_changed "${__roleshift_trust-}" "${__roleshift_trust_stamp-}"; then
    return "$__roleshift_status"
  fi
  __roleshift_run
  return "$__roleshift_status"
}

__roleshift_run() {
  local __roleshift_flag="" __roleshift_out __roleshift_trap __roleshift_int=""
  # Still set: the last run was cut short (Ctrl-C). hook-env then keeps or
  # removes what is there instead of trying the same slow thing again.
  [[ -z ${__roleshift_busy-} ]] || __roleshift_flag=--cancelled
  __roleshift_busy=1
  # Ctrl-C must not abort this function: a cut-short switch has to drop the
  # old tree's session now, not at the next prompt. A no-op trap (not '',
  # which children would inherit as ignored) keeps bash going; the user's
  # own trap is put back afterwards and the signal raised again for it.
  __roleshift_trap=$(trap -p INT)
  trap '__roleshift_int=1' INT
  # In the command substitution's subshell only, the saved values and the
  # state are exported, so that hook-env alone sees them.
  __roleshift_out=$(
    __roleshift_vars=("${!__roleshift_old_@}")
    [[ -z ${__roleshift_saved+x} ]] || __roleshift_vars+=(__roleshift_saved)
    [[ -z ${__roleshift_state+x} ]] || __roleshift_vars+=(__roleshift_state)
    ((${#__roleshift_vars[@]} == 0)) || export "${__roleshift_vars[@]}"
    exec "$__roleshift_bin" hook-env --shell bash ${__roleshift_flag:+"$__roleshift_flag"}
  )
  # hook-env always ends its output with the line that clears the busy
  # mark, even when it fails; anything else was cut short (Ctrl-C) and is
  # not evaluated, and the mark stays for the next prompt.
  if [[ $__roleshift_out == *"unset __roleshift_busy" ]]; then
    eval "$__roleshift_out"
    __roleshift_pwd=$PWD
    __roleshift_seen=${AWS_CREDENTIAL_EXPIRATION-}/${ROLESHIFT_PROFILE-}
    __roleshift_deadline=
    if [[ -n ${__roleshift_ttl-} ]]; then
      __roleshift_deadline=$((__roleshift_t + __roleshift_ttl))
    fi
  else
    # Cut short outside the applied tree (a switch, or leaving): the old
    # tree's session goes at once, as leaving would remove it.
    if [[ -n ${__roleshift_root-} && $PWD != "$__roleshift_root" && $PWD != "$__roleshift_root"/* ]]; then
      eval "${__roleshift_undo-}"
    fi
    if [[ -n $__roleshift_flag ]]; then
      # Cut short twice in a row: stop until something changes.
      __roleshift_pwd=$PWD
      __roleshift_seen=${AWS_CREDENTIAL_EXPIRATION-}/${ROLESHIFT_PROFILE-}
      __roleshift_deadline='' __roleshift_cfg='' __roleshift_trust=''
      unset __roleshift_busy
    fi
  fi
  if [[ -n $__roleshift_trap ]]; then
    eval "$__roleshift_trap"
  else
    trap - INT
  fi
  if [[ -n $__roleshift_int ]]; then
    __roleshift_int=
    kill -INT $$
  fi
}

# Before any other prompt hook, so that a prompt (starship, a status line)
# drawn after it already shows the new role. Both forms of PROMPT_COMMAND
# are kept: the array of bash 5.1 and the string; adding twice is a no-op.
if [[ $(declare -p PROMPT_COMMAND 2>/dev/null) == "declare -a"* ]]; then
  case " ${PROMPT_COMMAND[*]} " in
  *" __roleshift_hook "*) ;;
  *) PROMPT_COMMAND=(__roleshift_hook "${PROMPT_COMMAND[@]}") ;;
  esac
else
  # shellcheck disable=SC2128,SC2178 # this branch is the string form
  case ";${PROMPT_COMMAND-};" in
  *";__roleshift_hook;"*) ;;
  *) PROMPT_COMMAND="__roleshift_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}" ;;
  esac
fi
