// The letters page: a table of letters with search, filters, paging and the "Needs attention" view, all read from
// and written to the page's URL (so a search can be shared and the back button works), against GET /api/letters.
import { $, esc } from "./dom.js";
import { getJson, problemText } from "./api.js";
import { stageWords, stageText, dayText, timeText } from "./words.js";
import { people } from "./masthead.js";
import { announce } from "./announce.js";

const PageSize = 25;
const filterNames = ["q", "stage", "drafter", "from", "to"];
const attentionWords = { "awaiting-you": "Awaiting you", "failed-deliveries": "Failed deliveries", "link-expiring": "Link expires soon", "signature-failed": "Signature failed" };

/** The query of the page's URL that the API understands (and nothing else). */
function currentQuery() {
  const url = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const name of [...filterNames, "view", "continuation"]) {
    const value = url.get(name);
    if (value) query.set(name, value);
  }
  return query;
}

function fillFilters(query) {
  for (const name of filterNames) $(`#${name}`).value = query.get(name) ?? "";
  const attention = query.get("view") === "attention";
  $("#view-all").removeAttribute("aria-current");
  $("#view-attention").removeAttribute("aria-current");
  $(attention ? "#view-attention" : "#view-all").setAttribute("aria-current", "page");
  $("#letters-title").textContent = attention ? "Letters that need attention" : "Letters";
  document.title = `${attention ? "Needs attention" : "Letters"} · Circulation`;
}

/** The query for the filters as typed, on the current view, from the first page. */
function queryFromFilters() {
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = $(`#${name}`).value.trim();
    if (value) query.set(name, value);
  }
  if (currentQuery().get("view") === "attention") query.set("view", "attention");
  return query;
}

const pageUrl = query => `/letters${query.size ? `?${query}` : ""}`;

function deliveriesText(d) {
  if (!d || !d.total) return "";
  return `${d.sent} sent${d.failed ? `, <strong class="bad">${d.failed} failed</strong>` : ""} of ${d.total}`;
}

function row(letter) {
  const attention = (letter.attention || []).map(a => `<span class="tag">${esc(attentionWords[a] || a)}</span>`).join(" ");
  return `<tr data-id="${esc(letter.id)}">
    <td data-label="Subject"><a href="/letters/${encodeURIComponent(letter.id)}">${esc(letter.subject)}</a>${attention ? `<div>${attention}</div>` : ""}</td>
    <td data-label="Created"><time datetime="${esc(letter.createdAt)}">${esc(dayText(letter.createdAt))}</time></td>
    <td data-label="Stage"><span class="stage stage-${esc(letter.stage)}">${esc(stageText(letter.stage))}</span></td>
    <td data-label="Drafter">${esc(names.get(letter.drafter) ?? letter.drafter)}</td>
    <td data-label="Deliveries">${deliveriesText(letter.deliveries)}</td>
    <td data-label="Last change">${esc(timeText(letter.updatedAt || letter.createdAt))}</td>
  </tr>`;
}

// Continuation tokens of the pages before this one, so "Previous" goes back a page (kept in the history entry).
function earlierPages() { return history.state?.earlier ?? []; }

let loading = 0;
// Drafters' names by e-mail, from the staff directory.
let names = new Map();

async function load() {
  const query = currentQuery();
  fillFilters(query);
  const request = ++loading;
  names = new Map((await people()).people.map(p => [p.email, p.name]));
  const api = new URLSearchParams(query);
  api.set("limit", String(PageSize));
  $("#results-note").textContent = "Loading…";
  const answer = await getJson(`/api/letters?${api}`);
  if (request !== loading) return;
  const error = $("#filters-error");
  if (!answer.ok) {
    const fields = (answer.body?.errors || []).map(e => e.message).join(" ");
    error.textContent = fields || problemText(answer);
    error.hidden = false;
    $("#letters tbody").innerHTML = "";
    $("#results-note").textContent = "";
    return;
  }
  error.hidden = true;
  const { letters, continuation } = answer.body;
  $("#letters tbody").innerHTML = letters.map(row).join("");
  $("#letters-empty").hidden = letters.length > 0;
  const filtered = filterNames.some(n => query.get(n)) || query.get("view");
  const note = letters.length === 0 ? "No letters match." : `${letters.length} letter${letters.length === 1 ? "" : "s"}${continuation ? " on this page" : ""}${filtered ? " matching" : ""}.`;
  $("#results-note").textContent = note;
  announce(note);

  const next = new URLSearchParams(query);
  if (continuation) next.set("continuation", continuation);
  $("#next-page").hidden = !continuation;
  $("#next-page").href = pageUrl(next);
  const earlier = earlierPages();
  const previous = new URLSearchParams(query);
  previous.delete("continuation");
  if (earlier.length && earlier[earlier.length - 1]) previous.set("continuation", earlier[earlier.length - 1]);
  $("#previous-page").hidden = !query.get("continuation");
  $("#previous-page").href = pageUrl(previous);
}

function go(query, state) {
  history.pushState(state ?? { earlier: [] }, "", pageUrl(query));
  load();
}

async function fillChoices() {
  $("#stage").innerHTML = `<option value="">Any stage</option>` + Object.entries(stageWords).map(([v, t]) => `<option value="${v}">${esc(t)}</option>`).join("");
  const directory = await people();
  const drafters = directory.people.filter(p => p.roles.includes("drafter") || p.roles.includes("admin"));
  $("#drafter").innerHTML = `<option value="">Anyone</option>` + drafters.map(p => `<option value="${esc(p.email)}">${esc(p.name)}</option>`).join("");
  $("#drafter").value = currentQuery().get("drafter") ?? "";
}

$("#filters").addEventListener("submit", e => {
  e.preventDefault();
  const from = $("#from"), to = $("#to");
  const error = $("#filters-error");
  if (from.validity.badInput || to.validity.badInput) {
    error.textContent = "Enter full dates (day, month and year), or leave them empty.";
    error.hidden = false;
    (from.validity.badInput ? from : to).focus();
    return;
  }
  if (from.value && to.value && from.value > to.value) {
    error.textContent = "The first date must not be after the second.";
    error.hidden = false;
    from.focus();
    return;
  }
  go(queryFromFilters());
});
$("#next-page").addEventListener("click", e => {
  e.preventDefault();
  const token = currentQuery().get("continuation") ?? "";
  go(new URLSearchParams(new URL($("#next-page").href).search), { earlier: [...earlierPages(), token] });
});
$("#previous-page").addEventListener("click", e => {
  e.preventDefault();
  go(new URLSearchParams(new URL($("#previous-page").href).search), { earlier: earlierPages().slice(0, -1) });
});
for (const id of ["#view-all", "#view-attention", "#clear-filters"]) {
  $(id).addEventListener("click", e => { e.preventDefault(); go(new URLSearchParams(new URL(e.currentTarget.href).search)); });
}
window.addEventListener("popstate", load);
history.replaceState(history.state ?? { earlier: [] }, "");
fillChoices();
load();
