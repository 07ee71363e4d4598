//! A stand-in for the EC2 instance metadata service (IMDSv2) on a free
//! loopback port, for `credential_source = Ec2InstanceMetadata`: it hands out
//! one role's fixed keys, so a test can check that they signed the next call.

use std::io::Write;
use std::net::{Ipv4Addr, TcpListener};

use super::fault::read_request;

pub const ROLE: &str = "roleshift-test-instance-role";

/// Starts the service; returns its URL for `AWS_EC2_METADATA_SERVICE_ENDPOINT`.
pub fn start(access_key_id: &str) -> String {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind imds");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let creds = format!(
        r#"{{"Code":"Success","LastUpdated":"2024-01-01T00:00:00Z","Type":"AWS-HMAC","AccessKeyId":"{access_key_id}","SecretAccessKey":"imdssecret","Token":"imdstoken","Expiration":"2099-01-01T00:00:00Z"}}"#
    );
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let Some(request) = read_request(&mut conn) else {
                continue;
            };
            let head = String::from_utf8_lossy(&request);
            let target = head.split(' ').nth(1).unwrap_or("");
            let (status, body) = if target == "/latest/api/token" {
                ("200 OK", "imds-session-token".to_string())
            } else if target.ends_with("/security-credentials/")
                || target.ends_with("/security-credentials-extended/")
            {
                ("200 OK", ROLE.to_string())
            } else if target.ends_with(&format!("/{ROLE}")) {
                ("200 OK", creds.clone())
            } else {
                ("404 Not Found", String::new())
            };
            let _ = write!(
                conn,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nx-aws-ec2-metadata-token-ttl-seconds: 21600\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}
