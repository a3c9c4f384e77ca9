// DOM helpers shared by the staff pages: finding elements, escaping text for HTML, changing only what changed.
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** The text as HTML, escaped. */
export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** Sets an element's HTML only when it differs from what it shows, so that unchanged parts keep focus and open state. */
export function setHtml(element, html) {
  if (element && element.dataset.html !== html) {
    element.innerHTML = html;
    element.dataset.html = html;
    return true;
  }
  return false;
}

/**
 * Brings a list's children in line with items, by key: a child whose item is unchanged is left alone (focus, open
 * details and scroll stay), a changed one is refilled in place, new ones are inserted in order and gone ones removed.
 * create(item) returns a new element; fill(element, item) updates it. Returns the keys of the added items.
 */
export function syncByKey(container, items, keyOf, create, fill) {
  const existing = new Map($$(":scope > [data-key]", container).map(el => [el.dataset.key, el]));
  const added = [];
  let previous = null;
  for (const item of items) {
    const key = String(keyOf(item));
    const signature = JSON.stringify(item);
    let element = existing.get(key);
    if (!element) {
      element = create(item);
      element.dataset.key = key;
      added.push(key);
    }
    existing.delete(key);
    if (element.dataset.signature !== signature) {
      fill(element, item);
      element.dataset.signature = signature;
    }
    const expectedPlace = previous ? previous.nextElementSibling : container.firstElementChild;
    if (expectedPlace !== element) container.insertBefore(element, expectedPlace);
    previous = element;
  }
  existing.forEach(el => el.remove());
  return added;
}
