// Comfort only: the language switch is a plain link to the same page in the other edition.
// Here it also takes the step the reader is at (#id), since every step has the same id in every edition.
"use strict";
(() => {
  const links = () => document.querySelectorAll("a.cutover-language-switch");
  const follow = () => {
    for (const link of links()) {
      link.hash = window.location.hash;
    }
  };
  follow();
  window.addEventListener("hashchange", follow);
})();
