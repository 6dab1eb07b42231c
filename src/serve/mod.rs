//! `serve`: a local negotiation workbench in the browser, over the deal files of one folder.
//!
//! The front end (`assets/`: plain HTML, CSS and JavaScript, no build step) is embedded in
//! the binary. The routes ([`api`]) answer JSON over the same pipeline as the CLI: a form
//! from the schema, a live preview in the HTML writer with `check`'s findings, saves that
//! are atomic and keep a backup, downloads in every format. `docs/serve.md` has the routes
//! and the guards.
//!
//! Safe by default ([`http::Guard`]): bound to 127.0.0.1 unless told otherwise, and then
//! only with a token; the `Host` header checked (DNS rebinding); state-changing requests
//! need `X-Dealdraft: 1` and a same-origin `Origin`; names are checked so no path leaves
//! the folder and no symlink is followed ([`files`]); bodies and uploads are capped.
//!
//! The HTTP stack is `tiny_http` (sync; see Cargo.toml for the measured choice): a few
//! worker threads take requests from its queue, each polling with a timeout so that
//! [`Running::stop`] ends them once their request is answered.

pub mod api;
pub mod files;
pub mod http;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;

use crate::check::rules::RuleSet;
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use http::{Guard, Reply, Req};

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// How many requests are answered at once.
const WORKERS: usize = 4;
/// How often an idle worker looks whether the server is stopping.
const POLL: Duration = Duration::from_millis(100);

/// What to serve, and where.
pub struct Options {
    /// The folder of deal files.
    pub dir: PathBuf,
    /// The address to listen on (port 0: any free port).
    pub bind: SocketAddr,
    /// The token every request must carry; required when `bind` is not a loopback address.
    pub token: Option<String>,
    /// The library.
    pub library: Library,
}

/// What every worker shares.
pub struct State {
    library: Library,
    rules: RuleSet,
    folder: files::Folder,
    guard: Guard,
    schema: Value,
    uploads: Mutex<api::Uploads>,
    listing: Mutex<HashMap<String, Value>>,
}

/// A running server.
pub struct Running {
    addr: SocketAddr,
    token: Option<String>,
    stopping: Arc<AtomicBool>,
    server: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
}

/// A new random token: 32 hex digits from the OS's random source.
pub fn new_token() -> Result<String, Diagnostic> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Diagnostic::error(format!("cannot make a token: {e}")))?;
    Ok(crate::output::hex(&bytes))
}

/// Starts the server: binds (an error if the address is taken), then answers requests on
/// worker threads until [`Running::stop`].
pub fn start(opts: Options) -> Result<Running, Diagnostic> {
    if !opts.bind.ip().is_loopback() && opts.token.is_none() {
        return Err(Diagnostic::error(format!(
            "serving on {} (not a loopback address) needs a token",
            opts.bind.ip()
        ))
        .help("pass --token T, or let `dealdraft serve` make one"));
    }
    if let Some(t) = &opts.token
        && (t.len() < 16 || !t.chars().all(|c| c.is_ascii_graphic()))
    {
        return Err(Diagnostic::error(
            "a token is at least 16 visible ASCII characters (no spaces)",
        ));
    }
    let folder = files::Folder::new(&opts.dir).map_err(Diagnostic::error)?;
    let rules = RuleSet::load(&opts.library).map_err(|d| {
        d.errors()
            .next()
            .cloned()
            .unwrap_or_else(|| Diagnostic::error("the library's rules do not load"))
    })?;
    let listener = TcpListener::bind(opts.bind).map_err(|e| {
        let help = match e.kind() {
            std::io::ErrorKind::AddrInUse => "another program listens there: pick another --port",
            std::io::ErrorKind::PermissionDenied => {
                "ports below 1024 need privileges: use --port 8080"
            }
            _ => "check --bind and --port",
        };
        Diagnostic::error(format!("cannot listen on {}: {e}", opts.bind)).help(help)
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(format!("cannot listen on {}: {e}", opts.bind)))?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Diagnostic::error(format!("cannot serve on {addr}: {e}")))?;
    let schema = api::schema(&opts.library, &rules);
    let state = Arc::new(State {
        library: opts.library,
        rules,
        folder,
        guard: Guard {
            port: addr.port(),
            bind: addr.ip(),
            token: opts.token.clone(),
        },
        schema,
        uploads: Mutex::default(),
        listing: Mutex::default(),
    });
    let server = Arc::new(server);
    let stopping = Arc::new(AtomicBool::new(false));
    let workers = (0..WORKERS)
        .map(|i| {
            let (server, state, stopping) = (server.clone(), state.clone(), stopping.clone());
            std::thread::Builder::new()
                .name(format!("serve-{i}"))
                .spawn(move || work(&server, &state, &stopping))
                .map_err(|e| Diagnostic::error(format!("cannot start a worker thread: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Running {
        addr,
        token: opts.token,
        stopping,
        server,
        workers,
    })
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to open: `http://127.0.0.1:PORT/`, with `?token=…` when there is a token
    /// (a wildcard address is shown as 127.0.0.1).
    pub fn url(&self) -> String {
        let host = match self.addr.ip() {
            IpAddr::V4(a) if a.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(a) if a.is_unspecified() => "[::1]".to_string(),
            IpAddr::V6(a) => format!("[{a}]"),
            a => a.to_string(),
        };
        match &self.token {
            Some(t) => format!("http://{host}:{}/?token={t}", self.addr.port()),
            None => format!("http://{host}:{}/", self.addr.port()),
        }
    }

    /// Waits until `flag` is set (e.g. by a Ctrl-C handler), then stops.
    pub fn run_until(self, flag: &AtomicBool) {
        while !flag.load(Ordering::SeqCst) {
            std::thread::sleep(POLL);
        }
        self.stop();
    }

    /// Stops taking requests, lets each worker finish the one it is answering, and
    /// returns when all have (as dropping the handle does).
    pub fn stop(self) {}
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn work(server: &tiny_http::Server, state: &State, stopping: &AtomicBool) {
    while !stopping.load(Ordering::SeqCst) {
        match server.recv_timeout(POLL) {
            Ok(Some(rq)) => answer(rq, state),
            Ok(None) => {}
            Err(_) => std::thread::sleep(POLL),
        }
    }
}

/// Reads a request, passes it through the guards and the router, and answers it. A panic
/// in a handler is answered 500, never the end of the server.
fn answer(mut rq: tiny_http::Request, state: &State) {
    let (path, query) = http::split_target(rq.url());
    let headers = rq
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.as_str().to_string(),
            )
        })
        .collect();
    let mut req = Req {
        method: rq.method().as_str().to_ascii_uppercase(),
        path,
        query,
        headers,
        body: Vec::new(),
    };
    let reply = match state.guard.check(&req) {
        Err(r) => r,
        Ok(token_in_query) => {
            let limit = if req.path == "/api/uploads" {
                api::MAX_UPLOAD
            } else {
                api::MAX_JSON_BODY
            };
            let declared = rq.body_length();
            match http::read_capped(rq.as_reader(), declared, limit) {
                Err(r) => r,
                Ok(body) => {
                    req.body = body;
                    if token_in_query && req.method == "GET" && req.path == "/" {
                        token_cookie(state)
                    } else {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            route(state, &req)
                        }))
                        .unwrap_or_else(|_| {
                            Reply::error(500, "internal error (a bug: please report it)")
                        })
                    }
                }
            }
        }
    };
    let _ = rq.respond(to_response(reply));
}

/// `GET /?token=T`: the token as a cookie, and back to `/` without it in the address bar.
fn token_cookie(state: &State) -> Reply {
    let token = state.guard.token.clone().unwrap_or_default();
    Reply::bytes(303, "text/plain; charset=utf-8", Vec::new())
        .with(
            "Set-Cookie",
            format!("dealdraft_token={token}; HttpOnly; SameSite=Strict; Path=/"),
        )
        .with("Location", "/")
}

fn to_response(reply: Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut r = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = vec![
        ("Content-Type".to_string(), reply.content_type),
        ("Cache-Control".into(), "no-store".into()),
        ("X-Content-Type-Options".into(), "nosniff".into()),
        ("Referrer-Policy".into(), "no-referrer".into()),
        (
            "Content-Security-Policy".into(),
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; frame-src 'self' blob: data:; frame-ancestors 'self'; \
             base-uri 'none'; form-action 'self'; object-src 'none'"
                .into(),
        ),
    ];
    headers.extend(reply.headers);
    for (k, v) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            r.add_header(h);
        }
    }
    r
}

/// The routes.
fn route(state: &State, req: &Req) -> Reply {
    let m = req.method.as_str();
    let asset = |ct: &str, text: &str| Reply::bytes(200, ct, text.as_bytes().to_vec());
    match (m, req.path.as_str()) {
        ("GET", "/") => asset("text/html; charset=utf-8", INDEX_HTML),
        ("GET", "/assets/app.js") => asset("text/javascript; charset=utf-8", APP_JS),
        ("GET", "/assets/app.css") => asset("text/css; charset=utf-8", APP_CSS),
        ("GET", "/api/deals") => api::list(state),
        ("POST", "/api/deals") => api::create(state, req),
        ("GET", "/api/schema") => Reply::json(200, &state.schema),
        ("POST", "/api/preview") => api::preview(state, req),
        ("POST", "/api/validate") => api::validate(state, req),
        ("POST", "/api/uploads") => api::upload(state, req),
        ("POST", "/api/download") => api::download(state, req),
        (_, p) if p.starts_with("/api/deals/") => {
            let Some(name) = http::percent_decode(&p["/api/deals/".len()..], false) else {
                return Reply::error(400, "the deal's name is not a valid URL path");
            };
            match m {
                "GET" => api::open(state, &name),
                "PUT" => api::save(state, &name, req),
                _ => Reply::error(405, format!("{m} is not allowed here")),
            }
        }
        (
            _,
            "/" | "/assets/app.js" | "/assets/app.css" | "/api/deals" | "/api/schema"
            | "/api/preview" | "/api/validate" | "/api/uploads" | "/api/download",
        ) => Reply::error(405, format!("{m} is not allowed on {}", req.path)),
        _ => Reply::error(404, format!("no such page: {}", req.path)),
    }
}
