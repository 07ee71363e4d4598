# roleshift hook for zsh: the role of the nearest trusted .roleshift.toml is
# active at every prompt, and right after each cd. Load it from ~/.zshrc with:
#
#   eval "$(roleshift hook zsh)"
#
# A prompt where nothing changed starts no process: the hook compares $PWD,
# a renewal deadline, the session's expiry and target (a `roleshift export`
# by hand is watched and renewed too) and two files' modification times (the
# nearest .roleshift.toml and the trust store, against stamp files) with what
# it saw last, in zsh itself. Only when one of them changed does it run
# `roleshift hook-env` once and evaluate what that prints. Its state lives in
# unexported __roleshift_* parameters; nothing secret is kept there.

typeset -g __roleshift_bin=__ROLESHIFT_BIN__
# $EPOCHSECONDS needs this module; without it the hook counts $SECONDS.
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

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
  local -i __roleshift_status=$?
  emulate -L zsh
  typeset -g __roleshift_t=${EPOCHSECONDS:-$SECONDS}
  if [[ -z ${__roleshift_busy-} && ${__roleshift_pwd-} == "$PWD" ]] &&
    [[ ${__roleshift_seen-} == "${AWS_CREDENTIAL_EXPIRATION-}/${ROLESHIFT_PROFILE-}" ]] &&
    { [[ -z ${__roleshift_deadline-} ]] || ((__roleshift_t < __roleshift_deadline)); } &&
    ! __roleshift_changed "${__roleshift_cfg-}" "${__roleshift_cfg_stamp-}" &&
    ! __roleshift_changed "${__roleshift_trust-}" "${__roleshift_trust_stamp-}"; then
    return __roleshift_status
  fi
  __roleshift_run
  # A Ctrl-C that __roleshift_run caught: raised again now that the user's
  # own INT trap (if any) is back in place.
  if [[ -n ${__roleshift_int-} ]]; then
    unset __roleshift_int
    kill -INT $$
  fi
  return __roleshift_status
}

__roleshift_run() {
  emulate -L zsh
  local __roleshift_flag="" __roleshift_out __roleshift_n
  # Still set: the last run was cut short (Ctrl-C). hook-env then keeps or
  # removes what is there instead of trying the same slow thing again.
  [[ -z ${__roleshift_busy-} ]] || __roleshift_flag=--cancelled
  typeset -g __roleshift_busy=1
  # Ctrl-C must not abort this function: a cut-short switch has to drop the
  # old tree's session now, not at the next prompt. This trap is local
  # (emulate -L sets LOCAL_TRAPS): the user's own comes back on return.
  typeset -g __roleshift_int=
  trap 'typeset -g __roleshift_int=1' INT
  # In the command substitution's subshell only, the saved values and the
  # state are exported, so that hook-env alone sees them. (zsh's `export`
  # would create an unset name, so only set ones are exported.)
  __roleshift_out=$(
    for __roleshift_n in ${(k)parameters[(I)__roleshift_old_*]} __roleshift_saved __roleshift_state; do
      [[ -z ${(P)__roleshift_n+x} ]] || export $__roleshift_n
    done
    exec $__roleshift_bin hook-env --shell zsh ${__roleshift_flag:+$__roleshift_flag}
  )
  # hook-env always ends its output with the line that clears the busy
  # mark, even when it fails; anything else was cut short (Ctrl-C) and is
  # not evaluated, and the mark stays for the next prompt.
  if [[ $__roleshift_out == *"unset __roleshift_busy" ]]; then
    eval "$__roleshift_out"
    typeset -g __roleshift_pwd=$PWD __roleshift_deadline=
    typeset -g __roleshift_seen=${AWS_CREDENTIAL_EXPIRATION-}/${ROLESHIFT_PROFILE-}
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
      typeset -g __roleshift_pwd=$PWD __roleshift_deadline='' __roleshift_cfg='' __roleshift_trust=''
      typeset -g __roleshift_seen=${AWS_CREDENTIAL_EXPIRATION-}/${ROLESHIFT_PROFILE-}
      unset __roleshift_busy
    fi
  fi
}

# First among the prompt hooks, so that a prompt drawn after it (starship,
# powerlevel10k) already shows the new role; chpwd applies a new directory's
# role at once, even within one command line. Adding twice is a no-op.
typeset -ga precmd_functions chpwd_functions
if (( ! ${precmd_functions[(I)__roleshift_hook]} )); then
  precmd_functions=(__roleshift_hook $precmd_functions)
fi
if (( ! ${chpwd_functions[(I)__roleshift_hook]} )); then
  chpwd_functions=(__roleshift_hook $chpwd_functions)
fi
