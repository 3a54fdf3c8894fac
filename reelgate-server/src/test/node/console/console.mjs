// Drives the Reelgate web console in headless Chromium: a key holder signs in, generates a video
// in the playground and watches it finish live, plays it, finds it in the task list; the operator
// creates an account and a key, adds credits and revokes the key. Prints one JSON line per step
// for ConsoleBrowserIT to check, and writes screenshots (light and dark) to REELGATE_OUT.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const base = process.env.REELGATE_BASE_URL;
const apiKey = process.env.REELGATE_API_KEY;
const adminToken = process.env.REELGATE_ADMIN_TOKEN;
const out = process.env.REELGATE_OUT;
const executablePath = process.env.REELGATE_CHROMIUM || "/usr/bin/chromium";
mkdirSync(out, { recursive: true });

const origin = new URL(base).origin;
// a 2×2 PNG, uploaded in the playground
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4UaEBRAwQCgAp7gWhjAnOiAAAAABJRU5ErkJggg==",
  "base64");
const requests = [];
const problems = [];

function step(name, data = {}) {
  console.log(JSON.stringify({ step: name, ...data }));
}

const browser = await chromium.launch({
  executablePath,
  args: ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--autoplay-policy=no-user-gesture-required"],
});

function watch(context) {
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", (p) => watchPage(p));
}
function watchPage(page) {
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    const text = m.text();
    // a 4xx the page provoked on purpose (a refused prompt, the revoked key, the absent late-results listing) is logged by Chromium
    if (m.type() === "error" && !/status of 40[014]/.test(text)) problems.push(`console: ${text}`);
    if (/Content Security Policy/i.test(text)) problems.push(`csp: ${text}`);
  });
  page.on("dialog", (d) => d.accept());
}

// controls without an accessible name, per page: what a screen reader would announce as nothing
const unlabelled = [];
async function checkLabels(page, name) {
  const missing = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, button, a[href]")]
    .filter((el) => el.type !== "hidden" && el.getClientRects().length > 0)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby")
      && !(el.textContent || "").trim())
    .map((el) => el.outerHTML.slice(0, 120)));
  for (const m of missing) unlabelled.push(`${name}: ${m}`);
}

async function shot(page, name) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await checkLabels(page, name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: false });
}

async function open(page, hash, ready) {
  await page.goto(`${base}/console/#${hash}`);
  await page.locator(ready).first().waitFor();
}

try {
  // ---- the key holder, light ----
  const light = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: "light" });
  watch(light);
  const page = await light.newPage();
  page.setDefaultTimeout(60_000);

  await page.goto(`${base}/console`);
  await page.waitForURL(/#\/sign-in$/);
  await shot(page, "sign-in-light");
  await page.getByRole("textbox", { name: "API key" }).fill(apiKey);
  await page.getByRole("button", { name: "Sign in with key" }).click();
  await page.waitForURL(/#\/playground$/);
  step("signed-in", { url: page.url() });

  const form = page.locator("form[aria-labelledby=pg-form]");
  // the form follows the catalog's "when": sora-2-pro's resolution only applies to image-to-video
  await form.getByLabel("Model", { exact: true }).selectOption("sora-2-pro");
  const resolutionHidden = await form.getByLabel("Resolution (optional)").isHidden();
  const sizeVisible = await form.getByLabel("Size (optional)").isVisible();
  await form.getByLabel("Mode", { exact: true }).selectOption("image-to-video");
  const resolutionShown = await form.getByLabel("Resolution (optional)").isVisible();
  step("form", { resolutionHidden, sizeVisible, resolutionShown });
  await form.getByLabel("Model", { exact: true }).selectOption("sora-2");
  await form.getByLabel("Duration").selectOption("8");
  await page.locator("#estimate[data-credits='80']").waitFor();
  await form.getByLabel("Duration").selectOption("4");
  await page.locator("#estimate[data-credits='40']").waitFor();
  step("estimate", { eight: 80, four: Number(await page.locator("#estimate").getAttribute("data-credits")) });
  // image-to-video shows the image controls; an uploaded file becomes a data: URI and is priced
  await form.getByLabel("Mode", { exact: true }).selectOption("image-to-video");
  await form.getByLabel("Or upload images").setInputFiles({ name: "frame.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("img", { name: "Uploaded image 1" }).waitFor();
  await page.locator("#estimate[data-credits='40']").waitFor();
  const uploadedShown = await form.getByRole("img", { name: "Uploaded image 1" }).getAttribute("src");
  await form.getByLabel("Mode", { exact: true }).selectOption("text-to-video");
  const imagesHidden = await form.getByLabel("Or upload images").isHidden();
  step("upload", { dataUri: uploadedShown.startsWith("data:image/png;base64,"), imagesHidden });
  await form.getByLabel("Prompt").fill("a red kite over sand dunes, drone shot");

  // states shown in the page, recorded as they appear; a marker that a reload would erase
  await page.evaluate(() => {
    window.__sameDocument = true;
    window.__states = [];
    const run = document.getElementById("run");
    new MutationObserver(() => {
      const s = run.dataset.state;
      if (s && window.__states[window.__states.length - 1] !== s) window.__states.push(s);
    }).observe(run, { attributes: true, subtree: true, childList: true });
  });
  const navigations = [];
  page.on("framenavigated", (f) => { if (f === page.mainFrame()) navigations.push(f.url()); });
  await form.getByRole("button", { name: "Generate video" }).click();
  const taskId = (await page.locator("#run-task").textContent()).trim();
  await page.locator("#run[data-state='success']").waitFor({ timeout: 240_000 });
  const live = await page.evaluate(() => ({ same: window.__sameDocument === true, states: window.__states }));
  step("live", { taskId, sameDocument: live.same, states: live.states, navigations });

  const video = page.locator("#run video");
  await video.waitFor();
  const played = await video.evaluate(async (v) => {
    v.muted = true;
    v.playbackRate = 2;
    await new Promise((resolve, reject) => {
      v.addEventListener("ended", resolve, { once: true });
      v.addEventListener("error", () => reject(new Error(`media error ${v.error && v.error.code}`)), { once: true });
      v.play().catch(reject);
    });
    return { ended: v.ended, videoWidth: v.videoWidth, videoHeight: v.videoHeight, duration: v.duration, src: v.currentSrc };
  });
  const download = await page.locator("#run a[download]").getAttribute("href");
  step("played", { ...played, download });
  await video.evaluate((v) => { v.currentTime = 1; });
  await shot(page, "playground-light");

  // a prompt the moderation refuses: the form says why, nothing is created
  await form.getByLabel("Prompt").fill("a scene with csam");
  await form.getByRole("button", { name: "Generate video" }).click();
  const refusedMessage = (await form.getByRole("alert").textContent()).trim();
  step("refused", { message: refusedMessage, taskStill: (await page.locator("#run-task").textContent()).trim() });

  await page.getByRole("link", { name: "Tasks", exact: true }).click();
  const row = page.locator("#task-list").getByRole("link", { name: taskId });
  await row.waitFor();
  step("listed", { taskId, state: (await page.locator(`[data-state-of="${taskId}"]`).textContent()).trim() });
  await shot(page, "tasks-light");
  await row.click();
  await page.locator("#task-state").waitFor();
  step("detail", { state: (await page.locator("#task-state").textContent()).trim() });
  await shot(page, "task-light");
  await page.getByRole("link", { name: "Credits", exact: true }).click();
  await page.locator("#balance").waitFor();
  await shot(page, "credits-light");

  // ---- the operator ----
  await page.getByRole("link", { name: /Sign-in options/ }).click();
  await page.getByLabel("Admin token").fill(adminToken);
  await page.getByRole("button", { name: "Sign in as operator" }).click();
  await page.waitForURL(/#\/admin\/accounts$/);
  await page.getByLabel("Name").fill("acme-console");
  await page.getByLabel("Initial credits").fill("500");
  await page.getByRole("button", { name: "Create account" }).click();
  const firstKey = await page.locator("input[data-secret='API key']").inputValue();
  await page.locator("#open-account").click();
  await page.locator("#account-balance").waitFor();
  const accountId = page.url().split("/").pop();
  await page.getByLabel("Amount").fill("250");
  await page.getByLabel("Note").fill("console top-up");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.locator("#account-balance", { hasText: "750" }).waitFor();
  await page.getByRole("button", { name: "Create key" }).click();
  const secondKey = await page.locator("#new-key input[data-secret='New API key']").inputValue();
  const keyId = (await page.locator("#new-key").textContent()).match(/Key (\S+) created/)[1];
  await page.getByRole("button", { name: `Limits of ${keyId}` }).click();
  await page.getByRole("heading", { name: `Per-key limits: ${keyId}` }).waitFor();
  await shot(page, "account-light");
  await page.getByRole("button", { name: `Revoke ${keyId}` }).click();
  await page.locator(`tr[data-row-id="${keyId}"]`, { hasText: "revoked" }).waitFor();
  step("operator", { accountId, firstKey, secondKey, keyId, balance: (await page.locator("#account-balance").textContent()).trim() });

  // the revoked key, offered to the console's sign-in, is refused
  await page.goto(`${base}/console/#/sign-in`);
  await page.getByRole("textbox", { name: "API key" }).fill(secondKey);
  await page.getByRole("button", { name: "Sign in with key" }).click();
  const refusal = (await page.getByRole("alert").textContent()).trim();
  step("revoked-refused", { message: refusal, url: page.url() });

  const adminPages = [["/admin/accounts", "accounts", "table"], ["/admin/channels", "channels", "table"],
    ["/admin/tasks", "all-tasks", "table"], ["/admin/moderation", "moderation", "form"], ["/admin/late-results", "late-results", "h1"]];
  for (const [hash, name, ready] of adminPages) {
    await open(page, hash, `main ${ready}`);
    await shot(page, `${name}-light`);
  }
  const lateResults = (await page.locator("main").textContent()).includes("answered 404") ? "absent" : "shown";
  step("late-results", { lateResults });
  await light.close();

  // ---- the same pages in dark, and the playground on a phone ----
  const dark = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: "dark" });
  watch(dark);
  await dark.addInitScript(([k, t]) => {
    if (location.protocol !== "http:" && location.protocol !== "https:") return;
    sessionStorage.setItem("reelgate.apiKey", k);
    sessionStorage.setItem("reelgate.adminToken", t);
  }, [apiKey, adminToken]);
  const d = await dark.newPage();
  d.setDefaultTimeout(60_000);
  await open(d, "/playground", "#estimate[data-credits]");
  await shot(d, "playground-dark");
  await open(d, "/tasks", "#task-list table");
  await shot(d, "tasks-dark");
  await open(d, `/tasks/${taskId}`, "#task-state");
  await shot(d, "task-dark");
  await open(d, "/credits", "#balance");
  await shot(d, "credits-dark");
  await open(d, `/admin/accounts/${accountId}`, "#account-balance");
  await shot(d, "account-dark");
  for (const [hash, name, ready] of adminPages.slice(0, 3)) {
    await open(d, hash, `main ${ready}`);
    await shot(d, `${name}-dark`);
  }
  await d.setViewportSize({ width: 390, height: 844 });
  await open(d, "/playground", "#estimate[data-credits]");
  await shot(d, "playground-phone-dark");
  await dark.close();

  const foreign = requests.filter((u) => /^https?:/i.test(u) ? new URL(u).origin !== origin : !/^(data|blob):/i.test(u));
  step("requests", { count: requests.length, foreign, origin });
  step("problems", { problems, unlabelled });
  step("done");
} catch (e) {
  step("error", { message: String(e && e.stack || e), problems });
  process.exitCode = 1;
} finally {
  await browser.close();
}
