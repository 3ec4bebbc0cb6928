// carecite's only script: as-you-type search and copy buttons. Every page works without it.
"use strict";

function liveSearch(form) {
  const target = document.getElementById(form.dataset.live);
  let timer = null;
  let asked = 0;
  const run = () => {
    const params = new URLSearchParams(new FormData(form));
    const shown = "/search?" + params.toString();
    params.set("partial", "1");
    const mine = ++asked;
    fetch("/search?" + params.toString(), { credentials: "same-origin" })
      .then((response) => response.text())
      .then((html) => {
        if (mine !== asked) return; // a later keystroke's answer wins
        target.innerHTML = html;
        history.replaceState(null, "", shown);
        showCopyButtons(target);
      });
  };
  const soon = () => { clearTimeout(timer); timer = setTimeout(run, 250); };
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
}

function showCopyButtons(root) {
  if (!navigator.clipboard) return;
  root.querySelectorAll("button.copy").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const text = document.getElementById(button.dataset.copy).textContent;
      navigator.clipboard.writeText(text).then(() => {
        button.textContent = "Copied";
        setTimeout(() => { button.textContent = "Copy"; }, 1500);
      });
    });
  });
}

// Enter in a field with data-enter presses the form's button of that value (without the
// script, Enter presses the form's first button, as browsers do).
function enterPresses(input) {
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    input.form.querySelector(`button[value="${input.dataset.enter}"]`).click();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-live]").forEach(liveSearch);
  document.querySelectorAll("input[data-enter]").forEach(enterPresses);
  showCopyButtons(document);
});
