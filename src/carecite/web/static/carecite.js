// carecite's only script: as-you-type search, copy buttons, the case builder's rows and the
// case kept in this tab. Every page works without it.
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
      form.dispatchEvent(new Event("input")); // an edit of the case, as typing is
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
    form.dispatchEvent(new Event("input"));
  });
}

// The case being built is kept in this tab's sessionStorage, so that leaving the draft page
// (by the nav bar) and coming back finds it rather than the example, and leaving the app with
// it unsaved asks first. sessionStorage, never localStorage: the case is confidential, and
// the tab's copy goes when the tab closes. A browser that restores its tabs on restart
// restores their sessionStorage too, so the copy also carries the time it was last changed
// or shown, and one older than the page's data-tab-case-hours (pages.TAB_CASE_HOURS) is
// removed, not restored. It is sent only to this server, as the form is.
const TAB_CASE = "carecite.case";

function tabCaseHours() {
  return Number(document.body.dataset.tabCaseHours) || 0;
}

function tabCase() {
  try {
    return JSON.parse(sessionStorage.getItem(TAB_CASE));
  } catch {
    return null;
  }
}

// Every page of the app removes a kept case too old to restore (or kept with no time).
function forgetStaleTabCase() {
  const kept = tabCase();
  const oldest = Date.now() - tabCaseHours() * 3600 * 1000;
  if (kept && !(kept.keptAt >= oldest)) sessionStorage.removeItem(TAB_CASE);
}

// saved: the case as it is now was opened from the user's disk and not changed since. Save
// case file never sets it: the page cannot know that the browser saved the download (the
// user may cancel its Save As), so leaving still asks.
function keepTabCase(form, saved) {
  const fields = [...new FormData(form)].filter(([, value]) => typeof value === "string");
  sessionStorage.setItem(TAB_CASE, JSON.stringify({ fields, saved, keptAt: Date.now() }));
}

// Whether the browser showed this page again (Back, Forward, reload) rather than the user
// asking for it by a link or a form.
function shownAgain() {
  const [entry] = performance.getEntriesByType("navigation");
  return entry?.type === "back_forward" || entry?.type === "reload";
}

// How the page came to show its case (data-start, see pages.Start) says what to do with the
// tab's: the example gives way to it, a fresh start forgets it (but a fresh start the
// browser shows again, by Back or reload, gives way to it: the user asked for nothing), any
// other case is it. A case the server gave in answer to a post is then this tab's at
// /draft: Back or reload fetches that address, which brings the tab's case back, rather
// than asking to post the form again.
function caseInTab(form) {
  const kept = tabCase();
  const start = form.dataset.start;
  const givesWay = start === "example" || (start === "fresh" && shownAgain());
  if (givesWay && kept) {
    form.hidden = true; // the page's case is not shown while the user's comes back
    restoreTabCase(form, kept);
    return;
  }
  if (start === "fresh") sessionStorage.removeItem(TAB_CASE);
  else if (start !== "example") keepTabCase(form, start === "opened" || Boolean(kept?.saved));
  if (start === "" || start === "opened") history.replaceState(null, "", "/draft");
  // Choosing a file to open is no edit of the case (Open asks before it replaces one).
  const edited = (event) => { if (event.target.type !== "file") keepTabCase(form, false); };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
}

// The server renders the tab's case (action "restore": no check, nothing made) and the page's
// main part is swapped for it, with a notice that it is the user's case, not the example.
function restoreTabCase(form, kept) {
  const body = new URLSearchParams(kept.fields);
  body.set("action", "restore");
  // getAttribute: form.action is the form's buttons named "action", not its address.
  fetch(form.getAttribute("action"), { method: "POST", body, credentials: "same-origin" })
    .then((response) => response.text())
    .then((html) => {
      const page = new DOMParser().parseFromString(html, "text/html");
      const main = document.querySelector("main");
      document.title = page.title;
      main.replaceChildren(...page.querySelector("main").childNodes);
      enhance(main);
    })
    .catch(() => { form.hidden = false; });
}

// Leaving the app (closing the tab, another address, reloading) with the tab's case unsaved
// asks first; moving between the app's own pages does not, as the case comes back with it.
function warnBeforeLeaving() {
  let withinApp = false;
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || link.hasAttribute("download") || link.target) return;
    const samePage = link.pathname === location.pathname && link.search === location.search;
    withinApp = link.origin === location.origin && !(samePage && link.hash);
  });
  document.addEventListener("submit", (event) => { withinApp = !event.defaultPrevented; });
  window.addEventListener("beforeunload", (event) => {
    const leaving = !withinApp;
    withinApp = false;
    const kept = tabCase();
    if (!leaving || !kept || kept.saved) return;
    event.preventDefault();
    event.returnValue = ""; // older Chromium asks only when this is set
  });
}

// A link that starts again, or the button that opens a file in place of the case
// (data-discards: the id of its file input, when it has one; no file chosen replaces
// nothing), asks before it forgets an unsaved case.
function discardAsks(control) {
  control.addEventListener("click", (event) => {
    const file = control.dataset.discards && document.getElementById(control.dataset.discards);
    if (file && !file.files.length) return;
    const kept = tabCase();
    const asked = "Discard your case in this tab? Anything not in a case file you saved is lost.";
    if (kept && !kept.saved && !confirm(asked)) {
      event.preventDefault();
    }
  });
}

// What the script adds to a page, or to the part of one it has just replaced.
function enhance(root) {
  root.querySelectorAll("form.case-form").forEach(rowButtons);
  root.querySelectorAll("form.draft[data-start]").forEach(caseInTab);
  root.querySelectorAll("[data-discards]").forEach(discardAsks);
  root.querySelectorAll("form[data-live]").forEach(liveSearch);
  root.querySelectorAll("input[data-enter]").forEach(enterPresses);
  showCopyButtons(root);
}

document.addEventListener("DOMContentLoaded", () => {
  forgetStaleTabCase();
  enhance(document);
  warnBeforeLeaving();
});
