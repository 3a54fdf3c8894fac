// Small DOM helpers: elements are built with textContent, never from HTML strings.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
export function id(prefix = "f") {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field around a control made by the caller; the label points at it. */
export function field(label, control, hint) {
  if (!control.id) control.id = id();
  const parts = [h("label", { for: control.id }, label)];
  if (hint) {
    const hintId = id("hint");
    control.setAttribute("aria-describedby", hintId);
    parts.push(h("span", { class: "hint", id: hintId }, hint));
  }
  return h("div", { class: "field" }, parts[0], control, parts.slice(1));
}

export function announce(text) {
  const region = document.getElementById("announce");
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 30);
}

export function notice(kind, text) {
  return h("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

export function badge(state) {
  return h("span", { class: `badge ${state}` }, state);
}

export function table(caption, columns, rows, { empty = "Nothing yet." } = {}) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.num ? "num" : "" }, c.label)));
  const body = h("tbody");
  addRows(body, columns, rows);
  const t = h("table", {}, h("caption", { class: caption ? "" : "visually-hidden" }, caption || "Table"),
    h("thead", {}, head), body);
  const wrap = h("div", { class: "table-wrap" }, t);
  const none = h("p", { class: "muted empty", hidden: rows.length > 0 }, empty);
  return { element: h("div", {}, wrap, none), body, add(more) { addRows(body, columns, more); none.hidden = body.rows.length > 0; } };
}

function addRows(body, columns, rows) {
  for (const row of rows) {
    const tr = h("tr", {}, columns.map((c, i) => {
      const value = c.render ? c.render(row) : row[c.key];
      const attrs = { class: c.num ? "num" : "" };
      return i === 0 ? h("th", { ...attrs, scope: "row" }, value ?? "—") : h("td", attrs, value ?? "—");
    }));
    if (row.__rowId) tr.dataset.rowId = row.__rowId;
    body.append(tr);
  }
}

export function time(ms) {
  if (ms === null || ms === undefined || ms === "") return "—";
  const d = typeof ms === "number" ? new Date(ms) : new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

export function duration(ms) {
  if (ms === null || ms === undefined) return "—";
  const s = Math.round(ms / 100) / 10;
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function credits(n) {
  return n === null || n === undefined ? "—" : Number(n).toLocaleString();
}

export function errorText(e) {
  if (e && e.status) return `${e.message} (HTTP ${e.status})`;
  return e && e.message ? e.message : String(e);
}

/** A read-only copy of a secret with a copy button. */
export function secretBox(label, value) {
  const input = h("input", { type: "text", readonly: true, value, class: "mono", "data-secret": label });
  const copy = h("button", { type: "button", onclick: async () => {
    try { await navigator.clipboard.writeText(value); announce(`${label} copied`); }
    catch { input.select(); }
  } }, "Copy");
  return h("div", { class: "secret" }, field(label, input), copy);
}

export function resultUrlOf(status) {
  if (!status || !status.resultJson) return null;
  try {
    const urls = JSON.parse(status.resultJson).resultUrls;
    return Array.isArray(urls) && urls.length ? urls[0] : null;
  } catch {
    return null;
  }
}

/** A player for a stored video and a download link. */
export function videoBlock(url, name) {
  const video = h("video", { controls: true, preload: "metadata", src: url, "aria-label": `Video ${name}` });
  const link = h("a", { class: "button", href: url, download: `${name}.mp4` }, "Download MP4");
  return h("div", { class: "result" }, video, h("div", { class: "actions" }, link));
}
