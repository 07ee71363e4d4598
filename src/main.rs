//! `roleshift`: the front binary (see src/front.rs).

fn main() -> std::process::ExitCode {
    roleshift::front::main()
}
