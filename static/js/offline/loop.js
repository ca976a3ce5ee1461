// When a page sends: now, again after a failure with a growing wait, and on "Send now"
// (which abandons a hung attempt). No DOM: Node's tests drive it.

const BUSY_RETRY_MS = 1000;

/**
 * `run({signal, steal})` sends once (sync.js syncOnce) and resolves to its result.
 * `onResult(result)` hears every result. Returns {kick, stop, running}.
 */
export function createSyncLoop({ run, clock, onResult = () => {} }) {
  let current = null; // {controller, promise}
  let timer = null;
  let again = false; // a kick arrived while sending: go round once more (something new may wait)
  let stealNext = false;
  let stopped = false;
  let paused = false;

  function schedule(ms) {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      kick();
    }, Math.max(0, ms));
  }

  function start() {
    if (stopped || paused) return Promise.resolve(null);
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    const controller = new AbortController();
    const steal = stealNext;
    stealNext = false;
    again = false;
    const promise = (async () => {
      let result;
      try {
        result = await run({ signal: controller.signal, steal });
      } catch (error) {
        result = { stopped: "unreachable", stored: 0, refused: 0, storedIds: [], error, nextAt: clock.now() + BUSY_RETRY_MS };
      }
      if (current?.controller === controller) current = null;
      onResult(result);
      // An abandoned attempt says nothing about when to go again: the fresh one decides.
      if (stopped || controller.signal.aborted) return result;
      if (again) start();
      else if (result.stopped === "unreachable") schedule((result.nextAt ?? clock.now()) - clock.now());
      else if (result.stopped === "busy") schedule(BUSY_RETRY_MS);
      return result;
    })();
    current = { controller, promise };
    return promise;
  }

  /** Send now. `fresh`: abandon an attempt in progress (and take over from a hung sender). */
  function kick({ fresh = false } = {}) {
    if (stopped || paused) return Promise.resolve(null);
    if (current) {
      if (!fresh) {
        again = true;
        return current.promise;
      }
      current.controller.abort();
      current = null;
    }
    if (fresh) stealNext = true;
    return start();
  }

  /** The page is going away (or into the back-forward cache): give up the attempt in progress
   * now, so its lease is let go of instead of running out, and start none until `resume`.
   * Resolves when the abandoned attempt has finished (its lease let go of). */
  function pause() {
    paused = true;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const attempt = current?.promise ?? Promise.resolve(null);
    current?.controller.abort();
    current = null;
    return attempt;
  }

  function resume() {
    paused = false;
  }

  function stop() {
    stopped = true;
    if (timer !== null) clock.clearTimeout(timer);
    current?.controller.abort();
  }

  return { kick, pause, resume, stop, running: () => current !== null, scheduled: () => timer !== null };
}
