// The page's side of the outbox: one Outbox for this page, its changes heard by every tab (and
// the worker's, through a BroadcastChannel), and the loop that sends it from this page.
import { createSyncLoop } from "./loop.js";
import { openDatabase, Outbox } from "./store.js";
import { DEFAULT_TIMEOUT_MS, realClock, syncOnce } from "./sync.js";

// Who is signed in is read from this script's own tag, so not before the parser has reached
// it: a module imported early (a probe's `import()` as a reloaded page starts, under load)
// would read no one, and every set this page then keeps would name no one: no sender (this
// page, another, the worker) ever takes it, the worker is told "nobody" and the page's own
// loop never sends. A module's top-level await does not hold up DOMContentLoaded.
if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
const script = document.getElementById("offline-js");
export const user = script?.dataset.user || "";
export const timeoutMs = Number(script?.dataset.timeoutMs) || DEFAULT_TIMEOUT_MS;
export const answerWaitMs = Number(script?.dataset.answerWaitMs) || 3000;
export const supported = "indexedDB" in window && "AbortController" in window;

const channel = "BroadcastChannel" in window ? new BroadcastChannel("thrustlog-offline") : null;
const listeners = new Set();
const tell = () => listeners.forEach((listener) => listener());

export function onChange(listener) {
  listeners.add(listener);
}

if (channel) channel.onmessage = tell;

export const outbox = supported
  ? new Outbox(await openDatabase(), {
    onChange: () => {
      tell();
      channel?.postMessage("changed");
    },
  })
  : null;

export function csrfToken() {
  const cookie = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
  if (cookie) return decodeURIComponent(cookie[1]);
  return document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
}

/** Tell the worker who is signed in and the CSRF token (it reads no cookies); a signed-out
 * page says "nobody", so no one's sets go with another's sign-in. */
export async function rememberSignIn() {
  if (!outbox) return;
  const auth = { user, csrf: user ? csrfToken() : "", timeoutMs };
  const known = await outbox.getMeta("auth");
  if (JSON.stringify(known) !== JSON.stringify(auth)) await outbox.setMeta("auth", auth);
}

const pageId = "randomUUID" in crypto ? crypto.randomUUID() : String(Math.random());
let runs = 0;
const resultListeners = new Set();

export function onResult(listener) {
  resultListeners.add(listener);
}

export const loop = outbox
  ? createSyncLoop({
    clock: realClock,
    run: async ({ signal, steal }) => {
      // The phone knows it has no network: no try until the "online" event (a kick).
      if (!navigator.onLine) return { stored: 0, refused: 0, stopped: "offline", storedIds: [] };
      runs += 1;
      return syncOnce(outbox, {
        user,
        fetch: (...args) => fetch(...args),
        csrf: csrfToken(),
        owner: `page:${pageId}:${runs}`,
        timeoutMs,
        signal,
        steal,
      });
    },
    onResult: (result) => resultListeners.forEach((listener) => listener(result)),
  })
  : null;

/** Ask the worker to send by itself (Background Sync, Chromium), even if this tab dies. */
export async function askForBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.getRegistration("/");
    await registration?.sync?.register("thrustlog-sync");
  } catch {
    // No Background Sync here (or no worker yet): the page's own loop and the next open send.
  }
}
