// Calls to Circulation's JSON API, and reading its answers (problem details with field errors) in plain words.
/** GET url as JSON: { ok, status, body }; body null when the answer is not JSON. */
export async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, body };
}

/** Sends JSON (or nothing) with method; ifMatch sets the If-Match header (a letter's version). */
export async function sendJson(method, url, payload, ifMatch) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (ifMatch) headers["If-Match"] = `"${ifMatch}"`;
  const res = await fetch(url, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
  const body = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, body: body ?? {} };
}

/** The explanation in an error answer: RFC 9457 detail or title, the older "error", or the status. */
export function problemText(answer) {
  const b = answer.body || {};
  return b.detail || b.error || b.title || `The server answered ${answer.status}.`;
}

/** A new id for a request that must not be carried out twice when repeated. */
export const requestId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);
