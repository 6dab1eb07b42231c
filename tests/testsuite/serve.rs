//! `dealdraft serve`, in process: the server on port 0 over a temporary folder holding
//! copies of the examples, spoken to by a small HTTP/1.1 client over `TcpStream`. Every
//! route's success, and every bad input: names that would leave the folder, symlinks,
//! uploads too large, unreadable or of the wrong kind, a wrong or missing token, a foreign
//! origin, a missing `X-Dealdraft`, a wrong `Host`, a deal file broken on disk, saves that
//! race. Then the command itself: the token it prints, a port in use, Ctrl-C.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;

use dealdraft::Library;
use dealdraft::serve::{Options, Running, start};
use serde_json::{Value, json};

use crate::common::root;

/// A reply as the test reads it.
struct Resp {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// One request; `headers` are sent as given (no Host unless given), plus Content-Length
/// and Connection: close.
fn raw(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before it reads a large body and close: a failed write
    // is then expected.
    let _ = s.write_all(body);
    read_reply(&mut s)
}

fn read_reply(s: &mut TcpStream) -> Resp {
    let mut all = Vec::new();
    let _ = s.read_to_end(&mut all);
    let end = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a reply head");
    let head = String::from_utf8(all[..end].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = all[end + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(
            std::str::from_utf8(&b[..line_end])
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap();
        b = &b[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size + 2..];
    }
}

/// A server over a temporary folder with copies of the examples.
struct Server {
    dir: tempfile::TempDir,
    running: Option<Running>,
    addr: SocketAddr,
    token: Option<String>,
}

impl Server {
    fn new() -> Server {
        Server::with_token(None)
    }

    fn with_token(token: Option<&str>) -> Server {
        let dir = tempfile::tempdir().unwrap();
        for name in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
            std::fs::copy(root().join("examples").join(name), dir.path().join(name)).unwrap();
        }
        let running = start(Options {
            dir: dir.path().to_path_buf(),
            bind: "127.0.0.1:0".parse().unwrap(),
            token: token.map(str::to_string),
            library: Library::builtin().unwrap(),
        })
        .unwrap();
        let addr = running.addr();
        Server {
            dir,
            running: Some(running),
            addr,
            token: token.map(str::to_string),
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.addr.port())
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// A request as the front end sends it: its Host, X-Dealdraft: 1, the token if any.
    fn send(&self, method: &str, path: &str, body: &[u8]) -> Resp {
        let host = self.host();
        let auth = self.token.as_ref().map(|t| format!("Bearer {t}"));
        let mut h = vec![("Host", host.as_str()), ("X-Dealdraft", "1")];
        if let Some(a) = &auth {
            h.push(("Authorization", a.as_str()));
        }
        raw(self.addr, method, path, &h, body)
    }

    fn get(&self, path: &str) -> Resp {
        self.send("GET", path, b"")
    }

    fn post(&self, path: &str, body: &Value) -> Resp {
        self.send("POST", path, body.to_string().as_bytes())
    }

    fn put(&self, path: &str, body: &Value) -> Resp {
        self.send("PUT", path, body.to_string().as_bytes())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop();
        }
    }
}

fn bank() -> Value {
    crate::common::example_json("global-bank.json")
}

/// The bank's deal with its uptime at `pct` (and credit tiers that fit below it).
fn bank_at(pct: f64) -> Value {
    let mut d = bank();
    d["sla"]["uptime_pct"] = json!(pct);
    d["sla"]["credit_tiers"] = json!([
        { "below_pct": pct, "credit_pct": 10 },
        { "below_pct": 95.0, "credit_pct": 50 }
    ]);
    d
}

#[test]
fn front_end_and_listing() {
    let s = Server::new();
    let r = s.get("/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/html"));
    assert!(String::from_utf8_lossy(&r.body).contains("/assets/app.js"));
    assert!(
        r.header("content-security-policy")
            .contains("script-src 'self'")
    );
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    let r = s.get("/assets/app.js");
    assert_eq!(
        (r.status, r.header("content-type")),
        (200, "text/javascript; charset=utf-8")
    );
    let r = s.get("/assets/app.css");
    assert_eq!(
        (r.status, r.header("content-type")),
        (200, "text/css; charset=utf-8")
    );
    assert_eq!(s.get("/assets/../Cargo.toml").status, 404);
    assert_eq!(s.get("/nowhere").status, 404);
    assert_eq!(s.send("DELETE", "/api/deals", b"").status, 405);

    let list = s.get("/api/deals").json();
    let names: Vec<&str> = list["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["global-bank.json", "healthcare-azure.json", "minimal.json"]
    );
    let gb = &list["deals"][0];
    assert_eq!(gb["id"], "northwind-bank-openai-2027");
    assert_eq!(gb["customer"], "Northwind");
    assert_eq!(gb["stance"], "preferred");
    assert_eq!(gb["units"], json!(["retail", "markets", "wealth"]));
    assert_eq!(gb["errors"], 0);
    assert!(gb["modified"].as_str().unwrap().ends_with('Z'));
    // minimal.json leaves positions blank.
    assert!(list["deals"][2]["blanks"].as_u64().unwrap() > 0);
}

#[test]
fn open_a_deal() {
    let s = Server::new();
    let bytes = std::fs::read(s.path("global-bank.json")).unwrap();
    let r = s.get("/api/deals/global-bank.json");
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["version"], dealdraft::output::sha256_hex(&bytes));
    assert_eq!(j["text"].as_str().unwrap().as_bytes(), bytes.as_slice());
    assert_eq!(j["deal"]["deal"]["id"], "northwind-bank-openai-2027");
    assert_eq!(j["diagnostics"], json!([]));
    assert_eq!(s.get("/api/deals/nothere.json").status, 404);
}

#[test]
fn schema_groups_every_field_once() {
    let s = Server::new();
    let j = s.get("/api/schema").json();
    let top: Vec<String> = j["schema"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut grouped: Vec<String> = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["fields"].as_array().unwrap().iter())
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    let ids: Vec<&str> = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "deal",
            "sla",
            "support",
            "training",
            "data",
            "exit",
            "commercial",
            "units",
            "parameters"
        ]
    );
    grouped.sort();
    let mut top_sorted = top.clone();
    top_sorted.sort();
    assert_eq!(grouped, top_sorted);
    assert_eq!(j["playbook"]["preferred"]["sla"]["uptime_pct"], json!(99.9));
    assert_eq!(j["coverage"]["sla.uptime_pct"], json!(["SLA-1"]));
    assert_eq!(j["documents"][0]["id"], "sow");
    assert!(
        j["vendors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "openai")
    );
    // The schema is `dealdraft schema`'s.
    let lib = Library::builtin().unwrap();
    assert_eq!(j["schema"], lib.deal_schema());
}

#[test]
fn names_never_leave_the_folder() {
    let s = Server::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.json");
    std::fs::copy(root().join("examples/minimal.json"), &secret).unwrap();
    let secret_bytes = std::fs::read(&secret).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, s.path("link.json")).unwrap();
    for bad in [
        "/api/deals/..%2fsecret.json",
        "/api/deals/%2e%2e%2fsecret.json",
        "/api/deals/%2E%2E%2Fsecret.json",
        "/api/deals/%2Ftmp%2Fsecret.json",
        "/api/deals/a%5Csecret.json",
        "/api/deals/..",
        "/api/deals/.hidden.json",
        "/api/deals/x%00.json",
        "/api/deals/x.txt",
        "/api/deals/%zz.json",
    ] {
        let r = s.get(bad);
        assert_eq!(r.status, 400, "{bad}: {}", String::from_utf8_lossy(&r.body));
        assert!(r.json()["error"].is_string());
    }
    // tiny_http hands the path over as sent: a literal ../ is refused as a name.
    assert_eq!(s.get("/api/deals/../secret.json").status, 400);
    #[cfg(unix)]
    {
        // A symlink in the folder is not listed, not read, not written through.
        let list = s.get("/api/deals").json();
        assert!(!list.to_string().contains("link.json"));
        let r = s.get("/api/deals/link.json");
        assert_eq!(r.status, 400);
        assert!(
            r.json()["error"]
                .as_str()
                .unwrap()
                .contains("not a plain file")
        );
        let version = dealdraft::output::sha256_hex(&secret_bytes);
        let r = s.put(
            "/api/deals/link.json",
            &json!({ "deal": bank(), "version": version }),
        );
        assert_eq!(r.status, 400);
        assert_eq!(std::fs::read(&secret).unwrap(), secret_bytes);
        assert!(
            std::fs::symlink_metadata(s.path("link.json"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    let r = s.post(
        "/api/deals",
        &json!({ "name": "../evil.json", "stance": "preferred" }),
    );
    assert_eq!(r.status, 400);
    assert!(!s.dir.path().parent().unwrap().join("evil.json").exists());
}

#[test]
fn token_checked_on_every_request() {
    let token = "0123456789abcdef0123456789abcdef";
    let s = Server::with_token(Some(token));
    let host = s.host();
    let get = |path: &str, extra: &[(&str, &str)]| {
        let mut h = vec![("Host", host.as_str())];
        h.extend_from_slice(extra);
        raw(s.addr, "GET", path, &h, b"")
    };
    for path in ["/", "/api/deals", "/api/schema", "/assets/app.js"] {
        let r = get(path, &[]);
        assert_eq!(r.status, 401, "{path}");
        assert!(r.json()["error"].as_str().unwrap().contains("token"));
    }
    assert_eq!(
        get("/api/deals", &[("Authorization", "Bearer wrong")]).status,
        401
    );
    assert_eq!(get("/api/deals?token=wrong", &[]).status, 401);
    assert_eq!(
        get(
            "/api/deals",
            &[("Cookie", "dealdraft_token=0123456789abcdef0123456789abcdeX")]
        )
        .status,
        401
    );
    let bearer = format!("Bearer {token}");
    assert_eq!(get("/api/deals", &[("Authorization", &bearer)]).status, 200);
    let cookie = format!("other=1; dealdraft_token={token}");
    assert_eq!(get("/api/deals", &[("Cookie", &cookie)]).status, 200);
    // The printed URL: the token becomes a cookie, and the address bar loses it.
    let r = get(&format!("/?token={token}"), &[]);
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/");
    let set = r.header("set-cookie");
    assert!(set.contains(&format!("dealdraft_token={token}")), "{set}");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
    // A non-loopback address without a token does not start.
    let e = start(Options {
        dir: s.dir.path().to_path_buf(),
        bind: "0.0.0.0:0".parse().unwrap(),
        token: None,
        library: Library::builtin().unwrap(),
    })
    .err()
    .expect("refused");
    assert!(e.message.contains("needs a token"), "{e}");
}

#[test]
fn host_origin_and_header_guards() {
    let s = Server::new();
    let host = s.host();
    let own = format!("http://{host}");
    let body = json!({ "deal": bank() }).to_string();
    let post = |h: &[(&str, &str)]| raw(s.addr, "POST", "/api/validate", h, body.as_bytes());
    // Wrong or missing Host (DNS rebinding).
    assert_eq!(
        raw(
            s.addr,
            "GET",
            "/api/deals",
            &[("Host", "evil.example:80")],
            b""
        )
        .status,
        421
    );
    let evil = format!("evil.example:{}", s.addr.port());
    assert_eq!(
        raw(s.addr, "GET", "/api/deals", &[("Host", &evil)], b"").status,
        421
    );
    assert_eq!(raw(s.addr, "GET", "/api/deals", &[], b"").status, 421);
    let localhost = format!("localhost:{}", s.addr.port());
    assert_eq!(
        raw(s.addr, "GET", "/api/deals", &[("Host", &localhost)], b"").status,
        200
    );
    // A state-changing request without X-Dealdraft.
    let r = post(&[("Host", &host)]);
    assert_eq!(r.status, 403);
    assert!(r.json()["error"].as_str().unwrap().contains("X-Dealdraft"));
    // From a foreign origin.
    let r = post(&[
        ("Host", &host),
        ("X-Dealdraft", "1"),
        ("Origin", "http://evil.example"),
    ]);
    assert_eq!(r.status, 403);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("another origin")
    );
    // Same origin, or no Origin (a non-browser client): answered.
    assert_eq!(
        post(&[("Host", &host), ("X-Dealdraft", "1"), ("Origin", &own)]).status,
        200
    );
    assert_eq!(post(&[("Host", &host), ("X-Dealdraft", "1")]).status, 200);
    // PUT is state-changing too.
    let r = raw(
        s.addr,
        "PUT",
        "/api/deals/minimal.json",
        &[("Host", &host)],
        b"{}",
    );
    assert_eq!(r.status, 403);
}

#[test]
fn a_deal_broken_on_disk_is_listed_and_opened_with_its_errors() {
    let s = Server::new();
    std::fs::write(
        s.path("broken.json"),
        "{\n  \"deal\": {\n    \"id\": \"x\",,\n",
    )
    .unwrap();
    let mut bad_value = bank();
    bad_value["sla"]["uptime_pct"] = json!("high");
    std::fs::write(
        s.path("invalid.json"),
        serde_json::to_string_pretty(&bad_value).unwrap(),
    )
    .unwrap();
    let list = s.get("/api/deals").json();
    let find = |n: &str| {
        list["deals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == n)
            .unwrap()
            .clone()
    };
    let broken = find("broken.json");
    assert_eq!(broken["errors"], 1);
    assert!(
        broken["problem"]
            .as_str()
            .unwrap()
            .contains("broken.json:3:"),
        "{broken}"
    );
    let invalid = find("invalid.json");
    assert!(invalid["errors"].as_u64().unwrap() >= 1);
    assert_eq!(invalid["id"], "northwind-bank-openai-2027");
    // The server still answers.
    let r = s.get("/api/deals/broken.json");
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["deal"], Value::Null);
    let d = &j["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["level"].as_str()),
        (Some(3), Some("error"))
    );
    assert!(d["column"].as_u64().is_some());
    assert!(d["message"].as_str().unwrap().starts_with("invalid JSON"));
    let j = s.get("/api/deals/invalid.json").json();
    assert_eq!(j["deal"]["sla"]["uptime_pct"], "high");
    let d = &j["diagnostics"][0];
    assert_eq!(d["path"], "sla.uptime_pct");
    assert!(d["line"].as_u64().is_some());
    assert!(
        d["text"]
            .as_str()
            .unwrap()
            .starts_with("error: invalid.json:")
    );
}

#[test]
fn save_keeps_a_backup_and_refuses_a_changed_file() {
    let s = Server::new();
    let original = std::fs::read(s.path("global-bank.json")).unwrap();
    let opened = s.get("/api/deals/global-bank.json").json();
    let v0 = opened["version"].as_str().unwrap().to_string();
    let draft = bank_at(99.5);
    let r = s.put(
        "/api/deals/global-bank.json",
        &json!({ "deal": draft, "version": v0 }),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    assert_eq!(j["backup"], "global-bank.json.bak");
    let saved = std::fs::read(s.path("global-bank.json")).unwrap();
    assert_eq!(
        std::fs::read(s.path("global-bank.json.bak")).unwrap(),
        original
    );
    assert_eq!(j["version"], dealdraft::output::sha256_hex(&saved));
    let text = String::from_utf8(saved).unwrap();
    assert_eq!(
        text,
        format!("{}\n", serde_json::to_string_pretty(&draft).unwrap())
    );
    // The field order is kept.
    assert!(text.find("\"schema_version\"").unwrap() < text.find("\"sla\"").unwrap());
    // No temporary file left.
    let names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    // Saving again from the first version: the file changed since; what changed is named.
    let r = s.put(
        "/api/deals/global-bank.json",
        &json!({ "deal": bank_at(99.0), "version": v0 }),
    );
    assert_eq!(r.status, 409);
    let j = r.json();
    assert!(
        j["error"]
            .as_str()
            .unwrap()
            .contains("changed on disk since you opened it")
    );
    assert_eq!(j["version"], dealdraft::output::sha256_hex(text.as_bytes()));
    let changes = j["changes"].as_array().unwrap();
    let uptime = changes
        .iter()
        .find(|c| c["path"] == "sla.uptime_pct")
        .unwrap_or_else(|| panic!("{changes:?}"));
    assert_eq!(
        (&uptime["opened"], &uptime["on_disk"]),
        (&Value::Null, &json!(99.5))
    );
    assert_eq!(
        std::fs::read_to_string(s.path("global-bank.json")).unwrap(),
        text
    );
    // Not an object, a missing file.
    let r = s.put(
        "/api/deals/global-bank.json",
        &json!({ "deal": [1], "version": v0 }),
    );
    assert_eq!(r.status, 400);
    let r = s.put(
        "/api/deals/gone.json",
        &json!({ "deal": bank(), "version": v0 }),
    );
    assert_eq!(r.status, 404);
    assert!(!s.path("gone.json").exists());
}

#[test]
fn two_saves_racing_one_wins() {
    for round in 0..3 {
        let s = Server::new();
        let original = std::fs::read(s.path("global-bank.json")).unwrap();
        let v0 = dealdraft::output::sha256_hex(&original);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let results: Vec<(u16, Value)> = std::thread::scope(|scope| {
            let handles: Vec<_> = [99.5, 99.0]
                .into_iter()
                .map(|pct| {
                    let (s, barrier, v0) = (&s, barrier.clone(), v0.clone());
                    scope.spawn(move || {
                        let body = json!({ "deal": bank_at(pct), "version": v0 });
                        barrier.wait();
                        (
                            s.put("/api/deals/global-bank.json", &body).status,
                            bank_at(pct),
                        )
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut statuses: Vec<u16> = results.iter().map(|r| r.0).collect();
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}");
        let winner = &results.iter().find(|r| r.0 == 200).unwrap().1;
        let on_disk = std::fs::read_to_string(s.path("global-bank.json")).unwrap();
        assert_eq!(
            on_disk,
            format!("{}\n", serde_json::to_string_pretty(winner).unwrap())
        );
        assert_eq!(
            std::fs::read(s.path("global-bank.json.bak")).unwrap(),
            original
        );
    }
}

#[test]
fn new_deal_from_init() {
    let s = Server::new();
    let r = s.post(
        "/api/deals",
        &json!({ "name": "acme-2027.json", "stance": "fallback", "vendor": "openai" }),
    );
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    let bytes = std::fs::read(s.path("acme-2027.json")).unwrap();
    assert_eq!(j["version"], dealdraft::output::sha256_hex(&bytes));
    let deal: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(deal["deal"]["id"], "acme-2027");
    assert_eq!(deal["deal"]["stance"], "fallback");
    let opened = s.get("/api/deals/acme-2027.json").json();
    assert!(opened["deal"].is_object());
    assert_eq!(
        s.post("/api/deals", &json!({ "name": "acme-2027.json" }))
            .status,
        409
    );
    assert_eq!(
        s.post(
            "/api/deals",
            &json!({ "name": "b.json", "stance": "greedy" })
        )
        .status,
        400
    );
    let r = s.post(
        "/api/deals",
        &json!({ "name": "c.json", "vendor": "nobody" }),
    );
    assert_eq!(r.status, 400);
    assert!(
        r.json()["diagnostics"][0]["text"]
            .as_str()
            .unwrap()
            .contains("no vendor profile")
    );
    assert!(!s.path("c.json").exists());
}

#[test]
fn preview_follows_the_uptime() {
    let s = Server::new();
    let at = |pct: f64| {
        let r = s.post(
            "/api/preview",
            &json!({ "deal": bank_at(pct), "document": "sla-annex", "unit": null }),
        );
        assert_eq!(r.status, 200);
        r.json()
    };
    let good = at(99.9);
    let low = at(98.5);
    let (h1, h2) = (
        good["html"].as_str().unwrap(),
        low["html"].as_str().unwrap(),
    );
    assert!(h1.starts_with("<!DOCTYPE html>"));
    assert!(
        h1.contains("99.9%") && !h1.contains("98.5%"),
        "preview at 99.9"
    );
    assert!(
        h2.contains("98.5%") && !h2.contains("99.9%"),
        "preview at 98.5"
    );
    let rules = |j: &Value| -> Vec<String> {
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!rules(&good).contains(&"sla.uptime-low".to_string()));
    let f = low["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "sla.uptime-low")
        .unwrap_or_else(|| panic!("{:?}", rules(&low)));
    assert_eq!(f["path"], "sla.uptime_pct");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["clause"], "sla.uptime");
    assert_eq!(f["anchor"], "cl-sla.uptime");
    assert_eq!(f["coverage"], "SLA-1");
    assert!(f["ms"].is_null() && low["ms"].is_u64());
    let docs: Vec<&str> = low["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(docs[0], "sow");
    assert!(docs.contains(&"sla-annex"));
    assert_eq!(low["units"], json!(["retail", "markets", "wealth"]));
    // A unit's call-off.
    let r = s
        .post("/api/preview", &json!({ "deal": bank(), "unit": "retail" }))
        .json();
    assert!(
        r["html"]
            .as_str()
            .unwrap()
            .contains("<main id=\"document\"")
    );
    let r = s
        .post("/api/preview", &json!({ "deal": bank(), "unit": "nope" }))
        .json();
    assert!(r["html"].is_null());
    assert!(
        r["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no business unit")
    );
    // A document the deal has not.
    let r = s
        .post(
            "/api/preview",
            &json!({ "deal": bank(), "document": "nope" }),
        )
        .json();
    assert!(r["html"].is_null());
    assert!(
        r["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no document")
    );
}

#[test]
fn a_blank_position_is_answered_at_its_field() {
    // The workbench shows each blank at its field: the warning carries the field as its
    // path, never only in its words.
    let s = Server::new();
    let mut d = bank();
    d["deal"]["customer"]
        .as_object_mut()
        .unwrap()
        .remove("legal_name");
    // (The preview assembles the draft and so finds its blanks; /api/validate checks the
    // deal's format only.)
    let j = s.post("/api/preview", &json!({ "deal": d })).json();
    let blanks: Vec<&Value> = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| {
            x["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("not set: the draft shows a blank"))
        })
        .collect();
    assert_eq!(blanks.len(), 1, "{j}");
    assert_eq!(blanks[0]["path"], "deal.customer.legal_name");
    assert_eq!(blanks[0]["level"], "warning");
}

#[test]
fn a_draft_that_does_not_validate_is_answered_at_its_fields() {
    let s = Server::new();
    let mut d = bank();
    d["sla"]["uptime_pct"] = json!(101);
    let r = s.post("/api/preview", &json!({ "deal": d }));
    assert_eq!(r.status, 200);
    let j = r.json();
    assert!(j["html"].is_null());
    let diag = &j["diagnostics"][0];
    assert_eq!(diag["path"], "sla.uptime_pct");
    assert_eq!(diag["level"], "error");
    assert!(diag["line"].is_null());
    assert!(
        diag["text"]
            .as_str()
            .unwrap()
            .starts_with("error: sla.uptime_pct: ")
    );
    let v = s.post("/api/validate", &json!({ "deal": d })).json();
    assert_eq!(v["diagnostics"][0]["path"], "sla.uptime_pct");
    assert_eq!(v["diagnostics"][0]["message"], diag["message"]);
    let v = s.post("/api/validate", &json!({ "deal": bank() })).json();
    assert_eq!(v["diagnostics"], json!([]));
    // Malformed JSON: 400 with the parse error.
    let r = s.send("POST", "/api/preview", b"{\"deal\": ");
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    // Larger than any deal: 413 before it is read.
    let huge = vec![b' '; 5 * 1024 * 1024];
    assert_eq!(s.send("POST", "/api/preview", &huge).status, 413);
}

fn docx_paths(bytes: &[u8]) -> Vec<String> {
    let z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    z.file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect()
}

#[test]
fn uploads_are_checked() {
    let s = Server::new();
    let paper = std::fs::read(root().join("tests/papers/01-cloud-uptime-table/paper.md")).unwrap();
    let r = s.send("POST", "/api/uploads?name=vendor%20paper.md", &paper);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    assert_eq!(
        (j["kind"].as_str(), j["size"].as_u64()),
        (Some("md"), Some(paper.len() as u64))
    );
    assert_eq!(j["name"], "vendor paper.md");
    assert!(j["id"].as_str().unwrap().starts_with('u'));
    for (name, status) in [
        ("..%2F..%2Fetc%2Fpasswd.md", 400),
        ("%2Ftmp%2Fx.md", 400),
        ("a%5Cb.md", 400),
        ("run.exe", 400),
        ("", 400),
    ] {
        let r = s.send("POST", &format!("/api/uploads?name={name}"), b"text");
        assert_eq!(r.status, status, "{name}");
    }
    // Not a Word file, and not UTF-8.
    let r = s.send(
        "POST",
        "/api/uploads?name=paper.docx",
        b"PK\x03\x04 not really a zip",
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("paper.docx"));
    assert_eq!(
        s.send("POST", "/api/uploads?name=p.txt", b"\xff\xfe\x00")
            .status,
        400
    );
    // Too large: refused on its Content-Length, before the body is read.
    let host = s.host();
    let mut c = TcpStream::connect(s.addr).unwrap();
    write!(
        c,
        "POST /api/uploads?name=big.md HTTP/1.1\r\nHost: {host}\r\nX-Dealdraft: 1\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        dealdraft::paper::MAX_FILE_BYTES + 1
    )
    .unwrap();
    let r = read_reply(&mut c);
    assert_eq!(r.status, 413);
    // Nothing written to the folder.
    let names: Vec<String> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn downloads() {
    let s = Server::new();
    let dl = |body: Value| {
        let r = s.post("/api/download", &body);
        assert_eq!(
            r.status,
            200,
            "{body}: {}",
            String::from_utf8_lossy(&r.body)
        );
        r
    };
    let r = dl(json!({ "deal": bank(), "kind": "document", "document": "sow", "format": "md" }));
    assert_eq!(r.header("content-type"), "text/markdown; charset=utf-8");
    assert_eq!(
        r.header("content-disposition"),
        "attachment; filename=\"northwind-bank-openai-2027-sow.md\""
    );
    assert!(String::from_utf8_lossy(&r.body).contains("Statement of Work"));
    let r =
        dl(json!({ "deal": bank(), "kind": "document", "document": "sla-annex", "format": "pdf" }));
    assert_eq!(r.header("content-type"), "application/pdf");
    assert!(r.body.starts_with(b"%PDF"));
    let r = dl(json!({ "deal": bank(), "kind": "document", "format": "docx", "unit": "retail" }));
    assert_eq!(
        r.header("content-type"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(
        r.header("content-disposition")
            .contains("northwind-bank-openai-2027-retail-sow.docx")
    );
    assert!(docx_paths(&r.body).contains(&"word/document.xml".to_string()));
    let r = dl(json!({ "deal": bank(), "format": "html" }));
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
    assert!(r.body.starts_with(b"<!DOCTYPE html>"));
    // Redlines: against the playbook, another deal in the folder, an uploaded paper.
    let r = dl(
        json!({ "deal": bank_at(99.0), "kind": "redline", "against": "playbook:fallback", "format": "md" }),
    );
    assert!(r.header("content-disposition").contains("sow.redline.md"));
    let r = dl(
        json!({ "deal": bank(), "kind": "redline", "against": "deal:healthcare-azure.json", "format": "docx" }),
    );
    assert!(docx_paths(&r.body).contains(&"word/document.xml".to_string()));
    let paper = std::fs::read(root().join("tests/papers/01-cloud-uptime-table/paper.md")).unwrap();
    let up = s.send("POST", "/api/uploads?name=paper.md", &paper).json();
    let id = up["id"].as_str().unwrap();
    let r = dl(
        json!({ "deal": bank(), "kind": "redline", "against": format!("upload:{id}"), "format": "md" }),
    );
    assert!(!r.body.is_empty());
    for bad in ["deal:../x.json", "upload:u999", "elsewhere"] {
        let r = s.post(
            "/api/download",
            &json!({ "deal": bank(), "kind": "redline", "against": bad, "format": "md" }),
        );
        assert!(matches!(r.status, 400 | 404), "{bad}: {}", r.status);
    }
    // The check memo.
    let r = dl(json!({ "deal": bank_at(99.0), "kind": "memo", "format": "md" }));
    assert!(String::from_utf8_lossy(&r.body).contains("99"));
    assert!(r.header("content-disposition").contains("check-memo.md"));
    // A markup of the uploaded paper: a zip of the marked paper and its summary.
    let r = dl(json!({ "deal": bank(), "kind": "markup", "upload": id, "format": "md" }));
    assert_eq!(r.header("content-type"), "application/zip");
    let names = docx_paths(&r.body);
    assert!(
        names.iter().any(|n| n.ends_with("markup-summary.md")),
        "{names:?}"
    );
    // A round needs a Word reply.
    let r = s.post(
        "/api/download",
        &json!({ "deal": bank(), "kind": "round", "upload": id }),
    );
    assert_eq!(r.status, 400);
    // Bad requests.
    let r = s.post("/api/download", &json!({ "deal": bank(), "format": "exe" }));
    assert_eq!(r.status, 400);
    let r = s.post("/api/download", &json!({ "deal": bank(), "kind": "nope" }));
    assert_eq!(r.status, 400);
    let mut broken = bank();
    broken["sla"]["uptime_pct"] = json!(101);
    let r = s.post("/api/download", &json!({ "deal": broken }));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["diagnostics"][0]["path"], "sla.uptime_pct");
    // Nothing was written to the folder.
    assert_eq!(std::fs::read_dir(s.dir.path()).unwrap().count(), 3);
}

fn dealdraft() -> std::process::Command {
    std::process::Command::new(assert_cmd::cargo::cargo_bin!("dealdraft"))
}

/// The first line the child prints on standard output.
fn first_line(child: &mut std::process::Child) -> String {
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    line
}

#[cfg(unix)]
fn interrupt(child: &std::process::Child) {
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
}

#[cfg(unix)]
#[test]
fn command_prints_a_token_and_stops_on_ctrl_c() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let mut child = dealdraft()
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let url = first_line(&mut child);
    let token = url
        .trim()
        .rsplit_once("?token=")
        .map(|(_, t)| t.to_string());
    let token = token.unwrap_or_else(|| panic!("no token in {url:?}"));
    assert_eq!(token.len(), 32);
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    // It answers with the token, and not without.
    let port: u16 = url
        .split(':')
        .nth(2)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let host = format!("127.0.0.1:{port}");
    assert_eq!(
        raw(addr, "GET", "/api/deals", &[("Host", &host)], b"").status,
        401
    );
    let bearer = format!("Bearer {token}");
    let r = raw(
        addr,
        "GET",
        "/api/deals",
        &[("Host", &host), ("Authorization", &bearer)],
        b"",
    );
    assert_eq!(r.status, 200);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("stopped"));
}

#[test]
fn command_port_in_use_is_exit_2() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = dealdraft()
        .args(["serve", "--port", &port])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot listen on 127.0.0.1:"), "{err}");
    assert!(err.contains("pick another --port"), "{err}");
    // A folder that is not there.
    let out = dealdraft()
        .args(["serve", "--port", "0"])
        .arg(dir.path().join("nope"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open the folder"));
    let _ = Path::new("");
}

/// A folder of Word parts, zipped.
fn zip_folder(dir: &Path) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            zip.start_file(name, opts).unwrap();
            zip.write_all(&std::fs::read(e.path()).unwrap()).unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

fn unzip(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(name).unwrap();
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    out
}

#[test]
fn markup_and_round_of_word_files() {
    let s = Server::new();
    // The vendor's Word paper, marked up.
    let paper = zip_folder(&root().join("tests/papers/08-word-sla-ranges/docx"));
    let up = s.send("POST", "/api/uploads?name=vendor.docx", &paper);
    assert_eq!(up.status, 201, "{}", String::from_utf8_lossy(&up.body));
    let up = up.json();
    assert_eq!(up["kind"], "docx");
    let r = s.post(
        "/api/download",
        &json!({ "deal": bank(), "kind": "markup", "upload": up["id"] }),
    );
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("tracked changes of its own")
    );
    let r = s.post(
        "/api/download",
        &json!({ "deal": bank(), "kind": "markup", "upload": up["id"], "accept_existing": true }),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), "application/zip");
    let names = docx_paths(&r.body);
    assert!(
        names.contains(&"vendor.markup.docx".to_string()),
        "{names:?}"
    );
    let marked = unzip(&r.body, "vendor.markup.docx");
    assert!(docx_paths(&marked).contains(&"word/document.xml".to_string()));
    // Our own Word draft back as their reply: a round.
    let ours = s.post(
        "/api/download",
        &json!({ "deal": bank(), "format": "docx" }),
    );
    assert_eq!(ours.status, 200);
    let up = s
        .send("POST", "/api/uploads?name=reply.docx", &ours.body)
        .json();
    let r = s.post(
        "/api/download",
        &json!({ "deal": bank(), "kind": "round", "upload": up["id"] }),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let names = docx_paths(&r.body);
    assert!(
        names.iter().any(|n| n.ends_with("proposals.md")),
        "{names:?}"
    );
    // The temporary copies of the uploads are gone; nothing was written to the folder.
    assert_eq!(std::fs::read_dir(s.dir.path()).unwrap().count(), 3);
}

/// `--open` hands the page's address to the desktop's opener (`xdg-open` here), and a
/// machine without one is told to open it by hand while the server keeps serving.
#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_address_to_the_desktop_opener() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let seen = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        "#!/bin/sh\nprintf '%s\\n' \"$1\" > \"$DEALDRAFT_TEST_OPENED.tmp\" && mv \"$DEALDRAFT_TEST_OPENED.tmp\" \"$DEALDRAFT_TEST_OPENED\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = dealdraft()
        .args(["serve", "--port", "0", "--open"])
        .arg(dir.path())
        .env("PATH", &path)
        .env("DEALDRAFT_TEST_OPENED", &seen)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let url = first_line(&mut child);
    // The opener runs beside the server: wait for its file (not a timing assertion: the
    // generous limit only keeps a broken build from hanging the suite).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !seen.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let opened = std::fs::read_to_string(&seen).expect("xdg-open was not run");
    assert_eq!(opened.trim(), url.trim());
    assert!(opened.starts_with("http://127.0.0.1:"), "{opened}");

    // No opener on PATH: said, not fatal.
    let empty = tempfile::tempdir().unwrap();
    let mut child = dealdraft()
        .args(["serve", "--port", "0", "--open"])
        .arg(dir.path())
        .env("PATH", empty.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let url = first_line(&mut child);
    let port: u16 = url
        .trim()
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let host = format!("127.0.0.1:{port}");
    let addr: SocketAddr = host.parse().unwrap();
    assert_eq!(
        raw(addr, "GET", "/api/deals", &[("Host", &host)], b"").status,
        200
    );
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot open a browser (xdg-open: ") && stderr.contains(url.trim()),
        "{stderr}"
    );
}
