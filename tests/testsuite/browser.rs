//! The workbench in a real browser: headless Chromium, driven through the DevTools protocol
//! (CDP) over a WebSocket (the `tungstenite` crate; see CONTRIBUTING.md, "The workbench's front end"), against
//! the server started in-process over a folder of copies of the examples.
//!
//! Opens a deal, changes the uptime, sees the preview and a finding change, follows the finding
//! to its field and its clause, adds a business unit, downloads the PDF and reads it back, and
//! saves screenshots of the form and the preview to `target/screenshots/` for review. Without
//! Chromium it prints SKIPPED (and fails under CI). The change → preview time is measured and
//! printed, never asserted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::Message;
use tungstenite::protocol::{Role, WebSocket};

use crate::common::{root, tool_missing};

/// How long any one wait may take before the test fails with what it was waiting for: a guard
/// against a hang, not a timing assertion (the waits end as soon as the page is ready).
const PATIENCE: Duration = Duration::from_secs(120);

/// The Chromium binary: `DEALDRAFT_CHROMIUM`, else the first of Debian's and others' names on
/// the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DEALDRAFT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A headless Chromium and one page of it, driven over CDP.
struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    next: u64,
    session: String,
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(exe: &Path, downloads: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--window-size=1280,800",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut url = None;
        let mut seen = String::new();
        let mut line = String::new();
        while stderr.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(at) = line.find("ws://") {
                url = Some(line[at..].trim().to_string());
                break;
            }
            seen.push_str(&line);
            line.clear();
        }
        let Some(url) = url else {
            let _ = child.kill();
            panic!("Chromium did not start its DevTools endpoint; it said:\n{seen}");
        };
        // Keep draining stderr so that Chromium never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = stderr.read_to_end(&mut sink);
        });
        let ws = connect(&url);
        let mut b = Browser {
            child,
            ws,
            next: 0,
            session: String::new(),
            events: Vec::new(),
            _profile: profile,
        };
        b.call_browser(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": downloads, "eventsEnabled": true }),
        );
        let target = b.call_browser("Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call_browser(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b.call("Page.enable", json!({}));
        b.call("Runtime.enable", json!({}));
        b.call("Log.enable", json!({}));
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false }),
        );
        b
    }

    fn send(&mut self, method: &str, params: Value, session: Option<String>) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = Value::String(s);
        }
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let m = self
                .ws
                .read()
                .unwrap_or_else(|e| panic!("the DevTools connection failed during {method}: {e}"));
            let Message::Text(text) = m else { continue };
            let v: Value = serde_json::from_str(text.as_str()).unwrap();
            if v["id"].as_u64() == Some(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method} failed: {err}");
                }
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// A command to the browser itself.
    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// A command to the page.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let s = self.session.clone();
        self.send(method, params, Some(s))
    }

    /// Evaluates `js` in the page (awaiting a promise) and returns its value.
    fn eval(&mut self, js: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": js, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("the page threw evaluating {js}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `js` is truthy; fails with `what` if it never is.
    fn wait(&mut self, what: &str, js: &str) -> Value {
        let start = Instant::now();
        loop {
            let v = self.eval(js);
            if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
                return v;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited in vain for {what} ({js}); the page says: {}",
                self.eval("document.body.innerText.slice(0, 2000)")
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Types `text` into the element with id `id` as a user would (focus, clear, insert).
    fn type_into(&mut self, id: &str, text: &str) {
        let id_js = serde_json::to_string(id).unwrap();
        let ready = self.eval(&format!(
            "(() => {{ const e = document.getElementById({id_js}); if (!e) return 'missing'; e.scrollIntoView({{block: 'center'}}); e.focus(); if (document.activeElement !== e) return 'not focusable (hidden?)'; e.value = ''; return true; }})()"
        ));
        assert_eq!(ready, json!(true), "typing into {id}");
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Presses a key (Tab, Enter) as the keyboard does.
    fn press(&mut self, key: &str) {
        let (code, text) = match key {
            "Tab" => (9, ""),
            "Enter" => (13, "\r"),
            _ => panic!("no key {key} here"),
        };
        for kind in ["keyDown", "keyUp"] {
            let mut e =
                json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code });
            if kind == "keyDown" && !text.is_empty() {
                e["text"] = json!(text);
            }
            self.call("Input.dispatchKeyEvent", e);
        }
    }

    /// What went wrong in the page so far: uncaught exceptions, and the browser's own error
    /// messages (a refused script or style, a blocked frame) but not the HTTP errors the page
    /// asked for and handles (a 409 on a conflicting save).
    fn page_errors(&mut self) -> Vec<String> {
        self.eval("0"); // takes in the events sent so far
        self.events
            .iter()
            .filter_map(|e| match e["method"].as_str() {
                Some("Runtime.exceptionThrown") => {
                    Some(e["params"]["exceptionDetails"].to_string())
                }
                Some("Log.entryAdded")
                    if e["params"]["entry"]["level"] == "error"
                        && e["params"]["entry"]["source"] != "network" =>
                {
                    Some(e["params"]["entry"].to_string())
                }
                _ => None,
            })
            .collect()
    }

    fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let ok = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return false; e.scrollIntoView({{block: 'center'}}); e.click(); return true; }})()"
        ));
        assert_eq!(ok, json!(true), "nothing to click at {selector}");
    }

    fn screenshot(&mut self, path: &Path) {
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = base64_decode(r["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a screenshot is a PNG");
        std::fs::write(path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens the WebSocket: the HTTP upgrade written here (tungstenite without its `handshake`
/// feature, which would bring an HTTP stack and SHA-1 for a local test), then tungstenite's
/// framing.
fn connect(url: &str) -> WebSocket<TcpStream> {
    let rest = url.strip_prefix("ws://").expect("a ws:// URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: ZGVhbGRyYWZ0LWJyb3dzZXI=\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    .unwrap();
    // Read the answer's head byte by byte, so nothing after it is taken from the stream.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
        assert!(head.len() < 16384, "an endless handshake answer");
    }
    let head = String::from_utf8_lossy(&head);
    assert!(
        head.starts_with("HTTP/1.1 101"),
        "Chromium refused the WebSocket: {head}"
    );
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    WebSocket::from_raw_socket(stream, Role::Client, None)
}

/// Standard base64 (the screenshots CDP sends).
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c) << (18 - 6 * i);
        }
        let k = chunk.len() - 1;
        out.extend_from_slice(&n.to_be_bytes()[1..1 + k]);
    }
    out
}

/// A folder with copies of the examples, as a user's deal folder.
fn deal_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for p in crate::common::examples() {
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let mut hostile = crate::common::example_json("minimal.json");
    hostile["deal"]["customer"] = json!({ "legal_name": HOSTILE, "short_name": HOSTILE });
    crate::common::write_deal(dir.path(), "hostile.json", &hostile);
    dir
}

/// A customer name that would run if it were ever treated as markup.
const HOSTILE: &str = "<img src=x onerror=\"window.pwned=1;parent.pwned=1\">";

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

/// The preview's text (the sandboxed iframe is same-origin to the page, without scripts).
const PREVIEW_TEXT: &str = "(() => { const d = document.getElementById('preview').contentDocument; return d && d.body ? d.body.innerText : ''; })()";

#[test]
fn workbench_in_a_real_browser() {
    let Some(exe) = chromium() else {
        tool_missing(
            "chromium is not installed; `apt-get install chromium` for the real-browser test of `dealdraft serve`",
        );
        return;
    };
    let folder = deal_folder();
    let downloads = tempfile::tempdir().unwrap();
    let shots = root().join("target").join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    let server = dealdraft::serve::start(dealdraft::serve::Options {
        dir: folder.path().to_path_buf(),
        bind: "127.0.0.1:0".parse().unwrap(),
        token: None,
        library: dealdraft::Library::builtin().expect("the built-in library loads"),
    })
    .expect("the server starts");
    let url = server.url();

    let mut b = Browser::launch(&exe, downloads.path());
    b.call("Page.navigate", json!({ "url": url }));

    // The deals in the folder, listed; open one.
    b.wait(
        "the deal list",
        "document.querySelector('tr[data-name=\"global-bank.json\"] button') !== null",
    );
    assert_eq!(
        b.eval("getComputedStyle(document.getElementById('editor-view')).display"),
        json!("none"),
        "the deal list shows alone"
    );
    let listed = b.eval("document.getElementById('deals').innerText");
    let listed = listed.as_str().unwrap();
    for want in [
        "global-bank.json",
        "minimal.json",
        "Northwind",
        "preferred",
        HOSTILE,
    ] {
        assert!(
            listed.contains(want),
            "the deal list shows {want}: {listed}"
        );
    }
    // User values are data: the hostile name is text in the list, in the form and in the
    // preview, and none of it ran.
    b.click("tr[data-name=\"hostile.json\"] button");
    b.wait(
        "the hostile deal in the form and the preview",
        &format!("window.dealdraftStats.previews >= 1 && {PREVIEW_TEXT}.includes({HOSTILE:?})"),
    );
    assert_eq!(
        b.eval("document.getElementById('f:deal.customer.short_name').value"),
        json!(HOSTILE)
    );
    // A blank position's warning stands at its field.
    let blank = b.eval("document.getElementById('m:deal.agreement_ref').innerText");
    assert!(
        blank.as_str().unwrap().contains("the draft shows a blank"),
        "the blank's warning at deal.agreement_ref: {blank}"
    );
    assert_eq!(
        b.eval("[window.pwned, document.getElementById('preview').contentWindow.pwned, document.querySelectorAll('img').length]"),
        json!([null, null, 0]),
        "no markup from a value was run or inserted"
    );
    b.click("#home");
    b.wait(
        "the deal list again",
        "!document.getElementById('deals-view').hidden && document.querySelector('tr[data-name=\"global-bank.json\"] button') !== null",
    );
    let n = b.eval("window.dealdraftStats.previews").as_u64().unwrap();
    b.click("tr[data-name=\"global-bank.json\"] button");
    b.wait(
        "the form and the deal's first preview",
        &format!("document.getElementById('f:sla.uptime_pct') !== null && window.dealdraftStats.previews > {n}"),
    );
    let text = b.eval(PREVIEW_TEXT);
    let text = text.as_str().unwrap();
    assert!(
        text.contains("Northwind Bank plc") && text.contains("99.9%"),
        "the preview shows the deal at the playbook's uptime: {}",
        &text[..text.len().min(500)]
    );
    assert!(
        !text.contains("99.95"),
        "the example does not yet say 99.95"
    );
    // Every control of the form has a name for a screen reader, every id is unique (labels
    // point at ids), and the page fits 1280×800 without scrolling sideways.
    let unnamed = b.eval(
        "[...document.querySelectorAll('#deal-form input, #deal-form select, #deal-form textarea, #deal-form button')].filter(e => !((e.labels && e.labels.length) || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent.trim()))).map(e => e.id || e.outerHTML.slice(0, 80))",
    );
    assert_eq!(unnamed, json!([]), "controls without a name");
    let dupes = b.eval(
        "(() => { const seen = new Set(), twice = []; for (const e of document.querySelectorAll('[id]')) { if (seen.has(e.id)) twice.push(e.id); seen.add(e.id); } return twice; })()",
    );
    assert_eq!(dupes, json!([]), "ids used twice");
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth === 1280"),
        json!(true),
        "the workbench fits 1280 pixels"
    );
    let controls =
        b.eval("document.querySelectorAll('#deal-form input, #deal-form select').length");
    assert!(
        controls.as_u64().unwrap() > 200,
        "the form has a control for every field and clause parameter: {controls}"
    );

    // The uptime is not set in the example: the playbook's value stands beside the field.
    let field = b.eval("document.querySelector('[data-path=\"sla.uptime_pct\"]').textContent");
    assert!(
        field
            .as_str()
            .unwrap()
            .contains("Playbook (preferred): 99.9%"),
        "the playbook's value beside the uptime: {field}"
    );
    let before =
        b.eval("[...document.querySelectorAll('#findings [data-rule]')].map(e => e.dataset.rule)");
    assert!(
        !before
            .to_string()
            .contains("sla.first-tier-below-commitment"),
        "no finding about the first tier yet: {before}"
    );

    // Change the uptime (in "Service levels"): the preview and the findings follow.
    b.click("#group-nav a[href=\"#g-sla\"]");
    let n = b.eval("window.dealdraftStats.previews").as_u64().unwrap();
    b.type_into("f:sla.uptime_pct", "99.95");
    b.wait(
        "the preview at 99.95%",
        &format!("window.dealdraftStats.previews > {n} && {PREVIEW_TEXT}.includes('99.95%')"),
    );
    b.wait(
        "the finding that the first credit tier starts below the commitment",
        "document.querySelector('#findings [data-rule=\"sla.first-tier-below-commitment\"]') !== null",
    );
    let first_ms = b.eval("window.dealdraftStats.lastMs");

    // The finding links to its field and to its clause.
    b.click("#findings [data-rule=\"sla.first-tier-below-commitment\"] .links button");
    let focused = b.eval(
        "(() => { const f = document.activeElement.closest('[data-path]'); return f ? f.getAttribute('data-path') : null; })()",
    );
    assert!(
        focused
            .as_str()
            .is_some_and(|p| p.starts_with("sla.credit_tiers")),
        "the finding's field link focuses the credit tiers: {focused}"
    );
    b.screenshot(&shots.join("form.png"));
    b.eval("document.getElementById('preview').contentWindow.scrollTo(0, 0)");
    b.click("#findings [data-rule=\"sla.first-tier-below-commitment\"] .links button:last-of-type");
    let scrolled = b.eval(
        "(() => { const d = document.getElementById('preview').contentDocument; const t = d.getElementById('cl-sla.service_credits'); return t ? Math.abs(t.getBoundingClientRect().top) < 50 : 'missing'; })()",
    );
    assert_eq!(
        scrolled,
        json!(true),
        "the clause link scrolls the preview to cl-sla.service_credits"
    );
    b.screenshot(&shots.join("preview.png"));

    // A value in the preview leads to its field.
    b.eval("document.activeElement.blur()");
    b.eval("document.getElementById('preview').contentDocument.querySelector('[data-field=\"sla.uptime_pct\"]').click()");
    assert_eq!(
        b.eval("document.activeElement.id"),
        json!("f:sla.uptime_pct"),
        "clicking the uptime in the preview focuses its field"
    );
    // The keyboard goes from field to field.
    b.press("Tab");
    assert_eq!(
        b.eval("document.activeElement.id"),
        json!("f:sla.commitment"),
        "Tab leads from the uptime to the next field"
    );

    // A validate message at its field, in the CLI's words, as the user types.
    b.type_into("f:sla.uptime_pct", "101");
    let msg = b.wait(
        "the range message at the uptime field",
        "(() => { const m = document.getElementById('m:sla.uptime_pct'); return m && m.innerText.includes('out of range') ? m.innerText : null; })()",
    );
    assert!(
        msg.as_str().unwrap().contains("101 is out of range"),
        "validate's words at the field: {msg}"
    );
    b.type_into("f:sla.uptime_pct", "99.95");
    b.wait(
        "the message gone",
        "document.getElementById('m:sla.uptime_pct').innerText.trim() === ''",
    );

    // Change → updated preview, measured a few times (printed, never asserted).
    let mut times = Vec::new();
    let mut phases = Vec::new();
    for v in ["99.91", "99.92", "99.93", "99.94", "99.95"] {
        let n = b.eval("window.dealdraftStats.previews").as_u64().unwrap();
        b.type_into("f:sla.uptime_pct", v);
        b.wait(
            "the preview after a change",
            &format!("window.dealdraftStats.previews > {n} && {PREVIEW_TEXT}.includes('{v}%')"),
        );
        times.push(b.eval("window.dealdraftStats.lastMs").as_f64().unwrap());
        phases.push(b.eval("window.dealdraftStats.lastPhases"));
    }
    eprintln!(
        "browser: change → updated preview: first {first_ms} ms; median of {} {:.0} ms (each {:?} ms; 150 ms of it the debounce)",
        times.len(),
        median(times.clone()),
        times
    );
    for p in &phases {
        eprintln!("browser:   phases (ms) {p}");
    }
    // After five updates in place, the preview is exactly the page the server renders now.
    let same = b.eval(
        "(async () => { const r = await fetch('/api/preview', { method: 'POST', headers: { 'X-Dealdraft': '1', 'Content-Type': 'application/json' }, body: JSON.stringify(window.dealdraftDraft()) }); const j = await r.json(); const fresh = new DOMParser().parseFromString(j.html, 'text/html').body.innerHTML; const shown = document.getElementById('preview').contentDocument.body.innerHTML; return fresh === shown ? true : [fresh.length, shown.length]; })()",
    );
    assert_eq!(
        same,
        json!(true),
        "the preview patched in place equals a fresh render"
    );

    // Add a business unit: the unit's own SOW is offered.
    let cards = b.eval("document.querySelectorAll('[data-path^=\"business_units[\"].card').length");
    let cards = cards.as_u64().unwrap();
    b.click("#group-nav a[href=\"#g-units\"]");
    b.click("[data-path=\"business_units\"] > .rows > button.add");
    let new = cards; // the new row's index
    b.type_into(&format!("f:business_units[{new}].id"), "treasury");
    b.type_into(&format!("f:business_units[{new}].name"), "Group Treasury");
    b.wait(
        "the new unit offered for its own SOW",
        "[...document.getElementById('unit').options].some(o => o.value === 'treasury')",
    );
    let unit_msgs = b.eval(&format!(
        "document.querySelector('[data-path=\"business_units[{new}]\"]').querySelectorAll('ul.msgs li.error').length"
    ));
    assert_eq!(unit_msgs, json!(0), "the new unit is valid");

    // A row in a table: a first credit tier at the commitment answers the finding; removing
    // the row takes the field out of the deal again.
    b.click("#group-nav a[href=\"#g-sla\"]");
    b.click("[data-path=\"sla.credit_tiers\"] > .rows > button.add");
    b.type_into("f:sla.credit_tiers[0].below_pct", "99.95");
    b.type_into("f:sla.credit_tiers[0].credit_pct", "10");
    b.wait(
        "the tier in the draft and the finding gone",
        "(() => { const t = window.dealdraftDraft().deal.sla.credit_tiers; return JSON.stringify(t) === '[{\"below_pct\":99.95,\"credit_pct\":10}]' && document.querySelector('#findings [data-rule=\"sla.first-tier-below-commitment\"]') === null; })()",
    );
    b.click("tr[data-path=\"sla.credit_tiers[0]\"] button.remove");
    b.wait(
        "the tiers out of the deal and the finding back",
        "!('credit_tiers' in window.dealdraftDraft().deal.sla) && document.querySelector('#findings [data-rule=\"sla.first-tier-below-commitment\"]') !== null",
    );

    // The unit's own SOW in the preview.
    b.eval("(() => { const u = document.getElementById('unit'); u.value = 'treasury'; u.dispatchEvent(new Event('change')); })()");
    b.wait(
        "the preview of the unit's SOW",
        &format!("{PREVIEW_TEXT}.includes('Group Treasury')"),
    );
    b.eval("(() => { const u = document.getElementById('unit'); u.value = ''; u.dispatchEvent(new Event('change')); })()");
    b.wait(
        "the deal's own SOW again",
        &format!("!{PREVIEW_TEXT}.includes('Group Treasury') && {PREVIEW_TEXT}.includes('Northwind Bank plc')"),
    );

    // An annex on its own.
    let docs = b.eval("[...document.getElementById('doc').options].map(o => o.value)");
    assert!(
        docs.to_string().contains("\"sla-annex\""),
        "the annexes are offered: {docs}"
    );
    b.eval("(() => { const d = document.getElementById('doc'); d.value = 'sla-annex'; d.dispatchEvent(new Event('change')); })()");
    b.wait(
        "the SLA annex alone in the preview",
        "(() => { const d = document.getElementById('preview').contentDocument; return d && d.getElementById('cl-sla.service_credits') !== null && d.getElementById('part-sow') === null; })()",
    );
    b.eval("(() => { const d = document.getElementById('doc'); d.value = 'sow'; d.dispatchEvent(new Event('change')); })()");
    b.wait(
        "the SOW again",
        "(() => { const d = document.getElementById('preview').contentDocument; return d && d.getElementById('part-sow') !== null; })()",
    );

    // Download the PDF of the SOW and read it back.
    b.eval("document.getElementById('dl-format').value = 'pdf'");
    let (name, bytes) = download(&mut b, downloads.path(), "#dl-document");
    assert!(name.ends_with(".pdf"), "a PDF: {name}");
    assert!(bytes.starts_with(b"%PDF"), "the download is a PDF");
    if let Some(text) = crate::pdf::pdftotext(&downloads.path().join(&name)) {
        assert!(
            text.contains("99.95%"),
            "the PDF has the new uptime: {}",
            &text[..text.len().min(800)]
        );
    }

    // The check memo, and a redline against an uploaded vendor paper.
    b.eval("document.getElementById('dl-format').value = 'md'");
    let (name, bytes) = download(&mut b, downloads.path(), "#dl-memo");
    let memo = String::from_utf8(bytes).unwrap();
    assert!(name.ends_with(".md") && name.contains("memo"), "{name}");
    assert!(
        memo.contains("first-tier-below-commitment") || memo.contains("can earn no credit"),
        "the memo has the finding:\n{memo}"
    );
    let paper = root().join("examples/check/vendor-paper.md");
    let doc = b.call("DOM.getDocument", json!({}));
    let input = b.call(
        "DOM.querySelector",
        json!({ "nodeId": doc["root"]["nodeId"], "selector": "#upload" }),
    );
    b.call(
        "DOM.setFileInputFiles",
        json!({ "nodeId": input["nodeId"], "files": [paper] }),
    );
    let against = b.wait(
        "the uploaded paper offered as a baseline",
        "(() => { const o = [...document.getElementById('dl-against').options].find(o => o.value.startsWith('upload:')); return o ? o.value : null; })()",
    );
    b.eval(&format!(
        "document.getElementById('dl-against').value = {}",
        against
    ));
    let (name, bytes) = download(&mut b, downloads.path(), "#dl-redline");
    let redline = String::from_utf8(bytes).unwrap();
    assert!(name.ends_with(".redline.md"), "{name}");
    assert!(
        redline.contains("Redline against vendor-paper.md") && redline.contains("<ins>"),
        "a redline against the uploaded paper: {}",
        &redline[..redline.len().min(400)]
    );

    // Our Word draft back as the vendor's reply: uploaded, then its round and a markup of it,
    // each a zip.
    b.eval("document.getElementById('dl-format').value = 'docx'");
    let (docx, _) = download(&mut b, downloads.path(), "#dl-document");
    assert!(docx.ends_with(".docx"), "{docx}");
    let uploads = b
        .eval("document.getElementById('dl-upload').options.length")
        .as_u64()
        .unwrap();
    let root_node = b.call("DOM.getDocument", json!({}))["root"]["nodeId"].clone();
    let input = b.call(
        "DOM.querySelector",
        json!({ "nodeId": root_node, "selector": "#upload" }),
    );
    b.call(
        "DOM.setFileInputFiles",
        json!({ "nodeId": input["nodeId"], "files": [downloads.path().join(&docx)] }),
    );
    b.wait(
        "the reply uploaded and chosen",
        &format!("(() => {{ const s = document.getElementById('dl-upload'); return s.options.length > {uploads} && s.selectedOptions[0].text.includes('docx'); }})()"),
    );
    let contains =
        |bytes: &[u8], what: &str| bytes.windows(what.len()).any(|w| w == what.as_bytes());
    let (name, bytes) = download(&mut b, downloads.path(), "#dl-round");
    assert!(
        name.ends_with(".zip") && bytes.starts_with(b"PK"),
        "a zip: {name}"
    );
    assert!(
        contains(&bytes, "proposals.md"),
        "the round has its proposals"
    );
    let (name, bytes) = download(&mut b, downloads.path(), "#dl-markup");
    assert!(
        name.ends_with(".zip") && bytes.starts_with(b"PK"),
        "a zip: {name}"
    );
    assert!(
        contains(&bytes, ".markup.docx"),
        "the markup has the marked Word file"
    );

    // The screenshot of the README: the form beside the preview at the clause of the finding.
    b.eval("document.getElementById('dl-format').value = 'pdf'");
    b.click("#findings [data-rule=\"sla.first-tier-below-commitment\"] .links button:last-of-type");
    b.eval("document.querySelector('.side').scrollTop = 0");
    b.eval(
        "document.querySelector('[data-path=\"sla.uptime_pct\"]').scrollIntoView({block: 'start'})",
    );
    b.screenshot(&shots.join("workbench.png"));

    // Save: the file is written (the previous bytes kept as .bak) and reads back with the edits.
    let file = folder.path().join("global-bank.json");
    let original = std::fs::read(&file).unwrap();
    b.click("#save");
    let said = b.wait(
        "the file saved",
        "(() => { const s = document.getElementById('status').textContent; return s.startsWith('Saved') ? s : null; })()",
    );
    assert!(
        said.as_str().unwrap().contains("global-bank.json.bak"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(folder.path().join("global-bank.json.bak")).unwrap(),
        original
    );
    let saved: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(saved["sla"]["uptime_pct"], json!(99.95));
    assert_eq!(
        saved["business_units"][new as usize]["id"],
        json!("treasury")
    );
    assert_eq!(
        saved["sla"]["latency"],
        json!({ "percentile": 95, "threshold_ms": 2000 }),
        "untouched fields kept"
    );

    // Someone else changes the file; our next save is refused with what changed, and the user
    // chooses to overwrite.
    let mut theirs = saved.clone();
    theirs["deal"]["title"] = json!("Changed elsewhere");
    std::fs::write(&file, serde_json::to_string_pretty(&theirs).unwrap()).unwrap();
    b.type_into("f:sla.uptime_pct", "99.96");
    b.click("#save");
    let changes = b.wait(
        "the conflict shown",
        "document.getElementById('conflict').open ? document.getElementById('conflict-changes').innerText : null",
    );
    assert!(
        changes.as_str().unwrap().contains("deal.title")
            && changes.as_str().unwrap().contains("Changed elsewhere"),
        "the dialog shows the field that changed on disk: {changes}"
    );
    let kept: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(kept, theirs, "a refused save leaves the file as it is");
    b.click("#conflict-overwrite");
    b.wait(
        "the overwrite saved",
        "document.getElementById('status').textContent.startsWith('Saved')",
    );
    let now: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(now["sla"]["uptime_pct"], json!(99.96));

    // A deal file broken on disk: listed with its error, opened with line and column, fixed on
    // the page and loaded into the form.
    std::fs::write(
        folder.path().join("broken.json"),
        "{\n  \"schema_version\": 1,\n  \"deal\": { \"id\": \"broken\", }\n}\n",
    )
    .unwrap();
    b.click("#home");
    b.wait(
        "the broken file listed with its error",
        "(() => { const r = document.querySelector('tr[data-name=\"broken.json\"]'); return r && r.querySelector('td.error') ? r.innerText : null; })()",
    );
    // Opened from the keyboard.
    b.eval("document.querySelector('tr[data-name=\"broken.json\"] button').focus()");
    b.press("Enter");
    let errors = b.wait(
        "the broken file's errors",
        "!document.getElementById('broken').hidden ? document.getElementById('broken-errors').innerText : null",
    );
    assert!(
        errors.as_str().unwrap().contains("line 3"),
        "the error names its line: {errors}"
    );
    b.eval("document.getElementById('broken-text').value = '{\"schema_version\": 1, \"deal\": {\"id\": \"broken\", \"stance\": \"preferred\"}, \"sla\": {\"uptim_pct\": 99.95}}'");
    b.click("#broken-parse");
    b.wait(
        "the fixed deal in the form and the preview",
        "document.getElementById('f:deal.id') !== null && document.getElementById('broken').hidden",
    );
    // The misspelt key has no field: its message offers to move the value where `validate`
    // suggests.
    b.click("#group-nav a[href=\"#g-sla\"]");
    b.wait(
        "the unknown field's message with its fix",
        "[...document.querySelectorAll('[data-path=\"sla\"] ul.msgs button')].some(x => x.textContent === 'move it to sla.uptime_pct')",
    );
    b.eval("[...document.querySelectorAll('[data-path=\"sla\"] ul.msgs button')].find(x => x.textContent === 'move it to sla.uptime_pct').click()");
    b.wait(
        "the value moved and the message gone",
        "window.dealdraftDraft().deal.sla.uptime_pct === 99.95 && !('uptim_pct' in window.dealdraftDraft().deal.sla) && document.getElementById('f:sla.uptime_pct').value === '99.95' && document.querySelector('[data-path=\"sla\"] ul.msgs li.error') === null",
    );
    b.click("#save");
    b.wait(
        "the fixed file saved",
        "document.getElementById('status').textContent.startsWith('Saved')",
    );
    let fixed: Value =
        serde_json::from_slice(&std::fs::read(folder.path().join("broken.json")).unwrap()).unwrap();
    assert_eq!(fixed["deal"]["id"], json!("broken"));

    // A new deal from the deal list: created with `init`'s starter and opened.
    b.click("#home");
    b.wait(
        "the deal list",
        "!document.getElementById('deals-view').hidden",
    );
    b.type_into("new-name", "acme-2027.json");
    b.eval("document.getElementById('new-stance').value = 'fallback'");
    b.click("#new-deal button[type=submit]");
    b.wait(
        "the new deal opened",
        "document.getElementById('deal-title').textContent === 'acme-2027.json' && document.getElementById('f:deal.stance') !== null",
    );
    let created: Value =
        serde_json::from_slice(&std::fs::read(folder.path().join("acme-2027.json")).unwrap())
            .unwrap();
    assert_eq!(created["deal"]["stance"], json!("fallback"));

    let errors = b.page_errors();
    assert!(errors.is_empty(), "errors in the page: {errors:#?}");
    drop(b);
    server.stop();
}

/// Clicks `button` and returns the name and bytes of the file the page downloads.
fn download(b: &mut Browser, dir: &Path, button: &str) -> (String, Vec<u8>) {
    let before = b
        .eval("window.dealdraftStats.downloads || 0")
        .as_u64()
        .unwrap();
    b.click(button);
    let name = b.wait(
        &format!("a download from {button}"),
        &format!(
            "(window.dealdraftStats.downloads || 0) > {before} ? window.dealdraftStats.lastDownload.name : (document.getElementById('dl-msg').className.includes('error') ? 'ERROR: ' + document.getElementById('dl-msg').textContent : null)"
        ),
    );
    let name = name.as_str().unwrap().to_string();
    assert!(!name.starts_with("ERROR"), "{button}: {name}");
    let path = dir.join(&name);
    let start = Instant::now();
    while !path.is_file() || downloads_in_progress(dir) {
        assert!(
            start.elapsed() < PATIENCE,
            "Chromium never saved {name} to {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    (name, std::fs::read(&path).unwrap())
}

fn downloads_in_progress(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".crdownload")
    })
}

#[test]
fn workbench_with_a_token() {
    let Some(exe) = chromium() else {
        tool_missing(
            "chromium is not installed; `apt-get install chromium` for the real-browser test of `dealdraft serve`",
        );
        return;
    };
    let folder = deal_folder();
    let downloads = tempfile::tempdir().unwrap();
    let token = "a-token-of-at-least-16-characters";
    let server = dealdraft::serve::start(dealdraft::serve::Options {
        dir: folder.path().to_path_buf(),
        bind: "127.0.0.1:0".parse().unwrap(),
        token: Some(token.to_string()),
        library: dealdraft::Library::builtin().expect("the built-in library loads"),
    })
    .expect("the server starts");
    let mut b = Browser::launch(&exe, downloads.path());

    // Without the token: refused, and the page says so.
    let bare = format!("http://{}/", server.addr());
    b.call("Page.navigate", json!({ "url": bare }));
    let refused = b.wait(
        "the refusal",
        "document.readyState === 'complete' && document.body ? document.body.innerText : null",
    );
    assert!(
        !refused.as_str().unwrap().contains("Deals in this folder"),
        "no page without the token: {refused}"
    );

    // With it (the URL `serve` prints): the cookie carries it to every request of the page.
    let url = server.url();
    assert!(url.contains(token), "{url}");
    b.call("Page.navigate", json!({ "url": url }));
    b.wait(
        "the deal list with the token",
        "document.querySelector('tr[data-name=\"global-bank.json\"] button') !== null",
    );
    assert_eq!(
        b.eval("location.search"),
        json!(""),
        "the token leaves the address bar"
    );
    b.click("tr[data-name=\"global-bank.json\"] button");
    b.wait(
        "a preview through the token",
        &format!("{PREVIEW_TEXT}.includes('Northwind Bank plc')"),
    );
    drop(b);
    server.stop();
}
