import { keyApi, events, query } from "./api.js";
import { h, clear, field, notice, announce, errorText, credits, duration, time, table, badge, resultUrlOf, videoBlock } from "./ui.js";

const STATES = ["pending", "processing", "success", "failed"];

export async function taskList(main, _params, { signal }) {
  main.append(h("h1", {}, "Tasks"));
  const { models } = await keyApi("/api/v1/models", { signal });
  const state = h("select", { name: "state" }, h("option", { value: "" }, "any"), STATES.map((s) => h("option", { value: s }, s)));
  const model = h("select", { name: "model" }, h("option", { value: "" }, "any"), models.map((m) => h("option", { value: m.id }, m.id)));
  const since = h("input", { type: "datetime-local", name: "since" });
  const filters = h("form", { class: "panel filters", "aria-label": "Filters" },
    field("State", state), field("Model", model), field("Created since", since),
    h("button", { type: "submit" }, "Apply"));
  const out = h("div", { id: "task-list" });
  main.append(filters, out);
  let cursor = null;
  let list = null;
  const more = h("button", { type: "button", hidden: true }, "Load more");
  more.addEventListener("click", () => load(false));

  const columns = [
    { label: "Task", render: (t) => h("a", { href: `#/tasks/${encodeURIComponent(t.taskId)}` }, t.taskId) },
    { label: "Model", key: "model" },
    { label: "State", render: (t) => h("span", { "data-state-of": t.taskId }, badge(t.state)) },
    { label: "Created", render: (t) => time(t.createTime) },
    { label: "Took", render: (t) => (t.costTime ? duration(t.costTime) : "—") },
    { label: "Failure", render: (t) => (t.failCode ? `${t.failCode}: ${t.failMsg}` : "") },
  ];

  async function load(reset) {
    const params = {
      state: state.value, model: model.value,
      since: since.value ? new Date(since.value).getTime() : "",
      limit: 20, cursor: reset ? "" : cursor,
    };
    try {
      const data = await keyApi(`/api/v1/tasks${query(params)}`, { signal });
      if (reset) {
        list = table("Your tasks, newest first", columns, data.tasks, { empty: "No task matches." });
        clear(out, list.element, h("div", { class: "actions" }, more));
      } else {
        list.add(data.tasks);
      }
      cursor = data.nextCursor;
      more.hidden = !cursor;
      announce(`${list.body.rows.length} tasks shown`);
    } catch (e) {
      if (!signal.aborted) clear(out, notice("error", errorText(e)));
    }
  }
  filters.addEventListener("submit", (ev) => { ev.preventDefault(); load(true); });
  await load(true);
  // live: states of the listed tasks change in place
  events("/api/v1/events", (ev) => {
    const s = ev.data && ev.data.data ? ev.data.data : ev.data;
    if (!s || !s.taskId) return false;
    const cell = out.querySelector(`[data-state-of="${CSS.escape(s.taskId)}"]`);
    if (cell) clear(cell, badge(s.state));
    return false;
  }, signal).catch(() => {});
}

export async function taskDetail(main, [taskId], { signal }) {
  main.append(h("p", {}, h("a", { href: "#/tasks" }, "← Tasks")), h("h1", {}, "Task ", h("code", {}, taskId)));
  const body = h("div");
  main.append(body);
  let task = await keyApi(`/api/v1/tasks/${encodeURIComponent(taskId)}`, { signal });

  const draw = async () => {
    const t = task;
    const summary = h("dl", { class: "props" },
      h("dt", {}, "State"), h("dd", { id: "task-state" }, badge(t.state)),
      h("dt", {}, "Model"), h("dd", {}, t.model),
      h("dt", {}, "Cost"), h("dd", {}, `${credits(t.credits)} credits (${t.billing})`),
      h("dt", {}, "Created"), h("dd", {}, time(t.createTime)),
      h("dt", {}, "Took"), h("dd", {}, t.costTime ? duration(t.costTime) : "—"),
      h("dt", {}, "Video"), h("dd", {}, t.output ? `${t.output.width}×${t.output.height}` : "—"));
    const timeline = h("ol", { class: "timeline" }, t.timeline.map((s) => h("li", {}, badge(s.state), " ", time(s.time))));
    const r = t.request;
    const params = h("dl", { class: "props" },
      Object.entries(r).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length) && !(typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length))
        .map(([k, v]) => [h("dt", {}, k), h("dd", {}, typeof v === "object" ? JSON.stringify(v) : String(v))]));
    const actions = h("div", { class: "actions" });
    if (t.state === "pending" || t.state === "processing") {
      const cancel = h("button", { type: "button", class: "danger" }, "Cancel task");
      cancel.addEventListener("click", async () => {
        cancel.disabled = true;
        try {
          await keyApi(`/api/v1/cancelTask/${encodeURIComponent(t.model)}${query({ taskId: t.taskId })}`, { method: "POST" });
          announce("Task cancelled");
          await refresh();
        } catch (e) {
          actions.append(notice("error", errorText(e)));
          cancel.disabled = false;
        }
      });
      actions.append(cancel);
    }
    const url = resultUrlOf(t);
    clear(body,
      h("div", { class: "grid2" },
        h("section", { class: "panel", "aria-labelledby": "sum-h" }, h("h2", { id: "sum-h" }, "Summary"), summary, actions,
          t.failCode ? notice("error", `${t.failCode}: ${t.failMsg}`) : null,
          h("h3", {}, "Timeline"), timeline),
        h("section", { class: "panel", "aria-labelledby": "res-h" }, h("h2", { id: "res-h" }, "Result"),
          url ? videoBlock(url, t.taskId) : h("p", { class: "muted" }, t.state === "failed" ? "No video: the task failed." : "Not ready yet."))),
      h("section", { class: "panel", "aria-labelledby": "par-h" }, h("h2", { id: "par-h" }, "Parameters"), params),
      h("section", { class: "panel", "aria-labelledby": "wh-h" }, h("h2", { id: "wh-h" }, "Webhook deliveries"), await webhooks(t.taskId, signal)));
  };
  const refresh = async () => {
    task = await keyApi(`/api/v1/tasks/${encodeURIComponent(taskId)}`, { signal });
    await draw();
  };
  await draw();
  if (task.state === "pending" || task.state === "processing") {
    events(`/api/v1/tasks/${encodeURIComponent(taskId)}/events`, (ev) => {
      const s = ev.data && ev.data.data ? ev.data.data : ev.data;
      if (s && s.state && s.state !== task.state) refresh().catch(() => {});
      return s && (s.state === "success" || s.state === "failed");
    }, signal).catch(() => {});
  }
}

async function webhooks(taskId, signal) {
  const box = h("div");
  const data = await keyApi(`/api/v1/tasks/${encodeURIComponent(taskId)}/webhooks`, { signal });
  if (!data.deliveries.length) {
    box.append(h("p", { class: "muted" }, "No webhook: the task was created without a callback URL."));
    return box;
  }
  const t = table("Deliveries", [
    { label: "Delivery", render: (d) => h("code", {}, d.webhookId) },
    { label: "URL", render: (d) => h("code", {}, d.url) },
    { label: "State", render: (d) => badge(d.state) },
    { label: "Attempts", render: (d) => h("div", {}, String(d.attemptCount),
        d.attempts.length ? h("ol", { class: "attempts" }, d.attempts.map((a) =>
          h("li", {}, `${time(a.time)} · ${a.statusCode ?? "no answer"} · ${a.latencyMs} ms${a.error ? ` · ${a.error}` : ""}`))) : null) },
    { label: "Next attempt", render: (d) => time(d.nextAttemptTime) },
    { label: "", render: (d) => {
        const b = h("button", { type: "button" }, "Redeliver");
        b.setAttribute("aria-label", `Redeliver ${d.webhookId}`);
        b.addEventListener("click", async () => {
          b.disabled = true;
          try {
            await keyApi(`/api/v1/tasks/${encodeURIComponent(taskId)}/webhooks/${encodeURIComponent(d.webhookId)}/redeliver`, { method: "POST" });
            announce("Redelivery scheduled");
            clear(box, await webhooks(taskId, signal));
          } catch (e) {
            box.append(notice("error", errorText(e)));
            b.disabled = false;
          }
        });
        return b;
      } },
  ], data.deliveries);
  box.append(t.element);
  return box;
}
