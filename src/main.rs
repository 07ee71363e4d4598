//! `roleshift`: the front binary (see src/front.rs).

fn main() -> std::process::ExitCode {
    // The front serves cache hits: it holds secrets too.
    roleshift::harden::no_core_dumps();
    roleshift::front::main()
}
