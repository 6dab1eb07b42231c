//! Requests and replies of the workbench, independent of the HTTP library: a request read
//! whole (its body capped), the guards every request passes (token, `Host`, same origin)
//! and a reply with its status, content type and headers.

use std::collections::BTreeMap;
use std::io::Read;

use serde_json::{Value, json};

/// A request, read whole.
#[derive(Debug, Clone)]
pub struct Req {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, percent-decoding left to the handler (`/api/deals/a%2eb.json`).
    pub path: String,
    /// The query's parameters, percent-decoded.
    pub query: BTreeMap<String, String>,
    /// Headers, names lowercased (the last of a repeated header).
    pub headers: BTreeMap<String, String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Req {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// Whether the request changes state (and so must pass the same-origin guard).
    pub fn changes_state(&self) -> bool {
        !matches!(self.method.as_str(), "GET" | "HEAD" | "OPTIONS")
    }

    /// The body as JSON, or a 400 reply naming the parse error.
    pub fn json(&self) -> Result<Value, Reply> {
        serde_json::from_slice(&self.body)
            .map_err(|e| Reply::error(400, format!("the request is not valid JSON: {e}")))
    }

    /// A cookie's value.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.header("cookie")?.split(';').find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == name).then_some(v)
        })
    }
}

/// A reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The content type.
    pub content_type: String,
    /// Further headers (ASCII).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A JSON reply.
    pub fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8".into(),
            headers: Vec::new(),
            body: serde_json::to_vec(value).expect("JSON serialises"),
        }
    }

    /// A JSON error: `{"error": message}`.
    pub fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply::json(status, &json!({ "error": message.into() }))
    }

    /// A JSON error with diagnostics.
    pub fn error_with(status: u16, message: impl Into<String>, diagnostics: Value) -> Reply {
        Reply::json(
            status,
            &json!({ "error": message.into(), "diagnostics": diagnostics }),
        )
    }

    /// Bytes of a content type.
    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: content_type.into(),
            headers: Vec::new(),
            body,
        }
    }

    /// This reply with a header added.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Why a request is refused before it reaches a handler.
pub fn refused(status: u16, message: &str) -> Reply {
    Reply::error(status, message)
}

/// What the guards know of the server: where it listens and its token.
#[derive(Debug, Clone)]
pub struct Guard {
    /// The port it listens on.
    pub port: u16,
    /// The address it is bound to.
    pub bind: std::net::IpAddr,
    /// The token every request must carry, if any.
    pub token: Option<String>,
}

impl Guard {
    /// Checks the `Host` header (DNS rebinding), the token and, for a state-changing
    /// request, `X-Dealdraft: 1` and a same-origin `Origin`. `Ok(true)` when the request
    /// carried the token in its query (the caller sets the cookie).
    pub fn check(&self, req: &Req) -> Result<bool, Reply> {
        let host = req.header("host").unwrap_or("");
        if !self.host_allowed(host) {
            return Err(refused(
                421,
                "this server answers only to its own address (Host header refused)",
            ));
        }
        let mut from_query = false;
        if let Some(token) = &self.token {
            let bearer = req
                .header("authorization")
                .and_then(|a| a.strip_prefix("Bearer "));
            let given = bearer
                .or_else(|| req.cookie("dealdraft_token"))
                .or_else(|| {
                    from_query = true;
                    req.query.get("token").map(String::as_str)
                });
            match given {
                Some(t) if same(t.trim(), token) => {}
                Some(_) => return Err(refused(401, "wrong token")),
                None => {
                    return Err(refused(
                        401,
                        "this server needs its token: open the URL it printed (…?token=…)",
                    ));
                }
            }
        }
        if req.changes_state() {
            if req.header("x-dealdraft") != Some("1") {
                return Err(refused(
                    403,
                    "a request that changes anything must carry the header X-Dealdraft: 1",
                ));
            }
            if let Some(origin) = req.header("origin")
                && origin != format!("http://{host}")
            {
                return Err(refused(
                    403,
                    format!("requests from another origin ({origin}) are refused").as_str(),
                ));
            }
        }
        Ok(from_query && self.token.is_some())
    }

    /// Whether `host` names this server: its port, and on a loopback address one of
    /// `localhost`, `127.0.0.1`, `[::1]` or the bound address. Bound elsewhere (with a token),
    /// any host name with the right port.
    fn host_allowed(&self, host: &str) -> bool {
        let Some((name, port)) = host.rsplit_once(':') else {
            return false;
        };
        if port.parse::<u16>().ok() != Some(self.port) {
            return false;
        }
        if !self.bind.is_loopback() {
            return !name.is_empty();
        }
        let bound = match self.bind {
            std::net::IpAddr::V6(a) => format!("[{a}]"),
            a => a.to_string(),
        };
        matches!(name, "localhost" | "127.0.0.1" | "[::1]") || name == bound
    }
}

/// Compares two tokens in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Decodes `%XX` escapes (and, in a query, `+` as a space); `None` for a broken escape or
/// bytes that are not UTF-8.
pub fn percent_decode(s: &str, plus_is_space: bool) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Splits a request target into its path and decoded query.
pub fn split_target(target: &str) -> (String, BTreeMap<String, String>) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((percent_decode(k, true)?, percent_decode(v, true)?))
        })
        .collect();
    (path.to_string(), query)
}

/// Reads at most `limit` bytes of `body`; `Err` with a 413 reply past it.
pub fn read_capped(
    body: &mut dyn Read,
    declared: Option<usize>,
    limit: usize,
) -> Result<Vec<u8>, Reply> {
    let too_large = || {
        Reply::error(
            413,
            format!("the request is larger than the {limit} bytes this route accepts"),
        )
    };
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut out = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    body.take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Reply::error(400, format!("cannot read the request: {e}")))?;
    if out.len() > limit {
        return Err(too_large());
    }
    Ok(out)
}

/// A `Content-Disposition` for a download named `name` (made safe: ASCII, no quotes).
pub fn attachment(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(bind: &str, token: Option<&str>) -> Guard {
        Guard {
            port: 8080,
            bind: bind.parse().unwrap(),
            token: token.map(str::to_string),
        }
    }

    #[test]
    fn hosts() {
        let g = guard("127.0.0.1", None);
        assert!(g.host_allowed("localhost:8080"));
        assert!(g.host_allowed("127.0.0.1:8080"));
        assert!(!g.host_allowed("evil.example:8080"));
        assert!(!g.host_allowed("localhost:8081"));
        assert!(!g.host_allowed("localhost"));
        assert!(guard("0.0.0.0", Some("t")).host_allowed("my-laptop:8080"));
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("%2e%2e%2fx", false).as_deref(), Some("../x"));
        assert_eq!(percent_decode("a+b", true).as_deref(), Some("a b"));
        assert_eq!(percent_decode("%zz", false), None);
        assert_eq!(percent_decode("%ff", false), None);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
