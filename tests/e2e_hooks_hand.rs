//! A role exported by hand, renewed by the hook at the prompt, in bash, zsh
//! and fish on a pseudo-terminal against moto. The scenarios are in
//! tests/support/hook_hand.rs; nushell's are in tests/e2e_nushell.rs.

mod support;

use support::hook_hand as h;
use support::tty::Kind;

macro_rules! each_shell {
    ($($name:ident: $kind:expr, $scenario:path;)*) => {$(
        #[test]
        #[cfg_attr(e2e_missing, ignore = "needs the programs scripts/test installs")]
        fn $name() {
            $scenario($kind);
        }
    )*};
}

each_shell! {
    bash_a_hand_export_is_renewed_at_the_prompt: Kind::Bash, h::a_hand_export_is_renewed_at_the_prompt;
    zsh_a_hand_export_is_renewed_at_the_prompt: Kind::Zsh, h::a_hand_export_is_renewed_at_the_prompt;
    fish_a_hand_export_is_renewed_at_the_prompt: Kind::Fish, h::a_hand_export_is_renewed_at_the_prompt;
    bash_renewal_that_needs_mfa_never_asks: Kind::Bash, h::renewal_that_needs_mfa_never_asks;
    zsh_renewal_that_needs_mfa_never_asks: Kind::Zsh, h::renewal_that_needs_mfa_never_asks;
    fish_renewal_that_needs_mfa_never_asks: Kind::Fish, h::renewal_that_needs_mfa_never_asks;
}
