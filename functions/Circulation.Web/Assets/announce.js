// The page's one polite live region: each change is announced once, never repeated by later updates.
import { $ } from "./dom.js";

let last = "";

/** Announces message to screen readers (politely), unless it is the one announced last. */
export function announce(message) {
  const region = $("#announcer");
  if (!region || !message || message === last) return;
  last = message;
  region.textContent = "";
  setTimeout(() => { region.textContent = message; }, 50);
}
