// carecite's only script: as-you-type search, copy buttons and the case builder's rows. Every page works without it.
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

// The case builder's rows: "Add" copies the list's blank row (its template) under the next
// free index and "Remove" takes the row out, without a round trip to the server. Without the
// script both buttons submit the form and the server re-renders it with the row added or gone.
function rowButtons(form) {
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-add], button[data-remove]");
    if (!button) return;
    event.preventDefault();
    if (button.hasAttribute("data-remove")) {
      const row = button.closest("li.row");
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      (next ? next.querySelector("input, textarea, select") : null)?.focus();
      return;
    }
    const path = button.dataset.add;
    const list = form.querySelector(`ol[data-rows="${CSS.escape(path)}"]`);
    const template = form.querySelector(`template[data-row-for="${CSS.escape(path)}"]`);
    const used = [...list.children].map((row) => {
      const named = row.querySelector("[name]");
      const rest = named ? named.name.slice(`case.${path}.`.length) : "";
      return parseInt(rest, 10);
    }).filter((n) => !Number.isNaN(n));
    const index = used.length ? Math.max(...used) + 1 : 0;
    const html = template.innerHTML.split(`${path}.__n__`).join(`${path}.${index}`);
    list.insertAdjacentHTML("beforeend", html);
    list.lastElementChild.querySelector("input, textarea, select")?.focus();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.case-form").forEach(rowButtons);
  document.querySelectorAll("form[data-live]").forEach(liveSearch);
  document.querySelectorAll("input[data-enter]").forEach(enterPresses);
  showCopyButtons(document);
});
