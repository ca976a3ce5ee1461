// The rest timer: starts when a set is logged, counts down to the athlete's rest (Settings),
// +30 s or skip, vibrates (and beeps, where the browser allows) at zero. It keeps the end
// time, not a ticking count, in localStorage: a reload, a locked phone or no signal lose nothing.
// It starts at the tap, whether the set is sent at once or kept on the phone (offline/forms.js).
const box = document.getElementById("rest-timer");
const KEY = "thrustlog.rest";
const DONE_SHOWN_MS = 8000;

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

function write(state) {
  if (state) localStorage.setItem(KEY, JSON.stringify(state));
  else localStorage.removeItem(KEY);
}

function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.connect(audio.destination);
    tone.frequency.value = 880;
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch {
    // No sound without a recent tap on some phones: the vibration and the screen still say it.
  }
}

function start(seconds, clientId = null) {
  write({ end: Date.now() + seconds * 1000, alerted: false, client_id: clientId });
  tick();
}

function tick() {
  if (!box) return;
  const state = read();
  const time = box.querySelector("time");
  if (!state) {
    box.hidden = true;
    return;
  }
  const left = state.end - Date.now();
  box.hidden = left < -DONE_SHOWN_MS;
  box.classList.toggle("done", left <= 0);
  box.dataset.left = String(Math.max(0, Math.ceil(left / 1000)));
  box.querySelector(".rest-label").textContent = left > 0 ? "Rest" : "Rest over:";
  time.textContent = left > 0 ? clock(left) : "go";
  if (left <= 0 && !state.alerted) {
    write({ ...state, alerted: true });
    navigator.vibrate?.([200, 100, 200]);
    beep();
  }
  if (left < -DONE_SHOWN_MS) write(null);
}

if (box) {
  const seconds = Number(box.dataset.seconds) || 0;
  // The server's "Set 3 logged" after the phone sent it: the timer started at the tap already.
  const confirmed = document.querySelector(".action-bar .message.set-logged");
  const clientId = [...(confirmed?.classList || [])].find((name) => name.startsWith("client-"))?.slice(7);
  if (confirmed && !(clientId && read()?.client_id === clientId)) start(seconds, clientId);
  document.addEventListener("thrustlog:set-logged", (event) => start(seconds, event.detail?.entry?.client_id));
  box.querySelector('[data-rest="more"]').addEventListener("click", () => {
    const state = read();
    const base = state && state.end > Date.now() ? state.end : Date.now();
    write({ end: base + 30000, alerted: false });
    tick();
  });
  box.querySelector('[data-rest="skip"]').addEventListener("click", () => {
    write(null);
    tick();
  });
  tick();
  setInterval(tick, 250);
}
