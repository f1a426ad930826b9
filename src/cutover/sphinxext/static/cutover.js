// Comfort only: every link here works without JavaScript.
"use strict";
(() => {
  // The language switch is a plain link to the same page in the other edition. Here it also takes the step the
  // reader is at (#id), since every step has the same id in every edition.
  const follow = () => {
    for (const link of document.querySelectorAll("a.cutover-language-switch")) {
      link.hash = window.location.hash;
    }
  };
  follow();
  window.addEventListener("hashchange", follow);

  // Beside each id badge (a plain link to the step's short link): a button that copies the short link's full
  // address, and says so to screen readers through one live region.
  const status = document.createElement("p");
  status.className = "cutover-visually-hidden";
  status.setAttribute("role", "status");
  document.body.append(status);
  const copyByHand = (text) => {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "cutover-visually-hidden";
    document.body.append(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    field.remove();
    return copied;
  };
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return copyByHand(text);
    }
  };
  for (const button of document.querySelectorAll("button.cutover-copy")) {
    const link = button.previousElementSibling;
    if (!link || !link.matches("a.cutover-permalink")) {
      continue;
    }
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const address = link.href;
      const copied = await copy(address);
      status.textContent = copied ? `${button.dataset.copied}: ${address}` : `${button.dataset.failed}: ${address}`;
      if (copied) {
        button.textContent = `${button.dataset.copied} ✓`;
        window.setTimeout(() => { button.textContent = label; }, 2500);
      } else {
        window.prompt(button.dataset.failed, address);
      }
    });
  }

  const planner = document.getElementById("cutover-planner");
  if (planner) {
    cutoverPlanner(planner);
  }
})();

// The planner. Every plan, its order and what each step waits for were computed by the cutover package when the
// site was built (JSON in #cutover-plans); this script only shows the plan that matches the answers and keeps the
// ticks in this browser's localStorage, one list per plan. Nothing is sent anywhere.
function cutoverPlanner(root) {
  const plans = JSON.parse(root.querySelector("#cutover-plans").textContent);
  const form = root.querySelector("form.cutover-questions");
  const list = root.querySelector("ol.cutover-plan-steps");
  const items = new Map([...list.children].map((item) => [item.dataset.step, item]));
  const tools = root.querySelector(".cutover-plan-tools");
  const progress = root.querySelector(".cutover-progress");
  const store = "cutover.planner";
  // What is stored may come from an older version, an extension or a hand: anything unreadable counts as nothing
  // stored, and is overwritten by the next tick. When the browser keeps nothing, the page says so, once.
  const unkept = root.querySelector(".cutover-storage-note");
  let keeps = true; // whether this browser stores what the page writes
  const cannotKeep = () => {
    keeps = false;
    unkept.hidden = false;
  };
  const read = (name) => {
    try {
      const value = window.localStorage.getItem(`${store}.${name}`);
      return value === null ? null : JSON.parse(value);
    } catch {
      return null; // no storage (private mode, a file:// page) or a value that is no JSON: start afresh
    }
  };
  const write = (name, value) => {
    try {
      if (value === null) {
        window.localStorage.removeItem(`${store}.${name}`);
      } else {
        window.localStorage.setItem(`${store}.${name}`, JSON.stringify(value));
      }
    } catch {
      cannotKeep(); // storage refused or full: the ticks last as long as the page, and the reader knows it
    }
  };
  // The stored ticks of a plan, or null if none can be read. Only the plan's own steps count, and a step only if
  // every step it waits for is ticked too, so no stored list can mark a step done out of order.
  const storedTicks = (plan) => {
    const value = read(`ticks.${plan.key}`);
    if (!Array.isArray(value)) {
      return null;
    }
    const kept = new Set();
    plan.steps.forEach((id, index) => {
      if (value.includes(id) && plan.after[index].every((before) => kept.has(plan.steps[before]))) {
        kept.add(id);
      }
    });
    return kept;
  };
  // The ticks of each plan as this page last had them: what cannot be stored lasts here while the page is open.
  // While the browser stores, what is stored wins, for another tab may have ticked since; once it stores no more,
  // what this page has wins over what was stored before.
  const memory = new Map();
  const ticksOf = (plan) =>
    keeps
      ? (storedTicks(plan) ?? memory.get(plan.key) ?? new Set())
      : (memory.get(plan.key) ?? storedTicks(plan) ?? new Set());
  const keep = (plan, ticks) => {
    memory.set(plan.key, new Set(ticks));
    write(`ticks.${plan.key}`, [...ticks]);
  };
  try {
    window.localStorage.setItem(`${store}.probe`, "1");
    window.localStorage.removeItem(`${store}.probe`);
  } catch {
    cannotKeep();
  }

  const stored = read("answers");
  const saved = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? stored : null;
  for (const input of form.querySelectorAll("input")) {
    if (saved && input.type === "radio" && typeof saved[input.name] === "string") {
      input.checked = saved[input.name] === input.value;
    } else if (saved && input.type === "checkbox" && Array.isArray(saved.portals)) {
      input.checked = saved.portals.includes(input.value);
    }
    input.disabled = false;
  }
  for (const box of list.querySelectorAll("input.cutover-tick")) {
    box.disabled = false;
  }
  document.documentElement.classList.add("cutover-js");

  let current = null;
  let ticked = new Set();
  const count = () => {
    progress.textContent = root.dataset.progress
      .replace("{done}", String(current.steps.filter((id) => ticked.has(id)).length))
      .replace("{total}", String(current.steps.length));
  };
  const show = () => {
    const data = new FormData(form);
    const portals = data.getAll("portal");
    const answers = Object.fromEntries([...data.entries()].filter(([name]) => name !== "portal"));
    current = plans.find((p) => Object.entries(p.answers).every(([name, value]) => answers[name] === value));
    if (!current) {
      form.reset(); // saved answers this page no longer offers: back to the answers the page came with
      show();
      return;
    }
    write("answers", { ...answers, portals });
    for (const element of root.querySelectorAll("[data-plans]")) {
      element.hidden = !element.dataset.plans.split(" ").includes(current.key);
    }
    for (const question of form.querySelectorAll("fieldset[data-ready]")) {
      question.hidden = !current.ready;
    }
    for (const note of root.querySelectorAll("[data-portal]")) {
      note.hidden = !portals.includes(note.dataset.portal);
    }
    const shown = new Set(current.steps);
    for (const [id, item] of items) {
      item.hidden = !shown.has(id);
    }
    for (const id of current.steps) {
      list.append(items.get(id)); // the plan's order
    }
    ticked = ticksOf(current);
    for (const [id, item] of items) {
      item.querySelector("input.cutover-tick").checked = ticked.has(id);
      item.querySelector(".cutover-refusal").hidden = true;
    }
    tools.hidden = !current.ready;
    count();
  };

  const refuse = (item, reason, steps) => {
    const refusal = item.querySelector(".cutover-refusal");
    refusal.replaceChildren(reason);
    const open = document.createElement("ul");
    for (const id of steps) {
      const link = document.createElement("a");
      link.href = `#plan-${id}`;
      link.textContent = items.get(id).querySelector(".cutover-plan-title").textContent;
      const entry = document.createElement("li");
      entry.append(link, ` (${id})`);
      open.append(entry);
    }
    refusal.append(open);
    refusal.hidden = false;
  };
  const waitsFor = (id) => current.after[current.steps.indexOf(id)].map((index) => current.steps[index]);
  list.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.matches("input.cutover-tick")) {
      return;
    }
    const item = box.closest("li");
    const id = item.dataset.step;
    // Another tab may have ticked since this one last looked: start from what is stored, not from memory.
    ticked = ticksOf(current);
    if (box.checked) {
      const missing = waitsFor(id).filter((before) => !ticked.has(before));
      if (missing.length > 0) {
        box.checked = false;
        refuse(item, root.dataset.refuse, missing);
        return;
      }
      ticked.add(id);
    } else {
      // A ticked step keeps the steps it waits for ticked, so the list never says "done" out of order.
      const waiting = current.steps.filter((later) => ticked.has(later) && waitsFor(later).includes(id));
      if (waiting.length > 0) {
        box.checked = true;
        refuse(item, root.dataset.keep, waiting);
        return;
      }
      ticked.delete(id);
    }
    item.querySelector(".cutover-refusal").hidden = true;
    keep(current, ticked);
    count();
  });
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith(`${store}.ticks.`)) {
      show(); // ticked or reset in another tab: show the same
    }
  });
  root.querySelector("button.cutover-reset").addEventListener("click", () => {
    memory.delete(current.key);
    write(`ticks.${current.key}`, null);
    show();
  });
  form.addEventListener("change", show);
  form.addEventListener("submit", (event) => event.preventDefault());
  show();
}
