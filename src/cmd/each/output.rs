//! The output of `exec --each`: every line a child writes, on stdout or
//! stderr, goes to roleshift's own stdout or stderr with the profile name in
//! front, in one write under the stream's lock, so lines from different
//! children never mix within a line.

use std::io::{BufRead, BufReader, Read, Write};

/// A line longer than this (a child printing megabytes without a newline) is
/// passed on in pieces of this size, each with its prefix, rather than held
/// in memory whole.
const MAX_LINE: usize = 64 * 1024;

/// Which of roleshift's streams a child's stream goes to.
#[derive(Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    /// Writes `bytes` at once under the stream's lock. A closed stdout
    /// (`| head`) is ignored: the children still run to the end and their
    /// statuses still count.
    pub fn write(self, bytes: &[u8]) {
        let _ = match self {
            Stream::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|_| out.flush())
            }
            Stream::Stderr => std::io::stderr().lock().write_all(bytes),
        };
    }
}

/// `name | ` with the names padded to one width, so the columns line up.
pub fn prefix(name: &str, width: usize) -> Vec<u8> {
    let shown = crate::sanitize::printable(name).into_owned();
    let pad = width.saturating_sub(shown.chars().count());
    format!("{shown}{} | ", " ".repeat(pad)).into_bytes()
}

/// Copies `from` to `sink` line by line, each with `prefix` and in one call,
/// until EOF. A last line without a newline gets one. Stops quietly when
/// `from` fails (the child is gone); what it printed so far has been passed on.
pub fn pump(from: impl Read, prefix: &[u8], mut sink: impl FnMut(&[u8])) {
    let mut reader = BufReader::with_capacity(MAX_LINE, from);
    let mut line = prefix.to_vec();
    let mut emit = |line: &mut Vec<u8>| {
        if line.last() != Some(&b'\n') {
            line.push(b'\n');
        }
        sink(line);
        line.truncate(prefix.len());
    };
    loop {
        let buf = match reader.fill_buf() {
            Ok([]) | Err(_) => break,
            Ok(buf) => buf,
        };
        let (take, complete) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        line.extend_from_slice(&buf[..take]);
        reader.consume(take);
        if complete || line.len() - prefix.len() >= MAX_LINE {
            emit(&mut line);
        }
    }
    if line.len() > prefix.len() {
        emit(&mut line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_pad_and_escape_names() {
        assert_eq!(prefix("dev", 6), b"dev    | ");
        assert_eq!(prefix("a\x1bb", 1), b"a\\u{1b}b | ");
    }

    fn writes_of(input: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        pump(input, b"p | ", |w| out.push(w.to_vec()));
        out
    }

    #[test]
    fn one_write_per_line_and_a_newline_for_the_last() {
        assert_eq!(
            writes_of(b"a\nb\n\nc"),
            [&b"p | a\n"[..], b"p | b\n", b"p | \n", b"p | c\n"]
        );
        assert!(writes_of(b"").is_empty());
    }

    #[test]
    fn endless_lines_go_out_in_bounded_pieces() {
        let long = vec![b'x'; MAX_LINE * 2 + 5];
        let pieces = writes_of(&long);
        assert_eq!(pieces.len(), 3);
        assert!(
            pieces
                .iter()
                .all(|p| p.starts_with(b"p | ") && p.ends_with(b"\n"))
        );
        assert!(pieces.iter().all(|p| p.len() <= MAX_LINE + 5));
    }
}
