// What the phone knows that the page it was served with does not: sets still waiting in the
// outbox count for records, "last time" and the rest timer (rest.js) as they will once sent.
// Records as tracker/records.py decides them (heaviest set, best estimated 1RM up to 10 reps),
// against the bests the page came with and the sets kept since; the server marks the set for
// good once it syncs.
import { outbox, user } from "./offline/client.js";

const section = document.getElementById("log");
const status = document.querySelector(".action-bar [role=status]");
const form = section?.querySelector("form.set-form");

function epley(kg, reps) {
  return reps > 10 ? null : (kg * (30 + reps)) / 30;
}

const exerciseOf = (payload) => `${payload.exercise}|${payload.exercise === "other" ? payload.exercise_name || "" : ""}`;
const formExercise = () => {
  const data = new FormData(form);
  return exerciseOf({ exercise: data.get("exercise") || "hip_thrust", exercise_name: data.get("exercise_name") || "" });
};

function shortLine(entries) {
  const groups = [];
  for (const { display, payload } of entries) {
    const load = `${display.load} ${display.unit}`;
    if (groups.length && groups[groups.length - 1][0] === load) groups[groups.length - 1][1].push(payload.reps);
    else groups.push([load, [payload.reps]]);
  }
  return groups.map(([load, reps]) => `${load} × ${reps.join(", ")}`).join(" · ");
}

/** "Last time" from the phone: a more recent session of this exercise whose sets still wait. */
function showLastTime(waiting) {
  const list = document.querySelector("dl.last-time");
  const here = section.dataset.sessionDate;
  if (!list || !here) return;
  const exercise = formExercise();
  const earlier = waiting.filter((e) => e.session_date && e.session_date < here && exerciseOf(e.payload) === exercise &&
    e.session_date > (list.dataset.date || ""));
  if (!earlier.length) return;
  const latest = earlier.reduce((a, b) => (b.session_date > a.session_date ? b : a)).session_date;
  const sets = earlier.filter((e) => e.session_date === latest).sort((a, b) => a.seq - b.seq);
  const row = list.querySelector(".last-time-row");
  const when = new Date(`${latest}T12:00`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" });
  row.querySelector("dt").replaceChildren("Last time ", Object.assign(document.createElement("span"), { className: "muted", textContent: `${when}, waiting to sync` }));
  row.querySelector("dd").textContent = shortLine(sets);
  row.hidden = false;
  list.hidden = false;
}

if (section && form && outbox) {
  let top = section.dataset.topLoadKg ? Number(section.dataset.topLoadKg) : null;
  let best = section.dataset.bestE1rmKg ? Number(section.dataset.bestE1rmKg) : null;
  const beat = (payload) => {
    const estimate = epley(payload.load_kg, payload.reps);
    const found = [];
    // As tracker/records.py: no record on the exercise's first set ever, nor at no load.
    if (top !== null && payload.load_kg > 0) {
      if (payload.load_kg > top) found.push("heaviest set");
      if (estimate !== null && best !== null && estimate > best + 1e-6) found.push("best estimated 1RM");
    }
    top = Math.max(top ?? 0, payload.load_kg);
    if (estimate !== null) best = best === null ? estimate : Math.max(best, estimate);
    return found;
  };
  const waiting = (await outbox.all()).filter((e) => e.kind === "set" && String(e.user) === String(user) && e.state !== "refused");
  // Sets kept earlier (here or in an older session) are in the bests the next set must beat.
  for (const entry of waiting.sort((a, b) => a.seq - b.seq)) {
    if (exerciseOf(entry.payload) === formExercise()) beat(entry.payload);
  }
  showLastTime(waiting);

  document.addEventListener("thrustlog:set-logged", async (event) => {
    const { payload, display, entry } = event.detail || {};
    if (!payload) return;
    const found = exerciseOf(payload) === formExercise() ? beat(payload) : [];
    if (entry && found.length) await outbox.update(entry.seq, { record: `Record: ${found.join(", ")}` });
    if (!status) return;
    const text = `Kept on this phone: ${display.load} ${display.unit} × ${payload.reps}.`;
    const line = document.createElement("p");
    line.className = "message";
    line.textContent = found.length ? `${text} ★ New record: ${found.join(", ")}!` : text;
    status.replaceChildren(line);
  });
}
