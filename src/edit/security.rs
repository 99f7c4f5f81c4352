//! Who may write through the editor: requests carrying this process's random token, sent by
//! a page of the server's own origin. The Host check of `serve` already refuses names a page
//! elsewhere could point here (DNS rebinding); `--edit` listens only on loopback.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::http::{message, Editor};

/// The header every write request carries the token in.
pub const TOKEN_HEADER: &str = "x-lots-token";

/// A per-process secret, given only to the editor's own pages.
pub struct Token(String);

impl Token {
    /// 32 random bytes from the system, as hex.
    pub fn new() -> Result<Token, String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| format!("cannot make the editor's token (no randomness): {e}"))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compares in time independent of where the texts differ, so the token cannot be
    /// guessed a character at a time.
    pub fn matches(&self, given: &[u8]) -> bool {
        let ours = self.0.as_bytes();
        if ours.len() != given.len() {
            return false;
        }
        ours.iter()
            .zip(given)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
    }
}

/// The origins of the server's own pages: the address it listens on and the loopback names
/// of its port.
pub fn own_origins(address: SocketAddr) -> Vec<String> {
    let port = address.port();
    let mut origins = vec![
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
        format!("http://[::1]:{port}"),
    ];
    let bound = format!("http://{address}");
    if !origins.contains(&bound) {
        origins.push(bound);
    }
    origins
}

/// Refuses (403) a write request without the right token or from another origin; a request
/// without an `Origin` is refused too (every browser sends one with a POST).
pub async fn guard(State(editor): State<Arc<Editor>>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let headers = request.headers();
    let token_ok = headers
        .get(TOKEN_HEADER)
        .is_some_and(|value| editor.token.matches(value.as_bytes()));
    if !token_ok {
        return message(
            StatusCode::FORBIDDEN,
            "Begäran saknar redigerarens nyckel eller har fel nyckel. Ladda om redigeringssidan.",
        );
    }
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let same_origin = origin.is_some_and(|origin| editor.origins.iter().any(|o| o == origin));
    if !same_origin {
        return message(
            StatusCode::FORBIDDEN,
            "Begäran kommer inte från redigeraren på den här datorn (fel eller saknad Origin).",
        );
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_random_hex_and_compared_whole() {
        let token = Token::new().expect("token");
        assert_eq!(token.as_str().len(), 64);
        assert!(token.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(token.as_str(), Token::new().expect("token").as_str());
        assert!(token.matches(token.as_str().as_bytes()));
        assert!(!token.matches(&token.as_str().as_bytes()[..63]));
        assert!(!token.matches(b""));
        let mut wrong = token.as_str().as_bytes().to_vec();
        wrong[63] = if wrong[63] == b'0' { b'1' } else { b'0' };
        assert!(!token.matches(&wrong));
    }

    #[test]
    fn own_origins_are_the_loopback_names_of_the_port() {
        let origins = own_origins("127.0.0.1:4321".parse().expect("address"));
        assert!(origins.contains(&"http://localhost:4321".to_string()));
        assert!(origins.contains(&"http://[::1]:4321".to_string()));
        assert!(!origins.iter().any(|o| o.ends_with(":1111")));
        assert_eq!(origins.len(), 3);
    }
}
