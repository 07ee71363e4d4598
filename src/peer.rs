//! Who is on the other end of a loopback TCP connection. Any local user can
//! connect to the `exec --server` endpoint; on Linux the kernel's socket
//! table (`/proc/net/tcp`) names the owner of the peer's socket, so a peer of
//! another user is refused before it can even try a token or hold a slot.

use std::net::{SocketAddr, TcpStream};

/// Whether the peer of `stream` belongs to the user running roleshift.
/// Fails closed: a peer that cannot be found in the table is refused.
#[cfg(target_os = "linux")]
pub fn same_user(stream: &TcpStream) -> bool {
    let (Ok(peer), Ok(local)) = (stream.peer_addr(), stream.local_addr()) else {
        return false;
    };
    let Ok(table) = std::fs::read_to_string("/proc/net/tcp") else {
        // No /proc: nothing to check with. The token still guards.
        tracing::debug!("cannot read /proc/net/tcp; peer owner not checked");
        return true;
    };
    match owner_of(&table, peer, local) {
        Some(uid) => uid == crate::owner::me(),
        None => false,
    }
}

#[cfg(not(target_os = "linux"))]
pub fn same_user(_: &TcpStream) -> bool {
    true
}

/// The uid owning the socket whose local end is `peer` and remote end is
/// `local`: the client's side of our connection.
pub fn owner_of(table: &str, peer: SocketAddr, local: SocketAddr) -> Option<u32> {
    let (want_local, want_remote) = (hex_addr(peer)?, hex_addr(local)?);
    table.lines().skip(1).find_map(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        // sl local rem st queues timer retransmits uid ...
        let (l, r, uid) = (f.get(1)?, f.get(2)?, f.get(7)?);
        (l.eq_ignore_ascii_case(&want_local) && r.eq_ignore_ascii_case(&want_remote))
            .then(|| uid.parse().ok())
            .flatten()
    })
}

/// The kernel prints an IPv4 address as its 32-bit value in host order, in
/// hex, and the port in hex: `0100007F:1F90` for 127.0.0.1:8080 on x86.
fn hex_addr(a: SocketAddr) -> Option<String> {
    match a {
        SocketAddr::V4(v4) => Some(format!(
            "{:08X}:{:04X}",
            u32::from_ne_bytes(v4.ip().octets()),
            v4.port()
        )),
        SocketAddr::V6(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_peer_sockets_owner() {
        let peer: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let ip = format!("{:08X}", u32::from_ne_bytes([127, 0, 0, 1]));
        let table = format!(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
             0: {ip}:1F90 {ip}:9C40 01 00000000:00000000 00:00000000 00000000  1000 0 1 1\n\
             1: {ip}:9C40 {ip}:1F90 01 00000000:00000000 00:00000000 00000000 65534 0 2 1\n"
        );
        assert_eq!(owner_of(&table, peer, local), Some(65534));
        let other: SocketAddr = "127.0.0.1:40001".parse().unwrap();
        assert_eq!(owner_of(&table, other, local), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_connection_of_our_own_is_ours() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let _c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        assert!(same_user(&s));
    }
}
