//! The fish hook in an interactive fish on a pseudo-terminal (tmux): trust,
//! entering, switching, leaving, renewal, Ctrl-C and idle prompts against
//! moto. The scenarios themselves are in tests/support/hook_scenarios.rs,
//! shared with the other shells.

mod support;

use support::hook_scenarios as s;
use support::tty::Kind;

const SHELL: Kind = Kind::Fish;

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_untrusted_config_is_not_applied_until_allow_and_deny_removes_it() {
    s::untrusted_is_not_applied_until_allow(SHELL);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_switching_trees_and_leaving_restores_everything() {
    s::switching_trees_and_leaving_restores_everything(SHELL);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_a_hostile_directory_name_executes_nothing() {
    s::a_hostile_directory_name_executes_nothing(SHELL);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_an_edit_blocks_the_file_again() {
    s::an_edit_blocks_the_file_again(SHELL);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_the_exit_status_survives_the_hook() {
    s::the_exit_status_survives_the_hook(SHELL);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_an_idle_prompt_starts_no_process() {
    s::an_idle_prompt_starts_no_process(SHELL);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_renewal_ctrl_c_and_failure() {
    s::renewal_ctrl_c_and_failure(SHELL);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_a_nested_shell_rechecks_what_it_inherited() {
    s::a_nested_shell_rechecks_what_it_inherited(SHELL);
}
