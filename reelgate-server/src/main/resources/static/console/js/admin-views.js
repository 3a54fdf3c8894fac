import { adminApi, query } from "./api.js";
import { h, clear, field, notice, errorText, time, table, badge } from "./ui.js";

export async function channelsPage(main, _params, { signal }) {
  main.append(h("h1", {}, "Channels"));
  const out = h("div");
  const refresh = h("button", { type: "button" }, "Refresh");
  main.append(h("div", { class: "actions" }, refresh), out);
  const draw = async () => {
    const { channels } = await adminApi("/admin/v1/channels", { signal });
    clear(out, table("Channels on this node", [
      { label: "Channel", render: (c) => h("code", {}, c.id) },
      { label: "Protocol", key: "protocol" },
      { label: "Route", key: "route" },
      { label: "Cost", num: true, key: "cost" },
      { label: "Models", render: (c) => c.models.join(", ") },
      { label: "Breaker", render: (c) => badge(c.health.state) },
      { label: "Recent errors", num: true, render: (c) => (c.recentErrorRate === null ? "no calls yet"
          : `${Math.round(c.recentErrorRate * 100)}% of ${c.health.calls}`) },
      { label: "In flight", num: true, render: (c) => `${c.inFlight} / ${c.maxConcurrent}` },
    ], channels).element);
  };
  refresh.addEventListener("click", () => draw().catch((e) => out.append(notice("error", errorText(e)))));
  await draw();
}

export async function allTasksPage(main, _params, { signal }) {
  main.append(h("h1", {}, "All tasks"));
  const account = h("input", { type: "text", name: "account", placeholder: "acct_…", autocomplete: "off" });
  const state = h("select", { name: "state" }, h("option", { value: "" }, "any"),
    ["queued", "running", "storing", "succeeded", "failed", "cancelled"].map((s) => h("option", { value: s }, s)));
  const model = h("input", { type: "text", name: "model", placeholder: "sora-2", autocomplete: "off" });
  const since = h("input", { type: "datetime-local", name: "since" });
  const filters = h("form", { class: "panel filters", "aria-label": "Filters" },
    field("Account", account), field("State", state), field("Model", model), field("Created since", since),
    h("button", { type: "submit" }, "Apply"));
  const out = h("div");
  main.append(filters, out);
  let next = null;
  let t;
  const more = h("button", { type: "button", hidden: true }, "Load more");
  const columns = [
    { label: "Task", render: (x) => h("code", {}, x.taskId) },
    { label: "Account", render: (x) => h("a", { href: `#/admin/accounts/${encodeURIComponent(x.accountId)}` }, x.accountId) },
    { label: "Model", key: "model" },
    { label: "State", render: (x) => badge(x.state) },
    { label: "Price", num: true, key: "price" },
    { label: "Channel", key: "channelId" },
    { label: "Created", render: (x) => time(x.createdAt) },
    { label: "Failure", render: (x) => (x.failureCode ? `${x.failureCode}: ${x.failureMessage ?? ""}` : "") },
    { label: "Prompt", key: "prompt" },
  ];
  async function load(reset) {
    try {
      const page = await adminApi(`/admin/v1/tasks${query({
        account: account.value.trim(), state: state.value, model: model.value.trim(),
        since: since.value ? new Date(since.value).getTime() : "", limit: 50, cursor: reset ? "" : next })}`, { signal });
      if (reset) {
        t = table("Tasks of every account, newest first", columns, page.tasks, { empty: "No task matches." });
        clear(out, t.element, h("div", { class: "actions" }, more));
      } else {
        t.add(page.tasks);
      }
      next = page.next;
      more.hidden = !next;
    } catch (e) {
      if (!signal.aborted) clear(out, notice("error", errorText(e)));
    }
  }
  filters.addEventListener("submit", (ev) => { ev.preventDefault(); load(true); });
  more.addEventListener("click", () => load(false));
  await load(true);
}

export async function moderationPage(main, _params, { signal }) {
  main.append(h("h1", {}, "Moderation events"),
    h("p", { class: "muted" }, "Prompts refused before any credit was reserved. Only an excerpt and a hash of each prompt are kept."));
  const account = h("input", { type: "text", name: "account", placeholder: "acct_…", autocomplete: "off" });
  const filters = h("form", { class: "panel filters", "aria-label": "Filters" }, field("Account", account), h("button", { type: "submit" }, "Apply"));
  const out = h("div");
  main.append(filters, out);
  let next = null;
  let t;
  const more = h("button", { type: "button", hidden: true }, "Load more");
  const columns = [
    { label: "When", render: (e) => time(e.createdAt) },
    { label: "Account", render: (e) => h("a", { href: `#/admin/accounts/${encodeURIComponent(e.accountId)}` }, e.accountId) },
    { label: "Model", key: "model" },
    { label: "API", key: "dialect" },
    { label: "Policy", key: "policy" },
    { label: "Reason", key: "reason" },
    { label: "Prompt excerpt", key: "promptExcerpt" },
  ];
  async function load(reset) {
    try {
      const page = await adminApi(`/admin/v1/moderation-events${query({ account: account.value.trim(), limit: 50, before: reset ? "" : next })}`, { signal });
      if (reset) {
        t = table("Refused prompts, newest first", columns, page.events, { empty: "No prompt was refused." });
        clear(out, t.element, h("div", { class: "actions" }, more));
      } else {
        t.add(page.events);
      }
      next = page.next;
      more.hidden = !next;
    } catch (e) {
      if (!signal.aborted) clear(out, notice("error", errorText(e)));
    }
  }
  filters.addEventListener("submit", (ev) => { ev.preventDefault(); load(true); });
  more.addEventListener("click", () => load(false));
  await load(true);
}

/**
 * Results that upstreams delivered after their task had ended. The listing's exact shape belongs
 * to the endpoint; the first list in its body is shown as a table of its fields. A server without
 * the endpoint answers 404, shown as such.
 */
export async function lateResultsPage(main, _params, { signal }) {
  main.append(h("h1", {}, "Late upstream results"),
    h("p", { class: "muted" }, "Videos an upstream finished after Reelgate had already failed, timed out or cancelled the task."));
  let body;
  try {
    body = await adminApi("/admin/v1/late-results", { signal });
  } catch (e) {
    if (e.status === 404) {
      main.append(notice("info", "This server does not list late results (GET /admin/v1/late-results answered 404)."));
      return;
    }
    throw e;
  }
  const rowsOf = (b) => (Array.isArray(b) ? b : Object.values(b || {}).find(Array.isArray) || []);
  const rows = rowsOf(body);
  const keys = [...new Set(rows.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : [])))];
  const columns = keys.map((k) => ({ label: k, render: (r) => {
    const v = r[k];
    if (k === "accountId" && v) return h("a", { href: `#/admin/accounts/${encodeURIComponent(v)}` }, v);
    return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  } }));
  if (!columns.length) {
    main.append(h("p", { class: "muted" }, "No late result."));
    return;
  }
  const t = table("Late results, newest first", columns, rows);
  // the listing's next page, when it names one on this server
  let next = body && typeof body.next === "string" && body.next.startsWith("/admin/") ? body.next : null;
  const more = h("button", { type: "button", hidden: !next }, "Load more");
  more.addEventListener("click", async () => {
    try {
      const page = await adminApi(next, { signal });
      t.add(rowsOf(page));
      next = page && typeof page.next === "string" && page.next.startsWith("/admin/") ? page.next : null;
      more.hidden = !next;
    } catch (e) {
      main.append(notice("error", errorText(e)));
    }
  });
  main.append(t.element, h("div", { class: "actions" }, more));
}
