// The page's side of the outbox (client.js) reads who is signed in from its own script tag.
// Something may import it before the parser has reached that tag (a test's probe does, with
// `await import("/static/js/offline/client.js")`, as a reloaded page starts): it must still read
// the athlete, or every set the page keeps names no one and no sender ever takes it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { IDBFactory } from "fake-indexeddb";

import { eventually } from "./helpers.js";

/** A document the parser is still reading: no script tag yet, DOMContentLoaded still to come. */
function loadingDocument() {
  const elements = new Map();
  const listeners = new Map();
  let asked = false;
  const document = {
    readyState: "loading",
    cookie: "",
    getElementById(id) {
      if (id === "offline-js") asked = true;
      return elements.get(id) ?? null;
    },
    querySelector: () => null,
    addEventListener(type, listener) {
      listeners.set(type, [...(listeners.get(type) || []), listener]);
    },
    removeEventListener(type, listener) {
      listeners.set(type, (listeners.get(type) || []).filter((l) => l !== listener));
    },
  };
  return {
    document,
    /** client.js has looked for its tag, or waits for the page to be parsed. */
    looked: () => asked || (listeners.get("DOMContentLoaded") || []).length > 0,
    parsed(dataset) {
      elements.set("offline-js", { dataset });
      document.readyState = "interactive";
      for (const listener of listeners.get("DOMContentLoaded") || []) listener(new Event("DOMContentLoaded"));
    },
  };
}

function pageGlobals(document) {
  globalThis.document = document;
  globalThis.indexedDB = new IDBFactory();
  // No BroadcastChannel: Node's would keep the test process alive.
  globalThis.window = { indexedDB: globalThis.indexedDB, AbortController };
}

test("imported before the page's script tag is parsed, client.js still reads the athlete", async () => {
  const page = loadingDocument();
  pageGlobals(page.document);
  const importing = import("../../static/js/offline/client.js?early");
  await eventually(page.looked, "client.js to look for its script tag");
  page.parsed({ user: "7", timeoutMs: "1000", answerWaitMs: "3000" });
  const client = await importing;
  assert.equal(client.user, "7", "a page read as signed out keeps sets no sender takes");
  assert.equal(client.timeoutMs, 1000);
});

test("imported by the page's own script (the page parsed), it reads the athlete at once", async () => {
  const page = loadingDocument();
  page.parsed({ user: "7", timeoutMs: "1000", answerWaitMs: "3000" });
  pageGlobals(page.document);
  const client = await import("../../static/js/offline/client.js?parsed");
  assert.equal(client.user, "7");
  assert.equal(client.timeoutMs, 1000);
});
