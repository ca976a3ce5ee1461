// Web Push in the service worker, imported by /sw.js (one import line): show what the
// server sent (notifications/tasks.py: {title, body, url, tag}) and open its page on a tap.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  const title = message.title || "Thrustlog";
  event.waitUntil(self.registration.showNotification(title, {
    body: message.body || "",
    tag: message.tag || undefined,
    renotify: Boolean(message.tag),
    icon: "/static/img/icons/icon-192.png",
    badge: "/static/img/icons/icon-192.png",
    data: { url: message.url || "/" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || "/", self.location.origin);
  if (target.origin !== self.location.origin) return; // only the app's own pages
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const same = windows.find((client) => new URL(client.url).pathname === target.pathname);
    if (same) return same.focus();
    if (windows.length && "navigate" in windows[0]) {
      const client = await windows[0].navigate(target.href);
      return client?.focus();
    }
    return self.clients.openWindow(target.href);
  })());
});
