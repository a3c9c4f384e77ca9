// The compose form's live preview: the PDF the server would render for the letter as typed, stored nowhere.
import { $ } from "./dom.js";

let timer = null;
let url = null;
let request = 0;

/** Renders the preview shortly after typing stops; letter() gives the JSON, version() the version it would be. */
export function schedulePreview(letter, version) {
  clearTimeout(timer);
  timer = setTimeout(() => preview(letter, version), 700);
}

async function preview(letter, version) {
  const mine = ++request;
  const note = $("#preview-note");
  const json = letter();
  if (!json.subject.trim() && !json.body.trim()) {
    note.textContent = "The PDF appears here as you type, once the letter is complete.";
    $("#preview").hidden = true;
    return;
  }
  const v = version();
  try {
    const res = await fetch(`/api/preview?version=${v}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(json) });
    if (mine !== request) return;
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      const first = (body.errors || [])[0];
      note.textContent = `The preview appears once the letter is complete${first ? `: ${first.message}` : "."}`;
      return;
    }
    const blob = await res.blob();
    if (mine !== request) return;
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(blob);
    const frame = $("#preview");
    frame.src = url;
    frame.dataset.bytes = String(blob.size);
    frame.hidden = false;
    note.textContent = `Preview of version ${v}, not stored.`;
  } catch (e) {
    if (mine === request) note.textContent = "The preview could not be made; the server could not be reached.";
  }
}
