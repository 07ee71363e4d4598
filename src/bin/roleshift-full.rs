//! `roleshift-full`: every command, with the AWS SDK. Users run `roleshift`,
//! which answers cache hits itself and hands everything else to this.

fn main() -> std::process::ExitCode {
    roleshift::app::main()
}
