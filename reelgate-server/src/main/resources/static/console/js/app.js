import { session, keyApi, adminApi } from "./api.js";
import { h, clear, field, notice, errorText, announce } from "./ui.js";
import { playground } from "./playground.js";
import { taskList, taskDetail } from "./tasks.js";
import { creditsPage } from "./credits.js";
import { accountsPage, accountPage } from "./admin-accounts.js";
import { channelsPage, allTasksPage, moderationPage, lateResultsPage } from "./admin-views.js";

const routes = [
  { path: /^\/playground$/, who: "key", title: "Playground", view: playground },
  { path: /^\/tasks$/, who: "key", title: "Tasks", view: taskList },
  { path: /^\/tasks\/([^/]+)$/, who: "key", title: "Task", view: taskDetail, nav: "/tasks" },
  { path: /^\/credits$/, who: "key", title: "Credits", view: creditsPage },
  { path: /^\/admin\/accounts$/, who: "admin", title: "Accounts", view: accountsPage },
  { path: /^\/admin\/accounts\/([^/]+)$/, who: "admin", title: "Account", view: accountPage, nav: "/admin/accounts" },
  { path: /^\/admin\/channels$/, who: "admin", title: "Channels", view: channelsPage },
  { path: /^\/admin\/tasks$/, who: "admin", title: "All tasks", view: allTasksPage },
  { path: /^\/admin\/moderation$/, who: "admin", title: "Moderation", view: moderationPage },
  { path: /^\/admin\/late-results$/, who: "admin", title: "Late results", view: lateResultsPage },
  { path: /^\/sign-in$/, who: null, title: "Sign in", view: signIn },
];

const NAV = [
  { who: "key", group: "Key", items: [["/playground", "Playground"], ["/tasks", "Tasks"], ["/credits", "Credits"]] },
  { who: "admin", group: "Operator", items: [["/admin/accounts", "Accounts"], ["/admin/channels", "Channels"],
    ["/admin/tasks", "All tasks"], ["/admin/moderation", "Moderation"], ["/admin/late-results", "Late results"]] },
];

let current = null;

function currentPath() {
  const hash = location.hash.replace(/^#/, "");
  return hash || "/";
}

function home() {
  if (session.key) return "/playground";
  if (session.admin) return "/admin/accounts";
  return "/sign-in";
}

export function go(path) {
  location.hash = `#${path}`;
}

async function render() {
  if (current) current.abort();
  current = new AbortController();
  let path = currentPath();
  if (path === "/") { go(home()); return; }
  let route = routes.find((r) => r.path.test(path));
  if (!route) { go(home()); return; }
  if (route.who === "key" && !session.key) { go("/sign-in"); return; }
  if (route.who === "admin" && !session.admin) { go("/sign-in"); return; }
  renderNav(route.nav || path);
  const main = document.getElementById("main");
  document.title = `${route.title} · Reelgate console`;
  clear(main);
  const params = path.match(route.path).slice(1).map(decodeURIComponent);
  try {
    await route.view(main, params, { signal: current.signal });
  } catch (e) {
    if (!current.signal.aborted) main.append(notice("error", errorText(e)));
  }
  main.focus({ preventScroll: true });
}

function renderNav(active) {
  const nav = document.getElementById("nav");
  const lists = NAV.filter((g) => (g.who === "key" ? session.key : session.admin)).map((g) =>
    h("ul", { "aria-label": g.group },
      h("li", { class: "group", "aria-hidden": "true" }, g.group),
      g.items.map(([path, label]) =>
        h("li", {}, h("a", { href: `#${path}`, "aria-current": path === active ? "page" : null }, label)))));
  clear(nav, lists);
  const who = document.getElementById("who");
  const signedIn = [session.key ? "key" : null, session.admin ? "operator" : null].filter(Boolean);
  clear(who,
    signedIn.length ? h("span", {}, `Signed in: ${signedIn.join(" + ")}`) : null,
    active !== "/sign-in" ? h("a", { href: "#/sign-in" }, signedIn.length ? "Sign-in options" : "Sign in") : null,
    signedIn.length ? h("button", { type: "button", onclick: () => { session.key = null; session.admin = null; announce("Signed out"); go("/sign-in"); } }, "Sign out") : null);
}

async function signIn(main) {
  main.append(h("h1", {}, "Sign in"),
    h("p", { class: "muted" }, "The key or token stays in this browser tab's session storage and is sent only to this Reelgate server."));
  const keyInput = h("input", { type: "password", name: "apiKey", autocomplete: "off", required: true, spellcheck: "false" });
  const keyOut = h("div");
  const keyForm = h("form", { class: "panel", "aria-labelledby": "key-heading" },
    h("h2", { id: "key-heading" }, "API key"),
    h("p", { class: "muted" }, "Playground, your tasks, webhooks and credits."),
    field("API key", keyInput, "Starts with rg_"),
    h("button", { class: "primary", type: "submit" }, "Sign in with key"), keyOut);
  keyForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const previous = session.key;
    session.key = keyInput.value.trim();
    try {
      await keyApi("/api/v1/credits");
      announce("Signed in with the API key");
      go("/playground");
    } catch (e) {
      session.key = previous;
      clear(keyOut, notice("error", e.status === 401 ? "This key is not valid (revoked or unknown)." : errorText(e)));
    }
  });
  const tokenInput = h("input", { type: "password", name: "adminToken", autocomplete: "off", required: true, spellcheck: "false" });
  const tokenOut = h("div");
  const adminForm = h("form", { class: "panel", "aria-labelledby": "admin-heading" },
    h("h2", { id: "admin-heading" }, "Operator"),
    h("p", { class: "muted" }, "Accounts, keys, channels, every task, moderation events."),
    field("Admin token", tokenInput, "The value of REELGATE_ADMIN_TOKEN"),
    h("button", { class: "primary", type: "submit" }, "Sign in as operator"), tokenOut);
  adminForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const previous = session.admin;
    session.admin = tokenInput.value.trim();
    try {
      await adminApi("/admin/v1/channels");
      announce("Signed in as operator");
      go("/admin/accounts");
    } catch (e) {
      session.admin = previous;
      clear(tokenOut, notice("error", e.status === 401 ? "This admin token is wrong."
        : e.status === 404 ? "The admin API is off on this server (REELGATE_ADMIN_TOKEN is not set)." : errorText(e)));
    }
  });
  main.append(h("div", { class: "grid2" }, keyForm, adminForm));
}

window.addEventListener("hashchange", render);
render();
