// The letter page's archive section: every file kept for the record, with its size and SHA-256.
import { $, esc, syncByKey } from "./dom.js";
import { getJson } from "./api.js";
import { sizeText, plural } from "./words.js";

/** Reads GET api/letters/{id}/archive and shows its files. */
export async function showArchive(s) {
  const answer = await getJson(s.links.archive);
  if (!answer.ok) {
    $("#archive-summary").textContent = `The archive could not be read (${answer.status}).`;
    return;
  }
  const files = answer.body.files || [];
  $("#archive-summary").textContent = `${plural(files.length, "file")} kept for the record`;
  syncByKey($("#archive tbody"), files, f => f.name, () => document.createElement("tr"), (tr, f) => {
    tr.innerHTML = `<td data-label="File">${esc(f.name)}</td><td data-label="Size">${esc(sizeText(f.size))}</td><td data-label="SHA-256"><code class="hash">${esc(f.sha256)}</code></td>`;
  });
}
