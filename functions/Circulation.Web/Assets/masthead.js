// The masthead: who is signed in and how to sign out. Every staff page loads it; it returns the signed-in person and the directory.
import { $ } from "./dom.js";
import { getJson } from "./api.js";

let loaded = null;

/** The staff directory answer ({ you, people, signOut }), loaded once; the masthead shows who is signed in. */
export function people() {
  loaded ??= getJson("/api/people").then(answer => {
    if (!answer.ok) return { you: null, people: [] };
    const body = answer.body;
    $("#signed-in-name").textContent = `${body.you.name} (${body.you.email})`;
    $("#signout-form").hidden = !body.signOut.form;
    $("#signout-link").hidden = body.signOut.form;
    $("#signout-link").href = body.signOut.url;
    $("#signed-in").hidden = false;
    return body;
  });
  return loaded;
}

people();
