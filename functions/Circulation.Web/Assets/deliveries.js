// The letter page's delivery table: each mission's state, sent time, attempts and reason, sortable by column and
// filterable to the failed ones, with resends (one mission, or every failed one) over the resend routes.
import { $, $$, esc, syncByKey } from "./dom.js";
import { getJson, sendJson, problemText, requestId } from "./api.js";
import { timeText, plural } from "./words.js";
import { confirmAction } from "./confirm.js";
import { announce } from "./announce.js";

const stateWords = { Sent: "Sent", Failed: "Failed", Pending: "Waiting" };
let rows = [];
let sort = { key: "name", ascending: true };
let letterId = null;
let lastFailed = null;
let onResent = () => {};

function compare(a, b) {
  const value = r => (sort.key === "sentAt" ? r.sentAt || "" : sort.key === "attempts" ? r.attempts : String(r[sort.key] ?? "").toLowerCase());
  const x = value(a), y = value(b);
  const order = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
  return sort.ascending ? order : -order;
}

function fill(tr, r) {
  tr.className = `delivery delivery-${r.state}`;
  tr.innerHTML = `
    <td data-label="Mission">${esc(r.name)}</td>
    <td data-label="Address">${esc(r.address)}</td>
    <td data-label="State"><span class="state state-${esc(r.state)}">${esc(stateWords[r.state] || r.state)}</span></td>
    <td data-label="Sent">${esc(timeText(r.sentAt))}</td>
    <td data-label="Attempts">${r.attempts}</td>
    <td data-label="Reason" class="reason">${esc(r.reason || "")}</td>
    <td>${r.state === "Pending" ? "" : `<button type="button" class="link resend" data-mission="${esc(r.mission)}" aria-label="Resend to ${esc(r.name)}">Resend</button>`}</td>`;
}

function render() {
  const failedOnly = $("#failed-only").checked;
  const shown = [...rows].sort(compare);
  syncByKey($("#deliveries tbody"), shown, r => r.mission, () => document.createElement("tr"), fill);
  for (const tr of $$("#deliveries tbody tr")) tr.hidden = failedOnly && !tr.classList.contains("delivery-Failed");
  $("#deliveries-empty").hidden = !(failedOnly && !rows.some(r => r.state === "Failed"));
  for (const th of $$("#deliveries thead th[aria-sort]")) {
    const key = $("button", th).dataset.sort;
    th.setAttribute("aria-sort", key === sort.key ? (sort.ascending ? "ascending" : "descending") : "none");
  }
}

/** Reads the deliveries of letter id and shows them; returns the answer's body (or null). */
export async function refreshDeliveries(id) {
  letterId = id;
  const answer = await getJson(`/api/letters/${id}/deliveries`);
  if (!answer.ok) return null;
  const d = answer.body;
  rows = d.deliveries;
  $("#deliveries-card").hidden = false;
  $("#deliveries-summary").textContent = `${d.sent} of ${d.total} sent${d.failed ? `, ${d.failed} failed` : ""}${d.pending ? `, ${d.pending} waiting` : ""}.`;
  const nothingFailed = d.failed === 0;
  $("#resend-failed").hidden = false;
  $("#resend-failed").disabled = nothingFailed;
  $("#resend-failed-why").hidden = !nothingFailed;
  $("#resend-failed-why").textContent = nothingFailed ? "Nothing to resend: no mission's delivery has failed." : "";
  render();
  if (lastFailed !== null && d.failed > lastFailed) announce(`${plural(d.failed - lastFailed, "more delivery", "more deliveries")} failed.`);
  lastFailed = d.failed;
  return d;
}

async function resend(url, title, message) {
  const answer = await confirmAction({ title, message, reason: "Why is it sent again?", confirm: "Resend" });
  if (!answer) return;
  const result = await sendJson("POST", url, { reason: answer.reason, requestId: requestId() });
  const box = $("#action-result");
  box.className = `notice ${result.ok ? "notice-ok" : "notice-problem"}`;
  box.textContent = result.ok ? `Sending again to ${plural(result.body.missions.length, "mission")}.` : problemText(result);
  onResent();
}

/** Wires the table's sorting, filter and resend buttons; resent() runs after a resend was asked for. */
export function wireDeliveries(resent) {
  onResent = resent;
  $("#deliveries thead").addEventListener("click", e => {
    const button = e.target.closest("button.sort");
    if (!button) return;
    sort = { key: button.dataset.sort, ascending: sort.key === button.dataset.sort ? !sort.ascending : true };
    render();
  });
  $("#failed-only").addEventListener("change", render);
  $("#deliveries tbody").addEventListener("click", e => {
    const button = e.target.closest("button.resend");
    if (!button) return;
    const r = rows.find(x => x.mission === button.dataset.mission);
    resend(`/api/letters/${letterId}/deliveries/${encodeURIComponent(r.mission)}/resend`, `Resend to ${r.name}`,
      `The signed letter goes again to ${r.name} (${r.address}). The resend is recorded with your name and the reason.`);
  });
  $("#resend-failed").addEventListener("click", () => {
    const failed = rows.filter(r => r.state === "Failed");
    const names = failed.slice(0, 5).map(r => r.name).join(", ") + (failed.length > 5 ? ` and ${failed.length - 5} more` : "");
    resend(`/api/letters/${letterId}/deliveries/resend-failed`, "Resend to every failed mission",
      `The signed letter goes again to the ${plural(failed.length, "mission")} whose delivery failed: ${names}.`);
  });
}

/** True while some mission's delivery is still waiting for its outcome. */
export const deliveriesPending = () => rows.some(r => r.state === "Pending");
