// Settings > Notifications: turn Web Push on or off in this browser. Subscribes through the
// service worker's PushManager with the server's key, then tells the server
// (POST /api/v1/push-subscriptions/); off unsubscribes and tells it too. Without this file
// (or without push in the browser) the page still saves the choices, and e-mail is used.
const on = document.getElementById("push-on");
const off = document.getElementById("push-off");
const status = document.getElementById("push-status");
const csrf = document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";

function keyBytes(base64url) {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok && response.status !== 404) throw new Error(`${response.status}`);
  return response.status === 204 || response.status === 404 ? null : response.json();
}

function show(subscribed) {
  on.hidden = subscribed;
  off.hidden = !subscribed;
}

async function registration() {
  return navigator.serviceWorker.ready;
}

async function turnOn() {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    status.textContent = "Notifications are blocked for this site: allow them in the browser's site settings.";
    return;
  }
  const worker = await registration();
  const subscription = await worker.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(on.dataset.key),
  });
  await api("POST", "/api/v1/push-subscriptions/", subscription.toJSON());
  status.textContent = "Notifications are on for this phone.";
  show(true);
}

async function turnOff() {
  const worker = await registration();
  const subscription = await worker.pushManager.getSubscription();
  if (subscription) {
    const mine = (await api("GET", "/api/v1/push-subscriptions/")) || [];
    const stored = mine.find((s) => s.endpoint === subscription.endpoint);
    if (stored) await api("DELETE", `/api/v1/push-subscriptions/${stored.id}/`);
    await subscription.unsubscribe();
  }
  status.textContent = "Notifications are off for this phone.";
  show(false);
}

async function start() {
  if (!on || !("serviceWorker" in navigator) || !("PushManager" in window)) {
    if (status && on) status.textContent = "This browser cannot show notifications from a website. E-mail is used instead.";
    return;
  }
  const worker = await registration();
  const subscription = await worker.pushManager.getSubscription();
  show(Boolean(subscription));
  const guard = (action) => async () => {
    on.disabled = off.disabled = true;
    try {
      await action();
    } catch (error) {
      status.textContent = `That did not work (${error.message || error}). Try again in a moment.`;
    } finally {
      on.disabled = off.disabled = false;
    }
  };
  on.addEventListener("click", guard(turnOn));
  off.addEventListener("click", guard(turnOff));
}

start();
