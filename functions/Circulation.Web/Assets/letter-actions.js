// The letter page's controls for a letter in flight: Edit (while editable), Withdraw, Remind, Replace and Retry signing
// (when the API's actions say the signed-in person may), each confirmed first, naming who is affected.
import { $, esc, setHtml } from "./dom.js";
import { sendJson, problemText, requestId } from "./api.js";
import { confirmAction } from "./confirm.js";
import { people } from "./masthead.js";

let letter = null;
let onDone = () => {};

const waitingWhat = s => (s.waitingFor?.kind === "Signature" ? "signature" : "approval");

/** Shows the controls letter s allows (rebuilt only when what is allowed changes, so focus stays). */
export function showActions(s) {
  letter = s;
  const a = s.actions || {};
  const buttons = [];
  if (s.editable) buttons.push(`<a class="button primary" href="/letters/${esc(s.id)}/edit" id="edit-letter">Edit</a>`);
  if (a.remind && s.waitingFor) buttons.push(`<button type="button" id="remind">Remind ${esc(s.waitingFor.who)}</button>`);
  if (a.replace && s.waitingFor) buttons.push(`<button type="button" id="replace">Replace ${esc(s.waitingFor.who)}</button>`);
  if (a.retrySignature) buttons.push(`<button type="button" class="primary" id="retry-signature">Retry signing</button>`);
  if (a.withdraw) buttons.push(`<button type="button" class="danger" id="withdraw">Withdraw the letter</button>`);
  setHtml($("#letter-actions"), buttons.join(" "));
}

function result(answer, done) {
  const box = $("#action-result");
  box.className = `notice ${answer.ok ? "notice-ok" : "notice-problem"}`;
  box.textContent = answer.ok ? done : problemText(answer);
  onDone();
}

async function withdraw() {
  const s = letter;
  const pending = s.waitingFor ? ` ${s.waitingFor.who}, who has a pending ${waitingWhat(s)} link, is told and the link stops working.` : "";
  const answer = await confirmAction({
    title: "Withdraw the letter",
    message: `“${s.subject}” stops here and is never sent to the missions.${pending} This cannot be undone.`,
    reason: "Why is it withdrawn?", confirm: "Withdraw", danger: true,
  });
  if (!answer) return;
  result(await sendJson("POST", `/api/letters/${s.id}/withdraw`, { reason: answer.reason, requestId: requestId() }), "The letter is being withdrawn.");
}

async function remind() {
  const s = letter;
  const answer = await confirmAction({
    title: `Remind ${s.waitingFor.who}`,
    message: `${s.waitingFor.who} gets the request for ${waitingWhat(s)} of “${s.subject}” again by e-mail.`,
    confirm: "Send the reminder",
  });
  if (!answer) return;
  result(await sendJson("POST", `/api/letters/${s.id}/remind`, {}), `A reminder is on its way to ${s.waitingFor.who}.`);
}

async function replace() {
  const s = letter;
  const role = s.waitingFor.kind === "Signature" ? "signatory" : "approver";
  const directory = await people();
  const options = directory.people.filter(p => p.roles.includes(role) && p.email !== s.waitingFor.who).map(p => ({ value: p.email, text: `${p.name} (${p.email})` }));
  const answer = await confirmAction({
    title: `Replace ${s.waitingFor.who}`,
    message: `${s.waitingFor.who}'s link stops working and the person you choose gets a new one for the ${waitingWhat(s)} of “${s.subject}”. The timeline records who replaced whom and why.`,
    choices: { label: role === "signatory" ? "New signatory" : "New approver", options },
    reason: "Why?", confirm: "Replace",
  });
  if (!answer) return;
  result(await sendJson("POST", `/api/letters/${s.id}/replace`, { person: answer.choice, reason: answer.reason }), `${answer.choice} now has the link.`);
}

async function retrySignature() {
  const s = letter;
  const answer = await confirmAction({
    title: "Retry signing",
    message: `The digital signature of “${s.subject}” is applied again, as of the signatory's signature. If it succeeds, the letter is sent to every mission on its list; if it fails again, it waits here again with the reason.`,
    confirm: "Retry signing",
  });
  if (!answer) return;
  result(await sendJson("POST", `/api/letters/${s.id}/retry-signature`, { requestId: requestId() }), "Signing is being tried again.");
}

/** Wires the controls; done() runs after an action was sent (to refresh the page). */
export function wireActions(done) {
  onDone = done;
  $("#letter-actions").addEventListener("click", e => {
    const id = e.target.closest("button")?.id;
    if (id === "withdraw") withdraw();
    else if (id === "remind") remind();
    else if (id === "replace") replace();
    else if (id === "retry-signature") retrySignature();
  });
}
