// Progressive enhancement for the set form: every form also works without this file.
import { describe, stepLoad } from "./plates.js";

document.documentElement.classList.add("js");

// After a set is logged the page comes back at #log: show the form from its top (steppers
// above, the action bar below), not wherever the browser last was (reloads restore the scroll).
if ("scrollRestoration" in history) history.scrollRestoration = "manual";
if (location.hash === "#log") document.getElementById("log")?.scrollIntoView({ block: "start" });

// Steppers: reps by 1; the load by the smallest pair of plates owned, onto loads the plates
// make (253.5 lb + goes to 255, not 258.5). Never below zero.
for (const button of document.querySelectorAll("button.step")) {
  button.addEventListener("click", () => {
    const input = document.getElementById(button.dataset.target);
    const delta = Number(button.dataset.delta);
    if (input.dataset.bar) {
      input.value = stepLoad(input.value, input, delta);
    } else {
      const step = Number(input.dataset.step || 1);
      const current = Number(String(input.value).replace(",", ".")) || 0;
      input.value = String(Math.round(Math.max(0, current + delta * step) * 100) / 100);
    }
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

// The plate line follows the load and the equipment (barbell only).
const load = document.querySelector("input[data-bar]");
const plateLine = document.getElementById("plates-line");
function redrawPlates() {
  const form = load.form;
  const barbell = new FormData(form).get("equipment") === "barbell";
  const text = barbell ? describe(load.value, load) : "";
  plateLine.textContent = text;
  plateLine.hidden = !text;
}
if (load && plateLine) {
  load.addEventListener("input", redrawPlates);
  for (const chip of load.form.querySelectorAll('input[name="equipment"]')) {
    chip.addEventListener("change", redrawPlates);
  }
}

// Unticking a region forgets its score, so a hidden choice is never sent by mistake.
for (const toggle of document.querySelectorAll(".region-toggle input")) {
  toggle.addEventListener("change", () => {
    if (toggle.checked) return;
    for (const radio of toggle.closest(".region").querySelectorAll(".region-detail input")) {
      radio.checked = false;
    }
  });
}

// Choosing a score ticks its region: the score alone says it hurt.
for (const radio of document.querySelectorAll(".region-detail input")) {
  radio.addEventListener("change", () => {
    const toggle = radio.closest(".region").querySelector(".region-toggle input");
    if (radio.checked) toggle.checked = true;
  });
}
