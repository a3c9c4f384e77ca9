// One confirmation dialog for every consequential action: it names who is affected, may ask for a reason or a
// choice, and resolves with what was entered, or null when cancelled. Nothing happens until the person confirms.
import { esc } from "./dom.js";

/**
 * Asks for confirmation. options: { title, message (text), confirm (button label), danger, reason: label or null,
 * choices: { label, options: [{ value, text }] } or null }. Resolves { reason, choice } or null.
 */
export function confirmAction(options) {
  return new Promise(resolve => {
    const dialog = document.createElement("dialog");
    dialog.className = "confirm";
    dialog.setAttribute("aria-labelledby", "confirm-title");
    dialog.setAttribute("aria-describedby", "confirm-message");
    dialog.innerHTML = `
      <form method="dialog" novalidate>
        <h2 id="confirm-title">${esc(options.title)}</h2>
        <p id="confirm-message">${esc(options.message)}</p>
        ${options.choices ? `<label for="confirm-choice">${esc(options.choices.label)}</label>
          <select id="confirm-choice"><option value="">Choose…</option>${options.choices.options.map(o => `<option value="${esc(o.value)}">${esc(o.text)}</option>`).join("")}</select>
          <div class="field-error" id="confirm-choice-error" hidden></div>` : ""}
        ${options.reason ? `<label for="confirm-reason">${esc(options.reason)}</label>
          <input type="text" id="confirm-reason" maxlength="500" autocomplete="off">
          <div class="field-error" id="confirm-reason-error" hidden></div>` : ""}
        <div class="actions">
          <button type="button" class="${options.danger ? "danger" : "primary"}" id="confirm-ok">${esc(options.confirm)}</button>
          <button type="button" id="confirm-cancel">Cancel</button>
        </div>
      </form>`;
    document.body.append(dialog);
    const opener = document.activeElement;
    const finish = value => {
      dialog.close();
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(value);
    };
    const refuse = (id, message) => {
      const input = dialog.querySelector(`#${id}`);
      const error = dialog.querySelector(`#${id}-error`);
      error.textContent = message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${id}-error`);
      input.focus();
    };
    const ok = () => {
      const choice = dialog.querySelector("#confirm-choice")?.value ?? null;
      const reason = dialog.querySelector("#confirm-reason")?.value.trim() ?? null;
      if (options.choices && !choice) { refuse("confirm-choice", `Choose ${options.choices.label.toLowerCase()}.`); return; }
      if (options.reason && !reason) { refuse("confirm-reason", "Say why (the reason is recorded with the letter)."); return; }
      finish({ reason, choice });
    };
    dialog.querySelector("#confirm-ok").addEventListener("click", ok);
    dialog.querySelector("#confirm-cancel").addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", e => { e.preventDefault(); finish(null); });
    // Enter in the reason field confirms only through the button, never by submitting the dialog's form.
    dialog.querySelector("form").addEventListener("submit", e => e.preventDefault());
    dialog.addEventListener("keydown", e => { if (e.key === "Enter" && e.target.tagName === "INPUT") e.preventDefault(); });
    dialog.showModal();
    (dialog.querySelector("#confirm-choice") || dialog.querySelector("#confirm-reason") || dialog.querySelector("#confirm-cancel")).focus();
  });
}
