// Never losing work on the compose form: the form is kept in this browser's storage as it is typed (restored on
// request when the page is opened again), and leaving the page with unsaved changes asks first.
import { $ } from "./dom.js";
import { timeText } from "./words.js";

let key = null;
let saved = "";
let current = () => "";
let timer = null;

const isDirty = () => current() !== saved;

let listening = false;

/** Keeps the form: storageKey names the letter ("new" or its id; a new letter once saved moves to its id), read() gives the form as JSON text. */
export function keepForm(storageKey, read) {
  const next = `circulation.unsaved.${storageKey}`;
  if (key && key !== next) localStorage.removeItem(key);
  key = next;
  current = read;
  if (listening) return;
  listening = true;
  window.addEventListener("beforeunload", e => {
    if (!isDirty()) return;
    e.preventDefault();
    e.returnValue = "";
  });
}

/** The form as it is now is what the server has (after loading, saving or submitting); forget: drop the kept copy too. */
export function markSaved({ forget = true } = {}) {
  saved = current();
  clearTimeout(timer);
  if (forget) localStorage.removeItem(key);
}

/** Call after every change: keeps the form in this browser shortly after typing stops. */
export function changed() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (isDirty()) localStorage.setItem(key, JSON.stringify({ at: new Date().toISOString(), form: current() }));
    else localStorage.removeItem(key);
  }, 400);
}

/** Offers to restore changes kept from an earlier visit; restore(json) refills the form. */
export function offerRestore(restore) {
  const kept = JSON.parse(localStorage.getItem(key) || "null");
  if (!kept || kept.form === saved) return;
  $("#restore-text").textContent = `Changes you made on ${timeText(kept.at)} were not saved. They were kept in this browser.`;
  $("#restore").hidden = false;
  $("#restore-yes").addEventListener("click", () => { restore(JSON.parse(kept.form)); $("#restore").hidden = true; changed(); $("#subject").focus(); });
  $("#restore-no").addEventListener("click", () => { localStorage.removeItem(key); $("#restore").hidden = true; $("#subject").focus(); });
}
