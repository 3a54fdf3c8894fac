import { adminApi, query } from "./api.js";
import { h, clear, field, notice, announce, errorText, credits, time, table, secretBox, badge } from "./ui.js";
import { ledger } from "./credits.js";

export async function accountsPage(main, _params, { signal }) {
  main.append(h("h1", {}, "Accounts"));
  const name = h("input", { type: "text", name: "name", required: true, maxlength: "200", autocomplete: "off" });
  const amount = h("input", { type: "number", name: "credits", min: "0", step: "1", value: "1000" });
  const created = h("div", { id: "created-account" });
  const form = h("form", { class: "panel", "aria-labelledby": "new-acct" },
    h("h2", { id: "new-acct" }, "New account"),
    h("div", { class: "filters" }, field("Name", name), field("Initial credits", amount),
      h("button", { class: "primary", type: "submit" }, "Create account")), created);
  const list = h("div");
  main.append(form, list);
  let next = null;
  const more = h("button", { type: "button", hidden: true }, "Load more");
  let t;
  const columns = [
    { label: "Account", render: (a) => h("a", { href: `#/admin/accounts/${encodeURIComponent(a.accountId)}` }, a.name) },
    { label: "Id", render: (a) => h("code", {}, a.accountId) },
    { label: "Balance", num: true, render: (a) => credits(a.balance) },
    { label: "Reserved", num: true, render: (a) => credits(a.reserved) },
    { label: "Spent", num: true, render: (a) => credits(a.spent) },
    { label: "Created", render: (a) => time(a.createdAt) },
  ];
  async function load(reset) {
    const page = await adminApi(`/admin/v1/accounts${query({ limit: 50, before: reset ? "" : next })}`, { signal });
    if (reset) {
      t = table("Accounts, newest first", columns, page.accounts);
      clear(list, t.element, h("div", { class: "actions" }, more));
    } else {
      t.add(page.accounts);
    }
    next = page.next;
    more.hidden = !next;
  }
  more.addEventListener("click", () => load(false).catch((e) => list.append(notice("error", errorText(e)))));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const a = await adminApi("/admin/v1/accounts", { method: "POST",
        body: { name: name.value.trim(), credits: amount.value === "" ? 0 : Number(amount.value) } });
      clear(created, notice("ok", `Account ${a.name} created with ${credits(a.balance)} credits. The key is shown only now.`),
        secretBox("API key", a.apiKey), secretBox("Webhook secret", a.webhookSecret),
        h("p", {}, h("a", { href: `#/admin/accounts/${encodeURIComponent(a.accountId)}`, id: "open-account" }, `Open ${a.name}`)));
      announce(`Account ${a.name} created`);
      form.reset();
      await load(true);
    } catch (e) {
      clear(created, notice("error", errorText(e)));
    }
  });
  await load(true);
}

export async function accountPage(main, [accountId], { signal }) {
  main.append(h("p", {}, h("a", { href: "#/admin/accounts" }, "← Accounts")));
  const a = await adminApi(`/admin/v1/accounts/${encodeURIComponent(accountId)}`, { signal });
  const heading = h("h1", {}, a.name, " ", h("code", {}, a.accountId));
  const totals = h("dl", { class: "props", id: "account-totals" });
  const drawTotals = (acct) => clear(totals,
    h("dt", {}, "Balance"), h("dd", { id: "account-balance" }, credits(acct.balance)),
    h("dt", {}, "Reserved"), h("dd", {}, credits(acct.reserved)),
    h("dt", {}, "Spent"), h("dd", {}, credits(acct.spent)),
    h("dt", {}, "Created"), h("dd", {}, time(acct.createdAt)));
  drawTotals(a);

  const amount = h("input", { type: "number", name: "amount", step: "1", required: true });
  const note = h("input", { type: "text", name: "note", maxlength: "500" });
  const creditOut = h("div");
  const creditForm = h("form", { class: "panel", "aria-labelledby": "add-credits" },
    h("h2", { id: "add-credits" }, "Add credits"),
    h("div", { class: "filters" }, field("Amount", amount, "Negative to deduct"), field("Note", note),
      h("button", { class: "primary", type: "submit" }, "Apply")), creditOut);
  creditForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const acct = await adminApi(`/admin/v1/accounts/${encodeURIComponent(accountId)}/credits`,
        { method: "POST", body: { amount: Number(amount.value), note: note.value || null } });
      drawTotals(acct);
      clear(creditOut, notice("ok", `Balance is now ${credits(acct.balance)}.`));
      announce(`Balance is now ${acct.balance}`);
      creditForm.reset();
      await drawLedger();
    } catch (e) {
      clear(creditOut, notice("error", errorText(e)));
    }
  });

  const keysBox = h("section", { class: "panel", "aria-labelledby": "keys-h" });
  const limitsBox = h("section", { class: "panel", "aria-labelledby": "limits-h" },
    h("h2", { id: "limits-h" }, "Per-key limits"), h("p", { class: "muted" }, "Choose a key's “Limits” button."));
  const ledgerBox = h("div", { class: "panel" });
  main.append(heading, h("div", { class: "grid2" }, h("section", { class: "panel" }, h("h2", {}, "Totals"), totals), creditForm),
    keysBox, limitsBox, ledgerBox);

  async function drawKeys(fresh) {
    const { keys } = await adminApi(`/admin/v1/accounts/${encodeURIComponent(accountId)}/keys`, { signal });
    const create = h("button", { type: "button", class: "primary" }, "Create key");
    create.addEventListener("click", async () => {
      try {
        const k = await adminApi(`/admin/v1/accounts/${encodeURIComponent(accountId)}/keys`, { method: "POST" });
        announce(`Key ${k.keyId} created`);
        await drawKeys(k);
      } catch (e) {
        keysBox.append(notice("error", errorText(e)));
      }
    });
    const t = table("Keys", [
      { label: "Key", render: (k) => h("code", {}, k.keyId) },
      { label: "Starts with", render: (k) => h("code", {}, `${k.prefix}…`) },
      { label: "Created", render: (k) => time(k.createdAt) },
      { label: "State", render: (k) => (k.revokedAt ? h("span", {}, badge("revoked"), " ", time(k.revokedAt)) : badge("active")) },
      { label: "Actions", render: (k) => h("div", { class: "actions" },
          h("button", { type: "button", "aria-label": `Limits of ${k.keyId}`, onclick: () => drawLimits(k.keyId) }, "Limits"),
          k.revokedAt ? null : h("button", { type: "button", class: "danger", "aria-label": `Revoke ${k.keyId}`,
            onclick: async (ev) => {
              if (!confirm(`Revoke ${k.keyId}? It stops working at once.`)) return;
              ev.target.disabled = true;
              try {
                await adminApi(`/admin/v1/keys/${encodeURIComponent(k.keyId)}`, { method: "DELETE" });
                announce(`Key ${k.keyId} revoked`);
                await drawKeys();
              } catch (e) {
                keysBox.append(notice("error", errorText(e)));
              }
            } }, "Revoke")) },
    ], keys.map((k) => ({ ...k, __rowId: k.keyId })));
    clear(keysBox, h("h2", { id: "keys-h" }, "API keys"), h("div", { class: "actions" }, create),
      fresh ? h("div", { id: "new-key" }, notice("ok", `Key ${fresh.keyId} created. It is shown only now.`), secretBox("New API key", fresh.apiKey)) : null,
      t.element);
  }

  async function drawLimits(keyId) {
    const data = await adminApi(`/admin/v1/keys/${encodeURIComponent(keyId)}/limits`, { signal });
    const model = h("select", { name: "model" }, data.limits.map((l) => h("option", { value: l.model }, l.model)));
    const rpm = h("input", { type: "number", name: "requestsPerMinute", min: "1", step: "1", required: true });
    const conc = h("input", { type: "number", name: "concurrentTasks", min: "1", step: "1", required: true });
    const fill = () => {
      const l = data.limits.find((x) => x.model === model.value);
      rpm.value = l.requestsPerMinute;
      conc.value = l.concurrentTasks;
    };
    model.addEventListener("change", fill);
    fill();
    const out = h("div");
    const form = h("form", { "aria-label": `Set limits of ${keyId}` },
      h("div", { class: "filters" }, field("Model", model), field("Submissions per minute", rpm), field("Unfinished tasks at once", conc),
        h("button", { class: "primary", type: "submit" }, "Save limits")), out);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        await adminApi(`/admin/v1/keys/${encodeURIComponent(keyId)}/limits`, { method: "PUT",
          body: { model: model.value, requestsPerMinute: Number(rpm.value), concurrentTasks: Number(conc.value) } });
        announce("Limits saved");
        await drawLimits(keyId);
      } catch (e) {
        clear(out, notice("error", errorText(e)));
      }
    });
    const t = table(`Limits of ${keyId}`, [
      { label: "Model", key: "model" },
      { label: "Per minute", num: true, key: "requestsPerMinute" },
      { label: "At once", num: true, key: "concurrentTasks" },
      { label: "Source", render: (l) => (l.overridden ? "this key" : "model default") },
    ], data.limits);
    clear(limitsBox, h("h2", { id: "limits-h" }, "Per-key limits: ", h("code", {}, keyId)), t.element, form);
  }

  async function drawLedger() {
    clear(ledgerBox, await ledger(async (before) => {
      const page = await adminApi(`/admin/v1/accounts/${encodeURIComponent(accountId)}/ledger${query({ limit: 50, before })}`, { signal });
      const nextBefore = page.next ? new URL(page.next, location.origin).searchParams.get("before") : null;
      return { entries: page.entries, next: nextBefore };
    }));
  }

  await drawKeys();
  await drawLedger();
}
