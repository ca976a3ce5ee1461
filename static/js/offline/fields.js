// The set form as data: read into the API's body (kilograms, pain list, client_id) and back.
// The checks repeat the server form's (tracker/forms.py) so a set kept offline is rarely refused.


/** "102.5" in kg or lb as kilograms rounded half up to 0.01 (exact, like tracker/units.py). */
export function toKg(text, unit) {
  const [whole, fraction = ""] = text.split(".");
  const digits = BigInt(whole + fraction);
  const scale = 10n ** BigInt(fraction.length);
  const [num, den] = unit === "lb" ? [digits * 45359237n, scale * 1000000n] : [digits * 100n, scale];
  return Number((2n * num + den) / (2n * den)) / 100;
}

/** Today on the phone's own calendar, as an ISO date. */
export function localDate() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const value = (form, name) => String(new FormData(form).get(name) ?? "").trim();
function labelOf(form, name) {
  const label = form.querySelector(`label[for="id_${name}"]`) ||
    form.querySelector(`[name="${name}"]`)?.closest("fieldset")?.querySelector("legend");
  return (label?.textContent || name).trim();
}

export function readSet(form) {
  const errors = [];
  const unit = /\((lb|kg)\)/.exec(labelOf(form, "load") || "")?.[1] || "kg";
  const load = value(form, "load").replace(",", ".");
  const places = unit === "kg" ? 2 : 1;
  if (!/^\d+(\.\d+)?$/.test(load)) errors.push("Enter the load as a number, e.g. 102.5 or 102,5.");
  else if ((load.split(".")[1] || "").length > places) {
    errors.push(`Use at most ${places} decimal place(s) in ${unit}.`);
  }
  const reps = Number(value(form, "reps"));
  if (!Number.isInteger(reps) || reps < 1) errors.push("A set has at least 1 rep.");
  const setup = {};
  for (const name of ["exercise", "foot_distance", "stance_width", "padding", "equipment"]) {
    setup[name] = value(form, name);
    if (!setup[name]) errors.push(`Choose: ${labelOf(form, name)}.`);
  }
  const exerciseName = value(form, "exercise_name");
  if (setup.exercise === "other" && !exerciseName) errors.push("Name the exercise.");
  const pain = [];
  const hurt = [];
  for (const box of form.querySelectorAll('input[name^="hurt_"]:checked')) {
    const region = box.name.slice("hurt_".length);
    const label = box.closest("label")?.textContent.trim() || region;
    const score = value(form, `score_${region}`);
    if (!score) errors.push(`Give ${label.toLowerCase()} a score from 1 to 10.`);
    pain.push({
      region,
      score: Number(score),
      character: value(form, `character_${region}`),
      side: value(form, `side_${region}`),
    });
    hurt.push(`${label} ${score}/10`);
  }
  const rir = value(form, "rir");
  const payload = {
    load_kg: errors.length ? 0 : toKg(load, unit),
    reps,
    rir: rir === "" ? null : Number(rir),
    ...setup,
    exercise_name: exerciseName,
    pain,
    client_id: value(form, "client_id") || crypto.randomUUID(),
  };
  return { errors, payload, display: { load, unit, hurt } };
}

export function fillForm(form, entry) {
  const { payload, display } = entry;
  form.elements.load.value = display.load;
  form.elements.reps.value = payload.reps;
  form.elements.client_id.value = payload.client_id;
  if (form.elements.exercise_name) form.elements.exercise_name.value = payload.exercise_name || "";
  const choose = (name, chosen) => {
    for (const input of form.querySelectorAll(`input[name="${name}"]`)) {
      input.checked = input.value === String(chosen ?? "");
    }
    const select = form.querySelector(`select[name="${name}"]`);
    if (select) select.value = chosen;
  };
  choose("rir", payload.rir);
  for (const name of ["exercise", "foot_distance", "stance_width", "padding", "equipment"]) {
    choose(name, payload[name]);
  }
  for (const box of form.querySelectorAll('input[name^="hurt_"]')) {
    const region = box.name.slice("hurt_".length);
    const felt = payload.pain.find((p) => p.region === region);
    box.checked = Boolean(felt);
    choose(`score_${region}`, felt?.score);
    choose(`character_${region}`, felt?.character);
    choose(`side_${region}`, felt?.side);
  }
  if (payload.pain.length) form.querySelector("details.pain")?.setAttribute("open", "");
}

export function clearPain(form) {
  for (const input of form.querySelectorAll('input[name^="hurt_"], .region-detail input')) {
    input.checked = false;
  }
}
