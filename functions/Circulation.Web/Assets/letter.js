// The letter page (/letters/{id}): the letter's facts, text, PDFs, timeline, archive and deliveries. It polls the
// letter's status and changes only what changed (focus and open sections stay), announces each change once, and
// stops polling once the letter is final.
import { $, esc, setHtml } from "./dom.js";
import { getJson } from "./api.js";
import { stageText, finalStages, timeText } from "./words.js";
import { announce } from "./announce.js";
import { showText, showPdfs } from "./letter-text.js";
import { timelineEvents, showTimeline } from "./timeline.js";
import { showArchive } from "./archive.js";
import { refreshDeliveries, wireDeliveries, deliveriesPending } from "./deliveries.js";
import { showActions, wireActions } from "./letter-actions.js";
import { people } from "./masthead.js";

const PollEvery = 2000;
const id = decodeURIComponent(location.pathname.split("/")[2] || "");
let previous = null;
let versions = [];
let timer = null;
let resending = false;
// Names for e-mail addresses (the staff directory) and for list ids (the distribution lists), loaded once.
let names = new Map();
let listNames = new Map();
const who = email => (names.has(email) ? `${names.get(email)} (${email})` : email);

async function loadNames() {
  const [directory, lists] = await Promise.all([people(), getJson("/api/distribution-lists")]);
  names = new Map(directory.people.map(p => [p.email, p.name]));
  if (lists.ok) listNames = new Map(lists.body.lists.map(l => [l.id, `${l.name} (${l.memberCount} missions)`]));
}

function fact(term, value) { return value ? `<dt>${esc(term)}</dt><dd>${value}</dd>` : ""; }

function showHead(s) {
  $("#subject").textContent = s.subject;
  document.title = `${s.subject} · Circulation`;
  const stage = $("#stage");
  stage.textContent = stageText(s.stage);
  stage.className = `stage stage-${s.stage}`;
  const waiting = s.waitingFor
    ? `${s.waitingFor.kind === "Signature" ? "Signature" : `Approval ${s.waitingFor.step}`} by ${esc(who(s.waitingFor.who))}${s.waitingFor.expiresAt ? `, link valid until ${esc(timeText(s.waitingFor.expiresAt))}` : ""}`
    : "";
  const signatory = typeof s.signatory === "string" ? who(s.signatory) : s.signatory?.name ? `${s.signatory.name}${s.signatory.email ? ` (${s.signatory.email})` : ""}` : "";
  setHtml($("#facts"), [
    fact("Reference", esc(s.id)),
    fact("Version", String(s.version)),
    fact("Drafter", esc(who(s.drafter))),
    fact("Approvers", esc((s.approvers || []).map(who).join(", then "))),
    fact("Signatory", esc(signatory)),
    fact("Sent to", esc(listNames.get(s.distributionList) || s.distributionList)),
    fact("Waiting for", waiting),
    fact("Created", esc(timeText(s.createdAt))),
    fact("Last change", esc(timeText(s.updatedAt))),
  ].join(""));
  const notes = [];
  if (s.editable) notes.push(`<p class="notice notice-edit">${s.stage === "ChangesRequested" ? "Changes were requested: edit the letter and submit it again; approval then starts again from the first approver." : "Not yet submitted: approval starts when you submit it."}</p>`);
  if (s.stage === "SignatureFailed") {
    notes.push(`<div class="notice notice-problem" id="signature-failure"><p><strong>The digital signature could not be applied:</strong> ${esc(s.note || "no reason was given")}</p>`
      + `<p>Nothing was sent to the missions. ${s.actions?.retrySignature ? "Once the cause is fixed, retry signing: the letter is signed as of the signatory's signature and then distributed." : "An admin can retry signing once the cause is fixed."}</p></div>`);
  } else if (s.note) notes.push(`<p class="notice notice-edit">Note: ${esc(s.note)}</p>`);
  if (s.failure) notes.push(`<div class="notice notice-problem">${esc(s.failure)}</div>`);
  setHtml($("#notes"), notes.join(""));
}

function showProgress(s) {
  const d = s.deliveries || {};
  const card = $("#progress-card");
  card.hidden = !s.signedAt || !d.total;
  if (card.hidden) return;
  const bar = $("#progress");
  bar.max = d.total;
  bar.value = (d.sent || 0) + (d.failed || 0);
  bar.setAttribute("aria-label", `${bar.value} of ${d.total} missions tried`);
  const text = s.progress?.text || `${d.sent} of ${d.total} sent${d.failed ? `, ${d.failed} failed` : ""}`;
  $("#distribution-progress").textContent = text;
  $("#estimated-end").textContent = s.stage === "Distributing" && s.progress?.estimatedEnd ? `Expected to end about ${timeText(s.progress.estimatedEnd)}.` : "";
}

function changedKeys(s, p) {
  if (!p) return { text: true, files: true, deliveries: true };
  const same = (...keys) => keys.every(k => JSON.stringify(s[k]) === JSON.stringify(p[k]));
  return {
    text: !same("version"),
    files: !same("version", "stage", "signedAt"),
    deliveries: !same("deliveries", "stage"),
  };
}

async function refresh() {
  clearTimeout(timer);
  const answer = await getJson(`/api/letters/${encodeURIComponent(id)}`);
  if (!answer.ok) {
    const box = $("#load-error");
    box.textContent = answer.status === 404 || answer.status === 403
      ? `There is no letter ${id} that you may see. Letters are shown to their drafter, approvers, signatory and the Office's administrators.`
      : `The letter could not be read (${answer.status}). The page tries again shortly.`;
    box.hidden = false;
    if (answer.status >= 500 || answer.status === 0) timer = setTimeout(refresh, PollEvery * 5);
    return;
  }
  $("#load-error").hidden = true;
  const s = answer.body;
  const changed = changedKeys(s, previous);
  showHead(s);
  showActions(s);
  showProgress(s);
  $("#letter").hidden = false;
  if (changed.text) showText(s.id, s.version);
  if (changed.files) {
    versions = await showPdfs(s);
    showArchive(s);
  }
  const news = showTimeline(timelineEvents(s, versions), previous === null);
  if (previous && previous.stage !== s.stage) announce(`The letter is now: ${stageText(s.stage)}.${news.length ? " " + news.join(". ") : ""}`);
  else if (news.length) announce(news.join(". "));
  if (s.signedAt && (changed.deliveries || resending)) {
    await refreshDeliveries(s.id);
    resending = resending && deliveriesPending();
  }
  previous = s;
  if (!finalStages.includes(s.stage) || resending) timer = setTimeout(refresh, PollEvery);
}

function again() {
  resending = true;
  refresh();
}

wireDeliveries(again);
wireActions(() => refresh());
loadNames().finally(refresh);
