// How the staff pages say things: stages, dates and times in words.
export const stageWords = {
  Drafting: "Drafting", AwaitingApproval: "Awaiting approval", AwaitingSignature: "Awaiting signature",
  Distributing: "Distributing", Distributed: "Distributed", ChangesRequested: "Changes requested",
  Rejected: "Rejected", Expired: "Expired", Withdrawn: "Withdrawn", SignatureFailed: "Signature failed",
};

/** Stages after which nothing changes any more (ChangesRequested is not one: the drafter edits and submits again). */
export const finalStages = ["Distributed", "Rejected", "Expired", "Withdrawn"];

export const stageText = stage => stageWords[stage] || stage || "";

const dateFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** "2026-12-03" -> "Thursday 3 December 2026" (a calendar date: no time zone shift); "" when not a full date. */
export function dateInWords(isoDate) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || "");
  if (!m) return "";
  return dateFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))).replace(",", "");
}

/** A moment in the reader's time zone, e.g. "3 Dec 2026, 14:05"; "" for none. */
export function timeText(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : timeFormat.format(d);
}

/** A day in the reader's time zone, e.g. "3 Dec 2026". */
export function dayText(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : shortDate.format(d);
}

/** Bytes in words: "812 bytes", "41 KB", "2.3 MB". */
export function sizeText(bytes) {
  if (bytes == null) return "";
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const plural = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;
