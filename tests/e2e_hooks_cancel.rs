//! Ctrl-C during a hook switch in bash, zsh and fish on a pseudo-terminal:
//! the old tree's session is dropped in the shell at once. The scenario is
//! in tests/support/hook_switch.rs.

mod support;

use support::hook_switch::ctrl_c_during_a_switch_drops_the_old_tree_at_once as scenario;
use support::tty::Kind;

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bash_ctrl_c_during_a_switch_drops_the_old_tree_at_once() {
    scenario(Kind::Bash, false);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn bash_ctrl_c_during_a_switch_with_a_user_trap_drops_the_old_tree_at_once() {
    scenario(Kind::Bash, true);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_ctrl_c_during_a_switch_drops_the_old_tree_at_once() {
    scenario(Kind::Zsh, false);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn zsh_ctrl_c_during_a_switch_with_a_user_trap_drops_the_old_tree_at_once() {
    scenario(Kind::Zsh, true);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_ctrl_c_during_a_switch_drops_the_old_tree_at_once() {
    scenario(Kind::Fish, false);
}

#[test]
#[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
fn fish_ctrl_c_during_a_switch_with_a_user_trap_drops_the_old_tree_at_once() {
    scenario(Kind::Fish, true);
}
