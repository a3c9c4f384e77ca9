// The compose form (/letters/new, and /letters/{id}/edit for a letter still editable): writes a letter with its
// enclosures, previews it, saves drafts, submits or starts circulation (after a confirmation naming the audience),
// then opens the letter's own page. Enter in a field never submits; unsaved work is kept (see unsaved.js).
import { $, $$, esc } from "./dom.js";
import { getJson, sendJson, problemText } from "./api.js";
import { dateInWords, plural } from "./words.js";
import { people as directory } from "./masthead.js";
import { confirmAction } from "./confirm.js";
import { clearErrors, showErrors } from "./form-errors.js";
import { keepForm, markSaved, changed as keepChanges, offerRestore } from "./unsaved.js";
import { schedulePreview } from "./preview.js";
import { enclosuresJson, setEnclosures, addEnclosedLetter, addDocument, onEnclosuresChanged, uploadsDone } from "./enclosures.js";

// /letters/{id}/edit names the letter edited; /letters/new none.
const editId = /^\/letters\/([^/]+)\/edit$/.exec(location.pathname)?.[1] ?? null;
// The letter being edited: { id, version, saved } where saved is the JSON last stored; null for a new letter.
let editing = null;
let people = [];
let lists = [];

function personOption(p) { return `<option value="${esc(p.email)}">${esc(p.name)} (${esc(p.title)})</option>`; }
const personName = email => people.find(p => p.email === email)?.name ?? email;

async function loadPeople() {
  const body = await directory();
  people = body.people;
  const signatories = people.filter(p => p.roles.includes("signatory"));
  $("#signatory").innerHTML = `<option value="">Choose who signs</option>` + signatories.map(personOption).join("");
  const remembered = JSON.parse(localStorage.getItem("circulation.people") || "null");
  if (!editId && remembered && signatories.some(p => p.email === remembered.signatory)) $("#signatory").value = remembered.signatory;
  setApprovers(!editId && remembered?.approvers?.length ? remembered.approvers : [""]);
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
  const answer = await getJson("/api/distribution-lists");
  lists = answer.ok ? answer.body.lists : [];
  $("#distributionList").innerHTML = lists.map(l => `<option value="${esc(l.id)}">${esc(l.name)} (${l.memberCount})</option>`).join("");
}

// --- The letter as JSON ------------------------------------------------------------------------------------

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
  // A version dated on signing is archived with the day it was written; the form shows it as it is: undated.
  $("#date").value = letter.datedOnSigning ? "" : letter.date ?? "";
  $("#body").value = letter.body ?? "";
  $("#signatory").value = (typeof letter.signatory === "string" ? letter.signatory : letter.signatory?.email) ?? "";
  setApprovers(letter.approvers ?? []);
  $("#distributionList").value = letter.distributionList ?? $("#distributionList").value;
  setEnclosures(letter.enclosures);
  showDate();
}

// --- Dates: whole dates only, shown in words -------------------------------------------------------------------

function showDate() {
  const input = $("#date");
  $("#date-words").textContent = input.validity.badInput ? "Enter the whole date: day, month and year."
    : input.value ? dateInWords(input.value) : "No date: the letter is dated on the day it is signed.";
}

/** Field errors for dates typed in part (the browser then gives no value, which would silently mean "no date"). */
function partialDates() {
  const errors = [];
  if ($("#date").validity.badInput) errors.push({ field: "date", message: "Enter a full date (day, month and year), or leave the date empty: a letter without a date is dated on the day it is signed." });
  $$("#enclosures > li").forEach((li, i) => {
    const input = $(".enc-date", li);
    if (input && input.validity.badInput) errors.push({ field: `enclosures[${i}].date`, message: "Enter a full date (day, month and year), or leave the date empty." });
  });
  return errors;
}

// --- Saving, submitting ------------------------------------------------------------------------------------

function setEditing(state) {
  editing = state;
  $("#editing").hidden = !state;
  $("#submit").textContent = state ? "Submit for approval" : "Start circulation";
  $("#compose-title").textContent = state ? "Edit a draft" : "Circulate a letter";
  document.title = `${state ? `Edit ${state.id}` : "New letter"} · Circulation`;
  if (state) {
    $("#editing-id").textContent = state.id;
    $("#editing-link").href = `/letters/${state.id}`;
    $("#editing-version").textContent = state.version;
  }
}

// Who signs and who approves rarely change between letters: kept in this browser only.
function rememberPeople() {
  localStorage.setItem("circulation.people", JSON.stringify({ signatory: $("#signatory").value, approvers: $$("#approvers select").map(s => s.value).filter(Boolean) }));
}

function refuse(answer) {
  showErrors(answer.status === 400 || answer.status === 422 ? "The letter was not accepted: correct what is marked below." : problemText(answer), answer.body.errors);
}

// Stores the form as a new version when it differs from the one last saved; returns false when refused.
async function saveChanges() {
  const letter = letterJson();
  if (editing && JSON.stringify(letter) === editing.saved) return true;
  const answer = editing
    ? await sendJson("PUT", `/api/letters/${editing.id}`, letter, editing.version)
    : await sendJson("POST", "/api/drafts", letter);
  if (!answer.ok) { refuse(answer); return false; }
  rememberPeople();
  setEditing({ id: answer.body.id, version: answer.body.version, saved: JSON.stringify(letter) });
  history.replaceState(null, "", `/letters/${answer.body.id}/edit`);
  keepForm(answer.body.id, formText);
  markSaved();
  return true;
}

async function withButtons(action) {
  const buttons = [$("#submit"), $("#save-draft")];
  buttons.forEach(b => { b.disabled = true; });
  try {
    await uploadsDone();
    await action();
  } catch (e) {
    showErrors("The server could not be reached. Nothing was sent; try again.", []);
  } finally {
    buttons.forEach(b => { b.disabled = false; });
  }
}

function checkDates() {
  const errors = partialDates();
  if (errors.length) showErrors("A date is incomplete: correct what is marked below.", errors);
  return errors.length === 0;
}

function saveDraft() {
  clearErrors();
  if (!checkDates()) return;
  return withButtons(async () => {
    const before = editing?.version;
    if (!await saveChanges()) return;
    const box = $("#form-ok");
    box.innerHTML = before === editing.version
      ? `Nothing changed since version ${before}.`
      : `Saved as version ${editing.version} of letter <a href="/letters/${esc(editing.id)}">${esc(editing.id)}</a>. Approval has not started.`;
    box.hidden = false;
  });
}

/** Who the letter goes to, in words: "All Permanent Representatives and Permanent Observers, 241 missions". */
function audience() {
  const list = lists.find(l => l.id === $("#distributionList").value);
  return list ? `${list.name}, ${plural(list.memberCount, "mission")}` : "the chosen list";
}

async function confirmSubmit() {
  const approvers = $$("#approvers select").map(s => s.value).filter(Boolean).map(personName);
  const signatory = $("#signatory").value ? personName($("#signatory").value) : "the signatory";
  const route = approvers.length ? `approval by ${approvers.join(", then ")}, then signature by ${signatory}` : `signature by ${signatory}`;
  return confirmAction({
    title: editing ? "Submit for approval" : "Start circulation",
    message: `Once approved and signed, “${$("#subject").value.trim()}” goes to ${audience()}. It goes first to ${route}.`,
    confirm: editing ? "Submit for approval" : "Start circulation",
  });
}

async function submit() {
  clearErrors();
  if (!checkDates()) return;
  if (!await confirmSubmit()) return;
  await withButtons(async () => {
    if (!editing) {
      // A new letter: create it and start circulation at once.
      const answer = await sendJson("POST", "/api/letters", letterJson());
      if (!answer.ok) { refuse(answer); return; }
      rememberPeople();
      markSaved();
      location.assign(`/letters/${answer.body.id}`);
      return;
    }
    if (!await saveChanges()) return;
    const answer = await sendJson("POST", `/api/letters/${editing.id}/submit`, undefined, editing.version);
    if (!answer.ok) { refuse(answer); return; }
    markSaved();
    location.assign(`/letters/${editing.id}`);
  });
}

async function openLetter(id) {
  const list = await getJson(`/api/letters/${id}/versions`);
  if (!list.ok) { showErrors(`Letter ${id} could not be opened: ${problemText(list)}`, []); return false; }
  const { current } = list.body;
  const version = await getJson(`/api/letters/${id}/versions/${current}`);
  if (!version.ok) { showErrors(`Version ${current} of letter ${id} could not be opened: ${problemText(version)}`, []); return false; }
  fillForm(version.body);
  setEditing({ id, version: current, saved: JSON.stringify(letterJson()) });
  const status = await getJson(`/api/letters/${id}`);
  const note = $("#editing-note");
  if (status.ok && !status.body.editable) {
    showErrors(`Letter ${id} is ${status.body.stage === "Drafting" ? "a draft" : "past the point where it can be edited"}; see its page for where it stands.`, []);
  }
  note.hidden = !(status.ok && status.body.note);
  if (status.ok && status.body.note) note.textContent = `${status.body.stage === "ChangesRequested" ? "Changes requested" : "Last comment"}: “${status.body.note}”`;
  return true;
}

// --- The form's own behaviour ---------------------------------------------------------------------------------

const formText = () => JSON.stringify(letterJson());
const versionShown = () => (editing ? editing.version + (formText() === editing.saved ? 0 : 1) : 1);

function changed() {
  keepChanges();
  schedulePreview(letterJson, versionShown);
}

async function start() {
  const form = $("#letter-form");
  // Enter in a one-line field never sends the form: only the buttons do.
  form.addEventListener("keydown", e => {
    if (e.key === "Enter" && e.target.matches("input, select")) e.preventDefault();
  });
  form.addEventListener("submit", e => e.preventDefault());
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  $("#date").addEventListener("input", showDate);
  $("#date").addEventListener("blur", showDate);
  $("#save-draft").addEventListener("click", saveDraft);
  $("#submit").addEventListener("click", submit);
  $("#add-enclosed-letter").addEventListener("click", () => { $(".enc-body", addEnclosedLetter()).focus(); changed(); });
  $("#add-document").addEventListener("click", () => { $(".doc-title", addDocument()).focus(); changed(); });
  $("#add-approver").addEventListener("click", () => { addApprover().focus(); });
  onEnclosuresChanged(changed);
  await Promise.all([loadPeople(), loadLists()]);
  if (editId) {
    $("#nav-new").removeAttribute("aria-current");
    await openLetter(editId);
  } else {
    $("#nav-new").setAttribute("aria-current", "page");
  }
  keepForm(editId ?? "new", formText);
  markSaved({ forget: false });
  // What is remembered from a new letter (signatory, approvers) is not work to lose; what was typed since is.
  offerRestore(letter => { fillForm(letter); schedulePreview(letterJson, versionShown); });
  showDate();
  schedulePreview(letterJson, versionShown);
  $("#letter-form").dataset.ready = "true";
}

start();
