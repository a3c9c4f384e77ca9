// The letter page's timeline: every event with its time, oldest first. It comes from the letter's own timeline
// (the read model) when the API gives one; otherwise it is put together from the approvals, earlier rounds,
// versions, submission and signature the status holds.
import { $, esc, syncByKey } from "./dom.js";
import { timeText, stageText } from "./words.js";

const decisionWords = { Approve: "approved", RequestChanges: "asked for changes to", Reject: "rejected" };

function decision(a, version) {
  const comment = a.comment ? `: “${a.comment}”` : "";
  return { at: a.at ?? a.decidedAt, kind: `Decision-${a.decision}`, actor: a.approver, version, text: `${a.approver} ${decisionWords[a.decision] || a.decision} version ${version}${comment}` };
}

const quoted = text => (text ? `: “${text}”` : "");

/** A read-model event (kind, actor, text = comment, reason or decision) in words. */
function describe(e, s) {
  const who = e.actor || "";
  const v = e.version;
  switch (e.kind) {
    case "Created": return `Created by ${who}`;
    case "VersionSaved": return `Version ${v} saved by ${who}`;
    case "Submitted": return `Version ${v} submitted for approval`;
    case "ApprovalRequested": return `Approval of version ${v} requested from ${who}`;
    case "Decided": {
      const [decision, ...rest] = String(e.text || "").split(": ");
      return `${who} ${decisionWords[decision] || decision} version ${v}${quoted(rest.join(": "))}`;
    }
    case "SignatureRequested": return `Signature requested from ${who}`;
    case "Signed": return `Signed by ${who}${e.text ? `, with the note “${e.text}”` : ""}`;
    case "DistributionStarted": return "Distribution started: the first copies went out";
    case "DistributionFinished": {
      if (e.text) return `Distribution finished: ${e.text}`;
      const d = s.deliveries || {};
      return `Distribution finished: ${d.sent} of ${d.total} sent${d.failed ? `, ${d.failed} failed` : ""}`;
    }
    case "Expired": return e.text || "The link expired before anyone acted";
    case "Undeliverable": return e.text || `The request to ${who} could not be delivered`;
    case "Withdrawn": return `Withdrawn by ${who}${quoted(e.text)}`;
    case "Reminded": return `Reminder sent, asked by ${who}${e.text ? ` (${e.text})` : ""}`;
    case "Replaced": return `${e.text || "A person was replaced"} (by ${who})`;
    case "ResendRequested": return `${who} asked for copies to be sent again${e.text ? ` to ${e.text}` : ""}`;
    case "ResendFinished": return `Resend finished${e.text ? `: ${e.text}` : ""}`;
    case "SignatureFailed": return `Signature failed: ${e.text || "the digital signature could not be applied"}`;
    case "SignatureRetried": return `Signature retried by ${who}`;
    default: return e.text || String(e.kind);
  }
}

/** The events of letter s (status answer) and its versions list, oldest first. */
export function timelineEvents(s, versions) {
  if (Array.isArray(s.timeline) && s.timeline.length) return s.timeline.map(e => ({ ...e, text: describe(e, s) }));
  const events = [{ at: s.createdAt, kind: "Created", actor: s.drafter, text: `Created by ${s.drafter}` }];
  for (const v of versions || []) {
    events.push({ at: v.createdAt, kind: "VersionSaved", actor: s.drafter, version: v.version, text: `Version ${v.version} saved${v.submitted ? " for submission" : ""}` });
  }
  for (const round of s.earlierRounds || []) {
    for (const a of round.approvals || []) events.push(decision(a, round.version));
  }
  if (s.submittedAt) events.push({ at: s.submittedAt, kind: "Submitted", actor: s.drafter, version: s.version, text: `Version ${s.version} submitted for approval` });
  for (const a of s.approvals || []) events.push(decision(a, s.version));
  if (s.signedAt) {
    events.push({ at: s.signedAt, kind: "Signed", actor: typeof s.signatory === "string" ? s.signatory : s.signatory?.email ?? "", text: `Signed${s.note ? `, with the note “${s.note}”` : ""}; distribution started` });
  }
  if (["Distributed", "Rejected", "Expired", "Withdrawn"].includes(s.stage) && s.updatedAt) {
    const d = s.deliveries || {};
    const end = s.stage === "Distributed" ? `Distribution finished: ${d.sent} of ${d.total} sent${d.failed ? `, ${d.failed} failed` : ""}` : stageText(s.stage);
    events.push({ at: s.updatedAt, kind: s.stage, text: end });
  }
  // Created comes first even when a version was stored in the same instant.
  return events.filter(e => e.at).sort((a, b) => (a.kind === "Created") - (b.kind === "Created") ? (a.kind === "Created" ? -1 : 1) : new Date(a.at) - new Date(b.at));
}

const keyOf = e => `${e.kind}|${e.at}|${e.actor ?? ""}|${e.version ?? ""}`;

/** Shows the events, adding only the new ones; returns the texts of the events added since the last call (none the first time). */
export function showTimeline(events, first) {
  const added = syncByKey($("#timeline"), events, keyOf, () => document.createElement("li"), (li, e) => {
    li.className = `event event-${String(e.kind).split("-")[0]}`;
    // A decision names the PDF it was made on (the version's rendition, as the approver's link named it).
    const rendition = e.renditionSha256 ? ` <small class="event-rendition">on the PDF with SHA-256 <code>${esc(e.renditionSha256)}</code></small>` : "";
    li.innerHTML = `<time datetime="${esc(e.at)}">${esc(timeText(e.at))}</time> <span class="event-text">${esc(e.text)}</span>${rendition}`;
  });
  return first ? [] : events.filter(e => added.includes(keyOf(e))).map(e => e.text);
}
