// dealdraft workbench: the deal list, a form generated from the deal schema, a live preview
// with the playbook's findings beside it, save and downloads.
//
// Plain JavaScript, no build step, no framework. Every value that comes from a deal, a file
// name or the server reaches the page through textContent, value or DOM attributes, never
// through innerHTML: user values are data, never code. The preview is the HTML writer's
// page in a sandboxed iframe (no scripts run in it).
"use strict";

(() => {
  // ---- state ---------------------------------------------------------------------------
  const S = {
    meta: null, // GET /api/schema: { schema, playbook, coverage, groups, documents, vendors }
    deals: [], // GET /api/deals
    name: null, // the open deal's file name
    version: null, // the version it was opened (or last saved) at
    deal: null, // the deal being edited (JSON)
    dirty: false,
    document: "sow",
    unit: "",
    gen: 0, // which opening of a deal the page shows: an answer for an earlier one is dropped
    seq: 0, // preview requests sent
    shown: 0, // the newest preview request whose answer is on screen
    inflight: false,
    pending: false,
    timer: 0,
    changedAt: 0, // when the last edit happened (performance.now())
    diagnostics: [],
    findings: [],
    uploads: [],
    open: new Set(), // paths of the <details> the user opened
  };
  const DEBOUNCE_MS = 150;
  // Measurements for the browser test and the curious: the last edit → preview shown.
  window.dealdraftStats = { previews: 0, lastMs: null, lastSeq: 0 };
  // What the page is editing, for the browser test and the console (a copy: read-only).
  window.dealdraftDraft = () => JSON.parse(JSON.stringify({ deal: S.deal, document: S.document, unit: S.unit || null }));

  const $ = (id) => document.getElementById(id);

  // ---- DOM helpers (text only) ---------------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else if (k in e && typeof v !== "string") e[k] = v;
        else e.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function status(text, kind) {
    const s = $("status");
    s.textContent = text;
    s.className = kind || "";
  }

  // ---- API -----------------------------------------------------------------------------
  async function api(method, url, body, raw) {
    const headers = { "X-Dealdraft": "1" };
    let payload;
    if (raw !== undefined) {
      payload = raw;
      headers["Content-Type"] = "application/octet-stream";
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
    const res = await fetch(url, {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
      cache: "no-store",
    });
    return res;
  }
  async function json(res) {
    try {
      return await res.json();
    } catch {
      return { error: `the server answered ${res.status} without a readable body` };
    }
  }
  function errorText(j, res) {
    if (j && typeof j.error === "string") return j.error;
    return `the server answered ${res.status}`;
  }

  // ---- paths ---------------------------------------------------------------------------
  // A path is an array of keys and indices; its text is the CLI's: sla.credit_tiers[1].credit_pct
  function pathText(segs) {
    let s = "";
    for (const p of segs) {
      if (typeof p === "number") s += `[${p}]`;
      else s += s ? `.${p}` : p;
    }
    return s;
  }
  function getAt(obj, segs) {
    let v = obj;
    for (const p of segs) {
      if (v === null || typeof v !== "object") return undefined;
      v = v[p];
    }
    return v;
  }
  function setAt(obj, segs, value) {
    let v = obj;
    for (let i = 0; i < segs.length - 1; i++) {
      const p = segs[i];
      if (v[p] === null || typeof v[p] !== "object") v[p] = typeof segs[i + 1] === "number" ? [] : {};
      v = v[p];
    }
    v[segs[segs.length - 1]] = value;
  }
  function deleteAt(obj, segs) {
    const parent = getAt(obj, segs.slice(0, -1));
    if (parent && typeof parent === "object" && !Array.isArray(parent)) delete parent[segs[segs.length - 1]];
  }

  // ---- schema --------------------------------------------------------------------------
  function deref(s) {
    let guard = 0;
    while (s && s.$ref && guard++ < 32) {
      const name = s.$ref.replace(/^#\/\$defs\//, "");
      const target = (S.meta.schema.$defs || {})[name];
      const rest = Object.assign({}, s);
      delete rest.$ref;
      s = Object.assign({}, target, rest, { description: rest.description || (target && target.description) });
    }
    return s || {};
  }
  // { schema, nullable }: `anyOf: [X, null]` and `type: [T, "null"]` unwrapped.
  function unwrap(s) {
    s = deref(s);
    let nullable = false;
    if (Array.isArray(s.anyOf)) {
      const others = s.anyOf.filter((b) => !(b && b.type === "null"));
      if (others.length < s.anyOf.length) nullable = true;
      if (others.length === 1) {
        const inner = deref(others[0]);
        s = Object.assign({}, inner, { description: s.description || inner.description, default: s.default });
      }
    }
    if (Array.isArray(s.type)) {
      const t = s.type.filter((x) => x !== "null");
      if (t.length < s.type.length) nullable = true;
      s = Object.assign({}, s, { type: t.length === 1 ? t[0] : t });
    }
    return { schema: s, nullable };
  }
  function choices(s) {
    if (Array.isArray(s.oneOf) && s.oneOf.length && s.oneOf.every((b) => b && b.const !== undefined)) {
      return s.oneOf.map((b) => ({ value: b.const, help: b.description || "" }));
    }
    if (Array.isArray(s.enum)) {
      return s.enum.map((v, i) => ({ value: v, help: (s.enumDescriptions || [])[i] || "" }));
    }
    return null;
  }
  function kind(s) {
    if (choices(s)) return "enum";
    const t = s.type;
    if (t === "boolean") return "bool";
    if (t === "integer" || t === "number") return "number";
    if (t === "string") return s.format === "date" ? "date" : "string";
    if (t === "array") {
      const items = unwrap(s.items || {}).schema;
      const k = kind(items);
      if (k === "object") return "table";
      if (k === "enum" && s.uniqueItems) return "set";
      if (["string", "number", "date", "enum"].includes(k)) return "list";
      return "json";
    }
    if (t === "object" && s.properties) return "object";
    return "json";
  }
  // The unit a number is in, from the field's name (the schema's own convention).
  const UNITS = [
    ["_pct", "%"],
    ["_ms", "ms"],
    ["_seconds", "seconds"],
    ["_minutes", "minutes"],
    ["_hours", "hours"],
    ["_days", "days"],
    ["_months", "months"],
    ["_times", "×"],
    ["per_minute", "per minute"],
  ];
  function unitOf(key) {
    for (const [suffix, u] of UNITS) if (String(key).endsWith(suffix)) return u;
    return "";
  }
  function label(key) {
    if (key === "$comment") return "Comment (for the people who edit the file)";
    const k = String(key).replace(/_pct$/, "").replace(/_/g, " ");
    return k.charAt(0).toUpperCase() + k.slice(1);
  }
  // The first sentence of a description: the field's one-line help.
  function oneLine(desc) {
    if (!desc) return "";
    // "e.g." and "i.e." do not end a sentence.
    const d = desc.replace(/`/g, "").replace(/\b(e\.g|i\.e)\./g, "$1\u0000");
    const m = d.match(/^(.*?[.!?])(\s|$)/);
    return (m ? m[1] : d).replace(/\u0000/g, ".");
  }
  function rangeText(s) {
    const parts = [];
    if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
    else if (s.minimum !== undefined && s.minimum > -1e15) parts.push(`≥ ${s.minimum}`);
    if (s.exclusiveMaximum !== undefined) parts.push(`< ${s.exclusiveMaximum}`);
    else if (s.maximum !== undefined && s.maximum < 4294967295) parts.push(`≤ ${s.maximum}`);
    return parts.join(", ");
  }
  function fmtValue(v, unit) {
    if (v === undefined || v === null) return null;
    if (Array.isArray(v)) {
      if (v.length && typeof v[0] === "object") return `${v.length} row${v.length === 1 ? "" : "s"}`;
      return v.join(", ");
    }
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "object") return JSON.stringify(v);
    return unit && unit !== "×" ? `${v} ${unit}`.replace(" %", "%") : String(v);
  }
  function stance() {
    const s = S.deal && S.deal.deal && S.deal.deal.stance;
    return s === "fallback" ? "fallback" : "preferred";
  }
  // The playbook's coverage rows, named, with what each recommends on hover.
  function coverageBadge(ids) {
    const rows = new Map((S.meta.coverage_rows || []).map((r) => [r.id, r.recommendation]));
    const title = ids.map((id) => (rows.has(id) ? `${id}: ${rows.get(id)}` : id)).join("\n");
    return el("span", { class: "coverage", title: `Playbook coverage — ${title}`, text: ids.join(" ") });
  }
  // Coverage rows by field, indices and row selectors (`[0]`, `[level=P1]`) left out: the
  // rules name fields as `support.severities[level=P1].response_minutes`.
  let coverageIndex = null;
  function coverageOf(path) {
    if (!coverageIndex) {
      coverageIndex = new Map();
      for (const [k, rows] of Object.entries(S.meta.coverage || {})) {
        const bare = k.replace(/\[[^\]]*\]/g, "");
        const have = coverageIndex.get(bare) || [];
        for (const r of rows) if (!have.includes(r)) have.push(r);
        coverageIndex.set(bare, have);
      }
    }
    return coverageIndex.get(path.replace(/\[[^\]]*\]/g, "")) || null;
  }

  // ---- the form ------------------------------------------------------------------------
  // Each field: <div class="field" data-path="sla.uptime_pct"> label, input (id "f:<path>"),
  // help, playbook value, coverage, and a message list (id "m:<path>") for validate's words.
  function fieldShell(segs, key, s, k, required) {
    const path = pathText(segs);
    const wrap = el("div", { class: `field k-${k}`, "data-path": path });
    const msgs = el("ul", { class: "msgs", id: `m:${path}` });
    const help = oneLine(s.description);
    const extras = el("div", { class: "extras" });
    const unit = unitOf(key);
    if (k === "number") {
      const r = rangeText(s);
      if (r) extras.append(el("span", { class: "range", text: `${r}${unit ? " " + unit : ""}` }));
    }
    const pb = getAt((S.meta.playbook || {})[stance()], segs);
    const pbText = fmtValue(pb, unit);
    if (pbText !== null && k !== "object") {
      extras.append(el("span", { class: "playbook", title: `The playbook's ${stance()} position` }, `Playbook (${stance()}): `, el("b", { text: pbText })));
    }
    const cov = coverageOf(path);
    if (cov && cov.length) extras.append(coverageBadge(cov));
    return { wrap, msgs, help, extras, path, required };
  }
  function describedBy(path, help) {
    return help ? `h:${path} m:${path}` : `m:${path}`;
  }

  function renderField(segs, key, rawSchema, required) {
    const { schema: s, nullable } = unwrap(rawSchema);
    const k = kind(s);
    if (k === "object") return renderObject(segs, key, s, nullable, required);
    if (k === "table") return renderTable(segs, key, s, nullable);
    const sh = fieldShell(segs, key, s, k, required);
    const { wrap, path } = sh;
    const id = `f:${path}`;
    const value = getAt(S.deal, segs);
    let input;
    const lab = el("label", { for: id }, label(key), required ? el("span", { class: "req", title: "required", text: " *" }) : null);
    if (k === "enum") {
      input = el("select", { id });
      input.append(el("option", { value: "", text: required ? "— choose —" : "(not set: the playbook's)" }));
      for (const c of choices(s)) {
        const o = el("option", { value: JSON.stringify(c.value), text: String(c.value) });
        if (c.help) o.title = c.help;
        input.append(o);
      }
      input.value = value === undefined || value === null ? "" : JSON.stringify(value);
      input.addEventListener("change", () => {
        if (input.value === "") deleteAt(S.deal, segs);
        else setAt(S.deal, segs, JSON.parse(input.value));
        edited(path === "deal.stance");
      });
    } else if (k === "bool") {
      input = el("input", { id, type: "checkbox" });
      input.checked = value === true;
      input.indeterminate = value === undefined || value === null;
      input.addEventListener("change", () => {
        setAt(S.deal, segs, input.checked);
        reset.hidden = false;
        edited();
      });
      const reset = el("button", { type: "button", class: "link", text: "use the playbook's", hidden: !(nullable || !required) || value === undefined || value === null });
      reset.addEventListener("click", () => {
        deleteAt(S.deal, segs);
        input.checked = false;
        input.indeterminate = true;
        reset.hidden = true;
        edited();
      });
      wrap.append(el("div", { class: "line" }, input, lab, reset));
    } else if (k === "number") {
      input = el("input", { id, type: "number", inputmode: "decimal" });
      const min = s.minimum !== undefined ? s.minimum : s.exclusiveMinimum;
      const max = s.maximum !== undefined ? s.maximum : s.exclusiveMaximum;
      if (min !== undefined && min > -1e15) input.min = String(min);
      if (max !== undefined && max < 4294967295) input.max = String(max);
      input.step = s.type === "integer" ? "1" : "any";
      if (value !== undefined && value !== null) input.value = String(value);
      const pb = getAt((S.meta.playbook || {})[stance()], segs);
      if (typeof pb === "number") input.placeholder = String(pb);
      input.addEventListener("input", () => {
        if (input.validity.badInput) {
          local(path, "not a number");
          return;
        }
        local(path, null);
        if (input.value.trim() === "") deleteAt(S.deal, segs);
        else setAt(S.deal, segs, Number(input.value));
        edited();
      });
    } else if (k === "date" || k === "string") {
      input = el("input", { id, type: k === "date" ? "date" : "text" });
      if (typeof value === "string") input.value = value;
      const pb = getAt((S.meta.playbook || {})[stance()], segs);
      if (typeof pb === "string") input.placeholder = pb;
      else if (s.examples && s.examples.length && typeof s.examples[0] === "string") input.placeholder = `e.g. ${s.examples[0]}`;
      input.addEventListener("input", () => {
        if (input.value === "" && !required) deleteAt(S.deal, segs);
        else setAt(S.deal, segs, input.value);
        edited();
      });
    } else if (k === "set") {
      const box = el("fieldset", { class: "set", id });
      box.append(el("legend", { text: label(key) }));
      const items = unwrap(s.items).schema;
      for (const c of choices(items)) {
        const cid = `${id}=${c.value}`;
        const cb = el("input", { type: "checkbox", id: cid });
        cb.checked = Array.isArray(value) && value.includes(c.value);
        cb.addEventListener("change", () => {
          let cur = getAt(S.deal, segs);
          cur = Array.isArray(cur) ? cur.filter((x) => x !== c.value) : [];
          if (cb.checked) cur.push(c.value);
          if (cur.length === 0 && !required) deleteAt(S.deal, segs);
          else setAt(S.deal, segs, cur);
          edited();
        });
        box.append(el("span", { class: "choice" }, cb, el("label", { for: cid, title: c.help, text: String(c.value) })));
      }
      input = box;
      wrap.append(box);
    } else if (k === "list") {
      input = renderList(segs, key, s, required, id, lab, wrap);
    } else {
      // Free-form JSON (positions, a unit's overrides, provenance).
      input = el("textarea", { id, rows: "3", spellcheck: "false", class: "json" });
      input.value = value === undefined ? "" : JSON.stringify(value, null, 2);
      input.addEventListener("input", () => {
        if (input.value.trim() === "") {
          local(path, null);
          deleteAt(S.deal, segs);
          edited();
          return;
        }
        try {
          const v = JSON.parse(input.value);
          local(path, null);
          setAt(S.deal, segs, v);
          edited();
        } catch (e) {
          local(path, `not JSON: ${e.message}`);
        }
      });
    }
    if (k !== "bool" && k !== "set" && k !== "list") wrap.append(lab, input);
    if (sh.help) wrap.append(el("p", { class: "help", id: `h:${path}`, text: sh.help }));
    if (input && input.setAttribute) input.setAttribute("aria-describedby", describedBy(path, sh.help));
    wrap.append(sh.extras, sh.msgs);
    return wrap;
  }

  // A list of strings, numbers or choices: one input a row, add and remove.
  function renderList(segs, key, s, required, id, lab, wrap) {
    const path = pathText(segs);
    const items = unwrap(s.items || {}).schema;
    const ik = kind(items);
    const box = el("div", { class: "list", id, role: "group", "aria-label": label(key) });
    wrap.append(el("div", { class: "label-line" }, el("span", { class: "label", text: label(key) })), box);
    const rebuild = () => {
      clear(box);
      const cur = getAt(S.deal, segs);
      const arr = Array.isArray(cur) ? cur : [];
      arr.forEach((v, i) => {
        const iid = `f:${path}[${i}]`;
        let inp;
        if (ik === "enum") {
          inp = el("select", { id: iid, "aria-label": `${label(key)} ${i + 1}` });
          for (const c of choices(items)) inp.append(el("option", { value: JSON.stringify(c.value), text: String(c.value) }));
          inp.value = JSON.stringify(v);
          inp.addEventListener("change", () => {
            setAt(S.deal, [...segs, i], JSON.parse(inp.value));
            edited();
          });
        } else {
          inp = el("input", { id: iid, type: ik === "number" ? "number" : ik === "date" ? "date" : "text", "aria-label": `${label(key)} ${i + 1}` });
          inp.value = v === null || v === undefined ? "" : String(v);
          inp.addEventListener("input", () => {
            setAt(S.deal, [...segs, i], ik === "number" ? Number(inp.value) : inp.value);
            edited();
          });
        }
        const rm = el("button", { type: "button", class: "remove", "aria-label": `Remove ${label(key)} ${i + 1}`, text: "✕" });
        rm.addEventListener("click", () => {
          const a = getAt(S.deal, segs);
          a.splice(i, 1);
          if (a.length === 0 && !required) deleteAt(S.deal, segs);
          rebuild();
          edited();
        });
        box.append(el("div", { class: "item", "data-path": `${path}[${i}]` }, inp, rm, el("ul", { class: "msgs", id: `m:${path}[${i}]` })));
      });
      const add = el("button", { type: "button", class: "add", text: `Add ${label(key).toLowerCase()}` });
      add.addEventListener("click", () => {
        let a = getAt(S.deal, segs);
        if (!Array.isArray(a)) {
          a = [];
          setAt(S.deal, segs, a);
        }
        const c = ik === "enum" ? choices(items)[0].value : ik === "number" ? 0 : "";
        a.push(c);
        rebuild();
        const last = $(`f:${path}[${a.length - 1}]`);
        if (last) last.focus();
        edited();
      });
      box.append(add);
      applyMessages();
    };
    rebuild();
    return box;
  }

  // An object: a fieldset of its fields. A nullable object (sla, latency...) has a switch:
  // off = the key is left out (null); on = the object is in the deal, its fields filled by the
  // playbook until set.
  function renderObject(segs, key, s, nullable, required) {
    const path = pathText(segs);
    const fs = el("fieldset", { class: "object", "data-path": path });
    const value = getAt(S.deal, segs);
    const present = value !== undefined && value !== null;
    const legend = el("legend", { text: label(key) });
    fs.append(legend);
    const help = oneLine(s.description);
    if (help) fs.append(el("p", { class: "help", id: `h:${path}`, text: help }));
    const body = el("div", { class: "fields" });
    const cov = coverageOf(path);
    if (cov && cov.length) fs.append(coverageBadge(cov));
    if (nullable && !required) {
      const sid = `f:${path}`;
      const sw = el("input", { type: "checkbox", id: sid });
      sw.checked = present;
      sw.addEventListener("change", () => {
        if (sw.checked) setAt(S.deal, segs, {});
        else deleteAt(S.deal, segs);
        fillObject(body, segs, s);
        body.hidden = !sw.checked;
        edited();
      });
      fs.append(el("div", { class: "line" }, sw, el("label", { for: sid, text: `In the deal` })));
      body.hidden = !present;
    }
    fs.append(el("ul", { class: "msgs", id: `m:${path}` }));
    fillObject(body, segs, s);
    fs.append(body);
    return fs;
  }
  function fillObject(body, segs, s) {
    clear(body);
    const req = new Set(s.required || []);
    for (const [k, sub] of Object.entries(s.properties || {})) {
      if (k.startsWith("$")) continue;
      body.append(renderField([...segs, k], k, sub, req.has(k)));
    }
  }

  // A list of objects (credit tiers, severities, training sessions, business units): a table
  // when every column is a plain value, else one card per row; add and remove rows.
  function renderTable(segs, key, s, nullable) {
    const path = pathText(segs);
    const items = unwrap(s.items).schema;
    const props = Object.entries(items.properties || {});
    const req = new Set(items.required || []);
    const flat = props.every(([, p]) => ["string", "number", "date", "enum", "bool"].includes(kind(unwrap(p).schema)));
    const fs = el("fieldset", { class: `table ${flat ? "flat" : "cards"}`, "data-path": path });
    fs.append(el("legend", { text: label(key) }));
    const help = oneLine(s.description);
    if (help) fs.append(el("p", { class: "help", id: `h:${path}`, text: help }));
    const sh = fieldShell(segs, key, s, "table", false);
    fs.append(sh.extras, el("ul", { class: "msgs", id: `m:${path}` }));
    const body = el("div", { class: "rows" });
    fs.append(body);
    const rebuild = () => {
      clear(body);
      const cur = getAt(S.deal, segs);
      const arr = Array.isArray(cur) ? cur : [];
      let container = body;
      if (flat && arr.length) {
        const table = el("table");
        const tr = el("tr");
        for (const [k] of props) tr.append(el("th", { scope: "col", text: label(k) + (unitOf(k) ? ` (${unitOf(k)})` : "") }));
        tr.append(el("th", { scope: "col" }, el("span", { class: "sr-only", text: "Remove" })));
        table.append(el("thead", null, tr));
        container = el("tbody");
        table.append(container);
        body.append(table);
      }
      arr.forEach((row, i) => {
        const rsegs = [...segs, i];
        const rpath = pathText(rsegs);
        const rm = el("button", { type: "button", class: "remove", text: "Remove", "aria-label": `Remove ${label(key).toLowerCase()} ${i + 1}` });
        rm.addEventListener("click", () => {
          const a = getAt(S.deal, segs);
          a.splice(i, 1);
          if (a.length === 0 && nullable) deleteAt(S.deal, segs);
          rebuild();
          edited();
        });
        if (flat) {
          const tr = el("tr", { "data-path": rpath });
          for (const [k, p] of props) {
            const f = renderField([...rsegs, k], k, p, req.has(k));
            f.classList.add("cell");
            // The column header is the visible label; the input keeps its own for screen readers.
            const l = f.querySelector("label");
            if (l && f.querySelector("input, select")) l.classList.add("sr-only");
            const h = f.querySelector(".help");
            if (h) h.classList.add("sr-only");
            tr.append(el("td", null, f));
          }
          tr.append(el("td", null, rm, el("ul", { class: "msgs", id: `m:${rpath}` })));
          container.append(tr);
        } else {
          const card = el("fieldset", { class: "card", "data-path": rpath });
          card.append(el("legend", { text: `${label(key)} ${i + 1}` }), rm, el("ul", { class: "msgs", id: `m:${rpath}` }));
          for (const [k, p] of props) card.append(renderField([...rsegs, k], k, p, req.has(k)));
          body.append(card);
        }
      });
      const add = el("button", { type: "button", class: "add", text: `Add a row to ${label(key).toLowerCase()}` });
      add.addEventListener("click", () => {
        let a = getAt(S.deal, segs);
        if (!Array.isArray(a)) {
          a = [];
          setAt(S.deal, segs, a);
        }
        a.push(starter(items));
        rebuild();
        const first = body.querySelector(`[data-path="${cssString(`${path}[${a.length - 1}]`)}"] input, [data-path="${cssString(`${path}[${a.length - 1}]`)}"] select`);
        if (first) first.focus();
        edited();
      });
      body.append(add);
      applyMessages();
    };
    rebuild();
    return fs;
  }
  function cssString(s) {
    return s.replace(/["\\]/g, "\\$&");
  }
  // A new row: its required fields with a first value, so that it is visible in the deal.
  function starter(items) {
    const row = {};
    for (const k of items.required || []) {
      const s = unwrap(items.properties[k]).schema;
      const kk = kind(s);
      if (kk === "enum") row[k] = choices(s)[0].value;
      else if (kk === "number") row[k] = s.minimum !== undefined && s.minimum > 0 ? s.minimum : s.type === "integer" ? 1 : 1;
      else if (kk === "bool") row[k] = false;
      else if (kk === "string" || kk === "date") row[k] = "";
      else if (kk === "list" || kk === "set" || kk === "table") row[k] = [];
      else if (kk === "object") row[k] = {};
    }
    return row;
  }

  function renderForm() {
    const form = $("deal-form");
    clear(form);
    const nav = $("group-nav");
    clear(nav);
    const props = S.meta.schema.properties || {};
    const req = new Set(S.meta.schema.required || []);
    const placed = new Set();
    const groups = (S.meta.groups || []).slice();
    // Every top-level field is in a group; any the server did not place goes last.
    const rest = Object.keys(props).filter((k) => !k.startsWith("$") && k !== "schema_version" && !groups.some((g) => g.fields.includes(k)));
    if (rest.length) groups.push({ id: "other", title: "Other", fields: rest });
    for (const g of groups) {
      const gid = `g-${g.id}`;
      const det = el("details", { class: "group", id: gid });
      det.open = S.open.has(gid) || g === groups[0];
      det.addEventListener("toggle", () => (det.open ? S.open.add(gid) : S.open.delete(gid)));
      det.append(el("summary", null, el("h2", { text: g.title })));
      for (const f of g.fields) {
        // The file's own bookkeeping, not terms: left as they are.
        if (!props[f] || placed.has(f) || f === "$schema" || f === "schema_version") continue;
        placed.add(f);
        det.append(renderField([f], f, props[f], req.has(f)));
      }
      form.append(det);
      const a = el("a", { href: `#${gid}`, text: g.title });
      a.addEventListener("click", (e) => {
        e.preventDefault();
        det.open = true;
        S.open.add(gid);
        det.scrollIntoView({ block: "start" });
        const first = det.querySelector("input, select, textarea");
        if (first) first.focus({ preventScroll: true });
      });
      nav.append(a);
    }
    applyMessages();
  }

  // ---- messages at their fields --------------------------------------------------------
  const localMsgs = new Map(); // path → a message of the form itself (not a number, not JSON)
  function local(path, msg) {
    if (msg) localMsgs.set(path, msg);
    else localMsgs.delete(path);
    applyMessages();
  }
  // The field a path belongs to: itself, else the nearest ancestor on the form.
  function fieldMap() {
    const map = new Map();
    for (const n of $("deal-form").querySelectorAll("[data-path]")) map.set(n.getAttribute("data-path"), n);
    return map;
  }
  function fieldFor(path, map) {
    map = map || fieldMap();
    let p = path;
    while (p) {
      if (map.has(p)) return map.get(p);
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return map.get(p) || null;
  }
  function applyMessages() {
    const form = $("deal-form");
    if (!form || !S.meta) return;
    for (const n of form.querySelectorAll("ul.msgs")) clear(n);
    for (const n of form.querySelectorAll(".has-error, .has-warning")) n.classList.remove("has-error", "has-warning");
    const general = [];
    const all = S.diagnostics.map((d) => ({ level: d.level, path: d.path, text: diagText(d), help: d.help }));
    for (const [path, msg] of localMsgs) all.push({ level: "error", path, text: msg });
    let errors = 0;
    let warnings = 0;
    const map = fieldMap();
    for (const d of all) {
      if (d.level === "error") errors++;
      else warnings++;
      const f = d.path ? fieldFor(d.path, map) : null;
      if (!f) {
        general.push(d);
        continue;
      }
      const ul = f.querySelector(":scope > ul.msgs") || f.querySelector("ul.msgs");
      if (ul) ul.append(el("li", { class: d.level }, d.text, ...fixes(d, f)));
      f.classList.add(d.level === "error" ? "has-error" : "has-warning");
    }
    const sum = $("summary");
    clear(sum);
    if (S.deal) {
      sum.append(el("p", { class: errors ? "error" : "ok", text: errors ? `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} (blank positions included) — shown at their fields` : `No errors; ${warnings} warning${warnings === 1 ? "" : "s"} (blank positions included)` }));
      if (general.length) {
        const ul = el("ul", { class: "diags" });
        for (const d of general) ul.append(el("li", { class: d.level, text: d.path ? `${d.path}: ${d.text}` : d.text }));
        sum.append(ul);
      }
    }
  }
  // A value the form has no field for (a misspelt or unknown key, kept from the file): buttons
  // to move it where `validate` suggests, or to take it out of the deal.
  function fixes(d, f) {
    if (!d.path || f.getAttribute("data-path") === d.path) return [];
    const segs = parsePath(d.path);
    if (!segs || getAt(S.deal, segs) === undefined) return [];
    const out = [];
    const m = /did you mean `([^`]+)`/.exec((d.help || []).join(" "));
    if (m && !/[.[\]]/.test(m[1])) {
      const to = [...segs.slice(0, -1), m[1]];
      out.push(
        el("button", {
          type: "button",
          class: "link",
          text: `move it to ${pathText(to)}`,
          onclick: () => {
            setAt(S.deal, to, getAt(S.deal, segs));
            deleteAt(S.deal, segs);
            renderForm();
            edited();
          },
        }),
      );
    }
    out.push(
      el("button", {
        type: "button",
        class: "link",
        text: `remove ${d.path} from the deal`,
        onclick: () => {
          deleteAt(S.deal, segs);
          renderForm();
          edited();
        },
      }),
    );
    return out;
  }
  // "sla.credit_tiers[1].credit_pct" → ["sla", "credit_tiers", 1, "credit_pct"]; null when a key
  // holds a dot (clause parameters), which the text cannot tell apart.
  function parsePath(text) {
    const segs = [];
    for (const part of text.split(".")) {
      const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
      if (!m) return null;
      segs.push(m[1]);
      for (const i of m[2].matchAll(/\[(\d+)\]/g)) segs.push(Number(i[1]));
    }
    return segs;
  }
  function diagText(d) {
    let t = d.message || d.text || "";
    if (Array.isArray(d.help) && d.help.length) t += ` (${d.help.join("; ")})`;
    return t;
  }

  // ---- editing, preview ----------------------------------------------------------------
  function edited(rerender) {
    S.dirty = true;
    S.changedAt = performance.now();
    $("save").disabled = false;
    status("Edited — not saved", "dirty");
    if (rerender) {
      renderForm(); // the stance changes the playbook's values beside every field
      const st = $("f:deal.stance");
      if (st) st.focus();
    }
    schedulePreview();
  }
  function schedulePreview() {
    clearTimeout(S.timer);
    S.timer = setTimeout(preview, DEBOUNCE_MS);
  }
  async function preview() {
    if (!S.deal) return;
    if (S.inflight) {
      S.pending = true; // one request at a time; the newest edit goes as soon as it returns
      return;
    }
    S.inflight = true;
    S.pending = false;
    const seq = ++S.seq;
    const gen = S.gen;
    const started = S.changedAt;
    try {
      const sent = performance.now();
      const res = await api("POST", "/api/preview", { deal: S.deal, document: S.document, unit: S.unit || null });
      const j = await json(res);
      const answered = performance.now();
      if (gen !== S.gen || !S.deal) return; // the answer for a deal no longer open
      if (seq < S.shown) return; // an older answer: never shown over a newer one
      S.shown = seq;
      if (!res.ok) {
        showProblem(errorText(j, res));
        return;
      }
      S.diagnostics = Array.isArray(j.diagnostics) ? j.diagnostics : [];
      S.findings = Array.isArray(j.findings) ? j.findings : [];
      applyMessages();
      updateDocuments(j.documents, j.units);
      renderFindings();
      const drawn = performance.now();
      if (typeof j.html === "string") {
        showProblem(null);
        await showPreview(j.html);
      } else {
        const first = S.diagnostics.find((d) => d.level === "error");
        showProblem(`The preview waits for a valid deal: ${first ? (first.path ? first.path + ": " : "") + first.message : "see the messages at the fields"}`);
      }
      const ms = Math.round(performance.now() - started);
      window.dealdraftStats.previews++;
      window.dealdraftStats.lastMs = ms;
      window.dealdraftStats.lastSeq = seq;
      // Where the time went: waiting (the debounce), the request, the form and findings, the page.
      window.dealdraftStats.lastPhases = {
        wait: Math.round(sent - started),
        request: Math.round(answered - sent),
        server: j.ms ?? null,
        form: Math.round(drawn - answered),
        page: Math.round(performance.now() - drawn),
      };
      $("preview-ms").textContent = `updated ${ms} ms after the change (server ${j.ms ?? "?"} ms)`;
    } catch (e) {
      showProblem(`No answer from the server: ${e.message}`);
    } finally {
      S.inflight = false;
      if (S.pending || gen !== S.gen) {
        S.pending = false;
        preview();
      }
    }
  }
  function showProblem(text) {
    const p = $("preview-problem");
    p.hidden = !text;
    p.textContent = text || "";
  }
  // Shows the preview's page. The first page of a deal is loaded whole (srcdoc); after that
  // only the parts that changed are replaced in place, which keeps the reader's place and
  // spares the browser laying out 25 unchanged pages again. The iframe runs no scripts
  // (sandbox without allow-scripts), whichever way its nodes arrive.
  function showPreview(html) {
    const f = $("preview");
    let doc = null;
    try {
      doc = f.dataset.gen === String(S.gen) ? f.contentDocument : null;
    } catch {
      doc = null;
    }
    if (doc && doc.body) {
      const next = new DOMParser().parseFromString(html, "text/html");
      if (doc.head.innerHTML === next.head.innerHTML) {
        patch(doc, doc.body, next.body, 0);
        void doc.body.offsetHeight; // lay it out now, so that the time measured includes it
        return Promise.resolve();
      }
    }
    return new Promise((resolve) => {
      const done = () => {
        f.removeEventListener("load", done);
        f.dataset.gen = String(S.gen);
        tieToForm(f);
        resolve();
      };
      f.addEventListener("load", done);
      f.srcdoc = html;
    });
  }
  // A value or a blank in the preview (the writer marks each with data-field) leads to its
  // field: the listener is the page's own, on the frame's document, so the frame still runs
  // nothing of its own.
  function tieToForm(f) {
    let doc;
    try {
      doc = f.contentDocument;
    } catch {
      return;
    }
    if (!doc || !doc.documentElement) return;
    doc.addEventListener("click", (e) => {
      const t = e.target && e.target.closest ? e.target.closest("[data-field]") : null;
      if (!t) return;
      e.preventDefault();
      goToField(t.getAttribute("data-field"));
    });
    try {
      const sheet = new f.contentWindow.CSSStyleSheet();
      sheet.replaceSync("[data-field] { cursor: pointer; } [data-field]:hover { outline: 1px dashed #1f5fbf; }");
      doc.adoptedStyleSheets = [sheet];
    } catch {
      /* the values still lead to their fields, unmarked */
    }
  }
  // Makes `old`'s children equal to `neu`'s, replacing only the children that differ and going
  // down into those that keep their tag and id (the writer's parts and sections).
  function patch(doc, old, neu, depth) {
    const a = Array.from(old.children);
    const b = Array.from(neu.children);
    for (let i = 0; i < b.length; i++) {
      const o = a[i];
      const n = b[i];
      if (!o) {
        old.append(doc.importNode(n, true));
        continue;
      }
      if (o.outerHTML === n.outerHTML) continue;
      if (depth < 3 && o.tagName === n.tagName && o.id === n.id && o.children.length && n.children.length && sameAttrs(o, n)) {
        patch(doc, o, n, depth + 1);
        if (o.outerHTML === n.outerHTML) continue; // text outside the children (rare): whole
      }
      o.replaceWith(doc.importNode(n, true));
    }
    for (let i = b.length; i < a.length; i++) a[i].remove();
  }
  function sameAttrs(o, n) {
    if (o.attributes.length !== n.attributes.length) return false;
    for (const at of o.attributes) if (n.getAttribute(at.name) !== at.value) return false;
    return true;
  }
  function updateDocuments(docs, units) {
    const sel = $("doc");
    if (Array.isArray(docs) && docs.length) {
      const want = docs.map((d) => `${d.id}\u0000${d.title}`).join("\u0001");
      if (sel.dataset.list !== want) {
        clear(sel);
        for (const d of docs) sel.append(el("option", { value: d.id, text: d.title }));
        sel.dataset.list = want;
        if (!docs.some((d) => d.id === S.document)) S.document = docs[0].id;
      }
      sel.value = S.document;
    }
    const us = $("unit");
    const list = Array.isArray(units) ? units : ((S.deal && S.deal.business_units) || []).map((u) => u && u.id).filter(Boolean);
    const want = list.join("\u0001");
    if (us.dataset.list !== want) {
      clear(us);
      us.append(el("option", { value: "", text: "(the deal itself)" }));
      for (const u of list) us.append(el("option", { value: u, text: u }));
      us.dataset.list = want;
      if (S.unit && !list.includes(S.unit)) S.unit = "";
    }
    us.value = S.unit;
  }
  function renderFindings() {
    const ol = $("findings");
    clear(ol);
    $("findings-count").textContent = `(${S.findings.length})`;
    for (const f of S.findings) {
      const li = el("li", { class: `finding ${f.severity}`, "data-rule": f.rule });
      li.append(el("span", { class: "sev", text: f.severity }), " ", el("span", { class: "fmsg", text: f.message }));
      if (f.why) li.title = f.why;
      if (f.deal_says || f.ask) {
        const d = el("p", { class: "fdetail" });
        if (f.deal_says) d.append(el("span", { text: `Deal says: ${f.deal_says}. ` }));
        if (f.ask) d.append(el("span", { text: `Playbook asks: ${f.ask}` }));
        li.append(d);
      }
      const links = el("span", { class: "links" });
      if (f.coverage) links.append(coverageBadge([f.coverage]));
      links.append(el("code", { class: "rule", text: f.rule }));
      if (f.path) {
        const b = el("button", { type: "button", class: "link", text: `field ${f.path}` });
        b.addEventListener("click", () => goToField(f.path));
        links.append(b);
      }
      if (f.anchor || f.clause) {
        const b = el("button", { type: "button", class: "link", text: `clause ${f.clause || f.anchor}` });
        b.addEventListener("click", () => goToClause(f.anchor || `cl-${f.clause}`));
        links.append(b);
      }
      li.append(links);
      ol.append(li);
    }
    if (!S.findings.length) ol.append(el("li", { class: "none muted", text: "No findings: every playbook rule passes." }));
  }
  function goToField(path) {
    const f = fieldFor(path);
    if (!f) return;
    let d = f.closest("details");
    while (d) {
      d.open = true;
      S.open.add(d.id);
      d = d.parentElement && d.parentElement.closest("details");
    }
    const target = $(`f:${path}`) || f.querySelector("input, select, textarea, button");
    f.scrollIntoView({ block: "center" });
    f.classList.add("flash");
    setTimeout(() => f.classList.remove("flash"), 1200);
    if (target) target.focus({ preventScroll: true });
  }
  function goToClause(anchor) {
    try {
      const doc = $("preview").contentDocument;
      const t = doc && doc.getElementById(anchor);
      if (t) {
        t.scrollIntoView({ block: "start" });
        t.classList.add("dealdraft-flash");
        return;
      }
    } catch {
      /* the preview is not readable */
    }
    status(`That clause is not in this document; choose the annex it is in.`, "warn");
  }

  // ---- deals ---------------------------------------------------------------------------
  async function loadDeals() {
    const res = await api("GET", "/api/deals");
    const j = await json(res);
    if (!res.ok) {
      status(errorText(j, res), "error");
      return;
    }
    S.deals = j.deals || [];
    $("where").textContent = j.dir || "";
    const tb = $("deals").tBodies[0];
    clear(tb);
    for (const d of S.deals) {
      const open = el("button", { type: "button", text: "Open", "aria-label": `Open ${d.name}` });
      open.addEventListener("click", () => openDeal(d.name));
      const errs = el("td", { class: d.errors ? "error" : "" }, String(d.errors ?? 0));
      if (d.problem) errs.append(el("div", { class: "problem-line", text: d.problem }));
      tb.append(
        el(
          "tr",
          { "data-name": d.name },
          el("td", null, el("code", { text: d.name })),
          el("td", { text: d.title ? `${d.id || ""} — ${d.title}` : d.id || "" }),
          el("td", { text: d.customer || "" }),
          el("td", { text: d.vendor || "" }),
          el("td", { text: d.stance || "" }),
          el("td", { text: (d.units || []).join(", ") }),
          el("td", { text: String(d.blanks ?? 0) }),
          errs,
          el("td", null, open),
        ),
      );
    }
    if (!S.deals.length) tb.append(el("tr", null, el("td", { colspan: "9", class: "muted", text: "No deal files here yet: create one below." })));
    const against = $("dl-against");
    clear(against);
    against.append(el("option", { value: "playbook:fallback", text: "the playbook's fallback" }));
    against.append(el("option", { value: "playbook:preferred", text: "the playbook's preferred" }));
    for (const d of S.deals) if (d.name !== S.name) against.append(el("option", { value: `deal:${d.name}`, text: `deal ${d.name}` }));
    for (const u of S.uploads) against.append(el("option", { value: `upload:${u.id}`, text: `uploaded ${u.name}` }));
  }
  function showDeals() {
    if (S.dirty && !confirm("Leave this deal? Your edits are not saved.")) return;
    S.gen++;
    S.name = null;
    S.deal = null;
    S.dirty = false;
    $("editor-view").hidden = true;
    $("deals-view").hidden = false;
    $("save").hidden = true;
    $("deal-title").textContent = "";
    document.title = "dealdraft workbench";
    history.replaceState(null, "", "#");
    status("");
    loadDeals();
  }
  async function openDeal(name) {
    status(`Opening ${name}…`);
    const res = await api("GET", `/api/deals/${encodeURIComponent(name)}`);
    const j = await json(res);
    if (!res.ok) {
      status(errorText(j, res), "error");
      return;
    }
    S.gen++;
    $("preview").srcdoc = ""; // never another deal's page under this one's name
    $("preview-ms").textContent = "";
    showProblem(null);
    S.name = j.name;
    S.version = j.version;
    S.diagnostics = Array.isArray(j.diagnostics) ? j.diagnostics : [];
    S.findings = [];
    S.unit = "";
    S.dirty = false;
    localMsgs.clear();
    $("deals-view").hidden = true;
    $("editor-view").hidden = false;
    $("save").hidden = false;
    $("save").disabled = true;
    $("deal-title").textContent = j.name;
    document.title = `${j.name} — dealdraft`;
    history.replaceState(null, "", `#deal=${encodeURIComponent(j.name)}`);
    loadDeals();
    if (j.deal === null || j.deal === undefined || typeof j.deal !== "object") {
      S.deal = null;
      showBroken(j.text || "", S.diagnostics);
      clear($("deal-form"));
      clear($("findings"));
      status(`${j.name} does not load: fix it below`, "error");
      return;
    }
    $("broken").hidden = true;
    S.deal = j.deal;
    renderForm();
    updateDocuments(S.meta.documents, null);
    status(`Opened ${j.name}`);
    preview();
  }
  function showBroken(text, diags) {
    $("broken").hidden = false;
    const ul = $("broken-errors");
    clear(ul);
    for (const d of diags) {
      const where = d.line ? `line ${d.line}, column ${d.column}: ` : "";
      ul.append(el("li", { class: d.level, text: where + (d.text || d.message) }));
    }
    $("broken-text").value = text;
  }

  async function save(force) {
    if (!S.deal || !S.name) return;
    status("Saving…");
    const body = { deal: S.deal, version: force || S.version };
    const res = await api("PUT", `/api/deals/${encodeURIComponent(S.name)}`, body);
    const j = await json(res);
    if (res.status === 409) {
      showConflict(j);
      status("Not saved: the file changed on disk", "error");
      return;
    }
    if (!res.ok) {
      status(`Not saved: ${errorText(j, res)}`, "error");
      return;
    }
    S.version = j.version;
    S.dirty = false;
    $("save").disabled = true;
    status(j.backup ? `Saved ${S.name} (the previous version is kept as ${j.backup})` : `Saved ${S.name}`, "ok");
  }
  function showConflict(j) {
    const d = $("conflict");
    $("conflict-msg").textContent = j.error || "The file changed on disk since you opened it.";
    const tb = $("conflict-changes");
    clear(tb);
    for (const c of j.changes || []) {
      tb.append(el("tr", null, el("td", null, el("code", { text: c.path || "(the whole file)" })), el("td", { text: c.opened === undefined ? "(not set)" : JSON.stringify(c.opened) }), el("td", { text: c.on_disk === undefined ? "(not set)" : JSON.stringify(c.on_disk) })));
    }
    if (!(j.changes || []).length) tb.append(el("tr", null, el("td", { colspan: "3", text: "No field differs (only the file's layout)." })));
    d.dataset.version = j.version || "";
    if (typeof d.showModal === "function") d.showModal();
    else d.setAttribute("open", "");
  }

  // ---- downloads -----------------------------------------------------------------------
  async function download(req, what) {
    const msg = $("dl-msg");
    if (!S.deal) return;
    msg.textContent = `Preparing ${what}…`;
    msg.className = "msg";
    try {
      const res = await api("POST", "/api/download", Object.assign({ deal: S.deal, document: S.document, unit: S.unit || null }, req));
      if (!res.ok) {
        const j = await json(res);
        msg.textContent = `${what}: ${errorText(j, res)}`;
        msg.className = "msg error";
        return;
      }
      const blob = await res.blob();
      const cd = res.headers.get("Content-Disposition") || "";
      const m = cd.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
      let name = m ? decodeURIComponent(m[1]) : `download.${req.format || "bin"}`;
      name = name.replace(/[\\/]/g, "_");
      const url = URL.createObjectURL(blob);
      const a = el("a", { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      window.dealdraftStats.lastDownload = { name, size: blob.size, type: blob.type };
      window.dealdraftStats.downloads = (window.dealdraftStats.downloads || 0) + 1;
      msg.textContent = `Downloaded ${name} (${blob.size.toLocaleString("en")} bytes)`;
    } catch (e) {
      msg.textContent = `${what}: no answer from the server (${e.message})`;
      msg.className = "msg error";
    }
  }
  async function upload(file) {
    const msg = $("dl-msg");
    msg.textContent = `Uploading ${file.name}…`;
    const res = await api("POST", `/api/uploads?name=${encodeURIComponent(file.name)}`, undefined, file);
    const j = await json(res);
    if (!res.ok) {
      msg.textContent = `${file.name}: ${errorText(j, res)}`;
      msg.className = "msg error";
      return;
    }
    S.uploads.push(j);
    const sel = $("dl-upload");
    if (S.uploads.length === 1) clear(sel);
    sel.append(el("option", { value: j.id, text: `${j.name} (${j.kind}, ${j.size.toLocaleString("en")} bytes)` }));
    sel.value = j.id;
    $("dl-against").append(el("option", { value: `upload:${j.id}`, text: `uploaded ${j.name}` }));
    msg.textContent = `Uploaded ${j.name}: choose it for a redline, a markup or a round`;
    msg.className = "msg";
  }

  // ---- start ---------------------------------------------------------------------------
  function wire() {
    $("home").addEventListener("click", (e) => {
      e.preventDefault();
      showDeals();
    });
    $("save").addEventListener("click", () => save());
    document.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s" && S.deal) {
        e.preventDefault();
        save();
      }
    });
    window.addEventListener("beforeunload", (e) => {
      if (S.dirty) e.preventDefault();
    });
    $("doc").addEventListener("change", () => {
      S.document = $("doc").value;
      S.changedAt = performance.now();
      preview();
    });
    $("unit").addEventListener("change", () => {
      S.unit = $("unit").value;
      S.changedAt = performance.now();
      preview();
    });
    $("new-deal").addEventListener("submit", async (e) => {
      e.preventDefault();
      const name = $("new-name").value.trim();
      const body = { name, stance: $("new-stance").value, vendor: $("new-vendor").value || null };
      const res = await api("POST", "/api/deals", body);
      const j = await json(res);
      if (!res.ok) {
        $("new-msg").textContent = errorText(j, res);
        $("new-msg").className = "msg error";
        return;
      }
      $("new-msg").textContent = "";
      openDeal(j.name);
    });
    $("broken-parse").addEventListener("click", () => {
      try {
        const v = JSON.parse($("broken-text").value);
        if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("a deal is a JSON object");
        $("broken-msg").textContent = "";
        $("broken").hidden = true;
        S.deal = v;
        renderForm();
        edited();
      } catch (err) {
        $("broken-msg").textContent = `Still not JSON: ${err.message}`;
        $("broken-msg").className = "msg error";
      }
    });
    $("dl-document").addEventListener("click", () => download({ kind: "document", format: $("dl-format").value }, "the document"));
    $("dl-memo").addEventListener("click", () => download({ kind: "memo", format: $("dl-format").value }, "the check memo"));
    $("dl-redline").addEventListener("click", () => download({ kind: "redline", format: $("dl-format").value, against: $("dl-against").value }, "the redline"));
    $("dl-markup").addEventListener("click", () => {
      const id = $("dl-upload").value;
      if (!id) return ($("dl-msg").textContent = "Upload the vendor's Word file first.");
      download({ kind: "markup", format: "docx", upload: id, accept_existing: $("dl-accept").checked }, "the markup");
    });
    $("dl-round").addEventListener("click", () => {
      const id = $("dl-upload").value;
      if (!id) return ($("dl-msg").textContent = "Upload the vendor's reply first.");
      download({ kind: "round", format: $("dl-format").value, upload: id }, "the round");
    });
    $("upload").addEventListener("change", () => {
      const f = $("upload").files[0];
      if (f) upload(f);
      $("upload").value = "";
    });
    $("conflict-cancel").addEventListener("click", () => $("conflict").close());
    $("conflict-reload").addEventListener("click", () => {
      $("conflict").close();
      S.dirty = false;
      openDeal(S.name);
    });
    $("conflict-overwrite").addEventListener("click", () => {
      const v = $("conflict").dataset.version;
      $("conflict").close();
      save(v);
    });
  }

  async function start() {
    wire();
    const res = await api("GET", "/api/schema");
    const j = await json(res);
    if (!res.ok) {
      status(errorText(j, res), "error");
      return;
    }
    S.meta = j;
    const vs = $("new-vendor");
    for (const v of j.vendors || []) vs.append(el("option", { value: v, text: v }));
    const m = location.hash.match(/^#deal=(.+)$/);
    if (m) {
      await loadDeals();
      openDeal(decodeURIComponent(m[1]));
    } else {
      showDeals();
    }
  }
  start();
})();
