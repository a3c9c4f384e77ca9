// The letter page's text and PDFs: the current version's wording (from its JSON) and a link to every version's PDF,
// with the signed PDF named as such.
import { $, esc, setHtml } from "./dom.js";
import { getJson } from "./api.js";
import { dateInWords, timeText, sizeText } from "./words.js";

function paragraphs(body) {
  return String(body || "").split(/\n\s*\n/).map(p => p.trim()).filter(Boolean).map(p => `<p>${esc(p)}</p>`).join("");
}

function enclosuresHtml(enclosures) {
  if (!enclosures?.length) return "";
  const items = enclosures.map(e => e.kind === "document"
    ? `<li>PDF document: ${esc(e.title)}</li>`
    : `<li>Enclosed letter${e.date ? ` of ${esc(dateInWords(e.date))}` : ""} from ${esc((e.signatories || []).map(s => s.name).join(" and "))}</li>`);
  return `<h3>Enclosures</h3><ol>${items.join("")}</ol>`;
}

/** Shows version v of letter id: its date, subject, text and enclosures. */
export async function showText(id, version) {
  const answer = await getJson(`/api/letters/${id}/versions/${version}`);
  if (!answer.ok) {
    setHtml($("#letter-text"), `<p class="muted">The text of version ${version} could not be read (${answer.status}).</p>`);
    return;
  }
  const v = answer.body;
  setHtml($("#letter-text"), `
    <p class="muted">Version ${version}${v.date && !v.datedOnSigning ? `, dated ${esc(dateInWords(v.date))}` : ", no date: it is dated on the day it is signed"}</p>
    <article class="letter">
      <p><strong>${esc(v.subject)}</strong></p>
      <p>Excellency,</p>
      ${paragraphs(v.body)}
    </article>
    ${enclosuresHtml(v.enclosures)}`);
}

/** Lists the letter's PDFs: the signed one first (once signed), then each version's. Returns the versions list. */
export async function showPdfs(s) {
  const answer = await getJson(s.links.versions);
  const versions = answer.ok ? answer.body.versions : [];
  const items = [];
  if (s.signedAt) {
    items.push(`<li class="signed-pdf"><a href="${esc(s.links.pdf)}" target="_blank" rel="noopener">Signed letter (PDF)</a> <span class="muted">the copy the missions receive, signed ${esc(timeText(s.signedAt))}</span></li>`);
  }
  for (const v of [...versions].reverse()) {
    items.push(`<li><a href="${esc(v.links.pdf)}" target="_blank" rel="noopener">Version ${v.version} (draft PDF${v.submitted ? ", submitted" : ""})</a> <span class="muted">${esc(timeText(v.createdAt))}${v.pdfSize ? `, ${esc(sizeText(v.pdfSize))}` : ""}</span></li>`);
  }
  setHtml($("#pdfs"), items.join("") || `<li class="muted">No PDF yet.</li>`);
  return versions;
}
