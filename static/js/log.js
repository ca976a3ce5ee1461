// Progressive enhancement for the set form: every form also works without this file.
document.documentElement.classList.add("js");

// After a set is logged the page comes back at #log: show the form from its top (steppers
// above, the action bar below), not wherever the browser last was (reloads restore the scroll).
if ("scrollRestoration" in history) history.scrollRestoration = "manual";
if (location.hash === "#log") document.getElementById("log")?.scrollIntoView({ block: "start" });

// Steppers: +/- by the field's data-step (2.5 kg, 5 lb, 1 rep), never below zero.
for (const button of document.querySelectorAll("button.step")) {
  button.addEventListener("click", () => {
    const input = document.getElementById(button.dataset.target);
    const step = Number(input.dataset.step || 1);
    const current = Number(String(input.value).replace(",", ".")) || 0;
    const next = Math.max(0, current + Number(button.dataset.delta) * step);
    input.value = String(Math.round(next * 100) / 100);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
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
