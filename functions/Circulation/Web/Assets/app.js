"use strict";
// The staff form: composes a letter (with enclosures), previews it as a PDF while typing, saves it as a draft, edits
// drafts, submits them or starts circulation at once, then follows the letter's status. It uses the same JSON API as
// any client; nothing here is trusted by the server.
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const fieldIds = {
  "subject": "subject", "date": "date", "body": "body", "distributionList": "distributionList",
  "signatory": "signatory", "signatory.email": "signatory", "approvers": "approvers", "enclosures": "enclosures",
};
const stageText = {
  Drafting: "Drafting", AwaitingApproval: "Awaiting approval", AwaitingSignature: "Awaiting signature",
  Distributing: "Distributing", Distributed: "Distributed", ChangesRequested: "Changes requested",
  Rejected: "Rejected", Expired: "Expired",
};
let following = null;
let followedStage = null;
let timer = null;
// The letter being edited: { id, version, saved } where saved is the JSON last stored; null for a new letter.
let editing = null;
let previewTimer = null;
let previewUrl = null;
let previewRequest = 0;
// The staff directory (GET /api/people): who can approve and who can sign.
let people = [];

function text(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span.innerHTML; }

// --- People: the signed-in person, the signatory and approver pickers -----------------------------------------

function personOption(p) { return `<option value="${text(p.email)}">${text(p.name)} (${text(p.title)})</option>`; }

async function loadPeople() {
  const res = await fetch("/api/people");
  if (!res.ok) return;
  const body = await res.json();
  people = body.people;
  $("#signed-in-name").textContent = `${body.you.name} (${body.you.email})`;
  $("#signout-form").hidden = !body.signOut.form;
  $("#signout-link").hidden = body.signOut.form;
  $("#signout-link").href = body.signOut.url;
  $("#signed-in").hidden = false;
  const signatories = people.filter(p => p.roles.includes("signatory"));
  $("#signatory").innerHTML = `<option value="">Choose who signs</option>` + signatories.map(personOption).join("");
  const saved = JSON.parse(localStorage.getItem("circulation.people") || "null");
  if (saved && signatories.some(p => p.email === saved.signatory)) $("#signatory").value = saved.signatory;
  setApprovers(saved?.approvers?.length ? saved.approvers : [""]);
}

function addApprover(email = "") {
  const row = $("#approver-template").content.firstElementChild.cloneNode(true);
  const select = $("select", row);
  select.innerHTML = `<option value="">Choose an approver</option>` + people.filter(p => p.roles.includes("approver")).map(personOption).join("");
  select.value = email;
  $(".remove-approver", row).addEventListener("click", () => { row.remove(); changed(); });
  $("#approvers").append(row);
  return select;
}

function setApprovers(emails) {
  $("#approvers").innerHTML = "";
  (emails.length ? emails : [""]).forEach(e => addApprover(e));
}

async function loadLists() {
  const res = await fetch("/api/distribution-lists");
  const { lists } = await res.json();
  const select = $("#distributionList");
  select.innerHTML = lists.map(l => `<option value="${text(l.id)}">${text(l.name)} (${l.memberCount})</option>`).join("");
}

// --- The letter as JSON ------------------------------------------------------------------------------------

function enclosuresJson() {
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

function letterJson() {
  const letter = {
    subject: $("#subject").value,
    body: $("#body").value,
    signatory: $("#signatory").value,
    approvers: $$("#approvers select").map(s => s.value).filter(Boolean),
    distributionList: $("#distributionList").value,
  };
  if ($("#date").value) letter.date = $("#date").value;
  const enclosures = enclosuresJson();
  if (enclosures.length) letter.enclosures = enclosures;
  return letter;
}

function fillForm(letter) {
  $("#subject").value = letter.subject ?? "";
  $("#date").value = letter.date ?? "";
  $("#body").value = letter.body ?? "";
  $("#signatory").value = (typeof letter.signatory === "string" ? letter.signatory : letter.signatory?.email) ?? "";
  setApprovers(letter.approvers ?? []);
  $("#distributionList").value = letter.distributionList ?? $("#distributionList").value;
  $("#enclosures").innerHTML = "";
  for (const enclosure of letter.enclosures ?? []) {
    if (enclosure.kind === "document") addDocument(enclosure);
    else addEnclosedLetter(enclosure);
  }
}

// --- Enclosures --------------------------------------------------------------------------------------------

function addSignatory(list, signatory = {}) {
  const row = $("#signatory-template").content.firstElementChild.cloneNode(true);
  $(".sig-name", row).value = signatory.name ?? "";
  $(".sig-title", row).value = signatory.title ?? "";
  $(".sig-email", row).value = signatory.email ?? "";
  list.appendChild(row);
  $(".remove-signatory", row).addEventListener("click", () => { row.remove(); showAddSignatory(list); changed(); });
  showAddSignatory(list);
}

// An enclosed letter has 1 to 4 signatories.
function showAddSignatory(list) {
  list.closest("li").querySelector(".add-signatory").hidden = $$(".row-signatory", list).length >= 4;
}

function wireEnclosure(li) {
  $(".remove", li).addEventListener("click", () => { li.remove(); changed(); });
  $(".move-up", li).addEventListener("click", () => {
    if (li.previousElementSibling) { li.parentElement.insertBefore(li, li.previousElementSibling); changed(); }
  });
  $("#enclosures").appendChild(li);
}

function addEnclosedLetter(enclosure = {}) {
  const li = $("#enclosed-letter-template").content.firstElementChild.cloneNode(true);
  $(".enc-date", li).value = enclosure.date ?? "";
  $(".enc-body", li).value = enclosure.body ?? "";
  const list = $(".signatories", li);
  wireEnclosure(li);
  for (const s of enclosure.signatories?.length ? enclosure.signatories : [{}]) addSignatory(list, s);
  $(".add-signatory", li).addEventListener("click", () => addSignatory(list));
  return li;
}

function addDocument(enclosure = {}) {
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

// Uploads in flight, so that saving or submitting waits for the document ids instead of sending a letter without them.
const uploads = new Set();

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
      refuse(messages.length ? messages.join(" ") : body.detail || `The document was not accepted (${res.status}).`);
      return;
    }
    li.dataset.documentId = body.id;
    if (!$(".doc-title", li).value.trim()) $(".doc-title", li).value = file.name.replace(/\.pdf$/i, "");
    status.textContent = `${body.name}: ${body.pages} page${body.pages === 1 ? "" : "s"}, ${Math.ceil(body.size / 1024)} KB.`;
    changed();
  } catch (e) {
    refuse("The server could not be reached; the document was not attached.");
  }
}

// --- Errors and notices ------------------------------------------------------------------------------------

function clearErrors() {
  $$(".field-error:not(.doc-status)").forEach(e => e.remove());
  $$("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
  $("#form-error").hidden = true;
  $("#form-ok").hidden = true;
}

function inputFor(field) {
  // enclosures[1].signatories[0].name -> the input of that enclosure and signatory; else the field's own input.
  const m = /^enclosures\[(\d+)\](?:\.signatories\[(\d+)\])?(?:\.(\w+))?/.exec(field);
  if (m) {
    const li = $$("#enclosures > li")[Number(m[1])];
    if (!li) return $("#enclosures");
    if (m[2] !== undefined) {
      const row = $$(".row-signatory", li)[Number(m[2])];
      const cls = { name: ".sig-name", title: ".sig-title", email: ".sig-email" }[m[3]];
      return (row && cls && $(cls, row)) || li;
    }
    const cls = { body: ".enc-body", date: ".enc-date", title: ".doc-title", documentId: ".doc-file", signatories: ".signatories" }[m[3]];
    return (cls && $(cls, li)) || $(".enclosure-head", li);
  }
  const approver = /^approvers\[(\d+)\]$/.exec(field);
  if (approver) return $$("#approvers select")[Number(approver[1])] || $("#approvers");
  return document.getElementById(fieldIds[field.replace(/\[\d+\]$/, "")] || "");
}

function showErrors(body) {
  const box = $("#form-error");
  box.textContent = body.detail || "The letter was not accepted.";
  box.hidden = false;
  for (const err of body.errors || []) {
    const input = inputFor(err.field);
    if (!input) continue;
    input.setAttribute("aria-invalid", "true");
    const note = document.createElement("div");
    note.className = "field-error";
    note.textContent = err.message;
    input.insertAdjacentElement("afterend", note);
  }
}

function showOk(message) {
  const box = $("#form-ok");
  box.textContent = message;
  box.hidden = false;
}

async function send(method, url, letter, ifMatch) {
  const headers = { "Content-Type": "application/json" };
  if (ifMatch) headers["If-Match"] = `"${ifMatch}"`;
  const res = await fetch(url, { method, headers, body: letter === undefined ? undefined : JSON.stringify(letter) });
  const body = await res.json().catch(() => ({ error: `The server answered ${res.status}.` }));
  return { ok: res.ok, status: res.status, body };
}

// --- Drafts: save, edit, submit ----------------------------------------------------------------------------

function setEditing(state) {
  editing = state;
  $("#editing").hidden = !state;
  $("#submit").textContent = state ? "Submit for approval" : "Start circulation";
  $("#compose-title").textContent = state ? "Edit a draft" : "Circulate a letter";
  if (state) {
    $("#editing-id").textContent = state.id;
    $("#editing-version").textContent = state.version;
  }
}

// Who signs and who approves rarely change between letters: kept in this browser only.
function rememberPeople() {
  localStorage.setItem("circulation.people", JSON.stringify({ signatory: $("#signatory").value, approvers: $$("#approvers select").map(s => s.value).filter(Boolean) }));
}

function clearLetter() {
  ["subject", "body", "date"].forEach(id => { $(`#${id}`).value = ""; });
  $("#enclosures").innerHTML = "";
  setEditing(null);
  schedulePreview();
}

// Stores the form as a new version when it differs from the one last saved; returns false when refused.
async function saveChanges() {
  const letter = letterJson();
  if (editing && JSON.stringify(letter) === editing.saved) return true;
  const res = editing
    ? await send("PUT", `/api/letters/${editing.id}`, letter, editing.version)
    : await send("POST", "/api/drafts", letter);
  if (!res.ok) { showErrors(res.body); return false; }
  rememberPeople();
  setEditing({ id: res.body.id, version: res.body.version, saved: JSON.stringify(letter) });
  return true;
}

async function withButtons(action) {
  const buttons = [$("#submit"), $("#save-draft")];
  buttons.forEach(b => { b.disabled = true; });
  try {
    await Promise.allSettled([...uploads]);
    await action();
  } catch (e) {
    showErrors({ error: "The server could not be reached. Nothing was sent; try again." });
  } finally {
    buttons.forEach(b => { b.disabled = false; });
  }
}

function saveDraft() {
  clearErrors();
  return withButtons(async () => {
    const before = editing?.version;
    if (!await saveChanges()) return;
    showOk(before === editing.version ? `Nothing changed since version ${before}.` : `Saved as version ${editing.version} of letter ${editing.id}. Approval has not started.`);
    follow(editing.id);
    loadLetters();
  });
}

async function submit(event) {
  event.preventDefault();
  clearErrors();
  await withButtons(async () => {
    if (!editing) {
      // A new letter: create it and start circulation at once.
      const res = await send("POST", "/api/letters", letterJson());
      if (!res.ok) { showErrors(res.body); return; }
      rememberPeople();
      clearLetter();
      follow(res.body.id);
      loadLetters();
      return;
    }
    if (!await saveChanges()) return;
    const res = await send("POST", `/api/letters/${editing.id}/submit`, undefined, editing.version);
    if (!res.ok) { showErrors(res.body); return; }
    const id = editing.id;
    clearLetter();
    showOk(`Version ${res.body.version} of letter ${id} was submitted for approval.`);
    follow(id);
    loadLetters();
  });
}

async function editLetter(id) {
  clearErrors();
  const list = await fetch(`/api/letters/${id}/versions`);
  if (!list.ok) { showErrors({ error: `Letter ${id} could not be opened (${list.status}).` }); return; }
  const { current } = await list.json();
  const res = await fetch(`/api/letters/${id}/versions/${current}`);
  if (!res.ok) { showErrors({ error: `Version ${current} of letter ${id} could not be opened (${res.status}).` }); return; }
  fillForm(await res.json());
  setEditing({ id, version: current, saved: JSON.stringify(letterJson()) });
  const status = await fetch(`/api/letters/${id}`).then(r => r.ok ? r.json() : null).catch(() => null);
  const note = $("#editing-note");
  note.hidden = !(status && status.note);
  if (status && status.note) note.textContent = `${status.stage === "ChangesRequested" ? "Changes requested" : "Last comment"}: “${status.note}”`;
  follow(id);
  schedulePreview();
  $("#subject").focus();
}

// --- Live preview ------------------------------------------------------------------------------------------

function changed() { schedulePreview(); }

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 700);
}

async function preview() {
  const request = ++previewRequest;
  const version = editing ? editing.version + (JSON.stringify(letterJson()) === editing.saved ? 0 : 1) : 1;
  const note = $("#preview-note");
  if (!$("#subject").value.trim() && !$("#body").value.trim()) {
    note.textContent = "The PDF appears here as you type, once the letter is complete.";
    $("#preview").hidden = true;
    return;
  }
  try {
    const res = await fetch(`/api/preview?version=${version}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(letterJson()),
    });
    if (request !== previewRequest) return;
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      const first = (body.errors || [])[0];
      note.textContent = `The preview appears once the letter is complete${first ? `: ${first.message}` : "."}`;
      note.hidden = false;
      return;
    }
    const blob = await res.blob();
    if (request !== previewRequest) return;
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(blob);
    const frame = $("#preview");
    frame.src = previewUrl;
    frame.dataset.bytes = String(blob.size);
    frame.hidden = false;
    note.textContent = `Preview of version ${version}, not stored.`;
  } catch (e) {
    if (request === previewRequest) note.textContent = "The preview could not be made; the server could not be reached.";
  }
}

// --- Status ------------------------------------------------------------------------------------------------

function steps(s) {
  const items = [];
  s.approvers.forEach((who, i) => {
    const done = s.approvals.find(a => a.step === i);
    const current = s.waitingFor && s.waitingFor.kind === "Approval" && s.waitingFor.step === i + 1;
    const cls = done ? (done.decision === "Approve" ? "done" : "failed") : current ? "current" : "";
    const what = done ? `${done.decision === "Approve" ? "approved" : done.decision === "Reject" ? "rejected" : "asked for changes"}${done.comment ? `: “${text(done.comment)}”` : ""}` : current ? "waiting" : "";
    items.push(`<li class="${cls}">Approver ${i + 1}: ${text(who)} ${what}</li>`);
  });
  const signing = s.waitingFor && s.waitingFor.kind === "Signature";
  items.push(`<li class="${s.signedAt ? "done" : signing ? "current" : ""}">Signature ${s.signedAt ? "given" : signing ? "waiting for " + text(s.waitingFor.who) : ""}</li>`);
  const d = s.deliveries;
  const progress = s.progress ? s.progress.text : d.total ? `${d.sent} of ${d.total} sent${d.failed ? `, ${d.failed} failed` : ""}` : "";
  items.push(`<li class="${s.stage === "Distributed" ? "done" : s.stage === "Distributing" ? "current" : ""}">Distribution${progress ? `: <span id="distribution-progress">${text(progress)}</span>` : ""}</li>`);
  return `<ol class="steps">${items.join("")}</ol>`;
}

// Rounds that ended with a request for changes (or an undeliverable request) stay visible after the letter was
// edited, when the current round's decisions start again from nothing.
function earlierRounds(s) {
  const rounds = s.earlierRounds || [];
  if (!rounds.length) return "";
  const lines = rounds.map(r => {
    const asked = [...(r.approvals || [])].reverse().find(a => a.decision === "RequestChanges");
    if (!asked) return `<li>Version ${r.version}: returned${r.note ? ` — ${text(r.note)}` : ""}</li>`;
    const comment = asked.comment || r.note;
    return `<li>Version ${r.version}: changes requested by ${text(asked.approver)}${comment ? ` — “${text(comment)}”` : ""}</li>`;
  });
  return `<div class="earlier-rounds"><h3>Earlier rounds</h3><ul>${lines.join("")}</ul></div>`;
}

// The versions list changes only with the letter's version or stage: fetched again only then.
let versionsCache = { key: null, html: "" };

async function versionsHtml(s) {
  const key = `${s.id}/${s.version}/${s.stage}`;
  if (versionsCache.key === key) return versionsCache.html;
  const res = await fetch(s.links.versions);
  if (!res.ok) return "";
  const { versions } = await res.json();
  const html = `<details class="versions" id="versions"><summary>${versions.length} version${versions.length === 1 ? "" : "s"}</summary><ul>${versions.map(v =>
    `<li><a href="${v.links.pdf}" target="_blank">Version ${v.version}</a> · ${text(new Date(v.createdAt).toLocaleString())}${v.submitted ? " · submitted" : ""}</li>`).join("")}</ul></details>`;
  versionsCache = { key, html };
  return html;
}

async function refresh() {
  if (!following) return;
  const id = following;
  const res = await fetch(`/api/letters/${id}`);
  if (!res.ok || id !== following) return;
  const s = await res.json();
  $("#status-id").textContent = s.id;
  const d = s.deliveries;
  const editNow = s.editable && !(editing && editing.id === s.id);
  const versions = await versionsHtml(s);
  if (id !== following) return;
  $("#status").innerHTML = `
    <p><strong>${text(s.subject)}</strong> · version ${s.version}</p>
    <p><span class="stage stage-${s.stage}" id="stage">${stageText[s.stage] || s.stage}</span></p>
    ${s.editable ? `<p class="muted">${s.stage === "ChangesRequested" ? "Edit the letter and submit it again; approval then starts again from the first approver." : "Not yet submitted: approval starts when you submit it."}</p>` : ""}
    ${editNow ? `<p><button type="button" id="edit-letter" class="primary">Edit this letter</button></p>` : ""}
    ${steps(s)}
    ${earlierRounds(s)}
    ${d.total ? `<progress max="${d.total}" value="${d.sent + d.failed}"></progress>` : ""}
    ${s.note ? `<p class="muted">${text(s.note)}</p>` : ""}
    ${s.failure ? `<div class="notice notice-problem">${text(s.failure)}</div>` : ""}
    <p><a href="${s.links.pdf}" target="_blank">PDF</a> · <a href="${s.links.archive}" target="_blank">Archive</a>${s.signedAt ? ` · <a href="${s.links.deliveries}" target="_blank">Deliveries</a>` : ""}</p>
    ${versions}`;
  if (editNow) $("#edit-letter").addEventListener("click", () => editLetter(s.id));
  $("#status-card").hidden = false;
  if (followedStage !== null && followedStage !== s.stage) loadLetters();
  followedStage = s.stage;
  const final = ["Distributed", "Rejected", "Expired"].includes(s.stage);
  clearTimeout(timer);
  timer = setTimeout(refresh, final ? 15000 : 1500);
}

function follow(id) {
  if (following !== id) followedStage = null;
  following = id;
  history.replaceState(null, "", `#${id}`);
  refresh();
}

async function loadLetters() {
  const res = await fetch("/api/letters?limit=20");
  if (!res.ok) return;
  const { letters } = await res.json();
  $("#letters tbody").innerHTML = letters.map(l =>
    `<tr data-id="${text(l.id)}"><td><a href="#${text(l.id)}">${text(l.subject)}</a></td><td><span class="stage stage-${l.stage}">${stageText[l.stage] || l.stage}</span>${l.editable ? ` <button type="button" class="link edit" data-edit="${text(l.id)}">Edit</button>` : ""}</td><td>${l.deliveries.total ? `${l.deliveries.sent}/${l.deliveries.total}` : ""}</td></tr>`).join("");
  $("#letters-empty").hidden = letters.length > 0;
}

document.addEventListener("DOMContentLoaded", () => {
  $("#letter-form").addEventListener("submit", submit);
  $("#letter-form").addEventListener("input", changed);
  $("#letter-form").addEventListener("change", changed);
  $("#save-draft").addEventListener("click", saveDraft);
  $("#new-letter").addEventListener("click", () => { clearErrors(); clearLetter(); });
  $("#add-enclosed-letter").addEventListener("click", () => { $(".enc-body", addEnclosedLetter()).focus(); });
  $("#add-document").addEventListener("click", () => { $(".doc-title", addDocument()).focus(); });
  $("#letters").addEventListener("click", (e) => {
    const edit = e.target.closest("[data-edit]");
    if (edit) { e.preventDefault(); editLetter(edit.dataset.edit); return; }
    const row = e.target.closest("tr[data-id]");
    if (row) { e.preventDefault(); follow(row.dataset.id); }
  });
  $("#add-approver").addEventListener("click", () => { addApprover().focus(); });
  Promise.all([loadPeople(), loadLists()]).then(schedulePreview);
  loadLetters();
  setInterval(loadLetters, 10000);
  if (location.hash.length > 1) follow(location.hash.slice(1));
  window.addEventListener("hashchange", () => { if (location.hash.length > 1) follow(location.hash.slice(1)); });
});
