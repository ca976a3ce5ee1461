// The invitation's Share button (coaching/static/coaching/share.js): the phone's share sheet
// where there is one, a copy of the link otherwise, and no button when neither exists. The
// module runs on import, so each test gives it a fresh page double and imports a new copy.
import assert from "node:assert/strict";
import { test } from "node:test";

const LINK = { url: "https://thrustlog.test/coach/join/ABCD2345/", title: "Thrustlog invitation", text: "Share your log with me: code ABCD2345" };

let copies = 0;

async function pageWith(navigatorDouble) {
  const listeners = {};
  const button = {
    hidden: true,
    textContent: "Share the link",
    dataset: { ...LINK },
    addEventListener: (type, handler) => { listeners[type] = handler; },
  };
  const status = { textContent: "" };
  globalThis.document = { getElementById: (id) => ({ "share-invitation": button, "share-status": status })[id] ?? null };
  Object.defineProperty(globalThis, "navigator", { value: navigatorDouble, configurable: true, writable: true });
  copies += 1;
  await import(`../../coaching/static/coaching/share.js?copy=${copies}`);
  return { button, status, click: () => listeners.click() };
}

test("with Web Share, the button opens the share sheet with the invitation", async () => {
  const shared = [];
  const written = [];
  const page = await pageWith({
    share: async (data) => { shared.push(data); },
    clipboard: { writeText: async (text) => { written.push(text); } },
  });
  assert.equal(page.button.hidden, false);
  assert.equal(page.button.textContent, "Share the link");
  await page.click();
  assert.deepEqual(shared, [{ title: LINK.title, text: LINK.text, url: LINK.url }]);
  assert.deepEqual(written, []);
});

test("without Web Share, the button copies the link and says so", async () => {
  const written = [];
  const page = await pageWith({ clipboard: { writeText: async (text) => { written.push(text); } } });
  assert.equal(page.button.hidden, false);
  assert.equal(page.button.textContent, "Copy the link");
  await page.click();
  assert.deepEqual(written, [LINK.url]);
  assert.equal(page.status.textContent, "Link copied.");
});

test("with neither, the button stays hidden (the link field and the QR code remain)", async () => {
  const page = await pageWith({});
  assert.equal(page.button.hidden, true);
});

test("closing the share sheet shows nothing", async () => {
  const aborted = Object.assign(new Error("closed"), { name: "AbortError" });
  const page = await pageWith({ share: async () => { throw aborted; } });
  await page.click();
  assert.equal(page.status.textContent, "");
});

test("a failed copy asks for the link above instead", async () => {
  const page = await pageWith({ clipboard: { writeText: async () => { throw new Error("denied"); } } });
  await page.click();
  assert.equal(page.status.textContent, "Could not share: copy the link above.");
});
