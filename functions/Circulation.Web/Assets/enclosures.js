// The compose form's enclosures: enclosed letters (1 to 4 signatories each) and uploaded PDF documents, in order.
import { $, $$ } from "./dom.js";
import { dateInWords } from "./words.js";

let onChange = () => {};

/** Sets what runs after an enclosure is added, removed, moved or uploaded. */
export function onEnclosuresChanged(callback) { onChange = callback; }

/** The enclosures as the API takes them. */
export function enclosuresJson() {
  return $$("#enclosures > li").map(li => {
    if (li.dataset.kind === "document") {
      return { kind: "document", documentId: li.dataset.documentId || "", title: $(".doc-title", li).value };
    }
    const enclosure = { kind: "letter", body: $(".enc-body", li).value };
    if ($(".enc-date", li).value) enclosure.date = $(".enc-date", li).value;
    enclosure.signatories = $$(".row-signatory", li).map(row => {
      const s = { name: $(".sig-name", row).value, title: $(".sig-title", row).value };
      if ($(".sig-email", row).value.trim()) s.email = $(".sig-email", row).value.trim();
      return s;
    });
    return enclosure;
  });
}

function addSignatory(list, signatory = {}) {
  const row = $("#signatory-template").content.firstElementChild.cloneNode(true);
  $(".sig-name", row).value = signatory.name ?? "";
  $(".sig-title", row).value = signatory.title ?? "";
  $(".sig-email", row).value = signatory.email ?? "";
  list.appendChild(row);
  $(".remove-signatory", row).addEventListener("click", () => { row.remove(); showAddSignatory(list); onChange(); });
  showAddSignatory(list);
}

// An enclosed letter has 1 to 4 signatories.
function showAddSignatory(list) {
  list.closest("li").querySelector(".add-signatory").hidden = $$(".row-signatory", list).length >= 4;
}

function wireEnclosure(li) {
  $(".remove", li).addEventListener("click", () => { li.remove(); onChange(); });
  $(".move-up", li).addEventListener("click", () => {
    if (li.previousElementSibling) { li.parentElement.insertBefore(li, li.previousElementSibling); onChange(); }
  });
  $("#enclosures").appendChild(li);
}

/** Shows an enclosed letter's date in words beside its field. */
export function showEnclosureDate(li) {
  const input = $(".enc-date", li);
  $(".enc-date-words", li).textContent = input.validity.badInput ? "" : dateInWords(input.value);
}

/** Adds an enclosed letter (filled from enclosure) and returns its list item. */
export function addEnclosedLetter(enclosure = {}) {
  const li = $("#enclosed-letter-template").content.firstElementChild.cloneNode(true);
  $(".enc-date", li).value = enclosure.date ?? "";
  $(".enc-body", li).value = enclosure.body ?? "";
  $(".enc-date", li).addEventListener("input", () => showEnclosureDate(li));
  const list = $(".signatories", li);
  wireEnclosure(li);
  showEnclosureDate(li);
  for (const s of enclosure.signatories?.length ? enclosure.signatories : [{}]) addSignatory(list, s);
  $(".add-signatory", li).addEventListener("click", () => addSignatory(list));
  return li;
}

/** Adds a PDF document (filled from enclosure) and returns its list item. */
export function addDocument(enclosure = {}) {
  const li = $("#document-template").content.firstElementChild.cloneNode(true);
  $(".doc-title", li).value = enclosure.title ?? "";
  if (enclosure.documentId) {
    li.dataset.documentId = enclosure.documentId;
    $(".doc-status", li).textContent = `Attached (document ${enclosure.documentId.slice(0, 12)}…). Choose a file to replace it.`;
  }
  $(".doc-file", li).addEventListener("change", () => uploadDocument(li));
  wireEnclosure(li);
  return li;
}

/** Replaces the enclosures with the given ones. */
export function setEnclosures(enclosures) {
  $("#enclosures").innerHTML = "";
  for (const enclosure of enclosures ?? []) {
    if (enclosure.kind === "document") addDocument(enclosure);
    else addEnclosedLetter(enclosure);
  }
}

// Uploads in flight, so that saving or submitting waits for the document ids instead of sending a letter without them.
const uploads = new Set();

/** Resolves once every upload in flight has ended. */
export const uploadsDone = () => Promise.allSettled([...uploads]);

function uploadDocument(li) {
  const upload = sendDocument(li);
  uploads.add(upload);
  upload.finally(() => uploads.delete(upload));
  return upload;
}

async function sendDocument(li) {
  const input = $(".doc-file", li);
  const file = input.files[0];
  if (!file) return;
  const status = $(".doc-status", li);
  const kept = li.dataset.documentId ? " The document attached before is kept." : "";
  status.textContent = `Uploading ${file.name}…`;
  status.classList.remove("field-error");
  input.removeAttribute("aria-invalid");
  const refuse = (message) => {
    // A refused file attaches nothing: the letter keeps whatever it had, and the same file can be chosen again.
    input.value = "";
    input.setAttribute("aria-invalid", "true");
    status.textContent = message + kept;
    status.classList.add("field-error");
  };
  try {
    const res = await fetch(`/api/documents?name=${encodeURIComponent(file.name)}`, {
      method: "POST", headers: { "Content-Type": "application/pdf" }, body: file,
    });
    const body = await res.json().catch(() => ({ error: `The server answered ${res.status}.` }));
    if (!res.ok) {
      const messages = (body.errors || []).map(e => e.message).filter(Boolean);
      refuse(messages.length ? messages.join(" ") : body.detail || body.error || `The document was not accepted (${res.status}).`);
      return;
    }
    li.dataset.documentId = body.id;
    if (!$(".doc-title", li).value.trim()) $(".doc-title", li).value = file.name.replace(/\.pdf$/i, "");
    status.textContent = `${body.name}: ${body.pages} page${body.pages === 1 ? "" : "s"}, ${Math.ceil(body.size / 1024)} KB.`;
    onChange();
  } catch (e) {
    refuse("The server could not be reached; the document was not attached.");
  }
}
