import { keyApi, query } from "./api.js";
import { h, clear, credits, time, table, notice, errorText } from "./ui.js";

export async function creditsPage(main, _params, { signal }) {
  main.append(h("h1", {}, "Credits"));
  const b = await keyApi("/api/v1/credits", { signal });
  main.append(h("div", { class: "panel" }, h("dl", { class: "props" },
    h("dt", {}, "Spendable balance"), h("dd", { id: "balance" }, h("strong", {}, credits(b.balance))),
    h("dt", {}, "Reserved by running tasks"), h("dd", {}, credits(b.reserved)),
    h("dt", {}, "Spent"), h("dd", {}, credits(b.spent)))));
  main.append(await ledger((before) => keyApi(`/api/v1/credits/ledger${query({ limit: 50, before })}`, { signal })
    .then((d) => ({ entries: d.entries, next: d.nextBefore }))));
}

/** A ledger table with "Load more"; fetchPage(before) answers {entries, next}. */
export async function ledger(fetchPage) {
  const out = h("section", { "aria-labelledby": "ledger-h" }, h("h2", { id: "ledger-h" }, "Ledger"));
  let next = null;
  const more = h("button", { type: "button", hidden: true }, "Load more");
  const columns = [
    { label: "When", render: (e) => time(e.time ?? e.at) },
    { label: "Kind", key: "kind" },
    { label: "Amount", num: true, render: (e) => credits(e.amount) },
    { label: "Reserved", num: true, render: (e) => credits(e.reserved) },
    { label: "Task", render: (e) => (e.taskId ? h("code", {}, e.taskId) : "") },
    { label: "Note", key: "note" },
  ];
  const first = await fetchPage("");
  const t = table("Ledger entries, newest first", columns, first.entries, { empty: "No entries." });
  next = first.next;
  more.hidden = !next;
  more.addEventListener("click", async () => {
    try {
      const page = await fetchPage(next);
      t.add(page.entries);
      next = page.next;
      more.hidden = !next;
    } catch (e) {
      out.append(notice("error", errorText(e)));
    }
  });
  out.append(t.element, h("div", { class: "actions" }, more));
  return out;
}
