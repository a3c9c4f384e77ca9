"use strict";
// The staff form: posts to the same JSON API as any client, then follows the letter's status.
const $ = (sel) => document.querySelector(sel);
const fieldIds = {
  "subject": "subject", "date": "date", "body": "body", "distributionList": "distributionList",
  "signatory.name": "signatoryName", "signatory.title": "signatoryTitle", "signatory.email": "signatoryEmail",
  "signatory": "signatoryName", "approvers": "approvers", "drafter": "drafter",
};
const stageText = {
  Drafting: "Drafting", AwaitingApproval: "Awaiting approval", AwaitingSignature: "Awaiting signature",
  Distributing: "Distributing", Distributed: "Distributed", ChangesRequested: "Changes requested",
  Rejected: "Rejected", Expired: "Expired",
};
let following = null;
let followedStage = null;
let timer = null;
// Who signs, who approves and who drafts rarely change between letters: kept in this browser only.
const remembered = ["signatoryName", "signatoryTitle", "signatoryEmail", "approvers", "drafter"];

function text(value) { const span = document.createElement("span"); span.textContent = value ?? ""; return span.innerHTML; }

async function loadLists() {
  const res = await fetch("/api/distribution-lists");
  const { lists } = await res.json();
  const select = $("#distributionList");
  select.innerHTML = lists.map(l => `<option value="${text(l.id)}">${text(l.name)} (${l.memberCount})</option>`).join("");
}

function clearErrors() {
  document.querySelectorAll(".field-error").forEach(e => e.remove());
  document.querySelectorAll("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
  $("#form-error").hidden = true;
}

function showErrors(body) {
  const box = $("#form-error");
  box.textContent = body.error || "The letter was not accepted.";
  box.hidden = false;
  for (const err of body.errors || []) {
    const key = err.field.replace(/\[\d+\]$/, "");
    const input = document.getElementById(fieldIds[key] || "");
    if (!input) continue;
    input.setAttribute("aria-invalid", "true");
    const note = document.createElement("div");
    note.className = "field-error";
    note.textContent = err.message;
    input.insertAdjacentElement("afterend", note);
  }
}

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const letter = {
    subject: $("#subject").value,
    body: $("#body").value,
    signatory: { name: $("#signatoryName").value, title: $("#signatoryTitle").value, email: $("#signatoryEmail").value },
    approvers: $("#approvers").value.split(/[\n,;]+/).map(s => s.trim()).filter(Boolean),
    distributionList: $("#distributionList").value,
    drafter: $("#drafter").value,
  };
  if ($("#date").value) letter.date = $("#date").value;
  const button = $("#submit");
  button.disabled = true;
  try {
    const res = await fetch("/api/letters", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(letter) });
    const body = await res.json().catch(() => ({ error: `The server answered ${res.status}.` }));
    if (!res.ok) { showErrors(body); return; }
    remembered.forEach(id => localStorage.setItem(`circulation.${id}`, $(`#${id}`).value));
    ["subject", "body", "date"].forEach(id => { $(`#${id}`).value = ""; });
    follow(body.id);
    loadLetters();
  } catch (e) {
    showErrors({ error: "The server could not be reached. Nothing was sent; try again." });
  } finally {
    button.disabled = false;
  }
}

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
  items.push(`<li class="${s.stage === "Distributed" ? "done" : s.stage === "Distributing" ? "current" : ""}">Distribution${d.total ? `: ${d.sent} of ${d.total} sent${d.failed ? `, ${d.failed} failed` : ""}` : ""}</li>`);
  return `<ol class="steps">${items.join("")}</ol>`;
}

async function refresh() {
  if (!following) return;
  const res = await fetch(`/api/letters/${following}`);
  if (!res.ok) return;
  const s = await res.json();
  $("#status-id").textContent = s.id;
  const d = s.deliveries;
  $("#status").innerHTML = `
    <p><strong>${text(s.subject)}</strong> · version ${s.version}</p>
    <p><span class="stage stage-${s.stage}" id="stage">${stageText[s.stage] || s.stage}</span></p>
    ${steps(s)}
    ${d.total ? `<progress max="${d.total}" value="${d.sent + d.failed}"></progress>` : ""}
    ${s.note ? `<p class="muted">${text(s.note)}</p>` : ""}
    ${s.failure ? `<div class="notice notice-problem">${text(s.failure)}</div>` : ""}
    <p><a href="${s.links.pdf}" target="_blank">PDF</a> · <a href="${s.links.archive}" target="_blank">Archive</a></p>`;
  $("#status-card").hidden = false;
  if (followedStage !== null && followedStage !== s.stage) loadLetters();
  followedStage = s.stage;
  const final = ["Distributed", "ChangesRequested", "Rejected", "Expired"].includes(s.stage);
  clearTimeout(timer);
  timer = setTimeout(refresh, final ? 15000 : 1500);
}

function follow(id) {
  following = id;
  followedStage = null;
  history.replaceState(null, "", `#${id}`);
  refresh();
}

async function loadLetters() {
  const res = await fetch("/api/letters?limit=20");
  if (!res.ok) return;
  const { letters } = await res.json();
  $("#letters tbody").innerHTML = letters.map(l =>
    `<tr data-id="${text(l.id)}"><td><a href="#${text(l.id)}">${text(l.subject)}</a></td><td><span class="stage stage-${l.stage}">${stageText[l.stage] || l.stage}</span></td><td>${l.deliveries.total ? `${l.deliveries.sent}/${l.deliveries.total}` : ""}</td></tr>`).join("");
  $("#letters-empty").hidden = letters.length > 0;
}

document.addEventListener("DOMContentLoaded", () => {
  $("#letter-form").addEventListener("submit", submit);
  $("#letters").addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-id]");
    if (row) { e.preventDefault(); follow(row.dataset.id); }
  });
  remembered.forEach(id => {
    const value = localStorage.getItem(`circulation.${id}`);
    if (value) $(`#${id}`).value = value;
  });
  loadLists();
  loadLetters();
  setInterval(loadLetters, 10000);
  if (location.hash.length > 1) follow(location.hash.slice(1));
});
