// Every call the console makes goes to this origin: relative paths only.
const KEY = "reelgate.apiKey";
const ADMIN = "reelgate.adminToken";

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(v) { v ? sessionStorage.setItem(KEY, v) : sessionStorage.removeItem(KEY); },
  get admin() { return sessionStorage.getItem(ADMIN); },
  set admin(v) { v ? sessionStorage.setItem(ADMIN, v) : sessionStorage.removeItem(ADMIN); },
};

/** A refused call: the HTTP status and the message of whichever error shape the answer has. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

function messageOf(json, status) {
  if (json && typeof json === "object") {
    if (typeof json.message === "string") return json.message;
    if (json.error && typeof json.error.message === "string") return json.error.message;
    if (typeof json.error === "string") return json.error;
  }
  return `HTTP ${status}`;
}

async function call(path, { method = "GET", body, token, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload, signal, cache: "no-store" });
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!res.ok) throw new ApiError(res.status, messageOf(json, res.status), json);
  return json;
}

/** The public API with the key holder's key; answers the envelope's data. */
export async function keyApi(path, options = {}) {
  const json = await call(path, { ...options, token: session.key });
  return json && "data" in json ? json.data : json;
}

/** The admin API with the operator's token; answers the body. */
export function adminApi(path, options = {}) {
  return call(path, { ...options, token: session.admin });
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/**
 * Reads a server-sent event stream with the key in the Authorization header (EventSource cannot
 * send one). Reconnects with Last-Event-ID after a dropped connection; stops on abort, on a 204,
 * or when onEvent returns true.
 */
export async function events(path, onEvent, signal) {
  let last = null;
  while (!signal.aborted) {
    const headers = { Accept: "text/event-stream", Authorization: `Bearer ${session.key}` };
    if (last) headers["Last-Event-ID"] = last;
    let res;
    try {
      res = await fetch(path, { headers, signal, cache: "no-store" });
    } catch (e) {
      if (signal.aborted) return;
      await pause(2000, signal);
      continue;
    }
    if (res.status === 204) return;
    if (!res.ok) {
      let json = null;
      try { json = await res.json(); } catch { json = null; }
      throw new ApiError(res.status, messageOf(json, res.status), json);
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseBlock(block);
          if (!event) continue;
          if (event.id) last = event.id;
          if (onEvent(event) === true) {
            reader.cancel().catch(() => {});
            return;
          }
        }
      }
    } catch (e) {
      if (signal.aborted) return;
    }
    await pause(500, signal);
  }
}

function parseBlock(block) {
  let id = null;
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") id = value;
    else if (field === "event") name = value;
    else if (field === "data") data.push(value);
  }
  if (!data.length) return null;
  let json = null;
  try { json = JSON.parse(data.join("\n")); } catch { json = null; }
  return { id, name, data: json };
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
  });
}
