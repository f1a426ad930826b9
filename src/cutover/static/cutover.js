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
})();
