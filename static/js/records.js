// Records for a set kept on the phone with no signal, as tracker/records.py decides them on
// the server (heaviest set, best estimated 1RM up to 10 reps), against the bests the page came
// with and the sets kept since. The server marks the set for good once it syncs.
const section = document.getElementById("log");
const status = document.querySelector(".action-bar [role=status]");

function epley(kg, reps) {
  return reps > 10 ? null : (kg * (30 + reps)) / 30;
}

if (section && status && section.dataset.topLoadKg) {
  let top = Number(section.dataset.topLoadKg);
  let best = section.dataset.bestE1rmKg ? Number(section.dataset.bestE1rmKg) : null;
  document.addEventListener("thrustlog:set-logged", (event) => {
    const { payload, display } = event.detail || {};
    if (!payload) return;
    const estimate = epley(payload.load_kg, payload.reps);
    const found = [];
    if (payload.load_kg > top) found.push("heaviest set");
    if (estimate !== null && best !== null && estimate > best + 1e-6) found.push("best estimated 1RM");
    top = Math.max(top, payload.load_kg);
    if (estimate !== null) best = best === null ? estimate : Math.max(best, estimate);
    const text = `Kept on this phone: ${display.load} ${display.unit} × ${payload.reps}.`;
    const line = document.createElement("p");
    line.className = "message";
    line.textContent = found.length ? `${text} ★ New record: ${found.join(", ")}!` : text;
    status.replaceChildren(line);
  });
}
