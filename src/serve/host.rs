//! Which `Host` a request may name. A page that DNS rebinding pointed at the server still names
//! its own host (`evil.example`), so only names no one else can point here are answered:
//! `localhost` and IP literals; with `--bind` on one address, that address and the loopback
//! ones; with `--bind 0.0.0.0` (or `::`), any IP literal, since the machine's addresses are not
//! known in advance and a literal cannot be rebound.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

#[derive(Clone, Copy, Debug)]
pub struct Hosts {
    bound: SocketAddr,
}

impl Hosts {
    pub fn new(bound: SocketAddr) -> Hosts {
        Hosts { bound }
    }

    /// Whether a request whose `Host` header (or absolute URL) says `value` is answered.
    pub fn allows(&self, value: &str) -> bool {
        let Some(name) = host_name(value) else {
            return false;
        };
        let ip = match name {
            Name::Localhost => return true,
            Name::Ip(ip) => ip,
        };
        let bound = self.bound.ip();
        ip.is_loopback() || bound.is_unspecified() || ip == bound
    }

    /// Where the site is served, for the refusal's text.
    pub fn url(&self) -> String {
        let ip = self.bound.ip();
        let shown = match ip.is_unspecified() {
            true => SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), self.bound.port()),
            false => self.bound,
        };
        format!("http://{shown}/")
    }
}

enum Name {
    Localhost,
    Ip(IpAddr),
}

/// `localhost`, `127.0.0.1` or `[::1]`, each with or without a port; `None` for any other name
/// (`sub.localhost` too: nothing needs it) and anything that is not a plain host.
fn host_name(value: &str) -> Option<Name> {
    // `port` is what follows the name: nothing, or `:` and the port.
    let (name, port) = match value.strip_prefix('[') {
        Some(rest) => {
            let (inside, port) = rest.split_once(']')?;
            (Name::Ip(IpAddr::V6(inside.parse().ok()?)), port)
        }
        None => {
            let (name, port) = value.split_at(value.find(':').unwrap_or(value.len()));
            let name = match name.parse::<Ipv4Addr>() {
                Ok(ip) => Name::Ip(IpAddr::V4(ip)),
                Err(_) if name.eq_ignore_ascii_case("localhost") => Name::Localhost,
                Err(_) => return None,
            };
            (name, port)
        }
    };
    let port_ok = match port.strip_prefix(':') {
        Some(digits) => !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
        None => port.is_empty(),
    };
    port_ok.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(bound: &str) -> Hosts {
        Hosts::new(bound.parse().expect("an address"))
    }

    #[test]
    fn loopback_names_and_literals_pass() {
        let loopback = hosts("127.0.0.1:1111");
        for good in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(loopback.allows(good), "{good}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:1111",
            "sub.localhost",
            "localhost.",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "user@127.0.0.1",
            "127.0.0.1:",
            "127.0.0.1:11x",
            "[::1",
            "[::1]x",
            "192.168.1.5",
            "::1",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
    }

    #[test]
    fn a_bound_address_passes_and_any_literal_when_bound_to_all() {
        let one = hosts("192.168.1.5:1111");
        assert!(one.allows("192.168.1.5:1111"));
        assert!(one.allows("localhost:1111"));
        assert!(!one.allows("192.168.1.6:1111"));
        let all = hosts("0.0.0.0:1111");
        assert!(all.allows("10.0.0.7:1111"));
        assert!(all.allows("[fe80::1]:1111"));
        assert!(!all.allows("intranet.example:1111"));
        assert_eq!(all.url(), "http://127.0.0.1:1111/");
    }
}
