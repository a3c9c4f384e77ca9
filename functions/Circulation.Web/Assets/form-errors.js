// The compose form's errors: each of the API's field errors (and the form's own checks) in plain words, next to the
// control it names, tied to it with aria-describedby and aria-invalid; focus moves to the first one.
import { $, $$ } from "./dom.js";

const topFields = { subject: "subject", date: "date", body: "body", distributionList: "distributionList", signatory: "signatory", "signatory.email": "signatory", approvers: "approvers", enclosures: "enclosures" };

// What to do, for a field that was left empty or not chosen.
const emptyWords = {
  subject: "Enter the subject.", body: "Write the text of the letter.", signatory: "Choose who signs the letter.",
  approvers: "Choose at least one approver.", distributionList: "Choose who the letter goes to.",
  "enc.body": "Write the text of the enclosed letter.", "enc.date": "Enter a full date, or leave the date empty.",
  "sig.name": "Enter the signatory's name.", "sig.title": "Enter the signatory's title.", "sig.email": "Enter the signatory's e-mail address, or leave it empty.",
  "doc.title": "Give the document a title.", "doc.documentId": "Attach the PDF file.", "enc.signatories": "Add at least one signatory.",
};
const nouns = { subject: "The subject", body: "The text", date: "The date", signatory: "The signatory", approvers: "The approvers", distributionList: "The list", name: "The name", title: "The title", email: "The e-mail address", documentId: "The document", signatories: "The signatories" };
const emptyish = /is required|must not be empty|needs at least one|has no text to print/;

/** The control a field path names (enclosures[1].signatories[0].name, approvers[2], subject...) and its kind. */
function locate(field) {
  const m = /^enclosures\[(\d+)\](?:\.signatories\[(\d+)\])?(?:\.(\w+))?/.exec(field);
  if (m) {
    const li = $$("#enclosures > li")[Number(m[1])];
    if (!li) return { input: $("#enclosures"), kind: "enclosures" };
    if (m[2] !== undefined) {
      // A signatory as a whole (an Office signatory, refused in an enclosure) is shown at their name.
      const part = m[3] ?? "name";
      const row = $$(".row-signatory", li)[Number(m[2])];
      const cls = { name: ".sig-name", title: ".sig-title", email: ".sig-email" }[part];
      return { input: (row && cls && $(cls, row)) || li, kind: `sig.${part}` };
    }
    const kindOf = li.dataset.kind === "document" ? "doc" : "enc";
    const cls = { body: ".enc-body", date: ".enc-date", title: ".doc-title", documentId: ".doc-file", signatories: ".signatories" }[m[3]];
    return { input: (cls && $(cls, li)) || $(".enclosure-head", li), kind: `${kindOf}.${m[3]}` };
  }
  const approver = /^approvers\[(\d+)\]$/.exec(field);
  if (approver) return { input: $$("#approvers select")[Number(approver[1])] || $("#approvers"), kind: "approvers" };
  return { input: document.getElementById(topFields[field] || ""), kind: field };
}

/** The API's message in plain words: what to do for an empty field, else its message without the field's code name. */
export function plainWords(field, message, kind, input) {
  const empty = input && "value" in input && !String(input.value).trim();
  if ((emptyish.test(message) || empty) && emptyWords[kind]) return emptyWords[kind];
  const last = field.replace(/\[\d+\]/g, "").split(".").pop();
  return message.replace(/^'[^']+'/, nouns[last] || "This").replace(/^Unknown field '[^']+'/, "This field is not known");
}

let counter = 0;

/** Removes every error the form shows. */
export function clearErrors() {
  $$(".field-error[data-for]").forEach(e => e.remove());
  $$("[aria-invalid]").forEach(e => {
    e.removeAttribute("aria-invalid");
    const kept = (e.getAttribute("aria-describedby") || "").split(" ").filter(id => id && !id.startsWith("error-")).join(" ");
    if (kept) e.setAttribute("aria-describedby", kept); else e.removeAttribute("aria-describedby");
  });
  $("#form-error").hidden = true;
  $("#form-ok").hidden = true;
}

/** Shows summary above the form and each { field, message } next to its control; focus moves to the first control. */
export function showErrors(summary, errors) {
  const box = $("#form-error");
  box.textContent = summary;
  box.hidden = false;
  let first = null;
  for (const err of errors || []) {
    const { input, kind } = locate(err.field || "");
    if (!input) continue;
    const note = document.createElement("div");
    note.className = "field-error";
    note.id = `error-${++counter}`;
    note.dataset.for = err.field;
    note.textContent = plainWords(err.field || "", err.message || "", kind, input);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${note.id}`.trim());
    input.insertAdjacentElement("afterend", note);
    first ??= input;
  }
  const target = first && first.matches("input, select, textarea") ? first : first?.querySelector("input, select, textarea") || box;
  target.focus();
}
