import { keyApi, events, query } from "./api.js";
import { h, clear, field, id, notice, announce, errorText, credits, duration, resultUrlOf, videoBlock, badge } from "./ui.js";

const STEPS = ["pending", "processing", "success"];

/** A human label for an APIXO input field name: image_urls → Images, generationType → Generation type. */
export function labelOf(name) {
  if (name === "image_urls") return "Images";
  const words = name.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export async function playground(main, _params, { signal }) {
  main.append(h("h1", {}, "Playground"));
  const { models } = await keyApi("/api/v1/models", { signal });
  const usable = models.filter((m) => m.input && m.input.length);
  if (!usable.length) {
    main.append(notice("info", "No model of the catalog can be used from this form."));
    return;
  }
  const modelSelect = h("select", { name: "model" },
    usable.map((m) => h("option", { value: m.id, disabled: m.availability.status !== "available" },
      m.availability.status === "available" ? m.id : `${m.id} (retired)`)));
  const first = usable.find((m) => m.availability.status === "available") || usable[0];
  modelSelect.value = first.id;
  const about = h("p", { class: "muted about" });
  const inputs = h("div");
  const providerSelect = h("select", { name: "provider" });
  const callback = h("input", { type: "url", name: "callback_url", placeholder: "https://example.com/hooks/reelgate" });
  const estimateOut = h("p", { class: "estimate", "aria-live": "polite", id: "estimate" }, "…");
  const submit = h("button", { class: "primary", type: "submit" }, "Generate video");
  const formError = h("div");
  const form = h("form", { class: "panel", "aria-labelledby": "pg-form" },
    h("h2", { id: "pg-form" }, "Request"),
    field("Model", modelSelect), about, inputs,
    field("Provider", providerSelect, "Which kind of channel may serve it"),
    field("Callback URL (optional)", callback, "Gets a signed webhook when the task ends"),
    h("div", { class: "panel estimate-box" }, h("span", { class: "visually-hidden" }, "Price estimate: "), estimateOut),
    h("div", { class: "actions" }, submit), formError);
  const run = h("section", { class: "panel", id: "run", "aria-labelledby": "run-heading" },
    h("h2", { id: "run-heading" }, "Result"),
    h("p", { class: "muted" }, "Submit a request; its progress shows here live."));
  main.append(h("div", { class: "grid-play" }, form, run));

  let controls = {};
  let model = first;

  function setModel(m) {
    model = m;
    controls = {};
    clear(about, `${m.price.creditsPerSecond} credits per second · durations ${m.durations.join(", ")} s · `,
      m.availability.channels.map((c) => `${c.id} (${c.health})`).join(", ") || "no channel");
    clear(inputs);
    for (const f of m.input) {
      const c = control(f, m);
      controls[f.field] = c;
      inputs.append(c.wrapper);
    }
    clear(providerSelect, m.providers.map((p) => h("option", { value: p }, p)));
    providerSelect.value = m.defaultProvider;
    applyWhen();
  }

  function applyWhen() {
    for (const f of model.input) {
      const c = controls[f.field];
      const applies = !f.when || Object.entries(f.when).every(([k, vals]) =>
        controls[k] && vals.map(String).includes(String(controls[k].raw())));
      c.wrapper.hidden = !applies;
      c.setEnabled(applies);
    }
  }

  function body() {
    const input = {};
    for (const f of model.input) {
      const c = controls[f.field];
      if (c.wrapper.hidden) continue;
      const v = c.value();
      if (v !== undefined) input[f.field] = v;
    }
    const out = { request_type: callback.value.trim() ? "callback" : "async", provider: providerSelect.value, input };
    if (callback.value.trim()) out.callback_url = callback.value.trim();
    return out;
  }

  let timer = null;
  let pending = null;
  async function estimate() {
    if (pending) pending.abort();
    pending = new AbortController();
    const mine = pending;
    try {
      const data = await keyApi(`/api/v1/estimate/${encodeURIComponent(model.id)}`,
        { method: "POST", body: body(), signal: mine.signal });
      const r = data.request;
      clear(estimateOut, h("strong", {}, credits(data.credits)), " credits",
        h("span", { class: "muted" }, ` · ${r.width && r.height ? `${r.width}×${r.height}` : "size of the image"}, ${r.durationSeconds} s`));
      estimateOut.dataset.credits = String(data.credits);
    } catch (e) {
      if (mine.signal.aborted) return;
      delete estimateOut.dataset.credits;
      clear(estimateOut, h("span", { class: "muted" }, `No price yet: ${e.message}`));
    }
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(estimate, 250);
  }

  modelSelect.addEventListener("change", () => {
    setModel(usable.find((m) => m.id === modelSelect.value));
    later();
  });
  form.addEventListener("input", (ev) => { if (ev.target !== modelSelect) { applyWhen(); later(); } });
  form.addEventListener("change", (ev) => { if (ev.target !== modelSelect) { applyWhen(); later(); } });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clear(formError);
    submit.disabled = true;
    try {
      const data = await keyApi(`/api/v1/generateTask/${encodeURIComponent(model.id)}`, { method: "POST", body: body() });
      announce(`Task ${data.taskId} accepted`);
      follow(run, model.id, data.taskId, signal);
    } catch (e) {
      clear(formError, notice("error", errorText(e)));
    } finally {
      submit.disabled = false;
    }
  });
  signal.addEventListener("abort", () => { clearTimeout(timer); if (pending) pending.abort(); });

  setModel(first);
  estimate();
}

function control(f, model) {
  const name = f.field;
  const label = labelOf(name) + (f.required ? "" : " (optional)");
  const hint = `input.${name}${f.default !== null && f.default !== undefined && f.default !== "" ? ` · default ${f.default}` : ""}`;
  if (f.type === "array") return imagesControl(f, label);
  let el;
  let raw;
  let value;
  if (Array.isArray(f.values)) {
    el = h("select", { name });
    if (!f.required && (f.default === null || f.default === undefined)) el.append(h("option", { value: "" }, "(default)"));
    for (const v of f.values) el.append(h("option", { value: String(v) }, String(v)));
    el.value = String(f.default ?? (f.required ? f.values[0] : ""));
    raw = () => el.value;
    value = () => (el.value === "" ? undefined : f.type === "integer" ? Number(el.value) : el.value);
  } else if (name === "prompt") {
    el = h("textarea", { name, required: true, maxlength: String(model.maxPromptLength), rows: "4" },
      "a lighthouse on a cliff at dusk, waves crashing, slow dolly-in");
    raw = () => el.value;
    value = () => el.value;
  } else if (f.type === "boolean") {
    el = h("input", { type: "checkbox", name, checked: f.default === true });
    raw = () => el.checked;
    value = () => el.checked;
    const wrapper = h("div", { class: "field inline" }, el, h("label", { for: el.id = id() }, label));
    return { wrapper, raw, value, setEnabled: (on) => { el.disabled = !on; } };
  } else if (f.type === "integer") {
    el = h("input", { type: "number", name, step: "1", min: "0", inputmode: "numeric" });
    raw = () => el.value;
    value = () => (el.value === "" ? undefined : Number(el.value));
  } else {
    el = h("input", { type: "text", name });
    raw = () => el.value;
    value = () => (el.value === "" ? undefined : el.value);
  }
  const wrapper = field(label, el, hint);
  return { wrapper, raw, value, setEnabled: (on) => { el.disabled = !on; } };
}

function imagesControl(f, label) {
  const urls = h("textarea", { name: f.field, rows: "2", placeholder: "https://example.com/frame.jpg" });
  const files = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp", multiple: true });
  const thumbs = h("div", { class: "thumb-list" });
  let uploaded = [];
  files.addEventListener("change", async () => {
    uploaded = await Promise.all([...files.files].map(readDataUri));
    clear(thumbs, uploaded.map((u, i) => h("img", { src: u, alt: `Uploaded image ${i + 1}` })));
    files.dispatchEvent(new Event("input", { bubbles: true }));
  });
  const urlsField = field("Image URLs, one per line", urls, "http(s) URLs the server can fetch");
  const filesField = field("Or upload images", files, "JPEG, PNG or WebP; sent as data: URIs");
  const wrapper = h("fieldset", {}, h("legend", {}, label), urlsField, filesField, thumbs);
  const list = () => [...urls.value.split(/\s+/).filter(Boolean), ...uploaded];
  return {
    wrapper,
    raw: () => list().length,
    value: () => (list().length ? list() : undefined),
    setEnabled: (on) => { urls.disabled = !on; files.disabled = !on; },
  };
}

function readDataUri(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Shows a task's progress live from its event stream, then its video. */
export function follow(run, modelId, taskId, signal) {
  const steps = h("ol", { class: "steps", "aria-label": "Progress" }, STEPS.map((s) => h("li", { "data-step": s }, s)));
  const state = h("output", { id: "run-state", "aria-live": "polite" }, "pending");
  const elapsed = h("span", { class: "muted" });
  const cancel = h("button", { type: "button", class: "danger" }, "Cancel task");
  const out = h("div");
  clear(run, h("h2", { id: "run-heading" }, "Result"),
    h("p", {}, "Task ", h("a", { href: `#/tasks/${encodeURIComponent(taskId)}`, id: "run-task" }, taskId)),
    steps, h("p", {}, "State: ", state, " ", elapsed), h("div", { class: "actions" }, cancel), out);
  const started = Date.now();
  const tick = setInterval(() => { elapsed.textContent = `· ${duration(Date.now() - started)}`; }, 1000);
  const stop = new AbortController();
  signal.addEventListener("abort", () => stop.abort(), { once: true });
  const finish = () => { clearInterval(tick); cancel.hidden = true; stop.abort(); };
  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    try {
      await keyApi(`/api/v1/cancelTask/${encodeURIComponent(modelId)}${query({ taskId })}`, { method: "POST" });
    } catch (e) {
      out.append(notice("error", errorText(e)));
      cancel.disabled = false;
    }
  });
  const show = (s) => {
    state.textContent = s.state;
    run.dataset.state = s.state;
    const at = STEPS.indexOf(s.state);
    for (const li of steps.children) {
      const i = STEPS.indexOf(li.dataset.step);
      li.className = s.state === "failed" ? (i === 0 ? "done" : "") : i < at || s.state === "success" ? "done" : i === at ? "current" : "";
      li.toggleAttribute("aria-current", i === at);
    }
    announce(`Task ${s.state}`);
    if (s.state === "success") {
      const url = resultUrlOf(s);
      clear(out, url ? videoBlock(url, taskId) : notice("info", "The task succeeded but lists no video."));
      finish();
      return true;
    }
    if (s.state === "failed") {
      clear(out, notice("error", `${s.failCode}: ${s.failMsg}`), badge("failed"));
      finish();
      return true;
    }
    return false;
  };
  events(`/api/v1/tasks/${encodeURIComponent(taskId)}/events`, (ev) => {
    const s = ev.data && ev.data.data ? ev.data.data : ev.data;
    return s && s.state ? show(s) : false;
  }, stop.signal).catch((e) => { if (!stop.signal.aborted) out.append(notice("error", errorText(e))); });
}
